//! OpenAPI 3.1 and 3.2 to the OpenAPI 3.0 shape. The documents differ mostly in their schemas:
//! 3.1 adopted JSON Schema 2020-12, so `type: [string, "null"]` says what 3.0's `nullable`
//! said, `const` what a one-value `enum` said, and so on. Each keyword is rewritten to the 3.0
//! keyword that means the same; one with no 3.0 meaning is dropped with a warning that says
//! what the generated code does instead. Parts that move (`$defs`, `components/pathItems`,
//! `webhooks`) are recorded in [`Origins`].

use super::origins::Origins;
use super::type_forms;
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::MediaKind;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The document in the OpenAPI 3.0 shape, where each moved part came from, and a warning for
/// each keyword that has no 3.0 equivalent.
pub(super) fn convert(mut doc: Value) -> (Value, Origins, Diagnostics) {
    let mut cx = Upgrader::default();
    if let Value::Object(root) = &mut doc {
        cx.document(root);
    }
    (doc, cx.origins, cx.diags)
}

#[derive(Default)]
struct Upgrader {
    origins: Origins,
    diags: Diagnostics,
    /// `$defs` lifted into `components/schemas`: its name there, its schema, where it was.
    lifted: Vec<(String, Value, Pointer)>,
    /// Old `$ref` target -> new one, for the `$defs` lifted.
    moved: HashMap<String, String>,
}

/// The extension that marks an array as a tuple whose `items` list its positional members
/// under `oneOf`; normalization reads it.
pub(crate) const TUPLE: &str = "x-openapi-gen-tuple";

/// The extensions that hold 3.1's `info.summary` and `license.identifier`, which 3.0 has no
/// field for; normalization reads them.
pub(crate) const SUMMARY: &str = "x-openapi-gen-summary";
pub(crate) const SPDX: &str = "x-openapi-gen-spdx";

/// Keywords that only constrain or annotate in ways the generated code does not check; they
/// are dropped without a word.
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$dynamicAnchor",
    "$vocabulary",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "unevaluatedItems",
    "contentSchema",
];

impl Upgrader {
    fn document(&mut self, root: &mut Map<String, Value>) {
        root.insert("openapi".into(), "3.0.3".into());
        if let Some(Value::Object(info)) = root.get_mut("info") {
            info_fields(info);
        }
        let path_items = root
            .get_mut("components")
            .and_then(Value::as_object_mut)
            .and_then(|c| c.remove("pathItems"));
        let base = Pointer::root().push("paths");
        match root.get_mut("paths") {
            Some(Value::Object(paths)) => {
                for (path, item) in paths.iter_mut() {
                    let at = base.push(path);
                    self.inline_path_item(item, path_items.as_ref(), &at);
                    self.path_item(item, &at);
                }
            }
            _ => {
                root.insert("paths".into(), json!({}));
            }
        }
        if let Some(mut webhooks) = root.remove("webhooks") {
            let base = Pointer::root().push("webhooks");
            if let Value::Object(hooks) = &mut webhooks {
                for (name, item) in hooks.iter_mut() {
                    let at = base.push(name);
                    self.inline_path_item(item, path_items.as_ref(), &at);
                    self.path_item(item, &at);
                }
            }
            // Where 3.0 keeps what it has no field for, read back by `load::parse_at`.
            let moved = Pointer::root().push(super::WEBHOOKS);
            self.origins.record(&moved, &base);
            root.insert(super::WEBHOOKS.into(), webhooks);
        }
        if let Some(Value::Object(components)) = root.get_mut("components") {
            self.components(components);
        }
        self.lift_defs(root);
    }

    /// A path item given as a `$ref` to `components/pathItems`, written out in its place.
    fn inline_path_item(&mut self, item: &mut Value, shared: Option<&Value>, at: &Pointer) {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            return;
        };
        let Some(name) = reference.strip_prefix("#/components/pathItems/") else {
            return;
        };
        let name = crate::diag::unescape_token(name);
        if let Some(found) = shared.and_then(|s| s.get(&name)) {
            let from = Pointer::root()
                .push("components")
                .push("pathItems")
                .push(&name);
            self.origins.record(at, &from);
            *item = found.clone();
        }
    }

    fn components(&mut self, components: &mut Map<String, Value>) {
        let base = Pointer::root().push("components");
        for (section, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let at = base.push(section);
            for (name, entry) in entries.iter_mut() {
                let here = at.push(name);
                match section.as_str() {
                    "schemas" => self.schema(entry, &here),
                    "parameters" | "headers" => self.parameter(entry, &here),
                    "requestBodies" => self.content_of(entry, &here),
                    "responses" => self.response(entry, &here),
                    "callbacks" => self.callback(entry, &here),
                    _ => {}
                }
            }
        }
    }

    fn path_item(&mut self, item: &mut Value, at: &Pointer) {
        let Value::Object(item) = item else {
            return;
        };
        self.parameters(item.get_mut("parameters"), &at.push("parameters"));
        for (key, op) in item.iter_mut() {
            if super::METHODS.contains(&key.as_str()) {
                self.operation(op, &at.push(key));
            }
        }
        self.other_methods(item, at);
    }

    /// OpenAPI 3.2's `query` operation and its `additionalOperations` (keyed by the method
    /// as HTTP writes it), moved into one map by method under [`super::OTHER_METHODS`],
    /// where 3.0 keeps what it has no field for.
    fn other_methods(&mut self, item: &mut Map<String, Value>, at: &Pointer) {
        let mut methods = Map::new();
        if let Some(mut op) = item.remove("query") {
            self.operation(&mut op, &at.push("query"));
            self.moved_method(at, "QUERY", &at.push("query"));
            methods.insert("QUERY".into(), op);
        }
        if let Some(Value::Object(additional)) = item.remove("additionalOperations") {
            let base = at.push("additionalOperations");
            for (method, mut op) in additional {
                let here = base.push(&method);
                if let Some(problem) = method_problem(&method) {
                    self.diags.push(
                        Diagnostic::new(&here, problem, "write the method as HTTP sends it")
                            .instead("left the operation out"),
                    );
                    continue;
                }
                self.operation(&mut op, &here);
                self.moved_method(at, &method, &here);
                methods.insert(method, op);
            }
        }
        if !methods.is_empty() {
            item.insert(super::OTHER_METHODS.into(), Value::Object(methods));
        }
    }

    fn moved_method(&mut self, item: &Pointer, method: &str, from: &Pointer) {
        let to = item.push(super::OTHER_METHODS).push(method);
        self.origins.record(&to, from);
    }

    fn operation(&mut self, op: &mut Value, at: &Pointer) {
        let Value::Object(op) = op else {
            return;
        };
        self.parameters(op.get_mut("parameters"), &at.push("parameters"));
        if let Some(body) = op.get_mut("requestBody") {
            self.content_of(body, &at.push("requestBody"));
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for (status, response) in responses.iter_mut() {
                self.response(response, &at.push("responses").push(status));
            }
        }
        if let Some(Value::Object(callbacks)) = op.get_mut("callbacks") {
            for (name, callback) in callbacks.iter_mut() {
                self.callback(callback, &at.push("callbacks").push(name));
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, at: &Pointer) {
        if let Value::Object(expressions) = callback {
            for (expression, item) in expressions.iter_mut() {
                self.path_item(item, &at.push(expression));
            }
        }
    }

    fn parameters(&mut self, list: Option<&mut Value>, at: &Pointer) {
        if let Some(Value::Array(list)) = list {
            for (i, parameter) in list.iter_mut().enumerate() {
                self.parameter(parameter, &at.push(i.to_string()));
            }
        }
    }

    /// A parameter or header: its schema, or its content.
    fn parameter(&mut self, parameter: &mut Value, at: &Pointer) {
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(schema, &at.push("schema"));
        }
        self.content_of(parameter, at);
    }

    fn response(&mut self, response: &mut Value, at: &Pointer) {
        if let Some(Value::Object(headers)) = response.get_mut("headers") {
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &at.push("headers").push(name));
            }
        }
        self.content_of(response, at);
    }

    /// The schema of each media type under an object's `content`.
    fn content_of(&mut self, object: &mut Value, at: &Pointer) {
        let Some(Value::Object(content)) = object.get_mut("content") else {
            return;
        };
        for (media, entry) in content.iter_mut() {
            let here = at.push("content").push(media);
            self.item_schema(media, entry, &here);
            if let Some(schema) = entry.get_mut("schema") {
                self.schema(schema, &here.push("schema"));
            }
            if let Some(Value::Object(encoding)) = entry.get_mut("encoding") {
                for (name, part) in encoding.iter_mut() {
                    let part_at = here.push("encoding").push(name);
                    if let Some(Value::Object(headers)) = part.get_mut("headers") {
                        for (header, value) in headers.iter_mut() {
                            self.parameter(value, &part_at.push("headers").push(header));
                        }
                    }
                }
            }
        }
    }

    /// OpenAPI 3.2's `itemSchema`, the schema of each item of a stream, in place of any
    /// `schema` (which 3.2 reads as the whole stream). The model types a stream by its items,
    /// as 3.0 documents write them in `schema`: each value of a JSON stream; for an event
    /// stream, whose item describes an event (`data`, `event`, `id`, `retry`), the events'
    /// `data`.
    fn item_schema(&mut self, media: &str, entry: &mut Value, at: &Pointer) {
        let Value::Object(entry) = entry else {
            return;
        };
        let Some(item) = entry.remove("itemSchema") else {
            return;
        };
        let from = match MediaKind::of(media) {
            MediaKind::JsonStream(_) => "",
            MediaKind::EventStream => match item.pointer("/properties/data") {
                Some(data) if data.get("contentSchema").is_some() => {
                    "/properties/data/contentSchema"
                }
                Some(_) => "/properties/data",
                None => "",
            },
            MediaKind::Json
            | MediaKind::Text
            | MediaKind::Multipart
            | MediaKind::Form
            | MediaKind::Bytes => {
                let essence = media.split(';').next().unwrap_or_default().trim();
                self.diags.push(
                    Diagnostic::new(
                        &at.push("itemSchema"),
                        format!("`{essence}` is not a sequential media type"),
                        "give the body's schema in `schema`, or use a streaming media type \
                         (`text/event-stream`, `application/jsonl`, `application/x-ndjson`, \
                         `application/json-seq`)",
                    )
                    .instead("ignored `itemSchema`"),
                );
                return;
            }
        };
        let data = item.pointer(from).cloned().unwrap_or(item);
        self.origins
            .record(&at.push("schema"), &at.push("itemSchema").extended(from));
        entry.insert("schema".into(), data);
    }

    /// One schema, its subschemas first.
    fn schema(&mut self, schema: &mut Value, at: &Pointer) {
        let object = match schema {
            Value::Object(object) => object,
            // JSON Schema's boolean schemas: anything, and nothing.
            Value::Bool(true) => return *schema = json!({}),
            Value::Bool(false) => return *schema = json!({ "not": {} }),
            _ => {
                self.diags.push(
                    Diagnostic::new(
                        at,
                        format!("a schema must be an object or a boolean, not {schema}"),
                        "remove the value, or write the schema it stands for",
                    )
                    .instead("used any JSON value"),
                );
                return *schema = json!({});
            }
        };
        self.subschemas(object, at);
        self.lift_local_defs(object, at);
        ref_siblings(object);
        self.types(object, at);
        rename_annotations(object);
        self.object_keywords(object, at);
        self.dropped(object, at);
    }

    fn subschemas(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        type_forms::lift_null_members(object);
        for (key, value) in object.iter_mut() {
            let here = at.push(key);
            match key.as_str() {
                "properties" | "patternProperties" | "dependentSchemas" | "$defs" => {
                    if let Value::Object(map) = value {
                        for (name, schema) in map.iter_mut() {
                            self.schema(schema, &here.push(name));
                        }
                    }
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    if let Value::Array(list) = value {
                        for (i, schema) in list.iter_mut().enumerate() {
                            self.schema(schema, &here.push(i.to_string()));
                        }
                    }
                }
                // 3.0 reads `additionalProperties: false` (and `true`) as written.
                "additionalProperties" | "unevaluatedProperties" if value.is_boolean() => {}
                "items"
                | "additionalProperties"
                | "unevaluatedProperties"
                | "not"
                | "if"
                | "then"
                | "else" => self.schema(value, &here),
                _ => {}
            }
        }
    }

    /// `type` as 3.0 has it: one name, with `nullable` for "null" and `oneOf` for several.
    fn types(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        if let Err(problem) = type_forms::single_type(object, at) {
            self.diags.push(problem);
        }
    }

    /// Object keywords with a 3.0 equivalent in `additionalProperties`, and `prefixItems`.
    fn object_keywords(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        if let Some(Value::Object(patterns)) = object.remove("patternProperties")
            && !object.contains_key("additionalProperties")
        {
            // One pattern types every other key; several, any value.
            let value = match patterns.len() {
                1 => patterns.into_iter().next().map(|(_, s)| s),
                _ => None,
            };
            object.insert("additionalProperties".into(), value.unwrap_or(json!({})));
        }
        if let Some(value) = object.remove("unevaluatedProperties") {
            object.entry("additionalProperties").or_insert(value);
        }
        if let Some(Value::Array(tuple)) = object.remove("prefixItems") {
            let nothing = json!({ "not": {} });
            match object.get("items").filter(|items| **items != nothing) {
                // Positional items and nothing after them: a tuple, told to normalization as
                // the `oneOf` of an `items` that 3.0 can hold.
                // (`items: false` is `{not: {}}` by now: its subschemas were read first.)
                None => {
                    let items = at.push("items").push("oneOf");
                    self.origins.record(&items, &at.push("prefixItems"));
                    object.insert("items".into(), json!({ "oneOf": tuple }));
                    object.insert(TUPLE.into(), true.into());
                }
                Some(_) => self.diags.push(
                    Diagnostic::new(
                        &at.push("prefixItems"),
                        format!(
                            "a tuple of {} positional items followed by more items is not generated",
                            tuple.len()
                        ),
                        "describe the items with `items` alone, or end the tuple with `items: false`",
                    )
                    .instead("typed the items by `items` alone"),
                ),
            }
        }
    }

    /// Keywords with no 3.0 meaning: warned about where they change what a value may be.
    fn dropped(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        for keyword in SILENT {
            object.remove(*keyword);
        }
        let conditional: Vec<&str> = ["if", "then", "else"]
            .into_iter()
            .filter(|k| object.remove(*k).is_some())
            .collect();
        if !conditional.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    &at.push(conditional[0]),
                    "a conditional schema (`if`/`then`/`else`) is not generated",
                    "describe the alternatives with `oneOf`",
                )
                .instead("ignored the condition; the schema's other keywords apply"),
            );
        }
        for keyword in ["dependentRequired", "dependentSchemas", "$dynamicRef"] {
            if object.remove(keyword).is_some() {
                self.diags.push(
                    Diagnostic::new(
                        &at.push(keyword),
                        format!("`{keyword}` is not generated"),
                        "describe the dependent properties as optional properties",
                    )
                    .instead("left the constraint out; the properties stay as declared"),
                );
            }
        }
    }

    /// `$defs` of a schema, moved to `components/schemas` (see `lift_defs`).
    fn lift_local_defs(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let Some(Value::Object(defs)) = object.remove("$defs") else {
            return;
        };
        for (name, schema) in defs {
            let from = at.push("$defs").push(&name);
            self.lifted.push((name, schema, from));
        }
    }

    /// Adds the lifted `$defs` to `components/schemas` under their own names (a number added
    /// where one is taken), and points every reference to them at their new place.
    fn lift_defs(&mut self, root: &mut Map<String, Value>) {
        if self.lifted.is_empty() {
            return;
        }
        let Some(schemas) = super::object_made(root, &["components", "schemas"]) else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        for (name, schema, from) in std::mem::take(&mut self.lifted) {
            let key = super::free_name(&name, |key| schemas.contains_key(key));
            let to = base.push(&key);
            self.origins.record(&to, &from);
            self.moved
                .insert(from.as_str().to_owned(), to.as_str().to_owned());
            schemas.insert(key, schema);
        }
        for value in root.values_mut() {
            retarget(value, &self.moved);
        }
    }
}

/// Why a key of `additionalOperations` cannot be a method: not an HTTP token, or a method
/// with a field of its own (3.2 forbids those).
fn method_problem(method: &str) -> Option<String> {
    const SEPARATORS: &str = "()<>@,;:\\\"/[]?={}";
    let token = !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_graphic() && !SEPARATORS.contains(c));
    if !token {
        return Some(format!("`{method}` is not an HTTP method name"));
    }
    let lower = method.to_ascii_lowercase();
    (super::METHODS.contains(&lower.as_str()) || lower == "query").then(|| {
        format!("`{method}` has its own field in a path item (`{lower}`), not one in `additionalOperations`")
    })
}

/// 3.1's `info.summary` and `license.identifier`, moved where 3.0 keeps what it has no field
/// for ([`SUMMARY`], [`SPDX`]).
fn info_fields(info: &mut Map<String, Value>) {
    if let Some(summary) = info.remove("summary") {
        info.insert(SUMMARY.into(), summary);
    }
    if let Some(Value::Object(license)) = info.get_mut("license")
        && let Some(identifier) = license.remove("identifier")
    {
        license.insert(SPDX.into(), identifier);
    }
}

/// A `$ref` with sibling keywords, which 3.0 would ignore: the reference becomes the one
/// member of an `allOf` beside them, the 3.0 way of saying the same.
fn ref_siblings(object: &mut Map<String, Value>) {
    if object.len() < 2 || !object.contains_key("$ref") {
        return;
    }
    let Some(reference) = object.remove("$ref") else {
        return;
    };
    let member = json!({ "$ref": reference });
    match object.get_mut("allOf") {
        Some(Value::Array(members)) => members.insert(0, member),
        _ => {
            object.insert("allOf".into(), json!([member]));
        }
    }
}

/// JSON Schema keywords with a 3.0 spelling: `const`, `examples`, numeric exclusive bounds,
/// `contentEncoding` and `contentMediaType`.
fn rename_annotations(object: &mut Map<String, Value>) {
    if let Some(value) = object.remove("const") {
        object.entry("enum").or_insert_with(|| json!([value]));
    }
    if let Some(Value::Array(examples)) = object.remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        object.entry("example").or_insert(first);
    }
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(bound @ Value::Number(_)) = object.get(exclusive).cloned() {
            object.insert(inclusive.into(), bound);
            object.insert(exclusive.into(), true.into());
        }
    }
    let encoding = object.remove("contentEncoding");
    let media = object.remove("contentMediaType");
    let format = match (encoding.as_ref().and_then(Value::as_str), media) {
        (Some("base64" | "base64url"), _) => Some("byte"),
        (Some(_), _) => Some("binary"),
        (None, Some(Value::String(media))) if !is_text(&media) => Some("binary"),
        _ => None,
    };
    if let Some(format) = format {
        object.entry("format").or_insert_with(|| format.into());
    }
}

fn is_text(media: &str) -> bool {
    media.starts_with("text/") || media.contains("json") || media.contains("xml")
}

/// Every `$ref` in a value whose target moved, pointed at the new place.
fn retarget(value: &mut Value, moved: &HashMap<String, String>) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object.iter_mut() {
                match (key.as_str(), &*inner) {
                    ("$ref", Value::String(target)) => {
                        if let Some(new) = moved.get(target) {
                            *inner = new.as_str().into();
                        }
                    }
                    _ => retarget(inner, moved),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| retarget(item, moved)),
        _ => {}
    }
}
