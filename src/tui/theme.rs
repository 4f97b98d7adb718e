//! Styles named by what they mean. Views ask for `theme.unread`, never for
//! a colour. NO_COLOR (or `color = false`) keeps bold, italics and reverse
//! video and drops every colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub unread: Style,
    pub read: Style,
    pub selected: Style,
    pub star: Style,
    pub feed: Style,
    pub date: Style,
    pub noise: Style,
    pub heading: Style,
    pub title: Style,
    pub strong: Style,
    pub emphasis: Style,
    pub code: Style,
    pub quote: Style,
    pub link: Style,
    pub hidden_block: Style,
    pub meta: Style,
    pub filter: Style,
    pub filter_error: Style,
    pub status: Style,
    pub error: Style,
    pub border: Style,
    pub border_focused: Style,
    pub highlight: Style,
}

impl Theme {
    /// The default theme, in colour.
    pub fn colour() -> Theme {
        let plain = Style::default();
        Theme {
            unread: plain.add_modifier(Modifier::BOLD),
            read: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            star: plain.fg(Color::Yellow),
            feed: plain.fg(Color::Cyan),
            date: plain.fg(Color::DarkGray),
            noise: plain.fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            heading: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: plain.add_modifier(Modifier::BOLD),
            strong: plain.add_modifier(Modifier::BOLD),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            code: plain.fg(Color::Green),
            quote: plain.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            link: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            hidden_block: plain.fg(Color::DarkGray).add_modifier(Modifier::DIM),
            meta: plain.fg(Color::DarkGray),
            filter: plain,
            filter_error: plain.fg(Color::Red),
            status: plain.fg(Color::Gray),
            error: plain.fg(Color::Red),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            highlight: plain.fg(Color::Black).bg(Color::Yellow),
        }
    }

    /// The same meanings without colour.
    pub fn monochrome() -> Theme {
        let strip = |s: Style| Style {
            fg: None,
            bg: None,
            underline_color: None,
            ..s
        };
        let c = Theme::colour();
        Theme {
            unread: strip(c.unread),
            read: strip(c.read),
            selected: strip(c.selected),
            star: strip(c.star),
            feed: strip(c.feed),
            date: strip(c.date),
            noise: strip(c.noise),
            heading: strip(c.heading),
            title: strip(c.title),
            strong: strip(c.strong),
            emphasis: strip(c.emphasis),
            code: strip(c.code),
            quote: strip(c.quote),
            link: strip(c.link),
            hidden_block: strip(c.hidden_block),
            meta: strip(c.meta),
            filter: strip(c.filter),
            filter_error: strip(c.filter_error).add_modifier(Modifier::BOLD),
            status: strip(c.status),
            error: strip(c.error).add_modifier(Modifier::BOLD),
            border: strip(c.border),
            border_focused: strip(c.border_focused).add_modifier(Modifier::BOLD),
            highlight: strip(c.highlight).add_modifier(Modifier::REVERSED),
        }
    }

    /// Colour unless NO_COLOR is set (to anything non-empty) or colour is
    /// switched off in the config.
    pub fn from_env(colour: bool) -> Theme {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if colour && !no_colour {
            Theme::colour()
        } else {
            Theme::monochrome()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_has_no_colours_but_keeps_meaning() {
        let t = Theme::monochrome();
        for style in [t.unread, t.star, t.link, t.error, t.highlight, t.selected] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(t.unread.add_modifier.contains(Modifier::BOLD));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
