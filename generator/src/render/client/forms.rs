//! Form bodies on the client: a form struct per operation, a field per part of a
//! `multipart/form-data` body and how it becomes the parts the runtime
//! (`templates/client/src/multipart.rs`) sends, or a field per property of an
//! `application/x-www-form-urlencoded` body and how each is written (as a query parameter).

use super::values;
use crate::model::{Api, Body, Operation, Param, Part, PartKind};
use crate::render::rust::{doc, ident, part_field, rust_type};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The method argument's type for a multipart body, and the call that writes it on the
/// request (`name` is the argument).
pub(super) fn argument(op: &Operation, body: &Body, name: &Ident) -> (TokenStream, TokenStream) {
    match &body.parts {
        Some(_) => {
            let form = ident(&op.items.form);
            let call = match body.required {
                true => quote! { .multipart(Some(#name.into_parts())) },
                false => quote! { .multipart(#name.map(#form::into_parts)) },
            };
            let ty = match body.required {
                true => quote! { #form },
                false => quote! { Option<#form> },
            };
            (ty, call)
        }
        // No schema to type the parts by: the caller builds them.
        None => match body.required {
            true => (
                quote! { reqwest::multipart::Form },
                quote! { .multipart_form(Some(#name)) },
            ),
            false => (
                quote! { Option<reqwest::multipart::Form> },
                quote! { .multipart_form(#name) },
            ),
        },
    }
}

/// The form struct of an operation whose multipart body has typed parts, and its conversion
/// into parts; its name, for the crate's exports.
pub(super) fn item(api: &Api, op: &Operation, parts: &[Part]) -> (Ident, TokenStream) {
    let name = ident(&op.items.form);
    let docs = doc(&format!(
        "The parts of the `multipart/form-data` body of [`Client::{}`], one field per part.",
        op.ident.trim_start_matches("r#")
    ));
    let fields = parts
        .iter()
        .map(|part| part_field(api, part, quote! { crate::File }, &quote! { types }));
    let writes = parts.iter().map(write);
    let item = quote! {
        #docs
        #[derive(Debug)]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            fn into_parts(self) -> crate::multipart::Parts {
                let mut parts = crate::multipart::Parts::new();
                #( #writes )*
                parts
            }
        }
    };
    (name, item)
}

/// The statement that adds a field's part (or parts) to `parts`.
fn write(part: &Part) -> TokenStream {
    let field = ident(&part.ident);
    let (name, content_type) = (&part.name, &part.content_type);
    let add = |value: TokenStream| match part.kind {
        PartKind::Text => quote! { parts.text(#name, #content_type, #value); },
        PartKind::Json => quote! { parts.json(#name, #content_type, #value); },
        PartKind::File => quote! { parts.file(#name, #content_type, #value); },
    };
    // Files move into the request; other values are read where they are.
    let source = match part.kind {
        PartKind::File => quote! { self.#field },
        _ => quote! { &self.#field },
    };
    match (part.repeated, part.required) {
        (true, _) => {
            let add = add(quote! { value });
            quote! { for value in #source { #add } }
        }
        (false, true) => add(source),
        (false, false) => {
            let add = add(quote! { value });
            quote! { if let Some(value) = #source { #add } }
        }
    }
}

/// The method argument's type for a form body with typed fields, and the call that writes it.
pub(super) fn fields_argument(
    op: &Operation,
    body: &Body,
    name: &Ident,
) -> (TokenStream, TokenStream) {
    let form = ident(&op.items.form);
    let content_type = &body.content_type;
    match body.required {
        true => (
            quote! { &#form },
            quote! { .form(#content_type, Some(#name.fields()?)) },
        ),
        false => (
            quote! { Option<&#form> },
            quote! { .form(#content_type, #name.map(#form::fields).transpose()?) },
        ),
    }
}

/// The form struct of an operation whose form body has typed fields, and how it becomes the
/// body's pairs; its name, for the crate's exports.
pub(super) fn fields_item(api: &Api, op: &Operation, fields: &[Param]) -> (Ident, TokenStream) {
    let name = ident(&op.items.form);
    let docs = doc(&format!(
        "The fields of the `application/x-www-form-urlencoded` body of [`Client::{}`].",
        op.ident.trim_start_matches("r#")
    ));
    let types = quote! { types };
    let declared = fields.iter().map(|p| {
        let field = ident(&p.ident);
        let ty = rust_type(api, &p.ty, &types);
        let ty = match p.presence.is_required() {
            true => ty,
            false => quote! { Option<#ty> },
        };
        let text = p
            .description
            .clone()
            .unwrap_or_else(|| format!("Field `{}`.", p.name));
        let docs = doc(&text);
        quote! { #docs pub #field: #ty, }
    });
    let idents: Vec<Ident> = fields.iter().map(|p| ident(&p.ident)).collect();
    let writes = fields.iter().zip(&idents).map(|(p, field)| {
        let spec = values::param_spec(p);
        let value = values::param_value(api, p, &quote! { #field }, !p.presence.is_required());
        quote! { .field(#spec, #value) }
    });
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #declared )*
        }

        impl #name {
            fn fields(&self) -> Result<http::FormBody, crate::InvalidRequest> {
                let #name { #( #idents ),* } = self;
                Ok(http::FormBody::default() #( #writes )*)
            }
        }
    };
    (name, item)
}
