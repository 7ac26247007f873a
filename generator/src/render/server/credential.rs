//! The credential type: a handler hands the implementation what the caller sent, typed by
//! the kind of the security scheme that carried it (a bearer token; a user name and password,
//! decoded; an API key and where it was sent; an OAuth 2 token with the scopes the operation
//! requires), and where a requirement combines schemes, all of them.

use crate::model::{Api, ParamLocation, SecurityKind, SecurityScheme};
use crate::naming;
use crate::render::rust::{doc, ident};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// The kinds of credential a scheme's kind hands over: one Rust type each.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    ApiKey,
    Bearer,
    Basic,
    OAuth2,
    /// A scheme the server does not read (`http digest`): the `Authorization` value as sent.
    Raw,
}

impl Kind {
    fn of(kind: &SecurityKind) -> Kind {
        match kind {
            SecurityKind::ApiKey { .. } => Kind::ApiKey,
            SecurityKind::Bearer => Kind::Bearer,
            SecurityKind::Basic => Kind::Basic,
            SecurityKind::OAuth2 => Kind::OAuth2,
            SecurityKind::Other(_) => Kind::Raw,
        }
    }

    /// The Rust type a variant of this kind holds.
    fn payload(self) -> TokenStream {
        match self {
            Kind::ApiKey => quote! { ApiKey },
            Kind::Bearer => quote! { Bearer },
            Kind::Basic => quote! { Basic },
            Kind::OAuth2 => quote! { OAuth2 },
            Kind::Raw => quote! { String },
        }
    }

    /// The secret of a variant's payload bound as `c`: what `Credential::secret` answers.
    fn secret(self) -> TokenStream {
        match self {
            Kind::ApiKey => quote! { &c.key },
            Kind::Bearer | Kind::OAuth2 => quote! { &c.token },
            Kind::Basic => quote! { &c.password },
            Kind::Raw => quote! { c },
        }
    }

    /// The names the crate exports for this kind, beside `Credential`.
    fn exports(self) -> &'static [&'static str] {
        match self {
            Kind::ApiKey => &["ApiKey", "KeyLocation"],
            Kind::Bearer => &["Bearer"],
            Kind::Basic => &["Basic"],
            Kind::OAuth2 => &["OAuth2"],
            Kind::Raw => &[],
        }
    }

    /// The type's definition, with a `Debug` that hides the secret; for basic credentials,
    /// their decoding when a reader `decodes` them.
    fn definition(self, decodes: bool) -> TokenStream {
        match self {
            Kind::ApiKey => quote! {
                /// An API key, with the parameter that carried it.
                #[derive(Clone, PartialEq, Eq)]
                pub struct ApiKey {
                    /// The parameter's name, as the security scheme writes it.
                    pub name: &'static str,
                    /// Where the key was sent.
                    pub location: KeyLocation,
                    /// The key, as sent (a cookie's or query parameter's percent-decoded).
                    pub key: String,
                }

                /// Where an API key is sent.
                #[derive(Clone, Copy, Debug, PartialEq, Eq)]
                pub enum KeyLocation {
                    /// A header.
                    Header,
                    /// A query parameter.
                    Query,
                    /// A cookie.
                    Cookie,
                }

                impl fmt::Debug for ApiKey {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.debug_struct("ApiKey")
                            .field("name", &self.name)
                            .field("location", &self.location)
                            .finish_non_exhaustive()
                    }
                }
            },
            Kind::Bearer => quote! {
                /// A token sent as `Authorization: Bearer <token>`.
                #[derive(Clone, PartialEq, Eq)]
                pub struct Bearer {
                    /// The token, as sent.
                    pub token: String,
                }

                impl fmt::Debug for Bearer {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.debug_struct("Bearer").finish_non_exhaustive()
                    }
                }
            },
            Kind::Basic => {
                let decode = decodes.then(|| {
                    quote! {
                        impl Basic {
                            /// The credentials of an `Authorization: Basic` value (base64 of
                            /// `user:password`, RFC 7617); `None` when they do not decode to
                            /// UTF-8 text with a `:`.
                            pub(crate) fn decode(encoded: &str) -> Option<Basic> {
                                use base64::Engine;
                                let bytes = base64::engine::general_purpose::STANDARD
                                    .decode(encoded)
                                    .ok()?;
                                let text = String::from_utf8(bytes).ok()?;
                                let (username, password) = text.split_once(':')?;
                                Some(Basic {
                                    username: username.to_owned(),
                                    password: password.to_owned(),
                                })
                            }
                        }
                    }
                });
                quote! {
                    /// A user name and password sent as HTTP basic authentication, decoded.
                    #[derive(Clone, PartialEq, Eq)]
                    pub struct Basic {
                        /// The user name: the decoded credentials up to the first `:`.
                        pub username: String,
                        /// The password: the rest.
                        pub password: String,
                    }

                    #decode

                    impl fmt::Debug for Basic {
                        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.debug_struct("Basic")
                                .field("username", &self.username)
                                .finish_non_exhaustive()
                        }
                    }
                }
            }
            Kind::OAuth2 => quote! {
                /// An OAuth 2 or OpenID Connect access token, sent as
                /// `Authorization: Bearer <token>`, with the scopes the operation's security
                /// requirement lists. The server does not know which scopes the token
                /// carries: `authenticate` checks them against `scopes`.
                #[derive(Clone, PartialEq, Eq)]
                pub struct OAuth2 {
                    /// The token, as sent.
                    pub token: String,
                    /// The scopes the operation requires of the token, as the API
                    /// description lists them.
                    pub scopes: &'static [&'static str],
                }

                impl fmt::Debug for OAuth2 {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.debug_struct("OAuth2")
                            .field("scopes", &self.scopes)
                            .finish_non_exhaustive()
                    }
                }
            },
            Kind::Raw => TokenStream::new(),
        }
    }
}

/// The function of `credential.rs` that reads a scheme's credential from a request.
pub(super) fn reader(scheme: &SecurityScheme) -> Ident {
    ident(&naming::value_ident(&scheme.ident))
}

/// A scheme's reader: `Some` of its `Credential` variant when the request carries one (an
/// OAuth 2 token with the `scopes` the operation requires of it).
fn reader_fn(scheme: &SecurityScheme) -> TokenStream {
    let name = reader(scheme);
    let variant = ident(&scheme.ident);
    let text = format!(
        "The `{}` credential of a request, if it carries one.",
        scheme.name
    );
    let docs = doc(&text);
    let (scopes, body) = match &scheme.kind {
        SecurityKind::ApiKey { location, param } => {
            let (read, location) = match location {
                ParamLocation::Query => (quote! { query_credential }, quote! { Query }),
                ParamLocation::Cookie => (quote! { cookie_credential }, quote! { Cookie }),
                // The model never puts a key in a path; the client sends such a key as a header.
                ParamLocation::Header | ParamLocation::Path => {
                    (quote! { header_credential }, quote! { Header })
                }
            };
            let body = quote! {
                let key = input.#read(#param)?;
                let location = KeyLocation::#location;
                Some(Credential::#variant(ApiKey { name: #param, location, key }))
            };
            (None, body)
        }
        SecurityKind::Bearer => (
            None,
            quote! { input.authorization("Bearer").map(|token| Credential::#variant(Bearer { token })) },
        ),
        SecurityKind::Basic => (
            None,
            quote! { Basic::decode(&input.authorization("Basic")?).map(Credential::#variant) },
        ),
        SecurityKind::OAuth2 => (
            Some(quote! { , scopes: &'static [&'static str] }),
            quote! {
                let token = input.authorization("Bearer")?;
                Some(Credential::#variant(OAuth2 { token, scopes }))
            },
        ),
        SecurityKind::Other(_) => (
            None,
            quote! { input.authorization("").map(Credential::#variant) },
        ),
    };
    quote! {
        #docs
        pub(crate) fn #name(input: &crate::runtime::Input #scopes) -> Option<Credential> {
            #body
        }
    }
}

/// Whether a scheme the crate reads (`read`) is HTTP basic authentication: its credentials
/// are then decoded, with `base64`.
pub(super) fn reads_basic(api: &Api, read: &BTreeSet<usize>) -> bool {
    let basic = |&i: &usize| api.security_schemes[i].kind == SecurityKind::Basic;
    read.iter().any(basic)
}

/// The names `credential.rs` exports: `Credential` and the types its variants hold.
pub(super) fn exports(api: &Api) -> Vec<Ident> {
    let mut names = vec![ident("Credential")];
    for kind in kinds(api) {
        names.extend(kind.exports().iter().map(|name| ident(name)));
    }
    names
}

/// The kinds of the API's schemes, each once, in a fixed order.
fn kinds(api: &Api) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = api
        .security_schemes
        .iter()
        .map(|s| Kind::of(&s.kind))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// `credential.rs`: one variant per security scheme, holding what the caller sent, typed
/// by the scheme's kind, and `Together` where a served requirement combines schemes
/// (`together`); a reader for each scheme a served operation reads (`read`).
pub(super) fn file(api: &Api, together: bool, read: &BTreeSet<usize>) -> TokenStream {
    let schemes = &api.security_schemes;
    let variants: Vec<Ident> = schemes.iter().map(|s| ident(&s.ident)).collect();
    let payloads = schemes.iter().map(|s| Kind::of(&s.kind).payload());
    let secrets = schemes.iter().map(|s| Kind::of(&s.kind).secret());
    let names: Vec<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
    let docs = schemes.iter().map(|s| {
        let how = match &s.kind {
            SecurityKind::ApiKey { location, param } => {
                format!("the `{param}` {} parameter", location.as_str())
            }
            SecurityKind::Bearer => "an `Authorization: Bearer` header".to_owned(),
            SecurityKind::Basic => "an `Authorization: Basic` header".to_owned(),
            SecurityKind::OAuth2 => {
                "an OAuth 2 access token in an `Authorization: Bearer` header".to_owned()
            }
            SecurityKind::Other(other) => format!("the `Authorization` header ({other})"),
        };
        let mut text = format!("`{}`: {how}.", s.name);
        if let Some(description) = &s.description {
            text = format!("{text}\n\n{description}");
        }
        doc(&text)
    });
    let decodes = reads_basic(api, read);
    let definitions = kinds(api).into_iter().map(|kind| kind.definition(decodes));
    let readers = read.iter().map(|&i| reader_fn(&schemes[i]));
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

        /// The credential a caller sent, by the security scheme that carried it, typed by
        /// the scheme's kind. Its `Debug` output hides the secret.
        #[derive(Clone, PartialEq, Eq)]
        pub enum Credential {
            #( #docs #variants(#payloads), )*
            #variant
        }

        impl Credential {
            /// The secret itself: the token, the key or the password.
            pub fn secret(&self) -> &str {
                match self {
                    #( Credential::#variants(c) => #secrets, )*
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

        #( #definitions )*

        #( #readers )*
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
