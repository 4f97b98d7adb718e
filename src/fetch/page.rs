//! Web pages, for the full-text stage: fetched like feeds (the same
//! timeouts, size cap and redirects) but only over http(s), asking for
//! HTML, and used only when what came back is HTML.

use std::borrow::Cow;

use url::Url;

use super::{FetchError, Fetched, Fetcher, Validators};
use crate::model::Timestamp;

const ACCEPT_PAGES: &str = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

/// Types that say nothing about the body: the body is sniffed instead.
const GENERIC_TYPES: &[&str] = &[
    "application/octet-stream",
    "binary/octet-stream",
    "application/unknown",
    "unknown/unknown",
    "text/plain",
];

/// A response that is not a web page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a web page ({media_type})")]
pub struct NotAPage {
    /// The declared media type, or what the body looked like.
    pub media_type: String,
}

impl Fetcher {
    /// Fetches the page at `url` (http and https only; no conditional
    /// request: a page is fetched once).
    pub async fn fetch_page(&self, url: &str, now: Timestamp) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::Scheme(super::shown(url)))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(super::shown(url)));
        }
        let secs = self.settings.timeout.as_secs();
        let none = Validators::default();
        let exchange = self.fetch_http(parsed, &none, ACCEPT_PAGES, now);
        tokio::time::timeout(self.settings.timeout, exchange)
            .await
            .unwrap_or(Err(FetchError::Timeout(secs)))
    }
}

/// The page as text when it is HTML: declared so (`text/html`,
/// `application/xhtml+xml`), or, when the type is missing or generic,
/// when the body starts like an HTML document. Decoded by its charset
/// (BOM, header, `<meta>`).
pub fn html_text<'a>(content_type: Option<&str>, body: &'a [u8]) -> Result<Cow<'a, str>, NotAPage> {
    let media_type = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty());
    let is_html = match media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        None => sniffs_as_html(body),
        Some(generic) if GENERIC_TYPES.contains(&generic) => sniffs_as_html(body),
        Some(_) => false,
    };
    if !is_html {
        let media_type = media_type.map_or_else(
            || "no type given, and not HTML".into(),
            |t| crate::text::sanitize_line(&t),
        );
        return Err(NotAPage { media_type });
    }
    Ok(crate::text::charset::decode_html(body, content_type))
}

/// Whether a body starts like an HTML document (after a BOM, whitespace
/// and comments).
fn sniffs_as_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(head);
    let mut text = String::from_utf8_lossy(head).to_ascii_lowercase();
    loop {
        let trimmed = text.trim_start();
        match trimmed
            .strip_prefix("<!--")
            .and_then(|c| c.find("-->").map(|e| &c[e + 3..]))
        {
            Some(after) => text = after.to_owned(),
            None => {
                text = trimmed.to_owned();
                break;
            }
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|start| text.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_html_is_taken_and_decoded() {
        let text = html_text(Some("text/html; charset=iso-8859-1"), b"<p>caf\xE9").unwrap();
        assert_eq!(text, "<p>café");
        assert!(html_text(Some("Application/XHTML+XML"), b"<html/>").is_ok());
    }

    #[test]
    fn other_types_are_refused_with_the_type() {
        let err = html_text(Some("application/pdf"), b"%PDF-1.7").unwrap_err();
        assert_eq!(err.to_string(), "not a web page (application/pdf)");
        // Even when the body looks like HTML: the server said what it is.
        assert!(html_text(Some("image/png"), b"<html>").is_err());
    }

    #[test]
    fn missing_or_generic_types_are_sniffed() {
        assert!(html_text(None, b"\xEF\xBB\xBF  <!-- hi --> <!DOCTYPE html><html>").is_ok());
        assert!(html_text(Some("application/octet-stream"), b"<html><body>").is_ok());
        assert!(html_text(Some("text/plain"), b"\n<HEAD><title>x</title>").is_ok());
        let err = html_text(None, b"%PDF-1.7 binary").unwrap_err();
        assert!(err.to_string().contains("not HTML"), "{err}");
        assert!(html_text(Some("text/plain"), b"just words <p>").is_err());
        assert!(html_text(None, b"<!-- never closed").is_err());
        assert!(html_text(None, b"").is_err());
    }
}
