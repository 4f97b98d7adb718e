//! feed-rs (3.0) splits an RSS contact or a JSON Feed author's name
//! ("jane@example.com (Jane)") by slicing one byte either side of the
//! address it found, and panics when that byte is inside a character
//! ("Jane\u{a0}jane@example.com", an address followed by a bidi mark, raw
//! or as a reference). sift catches the panic (quietly: the default hook
//! would print the field raw); this is the second try, the document without
//! its contacts, so one bad author does not cost the whole feed.

use memchr::memmem;

/// The elements feed-rs reads as a contact (unprefixed RSS names).
const CONTACTS: &[&str] = &["author", "managingEditor", "webMaster"];

/// `doc` without its contacts (RSS `<author>`, `<managingEditor>` and
/// `<webMaster>`; JSON Feed `author` and `authors`), or None when it has
/// none.
pub(super) fn without_contacts(doc: &[u8]) -> Option<Vec<u8>> {
    if doc.trim_ascii_start().starts_with(b"{") {
        return json_without_authors(doc);
    }
    let mut out = doc.to_vec();
    let mut changed = false;
    for name in CONTACTS {
        while let Some((start, end)) = element_span(&out, name) {
            out.drain(start..end);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// A JSON Feed without the authors of the feed and of its items.
fn json_without_authors(doc: &[u8]) -> Option<Vec<u8>> {
    let mut feed: serde_json::Value = serde_json::from_slice(doc).ok()?;
    let mut changed = false;
    let mut strip = |object: &mut serde_json::Value| {
        if let Some(object) = object.as_object_mut() {
            changed |= object.remove("author").is_some();
            changed |= object.remove("authors").is_some();
        }
    };
    strip(&mut feed);
    if let Some(items) = feed.get_mut("items").and_then(|i| i.as_array_mut()) {
        items.iter_mut().for_each(&mut strip);
    }
    changed.then(|| serde_json::to_vec(&feed).ok()).flatten()
}

/// Where the first `<name …>…</name>` (or `<name/>`) starts and ends; an
/// element never closed runs to the end.
fn element_span(doc: &[u8], name: &str) -> Option<(usize, usize)> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = memmem::find(&doc[from..], open.as_bytes()).map(|i| from + i) {
        let after = at + open.len();
        match doc.get(after) {
            Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n') => {}
            // `<authors>`, `<authority>`: another element.
            _ => {
                from = after;
                continue;
            }
        }
        let tag_end = memchr::memchr(b'>', &doc[after..]).map_or(doc.len(), |i| after + i + 1);
        if doc[..tag_end].ends_with(b"/>") {
            return Some((at, tag_end));
        }
        let close = format!("</{name}>");
        let end = memmem::find(&doc[tag_end..], close.as_bytes())
            .map_or(doc.len(), |i| tag_end + i + close.len());
        return Some((at, end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(doc: &str) -> Option<String> {
        without_contacts(doc.as_bytes()).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn contact_elements_go_and_the_rest_stays() {
        let doc = "<item><title>T</title><author>a@b.test\u{202c}</author>\
                   <managingEditor x=\"1\">m@b.test</managingEditor><webMaster/>\
                   <authors>kept</authors></item>";
        assert_eq!(
            cut(doc).as_deref(),
            Some("<item><title>T</title><authors>kept</authors></item>")
        );
        assert_eq!(cut("<item><title>T</title></item>"), None);
        assert_eq!(cut("<item><author>never closed").as_deref(), Some("<item>"));
    }

    #[test]
    fn json_feed_authors_go_and_the_rest_stays() {
        let doc =
            r#"{"title":"J","authors":[{"name":"a"}],"items":[{"id":"1","author":{"name":"b"}}]}"#;
        assert_eq!(
            cut(doc).as_deref(),
            Some(r#"{"items":[{"id":"1"}],"title":"J"}"#)
        );
        assert_eq!(cut(r#"{"title":"J","items":[]}"#), None);
    }
}
