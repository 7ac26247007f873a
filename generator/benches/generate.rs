//! Where generation spends its time, stage by stage, on the workspaces spec and on the largest
//! corpus document (Stripe's, 4 MB), when `../shared/corpus` is beside the project.
//!
//! Run with `cargo bench -p openapi-gen`; `cargo bench -p openapi-gen -- stripe` for one input.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use openapi_gen::render::{self, Options};
use openapi_gen::{load, normalize};

/// The documents measured: the project's own spec, and Stripe's when the corpus is present.
fn inputs() -> Vec<(&'static str, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut inputs = vec![("workspaces", root.join("spec/workspaces.yaml"))];
    let stripe = root.join("../shared/corpus/stripe-spec3-2023-09.yaml");
    if stripe.exists() {
        inputs.push(("stripe", stripe));
    } else {
        eprintln!(
            "{} not found: measuring the workspaces spec only",
            stripe.display()
        );
    }
    inputs
}

fn stages(c: &mut Criterion) {
    let options = Options::new("bench", "cargo bench");
    for (name, path) in inputs() {
        let text = std::fs::read_to_string(&path).expect("the benchmark input is readable");
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.bench_function("load", |b| b.iter(|| load::parse(&text)));
        let loaded = load::parse(&text).expect("the benchmark input loads");
        group.bench_function("normalize", |b| b.iter(|| normalize::normalize(&loaded)));
        let api = openapi_gen::model_of(&text).expect("the benchmark input normalizes");
        group.bench_function("render/types", |b| {
            b.iter(|| render::types::render(&api, &options))
        });
        group.bench_function("render/client", |b| {
            b.iter(|| render::client::render(&api, &options))
        });
        group.bench_function("render/server", |b| {
            b.iter(|| render::server::render(&api, &options))
        });
        group.bench_function("render/docs", |b| {
            b.iter(|| render::docs::render(&api, &options))
        });
        group.bench_function("generate", |b| {
            b.iter(|| openapi_gen::generate(&text, &options))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
