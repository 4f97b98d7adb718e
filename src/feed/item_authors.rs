//! An RSS item's `itunes:author` is its author (podcasts often name no
//! other), but feed-rs files it as a credit of an iTunes media object,
//! which it drops when the item has no iTunes title or summary. Rather
//! than have the lenient reader read such a podcast again, the author is
//! read from the document where the census found it.

use super::census::{Census, start_tag_end};
use super::map::rss_author;

/// Gives each item without an author the `itunes:author` the census found
/// in it. Whether some such author was left unread (an element holding
/// more than text, items the census and feed-rs count differently): the
/// lenient reader then reads the document.
pub(super) fn itunes_authors(
    feed: &mut feed_rs::model::Feed,
    text: &[u8],
    census: &Census,
) -> bool {
    if census.itunes_authors.is_empty() {
        return false;
    }
    if census.item_starts.len() != feed.entries.len() {
        return true;
    }
    let mut unread = false;
    for &(item, name_end) in &census.itunes_authors {
        let entry = &mut feed.entries[item];
        if !entry.authors.is_empty() {
            continue;
        }
        // feed-rs merges an item's enclosure into its Media RSS content
        // only when that has none, and drops it otherwise: the lenient
        // reader reads both, as it did before this path.
        let start = census.item_starts[item];
        let next = census.item_starts.get(item + 1).copied();
        if memchr::memmem::find(&text[start..next.unwrap_or(text.len())], b"<media:").is_some() {
            unread = true;
            continue;
        }
        // A channel's own `itunes:author` may follow the last item.
        if ended_before(text, start, name_end) {
            continue;
        }
        match element_text(&text[name_end..]).map(|t| rss_author(&t)) {
            Some(name) if !name.is_empty() => entry.authors.push(feed_rs::model::Person {
                name: Some(name),
                uri: None,
                email: None,
                role: None,
            }),
            // Empty, as the lenient reader would find it.
            Some(_) => {}
            None => unread = true,
        }
    }
    unread
}

/// Whether the element whose name begins at `start` has an end tag before
/// `at`.
fn ended_before(text: &[u8], start: usize, at: usize) -> bool {
    let span = &text[start..at];
    let name_len = span
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')))
        .unwrap_or(span.len());
    let mut end_tag = b"</".to_vec();
    end_tag.extend_from_slice(&span[..name_len]);
    memchr::memmem::find(span, &end_tag).is_some()
}

/// The text of the element whose start tag's name ends where `after`
/// begins: its text and CDATA, references decoded once, as the lenient
/// reader reads it. None for a tag left unfinished, and for content
/// holding anything but text and CDATA (a child, a comment), which is
/// left to the lenient reader.
fn element_text(after: &[u8]) -> Option<String> {
    let gt = start_tag_end(after)?;
    if after[..gt].ends_with(b"/") {
        return Some(String::new());
    }
    let mut rest = &after[gt + 1..];
    let mut out = String::new();
    loop {
        let lt = memchr::memchr(b'<', rest)?;
        let words = String::from_utf8_lossy(&rest[..lt]);
        out.push_str(&crate::text::decode_references(&words));
        rest = &rest[lt..];
        if rest.starts_with(b"</") {
            return Some(out);
        }
        let section = rest.strip_prefix(b"<![CDATA[")?;
        let end = memchr::memmem::find(section, b"]]>")?;
        out.push_str(&String::from_utf8_lossy(&section[..end]));
        rest = &section[end + 3..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_s_text_is_its_words_and_cdata_decoded_once() {
        let read = |s: &str| element_text(s.as_bytes());
        assert_eq!(
            read(">Jane Doe</itunes:author>").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            read(" a='1'>Smith &amp;amp; Sons</x>").as_deref(),
            Some("Smith &amp; Sons")
        );
        assert_eq!(
            read("><![CDATA[A &amp; B]]> &#233;</x>").as_deref(),
            Some("A &amp; B é")
        );
        assert_eq!(read("/>").as_deref(), Some(""));
        assert_eq!(read(" />").as_deref(), Some(""));
        // A child, a comment, or no end: the lenient reader's to read.
        assert_eq!(read("><b>x</b></x>"), None);
        assert_eq!(read(">a<!-- c --></x>"), None);
        assert_eq!(read(">never ends"), None);
        assert_eq!(read("><![CDATA[never ends"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn an_end_tag_between_ends_the_item() {
        let text = b"<item><title>t</title></item><itunes:author>";
        assert!(ended_before(text, 1, text.len()));
        assert!(!ended_before(text, 1, 20));
        let prefixed = b"<rss:item></item><itunes:author>";
        assert!(!ended_before(prefixed, 1, prefixed.len()));
    }
}
