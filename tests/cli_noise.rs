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
