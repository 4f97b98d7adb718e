//! The furniture between a headline and the first paragraph of prose: a
//! line that is only a date ("Friday 25 December 2015", "Last updated:
//! January 7, 2025 at 3:33 pm") says when, not what; a byline that no
//! markup names ("By Ann Smith", "Par Jean Dupont — 24 novembre 2017")
//! says who. Only the lead is looked at: further down, a lone date is a
//! table's cell or a timeline's entry, and that is content.

use std::sync::{Arc, LazyLock};

use super::judge::{MIN_PROSE_WORDS, Piece, Verdict};
use super::pattern::LazyPattern;
use super::pattern_plan::date_line;
use super::{NoiseKind, Role};

/// Blocks after the start that can still be the lead.
const MAX_LEAD_BLOCKS: usize = 12;

/// A whole block that is a date, with its time, weekday, label ("Updated",
/// "Veröffentlicht am", "Mis à jour le") and separators; English, German
/// and French month names. It needs a day (a month and a year alone are a
/// timeline's heading). ASCII and lowercase, so it compiles with byte
/// classes and meets folded text (`case_fold`): other letters are written
/// as their small letter's UTF-8 bytes, and "VERÖFFENTLICHT AM" matches
/// too.
/// The pattern (`pattern_plan::date_line`) ships compiled (`build.rs`).
static DATE_LINE: LazyLock<Arc<LazyPattern>> =
    LazyLock::new(|| LazyPattern::any_case(date_line(), false).expect("unchecked patterns load"));

/// "By", "Par", "Von", "Por", "Door", then names (each word capitalised:
/// "Von der Leyen fordert…" is a sentence), joined by "and", "und",
/// "et", "&" or commas; then, after a separator, what follows is checked
/// to be a date. Case matters for the names, so only the word before them
/// is case-insensitive.
static BYLINE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    let name = r"[A-Z][^\s,]*(\s+[A-Z][^\s,]*){0,3}";
    regex::bytes::RegexBuilder::new(&format!(
        r"^(?i:by|par|von|por|door)\s+{name}((\s*,\s*|\s+(?i:and|und|et|y|&)\s+){name})*(?P<tail>\s*([,|-]|\xE2\x80\x94|\xE2\x80\x93|\xE2\x80\xA2).*)?$"
    ))
    .unicode(false)
    .build()
    .expect("static regex")
});

/// Readies the lead's patterns (the date line's DFA, the byline's regex)
/// before the first lead block asks: `pattern::warm_up` runs this.
pub(super) fn warm_up() {
    LazyLock::force(&DATE_LINE).warm();
    LazyLock::force(&BYLINE);
}

/// The lead's date line for a process that cleans many texts (see
/// `LazyPattern::for_many`).
pub(super) fn for_many() {
    DATE_LINE.for_many();
}

/// Whether `text` is a byline: names alone, or names and a date.
fn is_byline(text: &str) -> bool {
    let Some(found) = BYLINE.captures(text.as_bytes()) else {
        return false;
    };
    found.name("tail").is_none_or(|tail| {
        let tail = String::from_utf8_lossy(tail.as_bytes());
        let date = tail.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '|' | '-' | '\u{2014}' | '\u{2013}' | '\u{2022}')
        });
        DATE_LINE.is_match(date)
    })
}

/// Date lines and bylines in the lead (before the first paragraph of
/// prose) go.
pub(super) fn mark_lead_dates(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let lead = pieces
        .iter()
        .zip(words)
        .take(MAX_LEAD_BLOCKS + 1)
        .position(|(p, &count)| p.block.role == Role::Paragraph && count >= MIN_PROSE_WORDS)
        .unwrap_or(pieces.len().min(MAX_LEAD_BLOCKS + 1));
    for (i, piece) in pieces.iter().enumerate().take(lead) {
        let role = piece.block.role;
        if verdicts[i].is_some() || matches!(role, Role::Title | Role::Code) || words[i] > 20 {
            continue;
        }
        let text = &piece.block.text;
        if words[i] <= 16 && DATE_LINE.is_match(text) {
            verdicts[i] = Some((NoiseKind::Other, "lead-date".into()));
        } else if is_byline(text) {
            verdicts[i] = Some((NoiseKind::Credit, "lead-byline".into()));
        }
    }
    mark_names_beside_dates(pieces, verdicts, lead);
}

/// A line of names with no "By" ("Ann Smith", "Ann Smith, The Example
/// Times") is a byline where it stands next to the lead's date line; not
/// the page's first line, which is its headline.
fn mark_names_beside_dates(pieces: &[Piece], verdicts: &mut [Verdict], lead: usize) {
    let is_date = |v: &Verdict| matches!(v, Some((_, rule)) if rule == "lead-date");
    for i in 1..lead {
        let beside_date = is_date(&verdicts[i - 1]) || (i + 1 < lead && is_date(&verdicts[i + 1]));
        if beside_date
            && verdicts[i].is_none()
            && pieces[i].block.role == Role::Paragraph
            && is_names(&pieces[i].block.text)
        {
            verdicts[i] = Some((NoiseKind::Credit, "lead-byline".into()));
        }
    }
}

/// Names: two to four capitalised words ("Ann Smith", "ANN SMITH"), then
/// perhaps a comma and up to five more for where they work ("The Example
/// Times"), and nothing else (no digits, no sentence's punctuation).
fn is_names(text: &str) -> bool {
    let (names, place) = match text.split_once(',') {
        Some((names, place)) => (names, Some(place)),
        None => (text, None),
    };
    let capitalised = |part: &str, range: std::ops::RangeInclusive<usize>| {
        let words: Vec<&str> = part.split_whitespace().collect();
        range.contains(&words.len())
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
            })
    };
    capitalised(names, 2..=4) && place.is_none_or(|place| capitalised(place, 1..=5))
}

#[cfg(test)]
mod tests {
    use super::{DATE_LINE, is_byline, is_names};

    #[test]
    fn bylines_are_names_and_at_most_a_date() {
        for byline in [
            "By Ann Smith",
            "by Ann Smith and Bo Berg",
            "Von Max Mustermann, Berlin",
            "Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42",
            "By Steven Mufson | March 18, 2017",
        ] {
            assert!(is_byline(byline), "{byline}");
        }
        for not_a_byline in [
            "Von der Leyen fordert mehr Geld",
            "By Tuesday, the talks had collapsed",
            "By contrast",
            "By Ann Smith, who covered the talks for a decade",
            "Bylines matter",
        ] {
            assert!(!is_byline(not_a_byline), "{not_a_byline}");
        }
    }

    #[test]
    fn names_are_capitalised_words_and_perhaps_where_they_work() {
        for names in [
            "Ann Smith",
            "ANN SMITH",
            "Ann-Marie O'Neill, The Example Times",
        ] {
            assert!(is_names(names), "{names}");
        }
        for not_names in [
            "Talks Resume In Vienna Today Again",
            "Ann Smith said so.",
            "Prime Minister signals a thaw",
            "Vienna, 12 March",
            "Ann",
        ] {
            assert!(!is_names(not_names), "{not_names}");
        }
    }

    #[test]
    fn date_lines_are_whole_dates_with_a_day() {
        for date in [
            "Friday 25 December 2015",
            "Sept. 25, 2018",
            "Last Updated: January 7, 2025",
            "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm",
            "Dec 28 Sat 2013 00:28",
            "3/09/15 8:00am",
            "2019-02-15",
            "16 November 2017 • 2:15pm",
            "Veröffentlicht am 12.03.2019 um 14:30 Uhr",
            "24 novembre 2017 à 18:42",
            "Mis à jour le 5 mai 2015",
            "PUBLISHED: JANUARY 7, 2025",
            "AKTUALISIERT AM 12.03.2019 UM 14:30 UHR",
            "VERÖFFENTLICHT AM 3. MÄRZ 2021",
            "PUBLIÉ LE 14 FÉVRIER 2022 À 09H15",
            "MIS À JOUR LE 2 AOÛT 2020",
            "Publié le 9 DÉCEMBRE 2019",
        ] {
            assert!(DATE_LINE.is_match(date), "{date}");
        }
        // Its accented letters are written small: it must read folded text.
        assert!(matches!(
            DATE_LINE.get(),
            Some(super::super::pattern::Pattern::AsciiLowercase(_))
        ));
        assert!(DATE_LINE.is_shipped_compiled());
        for not_a_date in [
            "March 2020",
            "2019",
            "On",
            "Monday",
            "Version 1.2.3",
            "12:30",
            "By Sarah Gooding March 9, 2017",
            "The talks resumed on March 9, 2017.",
            "Polls close on 25 May",
        ] {
            assert!(!DATE_LINE.is_match(not_a_date), "{not_a_date}");
        }
    }
}
