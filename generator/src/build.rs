//! For build scripts: one generated crate (types, client or server) as one file in `OUT_DIR`,
//! to `include!` at the root of a crate of the user's.
//!
//! In `build.rs`, `main` writes the client:
//!
//! ```no_run
//! openapi_gen::build::Build::new("../spec/workspaces.yaml")
//!     .client()
//!     .write()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! and `src/lib.rs` includes it: `include!(concat!(env!("OUT_DIR"), "/client.rs"));`.
//!
//! The crate's modules become inline modules of that file, and the types crate, which the
//! client and server name as a dependency, becomes their module `types`. The generated code
//! names its items from the crate root (`crate::types::Workspace`), so the file is included
//! at the root of the crate (its `lib.rs` or `main.rs`), not in a module. The including crate
//! depends on what the generated crate's `Cargo.toml` lists, and declares its features (the
//! client's `checks`, say, as `[features] checks = []`).

use crate::config::Output;
use crate::generation::Generation;
use crate::render::File;
use std::path::{Path, PathBuf};

/// One generated crate, written into `OUT_DIR` for a build script.
#[derive(Debug, Clone)]
pub struct Build {
    spec: PathBuf,
    config: Option<PathBuf>,
    output: Output,
}

impl Build {
    /// The client of the document at `spec` (a path relative to the crate's manifest, as
    /// build scripts run there), with the config beside it (`openapi-gen.toml`) if any.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Build {
            spec: spec.into(),
            config: None,
            output: Output::Client,
        }
    }

    /// Read the config from this file instead of looking beside the document.
    pub fn config(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// Generate the client crate (the default).
    pub fn client(self) -> Self {
        self.output(Output::Client)
    }

    /// Generate the server crate.
    pub fn server(self) -> Self {
        self.output(Output::Server)
    }

    /// Generate the types crate alone.
    pub fn types(self) -> Self {
        self.output(Output::Types)
    }

    fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// Generates, writes `$OUT_DIR/{client,server,types}.rs` and returns its path; tells
    /// cargo to run the build script again when the document, a file beside it, or the
    /// config changes. Any diagnostic is printed as a cargo warning; a strict config makes
    /// it an error.
    pub fn write(self) -> Result<PathBuf, String> {
        let out_dir = std::env::var_os("OUT_DIR")
            .ok_or("OUT_DIR is not set: call `Build::write` from a build script")?;
        let (path, watched, warnings) = self.write_into(Path::new(&out_dir))?;
        for file in watched {
            println!("cargo::rerun-if-changed={}", file.display());
        }
        for warning in warnings {
            for line in warning.lines() {
                println!("cargo::warning={line}");
            }
        }
        Ok(path)
    }

    /// [`Build::write`] into `folder`: the file written, the files to watch, and the
    /// diagnostics as text.
    pub fn write_into(self, folder: &Path) -> Result<(PathBuf, Vec<PathBuf>, Vec<String>), String> {
        let command = format!("openapi_gen::build of {}", self.spec.display());
        let mut generation =
            Generation::with_config_of(&self.spec, self.config.as_deref(), command)?;
        let outputs = &mut generation.options.outputs;
        outputs.types = true;
        outputs.client = self.output == Output::Client;
        outputs.server = self.output == Output::Server;
        outputs.docs = false;
        let generated = generation.run(&mut |_| {}).map_err(|d| d.to_string())?;
        if let Some(refused) = generated.refused(&generation) {
            return Err(refused);
        }
        let folder_name = match self.output {
            Output::Types => "types",
            Output::Client => "client",
            Output::Server => "server",
            Output::Docs => {
                return Err("the docs are not Rust: write them with `openapi-gen generate`".into());
            }
        };
        let types_crate = generation.options.crates.types.replace('-', "_");
        let text = one_file(&generated.files, folder_name, &types_crate)?;
        let path = folder.join(format!("{folder_name}.rs"));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
        }
        // The document's folder: cargo scans a folder for any change, which covers the files
        // a document in several files refers to, and the config beside it.
        let folder_of_spec = self.spec.parent().unwrap_or(Path::new("."));
        let mut watched = vec![self.spec.clone(), folder_of_spec.to_path_buf()];
        watched.extend(generation.config_file);
        let warnings = generated
            .diagnostics
            .0
            .iter()
            .map(|d| d.to_string())
            .collect();
        Ok((path, watched, warnings))
    }
}

/// The crate in `{folder}/src/` as one file to include at a crate root: its `lib.rs` with
/// each `mod name;` replaced by the module's file inline, the types crate's re-export by the
/// types inline, and the crate-level attributes (which only a crate root may have) dropped.
fn one_file(files: &[File], folder: &str, types_crate: &str) -> Result<String, String> {
    let source = |path: String| {
        let file = files.iter().find(|f| f.path == path);
        file.map(|f| f.contents.as_str())
            .ok_or_else(|| format!("the generator made no `{path}`"))
    };
    let types_reexport = format!("pub use {types_crate} as types;");
    let mut out = String::new();
    for line in source(format!("{folder}/src/lib.rs"))?.lines() {
        if line.starts_with("#![") || line.starts_with("// Generated by") {
            continue;
        }
        if let Some(doc) = line.strip_prefix("//!") {
            out.push_str(&format!("//{doc}\n"));
        } else if let Some(name) = module_declaration(line) {
            let inline = source(format!("{folder}/src/{name}.rs"))?;
            out.push_str(&format!(
                "{} {{\n{}}}\n",
                line.trim_end_matches(';'),
                body(inline)
            ));
        } else if line == types_reexport {
            // The re-export's doc comment stays the module's doc: the types crate's own
            // crate-level docs and attributes go, as an item may not have both.
            let types = source("types/src/lib.rs".to_owned())?;
            let items = body(types)
                .lines()
                .skip_while(|line| line.starts_with("#![") || line.starts_with("//!"));
            out.push_str("pub mod types {\n");
            for line in items {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str("}\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// The module a top-level `mod name;` or `pub mod name;` line declares.
fn module_declaration(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("pub ").unwrap_or(line);
    let name = rest.strip_prefix("mod ")?.strip_suffix(';')?;
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
}

/// A generated file as the body of an inline module: without its header line.
fn body(contents: &str) -> &str {
    match contents.split_once('\n') {
        Some((first, rest)) if first.starts_with("// Generated by") => rest,
        _ => contents,
    }
}
