//! What each status of an operation decodes to: the success type (one type, an enum of the
//! documented success responses, or an event stream), the `E` of `Error<E>` (the API's error
//! body, or an enum of the documented error responses), and the match on the status.

use crate::model::{Api, Content, MediaKind, Operation, Response, Status, TypeRef};
use crate::render::rust::{doc, ident, one_line, rust_type};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// What a response carries, as far as the client is concerned.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// No content.
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// A `text/*` body, as a string.
    Text,
    /// A body of another content type, kept as bytes.
    Raw,
    /// A stream of items of this type.
    Stream(StreamKind, TypeRef),
}

/// How a streamed response carries its items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum StreamKind {
    /// Server-sent events, each carrying an item in its `data`.
    Events,
    /// JSON values, one per record split at this delimiter.
    Json(u8),
    /// A binary body, chunk by chunk.
    Bytes,
}

impl Outcome {
    fn of(content: Option<&Content>) -> Self {
        let Some(content) = content else {
            return Outcome::Empty;
        };
        let item = || content.ty.clone().unwrap_or(TypeRef::Any);
        match content.media {
            MediaKind::EventStream => Outcome::Stream(StreamKind::Events, item()),
            MediaKind::JsonStream(framing) => {
                Outcome::Stream(StreamKind::Json(framing.delimiter()), item())
            }
            MediaKind::Json => Outcome::Json(item()),
            MediaKind::Text => Outcome::Text,
            MediaKind::Multipart | MediaKind::Form | MediaKind::Bytes => Outcome::Raw,
        }
    }
}

/// What a call returns on success.
enum Success<'a> {
    /// One outcome for every success status; with the response when it is the only one and
    /// documents headers.
    Single(Outcome, Option<&'a Response>),
    /// Several: an enum with a variant per documented success response.
    Enum(Vec<(&'a Response, Outcome)>),
    /// A stream of items of this type.
    Stream(StreamKind, TypeRef),
}

/// What `E` in the call's `Error<E>` is.
enum Errors<'a> {
    /// The API's error body, for every error status.
    Shared(&'a TypeRef),
    /// No error body is known: every error status is an unexpected response.
    Unknown,
    /// An enum with a variant per documented error response, and `Other` with the API's
    /// error body for the statuses they do not cover.
    Enum {
        responses: Vec<(&'a Response, Outcome)>,
        other: Option<&'a TypeRef>,
    },
}

/// The variant of a per-operation error enum that holds the API's error body.
const OTHER: &str = "Other";

/// The responses of one operation, classified.
pub(super) struct Responses<'a> {
    api: &'a Api,
    op: &'a Operation,
    success: Success<'a>,
    errors: Errors<'a>,
}

impl<'a> Responses<'a> {
    pub(super) fn new(api: &'a Api, op: &'a Operation) -> Self {
        Responses {
            api,
            op,
            success: success(op),
            errors: errors(api, op),
        }
    }

    /// The stream the call answers, if it answers one.
    pub(super) fn stream(&self) -> Option<StreamKind> {
        match self.success {
            Success::Stream(kind, _) => Some(kind),
            _ => None,
        }
    }

    /// What a streaming call does with a `response` before reading it whole: answers the
    /// stream when the response is one.
    pub(super) fn stream_start(&self, response: &Ident) -> TokenStream {
        match self.stream() {
            Some(StreamKind::Events) => quote! {
                if crate::events::is_event_stream(&#response) {
                    return Ok(EventStream::new(#response));
                }
            },
            Some(StreamKind::Json(delimiter)) => {
                let delimiter = Literal::u8_suffixed(delimiter);
                quote! {
                    if #response.status().is_success() {
                        return Ok(JsonStream::new(#response, #delimiter));
                    }
                }
            }
            // Every success answers bytes (or nothing): any success status is the stream.
            Some(StreamKind::Bytes) => quote! {
                if #response.status().is_success() {
                    return Ok(ByteStream::new(#response));
                }
            },
            None => TokenStream::new(),
        }
    }

    /// The names of the enums the responses need: of several success types, of documented
    /// errors.
    pub(super) fn enum_names(&self) -> impl Iterator<Item = &'a str> {
        let items = &self.op.items;
        let success = matches!(self.success, Success::Enum(_)).then_some(items.success.as_str());
        let error = matches!(self.errors, Errors::Enum { .. }).then_some(items.error.as_str());
        success.into_iter().chain(error)
    }

    /// The content type the operation expects back, if it documents one.
    pub(super) fn accept(&self) -> Option<&str> {
        self.op
            .responses
            .iter()
            .filter(|r| r.status.class().is_answer())
            .find_map(|r| r.content.as_ref())
            .map(|c| c.content_type.as_str())
    }

    /// The success type, and the enum that is it when several types answer.
    pub(super) fn success_type(&self, method: &Ident) -> (TokenStream, TokenStream) {
        match &self.success {
            Success::Single(outcome, headed) => {
                (self.value_type(*headed, outcome), TokenStream::new())
            }
            Success::Stream(kind, item) => {
                let item = rust_type(self.api, item, &quote! { types });
                let stream = match kind {
                    StreamKind::Events => quote! { EventStream<#item> },
                    StreamKind::Json(_) => quote! { JsonStream<#item> },
                    StreamKind::Bytes => quote! { ByteStream },
                };
                (stream, TokenStream::new())
            }
            Success::Enum(responses) => {
                let name = ident(&self.op.items.success);
                let docs = doc(&format!("The success responses of [`Client::{method}`]."));
                let variants = responses.iter().map(|(r, o)| self.variant(r, o, true));
                let item = quote! {
                    #docs
                    #[derive(Debug, Clone, PartialEq)]
                    pub enum #name { #( #variants )* }
                };
                (quote! { #name }, item)
            }
        }
    }

    /// The `E` of `Error<E>`, and the enum that is it when the operation documents errors.
    pub(super) fn error_type(&self, method: &Ident) -> (TokenStream, TokenStream) {
        match &self.errors {
            Errors::Shared(ty) => (
                rust_type(self.api, ty, &quote! { types }),
                TokenStream::new(),
            ),
            Errors::Unknown => (quote! { std::convert::Infallible }, TokenStream::new()),
            Errors::Enum { responses, other } => {
                let name = ident(&self.op.items.error);
                let docs = doc(&format!("The error responses of [`Client::{method}`]."));
                let variants = responses.iter().map(|(r, o)| self.variant(r, o, false));
                let other = other.map(|ty| {
                    let variant = ident(OTHER);
                    let ty = rust_type(self.api, ty, &quote! { types });
                    quote! {
                        /// Any other error status, with the API's error body.
                        #variant(#ty),
                    }
                });
                let item = quote! {
                    #docs
                    #[derive(Debug, Clone, PartialEq)]
                    pub enum #name { #( #variants )* #other }
                };
                (quote! { #name }, item)
            }
        }
    }

    /// A variant of a response enum; a success's carries the headers its response documents.
    fn variant(&self, response: &Response, outcome: &Outcome, success: bool) -> TokenStream {
        let name = ident(&response.ident);
        let docs = doc(&format!(
            "`{}`: {}",
            response.status,
            one_line(&response.description)
        ));
        let headed = success
            .then_some(response)
            .filter(|r| !r.headers.is_empty());
        match (outcome, headed) {
            (Outcome::Empty, None) => quote! { #docs #name, },
            (other, headed) => {
                let ty = self.value_type(headed, other);
                quote! { #docs #name(#ty), }
            }
        }
    }

    /// The type of a success value: the body's, with the headers of a response that documents
    /// some (its headers struct alone when it has no body).
    fn value_type(&self, headed: Option<&Response>, outcome: &Outcome) -> TokenStream {
        let body = self.outcome_type(outcome);
        match (headed.map(|r| ident(&r.headers_item)), outcome) {
            (None, _) => body,
            (Some(headers), Outcome::Empty) => quote! { #headers },
            (Some(headers), _) => quote! { WithHeaders<#body, #headers> },
        }
    }

    /// The headers structs of the success responses that document headers, each with how it
    /// is read from a reply; their names, for the crate's exports.
    pub(super) fn headers_items(&self) -> (Vec<Ident>, TokenStream) {
        let headed: Vec<&Response> = match &self.success {
            Success::Single(_, headed) => headed.iter().copied().collect(),
            Success::Enum(responses) => responses.iter().map(|(r, _)| *r).collect(),
            Success::Stream(..) => Vec::new(),
        };
        let headed = headed.into_iter().filter(|r| !r.headers.is_empty());
        let (names, items): (Vec<Ident>, Vec<TokenStream>) = headed
            .map(|r| super::headers::item(self.api, self.op, r))
            .unzip();
        (names, quote! { #( #items )* })
    }

    /// Whether a success value carries a body with its headers (`WithHeaders`).
    pub(super) fn with_headers(&self) -> bool {
        let carried = |r: &Response, o: &Outcome| !r.headers.is_empty() && *o != Outcome::Empty;
        match &self.success {
            Success::Single(outcome, Some(r)) => carried(r, outcome),
            Success::Enum(responses) => responses.iter().any(|(r, o)| carried(r, o)),
            _ => false,
        }
    }

    fn outcome_type(&self, outcome: &Outcome) -> TokenStream {
        match outcome {
            Outcome::Empty => quote! { () },
            Outcome::Json(ty) => rust_type(self.api, ty, &quote! { types }),
            Outcome::Text => quote! { String },
            Outcome::Raw | Outcome::Stream(..) => quote! { bytes::Bytes },
        }
    }

    /// The status codes the operation documents one by one.
    fn codes(&self) -> Vec<u16> {
        let codes = self.op.responses.iter().filter_map(|r| match r.status {
            Status::Code(code) => Some(code),
            _ => None,
        });
        codes.collect()
    }

    /// The statuses that answer when one outcome stands for all: every `2XX`, and the
    /// informational and redirect statuses the operation documents.
    fn answers(&self) -> TokenStream {
        let codes = self.codes();
        let documented = self.op.responses.iter().filter_map(|r| {
            let other = r.status.class().is_answer() && !r.status.is_success();
            other.then(|| status_pattern(r.status, &codes)).flatten()
        });
        let all = std::iter::once(quote! { 200..=299 }).chain(documented);
        quote! { #( #all )|* }
    }

    /// The arms of the match on the response status.
    pub(super) fn arms(&self, reply: &Ident) -> Vec<TokenStream> {
        let codes = self.codes();
        let mut arms = Vec::new();
        match &self.success {
            Success::Single(outcome, headed) => {
                let value = success_value(reply, outcome, *headed, None);
                let answers = self.answers();
                arms.push(quote! { #answers => #value, });
            }
            // An answer that is not the stream (the server did not send one).
            Success::Stream(..) => {
                let answers = self.answers();
                arms.push(quote! { #answers => Err(#reply.unexpected()), });
            }
            Success::Enum(responses) => {
                let name = ident(&self.op.items.success);
                arms.extend(documented_arms(
                    responses,
                    &codes,
                    &name,
                    |variant, response, outcome| {
                        let headed = Some(response).filter(|r| !r.headers.is_empty());
                        success_value(reply, outcome, headed, Some(variant))
                    },
                ));
                let range = responses.iter().any(|(r, _)| r.status == Status::Range(2));
                if !range && let Some(rest) = range_pattern(200, 299, &codes) {
                    arms.push(quote! { #rest => Err(#reply.unexpected()), });
                }
            }
        }
        match &self.errors {
            Errors::Shared(_) => arms.push(quote! { _ => Err(#reply.error()), }),
            Errors::Unknown => arms.push(quote! { _ => Err(#reply.unexpected()), }),
            Errors::Enum { responses, other } => {
                let name = ident(&self.op.items.error);
                arms.extend(documented_arms(
                    responses,
                    &codes,
                    &name,
                    |variant, _, outcome| {
                        let value = match outcome {
                            Outcome::Empty => quote! { #reply.error_empty(#variant) },
                            Outcome::Json(_) => quote! { #reply.error_with(#variant) },
                            Outcome::Text => quote! { #reply.error_text(#variant) },
                            Outcome::Raw | Outcome::Stream(..) => {
                                quote! { #reply.error_raw(#variant) }
                            }
                        };
                        quote! { Err(#value) }
                    },
                ));
                let covered = responses.iter().any(|(r, _)| r.status == Status::Default);
                if !covered {
                    let value = match other {
                        Some(_) => {
                            let variant = ident(OTHER);
                            quote! { #reply.error_with(#name::#variant) }
                        }
                        None => quote! { #reply.unexpected() },
                    };
                    arms.push(quote! { _ => Err(#value), });
                }
            }
        }
        arms
    }
}

fn success(op: &Operation) -> Success<'_> {
    let responses: Vec<(&Response, Outcome)> = op
        .responses
        .iter()
        .filter(|r| r.status.class().is_answer())
        .map(|r| (r, Outcome::of(r.content.as_ref())))
        .collect();
    let stream = responses.iter().find_map(|(_, o)| match o {
        Outcome::Stream(kind, item) => Some((*kind, item.clone())),
        _ => None,
    });
    if let Some((kind, item)) = stream {
        return Success::Stream(kind, item);
    }
    // A binary body streams where every success is bytes or nothing (a download that may
    // answer 204); beside a JSON success it is read whole.
    let raw = |o: &Outcome| matches!(o, Outcome::Raw);
    if responses.iter().any(|(_, o)| raw(o))
        && responses
            .iter()
            .all(|(_, o)| raw(o) || *o == Outcome::Empty)
    {
        return Success::Stream(StreamKind::Bytes, TypeRef::Any);
    }
    // One type stands for every answer when they all have it and none documents headers, or
    // when there is only one answer.
    let headed = responses.iter().any(|(r, _)| !r.headers.is_empty());
    let first = responses.first().map(|(_, o)| o.clone());
    if responses.len() <= 1 || (!headed && responses.iter().all(|(_, o)| Some(o) == first.as_ref()))
    {
        let headed = responses.first().map(|(r, _)| *r).filter(|_| headed);
        return Success::Single(first.unwrap_or(Outcome::Empty), headed);
    }
    Success::Enum(responses)
}

/// The value of a success arm: the body as `outcome` reads it, with the headers of a response
/// that documents some, wrapped in `variant` where the success is an enum.
fn success_value(
    reply: &Ident,
    outcome: &Outcome,
    headed: Option<&Response>,
    variant: Option<TokenStream>,
) -> TokenStream {
    let wrap = |value: TokenStream| match &variant {
        Some(variant) => quote! { #variant(#value) },
        None => value,
    };
    let body = match outcome {
        Outcome::Empty => None,
        Outcome::Json(_) => Some(quote! { #reply.json() }),
        Outcome::Text => Some(quote! { #reply.text() }),
        Outcome::Raw | Outcome::Stream(..) => Some(quote! { Ok(#reply.into_body()) }),
    };
    match (headed.map(|r| ident(&r.headers_item)), body) {
        (None, None) => {
            let unit = variant.unwrap_or_else(|| quote! { () });
            quote! { Ok(#unit) }
        }
        (None, Some(body)) => match (&variant, outcome) {
            (Some(variant), Outcome::Raw | Outcome::Stream(..)) => {
                quote! { Ok(#variant(#reply.into_body())) }
            }
            (Some(variant), _) => quote! { #body.map(#variant) },
            (None, _) => body,
        },
        (Some(headers), None) => match &variant {
            Some(variant) => quote! { #headers::read(&#reply).map(#variant) },
            None => quote! { #headers::read(&#reply) },
        },
        (Some(headers), Some(body)) => {
            let value = wrap(quote! { WithHeaders { body, headers } });
            quote! {{
                let headers = #headers::read(&#reply)?;
                #body.map(|body| #value)
            }}
        }
    }
}

fn errors<'a>(api: &'a Api, op: &'a Operation) -> Errors<'a> {
    let responses: Vec<(&Response, Outcome)> = op
        .responses
        .iter()
        .filter(|r| !r.status.class().is_answer())
        .map(|r| (r, Outcome::of(r.content.as_ref())))
        .collect();
    match (responses.is_empty(), &api.error_body) {
        (true, Some(ty)) => Errors::Shared(ty),
        (true, None) => Errors::Unknown,
        (false, other) => {
            let has_default = responses.iter().any(|(r, _)| r.status == Status::Default);
            Errors::Enum {
                responses,
                other: other.as_ref().filter(|_| !has_default),
            }
        }
    }
}

/// One arm per documented response of an enum named `name`, codes first: its status pattern
/// and the value `answer` makes of the variant's path, the response and the outcome.
fn documented_arms(
    responses: &[(&Response, Outcome)],
    codes: &[u16],
    name: &Ident,
    answer: impl Fn(TokenStream, &Response, &Outcome) -> TokenStream,
) -> Vec<TokenStream> {
    let arms = ordered(responses)
        .into_iter()
        .filter_map(|(response, outcome)| {
            let pattern = status_pattern(response.status, codes)?;
            let variant = ident(&response.ident);
            let value = answer(quote! { #name::#variant }, response, outcome);
            Some(quote! { #pattern => #value, })
        });
    arms.collect()
}

/// Codes before ranges before `default`, so that no arm hides a later one.
fn ordered<'a, 'b>(responses: &'b [(&'a Response, Outcome)]) -> Vec<&'b (&'a Response, Outcome)> {
    let mut sorted: Vec<_> = responses.iter().collect();
    sorted.sort_by_key(|(r, _)| match r.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    sorted
}

/// The pattern of a documented status. A range leaves out the codes the operation lists
/// (`400..=403 | 405..=499` beside `404`), so that no two arms overlap; `None` when the
/// codes leave nothing of it.
fn status_pattern(status: Status, codes: &[u16]) -> Option<TokenStream> {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            Some(quote! { #code })
        }
        Status::Range(digit) => {
            let low = u16::from(digit) * 100;
            range_pattern(low, low + 99, codes)
        }
        Status::Default => Some(quote! { _ }),
    }
}

/// `low..=high` without `codes`, as an or-pattern of the pieces left.
fn range_pattern(low: u16, high: u16, codes: &[u16]) -> Option<TokenStream> {
    let mut pieces = Vec::new();
    let mut start = low;
    let mut inside: Vec<u16> = codes
        .iter()
        .copied()
        .filter(|c| (low..=high).contains(c))
        .collect();
    inside.sort_unstable();
    inside.dedup();
    for code in inside.into_iter().chain([high + 1]) {
        if code > start {
            let first = Literal::u16_unsuffixed(start);
            let last = Literal::u16_unsuffixed(code - 1);
            pieces.push(if code - 1 == start {
                quote! { #first }
            } else {
                quote! { #first..=#last }
            });
        }
        start = code + 1;
    }
    (!pieces.is_empty()).then(|| quote! { #( #pieces )|* })
}
