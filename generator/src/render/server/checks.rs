//! The API's own checks, apart from the router that calls them: a parser per enum a parameter
//! is read into, a body check per type a JSON request body can contain, and a redaction per
//! type with properties that travel one way (`readOnly`, `writeOnly`).

use super::plan::{Plan, mentions};
use crate::model::{Access, Api, TypeId, TypeKind, TypeRef};
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
                        Err(crate::runtime::unknown_value(value, #ty::KNOWN.iter().map(#ty::as_str)))
                    }
                }
            }
        }
    });
    let checks = plan.body_types.iter().filter_map(|&id| {
        let def = api.ty(id);
        let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
        let body = match &def.kind {
            TypeKind::Alias(_) => return None,
            _ if !plan.with_enums.contains(&id) => None,
            TypeKind::Enum(_) => Some(quote! {
                if !self.is_known() {
                    let detail = crate::runtime::unknown_value(
                        self.as_str(),
                        #ty::KNOWN.iter().map(#ty::as_str),
                    );
                    let field = if at.is_empty() { "body" } else { at };
                    problems.push(crate::Validation::new(field, detail));
                }
            }),
            TypeKind::Struct(s) => {
                let fields = s
                    .fields
                    .iter()
                    .filter(|f| mentions(&f.ty, &plan.with_enums))
                    .map(|f| {
                        let name = ident(&f.ident);
                        let wire = &f.name;
                        quote! {
                            crate::runtime::Validate::validate(&self.#name, &crate::runtime::field(at, #wire), problems);
                        }
                    });
                let additional = s
                    .additional
                    .as_ref()
                    .filter(|a| mentions(&a.ty, &plan.with_enums))
                    .map(|a| {
                        let name = ident(&a.ident);
                        quote! { crate::runtime::Validate::validate(&self.#name, at, problems); }
                    });
                Some(quote! { #( #fields )* #additional })
            }
            TypeKind::Union(u) => {
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.ident);
                    if mentions(&v.ty, &plan.with_enums) {
                        quote! { #ty::#variant(value) => crate::runtime::Validate::validate(value, at, problems), }
                    } else {
                        quote! { #ty::#variant(_) => {} }
                    }
                });
                Some(quote! { match self { #( #arms )* } })
            }
        };
        let (at, problems) = match body {
            Some(_) => (quote! { at }, quote! { problems }),
            None => (quote! { _at }, quote! { _problems }),
        };
        Some(quote! {
            impl crate::runtime::Validate for #ty {
                fn validate(&self, #at: &str, #problems: &mut Vec<crate::Validation>) {
                    #body
                }
            }
        })
    });
    let redactions = plan
        .directed
        .iter()
        .filter_map(|&id| redaction(api, plan, id));
    quote! {
        #( #parsers )*
        #( #checks )*
        #( #redactions )*
    }
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
