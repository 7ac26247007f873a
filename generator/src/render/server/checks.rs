//! The API's own checks, apart from the router that calls them: a parser per enum a parameter
//! is read into, a body check per type a JSON request body can contain, and a redaction per
//! type with properties that travel one way (`readOnly`, `writeOnly`).

use super::plan::{Plan, refuses_null};
use crate::model::{Access, Api, TypeId, TypeKind, TypeRef};
use crate::render::checks::{mentions, statics, validate_impl};
use crate::render::rust::{ident, rust_type};
use proc_macro2::TokenStream;
use quote::quote;

/// `checks.rs`: parsers for the enums that parameters use, and body checks for the types a
/// request body can contain. Both reject values the API description does not list.
pub(super) fn file(api: &Api, plan: &Plan) -> TokenStream {
    let parsers = plan.param_enums.iter().map(|&id| {
        let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
        quote! {
            impl crate::runtime::FromParam for #ty {
                fn from_param(value: &str) -> Result<Self, String> {
                    let parsed = #ty::from(value);
                    if parsed.is_known() {
                        Ok(parsed)
                    } else {
                        Err(crate::validate::unknown_value(value, #ty::KNOWN.iter().map(#ty::as_str)))
                    }
                }
            }
        }
    });
    let checks = plan.body_types.iter().filter_map(|&id| {
        let json = plan
            .reads_json
            .contains(&id)
            .then(|| check_json(api, plan, id))
            .flatten();
        validate_impl(api, &plan.checked, &plan.patterns, id, json)
    });
    let patterns = statics(&plan.patterns);
    let redactions = plan
        .directed
        .iter()
        .filter_map(|&id| redaction(api, plan, id));
    quote! {
        #patterns
        #( #parsers )*
        #( #checks )*
        #( #redactions )*
    }
}

/// `Validate::check_json` for a type that is or holds a struct with a check only its JSON
/// shows: the struct names the properties it has no field for if it is closed, and the nulls
/// of its properties that may not be null; and it hands the JSON of each field that holds such
/// a struct to that field's value.
fn check_json(api: &Api, plan: &Plan, id: TypeId) -> Option<TokenStream> {
    let forward = |value: TokenStream, json: TokenStream, at: TokenStream| {
        quote! { crate::validate::Validate::check_json(#value, #json, #at, problems); }
    };
    let body = match &api.ty(id).kind {
        TypeKind::Struct(s) => {
            let own = s.closed.then(|| {
                let known = s.fields.iter().map(|f| &f.name);
                quote! { crate::validate::unknown_fields(object, &[#( #known ),*], at, problems); }
            });
            let strict: Vec<&String> = s
                .fields
                .iter()
                .filter(|f| refuses_null(api, f))
                .map(|f| &f.name)
                .collect();
            let nulls = (!strict.is_empty()).then(|| {
                quote! { crate::validate::not_null(object, &[#( #strict ),*], at, problems); }
            });
            let fields = s
                .fields
                .iter()
                .filter(|f| mentions(&f.ty, &plan.reads_json))
                .map(|f| {
                    let name = ident(&f.ident);
                    let wire = &f.name;
                    let call = forward(
                        quote! { &self.#name },
                        quote! { json },
                        quote! { &crate::validate::field(at, #wire) },
                    );
                    quote! { if let Some(json) = object.get(#wire) { #call } }
                });
            let additional = s
                .additional
                .as_ref()
                .filter(|a| mentions(&a.ty, &plan.reads_json));
            let additional = additional.map(|a| {
                let name = ident(&a.ident);
                forward(quote! { &self.#name }, quote! { json }, quote! { at })
            });
            quote! {
                let Some(object) = json.as_object() else {
                    return;
                };
                #own
                #nulls
                #( #fields )*
                #additional
            }
        }
        TypeKind::Union(u) => {
            let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.ident);
                match mentions(&v.ty, &plan.reads_json) {
                    true => {
                        let call = forward(quote! { value }, quote! { json }, quote! { at });
                        quote! { #ty::#variant(value) => { #call } }
                    }
                    false => quote! { #ty::#variant(_) => {} },
                }
            });
            quote! { match self { #( #arms )* } }
        }
        TypeKind::Alias(_) | TypeKind::Enum(_) => return None,
    };
    Some(quote! {
        const READS_JSON: bool = true;

        fn check_json(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<crate::Validation>) {
            #body
        }
    })
}

/// How a type with one-way properties clears them: its own read-only fields in a request,
/// write-only ones in a response, and those of the values it holds.
fn redaction(api: &Api, plan: &Plan, id: TypeId) -> Option<TokenStream> {
    let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
    let redact = |value: TokenStream| {
        quote! { crate::runtime::Redact::redact(#value, direction); }
    };
    let body = match &api.ty(id).kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().map(|f| {
                let name = ident(&f.ident);
                let cleared = match f.access {
                    Access::ReadWrite => None,
                    Access::ReadOnly => Some(quote! { Request }),
                    Access::WriteOnly => Some(quote! { Response }),
                };
                match cleared {
                    // A one-way property is never required: it is an `Option`.
                    Some(way) => quote! {
                        if direction == crate::runtime::Direction::#way {
                            self.#name = None;
                        }
                    },
                    None if mentions(&f.ty, &plan.directed) => redact(quote! { &mut self.#name }),
                    None => TokenStream::new(),
                }
            });
            let additional = s
                .additional
                .as_ref()
                .filter(|a| mentions(&a.ty, &plan.directed));
            let additional = additional.map(|a| {
                let name = ident(&a.ident);
                redact(quote! { &mut self.#name })
            });
            quote! { #( #fields )* #additional }
        }
        TypeKind::Union(u) => {
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.ident);
                match mentions(&v.ty, &plan.directed) {
                    true => {
                        let call = redact(quote! { value });
                        quote! { #ty::#variant(value) => { #call } }
                    }
                    false => quote! { #ty::#variant(_) => {} },
                }
            });
            quote! { match self { #( #arms )* } }
        }
        TypeKind::Alias(_) | TypeKind::Enum(_) => return None,
    };
    Some(quote! {
        impl crate::runtime::Redact for #ty {
            fn redact(&mut self, direction: crate::runtime::Direction) {
                #body
            }
        }
    })
}
