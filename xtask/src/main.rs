//! `cargo xtask`: the project's tasks, run through the alias in `.cargo/config.toml`.

use clap::{Parser, Subcommand};
use openapi_gen::render::Options;
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::codegen::{self, Job};
use xtask::corpus;
use xtask::fuzz;
use xtask::project_root;

/// Generation allocates many small strings and token trees; mimalloc makes a large document
/// (Stripe's) generate about a quarter faster than the system allocator does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Tasks of the OpenAPI generator project")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Render spec/workspaces.yaml into generated/ (or any spec into any folder).
    Codegen {
        /// Compare instead of writing; fail with a diff when the folder is stale.
        #[arg(long)]
        check: bool,
        /// The OpenAPI document (default: spec/workspaces.yaml).
        #[arg(long, requires = "out")]
        spec: Option<PathBuf>,
        /// The output folder (default: generated/).
        #[arg(long, requires = "spec")]
        out: Option<PathBuf>,
        /// The crate name stem (`NAME-types`, `NAME-client`, ...).
        #[arg(long, default_value = "workspaces")]
        name: String,
        /// Fail on any diagnostic instead of generating around the parts it refuses.
        #[arg(long)]
        strict: bool,
    },
    /// Run the pipeline on every document of a folder and `cargo check` the results.
    Corpus {
        /// The folder of documents (default: ../shared/corpus beside the project).
        dir: Option<PathBuf>,
        /// Generate only; skip `cargo check`.
        #[arg(long)]
        no_check: bool,
        /// Only the documents whose file name contains one of these.
        #[arg(long = "only")]
        only: Vec<String>,
        /// Rewrite the expectation file from this run instead of comparing with it.
        #[arg(long)]
        bless: bool,
    },
    /// Feed mutated corpus documents to the whole pipeline until a panic or the time is up.
    Fuzz {
        /// How long to run.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// The first case's seed; a failure prints the seed that replays it.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Stop after this many cases (with --seed, replays one case: `--cases 1`).
        #[arg(long, default_value_t = u64::MAX)]
        cases: u64,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::Codegen {
            check,
            spec,
            out,
            name,
            strict,
        } => codegen_task(check, spec, out, name, strict),
        Task::Fuzz {
            seconds,
            seed,
            cases,
        } => fuzz_task(seconds, seed, cases),
        Task::Corpus {
            dir,
            no_check,
            only,
            bless,
        } => corpus_task(dir, !no_check, &only, bless),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn codegen_task(
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: String,
    strict: bool,
) -> Result<(), String> {
    let job = match (spec, out) {
        (Some(spec), Some(out)) => {
            let command = format!(
                "cargo xtask codegen --spec {} --out {} --name {name}",
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
        _ => {
            let root = project_root();
            let command = "cargo xtask codegen".to_owned();
            Job {
                spec: root.join("spec/workspaces.yaml"),
                out: root.join("generated"),
                options: Options { name, command },
                strict,
            }
        }
    };
    codegen::run(&job, check)
}

const EXPECTATIONS: &str = "xtask/corpus-expected.tsv";

fn corpus_task(
    dir: Option<PathBuf>,
    check: bool,
    only: &[String],
    bless: bool,
) -> Result<(), String> {
    let root = project_root();
    let dir = dir.unwrap_or_else(|| root.join("../shared/corpus"));
    let scratch = root.join("target/corpus");
    let mut documents =
        corpus::documents(&dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    documents.retain(|d| {
        only.is_empty()
            || only
                .iter()
                .any(|o| d.to_string_lossy().contains(o.as_str()))
    });
    let mut rows = Vec::new();
    for document in &documents {
        let mut row = corpus::generate(document, &scratch);
        if check && row.generated {
            eprintln!("checking {} ...", row.document);
            let target = root.join("target/corpus-target");
            if let Err(first) = corpus::check(&row.dir, &target) {
                row.outcome = corpus::Outcome::CheckFailed;
                row.first = first;
            }
        }
        rows.push(row);
    }
    println!("{}", corpus::table(&rows));
    let expectations = root.join(EXPECTATIONS);
    if bless {
        std::fs::write(&expectations, corpus::expectations(&rows)).map_err(|e| e.to_string())?;
        println!("wrote {EXPECTATIONS}");
        return Ok(());
    }
    let regressions = corpus::regressions(&rows, &corpus::read_expectations(&expectations));
    let failed_checks: Vec<&str> = rows
        .iter()
        .filter(|r| r.outcome == corpus::Outcome::CheckFailed)
        .map(|r| r.document.as_str())
        .collect();
    if regressions.is_empty() && failed_checks.is_empty() {
        return Ok(());
    }
    let mut message = regressions.join("\n");
    if !failed_checks.is_empty() {
        message.push_str(&format!(
            "\ncargo check failed for: {}",
            failed_checks.join(", ")
        ));
    }
    Err(message)
}

fn fuzz_task(seconds: u64, seed: u64, cases: u64) -> Result<(), String> {
    let root = project_root();
    let budget = std::time::Duration::from_secs(seconds);
    let (ran, failure) = fuzz::run(&root.join("../shared/corpus"), seed, budget, cases);
    let Some(failure) = failure else {
        println!("{ran} cases from seed {seed}: no panic");
        return Ok(());
    };
    let saved = root.join("target/fuzz-failure.json");
    std::fs::write(&saved, &failure.input).map_err(|e| e.to_string())?;
    Err(format!(
        "case {ran} panicked: {}\n  mutated from {}\n  input saved to {}\n  replay: cargo xtask fuzz --seed {} --cases 1",
        failure.message,
        failure.document.display(),
        saved.display(),
        failure.seed
    ))
}
