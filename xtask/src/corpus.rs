//! `cargo xtask corpus [DIR...]`: the whole pipeline on every OpenAPI document in folders, each
//! into its own scratch workspace, then `cargo check` on each (one shared target dir, so
//! dependencies build once). It never stops at the first failure; it prints a table.

use crate::project_root;
use openapi_gen::diag::Diagnostics;
use openapi_gen::output::sync;
use openapi_gen::render::{File, Options, render_all};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The folders `corpus` and `fuzz` read unless told otherwise, relative to the project root:
/// public documents of every version of the format kept beside the project, not in it, and
/// Coder's own Swagger 2.0 description.
pub const DIRS: &[&str] = &[
    "../shared/corpus",
    "../shared/corpus31",
    "../shared/corpus20",
    "../shared/coder",
];

/// The expectation file, relative to the project root.
const EXPECTATIONS: &str = "xtask/corpus-expected.tsv";

/// The default corpus folders ([`DIRS`]).
pub fn default_dirs() -> Vec<PathBuf> {
    DIRS.iter().map(|d| project_root().join(d)).collect()
}

/// `cargo xtask corpus`: generates every document of `dirs` (default: [`DIRS`]) whose file
/// name contains one of `only` (all when empty), `cargo check`s the results when
/// `cargo_check`, prints the table, and fails on a regression against the expectation file,
/// or rewrites that file when `bless`.
pub fn task(
    mut dirs: Vec<PathBuf>,
    cargo_check: bool,
    only: &[String],
    bless: bool,
) -> Result<(), String> {
    let root = project_root();
    if dirs.is_empty() {
        dirs = default_dirs();
    }
    let scratch = root.join("target/corpus");
    let mut documents = Vec::new();
    for dir in &dirs {
        let found = self::documents(dir);
        documents.extend(found.map_err(|e| format!("reading {}: {e}", dir.display()))?);
    }
    documents.retain(|d| {
        only.is_empty()
            || only
                .iter()
                .any(|o| d.to_string_lossy().contains(o.as_str()))
    });
    let mut rows = Vec::new();
    for document in &documents {
        let mut row = generate(document, &scratch);
        if cargo_check && row.generated {
            eprintln!("checking {} ...", row.document);
            let target = root.join("target/corpus-target");
            if let Err(first) = check(&row.dir, &target) {
                row.outcome = Outcome::CheckFailed;
                row.first = first;
            }
        }
        rows.push(row);
    }
    println!("{}", table(&rows));
    let expectations_file = root.join(EXPECTATIONS);
    if bless {
        std::fs::write(&expectations_file, expectations(&rows)).map_err(|e| e.to_string())?;
        println!("wrote {EXPECTATIONS}");
        return Ok(());
    }
    let regressions = regressions(&rows, &read_expectations(&expectations_file));
    let failed_checks: Vec<&str> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::CheckFailed)
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

/// How one document fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Generation reported diagnostics (and generated around them, unless it could not read
    /// the document at all).
    Diagnostic,
    /// The generated crates did not pass `cargo check`.
    CheckFailed,
    Panic,
}

impl Outcome {
    fn as_str(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Diagnostic => "diagnostic",
            Outcome::CheckFailed => "check failed",
            Outcome::Panic => "panic",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub document: String,
    pub operations: usize,
    pub types: usize,
    pub elapsed: Duration,
    pub lines: usize,
    pub diagnostics: usize,
    pub outcome: Outcome,
    /// The first diagnostic, panic message or compiler error.
    pub first: String,
    /// The scratch workspace the document was generated into.
    pub dir: PathBuf,
    /// Whether crates were written there (with or without diagnostics).
    pub generated: bool,
}

/// The documents of a corpus folder: JSON and YAML files, by name.
pub fn documents(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Generates one document into `scratch/<file name>` (`progenitor-nexus-json`: the extension
/// too, since a folder may hold one API as both JSON and YAML); panics are caught and
/// reported as a row.
pub fn generate(document: &Path, scratch: &Path) -> Row {
    let name = document
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = crate_stem(&name);
    let dir = scratch.join(folder_name(&name));
    let mut row = Row {
        document: name,
        operations: 0,
        types: 0,
        elapsed: Duration::ZERO,
        lines: 0,
        diagnostics: 0,
        outcome: Outcome::Ok,
        first: String::new(),
        dir,
        generated: false,
    };
    let options = Options::new(
        stem.clone(),
        format!("cargo xtask corpus ({})", row.document),
    );
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let (api, mut diagnostics) = openapi_gen::model_of_file(document)?;
        let rendered = render_all(&api, &options);
        diagnostics.extend(rendered.diagnostics.0);
        let files = rendered.files;
        Ok::<_, Diagnostics>((api.operations.len(), api.types.len(), files, diagnostics))
    }));
    row.elapsed = started.elapsed();
    let diagnostics = match result {
        Err(panic) => {
            row.outcome = Outcome::Panic;
            row.first = panic_message(&panic);
            return row;
        }
        Ok(Err(diagnostics)) => diagnostics,
        Ok(Ok((operations, types, files, diagnostics))) => {
            row.operations = operations;
            row.types = types;
            row.lines = files.iter().map(|f| f.contents.lines().count()).sum();
            match write_workspace(&files, &row.dir) {
                Ok(()) => row.generated = true,
                Err(e) => row.first = format!("writing: {e}"),
            }
            diagnostics
        }
    };
    row.diagnostics = diagnostics.0.len();
    if let Some(first) = diagnostics.0.first() {
        row.outcome = Outcome::Diagnostic;
        row.first = format!("{}: {}", first.pointer, first.message);
    }
    row
}

/// Writes the generated files plus a workspace manifest over the generated crates.
fn write_workspace(files: &[File], dir: &Path) -> std::io::Result<()> {
    let mut files = files.to_vec();
    let members: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.strip_suffix("/Cargo.toml"))
        .map(|m| format!("\"{m}\""))
        .collect();
    files.push(File {
        path: "Cargo.toml".to_owned(),
        contents: format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    });
    sync(&files, dir).map(|_| ())
}

/// `cargo check` of one generated workspace, every feature on: an error, or a warning in the
/// generated code, fails it (the first one is returned).
pub fn check(dir: &Path, target: &Path) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "check",
            "--workspace",
            // The client's request checks are behind a feature: check them too.
            "--all-features",
            "--quiet",
            "--message-format",
            "short",
        ])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problem = stderr
        .lines()
        .find(|l| l.contains("error") || l.contains("warning: "));
    match (output.status.success(), problem) {
        (true, None) => Ok(()),
        (_, Some(line)) => Err(line.to_owned()),
        (false, None) => Err("cargo check failed".to_owned()),
    }
}

/// The crate name stem of a document's file name, its extension aside.
fn crate_stem(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(file_name);
    openapi_gen::naming::crate_stem(stem)
}

/// The scratch folder of a document: its file name with every character but ASCII letters,
/// digits, `-` and `_` as `-`, so `type-alias.yaml` and `type_alias.yaml` get a folder each.
fn folder_name(file_name: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    file_name
        .chars()
        .map(|c| if safe(c) { c } else { '-' })
        .collect()
}

/// The message of a caught panic, for a corpus row or a fuzz failure.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// The table as markdown, widths padded so it reads in a terminal too.
pub fn table(rows: &[Row]) -> String {
    let header = [
        "document",
        "operations",
        "types",
        "generation",
        "lines",
        "result",
        "first diagnostic",
    ];
    let body: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.document.clone(),
                r.operations.to_string(),
                r.types.to_string(),
                format!("{} ms", r.elapsed.as_millis()),
                r.lines.to_string(),
                r.outcome.as_str().to_owned(),
                r.first.replace('|', "\\|").chars().take(140).collect(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(&header.map(String::from));
    out.push_str(&line(&widths.map(|w| "-".repeat(w))));
    for row in &body {
        out.push_str(&line(row));
    }
    out
}

/// The checked-in expectation: at most this many diagnostics per document.
pub fn read_expectations(path: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (document, count) = l.split_once('\t')?;
            Some((document.to_owned(), count.trim().parse().ok()?))
        })
        .collect()
}

/// What breaks the expectation: any panic, or more diagnostics than expected.
pub fn regressions(rows: &[Row], expected: &BTreeMap<String, usize>) -> Vec<String> {
    rows.iter()
        .filter_map(|r| {
            let allowed = expected.get(&r.document).copied().unwrap_or(0);
            if r.outcome == Outcome::Panic {
                Some(format!("{}: panicked: {}", r.document, r.first))
            } else if r.diagnostics > allowed {
                Some(format!(
                    "{}: {} diagnostics, expected at most {allowed}",
                    r.document, r.diagnostics
                ))
            } else {
                None
            }
        })
        .collect()
}

/// The expectation file for the rows as they are now.
pub fn expectations(rows: &[Row]) -> String {
    let mut out = String::from(
        "# document<TAB>diagnostics allowed; written by `cargo xtask corpus --bless`\n",
    );
    for r in rows {
        out.push_str(&format!("{}\t{}\n", r.document, r.diagnostics));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{crate_stem, folder_name};

    #[test]
    fn crate_stems_are_snake_case_once_joined() {
        assert_eq!(crate_stem("progenitor-nexus.json"), "progenitor-nexus");
        assert_eq!(crate_stem("3_0__x.yaml"), "api-3-0-x");
        assert_eq!(crate_stem("Type Alias (v2).yaml"), "type-alias-v2");
        assert_eq!(crate_stem("_x_.yaml"), "x");
    }

    #[test]
    fn documents_named_alike_get_folders_of_their_own() {
        assert_ne!(
            folder_name("type-alias.yaml"),
            folder_name("type_alias.yaml")
        );
        assert_ne!(folder_name("a.json"), folder_name("a.yaml"));
        assert_eq!(
            folder_name("progenitor-nexus.json"),
            "progenitor-nexus-json"
        );
    }
}
