//! The story index of a poll: the signatures of the articles dated near
//! the poll's, and their stories, held in memory so that placing a new
//! article asks the database nothing (issue 16). Pure: the store loads
//! it (`Store::story_window`) and writes each decision; this module only
//! decides and keeps itself in step.
//!
//! It answers exactly what the SQL probes of the former `story_buckets`
//! table answered (schema v6 to v11): each band key reads at most
//! [`MAX_BUCKET_ROWS`] articles of its bucket within the window, oldest
//! first (that table's primary-key order), so a crowded bucket gives the
//! same candidates; ties are broken the same way; and a story's oldest
//! member (the anchor) is found among all its members, which is why
//! loading an article brings its whole story.

use rustc_hash::FxHashMap;

use super::signature::{Signature, common_sorted, ratio};
use super::spans::Spans;
use super::{MAX_VERIFIED, Thresholds, WINDOW_SECS};
use crate::model::{ArticleId, Timestamp};

/// Rows read from one bucket at most: a bucket that crowded is a common
/// word's, and its first rows are as good as any.
pub const MAX_BUCKET_ROWS: usize = 32;

/// Room for the candidates of one article: up to `MAX_BUCKET_ROWS` rows
/// from each of its 20 buckets, many of them the same article.
const SHARED_CAPACITY: usize = 256;

/// An article as the store holds it, to load the index with.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub id: ArticleId,
    /// Its date in lists (`articles.sort_date`): orders a story's members.
    pub sort_date: Timestamp,
    /// Its story: its own id when alone or the story's root.
    pub story: ArticleId,
    /// Its signature, if it has one.
    pub signature: Option<StoredSignature>,
}

/// A signature as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignature {
    /// The date it was stored with (its bucket rows' date).
    pub date: Timestamp,
    /// The words, sorted, space-separated.
    pub words: String,
    pub keys: Vec<i64>,
}

/// The dates an article dated `date` may share a story with.
pub fn window(date: Timestamp) -> (Timestamp, Timestamp) {
    (
        date.saturating_sub(WINDOW_SECS),
        date.saturating_add(WINDOW_SECS),
    )
}

/// Signatures and stories of the articles loaded so far (see the module
/// head). Kept true by loading whole date spans (`add`) and by mirroring
/// every story write (`leave`, `record`, `forget`).
#[derive(Debug, Default)]
pub struct StoryIndex {
    thresholds: Thresholds,
    /// Words are numbered: an article keeps a few integers, not strings.
    numbers: FxHashMap<Box<str>, u32>,
    articles: FxHashMap<ArticleId, Known>,
    /// Band key → (signature date, article), sorted: the bucket table.
    buckets: FxHashMap<i64, Vec<(Timestamp, ArticleId)>>,
    /// Story root → its other members as (sort date, id), sorted.
    members: FxHashMap<ArticleId, Vec<(Timestamp, ArticleId)>>,
    /// The date spans loaded.
    covered: Spans,
}

#[derive(Debug)]
struct Known {
    sort_date: Timestamp,
    story: ArticleId,
    signature: Option<Numbered>,
}

#[derive(Debug)]
struct Numbered {
    date: Timestamp,
    /// Word numbers, sorted.
    words: Box<[u32]>,
    keys: Box<[i64]>,
}

impl StoryIndex {
    pub fn new(thresholds: Thresholds) -> StoryIndex {
        StoryIndex {
            thresholds,
            ..StoryIndex::default()
        }
    }

    /// The parts of `[from, to]` not loaded yet.
    pub fn missing(&self, from: Timestamp, to: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        self.covered.missing(from, to)
    }

    /// Adds what the store holds for `span`: every signature dated in it
    /// and every member of those articles' stories. Articles already here
    /// are kept as they are (the index is as new as the store).
    pub fn add(
        &mut self,
        span: (Timestamp, Timestamp),
        rows: impl IntoIterator<Item = StoredArticle>,
    ) {
        for row in rows {
            if self.articles.contains_key(&row.id) {
                continue;
            }
            let signature = row.signature.map(|sig| Numbered {
                date: sig.date,
                words: self.number(sig.words.split(' ').filter(|w| !w.is_empty())),
                keys: sig.keys.into(),
            });
            self.insert(row.id, row.sort_date, row.story, signature);
        }
        self.covered.add(span);
    }

    /// Forgets everything: after a write the store did not keep.
    pub fn clear(&mut self) {
        *self = StoryIndex::new(self.thresholds);
    }

    /// The article's story as the index has it.
    pub fn story_of(&self, id: ArticleId) -> Option<ArticleId> {
        self.articles.get(&id).map(|k| k.story)
    }

    /// How many articles are loaded.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The ingest changed an article's date in lists.
    pub fn set_sort_date(&mut self, id: ArticleId, sort_date: Timestamp) {
        let Some(known) = self.articles.get_mut(&id) else {
            return;
        };
        let old = std::mem::replace(&mut known.sort_date, sort_date);
        let story = known.story;
        if old != sort_date
            && story != id
            && let Some(list) = self.members.get_mut(&story)
        {
            remove_sorted(list, (old, id));
            insert_sorted(list, (sort_date, id));
        }
    }

    /// The story a new or changed article joins (None: it stays alone),
    /// given its date and signature, after it left its old story
    /// ([`StoryIndex::leave`]). Needs `window(date)` loaded.
    pub fn decide(
        &self,
        id: ArticleId,
        date: Timestamp,
        signature: &Signature,
    ) -> Option<ArticleId> {
        let (from, to) = window(date);
        // Sized for a busy window at once: grown from empty, the map's
        // rehashing cost a quarter of deciding.
        let mut shared: FxHashMap<ArticleId, usize> =
            FxHashMap::with_capacity_and_hasher(SHARED_CAPACITY, Default::default());
        for key in &signature.keys {
            let Some(bucket) = self.buckets.get(key) else {
                continue;
            };
            let start = bucket.partition_point(|&(d, _)| d < from);
            for &(_, candidate) in bucket[start..]
                .iter()
                .take_while(|&&(d, _)| d <= to)
                .take(MAX_BUCKET_ROWS)
            {
                if candidate != id {
                    *shared.entry(candidate).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(ArticleId, usize)> = shared.into_iter().collect();
        // Most keys first, then the newest id: a total order, so only the
        // few verified need sorting (a busy window has hundreds).
        let order =
            |a: &(ArticleId, usize), b: &(ArticleId, usize)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
        if ranked.len() > MAX_VERIFIED {
            ranked.select_nth_unstable_by(MAX_VERIFIED - 1, order);
            ranked.truncate(MAX_VERIFIED);
        }
        ranked.sort_unstable_by(order);

        let words = self.numbers_of(&signature.words);
        let total = signature.words.len();
        let mut matches: Vec<(f64, ArticleId, ArticleId)> = Vec::new();
        for (candidate, _) in ranked.into_iter().take(MAX_VERIFIED) {
            let Some(known) = self.articles.get(&candidate) else {
                continue;
            };
            let Some(sig) = &known.signature else {
                continue;
            };
            let similarity = similarity(&words, total, &sig.words);
            if similarity >= self.thresholds.same_story {
                matches.push((similarity, candidate, known.story));
            }
        }
        matches.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut refused: Vec<ArticleId> = Vec::new();
        for &(_, best, story) in &matches {
            if refused.contains(&story) {
                continue;
            }
            if self.fits(date, &words, total, best, story) {
                return Some(story);
            }
            refused.push(story);
        }
        None
    }

    /// Takes an article out of its story, as `Store` does: if it led
    /// others, the oldest of them leads the rest.
    pub fn leave(&mut self, id: ArticleId) {
        let Some(known) = self.articles.get_mut(&id) else {
            return;
        };
        let story = std::mem::replace(&mut known.story, id);
        let sort_date = known.sort_date;
        if story != id {
            if let Some(list) = self.members.get_mut(&story) {
                remove_sorted(list, (sort_date, id));
                if list.is_empty() {
                    self.members.remove(&story);
                }
            }
            return;
        }
        let Some(mut rest) = self.members.remove(&id) else {
            return;
        };
        let (_, heir) = rest.remove(0);
        for member in std::iter::once(heir).chain(rest.iter().map(|&(_, m)| m)) {
            if let Some(m) = self.articles.get_mut(&member) {
                m.story = heir;
            }
        }
        if !rest.is_empty() {
            self.members.insert(heir, rest);
        }
    }

    /// Records a decision the store has written: the article (out of any
    /// story it was in) joined `joined` or stands alone, with this
    /// signature (None: it has none now).
    pub fn record(
        &mut self,
        id: ArticleId,
        sort_date: Timestamp,
        joined: Option<ArticleId>,
        signature: Option<&Signature>,
    ) {
        self.leave(id);
        if let Some(old) = self.articles.remove(&id) {
            self.unbucket(id, old.signature.as_ref());
        }
        let signature = signature.map(|sig| Numbered {
            date: sort_date,
            words: self.number(sig.words.iter().map(String::as_str)),
            keys: sig.keys.clone().into(),
        });
        let story = joined.filter(|&s| s != id).unwrap_or(id);
        self.insert(id, sort_date, story, signature);
    }

    /// Takes an article out of story detection (it turned into noise):
    /// its signature dropped and, if it had one, out of its story.
    pub fn forget(&mut self, id: ArticleId) {
        let Some(signature) = self
            .articles
            .get_mut(&id)
            .and_then(|known| known.signature.take())
        else {
            return;
        };
        self.unbucket(id, Some(&signature));
        self.leave(id);
    }

    /// The anti-chaining rule: the story's oldest article must be within
    /// the window and similar enough too.
    fn fits(
        &self,
        date: Timestamp,
        words: &[u32],
        total: usize,
        best: ArticleId,
        story: ArticleId,
    ) -> bool {
        let anchor = match self.anchor(story) {
            Some(a) if a != best => self.articles.get(&a).and_then(|k| k.signature.as_ref()),
            _ => None,
        };
        match anchor {
            Some(anchor) => {
                date.abs_diff(anchor.date) <= WINDOW_SECS.unsigned_abs()
                    && similarity(words, total, &anchor.words) >= self.thresholds.anchor
            }
            // The match is the oldest member (or the rest lack signatures).
            None => true,
        }
    }

    /// The story's oldest member (by sort date, then id), root included.
    fn anchor(&self, story: ArticleId) -> Option<ArticleId> {
        let root = self.articles.get(&story).map(|k| (k.sort_date, story));
        let first = self.members.get(&story).and_then(|m| m.first().copied());
        match (root, first) {
            (Some(r), Some(f)) => Some(r.min(f).1),
            (r, f) => r.or(f).map(|(_, id)| id),
        }
    }

    fn insert(
        &mut self,
        id: ArticleId,
        sort_date: Timestamp,
        story: ArticleId,
        signature: Option<Numbered>,
    ) {
        if let Some(sig) = &signature {
            for key in &sig.keys {
                insert_sorted(self.buckets.entry(*key).or_default(), (sig.date, id));
            }
        }
        if story != id {
            insert_sorted(self.members.entry(story).or_default(), (sort_date, id));
        }
        self.articles.insert(
            id,
            Known {
                sort_date,
                story,
                signature,
            },
        );
    }

    fn unbucket(&mut self, id: ArticleId, signature: Option<&Numbered>) {
        let Some(sig) = signature else {
            return;
        };
        for key in &sig.keys {
            if let Some(bucket) = self.buckets.get_mut(key) {
                remove_sorted(bucket, (sig.date, id));
                if bucket.is_empty() {
                    self.buckets.remove(key);
                }
            }
        }
    }

    /// Numbers words, new ones included, sorted.
    fn number<'w>(&mut self, words: impl Iterator<Item = &'w str>) -> Box<[u32]> {
        let mut numbers: Vec<u32> = words
            .map(|w| match self.numbers.get(w) {
                Some(&n) => n,
                None => {
                    let n = self.numbers.len() as u32;
                    self.numbers.insert(w.into(), n);
                    n
                }
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers.into()
    }

    /// The numbers of the words the index has seen (others match nothing).
    fn numbers_of(&self, words: &[String]) -> Vec<u32> {
        let mut numbers: Vec<u32> = words
            .iter()
            .filter_map(|w| self.numbers.get(w.as_str()).copied())
            .collect();
        numbers.sort_unstable();
        numbers
    }
}

/// The Jaccard similarity of an article's words (`total` of them, of
/// which `known` are numbered) with a loaded article's.
fn similarity(known: &[u32], total: usize, other: &[u32]) -> f64 {
    ratio(
        common_sorted(known, other, |a, b| a.cmp(b)),
        total,
        other.len(),
    )
}

/// Adds an entry to a sorted list, once (like `INSERT OR IGNORE`).
fn insert_sorted(list: &mut Vec<(Timestamp, ArticleId)>, entry: (Timestamp, ArticleId)) {
    // Loads come in date order: most entries go at the end.
    if list.last().is_none_or(|last| *last < entry) {
        list.push(entry);
    } else if let Err(at) = list.binary_search(&entry) {
        list.insert(at, entry);
    }
}

fn remove_sorted(list: &mut Vec<(Timestamp, ArticleId)>, entry: (Timestamp, ArticleId)) {
    if let Ok(at) = list.binary_search(&entry) {
        list.remove(at);
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
