//! `cargo xtask`: the project's tasks, run through the alias in `.cargo/config.toml`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::bench;
use xtask::codegen::{self, Job};
use xtask::corpus;
use xtask::fuzz;

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
    /// Render spec/workspaces.yaml into generated/ and the streams fixture into
    /// tests/generated/watch/ (or any spec into any folder).
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
        /// The crate name stem (`NAME-types`, `NAME-client`, ...) of `--spec`.
        #[arg(long, default_value = "workspaces")]
        name: String,
        /// The config of `--spec` (default: `openapi-gen.toml` beside it, if there is one).
        #[arg(long, requires = "spec")]
        config: Option<PathBuf>,
        /// Fail on any diagnostic instead of generating around the parts it refuses.
        #[arg(long)]
        strict: bool,
    },
    /// Run the pipeline on every document of a folder and `cargo check` the results.
    Corpus {
        #[arg(help = format!(
            "The folders of documents (default: {} beside the project)",
            corpus::DIRS.join(", ")
        ))]
        dirs: Vec<PathBuf>,
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
    /// Measure generation against progenitor (installed into target/ on first use), as
    /// ratios of medians of alternate runs. A benchmark: CI does not run it.
    Bench {
        /// How many times each side runs.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Only these figures (repeatable; default: all).
        #[arg(long, value_enum)]
        only: Vec<bench::Figures>,
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
            config,
            strict,
        } => {
            let jobs = match spec.zip(out) {
                Some((spec, out)) => Job::new(spec, out, config, name, strict).map(|job| vec![job]),
                None => Job::committed(strict),
            };
            jobs.and_then(|jobs| codegen::task(&jobs, check))
        }
        Task::Bench { runs, only } => bench::task(runs, &only),
        Task::Fuzz {
            seconds,
            seed,
            cases,
        } => fuzz::task(seconds, seed, cases),
        Task::Corpus {
            dirs,
            no_check,
            only,
            bless,
        } => corpus::task(dirs, !no_check, &only, bless),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
