//! The router: one handler per operation (credential, then inputs, then the implementation).
//! The parsers and checks the handlers call for the API's own types are in [`super::checks`].

use super::operations::{body_type, query_name, response_name};
use super::params::{self, Found, Read};
use super::plan::{OperationPlan, Plan, Security, Service};
use crate::model::{Api, MediaKind, Method, Needed, ParamLocation, SecurityKind};

use super::credential;
use crate::render::rust::{doc, ident};
use proc_macro2::TokenStream;
use quote::quote;

/// `routes.rs`: the handlers, `routes`, which wires the operations' into an `axum::Router`,
/// and `webhook_routes`, which wires the webhooks' where the API has some.
pub(super) fn file(api: &Api, plan: &Plan) -> TokenStream {
    let handlers = plan
        .operations
        .iter()
        .chain(&plan.webhooks)
        .map(|p| handler(api, p, &plan.patterns));
    let operations = router(
        quote! { routes },
        &plan.operations,
        &plan.routes,
        &bounds(&plan.traits),
    );
    let docs =
        doc("Every operation at its path; 405 for other methods on a known path, 404 elsewhere.");
    let webhooks = (!plan.webhooks.is_empty()).then(|| {
        let routes = router(
            quote! { webhook_routes },
            &plan.webhooks,
            &plan.webhook_routes,
            &bounds(&plan.receivers),
        );
        let docs = doc("Every webhook at `/` and its name; 405 for other methods, 404 elsewhere.");
        quote! { #docs #routes }
    });
    quote! {
        #docs
        #operations
        #webhooks
        #( #handlers )*
    }
}

/// A function `name` that routes `plans` by `routes` (from [`Plan`]), for a service of
/// `bounds`.
fn router(
    name: TokenStream,
    plans: &[OperationPlan],
    routes: &[(String, Vec<usize>)],
    bounds: &TokenStream,
) -> TokenStream {
    let routes = routes.iter().map(|(path, ops)| {
        let (mut methods, mut others) = (Vec::new(), Vec::new());
        for &i in ops {
            let op = plans[i].op;
            let handler = ident(&op.ident);
            match method_name(&op.method) {
                Some(method) => {
                    let method = ident(method);
                    methods.push(quote! { .#method(#handler::<S>) });
                }
                None => {
                    let method = op.method.as_str();
                    others.push(quote! {
                        #method => #handler::<S>(app, request).await.into_response(),
                    });
                }
            }
        }
        // axum routes only the methods it names; the others are matched by name, and any
        // method the path does not have is still a 405.
        let others = (!others.is_empty()).then(|| {
            quote! {
                .fallback(|app: axum::extract::State<crate::runtime::App<S>>, request: axum::extract::Request| async move {
                    use axum::response::IntoResponse as _;
                    match request.method().as_str() {
                        #( #others )*
                        _ => crate::runtime::method_not_allowed(request).await.into_response(),
                    }
                })
            }
        });
        quote! { .route(#path, axum::routing::MethodRouter::new() #( #methods )* #others) }
    });
    quote! {
        pub(crate) fn #name<S>(app: crate::runtime::App<S>) -> axum::Router
        where
            S: #bounds + ?Sized,
        {
            let router = axum::Router::new() #( #routes )*;
            // Each request an operation serves in a span; the fallbacks' answers in none.
            #[cfg(feature = "tracing")]
            let router = router.route_layer(axum::middleware::from_fn(crate::answers::traced));
            router
                .method_not_allowed_fallback(crate::runtime::method_not_allowed)
                .fallback(crate::runtime::not_found)
                .with_state(app)
        }
    }
}

/// `Workspaces + Users`: the traits a router serves.
pub(super) fn bounds(services: &[Service]) -> TokenStream {
    let traits: Vec<TokenStream> = services
        .iter()
        .map(|service| {
            let name = ident(service.name);
            quote! { crate::#name }
        })
        .collect();
    if traits.is_empty() {
        return quote! { Send + Sync + 'static };
    }
    quote! { #( #traits )+* }
}

/// The handler of an operation: its credential, then its inputs, then the implementation.
pub(super) fn handler(api: &Api, plan: &OperationPlan, patterns: &[String]) -> TokenStream {
    let op = plan.op;
    let name = ident(&op.ident);
    let tag = ident(plan.service);
    let response = response_name(op);
    let id = &op.id;
    let reads_input = !matches!(plan.security, Security::None)
        || !plan.args.is_empty()
        || !plan.query.is_empty()
        || plan.body.is_some();
    let reads_values = !plan.args.is_empty() || !plan.query.is_empty() || plan.body.is_some();

    let mut call_args = Vec::new();
    let credential = match &plan.security {
        Security::None => None,
        Security::Required(alternatives) => {
            let found = credential_expr(api, alternatives);
            let names: Vec<String> = alternatives.iter().map(|a| how(api, a)).collect();
            let or = match plan.security.combines() {
                true => ", or ",
                false => " or ",
            };
            let message = format!("Authentication required: send {}.", names.join(or));
            call_args.push(quote! { credential });
            Some(quote! {
                let Some(credential) = #found else {
                    return Err(crate::Error::unauthorized(#message));
                };
                <S as crate::#tag>::authenticate(&app.service, &credential, #id).await?;
            })
        }
        Security::Optional(alternatives) => {
            let found = credential_expr(api, alternatives);
            call_args.push(quote! { credential });
            Some(quote! {
                let credential = #found;
                if let Some(credential) = &credential {
                    <S as crate::#tag>::authenticate(&app.service, credential, #id).await?;
                }
            })
        }
    };

    let mut reads = Vec::new();
    let mut locals = Vec::new();
    let mut measured = false;
    for p in plan.args.iter().chain(&plan.query) {
        let local = ident(&p.ident);
        let read = params::read(api, p, &op.params);
        reads.push(quote! { let #local = #read; });
        if let Some(check) = params::measured(api, patterns, p, &local) {
            reads.push(check);
            measured = true;
        }
        locals.push(local);
    }
    for p in &plan.args {
        let local = ident(&p.ident);
        call_args.push(quote! { #local });
    }
    if !plan.query.is_empty() {
        call_args.push(quote! { query });
    }
    if let Some(body) = &plan.body {
        let content_type = body.content_type;
        let ty = body_type(api, body);
        let read = match (body.media, body.required) {
            (MediaKind::Json, true) => quote! { input.json_required::<#ty>(#content_type).await },
            (MediaKind::Json, false) => quote! { input.json_optional::<#ty>(#content_type).await },
            (MediaKind::Multipart, true) => {
                quote! { input.multipart_required::<#ty>(#content_type).await }
            }
            (MediaKind::Multipart, false) => {
                quote! { input.multipart_optional::<#ty>(#content_type).await }
            }
            (MediaKind::Form, true) if body.fields.is_some() => {
                quote! { input.form_required::<#ty>(#content_type).await }
            }
            (MediaKind::Form, false) if body.fields.is_some() => {
                quote! { input.form_optional::<#ty>(#content_type).await }
            }
            (MediaKind::Text, true) => quote! { input.text_required(#content_type).await },
            (MediaKind::Text, false) => quote! { input.text_optional(#content_type).await },
            (_, true) => quote! { input.stream_required(#content_type) },
            (_, false) => quote! { input.stream_optional(#content_type) },
        };
        reads.push(quote! { let body = #read; });
        // The body's own constraints (an array's count, a text's length), at the root.
        let checks = plan.op.body.as_ref().map(|b| &b.checks);
        if let Some(checks) = checks.filter(|c| !c.is_empty()) {
            let read = Read {
                local: &ident("body"),
                wire: "",
                found: match body.required {
                    true => Found::Value,
                    false => Found::Option,
                },
                reader: quote! { input },
            };
            reads.push(read.checked(api, patterns, body.ty, checks));
            measured = true;
        }
        locals.push(ident("body"));
        call_args.push(quote! { body });
    }
    // A body whose read-only properties the router clears is bound `mut`.
    let redact = plan.body.as_ref().is_some_and(|b| b.redact);
    let bindings: Vec<TokenStream> = locals
        .iter()
        .map(|local| match redact && *local == "body" {
            true => quote! { mut #local },
            false => quote! { #local },
        })
        .collect();
    // A parameter read but outside its constraints leaves a problem, not a `None`.
    let measured = measured.then(|| {
        quote! {
            if !input.is_valid() {
                return Err(input.rejection());
            }
        }
    });
    let check = match (locals.as_slice(), bindings.as_slice()) {
        ([], _) => None,
        ([one], [binding]) => Some(quote! {
            let Some(#binding) = #one else {
                return Err(input.rejection());
            };
        }),
        (many, bindings) => Some(quote! {
            let ( #( Some(#bindings) ),* ) = ( #( #many ),* ) else {
                return Err(input.rejection());
            };
        }),
    };
    let redact = redact.then(|| {
        quote! { crate::runtime::Redact::redact(&mut body, crate::runtime::Direction::Request); }
    });
    let query = (!plan.query.is_empty()).then(|| {
        let ty = query_name(op);
        let fields = plan.query.iter().map(|p| ident(&p.ident));
        quote! { let query = crate::#ty { #( #fields ),* }; }
    });
    let input = reads_input.then(|| {
        let binding = if reads_values {
            quote! { mut input }
        } else {
            quote! { input }
        };
        quote! { let #binding = crate::runtime::Input::new(request, &app.config).await; }
    });
    let request = if reads_input {
        quote! { request }
    } else {
        quote! { _request }
    };
    let (verb, template) = (op.method.as_str(), &plan.path);
    quote! {
        async fn #name<S>(
            axum::extract::State(app): axum::extract::State<crate::runtime::App<S>>,
            #request: axum::extract::Request,
        ) -> Result<crate::#response, crate::Error>
        where
            S: crate::#tag + ?Sized,
        {
            #[cfg(feature = "tracing")]
            crate::answers::operation(#id, #verb, #template);
            #input
            #credential
            #( #reads )*
            #measured
            #check
            #redact
            #query
            <S as crate::#tag>::#name(&app.service, #( #call_args ),*).await
        }
    }
}

/// The expression that finds a credential by the first alternative the request meets: one
/// scheme's credential, or for several schemes together all of theirs.
///
/// It is a chain of calls, never a block or a `match`: the handler writes it between
/// `let Some(credential) =` and `else`, where Rust does not allow an expression that ends in
/// `}`.
fn credential_expr(api: &Api, alternatives: &[&[Needed]]) -> TokenStream {
    let tries: Vec<TokenStream> = alternatives
        .iter()
        .map(|schemes| {
            let found = schemes.iter().map(|needed| credential_read(api, needed));
            match schemes {
                [_] => quote! { #( #found )* },
                _ => quote! {
                    [ #( #found ),* ]
                        .into_iter()
                        .collect::<Option<Vec<_>>>()
                        .map(crate::Credential::Together)
                },
            }
        })
        .collect();
    match tries.split_first() {
        Some((first, rest)) => quote! { #first #( .or_else(|| #rest) )* },
        None => quote! { None::<crate::Credential> },
    }
}

/// How the handler reads a scheme's credential from the request (an `Option<Credential>`):
/// by the scheme's reader in `credential.rs`, given the scopes the operation requires of an
/// OAuth 2 token.
fn credential_read(api: &Api, needed: &Needed) -> TokenStream {
    let scheme = &api.security_schemes[needed.scheme];
    let reader = credential::reader(scheme);
    match scheme.kind {
        SecurityKind::OAuth2 => {
            let scopes = &needed.scopes;
            quote! { crate::credential::#reader(&input, &[ #( #scopes ),* ]) }
        }
        _ => quote! { crate::credential::#reader(&input) },
    }
}

/// How a caller meets one alternative, for the 401 message.
fn how(api: &Api, schemes: &[Needed]) -> String {
    let each: Vec<String> = schemes.iter().map(|n| how_one(api, n.scheme)).collect();
    each.join(" and ")
}

/// How a caller sends a credential by one scheme.
fn how_one(api: &Api, scheme: usize) -> String {
    match &api.security_schemes[scheme].kind {
        SecurityKind::ApiKey { location, param } => match location {
            ParamLocation::Header => format!("the `{param}` header"),
            ParamLocation::Query => format!("the `{param}` query parameter"),
            ParamLocation::Cookie => format!("the `{param}` cookie"),
            ParamLocation::Path => format!("`{param}`"),
        },
        SecurityKind::Bearer | SecurityKind::OAuth2 => {
            "an `Authorization: Bearer` header".to_owned()
        }
        SecurityKind::Basic => "an `Authorization: Basic` header".to_owned(),
        SecurityKind::Other(_) => "an `Authorization` header".to_owned(),
    }
}

/// The axum method-router function for a method; `None` for a method axum does not name.
fn method_name(method: &Method) -> Option<&'static str> {
    Some(match method {
        Method::Get => "get",
        Method::Put => "put",
        Method::Post => "post",
        Method::Delete => "delete",
        Method::Options => "options",
        Method::Head => "head",
        Method::Patch => "patch",
        Method::Trace => "trace",
        Method::Other(_) => return None,
    })
}
