//! Repeated blocks: a pull quote, a standfirst printed twice.

use super::judge::{Piece, Verdict};
use super::{NoiseKind, Role};

/// A block the reader has seen before (five words or more) is a repeat:
/// pull quotes, a standfirst printed twice, an image whose alt text is
/// the headline or the caption beside it (an image is compared by its
/// caption, without the `[image: …]` around it). A copy another rule
/// removed was never seen: a heading listed first in a table of contents
/// is still the heading. Shorter blocks are never called repeats, so they
/// are not hashed either; nor is a block whose word count no other block
/// has (blocks equal up to case and spacing have the same count).
pub(super) fn mark_repeats(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let text = |i: usize| pieces[i].block.inner_text();
    // An image's words without the word "image" of its marker.
    let count = |i: usize| match pieces[i].block.role {
        Role::Image => crate::text::word_count(text(i)),
        _ => words[i],
    };
    let counts_of: Vec<usize> = (0..pieces.len()).map(count).collect();
    let candidates: Vec<bool> = (0..pieces.len())
        .map(|i| counts_of[i] >= 5 && verdicts[i].is_none())
        .collect();
    let mut counts: rustc_hash::FxHashMap<usize, u32> = Default::default();
    for i in (0..pieces.len()).filter(|&i| candidates[i]) {
        *counts.entry(counts_of[i]).or_default() += 1;
    }
    let mut seen: rustc_hash::FxHashSet<u64> = Default::default();
    let mut buffer = String::new();
    for i in 0..pieces.len() {
        let count = counts_of[i];
        if !candidates[i] || counts.get(&count).is_none_or(|&n| n < 2) {
            continue;
        }
        if !seen.insert(repeat_key(text(i), &mut buffer)) {
            verdicts[i] = Some((NoiseKind::Duplicate, "repeated-block".into()));
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

    #[test]
    fn an_image_whose_alt_text_repeats_the_headline_or_a_caption_is_a_repeat() {
        use crate::clean::{RuleSet, clean_page};
        let prose = "The ministers met in Vienna on Tuesday, and after six hours of talks, \
            with advisers shuttling between rooms, they agreed to meet again next month.";
        let html = format!(
            "<html><head><title>The sharing economy is a lie, and here is why</title></head>\
             <body><article><h1>The sharing economy is a lie, and here is why</h1>\
             <img src=\"/a.jpg\" alt=\"The sharing economy is a lie, and here is why\">\
             <p>{prose}</p><img src=\"/b.jpg\" alt=\"Drivers wait for fares outside the station\">\
             <p>Drivers wait for fares outside the station</p>\
             <img src=\"/c.jpg\" alt=\"A second picture of the ministers in Vienna\">\
             <p>{prose} Again.</p></article></body></html>"
        );
        let c = clean_page(&html, None, &RuleSet::builtin());
        let images: Vec<&str> = c
            .blocks
            .iter()
            .filter(|b| b.role == Role::Image)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            images,
            [
                "[image: Drivers wait for fares outside the station]",
                "[image: A second picture of the ministers in Vienna]"
            ],
            "{c:?}"
        );
        let shown = c.text();
        assert_eq!(
            shown.matches("The sharing economy is a lie").count(),
            1,
            "{shown}"
        );
        assert_eq!(
            shown.matches("Drivers wait for fares").count(),
            1,
            "{shown}"
        );
        assert!(
            c.removed.iter().all(|r| r.rule == "repeated-block"),
            "{:?}",
            c.removed
        );
        assert_eq!(c.removed.len(), 2, "{:?}", c.removed);
    }
}
