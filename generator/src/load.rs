//! Reading a document: text in, a typed OpenAPI 3.0 document out, or a diagnostic that says where
//! the text went wrong.

use crate::diag::{Diagnostic, Pointer};
use openapiv3::OpenAPI;

/// Parses an OpenAPI 3.0 document written as JSON or YAML.
///
/// JSON is detected by its first character and read with serde_json (several times faster than
/// YAML on multi-megabyte documents); anything else is read as YAML.
pub fn parse(text: &str) -> Result<OpenAPI, Diagnostic> {
    let is_json = text.trim_start().starts_with('{');
    let result = if is_json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| shape_error(e.path(), e.inner()))
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| yaml_error(e.path(), e.inner()))
    };
    let document: OpenAPI = result?;
    check_version(&document)?;
    Ok(document)
}

fn check_version(document: &OpenAPI) -> Result<(), Diagnostic> {
    if document.openapi.starts_with("3.0") {
        return Ok(());
    }
    Err(Diagnostic::new(
        &Pointer::root().push("openapi"),
        format!("unsupported OpenAPI version `{}`", document.openapi),
        "this tool reads OpenAPI 3.0.x documents; convert Swagger 2.0 or 3.1 documents to 3.0 first",
    ))
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
    use serde_path_to_error::Segment;
    path.iter()
        .fold(Pointer::root(), |p, segment| match segment {
            Segment::Map { key } => p.push(key),
            Segment::Seq { index } => p.push(index.to_string()),
            Segment::Enum { variant } => p.push(variant),
            Segment::Unknown => p,
        })
}
