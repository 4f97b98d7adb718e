//! The help screen's lines, generated: the keymap (with the user's keys),
//! the filter bar's and the prompts' keys, the commands, and the filter
//! language from the query module's own list of fields. Pure, so the app
//! scrolls and searches the same lines the view draws.

use super::app::{COMMANDS, prompts_help};
use super::keymap::Keymap;

/// One line of help: a heading, or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Entry { keys: String, what: String },
}

impl HelpLine {
    fn entry(keys: &str, what: &str) -> HelpLine {
        HelpLine::Entry {
            keys: keys.to_owned(),
            what: what.to_owned(),
        }
    }

    fn matches(&self, needle: &str) -> bool {
        match self {
            HelpLine::Heading(text) => text.to_lowercase().contains(needle),
            HelpLine::Entry { keys, what } => {
                keys.to_lowercase().contains(needle) || what.to_lowercase().contains(needle)
            }
        }
    }
}

/// Keys of the help screen itself.
pub const HELP_KEYS: &[(&str, &str)] = &[
    ("j k ↓ ↑", "scroll"),
    ("space pgdn pgup", "scroll a page"),
    ("g G", "top / end"),
    ("/", "search the help (enter keeps it, esc clears it)"),
    ("q esc ?", "close"),
];

/// Every line of help for `keymap`.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out = Vec::new();
    let mut place = "";
    for (p, keys, what) in keymap.help() {
        if p != place {
            out.push(HelpLine::Heading(format!("keys: {p}")));
            place = p;
        }
        out.push(HelpLine::Entry { keys, what });
    }
    out.push(HelpLine::Heading("always".into()));
    out.push(HelpLine::entry("ctrl-c", "quit, whatever the keymap says"));
    for (heading, keys) in prompts_help() {
        out.push(HelpLine::Heading(heading.to_owned()));
        for (k, what) in keys {
            out.push(HelpLine::entry(k, what));
        }
    }
    out.push(HelpLine::Heading("help screen".into()));
    for (k, what) in HELP_KEYS {
        out.push(HelpLine::entry(k, what));
    }
    out.push(HelpLine::Heading(
        "commands (after :, every action above by name too)".into(),
    ));
    for (name, what) in COMMANDS {
        out.push(HelpLine::entry(&format!(":{name}"), what));
    }
    out.push(HelpLine::Heading("filter language".into()));
    out.push(HelpLine::entry(
        "words",
        "all of them; \"a phrase\"; -word excludes; a OR b; ( ); /regex/",
    ));
    for field in crate::query::FIELD_HELP {
        let what = format!("{}: {}", field.usage(), field.about);
        out.push(HelpLine::entry(&format!("{}:", field.name), &what));
    }
    out
}

/// The lines that match `search` (case-insensitive), each under its
/// heading; all of them when `search` is empty.
pub fn search(all: &[HelpLine], search: &str) -> Vec<HelpLine> {
    let needle = search.trim().to_lowercase();
    if needle.is_empty() {
        return all.to_vec();
    }
    let mut out = Vec::new();
    let mut heading: Option<&HelpLine> = None;
    let mut heading_shown = false;
    for line in all {
        match line {
            HelpLine::Heading(_) => {
                heading = Some(line);
                heading_shown = false;
            }
            HelpLine::Entry { .. } if line.matches(&needle) => {
                if !heading_shown && let Some(h) = heading {
                    out.push(h.clone());
                    heading_shown = true;
                }
                out.push(line.clone());
            }
            HelpLine::Entry { .. } => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_covers_keys_prompts_commands_and_every_filter_field() {
        let all = lines(&Keymap::builtin());
        let text: Vec<String> = all
            .iter()
            .map(|l| match l {
                HelpLine::Heading(h) => h.clone(),
                HelpLine::Entry { keys, what } => format!("{keys} {what}"),
            })
            .collect();
        let text = text.join("\n");
        for field in crate::query::FIELDS {
            assert!(text.contains(&format!("{field}:")), "{field} missing");
        }
        for needed in [
            "keys: feeds",
            "filter bar",
            "command line",
            ":feed add",
            "ctrl-c",
            "mark every article of the feed read",
        ] {
            assert!(text.contains(needed), "{needed} missing:\n{text}");
        }
        // Spelled in two parts: tests/cli_man.rs scans the sources for it.
        assert!(!text.contains(&["being", "built"].join(" ")));
    }

    #[test]
    fn search_keeps_matching_lines_under_their_headings() {
        let all = lines(&Keymap::builtin());
        let found = search(&all, "TOPIC");
        assert!(
            found
                .iter()
                .any(|l| matches!(l, HelpLine::Entry { keys, .. } if keys == "topic:"))
        );
        assert!(found.contains(&HelpLine::Heading("filter language".into())));
        assert!(found.len() < all.len() / 4, "{found:?}");
        assert!(search(&all, "zzzz-nothing").is_empty());
    }
}
