//! The server crate: one trait per tag, one response enum per operation, one error type, and
//! an axum router that checks credentials and input before the implementation runs.
//!
//! [`plan`] makes every decision (and reports what the server cannot serve); the other modules
//! spell the decisions out, one generated file each: [`operations`] what an implementation
//! sees, [`credential`] the credential it is handed, [`routes`] the handlers, [`checks`] the
//! parsers and body checks they call, [`error`] the error type. The request reading that is
//! the same for every API is a plain Rust file, `templates/server/runtime.rs`.

mod checks;
mod credential;
mod error;
mod operations;
mod params;
mod plan;
mod routes;

use super::rust::{doc, fixed_file, format_tokens, ident, inner_doc};
use super::{File, Options, Rendered};
use crate::diag::Diagnostics;
use crate::model::Api;
use askama::Template;
use plan::{OperationPlan, Plan, Unparsable};
use proc_macro2::TokenStream;
use quote::quote;

#[derive(Template)]
#[template(path = "server/Cargo.toml")]
struct Manifest<'a> {
    package: super::Package<'a>,
    /// Whether the crate reads multipart bodies (with `multer`).
    multipart: bool,
    /// Whether a body check matches a `pattern` (with `regex`).
    patterns: bool,
    /// Whether a scheme is HTTP basic authentication (decoded with `base64`).
    basic: bool,
}

/// The API-independent part of the crate. It has nothing to fill in, so it is read as it is:
/// as a template, a `{{` or `{%` in its Rust would be askama's.
pub(crate) const RUNTIME: &str = include_str!("../../../../templates/server/runtime.rs");

/// Writing answers: the streams an implementation answers with, statuses, bodies, headers.
pub(crate) const ANSWERS: &str = include_str!("../../../../templates/server/answers.rs");

/// Reading multipart bodies, for a server that takes some (it needs `multer`).
pub(crate) const MULTIPART: &str = include_str!("../../../../templates/server/multipart.rs");

/// Renders `server/Cargo.toml` and the crate's sources: every operation the server can
/// serve, and a diagnostic for each it leaves out.
///
/// Generated Rust that does not parse is a generator bug. When a file does not, the
/// operations whose own code (handler, trait method, query struct, response enum) does not
/// parse are left out, each with a diagnostic at its pointer, and the crate is rendered again
/// without them: one operation's bug never costs the whole crate. The check runs only then,
/// so a crate that parses pays nothing for it.
pub fn render(api: &Api, options: &Options) -> Result<Rendered, Diagnostics> {
    let (plan, diagnostics) = Plan::new(api, &[]);
    let not_rust = match files(api, &plan, options) {
        Ok(files) => return Ok(Rendered { files, diagnostics }),
        Err(not_rust) => not_rust,
    };
    let unparsable: Vec<Unparsable> = plan
        .operations
        .iter()
        .chain(&plan.webhooks)
        .filter_map(|p| Some((p.op, own_code_error(api, p)?)))
        .collect();
    if unparsable.is_empty() {
        return Err(not_rust);
    }
    let (plan, diagnostics) = Plan::new(api, &unparsable);
    let files = files(api, &plan, options)?;
    Ok(Rendered { files, diagnostics })
}

/// The crate's files for `plan`.
fn files(api: &Api, plan: &Plan, options: &Options) -> Result<Vec<File>, Diagnostics> {
    let manifest = Manifest {
        package: super::Package::new(api, options, &options.crates.server, |api| {
            format!(
                "An axum server for {api}: one trait per tag and a router that checks every request"
            )
        }),
        multipart: plan.multipart,
        patterns: !plan.patterns.is_empty(),
        basic: credential::reads_basic(api, &plan.schemes),
    };
    let mut sources = vec![
        ("lib.rs", lib(api, plan, options)),
        ("error.rs", error::file(api, &plan.error_body)),
        ("operations.rs", operations::file(api, plan)),
        ("routes.rs", routes::file(api, plan)),
        ("checks.rs", checks::file(api, plan)),
    ];
    if !api.security_schemes.is_empty() {
        let credential = credential::file(api, plan.combines_schemes, &plan.schemes);
        sources.push(("credential.rs", credential));
    }
    let mut files = vec![File {
        path: "server/Cargo.toml".to_owned(),
        contents: super::template(&manifest)?,
    }];
    for (name, tokens) in sources {
        let path = format!("server/src/{name}");
        let contents = format_tokens(&path, tokens, &options.command)?;
        files.push(File { path, contents });
    }
    for (path, module) in [
        ("runtime.rs", RUNTIME),
        ("answers.rs", ANSWERS),
        ("validate.rs", crate::render::checks::RUNTIME),
    ] {
        let path = format!("server/src/{path}");
        let contents = fixed_file(module, &options.command);
        files.push(File { path, contents });
    }
    if plan.multipart {
        let path = "server/src/multipart.rs".to_owned();
        let contents = fixed_file(MULTIPART, &options.command);
        files.push(File { path, contents });
    }
    Ok(files)
}

/// Why the code an operation adds to the crate does not parse, if it does not.
fn own_code_error(api: &Api, plan: &OperationPlan) -> Option<String> {
    // Without the plan's patterns: a pattern check is left out, which parses the same.
    let parsed = syn::parse2::<syn::Item>(routes::handler(api, plan, &[]))
        .and_then(|_| syn::parse2::<syn::TraitItemFn>(operations::method(api, plan)))
        .and_then(|_| syn::parse2::<syn::File>(operations::types(api, plan, &[])));
    parsed.err().map(|error| error.to_string())
}

/// `lib.rs`: the crate's face: docs, re-exports, and the functions that build the router.
fn lib(api: &Api, plan: &Plan, options: &Options) -> TokenStream {
    let types_crate = ident(&options.crates.types.replace('-', "_"));
    let traits: Vec<&str> = plan.traits.iter().map(|s| s.name).collect();
    let trait_links: Vec<String> = traits.iter().map(|t| format!("[`{t}`]")).collect();
    let lead = format!(
        "The server of {}, generated from its OpenAPI description.",
        api.info.title_and_version()
    );
    let crate_doc = format!(
        "{lead}\n\n\
         Implement the trait of each tag ({traits}) with `#[async_trait]`, and serve the\n\
         implementation with [`router`]. Before a method runs, the router checks the caller's\n\
         credential (401 when it is missing; the trait's `authenticate` method decides on the\n\
         rest) and reads the path, query and body into typed values (400 naming each field at\n\
         fault, 413 over [`Config::body_limit`]). Paths the API does not have get 404, methods\n\
         a path does not have get 405. Every error body is an [`Error`] body.\n\n\
         The routes are relative to [`BASE_PATH`]; the types are those of the [`types`] crate.",
        lead = api.info.lead(&lead),
        traits = trait_links.join(", "),
    );
    let receivers: Vec<&str> = plan.receivers.iter().map(|s| s.name).collect();
    let mut crate_doc = crate_doc;
    if !receivers.is_empty() {
        let links: Vec<String> = receivers.iter().map(|t| format!("[`{t}`]")).collect();
        crate_doc.push_str(&format!(
            "\n\nThe API's webhooks are received by {}, served with [`webhook_router`].",
            links.join(", ")
        ));
    }
    let mut exports: Vec<TokenStream> = traits
        .iter()
        .chain(&receivers)
        .map(|t| quote_ident(t))
        .collect();
    for p in plan.operations.iter().chain(&plan.webhooks) {
        exports.push(quote_ident(&p.op.items.response));
        if !p.query.is_empty() {
            exports.push(quote_ident(&p.op.items.query));
        }
        if let Some(body) = (p.body.as_ref()).filter(|b| b.parts.is_some() || b.fields.is_some()) {
            exports.push(quote_ident(body.form));
        }
        let headed = p
            .responses
            .iter()
            .filter(|r| !r.response.headers.is_empty());
        exports.extend(headed.map(|r| quote_ident(&r.response.headers_item)));
    }
    // An API without operations (only webhooks, say) exports nothing from `operations`.
    let exports =
        (!exports.is_empty()).then(|| quote! { pub use operations::{ #( #exports ),* }; });
    let multipart = plan.multipart.then(|| {
        quote! {
            mod multipart;
            pub use multipart::Upload;
        }
    });
    let credential = (!api.security_schemes.is_empty()).then(|| {
        let exports = credential::exports(api);
        quote! {
            mod credential;
            pub use credential::{ #( #exports ),* };
        }
    });
    let router = router_fns(
        "router",
        "routes",
        &routes::bounds(&plan.traits),
        "every operation",
    );
    let webhook_router = (!plan.webhooks.is_empty()).then(|| {
        let bounds = routes::bounds(&plan.receivers);
        router_fns("webhook_router", "webhook_routes", &bounds, "every webhook")
    });
    let base_path = &plan.base_path;
    let base_doc = match plan.base_path.as_str() {
        "" => "The path prefix of the API's first server URL: none.".to_owned(),
        path => format!(
            "The path prefix of the API's first server URL. The router's routes are relative: \
             nest it under this prefix (`Router::new().nest(BASE_PATH, router(service))`) to \
             serve the paths the clients call, such as `{path}{}`.",
            plan.operations
                .first()
                .map(|p| p.op.path.as_str())
                .unwrap_or("/")
        ),
    };
    let crate_doc = inner_doc(&crate_doc);
    let base_doc = doc(&base_doc);
    quote! {
        #crate_doc
        #![deny(missing_docs)]

        mod answers;
        mod checks;
        mod error;
        mod operations;
        mod routes;
        mod runtime;
        mod validate;
        #multipart
        #credential

        pub use async_trait::async_trait;
        pub use #types_crate as types;
        pub use error::{Error, ErrorStatus, Validation};
        #exports
        pub use answers::{EventStream, JsonStream};
        pub use runtime::Config;

        #base_doc
        pub const BASE_PATH: &str = #base_path;

        #router
        #webhook_router
    }
}

/// `{name}` and `{name}_with`, which build the router of `routes::{routes}` for a service of
/// `bounds`; `what` says what it routes.
fn router_fns(name: &str, routes: &str, bounds: &TokenStream, what: &str) -> TokenStream {
    let (with, routes) = (ident(&format!("{name}_with")), ident(routes));
    let name = ident(name);
    let docs = doc(&format!(
        "The router of {what}, served by `service`, with the default [`Config`].\n\n\
         `service` may be a concrete type or a trait object (`Arc<dyn Trait>`)."
    ));
    let with_docs = doc(&format!(
        "The router of {what}, served by `service`, with a [`Config`]."
    ));
    quote! {
        #docs
        pub fn #name<S>(service: std::sync::Arc<S>) -> axum::Router
        where
            S: #bounds + ?Sized,
        {
            #with(service, Config::default())
        }

        #with_docs
        pub fn #with<S>(service: std::sync::Arc<S>, config: Config) -> axum::Router
        where
            S: #bounds + ?Sized,
        {
            routes::#routes(runtime::App::new(service, config))
        }
    }
}

fn quote_ident(name: &str) -> TokenStream {
    let name = ident(name);
    quote! { #name }
}

#[cfg(test)]
mod tests {
    use super::plan::Plan;
    use super::{files, render};
    use crate::render::Options;

    /// A document whose operations are secured by `global` and by each operation's own
    /// `security` (YAML, one flow sequence each, or `~` for none).
    fn document(global: &str, operations: &[&str]) -> String {
        let mut text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nsecurity: {global}\n\
             components:\n  securitySchemes:\n\
             \x20   a: {{type: apiKey, in: header, name: A}}\n\
             \x20   b: {{type: apiKey, in: query, name: b}}\n\
             \x20   c: {{type: http, scheme: bearer}}\npaths:\n"
        );
        for (i, security) in operations.iter().enumerate() {
            text.push_str(&format!("  /op{i}:\n    post:\n      operationId: op{i}\n"));
            if *security != "~" {
                text.push_str(&format!("      security: {security}\n"));
            }
            text.push_str("      responses: {'200': {description: ok}}\n");
        }
        text
    }

    fn options() -> Options {
        Options::new("t".to_owned(), "test".to_owned())
    }

    /// Issue 28: a requirement whose only alternative combines schemes made the handler's
    /// `let ... else` end in a `match` block, so the whole crate was dropped.
    #[test]
    fn every_shape_of_combined_schemes_is_served() {
        let shapes = [
            document("[{a: [], b: []}]", &["~"]),
            document("[{a: [], b: [], c: []}]", &["~"]),
            document("[]", &["[{a: [], b: []}]", "[{b: [], c: []}]"]),
            document("[{a: [], b: []}]", &["~", "[]", "[{a: [], c: []}, {}]"]),
        ];
        for text in shapes {
            let api = crate::model_of(&text).unwrap();
            let rendered = render(&api, &options()).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert!(rendered.diagnostics.is_empty(), "{text}");
            let routes = rendered
                .files
                .iter()
                .find(|f| f.path.ends_with("routes.rs"));
            let routes = &routes.unwrap().contents;
            assert_eq!(routes.matches("async fn op").count(), api.operations.len());
        }
    }

    /// A reader for a scheme no served operation reads would be dead code, which a crate
    /// that denies warnings refuses: only the schemes in use get one.
    #[test]
    fn only_the_schemes_in_use_get_a_reader() {
        let text = document("[]", &["[{b: []}]", "~"]);
        let api = crate::model_of(&text).unwrap();
        let rendered = render(&api, &options()).unwrap();
        let credential = rendered
            .files
            .iter()
            .find(|f| f.path.ends_with("credential.rs"))
            .unwrap();
        let readers: Vec<&str> = credential
            .contents
            .lines()
            .filter_map(|line| line.strip_prefix("pub(crate) fn "))
            .collect();
        assert_eq!(
            readers,
            ["b(input: &crate::runtime::Input) -> Option<Credential> {"]
        );
        assert!(credential.contents.contains("    A(ApiKey),"));
    }

    /// When an operation's code does not parse, that operation alone is left out, with a
    /// diagnostic at its pointer, and the rest of the crate is written.
    #[test]
    fn an_operation_whose_code_does_not_parse_is_left_out_alone() {
        let text = document("[{a: []}]", &["~", "~", "[]"]);
        let api = crate::model_of(&text).unwrap();
        let broken = &api.operations[1];
        let (plan, diagnostics) = Plan::new(&api, &[(broken, "expected `;`".to_owned())]);
        let served: Vec<&str> = plan.operations.iter().map(|p| p.op.id.as_str()).collect();
        assert_eq!(served, ["op0", "op2"]);
        let [diagnostic] = diagnostics.0.as_slice() else {
            panic!("one diagnostic, not {diagnostics}");
        };
        assert_eq!(diagnostic.pointer.as_str(), "#/paths/~1op1/post");
        assert!(diagnostic.message.contains("expected `;`"), "{diagnostic}");
        assert!(diagnostic.instead.is_some());
        let files = files(&api, &plan, &options()).unwrap();
        let routes = files
            .iter()
            .find(|f| f.path.ends_with("routes.rs"))
            .unwrap();
        assert!(routes.contents.contains("async fn op2"));
        assert!(!routes.contents.contains("async fn op1"));
    }
}
