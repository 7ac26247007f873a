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
    pub security_schemes: Vec<SecurityScheme>,
    /// The body the API sends with error statuses it does not document per operation
    /// (declared by the document's `x-error-schema` extension).
    pub error_body: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
}

/// A group of operations: one server trait and one docs page.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag as the document writes it (`Workspaces`).
    pub name: String,
    /// The Rust trait name (`Workspaces`).
    pub ident: String,
    /// The docs page file stem (`workspaces`).
    pub page: String,
    pub description: Option<String>,
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
    pub required: bool,
    pub nullable: bool,
    /// Whether the field needs a `Box` to break a cycle of types that contain each other.
    pub boxed: bool,
    pub default: Option<Value>,
    /// Whether decoding fills in `default` when the property is absent, so the field is not
    /// optional: an optional, non-nullable property whose default its type can hold.
    pub fills_default: bool,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// Enum values written beside a `$ref` (`allOf: [$ref]` plus `enum`); shown in docs.
    pub enum_values: Vec<String>,
    pub pointer: Pointer,
}

impl Field {
    /// Whether the field may be absent or null in a value: an `Option` in Rust.
    pub fn optional(&self) -> bool {
        self.nullable || (!self.required && !self.fills_default)
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
    /// An object whose keys are free and whose values have this type.
    Map(Box<TypeRef>),
    /// Any JSON object.
    Object,
    /// Any JSON value.
    Any,
}

/// A JSON scalar with its `format`, kept as the document writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scalar {
    pub kind: ScalarKind,
    pub format: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    String,
    Integer,
    Number,
    Boolean,
}

impl ScalarKind {
    /// The JSON Schema type name.
    pub fn as_str(self) -> &'static str {
        match self {
            ScalarKind::String => "string",
            ScalarKind::Integer => "integer",
            ScalarKind::Number => "number",
            ScalarKind::Boolean => "boolean",
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// The method as HTTP writes it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
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
    pub required: bool,
    pub description: Option<String>,
    pub pointer: Pointer,
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
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
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

/// The essence of a media type: `application/json` from `Application/JSON; charset=utf-8`.
pub fn media_essence(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or_default();
    essence.trim().to_ascii_lowercase()
}

/// Whether a media type is JSON: `application/json` and the `+json` types.
pub fn is_json(content_type: &str) -> bool {
    let essence = media_essence(content_type);
    essence == "application/json" || essence.ends_with("+json")
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

    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(digit) => digit == 2,
            Status::Default => false,
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
        self.operations.iter().filter(move |op| op.tag == tag)
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
