//! The headers a success response documents, on the client: a struct per response, a field per
//! header, read from the reply (a missing required header, or one that does not parse, is
//! `Error::Header` naming it).

use crate::model::{Api, Operation, Response, TypeRef};
use crate::render::rust::{doc, header_field, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The headers struct of `response` and how it is read; its name.
pub(super) fn item(api: &Api, op: &Operation, response: &Response) -> (Ident, TokenStream) {
    let name = ident(&response.headers_item);
    let docs = doc(&format!(
        "The headers of the `{}` response of [`Client::{}`].",
        response.status,
        op.ident.trim_start_matches("r#")
    ));
    let fields = (response.headers.iter()).map(|h| header_field(api, h, &quote! { types }));
    let reads = response.headers.iter().map(|h| {
        let field = ident(&h.ident);
        let wire = &h.name;
        let list = matches!(api.resolve(&h.ty), TypeRef::Array(_));
        let read = match (list, h.required) {
            (false, true) => quote! { header },
            (false, false) => quote! { header_opt },
            (true, true) => quote! { header_items },
            (true, false) => quote! { header_items_opt },
        };
        quote! { #field: reply.#read(#wire)?, }
    });
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            fn read<E>(reply: &reply::Reply) -> Result<Self, Error<E>> {
                Ok(#name { #( #reads )* })
            }
        }
    };
    (name, item)
}
