//! The drift check: generated/ must be what the generator makes, and `--check` must notice
//! when it is not.

use openapi_gen::render::Options;
use std::path::Path;
use xtask::codegen::{self, Job};

fn job(out: &Path) -> Job {
    Job {
        spec: tests::root().join("spec/workspaces.yaml"),
        out: out.to_path_buf(),
        options: Options {
            name: "workspaces".into(),
            command: "cargo xtask codegen".into(),
        },
        strict: true,
    }
}

/// rust-analyzer style: plain `cargo test` fails when a committed generated file is stale.
#[test]
fn generated_files_are_up_to_date() {
    let out = tests::root().join("generated");
    let summary = codegen::render(&job(&out)).expect("the spec renders");
    let drift = codegen::compare(&summary.files, &out);
    assert!(drift.is_empty(), "{}", drift.report("cargo xtask codegen"));
}

#[test]
fn check_reports_changed_missing_and_extra_files() {
    let dir = tempfile::tempdir().unwrap();
    let summary = codegen::render(&job(dir.path())).unwrap();
    codegen::sync(&summary.files, dir.path()).unwrap();
    assert!(codegen::compare(&summary.files, dir.path()).is_empty());

    let lib = dir.path().join("types/src/lib.rs");
    let edited = std::fs::read_to_string(&lib).unwrap().replacen(
        "pub struct Workspace ",
        "pub struct Workspace2 ",
        1,
    );
    std::fs::write(&lib, edited).unwrap();
    std::fs::write(dir.path().join("types/src/extra.rs"), "// not generated\n").unwrap();
    std::fs::remove_file(dir.path().join("types/Cargo.toml")).unwrap();

    let drift = codegen::compare(&summary.files, dir.path());
    assert_eq!(drift.stale.len(), 1);
    let (path, diff) = &drift.stale[0];
    assert_eq!(path, "types/src/lib.rs");
    assert!(
        diff.contains("-pub struct Workspace2 {") && diff.contains("+pub struct Workspace {"),
        "{diff}"
    );
    assert_eq!(drift.missing, ["types/Cargo.toml"]);
    assert_eq!(drift.extra, ["types/src/extra.rs"]);
    let report = drift.report("cargo xtask codegen");
    assert!(
        report.ends_with("run `cargo xtask codegen` and commit the result\n"),
        "{report}"
    );

    // Writing brings the folder back in line, removing what is not generated.
    codegen::sync(&summary.files, dir.path()).unwrap();
    assert!(codegen::compare(&summary.files, dir.path()).is_empty());
    assert!(!dir.path().join("types/src/extra.rs").exists());
}
