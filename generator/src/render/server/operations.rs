//! What an implementation sees: one trait per tag, and per operation a query struct and a
//! response enum. The credential type its methods take is [`super::credential`]'s.

use super::params::{self, Found, Read};
use super::plan::{
    AUTHENTICATE, BodyPlan, OperationPlan, ParamPlan, Plan, ResponseContent, Security,
};
use crate::model::{
    Api, MediaKind, Operation, Part, PartKind, Response, Shape, Status, TypeKind, TypeRef,
};

use crate::render::rust::{
    TextForm, doc, header_field, ident, part_field, rust_type, text, text_form,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `operations.rs`: the traits (of the operations, and of the webhooks received) and the
/// per-operation types.
pub(super) fn file(api: &Api, plan: &Plan) -> TokenStream {
    let traits = plan.traits.iter().map(|service| {
        let (tag, ops) = (service.tag, service.plans.iter());
        let ops = ops.map(|&i| &plan.operations[i]);
        let text = match &tag.description {
            Some(description) => description.clone(),
            None => format!("The operations tagged `{}`.", tag.name),
        };
        let text = format!(
            "{text}\n\nImplement it with `#[async_trait]` and serve it with [`crate::router`]; \
             the router checks credentials and input before a method runs."
        );
        service_trait(api, service.name, &text, ops.collect())
    });
    let receivers = plan.receivers.iter().map(|service| {
        let hooks = service.plans.iter().map(|&i| &plan.webhooks[i]);
        let text = format!(
            "Receives the webhooks tagged `{}`: the requests the API sends to the endpoints of \
             those who subscribe.\n\nImplement it with `#[async_trait]` and serve it with \
             [`crate::webhook_router`]: each webhook at `/` and its name, its input checked \
             before a method runs.",
            service.tag.name
        );
        service_trait(api, service.name, &text, hooks.collect())
    });
    let types = plan
        .operations
        .iter()
        .chain(&plan.webhooks)
        .map(|p| types(api, p, &plan.patterns));
    quote! {
        #( #traits )*
        #( #receivers )*
        #( #types )*
    }
}

/// The trait `name` with a method per plan, and `authenticate` where a plan is secured.
fn service_trait(api: &Api, name: &str, text: &str, ops: Vec<&OperationPlan>) -> TokenStream {
    let name = ident(name);
    let docs = doc(text);
    let secured = ops.iter().any(|p| !matches!(p.security, Security::None));
    let authenticate = secured.then(|| {
        let method = ident(AUTHENTICATE);
        quote! {
            /// Checks a caller's credential before an operation of this trait runs, given
            /// the operation's `operationId`. Return `401` for a credential that is not
            /// valid and `403` for one that may not use the operation; by default, every
            /// credential is accepted.
            async fn #method(
                &self,
                _credential: &crate::Credential,
                _operation: &str,
            ) -> Result<(), crate::Error> {
                Ok(())
            }
        }
    });
    let methods = ops.iter().map(|p| method(api, p));
    quote! {
        #docs
        #[async_trait::async_trait]
        pub trait #name: Send + Sync + 'static {
            #authenticate
            #( #methods )*
        }
    }
}

/// An operation's own types: its query struct, if it has query parameters, its form struct,
/// if it takes a multipart body with typed parts, and its response enum. `patterns` are the
/// plan's, which the form's checks use.
pub(super) fn types(api: &Api, plan: &OperationPlan, patterns: &[String]) -> TokenStream {
    let query = (!plan.query.is_empty()).then(|| query_struct(api, plan));
    let form = plan
        .body
        .as_ref()
        .and_then(|body| match (body.parts, &body.fields) {
            (Some(parts), _) => Some(form_struct(api, plan, body, parts, patterns)),
            (_, Some(fields)) => Some(fields_struct(api, plan, body, fields, patterns)),
            _ => None,
        });
    let response = response_enum(api, plan);
    let headers = plan.responses.iter().map(|r| r.response);
    let headers = headers
        .filter(|r| !r.headers.is_empty())
        .map(|r| headers_struct(api, r));
    quote! { #query #form #response #( #headers )* }
}

/// The trait method of an operation.
pub(super) fn method(api: &Api, plan: &OperationPlan) -> TokenStream {
    let op = plan.op;
    let name = ident(&op.ident);
    let response = response_name(op);
    let mut text = String::new();
    if let Some(summary) = &op.summary {
        text.push_str(summary);
        text.push_str("\n\n");
    }
    if let Some(description) = &op.description {
        text.push_str(description);
        text.push_str("\n\n");
    }
    text.push_str(&format!("`{} {}`", op.method.as_str(), plan.path));
    let mut arguments = Vec::new();
    let credential = match plan.security {
        Security::None => None,
        Security::Required(_) => {
            arguments.push(
                "- `credential`: the caller's credential, accepted by `authenticate`".to_owned(),
            );
            Some(quote! { credential: crate::Credential, })
        }
        Security::Optional(_) => {
            arguments.push("- `credential`: the caller's credential, if it sent one".to_owned());
            Some(quote! { credential: Option<crate::Credential>, })
        }
    };
    let args = plan.args.iter().map(|p| {
        let name = ident(&p.ident);
        let ty = param_type(api, p);
        let wire = match p.ident.trim_start_matches("r#") == p.param.name {
            true => String::new(),
            false => format!(" `{}`", p.param.name),
        };
        let what = p.param.description.as_deref().unwrap_or("");
        arguments.push(format!(
            "- `{}` ({}{wire}): {what}{}",
            p.ident,
            p.param.location.as_str(),
            raw_note(api, p)
        ));
        quote! { #name: #ty, }
    });
    let args: Vec<TokenStream> = args.collect();
    let query = (!plan.query.is_empty()).then(|| {
        let ty = query_name(op);
        arguments.push("- `query`: the query parameters".to_owned());
        quote! { query: #ty, }
    });
    let body = plan.body.as_ref().map(|b| {
        let ty = body_type(api, b);
        let what = op
            .body
            .as_ref()
            .and_then(|b| b.description.as_deref())
            .unwrap_or("the request body");
        arguments.push(format!("- `body`: {what} (`{}`)", b.content_type));
        match b.required {
            true => quote! { body: #ty, },
            false => quote! { body: Option<#ty>, },
        }
    });
    if !arguments.is_empty() {
        text.push_str("\n\n# Arguments\n\n");
        text.push_str(&arguments.join("\n"));
    }
    let docs = doc(&text);
    quote! {
        #docs
        async fn #name(
            &self,
            #credential
            #( #args )*
            #query
            #body
        ) -> Result<#response, crate::Error>;
    }
}

/// The Rust type of a parameter as the method receives it.
pub(super) fn param_type(api: &Api, p: &ParamPlan) -> TokenStream {
    let ty = match p.raw() {
        true => quote! { String },
        false => rust_type(api, &p.param.ty, &quote!(crate::types)),
    };
    if p.param.presence.is_required() || p.list() {
        ty
    } else {
        quote! { Option<#ty> }
    }
}

/// For a parameter passed on unparsed, what the implementation must parse.
fn raw_note(api: &Api, p: &ParamPlan) -> String {
    let ty = api.type_text(&p.param.ty);
    match (p.raw(), p.param.style.shape) {
        (true, Shape::Nested) => format!(
            " (its `{}[...]` pairs as sent, joined by `&`: the server does not parse a `{ty}`)",
            p.param.name
        ),
        (true, _) => format!(" (the text as sent: the server does not parse a `{ty}`)"),
        (false, _) => String::new(),
    }
}

/// The Rust type of a request body.
pub(super) fn body_type(api: &Api, body: &BodyPlan) -> TokenStream {
    match (body.media, body.parts) {
        (MediaKind::Json, _) => rust_type(api, body.ty, &quote!(crate::types)),
        (MediaKind::Text, _) => quote! { String },
        (MediaKind::Multipart, Some(_)) => {
            let form = ident(body.form);
            quote! { crate::#form }
        }
        (MediaKind::Multipart, None) => quote! { Vec<crate::Upload> },
        (MediaKind::Form, _) if body.fields.is_some() => {
            let form = ident(body.form);
            quote! { crate::#form }
        }
        // Streamed, never read whole by the router.
        _ => quote! { axum::body::Body },
    }
}

/// The form struct of a multipart body with typed parts: a field per part (a file is an
/// `Upload`), and how the router fills it from the parts received.
fn form_struct(
    api: &Api,
    plan: &OperationPlan,
    body: &BodyPlan,
    parts: &[Part],
    patterns: &[String],
) -> TokenStream {
    let name = ident(body.form);
    let docs = doc(&format!(
        "The parts of `{}`'s `multipart/form-data` body, one field per part.",
        plan.op.id
    ));
    let upload = quote! { crate::Upload };
    let fields = parts
        .iter()
        .map(|part| part_field(api, part, upload.clone(), &quote!(crate::types)));
    let reads = parts.iter().map(|part| {
        let field = ident(&part.ident);
        let wire = &part.name;
        let required = part.required;
        // Named, since a check of the value read would leave it to inference.
        let item = rust_type(api, &part.ty, &quote!(crate::types));
        let read = match (part.kind, part.repeated) {
            (PartKind::Text, false) => quote! { parts.text::<#item>(#wire, #required) },
            (PartKind::Text, true) => quote! { parts.texts::<#item>(#wire) },
            (PartKind::Json, false) => quote! { parts.json::<#item>(#wire, #required) },
            (PartKind::Json, true) => quote! { parts.jsons::<#item>(#wire) },
            (PartKind::File, false) => quote! { parts.file(#wire, #required) },
            (PartKind::File, true) => quote! { parts.files(#wire) },
        };
        // A repeated part is read as a list, checked as the property's array.
        let (found, ty) = match part.repeated {
            true => (Found::List, TypeRef::Array(Box::new(part.ty.clone()))),
            false => (Found::Option, part.ty.clone()),
        };
        let checked = (!part.checks.is_empty()).then(|| {
            let read = Read {
                local: &field,
                wire,
                found,
                reader: quote! { parts },
            };
            read.checked(api, patterns, &ty, &part.checks)
        });
        quote! { let #field = #read; #checked }
    });
    // A body closed to other properties takes no other part.
    let closed = matches!(
        api.resolve(body.ty),
        TypeRef::Named(id) if matches!(&api.ty(*id).kind, TypeKind::Struct(s) if s.closed)
    );
    let others = closed.then(|| quote! { if parts.checks() { parts.no_others(); } });
    // Every part is read (so that every problem is reported) before any `?` returns.
    let values = parts.iter().map(|part| {
        let field = ident(&part.ident);
        match (part.repeated, part.required) {
            (false, true) => quote! { #field: #field?? },
            _ => quote! { #field: #field? },
        }
    });
    // No `Clone` or `PartialEq`: a file part may be a temporary file, read once.
    quote! {
        #docs
        #[derive(Debug)]
        pub struct #name {
            #( #fields )*
        }

        impl crate::multipart::FromParts for #name {
            fn from_parts(parts: &mut crate::multipart::Parts) -> Option<Self> {
                #( #reads )*
                #others
                Some(#name { #( #values ),* })
            }
        }
    }
}

/// The form struct of a form body with typed fields: a field per property, and how the router
/// reads each from the body's pairs (as a query parameter is read).
fn fields_struct(
    api: &Api,
    plan: &OperationPlan,
    body: &BodyPlan,
    fields: &[ParamPlan],
    patterns: &[String],
) -> TokenStream {
    let name = ident(body.form);
    let docs = doc(&format!(
        "The fields of `{}`'s `application/x-www-form-urlencoded` body.",
        plan.op.id
    ));
    let declared = param_fields(api, fields, "field");
    // The model's fields, which a map read from exploded pairs leaves out.
    let siblings = plan.op.body.as_ref().and_then(|b| b.fields.as_deref());
    let siblings = siblings.unwrap_or_default();
    let idents: Vec<Ident> = fields.iter().map(|p| ident(&p.ident)).collect();
    let reads = fields.iter().zip(&idents).map(|(p, field)| {
        let read = params::read(api, p, siblings);
        let checked = params::measured(api, patterns, p, field);
        quote! { let #field = #read; #checked }
    });
    // Every field is read (so that every problem is reported) before any `?` returns.
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #declared )*
        }

        impl crate::runtime::FromForm for #name {
            fn from_form(input: &mut crate::runtime::Input) -> Option<Self> {
                #( #reads )*
                Some(#name { #( #idents: #idents? ),* })
            }
        }
    }
}

/// The fields of a struct of parameters (`what` names one in its docs): each parameter's
/// type, documented.
fn param_fields(api: &Api, params: &[ParamPlan], what: &str) -> Vec<TokenStream> {
    let field = |p: &ParamPlan| {
        let field = ident(&p.ident);
        let ty = param_type(api, p);
        let text = p
            .param
            .description
            .clone()
            .unwrap_or_else(|| format!("The `{}` {what}.", p.param.name));
        let docs = doc(&format!("{text} (`{}`){}", p.param.name, raw_note(api, p)));
        quote! { #docs pub #field: #ty, }
    };
    params.iter().map(field).collect()
}

/// The struct of the headers a response documents, and how the router writes them.
fn headers_struct(api: &Api, response: &Response) -> TokenStream {
    let name = ident(&response.headers_item);
    let docs = doc(&format!(
        "The headers of the `{}` response, written on it.",
        response.status
    ));
    let types = quote!(crate::types);
    let fields = (response.headers.iter()).map(|h| header_field(api, h, &types));
    let writes = response.headers.iter().map(|h| {
        let field = ident(&h.ident);
        // `HeaderName::from_static` takes the lowercase name.
        let wire = h.name.to_ascii_lowercase();
        let value = header_text(api, &h.ty, h.required, quote! { self.#field });
        quote! { crate::answers::header(response, #wire, #value); }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            fn write(self, response: &mut axum::response::Response) {
                #( #writes )*
            }
        }
    }
}

/// A header's value as an `Option<String>` of its text: a string as it is, another primitive
/// by `text`, an array's items joined by commas.
fn header_text(api: &Api, ty: &TypeRef, required: bool, value: TokenStream) -> TokenStream {
    let one = |value: TokenStream| match text_form(api, ty) {
        TextForm::Str => value,
        TextForm::Array(item) if *item == TextForm::Str => quote! { #value.join(",") },
        TextForm::Array(item) => {
            let item = text(&item, &quote! { item }).unwrap_or_else(|| quote! { item.to_string() });
            quote! { #value.iter().map(|item| #item).collect::<Vec<_>>().join(",") }
        }
        form => text(&form, &value).unwrap_or_else(|| quote! { #value.to_string() }),
    };
    match required {
        true => {
            let text = one(value);
            quote! { Some(#text) }
        }
        false => match text_form(api, ty) {
            TextForm::Str => value,
            _ => {
                let text = one(quote! { value });
                quote! { #value.map(|value| #text) }
            }
        },
    }
}

fn query_struct(api: &Api, plan: &OperationPlan) -> TokenStream {
    let op = plan.op;
    let name = query_name(op);
    let docs = doc(&format!("The query parameters of `{}`.", op.id));
    let fields = param_fields(api, &plan.query, "parameter");
    let default = plan
        .query
        .iter()
        .all(|p| !p.param.presence.is_required() || p.list())
        .then(|| quote! { Default, });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// The response enum of an operation and how each variant is answered.
fn response_enum(api: &Api, plan: &OperationPlan) -> TokenStream {
    let op = plan.op;
    let name = response_name(op);
    let docs = doc(&format!(
        "What `{}` answers on success: one variant per documented status. Failures go \
         through [`crate::Error`].",
        op.id
    ));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for r in &plan.responses {
        let headers = (!r.response.headers.is_empty()).then(|| ident(&r.response.headers_item));
        let variant = ident(&r.response.ident);
        let status = r.response.status.to_string();
        let docs = doc(&format!("`{status}`: {}", r.response.description));
        let body = match &r.content {
            ResponseContent::Empty => None,
            ResponseContent::Json(ty) => Some(json_type(api, *ty)),
            ResponseContent::Events(ty) => {
                let ty = json_type(api, *ty);
                Some(quote! { crate::EventStream<#ty> })
            }
            ResponseContent::JsonStream(ty, ..) => {
                let ty = json_type(api, *ty);
                Some(quote! { crate::JsonStream<#ty> })
            }
            ResponseContent::Text(_) => Some(quote! { String }),
            // A body that may stream (`Body::from_stream`), or bytes (`Body::from`).
            ResponseContent::Raw(_) => Some(quote! { axum::body::Body }),
        };
        let answer = |code: TokenStream| match &r.content {
            ResponseContent::Empty => quote! { crate::answers::empty(#code) },
            ResponseContent::Json(_) => quote! { crate::answers::json(#code, &body) },
            ResponseContent::Events(_) => quote! { crate::answers::events(#code, body) },
            ResponseContent::JsonStream(_, content_type, delimiter) => {
                let delimiter = proc_macro2::Literal::u8_suffixed(*delimiter);
                quote! { crate::answers::json_stream(#code, #content_type, #delimiter, body) }
            }
            ResponseContent::Text(content_type) | ResponseContent::Raw(content_type) => {
                quote! { crate::answers::raw(#code, #content_type, body) }
            }
        };
        // A variant holds its status (for a range), its body and its headers, in that order.
        let mut fields: Vec<TokenStream> = body.into_iter().collect();
        // A body whose write-only properties the router clears is bound `mut`.
        let body_binding = match r.redact {
            true => quote! { mut body },
            false => quote! { body },
        };
        let mut bindings: Vec<TokenStream> = fields.iter().map(|_| body_binding.clone()).collect();
        if let Some(headers) = &headers {
            fields.push(quote! { #headers });
            bindings.push(quote! { headers });
        }
        // Write-only properties are cleared first, the documented headers written last.
        let answer = |code: TokenStream| {
            let answer = answer(code);
            let redact = r.redact.then(|| {
                quote! { crate::runtime::Redact::redact(&mut body, crate::runtime::Direction::Response); }
            });
            match (&headers, redact) {
                (None, None) => answer,
                (None, Some(redact)) => quote! {{ #redact #answer }},
                (Some(_), redact) => quote! {{
                    #redact
                    let mut response = #answer;
                    headers.write(&mut response);
                    response
                }},
            }
        };
        match r.response.status {
            Status::Code(code) => {
                let fields = (!fields.is_empty()).then(|| quote! { ( #( #fields ),* ) });
                variants.push(quote! { #docs #variant #fields, });
                let pattern = (!bindings.is_empty()).then(|| quote! { ( #( #bindings ),* ) });
                let answer = answer(quote! { #code });
                arms.push(quote! { #name::#variant #pattern => #answer, });
            }
            Status::Range(digit) => {
                let digit = u16::from(digit);
                let fields = quote! { (axum::http::StatusCode, #( #fields ),* ) };
                variants.push(quote! { #docs #variant #fields, });
                let pattern = quote! { (status, #( #bindings ),* ) };
                let answer = answer(quote! { code });
                arms.push(quote! {
                    #name::#variant #pattern => match crate::answers::in_range(status, #digit) {
                        Ok(code) => #answer,
                        Err(error) => axum::response::IntoResponse::into_response(error),
                    },
                });
            }
            Status::Default => {}
        }
    }
    let body = if arms.is_empty() {
        quote! { match self {} }
    } else {
        quote! { match self { #( #arms )* } }
    };
    quote! {
        #docs
        #[derive(Debug)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #( #variants )*
        }

        impl axum::response::IntoResponse for #name {
            fn into_response(self) -> axum::response::Response {
                #body
            }
        }
    }
}

/// The type of a JSON body or event: the schema's, or any JSON without one.
fn json_type(api: &Api, ty: Option<&TypeRef>) -> TokenStream {
    match ty {
        Some(ty) => rust_type(api, ty, &quote!(crate::types)),
        None => quote! { serde_json::Value },
    }
}

/// The name of an operation's response enum, for the router.
pub(super) fn response_name(op: &Operation) -> Ident {
    ident(&op.items.response)
}

/// The name of an operation's query struct, for the router.
pub(super) fn query_name(op: &Operation) -> Ident {
    ident(&op.items.query)
}
