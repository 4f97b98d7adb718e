//! The command line's language: every keymap action by name, plus the
//! commands that take words (`:tag world`, `:feed add URL`, `:save PATH`,
//! `:set read_after 0`). Parsed into `Command`, then run by `App`.

use crate::tui::keymap::Action;

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Action(Action),
    /// `:tag a, b`: the article's tags.
    Tag(Vec<String>),
    /// `:feed add URL`.
    AddFeed(String),
    /// `:feed title TEXT` (empty: the feed's own).
    FeedTitle(String),
    /// `:feed tags a, b`.
    FeedTags(Vec<String>),
    /// `:import PATH`.
    Import(String),
    /// `:save [PATH]`.
    Save(Option<String>),
    /// `:filter TEXT`.
    Filter(String),
    /// `:set NAME VALUE`.
    Set {
        name: String,
        value: String,
    },
}

/// Commands with words after them, and what they take, for completion
/// and help. Every action name is a command too (see `names`).
pub const COMMANDS: &[(&str, &str)] = &[
    (
        "tag",
        "tag [TAGS]: set the article's tags (a, b); none: ask",
    ),
    (
        "feed add",
        "feed add URL: subscribe (a feed, a site or a path)",
    ),
    (
        "feed remove",
        "feed remove: unsubscribe from the feed (asks)",
    ),
    (
        "feed title",
        "feed title [TEXT]: rename the feed (empty: its own)",
    ),
    ("feed tags", "feed tags [TAGS]: set the feed's tags"),
    ("feed read", "feed read: mark the feed read"),
    ("feed poll", "feed poll: poll the feed now"),
    ("feeds", "feeds: the feed list"),
    ("import", "import PATH: feeds from an OPML or urls file"),
    (
        "export briefing",
        "export briefing: the starred articles as Markdown",
    ),
    ("save", "save [PATH]: the article as Markdown"),
    ("filter", "filter TEXT: set the filter"),
    (
        "set read_after",
        "set read_after SECONDS: 0 marks read only on open",
    ),
    ("star", "star: star / unstar (toggle_star)"),
    ("read", "read: mark read / unread (toggle_read)"),
    ("open", "open: read the article"),
    ("quit", "quit (also q)"),
];

/// Settings `:set` changes.
pub const SETTINGS: &[&str] = &["read_after"];

/// Every name the command line knows, for completion and for "did you
/// mean": the commands above and every action.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = COMMANDS.iter().map(|(n, _)| (*n).to_owned()).collect();
    for (name, _, _) in Action::all() {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names.extend((1..=9).map(|n| format!("link_{n}")));
    names
}

/// Parses one command line (without its `:`).
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (head, rest) = match line.split_once(char::is_whitespace) {
        Some((head, rest)) => (head, rest.trim()),
        None => (line, ""),
    };
    let head = head.to_lowercase().replace('-', "_");
    let words = |rest: &str| -> Vec<String> {
        rest.split(',')
            .map(|t| crate::text::sanitize_line(t).trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let command = match head.as_str() {
        "" => return Err("type a command; tab shows them".into()),
        "tag" if rest.is_empty() => Command::Action(Action::Tag),
        "tag" => Command::Tag(words(rest)),
        "feed" => return feed(rest),
        "feeds" => Command::Action(Action::FeedList),
        "import" if rest.is_empty() => Command::Action(Action::Import),
        "import" => Command::Import(rest.to_owned()),
        "export" if rest == "briefing" || rest.is_empty() => {
            Command::Action(Action::ExportBriefing)
        }
        "export" => return Err(format!("cannot export `{rest}`; `:export briefing` can")),
        "save" => Command::Save((!rest.is_empty()).then(|| rest.to_owned())),
        "filter" if rest.is_empty() => Command::Action(Action::Filter),
        "filter" => Command::Filter(rest.to_owned()),
        "set" => {
            let (name, value) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            Command::Set {
                name: name.to_lowercase(),
                value: value.trim().to_owned(),
            }
        }
        "star" => Command::Action(Action::ToggleStar),
        "read" => Command::Action(Action::ToggleRead),
        "q" => Command::Action(Action::Quit),
        name => match Action::from_name(name) {
            Some(action) if rest.is_empty() => Command::Action(action),
            Some(_) => return Err(format!("`{name}` takes no words after it")),
            None => return Err(unknown(name)),
        },
    };
    Ok(command)
}

fn feed(rest: &str) -> Result<Command, String> {
    let (sub, arg) = match rest.split_once(char::is_whitespace) {
        Some((sub, arg)) => (sub, arg.trim()),
        None => (rest, ""),
    };
    Ok(match sub.to_lowercase().as_str() {
        "add" if arg.is_empty() => Command::Action(Action::AddFeed),
        "add" => Command::AddFeed(arg.to_owned()),
        "remove" | "rm" | "delete" => Command::Action(Action::RemoveFeed),
        "title" => Command::FeedTitle(arg.to_owned()),
        "tags" | "tag" => Command::FeedTags(
            arg.split(',')
                .map(|t| crate::text::sanitize_line(t).trim().to_lowercase())
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        "read" => Command::Action(Action::MarkFeedRead),
        "poll" => Command::Action(Action::PollFeed),
        "" => Command::Action(Action::FeedList),
        other => {
            return Err(format!(
                "no `feed {other}`; use feed add, remove, title, tags, read or poll"
            ));
        }
    })
}

/// "unknown command", with the nearest name.
fn unknown(name: &str) -> String {
    let nearest = names()
        .into_iter()
        .map(|n| {
            let head = n.split(' ').next().unwrap_or(&n).to_owned();
            let prefix = head.starts_with(name);
            (!prefix, crate::query::edit_distance(name, &head), head)
        })
        .min();
    match nearest {
        Some((_, distance, head)) if distance <= name.chars().count().max(3) => {
            format!("unknown command `{name}`; did you mean `{head}`?")
        }
        _ => format!("unknown command `{name}`; tab lists the commands"),
    }
}

/// The names that complete `typed` (what is typed so far, from the start
/// of the line), in a stable order.
pub fn completions(typed: &str) -> Vec<String> {
    let typed = typed.trim_start().to_lowercase();
    let mut out: Vec<String> = names()
        .into_iter()
        .filter(|n| n.starts_with(&typed) && n.len() > typed.len())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_a_command_by_name() {
        for (name, action, _) in Action::all() {
            if name.starts_with("link_") {
                continue;
            }
            assert_eq!(parse(name), Ok(Command::Action(action)), "{name}");
        }
        assert_eq!(parse("link_3"), Ok(Command::Action(Action::Link(3))));
    }

    #[test]
    fn commands_with_words_parse() {
        assert_eq!(parse("star"), Ok(Command::Action(Action::ToggleStar)));
        assert_eq!(
            parse("tag World, news"),
            Ok(Command::Tag(vec!["world".into(), "news".into()]))
        );
        assert_eq!(
            parse("feed add https://a.test/"),
            Ok(Command::AddFeed("https://a.test/".into()))
        );
        assert_eq!(parse("import ~/urls"), Ok(Command::Import("~/urls".into())));
        assert_eq!(
            parse("export briefing"),
            Ok(Command::Action(Action::ExportBriefing))
        );
        assert_eq!(
            parse("save /tmp/a.md"),
            Ok(Command::Save(Some("/tmp/a.md".into())))
        );
        assert_eq!(
            parse("set read_after 0"),
            Ok(Command::Set {
                name: "read_after".into(),
                value: "0".into()
            })
        );
        assert_eq!(parse(" quit "), Ok(Command::Action(Action::Quit)));
    }

    #[test]
    fn unknown_commands_get_the_nearest_name() {
        assert_eq!(
            parse("stra").unwrap_err(),
            "unknown command `stra`; did you mean `star`?"
        );
        assert_eq!(
            parse("quti").unwrap_err(),
            "unknown command `quti`; did you mean `quit`?"
        );
        assert!(parse("feed eat").unwrap_err().contains("feed add"));
        assert!(parse("open now").unwrap_err().contains("takes no words"));
    }

    #[test]
    fn completion_offers_the_names_that_start_with_what_is_typed() {
        assert_eq!(completions("sa"), vec!["save", "save_article"]);
        assert!(completions("feed ").contains(&"feed add".to_string()));
        assert_eq!(completions("set r"), vec!["set read_after"]);
        assert!(completions("zz").is_empty());
    }
}
