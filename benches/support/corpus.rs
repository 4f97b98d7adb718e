//! A 100k-article cache for benchmarks: 100 feeds × 1,000 articles, each
//! with a title, a summary and ~1 KB of content drawn from a skewed
//! (roughly Zipf) vocabulary, plus news words at known rates so queries
//! have rare, common and very common words to find. 95 % of it is read;
//! half of it is in the foreign-policy topic.

use sift::model::{FeedId, NewArticle, ParsedFeed, Subscription, Timestamp};
use sift::store::{IngestMeta, QueryOptions, Store};

/// A fixed "now" (2024-06-01) so `since:` queries select the same rows.
pub const NOW: Timestamp = 1_717_200_000;
pub const FEEDS: usize = 100;
pub const PER_FEED: i64 = 1_000;

/// A small LCG: the same corpus on every run, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.next() % 100 < percent
    }
}

fn vocabulary() -> Vec<String> {
    let syllables = [
        "ka", "lo", "mer", "sta", "vin", "dor", "pel", "ri", "tan", "gu", "sho", "bre", "na", "fi",
        "zal", "quo",
    ];
    let mut words = Vec::new();
    for a in syllables {
        for b in syllables {
            for c in ["", "n", "s", "ter"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// `n` words, frequent ones far more often.
fn text(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n)
        .map(|_| {
            let r = rng.next() % vocab.len();
            vocab[r * (rng.next() % vocab.len()) / vocab.len()].as_str()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn subscribe(store: &mut Store) -> Vec<FeedId> {
    let subs: Vec<_> = (0..FEEDS)
        .map(|i| Subscription {
            url: format!("https://feed{i}.example/rss"),
            title: Some(format!("Feed {i}")),
            ..Subscription::default()
        })
        .collect();
    store.sync_subscriptions(&subs).expect("sync");
    subs.iter()
        .map(|s| store.feed_by_url(&s.url).expect("query").expect("feed").id)
        .collect()
}

/// Builds the cache in `dir` (takes a minute or so in release).
pub fn build(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("sift.db")).expect("open");
    let feeds = subscribe(&mut store);
    let vocab = vocabulary();
    let mut rng = Rng(99);
    for (f, &feed) in feeds.iter().enumerate() {
        let items = (0..PER_FEED)
            .map(|i| {
                let mut title = text(&mut rng, &vocab, 7);
                // Rare together, a few percent each: as real searches are.
                for (word, percent) in [("iran", 4), ("sanctions", 3), ("talks", 6)] {
                    if rng.chance(percent) {
                        title.push(' ');
                        title.push_str(word);
                    }
                }
                let mut content = text(&mut rng, &vocab, 150);
                for word in ["iran", "sanctions", "talks"] {
                    if rng.chance(5) {
                        content.push(' ');
                        content.push_str(word);
                    }
                }
                NewArticle {
                    enclosures: Vec::new(),
                    guid: format!("{f}-{i}"),
                    link: Some(format!("https://feed{f}.example/{i}")),
                    title,
                    author: Some(if i % 10 == 0 { "Jane Smith" } else { "Staff" }.into()),
                    published: Some(NOW - i * 600 - f as i64),
                    updated: None,
                    summary: Some(format!("<p>{}</p>", text(&mut rng, &vocab, 25))),
                    content: Some(format!("<p>{content}</p>")),
                }
            })
            .collect();
        let parsed = ParsedFeed {
            title: Some(format!("Feed {f}")),
            items,
            ..ParsedFeed::default()
        };
        let meta = IngestMeta {
            now: NOW,
            ..IngestMeta::default()
        };
        store.ingest(feed, &parsed, &meta).expect("ingest");
    }
    let page = store
        .query_articles(
            &sift::query::Query::all(),
            &QueryOptions {
                limit: Some(95_000),
                offset: 5_000,
                ..Default::default()
            },
        )
        .expect("list");
    let ids: Vec<_> = page.iter().map(|a| a.id).collect();
    store.set_read(&ids, true).expect("read");
    // Half the cache is foreign policy (as in a world-news reader's).
    store.begin_batch().expect("batch");
    for id in (2..=FEEDS as i64 * PER_FEED).step_by(2) {
        store
            .set_topics(id, &[("foreign-policy", 1.5)])
            .expect("topics");
    }
    store.commit_batch().expect("commit");
    store.optimize().expect("optimize");
    store
}
