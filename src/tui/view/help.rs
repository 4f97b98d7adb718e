//! The help screen: the generated help lines (`tui::help`), scrolled and
//! searched as the app's `HelpState` says.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{fit, width_of};
use crate::tui::app::HelpState;
use crate::tui::help::HelpLine;
use crate::tui::theme::Theme;

/// Columns of the keys.
const KEYS: usize = 16;
/// The title while searching, before what is typed.
const SEARCH: &str = "help · search: ";

pub fn draw(frame: &mut Frame, area: Rect, state: &HelpState, theme: &Theme) {
    let rect = overlay_rect(area);
    frame.render_widget(Clear, rect);
    let title = if state.searching || !state.search.is_empty() {
        format!("{SEARCH}{}", state.search)
    } else {
        "help · / searches · j k scroll · q closes".to_owned()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(
                " {} ",
                fit(&title, usize::from(rect.width.saturating_sub(4)))
            ),
            theme.title,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = usize::from(inner.width);
    let shown = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(shown);
    if state.lines.is_empty() {
        lines.push(Line::from(Span::styled(
            fit("nothing in the help matches", w),
            theme.meta,
        )));
    }
    for line in state.lines.iter().skip(state.scroll).take(shown) {
        lines.push(match line {
            HelpLine::Heading(text) => Line::from(Span::styled(fit(text, w), theme.heading)),
            HelpLine::Entry { keys, what } => {
                let keys = fit(keys, KEYS);
                let pad = KEYS.saturating_sub(width_of(&keys));
                Line::from(vec![
                    Span::styled(format!("  {keys}{} ", " ".repeat(pad)), theme.strong),
                    Span::raw(fit(what, w.saturating_sub(KEYS + 3))),
                ])
            }
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if state.searching {
        // After the border and the title's space.
        let typed = width_of(SEARCH) + width_of(&state.search);
        let x = rect.x + 2 + typed.min(w) as u16;
        frame.set_cursor_position((x.min(rect.right().saturating_sub(2)), rect.y));
    }
}

/// The box the overlays are drawn in: most of the screen, centred.
pub fn overlay_rect(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).clamp(area.width.min(20), 96);
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + area.height.min(1),
        width,
        height,
    )
}
