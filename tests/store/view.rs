//! The filter bar's one-pass view, and words found in most of the cache
//! (matched through bitsets instead of `IN`, see src/store/hits.rs):
//! every answer must equal the plain statements'.

use sift::model::NewArticle;
use sift::query::{Flag, Query, Term};
use sift::store::{NoiseFilter, QueryOptions, Store, ViewOrder};

use crate::{NOW, item, meta, parsed, store_with_feeds};

/// 6,000 articles over 3 feeds: "common" in 5 of 6 (more than the 4,000
/// the store looks up by id), "rare" in 1 of 50, some read, some noise.
fn cache() -> (tempfile::TempDir, Store) {
    let (dir, mut store, feeds) = store_with_feeds(3);
    for (f, &feed) in feeds.iter().enumerate() {
        let items: Vec<NewArticle> = (0..2_000)
            .map(|i| {
                let mut title = format!("story {i} of feed {f}");
                if i % 6 != 0 {
                    title.push_str(" common");
                }
                if i % 50 == 7 {
                    title.push_str(" rare");
                }
                NewArticle {
                    enclosures: Vec::new(),
                    author: Some("Staff".into()),
                    // Ties on the date too, so id order must break them.
                    ..item(&format!("{f}-{i}"), &title, Some(NOW - (i / 3) * 60))
                }
            })
            .collect();
        store
            .ingest(feed, &parsed(items), &meta(NOW))
            .expect("ingest");
    }
    let all = store
        .query_ids(&Query::all(), NoiseFilter::Include, ViewOrder::Newest)
        .expect("ids");
    let read: Vec<_> = all.iter().copied().filter(|id| id % 3 == 0).collect();
    store.set_read(&read, true).expect("read");
    for &id in all.iter().filter(|id| *id % 97 == 0) {
        let kind = if id % 2 == 0 { "promo" } else { "puzzle" };
        store
            .set_noise(id, Some(kind), Some("test"))
            .expect("noise");
    }
    (dir, store)
}

fn parse(text: &str) -> Query {
    Query::parse(text, NOW).expect("parse")
}

#[test]
fn the_one_pass_view_equals_the_three_statements() {
    let (_dir, store) = cache();
    for text in [
        "",
        "common",
        "rare",
        "common -rare",
        "common or rare",
        "is:unread",
        "common is:noise",
        "common sort:relevance",
        "rare or is:unread sort:relevance",
    ] {
        for order in [ViewOrder::Newest, ViewOrder::Oldest, ViewOrder::Feed] {
            for noise in [NoiseFilter::Hide, NoiseFilter::Include] {
                let query = parse(text);
                let view = store.query_view(&query, noise, order).expect("view");
                let ids = store.query_ids(&query, noise, order).expect("ids");
                let unread = store
                    .count_query(&query.clone().and(Term::Is(Flag::Unread)), noise)
                    .expect("count");
                let hidden = if noise == NoiseFilter::Hide {
                    store.noise_counts(&query).expect("noise")
                } else {
                    Vec::new()
                };
                let what = format!("{text:?} {order:?} {noise:?}");
                assert_eq!(view.ids, ids, "{what}");
                assert_eq!(view.unread, unread, "{what}");
                assert_eq!(view.noise, hidden, "{what}");
            }
        }
    }
    // And the figures are the right ones, not just equal: "common" is in
    // 3 × 1,666 articles; 1 in 97 is noise (hidden), 1 in 3 is read.
    let view = store
        .query_view(&parse("common"), NoiseFilter::Hide, ViewOrder::Newest)
        .expect("view");
    let hidden: u64 = view.noise.iter().map(|(_, n)| n).sum();
    assert_eq!(view.ids.len() as u64 + hidden, 3 * 1_666);
    assert!(hidden > 30 && hidden < 70, "{hidden}");
    assert!(view.noise.iter().any(|(k, _)| k == "promo"));
    assert!(
        view.unread > 3_000 && view.unread < 3_400,
        "{}",
        view.unread
    );
}

#[test]
fn a_word_in_most_articles_gives_what_looking_rows_up_gives() {
    let (_dir, mut store) = cache();
    // Each query runs twice: with big matches read into bitsets (hits.rs)
    // and as the plain SQL `IN`. Both must select the same rows in the
    // same order. Three in four articles are foreign policy (a topic
    // member: 1.0 or more), enough for the topic's ids to go through a
    // bitset too; a regex always does.
    let all = store
        .query_ids(&Query::all(), NoiseFilter::Include, ViewOrder::Newest)
        .expect("ids");
    for &id in &all {
        let score = if id % 4 == 0 { 0.5 } else { 1.5 };
        store
            .set_topics(id, &[("foreign-policy", score)])
            .expect("topics");
    }
    let page = QueryOptions {
        limit: Some(50),
        offset: 100,
        ..Default::default()
    };
    for text in [
        "topic:foreign-policy",
        "common -topic:foreign-policy",
        "common",
        "common -rare",
        "-common",
        "common is:unread",
        "common sort:relevance",
        "common author:staff",
        "/\\bcommon\\b/",
        "-/\\bcommon\\b/ is:unread",
        "/\\bcommon\\b/ rare",
    ] {
        let query = parse(text);
        let answers = |store: &Store| {
            let ids: Vec<i64> = store
                .query_articles(&query, &page)
                .expect("page")
                .iter()
                .map(|r| r.id)
                .collect();
            let view = store
                .query_view(&query, NoiseFilter::Hide, ViewOrder::Newest)
                .expect("view");
            let count = store.count_query(&query, NoiseFilter::Hide).expect("count");
            let noise = store.noise_counts(&query).expect("noise");
            (ids, view, count, noise)
        };
        let fast = answers(&store);
        store.use_bitsets(false);
        let plain = answers(&store);
        store.use_bitsets(true);
        assert!(!fast.0.is_empty(), "{text:?} selects something");
        assert_eq!(fast, plain, "{text:?}");
    }
    // The regex matches what the word does (the word is in the title and
    // in the summary, "Summary of <title>").
    assert_eq!(
        store
            .count_query(&parse("/\\bcommon\\b/"), NoiseFilter::Include)
            .expect("count"),
        store
            .count_query(&parse("common"), NoiseFilter::Include)
            .expect("count")
    );
    // The common word really went through a bitset over the covering date
    // index, and the rare one through a lookup by id.
    let page = QueryOptions {
        limit: Some(50),
        ..Default::default()
    };
    let plan = store
        .explain_query(&parse("common"), &page, false)
        .expect("plan")
        .join(" | ");
    assert!(
        plan.contains("articles_view") && !plan.contains("articles_fts"),
        "{plan}"
    );
    let plan = store
        .explain_query(&parse("rare"), &page, false)
        .expect("plan")
        .join(" | ");
    assert!(plan.contains("articles_fts"), "{plan}");
    // The bitsets are per statement: a rare word right after a common one
    // is not answered from the common word's set.
    let rare = store
        .count_query(&parse("rare"), NoiseFilter::Include)
        .expect("count");
    assert_eq!(rare, 120);
    let members = store
        .count_query(&parse("topic:foreign-policy"), NoiseFilter::Include)
        .expect("count");
    assert_eq!(members, 4_500);
    let plan = store
        .explain_query(&parse("topic:foreign-policy"), &page, false)
        .expect("plan")
        .join(" | ");
    assert!(!plan.contains("article_topics"), "a bitset, not IN: {plan}");
    let plan = store
        .explain_query(&parse("/rare/"), &page, false)
        .expect("plan")
        .join(" | ");
    assert!(
        plan.contains("articles_view") && !plan.contains("article_plain"),
        "a regex is scanned once into a bitset: {plan}"
    );
}

#[test]
fn the_view_shows_one_row_per_story_and_counts_every_article() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    let items = |prefix: &str| {
        (0..4)
            .map(|i| {
                item(
                    &format!("{prefix}{i}"),
                    &format!("{prefix} story {i}"),
                    Some(NOW - i * 60),
                )
            })
            .collect::<Vec<_>>()
    };
    let a = store
        .ingest(feeds[0], &parsed(items("a")), &meta(NOW))
        .expect("ingest")
        .touched;
    let b = store
        .ingest(feeds[1], &parsed(items("b")), &meta(NOW))
        .expect("ingest")
        .touched;
    // a0, b0 and b1 tell one story (first told by a0); a1 and b2 another.
    for (id, story) in [(b[0], a[0]), (b[1], a[0]), (b[2], a[1])] {
        assert!(store.set_story(id, Some(story)).expect("story"));
    }
    store.set_read(&[b[1]], true).expect("read");
    let view = store
        .query_view(&Query::all(), NoiseFilter::Hide, ViewOrder::Newest)
        .expect("view");
    assert_eq!(view.ids.len(), 8 - 3, "{view:?}");
    assert_eq!(view.unread, 7, "articles, not stories");
    // Each story is shown by its first row in view order (ties on the
    // date go to the higher id), the others listed under it.
    let row_of = |members: &[i64]| {
        let row = view
            .ids
            .iter()
            .copied()
            .find(|id| members.contains(id))
            .expect("row");
        let mut all = vec![row];
        all.extend(view.stories.get(&row).cloned().unwrap_or_default());
        all.sort();
        all
    };
    assert_eq!(row_of(&[a[0], b[0], b[1]]), vec![a[0], b[0], b[1]]);
    assert_eq!(row_of(&[a[1], b[2]]), vec![a[1], b[2]]);
    assert_eq!(view.stories.len(), 2);
}

#[test]
fn relevance_ranks_the_newest_5000_matches_and_the_rest_follow_by_date() {
    let (_dir, store) = cache();
    // Every title says "story": 6,000 matches, the 1,000 stored first
    // (the lowest ids) are past the ranked 5,000.
    let view = store
        .query_view(
            &parse("story sort:relevance"),
            NoiseFilter::Include,
            ViewOrder::Newest,
        )
        .expect("view");
    assert_eq!(view.ids.len(), 6_000);
    let tail = &view.ids[5_000..];
    let mut lowest: Vec<i64> = view.ids.clone();
    lowest.sort();
    lowest.truncate(1_000);
    let mut tail_sorted = tail.to_vec();
    tail_sorted.sort();
    assert_eq!(tail_sorted, lowest, "the unranked are the oldest stored");
    let date_of: std::collections::HashMap<i64, i64> = store
        .summaries(tail)
        .expect("rows")
        .into_iter()
        .map(|r| (r.id, r.date))
        .collect();
    let dates: Vec<i64> = tail.iter().map(|id| date_of[id]).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first after the ranked"
    );
}

#[test]
fn a_ranked_page_is_its_slice_of_the_ranked_view() {
    // `sift list -q` picks a ranked page from the scored matches first
    // and walks the rest by date; it must agree with the whole ranked
    // order, on either side of the 5,000 scored and across the boundary.
    let (_dir, store) = cache();
    for text in [
        "story sort:relevance",
        "common sort:relevance",
        "common -rare sort:relevance",
        "rare or is:unread sort:relevance",
    ] {
        let query = parse(text);
        for noise in [NoiseFilter::Hide, NoiseFilter::Include] {
            for oldest_first in [false, true] {
                let order = if oldest_first {
                    ViewOrder::Oldest
                } else {
                    ViewOrder::Newest
                };
                let all = store.query_ids(&query, noise, order).expect("ids");
                for offset in [0, 100, 4_990, 5_990] {
                    let page = QueryOptions {
                        noise,
                        limit: Some(50),
                        offset,
                        oldest_first,
                    };
                    let got: Vec<i64> = store
                        .query_articles(&query, &page)
                        .expect("page")
                        .iter()
                        .map(|r| r.id)
                        .collect();
                    let from = (offset as usize).min(all.len());
                    let want = &all[from..(from + 50).min(all.len())];
                    assert_eq!(
                        got, want,
                        "{text:?} {noise:?} oldest {oldest_first} @{offset}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_in_memory_view_follows_every_write_from_this_and_other_connections() {
    let (dir, mut store) = cache();
    let query = parse("common");
    let view = |store: &Store| {
        let v = store
            .query_view(&query, NoiseFilter::Hide, ViewOrder::Newest)
            .expect("view");
        (v.ids, v.unread, v.noise)
    };
    // The same view through one SQL statement, read from the database now.
    let from_sql = |store: &mut Store| {
        store.use_bitsets(false);
        let v = view(store);
        store.use_bitsets(true);
        v
    };
    let first = view(&store);
    assert_eq!(store.view_rows_loads(), 1, "read from memory");
    assert_eq!(view(&store), first);
    let other_query = parse("rare or common");
    store
        .query_view(&other_query, NoiseFilter::Include, ViewOrder::Oldest)
        .expect("view");
    assert_eq!(store.view_rows_loads(), 1, "nothing changed: reused");
    assert_eq!(first, from_sql(&mut store));
    let ids = first.0.clone();
    assert_eq!(
        ids,
        store
            .query_ids(&query, NoiseFilter::Hide, ViewOrder::Newest)
            .expect("ids")
    );

    // Reading and starring through this connection: copied into the
    // order in memory, not read again.
    store.set_read(&ids[..10], true).expect("read");
    store.set_read(&ids[10..12], false).expect("unread");
    store.set_read(&[ids[13], 999_999], true).expect("read");
    store.set_starred(&ids[..3], true).expect("star");
    let after_read = view(&store);
    assert_eq!(store.view_rows_loads(), 1, "kept up to date in place");
    assert_ne!(after_read.1, first.1, "the unread count moved");
    assert_eq!(after_read, from_sql(&mut store));
    // Any other write of its own: read again.
    store
        .set_noise(ids[40], Some("puzzle"), Some("test"))
        .expect("noise");
    let after_noise = view(&store);
    assert_eq!(store.view_rows_loads(), 2, "read again after another write");
    assert_eq!(after_noise, from_sql(&mut store));
    assert!(!after_noise.0.contains(&ids[40]));

    // Writes through another connection (a poll in another process):
    // a new article, noise, a story of two.
    let mut other = Store::open(&dir.path().join("sift.db")).expect("open");
    let feed = other.feeds().expect("feeds")[0].id;
    let items = vec![item("new-1", "fresh common story", Some(crate::NOW + 60))];
    other
        .ingest(feed, &parsed(items), &meta(crate::NOW + 60))
        .expect("ingest");
    other
        .set_noise(ids[20], Some("promo"), Some("test"))
        .expect("noise");
    other.set_story(ids[30], Some(ids[31])).expect("story");
    let after_other = view(&store);
    assert_eq!(
        store.view_rows_loads(),
        3,
        "read again after a commit elsewhere"
    );
    assert_eq!(after_other, from_sql(&mut store));
    assert_eq!(
        after_other.0.len() + 2,
        ids.len(),
        "+1 new, -2 noise, -1 grouped"
    );
    assert!(!ids.contains(&after_other.0[0]), "the new article leads");
    assert!(!after_other.0.contains(&ids[20]), "the noise is hidden");
}
