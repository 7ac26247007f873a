//! The properties of a form body, typed one by one: a `multipart/form-data` body's parts, each
//! written as its schema and the media type's `encoding` say (OpenAPI 3.0.3, "Special
//! Considerations for multipart Content"), and an `application/x-www-form-urlencoded` body's
//! fields, each written as a query parameter in its `encoding`'s style.

use super::Normalizer;
use super::styles::Declared;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{
    Checks, Field, MediaKind, Param, ParamLocation, Part, PartKind, Presence, TypeKind, TypeRef,
    resolve,
};
use openapiv3::{AdditionalProperties, MediaType, ReferenceOr, SchemaKind, Type};

impl Normalizer<'_> {
    /// The parts of a multipart body of type `ty`; `None`, with a warning, when the schema is
    /// not an object with properties (the client then takes parts the caller builds).
    pub(super) fn parts(
        &mut self,
        ty: &TypeRef,
        media: &MediaType,
        at: &Pointer,
    ) -> Option<Vec<Part>> {
        let fields = self.properties(
            ty,
            media,
            at,
            "a multipart body without an object schema has no parts to type",
            "the client takes a `reqwest::multipart::Form` the caller builds",
        )?;
        let parts = fields.into_iter().map(|field| {
            let (item, repeated) = match resolve(&self.types, &field.ty) {
                TypeRef::Array(item) => ((**item).clone(), true),
                _ => (field.ty.clone(), false),
            };
            let kind = self.part_kind(&item);
            let encoding = media.encoding.get(&field.name);
            let declared = encoding.and_then(|e| e.content_type.clone());
            let content_type = declared.unwrap_or_else(|| {
                match kind {
                    PartKind::Text => "text/plain",
                    PartKind::Json => "application/json",
                    PartKind::File => "application/octet-stream",
                }
                .to_owned()
            });
            // A file's bytes are not the string its schema describes.
            let checks = match kind {
                PartKind::File => Checks::default(),
                PartKind::Text | PartKind::Json => field.checks,
            };
            Part {
                checks,
                required: field.presence.is_required(),
                name: field.name,
                ident: field.ident,
                ty: item,
                kind,
                repeated,
                content_type,
                description: field.description,
            }
        });
        Some(parts.collect())
    }

    /// The fields of a form body of type `ty`, each a query-style parameter; `None`, with a
    /// warning, when the schema is not an object with properties.
    pub(super) fn form_fields(
        &mut self,
        ty: &TypeRef,
        media: &MediaType,
        at: &Pointer,
    ) -> Option<Vec<Param>> {
        let fields = self.properties(
            ty,
            media,
            at,
            "a form body without an object schema has no fields to type",
            "the client takes the body as bytes the caller encodes",
        )?;
        let fields = fields.into_iter().map(|field| {
            let encoding = media.encoding.get(&field.name);
            let pointer = at.push("encoding").push(&field.name);
            // A property with a JSON `contentType` is sent as its JSON text.
            let json = encoding
                .and_then(|e| e.content_type.as_deref())
                .is_some_and(|ct| MediaKind::of(ct) == MediaKind::Json);
            let declared = Declared::of_encoding(encoding);
            let location = ParamLocation::Query;
            let style = self.param_style(declared, location, &field.ty, json, &pointer);
            Param {
                presence: match field.presence {
                    Presence::Required => Presence::Required,
                    _ => Presence::Optional,
                },
                name: field.name,
                ident: field.ident,
                location,
                ty: field.ty,
                style,
                description: field.description,
                example: field.example.or(field.default),
                pointer,
                checks: field.checks,
            }
        });
        Some(fields.collect())
    }

    /// The properties of an object schema `ty` (none for an object that allows none); `None`,
    /// with a warning saying `problem` and what was done `instead`, for another schema or an
    /// object whose properties are not listed.
    fn properties(
        &mut self,
        ty: &TypeRef,
        media: &MediaType,
        at: &Pointer,
        problem: &str,
        instead: &str,
    ) -> Option<Vec<Field>> {
        if allows_nothing(media) {
            return Some(Vec::new());
        }
        let fields = match resolve(&self.types, ty) {
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s) => s.fields.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if fields.is_empty() {
            self.report(
                Diagnostic::new(
                    &at.push("schema"),
                    problem,
                    "give the body an object schema, one property per field",
                )
                .instead(instead),
            );
            return None;
        }
        Some(fields)
    }

    /// A string of `format: binary` is a file; another scalar or a string enum is text; the
    /// rest is JSON.
    fn part_kind(&self, ty: &TypeRef) -> PartKind {
        match resolve(&self.types, ty) {
            TypeRef::Scalar(s) if s.is_file() => PartKind::File,
            TypeRef::Scalar(_) => PartKind::Text,
            TypeRef::Named(id) if matches!(self.types[id.0].kind, TypeKind::Enum(_)) => {
                PartKind::Text
            }
            _ => PartKind::Json,
        }
    }
}

/// Whether the body's schema is written as an object that allows no property at all, as
/// Stripe writes the bodies of its `GET`s: `{type: object, properties: {},
/// additionalProperties: false}`.
fn allows_nothing(media: &MediaType) -> bool {
    let Some(ReferenceOr::Item(schema)) = &media.schema else {
        return false;
    };
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::Object(o))
            if o.properties.is_empty()
                && o.additional_properties == Some(AdditionalProperties::Any(false))
    )
}
