//! Pass 4: the Rust names of what the client and server crates define at their roots and on
//! their method-bearing types, and the docs pages' file names, claimed in one scope each so
//! that a collision is a diagnostic here (with the name taken instead) and never a failed
//! render.
//!
//! The generated crates' own names are claimed first, as names the generator requires: a tag
//! called `Error` or an operation called `new` yields to them. Every item name of an
//! operation is claimed whether or not a renderer needs the item, so that adding an optional
//! parameter to one operation never renames another operation's types.

use super::Normalizer;
use crate::diag::Pointer;
use crate::model::{Operation, OperationItems, Response, SecurityKind, SecurityScheme, Tag};
use crate::naming::{self, Scope};
use std::collections::BTreeSet;

/// Items the client crate defines at its root.
const CLIENT_ITEMS: &[&str] = &[
    "Client",
    "Error",
    "ErrorResponse",
    "RawResponse",
    "InvalidRequest",
    "InvalidBaseUrl",
    "Event",
    "EventStream",
    "EventStreamError",
    "JsonStream",
    "JsonStreamError",
    "TokenSource",
    "BoxError",
];

/// Items the server crate defines at its root.
const SERVER_ITEMS: &[&str] = &[
    "ApiKey",
    "Basic",
    "Bearer",
    "Config",
    "Credential",
    "Error",
    "ErrorStatus",
    "EventStream",
    "JsonStream",
    "KeyLocation",
    "OAuth2",
    "Validation",
];

/// Methods of the client's `Client` and of the server's tag traits that are not operations.
const METHODS: &[&str] = &[
    "new",
    "with_http_client",
    "base_url",
    "http_client",
    "request",
    "check_requests",
    "checks_requests",
    "with_middleware",
    AUTHENTICATE,
];

/// The method of the server's traits that checks credentials.
const AUTHENTICATE: &str = "authenticate";

impl Normalizer<'_> {
    /// Names the credential setters, the operation methods, the tag traits (of operations,
    /// and of webhooks received) and the items of every operation and webhook.
    pub(super) fn claim_items(
        &mut self,
        schemes: &mut [SecurityScheme],
        operations: &mut [Operation],
        webhooks: &mut [Operation],
    ) {
        let mut methods = generator_scope(METHODS.iter().copied());
        for scheme in schemes.iter_mut() {
            if let SecurityKind::Other(_) = scheme.kind {
                continue;
            }
            let pointer = Pointer::root()
                .push("components")
                .push("securitySchemes")
                .push(&scheme.name);
            let setter = naming::value_ident(&format!("with {}", scheme.ident));
            let raw = format!("the credential setter of `{}`", scheme.name);
            scheme.setter = Some(self.claim(&mut methods, &setter, &raw, &pointer));
            if scheme.kind.sends_token() {
                let tokens = naming::value_ident(&format!("with {} tokens", scheme.ident));
                let raw = format!("the token source setter of `{}`", scheme.name);
                scheme.tokens = Some(self.claim(&mut methods, &tokens, &raw, &pointer));
            }
        }
        for op in operations.iter_mut() {
            op.ident = self.claim(&mut methods, &op.ident, &op.id, &op.pointer);
        }
        // Webhooks are methods of the receiving traits only.
        let mut receiving = generator_scope([AUTHENTICATE]);
        for hook in webhooks.iter_mut() {
            hook.ident = self.claim(&mut receiving, &hook.ident, &hook.id, &hook.pointer);
        }

        let mut items = generator_scope(CLIENT_ITEMS.iter().chain(SERVER_ITEMS).copied());
        let mut pages = generator_scope([
            naming::SCHEMAS_PAGE,
            naming::INDEX_PAGE,
            naming::AUTHENTICATION_PAGE,
        ]);
        for i in 0..self.tags.len() {
            let tag: &Tag = &self.tags[i];
            let pointer = Pointer::root().push("tags").push(&tag.name);
            let (ident, page) = (tag.ident.clone(), tag.page.clone());
            let (trait_raw, page_raw) = (
                format!("tag `{}`", tag.name),
                format!("the docs page of tag `{}`", tag.name),
            );
            // A trait for a tag with operations; a page for one with webhooks too.
            if !tag.operations.is_empty() {
                self.tags[i].ident = self.claim(&mut items, &ident, &trait_raw, &pointer);
            }
            if !self.tags[i].webhooks.is_empty() {
                let (receiver, raw) = (
                    self.tags[i].receiver.clone(),
                    format!("the webhooks trait of tag `{}`", self.tags[i].name),
                );
                self.tags[i].receiver = self.claim(&mut items, &receiver, &raw, &pointer);
            }
            if !self.tags[i].operations.is_empty() || !self.tags[i].webhooks.is_empty() {
                self.tags[i].page = self.claim(&mut pages, &page, &page_raw, &pointer);
            }
        }
        for op in operations.iter_mut().chain(webhooks.iter_mut()) {
            let mut claim = |suffix: &str| {
                let raw = format!("the {suffix} type of `{}`", op.id);
                let ident = format!("{}{suffix}", op.type_prefix);
                self.claim(&mut items, &ident, &raw, &op.pointer)
            };
            let typed_form =
                (op.body.as_ref()).is_some_and(|b| b.parts.is_some() || b.fields.is_some());
            op.items = OperationItems {
                params: claim("Params"),
                success: claim("Success"),
                error: claim("Error"),
                query: claim("Query"),
                response: claim("Response"),
                form: match typed_form {
                    true => claim("Form"),
                    false => String::new(),
                },
            };
            // The headers the generated code types: those of the answers.
            let headed = |r: &&mut Response| r.status.class().is_answer() && !r.headers.is_empty();
            for response in op.responses.iter_mut().filter(headed) {
                let suffix = format!("{}Headers", response.ident);
                response.headers_item = claim(&suffix);
            }
        }
    }

    fn claim(&mut self, scope: &mut Scope, ident: &str, raw: &str, pointer: &Pointer) -> String {
        let (ident, collision) = scope.require(ident, raw, pointer);
        self.diags.extend(collision);
        ident
    }
}

/// A scope in which the generated crates' own names are taken.
fn generator_scope<'a>(names: impl IntoIterator<Item = &'a str>) -> Scope {
    let mut scope = Scope::default();
    for name in names.into_iter().collect::<BTreeSet<_>>() {
        let raw = format!("the generated crates' own `{name}`");
        scope.require(name, &raw, &Pointer::root());
    }
    scope
}
