//! Markdown reference docs in the layout of Coder's published API docs (widdershins with
//! Coder's templates, then prettier): one page per tag and `schemas.md` with every schema the
//! pages reach.
//!
//! Rust decides what each page says (view structs with finished cells and examples); the
//! askama templates under `templates/docs/` decide only where it goes.

mod examples;
mod json;
mod markdown;
mod opening;
mod operation;
mod response_schema;
mod sampler;
mod schemas;
mod spelling;
mod status;
mod yaml;

use super::{File, Options, template};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Api, Tag};
use crate::naming;
use askama::Template;
use examples::Examples;

/// Renders `docs/{tag}.md` for every tag with operations or webhooks, `docs/schemas.md`,
/// `docs/index.md`, and `docs/authentication.md` where the API has a security scheme.
pub fn render(api: &Api, options: &Options) -> Result<Vec<File>, Diagnostics> {
    let tags: Vec<(usize, &Tag)> = api.documented_tags().collect();
    let mut files = Vec::with_capacity(tags.len() + 1);
    let examples = Examples::new(api);
    for (index, tag) in tags {
        let page = operation::TagPage::new(api, index, &examples, &options.docs);
        files.push(file(&tag.page, &page)?);
    }
    files.push(file(
        naming::SCHEMAS_PAGE,
        &schemas::SchemasPage::new(api, &examples),
    )?);
    files.push(file(
        naming::INDEX_PAGE,
        &opening::IndexPage::new(api, &options.docs),
    )?);
    let base = operation::base_url(api, &options.docs);
    if let Some(page) = opening::AuthenticationPage::new(api, &options.docs, &base) {
        files.push(file(naming::AUTHENTICATION_PAGE, &page)?);
    }
    Ok(files)
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
