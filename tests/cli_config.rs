//! Bad configuration files and `sift config`: errors name the file, the
//! line and what is allowed, and exit 2.

mod cli_support;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

#[test]
fn typo_key_names_file_line_and_suggestion() {
    let sb = Sandbox::new();
    let path = sb.write_config("config.toml", "# mine\n[poll]\njobs = 4\npre_host = 2\n");
    let err = stderr_with_code(sb.sift().args(["feeds", "list"]), 2);
    assert_eq!(
        err,
        format!(
            "sift: {}:4: unknown key `pre_host` in [poll]; did you mean `per_host`? \
             (known keys: connect_timeout, full_text_fetches, jobs, max_response_mb, per_host, refresh, \
             timeout)\n",
            path.display()
        )
    );
}

#[test]
fn typo_section_is_caught_by_every_command_that_reads_config() {
    let sb = Sandbox::new();
    let path = sb.write_config("config.toml", "[cach]\nkeep_days = 3\n");
    for args in [&["poll"][..], &["list"], &["config", "--check"], &[]] {
        let err = stderr_with_code(sb.sift().args(args), 2);
        assert!(
            err.starts_with(&format!(
                "sift: {}:1: unknown key `cach` in the top level; did you mean `cache`?",
                path.display()
            )),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn out_of_range_value_names_the_allowed_range() {
    let sb = Sandbox::new();
    let path = sb.write_config("config.toml", "[poll]\njobs = 0\n");
    sb.sift()
        .args(["poll"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "sift: {}:2: `jobs` in [poll] is 0; allowed: 1 to 1024\n",
            path.display()
        ));
    sb.write_config("config.toml", "[cache]\n\nkeep_days = 99999999\n");
    sb.sift().args(["list"]).assert().code(2).stderr(format!(
        "sift: {}:3: `keep_days` in [cache] is 99999999; allowed: 1 to 1000000\n",
        path.display()
    ));
    sb.write_config("config.toml", "[poll]\ntimeout = \"30s\"\n");
    sb.sift().args(["list"]).assert().code(2).stderr(format!(
        "sift: {}:2: `timeout` in [poll] must be a whole number, not string\n",
        path.display()
    ));
}

#[test]
fn invalid_toml_names_the_line() {
    let sb = Sandbox::new();
    let path = sb.write_config("config.toml", "[poll]\njobs = 4\nper_host = = 2\n");
    let err = stderr_with_code(sb.sift().args(["list"]), 2);
    assert!(
        err.starts_with(&format!("sift: {}:3: invalid TOML", path.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn feeds_toml_with_bad_full_text_lists_allowed_values() {
    let sb = Sandbox::new();
    let path = sb.write_config(
        "feeds.toml",
        "[[feed]]\nurl = \"https://a.test/feed\"\n\n[[feed]]\nurl = \"https://b.test/feed\"\nfull_text = \"sometimes\"\n",
    );
    let problem = format!(
        "sift: {}:6: `full_text` in [[feed]] #2 is \"sometimes\"; \
         allowed: \"auto\", \"always\", \"never\"\n",
        path.display()
    );
    for args in [&["feeds", "list"][..], &["poll"]] {
        sb.sift()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(problem.clone());
    }
    // The check says the same, then how many problems it found.
    sb.sift()
        .args(["config", "--check"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "{problem}sift: 1 problem in 1 of 2 files in {}\n",
            sb.config_dir().display()
        ));
}

#[test]
fn feeds_toml_with_a_refused_scheme_is_a_config_error() {
    let sb = Sandbox::new();
    let path = sb.write_config("feeds.toml", "[[feed]]\nurl = \"exec:cat /etc/passwd\"\n");
    let err = stderr_with_code(sb.sift().args(["poll"]), 2);
    assert!(
        err.starts_with(&format!(
            "sift: {}:2: refused `exec:cat /etc/passwd`",
            path.display()
        )),
        "{err}"
    );
}

#[test]
fn default_config_parses_has_every_section_and_passes_check() {
    let sb = Sandbox::new();
    // Needs no config directory at all, and ignores a broken one.
    sb.write_config("config.toml", "this is not toml");
    let text = stdout_of(sb.sift().args(["config", "--default"]));
    let value: toml::Table = text.parse().expect("the default config is TOML");
    for (section, keys) in [
        (
            "poll",
            &[
                "jobs",
                "per_host",
                "connect_timeout",
                "timeout",
                "max_response_mb",
                "refresh",
                "full_text_fetches",
            ][..],
        ),
        ("cache", &["keep_days", "keep_per_feed"]),
        ("ui", &["read_after", "mouse", "color"]),
        ("views", &["unread", "starred"]),
        ("theme", &[]),
    ] {
        let table = value
            .get(section)
            .and_then(|v| v.as_table())
            .unwrap_or_else(|| panic!("no [{section}] in\n{text}"));
        for key in keys {
            assert!(table.contains_key(*key), "[{section}] lacks {key}");
        }
    }
    assert_eq!(value.len(), 5, "unexpected sections in\n{text}");
    // Every key is commented.
    assert!(text.lines().filter(|l| l.starts_with('#')).count() >= 10);

    // Used as the user's config, it is valid.
    sb.write_config("config.toml", &text);
    sb.sift()
        .args(["config", "--check"])
        .assert()
        .success()
        .stdout(format!(
            "the one file is fine in {}: config.toml\n",
            sb.config_dir().display()
        ));
}

#[test]
fn config_check_counts_feeds_and_path_lists_files() {
    let sb = Sandbox::new();
    sb.sift()
        .args(["feeds", "add", "https://a.test/feed"])
        .assert()
        .success();
    sb.sift()
        .args(["config", "--check"])
        .assert()
        .success()
        .stdout(format!(
            "all 2 files fine in {}: config.toml, feeds.toml (1 feed)\n",
            sb.config_dir().display()
        ));
    let c = sb.config_dir();
    let d = sb.data_dir();
    sb.sift()
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!(
            "config: {}\nfeeds:  {}\nrules:  {}\nkeymap: {}\ntopics: {}\ncache:  {}\nlog:    {}\n",
            c.join("config.toml").display(),
            c.join("feeds.toml").display(),
            c.join("rules").display(),
            c.join("keymap.toml").display(),
            c.join("topics.toml").display(),
            d.join("sift.db").display(),
            d.join("sift.log").display(),
        ));
}

#[test]
fn config_needs_exactly_one_question() {
    let sb = Sandbox::new();
    sb.sift().args(["config"]).assert().code(2);
    sb.sift()
        .args(["config", "--path", "--check"])
        .assert()
        .code(2);
}
