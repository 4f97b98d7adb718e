//! Store tests on temporary databases, through the public API only.

mod batch;
mod checkpoint;
mod concurrency;
mod feeds;
mod full_text;
mod ingest;
mod plans;
mod queries;
mod query_lang;
mod retention;
mod search;
mod speed;
mod view;

use sift::model::{FeedId, NewArticle, ParsedFeed, Subscription, Timestamp};
use sift::query::{Query, Term};
use sift::store::{IngestMeta, NoiseFilter, QueryOptions, Store};

pub const DAY: i64 = 86_400;
/// A fixed "now" (2024-06-01) so dates in tests are readable offsets.
pub const NOW: Timestamp = 1_717_200_000;

pub fn item(guid: &str, title: &str, published: Option<Timestamp>) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: guid.to_string(),
        link: Some(format!("https://example.com/{guid}")),
        title: title.to_string(),
        author: None,
        published,
        updated: None,
        summary: Some(format!("<p>Summary of {title}</p>")),
        content: None,
    }
}

pub fn parsed(items: Vec<NewArticle>) -> ParsedFeed {
    ParsedFeed {
        title: Some("Feed title".into()),
        link: Some("https://example.com/".into()),
        items,
        ..ParsedFeed::default()
    }
}

pub fn meta(now: Timestamp) -> IngestMeta<'static> {
    IngestMeta {
        now,
        ..IngestMeta::default()
    }
}

pub fn sub(url: &str) -> Subscription {
    Subscription {
        url: url.to_string(),
        ..Subscription::default()
    }
}

/// A store on a temporary file with `n` feeds; returns their ids.
pub fn store_with_feeds(n: usize) -> (tempfile::TempDir, Store, Vec<FeedId>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("sift.db")).expect("open");
    let subs: Vec<_> = (0..n)
        .map(|i| sub(&format!("https://feed{i}.example/rss")))
        .collect();
    store.sync_subscriptions(&subs).expect("sync");
    let ids = subs
        .iter()
        .map(|s| store.feed_by_url(&s.url).expect("query").expect("feed").id)
        .collect();
    (dir, store, ids)
}

/// The id of the article with `guid` in `feed`, through the list API.
pub fn id_of(store: &Store, feed: FeedId, guid_title: &str) -> i64 {
    let one_feed = Query::all().and(Term::FeedId(feed));
    let options = QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    };
    store
        .query_articles(&one_feed, &options)
        .expect("list")
        .into_iter()
        .find(|a| a.title == guid_title)
        .unwrap_or_else(|| panic!("no article titled {guid_title}"))
        .id
}
