//! `cargo xtask bench`: this generator against progenitor, as ratios measured in one run.
//! Each pair runs alternately, several times, so that a noisy machine slows both alike; the
//! figures are medians of whole processes (wall time, and peak resident memory from
//! `wait4`). A benchmark, not a test: CI does not run it.

mod compile;

use crate::project_root;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The progenitor release compared against, installed into `target/` on first use.
const PROGENITOR_VERSION: &str = "0.15.1";

/// The documents generated from: a name and a path from the project root.
const DOCUMENTS: [(&str, &str); 3] = [
    ("workspaces", "spec/workspaces.yaml"),
    ("nexus", "../shared/corpus/progenitor-nexus.json"),
    ("stripe", "../shared/corpus/stripe-spec3-2023-09.yaml"),
];

/// What one process run cost.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    /// Peak resident set, in KiB.
    peak_kib: u64,
}

/// Which figures a run measures.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Figures {
    /// Generation wall time and peak memory.
    Generation,
    /// `cargo check` and `cargo build` of the generated crates.
    Compile,
    /// Requests per second of the generated server and client against hand-written ones.
    Throughput,
}

/// Runs the chosen figures (all of them when none is chosen) `runs` times each and prints
/// them.
pub fn task(runs: usize, only: &[Figures]) -> Result<(), String> {
    let root = project_root();
    let work = root.join("target/bench");
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    if chosen(only, Figures::Generation) || chosen(only, Figures::Compile) {
        comparisons(&root, &work, runs, only)?;
    }
    if chosen(only, Figures::Throughput) {
        println!();
        // A release build of tests/throughput.rs, which prints its own table.
        run(Command::new(env!("CARGO"))
            .args(["run", "--release", "-q", "-p", "tests"])
            .args(["--example", "throughput", "--", "--runs", &runs.to_string()])
            .current_dir(&root))?;
    }
    Ok(())
}

/// The figures that need both generators: progenitor is installed only for these.
fn comparisons(root: &Path, work: &Path, runs: usize, only: &[Figures]) -> Result<(), String> {
    let tools = Tools {
        ours: build_ours(root)?,
        progenitor: install_progenitor(work)?,
    };
    if chosen(only, Figures::Generation) {
        generation(root, work, &tools, runs)?;
    }
    if chosen(only, Figures::Compile) {
        let (name, path) = DOCUMENTS[1];
        let document = root.join(path);
        let json = json_copy(&document, &work.join(format!("{name}.json")))?;
        compile::figures(work, runs, &tools, name, &document, &json)?;
    }
    Ok(())
}

/// Whether a run measures `figures`: every figure is chosen when none is named.
fn chosen(only: &[Figures], figures: Figures) -> bool {
    only.is_empty() || only.contains(&figures)
}

/// The two generators, as commands.
struct Tools {
    ours: PathBuf,
    progenitor: PathBuf,
}

impl Tools {
    fn ours(&self, name: &str, document: &Path, out: &Path) -> Command {
        let mut c = Command::new(&self.ours);
        c.args(["codegen", "--name", name])
            .arg("--spec")
            .arg(document)
            .arg("--out")
            .arg(out);
        c
    }

    fn progenitor(&self, name: &str, json: &Path, out: &Path) -> Command {
        let mut c = Command::new(&self.progenitor);
        c.args(["progenitor", "-n", name, "-v", "0.1.0"])
            .arg("-i")
            .arg(json)
            .arg("-o")
            .arg(out);
        c
    }
}

/// Generation wall time and peak memory of each document, both sides alternately.
fn generation(root: &Path, work: &Path, tools: &Tools, runs: usize) -> Result<(), String> {
    println!(
        "generation, medians of {runs} alternate runs on {} cores (ours: types, client, server, docs; progenitor: its client)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| document | ours | progenitor | ratio | ours peak | progenitor peak | ratio |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (name, path) in DOCUMENTS {
        let document = root.join(path);
        let json = json_copy(&document, &work.join(format!("{name}.json")))?;
        let ours_out = work.join(format!("ours-{name}"));
        let theirs_out = work.join(format!("progenitor-{name}"));
        let (mut mine, mut theirs) = (Vec::new(), Vec::new());
        let mut failed = None;
        for _ in 0..runs {
            mine.push(measure(tools.ours(name, &document, &ours_out), work)?);
            match measure(tools.progenitor(name, &json, &theirs_out), work) {
                Ok(run) => theirs.push(run),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let mine_wall = median(mine.iter().map(|r| r.wall.as_secs_f64()));
        let mine_peak = median(mine.iter().map(|r| r.peak_kib as f64));
        match failed {
            Some(error) => println!(
                "| {name} | {} | fails: {} | | {} | | |",
                seconds(mine_wall),
                error.lines().next().unwrap_or_default(),
                mib(mine_peak)
            ),
            None => {
                let theirs_wall = median(theirs.iter().map(|r| r.wall.as_secs_f64()));
                let theirs_peak = median(theirs.iter().map(|r| r.peak_kib as f64));
                println!(
                    "| {name} | {} | {} | {:.2}x | {} | {} | {:.2}x |",
                    seconds(mine_wall),
                    seconds(theirs_wall),
                    mine_wall / theirs_wall,
                    mib(mine_peak),
                    mib(theirs_peak),
                    mine_peak / theirs_peak
                );
            }
        }
    }
    Ok(())
}

/// Builds the release xtask, whose `codegen` is the generator as users run it.
fn build_ours(root: &Path) -> Result<PathBuf, String> {
    run(Command::new(env!("CARGO"))
        .args(["build", "--release", "-q", "-p", "xtask"])
        .current_dir(root))?;
    Ok(root.join("target/release/xtask"))
}

/// cargo-progenitor, installed once into `target/bench/progenitor`.
fn install_progenitor(work: &Path) -> Result<PathBuf, String> {
    let install = work.join("progenitor");
    let binary = install.join("bin/cargo-progenitor");
    if !binary.exists() {
        eprintln!(
            "installing cargo-progenitor {PROGENITOR_VERSION} into {}",
            install.display()
        );
        run(Command::new(env!("CARGO"))
            .args([
                "install",
                "--locked",
                "-q",
                "cargo-progenitor",
                "--version",
                PROGENITOR_VERSION,
                "--root",
            ])
            .arg(&install))?;
    }
    Ok(binary)
}

/// progenitor reads JSON documents: the document as JSON, written once.
fn json_copy(document: &Path, json: &Path) -> Result<PathBuf, String> {
    if document.extension() == Some(OsStr::new("json")) {
        return Ok(document.to_path_buf());
    }
    if !json.exists() {
        let text =
            fs::read_to_string(document).map_err(|e| format!("{}: {e}", document.display()))?;
        let value: serde_json::Value =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", document.display()))?;
        let text = serde_json::to_string(&value).map_err(|e| e.to_string())?;
        fs::write(json, text).map_err(|e| format!("{}: {e}", json.display()))?;
    }
    Ok(json.to_path_buf())
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err(format!("{command:?} failed: {status}")),
    }
}

/// Runs a command to its end, quietly (its stderr in `work/stderr.txt`), with its wall time
/// and peak memory.
fn measure(mut command: Command, work: &Path) -> Result<Run, String> {
    let log = work.join("stderr.txt");
    let stderr = fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let start = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("{command:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is plain data that wait4 fills; `pid` is our own child, not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid {
        return Err(format!("{command:?}: wait4 failed"));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let text = fs::read_to_string(&log).unwrap_or_default();
        // The panic or error line, not the backtrace below it.
        let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
        let telling = lines()
            .find(|l| l.contains("panicked") || l.to_lowercase().starts_with("error"))
            .or_else(|| lines().next_back())
            .unwrap_or("no output");
        let code = libc::WEXITSTATUS(status);
        return Err(format!("exit {code}: {telling}"));
    }
    Ok(Run {
        wall,
        // Linux reports `ru_maxrss` in KiB.
        peak_kib: usage.ru_maxrss as u64,
    })
}

/// The middle value (the mean of the two middle ones for an even count); NaN for none.
pub fn median(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.into_iter().collect();
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn seconds(value: f64) -> String {
    format!("{:.0} ms", value * 1000.0)
}

fn mib(kib: f64) -> String {
    format!("{:.0} MiB", kib / 1024.0)
}
