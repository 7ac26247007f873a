//! What every call does whatever the operation: build the URL, write parameters and
//! credentials, and send (reading the response is `reply.rs`). The same for every API, so a given API need not
//! use all of it (say, cookies or basic authentication): hence `dead_code` is allowed here.

#![allow(dead_code)]

use crate::error::{Error, InvalidBaseUrl, InvalidRequest};
use crate::reply::Reply;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode, Url};
use serde::Serialize;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What a path segment or a cookie value keeps as is: the unreserved characters of RFC 3986.
/// Everything else (`/`, `?`, `#`, `%`, `;`, spaces, non-ASCII) is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What a query value with `allowReserved` keeps as well: RFC 3986's reserved characters,
/// except those that would end the value or the pair (`&`, `=`, `#`, `+`).
const RESERVED_KEPT: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

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

/// A piece of a parameter percent-encoded for a path, a query or a cookie, so that it stays
/// inside its segment or pair and apart from a style's delimiters.
pub(crate) fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// [`encode`] for a query parameter that allows reserved characters.
fn encode_reserved(value: &str) -> String {
    utf8_percent_encode(value, RESERVED_KEPT).to_string()
}

/// OpenAPI's `style` values: how a parameter's value is written.
#[derive(Clone, Copy)]
pub(crate) enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// A parameter as its operation declares it: its name and how its value is written.
#[derive(Clone, Copy)]
pub(crate) struct Param {
    name: &'static str,
    style: Style,
    explode: bool,
    reserved: bool,
}

impl Param {
    const fn new(name: &'static str, style: Style, explode: bool) -> Self {
        Param {
            name,
            style,
            explode,
            reserved: false,
        }
    }

    /// A path parameter, in style `simple`.
    pub(crate) const fn path(name: &'static str) -> Self {
        Param::new(name, Style::Simple, false)
    }

    /// A query parameter, in style `form`, exploded.
    pub(crate) const fn query(name: &'static str) -> Self {
        Param::new(name, Style::Form, true)
    }

    /// A header parameter, in style `simple`.
    pub(crate) const fn header(name: &'static str) -> Self {
        Param::new(name, Style::Simple, false)
    }

    /// A cookie parameter, in style `form`, exploded.
    pub(crate) const fn cookie(name: &'static str) -> Self {
        Param::new(name, Style::Form, true)
    }

    /// Another style.
    pub(crate) const fn style(mut self, style: Style, explode: bool) -> Self {
        self.style = style;
        self.explode = explode;
        self
    }

    /// Keeps reserved characters in a query value (`allowReserved`).
    pub(crate) const fn reserved(mut self) -> Self {
        self.reserved = true;
        self
    }

    /// The text of a path segment or a header: `;color=blue`, `.blue,black`, `R=100,G=200`.
    fn text(self, value: &Value, encode: fn(&str) -> String) -> String {
        let (name, explode) = (self.name, self.explode);
        match (self.style, value) {
            (Style::Label, _) => {
                let separator = if explode { "." } else { "," };
                format!(".{}", value.joined(separator, explode, encode))
            }
            (Style::Matrix, Value::List(items)) if explode => items
                .iter()
                .map(|item| format!(";{name}={}", encode(item)))
                .collect(),
            (Style::Matrix, Value::Object(pairs)) if explode => pairs
                .iter()
                .map(|(key, item)| format!(";{}={}", encode(key), encode(item)))
                .collect(),
            (Style::Matrix, Value::One(text)) if text.is_empty() => format!(";{name}"),
            (Style::Matrix, _) => format!(";{name}={}", value.joined(",", explode, encode)),
            _ => value.joined(",", explode, encode),
        }
    }

    /// The `key=value` pairs of a query parameter or cookie, encoded.
    fn pairs(self, value: &Value, encode: fn(&str) -> String) -> Vec<(String, String)> {
        let name = encode(self.name);
        match (self.style, value) {
            (Style::DeepObject, Value::Object(pairs)) => pairs
                .iter()
                .map(|(key, item)| (format!("{name}[{}]", encode(key)), encode(item)))
                .collect(),
            (Style::DeepObject, Value::List(items)) => items
                .iter()
                .map(|item| (format!("{name}[]"), encode(item)))
                .collect(),
            (_, Value::Keyed(pairs)) => pairs
                .iter()
                .map(|(path, item)| {
                    let path: String = path.iter().map(|key| format!("[{}]", encode(key))).collect();
                    (format!("{name}{path}"), encode(item))
                })
                .collect(),
            (Style::Form, Value::List(items)) if self.explode => items
                .iter()
                .map(|item| (name.clone(), encode(item)))
                .collect(),
            (Style::Form, Value::Object(pairs)) if self.explode => pairs
                .iter()
                .map(|(key, item)| (encode(key), encode(item)))
                .collect(),
            (Style::SpaceDelimited, _) => vec![(name, value.joined("%20", false, encode))],
            (Style::PipeDelimited, _) => vec![(name, value.joined("%7C", false, encode))],
            _ => vec![(name, value.joined(",", false, encode))],
        }
    }
}

/// A parameter's value as text, before its style writes it.
pub(crate) enum Value {
    One(String),
    List(Vec<String>),
    /// An object's properties in declaration order.
    Object(Vec<(String, String)>),
    /// The leaves of a JSON value by their paths: `["gte"]` for `name[gte]`, `[""]` for an
    /// array item (`name[]`), none for a primitive (`name`).
    Keyed(Vec<(Vec<String>, String)>),
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::One(text)
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Self {
        Value::List(items)
    }
}

impl Value {
    /// The properties of an object of primitives, as text.
    pub(crate) fn object<T: Serialize + ?Sized>(
        name: &str,
        value: &T,
    ) -> Result<Value, InvalidRequest> {
        let text = serde_urlencoded::to_string(value).map_err(|error| unserializable(name, error))?;
        let pairs = form_urlencoded::parse(text.as_bytes()).into_owned();
        Ok(Value::Object(pairs.collect()))
    }

    /// The JSON text of a value (`content: application/json`, or a value no style writes).
    pub(crate) fn json<T: Serialize + ?Sized>(
        name: &str,
        value: &T,
    ) -> Result<Value, InvalidRequest> {
        let text = serde_json::to_string(value).map_err(|error| unserializable(name, error))?;
        Ok(Value::One(text))
    }

    /// The leaves of a value of any type, for style `deepObject`: nested objects and arrays
    /// are keyed by their paths, as Stripe reads them, properties in key order.
    pub(crate) fn nested<T: Serialize + ?Sized>(
        name: &str,
        value: &T,
    ) -> Result<Value, InvalidRequest> {
        let json = serde_json::to_value(value).map_err(|error| unserializable(name, error))?;
        let mut leaves = Vec::new();
        keyed(&json, &mut Vec::new(), &mut leaves);
        Ok(Value::Keyed(leaves))
    }

    /// The items joined by `separator`, each encoded; an object's properties as
    /// `key=value` when exploded, else as key and value in turn.
    fn joined(&self, separator: &str, explode: bool, encode: fn(&str) -> String) -> String {
        let items: Vec<String> = match self {
            Value::One(text) => return encode(text),
            Value::List(items) => items.iter().map(|item| encode(item)).collect(),
            Value::Keyed(leaves) => leaves.iter().map(|(_, item)| encode(item)).collect(),
            Value::Object(pairs) => pairs
                .iter()
                .map(|(key, item)| match explode {
                    true => format!("{}={}", encode(key), encode(item)),
                    false => format!("{}{separator}{}", encode(key), encode(item)),
                })
                .collect(),
        };
        items.join(separator)
    }
}

/// The problem of a parameter value that does not serialize.
fn unserializable(name: &str, error: impl fmt::Display) -> InvalidRequest {
    InvalidRequest::new(format!("parameter `{name}` does not serialize: {error}"))
}

/// Adds the leaves of `json` below `path` to `leaves`; a null is left out.
fn keyed(json: &serde_json::Value, path: &mut Vec<String>, leaves: &mut Vec<(Vec<String>, String)>) {
    let mut below = |key: &str, value| {
        path.push(key.to_owned());
        keyed(value, path, leaves);
        path.pop();
    };
    match json {
        serde_json::Value::Null => {}
        // In key order whatever order `serde_json` keeps (its `preserve_order` feature).
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by_key(|(key, _)| *key);
            entries.into_iter().for_each(|(key, value)| below(key, value));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| below("", item)),
        serde_json::Value::String(text) => leaves.push((path.clone(), text.clone())),
        other => leaves.push((path.clone(), other.to_string())),
    }
}

/// A path parameter's text, encoded, in its style.
pub(crate) fn path(param: Param, value: impl Into<Value>) -> String {
    param.text(&value.into(), encode)
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

/// An `application/x-www-form-urlencoded` body being written: each field as a query parameter
/// of its style is, its pairs encoded.
#[derive(Default)]
pub(crate) struct FormBody {
    pairs: Vec<(String, String)>,
}

impl FormBody {
    /// Adds a field in its style, if it has a value.
    pub(crate) fn field(mut self, param: Param, value: Option<impl Into<Value>>) -> Self {
        if let Some(value) = value.map(Into::into) {
            let encode = if param.reserved { encode_reserved } else { encode };
            self.pairs.extend(param.pairs(&value, encode));
        }
        self
    }
}

/// Encoded pairs as a query string or form body: `key=value`, joined by `&`.
fn joined(pairs: &[(String, String)]) -> String {
    let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join("&")
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
    /// Bearer tokens from a source, asked before each request.
    Tokens(Arc<dyn Tokens>),
}

/// What a failed hook (a token source, a middleware) reports: any error.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What a token source answers.
pub(crate) type TokenResult = Result<String, BoxError>;

/// A source of bearer tokens, as the client keeps it: the crate's `TokenSource` with its
/// future boxed, so that one client holds sources of any type.
pub(crate) trait Tokens: Send + Sync {
    /// A token; a fresh one when `refresh` (the server refused the last).
    fn token(&self, refresh: bool) -> Pin<Box<dyn Future<Output = TokenResult> + Send + '_>>;
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
            Credential::Tokens(_) => write!(f, "Tokens(<source>)"),
        }
    }
}

/// `request` with a token from `tokens` as its `Authorization: Bearer` header.
async fn bearer(
    mut request: reqwest::Request,
    tokens: &dyn Tokens,
    refresh: bool,
) -> Result<reqwest::Request, Unsent> {
    let token = tokens.token(refresh).await.map_err(Unsent::Hook)?;
    let Ok(mut value) = HeaderValue::from_str(&format!("Bearer {token}")) else {
        // The value is not shown: it is a credential.
        let message = "the token source's token is not a valid header value";
        return Err(Unsent::Invalid(InvalidRequest::new(message)));
    };
    value.set_sensitive(true);
    request.headers_mut().insert(header::AUTHORIZATION, value);
    Ok(request)
}

/// Why a request got no response: the errors of sending, apart from the operation's error
/// type, so that sending is compiled once rather than once per operation.
pub(crate) enum Unsent {
    Invalid(InvalidRequest),
    Transport(reqwest::Error),
    Hook(BoxError),
}

impl From<reqwest::Error> for Unsent {
    fn from(error: reqwest::Error) -> Self {
        Unsent::Transport(error)
    }
}

impl<E> From<Unsent> for Error<E> {
    fn from(unsent: Unsent) -> Self {
        match unsent {
            Unsent::Invalid(error) => Error::InvalidRequest(error),
            Unsent::Transport(error) => Error::Transport(error),
            Unsent::Hook(error) => Error::Hook(error),
        }
    }
}

/// The span of a call, carried from its request to its response (in the response's
/// extensions) so that reading it is noted there too.
#[cfg(feature = "tracing")]
#[derive(Clone)]
pub(crate) struct Traced(pub(crate) tracing::Span);

/// What sends the requests: the reqwest client, or with the `middleware` feature the
/// middleware chain given to the client (the reqwest client then only builds them).
#[derive(Clone)]
pub(crate) struct Sender {
    http: reqwest::Client,
    #[cfg(feature = "middleware")]
    middleware: Option<reqwest_middleware::ClientWithMiddleware>,
}

impl Sender {
    pub(crate) fn new(http: reqwest::Client) -> Self {
        Sender {
            http,
            #[cfg(feature = "middleware")]
            middleware: None,
        }
    }

    /// The reqwest client that builds (and, without middleware, sends) the requests.
    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends the requests through `middleware`.
    #[cfg(feature = "middleware")]
    pub(crate) fn through(self, middleware: reqwest_middleware::ClientWithMiddleware) -> Self {
        Sender {
            middleware: Some(middleware),
            ..self
        }
    }

    /// Sends one request.
    async fn execute(&self, request: reqwest::Request) -> Result<reqwest::Response, Unsent> {
        #[cfg(feature = "middleware")]
        if let Some(middleware) = &self.middleware {
            return middleware.execute(request).await.map_err(|error| match error {
                reqwest_middleware::Error::Reqwest(error) => Unsent::Transport(error),
                reqwest_middleware::Error::Middleware(error) => Unsent::Hook(error.into()),
            });
        }
        Ok(self.http.execute(request).await?)
    }
}

/// A request being written. Problems with arguments are kept and reported by
/// [`Request::send`], so that operations can write every parameter in one chain.
pub(crate) struct Request {
    http: Sender,
    method: Method,
    /// Without its query, which is written on sending.
    url: Url,
    headers: HeaderMap,
    /// Encoded `key=value` pairs.
    query: Vec<(String, String)>,
    cookies: Vec<String>,
    basic: Option<(String, String)>,
    /// Where the `Authorization: Bearer` token comes from, when it is asked on sending.
    tokens: Option<Arc<dyn Tokens>>,
    body: Option<reqwest::Body>,
    /// A body reqwest writes itself, such as a multipart form with its boundary.
    written_by_reqwest: Option<Box<dyn FnOnce(RequestBuilder) -> RequestBuilder + Send>>,
    invalid: Option<InvalidRequest>,
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl Request {
    /// A request for `path` (already encoded) below the base URL's path.
    pub(crate) fn new(http: &Sender, method: Method, base: &Url, path: &str) -> Self {
        let mut url = base.clone();
        url.set_path(&format!("{}{path}", base.path().trim_end_matches('/')));
        Request {
            http: http.clone(),
            method,
            url,
            headers: HeaderMap::new(),
            query: Vec::new(),
            cookies: Vec::new(),
            basic: None,
            tokens: None,
            body: None,
            written_by_reqwest: None,
            invalid: None,
            #[cfg(feature = "tracing")]
            span: tracing::Span::none(),
        }
    }

    /// Names the operation. With the `tracing` feature, the call runs in a span of its own,
    /// `operation`: the operationId, the method and path template, the status that answered
    /// and the error the call ends with, from sending to reading the response.
    #[cfg(feature = "tracing")]
    pub(crate) fn operation(mut self, id: &'static str, template: &'static str) -> Self {
        self.span = tracing::info_span!(
            "operation",
            otel.kind = "client",
            operation = id,
            http.request.method = self.method.as_str(),
            url.template = template,
            http.response.status_code = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        self
    }

    /// Names the operation, for its span with the `tracing` feature.
    #[cfg(not(feature = "tracing"))]
    pub(crate) fn operation(self, _id: &'static str, _template: &'static str) -> Self {
        self
    }

    /// Adds a query parameter in its style, if it has a value.
    pub(crate) fn query(mut self, param: Param, value: Option<impl Into<Value>>) -> Self {
        if let Some(value) = value.map(Into::into) {
            let encode = if param.reserved { encode_reserved } else { encode };
            self.query.extend(param.pairs(&value, encode));
        }
        self
    }

    /// Sets a header parameter in its style, if it has a value.
    pub(crate) fn header(mut self, param: Param, value: Option<impl Into<Value>>) -> Self {
        if let Some(value) = value.map(Into::into) {
            let text = param.text(&value, str::to_owned);
            self.insert_header(param.name, &text, false);
        }
        self
    }

    /// Sets a cookie parameter in its style, if it has a value.
    pub(crate) fn cookie(mut self, param: Param, value: Option<impl Into<Value>>) -> Self {
        if let Some(value) = value.map(Into::into) {
            let pairs = param.pairs(&value, encode);
            self.cookies
                .extend(pairs.into_iter().map(|(key, item)| format!("{key}={item}")));
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

    /// A form body, if there is one: its fields as `key=value` pairs joined by `&`.
    pub(crate) fn form(self, content_type: &'static str, body: Option<FormBody>) -> Self {
        let text = body.map(|body| reqwest::Body::from(joined(&body.pairs)));
        self.body(content_type, text)
    }

    /// A body sent as given under the documented content type, if there is one.
    pub(crate) fn body(mut self, content_type: &'static str, body: Option<reqwest::Body>) -> Self {
        if let Some(body) = body {
            self.insert_header(header::CONTENT_TYPE.as_str(), content_type, false);
            self.body = Some(body);
        }
        self
    }

    /// A body that reqwest writes, given the request being built: a multipart form, whose
    /// boundary reqwest puts in the `Content-Type`.
    pub(crate) fn written_by_reqwest(
        mut self,
        write: impl FnOnce(RequestBuilder) -> RequestBuilder + Send + 'static,
    ) -> Self {
        self.written_by_reqwest = Some(Box::new(write));
        self
    }

    /// Makes the request invalid: it fails with `message` before anything is sent.
    pub(crate) fn invalid(mut self, message: String) -> Self {
        self.fail(message);
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
                Credential::Query { name, value } => {
                    self.query.push((encode(name), encode(value)));
                }
                Credential::Cookie { name, value } => self
                    .cookies
                    .push(format!("{name}={}", utf8_percent_encode(value, UNRESERVED))),
                Credential::Basic { username, password } => {
                    self.basic = Some((username.clone(), password.clone()));
                }
                Credential::Tokens(source) => self.tokens = Some(source.clone()),
            }
        }
        self
    }

    /// Sends the request; the response is not read yet.
    pub(crate) async fn send<E>(self) -> Result<reqwest::Response, Error<E>> {
        #[cfg(feature = "tracing")]
        {
            let span = self.span.clone();
            let sent = tracing::Instrument::instrument(self.transmit(), span.clone()).await;
            match sent {
                Ok(mut response) => {
                    span.record("http.response.status_code", response.status().as_u16());
                    response.extensions_mut().insert(Traced(span));
                    Ok(response)
                }
                Err(unsent) => {
                    let error = match &unsent {
                        Unsent::Invalid(error) => error.to_string(),
                        Unsent::Transport(error) => error.to_string(),
                        Unsent::Hook(error) => error.to_string(),
                    };
                    span.record("error", error);
                    Err(unsent.into())
                }
            }
        }
        #[cfg(not(feature = "tracing"))]
        Ok(self.transmit().await?)
    }

    /// Sends the request. With a token source, a 401 asks it
    /// once for a fresh token and sends the request again (a body streamed from a file or a
    /// stream cannot be sent twice: its 401 is the answer).
    async fn transmit(mut self) -> Result<reqwest::Response, Unsent> {
        if !self.cookies.is_empty() {
            let cookies = self.cookies.join("; ");
            self.insert_header(header::COOKIE.as_str(), &cookies, true);
        }
        if let Some(invalid) = self.invalid {
            return Err(Unsent::Invalid(invalid));
        }
        let mut url = self.url;
        if !self.query.is_empty() {
            let pairs = joined(&self.query);
            let query = match url.query() {
                Some(given) if !given.is_empty() => format!("{given}&{pairs}"),
                _ => pairs,
            };
            url.set_query(Some(&query));
        }
        let mut builder = self.http.client().request(self.method, url);
        builder = builder.headers(self.headers);
        if let Some((username, password)) = self.basic {
            builder = builder.basic_auth(username, Some(password));
        }
        if let Some(body) = self.body {
            builder = builder.body(body);
        }
        if let Some(write) = self.written_by_reqwest {
            builder = write(builder);
        }
        let request = builder.build()?;
        let Some(tokens) = self.tokens else {
            return self.http.execute(request).await;
        };
        let again = request.try_clone();
        let response = self.http.execute(bearer(request, &*tokens, false).await?).await?;
        match again {
            Some(again) if response.status() == StatusCode::UNAUTHORIZED => {
                let again = bearer(again, &*tokens, true).await?;
                self.http.execute(again).await
            }
            _ => Ok(response),
        }
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
