//! The error type: an error status (4xx or 5xx) and the API's error body.
//!
//! The router makes error bodies itself (401, 400 with the fields at fault, 404, 405, 413), so
//! it must know how to fill the declared error body: a string `message`, a string `detail` and
//! a `validations` array of `{field, detail}` objects are recognized by their wire names, and
//! every other property must be optional. Without `x-error-schema`, the body is a JSON object
//! of that same shape.

use super::plan::is_string;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{Api, Field, Presence, Struct, TypeKind, TypeRef};
use crate::render::rust::{default_fn, doc, ident, rust_type};
use proc_macro2::TokenStream;
use quote::quote;

/// The error body's Rust type and the body of `fn body(message, detail, validations)`.
pub(super) struct ErrorBody {
    pub ty: TokenStream,
    pub build: TokenStream,
    /// How the docs name the body (`codersdk.Response`).
    pub name: String,
}

pub(super) fn error_body(api: &Api) -> Result<ErrorBody, Diagnostic> {
    let Some(declared) = &api.error_body else {
        return Ok(ErrorBody {
            ty: quote! { serde_json::Value },
            build: quote! {
                let mut body = serde_json::Map::new();
                body.insert("message".to_owned(), message.into());
                if let Some(detail) = detail {
                    body.insert("detail".to_owned(), detail.into());
                }
                if !validations.is_empty() {
                    let validations = validations
                        .into_iter()
                        .map(|v| serde_json::json!({ "field": v.field, "detail": v.detail }))
                        .collect::<Vec<_>>();
                    body.insert("validations".to_owned(), validations.into());
                }
                serde_json::Value::Object(body)
            },
            name: "a JSON object with `message`, `detail` and `validations`".to_owned(),
        });
    };
    let at = Pointer::root().push("x-error-schema");
    let unusable = |why: String| {
        Diagnostic::new(
            &at,
            format!("the server cannot fill the error body: {why}"),
            "give the error schema optional `message`, `detail` and `validations` properties \
             and make the others optional",
        )
    };
    let TypeRef::Named(id) = api.resolve(declared) else {
        return Err(unusable("it is not an object schema".to_owned()));
    };
    let def = api.ty(*id);
    let TypeKind::Struct(s) = &def.kind else {
        return Err(unusable(format!("`{}` is not an object schema", def.ident)));
    };
    let name = format!("`{}`", def.schema_name.as_deref().unwrap_or(&def.ident));
    let (mut has_message, mut has_detail, mut has_validations) = (false, false, false);
    let mut fields = Vec::new();
    for f in &s.fields {
        let optional = f.presence.is_option();
        let value = match f.name.as_str() {
            "message" if is_string(api, &f.ty) => {
                has_message = true;
                match optional {
                    true => quote! { Some(message) },
                    false => quote! { message },
                }
            }
            "detail" if is_string(api, &f.ty) => {
                has_detail = true;
                match optional {
                    true => quote! { detail },
                    false => quote! { detail.unwrap_or_default() },
                }
            }
            "validations" if validation_item(api, &f.ty).is_some() => {
                has_validations = true;
                let item = validation_item(api, &f.ty);
                let list = quote! { validations.into_iter().map(|v| #item).collect::<Vec<_>>() };
                match optional {
                    true => quote! { (!validations.is_empty()).then(|| #list) },
                    false => list,
                }
            }
            _ if optional => quote! { None },
            _ if f.presence == Presence::Defaulted => default_of(api, declared, f),
            _ => {
                let why = format!("the required property `{}` is not one it knows", f.name);
                return Err(unusable(why));
            }
        };
        let name = ident(&f.ident);
        if value.to_string() == f.ident {
            fields.push(quote! { #name, });
        } else {
            fields.push(quote! { #name: #value, });
        }
    }
    let additional = s.additional.as_ref().map(|a| {
        let name = ident(&a.ident);
        quote! { #name: Default::default(), }
    });
    let ty = rust_type(api, declared, &quote!(crate::types));
    // Without a `validations` property, the fields at fault go into `detail`.
    let fold = (!has_validations && has_detail).then(|| {
        quote! {
            let detail = if validations.is_empty() {
                detail
            } else {
                let listed: Vec<String> = validations
                    .iter()
                    .map(|v| format!("{}: {}", v.field, v.detail))
                    .chain(detail)
                    .collect();
                Some(listed.join("; "))
            };
        }
    });
    let unused = (!has_validations && !has_detail).then(|| quote! { let _ = validations; });
    let unused_detail = (!has_detail).then(|| quote! { let _ = detail; });
    let unused_message = (!has_message).then(|| quote! { let _ = message; });
    Ok(ErrorBody {
        ty: ty.clone(),
        build: quote! {
            #fold
            #unused
            #unused_detail
            #unused_message
            #ty { #( #fields )* #additional }
        },
        name,
    })
}

/// For an array of `{field, detail}` objects, the expression that turns a `Validation` `v`
/// into one item.
fn validation_item(api: &Api, ty: &TypeRef) -> Option<TokenStream> {
    let TypeRef::Array(item) = api.resolve(ty) else {
        return None;
    };
    let TypeRef::Named(id) = api.resolve(item) else {
        return None;
    };
    let TypeKind::Struct(Struct { fields, additional }) = &api.ty(*id).kind else {
        return None;
    };
    let mut values = Vec::new();
    for f in fields {
        let name = ident(&f.ident);
        let optional = f.presence.is_option();
        let value = match f.name.as_str() {
            "field" | "detail" if is_string(api, &f.ty) => {
                let local = ident(&f.name);
                if optional {
                    quote! { Some(v.#local) }
                } else {
                    quote! { v.#local }
                }
            }
            _ if optional => quote! { None },
            _ if f.presence == Presence::Defaulted => default_of(api, item, f),
            _ => return None,
        };
        values.push(quote! { #name: #value, });
    }
    if !fields.iter().any(|f| f.name == "field") {
        return None;
    }
    let rest = additional.as_ref().map(|a| {
        let name = ident(&a.ident);
        quote! { #name: Default::default(), }
    });
    let ty = rust_type(api, item, &quote!(crate::types));
    Some(quote! { #ty { #( #values )* #rest } })
}

/// `error.rs`: `ErrorStatus`, `Validation`, `Error` and how it answers.
pub(super) fn file(body: &ErrorBody) -> TokenStream {
    let ty = &body.ty;
    let build = &body.build;
    let type_doc = doc(&format!(
        "What an operation returns when it fails: an error status (4xx or 5xx) and the API's \
         error body ({}). The router answers its own rejections (a missing credential, bad \
         input, an unknown path) with the same type.",
        body.name
    ));
    let statuses = [
        ("BAD_REQUEST", "400 Bad Request"),
        ("UNAUTHORIZED", "401 Unauthorized"),
        ("FORBIDDEN", "403 Forbidden"),
        ("NOT_FOUND", "404 Not Found"),
        ("METHOD_NOT_ALLOWED", "405 Method Not Allowed"),
        ("CONFLICT", "409 Conflict"),
        ("GONE", "410 Gone"),
        ("PAYLOAD_TOO_LARGE", "413 Payload Too Large"),
        ("UNSUPPORTED_MEDIA_TYPE", "415 Unsupported Media Type"),
        ("UNPROCESSABLE_ENTITY", "422 Unprocessable Entity"),
        ("TOO_MANY_REQUESTS", "429 Too Many Requests"),
        ("INTERNAL_SERVER_ERROR", "500 Internal Server Error"),
        ("NOT_IMPLEMENTED", "501 Not Implemented"),
        ("SERVICE_UNAVAILABLE", "503 Service Unavailable"),
    ];
    let constants = statuses.iter().map(|(name, text)| {
        let name = ident(name);
        let docs = doc(&format!("`{text}`."));
        quote! { #docs pub const #name: ErrorStatus = ErrorStatus(StatusCode::#name); }
    });
    let shortcuts = [
        ("bad_request", "BAD_REQUEST", "400 Bad Request"),
        ("unauthorized", "UNAUTHORIZED", "401 Unauthorized"),
        ("forbidden", "FORBIDDEN", "403 Forbidden"),
        ("not_found", "NOT_FOUND", "404 Not Found"),
        ("conflict", "CONFLICT", "409 Conflict"),
        (
            "internal",
            "INTERNAL_SERVER_ERROR",
            "500 Internal Server Error",
        ),
    ];
    let shortcuts = shortcuts.iter().map(|(method, status, text)| {
        let method = ident(method);
        let status = ident(status);
        let docs = doc(&format!("`{text}` with a message."));
        quote! {
            #docs
            pub fn #method(message: impl Into<String>) -> Self {
                Error::message(ErrorStatus::#status, message)
            }
        }
    });
    quote! {
        use axum::http::StatusCode;
        use axum::response::{IntoResponse, Response};
        use std::fmt;

        /// An HTTP status that reports a failure: a 4xx or 5xx code, and nothing else.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct ErrorStatus(StatusCode);

        impl ErrorStatus {
            #( #constants )*

            /// The status, if it is a 4xx or 5xx code.
            pub fn new(status: StatusCode) -> Option<Self> {
                (status.is_client_error() || status.is_server_error()).then_some(ErrorStatus(status))
            }

            /// The HTTP status.
            pub fn get(self) -> StatusCode {
                self.0
            }
        }

        impl From<ErrorStatus> for StatusCode {
            fn from(status: ErrorStatus) -> Self {
                status.0
            }
        }

        impl TryFrom<StatusCode> for ErrorStatus {
            type Error = StatusCode;

            fn try_from(status: StatusCode) -> Result<Self, StatusCode> {
                ErrorStatus::new(status).ok_or(status)
            }
        }

        impl fmt::Display for ErrorStatus {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        /// What is wrong with one field of a request.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Validation {
            /// The field: a parameter name, a body path (`parameter_values[0].name`),
            /// `body` or `Content-Type`.
            pub field: String,
            /// What is wrong with it.
            pub detail: String,
        }

        impl Validation {
            /// A problem with a field.
            pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
                Validation {
                    field: field.into(),
                    detail: detail.into(),
                }
            }
        }

        #type_doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct Error {
            status: ErrorStatus,
            body: #ty,
        }

        impl Error {
            /// An error with a body of the implementation's making.
            pub fn new(status: ErrorStatus, body: #ty) -> Self {
                Error { status, body }
            }

            /// An error whose body carries a message.
            pub fn message(status: ErrorStatus, message: impl Into<String>) -> Self {
                Error::new(status, body(message.into(), None, Vec::new()))
            }

            /// An error whose body carries a message and a detail (a debugging aid).
            pub fn detailed(
                status: ErrorStatus,
                message: impl Into<String>,
                detail: impl Into<String>,
            ) -> Self {
                Error::new(status, body(message.into(), Some(detail.into()), Vec::new()))
            }

            /// `400 Bad Request` naming the fields at fault.
            pub fn invalid(
                message: impl Into<String>,
                validations: impl IntoIterator<Item = Validation>,
            ) -> Self {
                let validations = validations.into_iter().collect();
                Error::new(ErrorStatus::BAD_REQUEST, body(message.into(), None, validations))
            }

            #( #shortcuts )*

            /// The status.
            pub fn status(&self) -> ErrorStatus {
                self.status
            }

            /// The body.
            pub fn body(&self) -> &#ty {
                &self.body
            }

            /// The body, by value.
            pub fn into_body(self) -> #ty {
                self.body
            }
        }

        impl fmt::Display for Error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let body = serde_json::to_string(&self.body).map_err(|_| fmt::Error)?;
                write!(f, "{}: {body}", self.status)
            }
        }

        impl std::error::Error for Error {}

        impl IntoResponse for Error {
            fn into_response(self) -> Response {
                crate::runtime::json(self.status.get().as_u16(), &self.body)
            }
        }

        /// The error body for a message, an optional detail and the fields at fault.
        fn body(message: String, detail: Option<String>, validations: Vec<Validation>) -> #ty {
            #build
        }
    }
}

/// A field's default, from the function the types crate has for it.
fn default_of(api: &Api, owner: &TypeRef, f: &Field) -> TokenStream {
    let owner = rust_type(api, api.resolve(owner), &quote!(crate::types));
    let method = default_fn(f);
    quote! { #owner::#method() }
}
