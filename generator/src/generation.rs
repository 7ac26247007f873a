//! One run of the generator as its commands make it: a document and its config in; the
//! files, the counts and every part worked around out. The `openapi-gen` command, `cargo
//! xtask codegen` and build scripts ([`crate::build`]) all run it, so they cannot disagree.

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::render::{File, Options, render_all};
use std::path::{Path, PathBuf};

/// What to generate: the document, its config, and the renderers' options made from both.
#[derive(Debug, Clone)]
pub struct Generation {
    pub spec: PathBuf,
    pub config: Config,
    /// The config file read, if any (build scripts watch it).
    pub config_file: Option<PathBuf>,
    pub options: Options,
}

/// What a run made.
#[derive(Debug)]
pub struct Generated {
    pub operations: usize,
    pub types: usize,
    /// Sorted by path.
    pub files: Vec<File>,
    /// The parts of the document generation worked around: normalization's, then the
    /// renderers'.
    pub diagnostics: Diagnostics,
}

impl Generation {
    /// `spec` with `config` (read from `config_file`, if from a file); the generated headers
    /// name `command`, the command that regenerates the files.
    pub fn new(
        spec: impl Into<PathBuf>,
        config: Config,
        config_file: Option<PathBuf>,
        command: String,
    ) -> Self {
        let spec = spec.into();
        let options = config.options(&spec, command);
        Generation {
            spec,
            config,
            config_file,
            options,
        }
    }

    /// `spec` with the config beside it (`openapi-gen.toml`), or with `config_file` when one
    /// is named.
    pub fn with_config_of(
        spec: impl Into<PathBuf>,
        config_file: Option<&Path>,
        command: String,
    ) -> Result<Self, String> {
        let spec = spec.into();
        let (config, file) = Config::of(&spec, config_file)?;
        Ok(Generation::new(spec, config, file, command))
    }

    /// Reads, normalizes and renders; `progress` hears of each stage as it ends. Only a
    /// document that cannot be read is an error; whether any diagnostic fails the run
    /// (`strict`) is the caller's to say, as [`Generated::refused`] does.
    pub fn run(&self, progress: &mut dyn FnMut(&str)) -> Result<Generated, Diagnostics> {
        let settings = self.config.settings();
        let (api, mut diagnostics) = crate::model_of_file_with(&self.spec, &settings)?;
        progress(&format!(
            "read {} operations and {} types",
            api.operations.len(),
            api.types.len()
        ));
        let rendered = render_all(&api, &self.options);
        progress(&format!("rendered {} files", rendered.files.len()));
        diagnostics.extend(rendered.diagnostics.0);
        Ok(Generated {
            operations: api.operations.len(),
            types: api.types.len(),
            files: rendered.files,
            diagnostics,
        })
    }
}

impl Generated {
    /// Under a strict config, the diagnostics that fail the run, as text.
    pub fn refused(&self, generation: &Generation) -> Option<String> {
        (generation.config.strict && !self.diagnostics.is_empty()).then(|| {
            let spec = generation.spec.display();
            format!("{spec} (strict):\n{}", self.diagnostics)
        })
    }
}
