//! What every call does whatever the operation: build the URL, write parameters and
//! credentials, send, and read the response. The same for every API, so a given API need not
//! use all of it (say, cookies or basic authentication): hence `dead_code` is allowed here.

#![allow(dead_code)]

use crate::error::{Error, ErrorResponse, InvalidBaseUrl, InvalidRequest, RawResponse};
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// What a path segment or a cookie value keeps as is: the unreserved characters of RFC 3986.
/// Everything else (`/`, `?`, `#`, `%`, `;`, spaces, non-ASCII) is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Parses the base URL a client calls: an `http` or `https` URL that can have a path.
pub(crate) fn base_url(text: &str) -> Result<Url, InvalidBaseUrl> {
    let url = Url::parse(text).map_err(|error| InvalidBaseUrl::new(text, error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(InvalidBaseUrl::new(text, "the scheme is not http or https"));
    }
    if url.cannot_be_a_base() {
        return Err(InvalidBaseUrl::new(text, "it cannot have a path"));
    }
    Ok(url)
}

/// A parameter value percent-encoded for a path, so that it stays inside its segment.
pub(crate) fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Checks that an encoded path segment survives as one: URLs drop `.` and `..` segments
/// (even percent-encoded), and an empty segment names another path.
pub(crate) fn segment(params: &str, encoded: String) -> Result<String, InvalidRequest> {
    match encoded.as_str() {
        "" => Err(InvalidRequest::new(format!(
            "path parameter {params} is empty"
        ))),
        "." | ".." => Err(InvalidRequest::new(format!(
            "path parameter {params} is `{encoded}`, which a URL cannot carry as a path segment"
        ))),
        _ => Ok(encoded),
    }
}

/// The JSON text of a parameter value that is not a scalar.
pub(crate) fn json_text<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<String, InvalidRequest> {
    serde_json::to_string(value).map_err(|error| {
        InvalidRequest::new(format!("parameter `{name}` does not serialize: {error}"))
    })
}

/// A credential set on the client, written into the requests of the operations that need it.
#[derive(Clone)]
pub(crate) enum Credential {
    /// A header, such as an API key or `Authorization: Bearer ...`.
    Header { name: &'static str, value: String },
    /// A query parameter.
    Query { name: &'static str, value: String },
    /// A cookie.
    Cookie { name: &'static str, value: String },
    /// HTTP basic authentication.
    Basic { username: String, password: String },
}

impl Credential {
    /// An `Authorization: Bearer` header.
    pub(crate) fn bearer(token: String) -> Self {
        Credential::Header {
            name: "authorization",
            value: format!("Bearer {token}"),
        }
    }
}

/// Names where a credential goes, never its value.
impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Header { name, .. } => write!(f, "Header({name}: <redacted>)"),
            Credential::Query { name, .. } => write!(f, "Query({name}=<redacted>)"),
            Credential::Cookie { name, .. } => write!(f, "Cookie({name}=<redacted>)"),
            Credential::Basic { username, .. } => write!(f, "Basic({username}:<redacted>)"),
        }
    }
}

/// A request being written. Problems with arguments are kept and reported by
/// [`Request::send`], so that operations can write every parameter in one chain.
pub(crate) struct Request {
    builder: reqwest::RequestBuilder,
    headers: HeaderMap,
    query: Vec<(&'static str, String)>,
    cookies: Vec<String>,
    basic: Option<(String, String)>,
    body: Option<reqwest::Body>,
    invalid: Option<InvalidRequest>,
}

impl Request {
    /// A request for `path` (already encoded) below the base URL's path.
    pub(crate) fn new(http: &reqwest::Client, method: Method, base: &Url, path: &str) -> Self {
        let mut url = base.clone();
        url.set_path(&format!("{}{path}", base.path().trim_end_matches('/')));
        Request {
            builder: http.request(method, url),
            headers: HeaderMap::new(),
            query: Vec::new(),
            cookies: Vec::new(),
            basic: None,
            body: None,
            invalid: None,
        }
    }

    /// Adds a query parameter once per value: not at all for `None`, once per item of an
    /// array.
    pub(crate) fn query(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = String>,
    ) -> Self {
        self.query
            .extend(values.into_iter().map(|value| (name, value)));
        self
    }

    /// Sets a header parameter, if it has a value.
    pub(crate) fn header(mut self, name: &'static str, value: Option<String>) -> Self {
        if let Some(value) = value {
            self.insert_header(name, &value, false);
        }
        self
    }

    /// Sets a cookie parameter, if it has a value.
    pub(crate) fn cookie(mut self, name: &'static str, value: Option<String>) -> Self {
        if let Some(value) = value {
            self.cookies
                .push(format!("{name}={}", utf8_percent_encode(&value, UNRESERVED)));
        }
        self
    }

    /// Says which content type the operation expects back.
    pub(crate) fn accept(mut self, content_type: &'static str) -> Self {
        self.insert_header(header::ACCEPT.as_str(), content_type, false);
        self
    }

    /// A JSON body, if there is one.
    pub(crate) fn json<T: Serialize + ?Sized>(
        mut self,
        content_type: &'static str,
        body: Option<&T>,
    ) -> Self {
        match body.map(serde_json::to_vec) {
            None => {}
            Some(Ok(bytes)) => {
                self.insert_header(header::CONTENT_TYPE.as_str(), content_type, false);
                self.body = Some(bytes.into());
            }
            Some(Err(error)) => self.fail(format!("the body does not serialize: {error}")),
        }
        self
    }

    /// A body sent as given under the documented content type, if there is one.
    pub(crate) fn body(mut self, content_type: &'static str, body: Option<reqwest::Body>) -> Self {
        if let Some(body) = body {
            self.insert_header(header::CONTENT_TYPE.as_str(), content_type, false);
            self.body = Some(body);
        }
        self
    }

    /// Writes the credentials of the first alternative the client has all credentials
    /// for; none when it has none of them (the server then answers as it does to anyone).
    pub(crate) fn authenticate(mut self, alternatives: &[&[Option<&Credential>]]) -> Self {
        let chosen = alternatives
            .iter()
            .find(|needed| !needed.is_empty() && needed.iter().all(Option::is_some));
        for credential in chosen.into_iter().flat_map(|needed| needed.iter().flatten()) {
            match credential {
                Credential::Header { name, value } => self.insert_header(name, value, true),
                Credential::Query { name, value } => self.query.push((name, value.clone())),
                Credential::Cookie { name, value } => self
                    .cookies
                    .push(format!("{name}={}", utf8_percent_encode(value, UNRESERVED))),
                Credential::Basic { username, password } => {
                    self.basic = Some((username.clone(), password.clone()));
                }
            }
        }
        self
    }

    /// Sends the request; the response is not read yet.
    pub(crate) async fn send<E>(mut self) -> Result<reqwest::Response, Error<E>> {
        if !self.cookies.is_empty() {
            let cookies = self.cookies.join("; ");
            self.insert_header(header::COOKIE.as_str(), &cookies, true);
        }
        if let Some(invalid) = self.invalid {
            return Err(Error::InvalidRequest(invalid));
        }
        let mut builder = self.builder.headers(self.headers);
        if !self.query.is_empty() {
            builder = builder.query(&self.query);
        }
        if let Some((username, password)) = self.basic {
            builder = builder.basic_auth(username, Some(password));
        }
        if let Some(body) = self.body {
            builder = builder.body(body);
        }
        Ok(builder.send().await?)
    }

    /// Sends the request and reads the whole response.
    pub(crate) async fn reply<E>(self) -> Result<Reply, Error<E>> {
        Reply::read(self.send().await?).await
    }

    fn insert_header(&mut self, name: &str, value: &str, sensitive: bool) {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(format!("`{name}` is not a valid header name"));
        };
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(sensitive);
                self.headers.append(header, value);
            }
            // The value is not shown: it may be a credential.
            Err(_) => self.fail(format!("the value of header `{name}` is not a valid header value")),
        }
    }

    fn fail(&mut self, message: String) {
        self.invalid.get_or_insert(InvalidRequest::new(message));
    }
}

/// A response read to the end, to be decoded as the operation's status says.
pub(crate) struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    /// Reads a whole response; a connection dropped halfway is a transport error.
    pub(crate) async fn read<E>(response: reqwest::Response) -> Result<Self, Error<E>> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// The status code, to match on.
    pub(crate) fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// A success body decoded as JSON.
    pub(crate) fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(source) => Err(Error::Decode {
                response: Box::new(self.into_raw()),
                source,
            }),
        }
    }

    /// A success body as received.
    pub(crate) fn into_body(self) -> Bytes {
        self.body
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

    /// An error status documented without a body.
    pub(crate) fn error_empty<E>(self, body: E) -> Error<E> {
        self.api(body)
    }

    /// A status the operation does not expect, or an error body of the wrong shape.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(Box::new(self.into_raw()))
    }

    fn api<E>(self, body: E) -> Error<E> {
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
