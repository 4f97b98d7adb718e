//! Enclosures in a loose tree: RSS `<enclosure>`, Media RSS
//! `media:content` and `media:thumbnail` (alone or in a `media:group`),
//! Atom `link rel="enclosure"`.

use super::tree::{Ns, Tree};
use crate::feed::kind::clean_enclosures;
use crate::model::Enclosure;

/// The enclosures of the item or entry at `id`, cleaned.
pub(super) fn enclosures(tree: &Tree<'_>, id: usize) -> Vec<Enclosure> {
    let mut found = Vec::new();
    collect(tree, id, None, &mut found);
    let base = tree.node(id).base.clone();
    clean_enclosures(found, base.as_ref())
}

/// The Media RSS description of the item or entry at `id`, and its
/// `type`: its own, else its group's, else its first content's (a video
/// feed's only text often sits in `media:group`).
pub(super) fn description<'t>(tree: &'t Tree<'_>, id: usize) -> Option<(&'t str, Option<&'t str>)> {
    let own = |parent: usize| {
        tree.children(parent)
            .find(|(_, n)| n.ns == Ns::Media && n.is("description") && !n.text.trim().is_empty())
            .map(|(_, n)| (n.text.as_str(), n.attr("type")))
    };
    let holders = |parent: usize| {
        tree.children(parent)
            .filter(|(_, n)| n.ns == Ns::Media && (n.is("group") || n.is("content")))
            .map(|(c, _)| c)
    };
    own(id)
        .or_else(|| holders(id).find_map(own))
        .or_else(|| holders(id).flat_map(holders).find_map(own))
}

fn number(value: Option<&str>) -> Option<u64> {
    let v = value?.trim();
    // Durations may be "1:02:03" (iTunes style) or seconds.
    if v.contains(':') {
        return v.split(':').try_fold(0u64, |acc, part| {
            acc.checked_mul(60)?
                .checked_add(part.trim().parse::<u64>().ok()?)
        });
    }
    v.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| n as u64)
}

fn collect(tree: &Tree<'_>, id: usize, group_title: Option<&str>, out: &mut Vec<Enclosure>) {
    let media_title = tree
        .children(id)
        .find(|(_, n)| n.ns == Ns::Media && n.is("title"))
        .map(|(_, n)| n.text.as_str())
        .or(group_title);
    for (child, node) in tree.children(id) {
        let attr = |name: &str| node.attr(name).map(str::to_owned);
        match node.ns {
            Ns::Plain if node.is("enclosure") => {
                if let Some(url) = attr("url") {
                    out.push(Enclosure {
                        url,
                        mime_type: attr("type"),
                        length: number(node.attr("length")),
                        ..Enclosure::default()
                    });
                }
            }
            Ns::Plain | Ns::Atom if node.is("link") => {
                let rel = node.attr("rel").map(|r| r.trim().to_ascii_lowercase());
                if rel.as_deref() == Some("enclosure")
                    && let Some(url) = attr("href")
                {
                    out.push(Enclosure {
                        url,
                        mime_type: attr("type"),
                        length: number(node.attr("length")),
                        title: attr("title"),
                        ..Enclosure::default()
                    });
                }
            }
            Ns::Media if node.is("group") => collect(tree, child, media_title, out),
            Ns::Media if node.is("content") => {
                if let Some(url) = attr("url") {
                    let own_title = tree
                        .children(child)
                        .find(|(_, n)| n.ns == Ns::Media && n.is("title"))
                        .map(|(_, n)| n.text.clone());
                    out.push(Enclosure {
                        url,
                        mime_type: attr("type"),
                        length: number(node.attr("fileSize")),
                        duration: number(node.attr("duration")),
                        title: own_title.or_else(|| media_title.map(str::to_owned)),
                        thumbnail: false,
                    });
                }
                collect_thumbnails(tree, child, out);
            }
            Ns::Media if node.is("thumbnail") => {
                if let Some(url) = attr("url") {
                    out.push(Enclosure {
                        url,
                        thumbnail: true,
                        ..Enclosure::default()
                    });
                }
            }
            _ => {}
        }
    }
}

fn collect_thumbnails(tree: &Tree<'_>, id: usize, out: &mut Vec<Enclosure>) {
    for (_, node) in tree.children(id) {
        if node.ns == Ns::Media
            && node.is("thumbnail")
            && let Some(url) = node.attr("url")
        {
            out.push(Enclosure {
                url: url.to_owned(),
                thumbnail: true,
                ..Enclosure::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes() {
        assert_eq!(number(Some(" 1024 ")), Some(1024));
        assert_eq!(number(Some("1:02:03")), Some(3723));
        assert_eq!(number(Some("12.5")), Some(12));
        assert_eq!(number(Some("-3")), None);
        assert_eq!(number(Some("big")), None);
        assert_eq!(number(Some("99999999999999999999:1:1")), None);
        assert_eq!(number(Some(&"9:".repeat(40))), None);
    }
}
