//! Where a schema `$ref` can point, and what it resolves to: a component schema (a type of
//! its own), a schema inside one, or a schema written under a parameter, a header, a body or
//! a response (used as if written where it stands, so one place is one type).

use super::Normalizer;
use super::schema::SchemaRef;
use crate::diag::{Diagnostic, Pointer, unescape_token};
use crate::model::TypeRef;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, Type,
};

pub(super) const SCHEMAS_PREFIX: &str = "#/components/schemas/";

impl<'a> Normalizer<'a> {
    /// The schema and pointer of a component, by reference.
    pub(super) fn component_schema(&self, reference: &str) -> Option<(&'a Schema, Pointer)> {
        let key = unescape_token(reference.strip_prefix(SCHEMAS_PREFIX)?);
        let components = self.doc.components.as_ref()?;
        match components.schemas.get(&key)? {
            ReferenceOr::Item(schema) => Some((
                schema,
                Pointer::root()
                    .push("components")
                    .push("schemas")
                    .push(&key),
            )),
            ReferenceOr::Reference { reference } => self.component_schema(reference),
        }
    }

    /// Resolves `#/components/schemas/NAME`, a pointer into one (`NAME/allOf/0`), or a
    /// pointer to a schema written elsewhere (under a parameter, a header, a body, a response).
    pub(super) fn schema_ref(&mut self, reference: &str, at: &Pointer) -> TypeRef {
        let found = reference
            .strip_prefix(SCHEMAS_PREFIX)
            .map(unescape_token)
            .and_then(|key| self.components.get(key.as_str()).copied());
        match found
            .map(TypeRef::Named)
            .or_else(|| self.inner_ref(reference))
            .or_else(|| self.elsewhere_ref(reference))
        {
            Some(ty) => ty,
            None => {
                let (message, help) = if reference.starts_with(SCHEMAS_PREFIX) {
                    (
                        "points to no schema",
                        "define the schema under #/components/schemas or fix the name",
                    )
                } else {
                    (
                        "points to no schema",
                        "point it at a schema: under #/components/schemas, or the `schema` of a \
                         parameter, header, body or response",
                    )
                };
                self.report(
                    Diagnostic::new(at, format!("`$ref: {reference}` {message}"), help)
                        .instead("used serde_json::Value for it"),
                );
                TypeRef::Any
            }
        }
    }

    /// A `$ref` to a schema inside a component schema (any JSON pointer is a reference): the
    /// schema there, used as if written in place, so the types it needs are named once by
    /// their location. A reference that comes back to itself before it is named is any
    /// JSON value.
    fn inner_ref(&mut self, reference: &str) -> Option<TypeRef> {
        let mut tokens = reference.strip_prefix(SCHEMAS_PREFIX)?.split('/');
        let name = unescape_token(tokens.next()?);
        let path: Vec<String> = tokens.map(unescape_token).collect();
        let doc = self.doc;
        let root = doc.components.as_ref()?.schemas.get(&name)?.as_item()?;
        let schema = schema_at(root, &path).filter(|_| !path.is_empty())?;
        let at = Pointer::from_ref(reference)?;
        if !self.open_refs.insert(at.clone()) {
            return Some(TypeRef::Any);
        }
        // `Palette color` for `Palette/properties/color`, as the property's own type is named.
        let named = path
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "properties");
        let hint = format!("{name} {}", named.collect::<Vec<_>>().join(" "));
        let ty = self.use_schema(schema, &at, &hint).ty;
        self.open_refs.remove(&at);
        Some(ty)
    }

    /// A `$ref` to a schema outside `#/components/schemas`: the `schema` of a component
    /// parameter, header, request body or response, or of an operation's (and any pointer
    /// into it). It is used as if written in place, so that the same place is one type
    /// wherever it is used, by reference or where it stands.
    fn elsewhere_ref(&mut self, reference: &str) -> Option<TypeRef> {
        let tokens: Vec<String> = reference
            .strip_prefix("#/")?
            .split('/')
            .map(unescape_token)
            .collect();
        let (holder, used) = schema_holder(self.doc, &tokens)?;
        let at = Pointer::from_ref(reference)?;
        if !self.open_refs.insert(at.clone()) {
            return Some(TypeRef::Any);
        }
        let rest = &tokens[used..];
        let ty = match holder {
            ReferenceOr::Reference { reference } if rest.is_empty() => {
                Some(self.schema_ref(reference, &at))
            }
            ReferenceOr::Reference { .. } => None,
            ReferenceOr::Item(schema) => schema_at(schema, rest).map(|schema| {
                let hint = hint_of(&tokens);
                self.use_schema(schema, &at, &hint).ty
            }),
        };
        self.open_refs.remove(&at);
        ty
    }
}

/// The schema slot a pointer (its tokens, unescaped) names outside the component schemas, and
/// how many tokens name it; the rest point into that schema.
fn schema_holder<'a>(
    doc: &'a OpenAPI,
    tokens: &[String],
) -> Option<(&'a ReferenceOr<Schema>, usize)> {
    let token = |i: usize| tokens.get(i).map(String::as_str);
    match (token(0)?, token(1)?) {
        ("components", section) => {
            let components = doc.components.as_ref()?;
            let name = token(2)?;
            let (slot, used) = match section {
                "parameters" => {
                    let data = components
                        .parameters
                        .get(name)?
                        .as_item()?
                        .parameter_data_ref();
                    format_slot(&data.format, &tokens[3..])?
                }
                "headers" => format_slot(
                    &components.headers.get(name)?.as_item()?.format,
                    &tokens[3..],
                )?,
                "requestBodies" => content_slot(
                    &components.request_bodies.get(name)?.as_item()?.content,
                    &tokens[3..],
                )?,
                "responses" => content_slot(
                    &components.responses.get(name)?.as_item()?.content,
                    &tokens[3..],
                )?,
                _ => return None,
            };
            Some((slot, 3 + used))
        }
        ("paths", path) => {
            let item = doc.paths.paths.get(path)?.as_item()?;
            let (slot, used) = match token(2)? {
                "parameters" => parameter_slot(&item.parameters, &tokens[3..])?,
                method => {
                    let (_, op) = item.iter().find(|(m, _)| *m == method)?;
                    match token(3)? {
                        "parameters" => {
                            parameter_slot(&op.parameters, &tokens[4..]).map(|(s, u)| (s, u + 1))?
                        }
                        "requestBody" => {
                            let body = op.request_body.as_ref()?.as_item()?;
                            content_slot(&body.content, &tokens[4..]).map(|(s, u)| (s, u + 1))?
                        }
                        "responses" => {
                            let code = token(4)?;
                            let response = match code {
                                "default" => op.responses.default.as_ref()?,
                                code => {
                                    op.responses
                                        .responses
                                        .iter()
                                        .find(|(c, _)| c.to_string() == code)?
                                        .1
                                }
                            };
                            let content = &response.as_item()?.content;
                            content_slot(content, &tokens[5..]).map(|(s, u)| (s, u + 2))?
                        }
                        _ => return None,
                    }
                }
            };
            Some((slot, 3 + used))
        }
        _ => None,
    }
}

/// `parameters/{index}/schema` (or `.../content/{type}/schema`) of a list of parameters.
fn parameter_slot<'a>(
    parameters: &'a [ReferenceOr<Parameter>],
    tokens: &[String],
) -> Option<(&'a ReferenceOr<Schema>, usize)> {
    let index: usize = tokens.first()?.parse().ok()?;
    let data = parameters.get(index)?.as_item()?.parameter_data_ref();
    format_slot(&data.format, &tokens[1..]).map(|(slot, used)| (slot, used + 1))
}

/// `schema`, or `content/{type}/schema`, of a parameter or header.
fn format_slot<'a>(
    format: &'a ParameterSchemaOrContent,
    tokens: &[String],
) -> Option<(&'a ReferenceOr<Schema>, usize)> {
    match (format, tokens.first()?.as_str()) {
        (ParameterSchemaOrContent::Schema(schema), "schema") => Some((schema, 1)),
        (ParameterSchemaOrContent::Content(content), "content") => content_slot(content, tokens),
        _ => None,
    }
}

/// `content/{type}/schema` of a body, a response, a parameter or a header.
fn content_slot<'a>(
    content: &'a IndexMap<String, MediaType>,
    tokens: &[String],
) -> Option<(&'a ReferenceOr<Schema>, usize)> {
    match tokens {
        [content_key, media, schema, ..] if content_key == "content" && schema == "schema" => {
            Some((content.get(media)?.schema.as_ref()?, 3))
        }
        _ => None,
    }
}

/// A name for the types a schema written elsewhere needs: the words of its pointer that name
/// something (`audit_method_type` of `components/parameters/audit_method_type/schema`).
fn hint_of(tokens: &[String]) -> String {
    const STRUCTURAL: &[&str] = &[
        "components",
        "parameters",
        "headers",
        "requestBodies",
        "responses",
        "paths",
        "content",
        "schema",
        "properties",
        "items",
        "requestBody",
    ];
    let words = tokens.iter().filter(|t| {
        !STRUCTURAL.contains(&t.as_str()) && !t.contains('/') && t.parse::<u32>().is_err()
    });
    words.map(String::as_str).collect::<Vec<_>>().join(" ")
}

/// The schema at `path` (reference tokens, unescaped) inside `schema`, through composition
/// members, properties, items and additionalProperties written in place; the last step may be
/// a `$ref`, which is then what is found.
fn schema_at<'s>(schema: &'s Schema, path: &[String]) -> Option<SchemaRef<'s>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(SchemaRef::Inline(schema));
    };
    let member = |members: &'s [ReferenceOr<Schema>]| {
        let (index, rest) = rest.split_first()?;
        Some((
            SchemaRef::from(members.get(index.parse::<usize>().ok()?)?),
            rest,
        ))
    };
    let property = |properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>| {
        let (name, rest) = rest.split_first()?;
        Some((SchemaRef::from(properties.get(name)?), rest))
    };
    let boxed =
        |s: &'s Option<ReferenceOr<Box<Schema>>>| Some((SchemaRef::from(s.as_ref()?), rest));
    let additional = |a: &'s Option<AdditionalProperties>| match a {
        Some(AdditionalProperties::Schema(s)) => Some((SchemaRef::from(&**s), rest)),
        _ => None,
    };
    let (child, rest) = match (first.as_str(), &schema.schema_kind) {
        ("allOf", SchemaKind::AllOf { all_of: m })
        | ("oneOf", SchemaKind::OneOf { one_of: m })
        | ("anyOf", SchemaKind::AnyOf { any_of: m }) => member(m)?,
        ("allOf", SchemaKind::Any(any)) => member(&any.all_of)?,
        ("oneOf", SchemaKind::Any(any)) => member(&any.one_of)?,
        ("anyOf", SchemaKind::Any(any)) => member(&any.any_of)?,
        ("properties", SchemaKind::Type(Type::Object(o))) => property(&o.properties)?,
        ("properties", SchemaKind::Any(any)) => property(&any.properties)?,
        ("items", SchemaKind::Type(Type::Array(a))) => boxed(&a.items)?,
        ("items", SchemaKind::Any(any)) => boxed(&any.items)?,
        ("additionalProperties", SchemaKind::Type(Type::Object(o))) => {
            additional(&o.additional_properties)?
        }
        ("additionalProperties", SchemaKind::Any(any)) => additional(&any.additional_properties)?,
        _ => return None,
    };
    match (child, rest.is_empty()) {
        (SchemaRef::Inline(child), _) => schema_at(child, rest),
        (found @ SchemaRef::Ref(_), true) => Some(found),
        (SchemaRef::Ref(_), false) => None,
    }
}
