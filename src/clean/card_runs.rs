//! Lists of other stories copied as text with no links, no separators,
//! no glue and no kicker a site's rules know: after the article, each
//! card a title line, then its standfirst (a kicker before it, or on a
//! line of its own). The sign is punctuation: an article's paragraphs
//! end their sentences, and a headline, a kicker and a standfirst do not
//! ("Speed Read Trump apparently has no concrete plans to meet Putin").
//! Only the page's tail is read so: a list of points inside the article
//! has prose after it.

use super::glued_lists::glued_word;
use super::judge::{Piece, Verdict, first_prose};
use super::{NoiseKind, Role};

/// Fields a run needs among its undecided lines: two cards of title and
/// standfirst (a line with a title glued to its kicker holds two).
const MIN_FIELDS: usize = 4;
/// Standfirsts a run needs (lines of `MIN_STANDFIRST_WORDS` or more).
const MIN_STANDFIRSTS: usize = 2;
/// Words of a standfirst (a label or a menu entry is shorter).
const MIN_STANDFIRST_WORDS: usize = 6;
/// Words of a card's line: a headline, or a kicker and its standfirst.
const MAX_LINE_WORDS: usize = 45;
/// Words of the title that opens the run.
const MAX_TITLE_WORDS: usize = 20;
/// Words of a kept sentence after the run that shows the article goes
/// on (a caption or a label is shorter).
const MIN_PROSE_AFTER: usize = 12;

/// Marks a run of unpunctuated card lines that ends the page.
pub(super) fn mark_card_runs(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let Some(body) = first_prose(pieces, words) else {
        return;
    };
    // Chinese and Japanese pages punctuate lines of their own way (a
    // caption, an editor's line): the sign does not hold there.
    if pieces[body].block.text.chars().any(is_ideograph) {
        return;
    }
    let card: Vec<bool> = pieces
        .iter()
        .zip(words)
        .map(|(p, &count)| {
            matches!(p.block.role, Role::Paragraph | Role::Heading)
                && (1..=MAX_LINE_WORDS).contains(&count)
                && !ends_a_sentence(&p.block.text)
        })
        .collect();
    // A run never holds prose (its lines end no sentence), so where the
    // last prose stands does not move as runs are marked.
    let last_prose = last_prose(pieces, words, verdicts);
    let mut i = body + 1;
    while i < pieces.len() {
        // Lines another rule removed neither start nor break a run.
        if verdicts[i].is_some() || !card[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < pieces.len() && (verdicts[end].is_some() || card[end]) {
            end += 1;
        }
        if is_list(start, end, pieces, words, verdicts) && last_prose.is_none_or(|at| at < end) {
            for verdict in &mut verdicts[start..end] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Related, "card-run".into()));
                }
            }
        }
        i = end;
    }
}

/// Whether the undecided lines in `start..end` read as cards: enough of
/// them, a title first, and standfirsts among them.
fn is_list(
    start: usize,
    end: usize,
    pieces: &[Piece],
    words: &[usize],
    verdicts: &[Verdict],
) -> bool {
    let open: Vec<usize> = (start..end).filter(|&i| verdicts[i].is_none()).collect();
    let standfirsts = open
        .iter()
        .filter(|&&i| words[i] >= MIN_STANDFIRST_WORDS)
        .count();
    let fields: usize = open
        .iter()
        .map(|&i| 1 + usize::from(glued_word(&pieces[i].block.text).is_some()))
        .sum();
    fields >= MIN_FIELDS && words[start] <= MAX_TITLE_WORDS && standfirsts >= MIN_STANDFIRSTS
}

/// The last kept sentence of prose: a run before it was part of the
/// article.
fn last_prose(pieces: &[Piece], words: &[usize], verdicts: &[Verdict]) -> Option<usize> {
    (0..pieces.len()).rev().find(|&i| {
        verdicts[i].is_none()
            && words[i] >= MIN_PROSE_AFTER
            && matches!(pieces[i].block.role, Role::Paragraph | Role::Quote)
            && ends_a_sentence(&pieces[i].block.text)
    })
}

/// Whether `text` ends a sentence: a full stop (or a colon, a comma, an
/// ideographic full stop) before any closing quotes and brackets and a
/// note's mark ("…a mystery man.[73]"). A question may be a headline:
/// "Can Gaza momentum help end the war?"
fn ends_a_sentence(text: &str) -> bool {
    let mut bare = text.trim_end();
    if let Some(open) = bare.strip_suffix(']').and_then(|t| t.rfind('[')) {
        bare = &bare[..open];
    }
    let bare = bare.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
    });
    bare.ends_with(['.', ':', ';', ',', '。', '．'])
}

/// Han ideographs and kana.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::super::marking_tests::{PROSE, judged_by};
    use super::*;

    const LAST: &str = "\"We are closer than we have been for a year,\" the envoy said.";

    fn judged(lines: &[&str]) -> Vec<Verdict> {
        judged_by(lines, mark_card_runs)
    }

    fn removed(verdicts: &[Verdict]) -> Vec<usize> {
        (0..verdicts.len())
            .filter(|&i| matches!(&verdicts[i], Some((NoiseKind::Related, r)) if r == "card-run"))
            .collect()
    }

    #[test]
    fn title_and_standfirst_cards_after_the_article_go() {
        let lines = [
            "Talks resume in Vienna",
            PROSE,
            LAST,
            "Why the grain deal matters to Egypt",
            "Briefing Bread prices in Cairo have doubled since the corridor closed",
            "Is the heatwave the new normal?",
            "Talking Point Forecasters say the summer will bring more days above 40C",
        ];
        assert_eq!(removed(&judged(&lines)), [3, 4, 5, 6]);
        // Kickers on lines of their own, three cards.
        let lines = [
            PROSE,
            LAST,
            "A quiet revolution in Welsh farming",
            "Long Read",
            "Hill farmers are turning to trees, and the subsidies follow them",
            "The return of the night train",
            "Travel",
            "Sleeper services are coming back across Europe after two decades",
            "Quiz of the week",
            "Puzzles",
        ];
        assert_eq!(removed(&judged(&lines)), (2..10).collect::<Vec<_>>());
    }

    #[test]
    fn two_cards_with_titles_glued_to_their_kickers_go() {
        let lines = [
            PROSE,
            LAST,
            "Why the grain deal matters to EgyptBriefing Bread prices in Cairo have doubled",
            "Is the heatwave the new normal?Talking Point Forecasters expect more days above 40C",
        ];
        assert_eq!(removed(&judged(&lines)), [2, 3]);
        // Two unglued lines are not two cards.
        let lines = [
            PROSE,
            LAST,
            "Why the grain deal matters to Egypt and to its bakers",
            "Bread prices in Cairo have doubled since the corridor closed",
        ];
        assert!(removed(&judged(&lines)).is_empty());
    }

    #[test]
    fn points_inside_the_article_stay() {
        // A list without full stops with the article going on after it.
        let lines = [
            PROSE,
            "What the bill would change",
            "Schools would get funding for ten thousand more teachers by 2030",
            "Class sizes would be capped at thirty pupils in every year group",
            "Councils would run admissions again for all state schools",
            "Ministers say the costs will be met from savings elsewhere in the budget.",
        ];
        assert!(removed(&judged(&lines)).is_empty());
        // Short labels at the end are no cards (a menu's rule finds them).
        let lines = [PROSE, LAST, "World", "Politics", "Business", "Sport"];
        assert!(removed(&judged(&lines)).is_empty());
        // Nor is an article's last paragraph that ends its sentence.
        let lines = [
            PROSE,
            "The envoy left for Geneva",
            "He is expected to report to the council next week on the outcome.",
        ];
        assert!(removed(&judged(&lines)).is_empty());
    }

    #[test]
    fn sentence_ends_are_found_behind_quotes() {
        assert!(ends_a_sentence("He said \"no.\""));
        assert!(ends_a_sentence("She called it ‘a disgrace.’"));
        assert!(ends_a_sentence("会谈今天结束。"));
        assert!(ends_a_sentence("A man tries to save his wife.[73]"));
        assert!(!ends_a_sentence("Can Gaza momentum help end the war?"));
        assert!(!ends_a_sentence(
            "Zelenskyy’s request hints at ‘warming relations’"
        ));
        assert!(!ends_a_sentence("Crossword: October 27, 2025"));
    }
}
