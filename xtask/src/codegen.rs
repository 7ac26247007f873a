//! `cargo xtask codegen`: render a spec into a folder, or check that the folder is up to date.
//!
//! Every generated file goes through [`sync`], the one write path: it writes (or, in check
//! mode, compares) the rendered text, and removes files the generator no longer makes.

use openapi_gen::diag::Diagnostics;
use openapi_gen::render::{File, Options, render_all};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
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

/// How `out` differs from what the generator makes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs, with a unified diff (on disk -> generated).
    pub stale: Vec<(String, String)>,
    /// Files the generator makes that are not on disk.
    pub missing: Vec<String>,
    /// Files on disk the generator does not make.
    pub extra: Vec<String>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// The report `--check` prints: diffs first, then missing and extra files.
    pub fn report(&self, fix: &str) -> String {
        let mut out = String::new();
        for (_, diff) in &self.stale {
            out.push_str(diff);
        }
        for path in &self.missing {
            let _ = writeln!(out, "missing: {path}");
        }
        for path in &self.extra {
            let _ = writeln!(out, "extra (not generated): {path}");
        }
        let _ = writeln!(
            out,
            "generated files are not up to date; run `{fix}` and commit the result"
        );
        out
    }
}

/// The counts a run prints in its summary line.
#[derive(Debug)]
pub struct Summary {
    pub operations: usize,
    pub types: usize,
    pub files: Vec<File>,
    /// The parts of the document generation worked around.
    pub diagnostics: Diagnostics,
}

/// Reads the spec and renders every file, or returns the document's diagnostics as text.
pub fn render(job: &Job) -> Result<Summary, String> {
    let text = std::fs::read_to_string(&job.spec)
        .map_err(|e| format!("cannot read {}: {e}", job.spec.display()))?;
    let spec = job.spec.display();
    let (api, diagnostics) =
        openapi_gen::model_with_diagnostics(&text).map_err(|d| format!("{spec}:\n{d}"))?;
    if job.strict && !diagnostics.is_empty() {
        return Err(format!("{spec} (--strict):\n{diagnostics}"));
    }
    let files = render_all(&api, &job.options).map_err(|d| d.to_string())?;
    Ok(Summary {
        operations: api.operations.len(),
        types: api.types.len(),
        files,
        diagnostics,
    })
}

/// Compares the rendered files with `out`, with a unified diff for every stale file.
pub fn compare(files: &[File], out: &Path) -> Drift {
    survey(files, out, unified_diff)
}

/// What differs between `files` and `out`; `describe` says how a stale file differs (the
/// write path only needs to know that it does, which spares diffing a large file).
fn survey(files: &[File], out: &Path, describe: fn(&File, &str) -> String) -> Drift {
    let mut drift = Drift::default();
    for file in files {
        match std::fs::read_to_string(out.join(&file.path)) {
            Ok(on_disk) if on_disk == file.contents => {}
            Ok(on_disk) => drift
                .stale
                .push((file.path.clone(), describe(file, &on_disk))),
            Err(_) => drift.missing.push(file.path.clone()),
        }
    }
    let made: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    drift.extra = files_under(out)
        .into_iter()
        .filter(|p| !made.contains(p.as_str()))
        .collect();
    drift
}

/// How a stale file changes: on disk -> generated.
fn unified_diff(file: &File, on_disk: &str) -> String {
    similar::TextDiff::from_lines(on_disk, file.contents.as_str())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{}", file.path), &format!("b/{}", file.path))
        .to_string()
}

/// Brings `out` in line with `files`: writes what changed, removes what is no longer made.
/// Returns one line per file written or removed.
pub fn sync(files: &[File], out: &Path) -> std::io::Result<Vec<String>> {
    let drift = survey(files, out, |_, _| String::new());
    let changed: BTreeSet<&str> = drift
        .stale
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(drift.missing.iter().map(String::as_str))
        .collect();
    let mut lines = Vec::new();
    for file in files.iter().filter(|f| changed.contains(f.path.as_str())) {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.contents)?;
        lines.push(format!("wrote {}", path.display()));
    }
    for extra in &drift.extra {
        let path = out.join(extra);
        std::fs::remove_file(&path)?;
        lines.push(format!("removed {}", path.display()));
    }
    Ok(lines)
}

/// Every file below `dir`, relative and `/`-separated, sorted; build output (`target/`,
/// `Cargo.lock`, `node_modules/`) is not the generator's and is skipped.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if matches!(
                name.to_str(),
                Some("target" | "Cargo.lock" | "node_modules")
            ) {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    found
}

/// Runs a job as the command line asks: check or write, printing what it did.
pub fn run(job: &Job, check: bool) -> Result<(), String> {
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
    println!(
        "{} operations, {} types, {} files ({} changed) in {} ms",
        summary.operations,
        summary.types,
        summary.files.len(),
        lines.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}
