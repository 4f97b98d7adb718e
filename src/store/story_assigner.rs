//! Story detection during a poll: the window's signatures are loaded
//! once into the in-memory index (`crate::story::index`), each article's
//! story is decided there without a query, and the decision is written
//! and mirrored in the index, which so stays in step with the store.
//!
//! The index is right while its writes are the only story writes the
//! store keeps: after a rolled-back batch, call `reset` (the next article
//! loads its window again). A failed write resets it by itself.

use super::stories::{StoryState, StoryWrite};
use super::{Result, Store};
use crate::model::{ArticleId, Timestamp};
use crate::story::Thresholds;
use crate::story::index::{StoryIndex, window};
use crate::story::signature::Signature;

/// Loaded beyond an article's window on each side, so that the other
/// articles of a poll (dated within a day of each other, mostly) find
/// their windows loaded: one load per poll, not one per article.
const SLACK_SECS: i64 = 24 * 60 * 60;

/// One new or changed article to place, as the ingest left it.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    pub id: ArticleId,
    /// Its sort date, as the ingest wrote it.
    pub sort_date: Timestamp,
    /// False when this ingest inserted it: it is in no story and has no
    /// signature, so nothing is taken out first.
    pub changed: bool,
    /// The cleaner hid it: out of story detection.
    pub noise: bool,
    /// Its signature (`Signature::of` title and summary); None: too few
    /// words to cluster.
    pub signature: Option<&'a Signature>,
}

impl Arrival<'_> {
    /// An arrival for an article whose state was read from the store.
    pub fn from_state(
        state: StoryState,
        noise: bool,
        signature: Option<&Signature>,
    ) -> Arrival<'_> {
        Arrival {
            id: state.id,
            sort_date: state.sort_date,
            changed: state.placed,
            noise,
            signature,
        }
    }
}

/// The poll's story index and the writes that keep it true.
#[derive(Debug, Default)]
pub struct StoryAssigner {
    index: StoryIndex,
}

impl StoryAssigner {
    /// An empty index: each article loads the part of its window not
    /// loaded yet.
    pub fn new(thresholds: Thresholds) -> StoryAssigner {
        StoryAssigner {
            index: StoryIndex::new(thresholds),
        }
    }

    /// The index for a poll at `now`, with the windows of articles dated
    /// up to a day either side of it loaded (one statement).
    pub fn load(store: &Store, now: Timestamp) -> Result<StoryAssigner> {
        let mut assigner = StoryAssigner::new(Thresholds::default());
        assigner.ensure_window(store, now)?;
        Ok(assigner)
    }

    /// Forgets the index (after a rollback that undid some of its writes).
    pub fn reset(&mut self) {
        self.index.clear();
    }

    /// How many articles the index holds.
    pub fn loaded(&self) -> usize {
        self.index.len()
    }

    /// Places one article: out of story detection if noise, else into the
    /// story of its best match or alone. Returns the story it joined.
    pub fn assign(
        &mut self,
        store: &mut Store,
        arrival: &Arrival<'_>,
    ) -> Result<Option<ArticleId>> {
        let result = self.place(store, arrival);
        if result.is_err() {
            // The store may hold less than the index now.
            self.reset();
        }
        result
    }

    /// Places a feed's touched articles; a failure leaves that article on
    /// its own, which only costs a duplicate row.
    pub fn assign_all(&mut self, store: &mut Store, arrivals: &[Arrival<'_>]) {
        // The ingest already moved every one of them: anchors and heirs
        // are chosen by these dates.
        for arrival in arrivals {
            self.index.set_sort_date(arrival.id, arrival.sort_date);
        }
        for arrival in arrivals {
            if let Err(e) = self.assign(store, arrival) {
                let what = format!("cannot assign article {} to a story", arrival.id);
                store.pass_over(&what, e);
            }
        }
    }

    fn place(&mut self, store: &mut Store, arrival: &Arrival<'_>) -> Result<Option<ArticleId>> {
        let id = arrival.id;
        if arrival.noise {
            if arrival.changed && store.forget_story(id)? {
                self.index.forget(id);
            }
            return Ok(None);
        }
        let joined = match arrival.signature {
            Some(signature) => {
                self.ensure_window(store, arrival.sort_date)?;
                self.index.set_sort_date(id, arrival.sort_date);
                self.index.leave(id);
                self.index.decide(id, arrival.sort_date, signature)
            }
            None => {
                self.index.leave(id);
                None
            }
        };
        store.record_story(&StoryWrite {
            id,
            date: arrival.sort_date,
            changed: arrival.changed,
            joined,
            signature: arrival.signature,
        })?;
        self.index
            .record(id, arrival.sort_date, joined, arrival.signature);
        Ok(joined)
    }

    /// Loads what is missing of the window of an article dated `date`
    /// (and a day more each side, if anything is missing).
    fn ensure_window(&mut self, store: &Store, date: Timestamp) -> Result<()> {
        let (from, to) = window(date);
        if self.index.missing(from, to).is_empty() {
            return Ok(());
        }
        let wide = (
            from.saturating_sub(SLACK_SECS),
            to.saturating_add(SLACK_SECS),
        );
        for (from, to) in self.index.missing(wide.0, wide.1) {
            let rows = store.story_window(from, to)?;
            self.index.add((from, to), rows);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use rusqlite::trace::{TraceEvent, TraceEventCodes};

    use super::*;
    use crate::model::{NewArticle, ParsedFeed, Subscription};
    use crate::store::IngestMeta;

    const T0: Timestamp = 1_800_000_000;

    /// Story `story` as outlet `outlet` tells it: five words of the
    /// story's own, one of the outlet's.
    fn telling(story: usize, outlet: usize) -> (String, String) {
        let s = story;
        let title = format!("story{s} alpha{s} bravo{s} charlie{s} delta{s}");
        (title, format!("Outlet{outlet}."))
    }

    fn item(guid: String, (title, summary): (String, String), date: Timestamp) -> NewArticle {
        NewArticle {
            enclosures: Vec::new(),
            guid,
            link: None,
            title,
            author: None,
            published: Some(date),
            updated: None,
            summary: Some(summary),
            content: None,
        }
    }

    fn meta() -> IngestMeta<'static> {
        IngestMeta {
            now: T0,
            etag: None,
            last_modified: None,
            next_poll_at: None,
            keep_days: None,
        }
    }

    /// A touched article: id, sort date, title and summary.
    type Touched = (ArticleId, Timestamp, (String, String));

    /// A cache with one outlet's telling of 12 stories, and a poll of the
    /// other two outlets' (not yet placed): the poll's ids and dates.
    fn cache_and_poll() -> (Store, Vec<Touched>) {
        let mut store = Store::open_in_memory().expect("store");
        store
            .sync_subscriptions(&[Subscription {
                url: "https://wire.example/feed".into(),
                title: None,
                tags: Vec::new(),
            }])
            .expect("feed");
        let feed = store
            .feed_by_url("https://wire.example/feed")
            .expect("feed")
            .expect("added")
            .id;
        let first = ParsedFeed {
            items: (0..12)
                .map(|s| item(format!("a{s}"), telling(s, 0), T0 - 3600))
                .collect(),
            ..Default::default()
        };
        let stats = store.ingest(feed, &first, &meta()).expect("ingest");
        crate::store::assign_touched(&mut store, &stats, &first.items, |_| false);
        let tellings: Vec<(String, String)> = (0..24).map(|n| telling(n / 2, 1 + n % 2)).collect();
        let poll = ParsedFeed {
            items: tellings
                .iter()
                .enumerate()
                .map(|(n, t)| item(format!("b{n}"), t.clone(), T0 - n as i64))
                .collect(),
            ..Default::default()
        };
        let stats = store.ingest(feed, &poll, &meta()).expect("ingest");
        let touched = stats
            .touched
            .iter()
            .zip(&stats.touched_items)
            .map(|(&id, &i)| (id, T0 - i as i64, tellings[i].clone()))
            .collect();
        (store, touched)
    }

    /// The statements the store runs while `f` does, triggers left out.
    fn statements(store: &mut Store, f: impl FnOnce(&mut Store)) -> Vec<String> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        store
            .conn
            .trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(_, sql) = event
                        && !sql.starts_with("--")
                    {
                        log.lock().expect("log").push(sql.trim().to_string());
                    }
                }),
            )
            .expect("trace");
        f(store);
        store
            .conn
            .trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
            .expect("trace off");
        seen.lock().expect("log").clone()
    }

    fn reads(statements: &[String]) -> usize {
        statements
            .iter()
            .filter(|sql| {
                let head = sql.to_ascii_uppercase();
                head.starts_with("SELECT") || head.starts_with("WITH")
            })
            .count()
    }

    #[test]
    fn placing_a_polls_new_articles_reads_nothing_from_the_store() {
        let (mut store, touched) = cache_and_poll();
        let mut stories = StoryAssigner::load(&store, T0).expect("load");
        assert_eq!(stories.loaded(), 12, "the cached articles");
        let signatures: Vec<Option<Signature>> = touched
            .iter()
            .map(|(_, _, (title, summary))| Signature::of(title, Some(summary)))
            .collect();
        let arrivals: Vec<Arrival<'_>> = touched
            .iter()
            .zip(&signatures)
            .map(|(&(id, sort_date, _), sig)| Arrival {
                id,
                sort_date,
                changed: false,
                noise: false,
                signature: sig.as_ref(),
            })
            .collect();
        let run = statements(&mut store, |store| stories.assign_all(store, &arrivals));
        assert_eq!(reads(&run), 0, "{run:#?}");
        assert!(
            run.iter()
                .filter(|sql| sql.starts_with("INSERT INTO story_signatures"))
                .count()
                == 24,
            "each article's signature is written"
        );
        // And they were placed: each telling joined its story's first.
        for (n, &(id, _, _)) in touched.iter().enumerate() {
            let story = store.story_of(id).expect("story").expect("exists");
            let first = store.story_of(story).expect("root").expect("exists");
            assert_eq!(story, first, "a root");
            assert_eq!(story, 1 + (n / 2) as ArticleId, "article {n}");
        }
    }

    #[test]
    fn a_feed_placed_alone_reads_a_fixed_number_of_times() {
        // The writer's present hook: its own index per feed, so a few
        // statements a feed (states, the window), none per article.
        let (mut store, touched) = cache_and_poll();
        let ids: Vec<ArticleId> = touched.iter().map(|t| t.0).collect();
        let stats = crate::store::IngestStats {
            touched: ids.clone(),
            touched_items: (0..ids.len()).collect(),
            ..Default::default()
        };
        let items: Vec<NewArticle> = touched
            .iter()
            .map(|(_, date, t)| item(String::new(), t.clone(), *date))
            .collect();
        let run = statements(&mut store, |store| {
            crate::store::assign_touched(store, &stats, &items, |_| false)
        });
        assert_eq!(reads(&run), 2, "states and window: {run:#?}");
        assert_eq!(store.story_of(ids[23]).expect("story"), Some(12));
    }
}
