//! A tag page: per operation a curl sample, the parameters, example responses and the
//! responses table.

use super::examples::Examples;
use super::markdown::{self, Table};
use super::response_schema::ResponseSchema;
use super::spelling::{Spelling, code, description, inline_enum_values, type_text};
use super::status;
use super::{sampler, yaml};
use crate::model::{
    Api, Body, MediaKind, Operation, Param, ParamLocation, ParamStyle, Part, PartKind, Response,
    SecurityKind, Shape, Style, TypeRef,
};
use crate::render::DocsOptions;
use askama::Template;
use serde_json::Value;

/// `docs/{tag}.md`.
#[derive(Template)]
#[template(path = "docs/tag.md")]
pub(super) struct TagPage {
    name: String,
    description: Option<String>,
    operations: Vec<OperationView>,
    webhooks: Vec<OperationView>,
}

impl TagPage {
    pub(super) fn new(api: &Api, tag: usize, examples: &Examples, docs: &DocsOptions) -> Self {
        let base = base_url(api, docs);
        TagPage {
            name: api.tags[tag].name.clone(),
            description: description(api.tags[tag].description.as_deref()),
            operations: api
                .operations_of(tag)
                .filter(|op| op.documented)
                .map(|op| OperationView::new(api, op, &base, examples))
                .collect(),
            webhooks: api
                .webhooks_of(tag)
                .filter(|op| op.documented)
                .map(|op| OperationView::new(api, op, &base, examples))
                .collect(),
        }
    }
}

/// Everything one operation's section shows, decided.
struct OperationView {
    title: String,
    /// The operation id, which the page's anchors start with.
    id: String,
    method: String,
    path: String,
    /// The full URL the curl sample calls.
    url: String,
    /// `Name: value` lines the curl sample sends.
    headers: Vec<String>,
    description: Option<String>,
    /// The request body example, for JSON and form bodies.
    body_example: Option<BodyExample>,
    /// `None` when the operation takes no parameters and no body.
    params: Option<Table>,
    /// `None` when no parameter has inline enum values.
    param_enums: Option<Table>,
    examples: Vec<ResponseExample>,
    responses: Table,
    /// The responses whose schema is spelled out as rows.
    response_schemas: Vec<ResponseSchema>,
    /// `None` when no response documents headers.
    response_headers: Option<Table>,
    authenticated: bool,
}

/// The `> Body parameter` block: a fence's language and text.
struct BodyExample {
    language: &'static str,
    text: String,
}

/// A description that starts so is a note Coder's Swagger generator leaves for itself, which
/// the published pages leave out.
const GENERATOR_NOTICE: &str = "Swagger notice:";

/// JSON for a JSON body; the fields of a form or multipart body as YAML, as widdershins
/// shows them.
fn body_example(api: &Api, body: &Body, examples: &Examples) -> Option<BodyExample> {
    match body.media {
        MediaKind::Json => Some(BodyExample {
            language: "json",
            text: examples.json(&body.ty),
        }),
        MediaKind::Form | MediaKind::Multipart => match sampler::example(api, &body.ty) {
            fields @ Value::Object(_) => Some(BodyExample {
                language: "yaml",
                text: yaml::fields(&fields),
            }),
            // A body without fields to show (bytes the caller encodes).
            _ => None,
        },
        _ => None,
    }
}

/// `> {status} Response` and, for JSON content with a schema, the example.
struct ResponseExample {
    status: String,
    json: Option<String>,
}

impl OperationView {
    fn new(api: &Api, op: &Operation, base: &str, examples: &Examples) -> Self {
        OperationView {
            title: title(op),
            id: op.id.clone(),
            method: op.method.as_str().to_owned(),
            path: op.path.clone(),
            url: shell_word(format!("{base}{}{}", op.path, required_query(api, op))),
            headers: headers(api, op),
            description: op
                .description
                .as_deref()
                .filter(|text| !text.starts_with(GENERATOR_NOTICE))
                .and_then(|text| description(Some(text))),
            body_example: op
                .body
                .as_ref()
                .and_then(|b| body_example(api, b, examples)),
            params: params(api, op),
            param_enums: param_enums(api, op),
            examples: op
                .responses
                .iter()
                .filter_map(|r| response_example(r, examples))
                .collect(),
            responses: responses(api, &op.responses),
            response_schemas: op
                .responses
                .iter()
                .filter_map(|r| ResponseSchema::of(api, r))
                .collect(),
            response_headers: response_headers(api, &op.responses),
            authenticated: !op.security.is_empty(),
        }
    }
}

/// The section heading: the summary (or the operation id) as prettier prints it after `## `.
fn title(op: &Operation) -> String {
    markdown::heading(2, op.summary.as_deref().unwrap_or(&op.id))
}

/// The samples' base URL: the configured one, or the sample host followed by the first
/// server URL (an absolute server URL stands alone).
pub(super) fn base_url(api: &Api, docs: &DocsOptions) -> String {
    let host = &docs.sample_host;
    let url = match (&docs.base_url, api.servers.first()) {
        (Some(base), _) => base.clone(),
        (None, Some(server)) if server.contains("://") => server.clone(),
        (None, Some(server)) => format!("{host}{server}"),
        (None, None) => host.clone(),
    };
    url.trim_end_matches('/').to_owned()
}

/// The body's content type, the content type the first response with content sends, the
/// header parameters with sample values, then the credential of the first security
/// alternative.
fn headers(api: &Api, op: &Operation) -> Vec<String> {
    let mut headers = Vec::new();
    // widdershins sends a form without saying so.
    if let Some(body) = op.body.as_ref().filter(|b| b.media != MediaKind::Form) {
        headers.push(format!("Content-Type: {}", body.content_type));
    }
    if let Some(content) = op.responses.iter().find_map(|r| r.content.as_ref()) {
        headers.push(format!("Accept: {}", content.content_type));
    }
    let params = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header);
    headers.extend(params.map(|p| format!("{}: {}", p.name, header_text(p, &sample(api, p)))));
    let schemes = op
        .security
        .first()
        .into_iter()
        .flatten()
        .map(|needed| &api.security_schemes[needed.scheme].kind);
    headers.extend(schemes.filter_map(|kind| match kind {
        SecurityKind::ApiKey {
            location: ParamLocation::Header,
            param,
        } => Some(format!("{param}: API_KEY")),
        SecurityKind::Bearer | SecurityKind::OAuth2 => {
            Some("Authorization: Bearer API_KEY".to_owned())
        }
        SecurityKind::Basic => Some("Authorization: Basic API_KEY".to_owned()),
        SecurityKind::ApiKey { .. } | SecurityKind::Other(_) => None,
    }));
    headers
}

/// Parameters in document order, then the body as a parameter named `body`, and a form body's
/// parts or fields below it.
fn params(api: &Api, op: &Operation) -> Option<Table> {
    let mut table = Table::new(&["Name", "In", "Type", "Required", "Description"]);
    for p in &op.params {
        table.push(&[
            code(&p.name),
            p.location.as_str().to_owned(),
            type_text(api, &p.ty, Spelling::PARAMETER),
            p.presence.is_required().to_string(),
            p.description.clone().unwrap_or_default(),
        ]);
    }
    if let Some(Body {
        ty,
        required,
        description,
        parts,
        fields,
        ..
    }) = &op.body
    {
        table.push(&[
            code("body"),
            "body".to_owned(),
            type_text(api, ty, Spelling::PARAMETER),
            required.to_string(),
            description.clone().unwrap_or_default(),
        ]);
        for part in parts.iter().flatten() {
            table.push(&part_row(api, part));
        }
        for field in fields.iter().flatten() {
            let ty = match api.resolve(&field.ty) {
                TypeRef::Scalar(scalar) if scalar.is_file() => "binary".to_owned(),
                _ => type_text(api, &field.ty, Spelling::PARAMETER),
            };
            table.push(&[
                code(&format!("» {}", field.name)),
                "body".to_owned(),
                ty,
                field.presence.is_required().to_string(),
                field.description.clone().unwrap_or_default(),
            ]);
        }
    }
    (!table.is_empty()).then_some(table)
}

/// A row `» name` for a part of a multipart body: a file is `binary`, a repeated part a list.
fn part_row(api: &Api, part: &Part) -> [String; 5] {
    let one = match part.kind {
        PartKind::File => "binary".to_owned(),
        PartKind::Text | PartKind::Json => type_text(api, &part.ty, Spelling::PARAMETER),
    };
    let ty = match part.repeated {
        true => format!("[{one}]"),
        false => one,
    };
    [
        code(&format!("» {}", part.name)),
        "body".to_owned(),
        ty,
        part.required.to_string(),
        part.description.clone().unwrap_or_default(),
    ]
}

/// `?name=value&...` for the required query parameters, each a sample written in its
/// style, encoded as JavaScript's `encodeURIComponent` does; empty without any.
fn required_query(api: &Api, op: &Operation) -> String {
    let pairs: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query && p.presence.is_required())
        .flat_map(|p| query_pairs(&p.name, p.style, &sample(api, p)))
        .collect();
    match pairs.is_empty() {
        true => String::new(),
        false => format!("?{}", pairs.join("&")),
    }
}

/// The URL as one shell word: quoted where a `&` between pairs would end the command, as
/// it is where nothing needs it.
fn shell_word(url: String) -> String {
    match url.contains('&') {
        true => format!("'{url}'"),
        false => url,
    }
}

/// A parameter's sample: its example or default, else a sample of its type.
fn sample(api: &Api, p: &Param) -> Value {
    p.example
        .clone()
        .unwrap_or_else(|| sampler::example(api, &p.ty))
}

/// A query value as the pairs its style writes.
fn query_pairs(name: &str, style: ParamStyle, value: &Value) -> Vec<String> {
    let pair = |key: &str, value: &str| format!("{}={}", uri_component(key), uri_component(value));
    match (style.shape, value) {
        (Shape::Json, value) => vec![pair(name, &value.to_string())],
        (_, Value::Array(items)) if style.explode && style.style != Style::DeepObject => items
            .iter()
            .map(|item| pair(name, &text_of(item)))
            .collect(),
        (_, Value::Array(items)) => {
            let separator = match style.style {
                Style::SpaceDelimited => " ",
                Style::PipeDelimited => "|",
                _ => ",",
            };
            let texts: Vec<String> = items.iter().map(text_of).collect();
            vec![pair(name, &texts.join(separator))]
        }
        (_, Value::Object(map)) if style.style == Style::DeepObject => map
            .iter()
            .map(|(key, item)| pair(&format!("{name}[{key}]"), &text_of(item)))
            .collect(),
        (_, Value::Object(map)) if style.explode => map
            .iter()
            .map(|(key, item)| pair(key, &text_of(item)))
            .collect(),
        (_, Value::Object(map)) => {
            let texts = map
                .iter()
                .map(|(key, item)| format!("{key},{}", text_of(item)));
            vec![pair(name, &texts.collect::<Vec<_>>().join(","))]
        }
        (_, value) => vec![pair(name, &text_of(value))],
    }
}

/// A header value in the `simple` style: an array's items and an object's keys and values
/// joined with commas (an exploded object's as `key=value`).
fn header_text(p: &Param, value: &Value) -> String {
    match (p.style.shape, value) {
        (Shape::Json, value) => value.to_string(),
        (_, Value::Object(map)) => {
            let entries = map.iter().map(|(key, item)| match p.style.explode {
                true => format!("{key}={}", text_of(item)),
                false => format!("{key},{}", text_of(item)),
            });
            entries.collect::<Vec<_>>().join(",")
        }
        (_, value) => text_of(value),
    }
}

/// A sample as the text of one value: a string as it is, an array's items joined with
/// commas, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Percent-encodes all but the characters `encodeURIComponent` leaves as they are.
fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(byte)),
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn param_enums(api: &Api, op: &Operation) -> Option<Table> {
    let mut table = Table::new(&["Parameter", "Value"]);
    for p in &op.params {
        for value in inline_enum_values(api, &p.ty) {
            table.push(&[code(&p.name), code(&value)]);
        }
    }
    (!table.is_empty()).then_some(table)
}

/// Every response with content gets a line; only JSON with a schema gets an example, since
/// other content (an event stream, a file) has no JSON sample to show.
fn response_example(response: &Response, examples: &Examples) -> Option<ResponseExample> {
    let content = response.content.as_ref()?;
    let json = match &content.ty {
        Some(ty) if content.media == MediaKind::Json => Some(examples.json(ty)),
        _ => None,
    };
    Some(ResponseExample {
        status: response.status.to_string(),
        json,
    })
}

/// A row per documented response header: its status, name, JSON type and format.
fn response_headers(api: &Api, responses: &[Response]) -> Option<Table> {
    let mut table = Table::new(&["Status", "Header", "Type", "Format", "Description"]);
    for r in responses {
        for h in &r.headers {
            let (ty, format) = match api.resolve(&h.ty) {
                TypeRef::Scalar(s) => (s.json.as_str(), s.format.clone().unwrap_or_default()),
                TypeRef::Array(_) => ("array", String::new()),
                _ => ("string", String::new()),
            };
            table.push(&[
                r.status.to_string(),
                h.name.clone(),
                ty.to_owned(),
                format,
                h.description.clone().unwrap_or_default(),
            ]);
        }
    }
    (!table.is_empty()).then_some(table)
}

fn responses(api: &Api, responses: &[Response]) -> Table {
    let mut table = Table::new(&["Status", "Meaning", "Description", "Schema"]);
    for r in responses {
        let schema = r.content.as_ref().and_then(|c| c.ty.as_ref());
        table.push(&[
            r.status.to_string(),
            status::meaning(r.status),
            r.description.clone(),
            schema
                .map(|ty| type_text(api, ty, Spelling::RESPONSE))
                .unwrap_or_default(),
        ]);
    }
    table
}
