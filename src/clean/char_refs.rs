//! HTML character references (`&amp;`, `&#8217;`, the legacy `&copy`
//! without its `;`) decoded exactly as html5ever's tokenizer decodes
//! them, for the quick parser.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Decodes the character reference at `amp` (an `&`) into `out` as
/// html5ever's tokenizer does, in text or in an attribute value quoted
/// by `quote`; returns where reading goes on.
pub(super) fn char_ref(html: &str, amp: usize, quote: Option<u8>, out: &mut String) -> usize {
    let bytes = html.as_bytes();
    let from = amp + 1;
    match bytes.get(from) {
        Some(b'#') => numeric_ref(html, amp, out),
        Some(c) if c.is_ascii_alphanumeric() => named_ref(html, amp, quote.is_some(), out),
        // Not a reference: the `&` is text.
        _ => {
            out.push('&');
            from
        }
    }
}

/// `&#…;` and `&#x…;`.
fn numeric_ref(html: &str, amp: usize, out: &mut String) -> usize {
    let bytes = html.as_bytes();
    let mut at = amp + 2;
    let base = match bytes.get(at) {
        Some(b'x' | b'X') => {
            at += 1;
            16
        }
        _ => 10,
    };
    let digits_from = at;
    let (mut num, mut too_big) = (0u32, false);
    while let Some(n) = bytes.get(at).and_then(|&b| (b as char).to_digit(base)) {
        num = num.wrapping_mul(base);
        if num > 0x10FFFF {
            too_big = true;
        }
        num = num.wrapping_add(n);
        at += 1;
    }
    if at == digits_from {
        // No digits: the `&` is text, and what followed it too.
        out.push('&');
        return amp + 1;
    }
    if bytes.get(at) == Some(&b';') {
        at += 1;
    }
    let c = match num {
        n if n > 0x10FFFF || too_big => '\u{fffd}',
        0x00 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(num - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(num).unwrap_or('\u{fffd}')),
        n => char::from_u32(n).unwrap_or('\u{fffd}'),
    };
    out.push(c);
    at
}

/// `&name;`, and the legacy names without `;`: the longest name in the
/// table that the input starts with, read as html5ever does.
fn named_ref(html: &str, amp: usize, in_attribute: bool, out: &mut String) -> usize {
    let bytes = html.as_bytes();
    let from = amp + 1;
    let mut best: Option<(usize, (u32, u32))> = None;
    let mut end = from;
    while end < bytes.len() {
        end += 1;
        // Names are ASCII: a longer key never holds half a character.
        let Some(key) = html.get(from..end) else {
            break;
        };
        match NAMED_ENTITIES.get(key) {
            Some(&m) => {
                if m.0 != 0 {
                    best = Some((end, m));
                }
            }
            None => break,
        }
    }
    let Some((matched_end, (c1, c2))) = best else {
        out.push('&');
        return from;
    };
    let last = bytes[matched_end - 1];
    let next = bytes.get(matched_end).copied();
    if last != b';' && in_attribute && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric())
    {
        out.push('&');
        return from;
    }
    out.extend(char::from_u32(c1));
    if c2 != 0 {
        out.extend(char::from_u32(c2));
    }
    matched_end
}
