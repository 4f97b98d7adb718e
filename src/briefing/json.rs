//! The briefing as JSON. The field names are a contract for scripts:
//!
//! ```text
//! {
//!   "format": "sift-briefing", "version": 1,
//!   "generated_at": 1795874400, "generated_at_iso": "2026-11-28T14:00:00Z",
//!   "starred_only": true, "since": null | unix seconds, "since_iso": null | "…",
//!   "query": null | "the filter-bar query",
//!   "article_count": 4, "story_count": 3,
//!   "empty_message": null | "No starred article matches.",
//!   "topics": [{
//!     "topic": "foreign-policy" | null (Other), "label": "foreign-policy",
//!     "stories": [{
//!       "story_id": 12, "title": "…", "link": "https://…" | null,
//!       "date": 1795860000, "date_iso": "…", "lead": "…",
//!       "sources": [{ "article_id": 12, "feed": "…", "title": "…",
//!                     "link": "https://…" | null, "date": …, "date_iso": "…",
//!                     "starred": true, "selected": true }]
//!     }]
//!   }]
//! }
//! ```
//!
//! Times are Unix seconds, each with an RFC 3339 `_iso` twin in UTC.

use std::io::Write;

use serde::Serialize;

use super::{Briefing, Source, StoryEntry, TopicSection, iso_time, web_link};
use crate::model::{ArticleId, Timestamp};

/// Bumped when a field changes meaning or goes away (adding one does not).
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct BriefingJson {
    format: &'static str,
    version: u32,
    generated_at: Timestamp,
    generated_at_iso: String,
    starred_only: bool,
    since: Option<Timestamp>,
    since_iso: Option<String>,
    query: Option<String>,
    article_count: usize,
    story_count: usize,
    empty_message: Option<&'static str>,
    topics: Vec<TopicJson>,
}

#[derive(Serialize)]
struct TopicJson {
    topic: Option<String>,
    label: String,
    stories: Vec<StoryJson>,
}

#[derive(Serialize)]
struct StoryJson {
    story_id: ArticleId,
    title: String,
    link: Option<String>,
    date: Timestamp,
    date_iso: String,
    lead: String,
    sources: Vec<SourceJson>,
}

#[derive(Serialize)]
struct SourceJson {
    article_id: ArticleId,
    feed: String,
    title: String,
    link: Option<String>,
    date: Timestamp,
    date_iso: String,
    starred: bool,
    selected: bool,
}

pub fn write(briefing: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    let json = BriefingJson {
        format: "sift-briefing",
        version: JSON_VERSION,
        generated_at: briefing.generated_at,
        generated_at_iso: iso_time(briefing.generated_at),
        starred_only: briefing.starred_only,
        since: briefing.since,
        since_iso: briefing.since.map(iso_time),
        query: briefing.query.as_deref().map(clean),
        article_count: briefing.article_count,
        story_count: briefing.story_count(),
        empty_message: briefing.is_empty().then(|| briefing.empty_message()),
        topics: briefing.topics.iter().map(topic).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// Text as every writer shows it: sanitised, on one line.
fn clean(text: &str) -> String {
    crate::text::sanitize_line(text)
}

fn topic(section: &TopicSection) -> TopicJson {
    TopicJson {
        topic: section.topic.as_deref().map(clean),
        label: clean(&section.label),
        stories: section.stories.iter().map(story).collect(),
    }
}

fn story(entry: &StoryEntry) -> StoryJson {
    StoryJson {
        story_id: entry.story_id,
        title: clean(&entry.title),
        link: entry.link.as_deref().and_then(web_link),
        date: entry.date,
        date_iso: iso_time(entry.date),
        lead: clean(&entry.lead),
        sources: entry.sources.iter().map(source).collect(),
    }
}

fn source(s: &Source) -> SourceJson {
    SourceJson {
        article_id: s.article_id,
        feed: clean(&s.feed),
        title: clean(&s.title),
        link: s.link.as_deref().and_then(web_link),
        date: s.date,
        date_iso: iso_time(s.date),
        starred: s.starred,
        selected: s.selected,
    }
}
