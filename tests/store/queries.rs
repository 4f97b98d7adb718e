use sift::model::Subscription;
use sift::query::{Flag, Query, Term};
use sift::store::{FlagOutcome, NoiseFilter, QueryOptions};

use crate::{DAY, NOW, id_of, item, meta, parsed, store_with_feeds};

fn titles(store: &sift::store::Store, query: &Query, options: &QueryOptions) -> Vec<String> {
    store
        .query_articles(query, options)
        .expect("list")
        .into_iter()
        .map(|a| a.title)
        .collect()
}

/// The query of these terms, ANDed (what the CLI's flags become).
fn terms(terms: impl IntoIterator<Item = Term>) -> Query {
    terms.into_iter().fold(Query::all(), Query::and)
}

fn noise(noise: NoiseFilter) -> QueryOptions {
    QueryOptions {
        noise,
        ..Default::default()
    }
}

/// Feed 0: a (day -1), b (day -2), c (day -3); feed 1: d (day -2), e (day -5).
fn fixture() -> (tempfile::TempDir, sift::store::Store, Vec<i64>) {
    let (dir, mut store, feeds) = store_with_feeds(2);
    let at = |d: i64| Some(NOW - d * DAY);
    store
        .ingest(
            feeds[0],
            &parsed(vec![
                item("a", "a", at(1)),
                item("b", "b", at(2)),
                item("c", "c", at(3)),
            ]),
            &meta(NOW),
        )
        .expect("ingest");
    store
        .ingest(
            feeds[1],
            &parsed(vec![item("d", "d", at(2)), item("e", "e", at(5))]),
            &meta(NOW),
        )
        .expect("ingest");
    (dir, store, feeds)
}

#[test]
fn lists_newest_first_with_ties_broken_by_id() {
    let (_dir, store, _) = fixture();
    // b and d share a date: the later id (d) comes first.
    let all = Query::all();
    assert_eq!(
        titles(&store, &all, &QueryOptions::default()),
        ["a", "d", "b", "c", "e"]
    );
    let oldest = QueryOptions {
        oldest_first: true,
        ..Default::default()
    };
    assert_eq!(titles(&store, &all, &oldest), ["e", "c", "b", "d", "a"]);
    let page = QueryOptions {
        limit: Some(2),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(titles(&store, &all, &page), ["d", "b"]);
    assert_eq!(
        store.count_query(&all, page.noise).expect("count"),
        5,
        "count ignores paging"
    );
}

#[test]
fn filters_by_flags_feed_tag_date_and_noise() {
    let (_dir, mut store, feeds) = fixture();
    let a = id_of(&store, feeds[0], "a");
    let c = id_of(&store, feeds[0], "c");
    let e = id_of(&store, feeds[1], "e");
    store.set_read(&[a, c], true).expect("read");
    store.set_starred(&[c, e], true).expect("star");
    store
        .set_noise(
            id_of(&store, feeds[0], "b"),
            Some("promo"),
            Some("site/theweek.com/subscription"),
        )
        .expect("noise");
    store
        .sync_subscriptions(&[Subscription {
            url: "https://feed1.example/rss".into(),
            title: None,
            tags: vec!["World".into()],
        }])
        .expect("sync");
    store
        .set_article_tags(c, &["later".into(), "world".into()])
        .expect("tag");

    let hide = NoiseFilter::Hide;
    let cases: Vec<(Query, NoiseFilter, Vec<&str>)> = vec![
        (terms([Term::Is(Flag::Unread)]), hide, vec!["d", "e"]),
        (terms([Term::Is(Flag::Starred)]), hide, vec!["c", "e"]),
        (terms([Term::FeedId(feeds[0])]), hide, vec!["a", "c"]),
        (
            terms([Term::Is(Flag::Unread), Term::FeedId(feeds[0])]),
            hide,
            vec![],
        ),
        // Feed tag (feed 1) or article tag (c), case-insensitive.
        (
            terms([Term::Tag("WORLD".into())]),
            hide,
            vec!["d", "c", "e"],
        ),
        (terms([Term::Tag("later".into())]), hide, vec!["c"]),
        (terms([Term::Tag("none".into())]), hide, vec![]),
        (terms([Term::Since(NOW - 2 * DAY)]), hide, vec!["a", "d"]),
        (
            Query::all(),
            NoiseFilter::Include,
            vec!["a", "d", "b", "c", "e"],
        ),
        (Query::all(), NoiseFilter::Only, vec!["b"]),
        (
            terms([Term::Is(Flag::Unread)]),
            NoiseFilter::Only,
            vec!["b"],
        ),
    ];
    for (query, noise_filter, expected) in cases {
        assert_eq!(
            titles(&store, &query, &noise(noise_filter)),
            expected,
            "{query:?} {noise_filter:?}"
        );
        assert_eq!(
            store.count_query(&query, noise_filter).expect("count"),
            expected.len() as u64,
            "{query:?} {noise_filter:?}"
        );
    }
    let b = store
        .query_articles(&Query::all(), &noise(NoiseFilter::Only))
        .expect("list");
    assert_eq!(b[0].noise_kind.as_deref(), Some("promo"));
    assert_eq!(
        b[0].noise_rule.as_deref(),
        Some("site/theweek.com/subscription")
    );
}

#[test]
fn flag_changes_report_changed_rows_and_unknown_ids() {
    let (_dir, mut store, feeds) = fixture();
    let a = id_of(&store, feeds[0], "a");
    let b = id_of(&store, feeds[0], "b");
    let outcome = store.set_read(&[a, 999, b, -1], true).expect("read");
    assert_eq!(
        outcome,
        FlagOutcome {
            changed: 2,
            unknown: vec![999, -1]
        }
    );
    // Already read: exists, nothing changes.
    assert_eq!(
        store.set_read(&[a], true).expect("read"),
        FlagOutcome::default()
    );
    assert_eq!(store.set_read(&[a], false).expect("unread").changed, 1);
    assert_eq!(store.set_starred(&[b, b], true).expect("star").changed, 1);
    assert!(!store.article(a).expect("q").expect("a").read);
    assert!(store.article(b).expect("q").expect("b").starred);
    assert!(!store.set_noise(999, Some("promo"), None).expect("noise"));
    assert!(!store.set_article_tags(999, &["x".into()]).expect("tags"));
    assert_eq!(store.article(999).expect("q"), None);
}

#[test]
fn clearing_noise_shows_the_article_again() {
    let (_dir, mut store, feeds) = fixture();
    let a = id_of(&store, feeds[0], "a");
    store.set_noise(a, Some("promo"), Some("r")).expect("noise");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        4
    );
    store.set_noise(a, None, None).expect("clear");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        5
    );
}

/// `sift mark --query --star`: the starred flag by query, with how many
/// matched and how many changed, counted in the same transaction.
#[test]
fn set_flag_matching_stars_what_the_query_selects_and_counts_both() {
    use sift::store::{MatchOutcome, UserFlag};
    let (_dir, mut store, feeds) = fixture();
    let hide = NoiseFilter::Hide;
    let one_feed = terms([Term::FeedId(feeds[1])]);
    let star = |store: &mut sift::store::Store, query: &Query, on: bool| {
        store
            .set_flag_matching(query, hide, UserFlag::Starred, on)
            .expect("star")
    };
    assert_eq!(
        star(&mut store, &one_feed, true),
        MatchOutcome {
            matched: 2,
            changed: 2
        }
    );
    let starred = terms([Term::Is(Flag::Starred)]);
    assert_eq!(
        titles(&store, &starred, &QueryOptions::default()),
        ["d", "e"]
    );
    // Read state is untouched by a star.
    assert_eq!(
        store
            .count_query(&terms([Term::Is(Flag::Unread)]), hide)
            .expect("count"),
        5
    );
    assert_eq!(
        star(&mut store, &Query::all(), true),
        MatchOutcome {
            matched: 5,
            changed: 3
        }
    );
    assert_eq!(
        star(&mut store, &starred, false),
        MatchOutcome {
            matched: 5,
            changed: 5
        }
    );
    assert_eq!(
        store
            .set_flag_matching(&one_feed, hide, UserFlag::Read, true)
            .expect("read"),
        MatchOutcome {
            matched: 2,
            changed: 2
        }
    );
    assert_eq!(store.count_query(&starred, hide).expect("count"), 0);
}

#[test]
fn set_read_matching_catches_up_on_what_the_filter_selects() {
    let (_dir, mut store, feeds) = fixture();
    let hide = NoiseFilter::Hide;
    let one_feed = terms([Term::FeedId(feeds[1])]);
    assert_eq!(
        store
            .set_read_matching(&one_feed, hide, true)
            .expect("mark"),
        2
    );
    assert_eq!(
        store
            .set_read_matching(&one_feed, hide, true)
            .expect("again"),
        0
    );
    let unread = terms([Term::Is(Flag::Unread)]);
    assert_eq!(
        titles(&store, &unread, &QueryOptions::default()),
        ["a", "b", "c"]
    );
    let tagless = terms([Term::Tag("missing".into())]);
    assert_eq!(
        store.set_read_matching(&tagless, hide, true).expect("none"),
        0
    );
    assert_eq!(
        store
            .set_read_matching(&Query::all(), hide, true)
            .expect("all"),
        3
    );
    assert_eq!(
        store
            .set_read_matching(&Query::all(), hide, false)
            .expect("unread all"),
        5
    );
}
