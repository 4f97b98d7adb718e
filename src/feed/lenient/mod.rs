//! The forgiving path: what a feed says, read from a loose element tree
//! rather than a validating parser. Used when feed-rs refuses a document
//! or misses what it plainly holds. Reads RSS 0.9x/2.0, RDF (RSS 0.90 and
//! 1.0), RSS 1.1, Microsoft CDF and Atom 0.3/1.0, with or without their
//! namespaces, prefixed or not, in any letter case.

mod construct;
mod media;
mod tree;

use url::Url;

use super::MAX_ITEMS;
use super::date;
use super::kind::{self, Family, Kind};
use super::map::{author_name, identity, is_web_address, resolve, rss_author};
use crate::model::{NewArticle, ParsedFeed, Parser};
use crate::text::sanitize_line;
use tree::{Ns, Tree};

/// Reads `text` (already decoded and repaired). None when it has no
/// feed root.
pub(super) fn read(text: &str, base: Option<&Url>, mut repairs: Vec<String>) -> Option<ParsedFeed> {
    let tree = tree::build(text, base)?;
    let root = tree.node(0);
    // By name first: an `<rss>` that declares Atom as its default
    // namespace by mistake is still RSS.
    let dialect = if root.is("rss") || root.is("rdf") || root.is("channel") {
        Dialect::Rss
    } else if root.is("feed") || root.is("entry") || root.ns == Ns::Atom {
        Dialect::Atom
    } else {
        return None;
    };
    let item_name = match dialect {
        Dialect::Atom => "entry",
        Dialect::Rss => "item",
    };
    let mut item_ids = Vec::new();
    if root.is("entry") {
        item_ids.push(0);
    } else {
        collect(&tree, 0, item_name, &mut item_ids);
    }
    // A `<channel>` root (CDF, RSS without `<rss>`) is the channel,
    // whatever channels it nests; without one, the channel's elements sit
    // in the root.
    let channel = if root.is("channel") {
        0
    } else {
        child(&tree, 0, "channel", |_| true).unwrap_or(0)
    };
    let channel_link = match dialect {
        Dialect::Rss => rss_link(&tree, channel),
        Dialect::Atom => None,
    };
    let site = Site {
        feed_url: base,
        channel_link: channel_link
            .as_deref()
            .and_then(|l| Url::parse(l).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https")),
    };
    let total = item_ids.len();
    if total > MAX_ITEMS {
        repairs.push(format!("kept the first {MAX_ITEMS} of {total} items"));
    }
    let items = item_ids
        .into_iter()
        .take(MAX_ITEMS)
        .map(|id| match dialect {
            Dialect::Atom => {
                let mut item = atom_item(&tree, id, base);
                // RFC 4287 §4.2.1: an entry without an author has its feed's.
                if item.author.is_none() && id != 0 {
                    item.author = atom_author(&tree, 0);
                }
                item
            }
            Dialect::Rss => rss_item(&tree, id, &site),
        })
        .collect();
    let (title, link, ttl_minutes) = match dialect {
        Dialect::Atom if root.is("entry") => (None, None, None),
        Dialect::Atom => (
            child(&tree, 0, "title", construct::is_atom)
                .and_then(|t| construct::atom(&tree, t))
                .map(|(raw, kind)| kind::title(&raw, kind)),
            atom_link(&tree, 0),
            None,
        ),
        Dialect::Rss => (
            text_of(&tree, channel, "title", is_rss)
                .or_else(|| text_of(&tree, channel, "title", is_dc))
                .map(|t| kind::title(t, Kind::Sniff)),
            channel_link,
            text_of(&tree, channel, "ttl", is_rss).and_then(|t| t.trim().parse().ok()),
        ),
    };
    Some(ParsedFeed {
        title: title.filter(|t| !t.is_empty()),
        link,
        ttl_minutes,
        items,
        repairs,
        parser: Parser::Lenient,
    })
}

/// Where an RSS feed says it lives: what a relative permalink guid
/// resolves against when no `xml:base` is in force.
struct Site<'a> {
    /// The URL the document was read from.
    feed_url: Option<&'a Url>,
    /// The channel's `<link>`, when it is a web address.
    channel_link: Option<Url>,
}

#[derive(Clone, Copy)]
enum Dialect {
    Rss,
    Atom,
}

/// RSS elements: no namespace or the feed's own; Atom's too (some RSS
/// feeds declare the Atom namespace as their default by mistake).
fn is_rss(ns: Ns) -> bool {
    matches!(ns, Ns::Plain | Ns::Atom)
}

/// Every element named `name` under `id`, not looking inside a match.
fn collect(tree: &Tree<'_>, id: usize, name: &str, out: &mut Vec<usize>) {
    // An explicit stack: documents may nest deeply.
    let mut stack: Vec<usize> = tree.node(id).children.iter().rev().copied().collect();
    while let Some(next) = stack.pop() {
        let node = tree.node(next);
        if node.is(name) && matches!(node.ns, Ns::Plain | Ns::Atom) {
            out.push(next);
        } else {
            stack.extend(node.children.iter().rev());
        }
    }
}

/// The first child of `id` named `name` in a namespace `ns_ok` accepts.
fn child(tree: &Tree<'_>, id: usize, name: &str, ns_ok: impl Fn(Ns) -> bool) -> Option<usize> {
    tree.children(id)
        .find(|(_, n)| n.is(name) && ns_ok(n.ns))
        .map(|(c, _)| c)
}

/// The text of that child, when not blank.
fn text_of<'t>(
    tree: &'t Tree<'_>,
    id: usize,
    name: &str,
    ns_ok: fn(Ns) -> bool,
) -> Option<&'t str> {
    child(tree, id, name, ns_ok)
        .map(|c| tree.node(c).text.as_str())
        .filter(|t| !t.trim().is_empty())
}

/// An element name and the namespaces it may come in.
type Field<'a> = (&'a str, fn(Ns) -> bool);

fn is_dc(ns: Ns) -> bool {
    ns == Ns::Dc
}

fn is_content(ns: Ns) -> bool {
    ns == Ns::Content
}

fn rss_item(tree: &Tree<'_>, id: usize, site: &Site<'_>) -> NewArticle {
    let node = tree.node(id);
    let title = text_of(tree, id, "title", is_rss)
        .or_else(|| text_of(tree, id, "title", is_dc))
        .map(|t| kind::title(t, Kind::Sniff))
        .unwrap_or_default();
    let guid_node = child(tree, id, "guid", is_rss).map(|g| tree.node(g));
    let guid = guid_node
        .map(|g| sanitize_line(&g.text))
        .unwrap_or_default();
    let permalink = guid_node.and_then(|g| g.attr("isPermaLink")).map(str::trim);
    let link = rss_link(tree, id).or_else(|| {
        let declared = match permalink {
            Some(p) if p.eq_ignore_ascii_case("false") => return None,
            Some(p) => p.eq_ignore_ascii_case("true"),
            None => false,
        };
        permalink_guid(&guid, declared, node.base.as_ref(), site)
    });
    let date = |names: &[Field]| {
        names
            .iter()
            .find_map(|(name, ns)| text_of(tree, id, name, *ns).and_then(date::parse))
    };
    let published = date(&[
        ("pubDate", is_rss),
        ("date", is_dc),
        ("published", is_rss),
        ("issued", is_rss),
        ("issued", is_dc),
        ("created", is_dc),
    ])
    .or_else(|| node.attr("lastmod").and_then(date::parse));
    // As feed-rs does: an RSS item's only date is also its update time.
    let updated = date(&[
        ("updated", is_rss),
        ("modified", is_dc),
        ("modified", is_rss),
    ])
    .or(published);
    let summary = text_of(tree, id, "description", is_rss)
        .or_else(|| text_of(tree, id, "abstract", is_rss))
        .or_else(|| text_of(tree, id, "description", is_dc))
        // Podcasts may carry their show notes only here.
        .or_else(|| text_of(tree, id, "summary", |ns| ns == Ns::Itunes))
        .and_then(|d| kind::body(d, Kind::Html))
        .or_else(|| {
            child(tree, id, "summary", |ns| ns == Ns::Atom)
                .and_then(|c| construct::atom(tree, c))
                .and_then(|(raw, kind)| kind::body(&raw, kind))
        })
        .or_else(|| media_description(tree, id, Family::Rss));
    let content = text_of(tree, id, "encoded", is_content)
        .and_then(|c| kind::body(c, Kind::Html))
        .or_else(|| {
            child(tree, id, "content", |ns| ns == Ns::Atom)
                .and_then(|c| construct::atom(tree, c))
                .and_then(|(raw, kind)| kind::body(&raw, kind))
        })
        // The full text as XHTML: `<body xmlns="…xhtml">` or `<xhtml:div>`.
        .or_else(|| {
            tree.children(id)
                .find(|(_, n)| n.ns == Ns::Xhtml && (n.is("body") || n.is("div")))
                .and_then(|(c, _)| kind::body(tree.inner(c), Kind::Html))
        });
    // The base in force at the body element (its own `xml:base` or its item's).
    let at = |name: &str, ns_ok: fn(Ns) -> bool| {
        child(tree, id, name, ns_ok).map_or(node, |c| tree.node(c))
    };
    let (summary, content) = (
        summary.map(|b| based(b, at("description", is_rss), site.feed_url)),
        content.map(|b| based(b, at("encoded", is_content), site.feed_url)),
    );
    let author = text_of(tree, id, "author", is_rss)
        .or_else(|| text_of(tree, id, "creator", is_dc))
        .or_else(|| text_of(tree, id, "author", |ns| ns == Ns::Itunes))
        .map(rss_author)
        .filter(|a| !a.is_empty());
    // An RSS 1.0 item's `rdf:about` names it (feed-rs's readings get it
    // from `super::rdf_about`).
    let guid = match node.attr("about") {
        Some(about) if guid.is_empty() => sanitize_line(about),
        _ => guid,
    };
    let guid = identity(guid, link.as_deref(), &title, published.or(updated));
    NewArticle {
        enclosures: media::enclosures(tree, id),
        guid,
        link,
        title,
        author,
        published,
        updated,
        summary,
        content,
    }
}

/// A body with its relative references resolved against the `xml:base`
/// in force at `node`, when one is (see `content_links`). The feed's own
/// URL is no `xml:base`: without one, a body stays as written.
fn based(body: String, node: &tree::Node, feed_url: Option<&Url>) -> String {
    match node.base.as_ref().filter(|b| Some(*b) != feed_url) {
        Some(base) => match super::content_links::resolve_in_html(&body, base) {
            std::borrow::Cow::Owned(resolved) => resolved,
            std::borrow::Cow::Borrowed(_) => body,
        },
        None => body,
    }
}

/// The page a guid names when the item has no `<link>`: a web address,
/// or a relative one that is `declared` a permalink or is a path
/// (`/2026/story`), resolved against the `xml:base` in force, else the
/// channel's link (the site the guid's paths are on; the feed itself may
/// be served from elsewhere), else the feed's URL. Not a word (`post-1`)
/// nor another scheme's name (`tag:`, `urn:`).
fn permalink_guid(
    guid: &str,
    declared: bool,
    base: Option<&Url>,
    site: &Site<'_>,
) -> Option<String> {
    if is_web_address(guid) {
        return resolve(guid, base);
    }
    if guid.is_empty() || guid.contains(char::is_whitespace) {
        return None;
    }
    match Url::parse(guid) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => return resolve(guid, base),
        Err(url::ParseError::RelativeUrlWithoutBase) => {}
        _ => return None,
    }
    let path = guid.starts_with('/') || guid.starts_with("./") || guid.starts_with("../");
    if !declared && !path {
        return None;
    }
    let xml_base = base.filter(|b| Some(*b) != site.feed_url);
    let base = xml_base.or(site.channel_link.as_ref()).or(base)?;
    resolve(guid, Some(base))
}

/// A Media RSS description as a body (see `media::description`).
fn media_description(tree: &Tree<'_>, id: usize, family: Family) -> Option<String> {
    let (text, type_attr) = media::description(tree, id)?;
    kind::body(text, Kind::of_media_type(type_attr, family))
}

/// An RSS link: `<link>` text, CDF's `HREF`, RSS 1.0's `rdf:about`, or
/// an Atom link inside the RSS item.
fn rss_link(tree: &Tree<'_>, id: usize) -> Option<String> {
    let node = tree.node(id);
    let from_text = tree
        .children(id)
        .filter(|(_, n)| n.is("link") && n.ns == Ns::Plain)
        .find_map(|(_, n)| {
            let href = if n.text.trim().is_empty() {
                n.attr("href")?
            } else {
                &n.text
            };
            resolve(href, n.base.as_ref())
        });
    from_text
        .or_else(|| {
            node.attr("href")
                .and_then(|h| resolve(h, node.base.as_ref()))
        })
        .or_else(|| atom_link(tree, id))
        .or_else(|| {
            node.attr("about")
                .filter(|a| is_web_address(a))
                .and_then(|a| resolve(a, node.base.as_ref()))
        })
}

/// The page link of an Atom element (see `links::rank`), resolved
/// against the link's own `xml:base`.
fn atom_link(tree: &Tree<'_>, id: usize) -> Option<String> {
    let ranked = tree
        .children(id)
        .filter(|(_, n)| n.is("link") && construct::is_atom(n.ns))
        .filter_map(|(_, n)| {
            let rank = crate::feed::links::rank(n.attr("rel"), n.attr("type"))?;
            let href = n
                .attr("href")
                .or_else(|| Some(n.text.as_str()).filter(|t| !t.trim().is_empty()))
                .and_then(|h| resolve(h, n.base.as_ref()))?;
            Some((rank, href))
        });
    crate::feed::links::best(ranked)
}

/// An Atom author's name, else their address.
fn atom_author(tree: &Tree<'_>, id: usize) -> Option<String> {
    let author = child(tree, id, "author", construct::is_atom)?;
    ["name", "email"]
        .iter()
        .filter_map(|n| text_of(tree, author, n, construct::is_atom))
        .map(author_name)
        .find(|a| !a.is_empty())
}

fn atom_item(tree: &Tree<'_>, id: usize, feed_url: Option<&Url>) -> NewArticle {
    let construct_of = |name: &str| {
        child(tree, id, name, construct::is_atom).and_then(|c| construct::atom(tree, c))
    };
    let title = construct_of("title")
        .map(|(raw, kind)| kind::title(&raw, kind))
        .unwrap_or_default();
    // An entry may have no page but its out-of-line content (RFC 4287
    // §4.1.3.2): that content is the page.
    let link = atom_link(tree, id).or_else(|| {
        tree.children(id)
            .filter(|(_, n)| n.is("content") && construct::is_atom(n.ns))
            .find_map(|(_, n)| resolve(n.attr("src")?, n.base.as_ref()))
    });
    let atom_text = |name: &str| text_of(tree, id, name, construct::is_atom);
    let published = ["published", "issued", "created"]
        .iter()
        .find_map(|n| atom_text(n).and_then(date::parse))
        .or_else(|| text_of(tree, id, "date", is_dc).and_then(date::parse));
    let updated = ["updated", "modified"]
        .iter()
        .find_map(|n| atom_text(n).and_then(date::parse));
    let summary = child(tree, id, "summary", construct::is_atom)
        .and_then(|c| {
            let (raw, kind) = construct::atom(tree, c)?;
            let at = construct::xhtml_wrapper(tree, c).unwrap_or(c);
            kind::body(&raw, kind).map(|b| based(b, tree.node(at), feed_url))
        })
        .or_else(|| media_description(tree, id, Family::Atom));
    // Atom 0.3 allows several contents (multipart/alternative): the first
    // one that reads as text wins.
    let content = tree
        .children(id)
        .filter(|(_, n)| n.is("content") && construct::is_atom(n.ns))
        .find_map(|(c, _)| construct::atom(tree, c).map(|read| (c, read)))
        .and_then(|(c, (raw, kind))| {
            let at = construct::xhtml_wrapper(tree, c).unwrap_or(c);
            kind::body(&raw, kind).map(|b| based(b, tree.node(at), feed_url))
        });
    let author = atom_author(tree, id).or_else(|| {
        text_of(tree, id, "creator", is_dc)
            .map(author_name)
            .filter(|a| !a.is_empty())
    });
    let id_text = atom_text("id").map(sanitize_line).unwrap_or_default();
    let guid = identity(id_text, link.as_deref(), &title, published.or(updated));
    NewArticle {
        enclosures: media::enclosures(tree, id),
        guid,
        link,
        title,
        author,
        published,
        updated,
        summary,
        content,
    }
}

#[cfg(test)]
mod tests;
