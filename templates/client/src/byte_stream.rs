//! A binary response as a stream of bytes, read as it arrives: a download is held whole only
//! when the caller collects it.
use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// The body of a binary response, chunk by chunk as it arrives. A transport error is an
/// error item, and the stream ends after it.
pub struct ByteStream {
    status: StatusCode,
    headers: HeaderMap,
    length: Option<u64>,
    chunks: Chunks,
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response) -> Self {
        ByteStream {
            status: response.status(),
            headers: response.headers().clone(),
            length: response.content_length(),
            chunks: Box::pin(response.bytes_stream()),
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

    /// The body's length, when the response says it.
    pub fn content_length(&self) -> Option<u64> {
        self.length
    }

    /// The whole body, read into memory.
    pub async fn collect(mut self) -> Result<Bytes, reqwest::Error> {
        let mut body = BytesMut::new();
        while let Some(chunk) = std::future::poll_fn(|cx| self.chunks.as_mut().poll_next(cx)).await {
            body.extend_from_slice(&chunk?);
        }
        Ok(body.freeze())
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, reqwest::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}
