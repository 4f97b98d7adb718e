//! Cheap looks at a document: where content starts, what the root element
//! is, and namespace URIs that feed-rs would not recognise.

use std::borrow::Cow;

use memchr::memmem;

/// Index of the first byte that is not a UTF-8 BOM, ASCII whitespace or
/// another control byte.
pub(super) fn content_start(bytes: &[u8]) -> usize {
    // A BOM written twice (files joined, a BOM added to a BOM) and NULs or
    // other control bytes before the document hide what it is.
    let mut at = 0;
    loop {
        if bytes[at..].starts_with(b"\xEF\xBB\xBF") {
            at += 3;
        } else if bytes.get(at).is_some_and(|b| *b <= b' ') {
            at += 1;
        } else {
            return at;
        }
    }
}

/// What the first element of a document says it is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Root {
    Feed,
    Html,
    Other(String),
    None,
}

impl Root {
    pub(super) fn describe(&self) -> String {
        match self {
            Root::Feed => "a feed root with nothing feed-rs could read".to_owned(),
            Root::Html => "an HTML page".to_owned(),
            Root::Other(name) => format!("the root element is <{name}>"),
            Root::None => "no XML element at all".to_owned(),
        }
    }
}

/// The root element's name and the byte range of its start tag, skipping
/// declarations, processing instructions, comments and doctypes.
fn root_tag(bytes: &[u8]) -> Option<(&[u8], usize, usize)> {
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &bytes[at..];
        let skip_to = |end: &[u8]| memmem::find(rest, end).map(|e| at + e + end.len());
        i = match rest.get(1) {
            Some(b'?') => skip_to(b"?>")?,
            Some(b'!') if rest.starts_with(b"<!--") => skip_to(b"-->")?,
            Some(b'!') => skip_to(b">")?,
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' || *b >= 0x80 => {
                let name_len = rest[1..]
                    .iter()
                    .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/' | b'<'))
                    .count();
                let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| at + e + 1);
                return Some((&rest[1..1 + name_len], at, end));
            }
            _ => at + 1,
        };
    }
    None
}

/// Where the root element's start tag begins: the prolog ends there.
pub(super) fn root_start(bytes: &[u8]) -> Option<usize> {
    root_tag(bytes).map(|(_, start, _)| start)
}

pub(super) fn root(bytes: &[u8]) -> Root {
    let Some((name, _, _)) = root_tag(bytes) else {
        return Root::None;
    };
    let name = String::from_utf8_lossy(name);
    let local = name.rsplit(':').next().unwrap_or(&name);
    if ["html", "head", "body"]
        .iter()
        .any(|h| local.eq_ignore_ascii_case(h))
    {
        Root::Html
    } else if ["rss", "feed", "RDF", "entry", "channel"]
        .iter()
        .any(|f| local.eq_ignore_ascii_case(f))
    {
        Root::Feed
    } else {
        // The name is the server's text, shown in error messages.
        let name: String = name.chars().take(40).collect();
        Root::Other(crate::text::sanitize_line(&name))
    }
}

/// Namespace URIs seen in real feeds that feed-rs does not know, and the
/// ones it does that mean the same thing.
const NAMESPACE_ALIASES: &[(&str, &str)] = &[
    (
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://purl.org/rss/1.0/",
    ),
    (ATOM_03, "http://www.w3.org/2005/Atom"),
    (
        "https://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/elements/1.1/",
    ),
    (
        "https://purl.org/rss/1.0/modules/content/",
        "http://purl.org/rss/1.0/modules/content/",
    ),
];

const ATOM_03: &str = "http://purl.org/atom/ns#";

/// RSS modules feeds use without declaring them (the feed validator's
/// "undefined namespace prefix"): the declaration, a use of the prefix,
/// and the namespace it stands for.
const MODULES: &[(&str, &str, &str)] = &[
    (
        "xmlns:content",
        "<content:encoded",
        "http://purl.org/rss/1.0/modules/content/",
    ),
    ("xmlns:dc", "<dc:", "http://purl.org/dc/elements/1.1/"),
];

/// Rewrites known namespace aliases in the root start tag (where feeds
/// declare them), and declares the RSS modules an RSS or RDF document
/// uses without declaring. Returns the text and whether it is Atom 0.3.
/// Valid documents take this path too, so nothing is reported as a
/// repair.
pub(super) fn normalize_namespaces(bytes: &[u8]) -> (Cow<'_, [u8]>, bool) {
    let Some((name, start, end)) = root_tag(bytes) else {
        return (Cow::Borrowed(bytes), false);
    };
    let tag = &bytes[start..end];
    let atom_03 = memmem::find(tag, ATOM_03.as_bytes()).is_some();
    let is_rss = [&b"rss"[..], b"rdf:RDF"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n));
    // Cheap for feeds that declare their modules: only the root is read.
    let undeclared: Vec<_> = MODULES
        .iter()
        .filter(|(declaration, used, _)| {
            is_rss
                && memmem::find(tag, declaration.as_bytes()).is_none()
                && memmem::find(&bytes[end..], used.as_bytes()).is_some()
        })
        .collect();
    if undeclared.is_empty()
        && !NAMESPACE_ALIASES
            .iter()
            .any(|(from, _)| memmem::find(tag, from.as_bytes()).is_some())
    {
        return (Cow::Borrowed(bytes), false);
    }
    let mut new_tag = tag.to_vec();
    for (from, to) in NAMESPACE_ALIASES {
        while let Some(at) = memmem::find(&new_tag, from.as_bytes()) {
            new_tag.splice(at..at + from.len(), to.bytes());
        }
    }
    // Before the tag's `>` (or `/>`); a tag cut short gets none.
    let close = new_tag.len() - usize::from(new_tag.ends_with(b"/>")) - 1;
    if new_tag.last() == Some(&b'>') {
        for (declaration, _, uri) in undeclared {
            let attribute = format!(" {declaration}=\"{uri}\"");
            new_tag.splice(close..close, attribute.bytes());
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(&new_tag);
    out.extend_from_slice(&bytes[end..]);
    (Cow::Owned(out), atom_03)
}

/// Drops whatever precedes the first markup (a BOM, blank lines, PHP
/// warnings...). Returns the rest and how many non-blank bytes went.
pub(super) fn strip_leading_junk(text: &str) -> (&str, usize) {
    let b = text.as_bytes();
    let start = (0..b.len())
        .find(|&i| {
            b[i] == b'<'
                && b.get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'?' | b'!' | b'_'))
        })
        .unwrap_or(0);
    (&text[start..], count_junk(&text[..start]))
}

/// Bytes of `text` that are neither whitespace nor a BOM.
pub(super) fn count_junk(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(char::len_utf8)
        .sum()
}

/// Where a feed root start tag begins within the first 64 KiB, for
/// documents whose first element is something else.
pub(super) fn feed_root_start(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    [&b"<rss"[..], b"<feed", b"<rdf:RDF"]
        .iter()
        .filter_map(|tag| {
            memmem::find_iter(head, tag).find(|&at| {
                head.get(at + tag.len())
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
            })
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_skips_prolog_and_classifies() {
        let doc = b"<?xml version='1.0'?><!-- <html> --><!DOCTYPE rss><rss version='2.0'>";
        assert_eq!(root(doc), Root::Feed);
        assert_eq!(root(b"<!DOCTYPE html>\n<HTML lang=en>"), Root::Html);
        assert_eq!(root(b"<rdf:RDF xmlns:rdf='x'>"), Root::Feed);
        assert_eq!(root(b"<opml version='2.0'>"), Root::Other("opml".into()));
        assert_eq!(root(b"just text < 3"), Root::None);
    }

    #[test]
    fn a_hostile_root_name_is_sanitised() {
        let doc = "<a\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil/>";
        assert_eq!(root(doc.as_bytes()), Root::Other("aevil".into()));
    }

    #[test]
    fn namespace_aliases_are_rewritten_in_the_root_tag_only() {
        let doc = b"<feed version='0.3' xmlns='http://purl.org/atom/ns#'><x>http://purl.org/atom/ns#</x></feed>";
        let (text, atom_03) = normalize_namespaces(doc);
        assert!(atom_03);
        assert_eq!(
            String::from_utf8_lossy(&text),
            "<feed version='0.3' xmlns='http://www.w3.org/2005/Atom'><x>http://purl.org/atom/ns#</x></feed>"
        );
        let plain = b"<rss version='2.0'><channel/></rss>";
        assert!(matches!(
            normalize_namespaces(plain),
            (Cow::Borrowed(_), false)
        ));
    }

    #[test]
    fn modules_used_without_a_declaration_are_declared() {
        let doc = b"<rss version='2.0'><channel><item><content:encoded>x</content:encoded></item></channel></rss>";
        let (text, _) = normalize_namespaces(doc);
        assert_eq!(
            String::from_utf8_lossy(&text),
            "<rss version='2.0' xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>\
             <content:encoded>x</content:encoded></item></channel></rss>"
        );
        let declared =
            b"<rss xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>A</dc:creator></rss>";
        assert!(matches!(normalize_namespaces(declared).0, Cow::Borrowed(_)));
        let atom = b"<feed><dc:creator>A</dc:creator></feed>";
        assert!(matches!(normalize_namespaces(atom).0, Cow::Borrowed(_)));
    }

    #[test]
    fn leading_junk_is_counted_without_whitespace() {
        assert_eq!(
            strip_leading_junk("\u{feff}  Warning: x\n<rss/>"),
            ("<rss/>", 9)
        );
        assert_eq!(
            strip_leading_junk("\n\n<?xml?><rss/>"),
            ("<?xml?><rss/>", 0)
        );
    }
}
