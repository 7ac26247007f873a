//! The drift check: generated/ must be what the generator makes (how `--check` reports drift
//! is tested with `openapi_gen::output`).

use openapi_gen::render::Options;

/// rust-analyzer style: plain `cargo test` fails when a committed generated file is stale.
#[test]
fn generated_files_are_up_to_date() {
    let options = Options {
        name: "workspaces".into(),
        command: "cargo xtask codegen".into(),
    };
    let spec = tests::read("spec/workspaces.yaml");
    let files = openapi_gen::generate(&spec, &options).expect("the spec renders");
    let drift = openapi_gen::output::compare(&files, &tests::root().join("generated"));
    assert!(drift.is_empty(), "{}", drift.report(&options.command));
}
