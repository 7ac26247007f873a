//! The drift check: generated/ and tests/generated/ must be what the generator makes (how
//! `--check` reports drift is tested with `openapi_gen::output`).

use xtask::codegen::Job;

/// rust-analyzer style: plain `cargo test` fails when a committed generated file is stale.
#[test]
fn generated_files_are_up_to_date() {
    for job in Job::committed(false).unwrap() {
        // As `cargo xtask codegen` does: with the config beside the document, and around
        // the parts a fixture has that are refused.
        let generation = &job.generation;
        let generated = generation
            .run(&mut |_| {})
            .unwrap_or_else(|d| panic!("{d}"));
        let drift = openapi_gen::output::compare(&generated.files, &job.out);
        assert!(
            drift.is_empty(),
            "{}",
            drift.report(&generation.options.command)
        );
    }
}
