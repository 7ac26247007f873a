//! Streams of JSON values (`application/jsonl`, `application/x-ndjson`,
//! `application/json-seq`), decoded one record at a time as the response arrives.
//!
//! The framing is a split at one byte, so it is done here rather than by a codec crate: a
//! line feed ends a record of JSON Lines, a record separator (0x1E) starts one of RFC 7464.
use bytes::{Buf, Bytes, BytesMut};
use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// The values of a response, each a `T`, as they arrive. Blank records are skipped. A record
/// that does not decode is an error item and the stream goes on; after a transport error it
/// ends.
pub struct JsonStream<T> {
    status: StatusCode,
    headers: HeaderMap,
    chunks: Option<Chunks>,
    buffer: BytesMut,
    delimiter: u8,
    item: PhantomData<fn() -> T>,
}

impl<T> JsonStream<T> {
    /// The stream of a response whose records are split at `delimiter`.
    pub(crate) fn new(response: reqwest::Response, delimiter: u8) -> Self {
        JsonStream {
            status: response.status(),
            headers: response.headers().clone(),
            chunks: Some(Box::pin(response.bytes_stream())),
            buffer: BytesMut::new(),
            delimiter,
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

    /// The next whole record in the buffer; at the end of the body, what is left.
    fn record(&mut self) -> Option<Bytes> {
        match self.buffer.iter().position(|&b| b == self.delimiter) {
            Some(at) => {
                let record = self.buffer.split_to(at).freeze();
                self.buffer.advance(1);
                Some(record)
            }
            None if self.chunks.is_none() && !self.buffer.is_empty() => {
                Some(self.buffer.split().freeze())
            }
            None => None,
        }
    }
}

impl<T> fmt::Debug for JsonStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonStream")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> Stream for JsonStream<T> {
    type Item = Result<T, JsonStreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            while let Some(record) = this.record() {
                if record.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let item = serde_json::from_slice(&record).map_err(JsonStreamError::Decode);
                return Poll::Ready(Some(item));
            }
            let Some(chunks) = this.chunks.as_mut() else {
                return Poll::Ready(None);
            };
            match chunks.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => this.buffer.extend_from_slice(&chunk),
                Poll::Ready(None) => this.chunks = None,
                Poll::Ready(Some(Err(error))) => {
                    this.chunks = None;
                    this.buffer.clear();
                    return Poll::Ready(Some(Err(JsonStreamError::Transport(error))));
                }
            }
        }
    }
}

/// Why a value of a JSON stream did not arrive.
#[derive(Debug)]
pub enum JsonStreamError {
    /// Reading the response failed: the connection dropped, or a timeout. The stream ends.
    Transport(reqwest::Error),
    /// A record is not a JSON value of the documented type. The stream goes on.
    Decode(serde_json::Error),
}

impl fmt::Display for JsonStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonStreamError::Transport(error) => write!(f, "reading the stream failed: {error}"),
            JsonStreamError::Decode(error) => write!(f, "a value of the stream is invalid: {error}"),
        }
    }
}

impl std::error::Error for JsonStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JsonStreamError::Transport(error) => Some(error),
            JsonStreamError::Decode(error) => Some(error),
        }
    }
}
