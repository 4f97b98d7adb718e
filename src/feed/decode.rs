//! Raw bytes → UTF-8 for feed-rs. Non-UTF-8 charsets are transcoded here
//! and their XML declarations removed, because quick-xml switches decoders
//! only inside its first 64 bytes and panics on a later declaration that
//! names another charset. The common case (UTF-8, one leading declaration)
//! borrows the input untouched.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use markup5ever::data::C1_REPLACEMENTS;
use memchr::memmem;

pub(super) struct Decoded<'a> {
    /// UTF-8 text (may still start with a UTF-8 BOM when borrowed).
    pub bytes: Cow<'a, [u8]>,
    /// Repairs made while decoding (a wrong declared charset...).
    pub notes: Vec<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` as real readers do: a byte-order mark first, then the
/// `charset` of the HTTP `Content-Type` (when `content_type` is given),
/// then the XML declaration, then UTF-8 with a windows-1252 fallback.
/// A single-byte label on bytes that are valid UTF-8 (a server's default
/// charset, a copied declaration) loses to UTF-8, with a note.
pub(super) fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    let mut notes = Vec::new();
    if let Some((big_endian, skip)) = utf32(bytes) {
        return owned(
            strip_declarations(&decode_utf32(&bytes[skip..], big_endian)),
            notes,
        );
    }
    if let Some((encoding, skip)) = utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
        return owned(strip_declarations(&text), notes);
    }
    let had_bom = bytes.starts_with(UTF8_BOM);
    let body = if had_bom { &bytes[3..] } else { bytes };
    let from_http = content_type
        .filter(|_| !had_bom)
        .and_then(crate::text::charset::header_charset)
        .and_then(|label| Some((label.clone(), encoding_for_label(label.as_bytes())?)));
    let own = declared_encoding(body);
    // A declaration that names another charset than the one the text is
    // read in must go, or the XML reader would decode the text again.
    let own_is_utf8 = own.as_ref().is_none_or(|(_, e)| *e == UTF_8);
    let declared = match (from_http, own) {
        // A server that says UTF-8 of bytes that are not is giving its
        // default, not the document's charset: the declaration knows better.
        (Some(http), Some(own))
            if http.1 == UTF_8 && own.1 != UTF_8 && std::str::from_utf8(body).is_err() =>
        {
            Some(own)
        }
        (Some(http), _) => Some(http),
        (None, own) => own,
    };
    let foreign = declared
        .as_ref()
        .filter(|(_, e)| ![UTF_8, UTF_16LE, UTF_16BE].contains(e));
    if let (Some((label, encoding)), false) = (foreign, had_bom) {
        return match std::str::from_utf8(body) {
            Ok(text) if !text.is_ascii() => {
                notes.push(format!(
                    "declared {label} but the bytes are UTF-8; read them as UTF-8"
                ));
                owned(strip_declarations(text), notes)
            }
            _ => {
                let (text, _) = encoding.decode_without_bom_handling(body);
                owned(strip_declarations(&text), notes)
            }
        };
    }
    match std::str::from_utf8(body) {
        Ok(_)
            if declared.is_none_or(|(_, e)| e == UTF_8)
                && own_is_utf8
                && !has_later_declaration(body) =>
        {
            Decoded {
                bytes: Cow::Borrowed(bytes),
                notes,
            }
        }
        Ok(text) => owned(strip_declarations(text), notes),
        Err(_) => {
            let (text, invalid, cut) = utf8_with_windows_1252_fallback(body);
            if invalid > 0 {
                notes.push(format!(
                    "read {invalid} bytes that are not valid UTF-8 as windows-1252"
                ));
            }
            if cut {
                notes.push("dropped a character cut off by the end of the document".to_owned());
            }
            owned(strip_declarations(&text), notes)
        }
    }
}

fn owned(text: String, notes: Vec<String>) -> Decoded<'static> {
    Decoded {
        bytes: Cow::Owned(text.into_bytes()),
        notes,
    }
}

/// UTF-32 (which encoding_rs, after WHATWG, does not read) by BOM, or by
/// the NUL pattern of `<` without one (XML 1.0 Appendix F): whether it is
/// big-endian, and the BOM's length. Checked before UTF-16, whose
/// little-endian BOM begins UTF-32's.
fn utf32(bytes: &[u8]) -> Option<(bool, usize)> {
    match bytes {
        [0, 0, 0xFE, 0xFF, ..] => Some((true, 4)),
        [0xFF, 0xFE, 0, 0, ..] => Some((false, 4)),
        [0, 0, 0, b'<', ..] => Some((true, 0)),
        [b'<', 0, 0, 0, ..] => Some((false, 0)),
        _ => None,
    }
}

/// UTF-32 code units → text; a unit that is no character reads as
/// U+FFFD, a cut last unit is dropped.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> String {
    bytes
        .chunks_exact(4)
        .map(|unit| {
            let unit = [unit[0], unit[1], unit[2], unit[3]];
            let n = if big_endian {
                u32::from_be_bytes(unit)
            } else {
                u32::from_le_bytes(unit)
            };
            char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// UTF-16 by BOM, or by the NUL pattern of `<?` without one.
fn utf16(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((UTF_16LE, 2)),
        [0xFE, 0xFF, ..] => Some((UTF_16BE, 2)),
        [b'<', 0, b'?', 0, ..] | [b'<', 0, _, 0, ..] => Some((UTF_16LE, 0)),
        [0, b'<', 0, b'?', ..] | [0, b'<', 0, _, ..] => Some((UTF_16BE, 0)),
        _ => None,
    }
}

/// Where each XML declaration (`<?xml`, not `<?xml-stylesheet`) starts,
/// anywhere in the document.
fn declarations(body: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // One byte is found faster than a pair, and `?` is rarer than `<`.
    memchr::memchr_iter(b'?', body)
        .filter(move |&q| q > 0 && body[q - 1] == b'<' && body[q + 1..].starts_with(b"xml"))
        .map(|q| q - 1)
        .filter(move |&at| {
            body.get(at + 5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'?')
        })
}

fn has_later_declaration(body: &[u8]) -> bool {
    let leading = body.len() - body.trim_ascii_start().len();
    declarations(body).any(|at| at != leading)
}

/// The charset label in the leading XML declaration, and its encoding,
/// if encoding_rs knows it.
fn declared_encoding(body: &[u8]) -> Option<(String, &'static Encoding)> {
    let body = body.trim_ascii_start();
    if !body.starts_with(b"<?xml") {
        return None;
    }
    let head = &body[..body.len().min(1024)];
    let end = memmem::find(head, b"?>")?;
    let decl = &head[..end];
    let at = memmem::find(decl, b"encoding")? + b"encoding".len();
    let rest = decl[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    let value = rest.get(1..)?;
    let value = &value[..memchr::memchr(quote, value)?];
    let label = value.trim_ascii();
    let encoding = encoding_for_label(label)?;
    Some((String::from_utf8_lossy(label).into_owned(), encoding))
}

/// The encoding a charset label names. encoding_rs knows the WHATWG
/// labels; feeds also write the names other libraries accept (`EUC_JP`,
/// `koi8_r`, `cp936`, `latin-1`).
fn encoding_for_label(label: &[u8]) -> Option<&'static Encoding> {
    if let Some(encoding) = Encoding::for_label(label) {
        return Some(encoding);
    }
    let name: Vec<u8> = label
        .trim_ascii()
        .iter()
        .map(|b| match b {
            b'_' => b'-',
            b => b.to_ascii_lowercase(),
        })
        .collect();
    let alias: &[u8] = match name.as_slice() {
        b"cp936" | b"ms936" | b"windows-936" | b"euc-cn" => b"gbk",
        b"cp932" | b"windows-932" => b"shift_jis",
        b"cp949" | b"ms949" | b"uhc" => b"euc-kr",
        b"cp950" | b"ms950" => b"big5",
        b"latin-1" | b"iso-latin-1" => b"iso-8859-1",
        other => other,
    };
    Encoding::for_label(alias).or_else(|| spelled_loosely(&name))
}

/// Labels written without their hyphens or with a short prefix
/// (`win-1251`, `koi8r`, `iso8859-5`): the digits name the charset.
fn spelled_loosely(name: &[u8]) -> Option<&'static Encoding> {
    let squashed: Vec<u8> = name
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    let digits = |prefix: &[u8]| {
        squashed
            .strip_prefix(prefix)
            .filter(|rest| !rest.is_empty() && rest.iter().all(u8::is_ascii_digit))
    };
    let label = if let Some(n) = digits(b"win").or_else(|| digits(b"windows")) {
        [&b"windows-"[..], n].concat()
    } else if let Some(n) = digits(b"iso8859") {
        [&b"iso-8859-"[..], n].concat()
    } else {
        match squashed.as_slice() {
            b"koi8r" => b"koi8-r".to_vec(),
            b"koi8u" => b"koi8-u".to_vec(),
            _ => return None,
        }
    };
    Encoding::for_label(&label)
}

/// Removes every XML declaration (and a leading BOM): the text is UTF-8
/// now, whatever they said.
fn strip_declarations(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut last = 0;
    for at in declarations(text.as_bytes()) {
        if at < last {
            continue;
        }
        out.push_str(&text[last..at]);
        last = text[at..].find("?>").map_or(text.len(), |end| at + end + 2);
        rest = &text[last..];
    }
    if last == 0 {
        return text.to_owned();
    }
    out.push_str(rest);
    out
}

/// Keeps valid UTF-8 sequences and reads each invalid byte as
/// windows-1252: right for Latin-1 files labelled UTF-8, and for UTF-8
/// files with a few stray Latin-1 bytes. Returns the count of such bytes,
/// and whether the text ends in the first bytes of a character (a cut
/// file), which are dropped rather than read as two strange letters.
pub(super) fn utf8_with_windows_1252_fallback(mut bytes: &[u8]) -> (String, usize, bool) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut invalid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                out.push_str(valid);
                return (out, invalid, false);
            }
            Err(e) => {
                let (valid, after) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // `error_len` is None only for a sequence cut by the end.
                if e.error_len().is_none() && invalid == 0 && after[0] >= 0xC2 {
                    return (out, invalid, true);
                }
                let bad = e.error_len().unwrap_or(after.len()).max(1);
                for &b in &after[..bad] {
                    invalid += 1;
                    if let Some(c) = windows_1252(b) {
                        out.push(c);
                    }
                }
                bytes = &after[bad..];
            }
        }
    }
}

fn windows_1252(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => C1_REPLACEMENTS[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_wherever_they_are_and_only_they() {
        let doc = b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"a?b\"?><rss>Why?\
            <??xml x><?xml?><x/>?<?xml\tencoding='koi8-r'?>?";
        let found: Vec<usize> = declarations(doc).collect();
        let expected: Vec<usize> = [&b"<?xml?"[..], b"<?xml\t", b"<?xml "]
            .iter()
            .flat_map(|n| memmem::find_iter(doc, n))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 3);
        assert_eq!(declarations(b"?").count(), 0);
        assert_eq!(declarations(b"<?xml").count(), 0);
        assert_eq!(declarations(b"").count(), 0);
    }

    fn text(d: &Decoded<'_>) -> String {
        String::from_utf8(d.bytes.to_vec()).unwrap()
    }

    #[test]
    fn utf32_is_read_by_bom_or_by_its_nul_pattern() {
        let doc =
            "<?xml version=\"1.0\" encoding=\"utf-32\"?><rss><title>Ünï 中文 😀</title></rss>";
        let le: Vec<u8> = doc.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let be: Vec<u8> = doc.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        let want = "<rss><title>Ünï 中文 😀</title></rss>";
        for bytes in [
            [&[0xFF, 0xFE, 0, 0][..], &le].concat(),
            [&[0, 0, 0xFE, 0xFF][..], &be].concat(),
            le.clone(),
            be.clone(),
        ] {
            assert_eq!(text(&decode(&bytes, None)).trim_start(), want);
        }
        // A unit that is no character, and a cut last one.
        let mut bad = le[..le.len() - 4].to_vec();
        bad.extend_from_slice(&0xD800u32.to_le_bytes());
        bad.extend_from_slice(&[b'x', 0]);
        assert!(text(&decode(&bad, None)).ends_with("</rss\u{fffd}"));
        // UTF-16's little-endian BOM is still UTF-16.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<rss/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(&decode(&utf16, None)), "<rss/>");
    }

    #[test]
    fn plain_utf8_is_borrowed() {
        let doc = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><?xml-stylesheet href=\"x\"?><rss/>";
        let d = decode(doc, None);
        assert!(matches!(d.bytes, Cow::Borrowed(_)));
        assert!(d.notes.is_empty());
    }

    #[test]
    fn declared_latin1_is_transcoded_and_declaration_removed() {
        let doc = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>caf\xE9 \x93q\x94</t>";
        let d = decode(doc, None);
        assert_eq!(text(&d), "<t>café “q”</t>");
        assert!(d.notes.is_empty());
    }

    #[test]
    fn utf8_labelled_latin1_is_read_as_utf8_with_a_note() {
        let doc = "<?xml version='1.0' encoding='iso-8859-1'?><t>café</t>".as_bytes();
        let d = decode(doc, None);
        assert_eq!(text(&d), "<t>café</t>");
        assert_eq!(
            d.notes,
            ["declared iso-8859-1 but the bytes are UTF-8; read them as UTF-8"]
        );
    }

    #[test]
    fn invalid_utf8_falls_back_per_byte() {
        let doc = b"<t>caf\xE9 \xE2\x80\x94 ok \x80</t>";
        let d = decode(doc, None);
        assert_eq!(text(&d), "<t>café — ok €</t>");
        assert_eq!(
            d.notes,
            ["read 2 bytes that are not valid UTF-8 as windows-1252"]
        );
    }

    #[test]
    fn the_http_charset_beats_the_declaration_and_the_bom_beats_both() {
        let doc = b"<?xml version='1.0' encoding='utf-8'?><t>\xF0\xD2\xC1\xD7\xC4\xC1</t>";
        let d = decode(doc, Some("text/xml; charset=KOI8-R"));
        assert_eq!(text(&d), "<t>Правда</t>");
        let with_bom = [UTF8_BOM, "<t>é</t>".as_bytes()].concat();
        let d = decode(&with_bom, Some("text/xml; charset=shift_jis"));
        assert_eq!(text(&d).trim_start_matches('\u{feff}'), "<t>é</t>");
        let d = decode("<t>é</t>".as_bytes(), Some("text/xml; charset=iso-8859-1"));
        assert_eq!(text(&d), "<t>é</t>");
    }

    #[test]
    fn labels_other_libraries_accept_are_understood() {
        let doc = b"<?xml version='1.0' encoding='EUC_JP'?><t>\xC6\xFC\xCB\xDC</t>";
        assert_eq!(text(&decode(doc, None)), "<t>日本</t>");
        let doc = b"<?xml version='1.0' encoding='cp936'?><t>\xD6\xD0</t>";
        assert_eq!(text(&decode(doc, None)), "<t>中</t>");
        let doc = b"<t>\xF0\xD2\xC1\xD7\xC4\xC1</t>";
        assert_eq!(
            text(&decode(doc, Some("text/xml; charset=koi8_r"))),
            "<t>Правда</t>"
        );
    }

    #[test]
    fn labels_spelled_loosely_are_understood() {
        for (label, name) in [
            (&b"win-1251"[..], "windows-1251"),
            (b"WIN1252", "windows-1252"),
            (b"koi8r", "KOI8-R"),
            (b"KOI8_U", "KOI8-U"),
            (b"iso8859_5", "ISO-8859-5"),
        ] {
            assert_eq!(encoding_for_label(label).map(|e| e.name()), Some(name));
        }
        assert_eq!(encoding_for_label(b"win"), None);
        assert_eq!(encoding_for_label(b"x-unknown"), None);
    }

    #[test]
    fn a_character_cut_by_the_end_of_the_file_is_dropped() {
        let d = decode("<t>Café 日".as_bytes().split_last().unwrap().1, None);
        assert_eq!(text(&d), "<t>Café ");
        assert_eq!(
            d.notes,
            ["dropped a character cut off by the end of the document"]
        );
        // In a Latin-1 file a last lead byte is a letter, as the others are.
        let d = decode(b"<t>caf\xE9 \xE9", None);
        assert_eq!(text(&d), "<t>café é");
    }

    #[test]
    fn a_server_default_utf8_that_the_bytes_are_not_loses_to_the_declaration() {
        let doc = b"<?xml version='1.0' encoding='koi8-r'?><t>\xF0\xD2\xC1\xD7\xC4\xC1</t>";
        let d = decode(doc, Some("application/rss+xml; charset=UTF-8"));
        assert_eq!(text(&d), "<t>Правда</t>");
        assert!(d.notes.is_empty());
    }

    #[test]
    fn late_declarations_are_removed() {
        let doc = b"<?xml version=\"1.0\"?><a><?xml version=\"1.0\" encoding=\"koi8-r\"?>x</a>";
        assert_eq!(text(&decode(doc, None)), "<a>x</a>");
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><t>é</t>";
        let le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = |bom: &[u8], b: &[u8]| [bom, b].concat();
        for bytes in [
            le.clone(),
            be.clone(),
            with_bom(&[0xFF, 0xFE], &le),
            with_bom(&[0xFE, 0xFF], &be),
        ] {
            assert_eq!(text(&decode(&bytes, None)), "<t>é</t>");
        }
    }
}
