//! A title for an item that has none (JSON Feed and RSS 2.0 allow it):
//! the first words of its text, cut at a word boundary, else its link.

use crate::text::html_to_plain;

/// Characters a derived title keeps, at most (before the ellipsis).
pub const DERIVED_TITLE_CHARS: usize = 80;

/// The first words of `summary` (else `content`), both stored HTML, up
/// to `DERIVED_TITLE_CHARS`; else the link; else None.
pub fn derived_title(
    summary: Option<&str>,
    content: Option<&str>,
    link: Option<&str>,
) -> Option<String> {
    let text = [summary, content]
        .into_iter()
        .flatten()
        // Only the head is needed: a title is 80 characters of it.
        .map(|body| html_to_plain(head(body, 16 * 1024)))
        .find(|t| !t.is_empty());
    match text {
        Some(text) => Some(first_words(&text, DERIVED_TITLE_CHARS)),
        None => link.map(str::to_owned).filter(|l| !l.is_empty()),
    }
}

/// At most `max` bytes of `s`, cut on a character boundary.
fn head(s: &str, max: usize) -> &str {
    &s[..s.floor_char_boundary(max)]
}

/// `text` when it fits in `max` characters; else its words up to `max`
/// characters and an ellipsis (a first word longer than that is cut).
fn first_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let needed = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if needed > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    let out = out
        .trim_end_matches([',', ';', ':', '-', '–', '—'])
        .to_owned();
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_the_whole_title() {
        let t = derived_title(
            Some("<p>Short &amp; sweet</p>"),
            None,
            Some("https://x.test/"),
        );
        assert_eq!(t.as_deref(), Some("Short & sweet"));
    }

    #[test]
    fn long_text_is_cut_at_a_word_boundary() {
        let body = "The minister’s plan for Smith & Sons was published today, and critics said, at length, that it would not work";
        let t = derived_title(Some(body), None, None).unwrap();
        assert_eq!(
            t,
            "The minister’s plan for Smith & Sons was published today, and critics said, at…"
        );
        assert!(t.chars().count() <= DERIVED_TITLE_CHARS + 1);
        let word = "x".repeat(200);
        assert_eq!(first_words(&word, 80).chars().count(), 81);
    }

    #[test]
    fn content_then_link() {
        assert_eq!(
            derived_title(Some("<img src=x>"), Some("<p>From content</p>"), None).as_deref(),
            Some("From content")
        );
        assert_eq!(
            derived_title(None, Some("  "), Some("https://x.test/a")).as_deref(),
            Some("https://x.test/a")
        );
        assert_eq!(derived_title(None, None, None), None);
    }
}
