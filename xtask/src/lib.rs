//! The project's tasks: `codegen` keeps `generated/` in step with the spec; `corpus` runs the
//! generator over a folder of real-world documents; `fuzz` feeds it mutated ones; `bench`
//! measures it against progenitor.

pub mod bench;
pub mod codegen;
pub mod corpus;
pub mod fuzz;

use std::path::{Path, PathBuf};

/// The repository root (the parent of this crate).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent")
        .to_path_buf()
}
