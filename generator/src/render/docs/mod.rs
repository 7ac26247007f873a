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
mod spelling;
mod status;

use super::{File, Options, template};
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::{Api, Tag};
use askama::Template;
use examples::Examples;
use std::collections::HashMap;

/// The page stem of the schema reference, which no tag page may take.
const SCHEMAS_PAGE: &str = "schemas";

/// Renders `docs/{tag}.md` for every tag with operations, and `docs/schemas.md`.
pub fn render(api: &Api, _options: &Options) -> Result<Vec<File>, Diagnostics> {
    let tags: Vec<(usize, &Tag)> = api.used_tags().collect();
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
