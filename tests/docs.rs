//! The markdown docs: the Workspaces page against the published Coder page, snapshots of both
//! pages of the workspaces spec, and fixture specs for what that spec does not exercise.

use openapi_gen::generation::Generation;
use openapi_gen::render::{File, Options, docs};

/// The `docs/` files the whole pipeline makes from a document.
fn docs(spec: &str) -> Vec<File> {
    let options = Options::new("workspaces", "cargo xtask codegen");
    let files = openapi_gen::generate(spec, &options).unwrap_or_else(|d| panic!("{d}"));
    files
        .into_iter()
        .filter(|f| f.path.starts_with("docs/"))
        .collect()
}

fn page<'a>(files: &'a [File], path: &str) -> &'a str {
    let found = files.iter().find(|f| f.path == path);
    &found
        .unwrap_or_else(|| panic!("{path} is rendered"))
        .contents
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where two texts first differ, with some context from each side.
fn first_difference(actual: &str, expected: &str) -> Option<String> {
    let (a, e): (Vec<char>, Vec<char>) = (actual.chars().collect(), expected.chars().collect());
    let at = a
        .iter()
        .zip(&e)
        .position(|(x, y)| x != y)
        .or((a.len() != e.len()).then(|| a.len().min(e.len())))?;
    let context = |text: &[char]| -> String {
        let start = at.saturating_sub(200);
        let end = (at + 200).min(text.len());
        format!(
            "{}>>>{}",
            text[start..at.min(text.len())].iter().collect::<String>(),
            text[at.min(text.len())..end].iter().collect::<String>()
        )
    };
    Some(format!(
        "first difference at character {at} (line {})\n--- generated:\n{}\n--- expected:\n{}",
        e[..at.min(e.len())].iter().filter(|c| **c == '\n').count() + 1,
        context(&a),
        context(&e)
    ))
}

/// The bar: whitespace aside, the Workspaces page is the one Coder published.
#[test]
fn workspaces_page_matches_the_seed() {
    let files = docs(&tests::read("spec/workspaces.yaml"));
    let actual = collapse_whitespace(page(&files, "docs/workspaces.md"));
    let expected = collapse_whitespace(&tests::read("../shared/seed/000_36186e2c3019d3b1.txt"));
    if let Some(difference) = first_difference(&actual, &expected) {
        panic!("docs/workspaces.md differs from the seed\n{difference}");
    }
}

/// The bar of Coder's whole reference: every page Coder publishes from its swagger.json is
/// written, and each one given in ../shared/coder/api is the published page byte for byte.
/// The config holds what the document does not say (where the pages live, how a token is
/// made); everything else comes from the document.
#[test]
fn coder_reference_matches_the_published_pages() {
    let root = tests::root();
    let generation = Generation::with_config_of(
        root.join("../shared/coder/swagger.json"),
        Some(&root.join("tests/fixtures/coder/openapi-gen.toml")),
        "test".into(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let generated = generation
        .run(&mut |_| {})
        .unwrap_or_else(|d| panic!("{d}"));
    let pages: Vec<&str> = generated
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix("docs/"))
        .collect();
    let tags = [
        "agents",
        "applications enterprise",
        "applications",
        "audit",
        "authorization",
        "builds",
        "debug",
        "enterprise",
        "files",
        "general",
        "insights",
        "members",
        "organizations",
        "parameters",
        "templates",
        "users",
        "workspaceproxies",
        "workspaces",
    ];
    let mut expected: Vec<String> = tags.iter().map(|t| format!("{t}.md")).collect();
    expected.extend(["authentication.md", "index.md", "schemas.md"].map(String::from));
    expected.sort();
    assert_eq!(pages, expected);

    let published = std::fs::read_dir(root.join("../shared/coder/api")).expect("Coder's pages");
    let mut compared = 0;
    for entry in published {
        let path = entry.expect("a page").path();
        let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
        let expected = std::fs::read_to_string(&path).expect("a published page");
        let actual = page(&generated.files, &format!("docs/{name}"));
        if let Some(difference) = first_difference(actual, &expected) {
            panic!("docs/{name} differs from Coder's published page\n{difference}");
        }
        compared += 1;
    }
    assert_eq!(compared, 6, "the six published pages are compared");
}

#[test]
fn workspaces_pages() {
    let files = docs(&tests::read("spec/workspaces.yaml"));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "docs/authentication.md",
            "docs/index.md",
            "docs/schemas.md",
            "docs/workspaces.md"
        ]
    );
    insta::assert_snapshot!("workspaces_page", page(&files, "docs/workspaces.md"));
    insta::assert_snapshot!("schemas_page", page(&files, "docs/schemas.md"));
}

/// Whether a page holds `expected`, whitespace runs (table padding) aside.
fn assert_holds(page: &str, expected: &str) {
    let (page, expected) = (collapse_whitespace(page), collapse_whitespace(expected));
    assert!(
        page.contains(&expected),
        "the page lacks {expected:?}:\n{page}"
    );
}

/// allOf, oneOf, nested inline objects, arrays and maps of them, cycles, examples.
#[test]
fn composed_schemas_render() {
    let files = docs(&tests::read("tests/fixtures/docs/composed.yaml"));
    let schemas = page(&files, "docs/schemas.md");
    for expected in [
        // allOf members merge into Cat; Animal keeps its own section, as every component
        // schema does.
        "## Cat ```json { \"id\": \"497f6eca-6276-4993-bfeb-53cbbbba6f08\", \"kind\": \"string\",",
        "| `favourite_toys` | array of object | false | | |\n| » `name` | string | false | | |",
        "| `vaccinations` | object | false | | |\n| » `[any property]` | object | false | | |\n| »» `date` | string |",
        "| `collar` | object | false | | The collar the dog wears. |\n| » `colour` | string |",
        "| `mood` | `calm` |",
        "\"parent\": {}",
        "\"walks_per_day\": [ 1, 2, 3,",
        "A cat or a dog. ### Properties oneOf | Name | Type | Required | Restrictions | Description |",
        "| _anonymous_ | [Cat](#cat) | false | | |\n| _anonymous_ | [Dog](#dog) | false | | |",
    ] {
        assert_holds(schemas, expected);
    }
    assert_holds(schemas, "## Animal ```json");
    let pets = page(&files, "docs/pets.md");
    assert_holds(
        pets,
        "| `kinds` | query | array of string | false | Only pets of these kinds |",
    );
    assert_holds(pets, "| `kinds` | `dog` |");
    assert_holds(
        pets,
        "| 200 | [OK](https://tools.ietf.org/html/rfc7231#section-6.3.1) | OK | array of [Pet](schemas.md#pet) |",
    );
}

/// Several tags, path-level parameters, bearer auth, non-JSON bodies and responses.
#[test]
fn several_tags_render() {
    let files = docs(&tests::read("tests/fixtures/docs/several-tags.yaml"));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // The tag without operations gets no page.
    assert_eq!(
        paths,
        [
            "docs/authentication.md",
            "docs/git-ssh keys.md",
            "docs/index.md",
            "docs/schemas.md",
            "docs/users.md"
        ]
    );
    let users = page(&files, "docs/users.md");
    assert_holds(
        users,
        "-H 'Accept: application/json' \\\n  -H 'X-Trace: string' \\\n  -H 'Authorization: Bearer API_KEY'",
    );
    assert_holds(
        users,
        "| `user` | path | string | true | User name \\| ID |",
    );
    assert_holds(users, "> 404 Response ```json { \"title\": \"string\",");
    assert_holds(users, "| default | Default | Anything else | |");
    assert_holds(users, "> 200 Response ### Responses");
    assert_holds(users, "| `body` | body | string(binary) | false | |");
    assert_holds(
        users,
        "| 2XX | [Successful](https://tools.ietf.org/html/rfc7231#section-6.3) | Stored | |",
    );
    let keys = page(&files, "docs/git-ssh keys.md");
    assert!(!keys.contains("```json"), "{keys}");
    let schemas = page(&files, "docs/schemas.md");
    assert_holds(
        schemas,
        "## Role ```json \"admin\" ``` What a user may do. ### Properties #### Enumerated Values | Value |",
    );
}

/// An operation marked `x-apidocgen: {skip: true}` is left out of the pages, and a tag whose
/// operations all are keeps its page with only the heading; the operation is still
/// generated for the client.
#[test]
fn skipped_operations_leave_their_tag_a_heading() {
    let spec = tests::read("tests/fixtures/docs/several-tags.yaml").replace(
        "operationId: list-keys",
        "operationId: list-keys\n      x-apidocgen:\n        skip: true",
    );
    let options = Options::new("x", "x");
    let files = openapi_gen::generate(&spec, &options).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(page(&files, "docs/git-ssh keys.md"), "# Git/SSH keys\n");
    let client = page(&files, "client/src/operations.rs");
    assert!(client.contains("pub async fn list_keys("), "{client}");
}

/// A tag page may not overwrite the schema reference or another tag's page.
#[test]
fn colliding_pages_are_renamed() {
    let spec =
        tests::read("tests/fixtures/docs/several-tags.yaml").replace("Git/SSH keys", "Schemas");
    let spec = spec.replace(
        "summary: Upload an avatar",
        "summary: Upload an avatar\n      tags: [USERS]",
    );
    let spec = spec.replace(
        "      tags:\n        - Users\n      summary: Upload",
        "      summary: Upload",
    );
    let options = Options::new("x", "x");
    // Normalization gives the later page (and trait) another name, with a diagnostic that
    // names both owners; the docs then write every page.
    let (api, found) = openapi_gen::model_with_diagnostics(&spec).expect("the document reads");
    let found = found.to_string();
    for expected in [
        "`the docs page of tag `Schemas`` and `the generated crates' own `schemas`` (at #) both become the Rust name `schemas`",
        "named this one `schemas2`",
        "named this one `users2`",
        "named this one `Users2`",
    ] {
        assert!(found.contains(expected), "{expected}: {found}");
    }
    let files = docs::render(&api, &options).expect("the docs render");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for page in [
        "docs/schemas.md",
        "docs/schemas2.md",
        "docs/users.md",
        "docs/users2.md",
    ] {
        assert!(paths.contains(&page), "{page}: {paths:?}");
    }
}
