//! The `:` prompt: typing, Tab completion, history, and running what was
//! typed.

use crossterm::event::{KeyCode, KeyEvent};

use super::commands::{self, Command, SETTINGS};
use super::{App, Ask, Effect, FeedChange, Prompt};
use crate::tui::input::{LineEdit, edit_line};

/// Commands kept in the history.
const HISTORY: usize = 100;

/// The command line's memory: earlier commands and where Tab is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandLine {
    pub history: Vec<String>,
    history_pos: Option<usize>,
    /// What Tab completes from and the choice it is on, while it cycles.
    tab: Option<(String, usize)>,
    /// The names Tab cycles through, shown after what is typed.
    pub choices: Vec<String>,
}

impl App {
    pub(super) fn open_command_line(&mut self) -> Vec<Effect> {
        self.commands.history_pos = None;
        self.commands.tab = None;
        self.commands.choices.clear();
        self.prompt = Some(Prompt::Command {
            input: String::new(),
        });
        Vec::new()
    }

    pub(super) fn command_key(&mut self, mut input: String, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Tab => {
                self.complete(&mut input);
                self.prompt = Some(Prompt::Command { input });
                return Vec::new();
            }
            KeyCode::Up | KeyCode::Down => {
                self.recall(&mut input, key.code == KeyCode::Up);
                self.prompt = Some(Prompt::Command { input });
                return Vec::new();
            }
            _ => {
                self.commands.tab = None;
                self.commands.choices.clear();
            }
        }
        match edit_line(&mut input, key) {
            LineEdit::Done => {
                let line = input.trim().to_owned();
                if line.is_empty() {
                    return Vec::new();
                }
                let history = &mut self.commands.history;
                history.retain(|h| *h != line);
                history.push(line.clone());
                if history.len() > HISTORY {
                    history.remove(0);
                }
                self.run_command_line(&line)
            }
            LineEdit::Cancel => Vec::new(),
            LineEdit::Editing => {
                self.prompt = Some(Prompt::Command { input });
                Vec::new()
            }
        }
    }

    /// Tab: the one name that fits, or the next of several (the status
    /// line lists them).
    fn complete(&mut self, input: &mut String) {
        let base = match &self.commands.tab {
            Some((base, _)) => base.clone(),
            None => input.clone(),
        };
        let choices = commands::completions(&base);
        match choices.len() {
            0 => self.commands.choices = vec![format!("(no command starts with `{base}`)")],
            1 => {
                *input = format!("{} ", choices[0]);
                self.commands.tab = None;
                self.commands.choices.clear();
            }
            n => {
                let next = match &self.commands.tab {
                    Some((_, at)) => (at + 1) % n,
                    None => 0,
                };
                *input = choices[next].clone();
                self.commands.tab = Some((base, next));
                self.commands.choices = choices;
            }
        }
    }

    fn recall(&mut self, input: &mut String, back: bool) {
        let history = &self.commands.history;
        if history.is_empty() {
            return;
        }
        let last = history.len() - 1;
        let pos = match (back, self.commands.history_pos) {
            (true, None) => Some(last),
            (true, Some(p)) => Some(p.saturating_sub(1)),
            (false, Some(p)) if p < last => Some(p + 1),
            _ => None,
        };
        self.commands.history_pos = pos;
        *input = pos.map(|p| history[p].clone()).unwrap_or_default();
    }

    /// Runs a command line, typed or bound to a key.
    pub fn run_command_line(&mut self, line: &str) -> Vec<Effect> {
        match commands::parse(line) {
            Ok(command) => self.run_command(command),
            Err(error) => {
                self.status.error(error);
                Vec::new()
            }
        }
    }

    fn run_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Action(action) => self.update(action),
            Command::Tag(tags) => match self.selected_id() {
                Some(id) => self.set_tags(id, tags),
                None => Vec::new(),
            },
            Command::AddFeed(url) => self.answer(Ask::AddFeed, &url),
            Command::FeedTitle(title) => self.with_feed(|url| FeedChange::Edit {
                url,
                title: Some(title),
                tags: None,
            }),
            Command::FeedTags(tags) => self.with_feed(|url| FeedChange::Edit {
                url,
                title: None,
                tags: Some(tags),
            }),
            Command::Import(path) => self.answer(Ask::Import, &path),
            Command::Save(path) => match self.selected_id() {
                Some(id) => vec![Effect::SaveArticle { id, path }],
                None => {
                    self.status.error("no article to save");
                    Vec::new()
                }
            },
            Command::Filter(text) => {
                self.filter.text = text;
                self.filter.cursor = self.filter.text.len();
                self.query()
            }
            Command::Set { name, value } => {
                self.set_option(&name, &value);
                Vec::new()
            }
        }
    }

    fn with_feed(&mut self, change: impl FnOnce(String) -> FeedChange) -> Vec<Effect> {
        let url = match self.screen {
            super::Screen::Feeds => self.feeds.selected_feed().map(|f| f.url.clone()),
            super::Screen::Articles => self
                .list
                .selected_row()
                .and_then(|row| self.feeds.by_id(row.feed_id))
                .map(|f| f.url.clone()),
        };
        match url {
            Some(url) => vec![Effect::ChangeFeeds(change(url))],
            None => {
                self.status.error("no feed selected");
                Vec::new()
            }
        }
    }

    /// `:set NAME VALUE`, for this session.
    fn set_option(&mut self, name: &str, value: &str) {
        match name {
            "read_after" => match value.trim_end_matches('s').parse::<u64>() {
                Ok(0) => {
                    self.options.read_after_ms = None;
                    self.timer.stop();
                    self.status.say("articles are marked read only when opened");
                }
                Ok(seconds) if seconds <= 3600 => {
                    self.options.read_after_ms = Some(seconds * 1000);
                    self.status.say(format!(
                        "an article browsed to for {seconds}s counts as read"
                    ));
                }
                _ => self.status.error(format!(
                    "read_after takes seconds (0 to 3600), not `{value}`"
                )),
            },
            other => self.status.error(format!(
                "no setting `{other}`; :set takes {}",
                SETTINGS.join(", ")
            )),
        }
    }
}
