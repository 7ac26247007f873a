//! The invariants of ARCHITECTURE.md that the code's shape can show: renderers never see the
//! OpenAPI document, and no two modules of the generator depend on each other (a child may
//! use its parent's shared items; siblings depend one way only).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of `generator/src` with its source, keyed by its path (`["render", "client"]`).
fn modules() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("the source folder reads")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &[prefix, &[name]].concat(), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "mod" | "lib" => prefix.to_vec(),
                    _ => [prefix, &[name]].concat(),
                };
                out.insert(module, tests::read_path(&path));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&tests::root().join("generator/src"), &[], &mut out);
    out
}

/// The code of a file without its line comments and its `#[cfg(test)] mod tests`.
fn code(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let lines = source.lines().map(|line| match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// The paths a file names (`super::values::text_form`), with `use` groups expanded: words
/// joined by `::`, in order.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut tokens = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = c.to_string();
            while let Some(&next) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(next);
                chars.next();
            }
            tokens.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            tokens.push("::".to_owned());
        } else if "{},;".contains(c) {
            tokens.push(c.to_string());
        } else if !c.is_whitespace() {
            tokens.push(" ".to_owned());
        }
    }
    let mut out = Vec::new();
    let mut prefixes: Vec<Vec<String>> = vec![Vec::new()];
    let mut current: Vec<String> = Vec::new();
    let mut joined = false;
    for token in tokens {
        match token.as_str() {
            "::" => joined = true,
            "{" if joined => {
                let mut prefix = prefixes.last().cloned().unwrap_or_default();
                prefix.append(&mut current);
                prefixes.push(prefix);
                joined = false;
            }
            "}" | "," | ";" | "{" | " " => {
                if !current.is_empty() {
                    let mut path = prefixes.last().cloned().unwrap_or_default();
                    path.append(&mut current);
                    out.push(path);
                }
                if token == "}" && prefixes.len() > 1 {
                    prefixes.pop();
                }
                if token == ";" || token == " " || token == "{" {
                    prefixes.truncate(1);
                }
                joined = false;
            }
            word => {
                if !joined && !current.is_empty() {
                    let mut path = prefixes.last().cloned().unwrap_or_default();
                    path.append(&mut current);
                    out.push(path);
                }
                current.push(word.to_owned());
                joined = false;
            }
        }
    }
    out
}

/// The module a path of `module` names: the longest module its words lead to.
fn target(module: &Module, path: &[String], modules: &BTreeMap<Module, String>) -> Option<Module> {
    let (mut base, rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("super") => (
            module[..module.len().saturating_sub(1)].to_vec(),
            &path[1..],
        ),
        Some("self") => (module.clone(), &path[1..]),
        // A bare path starts at a child module of this one, if at all.
        Some(first) if modules.contains_key(&[module.clone(), vec![first.to_owned()]].concat()) => {
            (module.clone(), path)
        }
        _ => return None,
    };
    let mut rest = rest;
    while rest.first().is_some_and(|w| w == "super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut found = base.clone();
    for word in rest {
        base.push(word.clone());
        if !modules.contains_key(&base) {
            break;
        }
        found = base.clone();
    }
    Some(found)
}

/// Module dependencies, leaving out those on the crate root and on a module's own ancestors.
fn dependencies(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    modules
        .iter()
        .map(|(module, source)| {
            let targets = paths(&code(source))
                .iter()
                .filter_map(|path| target(module, path, modules))
                .filter(|t| !t.is_empty() && t != module && !module.starts_with(t))
                .collect();
            (module.clone(), targets)
        })
        .collect()
}

fn name(module: &Module) -> String {
    module.join("::")
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let modules = modules();
    assert!(modules.len() > 30, "the generator's modules were found");
    let graph = dependencies(&modules);
    // A cycle exists where a module reaches itself; report each module that does, with the
    // first step back.
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&Module> = graph[start].iter().collect();
        while let Some(next) = stack.pop() {
            if next == start {
                cycles.push(name(start));
                break;
            }
            if seen.insert(next) {
                stack.extend(graph.get(next).into_iter().flatten());
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules in a dependency cycle: {cycles:#?}"
    );
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let mut modules = BTreeMap::new();
    let module = |path: &str| path.split("::").map(str::to_owned).collect::<Module>();
    modules.insert(module("render"), String::new());
    modules.insert(
        module("render::a"),
        "use super::b::{Thing, other::{More}};\nfn f() {}".to_owned(),
    );
    modules.insert(
        module("render::b"),
        "fn g() { crate::render::a::f() }".to_owned(),
    );
    modules.insert(module("render::b::other"), String::new());
    let graph = dependencies(&modules);
    assert_eq!(
        graph[&module("render::a")],
        BTreeSet::from([module("render::b"), module("render::b::other")])
    );
    assert_eq!(
        graph[&module("render::b")],
        BTreeSet::from([module("render::a")])
    );
}

#[test]
fn renderers_never_see_the_document() {
    let modules = modules();
    let readers: Vec<String> = modules
        .iter()
        .filter(|(module, source)| {
            module.first().is_some_and(|m| m == "render") && code(source).contains("openapiv3")
        })
        .map(|(module, _)| name(module))
        .collect();
    assert!(
        readers.is_empty(),
        "renderers that name openapiv3: {readers:?}"
    );
}
