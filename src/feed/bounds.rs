//! Size limits on what one item may bring into the cache: a title of at
//! most `MAX_TITLE_CHARS` characters, a summary and a content of at most
//! `MAX_BODY_BYTES` each. Cuts fall on a character boundary and outside
//! any tag or character reference; a cut body says so in a note at its end
//! (kept in the stored text, so `sift show` and the reader show it).

/// Characters kept of an item's title.
pub const MAX_TITLE_CHARS: usize = 1000;

/// Bytes kept of an item's summary, and of its content.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The note that ends a cut body.
pub const BODY_CUT_NOTE: &str = "note: content cut at 1 MiB";

/// The title, cut to `MAX_TITLE_CHARS` characters with an ellipsis.
pub fn cap_title(title: String) -> String {
    // No more bytes than the limit: no more characters either.
    if title.len() <= MAX_TITLE_CHARS {
        return title;
    }
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        None => title,
        Some((end, _)) => {
            let mut cut = title[..end].trim_end().to_owned();
            cut.push('…');
            cut
        }
    }
}

/// The body, cut to at most `MAX_BODY_BYTES`, note included, when longer.
pub fn cap_body(body: String) -> String {
    cap_body_at(body, MAX_BODY_BYTES)
}

fn cap_body_at(body: String, max: usize) -> String {
    if body.len() <= max {
        return body;
    }
    let note = if body.contains('<') {
        format!("\n<p>{BODY_CUT_NOTE}</p>")
    } else {
        format!("\n\n{BODY_CUT_NOTE}")
    };
    // The note fits inside the limit, so whatever renders up to it (the
    // reader renders at most 1 MiB) shows the note too.
    let end = safe_cut(&body, max.saturating_sub(note.len()));
    let mut cut = body[..end].trim_end().to_owned();
    cut.push_str(&note);
    cut
}

/// The largest cut point at or below `max` that is a character boundary
/// and not inside a tag (`<` with no `>` after it) or a character
/// reference (`&` with no `;` after it, close by).
fn safe_cut(s: &str, max: usize) -> usize {
    let mut end = s.floor_char_boundary(max);
    let kept = &s[..end];
    if let Some(open) = kept.rfind('<')
        && !kept[open..].contains('>')
    {
        end = open;
    }
    let kept = &s[..end];
    if let Some(amp) = kept.rfind('&')
        && end - amp <= 32
        && !kept[amp..].contains(';')
    {
        end = amp;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_things_are_left_alone() {
        assert_eq!(cap_title("Title".into()), "Title");
        assert_eq!(cap_body("<p>x</p>".into()), "<p>x</p>");
    }

    #[test]
    fn titles_are_cut_on_characters_not_bytes() {
        let long = "é".repeat(MAX_TITLE_CHARS + 5);
        let cut = cap_title(long);
        assert_eq!(cut.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(cut.ends_with("é…"));
    }

    #[test]
    fn bodies_are_cut_on_a_char_boundary_and_noted() {
        // 3-byte characters: 10 bytes (after the note's room) is not a
        // boundary.
        let note = BODY_CUT_NOTE.len() + 2;
        let cut = cap_body_at("€".repeat(50), 10 + note);
        assert_eq!(cut, format!("€€€\n\n{BODY_CUT_NOTE}"));
    }

    #[test]
    fn bodies_are_not_cut_inside_a_tag_or_an_entity() {
        let note = BODY_CUT_NOTE.len() + 8;
        let long = "<p>one</p><a href=\"x\">two</a>".repeat(10);
        let cut = cap_body_at(long, 15 + note);
        assert_eq!(cut, format!("<p>one</p>\n<p>{BODY_CUT_NOTE}</p>"));
        let long = "<p>fish &amp; chips</p>".repeat(10);
        let cut = cap_body_at(long, 12 + note);
        assert_eq!(cut, format!("<p>fish\n<p>{BODY_CUT_NOTE}</p>"));
    }

    #[test]
    fn a_megabyte_body_is_capped() {
        let body = format!("<p>{}</p>", "word ".repeat(300_000));
        let cut = cap_body(body);
        assert!(cut.len() <= MAX_BODY_BYTES);
        assert!(cut.len() > MAX_BODY_BYTES - 100);
        assert!(cut.ends_with(&format!("<p>{BODY_CUT_NOTE}</p>")));
    }
}
