//! feed-rs's model → sift's `ParsedFeed`: identities, links resolved and
//! cleaned, titles as plain text, bodies sanitised.

use std::borrow::Cow;

use feed_rs::model::{Entry, Feed, FeedType, Link, Text};
use url::Url;

use super::MAX_ITEMS;
use super::kind::{self, Family, Kind};
use crate::model::{Enclosure, NewArticle, ParsedFeed, Parser};
use crate::text::{
    decode_html_only_entities, decode_references, sanitize_line, sanitize_url,
    unescape_html_only_entities,
};

pub(super) fn to_parsed(
    feed: Feed,
    base_url: Option<&str>,
    mut repairs: Vec<String>,
) -> ParsedFeed {
    let base = base_url.and_then(|u| Url::parse(u).ok());
    let family = match feed.feed_type {
        FeedType::Atom => Family::Atom,
        FeedType::JSON => Family::Json,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => Family::Rss,
    };
    let total = feed.entries.len();
    if total > MAX_ITEMS {
        repairs.push(format!("kept the first {MAX_ITEMS} of {total} items"));
    }
    // RFC 4287 §4.2.1: an Atom entry without an author has its feed's.
    let feed_author = match family {
        Family::Atom => person_name(&feed.authors),
        _ => None,
    };
    let items = feed
        .entries
        .into_iter()
        .take(MAX_ITEMS)
        .map(|entry| {
            let mut article = to_article(entry, base.as_ref(), family);
            if article.author.is_none() {
                article.author.clone_from(&feed_author);
            }
            article
        })
        .collect();
    ParsedFeed {
        title: feed
            .title
            .as_ref()
            .map(|t| plain_title(t, family))
            .filter(|t| !t.is_empty()),
        link: pick_link(&feed.links).and_then(|l| resolve(&unescaped_attribute(l), base.as_ref())),
        ttl_minutes: feed.ttl,
        items,
        repairs,
        parser: Parser::FeedRs,
    }
}

fn to_article(entry: Entry, base: Option<&Url>, family: Family) -> NewArticle {
    let title = entry
        .title
        .as_ref()
        .map(|t| plain_title(t, family))
        .unwrap_or_default();
    let id = sanitize_line(&entry.id);
    // A blank `<link>`/`href=""` comes back from feed-rs resolved to the
    // document's own URL, which is never an item's page: another link, or
    // the permalink guid, is (as the lenient reader, which skips blank
    // links, reads it).
    let own = base.map(Url::as_str);
    let mut link = pick_link_where(&entry.links, |href| Some(href) != own)
        // An Atom entry whose only page is its out-of-line content
        // (RFC 4287 §4.1.3.2).
        .or_else(|| Some(entry.content.as_ref()?.src.as_ref()?.href.as_str()))
        .and_then(|l| resolve(&unescaped_attribute(l), base));
    // An RSS guid that is a permalink stands in for a missing <link>.
    if link.is_none() && is_web_address(&id) {
        link = resolve(&id, base);
    }
    let published = entry.published.map(|t| t.timestamp());
    let updated = entry.updated.map(|t| t.timestamp());
    let enclosures = enclosures(&entry, family, base);
    let guid = identity(id, link.as_deref(), &title, published.or(updated));
    let author = person_name(&entry.authors);
    NewArticle {
        guid,
        link,
        title,
        author,
        published,
        updated,
        summary: entry
            .summary
            // feed-rs reads `itunes:summary` and `media:description` as a
            // media description: a podcast's or a video's only text.
            .or_else(|| entry.media.iter().find_map(|m| m.description.clone()))
            .and_then(|t| {
                let subtype = t.content_type.subty();
                let of = Kind::of_mime(subtype.as_str(), family);
                let value = xhtml_entities(t.content, subtype.as_str(), family);
                kind::body(undeclared_entities(value, of, family), of)
            }),
        content: entry.content.and_then(|c| {
            // An image or other binary content is base64 or an address,
            // not text to show.
            if !kind::is_textual(Some(c.content_type.as_str())) {
                return None;
            }
            let subtype = c.content_type.subty();
            let of = Kind::of_mime(subtype.as_str(), family);
            c.body.and_then(|b| {
                let value = xhtml_entities(b, subtype.as_str(), family);
                kind::body(undeclared_entities(value, of, family), of)
            })
        }),
        enclosures,
    }
}

/// Media RSS contents and thumbnails (feed-rs reads RSS `<enclosure>`
/// into them too), Atom enclosure links, JSON Feed attachments (links with
/// a type, in feed-rs).
fn enclosures(entry: &Entry, family: Family, base: Option<&Url>) -> Vec<Enclosure> {
    let mut found = Vec::new();
    for media in &entry.media {
        let title = media.title.as_ref().map(|t| plain_title(t, family));
        for c in &media.content {
            let Some(url) = &c.url else { continue };
            found.push(Enclosure {
                url: url.to_string(),
                mime_type: c.content_type.as_ref().map(ToString::to_string),
                length: c.size,
                duration: c.duration.or(media.duration).map(|d| d.as_secs()),
                title: title.clone(),
                thumbnail: false,
            });
        }
        for t in &media.thumbnails {
            found.push(Enclosure {
                url: t.image.uri.clone(),
                thumbnail: true,
                ..Enclosure::default()
            });
        }
    }
    for link in &entry.links {
        let attachment = family == Family::Json && link.rel.is_none() && link.media_type.is_some();
        if link.rel.as_deref() == Some("enclosure") || attachment {
            found.push(Enclosure {
                url: unescaped_attribute(&link.href).into_owned(),
                mime_type: link.media_type.clone(),
                length: link.length,
                title: link.title.clone(),
                ..Enclosure::default()
            });
        }
    }
    kind::clean_enclosures(found, base)
}

/// Whether `s` starts with an http or https scheme, in any case (URL
/// schemes ignore case: `HTTPS://A.TEST/` is a web address).
pub(super) fn is_web_address(s: &str) -> bool {
    let starts = |scheme: &[u8]| {
        s.as_bytes()
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    };
    starts(b"http://") || starts(b"https://")
}

/// An item's identity: its id, else its link, else a stable hash of its
/// title and date.
pub(super) fn identity(
    id: String,
    link: Option<&str>,
    title: &str,
    date: Option<crate::model::Timestamp>,
) -> String {
    if !id.is_empty() {
        return id;
    }
    if let Some(link) = link {
        return link.to_owned();
    }
    let date = date.map(|t| t.to_string()).unwrap_or_default();
    format!(
        "hash:{:016x}",
        fnv1a_64(format!("{title}\n{date}").as_bytes())
    )
}

/// The first person's name, else their address (an RSS `<author>` that
/// is only an email address, an Atom author with only `<email>`).
fn person_name(people: &[feed_rs::model::Person]) -> Option<String> {
    let named = |p: &feed_rs::model::Person| p.name.as_deref().map(author_name);
    people
        .iter()
        .filter_map(named)
        .find(|name| !name.is_empty())
        .or_else(|| {
            people
                .iter()
                .filter_map(|p| p.email.as_deref().map(author_name))
                .find(|email| !email.is_empty())
        })
}

/// RSS `<author>` is "email (Name)"; feed-rs leaves the parentheses.
pub(super) fn author_name(raw: &str) -> String {
    let name = sanitize_line(raw);
    match name.strip_prefix('(').and_then(|n| n.strip_suffix(')')) {
        Some(inner) => inner.trim().to_owned(),
        None => name,
    }
}

/// An RSS `<author>` read from the document is "email (Name)": the name,
/// when there is one.
pub(super) fn rss_author(raw: &str) -> String {
    let raw = raw.trim();
    match raw.split_once('(') {
        Some((email, name)) if email.contains('@') && name.ends_with(')') => {
            author_name(&format!("({name}"))
        }
        _ => author_name(raw),
    }
}

/// A title as plain text, decoded as its declared kind says.
fn plain_title(text: &Text, family: Family) -> String {
    let of = Kind::of_mime(text.content_type.subty().as_str(), family);
    kind::title(&undeclared_entities(text.content.as_str(), of, family), of)
}

/// feed-rs keeps an entity XML does not define (`Caf&eacute;`) as written;
/// in an Atom text construct nothing else would decode it, so it is
/// decoded here, as an HTML reader would. (HTML fields decode it later.)
fn undeclared_entities<'a>(
    value: impl Into<Cow<'a, str>>,
    of: Kind,
    family: Family,
) -> Cow<'a, str> {
    let value = value.into();
    if of != Kind::Text || family != Family::Atom || !value.contains('&') {
        return value;
    }
    match decode_html_only_entities(&value) {
        Cow::Borrowed(_) => value,
        Cow::Owned(decoded) => Cow::Owned(decoded),
    }
}

/// feed-rs writes Atom `type="xhtml"` markup back out with an undeclared
/// entity in it (`a&nbsp;b`, a common slip) escaped as text
/// (`a&amp;nbsp;b`); the entity is given back to the HTML.
fn xhtml_entities(value: String, subtype: &str, family: Family) -> String {
    let xhtml = subtype
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("xhtml"));
    if family != Family::Atom || !xhtml {
        return value;
    }
    match unescape_html_only_entities(&value) {
        Cow::Borrowed(_) => value,
        Cow::Owned(restored) => restored,
    }
}

/// The article's own page, ranked by `links::rank`.
pub(super) fn pick_link(links: &[Link]) -> Option<&str> {
    pick_link_where(links, |_| true)
}

/// `pick_link` among the links whose `href` passes `keep`.
fn pick_link_where(links: &[Link], keep: impl Fn(&str) -> bool) -> Option<&str> {
    let ranked = links.iter().filter_map(|l| {
        if l.target.is_some() || !keep(&l.href) {
            return None;
        }
        // JSON Feed attachments come as links with a type and no rel:
        // a page only when nothing better is there.
        let attachment =
            l.rel.is_none() && l.media_type.as_deref().is_some_and(|t| !t.contains("html"));
        let rank = if attachment {
            Some(2)
        } else {
            super::links::rank(l.rel.as_deref(), l.media_type.as_deref())
        };
        Some((rank?, l.href.as_str()))
    });
    super::links::best(ranked)
}

/// feed-rs keeps an attribute as written when it cannot unescape it (it
/// holds a reference XML does not define: `caf&eacute;`); such a value is
/// decoded here, once, as an HTML reader decodes an `href`.
fn unescaped_attribute(value: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', value.as_bytes()).is_none() {
        return Cow::Borrowed(value);
    }
    match decode_html_only_entities(value) {
        Cow::Borrowed(_) => Cow::Borrowed(value),
        Cow::Owned(_) => decode_references(value),
    }
}

/// Resolves a possibly relative link against the feed's URL (feed-rs has
/// already applied xml:base in XML feeds), then cleans it.
pub(super) fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    if crate::text::is_canonical_web_url(href) {
        return Some(href.to_owned());
    }
    let href = sanitize_url(href);
    if href.is_empty() {
        return None;
    }
    let resolved = match (Url::parse(&href), base) {
        (Ok(url), _) => url.to_string(),
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
            base.join(&href).map_or(href, |u| u.to_string())
        }
        _ => href,
    };
    Some(resolved)
}

/// 64-bit FNV-1a: tiny, and stable across runs, platforms and Rust
/// versions (std's hashers promise none of that).
pub(super) fn fnv1a_64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_reference_values() {
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn relative_links_resolve_against_the_base() {
        let base = Url::parse("https://a.test/dir/feed.xml").ok();
        assert_eq!(
            resolve("../x?q=1", base.as_ref()).as_deref(),
            Some("https://a.test/x?q=1")
        );
        assert_eq!(resolve(" /p\n", None).as_deref(), Some("/p"));
        assert_eq!(resolve(" \u{1b}[0m", base.as_ref()), None);
    }
}
