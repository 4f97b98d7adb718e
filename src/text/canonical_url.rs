//! A cheap test for links that `url::Url` would print back unchanged, so
//! the feed mapping and the cleaner can skip parsing them (most links: one
//! parse per item link and enclosure was a tenth of sift's cost over
//! feed-rs, and the cleaner parses every link of every body).
//!
//! The test is deliberately narrow: `http`/`https`, a lowercase host name
//! whose last label starts with a letter (no IP address, port, user or
//! IDNA label), a path with no dot segment and no percent sign, and a query
//! and fragment made of characters the URL standard leaves as they are.
//! Anything else takes the full parse.

/// Whether `Url::parse(s)` would succeed and serialise to exactly `s`
/// (and `sanitize_url` would leave it alone).
pub fn is_canonical_web_url(s: &str) -> bool {
    canonical_web_host(s).is_some()
}

/// The host of a link `is_canonical_web_url` accepts (what
/// `Url::parse(s)?.host_str()` gives), None for any other link.
pub fn canonical_web_host(s: &str) -> Option<&str> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    // A path is required: `https://a.test` prints as `https://a.test/`.
    let slash = memchr::memchr(b'/', rest.as_bytes())?;
    let (host, tail) = rest.split_at(slash);
    (is_plain_host(host.as_bytes()) && is_plain_tail(tail.as_bytes())).then_some(host)
}

/// Lowercase ASCII labels separated by single dots; no IDNA (`xn--`)
/// label; the last label starts with a letter, so the host is a name and
/// never read as an IPv4 number.
fn is_plain_host(host: &[u8]) -> bool {
    let mut labels = host.split(|&b| b == b'.').peekable();
    while let Some(label) = labels.next() {
        let plain = !label.is_empty()
            && !label.starts_with(b"xn--")
            && label
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
        if !plain {
            return false;
        }
        if labels.peek().is_none() && !label[0].is_ascii_lowercase() {
            return false;
        }
    }
    true
}

/// Where a byte stands in the part of a URL after its host.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Path,
    Query,
    Fragment,
}

/// The path, query and fragment, in one pass: only bytes the URL standard
/// leaves as they are in each part, no `.` or `..` path segment (those are
/// resolved away), no `%` in the path (`%2e` is a dot), no `'` in the
/// query (a web URL's query escapes it), one `#` at most.
fn is_plain_tail(tail: &[u8]) -> bool {
    let mut part = Part::Path;
    let mut segment_start = 0;
    for (i, &c) in tail.iter().enumerate() {
        let class = BYTE_CLASS[usize::from(c)];
        match (part, c) {
            (Part::Path, b'/' | b'?' | b'#') => {
                if is_dot_segment(&tail[segment_start..i]) {
                    return false;
                }
                segment_start = i + 1;
                part = match c {
                    b'?' => Part::Query,
                    b'#' => Part::Fragment,
                    _ => Part::Path,
                };
            }
            (Part::Query, b'#') => part = Part::Fragment,
            (Part::Path, _) if class & IN_PATH != 0 => {}
            (Part::Query, _) if class & IN_QUERY != 0 => {}
            (Part::Fragment, _) if class & IN_FRAGMENT != 0 => {}
            _ => return false,
        }
    }
    part != Part::Path || !is_dot_segment(&tail[segment_start..])
}

fn is_dot_segment(segment: &[u8]) -> bool {
    segment == b"." || segment == b".."
}

const IN_PATH: u8 = 1;
const IN_QUERY: u8 = 2;
const IN_FRAGMENT: u8 = 4;

/// For each byte, the parts it may stand in unchanged. Unreserved and
/// sub-delimiter characters, `:`, `@` and `/` stand anywhere; `'` in the
/// path and fragment; `%` and `?` in the query and fragment.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let anywhere = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
            );
        table[b] = if anywhere {
            IN_PATH | IN_QUERY | IN_FRAGMENT
        } else {
            match c {
                b'\'' => IN_PATH | IN_FRAGMENT,
                b'%' | b'?' => IN_QUERY | IN_FRAGMENT,
                _ => 0,
            }
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the mapping did before the shortcut.
    fn full_parse(s: &str) -> Option<String> {
        let clean = crate::text::sanitize_url(s);
        (clean == s)
            .then(|| url::Url::parse(s).ok().map(|u| u.to_string()))
            .flatten()
    }

    #[test]
    fn plain_links_are_canonical() {
        for s in [
            "https://a.test/",
            "http://www.example.com/2026/12/06/story-title.html",
            "https://cdn.example.com/ep/1.mp3?download=1&src=rss",
            "https://a.test/p;x=1/q:r@s/~u/(v)!$*+,/",
            "https://a-b.c9.test/x//y/.hidden/a..b/",
            "https://a.test/x?q=%20%zz&y=a/b?c",
            "https://a.test/x#frag's:/?",
        ] {
            assert!(is_canonical_web_url(s), "{s}");
            assert_eq!(full_parse(s).as_deref(), Some(s), "{s}");
        }
    }

    #[test]
    fn links_the_url_parser_rewrites_are_not() {
        for s in [
            "https://a.test",             // gains a slash
            "HTTPS://a.test/",            // scheme lowercased
            "https://A.test/",            // host lowercased
            "https://a.test:443/",        // default port dropped
            "https://u@a.test/",          // user info
            "https://1.2.3.4/",           // IPv4
            "https://a.0x10/",            // read as an IPv4 number
            "https://a.1/",               // read as an IPv4 number
            "https://xn--nxasmq6b.test/", // IDNA label
            "https://a..test/",           // empty label
            "https://a.test/./x",         // dot segment
            "https://a.test/x/..",        // dot segment
            "https://a.test/%2e%2e/x",    // encoded dot segment
            "https://a.test/a b",         // space
            "https://a.test/é",           // non-ASCII
            "https://a.test/a\\b",        // backslash
            "https://a.test/?q='x'",      // quote in the query
            "https://a.test/x#a#b",       // second hash
            "https://a.test/x\"y",        // double quote
            "mailto:a@b.test",            // not a web link
            "//a.test/x",                 // relative
            "/x",                         // relative
        ] {
            assert!(!is_canonical_web_url(s), "{s}");
        }
    }

    #[test]
    fn long_labels_and_hyphens_are_names_too() {
        let s = format!("https://-{}-.test/x", "a".repeat(70));
        assert!(is_canonical_web_url(&s));
        assert_eq!(full_parse(&s), Some(s.clone()));
    }

    proptest! {
        /// Whatever the shortcut accepts, the full parse prints unchanged,
        /// with the same host.
        #[test]
        fn accepted_links_survive_the_full_parse(
            scheme in "https?://",
            host in "[a-z0-9.-]{1,12}",
            tail in "/[a-zA-Z0-9._~!$&'()*+,;=:@/%?#\\\\ \"`{}<>-]{0,24}",
        ) {
            let s = format!("{scheme}{host}{tail}");
            if let Some(found) = canonical_web_host(&s) {
                prop_assert_eq!(full_parse(&s), Some(s.clone()));
                let parsed = url::Url::parse(&s).unwrap();
                prop_assert_eq!(Some(found), parsed.host_str());
            }
        }
    }
}
