//! Tag-level helpers for the repair pass: names, loose attribute
//! parsing, and which elements hold text rather than markup.

pub(super) fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

pub(super) fn is_name_byte(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

/// Elements whose content feed-rs reads as text: markup inside them (raw
/// HTML a feed forgot to escape) would be lost, so it is escaped instead.
/// Atom constructs with `type="xhtml"` are real markup and stay.
pub(super) fn holds_text(name: &str, attrs: &[Attr<'_>]) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    // Inline markup: Atom 1.0 xhtml and XML media types (RFC 4287
    // §4.1.3.3), Atom 0.3 xhtml types and mode="xml".
    let xhtml = attrs.iter().any(|a| {
        let value = a.value.trim();
        (a.name == "type"
            && (value == "xhtml" || value.ends_with("+xml") || value.ends_with("/xml")))
            || (a.name == "mode" && value == "xml")
    });
    // Media RSS's `media:content` names a file (`url`) and holds elements.
    let media = local == "content" && attrs.iter().any(|a| a.name == "url");
    !xhtml
        && !media
        && matches!(
            local,
            "title"
                | "description"
                | "summary"
                | "encoded"
                | "content"
                | "subtitle"
                | "tagline"
                | "rights"
                | "copyright"
        )
}

/// Fields of an RSS item or Atom entry that never occur inside a title,
/// even as raw HTML, so their start tag ends a title left open.
pub(super) fn is_feed_field(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    [
        "link",
        "guid",
        "description",
        "pubDate",
        "author",
        "category",
        "comments",
        "enclosure",
        "id",
        "updated",
        "published",
        "summary",
        "content",
        "encoded",
        "creator",
        "date",
        "issued",
        "modified",
    ]
    .iter()
    .any(|f| f.eq_ignore_ascii_case(local))
}

/// HTML element names that may appear unescaped inside a text element;
/// their close tags stay text even when an element of the same name is
/// open further out.
pub(super) fn is_html_name(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "a"
            | "b"
            | "i"
            | "em"
            | "strong"
            | "br"
            | "div"
            | "span"
            | "img"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "small"
            | "sup"
            | "sub"
            | "u"
            | "s"
            | "code"
            | "pre"
            | "hr"
            | "iframe"
            | "video"
            | "source"
    )
}

/// Whether a rebuilt tag says the same as the original (ignoring
/// insignificant whitespace), so only real fixes are reported.
pub(super) fn same_tag(original: &str, rebuilt: &str) -> bool {
    let squash = |s: &str| -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" =", "=")
            .replace("= ", "=")
            .replace(" />", "/>")
            .replace(" >", ">")
    };
    squash(original) == squash(rebuilt)
}

pub(super) struct Attr<'s> {
    pub name: &'s str,
    pub value: String,
    pub quote: char,
}

/// Loose attribute parsing: quoted, unquoted and value-less attributes;
/// anything that is not a name is skipped.
pub(super) fn parse_attributes(src: &str) -> Vec<Attr<'_>> {
    let b = src.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || !is_name_start(b[i]) {
            i += 1;
            continue;
        }
        let name_start = i;
        while i < b.len() && is_name_byte(b[i]) {
            i += 1;
        }
        let name = &src[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            attrs.push(Attr {
                name,
                value: name.to_owned(),
                quote: '"',
            });
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, quote) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = src[start..]
                    .find(q as char)
                    .map_or(src.len(), |e| start + e);
                i = (end + 1).min(src.len());
                (&src[start..end], q as char)
            }
            _ => {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                (&src[start..i], '"')
            }
        };
        attrs.push(Attr {
            name,
            value: value.to_owned(),
            quote,
        });
    }
    attrs
}
