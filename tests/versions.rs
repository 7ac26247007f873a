//! Every version of the format into the one model: Swagger 2.0 (Coder's own swagger.json and
//! fixtures), OpenAPI 3.1 and 3.2, each read by rewriting it into the 3.0 shape, with every
//! diagnostic still pointing into the document as written.

use openapi_gen::model::Api;
use openapi_gen::model::Method;
use openapi_gen::model_with_diagnostics;
use openapi_gen::render::{File, Options, render_all};

/// Every file of `api`, which every renderer renders in full.
fn rendered(api: &Api) -> Vec<File> {
    let rendered = render_all(api, &options());
    assert!(rendered.diagnostics.is_empty(), "{}", rendered.diagnostics);
    rendered.files
}

fn options() -> Options {
    Options::new("workspaces", "cargo xtask codegen")
}

/// Coder's Swagger 2.0 description, read as written: every operation, no diagnostic, and the
/// Workspaces page byte for byte the one generated from spec/workspaces.yaml (the seed's page).
#[test]
fn coders_swagger_gives_the_same_workspaces_page() {
    let text = tests::read("../shared/coder/swagger.json");
    let (api, diagnostics) = model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    assert_eq!(api.operations.len(), 153);
    assert_eq!(api.servers, ["/api/v2"]);
    let files = rendered(&api);
    let page = files
        .iter()
        .find(|f| f.path == "docs/workspaces.md")
        .expect("a Workspaces page");
    let expected = tests::read("generated/docs/workspaces.md");
    assert!(
        page.contents == expected,
        "docs/workspaces.md differs from generated/docs/workspaces.md"
    );
}

/// One model snapshot per fixture under tests/fixtures/versions/ (read before accepting).
#[test]
fn fixture_models() {
    insta::glob!("fixtures/versions/*.{yaml,json}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (api, diagnostics) =
            model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
        insta::assert_snapshot!(format!("{api}\n--- diagnostics\n{diagnostics}"));
    });
}

/// A 3.1 or 3.2 document and its hand-written 3.0 twin: the rewriting says what a 3.0 author
/// says. Renderers read only the model, so the twins generate the same code.
#[test]
fn openapi_3_1_and_3_2_give_the_model_of_their_3_0_twins() {
    let model = |path: &str| {
        let text = tests::read(path);
        let (mut api, diagnostics) =
            model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
        assert!(diagnostics.is_empty(), "{path}: {diagnostics}");
        // 3.0 has no field for these two (see `summary_and_license_identifier_reach_the_crates`),
        // nor for methods other than its eight (see tests/streams.rs).
        api.info.summary = None;
        api.info.license = None;
        api.operations
            .retain(|op| !matches!(op.method, Method::Other(_)));
        api.to_string()
    };
    for name in ["openapi-3.1.yaml", "openapi-3.2.yaml"] {
        let read = model(&format!("tests/fixtures/versions/{name}"));
        let twin = model(&format!("tests/fixtures/versions/twin/{name}"));
        assert_eq!(read, twin, "{name}");
    }
}

/// 3.1's `info.summary` opens each crate's docs after the line that names the API, and its
/// `license.identifier` (SPDX, as Cargo wants it) is each crate's `license`.
#[test]
fn summary_and_license_identifier_reach_the_crates() {
    let text = tests::read("tests/fixtures/versions/openapi-3.1.yaml");
    let (api, _) = model_with_diagnostics(&text).unwrap();
    assert_eq!(api.info.summary.as_deref(), Some("Books on a shelf"));
    assert_eq!(api.info.license.as_deref(), Some("MIT"));
    let files = rendered(&api);
    let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
    for krate in ["types", "client", "server"] {
        let manifest = file(&format!("{krate}/Cargo.toml"));
        assert!(
            manifest.contains("\nlicense = \"MIT\"\npublish"),
            "{manifest}"
        );
        let lib = file(&format!("{krate}/src/lib.rs"));
        let lead = lib.lines().find(|l| l.starts_with("//! ")).unwrap();
        assert!(lead.contains("Shelf 1.0"), "{lib}");
        assert!(
            lib.contains(&format!("{lead}\n//!\n//! Books on a shelf\n")),
            "{lib}"
        );
    }
    // A license given by name only (3.0 has no identifier) is not a Cargo license.
    let twin = tests::read("tests/fixtures/versions/twin/openapi-3.1.yaml");
    let (api, _) = model_with_diagnostics(&twin).unwrap();
    assert_eq!(api.info.license, None);
}

/// A webhook is documented on its tag's page (with the request the API sends and the answers
/// it expects), is a method of its tag's receiving trait on the server, with a router of its
/// own (tests/streams.rs serves one), and is not a client method.
#[test]
fn webhooks_are_documented_and_received_not_called() {
    let text = tests::read("tests/fixtures/versions/openapi-3.1-moved.yaml");
    let (api, _) = model_with_diagnostics(&text).unwrap_or_else(|d| panic!("{d}"));
    let files = rendered(&api);
    let text_of = |path: &str| {
        let file = files.iter().find(|f| f.path == path);
        file.unwrap_or_else(|| panic!("{path}")).contents.as_str()
    };
    let page = text_of("docs/default.md");
    assert!(
        page.contains("## orderShipped\n\nWebhook `orderShipped`: the API sends `POST`"),
        "{page}"
    );
    assert!(page.contains("> Body parameter"), "{page}");
    assert!(!text_of("client/src/operations.rs").contains("order_shipped"));
    let operations = text_of("server/src/operations.rs");
    let receiver = operations
        .split("pub trait DefaultWebhooks")
        .nth(1)
        .unwrap_or_default();
    assert!(receiver.contains("async fn order_shipped("), "{operations}");
    let routes = text_of("server/src/routes.rs");
    let webhook_routes = routes.split("fn webhook_routes").nth(1).unwrap_or_default();
    assert!(webhook_routes.contains("\"/orderShipped\",\n"), "{routes}");
    assert!(
        webhook_routes.contains(".post(order_shipped::<S>)"),
        "{routes}"
    );
}

/// What 3.2 allows only in its place is a warning each, at the part left out: an
/// `itemSchema` of a media type that is not a sequence, and `additionalOperations` keyed by
/// what is not an HTTP method or by a method with a field of its own.
#[test]
fn openapi_3_2_parts_refused_are_named() {
    let text = r##"
openapi: 3.2.0
info: {title: T, version: "1"}
paths:
  /search:
    query:
      operationId: search
      responses: {"200": {description: OK}}
    additionalOperations:
      LINK:
        operationId: link
        responses: {"204": {description: Linked}}
      POST:
        operationId: post
        responses: {"204": {description: OK}}
      BAD METHOD:
        operationId: bad
        responses: {"204": {description: OK}}
    get:
      operationId: lines
      responses:
        "200":
          description: OK
          content:
            application/json:
              itemSchema: {type: object}
"##;
    let found = diagnostics(text);
    let pointers = pointers_of(&found);
    assert_eq!(
        pointers,
        [
            "#/paths/~1search/get/responses/200/content/application~1json/itemSchema",
            "#/paths/~1search/additionalOperations/POST",
            "#/paths/~1search/additionalOperations/BAD METHOD",
        ],
        "{found:?}"
    );
    let (api, _) = model_with_diagnostics(text).unwrap();
    let methods: Vec<(&str, &str)> = api
        .operations
        .iter()
        .map(|op| (op.id.as_str(), op.method.as_str()))
        .collect();
    assert_eq!(
        methods,
        [("lines", "GET"), ("search", "QUERY"), ("link", "LINK")]
    );
    let pointers: Vec<String> = api
        .operations
        .iter()
        .map(|op| op.pointer.to_string())
        .collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1search/get",
            "#/paths/~1search/query",
            "#/paths/~1search/additionalOperations/LINK"
        ]
    );
}

/// The pointers of (pointer, message) pairs.
fn pointers_of(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(p, _)| p.as_str()).collect()
}

/// The diagnostics of a document, as (pointer, message) pairs.
fn diagnostics(text: &str) -> Vec<(String, String)> {
    let (_, diagnostics) = model_with_diagnostics(text).unwrap_or_else(|d| panic!("{d}"));
    diagnostics
        .iter()
        .map(|d| (d.pointer.to_string(), d.message.clone()))
        .collect()
}

/// A problem in a Swagger 2.0 document is reported where the user wrote it: in `definitions`,
/// in a body parameter, in a response's schema, not where the 3.0 shape put them.
#[test]
fn swagger_diagnostics_point_into_the_swagger_text() {
    let text = r##"
swagger: "2.0"
info: {title: T, version: "1"}
definitions:
  Pet:
    type: object
    properties:
      owner: {$ref: "#/definitions/Owner"}
paths:
  /pets:
    post:
      operationId: createPet
      parameters:
        - {name: trace, in: header, type: string}
        - name: pet
          in: body
          schema:
            type: array
            items: {$ref: "#/definitions/Missing"}
      responses:
        "200":
          description: OK
          schema: {$ref: "#/definitions/Gone"}
"##;
    let found = diagnostics(text);
    let pointers = pointers_of(&found);
    assert_eq!(
        pointers,
        [
            "#/definitions/Pet/properties/owner",
            "#/paths/~1pets/post/parameters/1/schema/items",
            "#/paths/~1pets/post/responses/200/schema",
        ],
        "{found:?}"
    );
    assert!(found[0].1.contains("#/definitions/Owner"), "{}", found[0].1);
}

/// A 3.1 keyword with no 3.0 meaning is a warning at the keyword, saying what was done.
#[test]
fn openapi_3_1_refusals_point_at_the_keyword() {
    let text = tests::read("tests/fixtures/versions/openapi-3.1-moved.yaml");
    let found = diagnostics(&text);
    let pointers = pointers_of(&found);
    assert_eq!(
        pointers,
        [
            "#/components/schemas/Order/properties/tagged/prefixItems",
            "#/components/schemas/Order/if",
            "#/components/schemas/Order/dependentRequired",
            "#/components/schemas/Missing",
        ],
        "{found:?}"
    );
}

/// A document in three files generates like one: the schemas it refers to in another file are
/// component schemas of their own names, and their pointers name their file.
#[test]
fn a_document_split_over_files() {
    let path = tests::root().join("tests/fixtures/versions/split/openapi.yaml");
    let (api, diagnostics) = openapi_gen::model_of_file(&path).unwrap_or_else(|d| panic!("{d}"));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    insta::assert_snapshot!(api.to_string());
}

/// A missing file, a missing target and a cycle across files: each a diagnostic that names
/// the file and the pointer.
#[test]
fn broken_references_to_files_name_the_file() {
    let path = tests::root().join("tests/fixtures/errors/split/openapi.yaml");
    let (_, diagnostics) = openapi_gen::model_of_file(&path).unwrap_or_else(|d| panic!("{d}"));
    let found: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.pointer, d.message))
        .collect();
    insta::assert_snapshot!(found.join("\n"));
}
