//! The client's check of a request before it is sent, behind the crate's `checks` feature and
//! `Client::check_requests`: the same checks as the server's, rendered by the same code
//! (`render::checks`), on a method's arguments and its JSON body.

use super::values::{TextForm, text_form};
use crate::model::{Api, MediaKind, Operation, Param, TypeId};
use crate::render::checks::{
    checked, measured, mentions, patterns, reachable, statics, validate_impl,
};
use crate::render::rust::ident;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// What the client checks: the types a JSON request body can hold, those of them with
/// something to check, and the regexes the checks need.
pub(super) struct RequestChecks {
    body_types: BTreeSet<TypeId>,
    checked: BTreeSet<TypeId>,
    pub patterns: Vec<String>,
}

impl RequestChecks {
    pub(super) fn of(api: &Api) -> Self {
        let mut body_types = BTreeSet::new();
        let mut others = Vec::new();
        for op in &api.operations {
            others.extend(op.params.iter().map(|p| &p.checks));
            if let Some(body) = json_body(op) {
                reachable(api, &body.ty, &mut body_types);
                others.push(&body.checks);
            }
        }
        RequestChecks {
            patterns: patterns(api, &body_types, others),
            checked: checked(api),
            body_types,
        }
    }

    /// `checks.rs`: the compiled patterns and a `Validate` impl per type a JSON body can hold
    /// that has something to check (the client calls no other).
    pub(super) fn file(&self, api: &Api) -> TokenStream {
        let statics = statics(&self.patterns);
        let impls = self
            .body_types
            .intersection(&self.checked)
            .filter_map(|&id| validate_impl(api, &self.checked, &self.patterns, id, None));
        quote! {
            //! The checks of a request's values, run before it is sent when the client is
            //! asked to (`Client::check_requests`).
            #statics
            #( #impls )*
        }
    }

    /// The check of an operation's request, before the method sends it: `None` when there is
    /// nothing to check. `required` are the method's arguments (in `arg`), `optional` the
    /// fields of its parameters struct (`params`); `body` the body argument.
    pub(super) fn request(
        &self,
        api: &Api,
        op: &Operation,
        args: &[(&Param, Ident)],
        optional: &[&Param],
        params: &Ident,
        body: &Ident,
    ) -> Option<TokenStream> {
        let mut checks = Vec::new();
        for (p, arg) in args.iter().filter(|(p, _)| !p.checks.is_empty()) {
            // A scalar argument is passed by value, the others by reference.
            let value = match text_form(api, &p.ty) {
                TextForm::Scalar | TextForm::DateTime => quote! { &#arg },
                _ => quote! { #arg },
            };
            checks.push(self.value(api, p, Bind::Always(value)));
        }
        for p in optional.iter().filter(|p| !p.checks.is_empty()) {
            let field = ident(&p.ident);
            checks.push(self.value(api, p, Bind::Present(quote! { &#params.#field })));
        }
        if let Some(b) = json_body(op) {
            let nested = mentions(&b.ty, &self.checked).then(|| {
                quote! { crate::validate::Validate::validate(value, "", problems); }
            });
            let own = (!b.checks.is_empty()).then(|| {
                let value = quote! { value };
                let measured = measured(api, &self.patterns, &b.ty, &b.checks, &value);
                quote! { let at = String::new(); #measured }
            });
            if nested.is_some() || own.is_some() {
                let bind = match b.required {
                    true => Bind::Always(quote! { #body }),
                    false => Bind::Present(quote! { #body }),
                };
                checks.push(guarded(bind, quote! { #nested #own }));
            }
        }
        if checks.is_empty() {
            return None;
        }
        Some(quote! {
            #[cfg(feature = "checks")]
            if self.checks {
                let mut problems = Vec::new();
                #( #checks )*
                if !problems.is_empty() {
                    return Err(Error::InvalidRequest(crate::InvalidRequest::constraints(problems)));
                }
            }
        })
    }

    /// The checks of one parameter's value.
    fn value(&self, api: &Api, p: &Param, bind: Bind) -> TokenStream {
        let value = quote! { value };
        let measured = measured(api, &self.patterns, &p.ty, &p.checks, &value);
        let wire = &p.name;
        guarded(bind, quote! { let at = String::from(#wire); #measured })
    }
}

/// How a value to check is bound to `value`: an expression of a reference to it, or of an
/// `Option` of one, checked when it is there.
enum Bind {
    Always(TokenStream),
    Present(TokenStream),
}

/// `checks` where `value` is bound and `problems` is the request's list.
fn guarded(bind: Bind, checks: TokenStream) -> TokenStream {
    let problems = quote! { let problems = &mut problems; };
    match bind {
        Bind::Always(value) => quote! { { let value = #value; #problems #checks } },
        Bind::Present(value) => quote! { if let Some(value) = #value { #problems #checks } },
    }
}

/// An operation's body when it is JSON, which the client checks.
fn json_body(op: &Operation) -> Option<&crate::model::Body> {
    op.body.as_ref().filter(|b| b.media == MediaKind::Json)
}
