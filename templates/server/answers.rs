//! What every handler's answer shares: the streams an implementation answers with, and
//! writing a typed response (its status, content type, body and documented headers). The same
//! for every API, so an API may not use all of it.

#![allow(dead_code)]

use crate::{Error, ErrorStatus};
use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_core::Stream;
use std::convert::Infallible;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A stream of server-sent events, each carrying one `T` as JSON in its `data` field. The
/// router serves it as `text/event-stream` and sends a keep-alive comment while it is idle.
pub struct EventStream<T> {
    stream: Items<T>,
    keep_alive: Duration,
}

/// The items a handler streams, of whatever stream it made them with.
type Items<T> = Pin<Box<dyn Stream<Item = T> + Send>>;

impl<T> EventStream<T> {
    /// Events from a stream; the response ends when the stream does.
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> Self {
        EventStream {
            stream: Box::pin(stream),
            keep_alive: Duration::from_secs(15),
        }
    }

    /// How long the stream may stay silent before a keep-alive comment is sent (default 15 s).
    pub fn keep_alive(mut self, interval: Duration) -> Self {
        self.keep_alive = interval;
        self
    }
}

impl<T> Stream for EventStream<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.get_mut().stream.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("keep_alive", &self.keep_alive)
            .finish_non_exhaustive()
    }
}

/// A stream of JSON values, each one `T`. The router writes each as a record of the media
/// type the operation documents (a line of `application/x-ndjson`, say) as soon as it comes;
/// the response ends when the stream does.
pub struct JsonStream<T> {
    stream: Items<T>,
}

impl<T> JsonStream<T> {
    /// Values from a stream.
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> Self {
        JsonStream {
            stream: Box::pin(stream),
        }
    }
}

impl<T> Stream for JsonStream<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.get_mut().stream.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for JsonStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonStream").finish_non_exhaustive()
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A JSON response.
pub(crate) fn json<T: serde::Serialize>(code: u16, body: &T) -> Response {
    json_as(code, "application/json", body)
}

/// A JSON body of a JSON media type other than `application/json`.
pub(crate) fn json_as<T: serde::Serialize>(
    code: u16,
    media_type: &'static str,
    body: &T,
) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let content_type = HeaderValue::from_static(media_type);
            (status(code), [(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Err(error) => {
            let message = format!("The response could not be encoded: {error}.");
            Error::message(ErrorStatus::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

/// A response without content.
pub(crate) fn empty(code: u16) -> Response {
    status(code).into_response()
}

/// A response of any other content type.
pub(crate) fn raw(code: u16, content_type: &'static str, body: impl Into<Body>) -> Response {
    let content_type = HeaderValue::from_static(content_type);
    (status(code), [(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}

/// A `text/event-stream` response.
pub(crate) fn events<T>(code: u16, stream: EventStream<T>) -> Response
where
    T: serde::Serialize + Send + 'static,
{
    let EventStream { stream, keep_alive } = stream;
    let events = futures_util::StreamExt::map(stream, |item| {
        let event = Event::default()
            .json_data(&item)
            .unwrap_or_else(|_| Event::default().comment("an event could not be encoded"));
        Ok::<_, Infallible>(event)
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(keep_alive))
        .into_response();
    *response.status_mut() = status(code);
    response
}

/// A stream of JSON values, each a record that ends with a line feed and, unless `delimiter`
/// is that line feed, starts with `delimiter` (RFC 7464's record separator). A value that
/// cannot be encoded ends the body early, so the client sees a broken stream, not a gap.
pub(crate) fn json_stream<T>(
    code: u16,
    content_type: &'static str,
    delimiter: u8,
    stream: JsonStream<T>,
) -> Response
where
    T: serde::Serialize + Send + 'static,
{
    let records = futures_util::StreamExt::map(stream.stream, move |item| {
        let mut record = Vec::new();
        if delimiter != b'\n' {
            record.push(delimiter);
        }
        serde_json::to_writer(&mut record, &item)?;
        record.push(b'\n');
        Ok::<_, serde_json::Error>(Bytes::from(record))
    });
    let content_type = HeaderValue::from_static(content_type);
    let headers = [(header::CONTENT_TYPE, content_type)];
    (status(code), headers, Body::from_stream(records)).into_response()
}

/// A status of a `2XX`-style range: the one given when it is in the range, a 500 otherwise.
pub(crate) fn in_range(given: StatusCode, digit: u16) -> Result<u16, Error> {
    if given.as_u16() / 100 == digit {
        return Ok(given.as_u16());
    }
    let message = format!("The implementation answered {given}, outside {digit}XX.");
    Err(Error::message(ErrorStatus::INTERNAL_SERVER_ERROR, message))
}

/// Sets a documented response header, if it has a value. A value HTTP cannot carry (a line
/// break, say) is the implementation's mistake: the answer becomes a 500 that names the header.
pub(crate) fn header(response: &mut Response, name: &'static str, value: Option<String>) {
    let Some(value) = value else {
        return;
    };
    match HeaderValue::try_from(value) {
        Ok(value) => {
            response.headers_mut().append(HeaderName::from_static(name), value);
        }
        Err(_) => {
            let message = format!("The response header `{name}` has a value HTTP cannot carry.");
            *response = Error::message(ErrorStatus::INTERNAL_SERVER_ERROR, message).into_response();
        }
    }
}

/// Runs a request an operation serves in a span of its own, and notes the status answered;
/// the handler fills in which operation it is (`operation`) and the error (`failed`).
#[cfg(feature = "tracing")]
pub(crate) async fn traced(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "operation",
        otel.kind = "server",
        operation = tracing::field::Empty,
        http.request.method = tracing::field::Empty,
        http.route = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
        error = tracing::field::Empty,
    );
    let response = next.run(request).instrument(span.clone()).await;
    span.record("http.response.status_code", response.status().as_u16());
    response
}

/// Names the operation on the request's span: its operationId, method and route.
#[cfg(feature = "tracing")]
pub(crate) fn operation(id: &'static str, method: &'static str, route: &'static str) {
    let span = tracing::Span::current();
    span.record("operation", id);
    span.record("http.request.method", method);
    span.record("http.route", route);
}

/// Notes on the request's span the error a handler answers with.
#[cfg(feature = "tracing")]
pub(crate) fn failed(error: &Error) {
    tracing::Span::current().record("error", tracing::field::display(error));
}
