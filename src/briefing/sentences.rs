//! A sentence splitter for news prose. A sentence ends at `.`, `!`, `?` or
//! `…` (with any closing quotes or brackets after it) when whitespace and
//! then a capital, a digit or an opening quote follow. It survives what
//! news text is full of: decimals ("2.5%": no space after the point),
//! titles ("Mr. Starmer"), numbers ("No. 10"), initialisms ("the U.S.
//! Senate") and quoted speech ("'No.' she said" does not end, "…retreat."
//! The minister" does).

/// Titles and words that never end a sentence when they take a point.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "maj", "st", "rev", "hon", "pres", "amb", "sec", "supt", "insp", "fr",
    "mt", "ft", "vs", "v", "e.g", "i.e", "cf", "approx", "est", "dept", "univ", "fig", "vol", "ch",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that take a number after them ("No. 10", "Art. 5").
const BEFORE_NUMBERS: &[&str] = &["no", "nos", "art", "p", "pp", "para"];

/// Abbreviations that end a sentence as often as not ("…Ltd. The firm",
/// "…the U.S. The move"): they end one only before a usual first word.
const AMBIGUOUS: &[&str] = &["etc", "inc", "ltd", "co", "corp", "plc", "jr", "sr", "bros"];

/// Words that usually open a sentence: after an initialism or an
/// ambiguous abbreviation, one of these means a new sentence.
const STARTERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "critics",
    "despite",
    "during",
    "for",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "many",
    "meanwhile",
    "most",
    "mr",
    "mrs",
    "ms",
    "now",
    "officials",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "two",
    "under",
    "we",
    "when",
    "while",
    "with",
    "yet",
    "you",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// The sentences of `text`, trimmed, in order; text after the last end
/// is a sentence too.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_terminal(c) {
            continue;
        }
        // The whole run of end punctuation and closers: "?!", ".\"", "…)".
        let mut end = i + c.len_utf8();
        let mut run_has_only_one_point = c == '.';
        while let Some(&(j, n)) = chars.peek() {
            if is_terminal(n) {
                run_has_only_one_point = false;
            } else if !is_closing(n) {
                break;
            }
            end = j + n.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next_word = rest.trim_start();
        if !opens_sentence(next_word) {
            continue;
        }
        if run_has_only_one_point && !point_ends_sentence(&text[start..i], next_word) {
            continue;
        }
        push_trimmed(&mut out, &text[start..end]);
        start = end;
    }
    push_trimmed(&mut out, &text[start..]);
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Whether `rest` can start a sentence: a capital, a digit, or an opening
/// quote or bracket.
fn opens_sentence(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening(c))
}

/// Whether a single point after `before` (the sentence so far) ends the
/// sentence, given the text that follows.
fn point_ends_sentence(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(is_opening);
    let lower = word.to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if BEFORE_NUMBERS.contains(&lower.as_str()) && next.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if AMBIGUOUS.contains(&lower.as_str()) || is_initial_or_initialism(word) {
        return starts_with_starter(next);
    }
    true
}

/// "F" (John F. Kennedy), "U.S", "U.K", "a.m": letters one or two at a
/// time between points.
fn is_initial_or_initialism(word: &str) -> bool {
    let mut parts = word.split('.');
    let first_is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    first_is_initial
        || (word.contains('.')
            && parts.all(|p| {
                let n = p.chars().count();
                (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
            }))
}

fn starts_with_starter(next: &str) -> bool {
    let word: String = next
        .trim_start_matches(is_opening)
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    STARTERS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::split_sentences;

    #[test]
    fn plain_sentences_split_on_their_ends() {
        assert_eq!(
            split_sentences("Talks resumed. Both sides met! Was it enough? Nobody knows"),
            vec![
                "Talks resumed.",
                "Both sides met!",
                "Was it enough?",
                "Nobody knows"
            ]
        );
    }

    #[test]
    fn abbreviations_titles_and_numbers_do_not_end_sentences() {
        assert_eq!(
            split_sentences(
                "Mr. Starmer spoke to Dr. Schmidt at No. 10 on Monday. Growth was 2.5% and \
                 inflation 3.1 per cent. John F. Kennedy was quoted."
            ),
            vec![
                "Mr. Starmer spoke to Dr. Schmidt at No. 10 on Monday.",
                "Growth was 2.5% and inflation 3.1 per cent.",
                "John F. Kennedy was quoted."
            ]
        );
    }

    #[test]
    fn initialisms_end_a_sentence_only_before_a_usual_first_word() {
        assert_eq!(
            split_sentences(
                "The U.S. Senate voted on the deal. Sanctions were eased by the U.S. The move \
                 surprised the U.K. Foreign Office."
            ),
            vec![
                "The U.S. Senate voted on the deal.",
                "Sanctions were eased by the U.S.",
                "The move surprised the U.K. Foreign Office."
            ]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            split_sentences(
                "She said: \"We will not retreat.\" The minister left. \"Why?\" he asked. \
                 “It is over.” Talks ended."
            ),
            vec![
                "She said: \"We will not retreat.\"",
                "The minister left.",
                "\"Why?\" he asked.",
                "“It is over.”",
                "Talks ended."
            ]
        );
    }

    #[test]
    fn a_short_answer_and_times_of_day_end_where_they_should() {
        assert_eq!(
            split_sentences("\"No.\" She left at 9 p.m. The talks went on. Gen. Ruiz stayed."),
            vec![
                "\"No.\"",
                "She left at 9 p.m.",
                "The talks went on.",
                "Gen. Ruiz stayed."
            ]
        );
    }

    #[test]
    fn lowercase_after_an_end_and_ellipses_mid_sentence_do_not_split() {
        assert_eq!(
            split_sentences("It was... complicated. See e.g. the treaty. Fine"),
            vec!["It was... complicated.", "See e.g. the treaty.", "Fine"]
        );
        assert!(split_sentences("   ").is_empty());
        assert_eq!(split_sentences("One."), vec!["One."]);
    }
}
