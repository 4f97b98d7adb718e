//! The layers of DESIGN.md, checked in the source: every module imports
//! only modules of its own layer or of layers below it, and no two
//! modules import each other. A newcomer reads the map here (and in
//! `src/lib.rs`); a change that breaks it fails this test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top. `config` holds the files' formats and their plain
/// types (read from disk, validated, no network, no SQL); the front
/// ends' `settings` gathers them once and passes them down.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["model", "text", "when", "highlight", "log_health", "config"],
    ),
    (
        "core",
        &[
            "feed", "clean", "query", "story", "topics", "ingest", "render", "import",
        ],
    ),
    ("store", &["store"]),
    ("network shell", &["fetch", "poller", "sync"]),
    (
        "front ends",
        &[
            "settings",
            "subscriptions",
            "briefing",
            "demo",
            "cli",
            "tui",
        ],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The Rust files of a top-level module (`src/x.rs` and `src/x/**`),
/// without test files.
fn files_of(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = src.join(format!("{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                dirs.push(path);
            } else if name.ends_with(".rs") && !name.ends_with("tests.rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The top-level modules a file names as `crate::x`, outside its test
/// module.
fn imports(source: &str) -> BTreeSet<String> {
    let code = source
        .find("#[cfg(test)]\nmod tests")
        .map_or(source, |at| &source[..at]);
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

#[test]
fn every_module_imports_only_its_layer_and_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (_, modules) in LAYERS {
        for module in *modules {
            let files = files_of(&src, module);
            assert!(!files.is_empty(), "no source for module `{module}`");
            let names = graph.entry(module).or_default();
            for file in files {
                let source = std::fs::read_to_string(&file).expect("a source file");
                names.extend(imports(&source).into_iter().filter(|n| n != module));
            }
        }
    }
    // Every module of the library is on the map.
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    for line in lib.lines() {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            assert!(layer_of(name).is_some(), "module `{name}` is on no layer");
        }
    }
    let mut wrong = Vec::new();
    for (module, names) in &graph {
        let own = layer_of(module).expect("on the map");
        for name in names {
            match layer_of(name) {
                Some(layer) if layer > own => wrong.push(format!(
                    "{module} ({}) imports {name} ({})",
                    LAYERS[own].0, LAYERS[layer].0
                )),
                _ => {}
            }
            if graph
                .get(name.as_str())
                .is_some_and(|back| back.contains(*module))
            {
                wrong.push(format!("{module} and {name} import each other"));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
    // The check sees imports at all (or it would pass on anything).
    assert!(graph["poller"].contains("store") && graph["store"].contains("clean"));
}

#[test]
fn the_import_reader_finds_crate_paths_outside_tests_only() {
    let source = "use crate::store::Store;\nfn f() { crate::text::x(); }\n\
                  #[cfg(test)]\nmod tests { use crate::tui::App; }";
    let found: Vec<String> = imports(source).into_iter().collect();
    assert_eq!(found, ["store", "text"]);
}
