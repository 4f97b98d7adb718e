//! The filter bar on top and the status bar at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, width_of};
use crate::tui::app::{FilterBar, ListState, Sort, StatusLine};
use crate::tui::theme::Theme;

pub fn filter(
    frame: &mut Frame,
    area: Rect,
    bar: &FilterBar,
    focused: bool,
    list: &ListState,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    // The noise switches, always visible on the right.
    let noise = if list.show_noise {
        "noise shown · P hides".to_owned()
    } else if list.view.noise.is_empty() {
        String::new()
    } else {
        list.view
            .noise
            .iter()
            .map(|(kind, n)| format!("{kind} {n} hidden"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let noise = fit(&noise, width / 2);
    let left_width = width.saturating_sub(width_of(&noise) + 1);
    let mut spans = vec![Span::styled("/ ", theme.meta)];
    let text = if bar.text.is_empty() && !focused {
        Span::styled("type / to filter", theme.meta)
    } else {
        Span::styled(fit(&bar.text, left_width.saturating_sub(3)), theme.filter)
    };
    spans.push(text);
    if let Some(error) = &bar.error {
        let used: usize = spans.iter().map(|s| width_of(&s.content)).sum();
        spans.push(Span::styled(
            format!("  {}", fit(error, left_width.saturating_sub(used + 2))),
            theme.filter_error,
        ));
    }
    let used: usize = spans.iter().map(|s| width_of(&s.content)).sum();
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + width_of(&noise))),
    ));
    spans.push(Span::styled(noise, theme.noise));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if focused {
        let before = bar.text.get(..bar.cursor).unwrap_or(&bar.text);
        let x = area.x + 2 + width_of(before).min(left_width) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

pub fn status(
    frame: &mut Frame,
    area: Rect,
    status: &StatusLine,
    prompt: Option<(&str, &str)>,
    list: &ListState,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    if let Some((text, hint)) = prompt {
        // The end of what is typed stays in view; a hint follows it dimmed
        // when there is room.
        let text = crate::text::sanitize_line(text);
        let text = tail_to_width(&text, width.saturating_sub(1));
        let used = width_of(&text);
        let cursor = area.x + used.min(width.saturating_sub(1)) as u16;
        let room = width.saturating_sub(used + 3);
        let mut spans = vec![Span::styled(text, theme.status)];
        if !hint.is_empty() && room > 3 {
            spans.push(Span::styled(format!("   {}", fit(hint, room)), theme.meta));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        frame.set_cursor_position((cursor, area.y));
        return;
    }
    let mut left = format!("{} unread", list.view.unread);
    left.push_str(&format!(" · {} shown", list.view.ids.len()));
    match list.sort {
        Sort::Newest => {}
        Sort::Oldest => left.push_str(" · oldest first"),
        Sort::Feed => left.push_str(" · by feed"),
    }
    if let Some((done, total)) = status.polling {
        if total > 0 {
            left.push_str(&format!(" · polling {done}/{total}"));
        } else {
            left.push_str(" · polling…");
        }
    }
    // A message that stays says how it goes.
    let sticky = status.message.as_ref().is_some_and(|m| m.sticky);
    let hint = if sticky { "esc dismisses" } else { "? help" };
    let mut spans = vec![Span::styled(left.clone(), theme.status)];
    let mut used = width_of(&left);
    if let Some((message, error)) = status.shown() {
        let room = width.saturating_sub(used + width_of(hint) + 4);
        let text = fit(message, room);
        used += width_of(&text) + 3;
        spans.push(Span::styled(" · ", theme.status));
        spans.push(Span::styled(
            text,
            if error { theme.error } else { theme.status },
        ));
    }
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + width_of(hint))),
    ));
    spans.push(Span::styled(hint, theme.meta));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The last `width` columns of `text` (a long answer scrolls left).
fn tail_to_width(text: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}
