//! Helpers shared by the test files: where things are, and reading fixtures.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The text of a file under the repository root.
pub fn read(relative: &str) -> String {
    read_path(&root().join(relative))
}

/// The text of a file anywhere.
pub fn read_path(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}
