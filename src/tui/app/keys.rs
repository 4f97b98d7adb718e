//! Keys to actions, and what each action does.

use crossterm::event::KeyEvent;

use super::{App, Effect, Focus, Prompt, Sort, Undo, is_web};
use crate::tui::keymap::{Action, Key, Place};

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.help {
            self.help = false;
            return Vec::new();
        }
        if self.prompt.is_some() {
            return self.prompt_key(key);
        }
        if self.focus == Focus::Filter {
            return self.filter_key(key);
        }
        let place = if self.focus == Focus::Reader {
            Place::Reader
        } else {
            Place::List
        };
        match self.keymap.action(place, Key::from_event(&key)) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        let reading = self.focus == Focus::Reader;
        match action {
            Action::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
            Action::Help => {
                self.help = true;
                Vec::new()
            }
            Action::Down if reading => self.scroll(1),
            Action::Up if reading => self.scroll(-1),
            Action::PageDown if reading => self.scroll(self.page() as isize),
            Action::PageUp if reading => self.scroll(-(self.page() as isize)),
            Action::Top if reading => {
                self.reader_scroll = 0;
                Vec::new()
            }
            Action::Bottom if reading => self.scroll(isize::MAX / 2),
            Action::Down => self.select(self.selected.saturating_add(1)),
            Action::Up => self.select(self.selected.saturating_sub(1)),
            Action::PageDown => self.select(self.selected + self.areas.list_rows().max(1)),
            Action::PageUp => {
                self.select(self.selected.saturating_sub(self.areas.list_rows().max(1)))
            }
            Action::Top => self.select(0),
            Action::Bottom => self.select(self.view.ids.len().saturating_sub(1)),
            Action::Open => {
                let Some(id) = self.selected_id() else {
                    return Vec::new();
                };
                if !reading && self.view.stories.contains_key(&id) && !self.expanded.contains(&id) {
                    return self.toggle_story();
                }
                self.focus = Focus::Reader;
                // Opened in the reader: read now.
                match self.selected_id() {
                    Some(id) => self.set_read(id, true, false),
                    None => Vec::new(),
                }
            }
            Action::Back => {
                self.focus = Focus::List;
                Vec::new()
            }
            Action::SwitchFocus => {
                self.focus = if reading { Focus::List } else { Focus::Reader };
                Vec::new()
            }
            Action::NextUnread => self.seek_unread(true),
            Action::PrevUnread => self.seek_unread(false),
            Action::ToggleRead => match self.selected_row() {
                Some(row) => {
                    let (id, read) = (row.id, row.read);
                    self.shown = None;
                    self.set_read(id, !read, true)
                }
                None => Vec::new(),
            },
            Action::ToggleStar => match self.selected_row() {
                Some(row) => {
                    let (id, was) = (row.id, row.starred);
                    if let Some(row) = self.rows.get_mut(&id) {
                        row.starred = !was;
                    }
                    self.push_undo(Undo::Star { id, was });
                    vec![Effect::SetStarred { id, starred: !was }]
                }
                None => Vec::new(),
            },
            Action::Tag => {
                if let Some(id) = self.selected_id() {
                    let input = self
                        .docs
                        .iter()
                        .rev()
                        .find(|d| d.id == id)
                        .map(|d| d.tags.join(", "))
                        .unwrap_or_default();
                    self.prompt = Some(Prompt::Tag { id, input });
                }
                Vec::new()
            }
            Action::MarkAllRead => {
                if self.view.unread > 0 {
                    self.prompt = Some(Prompt::ConfirmMarkAll);
                } else {
                    self.message = Some(("nothing unread here".into(), false));
                }
                Vec::new()
            }
            Action::Undo => self.undo_last(),
            Action::ToggleStory => self.toggle_story(),
            Action::OpenLink => {
                let link = self.selected_row().and_then(|r| r.link.clone());
                self.open(link)
            }
            Action::ExportBriefing => {
                self.message = Some(("writing the briefing…".into(), false));
                vec![Effect::ExportBriefing {
                    query: self.filter.text.clone(),
                }]
            }
            Action::CopyLink => match self.selected_row().and_then(|r| r.link.clone()) {
                Some(link) if is_web(&link) => {
                    self.message = Some(("link copied".into(), false));
                    vec![Effect::Copy(link)]
                }
                _ => {
                    self.message = Some(("this article has no web link".into(), true));
                    Vec::new()
                }
            },
            Action::OpenEnclosure => match self.doc().map(|d| d.enclosure_url.clone()) {
                Some(Some(url)) => self.open(Some(url)),
                _ => {
                    self.message = Some(("this article has no enclosure".into(), true));
                    Vec::new()
                }
            },
            Action::CopyEnclosure => match self.doc().and_then(|d| d.enclosure_url.clone()) {
                Some(url) if is_web(&url) => {
                    self.message = Some(("enclosure URL copied".into(), false));
                    vec![Effect::Copy(url)]
                }
                Some(_) => {
                    self.message = Some((
                        "not copying: only http and https enclosures are copied".into(),
                        true,
                    ));
                    Vec::new()
                }
                None => {
                    self.message = Some(("this article has no enclosure".into(), true));
                    Vec::new()
                }
            },
            Action::Link(n) => {
                let link = self
                    .doc()
                    .and_then(|d| d.body.links.get(usize::from(n) - 1).cloned());
                if link.is_none() {
                    self.message = Some((format!("no link {n} in this article"), true));
                    return Vec::new();
                }
                self.open(link)
            }
            Action::PollAll | Action::PollFeed => {
                if self.polling.is_some() {
                    self.message = Some(("a poll is already running".into(), false));
                    return Vec::new();
                }
                let feed = if action == Action::PollFeed {
                    match self.selected_row() {
                        Some(row) => Some(row.feed_id),
                        None => return Vec::new(),
                    }
                } else {
                    None
                };
                self.polling = Some((0, 0));
                vec![Effect::Poll(feed)]
            }
            Action::Filter => {
                self.focus = Focus::Filter;
                self.filter.cursor = self.filter.text.len();
                Vec::new()
            }
            Action::ToggleNoise => {
                self.show_noise = !self.show_noise;
                self.query()
            }
            Action::ShowHidden => {
                self.show_hidden = !self.show_hidden;
                self.request_doc()
            }
            Action::SortOldest | Action::SortFeed | Action::SortNewest => {
                self.sort = match action {
                    Action::SortOldest => Sort::Oldest,
                    Action::SortFeed => Sort::Feed,
                    _ => Sort::Newest,
                };
                self.query()
            }
            Action::View => {
                if self.settings.views.is_empty() {
                    self.message = Some((
                        "no saved views; add them under [views] in config.toml".into(),
                        true,
                    ));
                } else {
                    self.prompt = Some(Prompt::View {
                        input: String::new(),
                    });
                }
                Vec::new()
            }
        }
    }

    pub(super) fn page(&self) -> usize {
        self.areas.reader_lines().saturating_sub(2).max(1)
    }

    pub(super) fn scroll(&mut self, by: isize) -> Vec<Effect> {
        let lines = self.doc().map_or(0, |d| d.body.lines.len() + 2);
        let max = lines.saturating_sub(self.areas.reader_lines().max(1));
        let next = self.reader_scroll as isize + by;
        self.reader_scroll = next.clamp(0, max as isize) as usize;
        Vec::new()
    }

    pub(super) fn open(&mut self, link: Option<String>) -> Vec<Effect> {
        match link {
            Some(link) if is_web(&link) => vec![Effect::OpenUrl(link)],
            Some(link) => {
                let scheme = link.split(':').next().unwrap_or("");
                self.message = Some((
                    format!("not opening a `{scheme}:` link: only http and https are opened"),
                    true,
                ));
                Vec::new()
            }
            None => {
                self.message = Some(("this article has no link".into(), true));
                Vec::new()
            }
        }
    }
}
