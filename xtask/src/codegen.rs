//! `cargo xtask codegen`: render a spec into a folder, or check that the folder is up to date.
//!
//! A command line over [`openapi_gen::output`]: every generated file goes through its
//! [`sync`], the one write path, and `--check` is its [`compare`].

use crate::project_root;
use openapi_gen::diag::Diagnostics;
use openapi_gen::output::{compare, sync};
use openapi_gen::render::{File, Options, render_all};
use std::path::PathBuf;
use std::time::Instant;

/// What to generate, and where.
#[derive(Debug, Clone)]
pub struct Job {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub options: Options,
    /// Fail on any diagnostic instead of generating around the refused parts.
    pub strict: bool,
}

/// What the repository keeps generated, as (document, folder, crate name stem), relative to
/// the project root: the workspaces API, and the fixtures whose clients and servers tests run
/// against each other: OpenAPI 3.2's streams (tests/streams.rs), and the parts a server
/// cannot all serve (tests/store.rs).
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
];

/// The command that regenerates every [`COMMITTED`] folder, named in their headers.
pub const COMMAND: &str = "cargo xtask codegen";

impl Job {
    /// `spec` into `out`; the headers and `--check` name the command that repeats it.
    pub fn new(spec: PathBuf, out: PathBuf, name: String, strict: bool) -> Job {
        let command = format!(
            "{COMMAND} --spec {} --out {} --name {name}",
            spec.display(),
            out.display()
        );
        Job {
            spec,
            out,
            options: Options { name, command },
            strict,
        }
    }

    /// The jobs that write what the repository keeps generated ([`COMMITTED`]).
    pub fn committed(strict: bool) -> Vec<Job> {
        let root = project_root();
        let job = |&(spec, out, name): &(&str, &str, &str)| Job {
            spec: root.join(spec),
            out: root.join(out),
            options: Options {
                name: name.to_owned(),
                command: COMMAND.to_owned(),
            },
            strict,
        };
        COMMITTED.iter().map(job).collect()
    }
}

/// The counts a run prints in its summary line.
#[derive(Debug)]
struct Summary {
    operations: usize,
    types: usize,
    files: Vec<File>,
    /// The parts of the document generation worked around: normalization's, then the
    /// renderers'.
    diagnostics: Diagnostics,
}

/// Reads the spec and renders every file, or returns the document's diagnostics as text.
fn render(job: &Job) -> Result<Summary, String> {
    let spec = job.spec.display();
    let (api, mut diagnostics) =
        openapi_gen::model_of_file(&job.spec).map_err(|d| format!("{spec}:\n{d}"))?;
    let rendered = render_all(&api, &job.options);
    diagnostics.extend(rendered.diagnostics.0);
    if job.strict && !diagnostics.is_empty() {
        return Err(format!("{spec} (--strict):\n{diagnostics}"));
    }
    Ok(Summary {
        operations: api.operations.len(),
        types: api.types.len(),
        files: rendered.files,
        diagnostics,
    })
}

/// `cargo xtask codegen`: check or write each job, printing what it did.
pub fn task(jobs: &[Job], check: bool) -> Result<(), String> {
    jobs.iter().try_for_each(|job| run(job, check))
}

fn run(job: &Job, check: bool) -> Result<(), String> {
    let started = Instant::now();
    let summary = render(job)?;
    if !summary.diagnostics.is_empty() {
        eprintln!("{}\n", summary.diagnostics);
    }
    if check {
        let drift = compare(&summary.files, &job.out);
        if !drift.is_empty() {
            return Err(drift.report(&job.options.command));
        }
        println!(
            "{} is up to date ({} files)",
            job.out.display(),
            summary.files.len()
        );
        return Ok(());
    }
    let lines = sync(&summary.files, &job.out)
        .map_err(|e| format!("writing {}: {e}", job.out.display()))?;
    for line in &lines {
        println!("{line}");
    }
    let worked_around = match summary.diagnostics.0.len() {
        0 => String::new(),
        1 => ", 1 part worked around (above)".to_owned(),
        n => format!(", {n} parts worked around (above)"),
    };
    println!(
        "{} operations, {} types, {} files ({} changed) in {} ms{worked_around}",
        summary.operations,
        summary.types,
        summary.files.len(),
        lines.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}
