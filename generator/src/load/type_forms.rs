//! JSON Schema's ways of saying "one of these types" in the OpenAPI 3.0 shape: a `type` list,
//! `type: "null"`, and a null member of `anyOf`/`oneOf`. They are valid in 3.1 and 3.2
//! ([`super::json_schema`] rewrites them without a word) and a common deviation in 2.0 and 3.0
//! documents ([`super::deviations`] rewrites them with a warning); the rewrite is the same.

use crate::diag::{Diagnostic, Pointer};
use serde_json::{Map, Value};

/// The keywords of numbers and integers.
const NUMERIC: &[&str] = &[
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Keywords that move from a schema with several types to the member of each type.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    ("string", &["format", "pattern", "minLength", "maxLength"]),
    ("number", NUMERIC),
    ("integer", NUMERIC),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
];

/// `type` as 3.0 has it: one name, with `nullable` for "null" and `oneOf` (or `anyOf`, when
/// the schema already has a `oneOf`) of one member per type for several. An error when the
/// schema has both, and `type` is left out.
pub(super) fn single_type(object: &mut Map<String, Value>, at: &Pointer) -> Result<(), Diagnostic> {
    let names: Vec<String> = match object.get("type") {
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(name)) if name == "null" => vec![name.clone()],
        // YAML's `type: null` is the name `null` written without quotes.
        Some(Value::Null) => vec!["null".to_owned()],
        _ => return Ok(()),
    };
    object.remove("type");
    let (nulls, names): (Vec<String>, Vec<String>) = names.into_iter().partition(|n| n == "null");
    if !nulls.is_empty() {
        object.insert("nullable".into(), true.into());
    }
    match names.as_slice() {
        [] => {}
        [one] => {
            object.insert("type".into(), one.as_str().into());
        }
        several => {
            let key = match (object.contains_key("oneOf"), object.contains_key("anyOf")) {
                (false, _) => "oneOf",
                (true, false) => "anyOf",
                (true, true) => {
                    return Err(Diagnostic::new(
                        &at.push("type"),
                        "a schema with several types beside `oneOf` and `anyOf`",
                        "move the types into one of the two",
                    )
                    .instead("used any JSON value"));
                }
            };
            let members = several
                .iter()
                .map(|name| typed_member(object, name))
                .collect();
            for (_, keywords) in TYPE_KEYWORDS {
                for keyword in *keywords {
                    object.remove(*keyword);
                }
            }
            object.insert(key.into(), Value::Array(members));
        }
    }
    Ok(())
}

/// A schema's `anyOf`/`oneOf` members that allow only `null`, taken out and said as
/// `nullable` (the whole list goes when nothing else is left).
pub(super) fn lift_null_members(object: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = object.get(key)
            && members.iter().any(is_null_schema)
        {
            let kept: Vec<Value> = members
                .iter()
                .filter(|m| !is_null_schema(m))
                .cloned()
                .collect();
            object.insert("nullable".into(), true.into());
            match kept.is_empty() {
                true => object.remove(key),
                false => object.insert(key.into(), Value::Array(kept)),
            };
        }
    }
}

/// Whether a schema allows only `null` (`type: "null"`, `type: ["null"]`, `const: null`).
fn is_null_schema(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null"),
        _ => {
            schema.get("const") == Some(&Value::Null) && schema.as_object().map(Map::len) == Some(1)
        }
    }
}

/// The member of a several-typed schema for one of its types, with the keywords of that type.
fn typed_member(object: &Map<String, Value>, name: &str) -> Value {
    let mut member = Map::new();
    member.insert("type".into(), name.into());
    let keywords = TYPE_KEYWORDS
        .iter()
        .find(|(t, _)| *t == name)
        .map(|(_, k)| *k)
        .unwrap_or(&[]);
    for keyword in keywords {
        if let Some(value) = object.get(*keyword) {
            member.insert((*keyword).into(), value.clone());
        }
    }
    Value::Object(member)
}
