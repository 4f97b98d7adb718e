//! A second opinion on which blocks are the article: dom_smoothie, a port
//! of Mozilla's Readability, run on a copy of the parsed page. Its choice
//! is read back as the texts of the blocks it kept, so sift's own walk,
//! rules and receipts still decide everything else.

use std::collections::HashMap;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::Role;
use super::dom::collapse;
use super::walk::{WalkPlan, Walked, walk};

/// Pages with more elements than this are left to sift's own finder:
/// Readability's cost grows faster than the page.
const MAX_ELEMENTS: usize = 30_000;

/// Characters below which a kept block is only matched whole, never as
/// part of a longer text ("Share", "Advertisement").
const MIN_PART_CHARS: usize = 20;

/// Words at the start of a paragraph that Readability may have taken
/// out as a dateline or byline, and the characters the paragraph needs
/// for the rest to be matched without them.
const MAX_OPENER_WORDS: usize = 4;
const MIN_OPENED_CHARS: usize = 100;

/// Characters below which Readability's choice is not trusted.
const MIN_TRUSTED_CHARS: usize = 140;

/// The texts of the blocks Readability kept.
pub struct Kept {
    whole: HashMap<String, u32>,
    joined: String,
    chars: usize,
}

impl Kept {
    /// Whether a block with this text is part of what was kept.
    pub fn holds(&self, text: &str) -> bool {
        let text = collapse(text);
        if self.whole.contains_key(&text) {
            return true;
        }
        let chars = text.chars().count();
        if chars < MIN_PART_CHARS {
            return false;
        }
        if self.joined.contains(&text) {
            return true;
        }
        // Readability takes a dateline or a byline out of the paragraph
        // it opens ("CAIRO — Egyptian authorities said…"): what it kept
        // is the rest.
        chars >= MIN_OPENED_CHARS
            && text
                .match_indices(' ')
                .take(MAX_OPENER_WORDS)
                .any(|(at, _)| self.joined.contains(&text[at + 1..]))
    }

    /// Whether enough text was kept to trust the choice.
    pub fn is_enough(&self) -> bool {
        self.chars >= MIN_TRUSTED_CHARS
    }
}

/// What Readability keeps of `doc`, or `None` when it finds no article.
pub fn kept(doc: &Document, url: Option<&str>) -> Option<Kept> {
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // Checked here, so a bad link never costs a second copy of the page.
    let url = url.filter(|u| {
        (u.starts_with("http://") || u.starts_with("https://")) && url::Url::parse(u).is_ok()
    });
    // Without its images: they would move Readability's choice away from
    // the text (sift places image blocks by their neighbours).
    let copy = doc.clone();
    copy.select("img").remove();
    let mut readability = Readability::with_document(copy, url, Some(config)).ok()?;
    readability.parse().ok()?;
    let root = readability.doc.select("#readability-page-1");
    let root = root.nodes().first()?;
    let region = Default::default();
    let plan = WalkPlan {
        region: &region,
        headline: None,
        removals: &[],
        base: None,
    };
    let mut whole: HashMap<String, u32> = HashMap::new();
    let mut joined = String::new();
    for w in walk(root, &plan) {
        let text = collapse(&w.piece.block.text);
        joined.push_str(&text);
        joined.push('\n');
        *whole.entry(text).or_default() += 1;
    }
    let chars = joined.chars().count();
    Some(Kept {
        whole,
        joined,
        chars,
    })
}

/// Readability's choice becomes the walked blocks' `inside` flags. A
/// removal marker's text is what a rule took out (possibly cut short): it
/// counts where either finder placed it.
pub fn adopt(kept: &Kept, walked: &mut [Walked]) {
    let sift_inside: Vec<bool> = walked.iter().map(|w| w.inside).collect();
    for w in walked.iter_mut() {
        let text = w.piece.block.text.trim_end_matches('…');
        w.inside = kept.holds(text) || (w.piece.preset.is_some() && w.inside);
    }
    place_images(walked);
    fill_gaps(walked, &sift_inside);
    drop_above_headline(walked, &sift_inside);
}

/// Blocks above the headline that only Readability chose, where sift's
/// own region begins at or below the headline, are not the article: a column
/// beside it that Readability took in as a sibling (a list of notices,
/// a sidebar of short paragraphs). A page whose headline sift placed
/// after its region's start is left as Readability saw it.
fn drop_above_headline(walked: &mut [Walked], sift_inside: &[bool]) {
    let Some(headline) = walked.iter().position(|w| w.headline) else {
        return;
    };
    let Some(start) = sift_inside.iter().position(|&inside| inside) else {
        return;
    };
    if start < headline {
        return;
    }
    for (w, &sift) in walked[..headline].iter_mut().zip(sift_inside) {
        if !sift {
            w.inside = false;
        }
    }
}

/// An image Readability could not see (its copy has none) belongs to the
/// article when the blocks on both sides of it do.
fn place_images(walked: &mut [Walked]) {
    for i in 0..walked.len() {
        if walked[i].piece.block.role != Role::Image || walked[i].inside {
            continue;
        }
        let text_inside = |w: &Walked| w.piece.block.role != Role::Image && w.inside;
        let before = walked[..i]
            .iter()
            .rev()
            .find(|w| w.piece.block.role != Role::Image);
        let after = walked[i + 1..]
            .iter()
            .find(|w| w.piece.block.role != Role::Image);
        walked[i].inside = before.is_some_and(text_inside) && after.is_some_and(text_inside);
    }
}

/// Words of prose a page's article needs when only Readability found it.
const MIN_FALLBACK_WORDS: usize = 80;

/// Whether the blocks marked inside read as an article rather than a
/// page of teasers: enough words in paragraphs that are neither mostly
/// links nor the standfirst under a linked headline.
pub fn reads_as_article(walked: &[Walked]) -> bool {
    let mut words = 0;
    let mut after_link = false;
    for w in walked.iter().filter(|w| w.inside) {
        let piece = &w.piece;
        let linked = piece.link_density() >= 0.5;
        match piece.block.role {
            Role::Paragraph | Role::Quote | Role::Item if !linked && !after_link => {
                words += crate::text::word_count(&piece.block.text);
            }
            _ => {}
        }
        after_link = linked
            && matches!(
                piece.block.role,
                Role::Heading | Role::Title | Role::Paragraph
            );
    }
    words >= MIN_FALLBACK_WORDS
}

/// A heading Readability dropped between two blocks it kept, that sift's
/// own region holds too, is the article's (Readability drops headings
/// whose class names look like furniture).
fn fill_gaps(walked: &mut [Walked], sift_inside: &[bool]) {
    let mut last_inside: Option<usize> = None;
    for i in 0..walked.len() {
        if !walked[i].inside {
            continue;
        }
        if let Some(start) = last_inside
            && i == start + 2
            && sift_inside[start + 1]
            && walked[start + 1].piece.block.role == Role::Heading
        {
            for w in &mut walked[start + 1..i] {
                w.inside = true;
            }
        }
        last_inside = Some(i);
    }
}
