//! Drawing: one function per part of the screen, each reading the app and
//! the theme. Every string from a feed is sanitised again here, measured
//! with unicode-width, and cut to fit.

mod bars;
mod feeds;
mod help;
mod list;
mod log;
mod reader;
mod welcome;

use ratatui::Frame;

use super::app::{App, Focus, Overlay, Prompt, Screen};
use super::keymap::{Action, Place};
use super::theme::Theme;
use crate::highlight::{Highlighter, Mark};

/// Draws the whole screen; each part gets only the state it shows.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let areas = app.areas;
    bars::filter(
        frame,
        areas.filter,
        &app.filter,
        app.focus == Focus::Filter,
        &app.list,
        theme,
    );
    match app.screen {
        Screen::Feeds => feeds::draw(frame, areas.body(), &app.feeds, theme),
        Screen::Articles if app.shows_welcome() => {
            welcome::draw(frame, areas.body(), &app.keymap, theme)
        }
        Screen::Articles => {
            let title = list::Title {
                feed: app.filtered_feed_name(),
                filtered: !app.filter.text.is_empty(),
            };
            list::draw(
                frame,
                areas.list,
                &app.list,
                app.focus == Focus::List,
                title,
                &app.highlighter,
                theme,
            );
            let hidden_key = app
                .keymap
                .key_for(Place::Reader, Action::ShowHidden)
                .map_or_else(|| "H".to_owned(), |k| k.label());
            let pane = reader::Pane {
                doc: app.doc(),
                selected: app.selected_id().is_some(),
                state: &app.reader,
                focused: app.focus == Focus::Reader,
                hidden_key: &hidden_key,
            };
            reader::draw(frame, areas.reader, &pane, &app.highlighter, theme);
        }
    }
    let prompt = app
        .prompt
        .as_ref()
        .map(|p| p.label(&app.options.views, app.list.view.unread));
    // Tab's choices, after what is typed on the command line.
    let choices = match app.prompt {
        Some(Prompt::Command { .. }) => app.commands.choices.join(" "),
        _ => String::new(),
    };
    bars::status(
        frame,
        areas.status,
        &app.status,
        prompt.as_deref().map(|p| (p, choices.as_str())),
        &app.list,
        theme,
    );
    match &app.overlay {
        Some(Overlay::Help(state)) => help::draw(frame, frame.area(), state, theme),
        Some(Overlay::Log { scroll }) => {
            log::draw(frame, frame.area(), &app.status.log, *scroll, theme)
        }
        None => {}
    }
}

/// `text` cut to `width` columns (wide characters counted as two), with
/// an ellipsis when cut, control characters gone.
pub fn fit(text: &str, width: usize) -> String {
    crate::text::cut_to_width(&crate::text::sanitize_line(text), width)
}

/// `text` (already sanitised and fitted) as spans in `style`, with the
/// highlighter's stretches patched with the query or watch style.
pub fn highlighted(
    text: &str,
    style: ratatui::style::Style,
    highlighter: &Highlighter,
    theme: &Theme,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let mut spans = Vec::new();
    let mut at = 0;
    for (range, mark) in highlighter.find(text) {
        if range.start > at {
            spans.push(Span::styled(text[at..range.start].to_string(), style));
        }
        let mark_style = match mark {
            Mark::Query => theme.highlight,
            Mark::Watch => theme.watch,
        };
        spans.push(Span::styled(
            text[range.clone()].to_string(),
            style.patch(mark_style),
        ));
        at = range.end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_string(), style));
    }
    spans
}

/// Display width of `text`.
pub fn width_of(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_wide_characters_and_strips_controls() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        let cut = fit("日本語のニュース", 7);
        assert!(width_of(&cut) <= 7, "{cut}");
        assert_eq!(fit("a\u{1b}[31mb", 10), "ab");
        // A joiner between letters is dropped (tmux and ratatui disagree
        // on its width); between two emoji it builds one glyph.
        assert_eq!(fit("a\u{200d}b", 10), "ab");
        assert_eq!(fit("👨\u{200d}👩 x", 10), "👨\u{200d}👩 x");
    }
}
