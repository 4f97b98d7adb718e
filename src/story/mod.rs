//! Story clusters: the same story from several feeds (or told twice by
//! one) grouped at ingest.
//!
//! Method (measured in BENCHMARKS.md, "Story clusters"): an article's
//! title and standfirst become a set of normalised words
//! ([`normalize::story_words`]) and MinHash band keys of that set
//! ([`signature::Signature`], pure). The store keeps each article's
//! signature; during a poll the signatures dated near the poll's are
//! loaded once into an in-memory LSH index ([`index::StoryIndex`]), where
//! a new article finds its candidates (articles sharing a band key within
//! ±72 h of its date) without a query.
//! Each candidate is verified with the exact Jaccard similarity of the
//! two word sets against [`SAME_STORY_THRESHOLD`]. The article joins the
//! story of its best verified match, else stays alone.
//!
//! No chains: stories never merge (an article joins one story, the best),
//! and an article joins a story only if it is also within the window of,
//! and similar enough ([`ANCHOR_THRESHOLD`]) to, the story's oldest
//! article: A–B–C–D, each like the next, cannot drift into one story.

pub mod index;
pub mod normalize;
pub mod signature;
mod spans;

/// Articles join only if dated within this many seconds of each other.
pub const WINDOW_SECS: i64 = 72 * 60 * 60;

/// Jaccard similarity of the word sets at or above which two articles
/// tell the same story (tuned on tests/fixtures/stories/items.tsv).
pub const SAME_STORY_THRESHOLD: f64 = 0.16;

/// The similarity an article also needs to the story's oldest article.
pub const ANCHOR_THRESHOLD: f64 = 0.08;

/// Fewer normalised words than this ("Quiz", "Letters"): never clustered.
pub const MIN_WORDS: usize = 3;

/// At most this many candidates (those sharing the most buckets) are
/// verified, which bounds the cost per article whatever the cache size.
pub const MAX_VERIFIED: usize = 12;

/// The two similarity thresholds of an assignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// To the best match.
    pub same_story: f64,
    /// To the story's oldest article.
    pub anchor: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            same_story: SAME_STORY_THRESHOLD,
            anchor: ANCHOR_THRESHOLD,
        }
    }
}
