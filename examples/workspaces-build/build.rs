//! Generates the workspaces client into `OUT_DIR` on every change to the document.

fn main() {
    openapi_gen::build::Build::new("../../spec/workspaces.yaml")
        .config("openapi-gen.toml")
        .client()
        .write()
        .unwrap_or_else(|error| panic!("{error}"));
}
