//! Which of an element's links is its page: one ranking for both readers.
//! Atom (RFC 4287 §4.2.7.2) makes a link without `rel` an alternate, and
//! names registered relations also by their IANA IRI; feeds write `rel`
//! in any case. Among alternates, one that is a web page wins over one
//! that is a PDF or a feed.

/// How well a link stands for the page, best first; `None` for links
/// that are never the page (the feed itself, an enclosure, comments...).
pub(super) fn rank(rel: Option<&str>, media_type: Option<&str>) -> Option<u8> {
    match relation(rel) {
        Relation::Alternate if is_page_type(media_type) => Some(0),
        Relation::Alternate => Some(1),
        Relation::Other => Some(2),
        Relation::Auxiliary => None,
    }
}

/// The first of the best-ranked items.
pub(super) fn best<T>(items: impl IntoIterator<Item = (u8, T)>) -> Option<T> {
    let mut best: Option<(u8, T)> = None;
    for (rank, item) in items {
        if rank == 0 {
            return Some(item);
        }
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, item));
        }
    }
    best.map(|(_, item)| item)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Alternate,
    Auxiliary,
    Other,
}

const IANA_PREFIX: &str = "http://www.iana.org/assignments/relation/";

/// Relations whose target is not the entry's page (RFC 4287 §4.2.7.2:
/// a `related` or `via` resource is another page, not this one).
const AUXILIARY: &[&str] = &[
    "self",
    "related",
    "via",
    "enclosure",
    "edit",
    "edit-media",
    "replies",
    "hub",
    "license",
    "service.edit",
    "service.post",
];

fn relation(rel: Option<&str>) -> Relation {
    let Some(rel) = rel.map(str::trim) else {
        return Relation::Alternate;
    };
    let name = match rel.get(..IANA_PREFIX.len()) {
        Some(head) if head.eq_ignore_ascii_case(IANA_PREFIX) => &rel[IANA_PREFIX.len()..],
        _ => rel,
    };
    if name.is_empty() || name.eq_ignore_ascii_case("alternate") {
        Relation::Alternate
    } else if AUXILIARY.iter().any(|a| a.eq_ignore_ascii_case(name)) {
        Relation::Auxiliary
    } else {
        Relation::Other
    }
}

/// No type, or an HTML one.
fn is_page_type(media_type: Option<&str>) -> bool {
    media_type.is_none_or(|t| {
        let t = t.trim().as_bytes();
        t.is_empty() || t.windows(4).any(|w| w.eq_ignore_ascii_case(b"html"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_in_any_case_and_as_iana_iris() {
        assert_eq!(rank(None, None), Some(0));
        assert_eq!(rank(Some(" ALTERNATE "), Some("text/html")), Some(0));
        let iri = "http://www.iana.org/assignments/relation/alternate";
        assert_eq!(rank(Some(iri), None), Some(0));
        let self_iri = "http://www.iana.org/assignments/relation/self";
        assert_eq!(rank(Some(self_iri), None), None);
        assert_eq!(rank(Some("Enclosure"), None), None);
        // RFC 4287's `related` and `via` name other pages; an unknown
        // relation may still be the page, last.
        assert_eq!(rank(Some("related"), None), None);
        assert_eq!(rank(Some("Via"), None), None);
        assert_eq!(rank(Some("bookmark"), None), Some(2));
    }

    #[test]
    fn a_page_alternate_beats_a_pdf_alternate_and_ties_keep_order() {
        assert_eq!(rank(Some("alternate"), Some("application/pdf")), Some(1));
        assert_eq!(
            best([(1, "pdf"), (2, "related"), (0, "html")]),
            Some("html")
        );
        assert_eq!(best([(2, "a"), (1, "b"), (1, "c")]), Some("b"));
        assert_eq!(best::<&str>([]), None);
    }
}
