//! The reader pane: header, cleaned text with styles, hidden blocks on
//! request, numbered links at the end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{fit, highlighted};
use crate::highlight::Highlighter;
use crate::render::rich::Marks;
use crate::tui::app::ReaderState;
use crate::tui::reader::ReaderDoc;
use crate::tui::theme::Theme;

/// What the reader pane shows.
pub struct Pane<'a> {
    /// The selected article's rendering, when it is ready.
    pub doc: Option<&'a ReaderDoc>,
    /// Whether an article is selected at all.
    pub selected: bool,
    pub state: &'a ReaderState,
    pub focused: bool,
    /// The key that shows the hidden blocks, for the hint.
    pub hidden_key: &'a str,
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    pane: &Pane<'_>,
    highlighter: &Highlighter,
    theme: &Theme,
) {
    let focused = pane.focused;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let Some(doc) = pane.doc else {
        let text = if pane.selected { "rendering…" } else { "" };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.meta)), inner);
        return;
    };
    let mut header = vec![
        Line::from(highlighted(
            &fit(&doc.title, width),
            theme.title,
            highlighter,
            theme,
        )),
        Line::from(Span::styled(fit(&doc.meta, width), theme.meta)),
        Line::from(Span::styled(
            fit(doc.link.as_deref().unwrap_or(""), width),
            theme.link,
        )),
    ];
    let mut body: Vec<Line> = Vec::new();
    if !doc.hidden.is_empty() {
        let key = pane.hidden_key;
        // The key hint always fits; the counts give way.
        let (label, hint) = if doc.show_hidden {
            ("shown dimmed: ", format!(", {key} hides"))
        } else {
            ("hidden: ", format!(", {key} to show"))
        };
        let counts = fit(
            &format!("{label}{}", doc.hidden),
            width.saturating_sub(super::width_of(&hint)),
        );
        body.push(Line::from(Span::styled(
            format!("{counts}{hint}"),
            theme.hidden_block,
        )));
    }
    if let Some(error) = &doc.full_error {
        body.push(Line::from(Span::styled(
            fit(&format!("full text: {error}"), width),
            theme.meta,
        )));
    }
    for line in &doc.enclosures {
        body.push(Line::from(Span::styled(fit(line, width), theme.link)));
    }
    if !body.is_empty() {
        body.push(Line::default());
    }
    // Only the lines on screen are styled: a long article costs nothing
    // per frame beyond what shows.
    let text = doc.body.lines.iter().map(|line| {
        Line::from(
            line.iter()
                .flat_map(|s| highlighted(&s.text, style_of(s.marks, theme), highlighter, theme))
                .collect::<Vec<_>>(),
        )
    });
    let links_head = (!doc.body.links.is_empty()).then(Line::default);
    let links = doc.body.links.iter().enumerate().map(|(i, link)| {
        Line::from(Span::styled(
            fit(&format!("[{}] {link}", i + 1), width),
            theme.link,
        ))
    });
    let header_height = header.len() as u16 + 1;
    header.push(Line::default());
    let head_area = Rect {
        height: header_height.min(inner.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(header), head_area);
    let body_area = Rect {
        y: inner.y + head_area.height,
        height: inner.height.saturating_sub(head_area.height),
        ..inner
    };
    let lines: Vec<Line> = body
        .into_iter()
        .chain(text)
        .chain(links_head)
        .chain(links)
        .skip(pane.state.scroll)
        .take(usize::from(body_area.height))
        .collect();
    frame.render_widget(Paragraph::new(lines), body_area);
}

fn style_of(marks: Marks, theme: &Theme) -> Style {
    if marks.hidden {
        return theme.hidden_block;
    }
    let mut style = Style::default();
    if marks.heading {
        style = style.patch(theme.heading);
    }
    if marks.quote {
        style = style.patch(theme.quote);
    }
    if marks.strong {
        style = style.patch(theme.strong);
    }
    if marks.emphasis {
        style = style.patch(theme.emphasis);
    }
    if marks.code {
        style = style.patch(theme.code);
    }
    if marks.link {
        style = style.patch(theme.link);
    }
    style
}
