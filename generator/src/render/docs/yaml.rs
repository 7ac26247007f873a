//! A sampled value as the YAML of a form body's `> Body parameter` block, written as js-yaml
//! writes it and prettier 2.8.8 leaves it: block style, two spaces a level, a sequence under
//! a key indented, and a string quoted (double quotes) only where plain text would be read as
//! something else.

use serde_json::Value;

const INDENT: &str = "  ";

/// The YAML text of `value`, without a trailing newline.
pub(super) fn fields(value: &Value) -> String {
    let mut lines = Vec::new();
    block(value, "", &mut lines);
    lines.join("\n")
}

/// Writes `value` as lines at `indent`; a scalar or an empty container is one line.
fn block(value: &Value, indent: &str, lines: &mut Vec<String>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                let key = scalar(&Value::String(key.clone()));
                match inline(item) {
                    Some(text) => lines.push(format!("{indent}{key}: {text}")),
                    None => {
                        lines.push(format!("{indent}{key}:"));
                        block(item, &format!("{indent}{INDENT}"), lines);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                let mut nested = Vec::new();
                block(item, "", &mut nested);
                // The first line follows the dash; the rest line up under it.
                for (i, line) in nested.iter().enumerate() {
                    match i {
                        0 => lines.push(format!("{indent}- {line}")),
                        _ => lines.push(format!("{indent}{INDENT}{line}")),
                    }
                }
            }
        }
        other => lines.push(format!("{indent}{}", inline(other).unwrap_or_default())),
    }
}

/// The one-line form of a scalar or an empty container; `None` for one that takes lines.
fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) if map.is_empty() => Some("{}".to_owned()),
        Value::Array(items) if items.is_empty() => Some("[]".to_owned()),
        Value::Object(_) | Value::Array(_) => None,
        scalar_value => Some(scalar(scalar_value)),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) if plain(text) => text.clone(),
        // A JSON string is a YAML double-quoted scalar.
        other => other.to_string(),
    }
}

/// Whether a string reads back as the same string without quotes: words, not a number, a
/// boolean, a null or a date, and no character YAML gives a meaning.
fn plain(text: &str) -> bool {
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    let first_ok = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '/');
    first_ok
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " _-./".contains(c))
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::fields;
    use serde_json::json;

    #[test]
    fn fields_are_plain_where_they_can_be() {
        let value =
            json!({"file": "string", "when": "2019-08-24T14:15:22Z", "count": 0, "n": "on"});
        assert_eq!(
            fields(&value),
            "file: string\nwhen: \"2019-08-24T14:15:22Z\"\ncount: 0\n\"n\": \"on\""
        );
    }

    #[test]
    fn containers_take_lines_unless_empty() {
        let value = json!({"tags": ["a", "b"], "meta": {"k": true}, "none": [], "rows": [{"a": 1, "b": 2}]});
        assert_eq!(
            fields(&value),
            "tags:\n  - a\n  - b\nmeta:\n  k: true\nnone: []\nrows:\n  - a: 1\n    b: 2"
        );
    }
}
