//! Query errors: a byte span of the input and a short message, plus the
//! two lines a terminal shows (the input and a caret under the span).

use unicode_width::UnicodeWidthChar;

/// A byte range of the query text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Why a query was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at byte {})", span.start)]
pub struct QueryError {
    pub span: Span,
    pub message: String,
}

/// How much of the input is shown either side of the span.
const CONTEXT_COLUMNS: usize = 40;

impl QueryError {
    pub fn new(span: Span, message: impl Into<String>) -> QueryError {
        QueryError {
            span,
            message: message.into(),
        }
    }

    /// The input (around the span, if it is long) on one line, and a line
    /// of carets under the span. Control characters are shown as `?` so
    /// that nothing typed can drive the terminal; columns follow display
    /// width, so carets line up under wide characters too.
    pub fn caret_lines(&self, input: &str) -> (String, String) {
        let start = input.floor_char_boundary(self.span.start);
        let end = input.floor_char_boundary(self.span.end).max(start);
        let before = tail_columns(&input[..start], CONTEXT_COLUMNS);
        let inside = &input[start..end];
        let after = head_columns(&input[end..], CONTEXT_COLUMNS);
        let mut shown = String::new();
        let mut carets = String::new();
        if before.len() < start {
            shown.push('…');
            carets.push(' ');
        }
        for c in before.chars() {
            let (c, w) = displayable(c);
            shown.push(c);
            carets.push_str(&" ".repeat(w));
        }
        let mut marked = 0;
        for c in inside.chars() {
            let (c, w) = displayable(c);
            if marked < 2 * CONTEXT_COLUMNS {
                shown.push(c);
                carets.push_str(&"^".repeat(w));
            }
            marked += w;
        }
        if marked == 0 {
            // An empty span (the end of the input): point just past it.
            carets.push('^');
        }
        if marked < 2 * CONTEXT_COLUMNS {
            for c in after.chars() {
                shown.push(displayable(c).0);
            }
        }
        if end + after.len() < input.len() || marked >= 2 * CONTEXT_COLUMNS {
            shown.push('…');
        }
        (shown, carets)
    }
}

/// A character as shown on one line, and its width in columns.
fn displayable(c: char) -> (char, usize) {
    if c.is_control() || crate::text::is_forbidden(c) {
        return ('?', 1);
    }
    match c.width() {
        Some(w) if w > 0 => (c, w),
        // Zero-width marks would shift nothing; show them as they are.
        _ => (c, 0),
    }
}

/// The end of `s` that fits in about `columns` characters.
fn tail_columns(s: &str, columns: usize) -> &str {
    match s.char_indices().rev().nth(columns) {
        Some((i, c)) => &s[i + c.len_utf8()..],
        None => s,
    }
}

/// The start of `s` that fits in about `columns` characters.
fn head_columns(s: &str, columns: usize) -> &str {
    match s.char_indices().nth(columns) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_sit_under_the_span() {
        let err = QueryError::new(Span::new(5, 11), "x");
        let (shown, carets) = err.caret_lines("iran fo:bar sport");
        assert_eq!(shown, "iran fo:bar sport");
        assert_eq!(carets, "     ^^^^^^");
    }

    #[test]
    fn wide_and_control_characters_keep_columns_right() {
        let input = "日本\u{1b}[31m x";
        let at = input.find('x').unwrap_or(0);
        let (shown, carets) = QueryError::new(Span::new(at, at + 1), "x").caret_lines(input);
        assert_eq!(shown, "日本?[31m x");
        assert_eq!(carets, "          ^");
    }

    #[test]
    fn long_inputs_are_cut_around_the_span() {
        let input = format!("{} bad:x {}", "a".repeat(5000), "b".repeat(5000));
        let (shown, carets) = QueryError::new(Span::new(5001, 5006), "x").caret_lines(&input);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() < 100, "{shown}");
        let caret_at = carets.find('^').unwrap_or(0);
        assert_eq!(
            &shown[shown.char_indices().nth(caret_at).map_or(0, |(i, _)| i)..][..5],
            "bad:x"
        );
    }

    #[test]
    fn an_empty_span_at_the_end_gets_one_caret() {
        let (shown, carets) = QueryError::new(Span::new(4, 4), "x").caret_lines("iran");
        assert_eq!(shown, "iran");
        assert_eq!(carets, "    ^");
    }

    #[test]
    fn spans_off_char_boundaries_or_past_the_end_do_not_panic() {
        for (s, e) in [(1, 2), (0, 99), (99, 120), (3, 1)] {
            let _ = QueryError::new(Span::new(s, e), "x").caret_lines("é日x");
        }
    }
}
