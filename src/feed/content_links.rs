//! Relative references inside HTML bodies, resolved against the
//! `xml:base` in force where the body stands (XML Base; RFC 3986 §5), as
//! forgiving readers resolve them: `<a href="x.html">` inside an entry
//! with `xml:base="https://b.test/a/"` points at `https://b.test/a/x.html`
//! wherever the article is shown later. Only the attributes HTML defines
//! as URLs are touched; text, comments and other attributes stay as
//! written.

use std::borrow::Cow;

use url::Url;

/// HTML attributes whose value is a URL (HTML 4.01's `%URI;` attributes
/// and HTML5's `poster`).
const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "cite",
    "longdesc",
    "usemap",
    "background",
    "action",
    "codebase",
    "data",
    "classid",
    "profile",
    "poster",
];

/// `html` with every relative URL attribute resolved against `base`.
/// Borrows when nothing is relative.
pub(super) fn resolve_in_html<'a>(html: &'a str, base: &Url) -> Cow<'a, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut kept_from = 0;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        let tag = at + lt + 1;
        if !bytes.get(tag).is_some_and(u8::is_ascii_alphabetic) {
            // An end tag, a comment or a lone `<`: skip a comment whole.
            at = match html[tag..].strip_prefix("!--") {
                Some(rest) => rest
                    .find("-->")
                    .map_or(html.len(), |e| html.len() - rest.len() + e + 3),
                None => tag,
            };
            continue;
        }
        let mut i = tag;
        while i < bytes.len() && !matches!(bytes[i], b'>' | b'<') {
            if bytes[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let name_from = i;
            while i < bytes.len()
                && !matches!(bytes[i], b'=' | b'>' | b'<' | b'/' | b'"' | b'\'')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let name = &html[name_from..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                i += usize::from(
                    name.is_empty() && i < bytes.len() && !matches!(bytes[i], b'>' | b'<'),
                );
                continue;
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (value_from, value_to, next) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[i + 1..]) {
                    Some(len) => (i + 1, i + 1 + len, i + 2 + len),
                    None => (i + 1, bytes.len(), bytes.len()),
                },
                _ => {
                    let len = bytes[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .unwrap_or(bytes.len() - i);
                    (i, i + len, i + len)
                }
            };
            i = next;
            let is_url = URL_ATTRIBUTES.iter().any(|a| name.eq_ignore_ascii_case(a));
            if !is_url {
                continue;
            }
            let Some(resolved) = resolved(&html[value_from..value_to], base) else {
                continue;
            };
            // The whole value, quotes included, becomes one quoted value.
            let quoted = value_from > 0 && matches!(bytes[value_from - 1], b'"' | b'\'');
            let start = if quoted { value_from - 1 } else { value_from };
            out.push_str(&html[kept_from..start]);
            out.push('"');
            out.push_str(&resolved.replace('&', "&amp;"));
            out.push('"');
            kept_from = next.min(bytes.len());
        }
        at = i.min(bytes.len());
    }
    if kept_from == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[kept_from..]);
    Cow::Owned(out)
}

/// The absolute form of `value` (an attribute as written, references
/// undecoded) when it is a relative reference; None when it is absolute,
/// blank or does not resolve.
fn resolved(value: &str, base: &Url) -> Option<String> {
    let value = crate::text::decode_references(value.trim());
    if value.is_empty() {
        return None;
    }
    match Url::parse(&value) {
        Err(url::ParseError::RelativeUrlWithoutBase) => base.join(&value).ok().map(String::from),
        _ => None,
    }
}

/// Whether `html` holds a URL attribute whose value may be relative: the
/// cheap test that decides whether a body needs `resolve_in_html`.
pub(super) fn may_hold_relative(html: &str) -> bool {
    // Any base finds the same references; this one is never a feed's.
    html.contains('<')
        && Url::parse("x-base:/")
            .is_ok_and(|base| matches!(resolve_in_html(html, &base), Cow::Owned(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://b.test/a/e/").unwrap()
    }

    #[test]
    fn relative_url_attributes_resolve_and_absolute_ones_stay() {
        let html =
            r#"<p><a href="x.html">x</a> <img alt="i" src='/i.png'> <a href=../up>u</a></p>"#;
        assert_eq!(
            resolve_in_html(html, &base()),
            r#"<p><a href="https://b.test/a/e/x.html">x</a> <img alt="i" src="https://b.test/i.png"> <a href="https://b.test/a/up">u</a></p>"#
        );
        let absolute =
            r#"<a href="https://c.test/x">x</a><a href="mailto:a@b.test">m</a><a href="">e</a>"#;
        assert!(matches!(
            resolve_in_html(absolute, &base()),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn queries_fragments_and_references_in_values() {
        assert_eq!(
            resolve_in_html(
                r##"<a href="?q=1&amp;r=2">q</a><a HREF="#n">n</a>"##,
                &base()
            ),
            r##"<a href="https://b.test/a/e/?q=1&amp;r=2">q</a><a HREF="https://b.test/a/e/#n">n</a>"##
        );
    }

    #[test]
    fn text_comments_and_other_attributes_stay() {
        let html = r#"href="x" <!-- <a href="c"> --> <span title="t" class=c>src=y</span> a < b"#;
        assert!(matches!(resolve_in_html(html, &base()), Cow::Borrowed(_)));
        assert!(!may_hold_relative(html));
        assert!(may_hold_relative(r#"<img src="i.png">"#));
    }

    #[test]
    fn broken_markup_neither_panics_nor_loops() {
        for html in [
            "<a href=\"x",
            "<a href=",
            "<a href='x' <b src=y>",
            "<a =x href>",
            "<<<a",
            "<a href=\"é\u{1f600}\">",
            "<!--",
            "<a\u{e9}=x src=\u{e9}>",
        ] {
            let _ = resolve_in_html(html, &base());
        }
        assert_eq!(
            resolve_in_html("<a href=\"x", &base()),
            "<a href=\"https://b.test/a/e/x\""
        );
    }
}
