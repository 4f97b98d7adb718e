//! A document as `sift extract` reads it: raw bytes of unknown charset,
//! an HTML page or plain text, cleaned. One function, so the command, the
//! property tests and the fuzzer all go through the same path.

use super::{Cleaned, RuleSet, clean_page, clean_text};

/// How far into a document its kind is judged.
const SNIFF_BYTES: usize = 1024;

/// Cleans a document given as bytes: the charset sniffed (BOM, UTF-8,
/// `<meta charset>`), then an HTML page's article extracted, or plain
/// text cleaned line by line.
pub fn clean_document(bytes: &[u8], url: Option<&str>, rules: &RuleSet) -> Cleaned {
    let text = crate::text::decode_page(bytes);
    if looks_like_html(&text) {
        clean_page(&text, url, rules)
    } else {
        clean_text(&crate::text::sanitize(&text), url, rules)
    }
}

/// Whether `text` starts like an HTML page or fragment.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let end = start.floor_char_boundary(SNIFF_BYTES);
    let head = start[..end].to_ascii_lowercase();
    ["<html", "<!doctype", "<p", "<div", "<body", "<head"]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<p>Hello</p>"));
        assert!(!looks_like_html("A headline\n<not html"));
    }

    #[test]
    fn a_multibyte_character_across_the_sniffed_prefix_is_no_panic() {
        // 'é' is two bytes: byte 1024 falls inside one of them.
        let page = format!("<{}", "é".repeat(1000));
        assert!(!looks_like_html(&page));
        let page = format!("<div>{}", "é".repeat(1000));
        assert!(looks_like_html(&page));
        let cleaned = clean_document(page.as_bytes(), None, &RuleSet::builtin());
        assert!(cleaned.removed.iter().all(|r| !r.text.contains('\u{1b}')));
    }
}
