//! Topics end to end: poll a feed file, then `sift list --query
//! topic:...` and `sift topics` (table, JSON, after a user topic and
//! `--rescore`), and the errors for an unknown topic and a bad file.

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

fn polled() -> Sandbox {
    let sandbox = Sandbox::new();
    let path = std::path::absolute("tests/fixtures/topics/mixed-desk.xml").expect("path");
    let url = url::Url::from_file_path(path).expect("url").to_string();
    stdout_of(sandbox.sift().args(["feeds", "add", &url]));
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    sandbox
}

fn topics_json(sandbox: &Sandbox, extra: &[&str]) -> Vec<(String, u64, u64)> {
    let out = stdout_of(sandbox.sift().arg("topics").arg("--json").args(extra));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    rows.as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().expect("name").to_string(),
                r["articles"].as_u64().expect("articles"),
                r["unread"].as_u64().expect("unread"),
            )
        })
        .collect()
}

fn count_of(rows: &[(String, u64, u64)], name: &str) -> Option<(u64, u64)> {
    rows.iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, a, u)| (*a, *u))
}

#[test]
fn articles_are_scored_at_ingest_and_listed_by_topic() {
    let sandbox = polled();
    let out = stdout_of(
        sandbox
            .sift()
            .args(["list", "--query", "topic:foreign-policy"]),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("EU agrees new sanctions"), "{out}");
    assert!(lines[1].contains("Ceasefire talks resume"), "{out}");
    assert!(!out.contains("Chelsea"), "{out}");

    let out = stdout_of(
        sandbox
            .sift()
            .args(["list", "-q", "topic:sport", "--count"]),
    );
    assert_eq!(out.trim(), "1");
    let out = stdout_of(
        sandbox
            .sift()
            .args(["list", "-q", "topic:economy", "--count"]),
    );
    assert_eq!(out.trim(), "1");

    // One read: the unread count drops, the article count does not.
    let id = stdout_of(
        sandbox
            .sift()
            .args(["list", "-q", "topic:foreign-policy", "--json"]),
    );
    let rows: serde_json::Value = serde_json::from_str(&id).expect("JSON");
    let first = rows[0]["id"].as_i64().expect("id").to_string();
    stdout_of(sandbox.sift().args(["mark", &first, "--read"]));
    let rows = topics_json(&sandbox, &[]);
    let names: Vec<&str> = rows.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["foreign-policy", "economy", "tech", "culture", "sport"]
    );
    assert_eq!(count_of(&rows, "foreign-policy"), Some((2, 1)));
    assert_eq!(count_of(&rows, "sport"), Some((1, 1)));

    let table = stdout_of(sandbox.sift().arg("topics"));
    assert!(table.starts_with("TOPIC"), "{table}");
    let fp = table
        .lines()
        .find(|l| l.starts_with("foreign-policy"))
        .expect("a foreign-policy row");
    assert!(fp.contains("Foreign policy"), "{table}");
    let numbers: Vec<&str> = fp.split_whitespace().rev().take(2).collect();
    assert_eq!(numbers, ["1", "2"], "{table}");
}

#[test]
fn user_topics_apply_after_a_rescore_and_in_queries() {
    let sandbox = polled();
    // Unknown until the user defines it: an error that names the known ones.
    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "topic:arctic"]), 2);
    assert!(
        err.contains("unknown topic `arctic`") && err.contains("foreign-policy"),
        "{err}"
    );
    sandbox.write(
        "config/topics.toml",
        "[topics.arctic]\nlabel = \"The Arctic\"\nthreshold = 2\n\
         [[topics.arctic.terms]]\nweight = 2\nwords = [\"Svalbard\", \"reindeer\"]\n",
    );
    // Known now, but nothing was scored for it yet.
    let out = stdout_of(
        sandbox
            .sift()
            .args(["list", "-q", "topic:arctic", "--count"]),
    );
    assert_eq!(out.trim(), "0");
    let rows = topics_json(&sandbox, &["--rescore"]);
    assert_eq!(count_of(&rows, "arctic"), Some((1, 1)));
    assert_eq!(count_of(&rows, "foreign-policy"), Some((2, 2)));
    let out = stdout_of(sandbox.sift().args(["list", "-q", "topic:arctic"]));
    assert!(out.contains("Reindeer numbers recover"), "{out}");
}

#[test]
fn a_bad_topics_file_is_a_config_error_with_its_line() {
    let sandbox = polled();
    sandbox.write(
        "config/topics.toml",
        "[topics.arctic]\nthreshold = 2\n\n[[topics.arctic.terms]]\nweight = \"heavy\"\n",
    );
    let err = stderr_with_code(sandbox.sift().arg("topics"), 2);
    assert!(
        err.contains("topics.toml:5:") && err.contains("`weight`") && err.contains("number"),
        "{err}"
    );
}
