//! Drawing: one function per part of the screen, each reading the app and
//! the theme. Every string from a feed is sanitised again here, measured
//! with unicode-width, and cut to fit.

mod bars;
mod help;
mod list;
mod reader;

use ratatui::Frame;

use super::app::App;
use super::theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let areas = app.areas;
    bars::filter(frame, areas.filter, app, theme);
    list::draw(frame, areas.list, app, theme);
    reader::draw(frame, areas.reader, app, theme);
    bars::status(frame, areas.status, app, theme);
    if app.help {
        help::draw(frame, frame.area(), app, theme);
    }
}

/// `text` cut to `width` columns (wide characters counted as two), with
/// an ellipsis when cut, control characters gone.
pub fn fit(text: &str, width: usize) -> String {
    crate::text::cut_to_width(&crate::text::sanitize_line(text), width)
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
    }
}
