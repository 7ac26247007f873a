//! What every handler shares: reading a request into typed inputs (writing the answer is
//! `answers.rs`). The same for every API (the API's own parts are generated beside it), so an
//! API may not use all of it.
#![allow(dead_code)]

use crate::validate::{Validate, field};
use crate::{Error, ErrorStatus, Validation};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, OriginalUri, RawPathParams, Request};
use axum::http::header;
use axum::http::request::Parts;
use percent_encoding::percent_decode_str;
use std::sync::Arc;

/// How the router treats requests, beyond what the API description says.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body accepted, in bytes; a larger one is answered with
    /// `413 Payload Too Large` before the implementation runs. Default: 1 MiB.
    pub body_limit: usize,
    /// Whether the router checks what decoding cannot: the constraints the API description
    /// states (lengths, patterns, bounds, counts, closed objects, nulls) and enum values.
    /// Default: true. Off, a request is read by its types alone.
    pub checks: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 1024 * 1024,
            checks: true,
        }
    }
}

/// What every handler gets: the implementation and the router's configuration.
pub(crate) struct App<S: ?Sized> {
    pub(crate) service: Arc<S>,
    pub(crate) config: Arc<Config>,
}

impl<S: ?Sized> App<S> {
    pub(crate) fn new(service: Arc<S>, config: Config) -> Self {
        App {
            service,
            config: Arc::new(config),
        }
    }
}

impl<S: ?Sized> Clone for App<S> {
    fn clone(&self) -> Self {
        App {
            service: Arc::clone(&self.service),
            config: Arc::clone(&self.config),
        }
    }
}

/// A request on its way to typed inputs. Each reader records the problems it finds and
/// returns `None` for an input it could not read, so one response names every bad field.
pub(crate) struct Input {
    parts: Parts,
    body: Body,
    path: Result<Vec<(String, String)>, String>,
    /// Query pairs: the key decoded, the value as sent (a style's delimiters are told
    /// apart from encoded ones only before decoding).
    query: Vec<(String, String)>,
    problems: Vec<Validation>,
    too_large: bool,
    body_limit: usize,
    /// `Config::checks`.
    checks: bool,
}

impl Input {
    pub(crate) async fn new(request: Request, config: &Config) -> Self {
        let (mut parts, body) = request.into_parts();
        let path = match RawPathParams::from_request_parts(&mut parts, &()).await {
            Ok(params) => Ok(params
                .iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect()),
            Err(rejection) => Err(rejection.body_text()),
        };
        let query = raw_pairs(parts.uri.query().unwrap_or_default());
        Input {
            parts,
            body,
            path,
            query,
            problems: Vec::new(),
            too_large: false,
            body_limit: config.body_limit,
            checks: config.checks,
        }
    }

    /// Whether the router checks constraints and enum values (`Config::checks`).
    pub(crate) fn checks(&self) -> bool {
        self.checks
    }

    /// The error for a request whose inputs could not all be read: `413` for a body over the
    /// limit, `400` naming every bad field otherwise.
    pub(crate) fn rejection(self) -> Error {
        if self.too_large {
            let message = format!(
                "The request body is larger than the limit of {} bytes.",
                self.body_limit
            );
            return Error::message(ErrorStatus::PAYLOAD_TOO_LARGE, message);
        }
        Error::invalid("The request is not valid.", self.problems)
    }

    /// The problems recorded so far, for checks to add to.
    pub(crate) fn problems(&mut self) -> &mut Vec<Validation> {
        &mut self.problems
    }

    /// Whether no problem was recorded.
    pub(crate) fn is_valid(&self) -> bool {
        self.problems.is_empty() && !self.too_large
    }

    /// Records a problem with the input; the handler then does not run.
    pub(crate) fn problem(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        self.problems.push(Validation::new(field, detail));
    }

    /// The request's `Content-Type`, if it is text.
    pub(crate) fn content_type(&self) -> Option<&str> {
        let value = self.parts.headers.get(header::CONTENT_TYPE)?;
        value.to_str().ok()
    }

    // Credentials: present and not blank, or `None`.

    /// A credential sent in a header.
    pub(crate) fn header_credential(&self, name: &str) -> Option<String> {
        let value = self.parts.headers.get(name)?.to_str().ok()?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// A credential sent as a query parameter.
    pub(crate) fn query_credential(&self, name: &str) -> Option<String> {
        let (_, value) = self.query.iter().find(|(key, _)| key == name)?;
        let value = decode_query(value);
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// A credential sent as a cookie.
    pub(crate) fn cookie_credential(&self, name: &str) -> Option<String> {
        let value = self.cookies(name).into_iter().next()?;
        let value = percent_decode_str(&value).decode_utf8_lossy();
        let value = value.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// The credentials of an `Authorization: {scheme} ...` header (`Bearer`, `Basic`), or the
    /// whole header value when `scheme` is empty.
    pub(crate) fn authorization(&self, scheme: &str) -> Option<String> {
        let value = self
            .parts
            .headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .trim();
        let secret = if scheme.is_empty() {
            value
        } else {
            let (given, rest) = value.split_once(' ')?;
            if !given.eq_ignore_ascii_case(scheme) {
                return None;
            }
            rest.trim()
        };
        (!secret.is_empty()).then(|| secret.to_owned())
    }

    // Parameters.

    /// A required parameter of one primitive value.
    pub(crate) fn required<T: FromParam>(&mut self, param: Param) -> Option<T> {
        self.one(param, true)?
    }

    /// An optional parameter of one primitive value: `Some(None)` when it is absent.
    pub(crate) fn optional<T: FromParam>(&mut self, param: Param) -> Option<Option<T>> {
        self.one(param, false)
    }

    fn one<T: FromParam>(&mut self, param: Param, required: bool) -> Option<Option<T>> {
        let mut texts = self.texts(&param, required)?.into_iter();
        let Some(text) = texts.next() else {
            return Some(None);
        };
        if texts.next().is_some() {
            return self.problem_none(param.name, "must be given once");
        }
        let text = match param.unwrap(&text, false) {
            Ok(pieces) => pieces.into_iter().next().unwrap_or_default(),
            Err(detail) => return self.problem_none(param.name, detail),
        };
        match T::from_param(&param.decode(text)) {
            Ok(value) => Some(Some(value)),
            Err(detail) => self.problem_none(param.name, detail),
        }
    }

    /// An array parameter; empty when it is absent and optional.
    pub(crate) fn list<T: FromParam>(&mut self, param: Param, required: bool) -> Option<Vec<T>> {
        let texts = self.texts(&param, required)?;
        let items = match param.items(&texts) {
            Ok(items) => items,
            Err(detail) => return self.problem_none(param.name, detail),
        };
        let mut values = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match T::from_param(item) {
                Ok(value) => values.push(value),
                Err(detail) => self.problem(format!("{}[{i}]", param.name), detail),
            }
        }
        (values.len() == items.len()).then_some(values)
    }

    /// An object parameter, its properties read by their types: `Some(None)` when it is
    /// absent and optional.
    pub(crate) fn object<T: serde::de::DeserializeOwned>(
        &mut self,
        param: Param,
        required: bool,
    ) -> Option<Option<T>> {
        let pairs = match (param.location, param.style) {
            (Location::Query, Style::DeepObject) => self.deep_object(param.name),
            (Location::Query | Location::Cookie, Style::Form) if param.explode => {
                self.form_object(&param)
            }
            _ => {
                let texts = self.texts(&param, false)?;
                match param.pairs(&texts) {
                    Ok(pairs) => pairs,
                    Err(detail) => return self.problem_none(param.name, detail),
                }
            }
        };
        if pairs.is_empty() {
            return self.absent(param.name, required);
        }
        let text = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        match serde_urlencoded::from_str(&text) {
            Ok(value) => Some(Some(value)),
            Err(error) => self.problem_none(param.name, error.to_string()),
        }
    }

    /// A `deepObject` parameter of a type the server does not parse: its `name` and
    /// `name[...]` pairs as a query string, for the implementation to read.
    pub(crate) fn nested(&mut self, param: Param, required: bool) -> Option<Option<String>> {
        let name = param.name;
        let pairs: Vec<(&String, String)> = self
            .query
            .iter()
            .filter(|(key, _)| {
                key == name || key.strip_prefix(name).is_some_and(|rest| rest.starts_with('['))
            })
            .map(|(key, value)| (key, decode_query(value)))
            .collect();
        if pairs.is_empty() {
            return self.absent(name, required);
        }
        let mut text = form_urlencoded::Serializer::new(String::new());
        text.extend_pairs(pairs);
        Some(Some(text.finish()))
    }

    /// A parameter that was not sent: a problem when it is required.
    fn absent<T>(&mut self, name: &str, required: bool) -> Option<Option<T>> {
        match required {
            true => self.problem_none(name, "is required"),
            false => Some(None),
        }
    }

    fn problem_none<T>(&mut self, field: impl Into<String>, detail: impl Into<String>) -> Option<T> {
        self.problem(field, detail);
        None
    }

    /// The texts sent for a parameter, one per occurrence, as they were sent (a query value or
    /// a cookie still percent-encoded); a problem when there is none and it is required.
    fn texts(&mut self, param: &Param, required: bool) -> Option<Vec<String>> {
        let name = param.name;
        let texts = match param.location {
            Location::Path { segment } => match (&self.path, segment) {
                (Err(detail), _) => {
                    let detail = detail.clone();
                    return self.problem_none(name, detail);
                }
                (Ok(_), Some(from_end)) => {
                    let raw = self.parts.uri.path().rsplit('/').nth(from_end);
                    raw.map(str::to_owned).into_iter().collect()
                }
                (Ok(params), None) => params
                    .iter()
                    .filter(|(key, _)| key == name)
                    .map(|(_, value)| encode_again(value))
                    .collect(),
            },
            // A `deepObject` array is `name[]=item`.
            Location::Query => self
                .query
                .iter()
                .filter(|(key, _)| {
                    key == name
                        || (param.style == Style::DeepObject
                            && key.strip_prefix(name) == Some("[]"))
                })
                .map(|(_, value)| value.clone())
                .collect(),
            Location::Header => self.header_values(name)?,
            Location::Cookie => self.cookies(name),
        };
        if required && texts.is_empty() {
            return self.problem_none(name, "is required");
        }
        Some(texts)
    }

    /// The properties of a `deepObject` query parameter: `name[key]=value`.
    fn deep_object(&self, name: &str) -> Vec<(String, String)> {
        self.query
            .iter()
            .filter_map(|(key, value)| {
                let inner = key.strip_prefix(name)?.strip_prefix('[')?.strip_suffix(']')?;
                Some((inner.to_owned(), decode_query(value)))
            })
            .collect()
    }

    /// The properties of an exploded `form` parameter: its keys at the top level of the
    /// query, or cookies of their own.
    fn form_object(&self, param: &Param) -> Vec<(String, String)> {
        let pairs = match param.location {
            Location::Cookie => self.cookie_pairs(),
            _ => self.query.clone(),
        };
        pairs
            .into_iter()
            .filter(|(key, _)| match param.keys {
                Keys::Of(names) => names.contains(&key.as_str()),
                // A sibling's own `name[...]` pairs (a deepObject) are not the map's either.
                Keys::Except(names) => !names.iter().any(|name| {
                    key.strip_prefix(name)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
                }),
            })
            .map(|(key, value)| (key, param.decode(&value)))
            .collect()
    }

    fn header_values(&mut self, name: &str) -> Option<Vec<String>> {
        let mut values = Vec::new();
        let mut invalid = false;
        for value in self.parts.headers.get_all(name) {
            match value.to_str() {
                Ok(value) => values.push(value.trim().to_owned()),
                Err(_) => invalid = true,
            }
        }
        if invalid {
            return self.problem_none(name, "must be visible ASCII");
        }
        Some(values)
    }

    /// The values of the cookies named `name`, as sent.
    fn cookies(&self, name: &str) -> Vec<String> {
        let pairs = self.cookie_pairs().into_iter();
        pairs.filter(|(key, _)| key == name).map(|(_, value)| value).collect()
    }

    /// Every cookie sent, its value as sent.
    fn cookie_pairs(&self) -> Vec<(String, String)> {
        self.parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect()
    }

    // Bodies.

    /// A required JSON body.
    pub(crate) async fn json_required<T>(&mut self, content_type: &str) -> Option<T>
    where
        T: serde::de::DeserializeOwned + Validate,
    {
        self.json(content_type, true).await?
    }

    /// An optional JSON body: `Some(None)` when the request has none.
    pub(crate) async fn json_optional<T>(&mut self, content_type: &str) -> Option<Option<T>>
    where
        T: serde::de::DeserializeOwned + Validate,
    {
        self.json(content_type, false).await
    }

    /// A required body of any other content type, as a stream: it is not read here, so a
    /// large upload is never held whole; reading past `Config::body_limit` is an error.
    pub(crate) fn stream_required(&mut self, content_type: &str) -> Option<Body> {
        self.stream(content_type, true)?
    }

    /// An optional body of any other content type, as a stream.
    pub(crate) fn stream_optional(&mut self, content_type: &str) -> Option<Option<Body>> {
        self.stream(content_type, false)
    }

    /// The body unread (see [`Input::stream_required`]), for the readers of other modules.
    pub(crate) fn stream(&mut self, content_type: &str, required: bool) -> Option<Option<Body>> {
        use axum::body::HttpBody as _;
        let declared = self.declared_length();
        if declared.is_some_and(|length| length > self.body_limit as u64) {
            self.too_large = true;
            return None;
        }
        let body = std::mem::take(&mut self.body);
        // Known to be empty: no content, or a length of zero.
        if body.is_end_stream() || declared == Some(0) {
            return match required {
                true => self.problem_none("body", "is required"),
                false => Some(None),
            };
        }
        self.content_type_is(content_type)?;
        let limited = http_body_util::Limited::new(body, self.body_limit);
        Some(Some(Body::new(limited)))
    }

    /// A required `text/*` body, as a string.
    pub(crate) async fn text_required(&mut self, content_type: &str) -> Option<String> {
        self.text(content_type, true).await?
    }

    /// An optional `text/*` body, as a string.
    pub(crate) async fn text_optional(&mut self, content_type: &str) -> Option<Option<String>> {
        self.text(content_type, false).await
    }

    /// A text body; one that is not UTF-8 is a problem of the body's.
    async fn text(&mut self, content_type: &str, required: bool) -> Option<Option<String>> {
        let Some(bytes) = self.bytes(content_type, required).await? else {
            return Some(None);
        };
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Some(Some(text)),
            Err(error) => {
                self.problem("body".to_owned(), format!("not UTF-8 text: {}", error.utf8_error()));
                None
            }
        }
    }

    async fn json<T>(&mut self, content_type: &str, required: bool) -> Option<Option<T>>
    where
        T: serde::de::DeserializeOwned + Validate,
    {
        let Some(bytes) = self.bytes(content_type, required).await? else {
            return Some(None);
        };
        let before = self.problems.len();
        let value: T = if T::READS_JSON && self.checks {
            // Read as JSON first, to see the properties and nulls the types read past.
            let json: serde_json::Value = match serde_json::from_slice(&bytes) {
                Ok(json) => json,
                Err(error) => return self.problem_none("body", error.to_string()),
            };
            let value: T = self.decoded(serde_path_to_error::deserialize(&json))?;
            value.check_json(&json, "", &mut self.problems);
            value
        } else {
            let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
            let value = self.decoded(serde_path_to_error::deserialize(&mut deserializer))?;
            if let Err(error) = deserializer.end() {
                return self.problem_none("body", error.to_string());
            }
            value
        };
        if self.checks {
            value.validate("", &mut self.problems);
        }
        (self.problems.len() == before).then_some(Some(value))
    }

    /// A decoded body, or its error recorded as a problem: a syntax error is about the
    /// document, a data error about the field it is in.
    fn decoded<T>(
        &mut self,
        result: Result<T, serde_path_to_error::Error<serde_json::Error>>,
    ) -> Option<T> {
        let error = match result {
            Ok(value) => return Some(value),
            Err(error) => error,
        };
        let field = match error.inner().classify() {
            serde_json::error::Category::Data => {
                error_field(&error.path().to_string(), &error.inner().to_string())
            }
            _ => "body".to_owned(),
        };
        self.problem_none(field, error.inner().to_string())
    }

    /// A required `application/x-www-form-urlencoded` body, its fields read into `T`.
    pub(crate) async fn form_required<T: FromForm>(&mut self, content_type: &str) -> Option<T> {
        self.form(content_type, true).await?
    }

    /// An optional form body, its fields read into `T`.
    pub(crate) async fn form_optional<T: FromForm>(
        &mut self,
        content_type: &str,
    ) -> Option<Option<T>> {
        self.form(content_type, false).await
    }

    /// Reads a form body's fields as query parameters are read (they are written the same
    /// way), from the body's pairs in place of the query's while `T` reads them.
    async fn form<T: FromForm>(&mut self, content_type: &str, required: bool) -> Option<Option<T>> {
        let Some(bytes) = self.bytes(content_type, required).await? else {
            return Some(None);
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            self.problem("body", "is not UTF-8 text");
            return None;
        };
        let query = std::mem::replace(&mut self.query, raw_pairs(text));
        let before = self.problems.len();
        let value = T::from_form(self);
        self.query = query;
        // A field read but outside its constraints leaves a problem, not a `None`.
        value.filter(|_| self.problems.len() == before).map(Some)
    }

    /// The body, read whole up to the limit, if it is of `content_type`; `None` with a
    /// problem when it is missing and `required`, of another type, or too large.
    pub(crate) async fn bytes(
        &mut self,
        content_type: &str,
        required: bool,
    ) -> Option<Option<Bytes>> {
        let declared = self.declared_length();
        if declared.is_some_and(|length| length > self.body_limit as u64) {
            self.too_large = true;
            return None;
        }
        let body = std::mem::take(&mut self.body);
        let bytes = match axum::body::to_bytes(body, self.body_limit).await {
            Ok(bytes) => bytes,
            Err(error) => {
                if error.into_inner().is::<http_body_util::LengthLimitError>() {
                    self.too_large = true;
                } else {
                    self.problem("body", "could not be read");
                }
                return None;
            }
        };
        if bytes.is_empty() {
            if required {
                self.problem("body", "is required");
                return None;
            }
            return Some(None);
        }
        self.content_type_is(content_type)?;
        Some(Some(bytes))
    }

    /// Records why reading a streamed body failed: past the body limit (the request is then
    /// answered 413), or `what` with the error.
    pub(crate) fn unreadable(&mut self, field: &str, what: &str, error: &(dyn std::error::Error + 'static)) {
        let mut cause = Some(error);
        while let Some(error) = cause {
            if error.is::<http_body_util::LengthLimitError>() {
                self.too_large = true;
                return;
            }
            cause = error.source();
        }
        self.problem(field, format!("{what}: {error}"));
    }

    /// The `Content-Length` the request declares, if any.
    fn declared_length(&self) -> Option<u64> {
        let value = self.parts.headers.get(header::CONTENT_LENGTH)?;
        value.to_str().ok()?.parse().ok()
    }

    /// `Some` when the request's `Content-Type` is `content_type`; else a problem.
    fn content_type_is(&mut self, content_type: &str) -> Option<()> {
        let given = self
            .parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        if given.is_some_and(|given| same_media_type(given, content_type)) {
            return Some(());
        }
        let detail = format!("must be `{content_type}`, not `{}`", given.unwrap_or("(none)"));
        self.problem_none("Content-Type", detail)
    }
}

/// Whether two content types name the same media type, ignoring parameters and case.
fn same_media_type(given: &str, expected: &str) -> bool {
    let essence = |value: &str| value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence(given) == essence(expected)
}

/// The field a JSON error is about: the path where it happened, plus the missing field's name
/// for "missing field" errors; `body` for the document as a whole.
fn error_field(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let path = if path == "." { "" } else { path };
    match missing {
        Some(name) => field(path, name),
        None if path.is_empty() => "body".to_owned(),
        None => path.to_owned(),
    }
}

/// OpenAPI's `style` values: how a parameter's value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    /// A path parameter. `segment` counts the path's segments after the one that is the
    /// whole parameter, read as sent; a parameter that shares its segment is read as the
    /// router decoded it.
    Path { segment: Option<usize> },
    Query,
    Header,
    Cookie,
}

/// Which top-level query keys an exploded `form` object is made of.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keys {
    /// A struct's properties.
    Of(&'static [&'static str]),
    /// A map's: every key but the operation's other parameters.
    Except(&'static [&'static str]),
}

/// A parameter as its operation declares it: its name, location and style.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    name: &'static str,
    location: Location,
    style: Style,
    explode: bool,
    keys: Keys,
}

impl Param {
    const fn new(name: &'static str, location: Location, style: Style, explode: bool) -> Self {
        Param {
            name,
            location,
            style,
            explode,
            keys: Keys::Of(&[]),
        }
    }

    /// A path parameter, in style `simple`.
    pub(crate) const fn path(name: &'static str) -> Self {
        Param::new(name, Location::Path { segment: None }, Style::Simple, false)
    }

    /// A query parameter, in style `form`, exploded.
    pub(crate) const fn query(name: &'static str) -> Self {
        Param::new(name, Location::Query, Style::Form, true)
    }

    /// A header parameter, in style `simple`.
    pub(crate) const fn header(name: &'static str) -> Self {
        Param::new(name, Location::Header, Style::Simple, false)
    }

    /// A cookie parameter, in style `form`, exploded.
    pub(crate) const fn cookie(name: &'static str) -> Self {
        Param::new(name, Location::Cookie, Style::Form, true)
    }

    /// Another style.
    pub(crate) const fn style(mut self, style: Style, explode: bool) -> Self {
        self.style = style;
        self.explode = explode;
        self
    }

    /// A path parameter that is a whole segment, `after` segments from the end.
    pub(crate) const fn segment(mut self, after: usize) -> Self {
        self.location = Location::Path {
            segment: Some(after),
        };
        self
    }

    /// The keys of an exploded `form` object.
    pub(crate) const fn keys(mut self, keys: Keys) -> Self {
        self.keys = keys;
        self
    }

    /// The text sent once the style's prefix is taken off (`.` of `label`, `;name=` of
    /// `matrix`), split at its delimiter when `split`; still encoded.
    fn unwrap<'t>(&self, text: &'t str, split: bool) -> Result<Vec<&'t str>, String> {
        let body = match self.style {
            Style::Label => text.strip_prefix('.').ok_or("must start with `.`")?,
            Style::Matrix if self.explode && split => {
                let rest = text.strip_prefix(';').ok_or("must start with `;`")?;
                return Ok(rest.split(';').collect());
            }
            Style::Matrix => {
                let expected = || format!("must start with `;{}`", self.name);
                let rest = text.strip_prefix(';').ok_or_else(expected)?;
                let rest = rest.strip_prefix(self.name).ok_or_else(expected)?;
                match rest {
                    "" => "",
                    rest => rest.strip_prefix('=').ok_or_else(expected)?,
                }
            }
            _ => text,
        };
        if !split {
            return Ok(vec![body]);
        }
        if body.is_empty() {
            return Ok(Vec::new());
        }
        let separator = match self.style {
            Style::Label if self.explode => '.',
            _ => ',',
        };
        Ok(body.split(separator).collect())
    }

    /// The pieces of an array or object, decoded, from the texts sent.
    fn pieces(&self, texts: &[String]) -> Result<Vec<String>, String> {
        let text = match texts {
            [] => return Ok(Vec::new()),
            // Exploded `form` and `deepObject`: one item per occurrence.
            _ if (self.style == Style::Form && self.explode) || self.style == Style::DeepObject => {
                return Ok(texts.iter().map(|text| self.decode(text)).collect());
            }
            [text] => text,
            _ => return Err("must be given once".to_owned()),
        };
        let delimiter = match self.style {
            Style::SpaceDelimited => ' ',
            Style::PipeDelimited => '|',
            _ => {
                let pieces = self.unwrap(text, true)?;
                return Ok(pieces.into_iter().map(|piece| self.decode(piece)).collect());
            }
        };
        // The delimiter is itself encoded: decoded first.
        let text = self.decode(text);
        match text.is_empty() {
            true => Ok(Vec::new()),
            false => Ok(text.split(delimiter).map(str::to_owned).collect()),
        }
    }

    /// The items of an array: exploded `matrix` ones named once each (`;id=1;id=2`).
    fn items(&self, texts: &[String]) -> Result<Vec<String>, String> {
        let pieces = self.pieces(texts)?;
        if self.style != Style::Matrix || !self.explode {
            return Ok(pieces);
        }
        let prefix = format!("{}=", self.name);
        pieces
            .into_iter()
            .map(|piece| match piece.strip_prefix(&prefix) {
                Some(item) => Ok(item.to_owned()),
                None => Err(format!("must be `;{prefix}...` for each item")),
            })
            .collect()
    }

    /// The properties of an object: `key=value` pieces when exploded, else key and value in
    /// turn.
    fn pairs(&self, texts: &[String]) -> Result<Vec<(String, String)>, String> {
        let pieces = self.pieces(texts)?;
        if self.explode {
            return pieces
                .into_iter()
                .map(|piece| match piece.split_once('=') {
                    Some((key, value)) => Ok((key.to_owned(), value.to_owned())),
                    None => Err(format!("must be `key=value` pairs, not `{piece}`")),
                })
                .collect();
        }
        if pieces.len() % 2 != 0 {
            return Err("must be keys and values in turn".to_owned());
        }
        let mut pieces = pieces.into_iter();
        let mut pairs = Vec::new();
        while let (Some(key), Some(value)) = (pieces.next(), pieces.next()) {
            pairs.push((key, value));
        }
        Ok(pairs)
    }

    /// A piece as sent, decoded as its location encodes it.
    fn decode(&self, text: &str) -> String {
        match self.location {
            Location::Query => decode_query(text),
            Location::Header => text.to_owned(),
            Location::Path { .. } | Location::Cookie => {
                percent_decode_str(text).decode_utf8_lossy().into_owned()
            }
        }
    }
}

/// The pairs of a query string: each key decoded, each value as sent.
fn raw_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query(key), value.to_owned())
        })
        .collect()
}

/// A query value as sent, decoded: `+` is a space.
fn decode_query(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_decode_str(&text).decode_utf8_lossy().into_owned()
}

/// A path parameter the router decoded, as text to decode once more.
fn encode_again(value: &str) -> String {
    value.replace('%', "%25")
}

/// A form body's struct, read field by field from the body's pairs.
pub(crate) trait FromForm: Sized {
    /// The value, or `None` when a field is missing or bad (each recorded as a problem).
    fn from_form(input: &mut Input) -> Option<Self>;
}

/// A value parsed from the text of a path, query, header or cookie parameter.
pub(crate) trait FromParam: Sized {
    /// The value, or what is wrong with the text.
    fn from_param(value: &str) -> Result<Self, String>;
}

impl FromParam for String {
    fn from_param(value: &str) -> Result<Self, String> {
        Ok(value.to_owned())
    }
}

impl FromParam for bool {
    fn from_param(value: &str) -> Result<Self, String> {
        match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("must be `true` or `false`, not `{value}`")),
        }
    }
}

/// A value by its `FromStr`, or what it must be.
fn parse<T: std::str::FromStr>(value: &str, what: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("must be {what}, not `{value}`"))
}

impl FromParam for i32 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a 32-bit integer")
    }
}

impl FromParam for i64 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "an integer")
    }
}

impl FromParam for u32 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a non-negative 32-bit integer")
    }
}

impl FromParam for u64 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a non-negative integer")
    }
}

impl FromParam for f32 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a number")
    }
}

impl FromParam for f64 {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a number")
    }
}

impl FromParam for uuid::Uuid {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a UUID")
    }
}

impl FromParam for chrono::NaiveDate {
    fn from_param(value: &str) -> Result<Self, String> {
        parse(value, "a date (YYYY-MM-DD)")
    }
}

impl FromParam for chrono::DateTime<chrono::Utc> {
    fn from_param(value: &str) -> Result<Self, String> {
        chrono::DateTime::parse_from_rfc3339(value)
            .map(|at| at.with_timezone(&chrono::Utc))
            .map_err(|_| format!("must be an RFC 3339 date-time, not `{value}`"))
    }
}

/// The way a value travels, for the properties that travel one way only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Request,
    Response,
}

/// Clears the properties a value must not carry one way: the read-only ones of a request body
/// (a client may send them; the handler never sees them), the write-only ones of a response
/// body (whatever the implementation set).
pub(crate) trait Redact {
    fn redact(&mut self, direction: Direction);
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self, direction: Direction) {
        if let Some(value) = self {
            value.redact(direction);
        }
    }
}

impl<T: Redact> Redact for Box<T> {
    fn redact(&mut self, direction: Direction) {
        (**self).redact(direction);
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&mut self, direction: Direction) {
        self.iter_mut().for_each(|value| value.redact(direction));
    }
}

impl<T: Redact> Redact for std::collections::BTreeMap<String, T> {
    fn redact(&mut self, direction: Direction) {
        self.values_mut().for_each(|value| value.redact(direction));
    }
}

/// The path as the client sent it, before any `Router::nest` took its prefix off.
fn original_path(request: &Request) -> &str {
    match request.extensions().get::<OriginalUri>() {
        Some(OriginalUri(uri)) => uri.path(),
        None => request.uri().path(),
    }
}

/// The answer for a path no operation has.
pub(crate) async fn not_found(request: Request) -> Error {
    let message = format!("No operation has the path `{}`.", original_path(&request));
    Error::message(ErrorStatus::NOT_FOUND, message)
}

/// The answer for a method the path does not have.
pub(crate) async fn method_not_allowed(request: Request) -> Error {
    let message = format!(
        "The path `{}` has no `{}` operation.",
        original_path(&request),
        request.method()
    );
    Error::message(ErrorStatus::METHOD_NOT_ALLOWED, message)
}
