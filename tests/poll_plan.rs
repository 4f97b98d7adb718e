//! One `PollPlan` for every front end, built from `Settings` loaded once:
//! the interface's poll follows a permanent move as `sift poll` does, a
//! poll scores with the topics of the settings it was planned from (two
//! settings in one process do not mix), and a bad rules file is said once
//! however many polls run.

mod support;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use sift::config::Paths;
use sift::config::feeds::FeedsFile;
use sift::poller::{FeedChoice, PlanError, PollRequest};
use sift::query::Query;
use sift::settings::Settings;
use sift::store::{QueryOptions, Store};
use sift::tui::app::Msg;
use support::server::{Reply, TestServer};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><guid>g1</guid><title>Reindeer herds return to Svalbard</title>
<description>Svalbard reindeer numbers recover after a mild winter.</description>
<link>http://example.test/1</link></item>
<item><guid>g2</guid><title>Second</title><link>http://example.test/2</link></item>
</channel></rss>"#;

/// A config directory subscribed to `urls`, with page fetching off (the
/// items link to example.test).
fn configured(dir: &Path, urls: &[String]) -> Paths {
    let paths = Paths {
        config_dir: dir.join("config"),
        data_dir: dir.join("data"),
    };
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_file(), "[poll]\nfull_text_fetches = 0\n").unwrap();
    let feeds: String = urls
        .iter()
        .map(|url| format!("[[feed]]\nurl = \"{url}\"\n"))
        .collect();
    std::fs::write(paths.feeds_file(), feeds).unwrap();
    paths
}

/// The cache with its feed list in line with feeds.toml, as the CLI
/// leaves it before the interface opens.
fn synced_store(paths: &Paths) -> Store {
    let feeds = FeedsFile::load(&paths.feeds_file()).unwrap();
    let mut store = Store::open(&paths.database()).unwrap();
    store.sync_subscriptions(&feeds.subscriptions()).unwrap();
    store
}

/// Runs the interface's poll (`r`, or `R` on one feed) to its end and
/// returns what it told the interface.
fn interface_poll(
    settings: &Settings,
    feed: Option<sift::model::FeedId>,
) -> (u64, Vec<String>, Vec<String>) {
    let (tx, rx) = mpsc::channel();
    let thread = sift::tui::poll::start(settings.clone(), feed, tx);
    thread.join().expect("the poll thread");
    loop {
        match rx.recv_timeout(Duration::from_secs(30)).expect("a message") {
            Msg::PollFinished { new, failed, notes } => return (new, failed, notes),
            Msg::PollProgress { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn a_poll_from_the_interface_follows_a_permanent_move() {
    let server = TestServer::start();
    let new_url = server.url("/new.xml");
    let target = new_url.clone();
    server.route("/old.xml", move |_| {
        Reply::status(301).header("Location", &target)
    });
    server.route("/new.xml", |_| Reply::ok(FEED));
    let dir = tempfile::tempdir().unwrap();
    let old_url = server.url("/old.xml");
    let paths = configured(dir.path(), std::slice::from_ref(&old_url));
    let id = synced_store(&paths).feeds().unwrap()[0].id;
    let settings = Settings::load(paths.clone()).unwrap();

    let (new, failed, notes) = interface_poll(&settings, None);
    assert_eq!(new, 2);
    assert!(failed.is_empty(), "{failed:?}");
    assert!(
        notes.iter().any(
            |n| n == &format!("moved permanently: {old_url} -> {new_url} (feeds.toml updated)")
        ),
        "{notes:?}"
    );
    let feeds_toml = std::fs::read_to_string(paths.feeds_file()).unwrap();
    assert!(feeds_toml.contains(&new_url), "{feeds_toml}");
    assert!(!feeds_toml.contains(&old_url), "{feeds_toml}");
    let states = Store::open(&paths.database()).unwrap().feeds().unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!(
        (states[0].id, states[0].url.as_str()),
        (id, new_url.as_str())
    );

    // `R` on the feed: the new URL is asked, the old one never again.
    let (new, failed, _) = interface_poll(&settings, Some(id));
    assert_eq!((new, failed.len()), (0, 0), "{failed:?}");
    assert_eq!(server.requests_to("/old.xml").len(), 1);
    assert_eq!(server.requests_to("/new.xml").len(), 2);
}

/// The topic scores of each article, by title.
fn topics_by_title(store: &Store) -> Vec<(String, Vec<String>)> {
    let articles = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .unwrap();
    let ids: Vec<_> = articles.iter().map(|a| a.id).collect();
    let scores = store.topics_of(&ids).unwrap();
    articles
        .into_iter()
        .map(|a| {
            let mut names: Vec<String> = scores
                .get(&a.id)
                .into_iter()
                .flatten()
                .filter(|(_, score)| *score >= 1.0)
                .map(|(name, _)| name.clone())
                .collect();
            names.sort();
            (a.title, names)
        })
        .collect()
}

/// Plans and runs one poll of everything, as the CLI and the demo do.
fn poll_all(settings: &Settings) -> Store {
    let store = synced_store(&settings.paths);
    let plan = settings
        .poll_plan(&store, &PollRequest::default(), |_| {})
        .unwrap();
    let outcome = plan.run(store, |_| {}).unwrap();
    assert!(
        outcome.summary.failures().is_empty(),
        "{:?}",
        outcome.summary.failures()
    );
    outcome.store
}

#[test]
fn a_poll_scores_with_the_topics_of_its_own_settings() {
    let server = TestServer::start();
    server.route("/feed.xml", |_| Reply::ok(FEED));
    let url = server.url("/feed.xml");
    // Two users in one process: one defined an arctic topic, one did not.
    let mine = tempfile::tempdir().unwrap();
    let plain = tempfile::tempdir().unwrap();
    let with_arctic = configured(mine.path(), std::slice::from_ref(&url));
    std::fs::write(
        with_arctic.config_dir.join("topics.toml"),
        "[topics.arctic]\nlabel = \"The Arctic\"\nthreshold = 2\n\
         [[topics.arctic.terms]]\nweight = 2\nwords = [\"Svalbard\", \"reindeer\"]\n",
    )
    .unwrap();
    let without = configured(plain.path(), std::slice::from_ref(&url));
    let arctic = Settings::load(with_arctic).unwrap();
    let builtin = Settings::load(without).unwrap();
    assert!(arctic.topic_names().contains(&"arctic".to_owned()));
    assert!(!builtin.topic_names().contains(&"arctic".to_owned()));

    let scored = topics_by_title(&poll_all(&arctic));
    let reindeer = |rows: &[(String, Vec<String>)]| {
        rows.iter()
            .find(|(t, _)| t.starts_with("Reindeer"))
            .map(|(_, names)| names.clone())
            .expect("the reindeer article")
    };
    assert_eq!(reindeer(&scored), ["arctic"], "{scored:?}");
    let scored = topics_by_title(&poll_all(&builtin));
    assert!(reindeer(&scored).is_empty(), "{scored:?}");

    // Queries check `topic:` against the same settings.
    assert!(arctic.parse_query("topic:arctic", 0).is_ok());
    let e = builtin.parse_query("topic:arctic", 0).unwrap_err();
    assert!(e.message.contains("unknown topic `arctic`"), "{e}");
}

#[test]
fn a_bad_rules_file_is_said_once_however_many_polls_run() {
    let server = TestServer::start();
    server.route("/feed.xml", |_| Reply::ok(FEED));
    let dir = tempfile::tempdir().unwrap();
    let paths = configured(dir.path(), &[server.url("/feed.xml")]);
    std::fs::create_dir_all(paths.rules_dir()).unwrap();
    std::fs::write(
        paths.rules_dir().join("bad.toml"),
        "[[item]]\nname = \"x\"\nkind = \"promo\"\ntitle_matches = \"(\"\n",
    )
    .unwrap();
    let settings = Settings::load(paths.clone()).unwrap();
    let mut said: Vec<String> = Vec::new();
    for _ in 0..3 {
        let store = synced_store(&paths);
        let request = PollRequest {
            force: true,
            ..PollRequest::default()
        };
        let plan = settings
            .poll_plan(&store, &request, |skipped| said.extend_from_slice(skipped))
            .unwrap();
        plan.run(store, |_| {}).unwrap();
    }
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("bad.toml:1: item rule `x`"), "{:?}", said);
    assert_eq!(server.requests_to("/feed.xml").len(), 3);
    // The interface's polls share the same rules: nothing more is said
    // and nothing is read again.
    std::fs::remove_dir_all(paths.rules_dir()).unwrap();
    let (_, failed, _) = interface_poll(&settings, None);
    assert!(failed.is_empty(), "{failed:?}");
    settings.rules(|skipped| panic!("said again: {skipped:?}"));
}

#[test]
fn a_tag_no_feed_has_is_an_error_before_anything_is_fetched() {
    let server = TestServer::start();
    server.route("/feed.xml", |_| Reply::ok(FEED));
    let dir = tempfile::tempdir().unwrap();
    let paths = configured(dir.path(), &[server.url("/feed.xml")]);
    let store = synced_store(&paths);
    let settings = Settings::load(paths).unwrap();
    let request = PollRequest {
        feeds: FeedChoice::Tagged("sport".into()),
        ..PollRequest::default()
    };
    let Err(e) = settings.poll_plan(&store, &request, |_| {}) else {
        panic!("planned a poll of no feed");
    };
    assert!(
        matches!(e, PlanError::NoFeedTagged(ref t) if t == "sport"),
        "{e}"
    );
    assert!(server.requests().is_empty());
}
