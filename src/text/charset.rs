//! Text from the bytes of a web page in any charset. Shared by the poller's
//! full-text stage (which knows the `Content-Type`) and `sift extract`.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// How far into a page a `<meta charset>` is looked for (the HTML standard
/// says 1024 bytes; pages often put it later).
const META_SCAN_BYTES: usize = 4096;

/// Decodes `bytes` as the page says: a byte-order mark first, then the
/// text that is valid UTF-8 beyond ASCII (whatever a label says), then the
/// `charset` of the `Content-Type` header, then `<meta charset>` (or
/// `http-equiv`), else windows-1252 (what
/// undeclared Western pages usually are). Never fails: bad sequences
/// become U+FFFD.
pub fn decode_html<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    let declared = content_type
        .and_then(header_charset)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_SCAN_BYTES)]))
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        // A page cannot really be UTF-16 without a BOM: its markup was
        // readable as ASCII to find the label. Browsers read UTF-8 then.
        .map(|e| e.output_encoding());
    let utf8 = std::str::from_utf8(bytes).ok();
    // Text that is valid UTF-8 and not plain ASCII is UTF-8 whatever the
    // label says: pages are saved and served again with their original
    // `<meta charset>`, and a legacy encoding almost never forms valid
    // multi-byte UTF-8 sequences by chance.
    if let Some(text) = utf8.filter(|t| !t.is_ascii()) {
        return Cow::Borrowed(text);
    }
    if let Some(encoding) = declared {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    match utf8 {
        Some(text) => Cow::Borrowed(text),
        None => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
pub(crate) fn header_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// The label of the first `charset=` in the head of a page (covers both
/// `<meta charset="x">` and `<meta http-equiv content="...; charset=x">`).
fn meta_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned()).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_from_bom_meta_or_guess() {
        assert_eq!(decode_html(b"\xEF\xBB\xBFcaf\xC3\xA9", None), "café");
        assert_eq!(
            decode_html(b"<meta charset=\"iso-8859-1\"><p>caf\xE9", None),
            "<meta charset=\"iso-8859-1\"><p>café"
        );
        assert_eq!(decode_html(b"plain caf\xE9", None), "plain café");
        assert_eq!(decode_html(b"plain caf\xC3\xA9", None), "plain café");
    }

    #[test]
    fn the_header_wins_over_meta_and_the_bom_over_both() {
        let page = b"<meta charset=\"utf-8\"><p>caf\xE9";
        assert_eq!(
            decode_html(page, Some("text/html; charset=\"ISO-8859-1\"")),
            "<meta charset=\"utf-8\"><p>café"
        );
        assert_eq!(
            decode_html(
                b"\xEF\xBB\xBFcaf\xC3\xA9",
                Some("text/html; charset=iso-8859-1")
            ),
            "café"
        );
        // An unknown label falls through to the next source.
        assert_eq!(
            decode_html(b"caf\xC3\xA9", Some("text/html; charset=bogus")),
            "café"
        );
    }

    #[test]
    fn http_equiv_and_utf16_labels_without_a_bom() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xC4\xE0";
        assert!(decode_html(page, None).ends_with("Да"));
        assert_eq!(
            decode_html(b"<meta charset=utf-16><p>caf\xC3\xA9", None),
            "<meta charset=utf-16><p>café"
        );
    }

    #[test]
    fn valid_utf8_beyond_ascii_wins_over_a_legacy_label() {
        // A page saved as UTF-8 that still declares its old charset.
        let page = "<meta charset=\"gb2312\"><p>谷歌在2014年收购".as_bytes();
        assert_eq!(
            decode_html(page, None),
            "<meta charset=\"gb2312\"><p>谷歌在2014年收购"
        );
        assert_eq!(
            decode_html(
                "<p>Gr\u{fc}\u{df}e".as_bytes(),
                Some("text/html; charset=iso-8859-1")
            ),
            "<p>Grüße"
        );
        // Real GB2312 bytes are not valid UTF-8 and follow the label.
        assert_eq!(
            decode_html(b"<meta charset=gb2312>\xC4\xE3\xBA\xC3", None),
            "<meta charset=gb2312>你好"
        );
    }

    #[test]
    fn header_charset_parsing() {
        assert_eq!(
            header_charset("text/html;charset=UTF-8").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(header_charset("text/html").as_deref(), None);
        assert_eq!(header_charset("text/html; charset=").as_deref(), None);
    }
}
