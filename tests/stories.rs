//! Story clusters through the store: joining, the 72 h window, no chains,
//! incremental ingests, updates, pruning, story rows and marking a story
//! read.

use sift::model::{NewArticle, ParsedFeed, Subscription};
use sift::query::Query;
use sift::store::assign_touched;
use sift::store::{IngestMeta, NoiseFilter, QueryOptions, Store};

const T0: i64 = 1_800_000_000;
const HOUR: i64 = 3600;

struct Cache {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    feeds: Vec<i64>,
}

fn cache() -> Cache {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sift.db");
    let mut store = Store::open(&path).expect("open");
    let subs: Vec<Subscription> = ["Wire", "The Week", "Tabloid"]
        .iter()
        .enumerate()
        .map(|(n, title)| Subscription {
            url: format!("https://f{n}.example/feed"),
            title: Some(title.to_string()),
            tags: Vec::new(),
        })
        .collect();
    store.sync_subscriptions(&subs).expect("feeds");
    let feeds = subs
        .iter()
        .map(|s| store.feed_by_url(&s.url).expect("feed").expect("added").id)
        .collect();
    Cache {
        _dir: dir,
        path,
        store,
        feeds,
    }
}

fn item(guid: &str, title: &str, summary: &str, date: i64) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: guid.into(),
        link: None,
        title: title.into(),
        author: None,
        published: Some(date),
        updated: None,
        summary: Some(summary.into()),
        content: None,
    }
}

impl Cache {
    /// One poll of one feed, with the writer's story hook: the ids of the
    /// items, in order.
    fn poll(&mut self, feed: usize, items: Vec<NewArticle>) -> Vec<i64> {
        // The poll happens once the items are out: a date far ahead of
        // the poll would be distrusted (sorted by first sight instead).
        let now = items
            .iter()
            .filter_map(|i| i.published)
            .max()
            .unwrap_or(T0)
            .max(T0);
        let parsed = ParsedFeed {
            items,
            ..Default::default()
        };
        let meta = IngestMeta {
            now,
            etag: None,
            last_modified: None,
            next_poll_at: None,
            keep_days: None,
        };
        let stats = self
            .store
            .ingest(self.feeds[feed], &parsed, &meta)
            .expect("ingest");
        assign_touched(&mut self.store, &stats, &parsed.items, |_| false);
        parsed
            .items
            .iter()
            .map(|i| {
                self.store
                    .query_ids(&Query::all(), NoiseFilter::Include, Default::default())
                    .expect("ids")
                    .into_iter()
                    .find(|&id| {
                        self.store
                            .article(id)
                            .expect("article")
                            .is_some_and(|a| a.guid == i.guid && a.feed_id == self.feeds[feed])
                    })
                    .expect("stored")
            })
            .collect()
    }

    fn story(&self, id: i64) -> i64 {
        self.store.story_of(id).expect("story").expect("exists")
    }

    fn rows(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.path).expect("open");
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }
}

fn putin_xi(guid: &str, date: i64) -> NewArticle {
    item(
        guid,
        "Putin and Xi sign gas pipeline deal in Beijing",
        "Russian President Vladimir Putin and Chinese President Xi Jinping signed an agreement to build the Power of Siberia 2 pipeline.",
        date,
    )
}

fn putin_xi_reworded(guid: &str, date: i64) -> NewArticle {
    item(
        guid,
        "Putin and Xi: a pipeline to a 'no limits' future?",
        "Russia's leader went to Beijing looking for a buyer for his gas, and came home with a Power of Siberia 2 deal.",
        date,
    )
}

fn putin_shoigu(guid: &str, date: i64) -> NewArticle {
    item(
        guid,
        "Putin replaces defence minister Shoigu with economist Belousov",
        "President Vladimir Putin removed Sergei Shoigu as Russia's defence minister and nominated Andrei Belousov.",
        date,
    )
}

#[test]
fn reworded_story_joins_and_shared_names_do_not() {
    let mut c = cache();
    let [wire] = c.poll(0, vec![putin_xi("a", T0)])[..] else {
        panic!()
    };
    let [week, other] = c.poll(
        1,
        vec![
            putin_xi_reworded("b", T0 + HOUR),
            putin_shoigu("c", T0 + HOUR),
        ],
    )[..] else {
        panic!()
    };
    assert_eq!(c.story(week), wire, "the reworded story joins the first");
    assert_eq!(c.story(wire), wire);
    assert_eq!(
        c.story(other),
        other,
        "Putin sacking a minister is another story"
    );
    assert_eq!(
        c.store.story_members(wire).expect("members"),
        vec![wire, week]
    );
}

#[test]
fn only_articles_within_72_hours_join() {
    let mut c = cache();
    let ids = c.poll(0, vec![putin_xi("a", T0)]);
    let late = c.poll(1, vec![putin_xi_reworded("b", T0 + 73 * HOUR)]);
    assert_eq!(c.story(late[0]), late[0], "73 h later: a story of its own");
    let early = c.poll(2, vec![putin_xi_reworded("c", T0 - 71 * HOUR)]);
    assert_eq!(c.story(early[0]), ids[0], "71 h earlier still joins");
}

#[test]
fn chains_do_not_grow_and_stories_never_merge() {
    let mut c = cache();
    let a = c.poll(
        0,
        vec![item("a", "alpha bravo charlie delta echo foxtrot", "", T0)],
    )[0];
    let b = c.poll(
        1,
        vec![item("b", "charlie delta echo foxtrot golf hotel", "", T0)],
    )[0];
    assert_eq!(c.story(b), a);
    // Like b (Jaccard 0.2) but nothing like a, the story's oldest: alone.
    let chained = c.poll(
        2,
        vec![item("c", "golf hotel kilo lima mike november", "", T0)],
    )[0];
    assert_eq!(c.story(chained), chained);

    // x is like a's story and like `chained`'s: it joins the better one,
    // and the two stories stay apart.
    let x = c.poll(
        2,
        vec![item(
            "x",
            "alpha bravo charlie kilo lima mike november golf",
            "",
            T0,
        )],
    )[0];
    assert_eq!(
        c.story(x),
        chained,
        "best match: 5 of 9 words against 3 of 11"
    );
    assert_eq!(c.store.story_members(a).expect("a"), vec![a, b]);
    assert_eq!(c.store.story_members(chained).expect("c"), vec![chained, x]);
}

#[test]
fn an_update_reassigns_and_the_rest_stay_together() {
    let mut c = cache();
    let root = c.poll(0, vec![putin_xi("a", T0)])[0];
    let member = c.poll(1, vec![putin_xi_reworded("b", T0)])[0];
    let third = c.poll(
        2,
        vec![item(
            "c",
            "Vlad's Beijing gas grab as Xi seals Power of Siberia pipeline pact",
            "Putin flew to China and left with Xi's signature on a gas pipeline deal.",
            T0,
        )],
    )[0];
    let shoigu = c.poll(1, vec![putin_shoigu("s", T0)])[0];
    assert_eq!((c.story(member), c.story(third)), (root, root));
    // The root's text changes into the Shoigu story: it moves there, and
    // the pipeline story keeps its other two members under a new root.
    let mut moved = putin_shoigu("a", T0);
    moved.title = "Putin sacks defence minister Shoigu, names economist Belousov".into();
    assert_eq!(c.poll(0, vec![moved]), vec![root]);
    assert_eq!(c.story(root), shoigu);
    assert_eq!(c.story(member), member, "the oldest remaining member leads");
    assert_eq!(c.story(third), member);
    assert_eq!(
        c.store.story_members(member).expect("m"),
        vec![member, third]
    );
}

#[test]
fn pruning_and_feed_removal_leave_no_signatures() {
    let mut c = cache();
    c.poll(0, vec![putin_xi("a", T0), putin_shoigu("b", T0)]);
    c.poll(1, vec![putin_xi_reworded("c", T0)]);
    assert_eq!(c.rows("story_signatures"), 3);
    let pruned = c
        .store
        .prune(T0 + 400 * 24 * HOUR, Some(30), None)
        .expect("prune");
    assert_eq!(pruned, 3);
    assert_eq!(c.rows("story_signatures"), 0);

    c.poll(2, vec![putin_xi("d", T0 + 500 * 24 * HOUR)]);
    assert_eq!(c.rows("story_signatures"), 1);
    assert!(c.store.remove_feed(c.feeds[2]).expect("remove"));
    assert_eq!(c.rows("story_signatures"), 0);
}

#[test]
fn story_rows_count_and_mark_read() {
    let mut c = cache();
    let wire = c.poll(0, vec![putin_xi("a", T0), putin_shoigu("s", T0 + 2 * HOUR)]);
    let week = c.poll(1, vec![putin_xi_reworded("b", T0 + HOUR)])[0];
    let options = QueryOptions::default();
    let rows = c.store.story_rows(&Query::all(), &options).expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].lead.id, wire[1], "newest first");
    assert_eq!((rows[0].count, rows[0].member_ids.len()), (1, 0));
    assert_eq!(rows[1].story_id, wire[0]);
    assert_eq!(rows[1].lead.id, week, "the newest member leads");
    assert_eq!(rows[1].member_ids, vec![wire[0]]);
    assert_eq!(
        rows[1].sources,
        vec!["The Week".to_string(), "Wire".to_string()]
    );
    assert_eq!(
        c.store
            .count_stories(&Query::all(), NoiseFilter::Hide)
            .expect("n"),
        2
    );
    let paged = QueryOptions {
        limit: Some(1),
        offset: 1,
        ..options
    };
    let page = c.store.story_rows(&Query::all(), &paged).expect("page");
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].story_id, wire[0]);

    assert_eq!(c.store.set_story_read(wire[0], true).expect("read"), 2);
    let unread = Query::parse("is:unread", T0).expect("query");
    assert_eq!(
        c.store
            .count_stories(&unread, NoiseFilter::Hide)
            .expect("n"),
        1
    );
    assert!(c.store.article(week).expect("a").expect("week").read);
    assert!(!c.store.article(wire[1]).expect("a").expect("shoigu").read);
    assert_eq!(c.store.set_story_read(wire[0], true).expect("again"), 0);
}
