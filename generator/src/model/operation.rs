//! The operations of the model: what each one takes (parameters in their styles, a body of
//! a media kind, its form fields or parts) and what it answers (responses by status, their
//! content and headers).

use super::{Checks, Presence, TypeRef};
use crate::diag::Pointer;
use serde_json::Value;

/// One operation: a method on a path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId as written.
    pub id: String,
    /// The Rust method name (`list_workspaces`).
    pub ident: String,
    /// The prefix for types named after the operation (`ListWorkspaces`).
    pub type_prefix: String,
    /// The Rust names of the items the client and server generate for it.
    pub items: OperationItems,
    pub method: Method,
    /// The path template as written (`/workspaces/{workspace}`).
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Index into [`Api::tags`].
    pub tag: usize,
    /// Path, query, header and cookie parameters, in document order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// Alternatives; each lists the schemes it needs together. Empty: no authentication;
    /// an empty alternative: authentication is optional.
    pub security: Vec<Vec<Needed>>,
    /// Whether the reference docs show it. An operation marked `x-apidocgen: {skip: true}`
    /// (Coder's mark for the endpoints its own agents and proxies call) is generated for
    /// the client and server alike, and left out of the pages.
    pub documented: bool,
    pub pointer: Pointer,
}

/// A security scheme one alternative of an operation's security needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    /// The scheme's index into [`Api::security_schemes`].
    pub scheme: usize,
    /// The scopes (OAuth 2, OpenID Connect) or roles the credential must carry, as the
    /// requirement lists them.
    pub scopes: Vec<String>,
}

impl Operation {
    /// Every type the operation uses: its parameters', its body's (with its parts' and
    /// fields'), its responses' contents' and headers'.
    pub fn type_refs_mut(&mut self) -> Vec<&mut TypeRef> {
        let mut refs: Vec<&mut TypeRef> = self.params.iter_mut().map(|p| &mut p.ty).collect();
        if let Some(body) = &mut self.body {
            refs.push(&mut body.ty);
            refs.extend(body.parts.iter_mut().flatten().map(|p| &mut p.ty));
            refs.extend(body.fields.iter_mut().flatten().map(|f| &mut f.ty));
        }
        for response in &mut self.responses {
            refs.extend(response.content.iter_mut().filter_map(|c| c.ty.as_mut()));
            refs.extend(response.headers.iter_mut().map(|h| &mut h.ty));
        }
        refs
    }
}

/// The names of an operation's own items, unique among everything at the root of the client
/// and server crates (normalization claims them; a collision is renamed there, with a
/// diagnostic). A renderer spells the ones it needs.
#[derive(Debug, Clone, Default)]
pub struct OperationItems {
    /// The client's struct of optional parameters (`ListWorkspacesParams`).
    pub params: String,
    /// The client's enum of several success types (`ListWorkspacesSuccess`).
    pub success: String,
    /// The client's enum of documented error responses (`ListWorkspacesError`).
    pub error: String,
    /// The server's struct of query parameters (`ListWorkspacesQuery`).
    pub query: String,
    /// The server's enum of answers (`ListWorkspacesResponse`).
    pub response: String,
    /// The struct of a form body's typed parts or fields (`UploadFileForm`); empty for an
    /// operation without one.
    pub form: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    /// A method with no field of its own in a 3.0 path item: OpenAPI 3.2's `QUERY` and its
    /// `additionalOperations` (`LINK`, `PURGE`), an HTTP token as HTTP writes it.
    Other(String),
}

impl Method {
    /// The method as HTTP writes it (`GET`).
    pub fn as_str(&self) -> &str {
        match self {
            Method::Other(name) => name,
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    /// The Rust name.
    pub ident: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    /// [`Presence::Required`] or [`Presence::Optional`]: a parameter is never null and has
    /// no default filled in.
    pub presence: Presence,
    /// How its value is written as text.
    pub style: ParamStyle,
    pub description: Option<String>,
    /// The document's `example` for the value, else its `default`: what the docs' samples
    /// send.
    pub example: Option<Value>,
    pub pointer: Pointer,
    /// What the value must meet beyond its type.
    pub checks: Checks,
}

/// How a parameter's value becomes text: OpenAPI's `style` and `explode` applied to the
/// value's shape. Normalization fills the defaults and replaces a style the location or the
/// shape cannot take (with a diagnostic), so both sides spell the same, valid choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamStyle {
    pub style: Style,
    pub explode: bool,
    pub shape: Shape,
    /// `allowReserved`: a query value keeps RFC 3986's reserved characters as they are,
    /// except those that would end it (`&`, `=`, `#`, `+`).
    pub allow_reserved: bool,
}

impl ParamStyle {
    /// A primitive path parameter in the default style.
    pub const PLAIN_PATH: ParamStyle = ParamStyle {
        style: Style::Simple,
        explode: false,
        shape: Shape::Primitive,
        allow_reserved: false,
    };

    /// Whether the value is written as its location writes one without a `style`: `simple`
    /// in a path or header, exploded `form` in a query or cookie (`explode` matters only for
    /// arrays and objects).
    pub fn is_default(&self, location: ParamLocation) -> bool {
        let default = Style::default_of(location);
        match self.shape {
            Shape::Array | Shape::Object => {
                (self.style, self.explode) == (default, default == Style::Form)
            }
            Shape::Primitive | Shape::Json | Shape::Nested => self.style == default,
        }
    }
}

/// OpenAPI's `style` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

impl Style {
    /// The name OpenAPI gives it (`spaceDelimited`).
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
        }
    }

    /// The default of a location: `form` for query and cookie, `simple` for path and header.
    pub fn default_of(location: ParamLocation) -> Style {
        match location {
            ParamLocation::Query | ParamLocation::Cookie => Style::Form,
            ParamLocation::Path | ParamLocation::Header => Style::Simple,
        }
    }
}

/// What a style writes: the shapes of OpenAPI's style table, and JSON text for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A string, number, boolean, date or string enum.
    Primitive,
    /// An array of primitives.
    Array,
    /// An object of primitive properties (a struct, or a map of primitives).
    Object,
    /// The JSON text of the value: a parameter with JSON `content`, or a value no style can
    /// write (a union, nested objects).
    Json,
    /// A value of any other type in style `deepObject`, keyed by its JSON form's paths as
    /// Stripe reads them: `created[gte]=1`, `metadata[a][b]=x`, `ids[]=1`; a primitive is
    /// `name=value`.
    Nested,
}

/// The parameter names of a path template, in order: `id`, `name` of `/a/{id}/b/{name}`.
pub fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    pub content_type: String,
    pub media: MediaKind,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    /// For a [`MediaKind::Multipart`] body of an object schema, a part per property; `None`
    /// for one without (the caller then builds the parts).
    pub parts: Option<Vec<Part>>,
    /// For a [`MediaKind::Form`] body of an object schema, a field per property, each written
    /// as a query parameter of its `encoding` (so its location is [`ParamLocation::Query`]);
    /// `None` for one without (the body is then bytes the caller encodes).
    pub fields: Option<Vec<Param>>,
    /// The constraints of a JSON or text body itself: an array's count and its items', a
    /// text's length. A form's or a multipart body's are its fields' and parts'.
    pub checks: Checks,
}

/// One part of a `multipart/form-data` body: a property of the body's object schema.
#[derive(Debug, Clone)]
pub struct Part {
    /// The part's name: the property's.
    pub name: String,
    /// The Rust field name.
    pub ident: String,
    /// The value's type; for a repeated part, one item's.
    pub ty: TypeRef,
    pub kind: PartKind,
    pub required: bool,
    /// An array property: one part per item, each under the property's name.
    pub repeated: bool,
    /// The part's content type: `encoding.contentType`, or the kind's default.
    pub content_type: String,
    pub description: Option<String>,
    /// The property's constraints: of the list for a repeated part (its count, and its
    /// items'), none for a file.
    pub checks: Checks,
}

/// How a part's value is written, decided from its schema as OpenAPI 3 says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A primitive (`text/plain` by default): its text form.
    Text,
    /// An object or array item that is not primitive (`application/json` by default).
    Json,
    /// `format: binary` (`application/octet-stream` by default): a file's bytes.
    File,
}

/// One documented response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: Status,
    /// The Rust variant name of this status in a per-operation response enum (`Ok`,
    /// `NoContent`, `Status299`, `Status2xx`, `Default`); unique within the operation.
    pub ident: String,
    pub description: String,
    /// The content type and its body type; `None` for a response without content.
    pub content: Option<Content>,
    /// The headers the response documents (`Content-Type` aside), in document order.
    pub headers: Vec<ResponseHeader>,
    /// The name of the struct of `headers` in the generated crates (`CreatePetCreatedHeaders`);
    /// empty for a response without headers.
    pub headers_item: String,
}

/// A header a response documents, written in style `simple` as a header parameter is.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// The name on the wire.
    pub name: String,
    /// The Rust field name.
    pub ident: String,
    /// A primitive, or an array of primitives (its items separated by commas); normalization
    /// makes any other type a string, the text as sent.
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    pub pointer: Pointer,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub content_type: String,
    pub media: MediaKind,
    /// `None` when the content type carries no schema.
    pub ty: Option<TypeRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Code(u16),
    /// `2XX` and friends: the first digit.
    Range(u8),
    Default,
}

/// How a body of a media type travels, decided once from the content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// `application/json` and the `+json` types: encoded and decoded with serde.
    Json,
    /// `text/event-stream`: server-sent events, each a JSON value.
    EventStream,
    /// A stream of JSON values, each of the schema's type (OpenAPI 3.2's `itemSchema`; real
    /// 3.0 documents also write the item's schema under `schema`).
    JsonStream(Framing),
    /// `multipart/form-data`: a part per property of the body's object schema.
    Multipart,
    /// `application/x-www-form-urlencoded`: a field per property of the body's object schema,
    /// each written as a query parameter of its style.
    Form,
    /// `text/*` but event streams (`text/plain`, `text/csv`, `text/html`): a string, sent
    /// and read as UTF-8.
    Text,
    /// Anything else: bytes as sent.
    Bytes,
}

/// How a stream of JSON values marks where each value ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Framing {
    /// One value per line: `application/jsonl` (JSON Lines) and `application/x-ndjson`.
    Lines,
    /// Each value after an ASCII record separator and before a line feed: RFC 7464's
    /// `application/json-seq`. A value may span lines.
    RecordSeparator,
}

impl Framing {
    /// The byte records are split at: the line feed, or the record separator (0x1E). A
    /// writer starts each record with it, unless it is the line feed that ends records.
    pub fn delimiter(self) -> u8 {
        match self {
            Framing::Lines => b'\n',
            Framing::RecordSeparator => 0x1e,
        }
    }
}

impl MediaKind {
    /// The kind of a content type, by its essence (`application/json` from
    /// `Application/JSON; charset=utf-8`).
    pub fn of(content_type: &str) -> Self {
        let essence = content_type.split(';').next().unwrap_or_default();
        let essence = essence.trim().to_ascii_lowercase();
        if essence == "application/json" || essence.ends_with("+json") {
            MediaKind::Json
        } else if essence == "text/event-stream" {
            MediaKind::EventStream
        } else if essence == "application/jsonl" || essence == "application/x-ndjson" {
            MediaKind::JsonStream(Framing::Lines)
        } else if essence == "application/json-seq" {
            MediaKind::JsonStream(Framing::RecordSeparator)
        } else if essence == "multipart/form-data" {
            MediaKind::Multipart
        } else if essence == "application/x-www-form-urlencoded" {
            MediaKind::Form
        } else if essence.starts_with("text/") {
            MediaKind::Text
        } else {
            MediaKind::Bytes
        }
    }
}

/// What a status means to the generated code, the same on the client and the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusClass {
    /// `1XX`.
    Informational,
    /// `2XX`.
    Success,
    /// `3XX`.
    Redirect,
    /// `4XX`.
    ClientError,
    /// `5XX`.
    ServerError,
    /// `default`: every status the operation does not list.
    Default,
}

impl StatusClass {
    /// Whether a documented response of this class is an answer of the operation (a value of
    /// the client's `Ok`, a variant of the server's response enum) rather than an error.
    /// Informational and redirect statuses the document lists are answers: a caller that
    /// documents a `304` or a `307` wants to see it, not an error.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            StatusClass::Informational | StatusClass::Success | StatusClass::Redirect
        )
    }
}

/// Registered status codes and their reason phrases (RFC 7231 and the RFCs beside it).
const REASONS: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Payload Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (422, "Unprocessable Entity"),
    (426, "Upgrade Required"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
];

impl Status {
    /// The reason phrase of a registered status code (`No Content`).
    pub fn reason(self) -> Option<&'static str> {
        let Status::Code(code) = self else {
            return None;
        };
        REASONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, reason)| *reason)
    }

    pub fn class(self) -> StatusClass {
        let hundreds = match self {
            Status::Code(code) => code / 100,
            Status::Range(digit) => u16::from(digit),
            Status::Default => return StatusClass::Default,
        };
        match hundreds {
            0 | 1 => StatusClass::Informational,
            2 => StatusClass::Success,
            3 => StatusClass::Redirect,
            4 => StatusClass::ClientError,
            _ => StatusClass::ServerError,
        }
    }

    /// Whether the status is `2XX`.
    pub fn is_success(self) -> bool {
        self.class() == StatusClass::Success
    }
}

/// The status as OpenAPI writes it: `200`, `2XX`, `default`.
impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Range(digit) => write!(f, "{digit}XX"),
            Status::Default => f.write_str("default"),
        }
    }
}
