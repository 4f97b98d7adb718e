use super::*;
use crate::ingest::{IndexText, ItemPlan};
use crate::model::{FeedId, NewArticle, ParsedFeed, Subscription};
use crate::store::{IngestMeta, Store};

fn item(guid: &str, title: &str, content: Option<&str>) -> NewArticle {
    NewArticle {
        guid: guid.into(),
        title: title.into(),
        link: Some(format!("https://example.com/{guid}")),
        summary: Some("The talks resumed.".into()),
        content: content.map(str::to_owned),
        author: None,
        published: None,
        updated: None,
        enclosures: Vec::new(),
    }
}

fn plan(body: &str) -> ItemPlan {
    ItemPlan {
        index: IndexText {
            summary: Some("The talks resumed.".into()),
            body: Some(body.into()),
        },
        verdict: None,
        topics: Vec::new(),
        wants_full_text: false,
        signature: None,
    }
}

fn feed() -> ParsedFeed {
    let mut untitled = item(
        "untitled",
        "",
        Some("<p>Ministers met in Vientiane to talk about the dam.</p>"),
    );
    // Its title comes from its content, which preparing takes away.
    untitled.summary = None;
    let long = "<p>Talks on the Mekong dam resumed on Tuesday in Vientiane.</p>\n".repeat(30);
    ParsedFeed {
        title: Some("World".into()),
        items: vec![
            item("long", "Mekong talks", Some(&long)),
            item("short", "Short one", Some("<p>Brief.</p>")),
            untitled,
            item("bare", "No body", None),
            item("known", "Known", Some(&long)),
        ],
        ..ParsedFeed::default()
    }
}

fn plans() -> Vec<Option<ItemPlan>> {
    vec![
        Some(plan("talks mekong dam")),
        Some(plan("brief")),
        Some(plan("ministers vientiane")),
        Some(plan("")),
        // Known unchanged: no plan, and left whole.
        None,
    ]
}

/// An article as stored: guid, title, title derived, the content's type
/// and value (quoted), hash.
type Row = (String, String, bool, String, String, i64);

/// What the cache holds of each article, and what the index finds.
fn stored(prepare: bool) -> (Vec<Row>, Vec<i64>) {
    let mut store = Store::open_in_memory().expect("store");
    store
        .sync_subscriptions(&[Subscription {
            url: "https://example.com/feed".into(),
            title: None,
            tags: Vec::new(),
        }])
        .expect("feed");
    let feed_id: FeedId = store
        .feed_by_url("https://example.com/feed")
        .expect("feed")
        .expect("added")
        .id;
    let mut parsed = feed();
    let mut plans = plans();
    let prepared = prepare.then(|| PreparedFeed::take_from(&mut parsed, &mut plans));
    if prepare {
        assert!(parsed.items[..4].iter().all(|i| i.content.is_none()));
        assert!(
            parsed.items[4].content.is_some(),
            "an unplanned item stays whole"
        );
        assert!(plans[0].as_ref().unwrap().index.body.is_none());
    }
    let rules = crate::clean::RuleSet::default();
    let meta = IngestMeta {
        now: 1_700_000_000,
        ..IngestMeta::default()
    };
    store
        .ingest_planned(feed_id, &parsed, &plans, prepared.as_ref(), &rules, &meta)
        .expect("ingest");
    let rows = store
        .conn
        .prepare(
            "SELECT guid, title, title_derived, typeof(content), quote(content), feed_hash
             FROM articles ORDER BY guid",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let found = store
        .conn
        .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'vientiane OR mekong' ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (rows, found)
}

#[test]
fn a_feed_prepared_ahead_is_stored_as_one_prepared_by_the_writer() {
    let (ahead, found_ahead) = stored(true);
    let (here, found_here) = stored(false);
    assert_eq!(ahead, here);
    assert_eq!(found_ahead, found_here);
    // The rows are what they should be, not only equal.
    let kinds: Vec<(&str, &str)> = ahead.iter().map(|r| (r.0.as_str(), r.3.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("bare", "null"),
            ("known", "blob"),
            ("long", "blob"),
            ("short", "text"),
            ("untitled", "text")
        ]
    );
    let untitled = &ahead[4];
    assert!(untitled.2, "the title is marked derived");
    assert!(untitled.1.starts_with("Ministers met"), "{}", untitled.1);
    // Two from the plans' bodies, one from the unplanned item's content.
    assert_eq!(found_ahead.len(), 3);
}

#[test]
fn the_bodies_and_index_texts_share_one_buffer() {
    let mut parsed = feed();
    let mut plans = plans();
    let prepared = PreparedFeed::take_from(&mut parsed, &mut plans);
    let item = prepared.item(0).expect("prepared");
    let plan = plans[0].as_ref().expect("planned");
    assert!(plan.index.body.is_none(), "taken into the buffer");
    let text = Columns::of(&parsed.items[0], Some(item)).index_text(plan);
    assert_eq!(text.body.as_deref(), Some("talks mekong dam"));
    assert_eq!(text.summary.as_deref(), Some("The talks resumed."));
    assert!(prepared.item(4).is_none(), "not planned, not prepared");
    assert!(prepared.item(9).is_none());
    let texts = "talks mekong dam".len() + "brief".len() + "ministers vientiane".len();
    assert!(prepared.bulk.len() > texts);
    assert_eq!(prepared.bulk.capacity(), prepared.bulk.len(), "sized once");
}
