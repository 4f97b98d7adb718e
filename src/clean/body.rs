//! A stored body (a feed's summary or content, or a page's full text) to
//! clean: HTML goes through the HTML path, text through the text path.

use super::{Cleaned, RuleSet, clean_fragment, clean_text};

/// `body` cleaned as HTML when it carries tags, else as text.
pub fn clean_body(body: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    if has_tags(body) {
        clean_fragment(body, url, rules)
    } else {
        clean_text(&crate::text::decode_references(body), url, rules)
    }
}

/// Whether `body` carries tags. Stored bodies are all HTML (the feed
/// layer escaped the fields it was told are text); one without tags is
/// read as text once its character references are decoded.
pub fn has_tags(body: &str) -> bool {
    let Some(open) = body.find('<') else {
        return false;
    };
    let rest = &body[open + 1..];
    rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        && rest.contains('>')
}
