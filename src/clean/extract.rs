//! Main-content extraction: from a whole web page to the HTML of its
//! article, before noise rules run. Pure.
//!
//! PLACEHOLDER: the body of the page is taken as it is; the extractor is
//! being chosen (see BENCHMARKS.md). The signature is the contract the
//! poller's full-text stage builds on.

/// An article found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The headline, when the page names one.
    pub title: Option<String>,
    /// The article's HTML (a fragment), ready to store and to clean.
    pub html: String,
}

/// The article in `page` (a whole HTML document), or `None` when there is
/// none. `url` is the page's address: it resolves relative links.
pub fn extract_main(page: &str, url: Option<&str>) -> Option<Extracted> {
    let _ = url;
    let text = crate::text::html_to_plain(page);
    if text.trim().is_empty() {
        return None;
    }
    Some(Extracted {
        title: None,
        html: page.to_owned(),
    })
}
