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
    /// The active query's words where they appear.
    pub highlight: Style,
    /// Watch words (`[ui] watch`) where they appear.
    pub watch: Style,
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
            watch: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
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
            watch: strip(c.watch).add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Whether to draw colours: not when NO_COLOR is set (to anything
    /// non-empty) or colour is switched off in the config.
    pub fn use_colour(config_colour: bool) -> bool {
        config_colour && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }

    pub fn from_env(colour: bool) -> Theme {
        if Theme::use_colour(colour) {
            Theme::colour()
        } else {
            Theme::monochrome()
        }
    }
}

impl Theme {
    /// The style called `name`, to change it from the config.
    fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "unread" => &mut self.unread,
            "read" => &mut self.read,
            "selected" => &mut self.selected,
            "star" => &mut self.star,
            "feed" => &mut self.feed,
            "date" => &mut self.date,
            "noise" => &mut self.noise,
            "heading" => &mut self.heading,
            "title" => &mut self.title,
            "strong" => &mut self.strong,
            "emphasis" => &mut self.emphasis,
            "code" => &mut self.code,
            "quote" => &mut self.quote,
            "link" => &mut self.link,
            "hidden_block" => &mut self.hidden_block,
            "meta" => &mut self.meta,
            "filter" => &mut self.filter,
            "filter_error" => &mut self.filter_error,
            "status" => &mut self.status,
            "error" => &mut self.error,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "highlight" => &mut self.highlight,
            "watch" => &mut self.watch,
            _ => return None,
        })
    }

    /// Applies `[theme]` entries such as `unread = "bold yellow"` or
    /// `selected = "black on cyan"`; colours are dropped when `colour` is
    /// false. Bad entries are returned, the rest still apply.
    pub fn with_overrides(
        mut self,
        entries: &[(String, String)],
        colour: bool,
    ) -> (Theme, Vec<String>) {
        let mut errors = Vec::new();
        for (name, spec) in entries {
            let Some(slot) = self.slot(name) else {
                errors.push(format!("[theme]: no style called `{name}`"));
                continue;
            };
            match parse_style(spec, colour) {
                Ok(style) => *slot = style,
                Err(e) => errors.push(format!("[theme] {name}: {e}")),
            }
        }
        (self, errors)
    }
}

/// `bold italic yellow on blue`, `#ff8800`, `default`.
fn parse_style(spec: &str, colour: bool) -> Result<Style, String> {
    let mut style = Style::default();
    let words = spec.split_whitespace();
    let mut background = false;
    for word in words {
        let w = word.to_ascii_lowercase();
        let modifier = match w.as_str() {
            "bold" => Some(Modifier::BOLD),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "dim" => Some(Modifier::DIM),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            "crossed" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
            continue;
        }
        if w == "on" {
            background = true;
            continue;
        }
        if w == "default" || w == "plain" {
            continue;
        }
        let color: Color = w.parse().map_err(|_| {
            format!("`{word}` is not a colour or a style (bold, italic, underlined, dim, reversed)")
        })?;
        if colour {
            style = if background {
                style.bg(color)
            } else {
                style.fg(color)
            };
        }
        background = false;
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_overrides_styles_by_name_and_reports_bad_ones() {
        let entries = vec![
            ("unread".to_string(), "bold yellow".to_string()),
            ("selected".to_string(), "black on cyan".to_string()),
            ("sparkle".to_string(), "red".to_string()),
            ("star".to_string(), "mauve".to_string()),
        ];
        let (t, errors) = Theme::colour().with_overrides(&entries, true);
        assert_eq!(t.unread.fg, Some(Color::Yellow));
        assert!(t.unread.add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.selected.bg, Some(Color::Cyan));
        assert_eq!(errors.len(), 2, "{errors:?}");
        let (t, _) = Theme::monochrome().with_overrides(&entries, false);
        assert_eq!(t.unread.fg, None, "no colour under NO_COLOR");
    }

    #[test]
    fn monochrome_has_no_colours_but_keeps_meaning() {
        let t = Theme::monochrome();
        for style in [
            t.unread,
            t.star,
            t.link,
            t.error,
            t.highlight,
            t.watch,
            t.selected,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(t.unread.add_modifier.contains(Modifier::BOLD));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
