//! A document as `sift extract` reads it: raw bytes of unknown charset,
//! an HTML page or plain text, cleaned. One function, so the command, the
//! property tests and the fuzzer all go through the same path.

use super::html::ReadPage;
use super::{Cleaned, RuleSet, clean_text};

/// How far into a document its kind is judged.
const SNIFF_BYTES: usize = 1024;

/// Cleans a document given as bytes: the charset sniffed (BOM, UTF-8,
/// `<meta charset>`), then an HTML page's article extracted, or plain
/// text cleaned line by line.
pub fn clean_document(bytes: &[u8], url: Option<&str>, rules: &RuleSet) -> Cleaned {
    ReadDocument::read(bytes, url).clean(rules)
}

/// A document decoded, and parsed when it is a page, before any rule
/// reads it: a caller can build the rules meanwhile.
pub enum ReadDocument {
    Page(Box<ReadPage>),
    Text { text: String, url: Option<String> },
}

impl ReadDocument {
    pub fn read(bytes: &[u8], url: Option<&str>) -> ReadDocument {
        let text = crate::text::decode_page(bytes);
        if looks_like_html(&text) {
            ReadDocument::Page(Box::new(ReadPage::read(&text, url)))
        } else {
            ReadDocument::Text {
                text: crate::text::sanitize(&text).into_owned(),
                url: url.map(str::to_owned),
            }
        }
    }

    pub fn clean(self, rules: &RuleSet) -> Cleaned {
        match self {
            ReadDocument::Page(page) => page.clean(rules),
            ReadDocument::Text { text, url } => clean_text(&text, url.as_deref(), rules),
        }
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
