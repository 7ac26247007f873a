//! What the generated code costs its users to compile: `cargo check` and `cargo build` (dev
//! profile) of the crates generated from nexus, ours against progenitor's, with every
//! dependency already built, as a downstream team pays it after each regeneration; and our
//! server against the same server generated with `checks = false`, which is what the
//! constraint checks cost.

use super::{Run, Tools, measure, median, run, seconds};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

/// The crates one side compiles: the package cargo is asked for and the folders whose sources
/// are touched first, so that exactly these crates (and nothing they depend on) rebuild.
struct Side {
    label: &'static str,
    package: &'static str,
    touched: &'static [&'static str],
}

const SIDES: [Side; 4] = [
    Side {
        label: "ours: types + client",
        package: "nexus-client",
        touched: &["ours/types", "ours/client"],
    },
    Side {
        label: "progenitor: its client",
        package: "nexus",
        touched: &["progenitor"],
    },
    Side {
        label: "ours: types + server",
        package: "nexus-server",
        touched: &["ours/types", "ours/server"],
    },
    Side {
        label: "ours, checks off: types + server",
        package: "unchecked-server",
        touched: &["unchecked/types", "unchecked/server"],
    },
];

/// The config beside the copy of the document generated without checks: its crates are
/// named apart, to share the workspace.
const UNCHECKED: &str = "checks = false\n\n[crates]\ntypes = \"unchecked-types\"\n\
                         client = \"unchecked-client\"\nserver = \"unchecked-server\"\n";

/// Sets up one scratch workspace holding both sides' crates, builds their dependencies once,
/// then times each cargo command on each side, alternately, `runs` times.
///
/// `document` is what we generate from, `json` the same document as progenitor reads it.
pub(super) fn figures(
    work: &Path,
    runs: usize,
    tools: &Tools,
    name: &str,
    document: &Path,
    json: &Path,
) -> Result<(), String> {
    let dir = work.join("compile");
    run(tools
        .ours(name, document, &dir.join("ours"))
        .stdout(Stdio::null()))?;
    run(tools
        .progenitor(name, json, &dir.join("progenitor"))
        .stdout(Stdio::null()))?;
    let config = dir.join("unchecked-document");
    fs::create_dir_all(&config).map_err(|e| e.to_string())?;
    fs::write(config.join("openapi-gen.toml"), UNCHECKED).map_err(|e| e.to_string())?;
    let copy = config.join(document.file_name().ok_or("a document file name")?);
    fs::copy(document, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    run(tools
        .ours(name, &copy, &dir.join("unchecked"))
        .stdout(Stdio::null()))?;
    let members = [
        "ours/types",
        "ours/client",
        "ours/server",
        "progenitor",
        "unchecked/types",
        "unchecked/server",
    ];
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = {members:?}\n");
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    println!();
    println!(
        "compile time of the code generated from nexus, dependencies built, medians of {runs} alternate runs"
    );
    println!(
        "| command | ours: types + client | progenitor | ratio | ours: types + server | server, checks off | ratio |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for command in ["check", "build"] {
        eprintln!("building the dependencies for `cargo {command}` ...");
        run(cargo(&dir, command).arg("--workspace"))?;
        let mut walls: [Vec<Run>; 4] = Default::default();
        for _ in 0..runs {
            for (side, walls) in SIDES.iter().zip(&mut walls) {
                for folder in side.touched {
                    touch_sources(&dir.join(folder))?;
                }
                let mut cargo = cargo(&dir, command);
                cargo.args(["-p", side.package]);
                walls.push(measure(cargo, work).map_err(|e| format!("{}: {e}", side.label))?);
            }
        }
        let [client, theirs, server, unchecked] =
            walls.map(|w| median(w.iter().map(|r| r.wall.as_secs_f64())));
        println!(
            "| cargo {command} | {} | {} | {:.2}x | {} | {} | {:.2}x |",
            seconds(client),
            seconds(theirs),
            client / theirs,
            seconds(server),
            seconds(unchecked),
            server / unchecked
        );
    }
    Ok(())
}

fn cargo(dir: &Path, command: &str) -> Command {
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args([command, "--quiet"])
        .env("CARGO_TARGET_DIR", dir.join("target"))
        // A clean build's cost: touched sources would otherwise reuse the incremental cache.
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(dir);
    cargo
}

/// Marks every source file of a crate as changed now, which is what cargo's fingerprints
/// compare.
fn touch_sources(krate: &Path) -> Result<(), String> {
    for file in sources(&krate.join("src"))? {
        let handle = fs::File::options()
            .append(true)
            .open(&file)
            .map_err(|e| format!("{}: {e}", file.display()))?;
        handle
            .set_modified(SystemTime::now())
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(())
}

fn sources(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        match path.is_dir() {
            true => files.extend(sources(&path)?),
            false => files.push(path),
        }
    }
    Ok(files)
}
