//! Bytes as HTML through the rich renderer and the reader's layout.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift::clean::RuleSet;
use sift::model::Article;
use sift::render::{cleaned_body, rich::render_rich};

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the width (0 included: a collapsed pane).
    let (width, rest) = match bytes.split_first() {
        Some((w, rest)) => (*w, rest),
        None => (80, bytes),
    };
    let html = String::from_utf8_lossy(rest);
    let _ = render_rich(&html, usize::from(width));
    let article = article_from(&html);
    let cleaned = cleaned_body(&article, &RULES);
    for show_hidden in [false, true] {
        let _ = sift::tui::reader::build(&article, &cleaned, u16::from(width), show_hidden);
    }
});

fn article_from(html: &str) -> Article {
    let title: String = html.chars().take(80).collect();
    Article {
        id: 1,
        feed_id: 1,
        feed_title: "Feed".to_string(),
        guid: "g".to_string(),
        link: Some("https://example.com/a".to_string()),
        title,
        author: Some("Author".to_string()),
        published: Some(1_700_000_000),
        updated: None,
        first_seen: 1_700_000_000,
        date: 1_700_000_000,
        summary: Some(html.to_string()),
        content: Some(html.to_string()),
        read: false,
        starred: false,
        tags: vec!["t".to_string()],
        noise_kind: None,
        noise_rule: None,
        full_html: None,
        full_error: Some("timeout".to_string()),
    }
}
