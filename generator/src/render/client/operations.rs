//! One async method per operation, with what it needs beside it: a struct of its optional
//! parameters, and (from [`super::responses`]) enums of its responses where one type cannot
//! say them.

use super::checks::RequestChecks;
use super::responses::{Responses, StreamKind};
use super::values::{self, TextForm};
use crate::model::{Api, MediaKind, Method, Operation, Param, ParamLocation, ParamStyle};
use crate::naming::Scope;
use crate::render::rust::{doc, ident, one_line, rust_type};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The rendered pieces of one operation.
pub(super) struct Rendered {
    /// Items beside the method: the parameters struct and response enums.
    pub items: TokenStream,
    /// The method, for `impl Client`.
    pub method: TokenStream,
    /// The names of `items`, re-exported at the crate root.
    pub exports: Vec<Ident>,
}

/// One operation as the client calls it: the path, the arguments, the optional parameters and
/// what each status decodes to.
pub(super) struct Call<'a> {
    api: &'a Api,
    op: &'a Operation,
    /// The path template, segment by segment.
    segments: Vec<Vec<Piece<'a>>>,
    /// Method arguments: path parameters in path order, then the other required ones.
    required: Vec<&'a Param>,
    /// Fields of the parameters struct.
    optional: Vec<&'a Param>,
    responses: Responses<'a>,
}

/// A piece of a path segment.
enum Piece<'a> {
    Literal(&'a str),
    Param(&'a Param),
}

impl<'a> Call<'a> {
    pub(super) fn new(api: &'a Api, op: &'a Operation) -> Self {
        let segments = parse_path(&op.path, &op.params);
        let mut required: Vec<&Param> = Vec::new();
        for segment in &segments {
            for piece in segment {
                if let Piece::Param(p) = piece
                    && !required.iter().any(|r| std::ptr::eq(*r, *p))
                {
                    required.push(p);
                }
            }
        }
        let others = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path);
        let (more, optional): (Vec<&Param>, Vec<&Param>) =
            others.partition(|p| p.presence.is_required());
        required.extend(more);
        Call {
            api,
            op,
            segments,
            required,
            optional,
            responses: Responses::new(api, op),
        }
    }

    pub(super) fn stream(&self) -> Option<StreamKind> {
        self.responses.stream()
    }

    /// Whether a success value carries a body with its documented headers.
    pub(super) fn with_headers(&self) -> bool {
        self.responses.with_headers()
    }

    /// Renders the method and its items. `credentials[i]` is the field of the client's
    /// credentials for scheme `i`, `None` for schemes the client cannot send; `checks` what
    /// the client checks before it sends a request.
    pub(super) fn render(&self, credentials: &[Option<Ident>], checks: &RequestChecks) -> Rendered {
        let api = self.api;
        let types = quote! { types };
        let method = ident(&self.op.ident);

        // Argument and local names: the document's names first, ours yield.
        let mut scope = Scope::default();
        for p in &self.required {
            // Parameter names are unique per operation: normalize made them so.
            scope.require(&p.ident, &p.name, &p.pointer);
        }
        let body_name = ident(&scope.suggest("body", &self.op.pointer));
        let params_name = ident(&scope.suggest("params", &self.op.pointer));
        let reply = ident(&scope.suggest("reply", &self.op.pointer));
        let response = ident(&scope.suggest("response", &self.op.pointer));

        let mut args = Vec::new();
        let mut arg_docs = Vec::new();
        for p in &self.required {
            let name = ident(&p.ident);
            let ty = values::arg_type(api, &p.ty, &types);
            args.push(quote! { #name: #ty });
            arg_docs.push(param_line(p));
        }
        let body = self.op.body.as_ref().map(|body| {
            let content_type = &body.content_type;
            let (ty, call) = match (body.media, body.required) {
                (MediaKind::Json, true) => {
                    let ty = rust_type(api, &body.ty, &types);
                    (
                        quote! { &#ty },
                        quote! { .json(#content_type, Some(#body_name)) },
                    )
                }
                (MediaKind::Json, false) => {
                    let ty = rust_type(api, &body.ty, &types);
                    (
                        quote! { Option<&#ty> },
                        quote! { .json(#content_type, #body_name) },
                    )
                }
                (MediaKind::Multipart, _) => super::forms::argument(self.op, body, &body_name),
                (MediaKind::Form, _) if body.fields.is_some() => {
                    super::forms::fields_argument(self.op, body, &body_name)
                }
                (MediaKind::Text, true) => (
                    quote! { impl Into<String> },
                    quote! { .body(#content_type, Some(reqwest::Body::from(#body_name.into()))) },
                ),
                (MediaKind::Text, false) => (
                    quote! { Option<String> },
                    quote! { .body(#content_type, #body_name.map(reqwest::Body::from)) },
                ),
                (_, true) => (
                    quote! { impl Into<reqwest::Body> },
                    quote! { .body(#content_type, Some(#body_name.into())) },
                ),
                (_, false) => (
                    quote! { Option<reqwest::Body> },
                    quote! { .body(#content_type, #body_name) },
                ),
            };
            args.push(quote! { #body_name: #ty });
            let what = body.description.as_deref().unwrap_or("The request body.");
            arg_docs.push(format!("- `{body_name}`: {}", one_line(what)));
            call
        });
        let params_struct = (!self.optional.is_empty()).then(|| ident(&self.op.items.params));
        if let Some(params_struct) = &params_struct {
            args.push(quote! { #params_name: &#params_struct });
            arg_docs.push(format!("- `{params_name}`: the optional parameters."));
        }

        let path = self.path_expr();
        let params = self
            .required
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .map(|p| {
                param_call(
                    api,
                    p,
                    &{
                        let name = ident(&p.ident);
                        quote! { #name }
                    },
                    false,
                )
            })
            .chain(self.optional.iter().map(|p| {
                let field = ident(&p.ident);
                param_call(api, p, &quote! { #params_name.#field }, true)
            }));
        let accept = self.responses.accept().map(|ct| quote! { .accept(#ct) });
        let authenticate = self.authenticate(credentials);
        let http_method = method_path(&self.op.method);
        let (id, template) = (&self.op.id, &self.op.path);
        let request = quote! {
            self.request(#http_method, #path)
                .operation(#id, #template)
                #( #params )*
                #body
                #accept
                #authenticate
        };

        let required: Vec<(&Param, Ident)> = self
            .required
            .iter()
            .map(|p| (*p, ident(&p.ident)))
            .collect();
        let check = checks.request(
            api,
            self.op,
            &required,
            &self.optional,
            &params_name,
            &body_name,
        );
        let (success_ty, success_item) = self.responses.success_type(&method);
        let (error_ty, error_item) = self.responses.error_type(&method);
        let arms = self.responses.arms(&reply);
        let call = if self.stream().is_some() {
            let start = self.responses.stream_start(&response);
            quote! {
                #check
                let #response = #request.send().await?;
                #start
                let #reply = reply::Reply::read(#response).await?;
                match #reply.status() { #( #arms )* }
            }
        } else {
            quote! {
                #check
                let #reply = #request.reply().await?;
                match #reply.status() { #( #arms )* }
            }
        };

        let docs = doc(&self.method_doc(&arg_docs));
        // `self` counts: clippy's limit is seven arguments.
        let allow = (args.len() >= 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
        let method = quote! {
            #docs
            #allow
            pub async fn #method(&self, #( #args ),*) -> Result<#success_ty, Error<#error_ty>> {
                #call
            }
        };

        let mut exports = Vec::new();
        let params_item = params_struct.map(|name| {
            exports.push(name.clone());
            self.params_item(&name)
        });
        let body = self.op.body.as_ref();
        let form_item = match body.map(|b| (&b.parts, &b.fields)) {
            Some((Some(parts), _)) => Some(super::forms::item(api, self.op, parts)),
            Some((_, Some(fields))) => Some(super::forms::fields_item(api, self.op, fields)),
            _ => None,
        };
        let form_item = form_item.map(|(name, item)| {
            exports.push(name);
            item
        });
        exports.extend(self.responses.enum_names().map(ident));
        let (headers_names, headers_items) = self.responses.headers_items();
        exports.extend(headers_names);
        Rendered {
            items: quote! { #params_item #form_item #success_item #error_item #headers_items },
            method,
            exports,
        }
    }

    /// The path as a `&str` expression, parameters encoded: literal text and encoded
    /// segments concatenated (a function call rather than `format!`, so that the output
    /// is formatted).
    fn path_expr(&self) -> TokenStream {
        let mut parts: Vec<TokenStream> = Vec::new();
        let mut literal = String::new();
        for segment in &self.segments {
            literal.push('/');
            let params: Vec<&Param> = segment
                .iter()
                .filter_map(|piece| match piece {
                    Piece::Param(p) => Some(*p),
                    Piece::Literal(_) => None,
                })
                .collect();
            if params.is_empty() {
                for piece in segment {
                    if let Piece::Literal(text) = piece {
                        literal.push_str(text);
                    }
                }
                continue;
            }
            if !literal.is_empty() {
                parts.push(quote! { #literal });
                literal.clear();
            }
            let names: Vec<String> = params.iter().map(|p| format!("`{}`", p.name)).collect();
            let names = names.join(", ");
            let encoded = match segment.as_slice() {
                [Piece::Param(p)] => self.encode(p),
                pieces => {
                    let inner = pieces.iter().map(|piece| match piece {
                        Piece::Literal(text) => quote! { #text },
                        Piece::Param(p) => {
                            let encoded = self.encode(p);
                            quote! { #encoded.as_str() }
                        }
                    });
                    quote! { [ #( #inner ),* ].concat() }
                }
            };
            parts.push(quote! { &http::segment(#names, #encoded)? });
        }
        if parts.is_empty() {
            return quote! { #literal };
        }
        if !literal.is_empty() {
            parts.push(quote! { #literal });
        }
        quote! { &[ #( #parts ),* ].concat() }
    }

    /// A path parameter's value, percent-encoded, in its style.
    fn encode(&self, p: &Param) -> TokenStream {
        let name = ident(&p.ident);
        if p.style == ParamStyle::PLAIN_PATH {
            let form = values::text_form(self.api, &p.ty);
            if form == TextForm::Str {
                return quote! { http::encode(#name) };
            }
            if let Some(text) = values::text(&form, &quote! { #name }) {
                return quote! { http::encode(&#text) };
            }
        }
        let spec = values::param_spec(p);
        let value = values::path_value(self.api, p, &quote! { #name });
        quote! { http::path(#spec, #value) }
    }

    fn authenticate(&self, credentials: &[Option<Ident>]) -> Option<TokenStream> {
        if self.op.security.is_empty() {
            return None;
        }
        let alternatives = self.op.security.iter().map(|needed| {
            let credentials = needed.iter().map(|n| match credentials.get(n.scheme) {
                Some(Some(field)) => quote! { self.credentials.#field.as_ref() },
                _ => quote! { None },
            });
            quote! { &[ #( #credentials ),* ] }
        });
        Some(quote! { .authenticate(&[ #( #alternatives ),* ]) })
    }

    fn method_doc(&self, arg_docs: &[String]) -> String {
        let op = self.op;
        let mut text = String::new();
        let (summary, description) = (op.summary.as_deref(), op.description.as_deref());
        match (summary, description) {
            (Some(summary), _) => text.push_str(summary),
            (None, Some(description)) => text.push_str(description),
            (None, None) => text.push_str(&format!("The `{}` operation.", op.id)),
        }
        if let (Some(_), Some(description)) = (summary, description) {
            text.push_str("\n\n");
            text.push_str(description);
        }
        text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
        if !arg_docs.is_empty() {
            text.push_str("\n\n");
            text.push_str(&arg_docs.join("\n"));
        }
        text
    }

    fn params_item(&self, name: &Ident) -> TokenStream {
        let api = self.api;
        let mut setters = Scope::default();
        setters.require("default", "Default::default", &self.op.pointer);
        let fields = self.optional.iter().map(|p| {
            let field = ident(&p.ident);
            let ty = rust_type(api, &p.ty, &quote! { types });
            let docs = doc(&param_doc(p));
            quote! { #docs pub #field: Option<#ty>, }
        });
        let methods: Vec<TokenStream> = self
            .optional
            .iter()
            .map(|p| {
                let field = ident(&p.ident);
                let setter = ident(&setters.suggest(&p.ident, &p.pointer));
                let ty = rust_type(api, &p.ty, &quote! { types });
                let docs = doc(&format!(
                    "Sets the `{}` {} parameter.",
                    p.name,
                    p.location.as_str()
                ));
                quote! {
                    #docs
                    pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                        self.#field = Some(value.into());
                        self
                    }
                }
            })
            .collect();
        let docs = doc(&format!(
            "The optional parameters of [`Client::{}`].",
            self.op.ident.trim_start_matches("r#")
        ));
        quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct #name {
                #( #fields )*
            }

            impl #name {
                #( #methods )*
            }
        }
    }
}

/// `.query(..)`, `.header(..)` or `.cookie(..)` for a parameter outside the path.
fn param_call(api: &Api, p: &Param, value: &TokenStream, optional: bool) -> TokenStream {
    let spec = values::param_spec(p);
    let value = values::param_value(api, p, value, optional);
    match p.location {
        ParamLocation::Query => quote! { .query(#spec, #value) },
        ParamLocation::Header => quote! { .header(#spec, #value) },
        ParamLocation::Cookie => quote! { .cookie(#spec, #value) },
        // Path parameters are written into the path.
        ParamLocation::Path => TokenStream::new(),
    }
}

fn method_path(method: &Method) -> TokenStream {
    match method {
        // The model holds only HTTP tokens, which `from_bytes` takes.
        Method::Other(name) => {
            let name = proc_macro2::Literal::byte_string(name.as_bytes());
            quote! { reqwest::Method::from_bytes(#name).expect("an HTTP method name") }
        }
        _ => {
            let name = ident(method.as_str());
            quote! { reqwest::Method::#name }
        }
    }
}

/// The path template in segments; `{name}` of a path parameter becomes that parameter, any
/// other text stays literal.
fn parse_path<'a>(path: &'a str, params: &'a [Param]) -> Vec<Vec<Piece<'a>>> {
    let path_param = |name: &str| {
        params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.name == name)
    };
    path.trim_start_matches('/')
        .split('/')
        .map(|segment| {
            let mut pieces = Vec::new();
            let mut rest = segment;
            while !rest.is_empty() {
                let Some(open) = rest.find('{') else {
                    pieces.push(Piece::Literal(rest));
                    break;
                };
                let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                    pieces.push(Piece::Literal(rest));
                    break;
                };
                match path_param(&rest[open + 1..close]) {
                    Some(p) => {
                        if open > 0 {
                            pieces.push(Piece::Literal(&rest[..open]));
                        }
                        pieces.push(Piece::Param(p));
                    }
                    None => pieces.push(Piece::Literal(&rest[..=close])),
                }
                rest = &rest[close + 1..];
            }
            pieces
        })
        .collect()
}

fn param_doc(p: &Param) -> String {
    match &p.description {
        Some(description) => description.to_owned(),
        None => format!("The `{}` {} parameter.", p.name, p.location.as_str()),
    }
}

fn param_line(p: &Param) -> String {
    format!(
        "- `{}`: {}",
        p.ident.trim_start_matches("r#"),
        one_line(&param_doc(p))
    )
}
