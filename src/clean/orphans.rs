//! Headings and labels left behind at the article's end: a tag box's
//! "More about:", a "Comments" heading over removed comments. When
//! everything after a heading was removed, the heading introduced noise
//! too and goes with it, under the first removed block's kind. (Inside
//! the article a heading over removed blocks may open a section whose
//! subheadings follow: the blocks carry no heading levels to tell.)

use super::Role;
use super::judge::{Piece, Verdict};
use super::sentence_end::ends_a_sentence;

/// Words of a label that introduces what follows ("More about:",
/// "Tags:", "Related topics:").
const MAX_LABEL_WORDS: usize = 5;

/// Marks each kept heading (or label ending in a colon) after which
/// every block was removed.
pub(super) fn mark_orphan_headings(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    for i in 0..pieces.len() {
        if verdicts[i].is_some() || !introduces(&pieces[i], words[i]) {
            continue;
        }
        let rest = &verdicts[i + 1..];
        let kind = rest.first().and_then(|v| v.as_ref()).map(|(k, _)| *k);
        if let (true, Some(kind)) = (rest.iter().all(Option::is_some), kind) {
            verdicts[i] = Some((kind, "orphan-heading".into()));
        }
    }
}

/// A heading, or a short label that ends in a colon.
fn introduces(piece: &Piece, words: usize) -> bool {
    let text = piece.block.text.trim_end();
    match piece.block.role {
        Role::Heading => true,
        Role::Paragraph => {
            words <= MAX_LABEL_WORDS && text.ends_with(':') && !ends_a_sentence(text)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::marking_tests::PROSE;
    use super::*;
    use crate::clean::NoiseKind;

    fn piece(role: Role, text: &str) -> Piece {
        Piece::plain(role, text)
    }

    fn judged(pieces: &[Piece], removed: &[usize]) -> Vec<Verdict> {
        let words: Vec<usize> = pieces
            .iter()
            .map(|p| crate::text::word_count(&p.block.text))
            .collect();
        let mut verdicts: Vec<Verdict> = (0..pieces.len())
            .map(|i| {
                removed
                    .contains(&i)
                    .then(|| (NoiseKind::Related, "html-related".to_owned()))
            })
            .collect();
        mark_orphan_headings(pieces, &words, &mut verdicts);
        verdicts
    }

    #[test]
    fn a_heading_or_label_over_removed_blocks_only_goes_with_them() {
        let pieces = [
            piece(Role::Paragraph, PROSE),
            piece(Role::Heading, "Business news in pictures"),
            piece(Role::Paragraph, "Getty Images"),
            piece(Role::Paragraph, "50 show all"),
            piece(Role::Heading, "6. Mini bars almost always lose money"),
            piece(Role::Paragraph, PROSE),
            piece(Role::Heading, "Readers' comments"),
            piece(Role::Paragraph, "More about:"),
            piece(Role::Paragraph, "Hotels"),
            piece(Role::Paragraph, "Travel"),
        ];
        let verdicts = judged(&pieces, &[2, 3, 6, 8, 9]);
        let orphans: Vec<usize> = (0..pieces.len())
            .filter(
                |&i| matches!(&verdicts[i], Some((NoiseKind::Related, r)) if r == "orphan-heading"),
            )
            .collect();
        // Inside the article a heading over removed blocks stays: a
        // section's subheadings may follow.
        assert_eq!(orphans, [7]);
        assert!(verdicts[1].is_none() && verdicts[4].is_none() && verdicts[5].is_none());
    }

    #[test]
    fn a_heading_with_any_kept_block_under_it_stays() {
        let pieces = [
            piece(Role::Heading, "The talks"),
            piece(Role::Paragraph, "Getty Images"),
            piece(Role::Paragraph, PROSE),
            piece(Role::Heading, "What comes next"),
            piece(Role::Heading, "In the spring"),
            piece(Role::Paragraph, PROSE),
            piece(Role::Paragraph, "The figures:"),
            piece(Role::Paragraph, PROSE),
            piece(Role::Heading, "Nothing removed under me"),
        ];
        let verdicts = judged(&pieces, &[1]);
        assert!(
            verdicts
                .iter()
                .enumerate()
                .all(|(i, v)| i == 1 || v.is_none()),
            "{verdicts:?}"
        );
    }
}
