//! A document written in several files, brought into one: every `$ref` to another file
//! (`schemas.yaml#/Pet`, `./paths/pets.yaml`) is followed, relative to the file it is written
//! in, and never over the network.
//!
//! A referenced schema becomes a component schema of its own name (the last token of its
//! pointer, or the file's stem), so it stays one named type however often it is used; any
//! other referenced part (a path item, a parameter, a response) is written out in place.
//! [`Origins`] keeps where each part came from, as `file#/pointer`.

use super::origins::Origins;
use super::{is_data, is_map_of_names, is_schema_at};
use crate::diag::{Diagnostic, Diagnostics, Pointer, unescape_token};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Whether a document's text refers to another file: a `$ref` whose value does not start with
/// `#`. A quick look at the text, so that a document in one file is never read twice.
pub(super) fn refers_to_files(text: &str) -> bool {
    text.match_indices("$ref").any(|(at, _)| {
        let rest = text[at + 4..].trim_start_matches(['"', '\'']);
        let value = rest
            .trim_start()
            .strip_prefix(':')
            .map(|v| v.trim_start().trim_start_matches(['"', '\'']));
        value.is_some_and(|v| !v.starts_with('#') && !is_url(v))
    })
}

/// Whether a reference names a place on the network (`https://...`), which is never followed.
fn is_url(reference: &str) -> bool {
    let scheme = reference.split_once("://").map(|(s, _)| s);
    let is_scheme = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    };
    scheme.is_some_and(|s| !s.is_empty() && is_scheme(s))
}

/// The document read from `root` (its value `doc`) with every other file it refers to
/// brought in.
pub(super) fn bundle(mut doc: Value, root: &Path) -> (Value, Origins, Diagnostics) {
    let root = normalized(root);
    let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
    // Swagger 2.0 keeps its schemas under `definitions`; its conversion moves them.
    let home: &[&str] = match doc.get("swagger") {
        Some(_) => &["definitions"],
        None => &["components", "schemas"],
    };
    let home = home.iter().fold(Pointer::root(), |p, key| p.push(key));
    let mut cx = Bundler {
        home,
        root: root.clone(),
        base,
        files: HashMap::new(),
        lifted: HashMap::new(),
        schemas: Vec::new(),
        taken: HashSet::new(),
        inlining: Vec::new(),
        origins: Origins::default(),
        diags: Diagnostics::default(),
    };
    let home_pointer = cx.home.as_str().trim_start_matches('#').to_owned();
    if let Some(Value::Object(schemas)) = doc.pointer(&home_pointer) {
        cx.taken = schemas.keys().cloned().collect();
        // A schema of the document's own that is only a reference to another file's is
        // that schema, by this name, wherever else it is referred to.
        for (name, schema) in schemas {
            let reference = schema.get("$ref").and_then(Value::as_str);
            if let Some(reference) = reference.filter(|r| !r.starts_with('#') && !is_url(r)) {
                cx.lifted
                    .entry(resolve(reference, &root))
                    .or_insert(name.clone());
            }
        }
    }
    cx.walk(&mut doc, &root, &Pointer::root(), false);
    if !cx.schemas.is_empty()
        && let Value::Object(object) = &mut doc
        && let Some(schemas) = super::object_made(object, &tokens_of(&cx.home))
    {
        schemas.extend(std::mem::take(&mut cx.schemas));
    }
    (doc, cx.origins, cx.diags)
}

struct Bundler {
    /// Where the document keeps its schemas: lifted ones join them.
    home: Pointer,
    /// The root document: its own references stay as written.
    root: PathBuf,
    /// The root document's folder: file names in pointers are relative to it.
    base: PathBuf,
    /// Every file read, by path; `None` for one that could not be read.
    files: HashMap<PathBuf, Option<Value>>,
    /// (file, pointer) of a schema already lifted -> its component name.
    lifted: HashMap<(PathBuf, String), String>,
    /// The lifted schemas, in the order first referred to.
    schemas: Vec<(String, Value)>,
    /// Component schema names in use.
    taken: HashSet<String>,
    /// The parts being written out, outermost first: a part that refers to itself is a cycle.
    inlining: Vec<(PathBuf, String)>,
    origins: Origins,
    diags: Diagnostics,
}

impl Bundler {
    /// Follows the references in `value`, written in `file`, now at `at` in the bundled
    /// document. `in_schema` says whether `value` is (inside) a schema. False when `value`
    /// is a part that could not be brought in and is left out (a diagnostic says so).
    fn walk(&mut self, value: &mut Value, file: &Path, at: &Pointer, in_schema: bool) -> bool {
        match value {
            Value::Object(object) => {
                let reference = object
                    .get("$ref")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let local = |r: &str| r.starts_with('#') && file == self.root;
                match reference {
                    Some(reference) if !local(&reference) && !is_url(&reference) => {
                        return self.follow(value, &reference, file, at, in_schema);
                    }
                    _ => {
                        // The entries of a map of names (`properties`) are parts whatever
                        // their names; elsewhere, values that are data are left alone.
                        let names = at.as_str().rsplit('/').next().is_some_and(is_map_of_names);
                        object.retain(|key, inner| {
                            if !names && is_data(key) {
                                return true;
                            }
                            let schema = in_schema
                                || matches!(key.as_str(), "schema" | "schemas" | "definitions");
                            self.walk(inner, file, &at.push(key), schema)
                        })
                    }
                }
            }
            Value::Array(items) => {
                self.spread(items, file);
                let mut i = 0;
                items.retain_mut(|item| {
                    i += 1;
                    self.walk(item, file, &at.push((i - 1).to_string()), in_schema)
                });
            }
            _ => {}
        }
        true
    }

    /// Replaces the reference object `value` by what it names: a reference to a lifted
    /// component schema, or the part itself. False when there is nothing to put in its place
    /// but the part is not a schema (which would allow any value).
    fn follow(
        &mut self,
        value: &mut Value,
        reference: &str,
        file: &Path,
        at: &Pointer,
        in_schema: bool,
    ) -> bool {
        let (target_file, fragment) = resolve(reference, file);
        if target_file == self.root {
            // Back into the main document: a reference of its own.
            let mut local = Map::new();
            local.insert("$ref".into(), format!("#{fragment}").into());
            *value = Value::Object(local);
            return true;
        }
        let key = (target_file.clone(), fragment.to_owned());
        // A part that cannot be brought in: a schema allows any value; another part is left out.
        let unresolved = |value: &mut Value| {
            *value = Value::Object(Map::new());
            in_schema
        };
        let fragment = fragment.as_str();
        let Some(target) = self.target(&target_file, fragment, reference, at) else {
            return unresolved(value);
        };
        let origin = self.origin_of(&target_file, fragment);
        // A reference where a schema stands is that schema, lifted to a component of its own
        // (a component schema that is only a reference takes the part's place and name).
        // Anywhere else, as in a schema's `properties`, the part is written where it stands.
        let lift = in_schema && is_schema_at(&tokens_of(at)) && !self.is_home_entry(at);
        if lift {
            let name = match self.lifted.get(&key) {
                Some(name) => name.clone(),
                None => self.lift(key, target, &origin),
            };
            let mut reference = Map::new();
            let pointer = self.home.push(&name);
            reference.insert("$ref".into(), pointer.as_str().into());
            *value = Value::Object(reference);
            return true;
        }
        if self.inlining.contains(&key) {
            self.diags.push(
                Diagnostic::new(
                    at,
                    format!("`$ref: {reference}` refers back to a part that contains it"),
                    "break the cycle, or move the part into the main document",
                )
                .instead("left the reference out"),
            );
            return unresolved(value);
        }
        self.origins.record(at, &origin);
        let mut part = target;
        self.inlining.push(key);
        let keep = self.walk(&mut part, &target_file, at, in_schema);
        self.inlining.pop();
        *value = part;
        keep
    }

    /// Whether `at` is an entry of where the document keeps its schemas.
    fn is_home_entry(&self, at: &Pointer) -> bool {
        let home = format!("{}/", self.home.as_str());
        let rest = at.as_str().strip_prefix(home.as_str());
        rest.is_some_and(|name| !name.contains('/'))
    }

    /// Replaces each item of a list that refers to a list in another file (parameters kept
    /// together in one place) by a reference to each item of that list, in order.
    fn spread(&mut self, items: &mut Vec<Value>, file: &Path) {
        let mut i = 0;
        while i < items.len() {
            let reference = items[i].get("$ref").and_then(Value::as_str);
            let elsewhere = |r: &&str| !(is_url(r) || r.starts_with('#') && file == self.root);
            let Some(reference) = reference.filter(elsewhere).map(str::to_owned) else {
                i += 1;
                continue;
            };
            let (target_file, fragment) = resolve(&reference, file);
            let length = match self.read(&target_file) {
                Ok(document) => document
                    .pointer(&fragment)
                    .and_then(|t| t.as_array())
                    .map(Vec::len),
                Err(_) => None,
            };
            let Some(length) = length else {
                i += 1;
                continue;
            };
            let base = reference.split('#').next().unwrap_or_default();
            let each = (0..length).map(|j| {
                let mut item = Map::new();
                item.insert("$ref".into(), format!("{base}#{fragment}/{j}").into());
                Value::Object(item)
            });
            items.splice(i..=i, each);
            i += length;
        }
    }

    /// Adds a referenced schema as a component of its own name, its references followed.
    fn lift(&mut self, key: (PathBuf, String), mut schema: Value, origin: &Pointer) -> String {
        let stem = key
            .0
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("Schema");
        let wanted = match key.1.rsplit('/').next() {
            Some(last) if !last.is_empty() => unescape_token(last),
            _ => stem.to_owned(),
        };
        let name = super::free_name(&wanted, |name| self.taken.contains(name));
        self.taken.insert(name.clone());
        self.lifted.insert(key.clone(), name.clone());
        let at = self.home.push(&name);
        self.origins.record(&at, origin);
        let file = key.0.clone();
        self.inlining.push(key);
        self.walk(&mut schema, &file, &at, true);
        self.inlining.pop();
        self.schemas.push((name.clone(), schema));
        name
    }

    /// The value a reference names, or a diagnostic saying why there is none.
    fn target(
        &mut self,
        file: &Path,
        fragment: &str,
        reference: &str,
        at: &Pointer,
    ) -> Option<Value> {
        let document = match self.read(file) {
            Ok(document) => document,
            Err(error) => {
                let shown = self.shown(file);
                self.diags.push(
                    Diagnostic::new(
                        at,
                        format!(
                            "`$ref: {reference}` names `{shown}`, which cannot be read: {error}"
                        ),
                        "fix the file name; it is relative to the file the reference is in",
                    )
                    .instead("used any JSON value"),
                );
                return None;
            }
        };
        let found = match fragment {
            "" | "/" => Some(document),
            pointer => document.pointer(pointer),
        }
        .cloned();
        if found.is_none() {
            let origin = self.origin_of(file, fragment);
            self.diags.push(
                Diagnostic::new(
                    at,
                    format!("`$ref: {reference}` points to nothing: `{origin}` does not exist"),
                    "fix the pointer after `#`",
                )
                .instead("used any JSON value"),
            );
        }
        found
    }

    /// A referenced file's value, read once.
    fn read(&mut self, file: &Path) -> Result<&Value, String> {
        if !self.files.contains_key(file) {
            let value = std::fs::read_to_string(file)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    let is_json = text.trim_start().starts_with('{');
                    super::value_of(&text, is_json).ok_or_else(|| "not JSON or YAML".to_owned())
                });
            let error = value.as_ref().err().cloned();
            self.files.insert(file.to_path_buf(), value.ok());
            if let Some(error) = error {
                return Err(error);
            }
        }
        match self.files.get(file) {
            Some(Some(value)) => Ok(value),
            _ => Err("not JSON or YAML, or not readable".to_owned()),
        }
    }

    /// Where a part of another file is, as a diagnostic names it: `schemas.yaml#/Pet`.
    fn origin_of(&self, file: &Path, fragment: &str) -> Pointer {
        let local = Pointer::root().extended(fragment.trim_end_matches('/'));
        Pointer::in_file(&self.shown(file), &local)
    }

    /// A file's name relative to the root document's folder, with `/` separators.
    fn shown(&self, file: &Path) -> String {
        let relative = file.strip_prefix(&self.base).unwrap_or(file);
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }
}

/// The file a reference written in `file` names, and the pointer after its `#` (without a
/// trailing `/`).
fn resolve(reference: &str, file: &Path) -> (PathBuf, String) {
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let target = match path {
        "" => file.to_path_buf(),
        path => file.parent().unwrap_or(Path::new("")).join(path),
    };
    (
        normalized(&target),
        fragment.trim_end_matches('/').to_owned(),
    )
}

/// The unescaped reference tokens of a pointer into the bundled document.
fn tokens_of(at: &Pointer) -> Vec<String> {
    let rest = at.as_str().trim_start_matches('#');
    rest.split('/').skip(1).map(unescape_token).collect()
}

/// A path with its `.` and `..` components resolved without touching the file system, so
/// that one file reached two ways is read once.
fn normalized(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
