//! HTML through the cleaner. A whole page: find the article, then judge
//! its blocks. A fragment (a feed's content, a stored article): judge
//! every block. Both apply the CSS selector rules first.

use std::collections::HashSet;

use super::dom::{self, Removal};
use super::judge::{Piece, judge};
use super::region::{self, Region};
use super::rules::RuleSet;
use super::walk::{WalkPlan, Walked, kind_from_name, walk};
use super::{Cleaned, Role, escape_html};

/// How many blocks between the headline and the article body are kept
/// (standfirst, byline, lead image); past that the "headline" was page
/// furniture.
const MAX_HEADER_BLOCKS: usize = 12;

/// An article found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The headline, when the page names one.
    pub title: Option<String>,
    /// The article as an HTML fragment: its blocks, and markers where
    /// rules removed elements (`<aside data-sift-kind=…>`), so cleaning it
    /// again later still shows them in place.
    pub html: String,
}

/// Cleans a whole web page: the article's blocks and what was removed
/// from it. Empty when the page has no article.
pub fn clean_page(html: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    match page_pieces(html, url, rules) {
        Some(pieces) => judge(pieces, url, rules),
        None => Cleaned::default(),
    }
}

/// The article in a whole page, as HTML to store and clean later, or
/// `None` when there is none. `url` resolves links and picks site rules.
pub fn extract_main(page: &str, url: Option<&str>, rules: &RuleSet) -> Option<Extracted> {
    let pieces = page_pieces(page, url, rules)?;
    let title = pieces
        .iter()
        .find(|p| p.block.role == Role::Title)
        .map(|p| p.block.text.clone());
    let mut html = String::new();
    for piece in &pieces {
        match &piece.preset {
            Some((kind, rule)) => html.push_str(&format!(
                "<aside data-sift-kind=\"{}\" data-sift-rule=\"{}\">{}</aside>",
                kind.as_str(),
                escape_html(rule),
                escape_html(&piece.block.text)
            )),
            None => html.push_str(&piece.block.to_html()),
        }
        html.push('\n');
    }
    Some(Extracted { title, html })
}

/// Cleans an HTML fragment: every block counts.
pub fn clean_fragment(html: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    let doc = dom::parse(html);
    dom::strip_junk(&doc);
    let mut removals = stored_markers(&doc);
    dom::apply_selectors(&doc, rules, host_of(url).as_deref(), &mut removals);
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let region = HashSet::new();
    let plan = WalkPlan {
        region: &region,
        headline: None,
        removals: &removals,
        base: base.as_ref(),
    };
    let pieces = walk(&doc.root(), &plan)
        .into_iter()
        .map(|w| w.piece)
        .collect();
    judge(pieces, url, rules)
}

/// Markers left by `extract_main` become removals again.
fn stored_markers(doc: &dom_query::Document) -> Vec<Removal> {
    let mut removals = Vec::new();
    for node in doc.select("aside[data-sift-kind]").nodes() {
        let kind = node.attr("data-sift-kind").and_then(|k| kind_from_name(&k));
        let Some(kind) = kind else { continue };
        let rule: String = node
            .attr("data-sift-rule")
            .map(|r| {
                r.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .take(60)
                    .collect()
            })
            .unwrap_or_default();
        let text = dom::collapse(&node.text());
        dom::mark_removed(node, &mut removals, kind, &rule, text);
    }
    removals
}

fn host_of(url: Option<&str>) -> Option<String> {
    url.and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
}

/// The article's pieces from a whole page: the headline, the blocks
/// between it and the body (standfirst), and the body.
fn page_pieces(html: &str, url: Option<&str>, rules: &RuleSet) -> Option<Vec<Piece>> {
    let doc = dom::parse(html);
    dom::strip_junk(&doc);
    let mut removals = Vec::new();
    dom::apply_selectors(&doc, rules, host_of(url).as_deref(), &mut removals);
    let region: Region = region::find(&doc)?;
    let base = url
        .and_then(|u| url::Url::parse(u).ok())
        .or_else(|| canonical(&doc));
    let plan = WalkPlan {
        region: &region.nodes,
        headline: region.headline,
        removals: &removals,
        base: base.as_ref(),
    };
    let walked: Vec<Walked> = walk(&doc.root(), &plan);
    let first_inside = walked.iter().position(|w| w.inside)?;
    let headline = walked[..first_inside]
        .iter()
        .rposition(|w| w.headline)
        .map(|h| h.max(first_inside.saturating_sub(MAX_HEADER_BLOCKS + 1)));
    let start = headline.unwrap_or(first_inside);
    let mut pieces: Vec<Piece> = walked
        .into_iter()
        .enumerate()
        .filter(|(i, w)| *i >= start && (w.inside || *i < first_inside))
        .map(|(_, w)| w.piece)
        .collect();
    let has_title = pieces.iter().any(|p| p.block.role == Role::Title);
    if !has_title && let Some(title) = region.meta_title {
        pieces.insert(0, Piece::plain(Role::Title, &title));
    }
    Some(pieces)
}

/// The page's canonical address, to resolve its links when no URL was
/// given.
fn canonical(doc: &dom_query::Document) -> Option<url::Url> {
    let href = doc.select("link[rel='canonical']").attr("href")?;
    url::Url::parse(href.trim()).ok()
}
