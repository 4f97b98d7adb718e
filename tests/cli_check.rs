//! `sift config --check`: every file the user writes (config.toml with its
//! [theme] and [views], feeds.toml, keymap.toml, topics.toml, rules/),
//! each problem with its file and line, exit 2 on any; a summary when all
//! are fine.

mod cli_support;

use std::path::Path;

use cli_support::{Sandbox, stderr_with_code, stdout_of};

/// `sift: FILE:LINE: ` as the check starts each problem.
fn at(file: &Path, line: usize) -> String {
    format!("sift: {}:{line}: ", file.display())
}

/// The problems `config --check` reports (exit 2), each starting a line
/// with `sift:` (its further lines indented), the summary last.
fn problems(sb: &Sandbox) -> Vec<String> {
    let err = stderr_with_code(sb.sift().args(["config", "--check"]), 2);
    let mut problems: Vec<String> = Vec::new();
    for line in err.lines() {
        match problems.last_mut() {
            Some(last) if line.starts_with("  ") => {
                last.push('\n');
                last.push_str(line);
            }
            _ => {
                assert!(line.starts_with("sift: "), "{err}");
                problems.push(line.to_owned());
            }
        }
    }
    problems
}

fn only_problem(sb: &Sandbox) -> String {
    let lines = problems(sb);
    assert_eq!(lines.len(), 2, "one problem and the summary: {lines:#?}");
    assert!(
        lines[1].starts_with("sift: 1 problem in 1 of "),
        "{lines:#?}"
    );
    lines[0].clone()
}

#[test]
fn a_bad_config_toml_names_file_and_line() {
    let sb = Sandbox::new();
    let file = sb.write_config("config.toml", "# mine\n[ui]\nread_after = -1\n");
    let problem = only_problem(&sb);
    assert!(
        problem.starts_with(&format!(
            "{}`read_after` in [ui] is -1; allowed: 0 to 3600",
            at(&file, 3)
        )),
        "{problem}"
    );
}

#[test]
fn a_saved_view_with_a_bad_query_names_its_line_and_the_choices() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "config.toml",
        "[views]\nworld = \"tag:world\"\nfp = \"is:unraed topic:foreign-policy\"\n",
    );
    let problem = only_problem(&sb);
    assert!(
        problem.starts_with(&format!(
            "{}view `fp`: bad query `is:unraed topic:foreign-policy`: unknown `is:` value `unraed`; did you mean `is:unread`?",
            at(&file, 3)
        )),
        "{problem}"
    );
}

#[test]
fn a_bad_theme_style_names_its_line() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "config.toml",
        "[theme]\nunread = \"bold yellow\"\nstar = \"blinking\"\nnosuch = \"bold\"\n",
    );
    let lines = problems(&sb);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!(
            "{}[theme] star: `blinking` is not a colour",
            at(&file, 3)
        )),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}[theme]: no style called `nosuch`",
            at(&file, 4)
        )),
        "{lines:#?}"
    );
    assert!(
        lines[2].starts_with("sift: 2 problems in 1 of 1 file in "),
        "{lines:#?}"
    );
}

#[test]
fn a_bad_feeds_toml_names_file_line_and_choices() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "feeds.toml",
        "[[feed]]\nurl = \"https://a.test/feed\"\nfull_text = \"sometimes\"\n",
    );
    let problem = only_problem(&sb);
    assert_eq!(
        problem,
        format!(
            "{}`full_text` in [[feed]] #1 is \"sometimes\"; allowed: \"auto\", \"always\", \"never\"",
            at(&file, 3)
        )
    );
}

#[test]
fn a_bad_keymap_names_file_line_and_every_bad_entry() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "keymap.toml",
        "[list]\n\"x\" = \"toggle_star\"\n\"z\" = \"explode\"\n\"ctrl-zz\" = \"quit\"\n[reader]\nz = \"implode\"\n",
    );
    let lines = problems(&sb);
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("{}unknown action `explode`", at(&file, 3))),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(&format!("{}unknown key `ctrl-zz`", at(&file, 4))),
        "{lines:#?}"
    );
    // The same key in another section, written bare: its own line.
    assert!(
        lines[2].starts_with(&format!("{}unknown action `implode`", at(&file, 6))),
        "{lines:#?}"
    );
    // The command the message points to exists and lists the actions.
    let keymap = stdout_of(sb.sift().args(["config", "--keymap"]));
    assert!(keymap.contains("toggle_star") && keymap.contains("[reader]"));
}

#[test]
fn a_bad_topics_file_names_file_and_line() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "topics.toml",
        "[topics.shipping]\nlabel = \"Shipping\"\n\n[[topics.shipping.terms]]\nweight = 2\nwords = [\"tanker\"]\n",
    );
    let problem = only_problem(&sb);
    assert!(
        problem.starts_with(&at(&file, 1)) && problem.contains("needs a `threshold`"),
        "{problem}"
    );
}

#[test]
fn a_bad_rule_file_names_file_and_line() {
    let sb = Sandbox::new();
    sb.write_config(
        "rules/good.toml",
        "[[block]]\nname = \"podcast-plug\"\nkind = \"promo\"\ncontains = [\"listen to our podcast\"]\n",
    );
    let file = sb.write_config(
        "rules/mine.toml",
        "# two rules\n[[block]]\nname = \"ok\"\nkind = \"promo\"\ncontains = [\"buy now\"]\n\n[[block]]\nname = \"broken\"\nkind = \"promo\"\nmatches = \"(unclosed\"\n",
    );
    let problem = only_problem(&sb);
    assert!(
        problem.starts_with(&format!(
            "{}rule `broken`: bad `matches` pattern",
            at(&file, 7)
        )),
        "{problem}"
    );
}

/// A problem in one section of config.toml hides neither the next
/// section's nor a bad view's.
#[test]
fn every_section_of_config_toml_is_checked() {
    let sb = Sandbox::new();
    let file = sb.write_config(
        "config.toml",
        "[poll]\njobs = 0\n[ui]\nmouse = \"yes\"\n[views]\nfp = \"sort:best\"\n[theme]\nstar = \"blinking\"\n",
    );
    let lines = problems(&sb);
    assert_eq!(lines.len(), 5, "{lines:#?}");
    for (problem, (line, text)) in lines.iter().zip([
        (2, "`jobs` in [poll] is 0; allowed: 1 to 1024"),
        (4, "`mouse` in [ui] must be true or false"),
        (
            6,
            "view `fp`: bad query `sort:best`: unknown `sort:` value `best`",
        ),
        (8, "[theme] star: `blinking` is not a colour"),
    ]) {
        assert!(
            problem.starts_with(&format!("{}{text}", at(&file, line))),
            "{problem}\nwanted line {line}: {text}"
        );
    }
}

/// One broken file does not hide the others: every file is read and
/// every problem said, in file order.
#[test]
fn every_bad_file_is_reported_not_only_the_first() {
    let sb = Sandbox::new();
    let config = sb.write_config("config.toml", "[pol]\njobs = 3\n");
    let feeds = sb.write_config("feeds.toml", "[[feed]]\nurl = \"exec:cat /etc/passwd\"\n");
    let keymap = sb.write_config("keymap.toml", "[nowhere]\n\"q\" = \"quit\"\n");
    let topics = sb.write_config("topics.toml", "title_weight = 0\n");
    let rules = sb.write_config("rules/x.toml", "\nkickers = [\"Speed Read\"]\n");
    let lines = problems(&sb);
    assert_eq!(lines.len(), 6, "{lines:#?}");
    let expected = [
        (
            config,
            1,
            "unknown key `pol` in the top level; did you mean `poll`?",
        ),
        (feeds, 2, "refused `exec:cat /etc/passwd`"),
        (keymap, 1, "unknown section `[nowhere]`"),
        (rules, 2, "`kickers` need `hosts`"),
        (topics, 1, "`title_weight` must be above 0"),
    ];
    for (line, (file, n, text)) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(&format!("{}{text}", at(file, *n))),
            "{line}\nwanted {}: {text}",
            at(file, *n)
        );
    }
    assert_eq!(
        lines[5],
        format!(
            "sift: 5 problems in 5 of 5 files in {}",
            sb.config_dir().display()
        )
    );
}

#[test]
fn a_good_set_of_every_kind_passes_with_a_summary() {
    let sb = Sandbox::new();
    sb.write_config(
        "config.toml",
        "[ui]\nread_after = 0\n[theme]\nunread = \"bold yellow\"\n[views]\nfp = \"topic:shipping is:unread\"\n",
    );
    sb.write_config(
        "feeds.toml",
        "# mine\n[[feed]]\nurl = \"https://a.test/feed\"\ntags = [\"world\"]\n\n[[feed]]\nurl = \"https://b.test/feed\"\n",
    );
    sb.write_config(
        "keymap.toml",
        "[list]\n\"x\" = \"toggle_star\"\n\"j\" = \"none\"\n",
    );
    sb.write_config(
        "topics.toml",
        "[topics.shipping]\nthreshold = 2\n\n[[topics.shipping.terms]]\nweight = 2\nwords = [\"tanker\"]\n",
    );
    sb.write_config(
        "rules/mine.toml",
        "[[block]]\nname = \"podcast-plug\"\nkind = \"promo\"\ncontains = [\"listen to our podcast\"]\n",
    );
    let dir = sb.config_dir();
    sb.sift()
        .args(["config", "--check"])
        .assert()
        .success()
        .stderr("")
        .stdout(format!(
            "all 5 files fine in {}: config.toml, feeds.toml (2 feeds), keymap.toml, \
             rules/mine.toml, topics.toml (6 topics in all)\n",
            dir.display()
        ));
}

#[test]
fn an_empty_config_dir_is_fine() {
    let sb = Sandbox::new();
    std::fs::remove_file(sb.config_dir().join("config.toml")).expect("remove");
    sb.sift()
        .args(["config", "--check"])
        .assert()
        .success()
        .stdout(format!(
            "no files in {} yet: sift runs on its defaults\n",
            sb.config_dir().display()
        ));
}
