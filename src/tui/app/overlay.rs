//! Screens drawn over the others: the help (scrolls, can be searched)
//! and the log of every message.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect};
use crate::tui::help::{self, HelpLine};
use crate::tui::input::edit_at;

/// The help screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    pub scroll: usize,
    pub search: String,
    /// Keys go to the search text.
    pub searching: bool,
    /// The lines shown: all of help, or those the search finds.
    pub lines: Vec<HelpLine>,
}

/// What covers the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(HelpState),
    /// Every message, newest last, scrolled up by `scroll` lines.
    Log {
        scroll: usize,
    },
}

impl App {
    pub(super) fn open_help(&mut self) -> Vec<Effect> {
        self.overlay = Some(Overlay::Help(HelpState {
            lines: help::lines(&self.keymap),
            ..HelpState::default()
        }));
        Vec::new()
    }

    pub(super) fn open_log(&mut self) -> Vec<Effect> {
        self.overlay = Some(Overlay::Log { scroll: 0 });
        Vec::new()
    }

    pub(super) fn overlay_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let page = usize::from(self.areas.status.y.saturating_sub(4)).max(1);
        let keymap_lines = || help::lines(&self.keymap);
        match self.overlay.as_mut() {
            Some(Overlay::Help(state)) if state.searching => {
                match key.code {
                    KeyCode::Enter => state.searching = false,
                    KeyCode::Esc => {
                        state.searching = false;
                        state.search.clear();
                    }
                    _ => {
                        let mut cursor = state.search.len();
                        edit_at(&mut state.search, &mut cursor, key);
                    }
                }
                state.lines = help::search(&keymap_lines(), &state.search);
                state.scroll = 0;
            }
            Some(Overlay::Help(state)) => {
                let max = state.lines.len().saturating_sub(page);
                match key.code {
                    KeyCode::Char('/') => state.searching = true,
                    KeyCode::Esc if !state.search.is_empty() => {
                        state.search.clear();
                        state.lines = keymap_lines();
                        state.scroll = 0;
                    }
                    code => match scroll(code, key.modifiers, state.scroll, page, max) {
                        Some(to) => state.scroll = to,
                        None => self.overlay = None,
                    },
                }
            }
            Some(Overlay::Log { scroll: up }) => {
                let max = self.status.log.len().saturating_sub(page);
                // The log scrolls up from its end: keys move the other way.
                let down = max.saturating_sub(*up);
                match scroll(key.code, key.modifiers, down, page, max) {
                    Some(to) => *up = max - to.min(max),
                    None => self.overlay = None,
                }
            }
            None => {}
        }
        Vec::new()
    }
}

/// Where a scrolling key takes a view at `at` (of `max`); None: the key
/// closes it.
fn scroll(code: KeyCode, mods: KeyModifiers, at: usize, page: usize, max: usize) -> Option<usize> {
    let ctrl = mods.contains(KeyModifiers::CONTROL);
    let to = match code {
        KeyCode::Char('j') | KeyCode::Down => at + 1,
        KeyCode::Char('k') | KeyCode::Up => at.saturating_sub(1),
        KeyCode::Char('d') if ctrl => at + page,
        KeyCode::Char('u') if ctrl => at.saturating_sub(page),
        KeyCode::Char(' ') | KeyCode::PageDown => at + page,
        KeyCode::PageUp => at.saturating_sub(page),
        KeyCode::Char('g') | KeyCode::Home => 0,
        KeyCode::Char('G') | KeyCode::End => max,
        _ => return None,
    };
    Some(to.min(max))
}
