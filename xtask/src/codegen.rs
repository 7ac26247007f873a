//! `cargo xtask codegen`: render a spec into a folder, or check that the folder is up to date.
//!
//! The repository's own entry point to what the `openapi-gen` command does: the same
//! [`Generation`] and the same `generate` and `check` ([`openapi_gen::cli`]), so every
//! generated file goes through [`openapi_gen::output::sync`], the one write path, and
//! `--check` is its `compare`.

use crate::project_root;
use openapi_gen::cli::{self, Failure};
use openapi_gen::config::Config;
use openapi_gen::generation::Generation;
use std::path::PathBuf;

/// What to generate, and where.
#[derive(Debug, Clone)]
pub struct Job {
    pub generation: Generation,
    pub out: PathBuf,
}

/// What the repository keeps generated, as (document, folder, crate name stem), relative to
/// the project root: the workspaces API, the fixtures whose clients and servers tests run
/// against each other: OpenAPI 3.2's streams (tests/streams.rs), and the parts a server
/// cannot all serve (tests/store.rs), and every kind of body (tests/bodies.rs); the config
/// fixture (tests/config.rs); the constraints the server checks (tests/checks.rs); and the
/// deviations of real documents, read as meant
/// (tests/deviations.rs), whose crates the workspace build checks.
pub const COMMITTED: &[(&str, &str, &str)] = &[
    ("spec/workspaces.yaml", "generated", "workspaces"),
    (
        "tests/fixtures/versions/openapi-3.2.yaml",
        "tests/generated/watch",
        "watch",
    ),
    (
        "tests/fixtures/store/store.yaml",
        "tests/generated/store",
        "store",
    ),
    (
        "tests/fixtures/config/pets.yaml",
        "tests/generated/pets",
        "pets",
    ),
    (
        "tests/fixtures/bodies/bodies.yaml",
        "tests/generated/bodies",
        "bodies",
    ),
    (
        "tests/fixtures/auth/auth.yaml",
        "tests/generated/auth",
        "auth",
    ),
    (
        "tests/fixtures/checks/checks.yaml",
        "tests/generated/checks",
        "checks",
    ),
    (
        "tests/fixtures/deviations/swagger.yaml",
        "tests/generated/deviations20",
        "deviations20",
    ),
    (
        "tests/fixtures/deviations/openapi-3.0.yaml",
        "tests/generated/deviations30",
        "deviations30",
    ),
];

/// The command that regenerates every [`COMMITTED`] folder, named in their headers.
pub const COMMAND: &str = "cargo xtask codegen";

impl Job {
    /// `spec` into `out` with the config `config` (default: the one beside it,
    /// `openapi-gen.toml`), `name` and `strict` overriding it; the headers and `--check` name
    /// the command that repeats it.
    pub fn new(
        spec: PathBuf,
        out: PathBuf,
        config: Option<PathBuf>,
        name: String,
        strict: bool,
    ) -> Result<Job, String> {
        let mut command = format!(
            "{COMMAND} --spec {} --out {} --name {name}",
            spec.display(),
            out.display()
        );
        if let Some(config) = &config {
            command.push_str(&format!(" --config {}", config.display()));
        }
        let found = Config::of(&spec, config.as_deref())?;
        Ok(Job::with_config(spec, out, found, name, strict, command))
    }

    /// The jobs that write what the repository keeps generated ([`COMMITTED`]), each with
    /// the config beside its document, if any (the pets fixture has one).
    pub fn committed(strict: bool) -> Result<Vec<Job>, String> {
        let root = project_root();
        let job = |&(spec, out, name): &(&str, &str, &str)| {
            let (spec, out) = (root.join(spec), root.join(out));
            let found = Config::find(&spec)?;
            let command = COMMAND.to_owned();
            Ok(Job::with_config(
                spec,
                out,
                found,
                name.to_owned(),
                strict,
                command,
            ))
        };
        COMMITTED.iter().map(job).collect()
    }

    /// `spec` into `out` with a config and the file it was read from, `name` and `strict`
    /// overriding it.
    fn with_config(
        spec: PathBuf,
        out: PathBuf,
        (mut config, file): (Config, Option<PathBuf>),
        name: String,
        strict: bool,
        command: String,
    ) -> Job {
        config.name = Some(name);
        config.strict |= strict;
        let generation = Generation::new(spec, config, file, command);
        Job { generation, out }
    }
}

/// `cargo xtask codegen`: check or write each job, printing what it did.
pub fn task(jobs: &[Job], check: bool) -> Result<(), String> {
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    for job in jobs {
        let (generation, folder) = (&job.generation, job.out.as_path());
        match check {
            true => cli::check(generation, folder, false, &mut out, &mut err),
            false => cli::generate(generation, folder, false, &mut out, &mut err),
        }
        .map_err(|Failure { message, .. }| message)?;
    }
    Ok(())
}
