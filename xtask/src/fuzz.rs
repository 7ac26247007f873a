//! `cargo xtask fuzz`: structure-aware mutation fuzzing of the whole pipeline.
//!
//! Each case takes a real document from the corpus, mutates its JSON tree (replaces, drops or
//! duplicates nodes, points `$ref`s elsewhere, or writes the deviations real documents make:
//! a `type` list, `items` as a list, `required: true` on a property, a number as a string, a
//! parameter without `in`) or its raw text (truncates it, flips bytes), and runs load ->
//! normalize -> render. Diagnostics are fine; a panic is a bug, and so is refusing the whole
//! of a document that is still JSON or YAML with a version (a bad part is set aside alone).
//! Cases are derived from a seed, so any failure replays exactly with `--seed`.

use openapi_gen::render::{Options, render_all};
use serde_json::Value;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Documents larger than this take too long per case to be worth mutating.
const MAX_SIZE: u64 = 600_000;

/// A case that panicked: enough to replay it and to look at the input.
#[derive(Debug)]
pub struct Failure {
    pub seed: u64,
    pub document: PathBuf,
    pub message: String,
    pub input: String,
}

/// `cargo xtask fuzz`: runs on the default corpus; a panic saves its input under `target/`
/// and fails with the command that replays it.
pub fn task(seconds: u64, seed: u64, cases: u64) -> Result<(), String> {
    let budget = Duration::from_secs(seconds);
    let (ran, failure) = run(&crate::corpus::default_dirs(), seed, budget, cases);
    let Some(failure) = failure else {
        println!("{ran} cases from seed {seed}: no panic, no document refused whole");
        return Ok(());
    };
    let saved = crate::project_root().join("target/fuzz-failure.json");
    std::fs::write(&saved, &failure.input).map_err(|e| e.to_string())?;
    Err(format!(
        "case {ran} panicked: {}\n  mutated from {}\n  input saved to {}\n  replay: cargo xtask fuzz --seed {} --cases 1",
        failure.message,
        failure.document.display(),
        saved.display(),
        failure.seed
    ))
}

/// Runs cases from `seed` on until `budget` runs out or `max_cases` have run; returns the
/// number of cases and the first failure, if any.
pub fn run(
    corpus: &[PathBuf],
    seed: u64,
    budget: Duration,
    max_cases: u64,
) -> (u64, Option<Failure>) {
    let documents = load_corpus(corpus);
    if documents.is_empty() {
        return (0, None);
    }
    let started = Instant::now();
    let mut cases = 0;
    while cases < max_cases && started.elapsed() < budget {
        let case_seed = seed.wrapping_add(cases);
        let mut rng = fastrand::Rng::with_seed(case_seed);
        let (path, value) = &documents[rng.usize(..documents.len())];
        let input = mutate(&mut rng, value);
        cases += 1;
        if let Err(message) = pipeline(&input) {
            let failure = Failure {
                seed: case_seed,
                document: path.clone(),
                message,
                input,
            };
            return (cases, Some(failure));
        }
    }
    (cases, None)
}

/// The corpus documents small enough to fuzz, parsed once.
fn load_corpus(corpus: &[PathBuf]) -> Vec<(PathBuf, Value)> {
    corpus
        .iter()
        .flat_map(|dir| crate::corpus::documents(dir).unwrap_or_default())
        .filter(|p| {
            std::fs::metadata(p)
                .map(|m| m.len() <= MAX_SIZE)
                .unwrap_or(false)
        })
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let value = serde_yaml::from_str::<Value>(&text).ok()?;
            Some((p, value))
        })
        .collect()
}

/// One run of the pipeline; a panic comes back as its message, and so does the refusal of a
/// document that is still JSON or YAML with a version.
fn pipeline(input: &str) -> Result<(), String> {
    let options = Options::new("fuzz".to_owned(), "cargo xtask fuzz".to_owned());
    let refusal = catch_unwind(AssertUnwindSafe(
        || match openapi_gen::model_with_diagnostics(input) {
            Ok((api, _)) => {
                let _ = render_all(&api, &options);
                None
            }
            Err(refusal) => has_version(input).then(|| format!("refused whole: {refusal}")),
        },
    ))
    .map_err(|panic| crate::corpus::panic_message(&panic))?;
    refusal.map_or(Ok(()), Err)
}

/// Whether a text is a JSON or YAML object that declares a version this tool reads.
fn has_version(text: &str) -> bool {
    let value: Option<Value> = match text.trim_start().starts_with('{') {
        true => serde_json::from_str(text).ok(),
        false => serde_yaml::from_str(text).ok(),
    };
    let field = |key: &str| value.as_ref()?.get(key)?.as_str().map(str::to_owned);
    let openapi = field("openapi").unwrap_or_default();
    ["3.0", "3.1.", "3.2."]
        .iter()
        .any(|v| openapi.starts_with(v))
        || field("swagger").is_some_and(|v| v == "2.0")
}

/// A mutated document: most cases change the tree a few times; some damage the text.
fn mutate(rng: &mut fastrand::Rng, document: &Value) -> String {
    let mut value = document.clone();
    for _ in 0..rng.usize(1..=4) {
        match rng.bool() {
            true => mutate_tree(rng, &mut value),
            false => deviate(rng, &mut value),
        }
    }
    let text = serde_json::to_string(&value).unwrap_or_default();
    if rng.u8(..10) == 0 {
        damage_text(rng, text)
    } else {
        text
    }
}

fn mutate_tree(rng: &mut fastrand::Rng, root: &mut Value) {
    const STRINGS: [&str; 6] = ["string", "object", "$ref", "", "{id}", "x-foo"];
    const REFS: [&str; 4] = [
        "#/components/schemas/Nope",
        "#/components/schemas",
        "#",
        "other.yaml#/x",
    ];
    const KEYWORDS: [&str; 8] = [
        "type",
        "enum",
        "allOf",
        "oneOf",
        "nullable",
        "required",
        "additionalProperties",
        "items",
    ];
    let donor = random_node(rng, root).clone();
    let node = random_node(rng, root);
    match rng.u8(..7) {
        0 => *node = Value::Null,
        1 => *node = donor,
        2 => *node = Value::String(STRINGS[rng.usize(..STRINGS.len())].to_owned()),
        3 => *node = serde_json::json!({ "$ref": REFS[rng.usize(..REFS.len())] }),
        4 => *node = serde_json::json!(rng.i64(..)),
        5 => {
            if let Value::Object(map) = node
                && let Some(key) = map.keys().nth(rng.usize(..map.len().max(1))).cloned()
            {
                map.remove(&key);
            }
        }
        _ => {
            if let Value::Object(map) = node {
                map.insert(KEYWORDS[rng.usize(..KEYWORDS.len())].to_owned(), donor);
            }
        }
    }
}

/// Writes a deviation real documents make into a random object of the tree, where it has
/// the keys the deviation changes.
fn deviate(rng: &mut fastrand::Rng, root: &mut Value) {
    const NUMBERS: [&str; 4] = ["maxLength", "minimum", "maxItems", "multipleOf"];
    const FORMATS: [&str; 5] = ["long", "int", "datetime", "dateTime", "guid"];
    let Value::Object(node) = random_node(rng, root) else {
        return;
    };
    let take = |node: &mut serde_json::Map<String, Value>, key: &str| node.shift_remove(key);
    match rng.u8(..11) {
        0 => {
            if let Some(Value::String(name)) = take(node, "type") {
                node.insert("type".into(), serde_json::json!([name, "null"]));
            }
        }
        1 => {
            if let Some(items) = take(node, "items") {
                node.insert("items".into(), serde_json::json!([items, {"type": "null"}]));
                if rng.bool() {
                    node.insert("additionalItems".into(), false.into());
                }
            }
        }
        2 => {
            node.insert("required".into(), rng.bool().into());
        }
        3 => {
            let key = NUMBERS[rng.usize(..NUMBERS.len())];
            let text = rng.u8(..100).to_string();
            node.insert(key.into(), text.into());
        }
        4 => {
            node.insert("exclusiveMinimum".into(), rng.i8(..).into());
        }
        5 => {
            take(node, "in");
        }
        6 => {
            take(node, "schema");
        }
        7 => {
            take(node, "description");
        }
        8 => {
            let format = FORMATS[rng.usize(..FORMATS.len())];
            node.insert("format".into(), format.into());
        }
        9 => {
            if let Some(Value::Object(properties)) = take(node, "properties") {
                let list = properties
                    .into_iter()
                    .map(|(name, schema)| serde_json::json!({ name: schema }))
                    .collect();
                node.insert("properties".into(), Value::Array(list));
            }
        }
        _ => {
            node.insert("nullable".into(), "true".into());
        }
    }
}

/// A node picked by a random walk from the root.
fn random_node<'a>(rng: &mut fastrand::Rng, root: &'a mut Value) -> &'a mut Value {
    let mut node = root;
    for _ in 0..rng.usize(0..12) {
        let len = match &*node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = rng.usize(..len);
        node = match node {
            Value::Object(map) => map.values_mut().nth(i).expect("i < len"),
            Value::Array(items) => &mut items[i],
            _ => unreachable!("len > 0 only for containers"),
        };
    }
    node
}

fn damage_text(rng: &mut fastrand::Rng, text: String) -> String {
    let mut bytes = text.into_bytes();
    if bytes.is_empty() {
        return String::new();
    }
    if rng.bool() {
        bytes.truncate(rng.usize(..bytes.len()));
    } else {
        for _ in 0..rng.usize(1..8) {
            let i = rng.usize(..bytes.len());
            bytes[i] = rng.u8(..);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
