//! How parameter values travel: the Rust type an argument takes, and the text a value
//! becomes in a path, a query string, a header or a cookie.

use crate::model::{Api, ScalarKind, TypeKind, TypeRef};
use crate::render::rust::rust_type;
use proc_macro2::TokenStream;
use quote::quote;

/// What the client does with a value of a parameter's type. The spelling of the type itself
/// comes from [`rust_type`]; this only decides how it is passed and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TextForm {
    /// A string: taken as `&str`.
    Str,
    /// A number, boolean, UUID or date: taken by value, written with `Display`.
    Scalar,
    /// A date-time: taken by value, written as RFC 3339.
    DateTime,
    /// A string enum of the types crate: borrowed, written with `Display` (its wire value).
    Enum,
    /// An array: borrowed as a slice; in a query each item is one more `name=item`,
    /// elsewhere the items are joined with `,` (OpenAPI's default styles).
    Array(Box<TextForm>),
    /// Anything else (objects, maps, unions, any JSON): borrowed, written as JSON text.
    Json,
}

pub(super) fn text_form(api: &Api, ty: &TypeRef) -> TextForm {
    match api.resolve(ty) {
        TypeRef::Scalar(scalar) => match scalar.kind {
            ScalarKind::DateTime => TextForm::DateTime,
            ScalarKind::String => TextForm::Str,
            _ => TextForm::Scalar,
        },
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Enum(_) => TextForm::Enum,
            _ => TextForm::Json,
        },
        TypeRef::Array(item) => TextForm::Array(Box::new(text_form(api, item))),
        TypeRef::Tuple(_) | TypeRef::Map(_) | TypeRef::Object | TypeRef::Any => TextForm::Json,
    }
}

/// The type of a method argument for a required parameter.
pub(super) fn arg_type(api: &Api, ty: &TypeRef, types: &TokenStream) -> TokenStream {
    let resolved = api.resolve(ty);
    match (text_form(api, ty), resolved) {
        (TextForm::Str, _) => quote! { &str },
        (TextForm::Scalar | TextForm::DateTime, _) => rust_type(api, ty, types),
        (TextForm::Array(_), TypeRef::Array(item)) => {
            let item = rust_type(api, item, types);
            quote! { &[#item] }
        }
        _ => {
            let ty = rust_type(api, ty, types);
            quote! { &#ty }
        }
    }
}

/// An expression of type `String` for `value` (a value of the shape, or a reference to
/// one); `None` for JSON text, which can fail and so needs `?` outside any closure.
pub(super) fn text(shape: &TextForm, value: &TokenStream) -> Option<TokenStream> {
    match shape {
        TextForm::Str | TextForm::Scalar | TextForm::Enum => Some(quote! { #value.to_string() }),
        TextForm::DateTime => {
            Some(quote! { #value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true) })
        }
        TextForm::Array(item) => {
            let item = text(item, &quote! { value })?;
            Some(quote! { #value.iter().map(|value| #item).collect::<Vec<_>>().join(",") })
        }
        TextForm::Json => None,
    }
}

/// [`text`], or the fallible JSON text of the value.
pub(super) fn text_or_json(shape: &TextForm, value: &TokenStream, name: &str) -> TokenStream {
    text(shape, value).unwrap_or_else(|| quote! { http::json_text(#name, &#value)? })
}

/// The values a parameter adds to a query string, as an `IntoIterator<Item = String>`:
/// one per item for arrays of scalars, else one or none. `value` is a required argument
/// when `optional` is false, an `Option` field otherwise.
pub(super) fn query_values(
    shape: &TextForm,
    value: &TokenStream,
    name: &str,
    optional: bool,
) -> TokenStream {
    if let TextForm::Array(item) = shape
        && let Some(item) = text(item, &quote! { value })
    {
        let items = if optional {
            quote! { #value.iter().flatten() }
        } else {
            quote! { #value.iter() }
        };
        return quote! { #items.map(|value| #item) };
    }
    single_value(shape, value, name, optional)
}

/// A parameter's value as an `Option<String>`. `value` is a required argument when
/// `optional` is false, an `Option` field otherwise.
pub(super) fn single_value(
    shape: &TextForm,
    value: &TokenStream,
    name: &str,
    optional: bool,
) -> TokenStream {
    if !optional {
        let text = text_or_json(shape, value, name);
        return quote! { Some(#text) };
    }
    match (shape, text(shape, &quote! { value })) {
        (TextForm::Str, _) => quote! { #value.clone() },
        (_, Some(text)) => quote! { #value.as_ref().map(|value| #text) },
        (_, None) => quote! {
            #value.as_ref().map(|value| http::json_text(#name, value)).transpose()?
        },
    }
}
