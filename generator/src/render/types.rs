//! The types crate: one Rust type per named model type, with serde attributes for the wire
//! names. The client and server crates both use it, so no type is defined twice.

use super::rust::{default_fn, doc, format_tokens, ident, rust_type};
use super::{File, Options};
use crate::diag::Diagnostics;
use crate::model::{
    Access, Api, Enum, Field, Presence, ScalarKind, Struct, Tagging, TypeDef, TypeKind, TypeRef,
    Union,
};
use askama::Template;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

#[derive(Template)]
#[template(path = "types/Cargo.toml")]
struct Manifest<'a> {
    package: super::Package<'a>,
}

pub fn render(api: &Api, options: &Options) -> Result<Vec<File>, Diagnostics> {
    let manifest = Manifest {
        package: super::Package::new(api, options, &options.crates.types, |api| {
            format!("The types of {api}, shared by its client and server crates")
        }),
    };
    let items = api
        .types
        .iter()
        .map(|def| type_item(api, &options.derives, def));
    let lead = format!("The types of {}.", api.info.title_and_version());
    let crate_doc = super::rust::inner_doc(&api.info.lead(&lead));
    let source = quote! {
        #crate_doc
        #![deny(missing_docs)]
        #( #items )*
    };
    let path = "types/src/lib.rs";
    Ok(vec![
        File {
            path: "types/Cargo.toml".to_owned(),
            contents: super::template(&manifest)?,
        },
        File {
            path: path.to_owned(),
            contents: format_tokens(path, source, &options.command)?,
        },
    ])
}

fn type_item(api: &Api, derives: &[String], def: &TypeDef) -> TokenStream {
    let docs = doc(&type_doc(def));
    let name = ident(&def.ident);
    // The model keeps only paths that parse.
    if let Some(path) = def
        .replacement
        .as_deref()
        .and_then(|p| syn::parse_str::<syn::Path>(p).ok())
    {
        return quote! { #docs pub type #name = #path; };
    }
    match &def.kind {
        TypeKind::Struct(s) => struct_item(api, &docs, &name, s, derives),
        TypeKind::Enum(e) => enum_item(&docs, &name, e, derives),
        TypeKind::Union(u) => union_item(api, &docs, &name, u, derives),
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty, &TokenStream::new());
            quote! { #docs pub type #name = #ty; }
        }
    }
}

/// Of the config's extra derives, those a type's own list (`present`, by last path segment)
/// does not already have, each after a comma: a derive named twice does not compile.
fn extra_derives(derives: &[String], present: &[&str]) -> TokenStream {
    let extra = derives
        .iter()
        .filter(|d| !present.contains(&d.rsplit("::").next().unwrap_or(d).trim()))
        .filter_map(|d| syn::parse_str::<syn::Path>(d).ok());
    quote! { #( , #extra )* }
}

fn struct_item(
    api: &Api,
    docs: &TokenStream,
    name: &Ident,
    s: &Struct,
    derives: &[String],
) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(api, name, f));
    let additional = s.additional.as_ref().map(|extra| {
        let field = ident(&extra.ident);
        let ty = rust_type(
            api,
            &TypeRef::Map(Box::new(extra.ty.clone())),
            &TokenStream::new(),
        );
        quote! {
            /// Properties beyond the ones named above.
            #[serde(flatten)]
            pub #field: #ty,
        }
    });
    let default = s.fields.iter().all(has_default).then(|| quote!(Default,));
    let present = [
        "Debug",
        "Clone",
        "PartialEq",
        "Default",
        "Serialize",
        "Deserialize",
    ];
    let extra = extra_derives(derives, &present);
    let defaults = default_fns(api, name, s);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize #extra)]
        pub struct #name {
            #( #fields )*
            #additional
        }

        #defaults
    }
}

fn field(api: &Api, owner: &Ident, f: &Field) -> TokenStream {
    let what = (f.description.clone()).unwrap_or_else(|| format!("The `{}` property.", f.name));
    let docs = doc(&match f.access {
        Access::ReadWrite => what,
        Access::ReadOnly => format!(
            "{what}\n\nRead-only: responses carry it; a request leaves it `None` (the server \
             ignores it there)."
        ),
        Access::WriteOnly => {
            format!("{what}\n\nWrite-only: requests carry it; the server never answers it.")
        }
    });
    let name = ident(&f.ident);
    let mut ty = rust_type(api, &f.ty, &TokenStream::new());
    if f.boxed {
        ty = quote! { Box<#ty> };
    }
    let rename = (f.ident.trim_start_matches("r#") != f.name).then(|| {
        let wire = &f.name;
        quote! { #[serde(rename = #wire)] }
    });
    let (ty, attribute) = match f.presence {
        Presence::Defaulted => {
            let path = format!("{owner}::{}", default_fn(f));
            (ty, Some(quote! { #[serde(default = #path)] }))
        }
        Presence::Required => (ty, None),
        Presence::Nullable => (quote! { Option<#ty> }, None),
        Presence::Optional => (
            quote! { Option<#ty> },
            Some(quote! { #[serde(default, skip_serializing_if = "Option::is_none")] }),
        ),
    };
    quote! {
        #docs
        #rename
        #attribute
        pub #name: #ty,
    }
}

/// Whether a field's type has a `Default`, so the struct can derive one. Optional fields
/// always do; of required ones, only scalars and collections are counted. A field with a
/// default of the document's would get Rust's instead, so it counts as none.
fn has_default(f: &Field) -> bool {
    match f.presence {
        Presence::Nullable | Presence::Optional => true,
        Presence::Defaulted => false,
        Presence::Required => !matches!(f.ty, TypeRef::Named(_)),
    }
}

/// The functions serde calls for the defaults of a struct's fields: public, so that code
/// building a value can use them too.
fn default_fns(api: &Api, name: &Ident, s: &Struct) -> Option<TokenStream> {
    let fns: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Defaulted)
        .filter_map(|f| {
            let value = f.default.as_ref()?;
            let method = default_fn(f);
            let ty = rust_type(api, &f.ty, &TokenStream::new());
            let docs = doc(&format!("The default of `{}`: `{value}`.", f.name));
            let value = default_value(api, &f.ty, value);
            Some(quote! { #docs pub fn #method() -> #ty { #value } })
        })
        .collect();
    (!fns.is_empty()).then(|| quote! { impl #name { #( #fns )* } })
}

/// A default as a Rust expression of the field's type; the `defaults` pass of normalization
/// only marks values these cases cover.
fn default_value(api: &Api, ty: &TypeRef, value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match (ty, value) {
        (TypeRef::Named(id), Value::String(text)) => {
            let name = ident(&api.ty(*id).ident);
            quote! { #name::from(#text) }
        }
        (_, Value::String(text)) => quote! { #text.to_owned() },
        (_, Value::Bool(flag)) => quote! { #flag },
        (TypeRef::Scalar(s), Value::Number(n))
            if matches!(s.kind, ScalarKind::F32 | ScalarKind::F64) =>
        {
            let n = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
            quote! { #n }
        }
        (_, Value::Number(n)) => match (n.as_i64(), n.as_u64()) {
            (Some(n), _) => Literal::i64_unsuffixed(n).into_token_stream(),
            (None, Some(n)) => Literal::u64_unsuffixed(n).into_token_stream(),
            (None, None) => quote! { Default::default() },
        },
        _ => quote! { Default::default() },
    }
}

/// A string enum with a fallback variant: unknown values decode instead of failing.
fn enum_item(docs: &TokenStream, name: &Ident, e: &Enum, derives: &[String]) -> TokenStream {
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = e.variants.iter().map(|v| match &v.description {
        Some(description) => doc(&format!("`{}`: {description}", v.value)),
        None => doc(&format!("`{}`", v.value)),
    });
    let fallback = ident(&e.fallback);
    let present = [
        "Debug",
        "Clone",
        "PartialEq",
        "Eq",
        "Hash",
        "PartialOrd",
        "Ord",
        "Serialize",
        "Deserialize",
    ];
    let extra = extra_derives(derives, &present);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord #extra)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the API description does not list.
            #fallback(String),
        }

        impl #name {
            /// Every value the API description lists.
            pub const KNOWN: &'static [#name] = &[ #( #name::#variants ),* ];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #name::#variants => #values, )*
                    #name::#fallback(value) => value,
                }
            }

            /// Whether the value is one the API description lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, #name::#fallback(_))
            }
        }

        impl std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => #name::#variants, )*
                    other => #name::#fallback(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(#name::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(#name::from(value.as_ref()))
            }
        }
    }
}

/// `oneOf`/`anyOf`, tagged the way the model decided (see [`Tagging`]). serde's own attributes
/// do for untagged unions and for an internal tag the variants do not declare; a union picked
/// by a property the variants keep, or by a key, gets a `Deserialize` of its own.
fn union_item(
    api: &Api,
    docs: &TokenStream,
    name: &Ident,
    u: &Union,
    derives: &[String],
) -> TokenStream {
    let tagging = match &u.tagging {
        Tagging::Internal(tag) => quote! { #[serde(tag = #tag)] },
        Tagging::Untagged | Tagging::Property(_) | Tagging::Key => quote! { #[serde(untagged)] },
    };
    let extra = extra_derives(
        derives,
        &["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"],
    );
    let derives = match &u.tagging {
        Tagging::Untagged | Tagging::Internal(_) => quote! { serde::Serialize, serde::Deserialize },
        Tagging::Property(_) | Tagging::Key => quote! { serde::Serialize },
    };
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let mut ty = rust_type(api, &v.ty, &TokenStream::new());
        if v.boxed {
            ty = quote! { Box<#ty> };
        }
        let rename = match (&u.tagging, &v.selector) {
            (Tagging::Internal(_), Some(value)) => Some(quote! { #[serde(rename = #value)] }),
            _ => None,
        };
        let text = match (&u.tagging, &v.selector) {
            (Tagging::Property(tag), Some(value)) => {
                format!("A `{}`, whose `{tag}` is `{value}`.", api.type_text(&v.ty))
            }
            (Tagging::Key, Some(key)) => {
                format!("A `{}`, the one with `{key}`.", api.type_text(&v.ty))
            }
            _ => format!("A `{}`.", api.type_text(&v.ty)),
        };
        let docs = doc(&text);
        quote! { #docs #rename #variant(#ty), }
    });
    let deserialize = match &u.tagging {
        Tagging::Property(tag) => Some(by_property(name, u, tag)),
        Tagging::Key => Some(by_key(name, u)),
        Tagging::Untagged | Tagging::Internal(_) => None,
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derives #extra)]
        #tagging
        pub enum #name {
            #( #variants )*
        }

        #deserialize
    }
}

/// Each variant's constructor from its decoded type: `Name::Variant`, boxing where needed.
fn constructors<'u>(name: &'u Ident, u: &'u Union) -> impl Iterator<Item = TokenStream> + 'u {
    u.variants.iter().map(move |v| {
        let variant = ident(&v.ident);
        match v.boxed {
            true => quote! { |value| #name::#variant(Box::new(value)) },
            false => quote! { #name::#variant },
        }
    })
}

/// Decoding a union whose variants declare the tag property: the value is read whole, its tag
/// picks the variant, and the variant decodes from the same value (so it keeps the property).
fn by_property(name: &Ident, u: &Union, tag: &str) -> TokenStream {
    let values: Vec<&str> = u
        .variants
        .iter()
        .filter_map(|v| v.selector.as_deref())
        .collect();
    let constructors = constructors(name, u);
    let not_a_string = format!("`{tag}` is not a string");
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = match value.get(#tag) {
                    Some(serde_json::Value::String(tag)) => tag.clone(),
                    Some(_) => return Err(D::Error::custom(#not_a_string)),
                    None => return Err(D::Error::missing_field(#tag)),
                };
                let decoded = match tag.as_str() {
                    #( #values => serde_json::from_value(value).map(#constructors), )*
                    other => return Err(D::Error::unknown_variant(other, &[ #( #values ),* ])),
                };
                decoded.map_err(D::Error::custom)
            }
        }
    }
}

/// Decoding a union whose variants each have a required property no other has: the first
/// variant whose property is present decodes the value.
fn by_key(name: &Ident, u: &Union) -> TokenStream {
    let keys: Vec<&str> = u
        .variants
        .iter()
        .filter_map(|v| v.selector.as_deref())
        .collect();
    let constructors = constructors(name, u);
    let expected = format!(
        "expected one of the properties that tell `{name}` variants apart: {}",
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let value = serde_json::Value::deserialize(deserializer)?;
                #( if value.get(#keys).is_some() {
                    return serde_json::from_value(value).map(#constructors).map_err(D::Error::custom);
                } )*
                Err(D::Error::custom(#expected))
            }
        }
    }
}

/// A schema without a description (the model keeps blank ones as none; Stripe has hundreds)
/// still gets a doc, which `deny(missing_docs)` needs: the fallback text stands in for it.
fn type_doc(def: &TypeDef) -> String {
    match (&def.description, &def.schema_name) {
        (Some(description), _) => description.clone(),
        (None, Some(schema)) => format!("The `{schema}` schema."),
        (None, None) => format!("The schema at `{}`.", def.pointer),
    }
}
