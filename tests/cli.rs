//! The `openapi-gen` command, run in process through `openapi_gen::cli::run` (the binary's
//! `main` only hands it the process's arguments): `generate`, `check`, `lint` and the config
//! file, as a user outside this repository meets them.

use std::path::Path;

/// The exit code, stdout and stderr of `openapi-gen ARGS`.
fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("openapi-gen").chain(args.iter().copied());
    let code = openapi_gen::cli::run(argv, &mut out, &mut err);
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (code, text(out), text(err))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file below `folder`, relative, with `/` separators, sorted.
fn files_below(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap().path();
            match entry.is_dir() {
                true => folders.push(entry),
                false => {
                    let relative = entry.strip_prefix(folder).unwrap();
                    found.push(relative.to_str().unwrap().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    found
}

/// A temporary folder holding `pets.yaml` (a docs fixture) and, beside it, `openapi-gen.toml`
/// of `config`; the folder and the document's path.
fn document_with_config(config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let spec = folder.path().join("pets.yaml");
    std::fs::copy(
        tests::root().join("tests/fixtures/docs/several-tags.yaml"),
        &spec,
    )
    .unwrap();
    std::fs::write(folder.path().join("openapi-gen.toml"), config).unwrap();
    (folder, spec)
}

/// A file's text without the header line that names the command that wrote it.
fn without_header(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains("Do not edit by hand."))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn generate_writes_what_cargo_xtask_codegen_writes() {
    let out = tempfile::tempdir().unwrap();
    let spec = tests::root().join("spec/workspaces.yaml");
    let (code, stdout, stderr) = run(&["generate", path(&spec), "--out", path(out.path())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("operations"), "{stdout}");
    let committed = tests::root().join("generated");
    let ours = files_below(out.path());
    assert_eq!(ours, files_below(&committed));
    for file in &ours {
        let written = tests::read_path(&out.path().join(file));
        let kept = tests::read_path(&committed.join(file));
        // Only the header differs: it names the command that wrote the file.
        assert_eq!(without_header(&written), without_header(&kept), "{file}");
        if written != kept {
            assert!(written.contains("openapi-gen generate"), "{file}");
        }
    }
}

#[test]
fn check_fails_with_a_diff_after_a_hand_edit() {
    let out = tempfile::tempdir().unwrap();
    let spec = tests::root().join("tests/fixtures/docs/several-tags.yaml");
    let args = [
        "generate",
        path(&spec),
        "--out",
        path(out.path()),
        "--quiet",
    ];
    let (code, stdout, stderr) = run(&args);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let check = ["check", path(&spec), "--out", path(out.path())];
    let (code, stdout, _) = run(&check);
    assert_eq!(code, 0);
    assert!(stdout.contains("is up to date"), "{stdout}");

    let lib = out.path().join("types/src/lib.rs");
    let edited = tests::read_path(&lib).replacen("pub struct", "pub(crate) struct", 1);
    std::fs::write(&lib, edited).unwrap();
    let (code, _, stderr) = run(&check);
    assert_eq!(code, 1);
    assert!(stderr.contains("-pub(crate) struct"), "{stderr}");
    assert!(stderr.contains("+pub struct"), "{stderr}");
    assert!(stderr.contains("openapi-gen generate"), "{stderr}");
}

#[test]
fn lint_json_places_each_diagnostic_by_line_and_column() {
    let spec = tests::root().join("tests/fixtures/errors/dangling-ref.yaml");
    let (code, stdout, stderr) = run(&["lint", path(&spec), "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let found: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let text = tests::read_path(&spec);
    let lines: Vec<&str> = text.lines().collect();
    let dangling = found
        .iter()
        .find(|d| d["pointer"] == "#/components/schemas/Workspace/properties/latest_build")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(dangling["severity"], "warning");
    assert_eq!(dangling["file"], path(&spec));
    assert!(
        dangling["help"]
            .as_str()
            .unwrap()
            .contains("define the schema")
    );
    let (line, column) = (dangling["line"].as_u64(), dangling["column"].as_u64());
    let (line, column) = (line.unwrap() as usize, column.unwrap() as usize);
    assert!(lines[line - 1][column - 1..].starts_with("latest_build:"));
    // Every diagnostic is placed.
    assert!(
        found
            .iter()
            .all(|d| d["line"].is_u64() && d["column"].is_u64())
    );
}

#[test]
fn lint_of_a_clean_document_exits_zero() {
    let spec = tests::root().join("spec/workspaces.yaml");
    let (code, stdout, stderr) = run(&["lint", path(&spec)]);
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(stderr.trim(), "0 errors, 0 warnings");
}

#[test]
fn a_config_with_a_typo_is_refused_with_the_nearest_key() {
    let (folder, spec) = document_with_config("[filter]\nexclude-tag = [\"a\"]\n");
    let out = folder.path().join("out");
    let (code, _, stderr) = run(&["generate", path(&spec), "--out", path(&out)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("openapi-gen.toml:2:1"), "{stderr}");
    assert!(stderr.contains("did you mean `exclude-tags`?"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn the_config_beside_the_document_chooses_outputs_and_names() {
    let config = "outputs = [\"types\", \"client\"]\nversion = \"2.0.1\"\n\
                  [crates]\ntypes = \"pet-model\"\n";
    let (folder, spec) = document_with_config(config);
    let out = folder.path().join("out");
    let (code, _, stderr) = run(&["generate", path(&spec), "--out", path(&out), "-q"]);
    assert_eq!(code, 0, "{stderr}");
    let folders: Vec<String> = files_below(&out)
        .iter()
        .map(|f| f.split('/').next().unwrap().to_owned())
        .collect();
    assert!(
        folders.iter().all(|f| f == "types" || f == "client"),
        "{folders:?}"
    );
    let types = tests::read_path(&out.join("types/Cargo.toml"));
    assert!(
        types.contains("name = \"pet-model\"\nversion = \"2.0.1\""),
        "{types}"
    );
    let client = tests::read_path(&out.join("client/Cargo.toml"));
    assert!(client.contains("name = \"pets-client\""), "{client}");
    assert!(
        client.contains("pet-model = { path = \"../types\" }"),
        "{client}"
    );
    let lib = tests::read_path(&out.join("client/src/lib.rs"));
    assert!(lib.contains("pub use pet_model as types;"));
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    let (code, _, stderr) = run(&["generate", "spec.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--out"), "{stderr}");
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Exit codes"), "{stdout}");
}
