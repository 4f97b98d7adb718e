//! The first run: no feeds yet. What to do, in words that fit 60
//! columns, with the keys from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::keymap::{Action, Keymap, Place};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, keymap: &Keymap, theme: &Theme) {
    let key = |action: Action, fallback: &str| {
        keymap
            .key_for(Place::List, action)
            .map_or_else(|| fallback.to_owned(), |k| k.label())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" welcome to sift ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = lines(
        &key(Action::AddFeed, ":feed add"),
        &key(Action::Import, ":import"),
        &key(Action::Help, ":help"),
    )
    .into_iter()
    .map(|(text, strong)| {
        Line::from(Span::styled(
            text,
            if strong { theme.strong } else { theme.meta },
        ))
    })
    .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The welcome's lines, and which are headings.
fn lines(add: &str, import: &str, help: &str) -> Vec<(String, bool)> {
    vec![
        ("No feeds yet.".into(), true),
        (
            format!("{add}  add a feed: its URL or a site's address"),
            false,
        ),
        (
            format!("{import}  import an OPML or newsboat urls file"),
            false,
        ),
        (
            "Or from a shell: sift feeds add URL, sift import FILE.".into(),
            false,
        ),
        ("sift --demo shows a filled reader, offline.".into(), false),
        (format!("{help}  every key and command"), false),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_line_fits_sixty_columns_with_its_border() {
        for (text, _) in super::lines("a", "i", "?") {
            assert!(super::super::width_of(&text) <= 58, "{text}");
        }
    }
}
