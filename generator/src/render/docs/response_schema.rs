//! The Response Schema section of an operation: for each response whose schema is written in
//! place and is not a scalar (an array of a component, an inline object), its structure as
//! rows, read from the dereferenced schema. Unlike `schemas.md`, which shows what a schema
//! writes itself and links the rest, this section spells out every schema it reaches:
//! `[array item]` first, then each property, `»` once per level, `[any property]` for a map's
//! values, and the enum values of every row in the order the rows come. A type is spelled
//! out once per response and at most [`MAX_DEPTH`] levels down; further rows link it.

use super::markdown::Table;
use super::spelling::{Spelling, code, depth_marker, push_described, type_text};
use crate::model::{Api, Field, Response, Struct, TypeId, TypeKind, TypeRef};
use std::collections::HashSet;

/// Rows this many levels down show no rows inside them. Coder's pages go five levels deep and
/// never spell out one type twice in a response; a document whose schemas refer to each other
/// widely would otherwise repeat the same types at every depth (Argo CD's application sets
/// reach 16 levels), so a type is spelled out once per response and no deeper than this.
const MAX_DEPTH: usize = 6;

/// The rows of one response.
pub(super) struct ResponseSchema {
    pub(super) status: String,
    pub(super) rows: Table,
    pub(super) enums: Option<Table>,
}

impl ResponseSchema {
    /// The section's part for `response`, or `None` when its schema is a component (the
    /// responses table links it), a scalar, missing, or has no rows.
    pub(super) fn of(api: &Api, response: &Response) -> Option<Self> {
        let ty = response.content.as_ref()?.ty.as_ref()?;
        if !written_in_place(api, ty) {
            return None;
        }
        let mut rows = Rows::new(api);
        match ty.non_null() {
            array @ (TypeRef::Array(_) | TypeRef::Tuple(_)) => {
                rows.row(0, &Name::ArrayItem, array, false, None, &[])
            }
            other => rows.inside(0, other),
        }
        // A schema with nothing to list (a free-form object) gets no section, rather than a
        // heading with nothing under it.
        if rows.properties.is_empty() {
            return None;
        }
        Some(ResponseSchema {
            status: response.status.to_string(),
            rows: rows.properties,
            enums: (!rows.enums.is_empty()).then_some(rows.enums),
        })
    }
}

/// Whether a response schema gets rows: it is neither a reference to a component nor a
/// scalar.
fn written_in_place(api: &Api, ty: &TypeRef) -> bool {
    match ty.non_null() {
        TypeRef::Named(id) => {
            let def = api.ty(*id);
            def.schema_name.is_none() && !matches!(def.kind, TypeKind::Enum(_))
        }
        TypeRef::Array(_) | TypeRef::Tuple(_) | TypeRef::Map(_) | TypeRef::Object => true,
        TypeRef::Scalar(_) | TypeRef::Any | TypeRef::Nullable(_) => false,
    }
}

/// How a row names what it describes.
enum Name<'a> {
    Property(&'a str),
    /// A map's values.
    AnyProperty,
    /// The response's array itself.
    ArrayItem,
}

impl Name<'_> {
    fn text(&self) -> &str {
        match self {
            Name::Property(name) => name,
            Name::AnyProperty => "[any property]",
            Name::ArrayItem => "[array item]",
        }
    }

    /// The name as widdershins keeps it: what the description rule words from.
    fn raw(&self) -> &str {
        match self {
            Name::Property(name) => name,
            Name::AnyProperty => "**additionalProperties**",
            Name::ArrayItem => "*anonymous*",
        }
    }
}

struct Rows<'a> {
    api: &'a Api,
    properties: Table,
    enums: Table,
    /// The named types already spelled out in this response: one met again is a row
    /// without rows inside, as its link leads to them.
    expanded: HashSet<TypeId>,
}

impl<'a> Rows<'a> {
    fn new(api: &'a Api) -> Self {
        Rows {
            api,
            properties: Table::new(&["Name", "Type", "Required", "Restrictions", "Description"]),
            enums: Table::new(&["Property", "Value"]),
            expanded: Default::default(),
        }
    }

    /// One row, its enum values, then the rows of what its type holds, a level deeper.
    fn row(
        &mut self,
        depth: usize,
        name: &Name<'_>,
        ty: &TypeRef,
        required: bool,
        text: Option<&str>,
        enum_values: &[String],
    ) {
        let marker = depth_marker(depth);
        let text = text.or_else(|| match ty.non_null() {
            TypeRef::Named(id) => self.api.ty(*id).description.as_deref(),
            _ => None,
        });
        let cells = [
            code(&format!("{marker}{}", name.text())),
            self.cell(ty),
            required.to_string(),
            String::new(),
        ];
        let display = format!("{marker}{}", name.raw());
        push_described(&mut self.properties, cells, text, &display);
        let values = match enum_values {
            [] => self.enum_values(ty),
            given => given.to_vec(),
        };
        for value in values {
            self.enums.push(&[code(name.text()), code(&value)]);
        }
        self.inside(depth + 1, ty);
    }

    /// The rows of what `ty` holds: an object's properties, a map's values; an array's item
    /// adds no row of its own.
    fn inside(&mut self, depth: usize, ty: &TypeRef) {
        if depth >= MAX_DEPTH {
            return;
        }
        match ty {
            TypeRef::Nullable(inner) | TypeRef::Array(inner) => self.inside(depth, inner),
            TypeRef::Map(value) => self.row(depth, &Name::AnyProperty, value, false, None, &[]),
            // A type met again (inside itself, or elsewhere in the response) is a link only.
            TypeRef::Named(id) if self.expanded.insert(*id) => {
                let api = self.api;
                match &api.ty(*id).kind {
                    TypeKind::Struct(s) => self.structure(depth, s),
                    TypeKind::Alias(target) => self.inside(depth, target),
                    TypeKind::Enum(_) | TypeKind::Union(_) => {}
                }
            }
            _ => {}
        }
    }

    fn structure(&mut self, depth: usize, s: &Struct) {
        for f in &s.fields {
            let Field {
                name,
                ty,
                presence,
                description,
                enum_values,
                ..
            } = f;
            let name = Name::Property(name);
            let text = description.as_deref();
            self.row(depth, &name, ty, presence.is_required(), text, enum_values);
        }
        if let Some(extra) = &s.additional {
            self.row(depth, &Name::AnyProperty, &extra.ty, false, None, &[]);
        }
    }

    /// The Type cell: `array` for any array and nothing for a union or any value; otherwise
    /// as a parameter's (a link for a component, a scalar with its format, `object`).
    fn cell(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Nullable(inner) => self.cell(inner),
            TypeRef::Array(_) | TypeRef::Tuple(_) => "array".to_owned(),
            TypeRef::Any => String::new(),
            TypeRef::Named(id) => {
                let def = self.api.ty(*id);
                match (&def.schema_name, &def.kind) {
                    (None, TypeKind::Alias(target)) => self.cell(target),
                    (None, TypeKind::Union(_)) => String::new(),
                    _ => type_text(self.api, ty, Spelling::PARAMETER),
                }
            }
            TypeRef::Scalar(_) | TypeRef::Map(_) | TypeRef::Object => {
                type_text(self.api, ty, Spelling::PARAMETER)
            }
        }
    }

    /// The values of an enum the row's schema is (written in place or a component); an
    /// array of enum values lists none.
    fn enum_values(&self, ty: &TypeRef) -> Vec<String> {
        match ty.non_null() {
            TypeRef::Named(id) => match &self.api.ty(*id).kind {
                TypeKind::Enum(e) => e.variants.iter().map(|v| v.value.clone()).collect(),
                TypeKind::Alias(target) => self.enum_values(target),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}
