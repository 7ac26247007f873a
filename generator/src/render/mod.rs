//! Renderers: the model in, files out. No renderer sees the OpenAPI document.
//!
//! Each renderer returns [`File`]s with paths relative to the output folder; the caller (the
//! xtask) decides whether to write them or compare them with what is on disk.

pub mod client;
pub mod docs;
pub mod rust;
pub mod server;
pub mod types;

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::model::Api;

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative to the output folder, with `/` separators (`client/src/lib.rs`).
    pub path: String,
    /// `\n` line ends and one final newline ([`render_all`] makes sure of it).
    pub contents: String,
}

/// What the renderers need beyond the model.
#[derive(Debug, Clone)]
pub struct Options {
    /// The crate name stem: crates are `{name}-types`, `{name}-client`, `{name}-server`.
    pub name: String,
    /// The command that regenerates the files, named in every generated header.
    pub command: String,
}

/// Renders every output: the types, client and server crates and the docs.
///
/// The renderers only read the model, so they run on threads of their own: on a large API
/// (Stripe's) that halves the time on two cores. The output does not depend on it: files are
/// sorted by path, and diagnostics come in renderer order.
pub fn render_all(api: &Api, options: &Options) -> Result<Vec<File>, Diagnostics> {
    type Renderer = fn(&Api, &Options) -> Result<Vec<File>, Diagnostics>;
    let renderers: [Renderer; 4] = [types::render, client::render, server::render, docs::render];
    let results: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = renderers
            .iter()
            .map(|render| scope.spawn(move || render(api, options)))
            .collect();
        running.into_iter().map(|thread| thread.join()).collect()
    });
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for result in results {
        match result {
            Ok(Ok(rendered)) => files.extend(rendered),
            Ok(Err(found)) => diagnostics.extend(found.0),
            // A renderer that panicked: let the caller see the panic, as without threads.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for file in &mut files {
        stored_form(&mut file.contents);
    }
    Ok(files)
}

/// Text as it is stored, whatever a renderer or template left: `\n` line ends and exactly one
/// final newline, so files compare byte for byte on every machine.
fn stored_form(contents: &mut String) {
    if contents.contains('\r') {
        *contents = contents.replace("\r\n", "\n");
    }
    contents.truncate(contents.trim_end_matches('\n').len());
    contents.push('\n');
}

/// What every generated manifest starts with: the header, the crate name stem, and a
/// description (a quoted TOML string) that names the API.
struct Package<'a> {
    header: String,
    name: &'a str,
    description: String,
    /// The API's SPDX license expression, a quoted TOML string.
    license: Option<String>,
}

impl<'a> Package<'a> {
    /// `describe` makes the description from the API's title and version (`Coder API 2.0`).
    fn new(api: &Api, options: &'a Options, describe: impl FnOnce(&str) -> String) -> Self {
        Package {
            header: rust::header("#", &options.command),
            name: &options.name,
            description: toml_string(&describe(&api.info.title_and_version())),
            license: api.info.license.as_deref().map(toml_string),
        }
    }
}

/// Renders an askama template; a failure here is a generator bug, reported as a diagnostic.
fn template(template: &impl askama::Template) -> Result<String, Diagnostic> {
    template.render().map_err(|e| {
        Diagnostic::new(
            &Pointer::root(),
            format!("rendering a template failed: {e}"),
            "this is a bug in the generator",
        )
    })
}

/// A TOML basic string, quoted and escaped: the manifests' descriptions carry the API's title.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{stored_form, toml_string};

    #[test]
    fn toml_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            toml_string("The \"Box\" API\\v2\n\u{7}"),
            r#""The \"Box\" API\\v2\n\u0007""#
        );
    }

    #[test]
    fn stored_form_has_lf_line_ends_and_one_final_newline() {
        for (given, stored) in [
            ("a\r\nb\r\n\r\n", "a\nb\n"),
            ("a\nb", "a\nb\n"),
            ("a\n\n\n", "a\n"),
            ("a\rb\n", "a\rb\n"),
        ] {
            let mut text = given.to_owned();
            stored_form(&mut text);
            assert_eq!(text, stored, "{given:?}");
        }
    }
}
