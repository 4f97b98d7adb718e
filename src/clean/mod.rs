//! The cleaner: what a reader sees is the article and nothing else, and
//! what was hidden can be shown on request. Pure and synchronous.
//!
//! One engine for every input: plain text (a line is a block, as in
//! `samples/theweek-article.txt`, see `plain`), HTML fragments from feeds
//! and whole pages (`html`: parse, CSS selector rules, the article's
//! region, blocks). Every block then goes through the same `judge`: rules
//! from `assets/rules/` and structural heuristics. Whole feed items are
//! judged by `item`.

mod body;
mod card_boxes;
mod card_runs;
mod case_fold;
mod char_refs;
mod comments;
#[cfg(test)]
mod content_tests;
mod credits;
mod data_tables;
mod document;
mod dom;
mod fingerprint;
#[cfg(test)]
mod german_page_tests;
mod glued_lists;
mod header;
mod html;
mod item;
mod item_rule;
mod judge;
mod kicker_lists;
#[cfg(test)]
mod lead_tests;
mod linked_cards;
mod links;
#[cfg(test)]
mod locale_tests;
#[cfg(test)]
mod marking_tests;
pub mod nesting;
mod orphans;
mod pattern;
mod pattern_plan;
mod paywall;
mod phrase_scan;
mod phrases;
mod plain;
mod quick_parse;
mod readable;
mod reader;
mod region;
#[cfg(test)]
mod region_tests;
mod repeats;
pub mod rules;
mod selector_gate;
mod sentence_end;
mod slides;
mod walk;

use serde::{Deserialize, Serialize};

pub use body::{clean_body, has_tags};
pub use document::{ReadDocument, clean_document, looks_like_html};
pub use html::{Extracted, ReadPage, clean_fragment, clean_page, extract_main};
pub use item::{ItemToJudge, judge_item};
pub use plain::clean_text;
pub use rules::{RuleError, RuleSet};

/// Why a block was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoiseKind {
    Promo,
    Related,
    Share,
    Nav,
    Ad,
    Credit,
    Duplicate,
    /// Crosswords, quizzes and other games (whole items).
    Puzzle,
    Other,
}

impl NoiseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoiseKind::Promo => "promo",
            NoiseKind::Related => "related",
            NoiseKind::Share => "share",
            NoiseKind::Nav => "nav",
            NoiseKind::Ad => "ad",
            NoiseKind::Credit => "credit",
            NoiseKind::Duplicate => "duplicate",
            NoiseKind::Puzzle => "puzzle",
            NoiseKind::Other => "other",
        }
    }
}

/// A block the cleaner took out, with where it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedBlock {
    pub kind: NoiseKind,
    /// The rule (or heuristic) that removed it.
    pub rule: String,
    pub text: String,
    /// Its index among all blocks of the input, to show it in place.
    pub position: usize,
}

/// What a kept block is, for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The headline.
    Title,
    Heading,
    Paragraph,
    Quote,
    /// A list item.
    Item,
    /// Preformatted text, kept as it is.
    Code,
    /// A table caption.
    Caption,
    /// An image: `[image: caption or alt text]`, its link in the HTML.
    Image,
}

/// One kept block of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub role: Role,
    /// Plain text, whitespace collapsed (kept as it is for `Code`).
    pub text: String,
    /// The same as inline HTML: only `a` (http/https/mailto), `b`,
    /// `strong`, `i`, `em`, `code`, `sup`, `sub` and `br`, with text
    /// escaped; safe to hand to html2text.
    pub html: String,
}

impl Block {
    /// A block from plain text.
    pub fn plain(role: Role, text: &str) -> Block {
        Block {
            role,
            text: text.to_owned(),
            html: escape_html(text),
        }
    }

    /// The block as a stand-alone HTML element.
    pub fn to_html(&self) -> String {
        let tag = match self.role {
            Role::Title => "h1",
            Role::Heading => "h2",
            Role::Paragraph | Role::Caption => "p",
            Role::Quote => "blockquote",
            Role::Item => "li",
            Role::Code => "pre",
            Role::Image => {
                return format!("<figure><figcaption>{}</figcaption></figure>", self.html);
            }
        };
        format!("<{tag}>{}</{tag}>", self.html)
    }
}

/// The marker an image block's text is wrapped in.
pub const IMAGE_OPEN: &str = "[image: ";

impl Block {
    /// The caption or alt text of an image block; the text itself for
    /// any other block.
    pub fn inner_text(&self) -> &str {
        if self.role != Role::Image {
            return &self.text;
        }
        self.text
            .strip_prefix(IMAGE_OPEN)
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(&self.text)
    }
}

/// `text` with `&`, `<`, `>` and `"` escaped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped_html(&mut out, text);
    out
}

/// Appends `text` to `out` with `&`, `<`, `>` and `"` escaped.
pub fn push_escaped_html(out: &mut String, text: &str) {
    // Every text node of every body passes here and few hold any of the
    // four: they are found by memchr, the runs between them copied whole
    // (the four are ASCII, so a run never splits a character).
    let bytes = text.as_bytes();
    let find_markup =
        |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
    let find_quote = |from: usize| memchr::memchr(b'"', &bytes[from..]).map(|i| from + i);
    let (mut markup, mut quote) = (find_markup(0), find_quote(0));
    let mut from = 0;
    while let Some(at) = match (markup, quote) {
        (Some(m), Some(q)) => Some(m.min(q)),
        (m, q) => m.or(q),
    } {
        out.push_str(&text[from..at]);
        out.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        from = at + 1;
        if markup == Some(at) {
            markup = find_markup(from);
        } else {
            quote = find_quote(from);
        }
    }
    out.push_str(&text[from..]);
}

/// The article's blocks, and what was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    /// The headline, when the input named one (it is also the first block).
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub removed: Vec<RemovedBlock>,
}

#[cfg(test)]
impl Cleaned {
    /// The kind and rule that removed the block whose text is `text`.
    pub(crate) fn removal(&self, text: &str) -> Option<(NoiseKind, &str)> {
        self.removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| (r.kind, r.rule.as_str()))
    }
}

impl Cleaned {
    /// `2 promo, 1 related`: counts by kind, most first; empty when nothing
    /// was removed.
    pub fn hidden_summary(&self) -> String {
        let mut counts: Vec<(NoiseKind, usize)> = Vec::new();
        for r in &self.removed {
            match counts.iter_mut().find(|(k, _)| *k == r.kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.kind, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
            .iter()
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The kept text, blocks separated by blank lines.
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        texts.join("\n\n")
    }

    /// The kept blocks as one HTML document (for html2text).
    pub fn to_html(&self) -> String {
        let mut html = String::new();
        let mut in_list = false;
        for block in &self.blocks {
            let item = block.role == Role::Item;
            if item != in_list {
                html.push_str(if item { "<ul>" } else { "</ul>" });
                in_list = item;
            }
            html.push_str(&block.to_html());
        }
        if in_list {
            html.push_str("</ul>");
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escape_html_escapes_the_four_and_keeps_every_other_character() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain"), "plain");
        assert_eq!(
            escape_html(r#"<a href="x">Smith & Sons</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Smith &amp; Sons&lt;/a&gt;"
        );
        assert_eq!(escape_html("Zürich&北京\"é<"), "Zürich&amp;北京&quot;é&lt;");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html("\"\"<\"&"), "&quot;&quot;&lt;&quot;&amp;");
    }

    proptest::proptest! {
        /// The memchr scan escapes exactly what a character loop does.
        #[test]
        fn escape_html_is_the_character_by_character_escape(text in "[a-z&<>\"é北 ]{0,40}") {
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape_html(&text), expected);
        }
    }
}
