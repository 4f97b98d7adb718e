//! `sift man`: one page made from the program's own tables (commands,
//! default keys, the filter language's fields), naming no page that does
//! not exist; and no "being built" text left anywhere.

mod cli_support;

use clap::CommandFactory;
use cli_support::{Sandbox, stdout_of};

/// The page as text: roff's escapes and font changes undone.
fn man_text() -> String {
    let sb = Sandbox::new();
    let page = stdout_of(sb.sift().arg("man"));
    page.replace("\\-", "-")
        .replace("\\*(Aq", "'")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\(aq", "'")
        .replace("\\e", "\\")
}

/// The text of one `.SH` section.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text
        .find(&format!(".SH \"{title}\""))
        .or_else(|| text.find(&format!(".SH {title}")))
        .unwrap_or_else(|| panic!("no section {title}"));
    let rest = &text[start + 4..];
    let end = rest.find("\n.SH ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn every_field_of_the_filter_language_is_in_the_page() {
    let text = man_text();
    let language = section(&text, "FILTER LANGUAGE");
    for field in sift::query::FIELD_HELP {
        assert!(
            language.contains(&field.usage()),
            "{}: missing from\n{language}",
            field.name
        );
        assert!(language.contains(field.about), "{}", field.name);
    }
    // The two that went missing from the help before.
    assert!(language.contains("topic:foreign-policy"), "{language}");
    assert!(language.contains("sort:date|relevance"), "{language}");
    for (form, about) in sift::query::SYNTAX_HELP {
        assert!(
            language.contains(form) && language.contains(about),
            "{form}"
        );
    }
}

/// `--query`'s long help lists every field too, for list and mark.
#[test]
fn every_field_is_in_the_query_help_of_list_and_mark() {
    let sb = Sandbox::new();
    for command in ["list", "mark"] {
        let help = stdout_of(sb.sift().args([command, "--help"]));
        for field in sift::query::FIELD_HELP {
            assert!(
                help.contains(&field.usage()),
                "{command}: {}\n{help}",
                field.name
            );
        }
    }
}

/// Every action of the default keymap, by name and by what it does, with
/// its keys; read from the keymap itself, not from the page's code.
#[test]
fn every_default_key_action_is_in_the_page() {
    use sift::tui::keymap::{Action, Key};
    let text = man_text();
    let keys = section(&text, "KEYS");
    let keymap: toml::Table = sift::tui::keymap::DEFAULT_KEYMAP
        .parse()
        .expect("the default keymap parses");
    let mut actions = 0;
    for (place, bindings) in &keymap {
        // This place's subsection: from its title to the next one.
        let start = keys
            .find(&format!("({place})"))
            .unwrap_or_else(|| panic!("no keys for {place}"));
        let keys = &keys[start..];
        let keys = &keys[..keys.find("\n.SS").unwrap_or(keys.len())];
        for (key, action) in bindings.as_table().expect("a section") {
            let action = action.as_str().expect("an action name");
            let described = Action::from_name(action)
                .expect("a known action")
                .describe();
            let label = Key::parse(key).expect("a key").label();
            let entry = format!("{action}: {described}");
            assert!(keys.contains(&entry), "{place} {key}: `{entry}` missing");
            // The key is on the line above its entry (or beside it).
            let at = keys.find(&entry).expect("found");
            let before = &keys[..at];
            let tag_line = before.trim_end().rsplit('\n').next().unwrap_or_default();
            assert!(
                tag_line.split_whitespace().any(|k| k == label),
                "{place}: key `{label}` not beside `{entry}` (tag line `{tag_line}`)"
            );
            actions += 1;
        }
    }
    assert!(actions > 40, "{actions} bindings");
}

#[test]
fn every_command_and_the_usual_sections_are_in_the_page() {
    let text = man_text();
    let commands = section(&text, "COMMANDS");
    for sub in sift::cli::Cli::command().get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let nested: Vec<&clap::Command> = sub
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if nested.is_empty() {
            assert!(
                commands.contains(&format!("sift {} ", sub.get_name())),
                "{}",
                sub.get_name()
            );
        }
        for inner in nested {
            let usage = format!("sift {} {} ", sub.get_name(), inner.get_name());
            assert!(commands.contains(&usage), "{usage}");
        }
    }
    assert!(commands.contains("sift mark --query 'topic:sport since:1d' --read"));
    assert!(commands.contains("--check"), "config --check is described");
    for title in ["FILES", "ENVIRONMENT", "EXIT STATUS"] {
        section(&text, title);
    }
    let files = section(&text, "FILES");
    for file in [
        "config.toml",
        "feeds.toml",
        "keymap.toml",
        "topics.toml",
        "rules/*.toml",
        "sift.db",
        "sift.log",
    ] {
        assert!(files.contains(file), "{file}");
    }
    let environment = section(&text, "ENVIRONMENT");
    for name in [
        "SIFT_CONFIG_DIR",
        "SIFT_DATA_DIR",
        "SIFT_LOG",
        "NO_COLOR",
        "BROWSER",
    ] {
        assert!(environment.contains(name), "{name}");
    }
    let exit = section(&text, "EXIT STATUS");
    for code in ["\n0\n", "\n1\n", "\n2\n"] {
        assert!(exit.contains(code), "{code:?} in {exit}");
    }
}

/// clap_mangen's own subcommand list names `sift-feeds(1)` and the like,
/// pages that do not exist; this page names no page at all.
#[test]
fn the_page_names_no_other_manual_page() {
    let text = man_text();
    let named = regex::Regex::new(r"[A-Za-z][\w-]*\(\d\)").expect("regex");
    let found: Vec<&str> = named.find_iter(&text).map(|m| m.as_str()).collect();
    assert!(found.is_empty(), "pages named: {found:?}");
}

/// No help, page or output says the interface "is being built" any more,
/// and neither does the source or the README.
#[test]
fn nothing_says_the_interface_is_being_built() {
    let stale = |text: &str| {
        let lower = text.to_lowercase();
        lower.contains("being built") || lower.contains("not built yet")
    };
    let sb = Sandbox::new();
    let mut outputs = vec![
        man_text(),
        stdout_of(sb.sift().arg("--help")),
        stdout_of(sb.sift().arg("-h")),
        stdout_of(&mut sb.sift()),
    ];
    for sub in sift::cli::Cli::command().get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        outputs.push(stdout_of(sb.sift().args([sub.get_name(), "--help"])));
    }
    for out in &outputs {
        assert!(!stale(out), "{out}");
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut dirs = vec![root.join("src"), root.join("assets")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        assert!(!stale(&text), "{} still says so", file.display());
    }
}

#[test]
fn every_command_of_the_command_line_is_in_the_page() {
    let text = man_text();
    let keys = section(&text, "KEYS");
    for (name, _) in sift::tui::app::COMMANDS {
        assert!(keys.contains(&format!(":{name}")), ":{name} missing");
    }
    for (heading, entries) in sift::tui::app::prompts_help() {
        assert!(keys.contains(&format!("In the {heading}")), "{heading}");
        for (_, what) in entries {
            assert!(keys.contains(what), "{heading}: {what}");
        }
    }
}
