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

mod checks;
mod cycles;
mod defaults;
mod headers;
mod items;
mod merge;
mod operations;
mod parts;
mod refs;
mod schema;
mod selection;
mod styles;
mod tagging;

pub use selection::Selection;

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::load::{Loaded, Origins, OtherMethods};
use crate::model::{Api, Info, Tag, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Scope};
use openapiv3::{OpenAPI, ReferenceOr};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a user's config decides about the model: the part of the API to generate, the types
/// of the user's that stand for schemas, and the API's error body.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub selection: Selection,
    /// Component schema names and the Rust paths that replace them.
    pub replace: BTreeMap<String, String>,
    /// The component schema of the API's error body, by name, instead of the document's
    /// `x-error-schema`.
    pub error_schema: Option<String>,
    /// Leave the document's constraints out of the model (the config's `checks = false`): no
    /// type or operation has any to check.
    pub unchecked: bool,
}

/// Normalizes a loaded document into the model, with every problem found on the way (its
/// load warnings aside). Every pointer, in the model and in the diagnostics, is moved back by
/// its origins into the document as written.
pub fn normalize(loaded: &Loaded) -> (Api, Diagnostics) {
    normalize_with(loaded, &Settings::default())
}

/// [`normalize`] as a config's `settings` ask.
pub fn normalize_with(loaded: &Loaded, settings: &Settings) -> (Api, Diagnostics) {
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
    let error_body = match &settings.error_schema {
        Some(name) => cx.configured_error_body(name),
        None => cx.error_body(),
    };
    cx.replace_schemas(&settings.replace);
    let mut types = cx.types;
    tagging::tag_unions(&mut types);
    defaults::mark_filled(&mut types);
    match settings.unchecked {
        true => checks::clear(&mut types, operations.iter_mut().chain(&mut webhooks)),
        false => {
            checks::fit(&mut types);
            checks::fit_operations(&types, &mut operations);
            checks::fit_operations(&types, &mut webhooks);
        }
    }
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
    selection::apply(&mut api, settings, &mut cx.diags);
    restore_pointers(&mut api, origins);
    let diags = cx.diags.0.into_iter().map(|d| origins.restore(d));
    (api, once_each(diags))
}

/// The diagnostics, each said once: a shared component (a parameter, a response) is read at
/// every use, and what is wrong with it is wrong once, at the component.
fn once_each(diags: impl Iterator<Item = Diagnostic>) -> Diagnostics {
    let mut seen = HashSet::new();
    let unique = diags.filter(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    Diagnostics(unique.collect())
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
    /// The formats of other ecosystems reported (see `scalar`): once per name, for the
    /// whole document.
    foreign_formats: HashSet<String>,
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
            foreign_formats: HashSet::new(),
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
            replacement: None,
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

    /// The component schema the config names as the API's error body.
    fn configured_error_body(&mut self, name: &str) -> Option<TypeRef> {
        if let Some(&id) = self.components.get(name) {
            return Some(TypeRef::Named(id));
        }
        self.report(
            Diagnostic::new(
                &Pointer::root().push("components").push("schemas"),
                format!(
                    "the config's `error-schema` names `{name}`, which is not a component schema"
                ),
                "name a key of #/components/schemas in openapi-gen.toml",
            )
            .instead("used no API-wide error body"),
        );
        None
    }

    /// Marks the component schemas a type of the user's stands for: those the config's
    /// `replace` names, and those with an `x-rust-type` extension (a path, or an object with
    /// a `path`, as progenitor writes it). The config wins where both say. Only a Rust path
    /// is kept, whichever said it.
    fn replace_schemas(&mut self, configured: &BTreeMap<String, String>) {
        let base = Pointer::root().push("components").push("schemas");
        let mut replacements = self.rust_type_extensions(&base);
        for (name, path) in configured {
            replacements.retain(|(key, ..)| key != name);
            replacements.push((name, path.clone(), base.clone()));
        }
        for (name, path, pointer) in replacements {
            if syn::parse_str::<syn::Path>(&path).is_err() {
                self.report(
                    Diagnostic::new(
                        &pointer,
                        format!("`{path}`, the type that replaces `{name}`, is not a Rust path"),
                        "write the type's path (`my_crate::Pet`); in `x-rust-type`, a string \
                         or `{path: my_crate::Pet}`",
                    )
                    .instead("generated the schema's own type"),
                );
                continue;
            }
            match self.components.get(name) {
                Some(&id) => self.types[id.0].replacement = Some(path),
                None => self.report(
                    Diagnostic::new(
                        &pointer,
                        format!(
                            "the config's `replace` names `{name}`, which is not a component schema"
                        ),
                        "name a key of #/components/schemas in openapi-gen.toml",
                    )
                    .instead("replaced nothing"),
                ),
            }
        }
    }

    /// The component schemas with an `x-rust-type` extension: the key, the path it gives
    /// (empty when it gives none), and where it is written.
    fn rust_type_extensions(&self, base: &Pointer) -> Vec<(&'a str, String, Pointer)> {
        let doc = self.doc;
        let schemas = doc.components.iter().flat_map(|c| &c.schemas);
        let items = schemas.filter_map(|(key, schema)| match schema {
            ReferenceOr::Item(schema) => {
                Some((key, schema.schema_data.extensions.get("x-rust-type")?))
            }
            ReferenceOr::Reference { .. } => None,
        });
        items
            .map(|(key, value)| {
                let path = match value {
                    Value::String(path) => Some(path.as_str()),
                    Value::Object(fields) => fields.get("path").and_then(Value::as_str),
                    _ => None,
                };
                let pointer = base.push(key).push("x-rust-type");
                (key.as_str(), path.unwrap_or_default().to_owned(), pointer)
            })
            .collect()
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
