//! The command line as CI and users run it: exit codes and what it prints.

use std::path::Path;
use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

#[test]
fn check_fails_on_a_hand_edit_with_a_diff_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/workspaces.yaml");
    let args = [
        "codegen",
        "--spec",
        spec,
        "--out",
        out,
        "--name",
        "workspaces",
    ];
    let written = xtask(&args);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let stdout = String::from_utf8_lossy(&written.stdout);
    assert!(
        stdout.contains("wrote ") && stdout.contains("9 operations, "),
        "{stdout}"
    );

    let check = [&args[..], &["--check"]].concat();
    assert!(xtask(&check).status.success());

    let lib = dir.path().join("types/src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replacen("pub struct", "pub  struct", 1)).unwrap();
    let failed = xtask(&check);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("--- a/types/src/lib.rs") && stderr.contains("+++ b/types/src/lib.rs"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "run `cargo xtask codegen --spec {spec} --out {out} --name workspaces`"
        )),
        "{stderr}"
    );
}

#[test]
fn problems_fail_strict_runs_and_are_worked_around_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bad.yaml");
    std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: x\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n").unwrap();
    let out = dir.path().join("out");
    let (spec, out) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let strict = xtask(&["codegen", "--spec", spec, "--out", out, "--strict"]);
    assert!(!strict.status.success());
    let stderr = String::from_utf8_lossy(&strict.stderr);
    let problem = "at #/paths/~1a/get/responses/200/content/application~1json/schema: `$ref: #/components/schemas/Nope` points to no schema";
    assert!(
        stderr.contains(&format!(
            "warning {problem}\n  instead: used serde_json::Value for it"
        )),
        "{stderr}"
    );
    assert!(
        !Path::new(out).exists(),
        "--strict writes nothing for a document with problems"
    );

    // Without --strict the same document generates, around the refused part, and says so.
    let lenient = xtask(&["codegen", "--spec", spec, "--out", out]);
    assert!(lenient.status.success());
    assert!(String::from_utf8_lossy(&lenient.stderr).contains(problem));
    assert!(Path::new(out).join("types/src/lib.rs").exists());
}
