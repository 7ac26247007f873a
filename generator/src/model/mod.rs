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
    /// Whether the schema allows no property beyond `fields` (`additionalProperties: false`):
    /// the types still read past an unknown one, for forward compatibility; the server
    /// reports it.
    pub closed: bool,
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
    /// Whether the document allows null for the property. An optional one is an `Option`,
    /// which reads null as absent either way: the server tells them apart.
    pub nullable: bool,
    /// Whether the field needs a `Box` to break a cycle of types that contain each other.
    pub boxed: bool,
    /// The document's `default`; decoding fills it in when the presence is
    /// [`Presence::Defaulted`], else it is documentation.
    pub default: Option<Value>,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// Enum values written beside a `$ref` (`allOf: [$ref]` plus `enum`); shown in docs.
    pub enum_values: Vec<String>,
    /// The property's schema is a one-member `allOf` around its type (how a document puts a
    /// description or enum beside a `$ref`). The type is the same; the docs' example sampler
    /// reads such a member as a copy, which matters where the type recurs.
    pub all_of_member: bool,
    /// `readOnly` or `writeOnly`: which way the property travels. Such a property is never
    /// [`Presence::Required`] (one direction leaves it out), and the server clears it where it
    /// must not be: a read-only one in requests, a write-only one in responses.
    pub access: Access,
    /// What the value must meet beyond its type.
    pub checks: Checks,
}

/// Which way a property travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Access {
    #[default]
    ReadWrite,
    /// `readOnly`: in responses only.
    ReadOnly,
    /// `writeOnly`: in requests only.
    WriteOnly,
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
    /// A value of this type or null, where it is an element: an array's item, a map's value
    /// or a tuple's member that the document lets be null. (A field, a parameter or a body
    /// says null in its [`Presence`]; [`TypeRef::Any`] holds null itself.)
    Nullable(Box<TypeRef>),
    /// Any JSON object.
    Object,
    /// Any JSON value.
    Any,
}

impl TypeRef {
    /// The type without the [`TypeRef::Nullable`]s around it.
    pub fn non_null(&self) -> &TypeRef {
        let mut ty = self;
        while let TypeRef::Nullable(inner) = ty {
            ty = inner;
        }
        ty
    }
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

    /// A string of `format: binary`: a file's bytes, as a multipart part or a form field.
    pub fn is_file(&self) -> bool {
        self.json == JsonType::String && self.format.as_deref() == Some("binary")
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
    /// Whether the value is an integer or a number.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            ScalarKind::I32
                | ScalarKind::U32
                | ScalarKind::I64
                | ScalarKind::U64
                | ScalarKind::F32
                | ScalarKind::F64
        )
    }

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
    /// The client's method that sets a source of tokens (`with_bearer_tokens`), asked before
    /// each request and again after a 401; `None` for a scheme that sends no token.
    pub tokens: Option<String>,
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
    /// An OAuth 2 or OpenID Connect access token, sent as `Authorization: Bearer ...`;
    /// an operation's requirement names the scopes it must carry.
    OAuth2,
    /// A scheme this tool passes through without handling (`http digest`, ...).
    Other(String),
}

impl SecurityKind {
    /// Whether the credential is a token sent as `Authorization: Bearer ...`.
    pub fn sends_token(&self) -> bool {
        matches!(self, SecurityKind::Bearer | SecurityKind::OAuth2)
    }
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

mod checks;
mod operation;
mod text;

pub use checks::{Bound, Checks, Pattern, TextFormat};
pub use operation::*;

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
