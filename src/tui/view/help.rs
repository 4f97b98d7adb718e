//! The help screen, made from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::fit;
use crate::tui::app::App;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + 1, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" keys (any key closes) ", theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = Vec::new();
    let mut place = "";
    let w = usize::from(inner.width);
    for (p, keys, what) in app.keymap.help() {
        if p != place {
            if !place.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(p.to_owned(), theme.heading)));
            place = p;
        }
        let keys = fit(&keys, 16);
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<16} "), theme.strong),
            Span::raw(fit(&what, w.saturating_sub(19))),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "filter: words \"phrases\" -not or ( ) feed: tag: title: author: is:unread|read|starred|noise since:2d before: /regex/",
        theme.meta,
    )));
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}
