//! feed-rs (3.0) splits an RSS contact ("jane@example.com (Jane)") by
//! slicing one byte either side of the address it found, and panics when
//! that byte is inside a character ("Jane\u{a0}jane@example.com", an
//! address followed by a bidi mark, raw or as a reference). sift catches
//! the panic (quietly: the default hook would print the field raw); this is
//! the second try, the document without its contact elements, so one bad
//! author does not cost the whole feed.

use memchr::memmem;

/// The elements feed-rs reads as a contact (unprefixed RSS names).
const CONTACTS: &[&str] = &["author", "managingEditor", "webMaster"];

/// `doc` without its `<author>`, `<managingEditor>` and `<webMaster>`
/// elements, or None when it has none.
pub(super) fn without_contacts(doc: &[u8]) -> Option<Vec<u8>> {
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
}
