//! `sift export --starred`: a polled feed, two starred articles, a topic
//! set through the store, and the briefing in all three formats; the
//! usage errors and the empty briefing.

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};
use sift::model::ArticleId;
use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions, Store};

const GENEVA: &str = "Envoys revive ceasefire talks in Geneva";
const SANCTIONS: &str = "Sanctions & <summits>: the week in *diplomacy*";
const HARBOUR: &str = "Harbour festival draws record crowds";

fn feed_url() -> String {
    let path = std::path::absolute("tests/fixtures/briefing/world.xml").expect("path");
    url::Url::from_file_path(path).expect("url").to_string()
}

fn id_of(store: &Store, title: &str) -> ArticleId {
    let options = QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    };
    let rows = store.query_articles(&Query::all(), &options).expect("list");
    rows.iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no article {title:?} in {rows:#?}"))
        .id
}

/// The fixture polled; Geneva and Sanctions starred; Geneva in
/// foreign-policy, Sanctions under no topic (its only score is under 1).
fn briefed() -> Sandbox {
    let sandbox = Sandbox::new();
    stdout_of(sandbox.sift().args(["feeds", "add", &feed_url()]));
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    let (geneva, sanctions) = {
        let mut store = Store::open(&sandbox.data_dir().join("sift.db")).expect("store");
        let geneva = id_of(&store, GENEVA);
        let sanctions = id_of(&store, SANCTIONS);
        assert!(
            store
                .set_topics(geneva, &[("foreign-policy", 2.5), ("economy", 0.4)])
                .expect("topics")
        );
        assert!(
            store
                .set_topics(sanctions, &[("foreign-policy", 0.6)])
                .expect("topics")
        );
        (geneva, sanctions)
    };
    stdout_of(sandbox.sift().args([
        "mark",
        &geneva.to_string(),
        &sanctions.to_string(),
        "--star",
    ]));
    sandbox
}

fn assert_clean(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && (c.is_control() || sift::text::is_forbidden(c))),
        "control character in {text}"
    );
}

#[test]
fn export_writes_the_briefing_in_three_formats() {
    let sandbox = briefed();

    let md = stdout_of(sandbox.sift().args(["export", "--starred"]));
    assert_clean(&md);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 5, "{md}");
    assert!(headings[0].starts_with("# Briefing, "), "{md}");
    assert_eq!(headings[1], "## foreign-policy");
    assert_eq!(
        headings[2],
        format!("### [{GENEVA}](https://world.example.test/geneva-talks)")
    );
    assert_eq!(headings[3], "## Other");
    assert_eq!(
        headings[4],
        "### [Sanctions \\& \\<summits\\>: the week in \\*diplomacy\\*]\
         (https://world.example.test/week-in-diplomacy?a=1&b=%282%29)"
    );
    assert!(md.contains("2 stories from 2 starred articles"), "{md}");
    // The lead comes from the cleaned body: the promo lines are gone.
    assert!(
        md.contains(
            "\nEnvoys from both sides met in Geneva on Thursday to revive the ceasefire talks. \
             Mr. Ortiz, the U.N. mediator, said the first session lasted 4.5 hours. \
             \"We are not there yet,\" he told reporters.\n"
        ),
        "{md}"
    );
    assert!(
        !md.contains("newsletter") && !md.contains("daily email"),
        "{md}"
    );
    assert!(!md.contains(HARBOUR), "{md}");

    let json = stdout_of(
        sandbox
            .sift()
            .args(["export", "--starred", "--format", "json"]),
    );
    assert_clean(&json);
    let json: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(json["format"], "sift-briefing");
    assert_eq!(json["story_count"], 2);
    assert_eq!(json["article_count"], 2);
    assert_eq!(json["topics"][0]["topic"], "foreign-policy");
    assert_eq!(json["topics"][1]["topic"], serde_json::Value::Null);
    assert_eq!(json["topics"][1]["label"], "Other");
    let story = &json["topics"][0]["stories"][0];
    assert_eq!(story["title"], GENEVA);
    assert_eq!(story["sources"][0]["feed"], "Example World Desk");
    assert_eq!(story["date_iso"], "2026-11-27T09:00:00Z");
    assert!(
        story["lead"]
            .as_str()
            .is_some_and(|l| l.starts_with("Envoys from both sides")),
        "{story}"
    );

    let out = sandbox
        .sift()
        .args([
            "export",
            "--starred",
            "--format",
            "html",
            "--output",
            "brief.html",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote 2 stories to brief.html"));
    let html = std::fs::read_to_string(sandbox.root().join("brief.html")).expect("html file");
    assert_clean(&html);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(html.contains("Sanctions &amp; &lt;summits&gt;"), "{html}");
    assert!(
        html.contains("href=\"https://world.example.test/week-in-diplomacy?a=1&amp;b=(2)\""),
        "{html}"
    );
    assert_eq!(html.matches("<article>").count(), 2, "{html}");
}

#[test]
fn since_and_query_narrow_the_briefing() {
    let sandbox = briefed();
    let md = stdout_of(sandbox.sift().args([
        "export",
        "--starred",
        "--since",
        "2026-11-27",
        "--query",
        "geneva",
    ]));
    assert!(md.contains(GENEVA), "{md}");
    assert!(!md.contains("Sanctions"), "{md}");
    assert!(md.contains("1 story from 1 starred article"), "{md}");
    assert!(md.contains("query: geneva"), "{md}");
}

#[test]
fn usage_errors_exit_2_and_nothing_starred_exits_0() {
    let sandbox = briefed();
    let err = stderr_with_code(
        sandbox
            .sift()
            .args(["export", "--starred", "--since", "yesterday"]),
        2,
    );
    assert!(err.contains("--since"), "{err}");
    let err = stderr_with_code(
        sandbox
            .sift()
            .args(["export", "--starred", "--query", "geneva (talks"]),
        2,
    );
    assert!(err.contains("bad query") && err.contains('^'), "{err}");
    let err = stderr_with_code(sandbox.sift().args(["export", "--opml", "--starred"]), 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = stderr_with_code(
        sandbox.sift().args(["export", "--opml", "--since", "1d"]),
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
    // OPML still works alone.
    let opml = stdout_of(sandbox.sift().args(["export", "--opml"]));
    assert!(opml.contains("<opml"), "{opml}");

    let fresh = Sandbox::new();
    let out = fresh
        .sift()
        .args(["export", "--starred", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["story_count"], 0);
    assert!(
        json["empty_message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Nothing is starred")),
        "{json}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing is starred"));
}
