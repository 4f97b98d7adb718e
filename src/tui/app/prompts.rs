//! Questions in the status line: a confirmation, or a line of text for
//! tags, a saved view, an enclosure, a feed, a path or a command.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, FeedChange, Undo};
use crate::model::ArticleId;
use crate::tui::input::{LineEdit, edit_line};

/// What a text prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A feed's URL or a site's address.
    AddFeed,
    FeedTitle {
        url: String,
    },
    FeedTags {
        url: String,
    },
    /// The path of an OPML or `urls` file.
    Import,
    /// Where to save an article as Markdown (empty: the saved folder).
    SavePath {
        id: ArticleId,
    },
}

/// A question in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Tags for an article, comma separated.
    Tag {
        id: ArticleId,
        input: String,
    },
    /// Mark every article of the view read?
    ConfirmMarkAll,
    /// A saved view, by name or number.
    View {
        input: String,
    },
    /// Unsubscribe from this feed?
    ConfirmRemoveFeed {
        url: String,
        name: String,
        total: u64,
    },
    Text {
        ask: Ask,
        input: String,
    },
    /// The command line (`:`).
    Command {
        input: String,
    },
    /// Which of an article's downloads to open or copy, by number.
    Enclosure {
        copy: bool,
        urls: Vec<String>,
        input: String,
    },
}

/// The keys every text prompt takes, for the help screen.
pub const PROMPT_KEYS: &[(&str, &str)] = &[
    ("enter", "done"),
    ("esc", "cancel"),
    ("ctrl-u", "clear before the cursor"),
    ("ctrl-w", "delete the word before the cursor"),
    ("backspace del", "delete a character"),
    ("← → home end", "move the cursor"),
];

/// The keys only the command line takes.
pub const COMMAND_LINE_KEYS: &[(&str, &str)] = &[
    ("tab", "complete the command (again: the next choice)"),
    ("↑ ↓", "earlier commands"),
];

/// The keys only a confirmation takes.
pub const CONFIRM_KEYS: &[(&str, &str)] = &[("y enter", "yes"), ("any other key", "no")];

impl Prompt {
    /// The text of the status line while it is asked, given the saved
    /// views' names and the view's unread count.
    pub fn label(&self, views: &[(String, String)], unread: u64) -> String {
        match self {
            Prompt::Tag { input, .. } => format!("tags (comma separated): {input}"),
            Prompt::ConfirmMarkAll => {
                format!("mark {unread} unread article(s) in this view read? (y/n)")
            }
            Prompt::View { input } => {
                let names: Vec<String> = views
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| format!("{} {name}", i + 1))
                    .collect();
                format!("view ({}): {input}", names.join(", "))
            }
            Prompt::ConfirmRemoveFeed { name, total, .. } => {
                format!("unsubscribe from {name} and drop its {total} article(s)? (y/n)")
            }
            Prompt::Text { ask, input } => {
                let question = match ask {
                    Ask::AddFeed => "add feed (URL, site or path)",
                    Ask::FeedTitle { .. } => "feed title (empty: its own)",
                    Ask::FeedTags { .. } => "feed tags (comma separated)",
                    Ask::Import => "import OPML or urls file",
                    Ask::SavePath { .. } => "save as (empty: the saved folder)",
                };
                format!("{question}: {input}")
            }
            Prompt::Command { input } => format!(":{input}"),
            Prompt::Enclosure { copy, urls, input } => {
                let verb = if *copy { "copy" } else { "open" };
                let choices = super::enclosures::choices(urls);
                format!("{verb} enclosure ({choices}; empty: 1): {input}")
            }
        }
    }
}

/// Tags typed in a prompt: comma separated, sanitised, lower case.
pub(super) fn typed_tags(input: &str) -> Vec<String> {
    input
        .split(',')
        .map(|t| crate::text::sanitize_line(t).trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect()
}

fn yes(key: &KeyEvent) -> bool {
    matches!(
        key.code,
        KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter
    )
}

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        match prompt {
            Prompt::ConfirmMarkAll if yes(&key) => self.mark_view_read(),
            Prompt::ConfirmRemoveFeed { url, name, .. } if yes(&key) => {
                self.status.say(format!("unsubscribing from {name}…"));
                vec![Effect::ChangeFeeds(FeedChange::Remove { url })]
            }
            Prompt::ConfirmMarkAll | Prompt::ConfirmRemoveFeed { .. } => Vec::new(),
            Prompt::Command { input } => self.command_key(input, key),
            Prompt::Tag { id, mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => self.set_tags(id, typed_tags(&input)),
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::Tag { id, input });
                    Vec::new()
                }
            },
            Prompt::View { mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => self.choose_view(input.trim()),
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::View { input });
                    Vec::new()
                }
            },
            Prompt::Enclosure {
                copy,
                urls,
                mut input,
            } => match edit_line(&mut input, key) {
                LineEdit::Done => self.choose_enclosure(copy, urls, input.trim()),
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::Enclosure { copy, urls, input });
                    Vec::new()
                }
            },
            Prompt::Text { ask, mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => self.answer(ask, input.trim()),
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::Text { ask, input });
                    Vec::new()
                }
            },
        }
    }

    /// What a text prompt's answer does.
    pub(super) fn answer(&mut self, ask: Ask, input: &str) -> Vec<Effect> {
        let change = match ask {
            Ask::AddFeed if input.is_empty() => return Vec::new(),
            Ask::AddFeed => {
                self.status.say(format!("adding {input}…"));
                FeedChange::Add {
                    url: input.to_owned(),
                }
            }
            Ask::FeedTitle { url } => FeedChange::Edit {
                url,
                title: Some(input.to_owned()),
                tags: None,
            },
            Ask::FeedTags { url } => FeedChange::Edit {
                url,
                title: None,
                tags: Some(typed_tags(input)),
            },
            Ask::Import if input.is_empty() => return Vec::new(),
            Ask::Import => {
                self.status.say(format!("importing {input}…"));
                FeedChange::Import {
                    path: input.to_owned(),
                }
            }
            Ask::SavePath { id } => {
                return vec![Effect::SaveArticle {
                    id,
                    path: (!input.is_empty()).then(|| input.to_owned()),
                }];
            }
        };
        vec![Effect::ChangeFeeds(change)]
    }

    /// Sets an article's tags; undo gives the old ones back.
    pub(super) fn set_tags(&mut self, id: ArticleId, tags: Vec<String>) -> Vec<Effect> {
        let was = self.reader.tags_of(id);
        self.push_undo(Undo::Tags { id, was });
        self.reader.forget(id);
        let mut effects = vec![Effect::SetTags { id, tags }];
        effects.extend(self.request_doc());
        effects
    }

    fn choose_view(&mut self, choice: &str) -> Vec<Effect> {
        let views = &self.options.views;
        let view = choice
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|n| views.get(n))
            .or_else(|| {
                views
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(choice))
            })
            .cloned();
        match view {
            Some((_, query)) => {
                self.filter.text = query;
                self.filter.cursor = self.filter.text.len();
                self.query()
            }
            None => {
                self.status.error(format!("no saved view `{choice}`"));
                Vec::new()
            }
        }
    }

    /// Every article of the view read (the stories' others too).
    fn mark_view_read(&mut self) -> Vec<Effect> {
        let mut ids = self.list.view.leads.clone();
        ids.extend(self.list.view.stories.values().flatten());
        for id in &ids {
            if let Some(row) = self.list.rows.get_mut(id) {
                row.read = true;
            }
        }
        self.list.view.unread = 0;
        vec![Effect::MarkAllRead(ids)]
    }
}

/// The keys of the filter bar, the prompts and the command line, by
/// heading, for the help screen.
pub fn prompts_help() -> Vec<(&'static str, &'static [(&'static str, &'static str)])> {
    vec![
        ("filter bar", super::text_entry::FILTER_KEYS),
        ("prompts and the command line", PROMPT_KEYS),
        ("command line", COMMAND_LINE_KEYS),
        ("questions (y/n)", CONFIRM_KEYS),
    ]
}
