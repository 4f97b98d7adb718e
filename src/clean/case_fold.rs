//! The one lowercasing that rules read: ASCII letters, and the capitals
//! of Latin-1, Latin Extended-A, Greek and Cyrillic ("NUR FÜR
//! ABONNENTEN", "À LIRE AUSSI", "ŽIVOT", "ΕΙΔΗΣΕΙΣ", "НОВОСТИ"). Each of
//! those capitals and its small letter take the same number of UTF-8
//! bytes, so the folded text keeps every byte where it was: an offset
//! found in it is an offset in the original, at the same character
//! boundaries. Other capitals (İ, whose small letter is longer; Armenian,
//! Georgian…) stay as they are.

use std::borrow::Cow;

/// `text` folded: a copy only when some byte may change. Blocks are
/// mostly ASCII: their letters are lowercased in bulk, then only the lead
/// bytes of the two-byte capitals this module folds are looked at.
pub fn fold_case(text: &str) -> Cow<'_, [u8]> {
    let bytes = text.as_bytes();
    let may_fold_more = !bytes.is_ascii() && has_foldable_lead(bytes);
    if !may_fold_more && !bytes.iter().any(u8::is_ascii_uppercase) {
        return Cow::Borrowed(bytes);
    }
    let mut out = bytes.to_ascii_lowercase();
    if may_fold_more {
        fold_two_byte_capitals(&mut out);
    }
    Cow::Owned(out)
}

/// `fold_case` as a string (the rules' own phrases, folded once).
pub fn fold_case_string(text: &str) -> String {
    match fold_case(text) {
        Cow::Borrowed(_) => text.to_owned(),
        // The fold swaps whole characters for whole characters.
        Cow::Owned(bytes) => String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()),
    }
}

/// The first bytes of two-byte characters that may be folded capitals:
/// U+00C0–U+017F, then U+0380–U+03BF and U+0400–U+043F. These bytes are
/// never inside a character, so each one found starts one.
const LATIN_LEADS: [u8; 3] = [0xC3, 0xC4, 0xC5];
const GREEK_AND_CYRILLIC_LEADS: [u8; 2] = [0xCE, 0xD0];

fn next_latin_lead(bytes: &[u8], from: usize) -> Option<usize> {
    let [a, b, c] = LATIN_LEADS;
    memchr::memchr3(a, b, c, bytes.get(from..)?).map(|at| from + at)
}

fn next_greek_or_cyrillic_lead(bytes: &[u8], from: usize) -> Option<usize> {
    let [a, b] = GREEK_AND_CYRILLIC_LEADS;
    memchr::memchr2(a, b, bytes.get(from..)?).map(|at| from + at)
}

fn has_foldable_lead(bytes: &[u8]) -> bool {
    next_latin_lead(bytes, 0).is_some() || next_greek_or_cyrillic_lead(bytes, 0).is_some()
}

/// Folds the two-byte capitals of `bytes` (valid UTF-8) in place: one
/// pass per set of lead bytes (a folded Latin letter keeps a Latin lead).
fn fold_two_byte_capitals(bytes: &mut [u8]) {
    for next_lead in [next_latin_lead, next_greek_or_cyrillic_lead] {
        let mut from = 0;
        while let Some(at) = next_lead(bytes, from) {
            let Some(&next) = bytes.get(at + 1) else {
                break;
            };
            let code = (u32::from(bytes[at] & 0x1F) << 6) | u32::from(next & 0x3F);
            let lower = lowercase_two_byte(code);
            if lower != code {
                // Every result lies in U+0080–U+07FF: two bytes again.
                bytes[at] = 0xC0 | (lower >> 6) as u8;
                bytes[at + 1] = 0x80 | (lower & 0x3F) as u8;
            }
            from = at + 2;
        }
    }
}

/// The small letter of a two-byte capital this module folds, else `code`.
fn lowercase_two_byte(code: u32) -> u32 {
    match code {
        // Latin-1: À–Þ, but not ×.
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Latin Extended-A pairs (capital first), İ left alone.
        0x100..=0x137 | 0x14A..=0x177 if code.is_multiple_of(2) && code != 0x130 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !code.is_multiple_of(2) => code + 1,
        0x178 => 0xFF,
        // Greek with tonos, then Α–Ϋ (U+03A2 is unassigned).
        0x386 => 0x3AC,
        0x388..=0x38A => code + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => code + 0x3F,
        0x391..=0x3AB if code != 0x3A2 => code + 0x20,
        // Cyrillic Ѐ–Џ, then А–Я.
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    use super::{fold_case, fold_case_string};
    use proptest::prelude::*;

    fn fold_char(c: char) -> String {
        fold_case_string(c.encode_utf8(&mut [0; 4]))
    }

    /// `c`'s lowercase when it is one character of the same UTF-8 length.
    fn same_length_lowercase(c: char) -> Option<char> {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => Some(l),
            _ => None,
        }
    }

    #[test]
    fn the_fold_agrees_with_char_to_lowercase_on_every_block_it_covers() {
        let covered = [
            '\u{0}'..='\u{17F}',
            '\u{386}'..='\u{3AB}',
            '\u{400}'..='\u{42F}',
        ];
        let mut folded = 0;
        for c in covered.into_iter().flatten() {
            let expected = same_length_lowercase(c).unwrap_or(c);
            assert_eq!(fold_char(c), expected.to_string(), "U+{:04X}", c as u32);
            folded += usize::from(expected != c);
        }
        // 26 ASCII, 30 Latin-1, 63 Extended-A, 32 Greek, 48 Cyrillic.
        assert!(folded >= 190, "only {folded} capitals folded");
    }

    #[test]
    fn any_character_folds_to_itself_or_its_lowercase_in_as_many_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let folded: Vec<char> = fold_char(c).chars().collect();
            assert_eq!(folded.len(), 1, "U+{:04X}", c as u32);
            assert!(
                folded[0] == c || Some(folded[0]) == same_length_lowercase(c),
                "U+{:04X} became {:?}",
                c as u32,
                folded[0]
            );
            assert_eq!(folded[0].len_utf8(), c.len_utf8());
        }
    }

    #[test]
    fn labels_in_capitals_fold_to_the_phrases_rules_write() {
        for (capitals, phrase) in [
            ("NUR FÜR ABONNENTEN", "nur für abonnenten"),
            ("À LIRE AUSSI", "à lire aussi"),
            ("RÉSERVÉ AUX ABONNÉS", "réservé aux abonnés"),
            ("ARTÍCULOS RELACIONADOS", "artículos relacionados"),
            ("ŻÓŁW ŸSER ŒUVRE", "żółw ÿser œuvre"),
            ("ΕΙΔΉΣΕΙΣ", "ειδήσεισ"),
            ("ЧИТАЙТЕ ТАКЖЕ", "читайте также"),
        ] {
            assert_eq!(fold_case_string(capitals), phrase);
        }
        // × is no letter; İ's lowercase is two characters; ẞ has three bytes.
        assert_eq!(fold_case_string("2×3 İ ẞ"), "2×3 İ ẞ");
        assert!(matches!(
            fold_case("nothing to do, 北京"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest! {
        #[test]
        fn folding_a_text_is_folding_each_character_in_place(
            chars in prop::collection::vec(
                prop_oneof![
                    any::<char>(),
                    proptest::char::range('\u{0}', '\u{52F}'),
                    proptest::char::range('A', 'z'),
                ],
                0..40,
            )
        ) {
            let text: String = chars.into_iter().collect();
            let folded = fold_case(&text);
            prop_assert_eq!(folded.len(), text.len());
            let expected: String = text.chars().map(fold_char).collect();
            prop_assert_eq!(folded.as_ref(), expected.as_bytes());
            for (at, _) in text.char_indices() {
                prop_assert!(expected.is_char_boundary(at));
            }
        }
    }
}
