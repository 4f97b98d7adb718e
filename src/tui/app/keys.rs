//! Keys to actions, and what each action does. `update` only sorts an
//! action into its group; each group is a function of its own.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Ask, Effect, Focus, Prompt, Screen, Sort, Undo, is_web};
use crate::tui::keymap::{Action, Binding, Key, Place};

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Ctrl-C quits from anywhere, whatever the keymap says.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return self.update(Action::Quit);
        }
        if self.overlay.is_some() {
            return self.overlay_key(key);
        }
        if self.prompt.is_some() {
            return self.prompt_key(key);
        }
        if self.focus == Focus::Filter {
            return self.filter_key(key);
        }
        let place = match (self.screen, self.focus) {
            (Screen::Feeds, _) => Place::Feeds,
            (_, Focus::Reader) => Place::Reader,
            _ => Place::List,
        };
        match self.keymap.binding(place, Key::from_event(&key)).cloned() {
            Some(Binding::Action(action)) => self.update(action),
            Some(Binding::Command(line)) => {
                self.status.clear_transient();
                self.run_command_line(&line)
            }
            None => Vec::new(),
        }
    }

    /// What an action does.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        use Action::*;
        self.status.clear_transient();
        match action {
            Down | Up | PageDown | PageUp | Top | Bottom => self.navigate(action),
            Open | Back | SwitchFocus | FeedList => self.change_place(action),
            NextUnread | PrevUnread | ToggleRead | ToggleStar | Tag | MarkAllRead | Undo
            | ToggleStory => self.triage(action),
            OpenLink | CopyLink | OpenEnclosure | CopyEnclosure | Link(_) => self.links(action),
            Filter | ToggleNoise | ShowHidden | SortOldest | SortFeed | SortNewest | View
            | Clear => self.view_action(action),
            PollAll | PollFeed => self.poll(action == PollFeed),
            AddFeed => self.ask(Ask::AddFeed, String::new()),
            Import => self.ask(Ask::Import, String::new()),
            RemoveFeed => self.remove_feed(),
            EditFeedTitle => self.edit_feed_title(),
            EditFeedTags => self.edit_feed_tags(),
            MarkFeedRead => self.mark_feed_read(),
            SaveArticle => match self.selected_id() {
                Some(id) => self.ask(Ask::SavePath { id }, String::new()),
                None => Vec::new(),
            },
            ExportBriefing => {
                self.status.say("writing the briefing…");
                vec![Effect::ExportBriefing {
                    query: self.filter.text.clone(),
                }]
            }
            Command => self.open_command_line(),
            Help => self.open_help(),
            Log => self.open_log(),
            Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
        }
    }

    /// Moving: the feed list, the reader's text, or the article list.
    fn navigate(&mut self, action: Action) -> Vec<Effect> {
        if self.screen == Screen::Feeds {
            let page = self.areas.feed_rows().max(1) as isize;
            let by = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page,
                Action::PageUp => -page,
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            return self.move_feed(by);
        }
        if self.focus == Focus::Reader {
            let page = self.page() as isize;
            return match action {
                Action::Down => self.scroll(1),
                Action::Up => self.scroll(-1),
                Action::PageDown => self.scroll(page),
                Action::PageUp => self.scroll(-page),
                Action::Top => {
                    self.reader.scroll = 0;
                    Vec::new()
                }
                _ => self.scroll(isize::MAX / 2),
            };
        }
        let (at, rows) = (self.list.selected, self.areas.list_rows().max(1));
        let to = match action {
            Action::Down => at.saturating_add(1),
            Action::Up => at.saturating_sub(1),
            Action::PageDown => at + rows,
            Action::PageUp => at.saturating_sub(rows),
            Action::Top => 0,
            _ => self.list.view.ids.len().saturating_sub(1),
        };
        self.select(to)
    }

    /// Opening, going back, switching panes and screens.
    fn change_place(&mut self, action: Action) -> Vec<Effect> {
        let reading = self.focus == Focus::Reader;
        match action {
            Action::FeedList => self.toggle_feed_list(),
            Action::Open if self.screen == Screen::Feeds => self.open_feed(),
            Action::Back if self.screen == Screen::Feeds => {
                self.screen = Screen::Articles;
                Vec::new()
            }
            Action::Open => {
                let Some(id) = self.selected_id() else {
                    return Vec::new();
                };
                if !reading
                    && self.list.view.stories.contains_key(&id)
                    && !self.list.expanded.contains(&id)
                {
                    return self.toggle_story();
                }
                self.focus = Focus::Reader;
                // Opened in the reader: read now.
                self.timer.stop();
                self.set_read(id, true, false)
            }
            Action::Back => {
                self.focus = Focus::List;
                Vec::new()
            }
            _ => {
                if self.screen == Screen::Articles {
                    self.focus = if reading { Focus::List } else { Focus::Reader };
                }
                Vec::new()
            }
        }
    }

    /// Read, starred, tags, undo and stories.
    fn triage(&mut self, action: Action) -> Vec<Effect> {
        if self.screen == Screen::Feeds {
            self.status.say("back to the articles first (esc)");
            return Vec::new();
        }
        match action {
            Action::NextUnread => self.seek_unread(true),
            Action::PrevUnread => self.seek_unread(false),
            Action::ToggleRead => match self.list.selected_row() {
                Some(row) => {
                    let (id, read) = (row.id, row.read);
                    self.timer.stop();
                    self.set_read(id, !read, true)
                }
                None => Vec::new(),
            },
            Action::ToggleStar => match self.list.selected_row() {
                Some(row) => {
                    let (id, was) = (row.id, row.starred);
                    if let Some(row) = self.list.rows.get_mut(&id) {
                        row.starred = !was;
                    }
                    self.push_undo(Undo::Star { id, was });
                    vec![Effect::SetStarred { id, starred: !was }]
                }
                None => Vec::new(),
            },
            Action::Tag => {
                if let Some(id) = self.selected_id() {
                    let input = self.reader.tags_of(id).join(", ");
                    self.prompt = Some(Prompt::Tag { id, input });
                }
                Vec::new()
            }
            Action::MarkAllRead => {
                if self.list.view.unread > 0 {
                    self.prompt = Some(Prompt::ConfirmMarkAll);
                } else {
                    self.status.say("nothing unread here");
                }
                Vec::new()
            }
            Action::Undo => self.undo_last(),
            _ => self.toggle_story(),
        }
    }

    /// Links and enclosures: opened or copied, web links only.
    fn links(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::OpenLink => {
                let link = self.list.selected_row().and_then(|r| r.link.clone());
                self.open(link)
            }
            Action::CopyLink => match self.list.selected_row().and_then(|r| r.link.clone()) {
                Some(link) if is_web(&link) => {
                    self.status.say("link copied");
                    vec![Effect::Copy(link)]
                }
                _ => {
                    self.status.error("this article has no web link");
                    Vec::new()
                }
            },
            Action::OpenEnclosure => self.enclosure(false),
            Action::CopyEnclosure => self.enclosure(true),
            Action::Link(n) => {
                let link = self
                    .doc()
                    .and_then(|d| d.body.links.get(usize::from(n).wrapping_sub(1)).cloned());
                if link.is_none() {
                    self.status.error(format!("no link {n} in this article"));
                    return Vec::new();
                }
                self.open(link)
            }
            _ => Vec::new(),
        }
    }

    /// What the list shows and how.
    fn view_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Filter => {
                self.screen = Screen::Articles;
                self.focus = Focus::Filter;
                self.filter.cursor = self.filter.text.len();
                self.timer.stop();
                Vec::new()
            }
            Action::ToggleNoise => {
                self.list.show_noise = !self.list.show_noise;
                self.query()
            }
            Action::ShowHidden => {
                self.reader.show_hidden = !self.reader.show_hidden;
                self.request_doc()
            }
            Action::SortOldest | Action::SortFeed | Action::SortNewest => {
                self.list.sort = match action {
                    Action::SortOldest => Sort::Oldest,
                    Action::SortFeed => Sort::Feed,
                    _ => Sort::Newest,
                };
                self.query()
            }
            Action::View => {
                if self.options.views.is_empty() {
                    self.status
                        .error("no saved views; add them under [views] in config.toml");
                } else {
                    self.prompt = Some(Prompt::View {
                        input: String::new(),
                    });
                }
                Vec::new()
            }
            // Clear: the message first, then the filter (all articles).
            _ => {
                if self.status.dismiss() || self.filter.text.is_empty() {
                    return Vec::new();
                }
                self.filter.text.clear();
                self.filter.cursor = 0;
                self.query()
            }
        }
    }

    pub(super) fn poll(&mut self, one: bool) -> Vec<Effect> {
        if self.status.polling.is_some() {
            self.status.say("a poll is already running");
            return Vec::new();
        }
        if self.no_feeds() {
            let message = self.no_feeds_message();
            self.status.say(message);
            return Vec::new();
        }
        let feed = if one {
            match self.feed_to_poll() {
                Some(id) => Some(id),
                None => return Vec::new(),
            }
        } else {
            None
        };
        self.status.polling = Some((0, 0));
        vec![Effect::Poll(feed)]
    }

    pub(super) fn page(&self) -> usize {
        self.areas.reader_lines().saturating_sub(2).max(1)
    }

    pub(super) fn scroll(&mut self, by: isize) -> Vec<Effect> {
        let lines = self.doc().map_or(0, |d| d.body.lines.len() + 2);
        let max = lines.saturating_sub(self.areas.reader_lines().max(1));
        let next = self.reader.scroll as isize + by;
        self.reader.scroll = next.clamp(0, max as isize) as usize;
        Vec::new()
    }

    pub(super) fn open(&mut self, link: Option<String>) -> Vec<Effect> {
        match link {
            Some(link) if is_web(&link) => vec![Effect::OpenUrl(link)],
            Some(link) => {
                let scheme = link.split(':').next().unwrap_or("");
                self.status.error(format!(
                    "not opening a `{scheme}:` link: only http and https are opened"
                ));
                Vec::new()
            }
            None => {
                self.status.error("this article has no link");
                Vec::new()
            }
        }
    }
}
