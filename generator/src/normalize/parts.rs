//! A `multipart/form-data` body's parts: one per property of the body's object schema, each
//! written as its schema and the media type's `encoding` say (OpenAPI 3.0.3, "Special
//! Considerations for multipart Content").

use super::Normalizer;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{JsonType, Part, PartKind, TypeKind, TypeRef, resolve};
use openapiv3::MediaType;

impl Normalizer<'_> {
    /// The parts of a multipart body of type `ty`; `None`, with a warning, when the schema is
    /// not an object with properties (the client then takes parts the caller builds).
    pub(super) fn parts(
        &mut self,
        ty: &TypeRef,
        media: &MediaType,
        at: &Pointer,
    ) -> Option<Vec<Part>> {
        let fields = match resolve(&self.types, ty) {
            TypeRef::Named(id) => match &self.types[id.0].kind {
                TypeKind::Struct(s) if !s.fields.is_empty() => s.fields.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if fields.is_empty() {
            self.report(
                Diagnostic::new(
                    &at.push("schema"),
                    "a multipart body without an object schema has no parts to type",
                    "give the body an object schema, one property per part",
                )
                .instead("the client takes a `reqwest::multipart::Form` the caller builds"),
            );
            return None;
        }
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
            Part {
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

    /// A string of `format: binary` is a file; another scalar or a string enum is text; the
    /// rest is JSON.
    fn part_kind(&self, ty: &TypeRef) -> PartKind {
        match resolve(&self.types, ty) {
            TypeRef::Scalar(s)
                if s.json == JsonType::String && s.format.as_deref() == Some("binary") =>
            {
                PartKind::File
            }
            TypeRef::Scalar(_) => PartKind::Text,
            TypeRef::Named(id) if matches!(self.types[id.0].kind, TypeKind::Enum(_)) => {
                PartKind::Text
            }
            _ => PartKind::Json,
        }
    }
}
