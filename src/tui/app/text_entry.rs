//! Keys typed into the filter bar.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect, Focus};
use crate::tui::input::edit_at;

/// The filter bar's own keys (the prompts' editing keys work too).
pub const FILTER_KEYS: &[(&str, &str)] = &[
    ("enter", "keep the filter, back to the list"),
    ("esc", "clear the filter, back to the list"),
    ("↑ ↓", "earlier filters"),
    ("ctrl-u ctrl-w", "clear / delete a word"),
];

impl App {
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
