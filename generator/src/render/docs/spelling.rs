//! How the pages write what the model holds: a type in a table cell, the values of an
//! inline enum, a name or value as code, a description.

use super::markdown::{self, Table};
use crate::model::{Api, TypeKind, TypeRef};

/// How a type is spelled in a table cell: where schema links point, and whether a scalar
/// shows its format (`string(uuid)`), which Coder's docs do only for parameters.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spelling {
    link_prefix: &'static str,
    formats: bool,
}

impl Spelling {
    pub(super) const PARAMETER: Spelling = Spelling {
        link_prefix: "schemas.md",
        formats: true,
    };
    pub(super) const RESPONSE: Spelling = Spelling {
        link_prefix: "schemas.md",
        formats: false,
    };
    pub(super) const PROPERTY: Spelling = Spelling {
        link_prefix: "",
        formats: false,
    };
}

/// The text of a type in a table cell: a link for a component schema, the structure for
/// anything else (`array of [codersdk.X](...)`, `object`, and an inline enum as `string`,
/// its values listed apart).
pub(super) fn type_text(api: &Api, ty: &TypeRef, spelling: Spelling) -> String {
    match ty {
        TypeRef::Named(id) => {
            let def = api.ty(*id);
            if let Some(name) = &def.schema_name {
                return schema_link(name, spelling.link_prefix);
            }
            match &def.kind {
                TypeKind::Struct(_) => "object".to_owned(),
                TypeKind::Enum(_) => "string".to_owned(),
                TypeKind::Union(u) => {
                    let texts: Vec<String> = u
                        .variants
                        .iter()
                        .map(|v| type_text(api, &v.ty, spelling))
                        .collect();
                    texts.join(" or ")
                }
                TypeKind::Alias(target) => type_text(api, target, spelling),
            }
        }
        TypeRef::Scalar(scalar) => match (&scalar.format, spelling.formats) {
            (Some(format), true) => format!("{}({format})", scalar.json.as_str()),
            _ => scalar.json.as_str().to_owned(),
        },
        TypeRef::Array(item) => format!("array of {}", type_text(api, item, spelling)),
        TypeRef::Tuple(items) => {
            let items: Vec<String> = items.iter().map(|t| type_text(api, t, spelling)).collect();
            format!("array of [{}]", items.join(", "))
        }
        TypeRef::Map(_) | TypeRef::Object => "object".to_owned(),
        // As the reference pages write it: the type, whether or not null is allowed.
        TypeRef::Nullable(inner) => type_text(api, inner, spelling),
        TypeRef::Any => "any".to_owned(),
    }
}

/// `[codersdk.Workspace](schemas.md#codersdkworkspace)`.
fn schema_link(name: &str, prefix: &str) -> String {
    format!("[{name}]({prefix}#{})", anchor(name))
}

/// The heading anchor of a schema section as Coder's docs spell it: the name without its
/// first `.`, lowercased.
fn anchor(name: &str) -> String {
    name.replacen('.', "", 1).to_lowercase()
}

/// The values of an enum written inline where the type is used (directly or as array items);
/// a component enum has its own section instead.
pub(super) fn inline_enum_values(api: &Api, ty: &TypeRef) -> Vec<String> {
    match ty {
        TypeRef::Named(id) => {
            let def = api.ty(*id);
            match &def.kind {
                TypeKind::Enum(e) if def.schema_name.is_none() => {
                    e.variants.iter().map(|v| v.value.clone()).collect()
                }
                _ => Vec::new(),
            }
        }
        TypeRef::Array(item) | TypeRef::Nullable(item) => inline_enum_values(api, item),
        _ => Vec::new(),
    }
}

/// How a row's name shows its depth: `»` once per level below the top, then a space.
pub(super) fn depth_marker(depth: usize) -> String {
    match depth {
        0 => String::new(),
        _ => format!("{} ", "»".repeat(depth)),
    }
}

/// Adds a property row: `cells`, then the description as [`row_description`] prints it for
/// the row marked `display`, then the lines that break out of the row.
pub(super) fn push_described(
    table: &mut Table,
    cells: [String; 4],
    text: Option<&str>,
    display: &str,
) {
    let (description, broken) = row_description(text, display);
    let [name, ty, required, restrictions] = cells;
    table.push(&[name, ty, required, restrictions, description]);
    broken.iter().for_each(|line| table.push_broken(line));
}

/// A property's description as the rows of Coder's pages print it: the document's line
/// breaks were `<br>` to widdershins, and a row's description turns `<br><br>` (a blank line)
/// into a line break and `<br>` into a space; a first word with more than one capital (a Go
/// field name, `ActiveUserCount is ...`) becomes the row's name in words (`Active user count
/// is ...`); `id` and `url` as words are capitals. Returns the cell's text and the lines after
/// each line break, which break out of the row: prettier keeps each as a row of one cell.
/// `display` is the row's name as widdershins marks it (`»» name`).
fn row_description(text: Option<&str>, display: &str) -> (String, Vec<String>) {
    let Some(text) = text else {
        return (String::new(), Vec::new());
    };
    let marked = text.trim().replace('\n', "<br>");
    let reworded = reworded(&marked, &spoken(display));
    let mut lines = reworded.split('\n').map(|line| markdown::tidy(line.trim()));
    let cell = lines.next().unwrap_or_default();
    (cell, lines.filter(|line| !line.is_empty()).collect())
}

/// A description as these rows print it: `<br><br>` a line break and `<br>` a space; a first
/// word with more than one capital (a Go field name, `ActiveUserCount is ...`) replaced by
/// the row's name in words (`Active user count is ...`); then `id` and `url` as words in
/// capitals.
fn reworded(text: &str, name: &str) -> String {
    let text = text.replace("<br><br>", "\n").replace("<br>", " ");
    let words: Vec<&str> = text.split(' ').collect();
    let capitals = words[0].chars().filter(char::is_ascii_uppercase).count();
    let text = match capitals > 1 {
        true => format!("{} {}", in_words(name), words[1..].join(" ")),
        false => text.clone(),
    };
    text.split(' ')
        .map(|word| match word.to_lowercase().as_str() {
            "id" | "url" => word.to_uppercase(),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the description rule puts in place of a first word, from the row's marked name: a
/// map's values are `It`, and the first `» ` goes (so a row two levels down keeps one `»`,
/// as the published pages show).
fn spoken(display: &str) -> String {
    display
        .replace("» **additionalProperties**", "It")
        .replacen("» ", "", 1)
}

/// `active_user_count` as `Active user count`.
fn in_words(name: &str) -> String {
    let mut chars = name.chars();
    let first: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .collect();
    let rest = chars.as_str().replace('_', " ").to_lowercase();
    format!("{first}{rest}")
}

/// Code-span markdown for a name or value in a table.
pub(super) fn code(text: &str) -> String {
    format!("`{text}`")
}

/// A description as prettier prints it (the model keeps blank ones as none).
pub(super) fn description(text: Option<&str>) -> Option<String> {
    text.map(markdown::tidy)
}

#[cfg(test)]
mod tests {
    use super::{anchor, reworded, spoken};

    #[test]
    fn anchors_drop_the_first_dot_only() {
        assert_eq!(anchor("codersdk.Workspace"), "codersdkworkspace");
        assert_eq!(anchor("a.b.C"), "ab.c");
    }

    #[test]
    fn a_go_field_name_first_becomes_the_row_name_in_words() {
        assert_eq!(
            reworded(
                "ActiveUserCount is set to -1 when loading.",
                "active_user_count"
            ),
            "Active user count is set to -1 when loading."
        );
        assert_eq!(
            reworded("ID of the user", "owner_id"),
            "Owner ID of the user"
        );
        assert_eq!(
            reworded("DisplayName is shown.", &spoken("»» display_name")),
            "»display name is shown."
        );
        assert_eq!(reworded("The url of it", "x"), "The URL of it");
        assert_eq!(reworded("Plain text<br>here", "x"), "Plain text here");
    }
}
