//! The filter bar on top and the status bar at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, width_of};
use crate::tui::app::{App, Focus, Prompt, Sort};
use crate::tui::theme::Theme;

pub fn filter(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    // The noise switches, always visible on the right.
    let noise = if app.show_noise {
        "noise shown · P hides".to_owned()
    } else if app.view.noise.is_empty() {
        String::new()
    } else {
        app.view
            .noise
            .iter()
            .map(|(kind, n)| format!("{kind} {n} hidden"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let noise = fit(&noise, width / 2);
    let left_width = width.saturating_sub(width_of(&noise) + 1);
    let focused = app.focus == Focus::Filter;
    let mut spans = vec![Span::styled("/ ", theme.meta)];
    let text = if app.filter.text.is_empty() && !focused {
        Span::styled("type / to filter", theme.meta)
    } else {
        Span::styled(
            fit(&app.filter.text, left_width.saturating_sub(3)),
            theme.filter,
        )
    };
    spans.push(text);
    if let Some(error) = &app.filter.error {
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
        let before = &app.filter.text[..app.filter.cursor.min(app.filter.text.len())];
        let x = area.x + 2 + width_of(before).min(left_width) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

pub fn status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    if let Some(prompt) = &app.prompt {
        let text = match prompt {
            Prompt::Tag { input, .. } => format!("tags (comma separated): {input}"),
            Prompt::ConfirmMarkAll => format!(
                "mark {} unread article(s) in this view read? (y/n)",
                app.view.unread
            ),
            Prompt::View { input } => {
                let names: Vec<String> = app
                    .settings
                    .views
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| format!("{} {name}", i + 1))
                    .collect();
                format!("view ({}): {input}", names.join(", "))
            }
        };
        let text = fit(&text, width);
        let cursor = area.x + width_of(&text).min(width.saturating_sub(1)) as u16;
        frame.render_widget(Paragraph::new(Span::styled(text, theme.status)), area);
        frame.set_cursor_position((cursor, area.y));
        return;
    }
    let mut left = format!("{} unread", app.view.unread);
    left.push_str(&format!(" · {} shown", app.view.ids.len()));
    match app.sort {
        Sort::Newest => {}
        Sort::Oldest => left.push_str(" · oldest first"),
        Sort::Feed => left.push_str(" · by feed"),
    }
    if let Some((done, total)) = app.polling {
        if total > 0 {
            left.push_str(&format!(" · polling {done}/{total}"));
        } else {
            left.push_str(" · polling…");
        }
    }
    let hint = "? help";
    let mut spans = vec![Span::styled(left.clone(), theme.status)];
    let mut used = width_of(&left);
    if let Some((message, error)) = &app.message {
        let room = width.saturating_sub(used + width_of(hint) + 4);
        let text = fit(message, room);
        used += width_of(&text) + 3;
        spans.push(Span::styled(" · ", theme.status));
        spans.push(Span::styled(
            text,
            if *error { theme.error } else { theme.status },
        ));
    }
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + width_of(hint))),
    ));
    spans.push(Span::styled(hint, theme.meta));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
