//! Repeated blocks: a pull quote, a standfirst printed twice.

use super::NoiseKind;
use super::judge::{Piece, Verdict};

/// A block the reader has seen before (five words or more) is a repeat:
/// pull quotes, a standfirst printed twice. A copy another rule removed
/// was never seen: a heading listed first in a table of contents is still
/// the heading. Shorter blocks are never called repeats, so they are not
/// hashed either; nor is a block whose word count no other block has
/// (blocks equal up to case and spacing have the same count).
pub(super) fn mark_repeats(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let candidate = |i: usize| words[i] >= 5 && verdicts[i].is_none();
    let mut counts: rustc_hash::FxHashMap<usize, u32> = Default::default();
    for i in (0..pieces.len()).filter(|&i| candidate(i)) {
        *counts.entry(words[i]).or_default() += 1;
    }
    let mut seen: rustc_hash::FxHashSet<u64> = Default::default();
    let mut buffer = String::new();
    for ((piece, verdict), &count) in pieces.iter().zip(verdicts.iter_mut()).zip(words) {
        if count < 5 || verdict.is_some() || counts.get(&count).is_none_or(|&n| n < 2) {
            continue;
        }
        if !seen.insert(repeat_key(&piece.block.text, &mut buffer)) {
            *verdict = Some((NoiseKind::Duplicate, "repeated-block".into()));
        }
    }
}

/// A block's text up to case and spacing, as a 64-bit hash (a collision
/// would only call one block a repeat). `buffer` is reused between
/// blocks.
fn repeat_key(text: &str, buffer: &mut String) -> u64 {
    use std::hash::Hasher;
    buffer.clear();
    for word in crate::text::tokens(text) {
        if word.is_ascii() {
            buffer.push_str(word);
        } else {
            buffer.extend(word.chars().flat_map(char::to_lowercase));
        }
        buffer.push(' ');
    }
    // Lower-cased Unicode holds no upper-case ASCII, so this finishes the
    // ASCII words without touching the others.
    buffer.make_ascii_lowercase();
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(buffer.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::super::marking_tests::judged_by;
    use super::*;

    #[test]
    fn a_repeat_is_found_up_to_case_and_spacing_and_only_a_repeat() {
        let verdicts = judged_by(
            &[
                "The talks resume in Vienna today",
                "Ministers agreed to meet again next month",
                "Another block of six words here",
                "THE talks\u{a0} resume in\nVienna   today",
                "北京会谈今天重新开始了 the talks resume",
                "北京会谈今天重新开始了 THE TALKS RESUME",
            ],
            mark_repeats,
        );
        let repeats: Vec<usize> = (0..verdicts.len())
            .filter(|&i| verdicts[i].is_some())
            .collect();
        assert_eq!(repeats, [3, 5]);
    }
}
