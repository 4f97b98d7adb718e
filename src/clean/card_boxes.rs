//! Boxes of other stories inside the article, copied without links: each
//! card a heading (the story's title), then one line under it (its kicker
//! and standfirst), neither ending a sentence, three cards or more in a
//! row. An article's section heading has prose under it, whose sentences
//! end; a card's standfirst is a phrase. `card_runs` reads the page's
//! tail; this reads the middle, where only cards under headings count.

use std::ops::RangeInclusive;

use super::card_runs::{ends_a_statement, is_ideograph};
use super::judge::{Piece, Verdict, first_prose};
use super::{NoiseKind, Role};

/// Cards in a row before they are a box of other stories.
const MIN_CARDS: usize = 3;
/// Words of a card's title: a phrase, no longer than a headline.
const TITLE_WORDS: RangeInclusive<usize> = 3..=20;
/// Words of the line under it: a kicker and a standfirst.
const STANDFIRST_WORDS: RangeInclusive<usize> = 4..=45;

/// Marks runs of headed, unpunctuated cards after the article's first
/// paragraph as related stories.
pub(super) fn mark_card_boxes(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let Some(body) = first_prose(pieces, words) else {
        return;
    };
    // Chinese and Japanese lines punctuate their own way (as in
    // `card_runs`).
    if pieces[body].block.text.chars().any(is_ideograph) {
        return;
    }
    let is_title = |i: usize, verdicts: &[Verdict]| {
        let piece = &pieces[i];
        piece.block.role == Role::Heading
            && TITLE_WORDS.contains(&words[i])
            && matches!(&verdicts[i], None | Some((NoiseKind::Related, _)))
            && !ends_a_statement(&piece.block.text)
            && reads_as_words(&piece.block.text)
    };
    // A line a rule took already as a menu's, a promo's or a list's
    // entry still holds the card's place.
    let is_standfirst = |i: usize, verdicts: &[Verdict]| match &verdicts[i] {
        Some((kind, _)) => matches!(kind, NoiseKind::Related | NoiseKind::Nav | NoiseKind::Promo),
        None => {
            let piece = &pieces[i];
            piece.block.role == Role::Paragraph
                && STANDFIRST_WORDS.contains(&words[i])
                && !ends_a_statement(&piece.block.text)
                && reads_as_words(&piece.block.text)
        }
    };
    let mut i = body + 1;
    while i + 1 < pieces.len() {
        let start = i;
        let mut cards = 0;
        while i + 1 < pieces.len() && is_title(i, verdicts) && is_standfirst(i + 1, verdicts) {
            cards += 1;
            i += 2;
        }
        if cards >= MIN_CARDS {
            for verdict in &mut verdicts[start..i] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Related, "card-box".into()));
                }
            }
        }
        if cards == 0 {
            i += 1;
        }
    }
}

/// Share of letters among a card line's visible characters, and the
/// letters of its average word: a formula or a row of figures under a
/// heading ("x ˙ = σ ( y − x )") is no standfirst.
const MIN_LETTER_SHARE: f64 = 0.75;
const MIN_MEAN_WORD_CHARS: f64 = 3.0;

/// Whether `text` is written in words rather than symbols or figures.
fn reads_as_words(text: &str) -> bool {
    let (mut visible, mut letters, mut words) = (0usize, 0usize, 0usize);
    for word in text.split_whitespace() {
        words += 1;
        for c in word.chars() {
            visible += 1;
            letters += usize::from(c.is_alphabetic());
        }
    }
    words > 0
        && letters as f64 >= MIN_LETTER_SHARE * visible as f64
        && letters as f64 >= MIN_MEAN_WORD_CHARS * words as f64
}

#[cfg(test)]
mod tests {
    use super::reads_as_words;

    #[test]
    fn formulas_and_figures_are_not_words() {
        assert!(reads_as_words("Coast | Volunteers brought a yacht ashore"));
        assert!(!reads_as_words("x ˙ = σ ( y − x ) y ˙ = ρ x − y − x z"));
        assert!(!reads_as_words("2019 4.2m 3.1m 7 4 1"));
        assert!(!reads_as_words(""));
    }
}
