//! The generated files and the folder that holds them: the drift check ([`compare`]) and the
//! one write path ([`sync`]).
//!
//! Generated code kept in a repository must be what the generator makes. A test, an xtask or
//! a build script renders to memory and compares; only the regenerate command writes:
//!
//! ```no_run
//! use openapi_gen::render::Options;
//! use std::path::Path;
//!
//! let options = Options::new("workspaces", "cargo xtask codegen");
//! let spec = std::fs::read_to_string("spec/workspaces.yaml").unwrap();
//! let files = openapi_gen::generate(&spec, &options).expect("the spec generates");
//!
//! // In a test or `--check`: fail with a diff and the command that fixes it.
//! let drift = openapi_gen::output::compare(&files, Path::new("generated"));
//! assert!(drift.is_empty(), "{}", drift.report(&options.command));
//!
//! // In the regenerate command: write what changed, remove what is no longer generated.
//! for line in openapi_gen::output::sync(&files, Path::new("generated")).unwrap() {
//!     println!("{line}");
//! }
//! ```
//!
//! The generator owns every file below the folder except build output (`target/`,
//! `Cargo.lock`, `node_modules/`): a file it does not make is extra, and [`sync`] removes it.

use crate::render::File;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// How a folder differs from the files the generator makes. Paths are relative to the
/// folder, with `/` separators, in the order of the files (stale, missing) or sorted (extra).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs: the path, and a unified diff from the file on disk
    /// (`a/`) to the generated one (`b/`).
    pub stale: Vec<(String, String)>,
    /// Files the generator makes that are not on disk.
    pub missing: Vec<String>,
    /// Files on disk the generator does not make.
    pub extra: Vec<String>,
}

impl Drift {
    /// Whether the folder is exactly what the generator makes.
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }

    /// What a failed check prints: the diffs, then missing and extra files, then a last line
    /// that names `fix`, the command that regenerates the folder
    /// ([`Options::command`](crate::render::Options::command)).
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

/// Compares `files` with the folder `out`, with a unified diff for every stale file. A folder
/// that does not exist has every file missing.
pub fn compare(files: &[File], out: &Path) -> Drift {
    survey(files, out, unified_diff)
}

/// Brings the folder `out` in line with `files`: writes the files that are stale or missing
/// (creating folders as needed) and removes the extra ones; a file already up to date is not
/// touched. Returns one line per file written or removed (`wrote generated/types/src/lib.rs`,
/// `removed ...`), nothing when the folder was up to date.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> File {
        File {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn files() -> Vec<File> {
        vec![
            file("types/Cargo.toml", "[package]\nname = \"t\"\n"),
            file(
                "types/src/lib.rs",
                "pub struct Workspace {\n    id: u64,\n}\n",
            ),
        ]
    }

    #[test]
    fn a_missing_folder_has_every_file_missing() {
        let dir = tempfile::tempdir().unwrap();
        let drift = compare(&files(), &dir.path().join("generated"));
        assert_eq!(drift.missing, ["types/Cargo.toml", "types/src/lib.rs"]);
        assert!(drift.stale.is_empty() && drift.extra.is_empty());
    }

    #[test]
    fn compare_reports_stale_missing_and_extra_files() {
        let dir = tempfile::tempdir().unwrap();
        sync(&files(), dir.path()).unwrap();
        assert!(compare(&files(), dir.path()).is_empty());

        let lib = dir.path().join("types/src/lib.rs");
        let edited =
            std::fs::read_to_string(&lib)
                .unwrap()
                .replacen("Workspace ", "Workspace2 ", 1);
        std::fs::write(&lib, edited).unwrap();
        std::fs::write(dir.path().join("types/src/extra.rs"), "// not generated\n").unwrap();
        std::fs::remove_file(dir.path().join("types/Cargo.toml")).unwrap();
        // Build output is not the generator's: never extra.
        std::fs::create_dir_all(dir.path().join("target/debug")).unwrap();
        std::fs::write(dir.path().join("target/debug/x"), "").unwrap();
        std::fs::write(dir.path().join("Cargo.lock"), "").unwrap();

        let drift = compare(&files(), dir.path());
        assert_eq!(drift.stale.len(), 1);
        let (path, diff) = &drift.stale[0];
        assert_eq!(path, "types/src/lib.rs");
        assert!(
            diff.starts_with("--- a/types/src/lib.rs\n+++ b/types/src/lib.rs\n")
                && diff.contains("-pub struct Workspace2 {")
                && diff.contains("+pub struct Workspace {"),
            "{diff}"
        );
        assert_eq!(drift.missing, ["types/Cargo.toml"]);
        assert_eq!(drift.extra, ["types/src/extra.rs"]);
        let report = drift.report("cargo xtask codegen");
        assert!(
            report.ends_with(
                "missing: types/Cargo.toml\n\
                 extra (not generated): types/src/extra.rs\n\
                 generated files are not up to date; \
                 run `cargo xtask codegen` and commit the result\n"
            ),
            "{report}"
        );
    }

    #[test]
    fn sync_writes_only_what_changed_and_removes_extra_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let written = sync(&files(), out).unwrap();
        assert_eq!(written.len(), 2, "{written:?}");
        assert_eq!(sync(&files(), out).unwrap(), Vec::<String>::new());

        std::fs::write(out.join("types/src/lib.rs"), "// edited\n").unwrap();
        std::fs::write(out.join("types/extra.rs"), "// not generated\n").unwrap();
        let lines = sync(&files(), out).unwrap();
        assert_eq!(
            lines,
            [
                format!("wrote {}", out.join("types/src/lib.rs").display()),
                format!("removed {}", out.join("types/extra.rs").display()),
            ]
        );
        assert!(compare(&files(), out).is_empty());
        assert!(!out.join("types/extra.rs").exists());
    }
}
