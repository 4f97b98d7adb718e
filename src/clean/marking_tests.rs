//! Test support for the passes that judge a block by its neighbours
//! (glued lists, card runs): lines of text as paragraphs, judged by one
//! pass.

use super::Role;
use super::judge::{Piece, Verdict};

/// A paragraph of news prose, long enough to count as the article.
pub(super) const PROSE: &str = "The ministers met in Vienna on Tuesday, and after six hours of talks \
    they agreed to meet again next month to settle the remaining questions on inspections.";

/// Each of `lines`' verdicts after `mark` alone has judged them.
pub(super) fn judged_by(
    lines: &[&str],
    mark: fn(&[Piece], &[usize], &mut [Verdict]),
) -> Vec<Verdict> {
    let pieces: Vec<Piece> = lines
        .iter()
        .map(|l| Piece::plain(Role::Paragraph, l))
        .collect();
    let words: Vec<usize> = lines.iter().map(|l| crate::text::word_count(l)).collect();
    let mut verdicts = vec![None; lines.len()];
    mark(&pieces, &words, &mut verdicts);
    verdicts
}
