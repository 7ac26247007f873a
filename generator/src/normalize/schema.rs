//! Schemas to types: component schemas become type definitions, and each use of a schema
//! becomes a [`TypeRef`], naming inline schemas that need a Rust type of their own.

use super::{Normalizer, prose};
use crate::diag::{Diagnostic, Pointer, unescape_token};
use crate::model::{
    Access, Additional, Enum, Field, JsonType, Presence, Scalar, Struct, Tagging, TypeId, TypeKind,
    TypeRef, Union, UnionVariant, Variant,
};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;
use std::collections::HashSet;

/// A schema or a reference to one, whichever way the document boxes it.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// What a use of a schema contributes to its place (a field, a parameter, a body).
pub(super) struct SchemaUse {
    pub ty: TypeRef,
    pub nullable: bool,
    pub description: Option<String>,
    pub default: Option<Value>,
    pub example: Option<Value>,
    /// Enum values written beside a single `allOf` reference.
    pub enum_values: Vec<String>,
    /// The schema is a one-member `allOf` around the type.
    pub all_of_member: bool,
    pub access: Access,
}

impl SchemaUse {
    /// The type where the schema is an element (an array's item, a map's value, a tuple's
    /// member): null, where the schema allows it, is part of the type there.
    fn element(self) -> TypeRef {
        match (self.nullable, self.ty) {
            (true, TypeRef::Any) => TypeRef::Any,
            (true, ty) => TypeRef::Nullable(Box::new(ty)),
            (false, ty) => ty,
        }
    }

    fn of(ty: TypeRef) -> Self {
        SchemaUse {
            ty,
            nullable: false,
            description: None,
            default: None,
            example: None,
            enum_values: Vec::new(),
            all_of_member: false,
            access: Access::ReadWrite,
        }
    }
}

/// The properties of an object schema, flattened from `allOf` members where needed.
type Properties<'a> = Vec<(&'a str, SchemaRef<'a>, bool, Pointer)>;

impl<'a> Normalizer<'a> {
    /// Pass 2: converts every component schema into the type reserved for it.
    pub(super) fn convert_components(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let id = self.components[key.as_str()];
            let pointer = self.types[id.0].pointer.clone();
            let ident = self.types[id.0].ident.clone();
            let (kind, description, example) = match SchemaRef::from(schema) {
                SchemaRef::Ref(reference) => (
                    TypeKind::Alias(self.schema_ref(reference, &pointer)),
                    None,
                    None,
                ),
                SchemaRef::Inline(schema) => {
                    let kind = if needs_definition(schema) {
                        self.definition(schema, &pointer, &ident)
                    } else {
                        TypeKind::Alias(self.structural(schema, &pointer, &ident).ty)
                    };
                    let data = &schema.schema_data;
                    (kind, prose(&data.description), data.example.clone())
                }
            };
            let def = &mut self.types[id.0];
            def.kind = kind;
            def.description = description;
            def.example = example;
        }
    }

    /// The type of one use of a schema; `hint` names an inline type if one is needed.
    pub(super) fn use_schema(
        &mut self,
        schema: SchemaRef<'a>,
        at: &Pointer,
        hint: &str,
    ) -> SchemaUse {
        let schema = match schema {
            SchemaRef::Ref(reference) => return SchemaUse::of(self.schema_ref(reference, at)),
            SchemaRef::Inline(schema) => schema,
        };
        let mut shape = if let Some(&id) = self.inline.get(at) {
            SchemaUse::of(TypeRef::Named(id))
        } else if let Some(values) = inline_enum(schema) {
            SchemaUse::of(TypeRef::Named(self.shared_enum(values, at, hint)))
        } else if needs_definition(schema) {
            let ident = self
                .type_names
                .suggest(&naming::schema_type_ident(hint), at);
            let id = self.push_type(ident.clone(), None, at.clone());
            self.inline.insert(at.clone(), id);
            let kind = self.definition(schema, at, &ident);
            let def = &mut self.types[id.0];
            def.kind = kind;
            def.description = prose(&schema.schema_data.description);
            SchemaUse::of(TypeRef::Named(id))
        } else {
            self.structural(schema, at, hint)
        };
        let data = &schema.schema_data;
        shape.nullable |= data.nullable;
        shape.description = shape.description.or_else(|| prose(&data.description));
        shape.default = data.default.clone();
        shape.example = data.example.clone();
        shape.access = match (data.read_only, data.write_only) {
            (true, false) => Access::ReadOnly,
            (false, true) => Access::WriteOnly,
            // Both (a contradiction) or neither: it travels both ways.
            _ => Access::ReadWrite,
        };
        shape
    }

    /// A scalar of its format, where a format other ecosystems name (`long`, `dateTime`) is
    /// read as the OpenAPI format of the same meaning, with a warning at its first place where
    /// that changes the type (a document that writes it once writes it everywhere).
    fn scalar(&mut self, json: JsonType, format: Option<String>, at: &Pointer) -> TypeRef {
        let standard = format
            .as_deref()
            .and_then(|name| standard_format(json, name));
        let (Some(standard), Some(written)) = (standard, format.as_ref()) else {
            return scalar(json, format);
        };
        // Said only where it changes the Rust type (`long` is an `i64` either way).
        let kind = |format: &str| Scalar::new(json, Some(format.to_owned())).kind;
        let changed = kind(standard) != kind(written);
        if changed && self.foreign_formats.insert(written.clone()) {
            self.diags.push(
                Diagnostic::new(
                    &at.push("format"),
                    format!("`format: {written}` is not a format OpenAPI names"),
                    format!("write `format: {standard}`"),
                )
                .instead(format!(
                    "read it as `{standard}`, here and wherever it is written"
                )),
            );
        }
        scalar(json, Some(standard.to_owned()))
    }

    /// One type per distinct list of inline enum values: documents repeat the same inline
    /// enum at every use (Stripe has 638 copies of `enum: [""]`), and one type per copy
    /// would bury the API's real types.
    fn shared_enum(&mut self, values: Vec<String>, at: &Pointer, hint: &str) -> TypeId {
        if let Some(&id) = self.enums.get(&values) {
            return id;
        }
        let hint = if values == [""] { "EmptyString" } else { hint };
        let ident = self
            .type_names
            .suggest(&naming::schema_type_ident(hint), at);
        let id = self.push_type(ident, None, at.clone());
        self.types[id.0].kind = TypeKind::Enum(self.string_enum(&values, None, at));
        self.enums.insert(values, id);
        id
    }

    /// A schema that maps onto a type expression without a name of its own.
    fn structural(&mut self, schema: &'a Schema, at: &Pointer, hint: &str) -> SchemaUse {
        if let Some(members) = tuple_members(schema) {
            let items = at.push("items").push("oneOf");
            let types = members
                .iter()
                .enumerate()
                .map(|(i, member)| {
                    let at = items.push(i.to_string());
                    self.use_schema(member.into(), &at, &format!("{hint}{i}"))
                        .element()
                })
                .collect();
            return SchemaUse::of(TypeRef::Tuple(types));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                SchemaUse::of(self.scalar(JsonType::String, format_name(&s.format), at))
            }
            SchemaKind::Type(Type::Integer(i)) => {
                SchemaUse::of(self.scalar(JsonType::Integer, format_name(&i.format), at))
            }
            SchemaKind::Type(Type::Number(n)) => {
                SchemaUse::of(self.scalar(JsonType::Number, format_name(&n.format), at))
            }
            SchemaKind::Type(Type::Boolean(_)) => SchemaUse::of(scalar(JsonType::Boolean, None)),
            SchemaKind::Type(Type::Array(a)) => {
                SchemaUse::of(self.array(a.items.as_ref(), at, hint))
            }
            SchemaKind::Type(Type::Object(o)) => {
                SchemaUse::of(self.free_object(o.additional_properties.as_ref(), at, hint))
            }
            SchemaKind::AllOf { all_of } => self.single_member(all_of, "allOf", &[], at, hint),
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                self.single_member(members, keyword, &[], at, hint)
            }
            SchemaKind::Not { .. } => {
                self.report(
                    Diagnostic::new(
                        at,
                        "`not` schemas are not supported",
                        "describe the allowed values positively (an enum, a oneOf)",
                    )
                    .instead("used serde_json::Value for it"),
                );
                SchemaUse::of(TypeRef::Any)
            }
            SchemaKind::Any(any) => self.structural_any(any, at, hint),
        }
    }

    /// A schema written without a plain `type` (or with extra keywords beside a composition).
    fn structural_any(&mut self, any: &'a AnySchema, at: &Pointer, hint: &str) -> SchemaUse {
        let enum_values = string_values(&any.enumeration);
        if !any.all_of.is_empty() && substantive(&any.all_of) <= 1 {
            return self.single_member(&any.all_of, "allOf", &enum_values, at, hint);
        }
        if let [_] = any.one_of.as_slice() {
            return self.single_member(&any.one_of, "oneOf", &enum_values, at, hint);
        }
        if let [_] = any.any_of.as_slice() {
            return self.single_member(&any.any_of, "anyOf", &enum_values, at, hint);
        }
        let ty = match any.typ.as_deref() {
            Some("string") => scalar(JsonType::String, any.format.clone()),
            Some("integer") => scalar(JsonType::Integer, any.format.clone()),
            Some("number") => scalar(JsonType::Number, any.format.clone()),
            Some("boolean") => scalar(JsonType::Boolean, None),
            Some("array") => self.array(any.items.as_ref(), at, hint),
            Some("object") => self.free_object(any.additional_properties.as_ref(), at, hint),
            _ if any.items.is_some() => self.array(any.items.as_ref(), at, hint),
            _ if any.additional_properties.is_some() => {
                self.free_object(any.additional_properties.as_ref(), at, hint)
            }
            // 3.1's `null`, which documents written for 3.0 use too (OpenAI's, as an `anyOf`
            // member), is read as 3.0 has it: the value that `nullable` allows.
            None | Some("null") => TypeRef::Any,
            Some(other) => self.unknown_type(other, at),
        };
        SchemaUse::of(ty)
    }

    /// A `type` OpenAPI 3.0 does not have: Swagger 2.0's `file` is binary data, as 3.0 writes
    /// it; anything else any JSON value. Either way, a warning.
    fn unknown_type(&mut self, typ: &str, at: &Pointer) -> TypeRef {
        let (ty, instead, help) = match typ {
            "file" => (
                scalar(JsonType::String, Some("binary".to_owned())),
                "read it as binary data (`type: string, format: binary`)",
                "write `type: string, format: binary`",
            ),
            _ => (
                TypeRef::Any,
                "read it as any JSON value",
                "use one of string, number, integer, boolean, array, object",
            ),
        };
        let message = format!("`type: {typ}` is not an OpenAPI 3.0 type");
        self.diags
            .push(Diagnostic::new(&at.push("type"), message, help).instead(instead));
        ty
    }

    /// `allOf`/`oneOf`/`anyOf` with one member that has a type (others may only annotate it,
    /// with a description or `nullable`): that member.
    fn single_member(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        enum_values: &[String],
        at: &Pointer,
        hint: &str,
    ) -> SchemaUse {
        let typed = members.iter().enumerate().find(|(_, m)| !is_annotation(m));
        let mut shape = match typed {
            Some((i, member)) => {
                self.use_schema(member.into(), &at.push(keyword).push(i.to_string()), hint)
            }
            None => SchemaUse::of(TypeRef::Any),
        };
        for member in members.iter().filter(|m| is_annotation(m)) {
            if let ReferenceOr::Item(annotation) = member {
                let data = &annotation.schema_data;
                shape.nullable |= data.nullable;
                shape.description = shape.description.or_else(|| prose(&data.description));
            }
        }
        shape.enum_values = enum_values.to_vec();
        shape.all_of_member = keyword == "allOf";
        shape
    }

    fn array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        at: &Pointer,
        hint: &str,
    ) -> TypeRef {
        match items {
            Some(items) => {
                let item = self.use_schema(items.into(), &at.push("items"), &format!("{hint}Item"));
                TypeRef::Array(Box::new(item.element()))
            }
            None => TypeRef::Array(Box::new(TypeRef::Any)),
        }
    }

    /// An object without properties: a map when its values have a schema, else any object.
    fn free_object(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        at: &Pointer,
        hint: &str,
    ) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let value = self.use_schema(
                    values.as_ref().into(),
                    &at.push("additionalProperties"),
                    &format!("{hint}Value"),
                );
                TypeRef::Map(Box::new(value.element()))
            }
            _ => TypeRef::Object,
        }
    }

    /// The kind of a schema that needs its own named type.
    fn definition(&mut self, schema: &'a Schema, at: &Pointer, ident: &str) -> TypeKind {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                let names = declared_variant_names(schema, values.len(), ident);
                TypeKind::Enum(self.string_enum(&values, names, at))
            }
            SchemaKind::Type(Type::Object(o)) => {
                let properties = own_properties(&o.properties, &o.required, at);
                TypeKind::Struct(self.structure(
                    properties,
                    o.additional_properties.as_ref(),
                    at,
                    ident,
                ))
            }
            SchemaKind::AllOf { all_of } => self.merged(all_of, at, ident),
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                self.one_of(members, keyword, schema, at, ident)
            }
            SchemaKind::Any(any) => self.definition_any(any, schema, at, ident),
            _ => TypeKind::Alias(self.structural(schema, at, ident).ty),
        }
    }

    fn definition_any(
        &mut self,
        any: &'a AnySchema,
        schema: &'a Schema,
        at: &Pointer,
        ident: &str,
    ) -> TypeKind {
        if !any.one_of.is_empty() {
            return self.one_of(&any.one_of, "oneOf", schema, at, ident);
        }
        if !any.any_of.is_empty() {
            return self.one_of(&any.any_of, "anyOf", schema, at, ident);
        }
        if !any.all_of.is_empty() {
            return self.merged(&any.all_of, at, ident);
        }
        if !any.properties.is_empty() {
            let properties = own_properties(&any.properties, &any.required, at);
            return TypeKind::Struct(self.structure(
                properties,
                any.additional_properties.as_ref(),
                at,
                ident,
            ));
        }
        let values = string_values(&any.enumeration);
        let names = declared_variant_names(schema, values.len(), ident);
        TypeKind::Enum(self.string_enum(&values, names, at))
    }

    /// An enum of `values`, its variants named by `names` where the document gives them and
    /// after the values otherwise.
    ///
    /// A value listed twice is one variant (two would be an unreachable match arm), with a
    /// warning.
    fn string_enum(&mut self, values: &[String], names: Option<Vec<String>>, at: &Pointer) -> Enum {
        let mut scope = Scope::default();
        let mut seen = HashSet::with_capacity(values.len());
        let mut variants = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            if !seen.insert(value.as_str()) {
                self.diags.push(
                    Diagnostic::new(
                        &at.push("enum"),
                        format!("the enum lists the value {value:?} more than once"),
                        "list each value once",
                    )
                    .instead("one variant for the value"),
                );
                continue;
            }
            let name = match &names {
                Some(names) => names[i].clone(),
                None => naming::type_ident(value),
            };
            variants.push(Variant {
                value: value.clone(),
                ident: scope.suggest(&name, at),
                description: None,
            });
        }
        Enum {
            variants,
            fallback: scope.suggest("Unknown", at),
        }
    }

    fn structure(
        &mut self,
        properties: Properties<'a>,
        additional: Option<&'a AdditionalProperties>,
        at: &Pointer,
        ident: &str,
    ) -> Struct {
        let mut scope = Scope::default();
        let mut fields = Vec::with_capacity(properties.len());
        for (name, schema, required, pointer) in properties {
            let (field_ident, collision) = scope.require_value(name, &pointer);
            self.diags.extend(collision);
            let hint = format!("{ident}{}", naming::type_ident(name));
            let shape = self.use_schema(schema, &pointer, &hint);
            let checks = self.checks_of(schema, &pointer);
            // `Defaulted` is a candidate here; the `defaults` pass keeps it only where the
            // Rust type can hold the value.
            // A read-only or write-only property is absent one way, so never required.
            let required = required && shape.access == Access::ReadWrite;
            let presence = match (required, shape.nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::Nullable,
                (false, false) if shape.default.is_some() && shape.access == Access::ReadWrite => {
                    Presence::Defaulted
                }
                (false, _) => Presence::Optional,
            };
            fields.push(Field {
                nullable: shape.nullable,
                name: name.to_owned(),
                ident: field_ident,
                ty: shape.ty,
                presence,
                boxed: false,
                default: shape.default,
                description: shape.description,
                example: shape.example,
                enum_values: shape.enum_values,
                all_of_member: shape.all_of_member,
                access: shape.access,
                checks,
            });
        }
        let closed = matches!(additional, Some(AdditionalProperties::Any(false)));
        let additional = match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let hint = format!("{ident}Value");
                let at = at.push("additionalProperties");
                let ty = self
                    .use_schema(values.as_ref().into(), &at, &hint)
                    .element();
                Some(Additional {
                    ident: scope.suggest("additional_properties", &at),
                    ty,
                })
            }
            _ => None,
        };
        Struct {
            fields,
            closed,
            additional,
        }
    }

    /// `allOf` with several members: one struct with the properties of all of them.
    fn merged(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        at: &Pointer,
        ident: &str,
    ) -> TypeKind {
        let mut properties: Properties<'a> = Vec::new();
        let mut additional = None;
        for (i, member) in members
            .iter()
            .enumerate()
            .filter(|(_, m)| !is_annotation(m))
        {
            let member_at = at.push("allOf").push(i.to_string());
            let mut seen = Vec::new();
            self.collect_properties(
                member.into(),
                &member_at,
                &mut properties,
                &mut additional,
                &mut seen,
            );
        }
        let properties = self.dedupe_properties(properties);
        let mut merged = self.structure(properties, additional, at, ident);
        // A member's `additionalProperties: false` speaks of that member's properties alone;
        // held to it, the merge would refuse the other members' properties, which its author
        // cannot have meant. The merged struct stays open.
        merged.closed = false;
        TypeKind::Struct(merged)
    }

    /// Gathers the properties an `allOf` member contributes, following references and nested
    /// `allOf`s; `seen` stops reference cycles.
    fn collect_properties(
        &mut self,
        member: SchemaRef<'a>,
        at: &Pointer,
        out: &mut Properties<'a>,
        additional: &mut Option<&'a AdditionalProperties>,
        seen: &mut Vec<&'a str>,
    ) {
        let (schema, at) = match member {
            SchemaRef::Inline(schema) => (schema, at.clone()),
            SchemaRef::Ref(reference) => match self.component_schema(reference) {
                Some((_, _)) if seen.contains(&reference) => return,
                Some((schema, pointer)) => {
                    seen.push(reference);
                    (schema, pointer)
                }
                None => {
                    self.schema_ref(reference, at);
                    return;
                }
            },
        };
        let (properties, required, extra, all_of) =
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => (
                    &o.properties,
                    &o.required,
                    o.additional_properties.as_ref(),
                    None,
                ),
                SchemaKind::AllOf { all_of } => {
                    return self.collect_all(all_of, &at, out, additional, seen);
                }
                SchemaKind::Any(any) => (
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    Some(&any.all_of),
                ),
                _ => {
                    self.report(Diagnostic::new(
                    &at,
                    "an `allOf` member that is not an object cannot be merged into a struct",
                    "make every allOf member an object schema or a reference to one",
                ).instead("left the member out of the merged struct"));
                    return;
                }
            };
        out.extend(own_properties(properties, required, &at));
        *additional = additional.or(extra);
        if let Some(all_of) = all_of {
            self.collect_all(all_of, &at, out, additional, seen);
        }
    }

    fn collect_all(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        at: &Pointer,
        out: &mut Properties<'a>,
        additional: &mut Option<&'a AdditionalProperties>,
        seen: &mut Vec<&'a str>,
    ) {
        for (i, member) in members.iter().enumerate() {
            let member_at = at.push("allOf").push(i.to_string());
            self.collect_properties(member.into(), &member_at, out, additional, seen);
        }
    }

    /// One entry per property name. A property defined twice merges (and is required if any
    /// member requires it) where one definition narrows the other (see `keeps_second`); two
    /// conflicting definitions are reported.
    fn dedupe_properties(&mut self, properties: Properties<'a>) -> Properties<'a> {
        let mut merged: IndexMap<&'a str, (SchemaRef<'a>, bool, Pointer)> = IndexMap::new();
        for (name, schema, required, pointer) in properties {
            match merged.get_mut(name) {
                None => {
                    merged.insert(name, (schema, required, pointer));
                }
                Some(existing) if same_schema(existing.0, schema) => existing.1 |= required,
                Some(existing) if let Some(second) = self.keeps_second(existing.0, schema) => {
                    if second {
                        (existing.0, existing.2) = (schema, pointer);
                    }
                    existing.1 |= required;
                }
                Some(existing) => {
                    let first = existing.2.clone();
                    self.report(Diagnostic::new(
                        &pointer,
                        format!(
                            "allOf members define property `{name}` differently (first at {first})"
                        ),
                        "give the property one definition, or rename one of them",
                    ).instead("kept the first definition"
                    ));
                }
            }
        }
        merged
            .into_iter()
            .map(|(name, (schema, required, pointer))| (name, schema, required, pointer))
            .collect()
    }

    /// A `oneOf`/`anyOf`: a union, unless every member is only a string enum. Then it is one
    /// enum of all their values (dropshot writes an enum with a description per value this
    /// way), because a union of open enums would decode every string as its first member's
    /// unknown value.
    fn one_of(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        schema: &'a Schema,
        at: &Pointer,
        ident: &str,
    ) -> TypeKind {
        let Some(described) = self.enum_members(members) else {
            return TypeKind::Union(self.union(members, keyword, schema, at, ident));
        };
        let values: Vec<String> = described.iter().map(|(value, _)| value.clone()).collect();
        let mut e = self.string_enum(&values, None, at);
        for variant in &mut e.variants {
            variant.description = described
                .iter()
                .find(|(value, _)| *value == variant.value)
                .and_then(|(_, description)| description.clone());
        }
        TypeKind::Enum(e)
    }

    /// The values of members that are each a string enum (in place or by reference), in
    /// order, each with the description of a member that has only that value.
    fn enum_members(
        &self,
        members: &'a [ReferenceOr<Schema>],
    ) -> Option<Vec<(String, Option<String>)>> {
        let mut values = Vec::new();
        for member in members {
            let schema = match member {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { reference } => self.component_schema(reference)?.0,
            };
            let own = inline_enum(schema)?;
            let description = match own.as_slice() {
                [_] => schema.schema_data.description.clone(),
                _ => None,
            };
            values.extend(own.into_iter().map(|value| (value, description.clone())));
        }
        Some(values)
    }

    fn union(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        schema: &'a Schema,
        at: &Pointer,
        ident: &str,
    ) -> Union {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut scope = Scope::default();
        let mut variants = Vec::with_capacity(members.len());
        for (i, member) in members.iter().enumerate() {
            let member_at = at.push(keyword).push(i.to_string());
            let shape = self.use_schema(member.into(), &member_at, &format!("{ident}Variant{i}"));
            let selector = discriminator.and_then(|d| match member {
                ReferenceOr::Reference { reference } => mapped_value(&d.mapping, reference),
                ReferenceOr::Item(_) => None,
            });
            let suggested = self.variant_name(&shape.ty, i);
            variants.push(UnionVariant {
                ident: scope.suggest(&suggested, &member_at),
                selector,
                ty: shape.ty,
                boxed: false,
            });
        }
        // Whether the discriminator can be used depends on the variant types, which may not
        // be converted yet: the `tagging` pass decides, once every type is.
        let tagging = match discriminator {
            Some(d) => Tagging::Internal(d.property_name.clone()),
            None => Tagging::Untagged,
        };
        Union { tagging, variants }
    }

    fn variant_name(&self, ty: &TypeRef, index: usize) -> String {
        match ty {
            TypeRef::Named(id) => self.types[id.0].ident.clone(),
            TypeRef::Scalar(s) => naming::type_ident(s.json.as_str()),
            TypeRef::Array(_) | TypeRef::Tuple(_) => "Array".to_owned(),
            TypeRef::Map(_) | TypeRef::Object => "Object".to_owned(),
            TypeRef::Nullable(inner) => self.variant_name(inner, index),
            TypeRef::Any => format!("Variant{index}"),
        }
    }
}

/// The values of a schema that is only a string enum.
fn inline_enum(schema: &Schema) -> Option<Vec<String>> {
    let values = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Any(any)
            if any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.properties.is_empty()
                && any.enumeration.iter().all(Value::is_string) =>
        {
            string_values(&any.enumeration)
        }
        _ => return None,
    };
    (!values.is_empty()).then_some(values)
}

/// The positional members of a tuple (an OpenAPI 3.1 `prefixItems`, which loading writes as
/// the `oneOf` of `items` and marks as a tuple).
fn tuple_members(schema: &Schema) -> Option<&[ReferenceOr<Schema>]> {
    schema.schema_data.extensions.get(crate::load::TUPLE)?;
    let items = match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => a.items.as_ref(),
        SchemaKind::Any(any) => any.items.as_ref(),
        _ => None,
    };
    let ReferenceOr::Item(items) = items? else {
        return None;
    };
    match &items.schema_kind {
        SchemaKind::OneOf { one_of } => Some(one_of),
        _ => None,
    }
}

/// The variant names an `x-enum-varnames` extension gives (one per value, as Go generators
/// write them), without the type's name where every one starts with it
/// (`APIKeyScopeAll` of `APIKeyScope` is `All`).
fn declared_variant_names(schema: &Schema, count: usize, ident: &str) -> Option<Vec<String>> {
    let Value::Array(names) = schema.schema_data.extensions.get("x-enum-varnames")? else {
        return None;
    };
    let names: Vec<String> = names
        .iter()
        .filter_map(Value::as_str)
        .map(naming::type_ident)
        .collect();
    if names.len() != count {
        return None;
    }
    let rest = |name: &str| name.strip_prefix(ident).map(str::to_owned);
    let stripped: Option<Vec<String>> = names
        .iter()
        .map(|n| rest(n).filter(|r| r.starts_with(|c: char| c.is_ascii_uppercase())))
        .collect();
    Some(stripped.unwrap_or(names))
}

/// Whether a schema needs a named Rust type (a struct, an enum, a union).
fn needs_definition(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_some),
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::AllOf { all_of } => substantive(all_of) > 1,
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            members.len() > 1
        }
        SchemaKind::Any(any) => {
            substantive(&any.all_of) > 1
                || any.one_of.len() > 1
                || any.any_of.len() > 1
                || (!any.properties.is_empty() && any.all_of.is_empty())
                || (any.all_of.is_empty() && !string_values(&any.enumeration).is_empty())
        }
        _ => false,
    }
}

fn own_properties<'a>(
    properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &[String],
    at: &Pointer,
) -> Properties<'a> {
    let base = at.push("properties");
    properties
        .iter()
        .map(|(name, schema)| {
            (
                name.as_str(),
                schema.into(),
                required.contains(name),
                base.push(name),
            )
        })
        .collect()
}

/// Whether two property schemas describe the same values: annotations (description,
/// example, title, ...) do not count.
fn same_schema(a: SchemaRef<'_>, b: SchemaRef<'_>) -> bool {
    match (a, b) {
        (SchemaRef::Ref(a), SchemaRef::Ref(b)) => a == b,
        (SchemaRef::Inline(a), SchemaRef::Inline(b)) => {
            without_annotations(a) == without_annotations(b)
        }
        _ => false,
    }
}

fn without_annotations(schema: &Schema) -> Schema {
    let data = &schema.schema_data;
    let kept = openapiv3::SchemaData {
        nullable: data.nullable,
        discriminator: data.discriminator.clone(),
        ..Default::default()
    };
    Schema {
        schema_data: kept,
        schema_kind: schema.schema_kind.clone(),
    }
}

/// A composition member that adds no type, only annotations (`{description: ...}`,
/// `{nullable: true}`): it shapes no Rust type.
fn is_annotation(member: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = member else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.items.is_none()
                && any.additional_properties.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
        }
        _ => false,
    }
}

/// The members of a composition that have a type of their own.
fn substantive(members: &[ReferenceOr<Schema>]) -> usize {
    members.iter().filter(|m| !is_annotation(m)).count()
}

/// The discriminator value `mapping` gives a variant, if it names it (by reference, or by
/// schema name, which OpenAPI allows too).
fn mapped_value(mapping: &IndexMap<String, String>, reference: &str) -> Option<String> {
    let name = reference.rsplit('/').next().unwrap_or(reference);
    mapping
        .iter()
        .find(|(_, target)| {
            target.as_str() == reference || unescape_token(target) == unescape_token(name)
        })
        .map(|(value, _)| value.clone())
}

fn scalar(json: JsonType, format: Option<String>) -> TypeRef {
    TypeRef::Scalar(Scalar::new(json, format))
}

fn format_name<T: std::fmt::Debug>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => Some(known_format_name(&format!("{known:?}"))),
        VariantOrUnknownOrEmpty::Unknown(raw) => Some(raw.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// The OpenAPI format that a format name of another ecosystem (Java's `long`, .NET's `guid`,
/// a misspelled `dateTime`) means for a value of type `json`. `int` is 32 bits in Java and
/// C# but 64 in Go (Docker's document), so it is read as the wider.
fn standard_format(json: JsonType, name: &str) -> Option<&'static str> {
    match (json, name) {
        (JsonType::Integer, "long" | "int" | "integer") => Some("int64"),
        (JsonType::Integer, "short") => Some("int32"),
        (JsonType::Number, "float64") => Some("double"),
        (JsonType::Number, "float32") => Some("float"),
        (JsonType::String, "datetime" | "dateTime" | "date_time" | "DateTime") => Some("date-time"),
        (JsonType::String, "guid" | "UUID") => Some("uuid"),
        _ => None,
    }
}

/// openapiv3's known formats as the document writes them (`DateTime` -> `date-time`).
fn known_format_name(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn string_values(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}
