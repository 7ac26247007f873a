//! How parameter values travel: the Rust type an argument takes, and the text a value
//! becomes in a path, a query string, a header or a cookie.

use crate::model::{Api, Param, Shape, TypeRef};
pub(super) use crate::render::rust::{TextForm, text, text_form};
use crate::render::rust::{ident, rust_type, style_variant};
use proc_macro2::TokenStream;
use quote::quote;

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

/// The `http::Param` of a parameter: its wire name and style.
pub(super) fn param_spec(p: &Param) -> TokenStream {
    let name = &p.name;
    let location = ident(p.location.as_str());
    let style = (!p.style.is_default(p.location)).then(|| {
        let variant = style_variant(p.style.style);
        let explode = p.style.explode;
        quote! { .style(http::Style::#variant, #explode) }
    });
    let reserved = p.style.allow_reserved.then(|| quote! { .reserved() });
    quote! { http::Param::#location(#name) #style #reserved }
}

/// An expression for `value` (the argument, or a reference to it) of a type that is
/// `Into<http::Value>`: a `String`, a `Vec<String>` of items, or a value; and whether it is a
/// `Result` (objects and JSON text can fail to serialize).
fn value_expr(api: &Api, p: &Param, value: &TokenStream, borrowed: bool) -> (TokenStream, bool) {
    let name = &p.name;
    let reference = match borrowed {
        true => value.clone(),
        false => quote! { &#value },
    };
    let json = || (quote! { http::Value::json(#name, #reference) }, true);
    match (p.style.shape, text_form(api, &p.ty)) {
        (Shape::Object, _) => (quote! { http::Value::object(#name, #reference) }, true),
        (Shape::Array, TextForm::Array(item)) => match text(&item, &quote! { value }) {
            Some(item) => (
                quote! { #value.iter().map(|value| #item).collect::<Vec<_>>() },
                false,
            ),
            None => json(),
        },
        (Shape::Primitive, form) => match text(&form, value) {
            Some(text) => (text, false),
            None => json(),
        },
        (Shape::Nested, _) => (quote! { http::Value::nested(#name, #reference) }, true),
        _ => json(),
    }
}

/// A path parameter's value (see [`value_expr`]); `?` returns one that does not serialize.
pub(super) fn path_value(api: &Api, p: &Param, value: &TokenStream) -> TokenStream {
    // Scalars are taken by value, everything else borrowed (see `arg_type`).
    let form = text_form(api, &p.ty);
    let borrowed = !matches!(form, TextForm::Scalar | TextForm::DateTime);
    match value_expr(api, p, value, borrowed) {
        (expr, true) => quote! { #expr? },
        (expr, false) => expr,
    }
}

/// A parameter's value as an `Option` of a type that is `Into<http::Value>`. `value` is a
/// required argument when `optional` is false, an `Option` field otherwise.
pub(super) fn param_value(
    api: &Api,
    p: &Param,
    value: &TokenStream,
    optional: bool,
) -> TokenStream {
    if !optional {
        let expr = path_value(api, p, value);
        return quote! { Some(#expr) };
    }
    if p.style.shape == Shape::Primitive && text_form(api, &p.ty) == TextForm::Str {
        return quote! { #value.clone() };
    }
    match value_expr(api, p, &quote! { value }, true) {
        (expr, true) => quote! { #value.as_ref().map(|value| #expr).transpose()? },
        (expr, false) => quote! { #value.as_ref().map(|value| #expr) },
    }
}
