//! The types crate: one Rust type per named model type, with serde attributes for the wire
//! names. The client and server crates both use it, so no type is defined twice.

use super::rust::{doc, format_tokens, header, ident, rust_type};
use super::{File, Options};
use crate::diag::Diagnostics;
use crate::model::{Api, Enum, Field, Struct, TypeDef, TypeKind, TypeRef, Union};
use askama::Template;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

#[derive(Template)]
#[template(path = "types/Cargo.toml")]
struct Manifest<'a> {
    header: String,
    name: &'a str,
    title: &'a str,
    version: &'a str,
}

pub fn render(api: &Api, options: &Options) -> Result<Vec<File>, Diagnostics> {
    let manifest = Manifest {
        header: header("#", &options.command),
        name: &options.name,
        title: &api.info.title,
        version: &api.info.version,
    };
    let items = api.types.iter().map(|def| type_item(api, def));
    let crate_doc = format!(" The types of {} {}.", api.info.title, api.info.version);
    let source = quote! {
        #![doc = #crate_doc]
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

fn type_item(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = doc(&type_doc(def));
    let name = ident(&def.ident);
    match &def.kind {
        TypeKind::Struct(s) => struct_item(api, &docs, &name, s),
        TypeKind::Enum(e) => enum_item(&docs, &name, e),
        TypeKind::Union(u) => union_item(api, &docs, &name, u),
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty, &TokenStream::new());
            quote! { #docs pub type #name = #ty; }
        }
    }
}

fn struct_item(api: &Api, docs: &TokenStream, name: &Ident, s: &Struct) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(api, f));
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
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #( #fields )*
            #additional
        }
    }
}

fn field(api: &Api, f: &Field) -> TokenStream {
    let docs = doc(f
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or(&format!("The `{}` property.", f.name)));
    let name = ident(&f.ident);
    let mut ty = rust_type(api, &f.ty, &TokenStream::new());
    if f.boxed {
        ty = quote! { Box<#ty> };
    }
    let rename = (f.ident.trim_start_matches("r#") != f.name).then(|| {
        let wire = &f.name;
        quote! { #[serde(rename = #wire)] }
    });
    let (ty, skip) = match (f.required, f.nullable) {
        (true, false) => (ty, None),
        (true, true) => (quote! { Option<#ty> }, None),
        (false, _) => (
            quote! { Option<#ty> },
            Some(quote! { #[serde(default, skip_serializing_if = "Option::is_none")] }),
        ),
    };
    quote! {
        #docs
        #rename
        #skip
        pub #name: #ty,
    }
}

/// Whether a field's type has a `Default`, so the struct can derive one. Optional fields
/// always do; of required ones, only scalars and collections are counted.
fn has_default(f: &Field) -> bool {
    !f.required || f.nullable || !matches!(f.ty, TypeRef::Named(_))
}

/// A string enum with a fallback variant: unknown values decode instead of failing.
fn enum_item(docs: &TokenStream, name: &Ident, e: &Enum) -> TokenStream {
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| doc(&format!("`{v}`")));
    let fallback = ident(&e.fallback);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// `oneOf`/`anyOf`: internally tagged when the model found a discriminator for every variant,
/// untagged (first variant that decodes wins) otherwise.
fn union_item(api: &Api, docs: &TokenStream, name: &Ident, u: &Union) -> TokenStream {
    let tagging = match &u.tag {
        Some(tag) => quote! { #[serde(tag = #tag)] },
        None => quote! { #[serde(untagged)] },
    };
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let mut ty = rust_type(api, &v.ty, &TokenStream::new());
        if v.boxed {
            ty = quote! { Box<#ty> };
        }
        let rename = v
            .tag_value
            .as_ref()
            .map(|value| quote! { #[serde(rename = #value)] });
        let text = format!("A `{}`.", api.type_text(&v.ty));
        let docs = doc(&text);
        quote! { #docs #rename #variant(#ty), }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #tagging
        pub enum #name {
            #( #variants )*
        }
    }
}

/// A blank description (Stripe has hundreds) says nothing, and `deny(missing_docs)` would
/// refuse the empty doc it makes: the fallback text stands in for it.
fn type_doc(def: &TypeDef) -> String {
    let description = def.description.as_ref().filter(|d| !d.trim().is_empty());
    match (description, &def.schema_name) {
        (Some(description), _) => description.clone(),
        (None, Some(schema)) => format!("The `{schema}` schema."),
        (None, None) => format!("The schema at `{}`.", def.pointer),
    }
}
