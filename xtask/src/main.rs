//! `cargo xtask`: the project's tasks, run through the alias in `.cargo/config.toml`.

use clap::{Parser, Subcommand};
use openapi_gen::render::Options;
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::codegen::{self, Job};
use xtask::project_root;

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
    },
}

fn main() -> ExitCode {
    let Task::Codegen {
        check,
        spec,
        out,
        name,
    } = Cli::parse().task;
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
            }
        }
        _ => {
            let root = project_root();
            let command = "cargo xtask codegen".to_owned();
            Job {
                spec: root.join("spec/workspaces.yaml"),
                out: root.join("generated"),
                options: Options { name, command },
            }
        }
    };
    match codegen::run(&job, check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
