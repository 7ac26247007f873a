//! The types crate: a snapshot of what the generator writes for the decoding fixture, and a
//! build of that crate with a test inside it, so that unions are known to decode and encode
//! the JSON their tagging describes, and defaults to be filled in (not only to compile).

use openapi_gen::render::{File, Options, types};
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/types/decoding.yaml";

fn render(spec: &str, name: &str) -> Vec<File> {
    let api = openapi_gen::model_of(&tests::read(spec)).expect("the fixture normalizes");
    let options = Options::new(name.to_owned(), "cargo xtask codegen".to_owned());
    types::render(&api, &options).expect("the fixture renders")
}

#[test]
fn decoding_snapshot() {
    let files = render(FIXTURE, "decoding");
    let lib = files
        .iter()
        .find(|f| f.path == "types/src/lib.rs")
        .expect("lib.rs");
    insta::assert_snapshot!("decoding@lib.rs", lib.contents);
}

/// Writes the generated crate with `decoding.rs` as its test and the workspace's
/// `Cargo.lock` (the same dependency versions, nothing to fetch), then runs `cargo test` in
/// it, in a target folder of its own that later runs reuse.
#[test]
fn generated_types_decode_what_the_document_describes() {
    let root = tests::root();
    let dir = root.join("target/types-check/decoding");
    let mut files = render(FIXTURE, "decoding");
    files.push(File {
        path: "types/tests/decode.rs".to_owned(),
        contents: tests::read("tests/fixtures/types/decoding.rs"),
    });
    for file in &files {
        write(&dir.join(&file.path), &file.contents);
    }
    let manifest = dir.join("types/Cargo.toml");
    let with_workspace = format!("{}\n[workspace]\n", tests::read_path(&manifest));
    write(&manifest, &with_workspace);
    write(&dir.join("types/Cargo.lock"), &tests::read("Cargo.lock"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["test", "--quiet", "--offline"])
        .env("CARGO_TARGET_DIR", root.join("target/types-check/target"))
        .current_dir(dir.join("types"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the generated crate's test failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("mkdir");
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
