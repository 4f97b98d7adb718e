//! The article list: unread marker, star, age, feed, title.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{fit, highlighted, width_of};
use crate::highlight::Highlighter;
use crate::model::ArticleSummary;
use crate::tui::app::ListState;
use crate::tui::theme::Theme;

const FEED_WIDTH: usize = 12;

/// What the list's title says besides the counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Title<'a> {
    /// The feed the filter selects, when it is one feed (`feed:#12`).
    pub feed: Option<&'a str>,
    pub filtered: bool,
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    list: &ListState,
    focused: bool,
    title: Title<'_>,
    highlighter: &Highlighter,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(
                " {} ",
                fit(&count_title(list, title.feed), width.saturating_sub(4))
            ),
            theme.meta,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height);
    let width = usize::from(inner.width);
    let now = chrono::Utc::now().timestamp();
    let mut lines = Vec::with_capacity(rows);
    if list.view.loaded && list.view.ids.is_empty() {
        let text = if !title.filtered {
            "no articles yet: r polls your feeds"
        } else {
            "nothing matches this filter"
        };
        lines.push(Line::from(Span::styled(fit(text, width), theme.meta)));
    }
    for (i, id) in list.view.ids.iter().enumerate().skip(list.top).take(rows) {
        let selected = i == list.selected;
        let line = match list.rows.get(id) {
            Some(row) => {
                let story = StoryMark {
                    others: list.view.stories.get(id).map_or(0, Vec::len),
                    expanded: list.expanded.contains(id),
                    member: list.view.member_of.contains_key(id),
                };
                row_line(row, story, width, now, theme, highlighter)
            }
            None => Line::from(Span::styled("…", theme.meta)),
        };
        let line = if selected {
            let style = if focused {
                theme.selected
            } else {
                theme.selected.add_modifier(ratatui::style::Modifier::DIM)
            };
            // Fill the row so the highlight spans the width.
            let used: usize = line.spans.iter().map(|s| width_of(&s.content)).sum();
            let mut spans = line.spans;
            spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
            Line::from(spans).patch_style(style)
        } else {
            line
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "49 articles", or "43 stories · 49 articles" when some stories are
/// told by several; the feed's name first when it is one feed.
fn count_title(list: &ListState, feed: Option<&str>) -> String {
    let others: usize = list.view.stories.values().map(Vec::len).sum();
    let counts = if others == 0 {
        format!("{} articles", list.view.ids.len())
    } else {
        let articles = list.view.leads.len() + others;
        format!("{} stories · {articles} articles", list.view.leads.len())
    };
    match feed {
        Some(name) => format!("{name} · {counts}"),
        None => counts,
    }
}

/// Where a row stands in its story.
#[derive(Debug, Clone, Copy)]
struct StoryMark {
    /// Other articles telling the same story (on its row).
    others: usize,
    expanded: bool,
    /// Shown under an expanded story's row.
    member: bool,
}

/// Marks a title sift derived from the item's text (the item had none).
pub const DERIVED_MARK: &str = "~ ";

fn row_line(
    row: &ArticleSummary,
    story: StoryMark,
    width: usize,
    now: i64,
    theme: &Theme,
    highlighter: &Highlighter,
) -> Line<'static> {
    let title_style: Style = if row.noise_kind.is_some() {
        theme.noise
    } else if row.read {
        theme.read
    } else {
        theme.unread
    };
    let mut spans = vec![
        Span::styled(if row.read { " " } else { "●" }, theme.unread),
        Span::styled(if row.starred { "★" } else { " " }, theme.star),
        Span::styled(
            format!(" {:>4} ", age(now.saturating_sub(row.date))),
            theme.date,
        ),
    ];
    let feed = fit(&row.feed_title, FEED_WIDTH);
    let pad = FEED_WIDTH.saturating_sub(width_of(&feed));
    spans.push(Span::styled(
        format!("{feed}{} ", " ".repeat(pad)),
        theme.feed,
    ));
    if story.member {
        spans.push(Span::styled("└ ", theme.meta));
    }
    let mut title = String::new();
    if let Some(kind) = &row.noise_kind {
        title.push_str(&format!("[{kind}] "));
    }
    if row.title_derived {
        // The item had no title: these are the first words of its text.
        spans.push(Span::styled(DERIVED_MARK, theme.meta));
    }
    title.push_str(&row.title);
    // The story's sources stay visible: the title gives way first.
    let sources = match story.others {
        0 => String::new(),
        1 => " +1 source".to_string(),
        n => format!(" +{n} sources"),
    };
    let sources = if story.expanded {
        format!("{sources} ▾")
    } else {
        sources
    };
    let used: usize =
        spans.iter().map(|s| width_of(&s.content)).sum::<usize>() + width_of(&sources);
    let title = fit(&title, width.saturating_sub(used));
    spans.extend(highlighted(&title, title_style, highlighter, theme));
    if !sources.is_empty() {
        spans.push(Span::styled(sources, theme.meta));
    }
    Line::from(spans)
}

/// `45s`, `12m`, `5h`, `3d`, `7w`, `2y`; at most four columns. A date
/// ahead of now (a cache from before dates were checked, or a clock ahead
/// of ours) is `+3d` or `+far`, never `0s`; past a century, `99y+`.
pub fn age(seconds: i64) -> String {
    if seconds < -60 {
        let ahead = past_age(seconds.saturating_neg());
        return if ahead.len() < 4 {
            format!("+{ahead}")
        } else {
            "+far".to_owned()
        };
    }
    past_age(seconds)
}

fn past_age(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        86_400..1_209_600 => format!("{}d", s / 86_400),
        1_209_600..31_536_000 => format!("{}w", s / 604_800),
        _ if s / 31_536_000 > 99 => "99y+".to_owned(),
        _ => format!("{}y", s / 31_536_000),
    }
}

#[cfg(test)]
mod tests {
    use super::age;

    #[test]
    fn ages_fit_four_columns_and_say_when_a_date_is_ahead() {
        assert_eq!(age(30), "30s");
        assert_eq!(age(-30), "0s", "a clock a little ahead");
        assert_eq!(age(-7200), "+2h");
        assert_eq!(age(-3 * 86_400), "+3d");
        assert_eq!(age(-250_000_000_000), "+far");
        assert_eq!(age(i64::MIN), "+far");
        assert_eq!(age(5_000_000_000), "99y+");
        for s in [i64::MIN, -1_000_000_000, -61, 0, 59, 1 << 40, i64::MAX] {
            assert!(age(s).chars().count() <= 4, "{s}: {}", age(s));
        }
    }
}
