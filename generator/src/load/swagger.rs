//! Swagger 2.0 to the OpenAPI 3.0 shape, the way converters such as swagger2openapi carry it
//! over: definitions, parameters and responses move under `components`, body and form
//! parameters become request bodies, `consumes`/`produces` become content types, `host`,
//! `basePath` and `schemes` become servers. Every move is recorded in [`Origins`].

use super::origins::Origins;
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde_json::{Map, Value, json};

/// The document in the OpenAPI 3.0 shape, where each moved part came from, and a warning for
/// each part that has no 3.0 equivalent.
pub(super) fn convert(doc: &Value) -> (Value, Origins, Diagnostics) {
    let empty = Map::new();
    let root = doc.as_object().unwrap_or(&empty);
    let mut cx = Converter {
        root,
        origins: Origins::default(),
        diags: Diagnostics::default(),
    };
    let converted = cx.document();
    (converted, cx.origins, cx.diags)
}

struct Converter<'a> {
    root: &'a Map<String, Value>,
    origins: Origins,
    diags: Diagnostics,
}

/// Keys of a Swagger 2.0 non-body parameter (or header, or items object) that describe its
/// value: in OpenAPI 3.0 they move into its `schema`.
const VALUE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
    "x-enum-varnames",
];

impl<'a> Converter<'a> {
    fn document(&mut self) -> Value {
        let root = self.root;
        let mut out = Map::new();
        out.insert("openapi".into(), "3.0.3".into());
        for key in ["info", "tags", "externalDocs", "security"] {
            if let Some(value) = root.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        copy_extensions(root, &mut out);
        if let Some(servers) = self.servers() {
            out.insert("servers".into(), servers);
        }
        let produces = media_types(root.get("produces"));
        let consumes = media_types(root.get("consumes"));
        let mut paths = Map::new();
        if let Some(Value::Object(items)) = root.get("paths") {
            let base = Pointer::root().push("paths");
            for (path, item) in items {
                let media = Media {
                    consumes: &consumes,
                    produces: &produces,
                };
                let item = self.path_item(item, &base.push(path), media);
                paths.insert(path.clone(), item);
            }
        }
        out.insert("paths".into(), Value::Object(paths));
        out.insert("components".into(), self.components(&produces));
        Value::Object(out)
    }

    /// `host`, `basePath` and `schemes` as one server per scheme; a document without a host
    /// is served from wherever it was read, which a relative server URL says.
    fn servers(&mut self) -> Option<Value> {
        let host = self.root.get("host").and_then(Value::as_str);
        let base = self.root.get("basePath").and_then(Value::as_str);
        let (key, urls) = match host {
            Some(host) => {
                let schemes = match self.root.get("schemes") {
                    Some(Value::Array(s)) if !s.is_empty() => {
                        s.iter().filter_map(Value::as_str).collect()
                    }
                    _ => vec!["https"],
                };
                let urls = schemes
                    .iter()
                    .map(|scheme| format!("{scheme}://{host}{}", base.unwrap_or("")))
                    .collect::<Vec<_>>();
                ("host", urls)
            }
            None => ("basePath", vec![base?.to_owned()]),
        };
        let servers = Pointer::root().push("servers");
        self.origins.record(&servers, &Pointer::root().push(key));
        Some(Value::Array(
            urls.into_iter().map(|url| json!({ "url": url })).collect(),
        ))
    }

    fn components(&mut self, produces: &[String]) -> Value {
        let root = self.root;
        let components = Pointer::root().push("components");
        let mut out = Map::new();
        if let Some(Value::Object(definitions)) = root.get("definitions") {
            let from = Pointer::root().push("definitions");
            let to = components.push("schemas");
            self.origins.record(&to, &from);
            let schemas = definitions
                .iter()
                .map(|(name, schema)| (name.clone(), self.schema(schema, &from.push(name))))
                .collect();
            out.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(Value::Object(parameters)) = root.get("parameters") {
            let from = Pointer::root().push("parameters");
            let to = components.push("parameters");
            let mut converted = Map::new();
            for (name, parameter) in parameters {
                // Body and form parameters are request bodies in 3.0: inlined where used.
                if !is_body_or_form(parameter) {
                    let value = self.parameter(parameter, &from.push(name), &to.push(name));
                    converted.insert(name.clone(), value);
                }
            }
            out.insert("parameters".into(), Value::Object(converted));
        }
        if let Some(Value::Object(responses)) = root.get("responses") {
            let from = Pointer::root().push("responses");
            let to = components.push("responses");
            let converted = responses
                .iter()
                .map(|(name, response)| {
                    let value = self.response(response, produces, &from.push(name), &to.push(name));
                    (name.clone(), value)
                })
                .collect();
            out.insert("responses".into(), Value::Object(converted));
        }
        if let Some(Value::Object(definitions)) = root.get("securityDefinitions") {
            let from = Pointer::root().push("securityDefinitions");
            self.origins
                .record(&components.push("securitySchemes"), &from);
            let schemes = definitions
                .iter()
                .map(|(name, scheme)| {
                    (name.clone(), self.security_scheme(scheme, &from.push(name)))
                })
                .collect();
            out.insert("securitySchemes".into(), Value::Object(schemes));
        }
        Value::Object(out)
    }

    fn security_scheme(&mut self, scheme: &Value, at: &Pointer) -> Value {
        let mut out = Map::new();
        copy_keys(scheme, &mut out, &["description"]);
        copy_extensions_of(scheme, &mut out);
        match scheme.get("type").and_then(Value::as_str) {
            Some("basic") => {
                out.insert("type".into(), "http".into());
                out.insert("scheme".into(), "basic".into());
            }
            Some("oauth2") => {
                let flow = match scheme.get("flow").and_then(Value::as_str) {
                    Some("application") => "clientCredentials",
                    Some("accessCode") => "authorizationCode",
                    Some("password") => "password",
                    _ => "implicit",
                };
                let mut details = Map::new();
                copy_keys(scheme, &mut details, &["authorizationUrl", "tokenUrl"]);
                let scopes = scheme.get("scopes").cloned().unwrap_or_else(|| json!({}));
                details.insert("scopes".into(), scopes);
                out.insert("type".into(), "oauth2".into());
                out.insert("flows".into(), json!({ flow: details }));
            }
            Some("apiKey") => {
                out.insert("type".into(), "apiKey".into());
                copy_keys(scheme, &mut out, &["name", "in"]);
            }
            other => {
                self.diags.push(
                    Diagnostic::new(
                        &at.push("type"),
                        format!("unknown security scheme type {}", shown(other)),
                        "use `basic`, `apiKey` or `oauth2`",
                    )
                    .instead("read it as an API key in the `Authorization` header"),
                );
                out.insert("type".into(), "apiKey".into());
                out.insert("name".into(), "Authorization".into());
                out.insert("in".into(), "header".into());
            }
        }
        Value::Object(out)
    }

    fn path_item(&mut self, item: &Value, at: &Pointer, media: Media<'_>) -> Value {
        let Some(item) = item.as_object() else {
            return item.clone();
        };
        if let Some(Value::String(reference)) = item.get("$ref") {
            return json!({ "$ref": reference });
        }
        let shared = listed_parameters(item, at);
        let mut out = Map::new();
        copy_extensions(item, &mut out);
        // Path-level body and form parameters become each operation's request body; the
        // others stay shared.
        let (bodies, plain): (Vec<_>, Vec<_>) = shared
            .into_iter()
            .partition(|(_, p)| is_body_or_form(self.resolved_parameter(p).1));
        if !plain.is_empty() {
            let converted = self.parameters(&plain, &at.push("parameters"));
            out.insert("parameters".into(), Value::Array(converted));
        }
        for (method, op) in item {
            if super::METHODS.contains(&method.as_str()) {
                let value = self.operation(op, &at.push(method), &bodies, media);
                out.insert(method.clone(), value);
            }
        }
        Value::Object(out)
    }

    fn operation(
        &mut self,
        op: &Value,
        at: &Pointer,
        inherited: &[(Pointer, &Value)],
        media: Media<'_>,
    ) -> Value {
        let Some(op) = op.as_object() else {
            return op.clone();
        };
        let consumes = own_or(op.get("consumes"), media.consumes);
        let produces = own_or(op.get("produces"), media.produces);
        let mut out = Map::new();
        copy_keys_of(
            op,
            &mut out,
            &[
                "tags",
                "summary",
                "description",
                "externalDocs",
                "operationId",
                "deprecated",
                "security",
            ],
        );
        copy_extensions(op, &mut out);
        let own = listed_parameters(op, at);
        let all = inherited.iter().cloned().chain(own);
        let (bodies, plain): (Vec<_>, Vec<_>) =
            all.partition(|(_, p)| is_body_or_form(self.resolved_parameter(p).1));
        if !plain.is_empty() {
            let converted = self.parameters(&plain, &at.push("parameters"));
            out.insert("parameters".into(), Value::Array(converted));
        }
        if let Some(body) = self.request_body(&bodies, &consumes, &at.push("requestBody")) {
            out.insert("requestBody".into(), body);
        }
        if let Some(Value::Object(responses)) = op.get("responses") {
            let base = at.push("responses");
            let converted = responses
                .iter()
                .map(|(status, response)| {
                    let here = base.push(status);
                    (
                        status.clone(),
                        self.response(response, &produces, &here, &here),
                    )
                })
                .collect();
            out.insert("responses".into(), Value::Object(converted));
        }
        Value::Object(out)
    }

    /// A parameter behind a `$ref` to the top-level `parameters`, with where it is written.
    fn resolved_parameter<'v>(&self, parameter: &'v Value) -> (Option<Pointer>, &'v Value)
    where
        'a: 'v,
    {
        let target = parameter
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/parameters/"))
            .map(crate::diag::unescape_token);
        match target.and_then(|name| self.root.get("parameters")?.get(&name).map(|p| (name, p))) {
            Some((name, found)) => (Some(Pointer::root().push("parameters").push(&name)), found),
            None => (None, parameter),
        }
    }

    /// Non-body parameters, renumbered: each keeps a record of its index in the original list.
    fn parameters(&mut self, list: &[(Pointer, &Value)], base: &Pointer) -> Vec<Value> {
        list.iter()
            .enumerate()
            .map(|(i, (from, parameter))| {
                let to = base.push(i.to_string());
                match parameter.get("$ref").and_then(Value::as_str) {
                    Some(reference) => {
                        self.origins.record(&to, from);
                        json!({ "$ref": moved_ref(reference) })
                    }
                    None => self.parameter(parameter, from, &to),
                }
            })
            .collect()
    }

    /// One non-body parameter: its value keywords move into a `schema`, its
    /// `collectionFormat` becomes `style` and `explode`.
    fn parameter(&mut self, parameter: &Value, from: &Pointer, to: &Pointer) -> Value {
        self.origins.record(to, from);
        self.origins.record(&to.push("schema"), from);
        let mut out = Map::new();
        copy_keys(
            parameter,
            &mut out,
            &["name", "in", "description", "required", "allowEmptyValue"],
        );
        let location = parameter.get("in").and_then(Value::as_str).unwrap_or("");
        if let Some((style, explode)) = self.style(parameter, location, from) {
            out.insert("style".into(), style.into());
            out.insert("explode".into(), explode.into());
        }
        copy_extensions_of(parameter, &mut out);
        out.insert("schema".into(), self.value_schema(parameter, from));
        Value::Object(out)
    }

    /// The 3.0 `style`/`explode` of an array parameter's `collectionFormat` (`csv` when
    /// absent, as Swagger 2.0 defines), or `None` where the 3.0 default already says it.
    fn style(
        &mut self,
        parameter: &Value,
        location: &str,
        at: &Pointer,
    ) -> Option<(&'static str, bool)> {
        if parameter.get("type").and_then(Value::as_str) != Some("array") {
            return None;
        }
        let format = parameter.get("collectionFormat").and_then(Value::as_str);
        let form = matches!(location, "query" | "cookie" | "formData");
        match format.unwrap_or("csv") {
            "multi" => form.then_some(("form", true)),
            "ssv" => Some(("spaceDelimited", false)),
            "pipes" => Some(("pipeDelimited", false)),
            "csv" => form.then_some(("form", false)),
            other => {
                self.diags.push(
                    Diagnostic::new(
                        &at.push("collectionFormat"),
                        format!("`collectionFormat: {other}` has no OpenAPI 3.0 equivalent"),
                        "use `csv`, `ssv`, `pipes` or `multi`",
                    )
                    .instead("sent the values separated by commas (`csv`)"),
                );
                form.then_some(("form", false))
            }
        }
    }

    /// The schema of a parameter, header or items object whose value keywords sit beside
    /// its other keys.
    fn value_schema(&mut self, object: &Value, at: &Pointer) -> Value {
        let mut schema = Map::new();
        copy_keys(object, &mut schema, VALUE_KEYS);
        if let Some(items) = object.get("items") {
            schema.insert("items".into(), self.value_schema(items, &at.push("items")));
        }
        self.schema(&Value::Object(schema), at)
    }

    /// The request body of an operation's body parameter or form parameters.
    fn request_body(
        &mut self,
        bodies: &[(Pointer, &Value)],
        consumes: &[String],
        to: &Pointer,
    ) -> Option<Value> {
        let resolved: Vec<(Pointer, &Value)> = bodies
            .iter()
            .map(|(at, p)| {
                let (target, found) = self.resolved_parameter(p);
                (target.unwrap_or_else(|| at.clone()), found)
            })
            .collect();
        let body = resolved
            .iter()
            .find(|(_, p)| p.get("in").and_then(Value::as_str) == Some("body"));
        match body {
            Some((from, parameter)) => {
                self.origins.record(to, from);
                Some(self.body(parameter, from, consumes, to))
            }
            None if resolved.is_empty() => None,
            None => Some(self.form(&resolved, consumes, to)),
        }
    }

    fn body(
        &mut self,
        parameter: &Value,
        from: &Pointer,
        consumes: &[String],
        to: &Pointer,
    ) -> Value {
        let schema = match parameter.get("schema") {
            Some(schema) => self.schema(schema, &from.push("schema")),
            None => json!({}),
        };
        let types = match consumes {
            [] => vec!["application/json".to_owned()],
            some => some.to_vec(),
        };
        let mut content = Map::new();
        for media in types {
            let at = to.push("content").push(&media);
            self.origins
                .record(&at.push("schema"), &from.push("schema"));
            content.insert(media, json!({ "schema": schema }));
        }
        let mut out = Map::new();
        copy_keys(parameter, &mut out, &["description", "required"]);
        copy_extensions_of(parameter, &mut out);
        out.insert("content".into(), Value::Object(content));
        Value::Object(out)
    }

    /// Form parameters as one object schema, sent as `multipart/form-data` where the
    /// operation consumes it and as `application/x-www-form-urlencoded` otherwise. The body
    /// as a whole was written as the operation's `parameters`, each field as one of them.
    fn form(&mut self, fields: &[(Pointer, &Value)], consumes: &[String], to: &Pointer) -> Value {
        let media = match consumes.iter().any(|m| m == "multipart/form-data") {
            true => "multipart/form-data",
            false => "application/x-www-form-urlencoded",
        };
        let schema_at = to.push("content").push(media).push("schema");
        let written = Pointer::from_ref(to.as_str().trim_end_matches("/requestBody"))
            .map(|op| op.push("parameters"));
        if let Some(written) = written {
            self.origins.record(to, &written);
            self.origins.record(&schema_at, &written);
        }
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (from, field) in fields {
            let Some(name) = field.get("name").and_then(Value::as_str) else {
                continue;
            };
            self.origins
                .record(&schema_at.push("properties").push(name), from);
            let mut schema = self.value_schema(field, from);
            if let (Some(description), Value::Object(object)) =
                (field.get("description"), &mut schema)
            {
                object.insert("description".into(), description.clone());
            }
            properties.insert(name.to_owned(), schema);
            if field.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::from(name));
            }
        }
        let mut schema = Map::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required.clone()));
        }
        json!({
            "required": !required.is_empty(),
            "content": { media: { "schema": schema } },
        })
    }

    fn response(
        &mut self,
        response: &Value,
        produces: &[String],
        from: &Pointer,
        to: &Pointer,
    ) -> Value {
        if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
            return json!({ "$ref": moved_ref(reference) });
        }
        self.origins.record(to, from);
        let mut out = Map::new();
        copy_keys(response, &mut out, &["description"]);
        copy_extensions_of(response, &mut out);
        if let Some(Value::Object(headers)) = response.get("headers") {
            let converted = headers
                .iter()
                .map(|(name, header)| {
                    let at = from.push("headers").push(name);
                    self.origins
                        .record(&to.push("headers").push(name).push("schema"), &at);
                    let mut value = Map::new();
                    copy_keys(header, &mut value, &["description"]);
                    value.insert("schema".into(), self.value_schema(header, &at));
                    (name.clone(), Value::Object(value))
                })
                .collect();
            out.insert("headers".into(), Value::Object(converted));
        }
        if let Some(schema) = response.get("schema") {
            let schema = self.schema(schema, &from.push("schema"));
            let types = match produces {
                [] => vec!["application/json".to_owned()],
                some => some.to_vec(),
            };
            let examples = response.get("examples");
            let mut content = Map::new();
            for media in types {
                let at = to.push("content").push(&media);
                self.origins
                    .record(&at.push("schema"), &from.push("schema"));
                let mut entry = Map::new();
                entry.insert("schema".into(), schema.clone());
                if let Some(example) = examples.and_then(|e| e.get(&media)) {
                    self.origins
                        .record(&at.push("example"), &from.push("examples").push(&media));
                    entry.insert("example".into(), example.clone());
                }
                content.insert(media, Value::Object(entry));
            }
            out.insert("content".into(), Value::Object(content));
        }
        Value::Object(out)
    }

    /// A Swagger 2.0 schema in the 3.0 shape: references into `definitions` move,
    /// `x-nullable` is `nullable`, `type: file` is binary, a discriminator names its property.
    fn schema(&mut self, schema: &Value, at: &Pointer) -> Value {
        let Some(object) = schema.as_object() else {
            return schema.clone();
        };
        let mut out = Map::with_capacity(object.len());
        for (key, value) in object {
            let converted = match key.as_str() {
                "$ref" => match value.as_str() {
                    Some(reference) => moved_ref(reference).into(),
                    None => value.clone(),
                },
                "x-nullable" => {
                    out.insert("nullable".into(), value.clone());
                    continue;
                }
                "type" if value == "file" => {
                    out.insert("format".into(), "binary".into());
                    "string".into()
                }
                "discriminator" => match value {
                    Value::String(name) => json!({ "propertyName": name }),
                    other => other.clone(),
                },
                "items" | "additionalProperties" | "not" => self.schema(value, &at.push(key)),
                "allOf" | "anyOf" | "oneOf" => match value {
                    Value::Array(members) => Value::Array(
                        members
                            .iter()
                            .enumerate()
                            .map(|(i, m)| self.schema(m, &at.push(key).push(i.to_string())))
                            .collect(),
                    ),
                    other => other.clone(),
                },
                "properties" => match value {
                    Value::Object(properties) => Value::Object(
                        properties
                            .iter()
                            .map(|(name, p)| {
                                let here = at.push(key).push(name);
                                (name.clone(), self.schema(p, &here))
                            })
                            .collect(),
                    ),
                    other => other.clone(),
                },
                _ => value.clone(),
            };
            if key != "format" || !out.contains_key("format") {
                out.insert(key.clone(), converted);
            }
        }
        Value::Object(out)
    }
}

/// The `parameters` of a path item or operation at `at`, each with where it is written.
fn listed_parameters<'v>(
    object: &'v Map<String, Value>,
    at: &Pointer,
) -> Vec<(Pointer, &'v Value)> {
    let Some(Value::Array(list)) = object.get("parameters") else {
        return Vec::new();
    };
    let base = at.push("parameters");
    list.iter()
        .enumerate()
        .map(|(i, p)| (base.push(i.to_string()), p))
        .collect()
}

/// The content types an operation may use, inherited from the document's.
#[derive(Clone, Copy)]
struct Media<'m> {
    consumes: &'m [String],
    produces: &'m [String],
}

fn media_types(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// An operation's own `consumes`/`produces` over the document's.
fn own_or(value: Option<&Value>, inherited: &[String]) -> Vec<String> {
    match value {
        Some(Value::Array(_)) => media_types(value),
        _ => inherited.to_vec(),
    }
}

/// A reference into the places Swagger 2.0 keeps reusable parts, moved under `components`.
fn moved_ref(reference: &str) -> String {
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_owned()
}

fn is_body_or_form(parameter: &Value) -> bool {
    matches!(
        parameter.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

fn copy_keys(from: &Value, to: &mut Map<String, Value>, keys: &[&str]) {
    if let Some(from) = from.as_object() {
        copy_keys_of(from, to, keys);
    }
}

fn copy_keys_of(from: &Map<String, Value>, to: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        if let Some(value) = from.get(*key) {
            to.insert((*key).to_owned(), value.clone());
        }
    }
}

fn copy_extensions_of(from: &Value, to: &mut Map<String, Value>) {
    if let Some(from) = from.as_object() {
        copy_extensions(from, to);
    }
}

/// The `x-` extensions of an object, which mean the same in both versions.
fn copy_extensions(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    for (key, value) in from {
        if key.starts_with("x-") && !VALUE_KEYS.contains(&key.as_str()) {
            to.insert(key.clone(), value.clone());
        }
    }
}

fn shown(value: Option<&str>) -> String {
    match value {
        Some(value) => format!("`{value}`"),
        None => "(none)".to_owned(),
    }
}
