//! Clicks and the wheel.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Effect, Focus};

impl App {
    pub(super) fn mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        if !self.options.mouse || self.screen == super::Screen::Feeds {
            return Vec::new();
        }
        let (x, y) = (mouse.column, mouse.row);
        let inside = |r: ratatui::layout::Rect| {
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        };
        let in_list = inside(self.areas.list);
        let in_reader = inside(self.areas.reader);
        match mouse.kind {
            MouseEventKind::ScrollDown if in_list => self.select(self.list.selected + 1),
            MouseEventKind::ScrollUp if in_list => {
                self.select(self.list.selected.saturating_sub(1))
            }
            MouseEventKind::ScrollDown if in_reader => self.scroll(3),
            MouseEventKind::ScrollUp if in_reader => self.scroll(-3),
            MouseEventKind::Down(MouseButton::Left) if in_list => {
                self.focus = Focus::List;
                let row = usize::from(y.saturating_sub(self.areas.list.y + 1));
                if row < self.areas.list_rows() {
                    self.select(self.list.top + row)
                } else {
                    Vec::new()
                }
            }
            MouseEventKind::Down(MouseButton::Left) if in_reader => {
                self.focus = Focus::Reader;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
