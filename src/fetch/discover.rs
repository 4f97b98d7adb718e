//! Feed discovery: from a web page to its feed. First the page's own
//! `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`
//! (read by a small scanner, no DOM: a hostile page cannot nest it to
//! death), then the paths sites usually serve feeds at, each fetched and
//! sniffed.

use url::Url;

use super::{Fetcher, Validators};
use crate::model::Timestamp;

/// Paths tried, in order, when the page links no feed.
pub const COMMON_PATHS: &[&str] = &[
    "/feed",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/rss",
];

/// Only this much of a page is scanned for `<link>` tags (they live in the
/// head, near the top).
const SCAN_LIMIT: usize = 512 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    RssOrAtom,
    Json,
}

/// A feed a page names in a `<link rel="alternate">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    /// Absolute, resolved against the page's URL.
    pub url: String,
    pub kind: FeedKind,
}

/// How a feed was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The page links it.
    Link,
    /// A common path answered with a feed.
    CommonPath,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub url: String,
    pub via: Via,
}

/// The feeds a page links, in document order; `page_url` resolves
/// relative ones. Links that do not resolve to http(s) (or `file:` for a
/// `file:` page) are left out.
pub fn feed_links(html: &str, page_url: &str) -> Vec<FeedLink> {
    let Ok(base) = Url::parse(page_url) else {
        return Vec::new();
    };
    let end = html.floor_char_boundary(SCAN_LIMIT);
    let mut out = Vec::new();
    for attrs in link_tags(&html[..end]) {
        let value = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let is_alternate = value("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("alternate"))
        });
        let kind = match value("type").map(|t| t.trim().to_ascii_lowercase()) {
            Some(t) if t == "application/rss+xml" || t == "application/atom+xml" => {
                FeedKind::RssOrAtom
            }
            Some(t) if t == "application/feed+json" => FeedKind::Json,
            _ => continue,
        };
        let Some(href) = value("href").map(str::trim).filter(|h| !h.is_empty()) else {
            continue;
        };
        let Ok(url) = base.join(&decode_attr(href)) else {
            continue;
        };
        let scheme_ok = matches!(url.scheme(), "http" | "https")
            || (url.scheme() == "file" && base.scheme() == "file");
        if is_alternate && scheme_ok {
            out.push(FeedLink {
                url: url.to_string(),
                kind,
            });
        }
    }
    out
}

/// The link to follow: the first RSS/Atom one, else the first JSON one.
pub fn preferred(links: &[FeedLink]) -> Option<&FeedLink> {
    links
        .iter()
        .find(|l| l.kind == FeedKind::RssOrAtom)
        .or_else(|| links.first())
}

/// The error for a web page met where a feed was expected, naming the
/// feed it links when it links one.
pub fn web_page_error(html: &str, page_url: &str) -> String {
    match preferred(&feed_links(html, page_url)) {
        Some(link) => format!(
            "this is a web page, not a feed; its feed is probably {}",
            crate::text::sanitize_url(&link.url)
        ),
        None => "this is a web page, not a feed, and it names no feed".to_owned(),
    }
}

/// The common-path candidates for a page, absolute: beside the page first
/// when it sits below the site root (`/blog/` → `/blog/feed`), then at the
/// root. Only for http(s) pages.
pub fn common_path_candidates(page_url: &str) -> Vec<String> {
    let Ok(base) = Url::parse(page_url) else {
        return Vec::new();
    };
    if !matches!(base.scheme(), "http" | "https") {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let dir = base.path().rsplit_once('/').map_or("", |(dir, _)| dir);
    let prefixes = if dir.is_empty() {
        vec![""]
    } else {
        vec![dir, ""]
    };
    for prefix in prefixes {
        for path in COMMON_PATHS {
            if let Ok(url) = base.join(&format!("{prefix}{path}")) {
                let url = url.to_string();
                if !out.contains(&url) && url != page_url {
                    out.push(url);
                }
            }
        }
    }
    out
}

/// Whether a body is a feed sift can read.
pub fn is_feed(body: &[u8], url: &str) -> bool {
    crate::feed::parse_feed(body, Some(url)).is_ok()
}

/// Why discovery found nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{page} is a web page, and no feed was found: it links none, and none of {tried} answered with a feed; \
     subscribe to the feed's own URL instead"
)]
pub struct NoFeedFound {
    pub page: String,
    /// The paths tried, for the message.
    pub tried: String,
}

/// Finds the feed of the web page at `page_url` whose HTML is `html`: its
/// preferred linked feed (taken as named: the poll will say if it is
/// broken), else the first common path whose answer parses as a feed.
pub async fn discover(
    fetcher: &Fetcher,
    html: &str,
    page_url: &str,
    now: Timestamp,
) -> Result<Discovered, NoFeedFound> {
    if let Some(link) = preferred(&feed_links(html, page_url)) {
        return Ok(Discovered {
            url: link.url.clone(),
            via: Via::Link,
        });
    }
    let candidates = common_path_candidates(page_url);
    for candidate in &candidates {
        let Ok(fetched) = fetcher.fetch(candidate, &Validators::default(), now).await else {
            continue;
        };
        if fetched
            .body
            .as_deref()
            .is_some_and(|b| is_feed(b, candidate))
        {
            return Ok(Discovered {
                url: candidate.clone(),
                via: Via::CommonPath,
            });
        }
    }
    Err(NoFeedFound {
        page: crate::text::sanitize_url(page_url),
        tried: if candidates.is_empty() {
            "no common paths (not an http page)".to_owned()
        } else {
            COMMON_PATHS.join(", ")
        },
    })
}

/// Decodes the character references an `href` usually carries.
fn decode_attr(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The attributes of every `<link>` tag outside comments, names lower-cased.
fn link_tags(html: &str) -> Vec<Vec<(String, String)>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let rest = &html[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(bytes.len(), |e| at + 4 + e + 3);
            continue;
        }
        let is_link = rest.len() > 5
            && rest.as_bytes()[1..5].eq_ignore_ascii_case(b"link")
            && matches!(
                rest.as_bytes()[5],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            );
        if !is_link {
            i = at + 1;
            continue;
        }
        let (attrs, len) = attributes(&rest[5..]);
        out.push(attrs);
        i = at + 5 + len;
    }
    out
}

/// Parses attributes up to the tag's `>`; returns them and the bytes used.
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, i);
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = memchr::memchr(q, &b[start..]).map_or(b.len(), |e| start + e);
                    value = s[start..end].to_owned();
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = s[start..i].to_owned();
                }
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://site.test/blog/post.html";

    #[test]
    fn links_are_resolved_and_rss_or_atom_is_preferred() {
        let html = r#"<html><head>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/feed+json" href="feed.json">
            <!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
            <LINK REL="Alternate home" TYPE="Application/Atom+XML" HREF='/atom?x=1&amp;y=2'>
            <link rel=alternate type=application/rss+xml href=//other.test/rss>
            </head>"#;
        let links = feed_links(html, PAGE);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://site.test/blog/feed.json",
                "https://site.test/atom?x=1&y=2",
                "https://other.test/rss"
            ]
        );
        assert_eq!(
            preferred(&links).map(|l| l.url.as_str()),
            Some("https://site.test/atom?x=1&y=2")
        );
    }

    #[test]
    fn json_only_and_refused_schemes() {
        let html = r#"<link rel="alternate" type="application/feed+json" href="/f.json">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="text/html" href="/fr/">"#;
        let links = feed_links(html, PAGE);
        assert_eq!(links.len(), 1);
        assert_eq!(preferred(&links).map(|l| l.kind), Some(FeedKind::Json));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<link",
            "<link rel=",
            "<link rel='alternate",
            "<!--",
            "<link\u{e9}>",
            "<linké",
        ] {
            assert!(feed_links(html, PAGE).is_empty(), "{html}");
        }
    }

    #[test]
    fn messages_for_a_page_in_place_of_a_feed() {
        let linked = r#"<link rel="alternate" type="application/rss+xml" href="/rss">"#;
        assert_eq!(
            web_page_error(linked, PAGE),
            "this is a web page, not a feed; its feed is probably https://site.test/rss"
        );
        assert_eq!(
            web_page_error("<html><body>hi", PAGE),
            "this is a web page, not a feed, and it names no feed"
        );
    }

    #[test]
    fn common_paths_beside_the_page_then_at_the_root() {
        let c = common_path_candidates("https://site.test/blog/");
        assert_eq!(
            c.first().map(String::as_str),
            Some("https://site.test/blog/feed")
        );
        assert!(c.contains(&"https://site.test/index.xml".to_owned()));
        assert_eq!(c.len(), 2 * COMMON_PATHS.len());
        assert_eq!(
            common_path_candidates("https://site.test/").len(),
            COMMON_PATHS.len()
        );
        assert!(common_path_candidates("file:///tmp/x.html").is_empty());
    }
}
