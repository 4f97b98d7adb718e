//! Lists of other stories copied as text with no links, no separators,
//! no glue and no kicker a site's rules know: after the article, each
//! card a title line, then its standfirst (a kicker before it, or on a
//! line of its own). The sign is punctuation: an article's paragraphs
//! end their sentences, and a headline, a kicker and a standfirst do not
//! ("Speed Read Trump apparently has no concrete plans to meet Putin").
//! Only the page's tail is read so: a list of points inside the article
//! has prose after it. Some sites end a standfirst with a full stop: one
//! short sentence under a card's title is a standfirst too, where three
//! such cards or more end the page.

use super::glued_lists::glued_word;
use super::judge::{Piece, Verdict, first_prose};
use super::sentence_end::{TERMINAL_MARKS, ends_a_clause, ends_with_full_stop};
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
/// Words of a title over a standfirst that ends its sentence: a headline
/// is a phrase (a year or a name over a sentence is a table's row).
const MIN_TITLE_WORDS: usize = 3;
/// Words of a kept sentence after the run that shows the article goes
/// on (a caption or a label is shorter).
const MIN_PROSE_AFTER: usize = 12;
/// Words of a standfirst that ends its sentence (an article's paragraph
/// under a subheading runs longer, or holds more than one sentence).
const MAX_SENTENCE_STANDFIRST_WORDS: usize = 30;
/// Cards a run needs when its standfirsts end their sentences: they read
/// like prose, so it takes more of them to be sure.
const MIN_SENTENCE_CARDS: usize = 3;

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
    let unpunctuated: Vec<bool> = pieces
        .iter()
        .zip(words)
        .map(|(p, &count)| {
            matches!(p.block.role, Role::Paragraph | Role::Heading)
                && (1..=MAX_LINE_WORDS).contains(&count)
                && !ends_a_statement(&p.block.text)
        })
        .collect();
    let sentence: Vec<bool> = (0..pieces.len())
        .map(|i| is_sentence_standfirst(i, pieces, words, verdicts, &unpunctuated))
        .collect();
    let card: Vec<bool> = (0..pieces.len())
        .map(|i| unpunctuated[i] || sentence[i])
        .collect();
    let mut runs = Vec::new();
    let mut i = body + 1;
    while i < pieces.len() {
        // Lines another rule removed neither start nor break a run.
        if verdicts[i].is_some() || !card[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        // A heading that announces other stories ("More from…") starts
        // the list: what stands above it ended the article.
        while end < pieces.len()
            && (verdicts[end].is_some() || card[end])
            && !(end > start && announces_list(&verdicts[end]))
        {
            end += 1;
        }
        runs.push((start, end));
        i = end;
    }
    // From the page's end back: a run is a list while no prose of the
    // article follows it (a run marked already is no prose).
    let mut tail = pieces.len();
    for (start, end) in runs.into_iter().rev() {
        if (end..tail).any(|at| is_prose(at, pieces, words, verdicts)) {
            break;
        }
        if !is_list(start, end, pieces, words, verdicts, &sentence) {
            continue;
        }
        for verdict in &mut verdicts[start..end] {
            if verdict.is_none() {
                *verdict = Some((NoiseKind::Related, "card-run".into()));
            }
        }
        tail = start;
    }
}

/// Whether a rule took the line as a heading over other stories.
fn announces_list(verdict: &Verdict) -> bool {
    matches!(verdict, Some((NoiseKind::Related, rule)) if rule == "related-heading")
}

/// Whether line `i` is one short sentence under a card's title: a title
/// line above it that ends no sentence, perhaps with a kicker between.
fn is_sentence_standfirst(
    i: usize,
    pieces: &[Piece],
    words: &[usize],
    verdicts: &[Verdict],
    unpunctuated: &[bool],
) -> bool {
    let text = &pieces[i].block.text;
    // A line right under a linked title another rule took is that card's
    // standfirst, not a title: the sentence after it may be the article's.
    let under_removed_title =
        |at: usize| at > 0 && matches!(&verdicts[at - 1], Some((NoiseKind::Related, _)));
    let title = |at: usize| {
        verdicts[at].is_none()
            && unpunctuated[at]
            && (MIN_TITLE_WORDS..=MAX_TITLE_WORDS).contains(&words[at])
            && !under_removed_title(at)
    };
    let kicker = |at: usize| verdicts[at].is_none() && unpunctuated[at];
    let title_above = i > 0 && (title(i - 1) || (i > 1 && kicker(i - 1) && title(i - 2)));
    // A standfirst is the site's own voice: a line that opens with a
    // quotation is the article's (a quoted last word under a subheading).
    title_above
        && !text.starts_with(['"', '“'])
        && verdicts[i].is_none()
        && pieces[i].block.role == Role::Paragraph
        && (MIN_STANDFIRST_WORDS..=MAX_SENTENCE_STANDFIRST_WORDS).contains(&words[i])
        && ends_a_statement(text)
        && is_one_sentence(text)
}

/// Whether `text` holds one sentence: no full stop, question or
/// exclamation mark inside it followed by a capital ("…in June. Talks…").
pub(super) fn is_one_sentence(text: &str) -> bool {
    let body = text.trim_end();
    let mut chars = body.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if TERMINAL_MARKS.contains(&c)
            && chars.next_if(|&(_, next)| next == ' ').is_some()
            && chars.peek().is_some_and(|&(_, next)| next.is_uppercase())
        {
            return false;
        }
    }
    true
}

/// Whether the undecided lines in `start..end` read as cards: enough of
/// them, a title first, and standfirsts among them.
fn is_list(
    start: usize,
    end: usize,
    pieces: &[Piece],
    words: &[usize],
    verdicts: &[Verdict],
    sentence: &[bool],
) -> bool {
    let open: Vec<usize> = (start..end).filter(|&i| verdicts[i].is_none()).collect();
    let standfirsts = open
        .iter()
        .filter(|&&i| words[i] >= MIN_STANDFIRST_WORDS)
        .count();
    // The run opens with a title, or goes on from a list entry another
    // rule took (a title under a "More stories" heading; not the heading
    // itself, which may stand over anything).
    let opens = words[start] <= MAX_TITLE_WORDS
        || (start > 0
            && matches!(&verdicts[start - 1], Some((NoiseKind::Related, _)))
            && !announces_list(&verdicts[start - 1]));
    if open.iter().any(|&i| sentence[i]) {
        // Standfirsts that end their sentences read like prose: count the
        // cards' lines (titles other rules took included) and ask for
        // more of them.
        let lines = (start..end)
            .filter(|&i| {
                verdicts[i].is_none() || matches!(&verdicts[i], Some((NoiseKind::Related, _)))
            })
            .count();
        return opens && lines >= 2 * MIN_SENTENCE_CARDS && standfirsts >= MIN_STANDFIRSTS;
    }
    let fields: usize = open
        .iter()
        .map(|&i| 1 + usize::from(glued_word(&pieces[i].block.text).is_some()))
        .sum();
    fields >= MIN_FIELDS && opens && standfirsts >= MIN_STANDFIRSTS
}

/// Whether line `i` is a kept sentence of prose: a run before it was part
/// of the article.
fn is_prose(i: usize, pieces: &[Piece], words: &[usize], verdicts: &[Verdict]) -> bool {
    verdicts[i].is_none()
        && words[i] >= MIN_PROSE_AFTER
        && matches!(pieces[i].block.role, Role::Paragraph | Role::Quote)
        && ends_a_statement(&pieces[i].block.text)
}

/// Whether `text` ends a statement: a full stop (or a colon, a comma, an
/// ideographic full stop) before any closing quotes and brackets and a
/// note's mark ("…a mystery man.[73]"). A question may be a headline:
/// "Can Gaza momentum help end the war?"
pub(super) fn ends_a_statement(text: &str) -> bool {
    let mut bare = text.trim_end();
    if let Some(open) = bare.strip_suffix(']').and_then(|t| t.rfind('[')) {
        bare = &bare[..open];
    }
    let bare = bare.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
    });
    ends_with_full_stop(bare) || ends_a_clause(bare)
}

/// Han ideographs and kana.
pub(super) fn is_ideograph(c: char) -> bool {
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

    /// Three cards, each a title over a one-sentence standfirst.
    const SENTENCE_CARDS: [&str; 6] = [
        "Why the grain deal matters to Egypt",
        "Bread prices in Cairo have doubled since the corridor closed.",
        "Is the heatwave the new normal?",
        "Forecasters expect more days above 40C in southern Europe each summer.",
        "The return of the night train",
        "Sleeper services are coming back across Europe after two decades.",
    ];

    #[test]
    fn cards_whose_standfirsts_end_with_a_full_stop_go_when_three_end_the_page() {
        let cards = SENTENCE_CARDS;
        let mut lines = vec![PROSE, LAST];
        lines.extend(cards);
        assert_eq!(removed(&judged(&lines)), (2..8).collect::<Vec<_>>());
        // Mixed: one standfirst with a full stop no longer keeps the
        // cards above it as the article's last lines.
        let mut lines = vec![PROSE, LAST];
        lines.extend(&cards[..4]);
        lines.extend([
            "The return of the night train",
            "Travel Sleeper services are coming back across Europe after two decades",
        ]);
        assert_eq!(removed(&judged(&lines)), (2..8).collect::<Vec<_>>());
    }

    #[test]
    fn subheadings_over_paragraphs_stay() {
        let cards = SENTENCE_CARDS;
        // Two such pairs at the end are too few to tell from an article's
        // last section.
        let mut lines = vec![PROSE, LAST];
        lines.extend(&cards[..4]);
        assert!(removed(&judged(&lines)).is_empty());
        // With the article going on after them, they are its sections.
        let mut lines = vec![PROSE, LAST];
        lines.extend(cards);
        lines.push(LAST);
        assert!(removed(&judged(&lines)).is_empty());
        // Paragraphs of two sentences under subheadings are the article's.
        let lines = [
            PROSE,
            "What the bill would change",
            "Schools would get more teachers. Class sizes would be capped at thirty.",
            "Who pays",
            "Councils would pay a third. The treasury would pay the rest by 2030.",
            "What happens next",
            "The bill goes to committee. A vote is expected in the spring.",
        ];
        assert!(removed(&judged(&lines)).is_empty());
    }

    #[test]
    fn a_table_of_years_and_one_sentence_summaries_stays() {
        // A list of works, each row a year (or a name) and a sentence.
        let lines = [
            PROSE,
            LAST,
            "1994",
            "A ferry captain relives the same crossing until he saves a stowaway.",
            "1998",
            "Two sisters inherit a lighthouse and the debts that come with it.",
            "Calder",
            "2003",
            "A choir from a mining town travels to a contest in Cardiff.",
        ];
        assert!(removed(&judged(&lines)).is_empty());
    }

    #[test]
    fn sentence_ends_are_found_behind_quotes() {
        assert!(ends_a_statement("He said \"no.\""));
        assert!(ends_a_statement("She called it ‘a disgrace.’"));
        assert!(ends_a_statement("会谈今天结束。"));
        assert!(ends_a_statement("A man tries to save his wife.[73]"));
        assert!(!ends_a_statement("Can Gaza momentum help end the war?"));
        assert!(!ends_a_statement(
            "Zelenskyy’s request hints at ‘warming relations’"
        ));
        assert!(!ends_a_statement("Crossword: October 27, 2025"));
    }
}
