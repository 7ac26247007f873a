//! A tag page: per operation a curl sample, the parameters, example responses and the
//! responses table.

use super::examples::Examples;
use super::markdown::{self, Table};
use super::response_schema::ResponseSchema;
use super::spelling::{Spelling, code, description, inline_enum_values, type_text};
use super::status;
use crate::model::{
    Api, Body, MediaKind, Operation, ParamLocation, Part, PartKind, Response, SecurityKind, TypeRef,
};
use crate::render::DocsOptions;
use askama::Template;

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
                .map(|op| OperationView::new(api, op, &base, examples))
                .collect(),
            webhooks: api
                .webhooks_of(tag)
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
    /// The request body example, for JSON bodies.
    body_example: Option<String>,
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
            url: format!("{base}{}", op.path),
            headers: headers(api, op),
            description: description(op.description.as_deref()),
            body_example: op
                .body
                .as_ref()
                .filter(|b| b.media == MediaKind::Json)
                .map(|b| examples.json(&b.ty)),
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
fn base_url(api: &Api, docs: &DocsOptions) -> String {
    let host = &docs.sample_host;
    let url = match (&docs.base_url, api.servers.first()) {
        (Some(base), _) => base.clone(),
        (None, Some(server)) if server.contains("://") => server.clone(),
        (None, Some(server)) => format!("{host}{server}"),
        (None, None) => host.clone(),
    };
    url.trim_end_matches('/').to_owned()
}

/// The body's content type, the content type the first response with content sends, then
/// the credential of the first security alternative.
fn headers(api: &Api, op: &Operation) -> Vec<String> {
    let mut headers = Vec::new();
    if let Some(body) = &op.body {
        headers.push(format!("Content-Type: {}", body.content_type));
    }
    if let Some(content) = op.responses.iter().find_map(|r| r.content.as_ref()) {
        headers.push(format!("Accept: {}", content.content_type));
    }
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
            table.push(&[
                code(&format!("» {}", field.name)),
                "body".to_owned(),
                type_text(api, &field.ty, Spelling::PARAMETER),
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
