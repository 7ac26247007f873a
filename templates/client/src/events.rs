//! Server-sent events (the `text/event-stream` format), parsed by the `sse-stream` crate.

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{self, HeaderMap};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// One server-sent event of a stream whose events carry a `T`, as the API documents it.
pub struct Event<T> {
    /// The event type: the `event` field, or `message` when the server sent none.
    pub event: String,
    /// The `data` lines of the event, joined with `\n`.
    pub data: String,
    /// The last event ID as of this event: the `id` field of this event or of an earlier
    /// one; `None` while the server has set none (or has reset it).
    pub id: Option<String>,
    item: PhantomData<fn() -> T>,
}

impl<T> Event<T> {
    /// An event of these fields (the stream makes them as they arrive; tests and mocks may
    /// too).
    pub fn new(event: String, data: String, id: Option<String>) -> Self {
        Event {
            event,
            data,
            id,
            item: PhantomData,
        }
    }

    /// Decodes the data as JSON into the type the caller expects for this event type.
    pub fn json<U: DeserializeOwned>(&self) -> Result<U, serde_json::Error> {
        serde_json::from_str(&self.data)
    }
}

impl<T: DeserializeOwned> Event<T> {
    /// Decodes the data as JSON into the item type the API documents for the stream.
    pub fn item(&self) -> Result<T, serde_json::Error> {
        self.json()
    }
}

impl<T> Clone for Event<T> {
    fn clone(&self) -> Self {
        Event::new(self.event.clone(), self.data.clone(), self.id.clone())
    }
}

impl<T> PartialEq for Event<T> {
    fn eq(&self, other: &Self) -> bool {
        (&self.event, &self.data, &self.id) == (&other.event, &other.data, &other.id)
    }
}

impl<T> Eq for Event<T> {}

impl<T> fmt::Debug for Event<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("event", &self.event)
            .field("data", &self.data)
            .field("id", &self.id)
            .finish()
    }
}

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// The events of a response, as they arrive. Comments are skipped; `retry` and `id` fields
/// are remembered ([`EventStream::retry`], [`EventStream::last_event_id`]). The stream ends
/// when the server closes the response; after an error it ends too. Each event carries a `T`
/// ([`Event::item`]).
pub struct EventStream<T> {
    status: StatusCode,
    headers: HeaderMap,
    events: sse_stream::SseByteStream<Chunks>,
    last_event_id: Option<String>,
    retry: Option<Duration>,
    item: PhantomData<fn() -> T>,
}

/// Whether a response is a stream of events: a success status and the `text/event-stream`
/// content type.
pub(crate) fn is_event_stream(response: &reqwest::Response) -> bool {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .unwrap_or_default();
    response.status().is_success() && content_type.trim().eq_ignore_ascii_case("text/event-stream")
}

impl<T> EventStream<T> {
    pub(crate) fn new(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let chunks: Chunks = Box::pin(response.bytes_stream());
        EventStream {
            status,
            headers,
            events: sse_stream::SseByteStream::new(chunks),
            last_event_id: None,
            retry: None,
            item: PhantomData,
        }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The last event ID the server set, to resume from when reconnecting.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// The reconnection time the server asked for in its last `retry` field.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }
}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("last_event_id", &self.last_event_id)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<T> Stream for EventStream<T> {
    type Item = Result<Event<T>, EventStreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            let block = match Pin::new(&mut this.events).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => {
                    return Poll::Ready(Some(Err(EventStreamError::from_sse(error))));
                }
                Poll::Ready(Some(Ok(block))) => block,
            };
            if let Some(id) = block.id {
                this.last_event_id = Some(id).filter(|id| !id.is_empty());
            }
            if let Some(retry) = block.retry {
                this.retry = Some(Duration::from_millis(retry));
            }
            // A block without data (only `id`, `retry` or `event` fields) dispatches no event.
            let Some(data) = block.data else {
                continue;
            };
            let event = block
                .event
                .filter(|event| !event.is_empty())
                .unwrap_or_else(|| "message".to_owned());
            let id = this.last_event_id.clone();
            return Poll::Ready(Some(Ok(Event::new(event, data, id))));
        }
    }
}

/// Why an event stream stopped early.
#[derive(Debug)]
pub enum EventStreamError {
    /// Reading the response failed: the connection dropped, or a timeout.
    Transport(reqwest::Error),
    /// The response is not a valid event stream (a field that is not UTF-8).
    Format(Box<dyn std::error::Error + Send + Sync>),
}

impl EventStreamError {
    fn from_sse(error: sse_stream::Error) -> Self {
        match error {
            sse_stream::Error::Body(body) => match body.downcast::<reqwest::Error>() {
                Ok(transport) => EventStreamError::Transport(*transport),
                Err(other) => EventStreamError::Format(other),
            },
            other => EventStreamError::Format(Box::new(other)),
        }
    }
}

impl fmt::Display for EventStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventStreamError::Transport(error) => write!(f, "reading the event stream failed: {error}"),
            EventStreamError::Format(error) => write!(f, "invalid event stream: {error}"),
        }
    }
}

impl std::error::Error for EventStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventStreamError::Transport(error) => Some(error),
            EventStreamError::Format(error) => Some(error.as_ref()),
        }
    }
}
