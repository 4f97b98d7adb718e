//! A cap on element nesting before HTML is parsed. html5ever checks its
//! stack of open elements at every start tag, so a page nested 100,000
//! deep costs quadratic time; no article needs more than a few hundred
//! levels. Tags past the cap are dropped (their text stays), which a
//! linear scan can do without parsing.

use std::borrow::Cow;

/// Deepest nesting kept.
pub const MAX_DEPTH: usize = 256;

/// Elements that never nest: void ones and those whose end tag is
/// optional (a run of unclosed `<p>` is not nesting).
fn never_nests(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rt"
            | "rp"
            | "html"
            | "head"
            | "body"
    )
}

/// `html` with tags deeper than `max_depth` removed; borrowed when
/// nothing is that deep.
pub fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // A document with fewer tags than the cap cannot exceed it.
    if memchr::memchr_iter(b'<', bytes).count() <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(tag) = Tag::read(html, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        let drop = match tag.kind {
            TagKind::Skip => false,
            TagKind::Start => {
                if never_nests(&tag.name) || tag.self_closing {
                    false
                } else {
                    depth += 1;
                    depth > max_depth
                }
            }
            TagKind::End => {
                if never_nests(&tag.name) {
                    false
                } else {
                    let deep = depth > max_depth;
                    depth = depth.saturating_sub(1);
                    deep
                }
            }
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..start]);
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
    }
}

enum TagKind {
    Start,
    End,
    /// Comments, doctypes, and scripts or styles skipped whole.
    Skip,
}

struct Tag {
    kind: TagKind,
    name: String,
    self_closing: bool,
    /// Byte offset just past the tag (or past the skipped element).
    end: usize,
}

impl Tag {
    /// The tag starting at `start` (a `<`), or `None` when it is not one.
    fn read(html: &str, start: usize) -> Option<Tag> {
        let rest = &html[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            return Some(Tag::skip(end));
        }
        if rest.starts_with('!') || rest.starts_with('?') {
            let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
            return Some(Tag::skip(end));
        }
        let (kind, name_start) = match rest.strip_prefix('/') {
            Some(_) => (TagKind::End, start + 2),
            None => (TagKind::Start, start + 1),
        };
        let name: String = html[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let end = tag_end(html, name_start + name.len())?;
        let self_closing = html[..end].ends_with("/>");
        if matches!(kind, TagKind::Start) && matches!(name.as_str(), "script" | "style") {
            let skip_to = find_end_tag(html, end, &name).unwrap_or(html.len());
            return Some(Tag::skip(skip_to));
        }
        Some(Tag {
            kind,
            name,
            self_closing,
            end,
        })
    }

    fn skip(end: usize) -> Tag {
        Tag {
            kind: TagKind::Skip,
            name: String::new(),
            self_closing: false,
            end,
        }
    }
}

/// Where `</name` first starts from `from`, in any ASCII case (`name` is
/// lowercase). Found in place: lowercasing the rest of the page for each
/// script was most of this scan's time.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(&bytes[from..], b"</")
        .map(|i| from + i)
        .find(|&at| {
            bytes
                .get(at + 2..at + 2 + name.len())
                .is_some_and(|word| word.eq_ignore_ascii_case(name.as_bytes()))
        })
}

/// The offset past the `>` that closes a tag, skipping quoted values.
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_ends_at_its_end_tag_in_any_case() {
        let html = "<div><script>if (a<b) {}</SCRIPT><p>after</p><style>x</Style></div>";
        let end = html.find("</SCRIPT>").unwrap();
        assert_eq!(find_end_tag(html, 13, "script"), Some(end));
        assert_eq!(
            find_end_tag(html, 13, "style"),
            Some(html.find("</Style").unwrap())
        );
        assert_eq!(find_end_tag("<script>no end", 8, "script"), None);
        // Near the end of the text, a partial name is no end tag.
        assert_eq!(find_end_tag("x</scr", 0, "script"), None);
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<div><p>a<p>b</div><!-- <div><div> --><script>if (a<b) {}</script>";
        assert!(matches!(limit_nesting(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_cap_go_and_their_text_stays() {
        let html = format!(
            "{}text{}",
            "<div class=\"x>y\">".repeat(10),
            "</div>".repeat(10)
        );
        let out = limit_nesting(&html, 3);
        assert_eq!(out.matches("<div").count(), 3);
        assert_eq!(out.matches("</div>").count(), 3);
        assert!(out.contains("text"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "</",
            "<a",
            "<!--",
            "<div \"",
            "<é>",
            "<<<<<>>>>",
            "</div></div>",
        ] {
            let _ = limit_nesting(&html.repeat(300), 4);
        }
    }
}
