//! Item-level noise end to end: a poll marks offers and puzzles, `list`
//! leaves them out and says how many, `--all` marks them, `--noise` lists
//! only them, and a user rule file can switch a rule off.

mod cli_support;

use cli_support::Sandbox;

fn feed_url() -> String {
    let path = std::path::absolute("tests/fixtures/feeds/theweek-style.xml").unwrap();
    url::Url::from_file_path(path).unwrap().to_string()
}

fn run(sandbox: &Sandbox, args: &[&str]) -> (String, String) {
    let out = sandbox.sift().args(args).output().unwrap();
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
fn noise_items_are_hidden_counted_marked_and_listed() {
    let sandbox = Sandbox::new();
    run(&sandbox, &["feeds", "add", &feed_url()]);
    run(&sandbox, &["poll"]);

    let (out, err) = run(&sandbox, &["list"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        !out.contains("Crossword") && !out.contains("All you need to know"),
        "{out}"
    );
    assert!(
        err.contains("(2 noise item(s) left out; --all includes them, --noise lists them)"),
        "{err}"
    );

    let (out, _) = run(&sandbox, &["list", "--all"]);
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(
        out.contains("[noise: puzzle] Crossword: November 27, 2026"),
        "{out}"
    );
    assert!(
        out.contains("[noise: promo] All you need to know about everything that matters"),
        "{out}"
    );

    let (out, _) = run(&sandbox, &["list", "--noise"]);
    assert_eq!(out.lines().count(), 2, "{out}");

    let (out, _) = run(&sandbox, &["list", "--unread", "--count"]);
    assert_eq!(out.trim(), "3", "the unread count leaves noise out");
}

#[test]
fn a_user_rule_file_switches_a_rule_off() {
    let sandbox = Sandbox::new();
    let rules = sandbox.config_dir().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[item]]\nname = \"puzzle-item\"\nenabled = false\n",
    )
    .unwrap();
    run(&sandbox, &["feeds", "add", &feed_url()]);
    run(&sandbox, &["poll"]);
    let (out, _) = run(&sandbox, &["list", "--noise"]);
    assert_eq!(out.lines().count(), 1, "only the offer is noise now: {out}");
    assert!(out.contains("All you need to know"), "{out}");
}

#[test]
fn a_broken_user_rule_is_reported_and_the_poll_goes_on() {
    let sandbox = Sandbox::new();
    let rules = sandbox.config_dir().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("bad.toml"),
        "[[item]]\nname = \"x\"\nkind = \"promo\"\ntitle_matches = \"(\"\n",
    )
    .unwrap();
    run(&sandbox, &["feeds", "add", &feed_url()]);
    let (out, err) = run(&sandbox, &["poll"]);
    assert!(
        err.contains("rule skipped:")
            && err.contains("bad.toml:1: item rule `x`: bad `title_matches` pattern"),
        "{err}"
    );
    assert!(out.contains("5 new articles"), "{out}");
}

fn file_url(path: &str) -> String {
    url::Url::from_file_path(std::path::absolute(path).unwrap())
        .unwrap()
        .to_string()
}

#[test]
fn offers_and_sponsored_posts_are_noise_by_their_text_and_news_about_them_is_not() {
    let sandbox = Sandbox::new();
    run(
        &sandbox,
        &[
            "feeds",
            "add",
            &file_url("tests/fixtures/feeds/text-noise.xml"),
        ],
    );
    run(&sandbox, &["poll"]);

    let (noise, _) = run(&sandbox, &["list", "--noise"]);
    assert_eq!(noise.lines().count(), 2, "{noise}");
    assert!(
        noise.contains("Special offer: subscribe for £1 a week"),
        "{noise}"
    );
    assert!(noise.contains("How banks are rethinking AI"), "{noise}");

    let (news, _) = run(&sandbox, &["list"]);
    for title in [
        "Eight governments sign up to a global minimum tax",
        "Why newsletters are booming",
        "Treaty signatories subscribe to inspections",
        "The offer Iran rejected",
    ] {
        assert!(news.contains(title), "{title} is news: {news}");
    }
    assert_eq!(news.lines().count(), 4, "{news}");
}

/// `list --all --json`: (title, read, starred, noise rule) of each article.
fn states(sandbox: &Sandbox) -> Vec<(String, bool, bool, Option<String>)> {
    let (out, _) = run(sandbox, &["list", "--all", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut states: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap().to_owned(),
                r["read"].as_bool().unwrap(),
                r["starred"].as_bool().unwrap(),
                r["noise_rule"].as_str().map(str::to_owned),
            )
        })
        .collect();
    states.sort();
    states
}

fn id_of(sandbox: &Sandbox, title: &str) -> String {
    let (out, _) = run(sandbox, &["list", "--all", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    rows.iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("no {title}: {out}"))["id"]
        .to_string()
}

#[test]
fn a_changed_rule_is_applied_to_the_cache_at_the_next_poll_and_by_rescan() {
    let sandbox = Sandbox::new();
    run(&sandbox, &["feeds", "add", &feed_url()]);
    let (first, _) = run(&sandbox, &["poll"]);
    assert!(
        !first.contains("rescan"),
        "a new cache has nothing to judge again: {first}"
    );
    let (out, _) = run(&sandbox, &["rescan"]);
    assert_eq!(out.trim(), "rescan: 0 verdicts changed over 5 articles");

    // A rule of the user's own hides an article already cached.
    let rules = sandbox.config_dir().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[item]]\nname = \"opinion-roundup\"\nkind = \"other\"\ntitle_contains = [\"sanctions, summits\"]\n",
    )
    .unwrap();
    let (out, _) = run(&sandbox, &["poll"]);
    assert!(
        out.contains("rescan: 1 verdict changed (1 now hidden) over 5 articles"),
        "{out}"
    );
    let (noise, _) = run(&sandbox, &["list", "--noise"]);
    assert!(noise.contains("Sanctions, summits"), "{noise}");
    // The rules did not change since: the next poll says nothing, and a
    // rescan on demand changes nothing.
    let (out, _) = run(&sandbox, &["poll"]);
    assert!(!out.contains("rescan"), "{out}");
    let (out, _) = run(&sandbox, &["rescan"]);
    assert_eq!(out.trim(), "rescan: 0 verdicts changed over 5 articles");

    // Switching a built-in rule off shows its items again.
    std::fs::write(
        rules.join("mine.toml"),
        "[[item]]\nname = \"puzzle-item\"\nenabled = false\n",
    )
    .unwrap();
    let (out, _) = run(&sandbox, &["rescan"]);
    assert_eq!(
        out.trim(),
        "rescan: 2 verdicts changed (2 shown again) over 5 articles"
    );
    let (noise, _) = run(&sandbox, &["list", "--noise"]);
    assert_eq!(
        noise.lines().count(),
        1,
        "only the offer is noise now: {noise}"
    );
}

#[test]
fn read_and_starred_survive_a_rescan() {
    let sandbox = Sandbox::new();
    run(&sandbox, &["feeds", "add", &feed_url()]);
    run(&sandbox, &["poll"]);
    let roundup = id_of(&sandbox, "Sanctions, summits and a sceptical Senate");
    let crossword = id_of(&sandbox, "Crossword: November 27, 2026");
    run(&sandbox, &["mark", &roundup, &crossword, "--read"]);
    run(&sandbox, &["mark", &roundup, &crossword, "--star"]);
    let before = states(&sandbox);

    let rules = sandbox.config_dir().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("mine.toml"),
        "[[item]]\nname = \"puzzle-item\"\nenabled = false\n\n\
         [[item]]\nname = \"opinion-roundup\"\nkind = \"other\"\ntitle_contains = [\"sanctions, summits\"]\n",
    )
    .unwrap();
    let (out, _) = run(&sandbox, &["rescan"]);
    assert_eq!(
        out.trim(),
        "rescan: 2 verdicts changed (1 now hidden, 1 shown again) over 5 articles"
    );
    let after = states(&sandbox);
    assert_eq!(after.len(), before.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, b.1, b.2), (&a.0, a.1, a.2), "flags kept");
    }
    let verdict = |title: &str| {
        after
            .iter()
            .find(|s| s.0.starts_with(title))
            .and_then(|s| s.3.clone())
    };
    assert_eq!(
        verdict("Sanctions, summits").as_deref(),
        Some("opinion-roundup")
    );
    assert_eq!(verdict("Crossword"), None);
    assert!(
        after
            .iter()
            .any(|s| s.0.starts_with("Crossword") && s.1 && s.2)
    );
}
