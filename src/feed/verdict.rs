//! How far feed-rs's reading of a document stands: whether it holds all
//! the document plainly holds, fell short (items, titles, links or bodies
//! it missed), or wants the lenient reader (permalink flags, relative
//! guids and content sources, fields cut at raw markup), weighed against
//! one walk over the document's tags (`census`).

use super::census::{Census, Dialect};
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

/// Which names the census counts for a feed-rs reading.
pub(super) fn dialect(feed: &feed_rs::model::Feed) -> Dialect {
    match feed.feed_type {
        feed_rs::model::FeedType::Atom => Dialect::Atom,
        feed_rs::model::FeedType::JSON => Dialect::Json,
        _ => Dialect::Rss,
    }
}

/// `census` is the document's, taken with the feed's `dialect`;
/// `authors_unread` says some item's `itunes:author` could not be read
/// on this path (see `item_authors`).
pub(super) fn verdict(
    feed: &feed_rs::model::Feed,
    census: &Census,
    authors_unread: bool,
) -> Verdict {
    // A title or body holding raw markup: feed-rs keeps only the words
    // before its first tag (`<description>Lead <b>bold</b>
    // tail</description>` reads "Lead"), or nothing when it starts with
    // one; the repair pass escapes such markup for the lenient reader.
    if needs_permalink_flags(feed, census)
        || links_to_resolve(feed)
        || census.cuts_text
        || misses_dates(feed, census)
        || authors_unread
        || census.enclosure_beside_media
        || census.enclosure_url_cased
        || bodies_to_resolve(feed, census)
        || census.xhtml_body && feed.entries.iter().any(|e| e.content.is_none())
    {
        Verdict::Wanting
    } else if reads_short(feed, census) {
        Verdict::Short
    } else {
        Verdict::Whole
    }
}

/// Whether the document declares an `xml:base` and some body holds a
/// relative reference that resolves against it (the lenient reader does;
/// feed-rs leaves bodies as written). Costs nothing without `xml:base`.
fn bodies_to_resolve(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    census.xml_base
        && feed.entries.iter().any(|e| {
            e.summary
                .as_ref()
                .is_some_and(|t| super::content_links::may_hold_relative(&t.content))
                || e.content
                    .as_ref()
                    .and_then(|c| c.body.as_deref())
                    .is_some_and(super::content_links::may_hold_relative)
        })
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

/// Whether a construct's attributes make its content inline markup:
/// Atom's `type="xhtml"` or an XML media type, Atom 0.3's `mode="xml"`.
pub(super) fn declares_inline_xml(attrs: &[u8]) -> bool {
    let type_attr = attribute(attrs, b"type").unwrap_or_default();
    type_attr == "xhtml"
        || type_attr.ends_with("+xml")
        || type_attr.ends_with("/xml")
        || attribute(attrs, b"mode").is_some_and(|m| m == "xml")
}

/// Whether `body` (an element's content onward) opens a child element
/// before any end tag.
pub(super) fn starts_a_tag_before_its_end(body: &[u8]) -> bool {
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
/// every item start tag in the document (see `census`) is one of its
/// items.
pub(super) fn rdf_about_ids(feed: &mut feed_rs::model::Feed, text: &[u8], census: &Census) {
    if feed.feed_type != feed_rs::model::FeedType::RSS1
        || feed.entries.iter().all(|e| !e.id.is_empty())
    {
        return;
    }
    let abouts: Vec<Option<String>> = census
        .item_starts
        .iter()
        .map(|&at| {
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
/// so the lenient reader decides, when a guid says `isPermaLink="false"`.
fn needs_permalink_flags(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    // The channel's link and one per item, when every item has one.
    census.permalink_false && census.bare_links < feed.entries.len() + 1
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
/// counts are the census's.
fn reads_short(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    census.item_starts.len() > feed.entries.len()
        || census.cdata_left_open
        || misses_titles(feed, census)
        || misses_links(feed, census)
        || misses_bodies(feed, census)
}

/// Whether an item lacks a link (feed-rs skips an unquoted `href`, an
/// Atom link inside an RSS item...) while the document has more `link`
/// elements than the items feed-rs gave links, plus the feed's own.
fn misses_links(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    let linked = feed
        .entries
        .iter()
        .filter(|e| !e.links.is_empty() || super::map::is_web_address(&e.id))
        .count();
    linked < feed.entries.len() && census.links > linked + 1
}

/// Whether an item has neither summary nor content while a body element
/// in the document starts with raw markup (`<description><p>...`), which
/// feed-rs reads as nothing, or the document has more `description`
/// elements than the channel and the bodied items (feed-rs skips a
/// `media:description` in a group without a playable `media:content`).
fn misses_bodies(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    let bodied = feed
        .entries
        .iter()
        .filter(|e| e.summary.is_some() || e.content.as_ref().is_some_and(|c| c.body.is_some()))
        .count();
    bodied < feed.entries.len()
        && (census.body_starts_with_markup || census.descriptions > bodied + 1)
}

/// Whether an item has no date while the document names dates feed-rs
/// does not read (`dcterms:modified`, `issued`); costs nothing otherwise.
fn misses_dates(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    census.other_dates
        && feed
            .entries
            .iter()
            .any(|e| e.published.is_none() && e.updated.is_none())
}

/// Whether feed-rs left out titles that the document plainly holds: more
/// `title` elements than titles it found.
fn misses_titles(feed: &feed_rs::model::Feed, census: &Census) -> bool {
    let found = usize::from(feed.title.is_some())
        + feed.entries.iter().filter(|e| e.title.is_some()).count();
    if found == feed.entries.len() + 1 {
        return false;
    }
    census.titles > found
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
