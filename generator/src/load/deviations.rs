//! The deviations real documents make from the version they declare, read the way their
//! authors meant them, each with a warning that says what was read instead.
//!
//! Documents are written by hand and by many code-first tools, and the same slips recur: a
//! `type` list in a 2.0 document, `items` written as a list of schemas, `required: true` on a
//! property, `maxLength: "10"`, a parameter without `in`. Each is repaired here, in the
//! document as written (before its version is converted, so every pointer is the user's), where
//! its meaning is plain; whatever the typed read still rejects afterwards is set aside alone by
//! [`super::repaired`].

use super::type_forms;
use super::{TUPLE, Version, is_data};
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde_json::{Map, Value, json};

/// Repairs the deviations in `doc`, a document of `version`, with a warning for each.
pub(super) fn repair(doc: &mut Value, version: &Version) -> Diagnostics {
    let mut cx = Repairs {
        version: match version {
            Version::Swagger2 => "Swagger 2.0",
            Version::V30 => "OpenAPI 3.0",
            Version::V31 => "OpenAPI 3.1",
        },
        json_schema: matches!(version, Version::V31),
        swagger: matches!(version, Version::Swagger2),
        diags: Diagnostics::default(),
    };
    cx.part(doc, &Pointer::root(), None);
    cx.diags
}

struct Repairs {
    /// The version as the warnings name it.
    version: &'static str,
    /// Whether schemas are JSON Schema 2020-12, where `type` lists are valid.
    json_schema: bool,
    /// Whether the document is Swagger 2.0, whose parameters hold their value keywords.
    swagger: bool,
    diags: Diagnostics,
}

/// Schema keywords whose value is a number.
const NUMBERS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Keywords of schemas, parameters and bodies whose value is a boolean.
const BOOLEANS: &[&str] = &[
    "nullable",
    "readOnly",
    "writeOnly",
    "uniqueItems",
    "deprecated",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "required",
    "explode",
    "allowEmptyValue",
    "allowReserved",
];

impl Repairs {
    fn warn(&mut self, at: &Pointer, message: String, help: String, instead: String) {
        self.diags
            .push(Diagnostic::new(at, message, help).instead(instead));
    }

    /// A part of the document other than a schema: the schemas, parameters and responses in
    /// it are found by their keys. `path` is the path template the part is under.
    fn part(&mut self, value: &mut Value, at: &Pointer, path: Option<&str>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.part(item, &at.push(i.to_string()), path);
                }
            }
            Value::Object(object) => {
                let paths = at.as_str() == "#/paths";
                for (key, child) in object.iter_mut() {
                    let here = at.push(key);
                    match key.as_str() {
                        key if is_data(key) => {}
                        "schema" => self.schema(child, &here),
                        "definitions" | "schemas" => self.schemas(child, &here),
                        "parameters" => {
                            self.parameters(child, &here, path);
                            self.part(child, &here, path);
                        }
                        "responses" => self.responses(child, &here, path),
                        template if paths => self.part(child, &here, Some(template)),
                        _ => self.part(child, &here, path),
                    }
                }
            }
            _ => {}
        }
    }

    /// A map of schemas by name.
    fn schemas(&mut self, map: &mut Value, at: &Pointer) {
        for (name, schema) in map.as_object_mut().into_iter().flatten() {
            self.schema(schema, &at.push(name));
        }
    }

    /// A list of parameters (of a path item or operation) or a map of them (reusable ones).
    fn parameters(&mut self, parameters: &mut Value, at: &Pointer, path: Option<&str>) {
        match parameters {
            Value::Array(list) => {
                for (i, parameter) in list.iter_mut().enumerate() {
                    self.parameter(parameter, &at.push(i.to_string()), path);
                }
            }
            Value::Object(map) => {
                for (name, parameter) in map.iter_mut() {
                    self.parameter(parameter, &at.push(name), None);
                }
            }
            _ => {}
        }
    }

    /// A parameter without `in` is read as a path parameter when its path has its name,
    /// else as a query one; a parameter without a value schema is read as a string.
    fn parameter(&mut self, parameter: &mut Value, at: &Pointer, path: Option<&str>) {
        let Some(object) = parameter
            .as_object_mut()
            .filter(|p| !p.contains_key("$ref"))
        else {
            return;
        };
        match self.swagger && object.get("in").and_then(Value::as_str) != Some("body") {
            // A 2.0 parameter other than the body holds its value keywords itself.
            true => self.keywords(object, at),
            false => self.scalars(object, at),
        }
        let name = object
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        if !object.contains_key("in") && !name.is_empty() {
            let in_path = path.is_some_and(|p| p.contains(&format!("{{{name}}}")));
            let (location, why) = match in_path {
                true => ("path", format!("its path has `{{{name}}}`")),
                false if self.swagger && object.contains_key("schema") => {
                    ("body", "it has a `schema`".to_owned())
                }
                false => ("query", "the default of most APIs".to_owned()),
            };
            object.insert("in".into(), location.into());
            self.warn(
                at,
                format!("the parameter `{name}` has no `in`"),
                "add `in: query`, `path`, `header` or `cookie`".into(),
                format!("read it as a {location} parameter: {why}"),
            );
        }
        let body = object.get("in").and_then(Value::as_str) == Some("body");
        let typed = match (self.swagger, body) {
            (true, false) => object.contains_key("type"),
            _ => object.contains_key("schema") || object.contains_key("content"),
        };
        if !typed && !name.is_empty() {
            let (key, value, read) = match (self.swagger, body) {
                (true, false) => ("type", json!("string"), "its value as a string"),
                (true, true) => ("schema", json!({}), "the body as any JSON value"),
                _ => (
                    "schema",
                    json!({ "type": "string" }),
                    "its value as a string",
                ),
            };
            object.insert(key.into(), value);
            self.warn(
                at,
                format!("the parameter `{name}` says nothing of its value"),
                format!("add `{key}`"),
                format!("read {read}"),
            );
        }
    }

    /// Responses by status (`default` among them) or by name: each needs a `description`.
    fn responses(&mut self, responses: &mut Value, at: &Pointer, path: Option<&str>) {
        let entries = responses.as_object_mut().into_iter().flatten();
        for (key, response) in entries.filter(|(key, _)| !key.starts_with("x-")) {
            let here = at.push(key);
            if let Some(object) = response.as_object_mut()
                && !object.contains_key("$ref")
                && !object.contains_key("description")
            {
                object.insert("description".into(), "".into());
                self.warn(
                    &here,
                    "the response has no `description`, which is required".into(),
                    "add `description`".into(),
                    "read it with an empty description".into(),
                );
            }
            self.part(response, &here, path);
        }
    }

    /// A schema and the schemas inside it.
    fn schema(&mut self, schema: &mut Value, at: &Pointer) {
        let Some(object) = schema.as_object_mut().filter(|s| !s.contains_key("$ref")) else {
            return;
        };
        if let Some(flag) = object.get("required").and_then(flag) {
            // A property's was read by its object; this schema is not a property.
            object.remove("required");
            self.warn(
                &at.push("required"),
                format!("`required: {flag}` on a schema that is not a property"),
                "list required properties in their object's `required`".into(),
                "ignored it".into(),
            );
        }
        self.keywords(object, at);
        for (key, value) in object.iter_mut() {
            let here = at.push(key);
            match key.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions" => {
                    self.schemas(value, &here)
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                    for (i, member) in value.as_array_mut().into_iter().flatten().enumerate() {
                        self.schema(member, &here.push(i.to_string()));
                    }
                }
                "items" | "additionalProperties" | "not" | "if" | "then" | "else" => {
                    self.schema(value, &here)
                }
                _ => {}
            }
        }
    }

    /// The keywords of one schema (or of a 2.0 parameter, which holds them itself).
    fn keywords(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        self.scalars(object, at);
        self.exclusive_bounds(object, at);
        self.properties_list(object, at);
        self.property_requirements(object, at);
        self.items_list(object, at);
        if !self.json_schema && object.get("type").is_some_and(Value::is_array) {
            let written = object.get("type").cloned().unwrap_or_default();
            let read = type_forms::single_type(object, at);
            if let Err(problem) = read {
                return self.diags.push(problem);
            }
            let nullable = match object.get("nullable") {
                Some(Value::Bool(true)) => " with `nullable: true`",
                _ => "",
            };
            let several = written
                .as_array()
                .is_some_and(|names| names.iter().filter(|n| *n != "null").count() > 1);
            let instead = match object.get("type").and_then(Value::as_str) {
                Some(one) => format!("read it as `type: {one}`{nullable}"),
                None if several => format!("read it as a `oneOf` of one schema per type{nullable}"),
                None => "read it as any value, or null".to_owned(),
            };
            self.warn(
                &at.push("type"),
                format!("`type: {written}` is not a type {} allows", self.version),
                "write one type, with `nullable: true` for null, or a `oneOf` for several".into(),
                instead,
            );
        }
    }

    /// Numbers and booleans written as strings (`maxLength: "10"`, `nullable: "true"`), and
    /// `required` written as one name.
    fn scalars(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let parameter = object.contains_key("in");
        for (key, value) in object.iter_mut() {
            let Value::String(text) = value else {
                continue;
            };
            let boolean = BOOLEANS.contains(&key.as_str());
            let read = match text.trim() {
                "true" | "false" if boolean => json!(text.trim() == "true"),
                text if NUMBERS.contains(&key.as_str()) => match number(text) {
                    Some(number) => number,
                    None => continue,
                },
                // `required: id` on an object: the one property it requires.
                name if key == "required" && !parameter && !name.is_empty() => json!([name]),
                _ => continue,
            };
            let kind = match &read {
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                _ => "a list of property names",
            };
            self.diags.push(
                Diagnostic::new(
                    &at.push(key),
                    format!(
                        "`{key}` is the string {value}, where {} wants {kind}",
                        self.version
                    ),
                    format!("write `{key}: {read}`"),
                )
                .instead(format!("read it as {read}")),
            );
            *value = read;
        }
    }

    /// `exclusiveMinimum: 5` in a 2.0 or 3.0 document (the 3.1 form) is `minimum: 5` with
    /// `exclusiveMinimum: true`. (`exclusiveMinimum: true` in a 3.1 document, the 3.0 form,
    /// needs no repair: the conversion to the 3.0 shape keeps it, meaning what it meant.)
    fn exclusive_bounds(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        for (exclusive, inclusive) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            let instead = match object.get(exclusive) {
                Some(bound @ Value::Number(_)) if !self.json_schema => {
                    let bound = bound.clone();
                    let instead = format!("read it as `{inclusive}: {bound}`, exclusive");
                    object.insert(inclusive.into(), bound);
                    object.insert(exclusive.into(), true.into());
                    instead
                }
                _ => continue,
            };
            self.warn(
                &at.push(exclusive),
                format!("`{exclusive}` is written as OpenAPI 3.1 writes it"),
                format!(
                    "in {} `{exclusive}` is a boolean beside `{inclusive}`",
                    self.version
                ),
                instead,
            );
        }
    }

    /// `properties` written as a list: of one-entry maps (`- name: {schema}`), of schemas
    /// with a `name`, or of names.
    fn properties_list(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let Some(Value::Array(list)) = object.get("properties") else {
            return;
        };
        let read: Option<Map<String, Value>> = list.iter().map(named_property).collect();
        let instead = match read {
            Some(map) => {
                object.insert("properties".into(), Value::Object(map));
                "read each entry as the property it names"
            }
            None => {
                object.remove("properties");
                "read the object without listed properties"
            }
        };
        self.warn(
            &at.push("properties"),
            "`properties` is a list; it is a map from each name to its schema".into(),
            "write `properties` as a map".into(),
            instead.into(),
        );
    }

    /// `required: true` (or false) on a property, as OpenAPI says it: the property's name in
    /// its object's `required` list (or not).
    fn property_requirements(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let Some(Value::Object(properties)) = object.get_mut("properties") else {
            return;
        };
        let mut required = Vec::new();
        for (name, property) in properties.iter_mut() {
            let Some(property) = property.as_object_mut() else {
                continue;
            };
            let Some(flag) = property.get("required").and_then(flag) else {
                continue;
            };
            property.remove("required");
            let here = at.push("properties").push(name).push("required");
            let instead = match flag {
                true => format!("read `{name}` as listed in the object's `required`"),
                false => format!("read `{name}` as not listed in the object's `required`"),
            };
            self.warn(
                &here,
                format!("`required: {flag}` on a property"),
                "list required properties in their object's `required`".into(),
                instead,
            );
            if flag {
                required.push(Value::String(name.clone()));
            }
        }
        if required.is_empty() {
            return;
        }
        let list = object.entry("required").or_insert_with(|| json!([]));
        if !list.is_array() {
            *list = json!([]);
        }
        if let Value::Array(list) = list {
            required.retain(|name| !list.contains(name));
            list.extend(required);
        }
    }

    /// `items` written as a list of schemas: a tuple when `additionalItems: false` allows
    /// nothing after them, else an item of any of them.
    fn items_list(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let Some(Value::Array(list)) = object.get("items") else {
            return;
        };
        let list = list.clone();
        let positional = object.get("additionalItems") == Some(&Value::Bool(false));
        let count = list.len();
        let instead = if positional {
            object.remove("additionalItems");
            object.insert("items".into(), json!({ "oneOf": list }));
            object.insert(TUPLE.into(), true.into());
            "read it as a tuple of one item of each schema, in order (`additionalItems: false`)"
        } else {
            let mut items = match <[Value; 1]>::try_from(list) {
                Ok([one]) => one,
                Err(list) => json!({ "anyOf": list }),
            };
            if let Value::Object(items) = &mut items {
                type_forms::lift_null_members(items);
            }
            object.insert("items".into(), items);
            match count {
                1 => "read it as its one schema",
                _ => "read it as items of any of them",
            }
        };
        let schemas = if count == 1 { "schema" } else { "schemas" };
        self.warn(
            &at.push("items"),
            format!(
                "`items` is a list of {count} {schemas}, which {} does not allow",
                self.version
            ),
            "write one schema under `items` (a `oneOf` for several)".into(),
            instead.into(),
        );
    }
}

/// A boolean, or a boolean written as a string.
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) => match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A number written as text, as JSON reads it.
fn number(text: &str) -> Option<Value> {
    let number: serde_json::Number = serde_json::from_str(text).ok()?;
    Some(Value::Number(number))
}

/// One entry of `properties` written as a list, as (name, schema).
fn named_property(entry: &Value) -> Option<(String, Value)> {
    match entry {
        Value::String(name) => Some((name.clone(), json!({}))),
        Value::Object(object) if object.len() == 1 => {
            let (name, schema) = object.iter().next()?;
            schema.is_object().then(|| (name.clone(), schema.clone()))
        }
        Value::Object(object) => {
            let name = object.get("name")?.as_str()?.to_owned();
            let mut schema = object.clone();
            schema.remove("name");
            Some((name, Value::Object(schema)))
        }
        _ => None,
    }
}
