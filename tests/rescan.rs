//! `rescan` through the store: verdicts follow the rules, the user's flags
//! stay, hidden articles leave their stories and shown ones join again,
//! and the fingerprint makes a second rescan a no-op for a poll.

use sift::clean::RuleSet;
use sift::model::{NewArticle, ParsedFeed, Subscription};
use sift::poller::rescan::{RescanReport, rescan, rescan_if_stale};
use sift::store::assign_touched;
use sift::store::{IngestMeta, Store};

const T0: i64 = 1_800_000_000;

fn item(guid: &str) -> NewArticle {
    NewArticle {
        guid: guid.into(),
        link: Some(format!("https://news.example.test/world/{guid}")),
        title: "Putin and Xi sign gas pipeline deal in Beijing".into(),
        author: None,
        published: Some(T0),
        updated: None,
        summary: Some(
            "Russian President Vladimir Putin and Chinese President Xi Jinping signed an \
             agreement to build the Power of Siberia 2 pipeline."
                .into(),
        ),
        content: None,
        enclosures: Vec::new(),
    }
}

/// The same story from two feeds, stored as a poll stores it: ids.
fn cache_with_one_story() -> (Store, [i64; 2]) {
    let mut store = Store::open_in_memory().expect("store");
    let subs: Vec<Subscription> = ["https://a.example/feed", "https://b.example/feed"]
        .iter()
        .map(|url| Subscription {
            url: (*url).into(),
            title: None,
            tags: Vec::new(),
        })
        .collect();
    store.sync_subscriptions(&subs).expect("feeds");
    let mut ids = Vec::new();
    for (sub, guid) in subs.iter().zip(["a", "b"]) {
        let feed = store.feed_by_url(&sub.url).expect("read").expect("feed").id;
        let parsed = ParsedFeed {
            items: vec![item(guid)],
            ..ParsedFeed::default()
        };
        let meta = IngestMeta {
            now: T0,
            ..IngestMeta::default()
        };
        let stats = store.ingest(feed, &parsed, &meta).expect("ingest");
        assign_touched(&mut store, &stats, &parsed.items, |_| false);
        ids.extend(stats.touched);
    }
    (store, [ids[0], ids[1]])
}

fn rules_hiding_the_pipeline() -> RuleSet {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[item]]\nname = \"pipelines\"\nkind = \"other\"\nsummary_contains = [\"power of siberia\"]\n",
    )
    .expect("write");
    let (rules, errors) = RuleSet::with_user_rules(dir.path());
    assert_eq!(errors, vec![]);
    rules
}

fn story(store: &Store, id: i64) -> i64 {
    store.story_of(id).expect("read").expect("article")
}

#[test]
fn verdicts_follow_the_rules_and_stories_and_flags_follow_the_verdicts() {
    let (mut store, [a, b]) = cache_with_one_story();
    assert_eq!(
        story(&store, a),
        story(&store, b),
        "one story to start with"
    );
    store.set_read(&[a], true).expect("read");
    store.set_starred(&[a], true).expect("star");

    let hiding = rules_hiding_the_pipeline();
    let report = rescan(&mut store, &hiding).expect("rescan");
    assert_eq!(
        report,
        RescanReport {
            articles: 2,
            hidden: 2,
            shown: 0,
            relabelled: 0,
            // Stored without plans: the index was never cleaned.
            reindexed: 2,
        }
    );
    let article = store.article(a).expect("read").expect("article");
    assert_eq!(article.noise_rule.as_deref(), Some("pipelines"));
    assert!(article.read && article.starred, "the user's flags stay");
    assert_ne!(story(&store, a), story(&store, b), "noise leaves its story");

    // Nothing changed since: a poll would not rescan.
    assert_eq!(rescan_if_stale(&mut store, &hiding).expect("rescan"), None);

    let builtin = RuleSet::builtin();
    let report = rescan_if_stale(&mut store, &builtin)
        .expect("rescan")
        .expect("the rules changed");
    assert_eq!((report.shown, report.hidden), (2, 0));
    let article = store.article(a).expect("read").expect("article");
    assert_eq!(article.noise_kind, None);
    assert!(article.read && article.starred, "the user's flags stay");
    assert_eq!(
        story(&store, a),
        story(&store, b),
        "shown again, back in its story"
    );
}

#[test]
fn an_empty_cache_stores_the_fingerprint_and_says_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    let rules = RuleSet::builtin();
    assert_eq!(rescan_if_stale(&mut store, &rules).expect("rescan"), None);
    assert_eq!(
        store.rules_fingerprint().expect("read"),
        Some(rules.fingerprint())
    );
}

#[test]
fn a_cache_from_before_the_fingerprint_is_judged_again_once() {
    // Stored as a poll stored it before the fingerprint existed: none kept.
    let (mut store, _) = cache_with_one_story();
    assert_eq!(store.rules_fingerprint().expect("read"), None);
    let rules = RuleSet::builtin();
    let report = rescan_if_stale(&mut store, &rules)
        .expect("rescan")
        .expect("judged again");
    assert_eq!((report.articles, report.changed()), (2, 0));
    assert_eq!(rescan_if_stale(&mut store, &rules).expect("rescan"), None);
}

/// A block rule added by the user: the words it removes leave the search
/// index at the next rescan (the index holds what a reader sees).
#[test]
fn a_new_block_rule_takes_its_words_out_of_search() {
    let mut store = Store::open_in_memory().expect("store");
    let sub = Subscription {
        url: "https://a.example/feed".into(),
        title: None,
        tags: Vec::new(),
    };
    store
        .sync_subscriptions(std::slice::from_ref(&sub))
        .expect("feeds");
    let feed = store.feed_by_url(&sub.url).expect("read").expect("feed").id;
    let mut with_plug = item("a");
    with_plug.content = Some(
        "<p>The pipeline will carry gas across Mongolia.</p>\
         <p>Listen to the Tundra Tapes podcast every Friday.</p>"
            .into(),
    );
    let parsed = ParsedFeed {
        items: vec![with_plug],
        ..ParsedFeed::default()
    };
    let builtin = RuleSet::builtin();
    let scorer = sift::topics::builtin_scorer().expect("the built-in topics");
    let plans = sift::ingest::plan_feed(
        &parsed,
        sift::ingest::PlanSettings {
            rules: &builtin,
            topics: &scorer,
            full_text: Default::default(),
        },
        None,
    );
    let meta = IngestMeta {
        now: T0,
        ..IngestMeta::default()
    };
    store
        .ingest_planned(feed, &parsed, &plans, None, &builtin, &meta)
        .expect("ingest");
    rescan(&mut store, &builtin).expect("stamp the fingerprints");
    let found = |store: &Store, words: &str| store.search_ids(words, 10).expect("search").len();
    assert_eq!(found(&store, "tundra"), 1, "kept by the built-in rules");
    assert_eq!(found(&store, "mongolia"), 1);

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[block]]\nname = \"podcast-plug\"\nkind = \"promo\"\ncontains = [\"tundra tapes\"]\n",
    )
    .expect("write");
    let (mine, errors) = RuleSet::with_user_rules(dir.path());
    assert_eq!(errors, vec![]);
    let report = rescan_if_stale(&mut store, &mine)
        .expect("rescan")
        .expect("the rules changed");
    assert_eq!(report.reindexed, 1);
    assert_eq!(found(&store, "tundra"), 0, "hidden now, so not found");
    assert_eq!(found(&store, "mongolia"), 1, "the article's own words stay");
    assert_eq!(rescan_if_stale(&mut store, &mine).expect("rescan"), None);
}
