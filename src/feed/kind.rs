//! The one place that decides whether a feed field is text or HTML, and
//! turns it into what sift stores: titles as plain lines, bodies as HTML.
//! Both parsers (feed-rs's mapping and the lenient reader) call it, so a
//! field is decoded exactly once whichever path read it.

use std::borrow::Cow;

use markup5ever::data::C1_REPLACEMENTS;

use crate::text::{escape_html, html_to_plain, sanitize_html, sanitize_line};

use url::Url;

use super::bounds::{cap_body, cap_title};
use crate::model::Enclosure;

/// What the feed declares a field to be, after the XML layer has decoded
/// its own references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Declared plain text (Atom `type="text"`, `text/plain`, JSON Feed
    /// `content_text`): a `<` or `&` in it is a character, not markup.
    Text,
    /// Declared or specified HTML (Atom `type="html"`, RSS `description`,
    /// `content:encoded`, JSON Feed `content_html`).
    Html,
    /// Nothing declared (RSS and RDF titles): HTML when it carries a tag or
    /// a character reference, as feeds in the wild escape titles twice.
    Sniff,
}

impl Kind {
    /// An Atom (1.0 or 0.3) content construct's `type`, and Atom 0.3's
    /// `mode`: "text"/"html"/"xhtml" or a MIME type. Unknown `text/*` and
    /// other non-markup types are text.
    pub(crate) fn of_atom_type(type_attr: Option<&str>) -> Kind {
        let t = type_attr.map(|t| t.split(';').next().unwrap_or(t).trim().to_ascii_lowercase());
        match t.as_deref() {
            Some("html" | "text/html" | "xhtml" | "application/xhtml+xml") => Kind::Html,
            _ => Kind::Text,
        }
    }

    /// A Media RSS text's `type` (`media:description`, `media:title`):
    /// "html", else plain, its default; read as feed-rs reads it.
    pub(crate) fn of_media_type(type_attr: Option<&str>, family: Family) -> Kind {
        let html = type_attr.is_some_and(|t| t.trim().eq_ignore_ascii_case("html"));
        Kind::of_mime(if html { "html" } else { "plain" }, family)
    }

    /// A MIME type as feed-rs reports it, in a document of `family`.
    /// MIME types ignore case (RFC 2045 §5.1): feed-rs keeps `TEXT/HTML`'s.
    pub(crate) fn of_mime(subtype: &str, family: Family) -> Kind {
        match (subtype, family) {
            (s, _) if names_html(s) => Kind::Html,
            (_, Family::Rss) => Kind::Sniff,
            _ => Kind::Text,
        }
    }
}

/// Whether a MIME subtype names HTML (`html`, `xhtml+xml`), in any case.
pub(crate) fn names_html(subtype: &str) -> bool {
    subtype
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"html"))
}

/// Whether a construct's `type` names text a person reads: none (text),
/// the three Atom names, `text/*` and XML types; not images, audio or
/// other binary types (whose value is base64 or an address).
pub(crate) fn is_textual(type_attr: Option<&str>) -> bool {
    let Some(t) = type_attr.map(|t| t.split(';').next().unwrap_or(t).trim().to_ascii_lowercase())
    else {
        return true;
    };
    matches!(t.as_str(), "" | "text" | "html" | "xhtml")
        || t.starts_with("text/")
        // feed-rs names Atom's xhtml `application/xhtml`.
        || t.contains("html")
        || t.ends_with("+xml")
        || t.ends_with("/xml")
}

/// The kind of document a field came from, where the kind of a field
/// depends on it (an RSS title declares nothing; an Atom title does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Rss,
    Atom,
    Json,
}

/// Inline HTML elements that titles carry; any other `<word>` in an
/// undeclared title is text ("Sanctions & <summits>").
const TITLE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "em", "font", "i", "img", "ins", "kbd",
    "mark", "p", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
];

/// Whether `s` carries an inline HTML tag or a character reference.
fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let tag = memchr::memchr_iter(b'<', b).any(|at| {
        let rest = &s[at + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        TITLE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
            && rest[name_len..].starts_with(['>', ' ', '/'])
            && rest[name_len..].contains('>')
    });
    tag || memchr::memchr_iter(b'&', b).any(|at| {
        let rest = &b[at + 1..];
        let len = rest
            .iter()
            .take(33)
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
            .count();
        // A numeric reference counts without its `;` too ("&#8217 "), as
        // an HTML reader decodes it; a name needs it ("AT&T" is text)
        // unless it is one of HTML's legacy names (`&amp Sons`).
        let numeric =
            rest.first() == Some(&b'#') && rest.get(1).is_some_and(u8::is_ascii_alphanumeric);
        len > 0 && (rest.get(len) == Some(&b';') || numeric)
            || crate::text::starts_with_legacy_reference(&s[at..])
    })
}

/// Characters to mend in feed text: C1 controls, which come from
/// `&#150;`-style references or from windows-1252 read as Latin-1 (both
/// meant the windows-1252 character), and the noncharacters U+FFFE and
/// U+FFFF, which XML forbids but feed-rs lets through from a reference
/// (looked for in titles only: a body's HTML reader drops them, and one
/// byte to scan for keeps the scan of every body cheap).
fn mend_characters(s: &str, noncharacters: bool) -> Cow<'_, str> {
    // In UTF-8 C1 characters are 0xC2 0x80..=0x9F and the two
    // noncharacters 0xEF 0xBF 0xBE/0xBF: a byte scan finds them.
    let b = s.as_bytes();
    let has_c1 = memchr::memchr_iter(0xC2, b)
        .any(|at| b.get(at + 1).is_some_and(|n| (0x80..=0x9F).contains(n)));
    let has_nonchar = noncharacters
        && memchr::memmem::find_iter(b, b"\xEF\xBF")
            .any(|at| matches!(b.get(at + 2), Some(0xBE | 0xBF)));
    if !has_c1 && !has_nonchar {
        return Cow::Borrowed(s);
    }
    s.chars()
        .filter_map(|c| match c as u32 {
            n @ 0x80..=0x9f => C1_REPLACEMENTS[(n - 0x80) as usize],
            0xfffe | 0xffff => None,
            _ => Some(c),
        })
        .collect()
}

/// A title as one plain line, decoded once, capped.
pub(crate) fn title(raw: &str, kind: Kind) -> String {
    let raw = &mend_characters(raw, true);
    let plain = match kind {
        Kind::Html => html_to_plain(raw),
        Kind::Sniff if looks_like_html(raw) => html_to_plain(raw),
        Kind::Text | Kind::Sniff => sanitize_line(raw),
    };
    cap_title(plain)
}

/// A body as stored HTML: declared text is escaped (so a later HTML reader
/// shows its `<` and `&` as written), HTML is kept; control characters and
/// references to them go; empty bodies are None.
pub(crate) fn body<'a>(raw: impl Into<Cow<'a, str>>, kind: Kind) -> Option<String> {
    let raw = raw.into();
    let changed = {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return None;
        }
        let c1 = mend_characters(trimmed, false);
        let html = match kind {
            Kind::Text => escape_html(&c1),
            Kind::Html | Kind::Sniff => Cow::Borrowed(c1.as_ref()),
        };
        match sanitize_html(&html) {
            // Every step borrowed its input: the body is `raw` as it came.
            Cow::Borrowed(same) if same.len() == raw.len() => None,
            changed => Some(changed.into_owned()),
        }
    };
    // An unchanged owned body keeps its buffer instead of a copy.
    let clean = changed.unwrap_or_else(|| raw.into_owned());
    (!clean.trim().is_empty()).then(|| cap_body(clean))
}

/// Most enclosures kept of one item.
pub(crate) const MAX_ENCLOSURES: usize = 32;

/// Enclosures as stored: URLs resolved and cleaned, text fields on one
/// line, duplicates (the same URL from RSS and Media RSS) dropped.
pub(crate) fn clean_enclosures(found: Vec<Enclosure>, base: Option<&Url>) -> Vec<Enclosure> {
    let mut kept: Vec<Enclosure> = Vec::new();
    for e in found {
        let Some(url) = super::map::resolve(&e.url, base) else {
            continue;
        };
        if kept.iter().any(|k| k.url == url) || kept.len() >= MAX_ENCLOSURES {
            continue;
        }
        let line = |s: Option<String>| s.map(|s| sanitize_line(&s)).filter(|s| !s.is_empty());
        kept.push(Enclosure {
            url,
            mime_type: line(e.mime_type),
            title: line(e.title).map(cap_title),
            ..e
        });
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_text_keeps_its_angle_brackets_and_ampersands() {
        assert_eq!(title("1 < 2 &amp; x", Kind::Text), "1 < 2 &amp; x");
        assert_eq!(
            body("a <b> & c", Kind::Text).as_deref(),
            Some("a &lt;b&gt; &amp; c")
        );
    }

    #[test]
    fn html_is_decoded_once() {
        assert_eq!(title("AT&amp;amp;T <b>x</b>", Kind::Html), "AT&amp;T x");
        // A numeric reference without its `;` is still one; so is one of
        // HTML's legacy names, unless a letter, digit or `=` follows.
        assert_eq!(title("It&#8217s here", Kind::Sniff), "It\u{2019}s here");
        assert_eq!(title("A &#x2014 B", Kind::Sniff), "A \u{2014} B");
        assert_eq!(title("AT&T &copy 2026", Kind::Sniff), "AT&T \u{a9} 2026");
        assert_eq!(title("Smith &amp Sons", Kind::Sniff), "Smith & Sons");
        assert_eq!(
            title("AT&ampT ?a=1&copy=2", Kind::Sniff),
            "AT&ampT ?a=1&copy=2"
        );
        assert_eq!(title("Tea&nbsp;&amp cake", Kind::Html), "Tea & cake");
        assert_eq!(title("The minister&#8217;s", Kind::Html), "The minister’s");
    }

    #[test]
    fn undeclared_titles_are_html_only_when_they_look_like_it() {
        // A title escaped twice by the feed: the XML layer left "&amp;".
        assert_eq!(title("Smith &amp; Sons", Kind::Sniff), "Smith & Sons");
        assert_eq!(title("if a<b then", Kind::Sniff), "if a<b then");
        assert_eq!(title("Q&A; more", Kind::Sniff), "Q&A; more");
        assert_eq!(title("<i>Hi</i> there", Kind::Sniff), "Hi there");
        assert_eq!(
            title("Sanctions & <summits>: the week", Kind::Sniff),
            "Sanctions & <summits>: the week"
        );
    }

    #[test]
    fn atom_types_and_mime_types() {
        assert_eq!(Kind::of_atom_type(None), Kind::Text);
        assert_eq!(Kind::of_atom_type(Some("text/plain")), Kind::Text);
        assert_eq!(Kind::of_atom_type(Some(" HTML ")), Kind::Html);
        assert_eq!(Kind::of_atom_type(Some("text/html; charset=x")), Kind::Html);
        assert_eq!(
            Kind::of_atom_type(Some("application/xhtml+xml")),
            Kind::Html
        );
        assert_eq!(Kind::of_mime("plain", Family::Rss), Kind::Sniff);
        // MIME types ignore case; feed-rs keeps the document's.
        assert_eq!(Kind::of_mime("HTML", Family::Atom), Kind::Html);
        assert_eq!(Kind::of_mime("XHTML+XML", Family::Atom), Kind::Html);
        assert_eq!(Kind::of_media_type(Some(" HTML"), Family::Atom), Kind::Html);
        assert_eq!(Kind::of_media_type(None, Family::Rss), Kind::Sniff);
        assert_eq!(Kind::of_media_type(Some("plain"), Family::Atom), Kind::Text);
        assert_eq!(Kind::of_mime("plain", Family::Atom), Kind::Text);
    }

    #[test]
    fn c1_characters_are_read_as_windows_1252() {
        assert_eq!(title("a \u{96} b\u{81}", Kind::Text), "a – b");
    }

    #[test]
    fn noncharacters_from_references_vanish() {
        assert_eq!(title("A\u{fffe}B\u{ffff}", Kind::Sniff), "AB");
        assert_eq!(title("全角\u{ff21}", Kind::Text), "全角\u{ff21}");
    }

    #[test]
    fn binary_types_are_not_text() {
        assert!(is_textual(None));
        assert!(is_textual(Some("text/markdown; charset=utf-8")));
        assert!(is_textual(Some("image/svg+xml")));
        assert!(is_textual(Some("application/xhtml")));
        assert!(!is_textual(Some("image/png")));
        assert!(!is_textual(Some("application/octet-stream")));
    }

    #[test]
    fn empty_bodies_and_control_references_vanish() {
        assert_eq!(body("  \n", Kind::Html), None);
        assert_eq!(body("&#27;", Kind::Html), None);
        assert_eq!(body("x&#x202e;y", Kind::Html).as_deref(), Some("xy"));
    }
}
