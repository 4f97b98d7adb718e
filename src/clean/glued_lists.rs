//! Story cards copied as text: each card's title glued to its kicker or
//! standfirst with no space between ("…a shopping centre?Under The Radar
//! Thousands of strangers…", "Crossword: October 27, 2025The Week's daily
//! crossword"). A site's own kickers find these where its rules know them
//! (`site-kicker-entry`); this finds them on any site, by the glue. One
//! glued line may be a brand name ("sales of the iPhone"); a run of them
//! after the article's first paragraph, whose glued words repeat (the
//! same kicker on several cards) or that runs long, is a list of other
//! stories.

use std::collections::HashSet;

use super::judge::{Piece, Verdict, first_prose};
use super::{NoiseKind, Role};

/// Lines in a run before it counts as a list.
const MIN_ENTRIES: usize = 3;
/// A run this long needs no repeated kicker.
const MIN_ENTRIES_UNREPEATED: usize = 5;
/// Words of a card: a title and a standfirst.
const MAX_ENTRY_WORDS: usize = 60;
/// Words of a card's title, the glued one included: at least a phrase
/// ("the iPhone" is not a title), and no more than a headline.
const TITLE_WORDS: std::ops::RangeInclusive<usize> = 3..=25;

/// Characters of the title's last word before the glue.
const MIN_GLUED_AFTER: usize = 3;

/// Marks runs of glued cards after the article's first paragraph.
pub(super) fn mark_glued_lists(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let Some(body) = first_prose(pieces, words) else {
        return;
    };
    let glued: Vec<Option<String>> = pieces
        .iter()
        .zip(words)
        .enumerate()
        .map(|(i, (p, &count))| {
            let entry = i > body
                && count <= MAX_ENTRY_WORDS
                && matches!(p.block.role, Role::Paragraph | Role::Item | Role::Heading);
            entry.then(|| glued_word(&p.block.text)).flatten()
        })
        .collect();
    let mut start = 0;
    while start < glued.len() {
        let end = (start..glued.len())
            .find(|&i| glued[i].is_none())
            .unwrap_or(glued.len());
        if is_list(&glued[start..end]) {
            for verdict in &mut verdicts[start..end] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Related, "glued-list".into()));
                }
            }
        }
        start = end + 1;
    }
}

/// Whether a run of glued lines (each given by its glued word) is a list.
fn is_list(run: &[Option<String>]) -> bool {
    if run.len() < MIN_ENTRIES {
        return false;
    }
    if run.len() >= MIN_ENTRIES_UNREPEATED {
        return true;
    }
    let mut seen = HashSet::new();
    run.iter().flatten().any(|word| !seen.insert(word.as_str()))
}

/// The word glued to a title in `text`, lower-cased, when there is one: a
/// lower-case letter, a digit or a closing mark directly followed by a
/// capital that opens a word, three to 25 words into the line, with more
/// words after it.
pub(super) fn glued_word(text: &str) -> Option<String> {
    // A card's title opens with a word or a quote (a reference opens
    // with `^`, a list entry with a bullet).
    if !text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '‘' | '“' | '\'' | '"'))
    {
        return None;
    }
    let mut words_before = 0;
    let mut token_start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if previous.is_some_and(|p| !p.is_whitespace()) {
                words_before += 1;
            }
        } else if previous.is_none_or(char::is_whitespace) {
            token_start = at;
        } else if c.is_uppercase()
            && previous.is_some_and(ends_a_title)
            // A name's capital ("McKinnon", "LeBron", "iPhone") comes
            // within the first two letters of its word.
            && text[token_start..at].chars().count() >= MIN_GLUED_AFTER
            && TITLE_WORDS.contains(&(words_before + 1))
        {
            let rest = &text[at..];
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '\'' | '’'))
                .collect();
            let more_after = rest[word.len()..].trim_start().chars().next().is_some();
            if word.chars().count() >= 2 && more_after {
                return Some(word.to_lowercase());
            }
        }
        if words_before >= *TITLE_WORDS.end() {
            return None;
        }
        previous = Some(c);
    }
    None
}

/// A character a title can end with when the next card's text is glued to
/// it.
fn ends_a_title(c: char) -> bool {
    // Straight quotes open as often as they close: not these.
    c.is_lowercase() || c.is_ascii_digit() || matches!(c, '?' | '!' | '.' | ')' | '’' | '”')
}

#[cfg(test)]
mod tests {
    use super::super::marking_tests::{PROSE, judged_by};
    use super::*;

    fn judged(lines: &[&str]) -> Vec<Verdict> {
        judged_by(lines, mark_glued_lists)
    }

    #[test]
    fn glue_is_found_after_a_title_and_not_in_a_brand_name_that_opens_a_line() {
        assert_eq!(
            glued_word(
                "Mall World: why are people dreaming about a shopping centre?Under The Radar Thousands"
            ),
            Some("under".into())
        );
        assert_eq!(
            glued_word("Crossword: October 27, 2025The Week's daily crossword"),
            Some("the".into())
        );
        assert_eq!(
            glued_word("Interpol arrests hundreds in crackdownIN THE SPOTLIGHT A series"),
            Some("in".into())
        );
        assert_eq!(glued_word("PlayStation sales rose again this year"), None);
        assert_eq!(glued_word("Apple's iPhone sold well"), None);
        assert_eq!(
            glued_word("Place names, by the historian McKinnon, Malcolm"),
            None
        );
        assert_eq!(
            glued_word("^ Tasman, Abel. \"Journal of a Voyage\". Project Gutenberg"),
            None
        );
        assert_eq!(
            glued_word("Tasman, Abel wrote \"Journal of a Voyage\" in 1642"),
            None
        );
        assert_eq!(glued_word("The talks went well."), None);
        // Glue at the very end has no card text after it.
        assert_eq!(glued_word("Sales of the new MacBook"), None);
    }

    #[test]
    fn a_run_of_glued_cards_after_the_prose_goes_and_the_article_stays() {
        let lines = [
            "Talks resume in Vienna",
            PROSE,
            "Another paragraph of the article that ends the story here.",
            "Mall World: why are people dreaming about a shopping centre?Under The Radar Thousands of strangers are dreaming",
            "Ukraine: Donald Trump pivots againIn the Spotlight US president apparently warned Zelenskyy",
            "Proposed talks in Budapest on holdSpeed Read Trump apparently has no concrete plans",
            "Russia is helping China prepare for an invasion of TaiwanIn the Spotlight Russia is reportedly allowing access",
        ];
        let verdicts = judged(&lines);
        assert!(verdicts[..3].iter().all(Option::is_none), "{verdicts:?}");
        assert!(
            verdicts[3..]
                .iter()
                .all(|v| matches!(v, Some((NoiseKind::Related, rule)) if rule == "glued-list")),
            "{verdicts:?}"
        );
    }

    #[test]
    fn brand_names_in_a_few_lines_are_no_list() {
        // Three lines with glue, but no kicker repeats and the run is short.
        let lines = [
            PROSE,
            "Shares of the company McDonald's rose after the results",
            "Viewers on the platform YouTube watched the debate live",
            "Users of the app WhatsApp shared the clip widely",
        ];
        assert!(judged(&lines).iter().all(Option::is_none));
        // Glued lines before the first paragraph of prose are not a list
        // of other stories either.
        let lines = [
            "Mall World: why are people dreaming about a shopping centre?Under The Radar Thousands",
            "Ukraine: Donald Trump pivots againIn the Spotlight US president apparently warned",
            "Russia helps China prepare for TaiwanIn the Spotlight Russia is reportedly",
            PROSE,
        ];
        assert!(judged(&lines).iter().all(Option::is_none));
    }
}
