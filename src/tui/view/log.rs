//! The message log: every message of the session, newest at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::fit;
use super::help::overlay_rect;
use crate::tui::app::Message;
use crate::tui::theme::Theme;

/// `up`: lines scrolled up from the end.
pub fn draw(frame: &mut Frame, area: Rect, log: &[Message], up: usize, theme: &Theme) {
    let rect = overlay_rect(area);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(
                " {} ",
                fit(
                    &format!("messages ({}) · j k scroll · q closes", log.len()),
                    usize::from(rect.width.saturating_sub(4)),
                )
            ),
            theme.title,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (w, rows) = (usize::from(inner.width), usize::from(inner.height));
    let end = log.len().saturating_sub(up);
    let start = end.saturating_sub(rows);
    let mut lines: Vec<Line> = log[start..end]
        .iter()
        .map(|m| {
            Line::from(Span::styled(
                fit(&m.text, w),
                if m.error { theme.error } else { theme.status },
            ))
        })
        .collect();
    if log.is_empty() {
        lines.push(Line::from(Span::styled("no messages yet", theme.meta)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
