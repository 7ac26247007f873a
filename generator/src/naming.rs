//! Every identifier decision: casing, keywords, and collisions.
//!
//! Names come in two strengths. A *required* name comes from the document (a schema key, an
//! operationId); if two of them map to one Rust name, that is an error naming both. A
//! *suggested* name comes from context (an inline schema named after its parent and property);
//! it yields to required names and takes a numeric suffix when taken.

use crate::diag::{Diagnostic, Pointer};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashMap;

/// A Rust type or variant name (`UpperCamelCase`) for any string.
pub fn type_ident(raw: &str) -> String {
    let ident = words(raw).to_upper_camel_case();
    let ident = match ident.chars().next() {
        None => "Value".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{ident}"),
        Some(_) => ident,
    };
    if ident == "Self" {
        "Self_".to_owned()
    } else {
        ident
    }
}

/// Names the generated code uses unqualified; a schema may not shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec",
];

/// A Rust type name for a schema: [`type_ident`], moved off the prelude names generated code
/// relies on (`String` becomes `StringType`).
pub fn schema_type_ident(raw: &str) -> String {
    let ident = type_ident(raw);
    if RESERVED_TYPES.contains(&ident.as_str()) {
        format!("{ident}Type")
    } else {
        ident
    }
}

/// A Rust field, method or module name (`snake_case`) for any string.
pub fn value_ident(raw: &str) -> String {
    let ident = words(raw).to_snake_case();
    let ident = match ident.chars().next() {
        None => "value".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{ident}"),
        Some(_) => ident,
    };
    escape_keyword(ident)
}

/// The file stem of the docs page of every schema, which no tag page may take.
pub const SCHEMAS_PAGE: &str = "schemas";

/// The docs page that opens the reference.
pub const INDEX_PAGE: &str = "index";

/// The docs page on how to send a credential.
pub const AUTHENTICATION_PAGE: &str = "authentication";

/// The docs page file stem of a tag: lowercased, each run of characters outside `[a-z0-9 ]`
/// replaced by `-`.
pub fn page_stem(tag: &str) -> String {
    let mut out = String::new();
    let mut in_run = false;
    for c in tag.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    out
}

/// A crate name stem from a file's stem: lowercase ASCII letters and digits, each run of
/// anything else one `-`, none at the ends (`Petstore API v2` is `petstore-api-v2`, never a
/// `__` that is not snake case once joined); `api-` before one that does not start with a
/// letter, and `api` for none.
pub fn crate_stem(file_stem: &str) -> String {
    let mut stem = String::new();
    for c in file_stem.chars() {
        match c.is_ascii_alphanumeric() {
            true => stem.push(c.to_ascii_lowercase()),
            false if !stem.is_empty() && !stem.ends_with('-') => stem.push('-'),
            false => {}
        }
    }
    let stem = stem.trim_end_matches('-');
    match stem.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => stem.to_owned(),
        Some(_) => format!("api-{stem}"),
        None => "api".to_owned(),
    }
}

/// Replaces everything that cannot stand in an identifier by a word break, so `x-foo`,
/// `x.foo` and `x foo` all read as the words `x` and `foo`; signs become words, so GitHub's
/// `+1` and `-1` reactions stay apart (`plus_1`, `minus_1`), and so do range filters
/// (`StartTime<` and `StartTime>`: `start_time_lt`, `start_time_gt`).
fn words(raw: &str) -> String {
    let mut raw = raw.replace('+', " plus ");
    for (sign, word) in SIGNS {
        raw = raw.replace(sign, word);
    }
    let raw = match raw.strip_prefix('-') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => format!("minus {rest}"),
        _ => raw,
    };
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}
/// Comparison signs and their words, the two-character ones first.
const SIGNS: [(&str, &str); 5] = [
    ("<=", " lte "),
    (">=", " gte "),
    ("!=", " ne "),
    ("<", " lt "),
    (">", " gt "),
];

/// A field or parameter name kept closer to its spelling: [`words`] lowercased and joined by
/// `_` where the document has a break, without splitting camel case (`isGlobal`: `isglobal`).
fn spelled_value_ident(raw: &str) -> String {
    let words = words(raw).to_lowercase();
    let ident = words.split_whitespace().collect::<Vec<_>>().join("_");
    let ident = match ident.chars().next() {
        None => "value".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{ident}"),
        Some(_) => ident,
    };
    escape_keyword(ident)
}

/// Keywords become raw identifiers (`r#type`); the four that cannot be raw take a trailing `_`.
fn escape_keyword(ident: String) -> String {
    // syn accepts `gen` as an identifier, but edition 2024 reserves it.
    if ident != "gen" && syn::parse_str::<syn::Ident>(&ident).is_ok() {
        return ident;
    }
    match ident.as_str() {
        "self" | "super" | "crate" | "_" => format!("{ident}_"),
        _ => format!("r#{ident}"),
    }
}

/// The namespace of one scope (the type names of an API, the fields of a struct, ...).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashMap<String, Owner>,
}

#[derive(Debug, Clone)]
struct Owner {
    raw: String,
    pointer: Pointer,
}

impl Scope {
    /// Claims `ident` for a name the document gives. When it is taken, the claim falls back to
    /// a numbered name (`ident2`) and comes with a diagnostic naming both places: never a
    /// silent overwrite, and never a stop for a document that is otherwise fine.
    pub fn require(
        &mut self,
        ident: &str,
        raw: &str,
        pointer: &Pointer,
    ) -> (String, Option<Diagnostic>) {
        let Some(owner) = self.taken.get(ident) else {
            let owner = Owner {
                raw: raw.to_owned(),
                pointer: pointer.clone(),
            };
            self.taken.insert(ident.to_owned(), owner);
            return (ident.to_owned(), None);
        };
        let message = format!(
            "`{raw}` and `{}` (at {}) both become the Rust name `{ident}`",
            owner.raw, owner.pointer
        );
        let fallback = self.suggest(ident, pointer);
        let diagnostic = Diagnostic::new(pointer, message, "rename one of them in the document")
            .instead(format!("named this one `{fallback}`"));
        (fallback, Some(diagnostic))
    }

    /// Claims the field or parameter name of `raw`, [`value_ident`]. When another name of
    /// the document became that already (`is_global` before `isGlobal`), this one keeps
    /// its own spelling where that is free (`isglobal`): both readable and apart, so no
    /// diagnostic. Otherwise as [`Scope::require`].
    pub fn require_value(&mut self, raw: &str, pointer: &Pointer) -> (String, Option<Diagnostic>) {
        let ident = value_ident(raw);
        let spelled = spelled_value_ident(raw);
        if self.taken.contains_key(&ident) && !self.taken.contains_key(&spelled) {
            return (self.suggest(&spelled, pointer), None);
        }
        self.require(&ident, raw, pointer)
    }

    /// Claims `ident`, or `ident2`, `ident3`, ... if it is taken. For names derived from
    /// context, which yield to everything claimed before them.
    pub fn suggest(&mut self, ident: &str, pointer: &Pointer) -> String {
        let mut candidate = ident.to_owned();
        let mut n = 1;
        while self.taken.contains_key(&candidate) {
            n += 1;
            candidate = format!("{ident}{n}");
        }
        let owner = Owner {
            raw: ident.to_owned(),
            pointer: pointer.clone(),
        };
        self.taken.insert(candidate.clone(), owner);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_stems_from_file_names() {
        assert_eq!(crate_stem("workspaces"), "workspaces");
        assert_eq!(crate_stem("Petstore API v2"), "petstore-api-v2");
        assert_eq!(crate_stem("2024-api"), "api-2024-api");
        assert_eq!(crate_stem("..."), "api");
    }

    #[test]
    fn idents_are_valid_rust() {
        assert_eq!(value_ident("type"), "r#type");
        assert_eq!(value_ident("self"), "self_");
        assert_eq!(value_ident("gen"), "r#gen");
        assert_eq!(value_ident("x-foo"), "x_foo");
        assert_eq!(value_ident("2fa"), "_2fa");
        assert_eq!(value_ident("list-workspaces"), "list_workspaces");
        assert_eq!(value_ident(""), "value");
        assert_eq!(value_ident("+1"), "plus_1");
        assert_eq!(value_ident("-1"), "minus_1");
        assert_eq!(value_ident("StartTime<"), "start_time_lt");
        assert_eq!(value_ident("StartTime>="), "start_time_gte");
        assert_eq!(spelled_value_ident("isGlobal"), "isglobal");
        assert_eq!(spelled_value_ident("type"), "r#type");
        assert_eq!(type_ident("+1"), "Plus1");
        assert_eq!(type_ident("codersdk.Workspace"), "CodersdkWorkspace");
        assert_eq!(type_ident("2fa"), "V2fa");
        assert_eq!(type_ident("self"), "Self_");
        assert_eq!(
            type_ident("MISSING_TEMPLATE_PARAMETER"),
            "MissingTemplateParameter"
        );
        assert_eq!(type_ident("TTL"), "Ttl");
        assert_eq!(schema_type_ident("string"), "StringType");
        assert_eq!(schema_type_ident("Result"), "ResultType");
    }

    #[test]
    fn page_stem_replaces_runs() {
        assert_eq!(page_stem("Workspaces"), "workspaces");
        assert_eq!(page_stem("Workspace proxies"), "workspace proxies");
        assert_eq!(page_stem("Git/SSH::keys"), "git-ssh-keys");
    }

    #[test]
    fn required_collision_names_both() {
        let mut scope = Scope::default();
        let a = Pointer::root().push("a");
        assert_eq!(scope.require("Foo", "foo", &a), ("Foo".to_owned(), None));
        let (fallback, diagnostic) = scope.require("Foo", "FOO", &Pointer::root().push("b"));
        assert_eq!(fallback, "Foo2");
        let diagnostic = diagnostic.expect("a collision is reported");
        assert!(
            diagnostic.message.contains("`FOO` and `foo` (at #/a)"),
            "{}",
            diagnostic.message
        );
        assert_eq!(diagnostic.instead.as_deref(), Some("named this one `Foo2`"));
        assert_eq!(scope.suggest("Foo", &a), "Foo3");
    }

    #[test]
    fn values_cased_alike_keep_their_spelling() {
        let mut scope = Scope::default();
        let a = Pointer::root().push("a");
        assert_eq!(
            scope.require_value("is_global", &a),
            ("is_global".to_owned(), None)
        );
        assert_eq!(
            scope.require_value("isGlobal", &a),
            ("isglobal".to_owned(), None)
        );
        // Spelled alike too: numbered, with a diagnostic.
        let (ident, diagnostic) = scope.require_value("is-global", &a);
        assert_eq!(ident, "is_global2");
        assert!(diagnostic.is_some());
    }
}
