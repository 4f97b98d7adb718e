//! `sift extract` as a property: whatever bytes a page holds (any charset,
//! a declared one or none, markup cut anywhere, a multibyte character
//! astride byte 1024, deep nesting, escapes as raw bytes or as character
//! references), reading it never panics and what would be printed carries
//! no control, escape or bidi character. It goes through the command's own
//! path: `clean::clean_document` (bytes → charset → HTML or text → clean),
//! then `cli::extract::render_text` (the printed text). The fuzz target
//! `fuzz/fuzz_targets/extract.rs` runs the same path much longer.

use std::sync::LazyLock;

use proptest::prelude::*;
use sift::clean::{RuleSet, clean_document};
use sift::cli::extract::render_text;
use sift::text::is_forbidden;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// Labels `<meta charset>` may carry: single-byte sets that map 0x80–0x9F
/// to C1 controls (ISO-8859-2), multi-byte and stateful ones (ISO-2022-JP
/// switches with ESC), UTF-16 without a BOM, the "replacement" encoding,
/// and nonsense.
const CHARSETS: &[&str] = &[
    "utf-8",
    "windows-1252",
    "iso-8859-2",
    "iso-8859-5",
    "koi8-r",
    "ibm866",
    "x-user-defined",
    "shift_jis",
    "euc-jp",
    "iso-2022-jp",
    "gb18030",
    "big5",
    "euc-kr",
    "utf-16le",
    "utf-16be",
    "iso-2022-kr",
    "\u{1b}[2J",
    "",
];

/// One piece of a page, as bytes.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    let text = |s: &str| Just(s.as_bytes().to_vec());
    prop_oneof![
        4 => "[a-zA-Z .,]{1,40}".prop_map(String::into_bytes),
        // Multibyte UTF-8: accents, combining marks, CJK, emoji and a ZWJ.
        2 => text("é e\u{301} 日本語の記事 🦀\u{200d}🔥 "),
        // Raw high bytes: invalid UTF-8, C1 in ISO-8859-x, lead bytes of
        // multi-byte sets cut short.
        2 => prop::collection::vec(0x80u8..=0xff, 1..6),
        // Escapes and invisible controls, raw.
        1 => text("\u{1b}[2J\u{1b}]52;c;aGk=\u{7}"),
        1 => text("\u{9b}31m\u{85}"),
        1 => text("\u{202e}evil\u{2066}\u{200b}\u{feff}"),
        1 => text("\0\u{7f}\r\u{b}\u{c}"),
        1 => text("\x1b$B\x24\x22\x1b(B"),
        // The same as character references.
        1 => text("&#27;[31m&#x9b;&#155;&#8238;&lrm;&#0;&#xD800;&bogus;&amp;"),
        // Markup, opened, closed, cut or left open.
        3 => prop::sample::select(&[
            "<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<h1>", "</h1>",
            "<br>", "<li>", "<a href=\"https://example.com/x\">", "</a>",
            "<figure><img alt=\"A\u{1b}[2J photo\" src=\"x.jpg\"><figcaption>",
            "<script>", "</script>", "<style>", "<!-- ", " -->", "<title>", "</title>",
            "<p class=\"newsletter\">Sign up to our newsletter</p>", "<", ">", "&", "\"",
        ][..])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::sample::select(CHARSETS)
            .prop_map(|c| format!("<meta charset=\"{c}\">").into_bytes()),
    ]
}

/// How a page starts: nothing, an HTML opening, a byte-order mark (UTF-8
/// or UTF-16), or a `<meta>` that declares a charset.
fn start() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        Just(b"<!DOCTYPE html><html><head>".to_vec()),
        Just(b"<html><body><article>".to_vec()),
        Just(b"\xEF\xBB\xBF<p>".to_vec()),
        Just(b"\xFF\xFE<\0p\0>\0".to_vec()),
        Just(b"\xFE\xFF\0<\0p\0>".to_vec()),
        prop::sample::select(CHARSETS)
            .prop_map(|c| format!("<html><head><meta charset={c}></head><body>").into_bytes()),
    ]
}

/// A page of pieces after a start.
fn page() -> impl Strategy<Value = Vec<u8>> {
    (start(), prop::collection::vec(piece(), 0..40)).prop_map(|(mut bytes, pieces)| {
        bytes.extend(pieces.concat());
        bytes
    })
}

/// A multibyte character whose bytes straddle byte `at` (the sniffers look
/// at the first 1024 bytes, the charset scan at the first 4096).
fn straddling() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(&["<", "<div>", "  <p>", "\u{feff}<p>", ""][..]),
        prop::sample::select(&[1024usize, 4096][..]),
        0usize..4,
        prop::sample::select(&["é", "日", "🦀", "\u{202e}"][..]),
        page(),
    )
        .prop_map(|(open, at, back, wide, rest)| {
            let mut bytes = open.as_bytes().to_vec();
            let fill = at.saturating_sub(bytes.len() + back);
            bytes.resize(bytes.len() + fill, b'a');
            for _ in 0..40 {
                bytes.extend_from_slice(wide.as_bytes());
            }
            bytes.extend(rest);
            bytes
        })
}

/// Hundreds or thousands of elements open inside each other.
fn deep() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(&["div", "p", "b", "article", "li", "table"][..]),
        100usize..3000,
        page(),
    )
        .prop_map(|(tag, depth, inner)| {
            let mut bytes = format!("<{tag}>").repeat(depth).into_bytes();
            bytes.extend(inner);
            bytes
        })
}

fn any_document() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => page(),
        2 => straddling(),
        1 => deep(),
        2 => prop::collection::vec(any::<u8>(), 0..2048),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `sift extract FILE` (and `--explain`): no panic on any bytes, and
    /// nothing forbidden in what it prints.
    #[test]
    fn extract_never_panics_and_prints_nothing_forbidden(
        bytes in any_document(),
        explain in any::<bool>(),
        url in prop::option::of(Just("https://example.com/2024/01/story.html")),
    ) {
        let cleaned = clean_document(&bytes, url, &RULES);
        let printed = render_text(&cleaned, explain);
        let bad = printed.chars().find(|&c| is_forbidden(c));
        prop_assert!(bad.is_none(), "printed {:?} in {:?}", bad, printed);
    }
}

/// The panic issue 13 reported, in the form the property generates: an
/// HTML opening, then a two-byte character across byte 1024.
#[test]
fn a_character_across_byte_1024_is_read_whole() {
    let mut page = b"<div><p>".to_vec();
    while page.len() < 1018 {
        page.extend_from_slice(b"news ");
    }
    page.resize(1023, b'x');
    assert_eq!(page.len(), 1023, "'é' takes bytes 1023 and 1024");
    page.extend("é and the rest of the story.</p></div>".as_bytes());
    let printed = render_text(&clean_document(&page, None, &RULES), true);
    assert!(printed.contains("é and the rest"), "{printed:?}");
}

/// A page declared ISO-8859-2, where byte 0x9B is the C1 control CSI
/// (an escape on many terminals): it must not come out.
#[test]
fn c1_bytes_of_a_declared_charset_are_not_printed() {
    let page = b"<html><head><meta charset=\"iso-8859-2\"></head><body><article>\
        <p>A paragraph \x9b31m long enough to be kept as the article's text.</p>\
        </article></body></html>";
    let printed = render_text(&clean_document(page, None, &RULES), true);
    assert!(printed.contains("A paragraph"), "{printed:?}");
    assert!(!printed.chars().any(is_forbidden), "{printed:?}");
}
