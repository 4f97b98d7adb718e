//! The first run, end to end in a real terminal: from an empty config the
//! release binary shows the welcome; a `file://` feed is added from inside
//! the interface, polled, its unread count read in the feed list, one
//! article read by opening it, and `:quit` ends the session. Skipped
//! (with a note) where tmux is not installed; `.ci/run` installs it.

mod support;

use std::time::{Duration, Instant};

use support::tmux::{Tmux, installed as tmux_installed};

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<link>https://gazette.example/</link>
<item><guid>one</guid><title>Ferry timetable changes for the winter</title>
<link>https://gazette.example/ferry</link>
<description>The harbour ferry runs every forty minutes from Monday. Commuters asked for an earlier first boat.</description></item>
<item><guid>two</guid><title>Lighthouse keepers mark a century of service</title>
<link>https://gazette.example/lighthouse</link>
<description>The lighthouse was first lit a hundred years ago this week. Its keepers gathered to mark the day.</description></item>
</channel></rss>"#;

#[test]
fn first_run_adds_a_feed_polls_it_and_reads_an_article_from_inside() {
    if !tmux_installed() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = dir.path().join("gazette.xml");
    std::fs::write(&feed, FEED).expect("feed");
    let sift = env!("CARGO_BIN_EXE_sift");
    let tmux = Tmux::start(
        "first-run",
        (80, 24),
        &format!(
            "env NO_COLOR=1 TERM=xterm-256color SIFT_CONFIG_DIR={config} SIFT_DATA_DIR={data} {sift}",
            config = dir.path().join("config").display(),
            data = dir.path().join("data").display(),
        ),
    )
    .expect("tmux starts");

    // The welcome, and the start-up poll says there is nothing to poll.
    let first = tmux.wait_for("the welcome", |s| {
        s.contains("No feeds yet.") && s.contains("no feeds to poll yet")
    });
    assert!(
        first.contains("sift --demo shows a filled reader"),
        "{first}"
    );

    // Add the feed from inside: a, the URL, enter.
    tmux.keys(&["a"]);
    tmux.wait_for("the add prompt", |s| {
        s.contains("add feed (URL, site or path):")
    });
    tmux.literal(&format!("file://{}", feed.display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the subscription", |s| s.contains("subscribed to file://"));
    let toml = std::fs::read_to_string(dir.path().join("config/feeds.toml")).expect("feeds.toml");
    assert!(toml.contains("gazette.xml"), "{toml}");

    // Poll it.
    tmux.keys(&["r"]);
    tmux.wait_for("the poll", |s| {
        s.contains("poll done: 2 new") && s.contains("Lighthouse keepers")
    });

    // The feed list shows its unread count.
    tmux.keys(&["f"]);
    let feeds = tmux.wait_for("the feed list", |s| s.contains("feeds: 1 · 2 unread"));
    assert!(feeds.contains("Harbour Gazette"), "{feeds}");
    assert!(feeds.contains("2/2"), "{feeds}");

    // Open the feed's articles, open one: it is read.
    tmux.keys(&["Enter"]);
    tmux.wait_for("the feed's articles", |s| s.contains("/ feed:#1"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the article", |s| s.contains("1 unread"));
    tmux.keys(&["f"]);
    let feeds = tmux.wait_for("the count again", |s| s.contains("feeds: 1 · 1 unread"));
    assert!(feeds.contains("1/2"), "{feeds}");

    // :quit ends the session and gives the terminal back.
    tmux.keys(&[":"]);
    tmux.literal("quit");
    tmux.keys(&["Enter"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sift did not quit:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
