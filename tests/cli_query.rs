//! `sift list --query`: the filter-bar language headless, with `--count`,
//! `--json`, the other list flags, and a bad query (exit 2, caret).

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

fn feed_url() -> String {
    let path = std::path::absolute("tests/fixtures/feeds/theweek-style.xml").expect("path");
    url::Url::from_file_path(path).expect("url").to_string()
}

/// A sandbox with the Week-style feed (tag world) polled: four news items
/// (phone call, sanctions, Baltic; one promo and one puzzle as noise).
fn polled() -> Sandbox {
    let sandbox = Sandbox::new();
    stdout_of(
        sandbox
            .sift()
            .args(["feeds", "add", &feed_url(), "--tag", "world"]),
    );
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    sandbox
}

fn list(sandbox: &Sandbox, args: &[&str]) -> (String, String) {
    let out = sandbox
        .sift()
        .arg("list")
        .args(args)
        .output()
        .expect("run sift");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn query_lists_counts_and_combines_with_flags() {
    let sandbox = polled();
    let (out, _) = list(&sandbox, &["--query", "sanctions or baltic"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("Sanctions, summits"), "{out}");
    assert!(lines[1].contains("Baltic states"), "{out}");

    let (out, _) = list(&sandbox, &["-q", "tag:world -sanctions", "--count"]);
    assert_eq!(out.trim(), "2");
    let (out, _) = list(&sandbox, &["-q", "\"phone call\" feed:example", "--count"]);
    assert_eq!(out.trim(), "1");

    // Flags narrow the query: --since (UTC midnight here) and --limit.
    let (out, _) = list(
        &sandbox,
        &["-q", "sanctions or baltic", "--since", "2026-11-27"],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("Sanctions"), "{out}");
    let (out, _) = list(&sandbox, &["-q", "sanctions or baltic", "--limit", "1"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let (out, _) = list(&sandbox, &["-q", "sanctions", "--starred", "--count"]);
    assert_eq!(out.trim(), "0");
}

#[test]
fn query_hides_noise_by_kind_unless_asked() {
    let sandbox = polled();
    let (out, err) = list(&sandbox, &["-q", "crossword"]);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("noise left out: puzzle 1"), "{err}");
    let (out, _) = list(&sandbox, &["-q", "crossword is:noise"]);
    assert!(out.contains("[noise: puzzle] Crossword"), "{out}");
    let (out, _) = list(&sandbox, &["-q", "crossword", "--all", "--count"]);
    assert_eq!(out.trim(), "1");
    let (out, _) = list(&sandbox, &["-q", "", "--noise", "--count"]);
    assert_eq!(out.trim(), "2");
}

#[test]
fn query_prints_json() {
    let sandbox = polled();
    let (out, _) = list(&sandbox, &["--query", "nato /rearm/", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(
        rows[0]["title"],
        "Why the Baltic states are rearming fastest"
    );
    assert!(rows[0]["id"].is_i64(), "{out}");
    assert!(rows[0]["date_iso"].is_string(), "{out}");
}

#[test]
fn a_bad_query_exits_2_with_a_caret_under_the_culprit() {
    let sandbox = polled();
    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "iran foo:bar"]), 2);
    assert!(err.contains("bad query: unknown field `foo:`"), "{err}");
    assert!(err.contains("feed:"), "the known fields are listed: {err}");
    assert!(err.contains("\n  iran foo:bar\n       ^^^\n"), "{err}");

    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "a (b or"]), 2);
    assert!(err.contains("`or` needs a term after it"), "{err}");
    assert!(err.contains("\n  a (b or\n       ^^\n"), "{err}");

    // Control characters in the query are not echoed to the terminal.
    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "\u{1b}[2J /(/"]), 2);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("bad /regex/"), "{err}");
}
