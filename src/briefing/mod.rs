//! The briefing export: the starred articles (narrowed by a time and a
//! filter-bar query), grouped by topic, then by story, each story with its
//! title, sources, date, links and a lead of two or three sentences from
//! the cleaned text; written as Markdown, JSON or a standalone HTML page.
//!
//! `build` reads the store and makes a `Briefing` (plain data, every text
//! sanitised, every link http(s)); `write` renders one. The CLI's
//! `sift export --starred` and the interface's key both call these.
//!
//! Grouping rules:
//! - an article belongs to a topic when its stored score is at least
//!   `topics::MEMBER_SCORE`; its primary topic is its best-scoring member
//!   topic (ties by name). A story's topic is its lead article's primary
//!   topic, else the first selected member's that has one, else "Other".
//! - topics are ordered by number of stories (most first), then by name;
//!   "Other" comes last. Stories in a topic: newest first.
//! - a story appears once, however many of its members are selected. Its
//!   lead article (title, date, lead text) is its oldest selected member.
//!   Its sources are every member of the story, selected or not (they tell
//!   who else reported it), except unselected members the cleaner judged
//!   to be noise; the lead article comes first, then the others by date.
//! - with `starred_only`, starred articles are included even when the
//!   cleaner judged them noise: starring them was the user's choice.

mod build;
mod html;
mod json;
pub mod lead;
mod markdown;
pub mod sentences;

#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod tests;

use std::io::Write;

use serde::Serialize;

pub use build::{build, build_with_rules};

use crate::model::{ArticleId, Timestamp};

/// The heading of the articles that belong to no topic.
pub const OTHER_LABEL: &str = "Other";

/// What to brief.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BriefingOptions {
    /// Only starred articles (the CLI always sets it).
    pub starred_only: bool,
    /// Only articles dated (sort date) at or after this time.
    pub since: Option<Timestamp>,
    /// A filter-bar query (`topic:`, words, `feed:`...), parsed with `now`.
    pub query: Option<String>,
    /// When the briefing is made: relative times in the query count back
    /// from it, and the briefing says it.
    pub now: Timestamp,
}

/// Why a briefing could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BriefingError {
    /// The query did not parse; the error has the span to show.
    #[error("bad query: {}", .0.message)]
    Query(crate::query::QueryError),
    #[error("cache: {0}")]
    Store(#[from] crate::store::StoreError),
}

/// A briefing: sections by topic, each with its stories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    pub generated_at: Timestamp,
    pub starred_only: bool,
    pub since: Option<Timestamp>,
    pub query: Option<String>,
    /// How many articles were selected (before stories merged them).
    pub article_count: usize,
    pub topics: Vec<TopicSection>,
}

impl Briefing {
    pub fn story_count(&self) -> usize {
        self.topics.iter().map(|t| t.stories.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// What an empty briefing says instead of stories.
    pub fn empty_message(&self) -> &'static str {
        match (
            self.starred_only,
            self.since.is_some() || self.query.is_some(),
        ) {
            (true, false) => {
                "Nothing is starred. Star articles (`sift mark ID --star`, or in the list) to brief them."
            }
            (true, true) => "No starred article matches.",
            (false, _) => "No article matches.",
        }
    }
}

/// One topic's stories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSection {
    /// The topic's name; None for "Other".
    pub topic: Option<String>,
    /// What to show as its heading (`topic_label`).
    pub label: String,
    pub stories: Vec<StoryEntry>,
}

/// One story: what its lead article says, and who reported it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEntry {
    /// The story's id (its first article's id).
    pub story_id: ArticleId,
    /// The lead article's title.
    pub title: String,
    /// The lead article's link (http or https only).
    pub link: Option<String>,
    /// The lead article's date.
    pub date: Timestamp,
    /// Two or three sentences from the lead article's cleaned text; may be
    /// empty when the article has no text.
    pub lead: String,
    /// The lead article first, then the story's other articles by date.
    pub sources: Vec<Source>,
}

/// One article of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub article_id: ArticleId,
    /// The feed's title.
    pub feed: String,
    pub title: String,
    /// http or https only.
    pub link: Option<String>,
    pub date: Timestamp,
    pub starred: bool,
    /// Whether the options selected it (not only listed as a source).
    pub selected: bool,
}

/// The heading shown for a topic. Until topic labels come from
/// `assets/topics.toml`, the topic's own name.
pub fn topic_label(topic: &str) -> String {
    topic.to_owned()
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

impl Format {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// A file name for a briefing made at `now`: `briefing-2026-11-28-1405.md`.
pub fn file_name(now: Timestamp, format: Format) -> String {
    let stamp = chrono::DateTime::from_timestamp(now, 0)
        .map(|d| d.format("%Y-%m-%d-%H%M").to_string())
        .unwrap_or_else(|| now.to_string());
    format!("briefing-{stamp}.{}", format.extension())
}

/// Writes `briefing` as `format`.
pub fn write(briefing: &Briefing, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Markdown => markdown::write(briefing, out),
        Format::Json => json::write(briefing, out),
        Format::Html => html::write(briefing, out),
    }
}

/// `link` normalised when it is an absolute http(s) URL; None otherwise
/// (`javascript:`, `file:`, relative, unparsable).
pub fn web_link(link: &str) -> Option<String> {
    let url = url::Url::parse(link.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// A time as `2026-11-28 14:05 UTC`.
pub fn display_time(at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| at.to_string())
}

/// A time as RFC 3339 (`2026-11-28T14:05:00Z`).
pub fn iso_time(at: Timestamp) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| at.to_string())
}
