//! The feed list: headings by tag, one row per feed with unread/total,
//! when it was polled and whether it fails; the selected feed's address
//! and health in words on the last line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::list::age;
use super::{fit, width_of};
use crate::model::FeedState;
use crate::tui::app::{FeedList, FeedRow, feed_health};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, list: &FeedList, theme: &Theme) {
    let unread: u64 = list.feeds.iter().map(|f| f.unread).sum();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(
                " {} ",
                fit(
                    &format!("feeds: {} · {unread} unread", list.feeds.len()),
                    usize::from(area.width.saturating_sub(4)),
                )
            ),
            theme.meta,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if list.feeds.is_empty() {
        let text = if list.loaded {
            "no feeds yet: a adds one, i imports a list"
        } else {
            "loading…"
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(text, width), theme.meta)),
            inner,
        );
        return;
    }
    // The last line tells the selected feed's address and health.
    let rows = height.saturating_sub(1);
    let now = chrono::Utc::now().timestamp();
    let mut lines: Vec<Line> = list
        .rows
        .iter()
        .enumerate()
        .skip(list.top)
        .take(rows)
        .map(|(at, row)| match row {
            FeedRow::Tag(tag) => Line::from(Span::styled(fit(tag, width), theme.heading)),
            FeedRow::Feed(i) => {
                let line = feed_line(&list.feeds[*i], width, now, theme);
                if at == list.selected {
                    let used: usize = line.spans.iter().map(|s| width_of(&s.content)).sum();
                    let mut spans = line.spans;
                    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
                    Line::from(spans).patch_style(theme.selected)
                } else {
                    line
                }
            }
        })
        .collect();
    if let Some(feed) = list.selected_feed()
        && height > 1
    {
        while lines.len() < rows {
            lines.push(Line::default());
        }
        let detail = format!(
            "{} · {}",
            crate::text::sanitize_url(&feed.url),
            feed_health(feed)
        );
        let style = if feed.error_count > 0 {
            theme.error
        } else {
            theme.meta
        };
        lines.push(Line::from(Span::styled(fit(&detail, width), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `  ● Name …   12/40   5m  failing`.
fn feed_line(feed: &FeedState, width: usize, now: i64, theme: &Theme) -> Line<'static> {
    let counts = format!(" {:>5}/{:<5}", feed.unread, feed.total);
    let polled = feed
        .last_polled_at
        .map_or_else(|| "never".to_owned(), |t| age(now.saturating_sub(t)));
    let polled = format!(" {polled:>5}");
    let failing = if feed.error_count > 0 { " failing" } else { "" };
    let right = width_of(&counts) + width_of(&polled) + width_of(failing);
    let name = fit(feed.display_name(), width.saturating_sub(right + 4));
    let pad = width.saturating_sub(right + 4 + width_of(&name));
    let unread_style = if feed.unread > 0 {
        theme.unread
    } else {
        theme.read
    };
    Line::from(vec![
        Span::styled(if feed.unread > 0 { "  ● " } else { "    " }, theme.unread),
        Span::styled(format!("{name}{}", " ".repeat(pad)), unread_style),
        Span::styled(counts, theme.meta),
        Span::styled(polled, theme.date),
        Span::styled(failing, theme.error),
    ])
}
