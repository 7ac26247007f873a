//! The drift check: generated/ and tests/generated/ must be what the generator makes (how
//! `--check` reports drift is tested with `openapi_gen::output`).

use openapi_gen::render::{Options, render_all};
use xtask::codegen::{COMMAND, COMMITTED};

/// rust-analyzer style: plain `cargo test` fails when a committed generated file is stale.
#[test]
fn generated_files_are_up_to_date() {
    for &(spec, out, name) in COMMITTED {
        let options = Options::new(name, COMMAND);
        // As `cargo xtask codegen` does: around the parts a fixture has that are refused.
        let (api, _) = openapi_gen::model_of_file(&tests::root().join(spec)).expect(spec);
        let files = render_all(&api, &options).files;
        let drift = openapi_gen::output::compare(&files, &tests::root().join(out));
        assert!(drift.is_empty(), "{}", drift.report(&options.command));
    }
}
