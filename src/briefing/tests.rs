//! The briefing on a store filled through its public API: selection,
//! story merging, topic order, Other, the empty briefing. The store
//! helpers here serve `format_tests` too.

use super::format_tests::render;
use super::*;
use crate::model::{NewArticle, ParsedFeed, Subscription};
use crate::query::Query;
use crate::store::{IngestMeta, NoiseFilter, QueryOptions, Store};

pub(super) const NOW: Timestamp = 1_795_000_000;
pub(super) const HOUR: Timestamp = 3600;

pub(super) const FEED_A: &str = "https://a.example/feed";
pub(super) const FEED_B: &str = "https://b.example/feed";

pub(super) struct Item {
    pub feed: &'static str,
    pub title: &'static str,
    pub link: &'static str,
    pub hours_ago: i64,
    pub content: &'static str,
}

pub(super) fn item(feed: &'static str, title: &'static str, hours_ago: i64) -> Item {
    Item {
        feed,
        title,
        link: "",
        hours_ago,
        content: "",
    }
}

pub(super) fn store_with(items: &[Item]) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_subscriptions(&[
            Subscription {
                url: FEED_A.into(),
                title: Some("Alpha News".into()),
                tags: vec![],
            },
            Subscription {
                url: FEED_B.into(),
                title: Some("Beta Times".into()),
                tags: vec![],
            },
        ])
        .expect("feeds");
    for feed in [FEED_A, FEED_B] {
        let id = store.feed_by_url(feed).expect("feed").expect("known").id;
        let parsed = ParsedFeed {
            items: items
                .iter()
                .filter(|i| i.feed == feed)
                .map(|i| NewArticle {
                    enclosures: Vec::new(),
                    guid: i.title.to_owned(),
                    link: (!i.link.is_empty()).then(|| i.link.to_owned()),
                    title: i.title.to_owned(),
                    author: None,
                    published: Some(NOW - i.hours_ago * HOUR),
                    updated: None,
                    summary: None,
                    content: (!i.content.is_empty()).then(|| i.content.to_owned()),
                })
                .collect(),
            ..Default::default()
        };
        store
            .ingest(
                id,
                &parsed,
                &IngestMeta {
                    now: NOW,
                    ..Default::default()
                },
            )
            .expect("ingest");
    }
    store
}

pub(super) fn id_of(store: &Store, title: &str) -> ArticleId {
    store
        .query_articles(
            &Query::all(),
            &QueryOptions {
                noise: NoiseFilter::Include,
                ..Default::default()
            },
        )
        .expect("list")
        .into_iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no article {title}"))
        .id
}

fn star(store: &mut Store, titles: &[&str]) {
    let ids: Vec<ArticleId> = titles.iter().map(|t| id_of(store, t)).collect();
    store.set_starred(&ids, true).expect("star");
}

fn topics(store: &mut Store, title: &str, scores: &[(&str, f64)]) {
    let id = id_of(store, title);
    assert!(store.set_topics(id, scores).expect("topics"));
}

pub(super) fn starred(query: Option<&str>, since: Option<Timestamp>) -> BriefingOptions {
    BriefingOptions {
        starred_only: true,
        since,
        query: query.map(str::to_owned),
        now: NOW,
    }
}

/// Three foreign-policy stories (one told by three articles), two economy,
/// two tech, one without a member topic; plus articles the briefing must
/// leave out.
pub(super) fn newsroom() -> Store {
    let mut store = store_with(&[
        Item {
            link: "https://a.example/geneva",
            content: "<p>Envoys met in Geneva on Monday to revive the ceasefire talks. \
                      Mr. Ortiz said the U.S. Senate would follow closely.</p>\
                      <p>Sign up for our free newsletter</p>\
                      <p>The talks lasted 4.5 hours. A fourth sentence stays out.</p>",
            ..item(FEED_A, "Ceasefire talks resume in Geneva", 20)
        },
        item(FEED_B, "Geneva talks restart", 19),
        item(FEED_B, "Envoys agree on a ceasefire", 18),
        item(FEED_A, "Markets fall on tariff fears", 10),
        item(FEED_A, "Central bank holds rates", 9),
        item(FEED_B, "Summit opens in Brasilia", 8),
        item(FEED_B, "Embassy reopens in Kabul", 7),
        item(FEED_A, "Chip export rules tighten", 6),
        item(FEED_B, "A new phone, again", 5),
        item(FEED_A, "A cat show in Leeds", 4),
        item(FEED_B, "Unstarred news", 3),
        item(FEED_A, "Old starred news", 72),
    ]);
    star(
        &mut store,
        &[
            "Ceasefire talks resume in Geneva",
            "Envoys agree on a ceasefire",
            "Markets fall on tariff fears",
            "Central bank holds rates",
            "Summit opens in Brasilia",
            "Embassy reopens in Kabul",
            "Chip export rules tighten",
            "A new phone, again",
            "A cat show in Leeds",
            "Old starred news",
        ],
    );
    let first = id_of(&store, "Ceasefire talks resume in Geneva");
    for title in ["Geneva talks restart", "Envoys agree on a ceasefire"] {
        let id = id_of(&store, title);
        store.set_story(id, Some(first)).expect("story");
    }
    topics(
        &mut store,
        "Ceasefire talks resume in Geneva",
        &[("foreign-policy", 2.0), ("economy", 0.5)],
    );
    topics(
        &mut store,
        "Envoys agree on a ceasefire",
        &[("economy", 3.0)],
    );
    topics(
        &mut store,
        "Markets fall on tariff fears",
        &[("foreign-policy", 1.2), ("economy", 1.5)],
    );
    topics(&mut store, "Central bank holds rates", &[("economy", 3.0)]);
    topics(
        &mut store,
        "Summit opens in Brasilia",
        &[("foreign-policy", 1.0)],
    );
    topics(
        &mut store,
        "Embassy reopens in Kabul",
        &[("foreign-policy", 1.5)],
    );
    topics(&mut store, "Chip export rules tighten", &[("tech", 2.0)]);
    topics(&mut store, "A new phone, again", &[("tech", 1.1)]);
    topics(&mut store, "A cat show in Leeds", &[("culture", 0.9)]);
    store
}

fn titles(section: &TopicSection) -> Vec<&str> {
    section.stories.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn stories_are_grouped_by_topic_in_order_with_other_last() {
    let store = newsroom();
    let briefing = build(&store, &starred(None, Some(NOW - 24 * HOUR))).expect("build");
    let order: Vec<(Option<&str>, &str)> = briefing
        .topics
        .iter()
        .map(|t| (t.topic.as_deref(), t.label.as_str()))
        .collect();
    // foreign-policy has 3 stories; economy and tech 2 each (by name);
    // the cat show's only topic scores under 1.0: Other.
    assert_eq!(
        order,
        vec![
            (Some("foreign-policy"), "foreign-policy"),
            (Some("economy"), "economy"),
            (Some("tech"), "tech"),
            (None, OTHER_LABEL)
        ]
    );
    assert_eq!(
        titles(&briefing.topics[0]),
        vec![
            "Embassy reopens in Kabul",
            "Summit opens in Brasilia",
            "Ceasefire talks resume in Geneva"
        ]
    );
    assert_eq!(
        titles(&briefing.topics[1]),
        vec!["Central bank holds rates", "Markets fall on tariff fears"]
    );
    assert_eq!(titles(&briefing.topics[3]), vec!["A cat show in Leeds"]);
    // Nine starred articles in the last day, merged into eight stories;
    // the unstarred article and the 3-day-old one are not there.
    assert_eq!(briefing.article_count, 9);
    assert_eq!(briefing.story_count(), 8);
    let everything = serde_json::to_string(&briefing).expect("json");
    assert!(!everything.contains("Unstarred news"));
    assert!(!everything.contains("Old starred news"));
}

#[test]
fn a_story_appears_once_led_by_its_oldest_selected_member() {
    let store = newsroom();
    let briefing = build(&store, &starred(None, None)).expect("build");
    let geneva: Vec<&StoryEntry> = briefing
        .topics
        .iter()
        .flat_map(|t| &t.stories)
        .filter(|s| s.sources.iter().any(|x| x.title.contains("Geneva")))
        .collect();
    assert_eq!(geneva.len(), 1, "{geneva:#?}");
    let story = geneva[0];
    assert_eq!(story.title, "Ceasefire talks resume in Geneva");
    assert_eq!(story.link.as_deref(), Some("https://a.example/geneva"));
    assert_eq!(story.date, NOW - 20 * HOUR);
    let sources: Vec<(&str, &str, bool, bool)> = story
        .sources
        .iter()
        .map(|s| (s.feed.as_str(), s.title.as_str(), s.starred, s.selected))
        .collect();
    assert_eq!(
        sources,
        vec![
            ("Alpha News", "Ceasefire talks resume in Geneva", true, true),
            ("Beta Times", "Geneva talks restart", false, false),
            ("Beta Times", "Envoys agree on a ceasefire", true, true),
        ]
    );
    // The lead is cleaned: three sentences, no promo line.
    assert_eq!(
        story.lead,
        "Envoys met in Geneva on Monday to revive the ceasefire talks. Mr. Ortiz said the \
         U.S. Senate would follow closely. The talks lasted 4.5 hours."
    );
    // Its topic is the lead article's, not the other member's (economy).
    assert_eq!(briefing.topics[0].topic.as_deref(), Some("foreign-policy"));
    // The old starred article comes back without --since, under Other.
    let other = briefing.topics.last().expect("Other");
    assert!(titles(other).contains(&"Old starred news"));
}

#[test]
fn the_query_narrows_and_a_bad_query_is_an_error_with_its_span() {
    let store = newsroom();
    let briefing = build(&store, &starred(Some("feed:alpha -cat"), None)).expect("build");
    let all: Vec<&str> = briefing.topics.iter().flat_map(titles).collect();
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(
        all.iter()
            .all(|t| !t.contains("cat") && !t.contains("Kabul"))
    );
    assert_eq!(briefing.query.as_deref(), Some("feed:alpha -cat"));
    match build(&store, &starred(Some("since:yesterday"), None)) {
        Err(BriefingError::Query(e)) => assert!(e.span.start > 0, "{e:?}"),
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn noise_stays_when_starred_and_is_no_source_otherwise() {
    let mut store = newsroom();
    let geneva = id_of(&store, "Ceasefire talks resume in Geneva");
    let restart = id_of(&store, "Geneva talks restart");
    let kabul = id_of(&store, "Embassy reopens in Kabul");
    store
        .set_noise(restart, Some("promo"), Some("t"))
        .expect("noise");
    store
        .set_noise(kabul, Some("promo"), Some("t"))
        .expect("noise");
    let briefing = build(&store, &starred(None, None)).expect("build");
    let stories: Vec<&StoryEntry> = briefing.topics.iter().flat_map(|t| &t.stories).collect();
    assert!(
        stories
            .iter()
            .any(|s| s.title == "Embassy reopens in Kabul")
    );
    let story = stories
        .iter()
        .find(|s| s.story_id == geneva)
        .expect("geneva");
    assert_eq!(story.sources.len(), 2);
    assert!(story.sources.iter().all(|s| s.article_id != restart));
}

#[test]
fn nothing_starred_is_an_empty_briefing_that_says_so() {
    let store = store_with(&[item(FEED_A, "Lonely news", 1)]);
    let briefing = build(&store, &starred(None, None)).expect("build");
    assert!(briefing.is_empty());
    assert!(briefing.empty_message().starts_with("Nothing is starred"));
    for format in [Format::Markdown, Format::Json, Format::Html] {
        let text = render(&briefing, format);
        assert!(text.contains("Nothing is starred"), "{format:?}: {text}");
    }
    let filtered = build(&store, &starred(Some("iran"), None)).expect("build");
    assert_eq!(filtered.empty_message(), "No starred article matches.");
}
