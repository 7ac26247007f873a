//! The client crate: an async client on reqwest with one method per operation, the types of
//! the types crate, errors that keep apart what a caller can act on, and server-sent events.
//!
//! Rust decides everything that depends on the API (names, arguments, what each status
//! decodes to) here and in [`operations`]; the runtime every client shares (sending,
//! decoding, errors, events) is plain Rust in the templates under `templates/client/src/`.

mod checks;
mod forms;
mod headers;
mod operations;
mod responses;
mod values;

use super::rust::{doc, fixed_file, format_file, ident, inner_doc};
use super::{File, Options, template};
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::{Api, MediaKind, ParamLocation, SecurityKind, SecurityScheme};
use crate::naming;
use askama::Template;
use operations::Call;
use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::quote;
use responses::StreamKind;

#[derive(Template)]
#[template(path = "client/Cargo.toml")]
struct Manifest<'a> {
    package: super::Package<'a>,
    modules: Modules,
    reqwest_features: String,
    /// Whether the checks use a pattern: the `checks` feature then needs `regex`.
    regex: bool,
}

/// The runtime modules the API's calls need beyond the shared ones, each with its
/// dependencies: the kinds of stream they answer, and multipart bodies.
#[derive(Debug, Clone, Copy, Default)]
struct Modules {
    events: bool,
    json: bool,
    bytes: bool,
    multipart: bool,
    /// Whether a success value carries a body with its documented headers (`WithHeaders`).
    headers: bool,
    /// Whether a scheme sends a bearer token, which a `TokenSource` can hand out.
    tokens: bool,
}

impl Modules {
    fn of(api: &Api, operations: &[Call]) -> Self {
        let mut modules = Modules {
            headers: operations.iter().any(Call::with_headers),
            tokens: api.security_schemes.iter().any(|s| s.tokens.is_some()),
            ..Modules::default()
        };
        for kind in operations.iter().filter_map(Call::stream) {
            match kind {
                StreamKind::Events => modules.events = true,
                StreamKind::Json(_) => modules.json = true,
                StreamKind::Bytes => modules.bytes = true,
            }
        }
        let bodies = api.operations.iter().filter_map(|op| op.body.as_ref());
        modules.multipart = bodies.into_iter().any(|b| b.media == MediaKind::Multipart);
        modules
    }

    /// Whether a body or an answer streams: reqwest's `stream` feature and `futures-core`.
    fn streams(self) -> bool {
        self.events || self.json || self.bytes || self.multipart
    }
}

/// The runtime every client shares: plain Rust with nothing to fill in, kept beside the
/// templates because it is the generated crate's code, not the generator's.
pub(crate) const ERROR_MODULE: &str = include_str!("../../../../templates/client/src/error.rs");
pub(crate) const HTTP_MODULE: &str = include_str!("../../../../templates/client/src/http.rs");
pub(crate) const REPLY_MODULE: &str = include_str!("../../../../templates/client/src/reply.rs");
pub(crate) const EVENTS_MODULE: &str = include_str!("../../../../templates/client/src/events.rs");
pub(crate) const JSON_STREAM_MODULE: &str =
    include_str!("../../../../templates/client/src/json_stream.rs");
pub(crate) const BYTE_STREAM_MODULE: &str =
    include_str!("../../../../templates/client/src/byte_stream.rs");
pub(crate) const MULTIPART_MODULE: &str =
    include_str!("../../../../templates/client/src/multipart.rs");
pub(crate) const TOKENS_MODULE: &str = include_str!("../../../../templates/client/src/tokens.rs");

/// A credential the client can send: the scheme, its field in `Credentials`, its setter.
struct Credential<'a> {
    scheme: &'a SecurityScheme,
    field: Ident,
    setter: Ident,
}

/// Renders `client/Cargo.toml` and the crate's sources.
pub fn render(api: &Api, options: &Options) -> Result<Vec<File>, Diagnostics> {
    let types_crate = crate_ident(&options.crates.types)?;
    let credentials = credentials(api);
    let operations: Vec<Call> = api.operations.iter().map(|op| Call::new(api, op)).collect();
    let modules = Modules::of(api, &operations);
    let fields: Vec<Option<Ident>> = credentials
        .iter()
        .map(|c| c.as_ref().map(|c| c.field.clone()))
        .collect();
    let checks = checks::RequestChecks::of(api);
    let rendered: Vec<operations::Rendered> = operations
        .iter()
        .map(|op| op.render(&fields, &checks))
        .collect();

    let command = &options.command;
    let rust = |path: &str, source: &str| -> Result<File, Diagnostic> {
        Ok(File {
            path: path.to_owned(),
            contents: format_file(path, source, command)?,
        })
    };
    let fixed = |path: &str, source: &str| File {
        path: path.to_owned(),
        contents: fixed_file(source, command),
    };
    let mut files = vec![
        File {
            path: "client/Cargo.toml".to_owned(),
            contents: template(&manifest(api, options, modules, &checks))?,
        },
        rust(
            "client/src/lib.rs",
            &lib(api, options, &types_crate, &credentials, &rendered, modules).to_string(),
        )?,
        fixed("client/src/error.rs", ERROR_MODULE),
        fixed("client/src/http.rs", HTTP_MODULE),
        fixed("client/src/reply.rs", REPLY_MODULE),
        rust("client/src/checks.rs", &checks.file(api).to_string())?,
        fixed("client/src/validate.rs", crate::render::checks::RUNTIME),
    ];
    if modules.events {
        files.push(fixed("client/src/events.rs", EVENTS_MODULE));
    }
    if modules.json {
        files.push(fixed("client/src/json_stream.rs", JSON_STREAM_MODULE));
    }
    if modules.bytes {
        files.push(fixed("client/src/byte_stream.rs", BYTE_STREAM_MODULE));
    }
    if modules.multipart {
        files.push(fixed("client/src/multipart.rs", MULTIPART_MODULE));
    }
    if modules.tokens {
        files.push(fixed("client/src/tokens.rs", TOKENS_MODULE));
    }
    if !rendered.is_empty() {
        files.push(rust(
            "client/src/operations.rs",
            &operations_module(&rendered, modules).to_string(),
        )?);
    }
    Ok(files)
}

fn manifest<'a>(
    api: &Api,
    options: &'a Options,
    modules: Modules,
    checks: &checks::RequestChecks,
) -> Manifest<'a> {
    let mut features = vec!["rustls", "http2", "system-proxy"];
    if modules.streams() {
        features.push("stream");
    }
    if modules.multipart {
        features.push("multipart");
    }
    let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    Manifest {
        package: super::Package::new(api, options, &options.crates.client, |api| {
            format!("An async client for {api}")
        }),
        modules,
        reqwest_features: features.join(", "),
        regex: !checks.patterns.is_empty(),
    }
}

/// The Rust name of the types crate (`workspaces_types`), if the crate name makes one.
fn crate_ident(name: &str) -> Result<Ident, Diagnostics> {
    let rust_name = name.replace('-', "_");
    if syn::parse_str::<syn::Ident>(&rust_name).is_ok() {
        return Ok(ident(&rust_name));
    }
    Err(Diagnostics(vec![Diagnostic::new(
        &Pointer::root(),
        format!("the crate name `{name}` does not make a Rust crate name"),
        "pass a name of letters, digits, `-` and `_` that starts with a letter",
    )]))
}

/// One credential per security scheme the client can send (`None` for the others: the
/// model gives those no setter).
fn credentials(api: &Api) -> Vec<Option<Credential<'_>>> {
    api.security_schemes
        .iter()
        .map(|scheme| {
            let setter = scheme.setter.as_deref()?;
            Some(Credential {
                scheme,
                field: ident(&naming::value_ident(&scheme.ident)),
                setter: ident(setter),
            })
        })
        .collect()
}

/// `src/lib.rs`: the crate's docs and modules, `Client`, and its credential setters.
fn lib(
    api: &Api,
    options: &Options,
    types_crate: &Ident,
    credentials: &[Option<Credential>],
    rendered: &[operations::Rendered],
    modules: Modules,
) -> TokenStream {
    let title = api.info.title_and_version();
    let mut crate_doc = api.info.lead(&format!("An async client for {title}."));
    if let Some(description) = &api.info.description {
        crate_doc.push_str("\n\n");
        crate_doc.push_str(description);
    }
    crate_doc.push_str(
        "\n\nEvery operation is an async method of [`Client`], named after its operationId. \
         A call answers the documented success type, or an [`Error`] that keeps apart a \
         request that could not be sent, a transport failure, a documented error body, an \
         unexpected response, and a success body that does not decode.",
    );
    let crate_doc = inner_doc(&crate_doc);
    let types_doc = doc(&format!(
        "The types of {title} (the `{}` crate), shared with the server crate.",
        options.crates.types
    ));

    let (mut module_mods, mut module_uses) = (Vec::new(), Vec::new());
    if modules.events {
        module_mods.push(quote! { mod events; });
        module_uses.push(quote! { pub use events::{Event, EventStream, EventStreamError}; });
    }
    if modules.json {
        module_mods.push(quote! { mod json_stream; });
        module_uses.push(quote! { pub use json_stream::{JsonStream, JsonStreamError}; });
    }
    if modules.bytes {
        module_mods.push(quote! { mod byte_stream; });
        module_uses.push(quote! { pub use byte_stream::ByteStream; });
    }
    if modules.multipart {
        module_mods.push(quote! { mod multipart; });
        module_uses.push(quote! { pub use multipart::File; });
    }
    if modules.headers {
        module_uses.push(quote! { pub use reply::WithHeaders; });
    }
    if modules.tokens {
        module_mods.push(quote! { mod tokens; });
        module_uses.push(quote! { pub use http::BoxError; });
        module_uses.push(quote! { pub use tokens::TokenSource; });
    }
    let mut exports: Vec<&Ident> = rendered.iter().flat_map(|r| &r.exports).collect();
    exports.sort();
    let (operations_mod, operations_use) = match (rendered.is_empty(), exports.is_empty()) {
        (true, _) => (TokenStream::new(), TokenStream::new()),
        (false, true) => (quote! { mod operations; }, TokenStream::new()),
        (false, false) => (
            quote! { mod operations; },
            quote! { pub use operations::{ #( #exports ),* }; },
        ),
    };

    let usable: Vec<&Credential> = credentials.iter().flatten().collect();
    let (credentials_field, credentials_init, credentials_debug, credentials_struct) =
        if usable.is_empty() {
            Default::default()
        } else {
            let fields = usable.iter().map(|c| &c.field);
            (
                quote! { credentials: Credentials, },
                quote! { credentials: Credentials::default(), },
                quote! { .field("credentials", &self.credentials) },
                quote! {
                    /// The credentials set on a client, one per security scheme it can send.
                    #[derive(Clone, Debug, Default)]
                    struct Credentials {
                        #( #fields: Option<http::Credential>, )*
                    }
                },
            )
        };
    let setters = usable.iter().map(|c| setter(c));

    let client_doc = doc(&format!(
        "A client of {title}: one async method per operation.\n\n\
         Clones are cheap and share the connection pool of the underlying `reqwest::Client`."
    ));
    let new_doc = doc(&format!(
        "A client of the API at `base_url`, the URL the operation paths are appended to{}.\n\n\
         # Errors\n\nWhen `base_url` is not an `http` or `https` URL that can have a path.\n\n\
         # Panics\n\nAs `reqwest::Client::new` does, when no TLS backend can be initialized; \
         [`Client::with_http_client`] takes a client built without panicking.",
        server_hint(api)
    ));
    // An API without operations (only webhooks) sends no requests.
    let request = (!api.operations.is_empty()).then(|| {
        quote! {
            fn request(&self, method: reqwest::Method, path: &str) -> http::Request {
                http::Request::new(&self.http, method, &self.base_url, path)
            }
        }
    });
    quote! {
        #crate_doc
        #![deny(missing_docs)]

        #[cfg(feature = "checks")]
        mod checks;
        mod error;
        #( #module_mods )*
        mod http;
        #operations_mod
        mod reply;
        #[cfg(feature = "checks")]
        mod validate;

        pub use error::{
            Error, ErrorResponse, InvalidBaseUrl, InvalidRequest, RawResponse, Validation,
        };
        #( #module_uses )*
        #operations_use
        #types_doc
        pub use #types_crate as types;

        #client_doc
        #[derive(Clone)]
        pub struct Client {
            http: http::Sender,
            base_url: reqwest::Url,
            #credentials_field
            #[cfg(feature = "checks")]
            checks: bool,
        }

        #credentials_struct

        impl Client {
            #new_doc
            pub fn new(base_url: &str) -> Result<Self, InvalidBaseUrl> {
                Self::with_http_client(base_url, reqwest::Client::new())
            }

            /// A client of the API at `base_url` that sends its requests through `http_client`,
            /// with its timeouts, proxies, TLS settings and default headers.
            ///
            /// # Errors
            ///
            /// When `base_url` is not an `http` or `https` URL that can have a path.
            pub fn with_http_client(
                base_url: &str,
                http_client: reqwest::Client,
            ) -> Result<Self, InvalidBaseUrl> {
                Ok(Client {
                    http: http::Sender::new(http_client),
                    base_url: http::base_url(base_url)?,
                    #credentials_init
                    #[cfg(feature = "checks")]
                    checks: false,
                })
            }

            /// The URL the operation paths are appended to.
            pub fn base_url(&self) -> &reqwest::Url {
                &self.base_url
            }

            /// The `reqwest::Client` that sends the requests (with middleware, that builds
            /// them).
            pub fn http_client(&self) -> &reqwest::Client {
                self.http.client()
            }

            /// Sends every request through `middleware`, a chain around a
            /// `reqwest::Client` (retries, tracing, caching). The client's own
            /// `reqwest::Client` still builds the requests; a middleware's failure is
            /// [`Error::Hook`].
            #[cfg(feature = "middleware")]
            pub fn with_middleware(
                mut self,
                middleware: reqwest_middleware::ClientWithMiddleware,
            ) -> Self {
                self.http = self.http.through(middleware);
                self
            }

            /// Checks each request against the constraints the API description states
            /// before sending it: a request that breaks any is not sent, and is
            /// [`Error::InvalidRequest`] with every failure in
            /// [`InvalidRequest::validations`], named as the server's 400 names them.
            #[cfg(feature = "checks")]
            pub fn check_requests(mut self) -> Self {
                self.checks = true;
                self
            }

            /// Whether the client checks requests before sending them.
            #[cfg(feature = "checks")]
            pub fn checks_requests(&self) -> bool {
                self.checks
            }

            #( #setters )*

            #request
        }

        /// Shows where the client sends requests, never a credential.
        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url.as_str())
                    #credentials_debug
                    .finish_non_exhaustive()
            }
        }
    }
}

/// ", such as `https://api.example.com/api/v2`" from the document's first server URL.
fn server_hint(api: &Api) -> String {
    match api.servers.first() {
        Some(server) if server.starts_with("http://") || server.starts_with("https://") => {
            format!(", such as `{server}`")
        }
        Some(server) if server.starts_with('/') => {
            format!(", such as `https://api.example.com{server}`")
        }
        _ => String::new(),
    }
}

/// `with_{scheme}`: stores the credential the operations that need the scheme send.
fn setter(credential: &Credential) -> TokenStream {
    let scheme = credential.scheme;
    let field = &credential.field;
    let setter = &credential.setter;
    let (what, args, value) = match &scheme.kind {
        SecurityKind::ApiKey { location, param } => {
            let (variant, place) = match location {
                ParamLocation::Query => (quote! { Query }, "query parameter"),
                ParamLocation::Cookie => (quote! { Cookie }, "cookie"),
                ParamLocation::Header | ParamLocation::Path => (quote! { Header }, "header"),
            };
            (
                format!("an API key sent in the `{param}` {place}"),
                quote! { key: impl Into<String> },
                quote! { http::Credential::#variant { name: #param, value: key.into() } },
            )
        }
        SecurityKind::Bearer | SecurityKind::OAuth2 => (
            "a token sent as `Authorization: Bearer <token>`".to_owned(),
            quote! { token: impl Into<String> },
            quote! { http::Credential::bearer(token.into()) },
        ),
        SecurityKind::Basic => (
            "a user name and password sent as HTTP basic authentication".to_owned(),
            quote! { username: impl Into<String>, password: impl Into<String> },
            quote! {
                http::Credential::Basic { username: username.into(), password: password.into() }
            },
        ),
        // `credentials` leaves these out.
        SecurityKind::Other(_) => return TokenStream::new(),
    };
    let mut text = format!(
        "Sets the `{}` credential: {what}, with every operation that requires it.",
        scheme.name
    );
    if let Some(description) = &scheme.description {
        text.push_str("\n\n");
        text.push_str(description);
    }
    let docs = doc(&text);
    let tokens = scheme.tokens.as_deref().map(|tokens| {
        let tokens = ident(tokens);
        let docs = doc(&format!(
            "Sets the `{}` credential from a source of tokens, sent as\n\
             `Authorization: Bearer <token>` with every operation that requires it.\n\n\
             The client asks `source` before each such request, and once more for a fresh\n\
             token when the server answers 401.",
            scheme.name
        ));
        quote! {
            #docs
            pub fn #tokens(mut self, source: impl TokenSource) -> Self {
                let source: std::sync::Arc<dyn http::Tokens> = std::sync::Arc::new(source);
                self.credentials.#field = Some(http::Credential::Tokens(source));
                self
            }
        }
    });
    quote! {
        #docs
        pub fn #setter(mut self, #args) -> Self {
            self.credentials.#field = Some(#value);
            self
        }

        #tokens
    }
}

/// `src/operations.rs`: every operation's items, and the methods in one `impl Client`.
fn operations_module(rendered: &[operations::Rendered], modules: Modules) -> TokenStream {
    let items = rendered.iter().map(|r| &r.items);
    let methods = rendered.iter().map(|r| &r.method);
    let body = quote! {
        #( #items )*

        impl Client {
            #( #methods )*
        }
    };
    let module_doc = inner_doc("The operations of the API: one async method of [`Client`] each.");
    let mut imports = vec![quote! { Client }, quote! { Error }];
    if modules.events {
        imports.push(quote! { EventStream });
    }
    if modules.json {
        imports.push(quote! { JsonStream });
    }
    if modules.bytes {
        imports.push(quote! { ByteStream });
    }
    if modules.headers {
        imports.push(quote! { WithHeaders });
    }
    for module in ["http", "reply", "types"] {
        if uses_path(&body, module) {
            let module = ident(module);
            imports.push(quote! { #module });
        }
    }
    quote! {
        #module_doc
        use crate::{ #( #imports ),* };

        #body
    }
}

/// Whether `tokens` contain the path `name::...`.
fn uses_path(tokens: &TokenStream, name: &str) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.iter().enumerate().any(|(i, tree)| match tree {
        TokenTree::Group(group) => uses_path(&group.stream(), name),
        TokenTree::Ident(found) => {
            found == name
                && matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
                && matches!(trees.get(i + 2), Some(TokenTree::Punct(p)) if p.as_char() == ':')
        }
        _ => false,
    })
}
