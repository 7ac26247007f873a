//! `schemas.md`: a section per component schema, in name order (as widdershins lists every
//! one, used or not), each with its example, its properties and the enum values written
//! inline in it.

use super::examples::Examples;
use super::markdown::{self, Table};
use super::spelling::{
    Spelling, code, depth_marker, description, inline_enum_values, push_described, type_text,
};
use crate::model::{Api, Struct, TypeDef, TypeKind, TypeRef};
use askama::Template;

#[derive(Template)]
#[template(path = "docs/schemas.md")]
pub(super) struct SchemasPage {
    schemas: Vec<SchemaSection>,
}

impl SchemasPage {
    pub(super) fn new(api: &Api, examples: &Examples) -> Self {
        let mut components: Vec<&TypeDef> = api
            .types
            .iter()
            .filter(|def| def.schema_name.is_some())
            .collect();
        components.sort_by(|a, b| a.schema_name.cmp(&b.schema_name));
        SchemasPage {
            schemas: components
                .into_iter()
                .map(|def| SchemaSection::new(api, def, examples))
                .collect(),
        }
    }
}

struct SchemaSection {
    /// The schema's name as prettier prints it in a heading (`a__b__c` is `a**b**c` there).
    heading: String,
    example: String,
    description: Option<String>,
    /// Whether the rows are alternatives (a `oneOf`/`anyOf`) rather than properties.
    one_of: bool,
    properties: Option<Table>,
    enums: Option<Table>,
}

impl SchemaSection {
    fn new(api: &Api, def: &TypeDef, examples: &Examples) -> Self {
        let mut rows = Rows::new(api);
        let mut enums = None;
        match &def.kind {
            TypeKind::Struct(s) => rows.structure(s, 0),
            TypeKind::Union(u) => {
                for variant in &u.variants {
                    rows.row(0, &Name::Anonymous, &variant.ty, false, None, &[]);
                }
            }
            TypeKind::Alias(TypeRef::Map(value)) => {
                rows.row(0, &Name::AnyProperty, value, false, None, &[])
            }
            TypeKind::Alias(ty) => rows.row(0, &Name::Anonymous, ty, false, None, &[]),
            TypeKind::Enum(e) => {
                let mut table = Table::new(&["Value"]);
                e.variants
                    .iter()
                    .for_each(|v| table.push(&[code(&v.value)]));
                enums = (!table.is_empty()).then_some(table);
            }
        }
        SchemaSection {
            heading: markdown::heading(2, def.schema_name.as_deref().unwrap_or(&def.ident)),
            example: examples.json(&TypeRef::Named(def.id)),
            description: description(def.description.as_deref()),
            one_of: matches!(def.kind, TypeKind::Union(_)),
            properties: (!rows.properties.is_empty()).then_some(rows.properties),
            enums: enums.or((!rows.enums.is_empty()).then_some(rows.enums)),
        }
    }
}

/// How a row names what it describes.
enum Name<'a> {
    Property(&'a str),
    /// The values of a map, or the properties beyond the named ones.
    AnyProperty,
    /// A whole type: an alias's target or a union alternative.
    Anonymous,
}

impl Name<'_> {
    /// The name as widdershins keeps it, which the description rule words from.
    fn raw(&self) -> &str {
        match self {
            Name::Property(name) => name,
            Name::AnyProperty => "**additionalProperties**",
            Name::Anonymous => "*anonymous*",
        }
    }

    fn text(&self) -> String {
        match self {
            Name::Property(name) => code(name),
            Name::AnyProperty => code("[any property]"),
            // `_` rather than `*`: prettier rewrites emphasis to underscores.
            Name::Anonymous => "_anonymous_".to_owned(),
        }
    }
}

/// The Properties and Enumerated Values tables of one section. Inline structure (an object
/// property, a map's values) is spelled out in rows under its parent, marked `»` per level.
struct Rows<'a> {
    api: &'a Api,
    properties: Table,
    enums: Table,
}

impl<'a> Rows<'a> {
    fn new(api: &'a Api) -> Self {
        Rows {
            api,
            properties: Table::new(&["Name", "Type", "Required", "Restrictions", "Description"]),
            enums: Table::new(&["Property", "Value"]),
        }
    }

    fn structure(&mut self, s: &Struct, depth: usize) {
        for f in &s.fields {
            self.row(
                depth,
                &Name::Property(&f.name),
                &f.ty,
                f.presence.is_required(),
                f.description.as_deref(),
                &f.enum_values,
            );
        }
        if let Some(extra) = &s.additional {
            self.row(depth, &Name::AnyProperty, &extra.ty, false, None, &[]);
        }
    }

    /// One row, its enum values, then the rows of its inline structure. A row without its own
    /// description borrows the one of the schema it refers to.
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
        let text = text.or_else(|| match ty {
            TypeRef::Named(id) => self.api.ty(*id).description.as_deref(),
            _ => None,
        });
        let cells = [
            format!("{marker}{}", name.text()),
            type_text(self.api, ty, Spelling::PROPERTY),
            required.to_string(),
            String::new(),
        ];
        let display = format!("{marker}{}", name.raw());
        push_described(&mut self.properties, cells, text, &display);
        let inline = inline_enum_values(self.api, ty);
        let values = if enum_values.is_empty() {
            &inline
        } else {
            enum_values
        };
        for value in values {
            self.enums.push(&[name.text(), code(value)]);
        }
        self.inline_structure(depth + 1, ty);
    }

    /// The rows inside an inline object, a map, or an array of either.
    fn inline_structure(&mut self, depth: usize, ty: &TypeRef) {
        match ty {
            TypeRef::Array(item) | TypeRef::Nullable(item) => self.inline_structure(depth, item),
            TypeRef::Map(value) => self.row(depth, &Name::AnyProperty, value, false, None, &[]),
            TypeRef::Named(id) => {
                let def = self.api.ty(*id);
                if def.schema_name.is_some() {
                    return;
                }
                match &def.kind {
                    TypeKind::Struct(s) => self.structure(s, depth),
                    TypeKind::Union(u) => {
                        for variant in &u.variants {
                            self.row(depth, &Name::Anonymous, &variant.ty, false, None, &[]);
                        }
                    }
                    TypeKind::Enum(_) | TypeKind::Alias(_) => {}
                }
            }
            TypeRef::Scalar(_) | TypeRef::Tuple(_) | TypeRef::Object | TypeRef::Any => {}
        }
    }
}
