//! The config file, `openapi-gen.toml`: what a team says about its generation without
//! touching this crate's code. Every key is optional, and a file without keys generates what
//! `cargo xtask codegen` does.
//!
//! It is found beside the document ([`Config::find`]) or named on the command line. A key the
//! file does not know is an error that names it and the nearest known key: a typo must not
//! silently generate the default.

use crate::naming;
use crate::normalize::{Selection, Settings};
use crate::render::{CrateNames, DocsOptions, Options, Outputs};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for beside the document.
pub const FILE_NAME: &str = "openapi-gen.toml";

/// `openapi-gen.toml`. The defaults are the generator's own.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The crate name stem: `{name}-types`, `{name}-client`, `{name}-server`. Default: the
    /// document's file name without its extension.
    pub name: Option<String>,
    /// The outputs to write. Default: all four.
    pub outputs: Option<Vec<Output>>,
    /// The generated crates' version. Default: `0.1.0`.
    pub version: Option<String>,
    /// Each crate's name where it is not the stem's.
    pub crates: Crates,
    /// The component schema of the API's error body, by name (what the document's
    /// `x-error-schema` extension declares, which this replaces).
    pub error_schema: Option<String>,
    /// Which operations to generate; the types are those they reach.
    pub filter: Selection,
    /// Component schemas replaced by Rust types of the user's: `"Pet" = "my_crate::Pet"`.
    pub replace: BTreeMap<String, String>,
    /// Derives added to every generated struct, enum and union (`["Eq", "Hash"]`).
    pub derives: Vec<String>,
    pub docs: Docs,
    /// Any diagnostic fails generation, instead of generating around the part it refuses.
    pub strict: bool,
    /// Whether the server (and the client, when asked) checks the constraints the document
    /// states: lengths, patterns, formats, bounds, counts, closed objects, nulls. Default:
    /// true. Types, required values and enum values are checked either way.
    pub checks: Option<bool>,
}

/// One of the generated outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    Types,
    Client,
    Server,
    Docs,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Crates {
    pub types: Option<String>,
    pub client: Option<String>,
    pub server: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Docs {
    /// The host the code samples call. Default: `http://coder-server:8080`.
    pub sample_host: Option<String>,
    /// The base URL of the code samples. Default: the sample host and the path of the first
    /// server URL.
    pub base_url: Option<String>,
    /// Where the pages are published; `index.md` says so. Default: it does not.
    pub site: Option<String>,
    /// The command that makes a long-lived token; `authentication.md` shows it first.
    /// Default: no such paragraph.
    pub token_command: Option<String>,
    /// The path `authentication.md`'s request calls. Default: the first `GET` that needs a
    /// credential and no parameter, else the first operation that needs one.
    pub token_example: Option<String>,
}

impl Config {
    /// The config beside `spec` (`openapi-gen.toml` in its folder), or the defaults when there
    /// is none; with the file it was read from.
    pub fn find(spec: &Path) -> Result<(Config, Option<PathBuf>), String> {
        let path = spec.parent().unwrap_or(Path::new(".")).join(FILE_NAME);
        match path.is_file() {
            true => Ok((Config::read(&path)?, Some(path))),
            false => Ok((Config::default(), None)),
        }
    }

    /// The config of the document at `spec`: the file `file` when one is named, else the one
    /// beside it; with the file it was read from.
    pub fn of(spec: &Path, file: Option<&Path>) -> Result<(Config, Option<PathBuf>), String> {
        match file {
            Some(file) => Ok((Config::read(file)?, Some(file.to_path_buf()))),
            None => Config::find(spec),
        }
    }

    /// The config in the file at `path`.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("{}:{e}", path.display()))
    }

    /// The config in `text`. An error starts with `line:column: `.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| explain(text, &e))?;
        for derive in &config.derives {
            if syn::parse_str::<syn::Path>(derive).is_err() {
                return Err(format!(
                    "1:1: `derives`: `{derive}` is not a Rust path\n  help: name a derive macro \
                     as you would write it in `#[derive(...)]`, such as `Hash` or `serde::Serialize`"
                ));
            }
        }
        for (schema, path) in &config.replace {
            if syn::parse_str::<syn::Path>(path).is_err() {
                return Err(format!(
                    "1:1: `replace`: `{path}` (for `{schema}`) is not a Rust path\n  help: \
                     write the type's path as the generated code should name it, such as \
                     `my_crate::Pet`"
                ));
            }
        }
        Ok(config)
    }

    /// What normalization makes of the config: the selection, the replacements and the
    /// error schema.
    pub fn settings(&self) -> Settings {
        Settings {
            selection: self.filter.clone(),
            replace: self.replace.clone(),
            error_schema: self.error_schema.clone(),
            unchecked: self.checks == Some(false),
        }
    }

    /// The renderers' options for the document at `spec`, whose headers name `command`.
    pub fn options(&self, spec: &Path, command: String) -> Options {
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
        let name = self
            .name
            .clone()
            .unwrap_or_else(|| naming::crate_stem(stem));
        let mut options = Options::new(name, command);
        let named = |given: &Option<String>, default: &str| given.clone().unwrap_or(default.into());
        options.crates = CrateNames {
            types: named(&self.crates.types, &options.crates.types),
            client: named(&self.crates.client, &options.crates.client),
            server: named(&self.crates.server, &options.crates.server),
        };
        if let Some(version) = &self.version {
            options.version = version.clone();
        }
        if let Some(outputs) = &self.outputs {
            options.outputs = Outputs {
                types: outputs.contains(&Output::Types),
                client: outputs.contains(&Output::Client),
                server: outputs.contains(&Output::Server),
                docs: outputs.contains(&Output::Docs),
            };
        }
        options.derives = self.derives.clone();
        options.docs = DocsOptions {
            sample_host: named(&self.docs.sample_host, &options.docs.sample_host),
            base_url: self.docs.base_url.clone(),
            site: self.docs.site.clone(),
            token_command: self.docs.token_command.clone(),
            token_example: self.docs.token_example.clone(),
        };
        options
    }
}

/// A TOML or shape error as `line:column: message`, and for an unknown key, the nearest
/// known one.
fn explain(text: &str, error: &toml::de::Error) -> String {
    let (line, column) = match error.span() {
        Some(span) => line_column(text, span.start),
        None => (1, 1),
    };
    let message = error.message();
    let hint = unknown_key(message).map(|(key, known)| {
        match known
            .iter()
            .min_by_key(|k| strsim::damerau_levenshtein(key, k))
        {
            Some(nearest)
                if strsim::damerau_levenshtein(key, nearest) <= key.len().max(3) / 2 + 1 =>
            {
                format!(
                    "\n  help: did you mean `{nearest}`? Known keys here: {}",
                    known.join(", ")
                )
            }
            _ => format!("\n  help: known keys here: {}", known.join(", ")),
        }
    });
    format!("{line}:{column}: {message}{}", hint.unwrap_or_default())
}

/// The key and the known keys of serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_key(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let known = rest.split('`').skip(1).step_by(2).collect();
    Some((key, known))
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::{Config, Output};
    use std::path::Path;

    #[test]
    fn every_key_is_read() {
        let config = Config::parse(
            r#"
            name = "pets"
            outputs = ["types", "client"]
            version = "2.1.0"
            error-schema = "Problem"
            derives = ["Hash", "Eq"]
            strict = true
            [crates]
            types = "pet-model"
            client = "pet-api"
            server = "pet-server"
            [filter]
            tags = ["pets"]
            exclude-tags = ["admin"]
            operations = ["listPets"]
            exclude-operations = ["deletePet"]
            [replace]
            "codersdk.Workspace" = "my_crate::Workspace"
            [docs]
            sample-host = "https://pets.example"
            base-url = "https://pets.example/v2"
            token-command = "pets login"
            "#,
        )
        .unwrap();
        assert_eq!(config.outputs, Some(vec![Output::Types, Output::Client]));
        assert_eq!(config.filter.exclude_operations, ["deletePet"]);
        assert_eq!(config.replace["codersdk.Workspace"], "my_crate::Workspace");
        let options = config.options(Path::new("spec/pets.yaml"), "c".into());
        assert_eq!(options.crates.types, "pet-model");
        assert_eq!(options.crates.client, "pet-api");
        assert_eq!(options.version, "2.1.0");
        assert!(options.outputs.client && !options.outputs.server && !options.outputs.docs);
        assert_eq!(options.docs.sample_host, "https://pets.example");
        assert_eq!(options.docs.token_command.as_deref(), Some("pets login"));
    }

    #[test]
    fn no_keys_are_the_generator_defaults() {
        let options = Config::parse("")
            .unwrap()
            .options(Path::new("a/workspaces.yaml"), "c".into());
        assert_eq!(options, crate::render::Options::new("workspaces", "c"));
    }

    #[test]
    fn an_unknown_key_names_the_nearest_known_one() {
        let error =
            Config::parse("version = \"1\"\n[filter]\nexclude-tag = [\"a\"]\n").unwrap_err();
        assert!(
            error.starts_with("3:1: unknown field `exclude-tag`"),
            "{error}"
        );
        assert!(error.contains("did you mean `exclude-tags`?"), "{error}");
        let error = Config::parse("outptus = [\"types\"]").unwrap_err();
        assert!(error.contains("did you mean `outputs`?"), "{error}");
        let error = Config::parse("outputs = [\"typs\"]").unwrap_err();
        assert!(error.starts_with("1:12: unknown variant `typs`"), "{error}");
    }

    #[test]
    fn derives_and_replacements_are_rust_paths() {
        assert!(
            Config::parse("derives = [\"Hash(\"]")
                .unwrap_err()
                .contains("`derives`")
        );
        let error = Config::parse("[replace]\nPet = \"my crate\"").unwrap_err();
        assert!(
            error.contains("`my crate` (for `Pet`) is not a Rust path"),
            "{error}"
        );
    }
}
