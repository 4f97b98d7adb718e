//! How far feed-rs's reading of a document stands: whether it holds all
//! the document plainly holds, fell short (items, titles, links or bodies
//! it missed), or wants the lenient reader (permalink flags, relative
//! guids and content sources, fields cut at raw markup). Cheap scans of
//! the bytes; most cost nothing when every item has a title, link and
//! body.

use crate::model::ParsedFeed;

/// How far feed-rs's reading of a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// It holds all the document plainly holds.
    Whole,
    /// It missed items, titles, links or bodies (see `reads_short`): the
    /// lenient reading replaces it when it finds more.
    Short,
    /// Something in it the lenient reader reads better: permalink flags,
    /// a relative guid or content `src`, a body cut at its first tag.
    /// The lenient reading replaces it unless it finds fewer items or
    /// titles.
    Wanting,
}

pub(super) fn verdict(feed: &feed_rs::model::Feed, text: &[u8]) -> Verdict {
    if needs_permalink_flags(feed, text) || links_to_resolve(feed) || cuts_text(feed, text) {
        Verdict::Wanting
    } else if reads_short(feed, text) {
        Verdict::Short
    } else {
        Verdict::Whole
    }
}

/// Whether an item without a page link names its page relatively: by a guid
/// (feed-rs drops `isPermaLink`, and an RSS item's `xml:base`) or by an
/// Atom content's `src` (which feed-rs leaves unresolved). Costs nothing
/// when every item has a link.
fn links_to_resolve(feed: &feed_rs::model::Feed) -> bool {
    let relative = |s: &str| {
        let s = s.trim();
        !s.is_empty()
            && !s.contains(char::is_whitespace)
            && matches!(
                url::Url::parse(s),
                Err(url::ParseError::RelativeUrlWithoutBase)
            )
    };
    let atom = feed.feed_type == feed_rs::model::FeedType::Atom;
    feed.entries
        .iter()
        .filter(|e| super::map::pick_link(&e.links).is_none())
        .any(|e| match &e.content {
            Some(c) if atom => c.src.as_ref().is_some_and(|l| relative(&l.href)),
            _ => !atom && relative(&e.id),
        })
}

/// Whether a title or body holds raw markup: feed-rs keeps only the
/// words before its first tag (`<description>Lead <b>bold</b>
/// tail</description>` reads "Lead"), or nothing when it starts with one;
/// the repair pass escapes such markup for the lenient reader. RSS
/// titles, descriptions and `content:encoded`; Atom titles, summaries and
/// contents that are not inline XML (`type="xhtml"` is markup by right).
/// One walk from tag to tag, over CDATA sections in one search each.
fn cuts_text(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    use feed_rs::model::FeedType;
    let names: &[&[u8]] = match feed.feed_type {
        FeedType::JSON => return false,
        FeedType::Atom => &[b"title", b"summary", b"content"],
        _ => &[b"title", b"description", b"encoded"],
    };
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &text[at..]) {
        let rest = &text[at + lt + 1..];
        if rest.starts_with(b"![CDATA[") {
            let Some(end) = memchr::memmem::find(rest, b"]]>") else {
                return false;
            };
            at += lt + 1 + end + 3;
            continue;
        }
        let name_len = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')))
            .unwrap_or(rest.len());
        let qname = &rest[..name_len];
        let local = memchr::memrchr(b':', qname).map_or(qname, |c| &qname[c + 1..]);
        at += lt + 1 + name_len;
        if !names.contains(&local) {
            continue;
        }
        let after = &rest[name_len..];
        let opens = after
            .first()
            .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace());
        let Some(gt) = memchr::memchr(b'>', after).filter(|_| opens) else {
            continue;
        };
        let attrs = &after[..gt];
        if !attrs.ends_with(b"/")
            && !declares_inline_xml(attrs)
            && starts_a_tag_before_its_end(&after[gt + 1..])
        {
            return true;
        }
    }
    false
}

/// Whether a construct's attributes make its content inline markup:
/// Atom's `type="xhtml"` or an XML media type, Atom 0.3's `mode="xml"`.
fn declares_inline_xml(attrs: &[u8]) -> bool {
    let type_attr = attribute(attrs, b"type").unwrap_or_default();
    type_attr == "xhtml"
        || type_attr.ends_with("+xml")
        || type_attr.ends_with("/xml")
        || attribute(attrs, b"mode").is_some_and(|m| m == "xml")
}

/// Whether `body` (an element's content onward) opens a child element
/// before any end tag.
fn starts_a_tag_before_its_end(body: &[u8]) -> bool {
    let mut rest = body;
    while let Some(lt) = memchr::memchr(b'<', rest) {
        let tail = &rest[lt + 1..];
        match tail.first() {
            Some(b) if b.is_ascii_alphabetic() => return true,
            // An end tag (the element's own, or a stray one) ends the
            // look; so does CDATA, whose markup is text (raw tags after a
            // CDATA section are too rare to pay a scan of every body for).
            Some(b'/' | b'!') | None => return false,
            // A comment or an instruction: look on.
            Some(_) => rest = tail,
        }
    }
    false
}

/// RSS 1.0 items are named by their `rdf:about`, which feed-rs does not
/// read: given to its items that have no id, in document order, when
/// every item start tag in the document is one of its items.
pub(super) fn rdf_about_ids(feed: &mut feed_rs::model::Feed, text: &[u8]) {
    if feed.feed_type != feed_rs::model::FeedType::RSS1
        || feed.entries.iter().all(|e| !e.id.is_empty())
    {
        return;
    }
    let abouts: Vec<Option<String>> = element_starts(text, b"item")
        .map(|at| {
            let tag = &text[at..];
            let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
            attribute(tag, b":about")
        })
        .collect();
    if abouts.len() != feed.entries.len() {
        return;
    }
    for (entry, about) in feed.entries.iter_mut().zip(abouts) {
        if let Some(about) = about.filter(|_| entry.id.is_empty()) {
            entry.id = about;
        }
    }
}

/// The value of the attribute whose name ends in `suffix` in a start
/// tag, references decoded; None when absent or unquoted.
fn attribute(tag: &[u8], suffix: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(tag, suffix)?;
    let rest = tag[at + suffix.len()..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
    let value = &rest[1..];
    let value = &value[..memchr::memchr(quote, value)?];
    let value = String::from_utf8_lossy(value);
    Some(crate::text::decode_references(&value).trim().to_owned())
}

/// Whether some item may lack a `<link>` while its guid says it is not a
/// permalink: feed-rs drops `isPermaLink` (and lists the guid as a link),
/// so the lenient reader decides. Cheap: counts `<link` tags, and only in
/// documents that say `isPermaLink="false"`.
fn needs_permalink_flags(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    use memchr::memmem::find_iter;
    // One scan for the attribute, whichever quotes it uses.
    let says_false = find_iter(text, b"isPermaLink=").any(|at| {
        text.get(at + 12..at + 19).is_some_and(|v| {
            matches!(v[0], b'"' | b'\'') && v[6] == v[0] && v[1..6].eq_ignore_ascii_case(b"false")
        })
    });
    // The channel's link and one per item, when every item has one.
    says_false && find_iter(text, b"<link").count() < feed.entries.len() + 1
}

/// How many items, then titles (the feed's and its items'), then links,
/// then bodies a reading found.
pub(super) fn found(feed: &ParsedFeed) -> (usize, usize, usize, usize) {
    let titled = usize::from(feed.title.is_some())
        + feed.items.iter().filter(|i| !i.title.is_empty()).count();
    let linked = feed.items.iter().filter(|i| i.link.is_some()).count();
    let bodied = feed
        .items
        .iter()
        .filter(|i| i.summary.is_some() || i.content.is_some())
        .count();
    (feed.items.len(), titled, linked, bodied)
}

/// Whether feed-rs's reading falls short of what the document plainly
/// holds: fewer items than item start tags (feed-rs drops an RSS 1.0 item
/// without a `<link>`), fewer titles than `title` elements, an item
/// without a link where the document has links to spare, or one without
/// a body where the document holds raw markup that feed-rs drops. The
/// last three cost nothing when every item has a title, link and body.
fn reads_short(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    let item: &[u8] = match feed.feed_type {
        feed_rs::model::FeedType::Atom => b"entry",
        _ => b"item",
    };
    count_elements(text, item) > feed.entries.len()
        || misses_titles(feed, text)
        || misses_links(feed, text)
        || misses_bodies(feed, text)
}

/// Whether an item lacks a link (feed-rs skips an unquoted `href`, an
/// Atom link inside an RSS item...) while the document has more `link`
/// elements than the items feed-rs gave links, plus the feed's own.
fn misses_links(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    let linked = feed
        .entries
        .iter()
        .filter(|e| !e.links.is_empty() || e.id.starts_with("http"))
        .count();
    linked < feed.entries.len() && count_elements(text, b"link") > linked + 1
}

/// Whether an item has neither summary nor content while a body element
/// in the document starts with raw markup (`<description><p>...`), which
/// feed-rs reads as nothing, or the document has more `description`
/// elements than the channel and the bodied items (feed-rs skips a
/// `media:description` in a group without a playable `media:content`).
fn misses_bodies(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    let bodied = feed
        .entries
        .iter()
        .filter(|e| e.summary.is_some() || e.content.as_ref().is_some_and(|c| c.body.is_some()))
        .count();
    bodied < feed.entries.len()
        && ([&b"description"[..], b"encoded", b"summary", b"content"]
            .iter()
            .any(|name| starts_with_markup(text, name))
            || count_elements(text, b"description") > bodied + 1)
}

/// Whether some `name` element (prefixed or not) opens with a child tag.
fn starts_with_markup(text: &[u8], name: &[u8]) -> bool {
    memchr::memmem::find_iter(text, name).any(|at| {
        let after = &text[at + name.len()..];
        let Some(close) = memchr::memchr2(b'>', b'<', after) else {
            return false;
        };
        // A start tag: `<name>` or `<name attrs>`, not `</name>` or `<name/>`.
        let opens = opens_here(text, at)
            && after[close] == b'>'
            && !after[..close].ends_with(b"/")
            && after
                .first()
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace());
        let body = after[close + 1..].trim_ascii_start();
        opens && body.first() == Some(&b'<') && body.get(1).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// Whether the name at `at` follows `<` or `<prefix:` (a start tag's
/// name; not `</rss:item`).
fn opens_here(text: &[u8], at: usize) -> bool {
    match at.checked_sub(1).map(|p| text[p]) {
        Some(b'<') => true,
        Some(b':') => {
            let prefix = text[..at - 1]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            prefix > 0 && at > prefix + 1 && text[at - 2 - prefix] == b'<'
        }
        _ => false,
    }
}

/// Start tags named `name`, prefixed or not (a cheap count: one scan).
fn count_elements(text: &[u8], name: &[u8]) -> usize {
    element_starts(text, name).count()
}

/// Where the names of start tags named `name` (prefixed or not) start.
fn element_starts<'t>(text: &'t [u8], name: &'t [u8]) -> impl Iterator<Item = usize> + 't {
    memchr::memmem::find_iter(text, name)
        .filter(|&at| opens_here(text, at))
        .filter(move |&at| {
            matches!(
                text.get(at + name.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            )
        })
}

/// Whether feed-rs left out titles that the document plainly holds: more
/// `title` elements than titles it found.
fn misses_titles(feed: &feed_rs::model::Feed, text: &[u8]) -> bool {
    let found = usize::from(feed.title.is_some())
        + feed.entries.iter().filter(|e| e.title.is_some()).count();
    if found == feed.entries.len() + 1 {
        return false;
    }
    count_elements(text, b"title") > found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_markup_in_an_rss_body_is_found_past_its_first_words() {
        assert!(starts_a_tag_before_its_end(b"Lead <b>x</b></description>"));
        assert!(starts_a_tag_before_its_end(b"<p>x</p></description>"));
        // Escaped or in CDATA, the markup is text: feed-rs reads it whole.
        assert!(!starts_a_tag_before_its_end(
            b"Lead &lt;b&gt;</description><b>"
        ));
        assert!(!starts_a_tag_before_its_end(
            b"<![CDATA[Lead <b>x</b>]]></description><p>"
        ));
        assert!(!starts_a_tag_before_its_end(b"<![CDATA[never closed <b>"));
        assert!(!starts_a_tag_before_its_end(b"a < b"));
    }

    #[test]
    fn inline_xml_constructs_are_markup_by_right() {
        assert!(declares_inline_xml(b" type=\"xhtml\""));
        assert!(declares_inline_xml(b" type='application/xhtml+xml'"));
        assert!(declares_inline_xml(b" type=\"text/html\" mode=\"xml\""));
        assert!(!declares_inline_xml(b" type=\"html\""));
        // A namespace declaration is not a type.
        assert!(!declares_inline_xml(
            b" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
        ));
    }
}
