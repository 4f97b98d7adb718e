//! The three writers: Markdown structure, JSON fields, HTML escaping and
//! links, and no control character in any output, hostile input included.

use super::tests::{FEED_A, FEED_B, HOUR, Item, NOW, item, newsroom, starred, store_with};
use super::*;
use crate::query::Query;
use crate::store::QueryOptions;

pub(super) fn render(briefing: &Briefing, format: Format) -> String {
    let mut out = Vec::new();
    write(briefing, format, &mut out).expect("write");
    String::from_utf8(out).expect("utf-8")
}

/// A store whose only starred story is hostile: markup, an escape
/// sequence and a bidi override in the title, a `javascript:` link.
fn hostile() -> Briefing {
    let mut store = store_with(&[
        Item {
            link: "javascript:alert(1)",
            content: "<p>Body with <script>alert(2)</script> a [link](javascript:x) and \u{1b}[2J an escape.</p>",
            ..item(
                FEED_A,
                "<script>alert(1)</script> \u{1b}]0;owned\u{7} title \u{202e}reversed",
                1,
            )
        },
        Item {
            link: "https://b.example/a b?q=\"x\"&y=<z>",
            ..item(FEED_B, "# Heading? - [x](y) *bold* & more", 2)
        },
    ]);
    let ids: Vec<ArticleId> = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .expect("list")
        .iter()
        .map(|a| a.id)
        .collect();
    store.set_starred(&ids, true).expect("star");
    build(&store, &starred(None, None)).expect("build")
}

fn assert_no_control_characters(text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n' || !(crate::text::is_forbidden(c) || c.is_control()),
            "control character {c:?} in {text}"
        );
    }
}

#[test]
fn markdown_has_the_structure_and_escapes_everything() {
    let store = newsroom();
    let briefing = build(&store, &starred(None, Some(NOW - 24 * HOUR))).expect("build");
    let md = render(&briefing, Format::Markdown);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert!(headings[0].starts_with("# Briefing, "), "{md}");
    let sections: Vec<&str> = headings
        .iter()
        .filter(|l| l.starts_with("## "))
        .copied()
        .collect();
    assert_eq!(
        sections,
        vec!["## foreign-policy", "## economy", "## tech", "## Other"]
    );
    assert_eq!(headings.iter().filter(|l| l.starts_with("### ")).count(), 8);
    assert!(
        md.contains("### [Ceasefire talks resume in Geneva](https://a.example/geneva)"),
        "{md}"
    );
    assert!(md.contains("8 stories from 9 starred articles"), "{md}");
    assert!(
        md.contains(" · [Alpha News](https://a.example/geneva) · Beta Times · Beta Times\n"),
        "{md}"
    );

    let md = render(&hostile(), Format::Markdown);
    assert_no_control_characters(&md);
    assert!(!md.contains("javascript:alert"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
    assert!(
        md.contains("\\# Heading? - \\[x\\](y) \\*bold\\* \\& more"),
        "{md}"
    );
    assert!(
        md.contains("(https://b.example/a%20b?q=%22x%22&y=%3Cz%3E)"),
        "{md}"
    );
}

#[test]
fn json_parses_and_has_the_documented_fields() {
    let store = newsroom();
    let briefing = build(&store, &starred(Some("-cat"), Some(NOW - 24 * HOUR))).expect("build");
    let json: serde_json::Value =
        serde_json::from_str(&render(&briefing, Format::Json)).expect("valid JSON");
    assert_eq!(json["format"], "sift-briefing");
    assert_eq!(json["version"], 1);
    assert_eq!(json["generated_at"], NOW);
    assert_eq!(json["since"], NOW - 24 * HOUR);
    assert_eq!(json["query"], "-cat");
    assert_eq!(json["story_count"], 7);
    assert_eq!(json["empty_message"], serde_json::Value::Null);
    let story = &json["topics"][0]["stories"][2];
    assert_eq!(json["topics"][0]["topic"], "foreign-policy");
    assert_eq!(json["topics"][0]["label"], "foreign-policy");
    assert_eq!(story["title"], "Ceasefire talks resume in Geneva");
    assert_eq!(story["link"], "https://a.example/geneva");
    assert!(story["date_iso"].as_str().is_some_and(|d| d.ends_with('Z')));
    assert!(
        story["lead"]
            .as_str()
            .is_some_and(|l| l.starts_with("Envoys met"))
    );
    assert_eq!(story["sources"].as_array().map(Vec::len), Some(3));
    for key in [
        "article_id",
        "feed",
        "title",
        "link",
        "date",
        "date_iso",
        "starred",
        "selected",
    ] {
        assert!(story["sources"][0].get(key).is_some(), "sources[].{key}");
    }

    let text = render(&hostile(), Format::Json);
    assert_no_control_characters(&text);
    assert!(
        !text.contains("\\u001b") && !text.contains("\\u202e"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let stories = json["topics"][0]["stories"].as_array().expect("stories");
    assert!(stories.iter().any(|s| s["link"].is_null()), "{text}");
    assert!(!text.contains("javascript:alert"), "{text}");
}

#[test]
fn html_is_standalone_escaped_and_links_only_the_web() {
    let html = render(&hostile(), Format::Html);
    assert_no_control_characters(&html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.trim_end().ends_with("</html>"));
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("href=\"https://b.example/a%20b?q=%22x%22&amp;y=%3Cz%3E\""),
        "{html}"
    );
    // Every href is http(s).
    for part in html.split("href=\"").skip(1) {
        assert!(
            part.starts_with("https://") || part.starts_with("http://"),
            "{part}"
        );
    }

    let store = newsroom();
    let briefing = build(&store, &starred(None, None)).expect("build");
    let html = render(&briefing, Format::Html);
    assert_eq!(html.matches("<h2>").count(), 4);
    assert_eq!(html.matches("<article>").count(), 9);
    assert!(html.contains("<h2>foreign-policy</h2>"));
}

#[test]
fn file_names_carry_the_time_and_the_extension() {
    assert_eq!(
        file_name(1_795_874_700, Format::Markdown),
        "briefing-2026-11-28-1405.md"
    );
    assert_eq!(file_name(0, Format::Html), "briefing-1970-01-01-0000.html");
    assert!(file_name(NOW, Format::Json).ends_with(".json"));
}
