//! Plain data shared by every layer: what a feed parse yields, and what the
//! store hands back. No behaviour beyond small conveniences.

use serde::Serialize;

/// Row id of a feed in the store.
pub type FeedId = i64;
/// Row id of an article in the store.
pub type ArticleId = i64;

/// Seconds since the Unix epoch, UTC. Every stored time uses it.
pub type Timestamp = i64;

/// How far ahead of the poll a feed's date may be and still order and age
/// its item: clocks and time zones drift; year 9999 is a typo or a trick.
pub const FUTURE_SLACK_SECS: Timestamp = 86_400;

/// The feed's own date for an item (published, else updated) when it can
/// sort the item and age it out: not before 1970 and not more than a day
/// ahead of `now`. None means "use when sift first saw it"; the feed's
/// dates are still stored and shown as they are.
pub fn trusted_date(
    published: Option<Timestamp>,
    updated: Option<Timestamp>,
    now: Timestamp,
) -> Option<Timestamp> {
    published
        .or(updated)
        .filter(|&t| (0..=now.saturating_add(FUTURE_SLACK_SECS)).contains(&t))
}

/// One item as it came out of a feed, sanitised, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewArticle {
    /// Identity within its feed: the guid, else the link, else
    /// `hash:` + a stable hash of title and date.
    pub guid: String,
    pub link: Option<String>,
    /// Plain text, whitespace-collapsed and trimmed; may be empty.
    pub title: String,
    pub author: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// HTML (or text) as the feed gave it, control characters removed.
    pub summary: Option<String>,
    /// HTML (or text) as the feed gave it, control characters removed.
    pub content: Option<String>,
    /// Media attached to the item (podcast episodes, videos, images).
    pub enclosures: Vec<Enclosure>,
}

/// A media file attached to an item: RSS `<enclosure>`, Media RSS
/// `media:content` / `media:thumbnail`, Atom `link rel="enclosure"`,
/// JSON Feed `attachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Enclosure {
    /// An absolute URL, sanitised (its scheme is checked when opened).
    pub url: String,
    /// The MIME type the feed gave.
    #[serde(rename = "type")]
    pub mime_type: Option<String>,
    /// Size in bytes.
    pub length: Option<u64>,
    /// Running time in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A preview image (`media:thumbnail`), not a download: the article's
    /// image where its page has none.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub thumbnail: bool,
}

/// What one feed document yielded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// The site's home page, when the feed names one.
    pub link: Option<String>,
    /// RSS `<ttl>`, in minutes.
    pub ttl_minutes: Option<u32>,
    pub items: Vec<NewArticle>,
    /// What had to be repaired before the document parsed; empty when it
    /// parsed strictly.
    pub repairs: Vec<String>,
    /// Which reader made sense of the document.
    pub parser: Parser,
}

/// The reader that read a feed document: feed-rs (strict, the first
/// try), or sift's lenient reader when feed-rs refused the document or
/// missed what it plainly holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Parser {
    #[default]
    FeedRs,
    Lenient,
}

impl Parser {
    /// The name shown by `sift parse --json` and `sift feeds list --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Parser::FeedRs => "feed-rs",
            Parser::Lenient => "lenient",
        }
    }

    /// Reads back what `as_str` wrote.
    pub fn from_name(name: &str) -> Option<Parser> {
        match name {
            "feed-rs" => Some(Parser::FeedRs),
            "lenient" => Some(Parser::Lenient),
            _ => None,
        }
    }
}

/// A subscription's state as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedState {
    pub id: FeedId,
    pub url: String,
    /// The title the user gave, else the feed's own, else None.
    pub title: Option<String>,
    pub tags: Vec<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Earliest time the next poll may fetch (server hints, backoff).
    pub next_poll_at: Option<Timestamp>,
    pub last_polled_at: Option<Timestamp>,
    pub last_success_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// Consecutive failures; 0 after a success.
    pub error_count: u32,
    /// Set when the last document needed repairs to parse.
    pub repair_note: Option<String>,
    /// Which reader read the last document ("feed-rs" or "lenient").
    pub parser: Option<String>,
    pub unread: u64,
    pub total: u64,
}

impl FeedState {
    /// The name to show: title, else the URL.
    pub fn display_name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or(&self.url)
    }
}

/// One row of an article list: what a list shows, no bodies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub feed_title: String,
    pub title: String,
    /// The item had no title: `title` is the first words of its text, or
    /// its link.
    pub title_derived: bool,
    pub link: Option<String>,
    /// published, else updated, else first seen.
    pub date: Timestamp,
    pub read: bool,
    pub starred: bool,
    /// Set when the cleaner judged the whole item to be noise.
    pub noise_kind: Option<String>,
    pub noise_rule: Option<String>,
}

/// A whole article, with bodies and user state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub feed_id: FeedId,
    pub feed_title: String,
    pub guid: String,
    pub link: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub first_seen: Timestamp,
    pub date: Timestamp,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub read: bool,
    pub starred: bool,
    pub tags: Vec<String>,
    pub noise_kind: Option<String>,
    pub noise_rule: Option<String>,
    /// The main content of the article's page (HTML), when it was fetched.
    pub full_html: Option<String>,
    /// Why fetching the page failed, when it did.
    pub full_error: Option<String>,
    pub enclosures: Vec<Enclosure>,
}

/// One entry of the subscription list (feeds.toml / OPML) as the store
/// receives it: the store adds missing feeds and refreshes title and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Subscription {
    pub url: String,
    /// The user's title; None lets the feed's own title show.
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// One row of a list grouped by story: the story's best-placed article
/// that matches the list's query, and the other matching members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    /// The story's id (its first article's id; see `Store::story_of`).
    pub story_id: ArticleId,
    /// The member that comes first in the list's order (newest by default,
    /// best match under `sort:relevance`).
    pub lead: ArticleSummary,
    /// The other members that match the query, in list order.
    pub member_ids: Vec<ArticleId>,
    /// Distinct feed names of the lead and the members, the lead's first.
    pub sources: Vec<String>,
    /// 1 + `member_ids.len()`.
    pub count: usize,
}
