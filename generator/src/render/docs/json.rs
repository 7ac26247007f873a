//! JSON text as prettier 2.8.8 formats a ```json block inside markdown, so examples are already
//! in their final shape: 2-space indentation, every non-empty object broken over lines (prettier
//! keeps an object broken when its source is), and an array on one line when it holds no object
//! and fits in 80 columns. Arrays of numbers that do not fit are filled, several to a line.

use serde_json::Value;

const PRINT_WIDTH: usize = 80;
const INDENT: usize = 2;

/// The text of a value as it stands at the start of a code block.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0, 0);
    out
}

/// Writes `value` where `column` characters of its line are already used and `suffix`
/// characters (a `,`) will follow it on the same line.
fn write_value(out: &mut String, value: &Value, column: usize, suffix: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let indent = current_indent(out);
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                let comma = usize::from(i + 1 < map.len());
                let prefix = format!(
                    "{}{}: ",
                    " ".repeat(indent + INDENT),
                    scalar(&Value::String(key.clone()))
                );
                out.push_str(&prefix);
                write_value(out, item, prefix.chars().count(), comma);
                if comma == 1 {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            let flat = flat(value);
            match flat {
                Some(line) if column + line.chars().count() + suffix <= PRINT_WIDTH => {
                    out.push_str(&line)
                }
                _ if items.iter().all(Value::is_number) => write_filled(out, items),
                _ => write_broken(out, items),
            }
        }
        _ => out.push_str(&flat(value).unwrap_or_default()),
    }
}

/// One element per line.
fn write_broken(out: &mut String, items: &[Value]) {
    let indent = current_indent(out);
    let inner = " ".repeat(indent + INDENT);
    out.push_str("[\n");
    for (i, item) in items.iter().enumerate() {
        let comma = usize::from(i + 1 < items.len());
        out.push_str(&inner);
        write_value(out, item, inner.len(), comma);
        if comma == 1 {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
    out.push(']');
}

/// Numbers packed greedily: each one, with its comma, goes on the current line if it fits.
fn write_filled(out: &mut String, items: &[Value]) {
    let indent = current_indent(out);
    let inner = " ".repeat(indent + INDENT);
    out.push_str("[\n");
    out.push_str(&inner);
    let mut column = inner.len();
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let text = format!("{}{}", scalar(item), if last { "" } else { "," });
        if column > inner.len() {
            if column + 1 + text.chars().count() <= PRINT_WIDTH {
                out.push(' ');
                column += 1;
            } else {
                out.push('\n');
                out.push_str(&inner);
                column = inner.len();
            }
        }
        out.push_str(&text);
        column += text.chars().count();
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(']');
}

/// The one-line form, or `None` when the value holds a non-empty object (which never flattens).
fn flat(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) if !map.is_empty() => None,
        Value::Object(_) => Some("{}".to_owned()),
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(flat).collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        other => Some(scalar(other)),
    }
}

fn scalar(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The indentation of the line being written.
fn current_indent(out: &str) -> usize {
    let line = out.rsplit('\n').next().unwrap_or_default();
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::pretty;
    use serde_json::json;

    #[test]
    fn objects_break_and_short_arrays_stay_on_one_line() {
        let value = json!({"a": ["x", "y"], "b": [{"c": 1}], "d": {}, "e": [], "f": [[]]});
        let expected = r#"{
  "a": ["x", "y"],
  "b": [
    {
      "c": 1
    }
  ],
  "d": {},
  "e": [],
  "f": [[]]
}"#;
        assert_eq!(pretty(&value), expected);
    }

    /// Expected texts are prettier 2.8.8's output for the same values.
    #[test]
    fn long_arrays_break_and_numbers_fill() {
        let strings: Vec<String> = (0..3).map(|i| format!("string number {i}")).collect();
        let numbers: Vec<u32> = (1..=30).collect();
        let long = "abcdefghij".repeat(7);
        let value = json!({"s": strings, "n": numbers, "m": [long], "k": [&long[1..]]});
        let expected = r#"{
  "s": ["string number 0", "string number 1", "string number 2"],
  "n": [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    22, 23, 24, 25, 26, 27, 28, 29, 30
  ],
  "m": [
    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
  ],
  "k": ["bcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"]
}"#;
        assert_eq!(pretty(&value), expected);
    }

    #[test]
    fn scalars_alone() {
        assert_eq!(pretty(&json!("initiator")), "\"initiator\"");
        assert_eq!(pretty(&json!(null)), "null");
    }
}
