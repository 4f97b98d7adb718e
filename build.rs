//! Compiles the shipped block rules' patterns (and the lead's date line)
//! into sparse DFAs, so that a
//! process that cleans loads them instead of compiling them: compiling
//! them was about half the instructions of a `sift extract`. A pattern
//! that does not build into a DFA within the limits is left out and
//! compiles at run time, as a user's pattern does.
//!
//! It also asks the linker to pack the binary's relative relocations
//! (`pack_relative_relocations`).

#[path = "src/clean/pattern_plan.rs"]
mod pattern_plan;

use std::fmt::Write as _;
use std::path::PathBuf;

use regex_automata::dfa::{StartKind, dense, sparse};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;

/// The files whose `[[block]]` patterns ship compiled (`SITES` and
/// `GENERIC` in `src/clean/rules.rs`).
const RULE_FILES: &[&str] = &[
    "assets/rules/generic.toml",
    "assets/rules/sites/theweek.com.toml",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/clean/pattern_plan.rs");
    pack_relative_relocations();
    let mut table = String::from("&[\n");
    let mut count = 0;
    for file in RULE_FILES {
        println!("cargo::rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).expect("a shipped rule file");
        let parsed: toml::Table = toml::from_str(&text).expect("shipped rules parse");
        let blocks = parsed.get("block").and_then(toml::Value::as_array);
        for block in blocks.into_iter().flatten() {
            // A selector rule's `matches` is not compiled as a pattern.
            if block.get("selector").is_some() {
                continue;
            }
            let Some(matches) = block.get("matches").and_then(toml::Value::as_str) else {
                continue;
            };
            let source = pattern_plan::whole_block(matches);
            let Some((folded, dfa)) = any_case_dfa(&source) else {
                continue;
            };
            let name = format!("block_pattern_{count}.dfa");
            count += 1;
            std::fs::write(out.join(&name), dfa.to_bytes_native_endian())
                .expect("OUT_DIR is writable");
            writeln!(
                table,
                "    ({source:?}, {folded}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),"
            )
            .expect("writes to a String");
        }
    }
    // The lead's date line (`header::DATE_LINE`).
    if let Some((folded, dfa)) = any_case_dfa(&pattern_plan::date_line()) {
        std::fs::write(out.join("date_line.dfa"), dfa.to_bytes_native_endian())
            .expect("OUT_DIR is writable");
        writeln!(
            table,
            "    ({:?}, {folded}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/date_line.dfa\"))),",
            pattern_plan::date_line()
        )
        .expect("writes to a String");
    }
    table.push(']');
    std::fs::write(out.join("shipped_patterns.rs"), table).expect("OUT_DIR is writable");
}

/// The DFA of what `Pattern::any_case(source)` compiles, under the syntax
/// its choice takes at run time (`src/clean/pattern.rs`), and whether it
/// reads folded text.
fn any_case_dfa(source: &str) -> Option<(bool, sparse::DFA<Vec<u8>>)> {
    let bytes = syntax::Config::new().unicode(false).utf8(false);
    if pattern_plan::is_lowercase_ascii(source) && parses(source, bytes) {
        return build(source, bytes).map(|dfa| (true, dfa));
    }
    let cased = format!("(?i){source}");
    if cased.is_ascii() && parses(&cased, bytes) {
        return build(&cased, bytes).map(|dfa| (false, dfa));
    }
    build(&cased, syntax::Config::new()).map(|dfa| (false, dfa))
}

fn parses(pattern: &str, config: syntax::Config) -> bool {
    syntax::parse_with(pattern, &config).is_ok()
}

/// An anchored DFA that only says whether the pattern matches.
fn build(pattern: &str, config: syntax::Config) -> Option<sparse::DFA<Vec<u8>>> {
    let dense = dense::Builder::new()
        .syntax(config)
        .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .dfa_size_limit(Some(8 << 20))
                .determinize_size_limit(Some(32 << 20)),
        )
        .build(pattern)
        .ok()?;
    dense.to_sparse().ok()
}

/// Packs the sift binary's 36,000 relative relocations (DT_RELR) instead
/// of a 0.9 MB table the loader reads at every start: `sift --version`
/// 3.7 → 3.0 ms and `sift extract` of a 100 KB page 15.4 → 13.1 ms
/// (BENCHMARKS.md, "Start-up"). The binary stays position-independent.
/// Only where the C library that will load it understands packed
/// relocations (glibc 2.36 or later, built for the machine that builds):
/// an older loader refuses such a binary.
fn pack_relative_relocations() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let native = var("TARGET") == var("HOST");
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if native && linux_gnu && glibc_at_least(2, 36) {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether this machine's glibc (`getconf GNU_LIBC_VERSION`: "glibc
/// 2.36") is at least `major.minor`; false when it cannot tell.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(have_major), Some(have_minor)) => (have_major, have_minor) >= (major, minor),
        _ => false,
    }
}
