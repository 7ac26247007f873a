//! The part of the API a user asked for (the config's `filter`): the operations kept by tag
//! and operationId, and then only the types they reach, so a client of three operations does
//! not carry the types of three hundred.

use super::Settings;
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::{Api, Operation, TypeId, TypeRef};

/// Which operations to keep: by the name of the operation's tag and by its operationId. An
/// operation is kept when every include list that is given names it and no exclude list does.
/// It is the config's `[filter]` table as written.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Selection {
    pub tags: Option<Vec<String>>,
    pub exclude_tags: Vec<String>,
    pub operations: Option<Vec<String>>,
    pub exclude_operations: Vec<String>,
}

impl Selection {
    /// Whether the selection keeps everything (the default).
    pub fn is_all(&self) -> bool {
        *self == Selection::default()
    }

    fn keeps(&self, tag: &str, op: &Operation) -> bool {
        let named = |list: &[String], name: &str| list.iter().any(|n| n == name);
        self.tags.as_deref().is_none_or(|tags| named(tags, tag))
            && self
                .operations
                .as_deref()
                .is_none_or(|ids| named(ids, &op.id))
            && !named(&self.exclude_tags, tag)
            && !named(&self.exclude_operations, &op.id)
    }
}

/// Keeps the operations and webhooks `settings` select and the types they reach (through
/// parameters, bodies, responses and the API's error body; through a replaced type too, as
/// the docs still describe its schema). A name in the selection that nothing in the document has is a
/// warning: a typo there would otherwise silently generate nothing.
pub(super) fn apply(api: &mut Api, settings: &Settings, diags: &mut Diagnostics) {
    let selection = &settings.selection;
    if selection.is_all() {
        return;
    }
    unknown_names(api, selection, diags);
    let tags: Vec<String> = api.tags.iter().map(|t| t.name.clone()).collect();
    api.operations
        .retain(|op| selection.keeps(&tags[op.tag], op));
    api.webhooks.retain(|op| selection.keeps(&tags[op.tag], op));
    for tag in &mut api.tags {
        tag.operations.clear();
        tag.webhooks.clear();
    }
    for (i, op) in api.operations.iter().enumerate() {
        api.tags[op.tag].operations.push(i);
    }
    for (i, hook) in api.webhooks.iter().enumerate() {
        api.tags[hook.tag].webhooks.push(i);
    }
    keep_reached_types(api);
}

/// Warns of each tag and operationId in the selection that the document does not have.
fn unknown_names(api: &Api, selection: &Selection, diags: &mut Diagnostics) {
    let all = api.operations.iter().chain(&api.webhooks);
    let ids: Vec<&str> = all.map(|op| op.id.as_str()).collect();
    let tags: Vec<&str> = api.tags.iter().map(|t| t.name.as_str()).collect();
    let lists = [
        ("tags", selection.tags.as_deref().unwrap_or_default(), &tags),
        ("exclude-tags", &selection.exclude_tags, &tags),
        (
            "operations",
            selection.operations.as_deref().unwrap_or_default(),
            &ids,
        ),
        ("exclude-operations", &selection.exclude_operations, &ids),
    ];
    for (key, names, known) in lists {
        for name in names.iter().filter(|n| !known.contains(&n.as_str())) {
            diags.push(
                Diagnostic::new(
                    &Pointer::root(),
                    format!("the config's `filter.{key}` names `{name}`, which the document does not have"),
                    "correct the name in openapi-gen.toml, or remove it",
                )
                .instead("the name selects nothing"),
            );
        }
    }
}

/// Removes the types the kept operations do not reach, and renumbers the others.
fn keep_reached_types(api: &mut Api) {
    let mut reached = vec![false; api.types.len()];
    // The operations are borrowed apart from the types, so that one list of an operation's
    // types (`type_refs_mut`) serves both passes.
    let Api {
        types,
        operations,
        webhooks,
        error_body,
        ..
    } = &mut *api;
    let mut pending: Vec<&TypeRef> = error_body.iter().collect();
    for op in operations.iter_mut().chain(webhooks.iter_mut()) {
        pending.extend(op.type_refs_mut().into_iter().map(|ty| &*ty));
    }
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Named(id) if !reached[id.0] => {
                reached[id.0] = true;
                pending.extend(types[id.0].kind.children());
            }
            TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => {
                pending.push(item)
            }
            TypeRef::Tuple(items) => pending.extend(items),
            _ => {}
        }
    }
    let mut new_ids = Vec::with_capacity(reached.len());
    let mut next = 0;
    for &kept in &reached {
        new_ids.push(kept.then_some(TypeId(next)));
        next += usize::from(kept);
    }
    api.types.retain(|def| reached[def.id.0]);
    let mut refs: Vec<&mut TypeRef> = api.error_body.iter_mut().collect();
    for def in &mut api.types {
        def.id = new_ids[def.id.0].unwrap_or(def.id);
        refs.extend(def.kind.children_mut());
    }
    for op in api.operations.iter_mut().chain(&mut api.webhooks) {
        refs.extend(op.type_refs_mut());
    }
    for ty in refs {
        renumber(ty, &new_ids);
    }
}

/// Points a type expression at the types' new ids. A type that a kept type refers to was
/// reached too, so every id it names is kept.
fn renumber(ty: &mut TypeRef, new_ids: &[Option<TypeId>]) {
    match ty {
        TypeRef::Named(id) => *id = new_ids[id.0].unwrap_or(*id),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => {
            renumber(item, new_ids)
        }
        TypeRef::Tuple(items) => items.iter_mut().for_each(|item| renumber(item, new_ids)),
        _ => {}
    }
}
