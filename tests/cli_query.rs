//! `sift list --query`: the filter-bar language headless, with `--count`,
//! `--json`, the other list flags, and a bad query (exit 2, caret).

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

fn feed_url() -> String {
    let path = std::path::absolute("tests/fixtures/feeds/theweek-style.xml").expect("path");
    url::Url::from_file_path(path).expect("url").to_string()
}

/// A sandbox with the Week-style feed (tag world) polled: four news items
/// (phone call, sanctions, Baltic; one promo and one puzzle as noise).
fn polled() -> Sandbox {
    let sandbox = Sandbox::new();
    stdout_of(
        sandbox
            .sift()
            .args(["feeds", "add", &feed_url(), "--tag", "world"]),
    );
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    sandbox
}

fn list(sandbox: &Sandbox, args: &[&str]) -> (String, String) {
    let out = sandbox
        .sift()
        .arg("list")
        .args(args)
        .output()
        .expect("run sift");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn query_lists_counts_and_combines_with_flags() {
    let sandbox = polled();
    let (out, _) = list(&sandbox, &["--query", "sanctions or baltic"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("Sanctions, summits"), "{out}");
    assert!(lines[1].contains("Baltic states"), "{out}");

    let (out, _) = list(&sandbox, &["-q", "tag:world -sanctions", "--count"]);
    assert_eq!(out.trim(), "2");
    let (out, _) = list(&sandbox, &["-q", "\"phone call\" feed:example", "--count"]);
    assert_eq!(out.trim(), "1");

    // Flags narrow the query: --since (UTC midnight here) and --limit.
    let (out, _) = list(
        &sandbox,
        &["-q", "sanctions or baltic", "--since", "2026-11-27"],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("Sanctions"), "{out}");
    let (out, _) = list(&sandbox, &["-q", "sanctions or baltic", "--limit", "1"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let (out, _) = list(&sandbox, &["-q", "sanctions", "--starred", "--count"]);
    assert_eq!(out.trim(), "0");
}

#[test]
fn query_hides_noise_by_kind_unless_asked() {
    let sandbox = polled();
    let (out, err) = list(&sandbox, &["-q", "crossword"]);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("noise left out: puzzle 1"), "{err}");
    let (out, _) = list(&sandbox, &["-q", "crossword is:noise"]);
    assert!(out.contains("[noise: puzzle] Crossword"), "{out}");
    let (out, _) = list(&sandbox, &["-q", "crossword", "--all", "--count"]);
    assert_eq!(out.trim(), "1");
    let (out, _) = list(&sandbox, &["-q", "", "--noise", "--count"]);
    assert_eq!(out.trim(), "2");
}

#[test]
fn query_prints_json() {
    let sandbox = polled();
    let (out, _) = list(&sandbox, &["--query", "nato /rearm/", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(
        rows[0]["title"],
        "Why the Baltic states are rearming fastest"
    );
    assert!(rows[0]["id"].is_i64(), "{out}");
    assert!(rows[0]["date_iso"].is_string(), "{out}");
}

#[test]
fn a_bad_query_exits_2_with_a_caret_under_the_culprit() {
    let sandbox = polled();
    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "iran foo:bar"]), 2);
    assert!(err.contains("bad query: unknown field `foo:`"), "{err}");
    assert!(err.contains("feed:"), "the known fields are listed: {err}");
    assert!(err.contains("\n  iran foo:bar\n       ^^^\n"), "{err}");

    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "a (b or"]), 2);
    assert!(err.contains("`or` needs a term after it"), "{err}");
    assert!(err.contains("\n  a (b or\n       ^^\n"), "{err}");

    // Control characters in the query are not echoed to the terminal.
    let err = stderr_with_code(sandbox.sift().args(["list", "-q", "\u{1b}[2J /(/"]), 2);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("bad /regex/"), "{err}");
}

/// An RSS feed titled `title` of `(title, hours ago)` items.
fn feed_xml(title: &str, items: &[(&str, u64)]) -> String {
    let now = std::time::SystemTime::now();
    let items: String = items
        .iter()
        .map(|(t, hours)| {
            let date = now - std::time::Duration::from_secs(hours * 3_600);
            format!(
                "<item><title>{t}</title><guid>{title}/{t}</guid>\
                 <link>https://example.com/{}</link>\
                 <pubDate>{}</pubDate></item>",
                t.replace(' ', "-"),
                httpdate::fmt_http_date(date)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <link>https://example.com/</link>{items}</channel></rss>"
    )
}

/// The rows `sift list ARGS --json` prints, in order.
fn rows(sandbox: &Sandbox, args: &[&str]) -> Vec<serde_json::Value> {
    let mut args = args.to_vec();
    args.push("--json");
    let (out, _) = list(sandbox, &args);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    rows.as_array().expect("an array").clone()
}

/// The ids `sift list ARGS --json` prints, in order.
fn ids(sandbox: &Sandbox, args: &[&str]) -> Vec<i64> {
    rows(sandbox, args)
        .iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}

#[test]
fn flags_select_what_the_same_terms_in_a_query_select() {
    // Two feeds with words in common, some read, some starred, dated
    // 1 hour to 5 days ago: each flag changes the answer.
    let sandbox = Sandbox::new();
    let alpha = sandbox.write(
        "alpha.xml",
        feed_xml(
            "Alpha Wire",
            &[
                ("Iran talks resume", 1),
                ("Talks on trade stall", 30),
                ("Harvest talks report", 80),
                ("Weather week", 120),
            ],
        ),
    );
    let beta = sandbox.write(
        "beta.xml",
        feed_xml(
            "Beta Post",
            &[("Talks in Geneva", 2), ("Markets talks", 50)],
        ),
    );
    stdout_of(sandbox.sift().args([
        "feeds",
        "add",
        &cli_support::file_url(&alpha),
        "--tag",
        "world",
    ]));
    stdout_of(
        sandbox
            .sift()
            .args(["feeds", "add", &cli_support::file_url(&beta)]),
    );
    stdout_of(sandbox.sift().args(["poll", "--no-full-text"]));
    let all = rows(&sandbox, &[]);
    assert_eq!(all.len(), 6, "{all:?}");
    let row_titled = |title: &str| {
        all.iter()
            .find(|r| r["title"] == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    let id_titled = |title: &str| row_titled(title)["id"].as_i64().expect("an id");
    let mark = |titles: &[&str], how: &str| {
        let mut args = vec!["mark".to_string()];
        args.extend(titles.iter().map(|t| id_titled(t).to_string()));
        args.push(how.to_string());
        stdout_of(sandbox.sift().args(&args));
    };
    mark(&["Iran talks resume", "Talks in Geneva"], "--read");
    mark(&["Talks on trade stall", "Harvest talks report"], "--star");
    let alpha_feed = row_titled("Weather week")["feed_id"]
        .as_i64()
        .expect("a feed id")
        .to_string();

    let cases: &[(&[&str], &str, usize)] = &[
        (
            &["--unread", "--feed", &alpha_feed, "-q", "talks"],
            "talks is:unread feed:alpha",
            2,
        ),
        (
            &["--unread", "--feed", &alpha_feed],
            "is:unread feed:alpha",
            3,
        ),
        (
            &["--starred", "--tag", "world", "--since", "2d"],
            "is:starred tag:world since:2d",
            1,
        ),
        (
            &["--unread", "--since", "3d", "-q", "talks or weather"],
            "(talks or weather) is:unread since:3d",
            2,
        ),
        (&["--starred", "-q", "-harvest"], "-harvest is:starred", 1),
    ];
    for (flags, query, expected) in cases {
        let by_flags = ids(&sandbox, flags);
        assert_eq!(by_flags.len(), *expected, "{flags:?}: {by_flags:?}");
        assert_eq!(
            by_flags,
            ids(&sandbox, &["-q", query]),
            "{flags:?} vs {query:?}"
        );
        // Counts agree too.
        let mut count_args = flags.to_vec();
        count_args.push("--count");
        let (by_flags, _) = list(&sandbox, &count_args);
        let (by_query, _) = list(&sandbox, &["-q", query, "--count"]);
        assert_eq!(by_flags.trim(), by_query.trim(), "{flags:?} vs {query:?}");
    }
}
