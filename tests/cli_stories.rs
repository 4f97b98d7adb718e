//! `sift list --clusters`: one row per story with `+N sources`, members in
//! `--json`, stories counted by `--count`, with --query and --unread; the
//! second poll's articles join the first poll's stories.

mod cli_support;

use cli_support::{Sandbox, stdout_of};

fn feed_url(name: &str) -> String {
    let path = std::path::absolute(format!("tests/fixtures/stories/{name}")).expect("path");
    url::Url::from_file_path(path).expect("url").to_string()
}

fn list(sandbox: &Sandbox, args: &[&str]) -> String {
    stdout_of(sandbox.sift().arg("list").args(args))
}

/// The wire feed polled, then the Week feed added and polled.
fn two_polls() -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    stdout_of(sandbox.sift().args(["feeds", "add", &feed_url("wire.xml")]));
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    let first = list(&sandbox, &["--clusters"]);
    stdout_of(sandbox.sift().args(["feeds", "add", &feed_url("week.xml")]));
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    (sandbox, first)
}

#[test]
fn table_shows_one_row_per_story_with_sources() {
    let (sandbox, first) = two_polls();
    assert_eq!(first.lines().count(), 3, "{first}");
    assert!(!first.contains("source"), "{first}");

    let out = list(&sandbox, &["--clusters"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].contains("NATO's 5% pledge") && !lines[0].contains("source"),
        "{out}"
    );
    assert!(
        lines[1].contains("Another tanker seized") && lines[1].contains("+1 source"),
        "{out}"
    );
    assert!(
        lines[2].contains("Putin and Xi: a pipeline") && lines[2].contains("+1 source"),
        "{out}"
    );
    assert!(
        lines[3].contains("Shoigu") && !lines[3].contains("source"),
        "{out}"
    );
    assert_eq!(list(&sandbox, &["--count"]).trim(), "6");
    assert_eq!(list(&sandbox, &["--clusters", "--count"]).trim(), "4");
    assert_eq!(
        list(&sandbox, &["--clusters", "--limit", "2"])
            .lines()
            .count(),
        2
    );
}

#[test]
fn json_lists_members_and_sources() {
    let (sandbox, _) = two_polls();
    let out = list(&sandbox, &["--clusters", "--json", "-q", "putin"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 2, "{out}");
    let pipeline = &rows[0];
    assert!(
        pipeline["title"]
            .as_str()
            .expect("title")
            .starts_with("Putin and Xi:")
    );
    assert_eq!(pipeline["count"], 2);
    assert_eq!(
        pipeline["sources"],
        serde_json::json!(["Example Week", "Example Wire"])
    );
    let members = pipeline["members"].as_array().expect("members");
    assert_eq!(members.len(), 1);
    assert_eq!(
        members[0]["title"],
        "Putin and Xi sign gas pipeline deal in Beijing"
    );
    assert_eq!(members[0]["feed_title"], "Example Wire");
    // The story id is the first article's id: the wire's, polled first.
    assert_eq!(pipeline["story_id"], members[0]["id"]);
    assert!(pipeline["date_iso"].as_str().is_some() && pipeline["id"].is_i64());
    assert_eq!(rows[1]["count"], 1);
    assert_eq!(rows[1]["members"], serde_json::json!([]));
}

#[test]
fn unread_and_query_narrow_the_members() {
    let (sandbox, _) = two_polls();
    let out = list(&sandbox, &["--clusters", "--json", "-q", "hormuz"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let lead = rows[0]["id"].as_i64().expect("id").to_string();
    stdout_of(sandbox.sift().args(["mark", "--read", &lead]));
    // The story still shows through its unread member, which now leads.
    let out = list(&sandbox, &["--clusters", "--unread", "-q", "hormuz"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("Iran seizes oil tanker") && !out.contains("source"),
        "{out}"
    );
    assert_eq!(
        list(&sandbox, &["--clusters", "--unread", "--count"]).trim(),
        "4"
    );
    assert_eq!(
        list(&sandbox, &["--clusters", "-q", "hormuz or nato", "--count"]).trim(),
        "2"
    );
}
