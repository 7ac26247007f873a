//! The credential type: a handler hands the implementation the secret it found, tagged with
//! the security scheme that carried it; where a requirement combines schemes, all of them.

use crate::model::{Api, SecurityKind};
use crate::render::rust::{doc, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `credential.rs`: one variant per security scheme, holding the secret the caller sent, and
/// `Together` where a served requirement combines schemes (`together`).
pub(super) fn file(api: &Api, together: bool) -> TokenStream {
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
    let Parts {
        variant,
        secret,
        scheme,
        parts,
        debug,
    } = match together {
        true => Parts::together(),
        false => Parts::single(),
    };
    quote! {
        use std::fmt;

        /// The credential a caller sent, by the security scheme that carried it. Its `Debug`
        /// output hides the secret.
        #[derive(Clone, PartialEq, Eq)]
        pub enum Credential {
            #( #docs #variants(String), )*
            #variant
        }

        impl Credential {
            /// The secret itself: the token, key or credentials, as sent.
            pub fn secret(&self) -> &str {
                match self {
                    #( Credential::#variants(secret) => secret, )*
                    #secret
                }
            }

            /// The name of the security scheme, as the API description writes it.
            pub fn scheme(&self) -> &'static str {
                match self {
                    #( Credential::#variants(_) => #names, )*
                    #scheme
                }
            }

            /// The credentials by single schemes: this one, or those sent together.
            pub fn parts(&self) -> &[Credential] {
                #parts
            }

            /// The secret sent by the scheme named `scheme` (as the API description writes
            /// it), if this credential has one.
            pub fn get(&self, scheme: &str) -> Option<&str> {
                let part = self.parts().iter().find(|part| part.scheme() == scheme);
                part.map(Credential::secret)
            }
        }

        impl fmt::Debug for Credential {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #debug
                write!(f, "Credential::{}(..)", self.scheme())
            }
        }
    }
}

/// The parts of `Credential` that differ when a requirement combines schemes.
struct Parts {
    variant: TokenStream,
    secret: TokenStream,
    scheme: TokenStream,
    parts: TokenStream,
    debug: TokenStream,
}

impl Parts {
    fn single() -> Self {
        Parts {
            variant: TokenStream::new(),
            secret: TokenStream::new(),
            scheme: TokenStream::new(),
            parts: quote! { std::slice::from_ref(self) },
            debug: TokenStream::new(),
        }
    }

    fn together() -> Self {
        Parts {
            variant: quote! {
                /// The credentials of a requirement that combines schemes: one per scheme, in
                /// the order the requirement lists them. [`Credential::get`] finds one;
                /// `secret` and `scheme` answer for the first.
                Together(Vec<Credential>),
            },
            secret: quote! {
                Credential::Together(parts) => parts.first().map_or("", Credential::secret),
            },
            scheme: quote! {
                Credential::Together(parts) => parts.first().map_or("", Credential::scheme),
            },
            parts: quote! {
                match self {
                    Credential::Together(parts) => parts,
                    single => std::slice::from_ref(single),
                }
            },
            debug: quote! {
                if let Credential::Together(parts) = self {
                    return f.debug_tuple("Credential::Together").field(parts).finish();
                }
            },
        }
    }
}
