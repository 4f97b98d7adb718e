//! Keys typed into a prompt or the filter bar.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Focus, Prompt, Undo};
use crate::tui::input::{LineEdit, edit_at, edit_line};

impl App {
    pub(super) fn prompt_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        match prompt {
            Prompt::ConfirmMarkAll => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                    let mut ids = self.view.leads.clone();
                    ids.extend(self.view.stories.values().flatten());
                    for id in &ids {
                        if let Some(row) = self.rows.get_mut(id) {
                            row.read = true;
                        }
                    }
                    self.view.unread = 0;
                    vec![Effect::MarkAllRead(ids)]
                }
                _ => Vec::new(),
            },
            Prompt::Tag { id, mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => {
                    let tags: Vec<String> = input
                        .split(',')
                        .map(|t| crate::text::sanitize_line(t).trim().to_lowercase())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let was = self
                        .docs
                        .iter()
                        .rev()
                        .find(|d| d.id == id)
                        .map(|d| d.tags.clone())
                        .unwrap_or_default();
                    self.push_undo(Undo::Tags { id, was });
                    self.docs.retain(|d| d.id != id);
                    let mut effects = vec![Effect::SetTags { id, tags }];
                    effects.extend(self.request_doc());
                    effects
                }
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::Tag { id, input });
                    Vec::new()
                }
            },
            Prompt::View { mut input } => match edit_line(&mut input, key) {
                LineEdit::Done => {
                    let choice = input.trim();
                    let view = choice
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| n.checked_sub(1))
                        .and_then(|n| self.settings.views.get(n))
                        .or_else(|| {
                            self.settings
                                .views
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
                            self.message = Some((format!("no saved view `{choice}`"), true));
                            Vec::new()
                        }
                    }
                }
                LineEdit::Cancel => Vec::new(),
                LineEdit::Editing => {
                    self.prompt = Some(Prompt::View { input });
                    Vec::new()
                }
            },
        }
    }

    pub(super) fn filter_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let f = &mut self.filter;
        match key.code {
            KeyCode::Enter => {
                let text = f.text.trim().to_owned();
                if !text.is_empty() && f.history.last() != Some(&text) {
                    f.history.push(text);
                }
                f.history_pos = None;
                self.focus = Focus::List;
                Vec::new()
            }
            KeyCode::Esc => {
                f.text.clear();
                f.cursor = 0;
                f.history_pos = None;
                self.focus = Focus::List;
                self.query()
            }
            KeyCode::Up | KeyCode::Down => {
                if f.history.is_empty() {
                    return Vec::new();
                }
                let last = f.history.len() - 1;
                let pos = match (key.code, f.history_pos) {
                    (KeyCode::Up, None) => Some(last),
                    (KeyCode::Up, Some(p)) => Some(p.saturating_sub(1)),
                    (_, Some(p)) if p < last => Some(p + 1),
                    _ => None,
                };
                f.history_pos = pos;
                f.text = pos.map(|p| f.history[p].clone()).unwrap_or_default();
                f.cursor = f.text.len();
                self.query()
            }
            _ => {
                let before = f.text.clone();
                let mut text = std::mem::take(&mut f.text);
                let mut cursor = f.cursor.min(text.len());
                edit_at(&mut text, &mut cursor, key);
                f.text = text;
                f.cursor = cursor;
                if f.text != before {
                    f.history_pos = None;
                    self.query()
                } else {
                    Vec::new()
                }
            }
        }
    }
}
