//! Snapshots of the client crate the generator writes, so that any change to its output is
//! seen in review: every file for the workspaces API, and the API-specific files for fixtures
//! that use what the workspaces API does not (documented errors, several success types,
//! headers, cookies, arrays, other security schemes, no error body).

use openapi_gen::render::{File, Options, client};

fn render(spec: &str, name: &str) -> Result<Vec<File>, String> {
    let api = openapi_gen::model_of(&tests::read(spec)).map_err(|d| d.to_string())?;
    let options = Options::new(name.to_owned(), "cargo xtask codegen".to_owned());
    client::render(&api, &options).map_err(|d| d.to_string())
}

/// Snapshots `files` as `client__{stem}@{path}.snap`; `static_too` includes the runtime
/// modules that are the same for every API.
fn snapshot(stem: &str, files: Vec<File>, static_too: bool) {
    const RUNTIME: &[&str] = &[
        "client/src/error.rs",
        "client/src/http.rs",
        "client/src/events.rs",
    ];
    for file in files {
        if !static_too && RUNTIME.contains(&file.path.as_str()) {
            continue;
        }
        let name = format!(
            "{stem}@{}",
            file.path.trim_start_matches("client/").replace('/', "-")
        );
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn workspaces() {
    let files = render("spec/workspaces.yaml", "workspaces").unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "client/Cargo.toml",
            "client/src/lib.rs",
            "client/src/error.rs",
            "client/src/http.rs",
            "client/src/reply.rs",
            "client/src/checks.rs",
            "client/src/validate.rs",
            "client/src/events.rs",
            "client/src/operations.rs",
        ]
    );
    snapshot("workspaces", files, true);
}

#[test]
fn responses_fixture() {
    let files = render("tests/fixtures/client/responses.yaml", "things").unwrap();
    snapshot("responses", files, false);
}

#[test]
fn no_error_schema_fixture() {
    let files = render("tests/fixtures/client/no-error-schema.yaml", "plain").unwrap();
    assert!(
        !files.iter().any(|f| f.path == "client/src/events.rs"),
        "no event stream module without an event stream"
    );
    snapshot("no_error_schema", files, false);
}

/// A name the generated crates define is the generator's: an operation, a tag or an
/// operation's type that would take it is renamed in normalization, with a diagnostic naming
/// both places, and both crates still render.
#[test]
fn names_the_crates_reserve_are_renamed_with_both_places() {
    let spec = r#"
openapi: 3.0.3
info: { title: Clash, version: '1' }
paths:
  /a:
    get:
      operationId: new
      tags: [Error]
      responses: { '204': { description: ok } }
  /b:
    get:
      operationId: event-stream
      responses: { '204': { description: ok }, '404': { description: missing } }
"#;
    let (api, diagnostics) = openapi_gen::model_with_diagnostics(spec).unwrap();
    let message = diagnostics.to_string();
    assert!(
        message.contains(
            "`new` and `the generated crates' own `new`` (at #) both become the Rust name `new`"
        ),
        "{message}"
    );
    assert!(message.contains("at #/paths/~1a/get"), "{message}");
    assert!(message.contains("named this one `new2`"), "{message}");
    assert!(message.contains("tag `Error`"), "{message}");
    assert!(
        message.contains("named this one `EventStreamError2`"),
        "an operation's error enum may not take the stream's error type: {message}"
    );
    let options = Options::new("clash".to_owned(), "cargo xtask codegen".to_owned());
    let client = client::render(&api, &options).expect("the client renders");
    let operations = client
        .iter()
        .find(|f| f.path == "client/src/operations.rs")
        .expect("operations.rs");
    assert!(operations.contents.contains("pub async fn new2("));
    assert!(operations.contents.contains("pub enum EventStreamError2 {"));
    let server = openapi_gen::render::server::render(&api, &options).expect("the server renders");
    let traits = server
        .files
        .iter()
        .find(|f| f.path == "server/src/operations.rs")
        .expect("operations.rs");
    assert!(traits.contents.contains("pub trait Error2: Send + Sync"));
}

#[test]
fn a_crate_name_that_is_not_rust_is_refused() {
    let api = openapi_gen::model_of(&tests::read("spec/workspaces.yaml")).unwrap();
    let options = Options::new("9 lives".to_owned(), "cargo xtask codegen".to_owned());
    let message = client::render(&api, &options).unwrap_err().to_string();
    assert!(message.contains("`9 lives-types`"), "{message}");
}
