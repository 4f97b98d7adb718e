//! The ingest plan (core layer: pure, no store, no network): everything
//! sift decides about a feed item before it is stored. It is computed
//! where the feed is parsed, on the blocking pool, one parser per core, so
//! the writer thread only writes: the text converted once (and dropped
//! once topics and the full-text wish have read it), the noise
//! verdict, the topic scores, the story signature, the full-text wish and
//! the search index's
//! text, which is the cleaned text a reader sees (issue 13: search never
//! finds words that only a hidden related-stories list holds).

mod item_hash;

use std::collections::HashMap;

pub use item_hash::item_hash;

use crate::clean::{NoiseKind, RuleSet};
use crate::config::feeds::FullText;
use crate::model::{NewArticle, ParsedFeed};
use crate::story::signature::Signature;
use crate::text::{html_to_plain, is_web_link};
use crate::topics::{MAX_BODY_HTML_BYTES, Scorer};

/// In `auto` mode, an item whose body (content, else summary) has fewer
/// characters of text than this gets its page fetched.
pub const AUTO_MIN_TEXT_CHARS: usize = 400;

/// The start of an item's summary and content as text (markup gone,
/// entities decoded): what topics and the full-text decision read. Only
/// the first `MAX_BODY_HTML_BYTES` of each are converted, as topics do
/// when they rescore; both read less than that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemText {
    pub summary: Option<String>,
    pub content: Option<String>,
}

impl ItemText {
    pub fn of(item: &NewArticle) -> ItemText {
        ItemText {
            summary: item.summary.as_deref().map(lead_text),
            content: item.content.as_deref().map(lead_text),
        }
    }
}

/// The text of the start of `html`.
fn lead_text(html: &str) -> String {
    html_to_plain(&html[..html.floor_char_boundary(MAX_BODY_HTML_BYTES)])
}

/// Whether `text` (the lead of `html`) is shorter than
/// `AUTO_MIN_TEXT_CHARS`: when the lead is short and was cut, the whole
/// body is read.
fn is_short(text: &str, html: &str) -> bool {
    let short = |t: &str| t.chars().take(AUTO_MIN_TEXT_CHARS).count() < AUTO_MIN_TEXT_CHARS;
    short(text) && (html.len() <= MAX_BODY_HTML_BYTES || short(&html_to_plain(html)))
}

/// What the search index holds for an article besides its title: the
/// kept blocks of its summary, and of its body (the page's full text when
/// there is one, else the feed's content). Removed blocks never.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexText {
    /// One line: `/regex/` reads it beside the title.
    pub summary: Option<String>,
    pub body: Option<String>,
}

/// An item-level noise verdict: its kind and the rule's name.
pub type Verdict = Option<(NoiseKind, String)>;

/// Everything decided about one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPlan {
    pub index: IndexText,
    pub verdict: Verdict,
    /// Topic names with their scores (above zero), for the article.
    pub topics: Vec<(String, f64)>,
    /// Whether its page should be fetched for the full text.
    pub wants_full_text: bool,
    /// Its story signature (title and summary); None for noise, which
    /// stays out of stories, and for too few words to cluster.
    pub signature: Option<Signature>,
}

/// What a plan is made with: the settings of the poll and of the feed.
#[derive(Clone, Copy)]
pub struct PlanSettings<'a> {
    pub rules: &'a RuleSet,
    pub topics: &'a Scorer,
    pub full_text: FullText,
}

/// The items a feed's cache holds: guid to `item_hash`.
pub type KnownItems = HashMap<String, i64>;

/// One plan per item of `parsed`, in order; None for an item the cache
/// holds unchanged (`known`), which the store skips: a poll that brings
/// a few new items plans only those.
pub fn plan_feed(
    parsed: &ParsedFeed,
    settings: PlanSettings<'_>,
    known: Option<&KnownItems>,
) -> Vec<Option<ItemPlan>> {
    parsed
        .items
        .iter()
        .map(|item| {
            let unchanged = known
                .and_then(|k| k.get(&item.guid))
                .is_some_and(|&hash| hash == item_hash(item));
            (!unchanged).then(|| plan_item(item, settings))
        })
        .collect()
}

/// The plan of one item.
pub fn plan_item(item: &NewArticle, settings: PlanSettings<'_>) -> ItemPlan {
    let text = ItemText::of(item);
    let verdict = crate::clean::judge_item(
        &crate::clean::ItemToJudge {
            title: &item.title,
            link: item.link.as_deref(),
            summary: item.summary.as_deref(),
        },
        settings.rules,
    );
    let body = crate::topics::body_of_text(text.summary.as_deref(), text.content.as_deref());
    let topics = settings
        .topics
        .score(&item.title, &body)
        .into_iter()
        .map(|(name, score)| (name.to_owned(), score))
        .collect();
    let wants_full_text = verdict.is_none() && wants_full_text(settings.full_text, item, &text);
    let signature = verdict
        .is_none()
        .then(|| Signature::of(&item.title, item.summary.as_deref()))
        .flatten();
    let index = index_text(
        item.summary.as_deref(),
        item.content.as_deref(),
        None,
        item.link.as_deref(),
        settings.rules,
    );
    ItemPlan {
        index,
        verdict,
        topics,
        wants_full_text,
        signature,
    }
}

/// The index text of an article from its stored fields: the body is the
/// full text when there is one, else the content (a blank one does not
/// count); the summary is indexed on its own unless it is the body.
pub fn index_text(
    summary: Option<&str>,
    content: Option<&str>,
    full: Option<&str>,
    link: Option<&str>,
    rules: &RuleSet,
) -> IndexText {
    let content = content.filter(|c| !c.trim().is_empty());
    let body = full.filter(|f| !f.trim().is_empty()).or(content);
    IndexText {
        summary: summary.and_then(|s| cleaned_text(s, link, rules, " ")),
        body: body.and_then(|b| cleaned_text(b, link, rules, "\n")),
    }
}

/// The kept blocks' text (an image by its caption), joined by `sep`;
/// None when nothing is kept.
fn cleaned_text(body: &str, link: Option<&str>, rules: &RuleSet, sep: &str) -> Option<String> {
    let cleaned = crate::clean::clean_body(body, link, rules);
    let room = cleaned
        .blocks
        .iter()
        .map(|b| b.inner_text().len() + sep.len());
    let mut text = String::with_capacity(room.sum());
    for block in &cleaned.blocks {
        let words = block.inner_text().trim();
        if words.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str(sep);
        }
        text.push_str(words);
    }
    (!text.is_empty()).then_some(text)
}

/// Whether `item` should get its page fetched under `mode`: never without
/// an http(s) link; always under `Always`; under `Auto` when its body is
/// missing or shorter than `AUTO_MIN_TEXT_CHARS` characters of text.
pub fn wants_full_text(mode: FullText, item: &NewArticle, text: &ItemText) -> bool {
    if !item.link.as_deref().is_some_and(is_web_link) {
        return false;
    }
    match mode {
        FullText::Never => false,
        FullText::Always => true,
        FullText::Auto => {
            // The body: the content unless it is blank, else the summary.
            let content = item.content.as_deref().filter(|c| !c.trim().is_empty());
            let (text, html) = match content {
                Some(html) => (&text.content, html),
                None => (&text.summary, item.summary.as_deref().unwrap_or("")),
            };
            text.as_deref().is_none_or(|t| is_short(t, html))
        }
    }
}

#[cfg(test)]
mod tests;
