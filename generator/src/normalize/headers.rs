//! The headers a response documents: each a primitive or an array of primitives, written in
//! style `simple` as a header parameter is, so that both sides can type it.

use super::operations::lookup;
use super::{Normalizer, prose};
use crate::diag::{Diagnostic, Pointer};
use crate::model::{JsonType, ResponseHeader, Scalar, Shape, TypeRef};
use crate::naming::{self, Scope};
use openapiv3::{Header, Parameter, ParameterSchemaOrContent, ReferenceOr};

impl<'a> Normalizer<'a> {
    /// The documented headers of `response` (at `at`), but `Content-Type`, which OpenAPI says
    /// to ignore there; `hint` names their inline types.
    pub(super) fn response_headers(
        &mut self,
        response: &'a openapiv3::Response,
        at: &Pointer,
        hint: &str,
    ) -> Vec<ResponseHeader> {
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for (name, header) in &response.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let at = at.push("headers").push(name);
            if !is_token(name) {
                self.report(
                    Diagnostic::new(
                        &at,
                        format!("`{name}` is not an HTTP header name"),
                        "name the header with letters, digits and `-`",
                    )
                    .instead("left the header out"),
                );
                continue;
            }
            let Some((header, at)) = self.header(header, at) else {
                continue;
            };
            let hint = format!("{hint}{}", naming::type_ident(name));
            let ty = match header.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    self.use_schema(schema.into(), &at.push("schema"), &hint).ty
                }
                ParameterSchemaOrContent::Content(content) => {
                    self.content_type(content, &at.push("content"), &hint).1
                }
            };
            let ty = match self.shape_of(&ty) {
                Shape::Primitive | Shape::Array => ty,
                _ => {
                    self.report(
                        Diagnostic::new(
                            &at,
                            "a response header can be typed only as a primitive or an array \
                             of primitives",
                            "give the header a primitive schema, or an array of them",
                        )
                        .instead("the header is its text as sent"),
                    );
                    TypeRef::Scalar(Scalar::new(JsonType::String, None))
                }
            };
            let (ident, collision) = scope.require_value(name, &at);
            self.diags.extend(collision);
            out.push(ResponseHeader {
                name: name.clone(),
                ident,
                ty,
                required: header.required,
                description: prose(header.description),
                pointer: at,
            });
        }
        out
    }

    /// A header object, or what a `$ref` points to: a component header, or a component header
    /// parameter (as some documents write it), read the same way; with its pointer.
    fn header(
        &mut self,
        header: &'a ReferenceOr<Header>,
        at: Pointer,
    ) -> Option<(Declared<'a>, Pointer)> {
        let reference = match header {
            ReferenceOr::Item(header) => return Some((Declared::of_header(header), at)),
            ReferenceOr::Reference { reference } => reference,
        };
        let components = self.doc.components.as_ref();
        if let Some((header, pointer, _)) =
            lookup(reference, "headers", components.map(|c| &c.headers))
        {
            return Some((Declared::of_header(header), pointer));
        }
        let parameter = lookup(reference, "parameters", components.map(|c| &c.parameters));
        match parameter {
            Some((Parameter::Header { parameter_data, .. }, pointer, _)) => {
                let declared = Declared {
                    format: &parameter_data.format,
                    required: parameter_data.required,
                    description: &parameter_data.description,
                };
                Some((declared, pointer))
            }
            _ => {
                self.dangling(reference, "headers", &at);
                None
            }
        }
    }
}

/// What a header declares, from a header object or a header parameter.
struct Declared<'a> {
    format: &'a ParameterSchemaOrContent,
    required: bool,
    description: &'a Option<String>,
}

impl<'a> Declared<'a> {
    fn of_header(header: &'a Header) -> Self {
        Declared {
            format: &header.format,
            required: header.required,
            description: &header.description,
        }
    }
}

/// Whether `name` is an HTTP token (RFC 9110), as a header name must be.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
