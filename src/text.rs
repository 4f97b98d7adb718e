//! Text hygiene for everything that came from a feed or a page: control,
//! escape and bidi characters removed, whitespace collapsed, HTML entities
//! decoded exactly once. Pure functions; the clean case borrows.

mod canonical_url;
pub mod charset;
mod words;

use std::borrow::Cow;

pub use canonical_url::{canonical_web_host, is_canonical_web_url};
pub use words::{Tokens, push_words, tokens, word_count};

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 string terminator.
const ST: char = '\u{9c}';

/// True for a character that must never reach a terminal: C0 controls
/// except newline and tab, DEL, C1, bidi controls and invisible zero-width
/// characters (ZWJ and ZWNJ are kept: scripts and emoji need them; but see
/// `sanitize` for where a ZWJ may stand).
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{61c}'
        | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Printable ASCII, a newline or a tab: bytes `sanitize` always keeps.
/// Written without branches (bytes from 0x80 are negative as `i8`) so
/// that a run of them is tested with vector compares.
fn is_plain(c: u8) -> bool {
    ((c as i8) > 0x1f) & (c != 0x7f) | (c == b'\n') | (c == b'\t')
}

/// Whether every byte of a block is plain (see `is_plain`).
fn all_plain<const N: usize>(block: &[u8; N]) -> bool {
    block.iter().fold(true, |ok, &c| ok & is_plain(c))
}

/// Byte offset of the first character `sanitize` would change, if any.
/// Works on UTF-8 bytes so the clean case costs one pass and no decoding.
fn first_unclean(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        // Printable ASCII runs (most text) skip 64, then 16 bytes at a
        // time; the test compiles to vector compares. A chunk that fails
        // moves on to its first other byte, so no byte is tested sixteen
        // times.
        while let Some(block) = b[i..].first_chunk::<64>()
            && all_plain(block)
        {
            i += 64;
        }
        while let Some(chunk) = b[i..].first_chunk::<16>() {
            if all_plain(chunk) {
                i += 16;
            } else {
                i += chunk.iter().position(|&c| !is_plain(c)).unwrap_or(0);
                break;
            }
        }
        let Some(&byte) = b.get(i) else {
            break;
        };
        let hit = match byte {
            b'\n' | b'\t' => false,
            0..=0x1f | 0x7f => true,
            0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
            0xd8 => at(i + 1) == 0x9c,
            0xe2 => matches!(
                (at(i + 1), at(i + 2)),
                (0x80, 0x8b | 0x8d | 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa0 | 0xa6..=0xa9)
            ),
            0xef => at(i + 1) == 0xbb && at(i + 2) == 0xbf,
            _ => false,
        };
        if hit {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Removes control characters, whole terminal escape sequences, bidi
/// controls and zero-width characters; `\r\n` and lone `\r` become `\n`.
/// A zero-width joiner stays only between two emoji, where it builds one
/// glyph: elsewhere terminals and ratatui disagree on its width.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let Some(start) = first_unclean(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..start]);
    let mut chars = s[start..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            ESC => skip_escape(&mut chars),
            ZWJ => {
                let joins = out.chars().next_back().is_some_and(ends_emoji)
                    && chars.peek().copied().is_some_and(is_emoji);
                if joins {
                    out.push(ZWJ);
                }
            }
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

const ZWJ: char = '\u{200d}';

/// Pictographs a ZWJ sequence is built of (the emoji blocks, the
/// miscellaneous symbols and dingbats such as ♀ and ❤).
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1f000..=0x1faff | 0x2600..=0x27bf | 0x2300..=0x23ff | 0x2b00..=0x2bff)
}

/// The last character of an emoji: the emoji, or its presentation
/// selector (skin tones are in the emoji blocks).
fn ends_emoji(c: char) -> bool {
    is_emoji(c) || c == '\u{fe0f}'
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: consume the rest of the sequence, whatever its form.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            // nF escape: intermediates, then one final byte.
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI body: parameter and intermediate bytes, then a final byte. An
/// unexpected character ends the sequence and is kept as text.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// OSC/DCS/SOS/PM/APC body, up to BEL or ST. An ESC or C1 control that
/// does not start ST aborts the string (as terminals do) and is handled
/// next. With no end at all, only the introducer is dropped: the rest is
/// inert text once its controls are gone. Stopping at every ESC/C1 keeps
/// the look-ahead linear.
fn skip_string(chars: &mut Chars<'_>) {
    let mut ahead = chars.clone();
    let mut consumed = 0;
    while let Some(c) = ahead.next() {
        match c {
            BEL | ST => {
                consumed += 1;
                break;
            }
            ESC if ahead.peek() == Some(&'\\') => {
                consumed += 2;
                break;
            }
            ESC | '\u{80}'..='\u{9f}' => break,
            _ => consumed += 1,
        }
        if ahead.peek().is_none() {
            return;
        }
    }
    for _ in 0..consumed {
        chars.next();
    }
}

/// Sanitises, then collapses every run of whitespace (newlines, tabs, NBSP,
/// other Unicode spaces) to one space and trims. For titles, names, authors.
pub fn sanitize_line(s: &str) -> String {
    let clean = sanitize(s);
    let mut out = String::with_capacity(clean.len());
    push_words(&mut out, &clean);
    out
}

/// Sanitises a URL and drops every whitespace and control character.
pub fn sanitize_url(s: &str) -> String {
    sanitize(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// Sanitises HTML and also removes character references that would decode
/// to a forbidden character (`&#27;`, `&#x202E;`, `&lrm;`, `&#0;`...), so a
/// later renderer cannot produce them. A number in 128-159 that
/// windows-1252 defines becomes that character (`&#150;` an en dash), as
/// an HTML parser reads it; the rest of that range is removed.
pub fn sanitize_html(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    // Most bodies hold only safe references: scan before copying.
    let Some(first) = next_unsafe_reference(&clean, 0) else {
        return clean;
    };
    let mut out = String::with_capacity(clean.len());
    let mut kept_from = 0;
    let mut found = Some(first);
    while let Some((at, len, replacement)) = found {
        out.push_str(&clean[kept_from..at]);
        out.extend(replacement);
        kept_from = at + len;
        found = next_unsafe_reference(&clean, kept_from);
    }
    out.push_str(&clean[kept_from..]);
    Cow::Owned(out)
}

/// The first character reference at or after byte `from` of `s` that
/// stored HTML may not keep: its start, its length and what replaces it
/// (the windows-1252 character of a C1 number, else nothing).
fn next_unsafe_reference(s: &str, from: usize) -> Option<(usize, usize, Option<char>)> {
    memchr::memchr_iter(b'&', &s.as_bytes()[from..])
        .map(|at| from + at)
        .find_map(|at| match parse_reference(&s[at..]) {
            Some((decoded, len))
                if decoded
                    .is_none_or(|(a, b)| unsafe_ref_char(a) || b.is_some_and(unsafe_ref_char)) =>
            {
                let c1 = decoded
                    .filter(|(_, b)| b.is_none())
                    .and_then(|(a, _)| match a as u32 {
                        n @ 0x80..=0x9f => C1_REPLACEMENTS[(n - 0x80) as usize],
                        _ => None,
                    });
                Some((at, len, c1))
            }
            _ => None,
        })
}

/// What a numeric or named reference may not decode to in stored HTML.
fn unsafe_ref_char(c: char) -> bool {
    is_forbidden(c) || c == '\r'
}

/// One or two decoded characters (a few named entities have two).
type Decoded = (char, Option<char>);

/// Parses a character reference at the start of `s` (which begins with
/// `&`). Returns the decoded characters (None when the number is not a
/// valid scalar value) and the length consumed. Named references need the
/// `;`; numeric ones may omit it, as HTML allows.
fn parse_reference(s: &str) -> Option<(Option<Decoded>, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let digits = b
            .get(digits_at..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| (**c as char).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let end = digits_at + digits;
        let value = s[digits_at..end]
            .chars()
            .filter_map(|c| c.to_digit(radix))
            .fold(0u32, |acc, d| acc.saturating_mul(radix).saturating_add(d));
        let len = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((char::from_u32(value).map(|c| (c, None)), len));
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || name_len > 40 {
        return None;
    }
    // `&amp;`, or a legacy name without its `;` (`&amp `, `&nbsp`, `&copy
    // 2026`) as browsers read it, unless a letter, digit or `=` follows
    // (`AT&T`, `?a=1&copy=2`: HTML's rule for attributes, kept here so
    // that addresses in text stay whole).
    let len = match b.get(1 + name_len) {
        Some(b';') => name_len + 2,
        Some(b'=') => return None,
        _ => name_len + 1,
    };
    let key = &s[1..len];
    let &(first, second) = NAMED_ENTITIES.get(key)?;
    let first = char::from_u32(first).filter(|_| first != 0)?;
    let second = char::from_u32(second).filter(|_| second != 0);
    Some((Some((first, second)), len))
}

/// Whether `reference` (from `&` to its end) is a legacy name written
/// without its `;` (`&amp`, `&eacute`).
fn lacks_semicolon(reference: &str) -> bool {
    !reference.ends_with(';')
        && reference
            .as_bytes()
            .get(1)
            .is_some_and(u8::is_ascii_alphabetic)
}

/// Whether `s` starts with a named reference an HTML reader decodes
/// although it lacks its `;` (`&amp Sons`, `&nbsp`; not `AT&T`).
pub(crate) fn starts_with_legacy_reference(s: &str) -> bool {
    parse_reference(s).is_some_and(|(found, len)| found.is_some() && lacks_semicolon(&s[..len]))
}

/// The five entities XML itself defines; feed-rs has already decoded them.
fn is_xml_entity(reference: &str) -> bool {
    matches!(reference, "&amp;" | "&lt;" | "&gt;" | "&quot;" | "&apos;")
}

/// Decodes HTML named entities that XML does not define (`&eacute;`,
/// `&nbsp;`, `&rsquo;`...). XML-defined and numeric references are left
/// alone: the XML parser already decoded one level, and decoding twice
/// would turn `&amp;amp;` into `&`. Entities for forbidden characters are
/// dropped.
pub fn decode_html_only_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut changed = false;
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let named = after.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic);
        match parse_reference(after).filter(|_| named) {
            // Attribute values and addresses: a name needs its `;`.
            Some((Some((a, b)), len))
                if !is_xml_entity(&after[..len]) && !lacks_semicolon(&after[..len]) =>
            {
                push_decoded(&mut out, a, b);
                changed = true;
                rest = &after[len..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// Undoes the escape of an HTML entity XML does not define: `&amp;nbsp;`
/// becomes `&nbsp;` again. An XML writer that kept an undeclared `&nbsp;`
/// as text escapes it so when it writes the markup back out; `&amp;amp;`
/// and `&amp;lt;` stay as they are.
pub fn unescape_html_only_entities(s: &str) -> Cow<'_, str> {
    const ESCAPED: &str = "&amp;";
    if !s.contains(ESCAPED) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(ESCAPED) {
        // `after` is `;name;...`: parse_reference reads past its first byte.
        let after = &rest[at + ESCAPED.len() - 1..];
        let html_only = after.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic)
            && parse_reference(after).is_some_and(|(found, len)| {
                found.is_some()
                    && !lacks_semicolon(&after[..len])
                    && !matches!(&after[1..len], "amp;" | "lt;" | "gt;" | "quot;" | "apos;")
            });
        out.push_str(&rest[..at]);
        out.push_str(if html_only { "&" } else { ESCAPED });
        rest = &rest[at + ESCAPED.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn push_decoded(out: &mut String, a: char, b: Option<char>) {
    for c in std::iter::once(a).chain(b) {
        if !unsafe_ref_char(c) {
            out.push(c);
        }
    }
}

/// Decodes every character reference once, as an HTML parser would:
/// named, decimal and hex; C1 numbers map to their windows-1252 meaning.
fn decode_all_entities(s: &str, out: &mut String) {
    let mut rest = s;
    // memchr: the standard `find` tests a word at a time, this a vector.
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        match parse_reference(after) {
            Some((decoded, len)) => {
                let (a, b) = decoded.unwrap_or(('\u{fffd}', None));
                let a = match a as u32 {
                    0 => '\u{fffd}',
                    n @ 0x80..=0x9f => C1_REPLACEMENTS[(n - 0x80) as usize].unwrap_or(a),
                    _ => a,
                };
                push_decoded(out, a, b);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Decodes every character reference once, as an HTML parser would (for
/// HTML without tags, which is text once its references are decoded).
/// References to forbidden characters are dropped.
pub fn decode_references(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    decode_all_entities(s, &mut out);
    Cow::Owned(out)
}

/// Escapes `&`, `<` and `>` so that text reads as itself inside HTML.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Tags whose boundaries separate words.
fn is_block_tag(name: &str) -> bool {
    // Lowercased into a small buffer and matched once: every tag of
    // every item's body is asked (the longest name is "blockquote").
    let mut lower = [0u8; 10];
    let Some(room) = lower.get_mut(..name.len()) else {
        return false;
    };
    for (to, from) in room.iter_mut().zip(name.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &*room,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"br"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hr"
            | b"li"
            | b"main"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"table"
            | b"td"
            | b"th"
            | b"tr"
            | b"ul"
    )
}

/// Finds `needle` (ASCII) in `hay` ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether a link may be fetched as a page (http or https).
pub fn is_web_link(link: &str) -> bool {
    is_canonical_web_url(link)
        || url::Url::parse(link).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A fast linear tag stripper for HTML titles and search text: drops tags,
/// comments and script/style contents, turns block tags into spaces,
/// decodes entities once, then `sanitize_line`. Never panics.
pub fn html_to_plain(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let mut rest = s;
    // memchr: every feed item's body passes here at ingest.
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        decode_all_entities(&rest[..lt], &mut text);
        let tag = &rest[lt..];
        if let Some(body) = tag.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |end| &body[end + 3..]);
            continue;
        }
        let b = tag.as_bytes();
        let opens_tag = matches!(b.get(1), Some(c) if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !opens_tag {
            text.push('<');
            rest = &tag[1..];
            continue;
        }
        // A tag cut off by the end of input is dropped, as HTML parsers do.
        let Some(gt) = memchr::memchr(b'>', tag.as_bytes()) else {
            rest = "";
            break;
        };
        let inner = tag[1..gt].trim_start_matches('/');
        let name_len = inner
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inner.len());
        let name = &inner[..name_len];
        rest = &tag[gt + 1..];
        let closing = b.get(1) == Some(&b'/');
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close = if name.len() == 6 {
                "</script"
            } else {
                "</style"
            };
            rest = match find_ascii_ci(rest, close) {
                Some(at) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                None => "",
            };
        }
        if is_block_tag(name) {
            text.push(' ');
        }
    }
    decode_all_entities(rest, &mut text);
    sanitize_line(&text)
}

/// Text from the bytes of a page or file in any charset, with nothing
/// known about it but its bytes (see `charset::decode_html`).
pub fn decode_page(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    charset::decode_html(bytes, None)
}

/// `n` and a noun that takes an `s` in the plural: "1 change",
/// "2 changes", "0 changes".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `s` cut to at most `width` columns, with `…` when cut; no padding.
pub fn cut_to_width(s: &str, width: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
