//! Reading a response: whole, to be decoded as the operation's status says, with the
//! headers it documents. The same for every API, so a given API need not use all of it
//! (say, text bodies or documented headers): hence `dead_code` is allowed here.

#![allow(dead_code)]

use crate::error::{Error, ErrorResponse, RawResponse};
#[cfg(feature = "tracing")]
use crate::http::Traced;
use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use std::fmt;

/// A success value with the headers its response documents.
#[derive(Debug, Clone, PartialEq)]
pub struct WithHeaders<T, H> {
    /// The decoded body.
    pub body: T,
    /// The documented headers, typed.
    pub headers: H,
}

/// A header's value of type `T`, from its text: as a JSON string first (strings, dates,
/// UUIDs, enum values), else as JSON (numbers, booleans).
fn header_value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let text = text.trim();
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|error| format!("does not parse: {error}"))
}

/// A response read to the end, to be decoded as the operation's status says.
pub(crate) struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl Reply {
    /// Reads a whole response; a connection dropped halfway is a transport error.
    pub(crate) async fn read<E>(response: reqwest::Response) -> Result<Self, Error<E>> {
        let status = response.status();
        let headers = response.headers().clone();
        #[cfg(feature = "tracing")]
        let span = match response.extensions().get::<Traced>() {
            Some(Traced(span)) => span.clone(),
            None => tracing::Span::none(),
        };
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(error) => {
                #[cfg(feature = "tracing")]
                span.record("error", tracing::field::display(&error));
                return Err(Error::Transport(error));
            }
        };
        Ok(Reply {
            status,
            headers,
            body,
            #[cfg(feature = "tracing")]
            span,
        })
    }

    /// Notes the error the call ends with on its span (with the `tracing` feature).
    fn note(&self, error: fmt::Arguments<'_>) {
        #[cfg(feature = "tracing")]
        self.span.record("error", error);
        #[cfg(not(feature = "tracing"))]
        let _ = error;
    }

    /// The status code, to match on.
    pub(crate) fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// A success body decoded as JSON.
    pub(crate) fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(source) => {
                self.note(format_args!("the body does not decode: {source}"));
                Err(Error::Decode {
                    response: Box::new(self.into_raw()),
                    source,
                })
            }
        }
    }

    /// A `text/*` success body; one that is not UTF-8 does not decode.
    pub(crate) fn text<E>(self) -> Result<String, Error<E>> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => {
                self.note(format_args!("the body is not UTF-8 text: {error}"));
                Err(Error::Decode {
                    source: serde::de::Error::custom(format!("the body is not UTF-8 text: {error}")),
                    response: Box::new(self.into_raw()),
                })
            }
        }
    }

    /// A success body as received.
    pub(crate) fn into_body(self) -> Bytes {
        self.body
    }

    // Documented response headers.

    /// A header the response must carry, parsed as its type.
    pub(crate) fn header<T: DeserializeOwned, E>(&self, name: &'static str) -> Result<T, Error<E>> {
        self.header_opt(name)?
            .ok_or_else(|| self.header_error(name, "is missing".to_owned()))
    }

    /// A header the response may carry, parsed as its type.
    pub(crate) fn header_opt<T: DeserializeOwned, E>(
        &self,
        name: &'static str,
    ) -> Result<Option<T>, Error<E>> {
        let Some(text) = self.header_text(name)? else {
            return Ok(None);
        };
        let value = header_value(&text).map_err(|problem| self.header_error(name, problem))?;
        Ok(Some(value))
    }

    /// A header of comma-separated items the response must carry.
    pub(crate) fn header_items<T: DeserializeOwned, E>(
        &self,
        name: &'static str,
    ) -> Result<Vec<T>, Error<E>> {
        self.header_items_opt(name)?
            .ok_or_else(|| self.header_error(name, "is missing".to_owned()))
    }

    /// A header of comma-separated items the response may carry.
    pub(crate) fn header_items_opt<T: DeserializeOwned, E>(
        &self,
        name: &'static str,
    ) -> Result<Option<Vec<T>>, Error<E>> {
        let Some(text) = self.header_text(name)? else {
            return Ok(None);
        };
        let items = text.split(',').filter(|item| !item.trim().is_empty());
        let items = items.map(header_value).collect::<Result<Vec<T>, String>>();
        items
            .map(Some)
            .map_err(|problem| self.header_error(name, problem))
    }

    /// The text of a header, its lines joined by `, ` as RFC 9110 allows; `None` when absent.
    fn header_text<E>(&self, name: &'static str) -> Result<Option<String>, Error<E>> {
        let mut lines = Vec::new();
        for value in self.headers.get_all(name) {
            let text = value.to_str().map_err(|_| {
                self.header_error(name, "is not visible ASCII text".to_owned())
            })?;
            lines.push(text.trim());
        }
        Ok((!lines.is_empty()).then(|| lines.join(", ")))
    }

    fn header_error<E>(&self, name: &'static str, problem: String) -> Error<E> {
        self.note(format_args!("the `{name}` header {problem}"));
        Error::Header {
            name,
            problem,
            response: Box::new(RawResponse {
                status: self.status,
                headers: self.headers.clone(),
                body: self.body.clone(),
            }),
        }
    }

    /// An error status whose body should be the error body `E`.
    pub(crate) fn error<E: DeserializeOwned>(self) -> Error<E> {
        self.error_with(|body: E| body)
    }

    /// An error status whose body should be `B`, one of the shapes in `E`.
    pub(crate) fn error_with<B: DeserializeOwned, E>(self, wrap: impl FnOnce(B) -> E) -> Error<E> {
        match serde_json::from_slice::<B>(&self.body) {
            Ok(body) => self.api(wrap(body)),
            Err(_) => self.unexpected(),
        }
    }

    /// An error status documented with a body that is not JSON, kept as received.
    pub(crate) fn error_raw<E>(mut self, wrap: impl FnOnce(Bytes) -> E) -> Error<E> {
        let body = wrap(std::mem::take(&mut self.body));
        self.api(body)
    }

    /// An error status documented with a `text/*` body; one that is not UTF-8 is not the
    /// documented shape.
    pub(crate) fn error_text<E>(self, wrap: impl FnOnce(String) -> E) -> Error<E> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => {
                let body = wrap(text.to_owned());
                self.api(body)
            }
            Err(_) => self.unexpected(),
        }
    }

    /// An error status documented without a body.
    pub(crate) fn error_empty<E>(self, body: E) -> Error<E> {
        self.api(body)
    }

    /// A status the operation does not expect, or an error body of the wrong shape.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        self.note(format_args!("unexpected response {}", self.status));
        Error::UnexpectedResponse(Box::new(self.into_raw()))
    }

    fn api<E>(self, body: E) -> Error<E> {
        self.note(format_args!("the server answered {}", self.status));
        Error::Api(Box::new(ErrorResponse {
            status: self.status,
            headers: self.headers,
            body,
        }))
    }

    fn into_raw(self) -> RawResponse {
        RawResponse {
            status: self.status,
            headers: self.headers,
            body: self.body,
        }
    }
}
