//! Markdown reference docs in the layout of Coder's published API docs (widdershins with
//! Coder's templates, then prettier): one page per tag and `schemas.md` with every schema the
//! pages reach.
//!
//! Rust decides what each page says (view structs with finished cells and examples); the
//! askama templates under `templates/docs/` decide only where it goes.

mod examples;
mod json;
mod markdown;
mod operation;
mod sampler;
mod schemas;
mod status;

use super::{File, Options, template};
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::{Api, Tag, TypeKind, TypeRef};
use askama::Template;
use examples::Examples;
use std::collections::HashMap;

/// The page stem of the schema reference, which no tag page may take.
const SCHEMAS_PAGE: &str = "schemas";

/// Renders `docs/{tag}.md` for every tag with operations, and `docs/schemas.md`.
pub fn render(api: &Api, _options: &Options) -> Result<Vec<File>, Diagnostics> {
    let tags: Vec<(usize, &Tag)> = api
        .tags
        .iter()
        .enumerate()
        .filter(|(i, _)| api.operations_of(*i).next().is_some())
        .collect();
    check_pages(tags.iter().map(|(_, tag)| *tag))?;
    let mut files = Vec::with_capacity(tags.len() + 1);
    let examples = Examples::new(api);
    for (index, tag) in tags {
        let page = operation::TagPage::new(api, index, &examples);
        files.push(file(&tag.page, &page)?);
    }
    files.push(file(
        SCHEMAS_PAGE,
        &schemas::SchemasPage::new(api, &examples),
    )?);
    Ok(files)
}

/// Two tags whose pages share a file name, or a tag page named like the schema reference,
/// would overwrite each other.
fn check_pages<'a>(tags: impl Iterator<Item = &'a Tag>) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut owners: HashMap<&str, String> =
        HashMap::from([(SCHEMAS_PAGE, "the schema reference".to_owned())]);
    for tag in tags {
        match owners.get(tag.page.as_str()) {
            Some(owner) => diags.push(Diagnostic::new(
                &Pointer::root().push("tags"),
                format!("tag `{}` would be written to docs/{}.md, which already holds {owner}", tag.name, tag.page),
                "rename the tag so that its page name (lowercase, punctuation runs as `-`) is unique",
            )),
            None => {
                owners.insert(&tag.page, format!("the page of tag `{}`", tag.name));
            }
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

/// A page ends with exactly one newline, as prettier leaves it.
fn file(page: &str, view: &impl Template) -> Result<File, Diagnostic> {
    let mut contents = template(view)?;
    contents.truncate(contents.trim_end().len());
    contents.push('\n');
    Ok(File {
        path: format!("docs/{page}.md"),
        contents,
    })
}

/// How a type is spelled in a table cell: where schema links point, and whether a scalar
/// shows its format (`string(uuid)`), which Coder's docs do only for parameters.
#[derive(Debug, Clone, Copy)]
struct Spelling {
    link_prefix: &'static str,
    formats: bool,
}

impl Spelling {
    const PARAMETER: Spelling = Spelling {
        link_prefix: "schemas.md",
        formats: true,
    };
    const RESPONSE: Spelling = Spelling {
        link_prefix: "schemas.md",
        formats: false,
    };
    const PROPERTY: Spelling = Spelling {
        link_prefix: "",
        formats: false,
    };
}

/// The text of a type in a table cell: a link for a component schema, the structure for
/// anything else (`array of [codersdk.X](...)`, `object`, and an inline enum as `string`,
/// its values listed apart).
fn type_text(api: &Api, ty: &TypeRef, spelling: Spelling) -> String {
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
        TypeRef::Map(_) | TypeRef::Object => "object".to_owned(),
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
fn inline_enum_values(api: &Api, ty: &TypeRef) -> Vec<String> {
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
        TypeRef::Array(item) => inline_enum_values(api, item),
        _ => Vec::new(),
    }
}

/// Code-span markdown for a name or value in a table.
fn code(text: &str) -> String {
    format!("`{text}`")
}

/// A description as one trimmed block of text, or nothing.
fn description(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(markdown::tidy)
}

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn anchors_drop_the_first_dot_only() {
        assert_eq!(anchor("codersdk.Workspace"), "codersdkworkspace");
        assert_eq!(anchor("a.b.C"), "ab.c");
    }
}
