//! The `openapi-gen` command: `generate`, `check` and `lint`. It lives in the library (behind
//! the `cli` feature) so that tests run it in process and `cargo xtask codegen` shares its
//! code path; `src/main.rs` only hands it the process's arguments and streams.
//!
//! Exit codes: 0 done (written, up to date, nothing to report); 1 the folder is stale
//! (`check`), the document has problems (`lint`), or it could not be generated (unreadable,
//! or any diagnostic under `strict`); 2 the command line or the config file is wrong.

use crate::diag::{Diagnostic, Diagnostics};
use crate::generation::{Generated, Generation};
use crate::locate::{self, Position};
use crate::output::{compare, sync};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Documents at least this large get progress lines on stderr.
const LARGE: u64 = 1 << 20;

#[derive(Parser)]
#[command(
    name = "openapi-gen",
    version,
    about = "Rust types, client, server and markdown docs from an OpenAPI document \
             (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2)",
    after_help = "Exit codes: 0 done; 1 stale (check), problems found (lint) or not \
                  generated; 2 a wrong command line or config file."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the generated crates and docs into a folder (only the files that changed; files
    /// the generator no longer makes are removed).
    Generate(Target),
    /// Fail with a unified diff when a folder is not what `generate` would write.
    Check(Target),
    /// Report the document's problems without writing anything.
    Lint {
        #[command(flatten)]
        input: Input,
        /// `json`: one array of {severity, file, pointer, line, column, message, instead,
        /// help}, for editors and CI annotations.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Args)]
struct Input {
    /// The OpenAPI document (YAML or JSON; its `$ref`s to other files are followed).
    spec: PathBuf,
    /// The config file (default: `openapi-gen.toml` beside the document, if there is one).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct Target {
    #[command(flatten)]
    input: Input,
    /// The folder to write (or check): `types/`, `client/`, `server/` and `docs/` below it.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs the command line `args` (the program name first), writing to `out` and `err`;
/// returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(usage) => {
            let text = usage.render().to_string();
            let _ = match usage.use_stderr() {
                true => write!(err, "{text}"),
                false => write!(out, "{text}"),
            };
            return if usage.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Generate(target) => prepare(&target.input, Some(&target.out))
            .and_then(|job| generate(&job, &target.out, target.input.quiet, out, err)),
        Command::Check(target) => prepare(&target.input, Some(&target.out))
            .and_then(|job| check(&job, &target.out, target.input.quiet, out, err)),
        Command::Lint { input, format } => {
            prepare(&input, None).and_then(|job| lint(&job, format, out, err))
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure { code, message }) => {
            let _ = writeln!(err, "{message}");
            code
        }
    }
}

/// Why a command stopped, and its exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

/// The generation a command line asks for; its headers name the `generate` command that
/// writes `out` again.
fn prepare(input: &Input, out: Option<&Path>) -> Result<Generation, Failure> {
    let mut command = format!("openapi-gen generate {}", input.spec.display());
    if let Some(out) = out {
        command.push_str(&format!(" --out {}", out.display()));
    }
    if let Some(config) = &input.config {
        command.push_str(&format!(" --config {}", config.display()));
    }
    Generation::with_config_of(&input.spec, input.config.as_deref(), command)
        .map_err(|message| Failure { code: 2, message })
}

/// Runs `job`, with progress lines on `err` for a large document unless `quiet`.
fn render(job: &Generation, quiet: bool, err: &mut dyn Write) -> Result<Generated, Failure> {
    let size = std::fs::metadata(&job.spec).map(|m| m.len()).unwrap_or(0);
    let talk = !quiet && size >= LARGE;
    if talk {
        let _ = writeln!(err, "reading {} ({} KiB)", job.spec.display(), size >> 10);
    }
    let mut progress = |stage: &str| {
        if talk {
            let _ = writeln!(err, "{stage}");
        }
    };
    let generated = job.run(&mut progress).map_err(|d| Failure {
        code: 1,
        message: format!("{}:\n{d}", job.spec.display()),
    })?;
    if let Some(message) = generated.refused(job) {
        return Err(Failure { code: 1, message });
    }
    if !quiet && !generated.diagnostics.is_empty() {
        let _ = writeln!(err, "{}\n", generated.diagnostics);
    }
    Ok(generated)
}

/// `generate`: writes the files into `folder`, a line per changed file and a summary line.
pub fn generate(
    job: &Generation,
    folder: &Path,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let started = Instant::now();
    let generated = render(job, quiet, err)?;
    let lines = sync(&generated.files, folder).map_err(|e| Failure {
        code: 1,
        message: format!("writing {}: {e}", folder.display()),
    })?;
    if !quiet {
        for line in &lines {
            let _ = writeln!(out, "{line}");
        }
        let worked_around = match generated.diagnostics.0.len() {
            0 => String::new(),
            1 => ", 1 part worked around (above)".to_owned(),
            n => format!(", {n} parts worked around (above)"),
        };
        let _ = writeln!(
            out,
            "{} operations, {} types, {} files ({} changed) in {} ms{worked_around}",
            generated.operations,
            generated.types,
            generated.files.len(),
            lines.len(),
            started.elapsed().as_millis()
        );
    }
    Ok(0)
}

/// `check`: 0 when `folder` holds exactly the generated files; else 1, with the diffs and
/// the command that fixes them.
pub fn check(
    job: &Generation,
    folder: &Path,
    quiet: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let generated = render(job, quiet, err)?;
    let drift = compare(&generated.files, folder);
    if !drift.is_empty() {
        let message = drift.report(&job.options.command);
        return Err(Failure { code: 1, message });
    }
    if !quiet {
        let files = generated.files.len();
        let _ = writeln!(out, "{} is up to date ({files} files)", folder.display());
    }
    Ok(0)
}

/// `lint`: every diagnostic with its file, line and column; 1 when there is any.
fn lint(
    job: &Generation,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Failure> {
    let diagnostics = match job.run(&mut |_| {}) {
        Ok(generated) => generated.diagnostics,
        Err(unreadable) => unreadable,
    };
    let mut places = Places::new(&job.spec);
    match format {
        Format::Json => {
            let all: Vec<serde_json::Value> =
                diagnostics.0.iter().map(|d| places.json(d)).collect();
            let text = serde_json::to_string_pretty(&all).unwrap_or_default();
            let _ = writeln!(out, "{text}");
        }
        Format::Text => {
            for d in &diagnostics.0 {
                let (file, position) = places.of(d);
                let at = match position {
                    Some(Position { line, column }) => format!("{file}:{line}:{column}"),
                    None => file,
                };
                let _ = writeln!(out, "{at}: {d}");
            }
            let _ = writeln!(err, "{}", summary(&diagnostics));
        }
    }
    Ok(u8::from(!diagnostics.is_empty()))
}

/// `2 errors, 3 warnings`.
fn summary(diagnostics: &Diagnostics) -> String {
    let errors = diagnostics.0.iter().filter(|d| d.instead.is_none()).count();
    let warnings = diagnostics.0.len() - errors;
    format!("{errors} errors, {warnings} warnings")
}

/// Where diagnostics are written: the file a pointer names (the document, or another file
/// of it: `schemas.yaml#/Pet`), and the line and column in it. Each file is read once.
struct Places<'a> {
    spec: &'a Path,
    texts: HashMap<PathBuf, Option<String>>,
}

impl<'a> Places<'a> {
    fn new(spec: &'a Path) -> Self {
        Places {
            spec,
            texts: HashMap::new(),
        }
    }

    /// The file as the user names it, and the position of the pointer's node in it.
    fn of(&mut self, d: &Diagnostic) -> (String, Option<Position>) {
        let pointer = d.pointer.as_str();
        let (file, fragment) = match pointer.split_once('#') {
            Some((file, fragment)) if !file.is_empty() => {
                let folder = self.spec.parent().unwrap_or(Path::new(""));
                (folder.join(file), format!("#{fragment}"))
            }
            _ => (self.spec.to_path_buf(), pointer.to_owned()),
        };
        let text = self
            .texts
            .entry(file.clone())
            .or_insert_with(|| std::fs::read_to_string(&file).ok());
        let position = text
            .as_deref()
            .and_then(|text| locate::position(text, &fragment));
        (file.display().to_string(), position)
    }

    fn json(&mut self, d: &Diagnostic) -> serde_json::Value {
        let (file, position) = self.of(d);
        serde_json::json!({
            "severity": d.severity(),
            "file": file,
            "pointer": d.pointer.as_str(),
            "line": position.map(|p| p.line),
            "column": position.map(|p| p.column),
            "message": d.message,
            "instead": d.instead,
            "help": d.help,
        })
    }
}
