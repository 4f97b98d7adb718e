//! The filter-bar language against a real (temporary) database: each
//! field, boolean combinations, phrases against words, regexes, the noise
//! default, dates, relevance, paging; and no valid query is refused by
//! SQLite.

use sift::model::{NewArticle, Subscription};
use sift::query::{Flag, Query, Term};
use sift::store::{NoiseFilter, QueryOptions, Store, ViewOrder};

use crate::{DAY, NOW, meta, parsed};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

fn article(
    guid: &str,
    title: &str,
    days_ago: i64,
    summary: &str,
    author: Option<&str>,
) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: guid.into(),
        link: Some(format!("https://example.com/{guid}")),
        title: title.into(),
        author: author.map(Into::into),
        published: Some(NOW - days_ago * DAY),
        updated: None,
        summary: Some(summary.into()),
        content: None,
    }
}

/// Feed "The Week — World" (tag world) and feed "Le Monde Économie" (tag
/// business, URL on news.example), seven articles, two of them noise.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("sift.db")).expect("open");
    let week = Subscription {
        url: "https://theweek.example/world/rss".into(),
        title: Some("The Week — World".into()),
        tags: vec!["world".into()],
    };
    let monde = Subscription {
        url: "https://news.example/eco.xml".into(),
        title: Some("Le Monde Économie".into()),
        tags: vec!["business".into()],
    };
    store
        .sync_subscriptions(&[week.clone(), monde.clone()])
        .expect("sync");
    let feed = |s: &Subscription| store.feed_by_url(&s.url).expect("query").expect("feed").id;
    let (week_id, monde_id) = (feed(&week), feed(&monde));

    let mut talks = article(
        "talks",
        "Iran sanctions talks resume in Geneva",
        1,
        "<p>Envoys met on <b>Tuesday</b></p>",
        Some("Jane Smith"),
    );
    talks.content = Some("<p>Oil exports were discussed.</p>".into());
    let mut shifts = article(
        "shifts",
        "Policy shifts as ministers meet",
        3,
        "Foreign ministers agree",
        Some("Ahmed Ali"),
    );
    shifts.content = Some("<p>A new policy, they say.</p>".into());
    store
        .ingest(
            week_id,
            &parsed(vec![
                talks,
                article(
                    "election",
                    "After the election",
                    2,
                    "A look at foreign policy",
                    None,
                ),
                shifts,
                article(
                    "offer",
                    "All you need to know about everything that matters",
                    0,
                    "Subscribe",
                    None,
                ),
                article("puzzle", "Crossword for Iran", 5, "Clues", None),
            ]),
            &meta(NOW),
        )
        .expect("ingest week");
    store
        .ingest(
            monde_id,
            &parsed(vec![
                article(
                    "exports",
                    "Sanctions hit exports",
                    10,
                    "Exports of oil fall",
                    Some("Émile Zola"),
                ),
                article(
                    "harvest",
                    "Harvest report",
                    40,
                    "<p>Wheat &amp; barley in Kyiv</p>",
                    None,
                ),
            ]),
            &meta(NOW),
        )
        .expect("ingest monde");
    let fixture = Fixture { _dir: dir, store };
    let id = |t: &str| fixture.id(t);
    let (offer, puzzle, shifts, exports, harvest) = (
        id("All you need"),
        id("Crossword"),
        id("Policy shifts"),
        id("Sanctions hit"),
        id("Harvest"),
    );
    let mut store = fixture.store;
    store
        .set_noise(offer, Some("promo"), Some("offer-title"))
        .expect("noise");
    store
        .set_noise(puzzle, Some("puzzle"), Some("puzzle-item"))
        .expect("noise");
    store.set_starred(&[shifts], true).expect("star");
    store.set_read(&[exports], true).expect("read");
    store
        .set_article_tags(harvest, &["farming".into()])
        .expect("tag");
    Fixture {
        _dir: fixture._dir,
        store,
    }
}

impl Fixture {
    /// The id of the one article whose title starts with `prefix`.
    fn id(&self, prefix: &str) -> i64 {
        let all = self
            .store
            .query_articles(
                &Query::all(),
                &QueryOptions {
                    noise: NoiseFilter::Include,
                    ..Default::default()
                },
            )
            .expect("list");
        let hits: Vec<_> = all.iter().filter(|a| a.title.starts_with(prefix)).collect();
        assert_eq!(hits.len(), 1, "{prefix}: {hits:?}");
        hits[0].id
    }

    /// Title prefixes (first word) of what `q` lists, newest first.
    fn list_with(&self, q: &str, options: QueryOptions) -> Vec<String> {
        let query = Query::parse(q, NOW).unwrap_or_else(|e| panic!("{q:?}: {e}"));
        let rows = self
            .store
            .query_articles(&query, &options)
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
        let count = self
            .store
            .count_query(&query, options.noise)
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
        if options.limit.is_none() && options.offset == 0 {
            assert_eq!(count, rows.len() as u64, "{q:?}: count and list agree");
        }
        rows.into_iter()
            .map(|a| a.title.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    }

    fn list(&self, q: &str) -> Vec<String> {
        self.list_with(q, QueryOptions::default())
    }
}

#[test]
fn each_field_selects_what_it_names() {
    let f = fixture();
    // Everything but noise, newest first.
    assert_eq!(
        f.list(""),
        ["Iran", "After", "Policy", "Sanctions", "Harvest"]
    );
    assert_eq!(f.list("feed:week"), ["Iran", "After", "Policy"]);
    // Unicode case folding on titles, and the URL counts too.
    assert_eq!(f.list("feed:ÉCONOMIE"), ["Sanctions", "Harvest"]);
    assert_eq!(f.list("feed:news.example"), ["Sanctions", "Harvest"]);
    assert_eq!(f.list("tag:WORLD"), ["Iran", "After", "Policy"]);
    assert_eq!(f.list("tag:farming"), ["Harvest"], "an article tag");
    assert!(f.list("tag:worl").is_empty(), "tags match whole");
    assert_eq!(f.list("title:sanctions"), ["Iran", "Sanctions"]);
    assert_eq!(f.list("title:policy"), ["Policy"]);
    assert_eq!(f.list("title:\"hit exports\""), ["Sanctions"]);
    assert_eq!(f.list("author:smith"), ["Iran"]);
    assert_eq!(f.list("author:émile"), ["Sanctions"]);
    assert_eq!(f.list("author:ÉMILE"), ["Sanctions"]);
    assert_eq!(f.list("is:unread"), ["Iran", "After", "Policy", "Harvest"]);
    assert_eq!(f.list("is:read"), ["Sanctions"]);
    assert_eq!(f.list("is:starred"), ["Policy"]);
    assert_eq!(f.list("is:noise"), ["All", "Crossword"]);
}

#[test]
fn words_phrases_and_booleans() {
    let f = fixture();
    // Words may sit anywhere (title, summary, content); a phrase may not.
    assert_eq!(f.list("foreign policy"), ["After", "Policy"]);
    assert_eq!(f.list("\"foreign policy\""), ["After"]);
    assert_eq!(f.list("policy -\"foreign policy\""), ["Policy"]);
    assert_eq!(f.list("oil exports"), ["Iran", "Sanctions"]);
    assert_eq!(f.list("IRAN"), ["Iran"]);
    assert_eq!(f.list("sanctions -feed:économie"), ["Iran"]);
    assert_eq!(f.list("sanctions not feed:week"), ["Sanctions"]);
    assert_eq!(f.list("iran or harvest"), ["Iran", "Harvest"]);
    assert_eq!(f.list("(iran or harvest) is:read"), Vec::<String>::new());
    assert_eq!(f.list("iran or is:read"), ["Iran", "Sanctions"]);
    assert_eq!(
        f.list("not (iran or sanctions)"),
        ["After", "Policy", "Harvest"]
    );
    assert_eq!(f.list("-oil -kyiv"), ["After", "Policy"]);
    assert_eq!(f.list("kyiv and tag:farming"), ["Harvest"]);
    // Entities and markup are not words; the decoded text is.
    assert_eq!(f.list("wheat barley"), ["Harvest"]);
    assert!(f.list("amp").is_empty());
    // Text that looks like FTS5 syntax is only text.
    assert!(f.list("iran NEAR geneva*").is_empty());
    assert_eq!(f.list("geneva* tom & jerry -—"), Vec::<String>::new());
    assert_eq!(f.list("& geneva"), ["Iran"]);
}

#[test]
fn regexes_match_title_and_summary_text() {
    let f = fixture();
    assert_eq!(f.list("/^sanctions?\\b/"), ["Sanctions"]);
    assert_eq!(f.list("/SANCTIONS/"), ["Iran", "Sanctions"]);
    // The summary's text, tags stripped and entities decoded.
    assert_eq!(f.list("/met on tuesday/"), ["Iran"]);
    assert_eq!(f.list("/wheat & barley/"), ["Harvest"]);
    assert!(f.list("/<b>/").is_empty());
    // Content is not searched by regexes.
    assert!(f.list("/discussed/").is_empty());
    assert_eq!(f.list("-/iran|shifts/ feed:week"), ["After"]);
}

#[test]
fn dates_since_and_before() {
    let f = fixture();
    assert_eq!(f.list("since:2d"), ["Iran", "After"]);
    assert_eq!(f.list("before:7d"), ["Sanctions", "Harvest"]);
    assert_eq!(f.list("since:30d before:2d"), ["Policy", "Sanctions"]);
    assert_eq!(f.list("-since:2d is:unread"), ["Policy", "Harvest"]);
}

#[test]
fn noise_is_hidden_unless_asked_for() {
    let f = fixture();
    assert_eq!(f.list("iran"), ["Iran"]);
    let include = QueryOptions {
        noise: NoiseFilter::Include,
        ..Default::default()
    };
    assert_eq!(f.list_with("iran", include), ["Iran", "Crossword"]);
    let only = QueryOptions {
        noise: NoiseFilter::Only,
        ..Default::default()
    };
    assert_eq!(f.list_with("iran", only), ["Crossword"]);
    assert_eq!(f.list("iran is:noise"), ["Crossword"]);
    assert_eq!(f.list("iran -is:noise"), ["Iran"]);
    assert_eq!(
        f.list("is:noise or harvest"),
        ["All", "Crossword", "Harvest"]
    );

    let counts = |q: &str| {
        f.store
            .noise_counts(&Query::parse(q, NOW).expect("parse"))
            .expect("counts")
    };
    assert_eq!(
        counts(""),
        [("promo".to_string(), 1), ("puzzle".to_string(), 1)]
    );
    assert_eq!(counts("iran"), [("puzzle".to_string(), 1)]);
    assert!(counts("harvest").is_empty());
    assert!(counts("is:noise").is_empty(), "nothing is hidden");
}

#[test]
fn relevance_order_and_paging() {
    let f = fixture();
    // "exports": in the older article's title, in the newer one's content.
    assert_eq!(f.list("exports"), ["Iran", "Sanctions"]);
    assert_eq!(f.list("exports sort:relevance"), ["Sanctions", "Iran"]);
    // Rows that match without words come after the ranked ones, by date.
    assert_eq!(
        f.list("exports or is:starred sort:relevance"),
        ["Sanctions", "Iran", "Policy"]
    );
    // The interface's id list (query_ids edits list_sql's text) keeps
    // the relevance order.
    let query = Query::parse("exports or is:starred sort:relevance", NOW).expect("parse");
    let ids = f
        .store
        .query_ids(&query, NoiseFilter::Hide, ViewOrder::Newest)
        .expect("ids");
    assert_eq!(
        ids,
        [f.id("Sanctions"), f.id("Iran"), f.id("Policy")],
        "ranked ids"
    );
    // Without words, relevance is date order.
    assert_eq!(
        f.list("feed:week sort:relevance"),
        ["Iran", "After", "Policy"]
    );

    let page = QueryOptions {
        limit: Some(2),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(f.list_with("", page), ["After", "Policy"]);
    let oldest = QueryOptions {
        oldest_first: true,
        ..Default::default()
    };
    assert_eq!(
        f.list_with("feed:week", oldest),
        ["Policy", "After", "Iran"]
    );
    let query = Query::parse("feed:week", NOW).expect("parse");
    assert_eq!(
        f.store
            .count_query(&query, NoiseFilter::Hide)
            .expect("count"),
        3
    );
    assert_eq!(
        f.store
            .count_query(&query, NoiseFilter::Include)
            .expect("count"),
        5
    );
}

#[test]
fn callers_can_narrow_a_query() {
    let f = fixture();
    let week = f
        .store
        .feed_by_url("https://theweek.example/world/rss")
        .expect("query")
        .expect("feed")
        .id;
    let titles = |query: &Query| -> Vec<String> {
        f.store
            .query_articles(query, &QueryOptions::default())
            .expect("list")
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    let query = Query::parse("sanctions or harvest", NOW).expect("parse");
    assert_eq!(titles(&query).len(), 3);
    let unread = query.and(Term::Is(Flag::Unread));
    assert_eq!(
        titles(&unread),
        ["Iran sanctions talks resume in Geneva", "Harvest report"]
    );
    let in_week = unread.and(Term::FeedId(week));
    assert_eq!(titles(&in_week), ["Iran sanctions talks resume in Geneva"]);
}

#[test]
fn word_queries_use_the_fts_index_and_unread_uses_its_index() {
    let f = fixture();
    let plan = |q: &str, count: bool| {
        let query = Query::parse(q, NOW).expect("parse");
        let options = QueryOptions {
            limit: Some(50),
            ..Default::default()
        };
        f.store
            .explain_query(&query, &options, count)
            .expect("explain")
            .join("\n")
    };
    let words = plan("iran sanctions talks", false);
    assert!(words.contains("VIRTUAL TABLE INDEX"), "{words}");
    let unread = plan("is:unread", true);
    assert!(unread.contains("articles_unread"), "{unread}");
}

/// A small deterministic generator, so no dependency is needed.
fn lcg(state: &mut u64) -> usize {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*state >> 33) as usize
}

#[test]
fn every_query_that_parses_runs() {
    let f = fixture();
    let pieces = [
        "(",
        ")",
        "\"",
        "-",
        " ",
        " ",
        " ",
        "or",
        "and",
        "not",
        "iran",
        "policy",
        "feed:",
        "week",
        "tag:world",
        "title:",
        "is:unread",
        "is:noise",
        "since:2d",
        "before:1w",
        "author:a",
        "sort:relevance",
        "/ir.n/",
        "*",
        "^",
        "NEAR",
        "é",
        "&",
        ":",
        "+",
        "{",
        "}",
        "x",
        "1",
    ];
    let mut state = 1;
    let mut ran = 0;
    for _ in 0..3_000 {
        let n = 1 + lcg(&mut state) % 16;
        let input: String = (0..n)
            .map(|_| pieces[lcg(&mut state) % pieces.len()])
            .collect();
        let Ok(query) = Query::parse(&input, NOW) else {
            continue;
        };
        ran += 1;
        for noise in [NoiseFilter::Hide, NoiseFilter::Include] {
            let options = QueryOptions {
                noise,
                limit: Some(10),
                ..Default::default()
            };
            let rows = f
                .store
                .query_articles(&query, &options)
                .unwrap_or_else(|e| panic!("{input:?}: {e}"));
            let count = f
                .store
                .count_query(&query, noise)
                .unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert!(rows.len() as u64 <= count, "{input:?}");
        }
        f.store
            .noise_counts(&query)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"));
    }
    assert!(ran > 300, "only {ran} queries parsed");
}

#[test]
fn a_regex_sees_an_edited_summary_and_nothing_of_a_removed_feed() {
    let (dir, mut store, feeds) = crate::store_with_feeds(2);
    let mut first = crate::item("g", "Envoys meet", Some(NOW));
    first.summary = Some("<p>Talks in <b>Vienna</b></p>".into());
    store
        .ingest(feeds[0], &parsed(vec![first.clone()]), &meta(NOW))
        .expect("ingest");
    let mut kept = crate::item("k", "Kept article", Some(NOW));
    kept.summary = Some("Talks in Vienna too".into());
    store
        .ingest(feeds[1], &parsed(vec![kept]), &meta(NOW))
        .expect("ingest");
    let titles = |store: &Store, text: &str| -> Vec<String> {
        let query = Query::parse(text, NOW).expect("parse");
        store
            .query_articles(&query, &QueryOptions::default())
            .expect("query")
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    // Same date: the later stored first.
    assert_eq!(
        titles(&store, "/talks in vienna/"),
        ["Kept article", "Envoys meet"]
    );

    // The feed edits the item: the regex reads the new text only.
    first.summary = Some("Talks moved to <i>Oslo</i>".into());
    store
        .ingest(feeds[0], &parsed(vec![first]), &meta(NOW + 60))
        .expect("re-ingest");
    assert_eq!(titles(&store, "/talks in vienna/"), ["Kept article"]);
    assert_eq!(titles(&store, "/moved to oslo/"), ["Envoys meet"]);

    // Removing the feed leaves no plain text behind.
    assert!(store.remove_feed(feeds[0]).expect("remove"));
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("sift.db")).expect("open");
    let left: Vec<String> = conn
        .prepare("SELECT text FROM article_plain")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(left, ["Kept article\nTalks in Vienna too"]);
}
