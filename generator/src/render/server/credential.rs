//! The credential type: a handler hands the implementation the secret it found, tagged with
//! the security scheme that carried it.

use crate::model::{Api, SecurityKind};
use crate::render::rust::{doc, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `credential.rs`: one variant per security scheme, holding the secret the caller sent.
pub(super) fn file(api: &Api) -> TokenStream {
    let variants: Vec<Ident> = api
        .security_schemes
        .iter()
        .map(|s| ident(&s.ident))
        .collect();
    let names: Vec<&str> = api
        .security_schemes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let docs = api.security_schemes.iter().map(|s| {
        let how = match &s.kind {
            SecurityKind::ApiKey { location, param } => {
                format!("the `{param}` {} parameter", location.as_str())
            }
            SecurityKind::Bearer => "an `Authorization: Bearer` header".to_owned(),
            SecurityKind::Basic => "an `Authorization: Basic` header (still encoded)".to_owned(),
            SecurityKind::Other(other) => format!("the `Authorization` header ({other})"),
        };
        let mut text = format!("`{}`: {how}.", s.name);
        if let Some(description) = &s.description {
            text = format!("{text}\n\n{description}");
        }
        doc(&text)
    });
    quote! {
        use std::fmt;

        /// The credential a caller sent, by the security scheme that carried it. Its `Debug`
        /// output hides the secret.
        #[derive(Clone, PartialEq, Eq)]
        pub enum Credential {
            #( #docs #variants(String), )*
        }

        impl Credential {
            /// The secret itself: the token, key or credentials, as sent.
            pub fn secret(&self) -> &str {
                match self {
                    #( Credential::#variants(secret) => secret, )*
                }
            }

            /// The name of the security scheme, as the API description writes it.
            pub fn scheme(&self) -> &'static str {
                match self {
                    #( Credential::#variants(_) => #names, )*
                }
            }
        }

        impl fmt::Debug for Credential {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "Credential::{}(..)", self.scheme())
            }
        }
    }
}
