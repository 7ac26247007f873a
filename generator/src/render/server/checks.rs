//! The API's own checks, apart from the router that calls them: a parser per enum a parameter
//! is read into, a body check per type a JSON request body can contain, and a redaction per
//! type with properties that travel one way (`readOnly`, `writeOnly`).

use super::plan::{Plan, mentions};
use crate::model::{Access, Api, Bound, Checks, Presence, ScalarKind, TypeId, TypeKind, TypeRef};
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
        let def = api.ty(id);
        let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
        let body = match &def.kind {
            TypeKind::Alias(_) => return None,
            _ if !plan.checked.contains(&id) => None,
            TypeKind::Enum(_) => Some(quote! {
                if !self.is_known() {
                    let detail = crate::validate::unknown_value(
                        self.as_str(),
                        #ty::KNOWN.iter().map(#ty::as_str),
                    );
                    crate::validate::fail(problems, at, detail);
                }
            }),
            TypeKind::Struct(s) => {
                let fields = s.fields.iter().map(|f| {
                    let name = ident(&f.ident);
                    let wire = &f.name;
                    let nested = mentions(&f.ty, &plan.checked).then(|| {
                        quote! {
                            crate::validate::Validate::validate(&self.#name, &crate::validate::field(at, #wire), problems);
                        }
                    });
                    let own = (!f.checks.is_empty()).then(|| {
                        let value = quote! { value };
                        let measured = measured(api, &plan.patterns, &f.ty, &f.checks, &value);
                        let read = match f.presence {
                            Presence::Optional | Presence::Nullable => {
                                quote! { if let Some(value) = &self.#name { #measured } }
                            }
                            Presence::Required | Presence::Defaulted => {
                                quote! { let value = &self.#name; #measured }
                            }
                        };
                        quote! { { let at = crate::validate::field(at, #wire); #read } }
                    });
                    quote! { #nested #own }
                });
                let additional = s
                    .additional
                    .as_ref()
                    .filter(|a| mentions(&a.ty, &plan.checked))
                    .map(|a| {
                        let name = ident(&a.ident);
                        quote! { crate::validate::Validate::validate(&self.#name, at, problems); }
                    });
                Some(quote! { #( #fields )* #additional })
            }
            TypeKind::Union(u) => {
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.ident);
                    if mentions(&v.ty, &plan.checked) {
                        quote! { #ty::#variant(value) => crate::validate::Validate::validate(value, at, problems), }
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
        let unknown = plan
            .closed
            .contains(&id)
            .then(|| unknown(api, plan, id))
            .flatten();
        Some(quote! {
            impl crate::validate::Validate for #ty {
                fn validate(&self, #at: &str, #problems: &mut Vec<crate::Validation>) {
                    #body
                }
                #unknown
            }
        })
    });
    let patterns = plan.patterns.iter().enumerate().map(|(i, source)| {
        let name = pattern_ident(i);
        let doc = format!(" `{source}`, compiled on first use.");
        quote! {
            #[doc = #doc]
            pub(crate) static #name: std::sync::LazyLock<Option<regex::Regex>> =
                std::sync::LazyLock::new(|| regex::Regex::new(#source).ok());
        }
    });
    let redactions = plan
        .directed
        .iter()
        .filter_map(|&id| redaction(api, plan, id));
    quote! {
        #( #patterns )*
        #( #parsers )*
        #( #checks )*
        #( #redactions )*
    }
}

/// `Validate::unknown` for a type that is or holds a struct closed to other properties: the
/// struct names the properties it has no field for, and hands the JSON of each field that
/// holds a closed one to that field's value.
fn unknown(api: &Api, plan: &Plan, id: TypeId) -> Option<TokenStream> {
    let forward = |value: TokenStream, json: TokenStream, at: TokenStream| {
        quote! { crate::validate::Validate::unknown(#value, #json, #at, problems); }
    };
    let body = match &api.ty(id).kind {
        TypeKind::Struct(s) => {
            let own = s.closed.then(|| {
                let known = s.fields.iter().map(|f| &f.name);
                quote! { crate::validate::unknown_fields(object, &[#( #known ),*], at, problems); }
            });
            let fields = s
                .fields
                .iter()
                .filter(|f| mentions(&f.ty, &plan.closed))
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
                .filter(|a| mentions(&a.ty, &plan.closed));
            let additional = additional.map(|a| {
                let name = ident(&a.ident);
                forward(quote! { &self.#name }, quote! { json }, quote! { at })
            });
            quote! {
                let Some(object) = json.as_object() else {
                    return;
                };
                #own
                #( #fields )*
                #additional
            }
        }
        TypeKind::Union(u) => {
            let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.ident);
                match mentions(&v.ty, &plan.closed) {
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
        const CLOSED: bool = true;

        fn unknown(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<crate::Validation>) {
            #body
        }
    })
}

/// The checks of `checks` on `value`, a reference to a value of `ty` at the field path `at`
/// (a `String` in scope): a length for a string, bounds for a number, a count for an array
/// and the checks of each of its items. Normalization kept only the checks `ty` can meet.
pub(super) fn measured(
    api: &Api,
    patterns: &[String],
    ty: &TypeRef,
    checks: &Checks,
    value: &TokenStream,
) -> TokenStream {
    // A call of the runtime's `check` on a count (`len`) and its limits, where there are any.
    let counted = |check: &str, len: TokenStream, min: Option<u64>, max: Option<u64>| {
        let side = |n: Option<u64>| match n {
            Some(n) => quote! { Some(#n) },
            None => quote! { None },
        };
        let (low, high) = (side(min), side(max));
        let check = quote::format_ident!("{check}");
        (min.is_some() || max.is_some())
            .then(|| quote! { crate::validate::#check(#len, (#low, #high), &at, problems); })
    };
    match api.resolve(ty) {
        TypeRef::Nullable(inner) => {
            let inner = measured(api, patterns, inner, checks, value);
            quote! { if let Some(#value) = #value { #inner } }
        }
        TypeRef::Scalar(s) if s.kind == ScalarKind::String => {
            let length = counted(
                "length",
                value.clone(),
                checks.min_length,
                checks.max_length,
            );
            let regex = |text: &String| {
                let i = patterns.iter().position(|known| known == text)?;
                let name = pattern_ident(i);
                Some(quote! { crate::checks::#name })
            };
            let pattern = checks.pattern.as_ref().and_then(|pattern| {
                let source = &pattern.source;
                let matches = regex(&pattern.matches)?;
                let matched = match pattern.excludes.as_ref() {
                    None => quote! { #matches.as_ref().map(|regex| regex.is_match(#value)) },
                    Some(excludes) => {
                        let excludes = regex(excludes)?;
                        quote! {
                            match (&*#matches, &*#excludes) {
                                (Some(matches), Some(excludes)) => {
                                    Some(matches.is_match(#value) && !excludes.is_match(#value))
                                }
                                _ => None,
                            }
                        }
                    }
                };
                Some(quote! {
                    let matched = #matched;
                    crate::validate::pattern(matched, #source, &at, problems);
                })
            });
            let format = checks.format.map(|format| {
                let variant = quote::format_ident!("{format:?}");
                quote! { crate::validate::format(#value, crate::validate::Format::#variant, &at, problems); }
            });
            quote! { #length #pattern #format }
        }
        TypeRef::Scalar(s) => {
            let bound = |b: Option<Bound>| match b {
                Some(Bound { value, exclusive }) => {
                    let value = proc_macro2::Literal::f64_suffixed(value);
                    quote! { Some((#value, #exclusive)) }
                }
                None => quote! { None },
            };
            let (min, max) = (bound(checks.minimum), bound(checks.maximum));
            let number = match s.kind {
                ScalarKind::F64 => quote! { *#value },
                _ => quote! { *#value as f64 },
            };
            let bounds = (checks.minimum.is_some() || checks.maximum.is_some())
                .then(|| quote! { crate::validate::bounds(#number, (#min, #max), &at, problems); });
            let integer = !matches!(s.kind, ScalarKind::F32 | ScalarKind::F64);
            let multiple = checks.multiple_of.map(|divisor| match integer && divisor.fract() == 0.0 {
                true => {
                    let divisor = proc_macro2::Literal::i128_suffixed(divisor as i128);
                    quote! { crate::validate::multiple_of_integer(*#value as i128, #divisor, &at, problems); }
                }
                false => {
                    let divisor = proc_macro2::Literal::f64_suffixed(divisor);
                    quote! { crate::validate::multiple_of(#number, #divisor, &at, problems); }
                }
            });
            quote! { #bounds #multiple }
        }
        TypeRef::Array(item) => {
            let each = checks.items.as_deref().map(|inner| {
                let item_value = quote! { item };
                let inner = measured(api, patterns, item, inner, &item_value);
                quote! {
                    for (i, item) in #value.iter().enumerate() {
                        let at = format!("{at}[{i}]");
                        #inner
                    }
                }
            });
            let len = quote! { #value.len() };
            let count = counted("count", len, checks.min_items, checks.max_items);
            let unique = checks
                .unique_items
                .then(|| quote! { crate::validate::unique(#value, &at, problems); });
            quote! { #count #unique #each }
        }
        TypeRef::Map(_) | TypeRef::Object => {
            let len = quote! { #value.len() };
            let count = counted(
                "properties",
                len,
                checks.min_properties,
                checks.max_properties,
            );
            let each = match (api.resolve(ty), checks.values.as_deref()) {
                (TypeRef::Map(inner_ty), Some(inner)) => {
                    let entry = quote! { entry };
                    let inner = measured(api, patterns, inner_ty, inner, &entry);
                    Some(quote! {
                        for (key, entry) in #value.iter() {
                            let at = crate::validate::field(&at, key);
                            #inner
                        }
                    })
                }
                _ => None,
            };
            quote! { #count #each }
        }
        _ => TokenStream::new(),
    }
}

/// The static that holds the `i`th pattern of the plan, compiled.
fn pattern_ident(i: usize) -> proc_macro2::Ident {
    quote::format_ident!("PATTERN_{i}")
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
