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
    text.split_whitespace()
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
    let mut words = 0;
    let mut in_word = false;
    for &b in bytes {
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        words += usize::from(in_word && space);
        in_word = !space;
    }
    words + usize::from(in_word)
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
