//! `sift poll` of local feeds, then reading the cache back: `list`, `show`,
//! `mark`. Feeds are files written by the test; nothing touches the network.

mod cli_support;

use std::path::PathBuf;

use cli_support::{Sandbox, file_url, stderr_with_code, stdout_of};
use predicates::prelude::*;

/// A sandbox that keeps articles forever (the fixtures are dated 2026) and
/// is subscribed to the Week-style fixture; returns the feed's path.
fn subscribed_sandbox() -> (Sandbox, PathBuf) {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[cache]\nkeep_days = 1000000\n");
    let feed = sb.fixture("theweek-style-feed.xml");
    sb.sift()
        .args(["feeds", "add", "theweek-style-feed.xml", "--tag", "world"])
        .assert()
        .success();
    (sb, feed)
}

/// The summary line without its timing (`... in 0.0 s`).
fn summary_without_time(stdout: &str) -> &str {
    let first = stdout.lines().next().unwrap_or_default();
    first.rsplit_once(" in ").map_or(first, |(head, _)| head)
}

fn poll(sb: &Sandbox) -> String {
    stdout_of(sb.sift().arg("poll"))
}

#[test]
fn poll_of_a_file_feed_then_unchanged_file_is_not_modified() {
    let (sb, _) = subscribed_sandbox();
    let out = poll(&sb);
    assert_eq!(
        summary_without_time(&out),
        "polled 1 feed: 1 updated, 0 not modified, 0 failed; 3 new articles",
        "{out}"
    );
    assert!(out.trim_end().ends_with(" s"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");

    let out = poll(&sb);
    assert_eq!(
        summary_without_time(&out),
        "polled 1 feed: 0 updated, 1 not modified, 0 failed; 0 new articles",
        "{out}"
    );
    let verbose = stdout_of(sb.sift().args(["poll", "--verbose"]));
    let url = file_url(&sb.root().join("theweek-style-feed.xml"));
    assert!(
        verbose.starts_with(&format!("unchanged {url}\npolled 1 feed:")),
        "{verbose}"
    );
    sb.sift()
        .args(["list", "--count"])
        .assert()
        .success()
        .stdout("3\n");
}

#[test]
fn a_changed_file_is_read_again_and_only_new_items_count() {
    let (sb, feed) = subscribed_sandbox();
    poll(&sb);
    let text = std::fs::read_to_string(&feed).unwrap();
    let extra = "<item><title><![CDATA[  A fourth story  ]]></title>\
                 <link>https://week.example.test/world/fourth</link>\
                 <guid isPermaLink=\"false\">fourth-guid</guid>\
                 <pubDate>Thu, 26 Nov 2026 12:00:00 +0000</pubDate></item></channel>";
    std::fs::write(&feed, text.replacen("</channel>", extra, 1)).unwrap();
    let out = poll(&sb);
    assert_eq!(
        summary_without_time(&out),
        "polled 1 feed: 1 updated, 0 not modified, 0 failed; 1 new article",
        "{out}"
    );
    let list = stdout_of(sb.sift().arg("list"));
    assert!(
        list.starts_with("2026-11-26 12:00  Test Week: World  N  A fourth story  #4\n"),
        "{list}"
    );
}

#[test]
fn a_missing_file_fails_the_poll_with_exit_1_and_is_listed() {
    let (sb, _) = subscribed_sandbox();
    sb.write("gone.xml", "<rss/>");
    sb.sift()
        .args(["feeds", "add", "gone.xml"])
        .assert()
        .success();
    let gone = sb.root().join("gone.xml");
    let gone_url = file_url(&gone);
    std::fs::remove_file(&gone).unwrap();

    let assert = sb.sift().arg("poll").assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        summary_without_time(&out),
        "polled 2 feeds: 1 updated, 0 not modified, 1 failed; 3 new articles",
        "{out}"
    );
    let failures: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(failures.len(), 1, "{out}");
    assert!(
        failures[0].starts_with(&format!(
            "  failed: {gone_url}: cannot read {}: ",
            gone.display()
        )),
        "{out}"
    );
    // The healthy feed was stored anyway, and the failure is remembered.
    sb.sift()
        .args(["list", "--count"])
        .assert()
        .success()
        .stdout("3\n");
    let json = stdout_of(sb.sift().args(["feeds", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let failed = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["url"] == gone_url.as_str())
        .expect("the failing feed is listed");
    assert_eq!(failed["error_count"], 1);
    assert!(
        failed["status"]
            .as_str()
            .is_some_and(|s| s.starts_with("failed 1x: cannot read")),
        "{json}"
    );
}

#[test]
fn all_ok_poll_of_several_feeds_exits_0() {
    let (sb, _) = subscribed_sandbox();
    sb.fixture("second-feed.atom");
    sb.sift()
        .args(["feeds", "add", "second-feed.atom"])
        .assert()
        .success();
    sb.sift()
        .args(["poll", "--jobs", "2"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "polled 2 feeds: 2 updated, 0 not modified, 0 failed; 4 new articles in ",
        ));
    sb.sift()
        .args(["poll", "--tag", "world"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "polled 1 feed: 0 updated, 1 not modified, 0 failed; 0 new articles in ",
        ));
    sb.sift()
        .args(["list", "--feed", "second", "--count"])
        .assert()
        .success()
        .stdout("1\n");
}

#[test]
fn poll_with_no_subscriptions_says_so() {
    let sb = Sandbox::new();
    sb.sift().arg("poll").assert().success().stdout(
        "no subscriptions to poll; add one with `sift feeds add URL` or `sift import FILE`\n",
    );
}

#[test]
fn list_shows_trimmed_titles_newest_first() {
    let (sb, _) = subscribed_sandbox();
    poll(&sb);
    sb.sift().arg("list").assert().success().stdout(
        "2026-11-26 11:30  Test Week: World  N  Will the river treaty survive the drought?  #1\n\
         2026-11-26 09:15  Test Week: World  N  A quiet election with loud consequences  #2\n\
         2026-11-25 17:05  Test Week: World  N  Ports, pipelines and a patient negotiator  #3\n",
    );
    sb.sift()
        .args(["list", "--limit", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::ends_with("drought?  #1\n").and(predicate::str::contains("#2").not()),
        );
    sb.sift()
        .args(["list", "--tag", "world", "--count"])
        .assert()
        .success()
        .stdout("3\n");
    sb.sift()
        .args(["list", "--tag", "sport", "--count"])
        .assert()
        .success()
        .stdout("0\n");
    // The feed's padded title is trimmed where feeds are listed, too.
    let feeds = stdout_of(sb.sift().args(["feeds", "list"]));
    assert!(feeds.contains("Test Week: World [world]"), "{feeds}");
}

#[test]
fn list_json_has_trimmed_fields() {
    let (sb, _) = subscribed_sandbox();
    poll(&sb);
    let json = stdout_of(sb.sift().args(["list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let first = &rows[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["title"], "Will the river treaty survive the drought?");
    assert_eq!(first["feed_title"], "Test Week: World");
    assert_eq!(
        first["link"],
        "https://week.example.test/world/river-treaty-drought"
    );
    assert_eq!(first["read"], false);
    assert_eq!(first["starred"], false);
    assert_eq!(first["date_iso"], "2026-11-26 11:30");
    assert_eq!(first["date"], 1_795_692_600);
    let titles: Vec<&str> = rows.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Will the river treaty survive the drought?",
            "A quiet election with loud consequences",
            "Ports, pipelines and a patient negotiator",
        ]
    );
}

#[test]
fn show_prints_title_byline_link_and_body() {
    let (sb, _) = subscribed_sandbox();
    poll(&sb);
    sb.sift().args(["show", "1"]).assert().success().stdout(
        "Will the river treaty survive the drought?\n\
         Test Week: World · Test Week Staff · 2026-11-26 11:30\n\
         https://week.example.test/world/river-treaty-drought\n\
         image: https://img.week.example.test/rT4kW9pLm2QzX7vB1nC8dE-1280-80.jpg\n\
         \n\
         Three upstream states want the water shares rewritten before the summer\n",
    );
    // content:encoded wins over the standfirst, rendered as text.
    let out = stdout_of(sb.sift().args(["show", "2"]));
    assert!(
        out.starts_with(
            "A quiet election with loud consequences\nTest Week: World · 2026-11-26 09:15\n"
        ),
        "{out}"
    );
    // The cleaned view is plain paragraphs; --raw shows html2text's own
    // rendering, which marks <b> as **...**.
    assert!(out.contains("Turnout fell to a record low.\n\n"), "{out}");
    let raw = stdout_of(sb.sift().args(["show", "2", "--raw"]));
    assert!(
        raw.contains("Turnout fell to a **record low**.\n\n"),
        "{raw}"
    );
    assert!(
        out.contains("The second paragraph explains the coalition arithmetic."),
        "{out}"
    );
    assert!(!out.contains("<p>") && !out.contains("<b>"), "{out}");

    let json = stdout_of(sb.sift().args(["show", "2", "--json"]));
    let article: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(article["title"], "A quiet election with loud consequences");
    assert_eq!(article["id"], 2);
}

#[test]
fn mark_read_unread_and_star_change_the_counts() {
    let (sb, feed) = subscribed_sandbox();
    poll(&sb);
    let unread = |sb: &Sandbox| stdout_of(sb.sift().args(["list", "--unread", "--count"]));
    assert_eq!(unread(&sb), "3\n");
    sb.sift()
        .args(["mark", "1", "3", "--read"])
        .assert()
        .success()
        .stdout("marked 2 article(s) read\n");
    assert_eq!(unread(&sb), "1\n");
    sb.sift()
        .args(["list", "--unread"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#2\n").and(predicate::str::contains("#1").not()));
    let list = stdout_of(sb.sift().arg("list"));
    assert!(
        list.contains("Test Week: World     Will the river treaty"),
        "read flag still shown:\n{list}"
    );

    sb.sift()
        .args(["mark", "3", "--unread"])
        .assert()
        .success()
        .stdout("marked 1 article(s) unread\n");
    assert_eq!(unread(&sb), "2\n");

    sb.sift()
        .args(["mark", "2", "--star"])
        .assert()
        .success()
        .stdout("marked 1 article(s) starred\n");
    sb.sift()
        .args(["list", "--starred"])
        .assert()
        .success()
        .stdout(
            "2026-11-26 09:15  Test Week: World  N* A quiet election with loud consequences  #2\n",
        );

    // A re-poll of the changed file keeps the user's flags.
    let text = std::fs::read_to_string(&feed).unwrap();
    std::fs::write(&feed, text.replacen("summer", "summer, officials say", 1)).unwrap();
    let out = poll(&sb);
    assert!(out.starts_with("polled 1 feed: 1 updated"), "{out}");
    assert_eq!(unread(&sb), "2\n");
    sb.sift()
        .args(["list", "--starred", "--count"])
        .assert()
        .success()
        .stdout("1\n");
    let show = stdout_of(sb.sift().args(["show", "1"]));
    assert!(
        show.contains("before the summer,\nofficials say\n"),
        "{show}"
    );

    // Unknown ids among known ones: nothing changes, exit 2 names them.
    sb.sift()
        .args(["mark", "1", "777", "--unread"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("sift: no article #777; nothing was marked (`sift list` shows ids)\n");
    assert_eq!(unread(&sb), "2\n");
    // 40,000 ids (the known ones again and again) are all marked, in
    // batches; 40,000 unknown ones are refused before any is marked, in a
    // message of one short line.
    let many: Vec<String> = (0..40_000).map(|i| (1 + i % 3).to_string()).collect();
    sb.sift()
        .args(["mark", "--unread"])
        .args(&many)
        .assert()
        .success()
        .stdout("marked 3 article(s) unread\n");
    assert_eq!(unread(&sb), "3\n");
    let unknown: Vec<String> = (1..=40_000).map(|i| i.to_string()).collect();
    let err = stderr_with_code(sb.sift().args(["mark", "--read"]).args(&unknown), 2);
    assert!(
        err.contains("#4, #5") && err.contains("and 39987 more"),
        "{err}"
    );
    assert!(err.len() < 200, "{err}");
    assert_eq!(unread(&sb), "3\n");
}

#[test]
fn removing_a_polled_feed_drops_its_articles() {
    let (sb, _) = subscribed_sandbox();
    poll(&sb);
    sb.sift()
        .args(["feeds", "remove", "1"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("(3 cached article(s) dropped)\n"));
    sb.sift()
        .args(["list", "--count"])
        .assert()
        .success()
        .stdout("0\n");
    sb.sift().args(["show", "1"]).assert().code(2);
}

#[test]
fn hostile_titles_reach_the_terminal_without_control_characters() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[cache]\nkeep_days = 1000000\n");
    sb.write(
        "hostile.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Feed\u{9b}2J name</title><link>https://h.test/</link>\
         <item><title>Bidi \u{202e}txet\u{202c} and C1 \u{9b}31m here</title>\
         <link>https://h.test/1</link><guid>h1</guid>\
         <pubDate>Thu, 26 Nov 2026 11:30:00 +0000</pubDate>\
         <description>Body \u{9b}2J with \u{202e} controls</description></item>\
         </channel></rss>\n",
    );
    sb.sift()
        .args(["feeds", "add", "hostile.xml"])
        .assert()
        .success();
    sb.sift().arg("poll").assert().success();
    let outputs = [
        stdout_of(sb.sift().arg("list")),
        stdout_of(sb.sift().args(["show", "1"])),
        stdout_of(sb.sift().args(["feeds", "list"])),
    ];
    for out in &outputs {
        assert!(
            !out.chars().any(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{1b}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{out:?}"
        );
    }
    assert!(outputs[0].contains("Bidi"), "{:?}", outputs[0]);
    assert!(outputs[1].contains("Body"), "{:?}", outputs[1]);
}
