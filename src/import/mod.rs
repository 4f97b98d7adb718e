//! Subscription lists from elsewhere: OPML (outline folders become tags) and
//! plain URL lists (newsboat's `urls` format), plus OPML export.

pub mod opml;
pub mod url_list;

/// One subscription found in an imported file, not yet validated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedFeed {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// 1-based line of the entry, for messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: invalid OPML: {reason}")]
    Opml { line: usize, reason: String },
    #[error("the file is not text (UTF-8)")]
    NotText,
}

/// Reads OPML when the file looks like XML, else a URL list.
pub fn parse(bytes: &[u8]) -> Result<Vec<ImportedFeed>, ImportError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        opml::parse(text)
    } else {
        let text = std::str::from_utf8(text).map_err(|_| ImportError::NotText)?;
        Ok(url_list::parse(text))
    }
}

/// Adds `tag` unless present (tags compare case-insensitively).
pub(crate) fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = crate::text::sanitize_line(tag);
    if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
        tags.push(tag);
    }
}
