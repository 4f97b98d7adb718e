//! The offline demo: `sift::demo::prepare` builds a whole cache from the
//! bundled feeds and pages (a real poll of `file://` feeds, then the pages
//! stored as full text), and never needs the network.

mod cli_support;

use std::collections::BTreeMap;
use std::path::Path;

use sift::config::{Config, Paths};
use sift::model::{Article, ArticleSummary};
use sift::query::Query;
use sift::store::{FullTextStatus, NoiseFilter, QueryOptions, Store};

/// Items in the bundled feeds, and how many of them are noise.
const ALL_ITEMS: u64 = 56;
const NOISE_ITEMS: u64 = 7;

fn prepare(dir: &Path) -> (Paths, Store) {
    let paths = sift::demo::prepare(dir)
        .unwrap_or_else(|e| panic!("prepare: {e:#}"))
        .paths;
    let store = Store::open(&paths.database()).unwrap();
    (paths, store)
}

fn articles(store: &Store, noise: NoiseFilter) -> Vec<ArticleSummary> {
    store
        .query_articles(
            &Query::all(),
            &QueryOptions {
                noise,
                ..Default::default()
            },
        )
        .unwrap()
}

fn article_titled(store: &Store, title: &str) -> Article {
    let summary = articles(store, NoiseFilter::Include)
        .into_iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no article titled {title:?}"));
    store.article(summary.id).unwrap().unwrap()
}

#[test]
fn the_demo_holds_every_feed_and_marks_its_noise() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, store) = prepare(&dir.path().join("demo"));

    let count = |noise| store.count_query(&Query::all(), noise).unwrap();
    assert_eq!(count(NoiseFilter::Include), ALL_ITEMS);
    assert_eq!(count(NoiseFilter::Only), NOISE_ITEMS);
    assert_eq!(count(NoiseFilter::Hide), ALL_ITEMS - NOISE_ITEMS);

    let feeds: BTreeMap<String, u64> = store
        .feeds()
        .unwrap()
        .into_iter()
        .map(|f| (f.display_name().to_owned(), f.total))
        .collect();
    let expected: BTreeMap<String, u64> = [
        ("Business", 11),
        ("Culture & sport", 11),
        ("Foreign desk", 10),
        ("Technology", 10),
        ("World news", 14),
    ]
    .into_iter()
    .map(|(name, n)| (name.to_owned(), n))
    .collect();
    assert_eq!(feeds, expected);

    // Each kind of item-level noise is there, marked with its rule.
    let mut kinds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in articles(&store, NoiseFilter::Only) {
        assert!(a.noise_rule.is_some(), "{a:?}");
        kinds
            .entry(a.noise_kind.clone().unwrap_or_default())
            .or_default()
            .push(a.title.clone());
    }
    assert_eq!(kinds["promo"].len(), 2, "{kinds:?}");
    assert!(
        kinds["promo"]
            .iter()
            .all(|t| t == "All you need to know about everything that matters")
    );
    assert_eq!(kinds["puzzle"].len(), 3, "{kinds:?}");
    assert!(kinds["puzzle"].iter().any(|t| t.starts_with("Crossword: ")));
    assert_eq!(kinds["ad"].len(), 2, "{kinds:?}");
    assert_eq!(kinds.len(), 3, "{kinds:?}");

    // Foreign-policy words in other senses are news, not noise.
    let shown: Vec<String> = articles(&store, NoiseFilter::Hide)
        .into_iter()
        .map(|a| a.title)
        .collect();
    for title in [
        "Regulator sanctions Harbourline Bank over lax money-laundering checks",
        "Supermarkets call a ceasefire in the milk price war",
        "Climbers reach the summit of Annapurna by its south face in winter",
        "Midfield diplomacy: how Ruth Okonjo keeps a divided dressing room together",
    ] {
        assert!(shown.iter().any(|t| t == title), "{title} is missing");
    }

    // The demo's own config keeps page fetching off.
    assert_eq!(Config::load(&paths).unwrap().poll.full_text_fetches, 0);
}

#[test]
fn nothing_in_the_demo_points_at_a_real_host() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, store) = prepare(dir.path());
    let feeds = std::fs::read_to_string(paths.feeds_file()).unwrap();
    let urls: Vec<&str> = feeds
        .lines()
        .filter_map(|l| l.strip_prefix("url = "))
        .collect();
    assert_eq!(urls.len(), 5, "{feeds}");
    assert!(urls.iter().all(|u| u.starts_with("\"file://")), "{feeds}");
    for a in articles(&store, NoiseFilter::Include) {
        let link = a.link.clone().unwrap_or_default();
        let host = url::Url::parse(&link)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        assert!(host.ends_with(".invalid"), "{link}");
        // Nothing is left queued for a fetch the demo can never make.
        let state = store.full_text_state(a.id).unwrap().unwrap();
        assert!(
            !matches!(
                state.status,
                Some(FullTextStatus::Wanted | FullTextStatus::Failed)
            ),
            "{link}: {state:?}"
        );
    }
}

#[test]
fn world_news_articles_carry_their_cleaned_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = prepare(dir.path());
    let rules = sift::clean::RuleSet::builtin();

    let world: Vec<ArticleSummary> = articles(&store, NoiseFilter::Hide)
        .into_iter()
        .filter(|a| a.feed_title == "World news")
        .collect();
    assert_eq!(world.len(), 9);
    for summary in &world {
        let article = store.article(summary.id).unwrap().unwrap();
        let html = article.full_html.as_deref().unwrap_or("");
        assert!(html.len() > 2000, "{}: {html}", summary.title);
    }

    let article = article_titled(&store, "Will the Tromsø pact keep the Arctic calm?");
    // The feed itself only had the standfirst.
    assert!(article.summary.as_deref().unwrap_or("").len() < 200);
    let cleaned = sift::render::cleaned_body(&article, &rules);
    let kept = cleaned.text();
    for body in [
        "Eight Arctic governments have signed a pact in the Norwegian city of Tromsø",
        "What did the commentators say?",
        "the people most relieved may be the insurers",
    ] {
        assert!(kept.contains(body), "lost {body:?}:\n{kept}");
    }
    for noise in [
        "Sign up for The Roundup",
        "A free daily email",
        "Greenland's long road to independence",
        "Photograph: Marit Lunde",
    ] {
        assert!(!kept.contains(noise), "kept {noise:?}:\n{kept}");
    }
    let removed = |kind: &str, text: &str| {
        cleaned
            .removed
            .iter()
            .any(|r| r.kind.as_str() == kind && r.text.contains(text))
    };
    assert!(
        removed("promo", "free newsletters"),
        "{:?}",
        cleaned.removed
    );
    assert!(
        removed("promo", "A free daily email"),
        "{:?}",
        cleaned.removed
    );
    assert!(
        removed("related", "Greenland's long road to independence"),
        "{:?}",
        cleaned.removed
    );
    assert!(removed("credit", "Marit Lunde"), "{:?}", cleaned.removed);
    let hidden = cleaned.hidden_summary();
    assert!(
        hidden.contains("2 promo") && hidden.contains("related"),
        "{hidden}"
    );
}

#[test]
fn foreign_desk_noise_is_hidden_from_the_feeds_own_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = prepare(dir.path());
    let rules = sift::clean::RuleSet::builtin();
    let article = article_titled(
        &store,
        "Arctic states sign rescue pact in Tromsø after all-night talks",
    );
    assert!(article.full_html.is_none());
    let cleaned = sift::render::cleaned_body(&article, &rules);
    let kept = cleaned.text();
    assert!(
        kept.contains("a sailor in the water is a sailor in the water"),
        "{kept}"
    );
    assert!(kept.contains("impossible to forget"), "{kept}");
    for noise in [
        "Sign up for World Briefing",
        "Related: Traffic on the Northern Sea Route",
        "Photograph: Erik Nygaard",
        "Share this article",
        "More on this story",
        "Svalbard braces for its busiest cruise season",
    ] {
        assert!(!kept.contains(noise), "kept {noise:?}:\n{kept}");
        assert!(
            cleaned.removed.iter().any(|r| r.text.contains(noise)),
            "{noise:?} not recorded: {:?}",
            cleaned.removed
        );
    }
}

#[test]
fn dates_are_recent_and_spread_over_days() {
    let dir = tempfile::tempdir().unwrap();
    let before = chrono::Utc::now().timestamp();
    let (_, store) = prepare(dir.path());
    let after = chrono::Utc::now().timestamp();
    let dates: Vec<i64> = articles(&store, NoiseFilter::Include)
        .iter()
        .map(|a| a.date)
        .collect();
    assert_eq!(dates.len() as u64, ALL_ITEMS);
    let newest = dates.iter().copied().max().unwrap();
    let oldest = dates.iter().copied().min().unwrap();
    assert!(newest <= after, "an article is dated in the future");
    assert!(newest >= before - 15 * 60, "the newest is not fresh");
    assert!(
        oldest >= before - 14 * 86_400,
        "an article is over 14 days old"
    );
    assert!(
        oldest <= after - 7 * 86_400,
        "the demo spans less than a week"
    );
}

#[test]
fn prepare_works_in_two_dirs_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let (first, store_a) = prepare(&dir.path().join("a"));
    let (second, store_b) = prepare(&dir.path().join("b"));
    assert_ne!(first.database(), second.database());
    for store in [&store_a, &store_b] {
        assert_eq!(
            articles(store, NoiseFilter::Include).len() as u64,
            ALL_ITEMS
        );
    }
    let e = sift::demo::prepare(&dir.path().join("a")).unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e:#}");
}

#[test]
fn prepare_inside_an_async_runtime_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let result = runtime.block_on(async { sift::demo::prepare(dir.path()) });
    let e = result.unwrap_err();
    assert!(e.to_string().contains("async runtime"), "{e:#}");
}

#[test]
fn sift_list_over_the_demo_shows_stories_and_counts_the_noise() {
    let sandbox = cli_support::Sandbox::new();
    let paths = sift::demo::prepare(&sandbox.root().join("demo"))
        .unwrap()
        .paths;
    let out = sandbox
        .sift_in(&paths.config_dir, &paths.data_dir)
        .arg("list")
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stdout.lines().count() as u64,
        ALL_ITEMS - NOISE_ITEMS,
        "{stdout}"
    );
    assert!(
        stdout.contains("Will the Tromsø pact keep the Arctic calm?"),
        "{stdout}"
    );
    assert!(stdout.contains("Foreign desk"), "{stdout}");
    assert!(!stdout.contains("All you need to know"), "{stdout}");
    assert!(!stdout.contains("Crossword"), "{stdout}");
    assert!(
        stderr.contains(&format!("({NOISE_ITEMS} noise item(s) left out")),
        "{stderr}"
    );
}

/// Search sees what the reader sees: the Brazil–Paraguay page ends with a
/// related-stories list that names the Mekong treaty, and the cleaner
/// hides that list, so only the Mekong article itself is found.
#[test]
fn search_over_the_demo_never_finds_words_of_a_hidden_list() {
    let sandbox = cli_support::Sandbox::new();
    let paths = sift::demo::prepare(&sandbox.root().join("demo"))
        .unwrap()
        .paths;
    let store = Store::open(&paths.database()).unwrap();
    let brazil = articles(&store, NoiseFilter::Include)
        .into_iter()
        .find(|a| a.title.contains("Itaipu") || a.title.contains("Paraguay"))
        .expect("the Brazil–Paraguay article");
    let brazil = store.article(brazil.id).unwrap().unwrap();
    let full = brazil.full_html.as_deref().expect("its page is stored");
    assert!(full.contains("Mekong"), "the page holds the related list");
    drop(store);

    let list = |query: &str| {
        let out = sandbox
            .sift_in(&paths.config_dir, &paths.data_dir)
            .args(["list", "-q", query])
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let mekong = list("mekong");
    assert_eq!(mekong.lines().count(), 1, "{mekong}");
    assert!(mekong.contains("The Mekong treaty"), "{mekong}");
    // The article's own words are still found.
    let itaipu = list("itaipu");
    assert!(itaipu.contains(&brazil.title), "{itaipu}");
}

/// The demo's poll scores every article for the built-in topics (its
/// settings carry them; nothing is installed process-wide), and its
/// filter bar checks `topic:` names against the same set.
#[test]
fn the_demos_articles_have_topic_scores() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sift::demo::prepare(dir.path()).unwrap();
    let store = Store::open(&settings.paths.database()).unwrap();
    let shown = articles(&store, NoiseFilter::Hide);
    let ids: Vec<_> = shown.iter().map(|a| a.id).collect();
    let scores = store.topics_of(&ids).unwrap();
    let members = |title: &str| -> Vec<String> {
        let id = shown
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| panic!("no article titled {title:?}"))
            .id;
        scores
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|(_, score)| *score >= 1.0)
            .map(|(topic, _)| topic.clone())
            .collect()
    };
    assert!(
        members("Arctic states sign rescue pact in Tromsø after all-night talks")
            .contains(&"foreign-policy".to_owned()),
        "{scores:?}"
    );
    let of_topic = |topic: &str| {
        let query = sift::query::Query::all().and(sift::query::Term::Topic(topic.into()));
        store.count_query(&query, NoiseFilter::Hide).unwrap()
    };
    let scored = scores.values().filter(|s| !s.is_empty()).count();
    assert!(
        scored * 2 > shown.len(),
        "{scored} of {} scored",
        shown.len()
    );
    for topic in ["foreign-policy", "economy", "tech", "sport"] {
        assert!(of_topic(topic) > 0, "no article of {topic}");
    }
    assert!(settings.parse_query("topic:foreign-policy", 0).is_ok());
    assert!(settings.parse_query("topic:arctic", 0).is_err());
}
