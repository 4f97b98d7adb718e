//! Lists of other stories that a site writes as lines of text, with no
//! links and no separators: each entry a title line, then a line that
//! opens with the site's kicker ("Speed Read Trump apparently has no
//! plans…"), or the kicker on a line of its own and the standfirst after
//! it. Glued kickers ("…centre?Under The Radar Thousands…") are the
//! judge's own rule; these are the same lists laid out one field a line.

use super::card_runs::ends_a_statement;
use super::judge::{Piece, Verdict, first_prose};
use super::pattern::LazyPattern;
use super::{NoiseKind, Role};

/// Kicker-opened lines a page needs before they are read as a list: one
/// alone may be a paragraph that starts with the same words.
const MIN_ENTRIES: usize = 2;
/// Words of a standfirst under a kicker that stands alone.
const MAX_STANDFIRST_WORDS: usize = 60;
/// Words of a line that opens with a kicker.
const MAX_ENTRY_WORDS: usize = 80;

/// How a line opens with a kicker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opens {
    /// The kicker is the whole line.
    Alone,
    /// The kicker, then the standfirst.
    WithText,
}

/// Marks the entries of kicker lists (`kickers`: the site's pattern for a
/// kicker glued after a character).
pub(super) fn mark_kicker_lists(
    pieces: &[Piece],
    words: &[usize],
    verdicts: &mut [Verdict],
    kickers: &LazyPattern,
) {
    let opens: Vec<Option<Opens>> = pieces
        .iter()
        .zip(words)
        .map(|(p, &count)| {
            let text_role = matches!(p.block.role, Role::Paragraph | Role::Heading | Role::Item);
            (text_role && count <= MAX_ENTRY_WORDS)
                .then(|| opens_with_kicker(&p.block.text, kickers))
                .flatten()
        })
        .collect();
    if opens.iter().flatten().count() < MIN_ENTRIES {
        return;
    }
    let Some(body) = first_prose(pieces, words) else {
        return;
    };
    let is_related = |v: &Verdict| matches!(v, Some((NoiseKind::Related, _)));
    for i in body + 1..pieces.len() {
        let Some(how) = opens[i] else { continue };
        let title_before = i > 0
            && pieces[i - 1].block.role != Role::Title
            && (is_related(&verdicts[i - 1])
                || (verdicts[i - 1].is_none()
                    && is_story_title(&pieces[i - 1].block.text, words[i - 1])));
        // A paragraph that merely starts with a kicker's words has no
        // story title above it.
        if how == Opens::WithText && !title_before {
            continue;
        }
        mark(&mut verdicts[i]);
        if title_before {
            mark(&mut verdicts[i - 1]);
        }
        let standfirst = i + 1 < pieces.len()
            && opens[i + 1].is_none()
            && words[i + 1] <= MAX_STANDFIRST_WORDS
            && pieces[i + 1].block.role != Role::Title;
        if how == Opens::Alone && standfirst {
            mark(&mut verdicts[i + 1]);
        }
    }
}

/// Words of a story's title.
const MAX_TITLE_WORDS: usize = 20;

/// A story's title: short, and no statement ends it, behind closing
/// quotes either (a question or an exclamation may: "Can Gaza momentum
/// help end the war in Ukraine?"; a quoted sentence may not).
fn is_story_title(text: &str, words: usize) -> bool {
    (1..=MAX_TITLE_WORDS).contains(&words) && !ends_a_statement(text)
}

fn mark(verdict: &mut Verdict) {
    if verdict.is_none() {
        *verdict = Some((NoiseKind::Related, "kicker-list".into()));
    }
}

/// Whether `text` opens with a kicker. The site's pattern wants a
/// character glued before the kicker: one is put in front, and the match
/// must start there.
fn opens_with_kicker(text: &str, kickers: &LazyPattern) -> Option<Opens> {
    let probe = format!("x{text}");
    let found = kickers.find(&probe).filter(|m| m.start == 0)?;
    Some(if probe[found.end..].trim().is_empty() {
        Opens::Alone
    } else {
        Opens::WithText
    })
}
