//! What the reader pane shows for one article at one width: a header
//! (title, feed, author, date, link), the cleaned text with its links
//! numbered, a line saying what was hidden, and, on request, the hidden
//! blocks in place. Built off the input path (see `worker`) and cached.

use crate::clean::{Cleaned, escape_html};
use crate::model::{Article, ArticleId};
use crate::render::rich::{Part, RichText, render_parts};

/// One rendering of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderDoc {
    pub id: ArticleId,
    pub width: u16,
    pub show_hidden: bool,
    pub title: String,
    /// `feed · author · date`.
    pub meta: String,
    pub link: Option<String>,
    pub body: RichText,
    /// `2 promo, 1 related`, empty when nothing was removed.
    pub hidden: String,
    /// Why the full article could not be fetched, when it could not.
    pub full_error: Option<String>,
    pub tags: Vec<String>,
    /// One line per enclosure, and the thumbnail when the body has no
    /// image (see `render::media`).
    pub enclosures: Vec<String>,
    /// The downloads' URLs (images left out), numbered as the enclosure
    /// lines number them: what the enclosure keys open or copy.
    pub enclosure_urls: Vec<String>,
}

/// Renders `article` (already cleaned into `cleaned`) at `width`.
pub fn build(article: &Article, cleaned: &Cleaned, width: u16, show_hidden: bool) -> ReaderDoc {
    let mut parts_html: Vec<(String, bool)> = Vec::new();
    let mut removed = cleaned.removed.iter().peekable();
    let mut position = 0;
    let mut kept = cleaned.blocks.iter();
    // Kept and removed blocks share one numbering of positions: walk both
    // in order so hidden blocks land where they stood.
    loop {
        if let Some(r) = removed.peek()
            && r.position == position
        {
            if show_hidden {
                parts_html.push((hidden_html(r), true));
            }
            removed.next();
            position += 1;
            continue;
        }
        let Some(block) = kept.next() else {
            // Removed blocks after the last kept one.
            if show_hidden {
                for r in removed.by_ref() {
                    parts_html.push((hidden_html(r), true));
                }
            }
            break;
        };
        // The headline is in the header already.
        if block.role != crate::clean::Role::Title {
            let html = if block.role == crate::clean::Role::Item {
                format!("<ul>{}</ul>", block.to_html())
            } else {
                block.to_html()
            };
            parts_html.push((html, false));
        }
        position += 1;
    }
    let parts: Vec<Part> = parts_html
        .iter()
        .map(|(html, hidden)| Part {
            html,
            hidden: *hidden,
        })
        .collect();
    let body = render_parts(&parts, usize::from(width));
    // The feed's own date, even one sift does not sort by (year 9999).
    let shown = article
        .published
        .or(article.updated)
        .unwrap_or(article.date);
    let date = crate::when::display_date_time(shown);
    let meta = [
        Some(article.feed_title.as_str()),
        article.author.as_deref(),
        Some(date.as_str()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .map(crate::text::sanitize_line)
    .collect::<Vec<_>>()
    .join(" · ");
    ReaderDoc {
        id: article.id,
        width,
        show_hidden,
        title: crate::text::sanitize_line(&article.title),
        meta,
        link: article.link.as_deref().map(crate::text::sanitize_url),
        body,
        hidden: cleaned.hidden_summary(),
        full_error: article
            .full_error
            .as_deref()
            .map(crate::text::sanitize_line),
        tags: article
            .tags
            .iter()
            .map(|t| crate::text::sanitize_line(t))
            .collect(),
        enclosures: crate::render::media::enclosure_lines(article),
        enclosure_urls: crate::render::media::downloads(&article.enclosures)
            .map(|e| crate::text::sanitize_url(&e.url))
            .collect(),
    }
}

/// A removed block as the reader shows it: labelled with kind and rule.
fn hidden_html(r: &crate::clean::RemovedBlock) -> String {
    format!(
        "<p>[{} · {}] {}</p>",
        r.kind.as_str(),
        escape_html(&r.rule),
        escape_html(&r.text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{RuleSet, clean_fragment};

    fn article(content: &str) -> Article {
        Article {
            enclosures: Vec::new(),
            id: 7,
            feed_id: 1,
            feed_title: "World \u{1b}[31mNews".into(),
            guid: "g".into(),
            link: Some("https://example.test/a".into()),
            title: "Talks \u{202e}resume".into(),
            author: Some("A. Writer".into()),
            published: Some(0),
            updated: None,
            first_seen: 0,
            date: 1_700_000_000,
            summary: None,
            content: Some(content.into()),
            read: false,
            starred: false,
            tags: vec![],
            noise_kind: None,
            noise_rule: None,
            full_html: None,
            full_error: None,
        }
    }

    #[test]
    fn hidden_blocks_show_in_place_only_on_request() {
        let html = "<p>First paragraph of the story, long enough to be prose here.</p>\
             <p>Sign up for our free newsletter</p>\
             <p>Second paragraph with <a href=\"https://example.test/r\">a link</a> in it today.</p>";
        let a = article(html);
        let cleaned = clean_fragment(html, a.link.as_deref(), &RuleSet::builtin());
        let doc = build(&a, &cleaned, 60, false);
        let plain = doc.body.to_plain();
        assert!(!plain.contains("Sign up"), "{plain}");
        assert!(plain.contains("a link [1]"), "{plain}");
        assert_eq!(doc.body.links, vec!["https://example.test/r"]);
        assert_eq!(doc.hidden, "1 promo");
        let shown = build(&a, &cleaned, 60, true);
        let lines: Vec<String> = shown
            .body
            .lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect();
        let at = lines.iter().position(|l| l.contains("Sign up")).unwrap();
        assert!(lines[at].starts_with("[promo · signup-call]"), "{lines:?}");
        assert!(shown.body.lines[at].iter().all(|s| s.marks.hidden));
        let first = lines.iter().position(|l| l.starts_with("First")).unwrap();
        let second = lines.iter().position(|l| l.starts_with("Second")).unwrap();
        assert!(first < at && at < second, "{lines:?}");
    }

    #[test]
    fn header_strings_are_sanitised() {
        let a = article("<p>Body</p>");
        let cleaned = clean_fragment("<p>Body</p>", None, &RuleSet::builtin());
        let doc = build(&a, &cleaned, 40, false);
        assert!(!doc.title.contains('\u{202e}'));
        assert!(!doc.meta.contains('\u{1b}'));
        assert!(doc.meta.starts_with("World "));
    }
}
