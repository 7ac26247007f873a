//! The normalized model: every fact the renderers need, decided once.
//!
//! Plain data. Renderers read only this; none of them sees the OpenAPI document. Every name here
//! is already a valid Rust identifier, and every collection is in a deterministic order.

use crate::diag::Pointer;
use serde_json::Value;

/// One API: its types, its operations and how callers authenticate.
#[derive(Debug, Clone)]
pub struct Api {
    pub info: Info,
    /// Server URLs, in document order.
    pub servers: Vec<String>,
    pub tags: Vec<Tag>,
    /// Every named type; `TypeId(i)` is `types[i]`.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The requests the API sends to its users' endpoints (OpenAPI 3.1's `webhooks`), each
    /// with the webhook's name as its `path`: documented, neither called nor served.
    pub webhooks: Vec<Operation>,
    pub security_schemes: Vec<SecurityScheme>,
    /// The body the API sends with error statuses it does not document per operation
    /// (declared by the document's `x-error-schema` extension).
    pub error_body: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct Info {
    pub title: String,
    pub version: String,
    /// A one-line summary (OpenAPI 3.1's `info.summary`).
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The license as an SPDX expression (3.1's `license.identifier`), the form Cargo's
    /// `license` field takes; a license given only by name or URL has none.
    pub license: Option<String>,
}

impl Info {
    /// The first paragraph of a generated crate's docs: `lead` (which names the API), then
    /// the summary when there is one.
    pub fn lead(&self, lead: &str) -> String {
        match &self.summary {
            Some(summary) => format!("{lead}\n\n{summary}"),
            None => lead.to_owned(),
        }
    }

    /// How generated docs name the API: `Coder API 2.0`.
    pub fn title_and_version(&self) -> String {
        match self.version.as_str() {
            "" => self.title.clone(),
            version => format!("{} {version}", self.title),
        }
    }
}

/// A group of operations: one server trait and one docs page; its webhooks have a server
/// trait of their own, implemented by those who receive them.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag as the document writes it (`Workspaces`).
    pub name: String,
    /// The Rust trait name (`Workspaces`).
    pub ident: String,
    /// The Rust name of the trait that receives its webhooks (`WorkspacesWebhooks`).
    pub receiver: String,
    /// The docs page file stem (`workspaces`).
    pub page: String,
    pub description: Option<String>,
    /// Its operations, as indexes into [`Api::operations`] in document order. A tag without
    /// any gets no trait, and no page unless it has webhooks.
    pub operations: Vec<usize>,
    /// Its webhooks, as indexes into [`Api::webhooks`].
    pub webhooks: Vec<usize>,
}

/// Index of a type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A named type: a component schema, or an inline schema that needed a name.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub id: TypeId,
    /// The Rust type name.
    pub ident: String,
    /// The `components/schemas` key, for component schemas; `None` for inline schemas.
    pub schema_name: Option<String>,
    pub pointer: Pointer,
    pub description: Option<String>,
    /// The schema's own `example`, if it has one.
    pub example: Option<Value>,
    pub kind: TypeKind,
    /// A Rust type of the user's that stands for this one (the config's `replace`, or the
    /// schema's `x-rust-type`), as a path: the types crate names it instead of defining it,
    /// and the server checks nothing inside it. `kind` still describes the schema, for the
    /// docs.
    pub replacement: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// A name for another type (a component that is an array, a map or a scalar).
    Alias(TypeRef),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Properties beyond `fields`, when the schema gives them a schema.
    pub additional: Option<Additional>,
}

/// The catch-all map of a struct whose schema has both properties and `additionalProperties`.
#[derive(Debug, Clone)]
pub struct Additional {
    /// The Rust field name of the map (`additional_properties`, unless a property took it).
    pub ident: String,
    pub ty: TypeRef,
}

/// One property of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// The property name on the wire.
    pub name: String,
    /// The Rust field name.
    pub ident: String,
    pub ty: TypeRef,
    pub presence: Presence,
    /// Whether the field needs a `Box` to break a cycle of types that contain each other.
    pub boxed: bool,
    /// The document's `default`; decoding fills it in when the presence is
    /// [`Presence::Defaulted`], else it is documentation.
    pub default: Option<Value>,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// Enum values written beside a `$ref` (`allOf: [$ref]` plus `enum`); shown in docs.
    pub enum_values: Vec<String>,
}

/// Whether a property or parameter is always there, and what stands for it when it is not:
/// one decision for fields and parameters, which renderers only spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always present, never null: a plain value.
    Required,
    /// Always present, but may be null: an `Option` that is written as `null`.
    Nullable,
    /// May be absent (or null): an `Option` that is left out when `None`.
    Optional,
    /// May be absent, and decoding fills in the document's default (an optional,
    /// non-nullable property whose default its Rust type can hold): a plain value.
    Defaulted,
}

impl Presence {
    /// Whether the document lists the name as required.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::Nullable)
    }

    /// Whether a value may lack it: an `Option` in Rust.
    pub fn is_option(self) -> bool {
        matches!(self, Presence::Nullable | Presence::Optional)
    }
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// The Rust name of the variant that keeps a value this version does not know (`Unknown`),
    /// so that a server adding a value does not break old clients.
    pub fallback: String,
}

#[derive(Debug, Clone)]
pub struct Variant {
    /// The value on the wire.
    pub value: String,
    /// The Rust variant name.
    pub ident: String,
    /// What the value means, where the document says (a `oneOf` member's description).
    pub description: Option<String>,
}

/// A value that is one of several types (`oneOf`/`anyOf`).
#[derive(Debug, Clone)]
pub struct Union {
    /// How a decoder tells the variants apart.
    pub tagging: Tagging,
    pub variants: Vec<UnionVariant>,
}

/// How the variants of a union are told apart on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tagging {
    /// Nothing tells them apart: the first variant that decodes wins.
    Untagged,
    /// A property (the discriminator) names the variant, and the variant types do not declare
    /// it: encoding adds it and decoding takes it off.
    Internal(String),
    /// Every variant declares this property with a value of its own (a discriminator, or a
    /// required single-valued enum they all have): decoding reads it to pick the variant,
    /// which keeps the property.
    Property(String),
    /// Every variant has a required property no other variant has: its presence picks it.
    Key,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub ident: String,
    /// What picks this variant: the tag's value ([`Tagging::Internal`], [`Tagging::Property`])
    /// or the property only it has ([`Tagging::Key`]).
    pub selector: Option<String>,
    pub ty: TypeRef,
    /// Whether the variant needs a `Box` to break a cycle of types.
    pub boxed: bool,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Named(TypeId),
    Scalar(Scalar),
    Array(Box<TypeRef>),
    /// An array of a fixed length whose items each have their own type (`prefixItems`).
    Tuple(Vec<TypeRef>),
    /// An object whose keys are free and whose values have this type.
    Map(Box<TypeRef>),
    /// Any JSON object.
    Object,
    /// Any JSON value.
    Any,
}

/// A JSON scalar: its type and `format` as the document writes them (for docs), and what it
/// is in Rust (for code), decided once in [`Scalar::new`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scalar {
    pub json: JsonType,
    pub format: Option<String>,
    pub kind: ScalarKind,
}

impl Scalar {
    pub fn new(json: JsonType, format: Option<String>) -> Self {
        let kind = ScalarKind::of(json, format.as_deref());
        Scalar { json, format, kind }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
}

impl JsonType {
    /// The JSON Schema type name.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::Boolean => "boolean",
        }
    }
}

/// What a scalar is in Rust. Formats without a Rust type of their own (`email`, `binary`,
/// `int8`, ...) are the plain type of their JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// Any other string.
    String,
    /// `format: uuid`.
    Uuid,
    /// `format: date-time`: an RFC 3339 instant.
    DateTime,
    /// `format: date`: a calendar date.
    Date,
    I32,
    U32,
    /// An integer without a narrower format.
    I64,
    U64,
    /// `format: float`.
    F32,
    /// A number without a narrower format.
    F64,
    Bool,
}

impl ScalarKind {
    fn of(json: JsonType, format: Option<&str>) -> Self {
        match (json, format) {
            (JsonType::String, Some("uuid")) => ScalarKind::Uuid,
            (JsonType::String, Some("date-time")) => ScalarKind::DateTime,
            (JsonType::String, Some("date")) => ScalarKind::Date,
            (JsonType::String, _) => ScalarKind::String,
            (JsonType::Integer, Some("int32")) => ScalarKind::I32,
            (JsonType::Integer, Some("uint32")) => ScalarKind::U32,
            (JsonType::Integer, Some("uint64")) => ScalarKind::U64,
            (JsonType::Integer, _) => ScalarKind::I64,
            (JsonType::Number, Some("float")) => ScalarKind::F32,
            (JsonType::Number, _) => ScalarKind::F64,
            (JsonType::Boolean, _) => ScalarKind::Bool,
        }
    }
}

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
    /// Alternatives; each lists the scheme indexes (into [`Api::security_schemes`]) it needs
    /// together. Empty: no authentication.
    pub security: Vec<Vec<usize>>,
    pub pointer: Pointer,
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
    pub pointer: Pointer,
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

/// How a caller proves who it is.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub name: String,
    /// The Rust name of the scheme (`CoderSessionToken`), unique among the schemes.
    pub ident: String,
    /// The client's method that sets its credential (`with_coder_session_token`); `None`
    /// for a scheme the client cannot send.
    pub setter: Option<String>,
    pub kind: SecurityKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// A key sent in a header, query parameter or cookie under `param`.
    ApiKey {
        location: ParamLocation,
        param: String,
    },
    /// `Authorization: Bearer ...`.
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
    /// A scheme this tool passes through without handling (OAuth2, OpenID Connect, ...).
    Other(String),
}

impl TypeKind {
    /// The types this one is made of: field types (and the catch-all map's value type),
    /// union variants, or the aliased type.
    pub fn children(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.as_ref().map(|a| &a.ty))
                .collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) => Vec::new(),
        }
    }

    /// [`TypeKind::children`], to change them.
    pub fn children_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(s.additional.as_mut().map(|a| &mut a.ty))
                .collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

impl Api {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type behind aliases: what a value of `ty` really is.
    pub fn resolve<'a>(&'a self, ty: &'a TypeRef) -> &'a TypeRef {
        resolve(&self.types, ty)
    }

    /// The operations of one tag, in document order.
    pub fn operations_of(&self, tag: usize) -> impl Iterator<Item = &Operation> {
        self.tags[tag]
            .operations
            .iter()
            .map(|&i| &self.operations[i])
    }

    /// The webhooks of a tag, in document order.
    pub fn webhooks_of(&self, tag: usize) -> impl Iterator<Item = &Operation> {
        self.tags[tag].webhooks.iter().map(|&i| &self.webhooks[i])
    }

    /// The tags with a docs page: those with operations or webhooks, in document order.
    pub fn documented_tags(&self) -> impl Iterator<Item = (usize, &Tag)> {
        self.tags
            .iter()
            .enumerate()
            .filter(|(_, tag)| !tag.operations.is_empty() || !tag.webhooks.is_empty())
    }
}

mod text;

/// The type behind aliases, among `types` (normalization resolves before the [`Api`] exists).
/// Bounded, because a broken document can make aliases name each other.
pub fn resolve<'a>(types: &'a [TypeDef], ty: &'a TypeRef) -> &'a TypeRef {
    let mut ty = ty;
    for _ in 0..=types.len() {
        match ty {
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}
