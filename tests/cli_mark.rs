//! `sift mark --query/--feed/--tag`: marking what a query selects, for
//! scripts and cron, on a cache filled from `file://` fixture feeds.

mod cli_support;

use cli_support::{Sandbox, file_url, stderr_with_code, stdout_of};

fn week_url() -> String {
    let path = std::path::absolute("tests/fixtures/feeds/theweek-style.xml").expect("path");
    file_url(&path)
}

/// Two feeds polled: the Week-style one (tag world: four news items, a
/// promo and a puzzle as noise) and the second test feed (one entry, tag
/// border).
fn polled() -> Sandbox {
    let sb = Sandbox::new();
    stdout_of(
        sb.sift()
            .args(["feeds", "add", &week_url(), "--tag", "world"]),
    );
    let second = sb.fixture("second-feed.atom");
    stdout_of(
        sb.sift()
            .args(["feeds", "add", &file_url(&second), "--tag", "border"]),
    );
    stdout_of(sb.sift().args(["poll", "--no-full-text"]));
    sb
}

fn count(sb: &Sandbox, query: &str) -> u64 {
    stdout_of(sb.sift().args(["list", "--count", "--all", "-q", query]))
        .trim()
        .parse()
        .expect("a count")
}

#[test]
fn a_query_marks_what_list_shows_and_says_how_many_changed() {
    let sb = polled();
    assert_eq!(count(&sb, "is:unread -is:noise"), 4, "three news + one");
    sb.sift()
        .args(["mark", "--query", "sanctions or baltic", "--read"])
        .assert()
        .success()
        .stdout("marked 2 article(s) read\n");
    assert_eq!(count(&sb, "is:read"), 2);
    assert_eq!(count(&sb, "is:read (sanctions or baltic)"), 2);
    // Again: nothing changes, and it says so.
    sb.sift()
        .args(["mark", "-q", "sanctions or baltic", "--read"])
        .assert()
        .success()
        .stdout("marked 0 article(s) read (2 matched; 2 already were)\n");
    // Everything in the world tag: the two read ones are counted as such.
    sb.sift()
        .args(["mark", "--tag", "world", "--read"])
        .assert()
        .success()
        .stdout("marked 1 article(s) read (3 matched; 2 already were)\n");
    // Noise items are left alone, as `sift list` leaves them out.
    assert_eq!(count(&sb, "is:noise is:unread"), 2);
    sb.sift()
        .args(["mark", "-q", "nothing-matches-this-word", "--read"])
        .assert()
        .success()
        .stdout("marked 0 article(s) read (nothing matched)\n");
    // `sift` in a pipe prints the unread count: the second feed's article.
    sb.sift()
        .assert()
        .success()
        .stdout("1 unread in 2 feed(s)\n");
}

#[test]
fn feed_and_tag_flags_narrow_the_query_and_star_and_unstar_work() {
    let sb = polled();
    // --feed by part of its title, with a query that matches in both feeds.
    sb.sift()
        .args(["mark", "--feed", "second test", "--star"])
        .assert()
        .success()
        .stdout("marked 1 article(s) starred\n");
    assert_eq!(count(&sb, "is:starred"), 1);
    assert_eq!(count(&sb, "is:starred tag:border"), 1);
    // --tag and --query combine as AND.
    sb.sift()
        .args(["mark", "--tag", "world", "-q", "phone", "--star"])
        .assert()
        .success()
        .stdout("marked 1 article(s) starred\n");
    assert_eq!(count(&sb, "is:starred"), 2);
    sb.sift()
        .args(["mark", "-q", "is:starred", "--unstar"])
        .assert()
        .success()
        .stdout("marked 2 article(s) unstarred\n");
    assert_eq!(count(&sb, "is:starred"), 0);
    // is:noise in the query reaches the noise items.
    sb.sift()
        .args(["mark", "-q", "is:noise", "--read"])
        .assert()
        .success()
        .stdout("marked 2 article(s) read\n");
    sb.sift()
        .args(["mark", "--tag", "world", "-q", "is:read", "--unread"])
        .assert()
        .success()
        .stdout("marked 0 article(s) unread (nothing matched)\n");
    sb.sift()
        .args([
            "mark",
            "--tag",
            "world",
            "-q",
            "is:read or is:noise",
            "--unread",
        ])
        .assert()
        .success()
        .stdout("marked 2 article(s) unread\n");
}

#[test]
fn a_bad_query_or_feed_exits_2_and_marks_nothing() {
    let sb = polled();
    let err = stderr_with_code(sb.sift().args(["mark", "-q", "is:unraed", "--read"]), 2);
    assert!(
        err.starts_with("sift: bad query: unknown `is:` value `unraed`; did you mean `is:unread`?"),
        "{err}"
    );
    assert!(err.contains("\n  is:unraed\n     ^^^^^^"), "{err}");
    let err = stderr_with_code(
        sb.sift().args(["mark", "--feed", "no-such-feed", "--read"]),
        2,
    );
    assert!(err.contains("no feed matches `no-such-feed`"), "{err}");
    // An empty query (a script's unset variable) would mark everything.
    let err = stderr_with_code(sb.sift().args(["mark", "-q", " ", "--read"]), 2);
    assert!(err.contains("--query is empty"), "{err}");
    assert_eq!(count(&sb, "is:read"), 0, "nothing was marked");
}

#[test]
fn exactly_one_action_and_one_way_of_choosing() {
    let sb = polled();
    let err = stderr_with_code(sb.sift().args(["mark", "-q", "iran"]), 2);
    assert!(err.contains("<--read|--unread|--star|--unstar>"), "{err}");
    let err = stderr_with_code(
        sb.sift().args(["mark", "-q", "iran", "--read", "--star"]),
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
    let err = stderr_with_code(sb.sift().args(["mark", "--read"]), 2);
    assert!(
        err.contains("<IDS|--query <QUERY>|--feed <FEED>|--tag <TAG>>"),
        "{err}"
    );
    let err = stderr_with_code(sb.sift().args(["mark", "1", "-q", "iran", "--read"]), 2);
    assert!(err.contains("cannot be used with"), "{err}");
    assert_eq!(count(&sb, "is:read"), 0, "nothing was marked");
}
