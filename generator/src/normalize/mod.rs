//! From the OpenAPI document to the [model](crate::model), in named passes:
//!
//! 1. `reserve_components`: every component schema gets its id and Rust name before any is
//!    converted, so forward and cyclic references resolve without special cases.
//! 2. `schema`: component schemas become type definitions; inline schemas that need a name get
//!    one from their context.
//! 3. `operations`: paths, parameters, bodies, responses and security requirements.
//! 4. `items`: the Rust names of the client's and server's own items (methods, tag traits,
//!    each operation's types), claimed beside the names the generated crates reserve.
//! 5. `tagging`: how each union's variants are told apart, from what the variant types declare.
//! 6. `defaults`: optional properties whose default their type can hold are filled in.
//! 7. `cycles`: fields that close a cycle of directly contained types are boxed.
//!
//! Problems are collected, not thrown: one run reports every problem it can find. Each one
//! refuses only the part it is about (a schema becomes `serde_json::Value`, an operation is
//! left out) and says so, so the rest of the API still generates; callers decide whether any
//! diagnostic is fatal (`--strict`).

mod cycles;
mod defaults;
mod items;
mod merge;
mod operations;
mod schema;
mod styles;
mod tagging;

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::load::{Loaded, Origins, OtherMethods};
use crate::model::{Api, Info, Tag, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Scope};
use openapiv3::OpenAPI;
use std::collections::{HashMap, HashSet};

/// Normalizes a loaded document into the model, with every problem found on the way (its
/// load warnings aside). Every pointer, in the model and in the diagnostics, is moved back by
/// its origins into the document as written.
pub fn normalize(loaded: &Loaded) -> (Api, Diagnostics) {
    let Loaded {
        document: doc,
        webhooks,
        methods,
        origins,
        ..
    } = loaded;
    let mut cx = Normalizer::new(doc, methods);
    cx.reserve_components();
    cx.convert_components();
    let mut security_schemes = cx.security_schemes();
    let (mut operations, mut webhooks) = cx.operations(webhooks, &security_schemes);
    for (i, op) in operations.iter().enumerate() {
        cx.tags[op.tag].operations.push(i);
    }
    for (i, hook) in webhooks.iter().enumerate() {
        cx.tags[hook.tag].webhooks.push(i);
    }
    cx.claim_items(&mut security_schemes, &mut operations, &mut webhooks);
    let error_body = cx.error_body();
    let mut types = cx.types;
    tagging::tag_unions(&mut types);
    defaults::mark_filled(&mut types);
    cycles::mark_boxed(&mut types);
    let mut api = Api {
        info: Info {
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            summary: extension_text(&doc.info.extensions, crate::load::SUMMARY),
            description: prose(&doc.info.description),
            license: doc
                .info
                .license
                .as_ref()
                .and_then(|l| extension_text(&l.extensions, crate::load::SPDX)),
        },
        servers: doc.servers.iter().map(|s| s.url.clone()).collect(),
        tags: cx.tags,
        types,
        operations,
        webhooks,
        security_schemes,
        error_body,
    };
    restore_pointers(&mut api, origins);
    let diags = cx.diags.0.into_iter().map(|d| origins.restore(d));
    (api, Diagnostics(diags.collect()))
}

fn restore_pointers(api: &mut Api, origins: &Origins) {
    if origins.is_empty() {
        return;
    }
    for def in &mut api.types {
        def.pointer = origins.original(&def.pointer);
    }
    for op in api.operations.iter_mut().chain(&mut api.webhooks) {
        op.pointer = origins.original(&op.pointer);
        for param in &mut op.params {
            param.pointer = origins.original(&param.pointer);
        }
    }
}

/// The state of one normalization run.
struct Normalizer<'a> {
    doc: &'a OpenAPI,
    /// The operations of methods a 3.0 path item has no field for.
    methods: &'a OtherMethods,
    types: Vec<TypeDef>,
    /// Type names: component names are required, inline names suggested.
    type_names: Scope,
    /// Component schema key -> its reserved type.
    components: HashMap<&'a str, TypeId>,
    /// Inline schemas already named, by location: a response or parameter component used by
    /// several operations yields one type, not one per use.
    inline: HashMap<Pointer, TypeId>,
    /// Inline string enums, by their values (see `shared_enum`).
    enums: HashMap<Vec<String>, TypeId>,
    /// The references into component schemas being resolved (see `inner_ref`).
    open_refs: HashSet<Pointer>,
    tags: Vec<Tag>,
    diags: Diagnostics,
}

impl<'a> Normalizer<'a> {
    fn new(doc: &'a OpenAPI, methods: &'a OtherMethods) -> Self {
        let tags = doc
            .tags
            .iter()
            .map(|t| new_tag(&t.name, prose(&t.description)))
            .collect();
        Normalizer {
            doc,
            methods,
            types: Vec::new(),
            type_names: Scope::default(),
            components: HashMap::new(),
            inline: HashMap::new(),
            enums: HashMap::new(),
            open_refs: HashSet::new(),
            tags,
            diags: Diagnostics::default(),
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    /// Pass 1: an id and a name for every component schema.
    fn reserve_components(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        let keys: Vec<&'a str> = components.schemas.keys().map(String::as_str).collect();
        let idents = component_idents(&keys);
        let base = Pointer::root().push("components").push("schemas");
        for (key, ident) in keys.into_iter().zip(idents) {
            let pointer = base.push(key);
            let (ident, collision) = self.type_names.require(&ident, key, &pointer);
            self.diags.extend(collision);
            let id = self.push_type(ident, Some(key.to_owned()), pointer);
            self.components.insert(key, id);
        }
    }

    /// Adds a type with a placeholder kind, filled in once its schema is converted.
    fn push_type(
        &mut self,
        ident: String,
        schema_name: Option<String>,
        pointer: Pointer,
    ) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            id,
            ident,
            schema_name,
            pointer,
            description: None,
            example: None,
            kind: TypeKind::Alias(TypeRef::Any),
        });
        id
    }

    /// The index of a tag, added on first use.
    fn tag_index(&mut self, name: &str) -> usize {
        if let Some(i) = self.tags.iter().position(|t| t.name == name) {
            return i;
        }
        self.tags.push(new_tag(name, None));
        self.tags.len() - 1
    }

    /// The type the `x-error-schema` extension declares as the API's error body.
    fn error_body(&mut self) -> Option<TypeRef> {
        let value = self.doc.extensions.get("x-error-schema")?;
        let pointer = Pointer::root().push("x-error-schema");
        match value.get("$ref").and_then(|r| r.as_str()) {
            Some(reference) => Some(self.schema_ref(reference, &pointer)),
            None => {
                self.report(
                    Diagnostic::new(
                        &pointer,
                        "`x-error-schema` must be a `$ref` to a component schema",
                        "write `x-error-schema: {$ref: '#/components/schemas/Error'}`",
                    )
                    .instead("used no API-wide error body"),
                );
                None
            }
        }
    }
}

fn new_tag(name: &str, description: Option<String>) -> Tag {
    Tag {
        name: name.to_owned(),
        ident: naming::type_ident(name),
        receiver: naming::type_ident(&format!("{name} webhooks")),
        page: naming::page_stem(name),
        description,
        operations: Vec::new(),
        webhooks: Vec::new(),
    }
}

/// Rust names for component schema keys. A dotted key (`codersdk.Workspace`) drops its
/// prefix (`Workspace`) unless another key would then get the same name.
fn component_idents(keys: &[&str]) -> Vec<String> {
    let short = |key: &str| naming::schema_type_ident(key.rsplit('.').next().unwrap_or(key));
    let mut counts: HashMap<String, usize> = HashMap::new();
    for key in keys {
        *counts.entry(short(key)).or_default() += 1;
    }
    keys.iter()
        .map(|key| {
            let candidate = short(key);
            if counts[&candidate] == 1 {
                candidate
            } else {
                naming::schema_type_ident(key)
            }
        })
        .collect()
}

/// A summary or description as the model keeps it: trimmed (YAML block scalars end in a line
/// break), and `None` when blank, so that renderers can rely on "some text" meaning something
/// to show.
fn prose(text: &Option<String>) -> Option<String> {
    let text = text.as_deref()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The text of an extension the load stage wrote, as [`prose`].
fn extension_text(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
    key: &str,
) -> Option<String> {
    prose(&extensions.get(key)?.as_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::component_idents;

    #[test]
    fn dotted_prefix_dropped_only_where_unique() {
        let idents = component_idents(&["codersdk.Workspace", "a.User", "b.User", "Plain"]);
        assert_eq!(idents, ["Workspace", "AUser", "BUser", "Plain"]);
    }
}
