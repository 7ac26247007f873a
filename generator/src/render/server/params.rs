//! How the router reads a parameter, or a field of a form body (written as a query parameter
//! is): the `runtime::Param` that names it and its style, and the `Input` call that parses
//! it into its Rust type.

use super::plan::ParamPlan;
use crate::model::{
    Api, Checks, Param, ParamLocation, ParamStyle, Shape, Style, TypeKind, TypeRef,
};
use crate::render::rust::{ident, rust_type, style_variant};
use proc_macro2::TokenStream;
use quote::quote;

/// The expression that reads `p` from `input`: `Some` of its value, or `None` with the problem
/// recorded. `siblings` are the parameters read beside it (the operation's, or the form's
/// fields), whose names a map read from exploded `form` pairs leaves out.
pub(super) fn read(api: &Api, p: &ParamPlan, siblings: &[Param]) -> TokenStream {
    let item = match (api.resolve(&p.param.ty), p.list()) {
        _ if p.raw() => quote! { String },
        (TypeRef::Array(item), true) => rust_type(api, item, &quote!(crate::types)),
        _ => rust_type(api, &p.param.ty, &quote!(crate::types)),
    };
    let required = p.param.presence.is_required();
    let spec = spec(api, p, siblings);
    match (p.param.style.shape, required) {
        (Shape::Array, _) => quote! { input.list::<#item>(#spec, #required) },
        (Shape::Object, true) => quote! { input.object::<#item>(#spec, true).flatten() },
        (Shape::Object, false) => quote! { input.object::<#item>(#spec, false) },
        (Shape::Nested, true) => quote! { input.nested(#spec, true).flatten() },
        (Shape::Nested, false) => quote! { input.nested(#spec, false) },
        (_, true) => quote! { input.required::<#item>(#spec) },
        (_, false) => quote! { input.optional::<#item>(#spec) },
    }
}

/// The checks of `p`'s constraints on `local`, the value just read (`Some`, of an `Option` for
/// an optional one), each failure a problem of `input`; `None` when it has none to check.
pub(super) fn measured(
    api: &Api,
    patterns: &[String],
    p: &ParamPlan,
    local: &proc_macro2::Ident,
) -> Option<TokenStream> {
    if p.param.checks.is_empty() || p.raw() {
        return None;
    }
    // A list is read as a `Vec` either way, empty when an optional one is absent.
    let found = match (p.param.presence.is_required(), p.list()) {
        (false, true) => Found::List,
        (true, _) => Found::Value,
        (false, false) => Found::Option,
    };
    let read = Read {
        local,
        wire: &p.param.name,
        found,
        reader: quote! { input },
    };
    Some(read.checked(api, patterns, &p.param.ty, &p.param.checks))
}

/// A value of a request (a parameter, a form field, a part, the body): where it is, how it is
/// held, and where its problems go.
pub(super) struct Read<'a> {
    /// The local that holds it (the router's, `None` when the read failed).
    pub local: &'a proc_macro2::Ident,
    /// The field the problems name.
    pub wire: &'a str,
    pub found: Found,
    /// What read it, `input` or `parts`: whether it checks, and the problems it keeps.
    pub reader: TokenStream,
}

/// How a read holds its value.
pub(super) enum Found {
    /// `Some(value)`.
    Value,
    /// `Some(Some(value))`, or `Some(None)` when an optional value is absent.
    Option,
    /// `Some(values)`, empty when an optional list is absent: checked only when not empty.
    List,
}

impl Read<'_> {
    /// The checks of `checks` on the value, once it was read and is there.
    pub(super) fn checked(
        &self,
        api: &Api,
        patterns: &[String],
        ty: &TypeRef,
        checks: &Checks,
    ) -> TokenStream {
        let value = quote! { value };
        let measured = crate::render::checks::measured(api, patterns, ty, checks, &value);
        let (local, wire, reader) = (self.local, self.wire, &self.reader);
        let found = match self.found {
            Found::Value => quote! { Some(value) = &#local },
            Found::Option => quote! { Some(Some(value)) = &#local },
            Found::List => quote! { Some(value) = &#local && !value.is_empty() },
        };
        let at = match wire {
            "" => quote! { String::new() },
            wire => quote! { String::from(#wire) },
        };
        quote! {
            if #reader.checks() && let #found {
                let at = #at;
                let problems = #reader.problems();
                #measured
            }
        }
    }
}

/// The `runtime::Param` a parameter is read by: its location and name, and its style where
/// that is not the location's default.
fn spec(api: &Api, p: &ParamPlan, siblings: &[Param]) -> TokenStream {
    let param = p.param;
    let wire = &param.name;
    let name = match param.location {
        ParamLocation::Path => p.route_name.as_deref().unwrap_or(wire),
        _ => wire,
    };
    let base = ident(param.location.as_str());
    let ParamStyle {
        style,
        explode,
        shape,
        ..
    } = param.style;
    let structured = matches!(shape, Shape::Array | Shape::Object);
    let style = (!param.style.is_default(param.location)).then(|| {
        let variant = style_variant(style);
        quote! { .style(crate::runtime::Style::#variant, #explode) }
    });
    let segment = p
        .segment
        .filter(|_| structured)
        .map(|after| quote! { .segment(#after) });
    let keys = (shape == Shape::Object && param.style.style == Style::Form && explode)
        .then(|| object_keys(api, param, siblings));
    quote! { crate::runtime::Param::#base(#name) #style #segment #keys }
}

/// The keys an exploded `form` object is read from: a struct's properties, or for a map every
/// key but the names of its siblings in the same location.
fn object_keys(api: &Api, param: &Param, siblings: &[Param]) -> TokenStream {
    if let TypeRef::Named(id) = api.resolve(&param.ty)
        && let TypeKind::Struct(s) = &api.ty(*id).kind
    {
        let names = s.fields.iter().map(|f| &f.name);
        return quote! { .keys(crate::runtime::Keys::Of(&[ #( #names ),* ])) };
    }
    let others = siblings
        .iter()
        .filter(|other| other.location == param.location && other.name != param.name)
        .map(|other| &other.name);
    quote! { .keys(crate::runtime::Keys::Except(&[ #( #others ),* ])) }
}
