//! Reading a document: text in, a typed OpenAPI 3.0 document out, or a diagnostic that says where
//! the text went wrong.
//!
//! openapiv3 reads OpenAPI 3.0. A Swagger 2.0 document ([`swagger`]) or an OpenAPI 3.1 or 3.2
//! one ([`json_schema`]) is first rewritten, as a JSON value, into the 3.0 shape, so that one
//! normalizer and one model serve every version; [`Origins`] maps each pointer into the
//! rewritten document back to the text the user wrote.

mod bundle;
mod deviations;
mod json_schema;
mod origins;
mod repeated;
mod swagger;
mod type_forms;

pub(crate) use json_schema::{SPDX, SUMMARY, TUPLE};
pub use origins::Origins;

/// Webhooks (or paths) by name, as openapiv3 reads path items.
pub type Webhooks = indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>;

/// The extension of a path item that holds, by method as HTTP writes it (`QUERY`, `LINK`),
/// the operations of methods 3.0 has no field for: OpenAPI 3.2's `query` and
/// `additionalOperations`.
pub const OTHER_METHODS: &str = "x-openapi-gen-methods";

/// Operations of other methods ([`OTHER_METHODS`]), by the pointer of their path item
/// (`#/paths/~1search`), then by method.
pub type OtherMethods =
    std::collections::HashMap<String, indexmap::IndexMap<String, openapiv3::Operation>>;

/// The extension that holds a document's webhooks in the 3.0 shape (3.0 has no field for
/// them; some 3.0 documents use this one for the same).
pub const WEBHOOKS: &str = "x-webhooks";

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use openapiv3::{OpenAPI, PathItem, ReferenceOr, Response, Schema};
use std::path::Path;

/// A document read into the OpenAPI 3.0 shape.
#[derive(Debug)]
pub struct Loaded {
    pub document: OpenAPI,
    /// The requests the API sends to its users' endpoints (OpenAPI 3.1's `webhooks`).
    pub webhooks: Webhooks,
    /// The operations of methods 3.0 has no field for (3.2's `query`, say).
    pub methods: OtherMethods,
    /// One for each value that had to be ignored or rewritten with a loss to read it.
    pub warnings: Diagnostics,
    /// Where the parts of `document` are in the text, for a document of another version.
    pub origins: Origins,
}

/// Parses a Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 document written as JSON or YAML.
///
/// JSON is detected by its first character and read with serde_json (several times faster than
/// YAML on multi-megabyte documents); anything else is read as YAML. A 3.0 document is read
/// directly into openapiv3's types; the slower path through a JSON value is taken only for
/// other versions and for 3.0 documents that need repairs.
pub fn parse(text: &str) -> Result<Loaded, Diagnostic> {
    parse_at(text, None)
}

/// Reads the document in the file at `path`, and every file its `$ref`s name.
pub fn read(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::new(
            &Pointer::root(),
            format!("cannot read {}: {e}", path.display()),
            "give the path of an OpenAPI document",
        )
    })?;
    parse_at(&text, Some(path))
}

/// [`parse`] of a text read from `file`, where its references to other files are relative to.
pub fn parse_at(text: &str, file: Option<&Path>) -> Result<Loaded, Diagnostic> {
    let is_json = text.trim_start().starts_with('{');
    let split = file.filter(|_| bundle::refers_to_files(text));
    // Warnings at the text's own pointers, before any rewrite.
    let mut repeated = Vec::new();
    let error = match split {
        Some(_) => None,
        None => match direct(text, is_json) {
            Ok(Some(document)) if document.openapi.starts_with("3.0") => {
                return Ok(loaded(document, Diagnostics::default(), Origins::default()));
            }
            Ok(Some(_)) => None,
            Ok(None) => {
                repeated = repeated::warnings(text, is_json);
                None
            }
            Err(error) => Some(error),
        },
    };
    let Some(value) = value_of(text, is_json) else {
        let error = error.or_else(|| direct(text, is_json).err());
        return Err(error.unwrap_or_else(|| not_a_document(&Pointer::root())));
    };
    let (value, files, bundled) = match split {
        Some(root) => bundle::bundle(value, root),
        None => (value, Origins::default(), Diagnostics::default()),
    };
    let bundled = bundled.0.into_iter().map(|d| files.restore(d));
    let mut warnings = Diagnostics(repeated.into_iter().chain(bundled).collect());
    let version = version(&value)?;
    let mut value = value;
    let repaired_deviations = deviations::repair(&mut value, &version);
    warnings.extend(repaired_deviations.0.into_iter().map(|d| files.restore(d)));
    let v30 = matches!(version, Version::V30);
    let (value, moves, converted) = match version {
        Version::V30 => (value, Origins::default(), Diagnostics::default()),
        Version::Swagger2 => swagger::convert(&value),
        Version::V31 => json_schema::convert(value),
    };
    let origins = moves.after(files);
    let (mut value, mut fixed) = (value, Diagnostics::default());
    operations_repaired(&mut value, &mut fixed);
    warnings.extend(fixed.0.into_iter().map(|d| origins.restore(d)));
    let (document, repairs) = match (repaired(value), error) {
        (Ok(read), _) => read,
        // A 3.0 document that could not be repaired: the direct read's error has the line.
        (Err(_), Some(error)) if v30 => return Err(error),
        (Err(error), _) => return Err(origins.restore(error)),
    };
    let restored = converted.0.into_iter().chain(repairs.0);
    warnings.extend(restored.map(|d| origins.restore(d)));
    Ok(loaded(document, warnings, origins))
}

/// The document with its webhooks, and the operations of other methods, taken out of the
/// extensions that carry them.
fn loaded(mut document: OpenAPI, mut warnings: Diagnostics, origins: Origins) -> Loaded {
    let mut take = Extensions {
        warnings: &mut warnings,
        origins: &origins,
    };
    let at = Pointer::root().push(WEBHOOKS);
    let mut webhooks: Webhooks = match document.extensions.shift_remove(WEBHOOKS) {
        None => Webhooks::default(),
        Some(value) => take.read(value, &at, "webhook", "write each webhook as a path item"),
    };
    let mut methods = OtherMethods::new();
    take.methods(
        &mut document.paths.paths,
        &Pointer::root().push("paths"),
        &mut methods,
    );
    take.methods(&mut webhooks, &at, &mut methods);
    Loaded {
        document,
        webhooks,
        methods,
        warnings,
        origins,
    }
}

/// Reads what the load stage kept in extensions, warning (at the text's pointer) about a
/// part that does not read.
struct Extensions<'a> {
    warnings: &'a mut Diagnostics,
    origins: &'a Origins,
}

impl Extensions<'_> {
    fn read<T: serde::de::DeserializeOwned + Default>(
        &mut self,
        value: serde_json::Value,
        at: &Pointer,
        what: &str,
        help: &str,
    ) -> T {
        serde_path_to_error::deserialize(value).unwrap_or_else(|error| {
            let pointer = tokens(error.path())
                .iter()
                .fold(at.clone(), |p, t| p.push(t));
            let warning = Diagnostic::new(
                &pointer,
                format!("not a valid {what}: {}", error.inner()),
                help,
            )
            .instead(format!("left the {what} out"));
            self.warnings.push(self.origins.restore(warning));
            T::default()
        })
    }

    /// The operations of other methods of each path item under `base`, by its pointer.
    fn methods(&mut self, items: &mut Webhooks, base: &Pointer, found: &mut OtherMethods) {
        for (path, item) in items.iter_mut() {
            let openapiv3::ReferenceOr::Item(item) = item else {
                continue;
            };
            let Some(value) = item.extensions.shift_remove(OTHER_METHODS) else {
                continue;
            };
            let at = base.push(path);
            let methods = self.read(
                value,
                &at.push(OTHER_METHODS),
                "operation",
                "write each operation as an operation object",
            );
            found.insert(at.to_string(), methods);
        }
    }
}

/// Keys whose values are data (examples, defaults, extensions): no part of the document is
/// inside them, and a `$ref` there is only text.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// The keys of a path item that hold operations (Swagger 2.0 has all but `trace`).
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The object at `keys` below a document's root (`components/schemas`, say), made where
/// missing; `None` when the document has something else there.
fn object_made<'v>(
    root: &'v mut serde_json::Map<String, serde_json::Value>,
    keys: &[impl AsRef<str>],
) -> Option<&'v mut serde_json::Map<String, serde_json::Value>> {
    let empty = || serde_json::Value::Object(serde_json::Map::new());
    keys.iter().try_fold(root, |object, key| {
        object
            .entry(key.as_ref())
            .or_insert_with(empty)
            .as_object_mut()
    })
}

/// `wanted`, or `wanted2`, `wanted3`, ... : the first that is not `taken`.
fn free_name(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut name = wanted.to_owned();
    let mut n = 2;
    while taken(&name) {
        name = format!("{wanted}{n}");
        n += 1;
    }
    name
}

/// The typed read of a 3.0 document's text, without a JSON value between; `None` when the
/// read gave up where openapiv3 panics (a repeated key, which it reads two ways).
fn direct(text: &str, is_json: bool) -> Result<Option<OpenAPI>, Diagnostic> {
    let read = || {
        if is_json {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| shape_error(e.path(), e.inner()))
        } else {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| yaml_error(e.path(), e.inner()))
        }
    };
    match std::panic::catch_unwind(read) {
        Ok(read) => read.map(Some),
        Err(_) => Ok(None),
    }
}

/// The versions read.
enum Version {
    Swagger2,
    V30,
    /// 3.1 and 3.2: JSON Schema 2020-12 schemas.
    V31,
}

/// The version a document declares, or why it is not one this tool reads.
fn version(value: &serde_json::Value) -> Result<Version, Diagnostic> {
    let found = |key: &'static str| value.get(key).map(|v| (key, v));
    let (key, version) = match found("openapi").or_else(|| found("swagger")) {
        Some(("swagger", serde_json::Value::String(v))) if v == "2.0" => {
            return Ok(Version::Swagger2);
        }
        Some(("openapi", serde_json::Value::String(v))) if v.starts_with("3.0") => {
            return Ok(Version::V30);
        }
        Some(("openapi", serde_json::Value::String(v)))
            if v.starts_with("3.1.") || v.starts_with("3.2.") =>
        {
            return Ok(Version::V31);
        }
        Some((key, serde_json::Value::String(v))) => (key, v.clone()),
        Some((key, other)) => (key, other.to_string()),
        None if value.is_object() => {
            return Err(Diagnostic::new(
                &Pointer::root(),
                "the document declares no OpenAPI version (no `openapi` or `swagger` field)",
                "start the document with `openapi: 3.1.0` (or the version it is written in)",
            ));
        }
        None => return Err(not_a_document(&Pointer::root())),
    };
    Err(Diagnostic::new(
        &Pointer::root().push(key),
        format!("unsupported version `{key}: {version}`"),
        "this tool reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 documents",
    ))
}

fn not_a_document(at: &Pointer) -> Diagnostic {
    Diagnostic::new(
        at,
        "not an OpenAPI document: the text is not a JSON or YAML object",
        "give the path of an OpenAPI document",
    )
}

/// Schema keywords that only constrain values; a malformed one (GitHub's and OpenAI's
/// documents have integer bounds beyond i64) can be dropped without changing any type.
const DROPPABLE: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "format",
    "example",
    "default",
];

/// How many malformed nodes one document may have before reading gives up.
const MAX_REPAIRS: usize = 256;

/// The text as a JSON value, for the slow paths taken only when the direct read fails.
fn value_of(text: &str, is_json: bool) -> Option<serde_json::Value> {
    match is_json {
        true => serde_json::from_str(text).ok(),
        false => serde_yaml::from_str::<Lenient>(text).ok().map(|v| v.0),
    }
}

/// The typed read of a JSON value in the 3.0 shape, dropping each malformed constraint
/// keyword it stumbles on, reading any other malformed schema as any value and leaving out a
/// malformed parameter, each with a warning; the first error it cannot repair otherwise.
fn repaired(mut value: serde_json::Value) -> Result<(OpenAPI, Diagnostics), Diagnostic> {
    let mut warnings = Diagnostics::default();
    // Where the last node was set aside: one that fails again there was no schema after all.
    let mut previous: Option<Pointer> = None;
    for _ in 0..MAX_REPAIRS {
        let error = match serde_path_to_error::deserialize::<_, OpenAPI>(&value) {
            Ok(document) => return Ok((document, warnings)),
            Err(error) => error,
        };
        let mut keys = tokens(error.path());
        // `Paths` and `Responses` read their entries through a flattened map, which loses
        // the path below it: the entry that does not read is found again, alone.
        for _ in 0..2 {
            let map = value_at(&mut value, &keys);
            let below = match keys.last().map(String::as_str) {
                Some("paths") if keys.len() == 1 => failing_entry::<PathItem>(map),
                Some("responses") => failing_entry::<Response>(map),
                _ => None,
            };
            match below {
                Some(below) => keys.extend(below),
                None => break,
            }
        }
        let unrepairable = || shape_error(error.path(), error.inner());
        if let Some(warning) = supplied(&mut value, &keys, &error.inner().to_string()) {
            warnings.push(warning);
            continue;
        }
        let Some((keyword, parent)) = keys.split_last() else {
            return Err(unrepairable());
        };
        if !DROPPABLE.contains(&keyword.as_str()) || !is_schema_at(parent) {
            let message = error.inner().to_string();
            let here = keys.iter().fold(Pointer::root(), |p, k| p.push(k));
            let warning = match previous.as_ref() == Some(&here) {
                true => {
                    warnings.0.pop();
                    left_out(&mut value, &keys, &message)
                }
                false => replaced(&mut value, &keys, &message)
                    .or_else(|| left_out(&mut value, &keys, &message)),
            };
            let warning = warning.ok_or_else(unrepairable)?;
            previous = Some(warning.pointer.clone());
            warnings.push(warning);
            continue;
        }
        let object = value_at(&mut value, parent).ok_or_else(unrepairable)?;
        let removed = object.as_object_mut().and_then(|o| o.remove(keyword));
        removed.ok_or_else(unrepairable)?;
        let pointer = keys.iter().fold(Pointer::root(), |p, k| p.push(k));
        warnings.push(
            Diagnostic::new(
                &pointer,
                format!(
                    "`{keyword}` has a value OpenAPI 3.0 does not allow: {}",
                    error.inner()
                ),
                format!("fix or remove `{keyword}`"),
            )
            .instead("ignored it"),
        );
    }
    Err(Diagnostic::new(
        &Pointer::root(),
        format!("more than {MAX_REPAIRS} malformed keywords"),
        "fix the values the warnings name",
    ))
}

/// The keys, below a map of `T`s (path items, responses), of the first entry that does not
/// read as one: its key and the keys inside it. Extensions and references are skipped.
fn failing_entry<T: serde::de::DeserializeOwned>(
    map: Option<&mut serde_json::Value>,
) -> Option<Vec<String>> {
    let entries = map?.as_object()?;
    let read = |entry: &serde_json::Value| {
        // As a `T`: `ReferenceOr`, untagged, would lose the path below it too.
        serde_path_to_error::deserialize::<_, T>(entry).err()
    };
    entries
        .iter()
        .filter(|(key, entry)| !key.starts_with("x-") && entry.get("$ref").is_none())
        .find_map(|(key, entry)| {
            let error = read(entry)?;
            Some(
                std::iter::once(key.clone())
                    .chain(tokens(error.path()))
                    .collect(),
            )
        })
}

/// Leaves out the node at `keys`, which neither a schema nor a parameter holds, from the
/// object or list it is in, with a warning; `None` for the document itself. A part another
/// one requires goes next, on the next read, until what is left reads.
fn left_out(value: &mut serde_json::Value, keys: &[String], message: &str) -> Option<Diagnostic> {
    let (last, parent) = keys.split_last()?;
    match value_at(value, parent)? {
        serde_json::Value::Object(object) => {
            object.shift_remove(last)?;
        }
        serde_json::Value::Array(items) => {
            let index: usize = last.parse().ok()?;
            (index < items.len()).then(|| items.remove(index))?;
        }
        _ => return None,
    }
    let at = keys.iter().fold(Pointer::root(), |p, k| p.push(k));
    Some(
        Diagnostic::new(
            &at,
            format!("OpenAPI 3.0 cannot read this: {message}"),
            "write it as OpenAPI 3.0 says",
        )
        .instead("left it out"),
    )
}

/// Sets aside the node at `keys` the typed read rejected (with the reader's `message`): the
/// nearest schema that holds it becomes any value (`{}`), or else the parameter that holds it
/// is left out; with a warning at the exact node. `None` when neither holds it.
fn replaced(value: &mut serde_json::Value, keys: &[String], message: &str) -> Option<Diagnostic> {
    let diagnostic = |keys: &[String], instead: &str| {
        let at = keys.iter().fold(Pointer::root(), |p, k| p.push(k));
        Diagnostic::new(
            &at,
            format!("OpenAPI 3.0 cannot read this: {message}"),
            "write it as OpenAPI 3.0 says",
        )
        .instead(instead)
    };
    if let Some(depth) = (1..=keys.len()).rev().find(|&n| is_schema_at(&keys[..n])) {
        // A schema reads its keywords through flattened maps, which lose the path below it:
        // the deepest schema inside it that does not read is the one set aside.
        let mut keys = keys[..depth].to_vec();
        keys.extend(failing_within(value_at(value, &keys)?));
        *value_at(value, &keys)? = serde_json::json!({});
        return Some(diagnostic(&keys, "read that schema as any value"));
    }
    let depth = (2..=keys.len())
        .rev()
        .find(|&n| keys[n - 2] == "parameters" && keys[n - 1].parse::<usize>().is_ok())?;
    let (index, list) = keys[..depth].split_last()?;
    let list = value_at(value, list)?.as_array_mut()?;
    let index: usize = index.parse().ok()?;
    (index < list.len()).then(|| list.remove(index))?;
    Some(diagnostic(&keys[..depth], "left the parameter out"))
}

/// The keys, below a schema that does not read, of the deepest schema inside it that does not
/// read either (none when the schema itself is at fault).
fn failing_within(schema: &serde_json::Value) -> Vec<String> {
    let reads = |node: &serde_json::Value| {
        serde_json::from_value::<ReferenceOr<Schema>>(node.clone()).is_ok()
    };
    let mut children: Vec<(Vec<String>, &serde_json::Value)> = Vec::new();
    if let Some(object) = schema.as_object() {
        for key in ["items", "additionalProperties", "not"] {
            if let Some(child) = object.get(key).filter(|c| !c.is_boolean()) {
                children.push((vec![key.to_owned()], child));
            }
        }
        for key in ["properties"] {
            for (name, child) in object
                .get(key)
                .and_then(|p| p.as_object())
                .into_iter()
                .flatten()
            {
                children.push((vec![key.to_owned(), name.clone()], child));
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            let members = object
                .get(key)
                .and_then(|m| m.as_array())
                .into_iter()
                .flatten();
            for (i, child) in members.enumerate() {
                children.push((vec![key.to_owned(), i.to_string()], child));
            }
        }
    }
    match children.into_iter().find(|(_, child)| !reads(child)) {
        Some((mut keys, child)) => {
            keys.extend(failing_within(child));
            keys
        }
        None => Vec::new(),
    }
}

/// Whether the node at `keys` is a schema: a component schema (or a 2.0 definition), a
/// `schema` of a part (not a part named `schema` in a map of names), or a property, items,
/// additional properties, member or negation of a schema.
fn is_schema_at(keys: &[String]) -> bool {
    let n = keys.len();
    let key = |i: usize| keys[i].as_str();
    if (n == 2 && key(0) == "definitions")
        || (n == 3 && key(0) == "components" && key(1) == "schemas")
    {
        return true;
    }
    let Some(last) = n.checked_sub(1).map(key) else {
        return false;
    };
    let parent = n.checked_sub(2).map(key);
    match (parent, last) {
        (Some("properties" | "patternProperties" | "$defs"), _) => is_schema_at(&keys[..n - 2]),
        (Some("allOf" | "oneOf" | "anyOf" | "prefixItems"), index) => {
            index.parse::<usize>().is_ok() && is_schema_at(&keys[..n - 2])
        }
        (_, "items" | "additionalProperties" | "not") => is_schema_at(&keys[..n - 1]),
        (parent, "schema") => !parent.is_some_and(is_map_of_names),
        _ => false,
    }
}

/// Keys whose values map names of the API's choosing to parts.
fn is_map_of_names(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "$defs"
            | "definitions"
            | "schemas"
            | "paths"
            | "parameters"
            | "responses"
            | "headers"
            | "content"
            | "securitySchemes"
            | "requestBodies"
            | "pathItems"
            | "callbacks"
            | "webhooks"
            | "encoding"
            | "examples"
            | "links"
    )
}

/// Required fields a document may leave out, what stands in for each, and why: a schema
/// library has no `paths`, and the rest is not needed to generate code.
const SUPPLIED: &[(&str, &str, &str)] = &[
    ("paths", "{}", "no operations"),
    ("version", "\"\"", "no version"),
    ("title", "\"\"", "no title"),
    (
        "info",
        r#"{"title": "", "version": ""}"#,
        "no title or version",
    ),
    ("responses", "{}", "no documented response"),
];

/// Gives a required field the read error `message` at `keys` says is missing its stand-in,
/// with a warning; `None` when the error is another.
fn supplied(value: &mut serde_json::Value, keys: &[String], message: &str) -> Option<Diagnostic> {
    let field = message.strip_prefix("missing field `")?.split('`').next()?;
    let &(_, stand_in, meaning) = SUPPLIED.iter().find(|(name, ..)| *name == field)?;
    let object = value_at(value, keys)?.as_object_mut()?;
    if object.contains_key(field) {
        return None;
    }
    object.insert(field.to_owned(), serde_json::from_str(stand_in).ok()?);
    let at = keys.iter().fold(Pointer::root(), |p, k| p.push(k));
    Some(
        Diagnostic::new(
            &at,
            format!("the required field `{field}` is missing"),
            format!("add `{field}`"),
        )
        .instead(format!("read it as `{field}: {stand_in}`: {meaning}")),
    )
}

/// What openapiv3 cannot read in an operation that a generator can: an operation without
/// `responses` is read with none (and a warning), and a callback written as a `$ref` (valid
/// 3.0) is replaced by the callback it points to. Callbacks are not generated, so a `$ref`
/// that points nowhere is left for the read to report.
fn operations_repaired(value: &mut serde_json::Value, warnings: &mut Diagnostics) {
    let mut found = Vec::new();
    let items = value
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut);
    for (path, item) in items.into_iter().flatten() {
        let ops = item.as_object_mut().into_iter().flatten();
        for (method, op) in ops.filter(|(method, _)| METHODS.contains(&method.as_str())) {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            if !op.contains_key("responses") {
                op.insert("responses".to_owned(), serde_json::json!({}));
                let at = Pointer::root().push("paths").push(path).push(method);
                warnings.push(
                    Diagnostic::new(&at, "the operation has no `responses`", "add `responses`")
                        .instead("read it with no documented response"),
                );
            }
        }
    }
    let items = value.get("paths").and_then(serde_json::Value::as_object);
    for (path, item) in items.into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let callbacks = op.get("callbacks").and_then(serde_json::Value::as_object);
            for (name, callback) in callbacks.into_iter().flatten() {
                let reference = callback.get("$ref").and_then(serde_json::Value::as_str);
                let target = reference
                    .and_then(|r| r.strip_prefix('#'))
                    .and_then(|r| value.pointer(r));
                if let Some(target) = target.filter(|t| t.get("$ref").is_none()) {
                    let at = ["paths", path, method, "callbacks", name].map(str::to_owned);
                    found.push((at, target.clone()));
                }
            }
        }
    }
    for (at, target) in found {
        if let Some(callback) = value_at(value, &at) {
            *callback = target;
        }
    }
}

/// The value at `keys` (object keys and array indexes) in `value`.
fn value_at<'v>(
    value: &'v mut serde_json::Value,
    keys: &[String],
) -> Option<&'v mut serde_json::Value> {
    keys.iter().try_fold(value, |object, key| match object {
        serde_json::Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        other => other.get_mut(key),
    })
}

/// libyaml's scanner and parser errors say "while scanning" / "while parsing"; anything else
/// is a well-formed YAML document of the wrong shape.
fn yaml_error(path: &serde_path_to_error::Path, error: &serde_yaml::Error) -> Diagnostic {
    let text = error.to_string();
    match error.location() {
        Some(at) if text.contains("while scanning") || text.contains("while parsing") => {
            Diagnostic::new(
                &pointer_of(path),
                format!(
                    "invalid YAML at line {}, column {}: {text}",
                    at.line(),
                    at.column()
                ),
                "fix the YAML syntax at that line",
            )
        }
        _ => shape_error(path, error),
    }
}

/// A document that parsed as JSON/YAML but does not have the shape of an OpenAPI document.
fn shape_error(path: &serde_path_to_error::Path, error: &dyn std::fmt::Display) -> Diagnostic {
    use serde_path_to_error::Segment;
    let pointer = path
        .iter()
        .fold(Pointer::root(), |p, segment| match segment {
            Segment::Map { key } => p.push(key),
            Segment::Seq { index } => p.push(index.to_string()),
            Segment::Enum { variant } => p.push(variant),
            Segment::Unknown => p,
        });
    Diagnostic::new(
        &pointer,
        format!("not a valid OpenAPI 3.0 document: {error}"),
        "compare this part of the document with the OpenAPI 3.0 specification",
    )
}

/// The pointer to where deserialization was when it failed. openapiv3 flattens some objects,
/// and inside those the path stops at the enclosing object: still the right neighborhood.
fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    tokens(path)
        .iter()
        .fold(Pointer::root(), |p, token| p.push(token))
}

/// The reference tokens of a deserialization path.
fn tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Map { key } => Some(key.clone()),
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

/// A JSON value read from YAML more leniently than `serde_json::Value` or `serde_yaml::Value`
/// read it: integers beyond 64 bits become floats, and scalar keys (`200:`) become strings.
struct Lenient(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

impl<'de> serde::de::Visitor<'de> for LenientVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok((v as f64).into())
    }

    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok((v as f64).into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some((Lenient(key), Lenient(value))) = map.next_entry()? {
            let key = match key {
                serde_json::Value::String(key) => key,
                other => other.to_string(),
            };
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}
