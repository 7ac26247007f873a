//! Renderers: the model in, files out. No renderer sees the OpenAPI document.
//!
//! Each renderer returns [`File`]s with paths relative to the output folder; the caller (the
//! xtask) decides whether to write them or compare them with what is on disk. A renderer that
//! cannot do a part of the API leaves that part out and says so in a diagnostic, as
//! normalization does: what one renderer refuses, the others still render.

mod checks;
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

/// What the renderers made: the files, and a diagnostic for each part they left out.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sorted by path.
    pub files: Vec<File>,
    /// In renderer order (types, client, server, docs); each says what was done instead.
    pub diagnostics: Diagnostics,
}

impl From<Vec<File>> for Rendered {
    fn from(files: Vec<File>) -> Self {
        Rendered {
            files,
            diagnostics: Diagnostics::default(),
        }
    }
}

/// What the renderers need beyond the model: names, and what a user's config chose.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The command that regenerates the files, named in every generated header.
    pub command: String,
    /// The generated crates' names.
    pub crates: CrateNames,
    /// The generated crates' version.
    pub version: String,
    /// Which outputs [`render_all`] renders.
    pub outputs: Outputs,
    /// Derives added to every generated struct, enum and union, as Rust paths.
    pub derives: Vec<String>,
    pub docs: DocsOptions,
}

impl Options {
    /// The generator's defaults for the stem `name`: crates `{name}-types`, `{name}-client`,
    /// `{name}-server` at version 0.1.0, every output, no extra derives.
    pub fn new(name: impl Into<String>, command: impl Into<String>) -> Self {
        let name = name.into();
        Options {
            crates: CrateNames {
                types: format!("{name}-types"),
                client: format!("{name}-client"),
                server: format!("{name}-server"),
            },
            command: command.into(),
            version: "0.1.0".to_owned(),
            outputs: Outputs {
                types: true,
                client: true,
                server: true,
                docs: true,
            },
            derives: Vec::new(),
            docs: DocsOptions {
                sample_host: "http://coder-server:8080".to_owned(),
                base_url: None,
                site: None,
                token_command: None,
                token_example: None,
            },
        }
    }
}

/// The generated crates' package names.
#[derive(Debug, Clone, PartialEq)]
pub struct CrateNames {
    pub types: String,
    pub client: String,
    pub server: String,
}

/// Which outputs to render. The client and server use the types crate: without it they
/// still render, and name it as a dependency the user provides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outputs {
    pub types: bool,
    pub client: bool,
    pub server: bool,
    pub docs: bool,
}

/// How the docs' code samples call the API.
#[derive(Debug, Clone, PartialEq)]
pub struct DocsOptions {
    /// The host the samples call (`http://coder-server:8080`).
    pub sample_host: String,
    /// The samples' base URL; `None` for the host and the first server URL's path.
    pub base_url: Option<String>,
    /// Where the pages are published, which `index.md` names.
    pub site: Option<String>,
    /// The command that makes a long-lived token, which `authentication.md` shows.
    pub token_command: Option<String>,
    /// The path of `authentication.md`'s sample request; `None` for the first `GET` that
    /// needs a credential and no parameter, else the first operation that needs one.
    pub token_example: Option<String>,
}

/// Renders every output: the types, client and server crates and the docs.
///
/// The renderers only read the model, so they run on threads of their own: on a large API
/// (Stripe's) that halves the time on two cores. The output does not depend on it: files are
/// sorted by path, and diagnostics come in renderer order.
///
/// A renderer that fails as a whole (a generator bug: a template that does not render, Rust
/// that does not parse) writes none of its files; the others' are still returned, and its
/// errors are diagnostics that say its output is missing.
pub fn render_all(api: &Api, options: &Options) -> Rendered {
    type Renderer = fn(&Api, &Options) -> Result<Rendered, Diagnostics>;
    let all: [(&str, bool, Renderer); 4] = [
        ("types", options.outputs.types, |api, o| {
            types::render(api, o).map(Rendered::from)
        }),
        ("client", options.outputs.client, |api, o| {
            client::render(api, o).map(Rendered::from)
        }),
        ("server", options.outputs.server, server::render),
        ("docs", options.outputs.docs, |api, o| {
            docs::render(api, o).map(Rendered::from)
        }),
    ];
    let renderers: Vec<(&str, Renderer)> = all
        .into_iter()
        .filter(|(_, chosen, _)| *chosen)
        .map(|(output, _, render)| (output, render))
        .collect();
    let results: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = renderers
            .iter()
            .map(|(_, render)| scope.spawn(move || render(api, options)))
            .collect();
        running.into_iter().map(|thread| thread.join()).collect()
    });
    let mut all = Rendered::default();
    for ((output, _), result) in renderers.iter().zip(results) {
        match result {
            Ok(Ok(rendered)) => {
                all.files.extend(rendered.files);
                all.diagnostics.extend(rendered.diagnostics.0);
            }
            Ok(Err(found)) => all.diagnostics.extend(found.0.into_iter().map(|d| {
                let instead = format!("the {output} output is not written");
                d.instead(instead)
            })),
            // A renderer that panicked: let the caller see the panic, as without threads.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    all.files.sort_by(|a, b| a.path.cmp(&b.path));
    for file in &mut all.files {
        stored_form(&mut file.contents);
    }
    all
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

/// What every generated manifest starts with: the header, the crate's name and version, the
/// types crate's name (the others depend on it), and a description (a quoted TOML string)
/// that names the API.
struct Package<'a> {
    header: String,
    name: &'a str,
    version: &'a str,
    types: &'a str,
    description: String,
    /// The API's SPDX license expression, a quoted TOML string.
    license: Option<String>,
}

impl<'a> Package<'a> {
    /// `describe` makes the description from the API's title and version (`Coder API 2.0`).
    fn new(
        api: &Api,
        options: &'a Options,
        name: &'a str,
        describe: impl FnOnce(&str) -> String,
    ) -> Self {
        Package {
            header: rust::header("#", &options.command),
            name,
            version: &options.version,
            types: &options.crates.types,
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
