//! Counting words in any script. Chinese and Japanese are written without
//! spaces, so a whitespace count calls a whole paragraph one word; there a
//! word is counted for every two characters (their average word length).

/// Words in `text`: whitespace-separated, with runs of Chinese or
/// Japanese characters counted as one word per two characters.
pub fn word_count(text: &str) -> usize {
    // The cleaner counts every block several times: ASCII text (most
    // English) takes a byte scan instead of a char walk per token.
    if text.is_ascii() {
        return ascii_word_count(text.as_bytes());
    }
    tokens(text)
        .map(|token| {
            if token.is_ascii() {
                return 1;
            }
            let ideographic = token.chars().filter(|&c| is_ideographic(c)).count();
            ideographic.div_ceil(2).max(1)
        })
        .sum()
}

/// Whitespace-separated tokens of ASCII text (the same whitespace as
/// `char::is_whitespace` in ASCII: space and U+0009 to U+000D).
fn ascii_word_count(bytes: &[u8]) -> usize {
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at a non-space byte after a space (or at the start).
    // Each pair is judged alone and counted in a byte per 255 pairs, so
    // the loop vectorises: ten times the speed of a scan that carries
    // "in a word" from byte to byte.
    let mut words = usize::from(!is_ascii_space(first));
    for (before, after) in bytes.chunks(255).zip(bytes[1..].chunks(255)) {
        let mut starts: u8 = 0;
        for (&b, &next) in before.iter().zip(after) {
            starts += u8::from(is_ascii_space(b) & !is_ascii_space(next));
        }
        words += usize::from(starts);
    }
    words
}

/// `char::is_whitespace` for an ASCII byte.
#[inline(always)]
const fn is_ascii_space(b: u8) -> bool {
    // Branch-free (space, or tab to carriage return): the word count
    // vectorises.
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// `str::split_whitespace`, with ASCII bytes classified without decoding
/// a character: the cleaner splits every block of every feed body.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

/// Appends the words of `text` to `out`, one space between each: `tokens`
/// joined by spaces. Prose, whose words are one ASCII space apart, is
/// copied a stretch at a time, not a word at a time: every text node of
/// every feed body passes here.
pub fn push_words(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut at = skip_spaces(bytes, 0);
    let mut from = at;
    while at < bytes.len() {
        if BYTE_CLASS[usize::from(bytes[at])] == 0 {
            at = skip_plain_prose(bytes, at + 1);
            continue;
        }
        let len = space_len(bytes, at);
        if len == 0 {
            // The first byte of a character that is not whitespace.
            at += 1;
            continue;
        }
        if len == 1
            && bytes[at] == b' '
            && bytes
                .get(at + 1)
                .is_some_and(|&b| BYTE_CLASS[usize::from(b)] == 0)
        {
            // One space between two words of a stretch.
            at += 1;
            continue;
        }
        // Any other run of whitespace ends the stretch.
        out.push_str(&text[from..at]);
        at = skip_spaces(bytes, at);
        if at < bytes.len() {
            out.push(' ');
        }
        from = at;
    }
    out.push_str(&text[from..]);
}

/// Past eight bytes at a time of ASCII prose whose words are one space
/// apart (what `push_words` copies unchanged), from `at`, whose previous
/// byte is part of a word: where the byte loop has to look again. The
/// byte before the returned position is part of a word too.
fn skip_plain_prose(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    const LOW7: u64 = ONES * 0x7F;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of each byte that is not plain: non-ASCII, or
        // below 0x21 (controls and the space itself).
        let below_0x21 = !(((w & LOW7) + ONES * 0x5F) | w) & HIGH;
        let other = (w ^ (ONES * 0x20)) & LOW7;
        let space = !((other + LOW7) | (w ^ (ONES * 0x20))) & HIGH;
        let lone_spaces = space & !(space >> 8) & !(space << 8);
        // Only lone spaces, and the chunk ends inside a word.
        if w & HIGH != 0 || below_0x21 != space || lone_spaces != space || chunk[7] == b' ' {
            break;
        }
        at += 8;
    }
    at
}

/// Where the run of whitespace at `at` ends.
fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() {
        match space_len(bytes, at) {
            0 => break,
            n => at += n,
        }
    }
    at
}

/// The iterator of `tokens`.
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

/// Each byte's part in splitting on whitespace: 0 a byte of a word, 1
/// ASCII whitespace, 2 the first byte of a character that may be
/// whitespace. A table keeps the scan over a word to one load and one
/// test per byte.
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if is_ascii_space(b as u8) {
            table[b] = 1;
        }
        b += 1;
    }
    table[0xC2] = 2;
    table[0xE1] = 2;
    table[0xE2] = 2;
    table[0xE3] = 2;
    table
}

/// The length in bytes of the whitespace character starting at `at`, or
/// 0: `char::is_whitespace` read from UTF-8 bytes without decoding. Past
/// ASCII, White_Space is U+0085, U+00A0, U+1680, U+2000 to U+200A,
/// U+2028, U+2029, U+202F, U+205F and U+3000. A continuation byte is
/// never one of their first bytes.
#[inline(always)]
fn space_len(bytes: &[u8], at: usize) -> usize {
    let b = bytes[at];
    match BYTE_CLASS[usize::from(b)] {
        0 => return 0,
        1 => return 1,
        _ => {}
    }
    let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
    let space = match b {
        0xC2 => matches!(next(1), 0x85 | 0xA0),
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => next(2) == 0x9F,
            _ => false,
        },
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    };
    match (space, b) {
        (false, _) => 0,
        (true, 0xC2) => 2,
        (true, _) => 3,
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        loop {
            if self.at >= bytes.len() {
                return None;
            }
            match space_len(bytes, self.at) {
                0 => break,
                n => self.at += n,
            }
        }
        let start = self.at;
        // A token ends where a whitespace character starts, so both ends
        // are character boundaries.
        loop {
            let rest = &bytes[self.at..];
            match rest.iter().position(|&b| BYTE_CLASS[usize::from(b)] != 0) {
                None => {
                    self.at = bytes.len();
                    break;
                }
                Some(n) => self.at += n,
            }
            if space_len(bytes, self.at) > 0 {
                break;
            }
            self.at += 1;
        }
        Some(&self.text[start..self.at])
    }
}

/// Han ideographs, kana and their compatibility forms.
fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'   // half-width katakana
        | '\u{20000}'..='\u{2FA1F}' // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::word_count;

    #[test]
    fn spaced_scripts_count_tokens() {
        assert_eq!(word_count("The minister met  her counterpart"), 5);
        assert_eq!(word_count("Министр встретился с коллегой"), 4);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn chinese_and_japanese_count_by_characters() {
        // 18 ideographs and a full-width question mark: 9 words.
        assert_eq!(word_count("宇航员在太空中喝酒会怎么样？后果很严重"), 9);
        assert_eq!(word_count("これは日本語の文です。"), 5);
        // Mixed: a Latin token, a number with a unit.
        assert_eq!(word_count("DeepMind 2016年"), 2);
    }

    #[test]
    fn tokens_split_as_split_whitespace_does() {
        for text in [
            "",
            " \u{a0} ",
            "one",
            " one two\tthree\n\x0bfour\x0c\r five ",
            "a\u{a0}b\u{2003}c\u{3000}d\u{85}e",
            "naïve café — au lait\u{2028}x",
            "宇航员 在太空中\u{3000}喝酒",
            "\u{1680}lead and trail\u{205f}",
            "\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{2060}x\u{3001}y",
            "\u{c2}\u{e1}\u{e2}\u{e3}",
        ] {
            let ours: Vec<&str> = super::tokens(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
        // Every character: whitespace or not, as `char::is_whitespace`.
        for c in (0..=0x3100u32)
            .chain([0x1_0000, 0x10_FFFF])
            .filter_map(char::from_u32)
        {
            let text = format!("a{c}b");
            let split = super::tokens(&text).count() == 2;
            assert_eq!(split, c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn pushed_words_are_the_tokens_joined_by_one_space() {
        for text in [
            "",
            " ",
            "one",
            " one two\tthree\n\x0bfour\x0c\r five ",
            "a\u{a0}b c\u{2003}\u{2003}d\u{3000}e",
            "naïve café — “au lait”  ",
            "two  spaces, then one ",
            "ends with a space ",
            "北京会谈 今天\u{85}重新",
            "a \u{a0}b",
        ] {
            let mut out = String::from("x");
            super::push_words(&mut out, text);
            let joined: Vec<&str> = super::tokens(text).collect();
            assert_eq!(out, format!("x{}", joined.join(" ")), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time or one, the words are the tokens: long
        /// runs of prose with every kind of space at every offset.
        #[test]
        fn pushed_words_are_the_tokens_of_any_text(
            text in "([a-z.,é]{0,12}[ ]{0,2}[\t\n\u{a0}\u{2003}\u{85}\x1f]?){0,30}"
        ) {
            let mut out = String::new();
            super::push_words(&mut out, &text);
            let joined: Vec<&str> = super::tokens(&text).collect();
            proptest::prop_assert_eq!(out, joined.join(" "));
        }
    }

    #[test]
    fn the_ascii_scan_agrees_with_the_token_count() {
        for text in [
            "",
            " ",
            "one",
            " one two\tthree\n\x0bfour\x0c\r five ",
            "a\u{a0}b c",
            "naïve café au lait",
        ] {
            let tokens = text.split_whitespace().count();
            assert_eq!(word_count(text), tokens, "{text:?}");
        }
    }
}
