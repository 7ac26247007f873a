//! What can go wrong in a call, kept apart by what the caller can do about it.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::fmt;

/// Why a call failed. `E` is the error body the operation documents: the API's error body,
/// or an enum of the error responses the operation lists.
///
/// The variants that carry a response box it, so that a `Result` stays small.
#[derive(Debug)]
pub enum Error<E> {
    /// The request was not sent: an argument or a credential cannot be written into it.
    InvalidRequest(InvalidRequest),
    /// The request could not be sent or the response could not be read: DNS, TCP, TLS, a
    /// timeout, a connection the server dropped.
    Transport(reqwest::Error),
    /// Something the client was given to call failed before a response arrived: a token
    /// source that had no token, or a middleware.
    Hook(crate::http::BoxError),
    /// The server answered with an error status and an error body of the documented shape.
    Api(Box<ErrorResponse<E>>),
    /// The server answered with an error status whose body is not of the documented shape
    /// (an HTML page from a proxy, say), or with a status the operation does not expect.
    UnexpectedResponse(Box<RawResponse>),
    /// The server answered with a success status, but a header its response documents is
    /// missing (a required one) or does not parse as its type.
    Header {
        /// The header's name, as the document writes it.
        name: &'static str,
        /// What is wrong with it.
        problem: String,
        /// The response as received.
        response: Box<RawResponse>,
    },
    /// The server answered with a success status, but the body does not decode as the
    /// documented type.
    Decode {
        /// The response as received.
        response: Box<RawResponse>,
        /// Why the body does not decode.
        source: serde_json::Error,
    },
}

/// An error response whose body decoded as the documented error shape.
#[derive(Debug, Clone)]
pub struct ErrorResponse<E> {
    /// The status the server answered with.
    pub status: StatusCode,
    /// The headers of the response.
    pub headers: HeaderMap,
    /// The decoded error body.
    pub body: E,
}

/// A response kept as received.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The status the server answered with.
    pub status: StatusCode,
    /// The headers of the response.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Bytes,
}

impl<E> Error<E> {
    /// The status the server answered with; `None` when no response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) | Error::Hook(_) => None,
            Error::Transport(error) => error.status(),
            Error::Api(response) => Some(response.status),
            Error::UnexpectedResponse(response)
            | Error::Header { response, .. }
            | Error::Decode { response, .. } => Some(response.status),
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => write!(f, "{error}"),
            Error::Transport(error) => write!(f, "the request failed: {error}"),
            Error::Hook(error) => write!(f, "the request failed in the client: {error}"),
            Error::Api(response) => {
                write!(f, "the server answered {}: {:?}", response.status, response.body)
            }
            Error::UnexpectedResponse(response) => write!(
                f,
                "unexpected response {}: {}",
                response.status,
                preview(&response.body)
            ),
            Error::Header {
                name,
                problem,
                response,
            } => write!(f, "the {} response's `{name}` header {problem}", response.status),
            Error::Decode { response, source } => write!(
                f,
                "the {} response body does not decode: {source}",
                response.status
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Hook(error) => Some(error.as_ref()),
            Error::Decode { source, .. } => Some(source),
            Error::Api(_) | Error::UnexpectedResponse(_) | Error::Header { .. } => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(error: reqwest::Error) -> Self {
        Error::Transport(error)
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

/// The start of a body, as text, for error messages.
fn preview(body: &[u8]) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.into_owned(),
    }
}

/// A request that cannot be sent as asked: a path parameter that cannot be one path segment
/// (empty, `.` or `..`), a header value with a line break, a body that does not serialize; or,
/// when the client checks requests, values outside the API's constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    message: String,
    validations: Vec<Validation>,
}

impl InvalidRequest {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        InvalidRequest {
            message: message.into(),
            validations: Vec::new(),
        }
    }

    /// A request whose values break the constraints the API description states, one entry
    /// per failure. (An API that states none calls it nowhere.)
    #[cfg(feature = "checks")]
    #[allow(dead_code)]
    pub(crate) fn constraints(validations: Vec<Validation>) -> Self {
        let listed: Vec<String> = validations
            .iter()
            .map(|v| format!("`{}` {}", v.field, v.detail))
            .collect();
        InvalidRequest {
            message: format!("it breaks the API's constraints: {}", listed.join("; ")),
            validations,
        }
    }

    /// The values outside the API's constraints, each with what is wrong with it; empty when
    /// the request is invalid for another reason.
    pub fn validations(&self) -> &[Validation] {
        &self.validations
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request: {}", self.message)
    }
}

/// What is wrong with one value of a request: the server's 400 names fields the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    /// The value: a parameter name, a body path (`members[0].name`), or `body`.
    pub field: String,
    /// What is wrong with it.
    pub detail: String,
}

impl Validation {
    /// A problem with a value.
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Validation {
            field: field.into(),
            detail: detail.into(),
        }
    }
}

impl std::error::Error for InvalidRequest {}

/// A base URL the client cannot call: not a URL, or one that cannot have a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBaseUrl {
    url: String,
    reason: String,
}

impl InvalidBaseUrl {
    pub(crate) fn new(url: &str, reason: impl Into<String>) -> Self {
        InvalidBaseUrl {
            url: url.to_owned(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base URL `{}`: {}", self.url, self.reason)
    }
}

impl std::error::Error for InvalidBaseUrl {}
