//! Judging blocks, whatever they came from (lines of text or HTML
//! elements): the rules first, one block at a time, then heuristics that
//! look at neighbours: lists of entries between lone separators, glued
//! kickers, link-heavy blocks, linked teaser cards, repeats, runs of
//! cards at the page's end and headed cards inside it, a paywall's stub,
//! readers' comments under their label, and short lines stuck to a promo.

use super::card_boxes::mark_card_boxes;
use super::card_runs::{ends_a_statement, mark_card_runs};
use super::comments::mark_comment_section;
use super::credits::split_credits;
use super::data_tables::{restore_cells, rule_verdicts};
use super::glued_lists::mark_glued_lists;
use super::header::mark_lead_dates;
use super::kicker_lists::mark_kicker_lists;
use super::linked_cards::mark_linked_cards;
use super::links::mark_link_heavy;
use super::orphans::mark_orphan_headings;
use super::paywall::mark_paywall_stub;
use super::repeats::mark_repeats;
use super::rules::{HostBlockRules, RuleSet};
use super::sentence_end::{TERMINAL_MARKS, ends_a_clause, ends_a_sentence};
use super::{Block, Cleaned, NoiseKind, RemovedBlock, Role};

/// Why a block goes: its kind and the rule's name.
pub(super) type Verdict = Option<(NoiseKind, String)>;

/// A block on its way through the cleaner.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub block: Block,
    /// Characters of text inside links.
    pub link_chars: usize,
    /// Set when a rule already removed it (a CSS selector, a marker).
    pub preset: Verdict,
    /// How many list items hold it: 2 or more in a list nested in an
    /// item ("In progress:" and the bugs under it).
    pub list_depth: usize,
    /// Part of a cell of a data table (see `data_tables`).
    pub cell: bool,
}

impl Piece {
    pub fn plain(role: Role, text: &str) -> Piece {
        Piece {
            block: Block::plain(role, text),
            link_chars: 0,
            preset: None,
            list_depth: 0,
            cell: false,
        }
    }

    pub fn link_density(&self) -> f64 {
        let chars = self.block.text.chars().count().max(1);
        self.link_chars as f64 / chars as f64
    }
}

use crate::text::word_count;

/// Lines that only separate entries of a list.
fn is_separator(line: &str) -> bool {
    matches!(line, "-" | "–" | "—" | "•" | "·" | "*" | "|" | "/")
}

/// Words of a paragraph of prose: the article has begun by the first
/// one. The rules for what stands before the body (bylines, dates) and
/// after it (lists of other stories, a paywall's offer) start there.
pub(super) const MIN_PROSE_WORDS: usize = 25;

/// The first paragraph of prose in `pieces` (`words` their counts).
pub(super) fn first_prose(pieces: &[Piece], words: &[usize]) -> Option<usize> {
    pieces
        .iter()
        .zip(words)
        .position(|(p, &count)| p.block.role == Role::Paragraph && count >= MIN_PROSE_WORDS)
}

/// Judges `pieces` with the rules for `host` (the page's) and splits
/// them into kept blocks and removed ones.
pub(super) fn judge(pieces: Vec<Piece>, host: Option<&str>, rules: &RuleSet) -> Cleaned {
    let (block_rules, kickers) = rules.for_host(host);
    let pieces = split_credits(pieces);
    let texts: Vec<&str> = pieces.iter().map(|p| p.block.text.as_str()).collect();
    // Every heuristic asks how long a block is: counted once.
    let words: Vec<usize> = texts.iter().map(|t| word_count(t)).collect();
    let mut verdicts: Vec<Verdict> = pieces
        .iter()
        .zip(&words)
        .map(|(p, &count)| match &p.preset {
            Some(v) => Some(v.clone()),
            // The headline is never noise.
            None if p.block.role == Role::Title => None,
            None if p.block.role == Role::Image => {
                let inner = p.block.inner_text();
                by_rules(inner, word_count(inner), &block_rules)
            }
            None => by_rules(&p.block.text, count, &block_rules),
        })
        .collect();

    keep_lone_counts(&pieces, &texts, &mut verdicts);
    let by_rules = rule_verdicts(&pieces, &verdicts);
    mark_separated_lists(&texts, &words, &mut verdicts);
    mark_lead_dates(&pieces, &words, &mut verdicts);
    if let Some(kickers) = kickers {
        for (i, verdict) in verdicts.iter_mut().enumerate() {
            if verdict.is_none() && words[i] <= 80 && kickers.is_match(texts[i]) {
                *verdict = Some((NoiseKind::Related, "site-kicker-entry".into()));
            }
        }
        mark_kicker_lists(&pieces, &words, &mut verdicts, kickers);
    }
    mark_glued_lists(&pieces, &words, &mut verdicts);
    mark_link_heavy(&pieces, &words, &mut verdicts);
    mark_linked_cards(&pieces, &words, &mut verdicts);
    mark_short_line_runs(&pieces, &words, &mut verdicts);
    mark_repeats(&pieces, &words, &mut verdicts);
    mark_related_entries(&pieces, &words, &mut verdicts);
    mark_card_runs(&pieces, &words, &mut verdicts);
    mark_card_boxes(&pieces, &words, &mut verdicts);
    restore_cells(&pieces, by_rules, &mut verdicts);
    mark_paywall_stub(&pieces, &words, &mut verdicts);
    mark_comment_section(&pieces, &words, &mut verdicts);
    mark_promo_neighbours(&pieces, &words, &mut verdicts);
    mark_orphan_headings(&pieces, &words, &mut verdicts);

    let mut cleaned = Cleaned::default();
    for (position, (mut piece, verdict)) in pieces.into_iter().zip(verdicts).enumerate() {
        // Every block leaves here sanitized, whatever path built it (plain
        // lines and selector-removed elements were not): the property tests found
        // ESC sequences passing through.
        if let std::borrow::Cow::Owned(text) = crate::text::sanitize(&piece.block.text) {
            piece.block.text = text;
        }
        match verdict {
            None => {
                if piece.block.role == Role::Title && cleaned.title.is_none() {
                    cleaned.title = Some(piece.block.text.clone());
                }
                cleaned.blocks.push(piece.block);
            }
            Some((kind, rule)) => cleaned.removed.push(RemovedBlock {
                kind,
                rule,
                text: piece.block.text,
                position,
            }),
        }
    }
    cleaned
}

/// Title-like: short, no statement or clause closing it (a headline may
/// ask: "Can Gaza momentum help end the war?"), not a quote.
fn is_title_like(text: &str, words: usize) -> bool {
    (1..=16).contains(&words)
        && !ends_a_statement(text)
        && !ends_a_clause(text)
        && !text.starts_with(['"', '“'])
}

/// Words of a story's standfirst under its title in a list.
const MAX_ENTRY_STANDFIRST_WORDS: usize = 45;

/// Under a "Related"/"Top stories" heading, the title-like lines that
/// follow (and their "2 hours ago" stamps, and under a title its
/// standfirst, a longer phrase that ends no statement) are the list; the
/// first sentence ends it. And a short line between two related blocks
/// is part of the list.
fn mark_related_entries(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let is_related = |v: &Verdict| matches!(v, Some((NoiseKind::Related, _)));
    let mut i = 0;
    while i < pieces.len() {
        let heading =
            matches!(&verdicts[i], Some((NoiseKind::Related, r)) if r == "related-heading");
        i += 1;
        if !heading {
            continue;
        }
        let mut after_entry = false;
        while i < pieces.len() && pieces[i].block.role != Role::Title {
            if verdicts[i].is_none() {
                let text = &pieces[i].block.text;
                let standfirst = after_entry
                    && words[i] <= MAX_ENTRY_STANDFIRST_WORDS
                    && !ends_a_statement(text)
                    && !ends_a_clause(text);
                // A question over a paragraph of prose heads the
                // article's next section ("What did the commentators say?").
                let section = text.ends_with(TERMINAL_MARKS)
                    && (i + 1..pieces.len())
                        .find(|&j| verdicts[j].is_none())
                        .is_some_and(|j| is_prose_sentence(&pieces[j].block.text, words[j]));
                if !(is_title_like(text, words[i]) || standfirst)
                    || section
                    || pieces[i].block.role == Role::Heading
                {
                    break;
                }
                verdicts[i] = Some((NoiseKind::Related, "related-entries".into()));
                after_entry = true;
            }
            i += 1;
        }
    }
    for i in 1..pieces.len().saturating_sub(1) {
        if verdicts[i].is_none()
            && is_related(&verdicts[i - 1])
            && is_related(&verdicts[i + 1])
            && words[i] <= 6
        {
            verdicts[i] = Some((NoiseKind::Related, "related-entries".into()));
        }
    }
}

/// Four or more lines in a row of at most three words with no sentence
/// punctuation and no links of their own: a menu copied as text (unless
/// they are numbered 1, 2, 3…: a ranking is content).
fn mark_short_line_runs(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let short: Vec<bool> = pieces
        .iter()
        .zip(words)
        .map(|(p, &count)| {
            p.block.role == Role::Paragraph && count <= 3 && !ends_a_sentence(&p.block.text)
        })
        .collect();
    let mut i = 0;
    while i < pieces.len() {
        let run = short[i..].iter().take_while(|s| **s).count();
        // "1. Finland", "2. Norway": a numbered list is content.
        let numbered = pieces[i..i + run]
            .iter()
            .enumerate()
            .all(|(n, p)| starts_with_number(&p.block.text, n + 1));
        // Three rows or more of a table of figures ("71.1 MB", "13.4 MB
        // (-81%)") are data: a menu rarely holds digits (a byline's date
        // and share count are fewer lines).
        let figures = pieces[i..i + run]
            .iter()
            .filter(|p| p.block.text.bytes().any(|b| b.is_ascii_digit()))
            .count();
        let table = run >= MIN_TABLE_CELLS && figures * 2 >= run;
        if run >= 4 && !numbered && !table {
            for verdict in &mut verdicts[i..i + run] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Nav, "short-line-run".into()));
                }
            }
        }
        i += run.max(1);
    }
}

/// Cells of the smallest table of figures: three rows of two.
const MIN_TABLE_CELLS: usize = 6;

/// Whether `text` starts with the list number `n`: "3. ", "3) ".
fn starts_with_number(text: &str, n: usize) -> bool {
    let digits = n.to_string();
    text.strip_prefix(digits.as_str())
        .is_some_and(|rest| rest.starts_with(". ") || rest.starts_with(") "))
}

/// A bare number ("12", "1,204") that a text rule calls a share or
/// comment count is one only beside a share button or label; elsewhere (a
/// table, a ranking) it is data. A "1.4K" is a count wherever it stands,
/// and what a CSS rule removed stays removed.
fn keep_lone_counts(pieces: &[Piece], texts: &[&str], verdicts: &mut [Verdict]) {
    let is_share = |v: &Verdict| matches!(v, Some((NoiseKind::Share, _)));
    let numbers: Vec<bool> = (0..texts.len())
        .map(|i| pieces[i].preset.is_none() && is_share(&verdicts[i]) && is_numeral(texts[i]))
        .collect();
    let button = |i: usize| is_share(&verdicts[i]) && !numbers[i];
    let keep: Vec<usize> = (0..texts.len())
        .filter(|&i| numbers[i])
        .filter(|&i| !((i > 0 && button(i - 1)) || (i + 1 < texts.len() && button(i + 1))))
        .collect();
    for i in keep {
        verdicts[i] = None;
    }
}

/// Digits with their separators: "12", "1,204", "3.5" (not a date:
/// "10.15.15").
fn is_numeral(text: &str) -> bool {
    let text = text.trim();
    text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && text.matches('.').count() <= 1
}

fn by_rules(block: &str, words: usize, rules: &HostBlockRules<'_>) -> Verdict {
    rules
        .first_hit(block, words)
        .map(|r| (r.kind, r.name.clone()))
}

/// Two or more lone separators with short entries between them (and one
/// after the last) are a list of other stories.
fn mark_separated_lists(blocks: &[&str], words: &[usize], verdicts: &mut [Verdict]) {
    let separators: Vec<usize> = (0..blocks.len())
        .filter(|&i| is_separator(blocks[i]))
        .collect();
    let mut start = 0;
    while start < separators.len() {
        // Extend the run while the gap between separators is one or two
        // short entries.
        let mut end = start;
        while end + 1 < separators.len() {
            let gap = separators[end + 1] - separators[end] - 1;
            // Entries are short, and no sentence of prose stands among
            // them (a list in the middle of the article, then the article).
            let short = (separators[end] + 1..separators[end + 1])
                .all(|i| words[i] <= 60 && !is_prose_sentence(blocks[i], words[i]));
            // An entry is a title, a kicker and a standfirst at most.
            if (1..=3).contains(&gap) && short {
                end += 1;
            } else {
                break;
            }
        }
        if end > start {
            let last = separators[end];
            let mut stop = last + 1;
            // The last entry has no separator after it: a paragraph of
            // prose there is the article going on.
            while stop < blocks.len()
                && stop <= last + 3
                && !is_separator(blocks[stop])
                && words[stop] <= 60
                && !is_prose_sentence(blocks[stop], words[stop])
            {
                stop += 1;
            }
            for verdict in &mut verdicts[separators[start]..stop] {
                if verdict.is_none() {
                    *verdict = Some((NoiseKind::Related, "separated-list".into()));
                }
            }
        }
        start = end + 1;
    }
}

/// Words of a sentence that reads as the article's prose among a list's
/// entries (a card's standfirst is a phrase).
const MIN_PROSE_SENTENCE_WORDS: usize = 15;

fn is_prose_sentence(text: &str, words: usize) -> bool {
    words >= MIN_PROSE_SENTENCE_WORDS && ends_a_statement(text)
}

/// Sign-up boxes come as a cluster. Next to a promo, these are part of
/// the box too: a label (a brand name, "Newsletters"), a short line that
/// speaks to the reader ("Escape your echo chamber..."), and any short line
/// between two promos. Repeated until nothing changes, so a label next to
/// a pitch next to a sign-up goes with them.
fn mark_promo_neighbours(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let is_promo = |v: &Verdict| matches!(v, Some((NoiseKind::Promo, _)));
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..pieces.len() {
            if verdicts[i].is_some() || pieces[i].block.role == Role::Title {
                continue;
            }
            let before = i > 0 && is_promo(&verdicts[i - 1]);
            let after = i + 1 < pieces.len() && is_promo(&verdicts[i + 1]);
            if !(before || after) {
                continue;
            }
            let block = pieces[i].block.text.as_str();
            let count = words[i];
            // A heading after a sign-up box opens the next section; one
            // before it is the box's title.
            if pieces[i].block.role == Role::Heading && !after {
                continue;
            }
            let sentence = ends_a_sentence(block);
            let label = count <= 4 && !sentence && !block.ends_with(':');
            // A label under a box with the article's prose right after it
            // heads the next section ("A new approach").
            let subheading = label && before && !after && prose_at(pieces, words, verdicts, i + 1);
            let pitch = count <= 25 && !block.starts_with(['"', '“']) && speaks_to_reader(block);
            // Between two boxes a short line is part of them, but not a
            // sentence (a paragraph, a question heading a section).
            let between = before && after && count <= 25 && !sentence;
            if (label && !subheading) || pitch || between {
                verdicts[i] = Some((NoiseKind::Promo, "promo-cluster".into()));
                changed = true;
            }
        }
    }
}

/// Whether block `i` is a kept paragraph of prose.
fn prose_at(pieces: &[Piece], words: &[usize], verdicts: &[Verdict], i: usize) -> bool {
    i < pieces.len()
        && verdicts[i].is_none()
        && pieces[i].block.role == Role::Paragraph
        && words[i] >= MIN_PROSE_WORDS
}

pub(super) use super::reader::speaks_to_reader;
