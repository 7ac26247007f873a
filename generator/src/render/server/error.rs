//! The error type: an error status (4xx or 5xx) and the API's error body, which the router
//! fills as the plan's [`ErrorBody`] says.

use super::plan::{BodyValue, ErrorBody, Fill, Filled, ItemValue};
use crate::model::{Api, Field, TypeRef};
use crate::render::rust::{default_fn, doc, ident, rust_type};
use proc_macro2::TokenStream;
use quote::quote;

/// `error.rs`: `ErrorStatus`, `Validation`, `Error` and how it answers.
pub(super) fn file(api: &Api, body: &ErrorBody) -> TokenStream {
    let (ty, build, name, answer) = match body {
        ErrorBody::Problem => (
            quote! { serde_json::Value },
            problem(),
            "an RFC 9457 problem details object, `application/problem+json`",
            quote! { crate::answers::json_as(code, "application/problem+json", &self.body) },
        ),
        ErrorBody::Declared { name, body } => (
            rust_type(api, body.ty, &quote!(crate::types)),
            declared(api, body),
            name.as_str(),
            quote! { crate::answers::json(code, &self.body) },
        ),
    };
    let type_doc = doc(&format!(
        "What an operation returns when it fails: an error status (4xx or 5xx) and the API's \
         error body ({name}). The router answers its own rejections (a missing credential, bad \
         input, an unknown path) with the same type."
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
                Error::new(status, body(status, message.into(), None, Vec::new()))
            }

            /// An error whose body carries a message and a detail (a debugging aid).
            pub fn detailed(
                status: ErrorStatus,
                message: impl Into<String>,
                detail: impl Into<String>,
            ) -> Self {
                let detail = Some(detail.into());
                Error::new(status, body(status, message.into(), detail, Vec::new()))
            }

            /// `400 Bad Request` naming the fields at fault.
            pub fn invalid(
                message: impl Into<String>,
                validations: impl IntoIterator<Item = Validation>,
            ) -> Self {
                let validations = validations.into_iter().collect();
                let status = ErrorStatus::BAD_REQUEST;
                Error::new(status, body(status, message.into(), None, validations))
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
                #[cfg(feature = "tracing")]
                crate::answers::failed(&self);
                let code = self.status.get().as_u16();
                #answer
            }
        }

        /// The error body for a status, a message, an optional detail and the fields at fault.
        fn body(
            status: ErrorStatus,
            message: String,
            detail: Option<String>,
            validations: Vec<Validation>,
        ) -> #ty {
            #build
        }
    }
}

/// The body of `fn body(status, message, detail, validations)` without an error schema: RFC
/// 9457's problem details, of `type` `about:blank` (the status says it all), so the `title` is
/// the status's reason phrase and the message the `detail`; a debugging detail follows the
/// message, and the fields at fault are the extension member `errors`.
fn problem() -> TokenStream {
    quote! {
        let code = status.get();
        let mut body = serde_json::Map::new();
        body.insert("type".to_owned(), "about:blank".into());
        body.insert("title".to_owned(), code.canonical_reason().unwrap_or("Error").into());
        body.insert("status".to_owned(), code.as_u16().into());
        let detail = match detail {
            Some(detail) => format!("{message} {detail}"),
            None => message,
        };
        body.insert("detail".to_owned(), detail.into());
        if !validations.is_empty() {
            let errors = validations
                .into_iter()
                .map(|v| serde_json::json!({ "field": v.field, "detail": v.detail }))
                .collect::<Vec<_>>();
            body.insert("errors".to_owned(), errors.into());
        }
        serde_json::Value::Object(body)
    }
}

/// The body of `fn body(status, message, detail, validations)` for the declared schema: the
/// parts the schema has no place for are dropped (the status travels as the answer's own).
fn declared(api: &Api, body: &Filled<BodyValue>) -> TokenStream {
    let has = |wanted: fn(&BodyValue) -> bool| {
        body.fields
            .iter()
            .any(|(_, fill)| matches!(fill, Fill::Value(v) if wanted(v)))
    };
    let has_message = has(|v| matches!(v, BodyValue::Message));
    let has_detail = has(|v| matches!(v, BodyValue::Detail));
    let has_validations = has(|v| matches!(v, BodyValue::Validations(_)));
    let literal = literal(api, body, |value, optional| match (value, optional) {
        (BodyValue::Message, true) => quote! { Some(message) },
        (BodyValue::Message, false) => quote! { message },
        (BodyValue::Detail, true) => quote! { detail },
        (BodyValue::Detail, false) => quote! { detail.unwrap_or_default() },
        (BodyValue::Validations(item), optional) => {
            let item = literal(api, item, |value, optional| {
                let local = match value {
                    ItemValue::Field => quote! { v.field },
                    ItemValue::Detail => quote! { v.detail },
                };
                match optional {
                    true => quote! { Some(#local) },
                    false => local,
                }
            });
            let list = quote! { validations.into_iter().map(|v| #item).collect::<Vec<_>>() };
            match optional {
                true => quote! { (!validations.is_empty()).then(|| #list) },
                false => list,
            }
        }
    });
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
    quote! {
        let _ = status;
        #fold
        #unused
        #unused_detail
        #unused_message
        #literal
    }
}

/// The struct expression of a [`Filled`] struct; `value` spells a value the router has, given
/// whether the field is an `Option`.
fn literal<V>(
    api: &Api,
    filled: &Filled<V>,
    value: impl Fn(&V, bool) -> TokenStream,
) -> TokenStream {
    let fields = filled.fields.iter().map(|(f, fill)| {
        let name = ident(&f.ident);
        let value = match fill {
            Fill::Value(v) => value(v, f.presence.is_option()),
            Fill::None => quote! { None },
            Fill::Default => default_of(api, filled.ty, f),
        };
        // `message,` rather than `message: message,`.
        if value.to_string() == f.ident {
            quote! { #name, }
        } else {
            quote! { #name: #value, }
        }
    });
    let additional = filled.additional.map(|a| {
        let name = ident(&a.ident);
        quote! { #name: Default::default(), }
    });
    let ty = rust_type(api, filled.ty, &quote!(crate::types));
    quote! { #ty { #( #fields )* #additional } }
}

/// A field's default, from the function the types crate has for it.
fn default_of(api: &Api, owner: &TypeRef, f: &Field) -> TokenStream {
    let owner = rust_type(api, api.resolve(owner), &quote!(crate::types));
    let method = default_fn(f);
    quote! { #owner::#method() }
}
