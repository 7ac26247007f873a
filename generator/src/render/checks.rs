//! What the client and the server share of checking a request against the constraints the
//! document states: which types have something to check, the regexes the patterns need, each
//! type's `Validate` impl and the code that measures one value. Both crates copy the same
//! runtime (`templates/shared/validate.rs`), so the code is the same in both.

use crate::model::{Api, Bound, Checks, Presence, ScalarKind, TypeDef, TypeId, TypeKind, TypeRef};
use crate::render::rust::{ident, rust_type};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The runtime of the checks, `validate.rs` in each crate that checks: the `Validate` trait
/// and the functions the generated checks call.
pub(crate) const RUNTIME: &str = include_str!("../../../templates/shared/validate.rs");

/// The distinct regexes of the patterns of the properties of `types` and of `others` (a
/// crate's parameters, fields and bodies), and of their items and values, in the order first
/// met: one compiled regex each, and the crate depends on `regex` only when there is one.
pub(crate) fn patterns<'a>(
    api: &Api,
    types: &BTreeSet<TypeId>,
    others: impl IntoIterator<Item = &'a Checks>,
) -> Vec<String> {
    fn collect(checks: &Checks, found: &mut Vec<String>) {
        let pattern = checks.pattern.iter();
        for regex in pattern.flat_map(|p| std::iter::once(&p.matches).chain(&p.excludes)) {
            if !found.contains(regex) {
                found.push(regex.clone());
            }
        }
        for inner in checks.items.iter().chain(&checks.values) {
            collect(inner, found);
        }
    }
    let mut found = Vec::new();
    for id in types {
        if let TypeKind::Struct(s) = &api.ty(*id).kind {
            s.fields.iter().for_each(|f| collect(&f.checks, &mut found));
        }
    }
    for checks in others {
        collect(checks, &mut found);
    }
    found
}

/// The statics that hold the compiled `patterns`, `crate::checks::PATTERN_i`.
pub(crate) fn statics(patterns: &[String]) -> TokenStream {
    let statics = patterns.iter().enumerate().map(|(i, source)| {
        let name = pattern_ident(i);
        let doc = format!(" `{source}`, compiled on first use.");
        quote! {
            #[doc = #doc]
            pub(crate) static #name: std::sync::LazyLock<Option<regex::Regex>> =
                std::sync::LazyLock::new(|| regex::Regex::new(#source).ok());
        }
    });
    quote! { #( #statics )* }
}

/// The `Validate` impl of the type `id`, with `extra` items (the server's check of unknown
/// properties); `None` for an alias, which is its target's. A type not in `checked` has
/// nothing to check.
pub(crate) fn validate_impl(
    api: &Api,
    checked: &BTreeSet<TypeId>,
    patterns: &[String],
    id: TypeId,
    extra: Option<TokenStream>,
) -> Option<TokenStream> {
    let ty = rust_type(api, &TypeRef::Named(id), &quote!(crate::types));
    let body = match &api.ty(id).kind {
        TypeKind::Alias(_) => return None,
        _ if !checked.contains(&id) => None,
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
                let nested = mentions(&f.ty, checked).then(|| {
                    quote! {
                        crate::validate::Validate::validate(&self.#name, &crate::validate::field(at, #wire), problems);
                    }
                });
                let own = (!f.checks.is_empty()).then(|| {
                    let value = quote! { value };
                    let measured = measured(api, patterns, &f.ty, &f.checks, &value);
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
                .filter(|a| mentions(&a.ty, checked))
                .map(|a| {
                    let name = ident(&a.ident);
                    quote! { crate::validate::Validate::validate(&self.#name, at, problems); }
                });
            Some(quote! { #( #fields )* #additional })
        }
        TypeKind::Union(u) => {
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.ident);
                if mentions(&v.ty, checked) {
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
    Some(quote! {
        impl crate::validate::Validate for #ty {
            fn validate(&self, #at: &str, #problems: &mut Vec<crate::Validation>) {
                #body
            }
            #extra
        }
    })
}

/// The checks of `checks` on `value`, a reference to a value of `ty` at the field path `at`
/// (a `String` in scope): a length for a string, bounds for a number, a count for an array
/// and the checks of each of its items. Normalization kept only the checks `ty` can meet.
pub(crate) fn measured(
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

/// Every named type reachable from `ty`.
pub(crate) fn reachable(api: &Api, ty: &TypeRef, found: &mut BTreeSet<TypeId>) {
    match ty {
        TypeRef::Named(id) => {
            // A type of the user's gets an empty check: nothing inside it is the API's.
            if !found.insert(*id) || api.ty(*id).replacement.is_some() {
                return;
            }
            for child in api.ty(*id).kind.children() {
                reachable(api, child, found);
            }
        }
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => {
            reachable(api, item, found)
        }
        TypeRef::Tuple(items) => items.iter().for_each(|item| reachable(api, item, found)),
        TypeRef::Scalar(_) | TypeRef::Object | TypeRef::Any => {}
    }
}

/// The named types that are, or contain, a string enum or a property with constraints (to a
/// fixed point, so cycles end).
pub(crate) fn checked(api: &Api) -> BTreeSet<TypeId> {
    containing(api, |def| match &def.kind {
        TypeKind::Enum(_) => true,
        TypeKind::Struct(s) => s.fields.iter().any(|f| !f.checks.is_empty()),
        _ => false,
    })
}

/// The types `seed` picks and the types that contain them, replaced types aside.
pub(crate) fn containing(api: &Api, seed: impl Fn(&TypeDef) -> bool) -> BTreeSet<TypeId> {
    let mut found: BTreeSet<TypeId> = api
        .types
        .iter()
        .filter(|def| seed(def) && def.replacement.is_none())
        .map(|def| def.id)
        .collect();
    loop {
        let before = found.len();
        for def in &api.types {
            if !found.contains(&def.id)
                && def.replacement.is_none()
                && def
                    .kind
                    .children()
                    .into_iter()
                    .any(|ty| mentions(ty, &found))
            {
                found.insert(def.id);
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// Whether a type expression names one of `ids`.
pub(crate) fn mentions(ty: &TypeRef, ids: &BTreeSet<TypeId>) -> bool {
    match ty {
        TypeRef::Named(id) => ids.contains(id),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => mentions(item, ids),
        TypeRef::Tuple(items) => items.iter().any(|item| mentions(item, ids)),
        TypeRef::Scalar(_) | TypeRef::Object | TypeRef::Any => false,
    }
}
