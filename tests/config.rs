//! Each key of the config file, on the pets fixture (tests/fixtures/config: pets.yaml and the
//! openapi-gen.toml beside it), whose types crate `cargo xtask codegen` writes alone into
//! tests/generated/pets/ and which this test crate builds against.

use openapi_gen::config::Config;
use openapi_gen::generation::Generation;
use pets_types::{Kind, Pet};
use std::collections::{BTreeMap, HashSet};

const SPEC: &str = "tests/fixtures/config/pets.yaml";

/// The fixture's generation with `config` instead of the file beside it.
fn generation(config: &str) -> Generation {
    let config = Config::parse(config).unwrap();
    Generation::new(tests::root().join(SPEC), config, None, "test".into())
}

/// The fixture generated in memory with `config` instead of the file beside it.
fn generate(config: &str) -> openapi_gen::generation::Generated {
    generation(config).run(&mut |_| {}).unwrap()
}

/// The text of a generated file.
fn file<'a>(generated: &'a openapi_gen::generation::Generated, path: &str) -> &'a str {
    let found = generated.files.iter().find(|f| f.path == path);
    &found.unwrap_or_else(|| panic!("no {path}")).contents
}

/// The names of the types a generated types crate defines or names.
fn type_names(generated: &openapi_gen::generation::Generated) -> Vec<String> {
    let lib = generated
        .files
        .iter()
        .find(|f| f.path == "types/src/lib.rs");
    let items = syn::parse_file(&lib.unwrap().contents).unwrap().items;
    let name = |item: syn::Item| match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        _ => None,
    };
    items.into_iter().filter_map(name).collect()
}

#[test]
fn the_committed_fixture_is_the_types_crate_alone() {
    let folder = tests::root().join("tests/generated/pets");
    let mut top: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(top, ["types"]);
}

#[test]
fn a_filter_keeps_only_the_types_its_operations_reach() {
    let everything = generate("");
    let all = type_names(&everything);
    for name in ["Order", "Receipt", "Deletion", "Unused"] {
        assert!(all.contains(&name.to_owned()), "{name} in {all:?}");
    }
    let kept = generate("[filter]\ntags = [\"pets\"]\nexclude-operations = [\"deletePet\"]");
    assert_eq!(kept.operations, 2);
    assert_eq!(
        type_names(&kept),
        [
            "Pet", "NewPet", "Kind", "Labels", "Chip", "Owner", "Address"
        ]
    );
    assert!(kept.diagnostics.is_empty(), "{}", kept.diagnostics);
    // The same by operationId, and a name the document lacks is a warning, not silence.
    let by_id = generate("[filter]\noperations = [\"createPet\", \"listPet\"]");
    assert_eq!(
        type_names(&by_id),
        [
            "Pet", "NewPet", "Kind", "Labels", "Chip", "Owner", "Address"
        ]
    );
    let [typo] = by_id.diagnostics.0.as_slice() else {
        panic!("{}", by_id.diagnostics);
    };
    assert!(
        typo.message.contains("`filter.operations` names `listPet`"),
        "{typo}"
    );
}

#[test]
fn the_error_schema_is_kept_and_named_by_the_config() {
    let kept = generate("error-schema = \"Problem\"\n[filter]\ntags = [\"store\"]");
    assert!(type_names(&kept).contains(&"Problem".to_owned()));
    let wrong = generate("error-schema = \"Problems\"");
    let [diagnostic] = wrong.diagnostics.0.as_slice() else {
        panic!("{}", wrong.diagnostics);
    };
    assert!(
        diagnostic
            .message
            .contains("`Problems`, which is not a component schema")
    );
}

#[test]
fn a_replaced_schema_is_the_users_type() {
    let replaced = generate("[replace]\nLabels = \"std::collections::BTreeMap<String, String>\"");
    let lib = &replaced
        .files
        .iter()
        .find(|f| f.path == "types/src/lib.rs")
        .unwrap()
        .contents;
    assert!(lib.contains("pub type Labels = std::collections::BTreeMap<String, String>;"));
    assert!(!lib.contains("pub struct Labels"));
    // `x-rust-type` in the document replaces `Chip` without any config.
    assert!(lib.contains("pub type Chip = std::string::String;"));
    assert!(!lib.contains("pub struct Chip"));
    let unknown = generate("[replace]\nLabel = \"String\"");
    assert!(unknown.diagnostics.0[0].message.contains("`Label`"));
}

/// The committed crate compiles against the replacing types and with the extra derives:
/// values of it are built from a `BTreeMap` and a `String`, and hashed.
#[test]
fn the_generated_types_use_the_replacements_and_the_derives() {
    let labels = BTreeMap::from([("color".to_owned(), "black".to_owned())]);
    let pet = Pet {
        id: "1".into(),
        name: "Tom".into(),
        kind: Some(Kind::Cat),
        labels: Some(labels),
        chip: Some("A-1".to_owned()),
        ..Pet::default()
    };
    let json = serde_json::to_value(&pet).unwrap();
    assert_eq!(json["labels"]["color"], "black");
    assert_eq!(json["chip"], "A-1");
    let back: Pet = serde_json::from_value(json).unwrap();
    // `Eq` and `Hash` come from the config's `derives`.
    let set: HashSet<Pet> = HashSet::from([pet, back]);
    assert_eq!(set.len(), 1);
}

#[test]
fn the_docs_samples_call_the_configured_host_or_base_url() {
    let default = generate("");
    assert!(file(&default, "docs/pets.md").contains("curl -X GET http://coder-server:8080/pets"));
    let host = generate("[docs]\nsample-host = \"https://pets.example\"");
    assert!(file(&host, "docs/pets.md").contains("curl -X GET https://pets.example/pets"));
    let base = generate("[docs]\nbase-url = \"https://api.pets.example/v2\"");
    let page = file(&base, "docs/pets.md");
    assert!(
        page.contains("curl -X GET https://api.pets.example/v2/pets"),
        "{page}"
    );
}

#[test]
fn strict_refuses_a_run_with_any_diagnostic() {
    let lenient = generation("[filter]\ntags = [\"pet\"]");
    let generated = lenient.run(&mut |_| {}).unwrap();
    assert_eq!(generated.diagnostics.0.len(), 1);
    assert!(generated.refused(&lenient).is_none());
    let strict = generation("strict = true\n[filter]\ntags = [\"pet\"]");
    let generated = strict.run(&mut |_| {}).unwrap();
    let refused = generated.refused(&strict).expect("refused");
    assert!(refused.contains("`filter.tags` names `pet`"), "{refused}");
}

/// `checks = false` leaves the constraint checks out of the crates: the checks fixture's
/// server then measures nothing and reads no body as JSON first.
#[test]
fn checks_false_leaves_the_constraint_checks_out() {
    let spec = tests::root().join("tests/fixtures/checks/checks.yaml");
    let run = |config: &str| {
        let config = Config::parse(config).unwrap();
        let generation = Generation::new(spec.clone(), config, None, "test".into());
        generation.run(&mut |_| {}).unwrap()
    };
    let checked = run("");
    let unchecked = run("checks = false");
    let measures = |generated: &openapi_gen::generation::Generated| {
        let checks = file(generated, "server/src/checks.rs");
        let routes = file(generated, "server/src/routes.rs");
        [
            "validate::length(",
            "validate::bounds(",
            "READS_JSON",
            "PATTERN_0",
        ]
        .iter()
        .filter(|call| checks.contains(*call) || routes.contains(*call))
        .count()
    };
    assert_eq!(measures(&checked), 4);
    assert_eq!(measures(&unchecked), 0);
    // No pattern is checked, so the server does not depend on regex.
    assert!(!file(&unchecked, "server/Cargo.toml").contains("regex"));
}
