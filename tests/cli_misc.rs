//! Help, completions, the man page, and the exit-code contract for usage
//! errors.

mod cli_support;

use clap::CommandFactory;
use cli_support::{Sandbox, stderr_with_code, stdout_of};

/// Every subcommand path (`["feeds", "add"]`, ...), from the real clap
/// definition so a new subcommand is covered without editing this test.
fn subcommand_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            walk(sub, &path, out);
            out.push(path);
        }
    }
    let mut out = Vec::new();
    walk(&sift::cli::Cli::command(), &[], &mut out);
    out
}

#[test]
fn every_help_shows_an_example() {
    let sb = Sandbox::new();
    let paths = subcommand_paths();
    assert!(paths.len() >= 14, "{paths:?}");
    let top = stdout_of(sb.sift().arg("--help"));
    assert!(top.contains("Examples:\n  sift feeds add"), "{top}");
    for path in paths {
        let help = stdout_of(sb.sift().args(&path).arg("--help"));
        assert!(
            help.contains("Example"),
            "`sift {} --help` has no example:\n{help}",
            path.join(" ")
        );
        assert!(help.contains("Usage: sift"), "{help}");
    }
}

#[test]
fn completions_for_each_shell_mention_sift() {
    let sb = Sandbox::new();
    for (shell, marker) in [
        ("bash", "_sift()"),
        ("zsh", "#compdef sift"),
        ("fish", "complete -c sift"),
    ] {
        let script = stdout_of(sb.sift().args(["completions", shell]));
        assert!(script.len() > 200, "{shell}: {script}");
        assert!(script.contains(marker), "{shell} lacks {marker}:\n{script}");
        // Subcommands are completed too.
        assert!(script.contains("import"), "{shell}");
    }
    sb.sift().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_prints_roff() {
    let sb = Sandbox::new();
    let page = stdout_of(sb.sift().arg("man"));
    assert!(
        page.contains("\n.TH sift 1"),
        "{}",
        &page[..page.len().min(300)]
    );
    assert!(
        page.contains(".SH NAME\nsift \\- A terminal news reader"),
        "{page}"
    );
    assert!(page.contains(".SH COMMANDS"), "{page}");
}

#[test]
fn completions_and_man_need_no_config() {
    let sb = Sandbox::new();
    sb.write_config("config.toml", "[[[broken");
    sb.sift().args(["completions", "bash"]).assert().success();
    sb.sift().arg("man").assert().success();
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    let err = stderr_with_code(sb.sift().args(["list", "--bogus"]), 2);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    let err = stderr_with_code(sb.sift().arg("--bogus"), 2);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");

    let err = stderr_with_code(sb.sift().args(["mark", "1"]), 2);
    assert!(
        err.contains("required arguments were not provided")
            && err.contains("<--read|--unread|--star|--unstar>"),
        "{err}"
    );
    let err = stderr_with_code(sb.sift().args(["mark", "1", "--read", "--star"]), 2);
    assert!(err.contains("cannot be used with"), "{err}");

    sb.sift()
        .args(["show", "99999"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("sift: no article #99999; `sift list` shows ids\n");
    sb.sift()
        .args(["mark", "99999", "--read"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("sift: no article #99999; nothing was marked (`sift list` shows ids)\n");
    let err = stderr_with_code(sb.sift().args(["show", "abc"]), 2);
    assert!(err.contains("invalid value 'abc'"), "{err}");
    let err = stderr_with_code(sb.sift().args(["poll", "--jobs", "0"]), 2);
    assert!(err.contains("invalid value '0'"), "{err}");
    sb.sift()
        .args(["list", "--since", "yesterday-ish"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("sift: --since: "));
    sb.sift()
        .args(["list", "--feed", "nothing-like-it"])
        .assert()
        .code(2)
        .stderr("sift: no feed matches `nothing-like-it`; `sift feeds list` shows them\n");
    sb.sift()
        .args(["poll", "--tag", "nowhere"])
        .assert()
        .code(2)
        .stderr("sift: no feed has the tag `nowhere`\n");
    sb.sift()
        .args(["export"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--opml"));
}

#[test]
fn version_and_overview() {
    let sb = Sandbox::new();
    sb.sift()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("sift {}\n", env!("CARGO_PKG_VERSION")));
    // In a pipe (the test's stdout), `sift` prints the unread count, as
    // the README says, and nothing else.
    sb.sift()
        .assert()
        .success()
        .stdout("0 unread in 0 feed(s)\n");
}

#[test]
fn demo_needs_a_terminal_and_says_so() {
    let sb = Sandbox::new();
    sb.sift()
        .arg("--demo")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a terminal"));
}
