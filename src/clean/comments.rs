//! Readers' comments inside the article's container. Where a page puts
//! its comment section under the article without a class that names it,
//! the section's label ("12 Comments", "Leave a Reply", "Kommentare",
//! "Diskutieren Sie mit") is the only sign: what follows it, to the end
//! of the page, is other people's words, not the article's.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::case_fold::fold_case;
use super::judge::{MIN_PROSE_WORDS, Piece, Verdict, first_prose};
use super::{NoiseKind, Role};

/// Words of a label the text rules took as a comment prompt
/// (`share-words`) that name comments, in the languages the rules read.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "reply",
    "responses",
    "conversation",
    "discussion",
    "kommentar",
    "diskutieren",
    "diskussion",
    "commentaire",
    "comentario",
    "commenti",
];

static COMMENT: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        // A DFA's build cost more than every search of a page.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(COMMENT_WORDS)
        .expect("fixed phrases compile")
});

/// After the article's prose, a comment label opens the comment section:
/// the blocks after it go, to the end of the page. Only
/// when the section opens with a short block and is shorter than the
/// article above it: a label in a share bar between two halves of a long
/// article would otherwise take the second half.
pub(super) fn mark_comment_section(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let Some(prose) = first_prose(pieces, words) else {
        return;
    };
    let label = (prose + 1..pieces.len()).find(|&i| {
        matches!(&verdicts[i], Some((NoiseKind::Share, rule)) if rule == "share-words")
            && COMMENT.is_match(fold_case(&pieces[i].block.text).as_ref())
    });
    let Some(label) = label else { return };
    // Comments come last: a heading or a headline after the label means
    // the article (or another one) goes on, and the label was a column's
    // header or a button.
    let end = pieces.len();
    if (label + 1..end).any(|i| matches!(pieces[i].block.role, Role::Title | Role::Heading)) {
        return;
    }
    let kept_words = |range: std::ops::Range<usize>| -> usize {
        range
            .filter(|&i| verdicts[i].is_none())
            .map(|i| words[i])
            .sum()
    };
    // Comments open with a name, a date or a short remark; the article
    // going on after a share bar opens with a paragraph of prose.
    let opens_short = (label + 1..end)
        .find(|&i| verdicts[i].is_none())
        .is_some_and(|i| words[i] < MIN_PROSE_WORDS);
    let section = kept_words(label + 1..end);
    if !opens_short || section >= kept_words(prose..label) {
        return;
    }
    for verdict in &mut verdicts[label + 1..end] {
        if verdict.is_none() {
            *verdict = Some((NoiseKind::Other, "comment-section".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::{RuleSet, clean_fragment};

    const LEAD: &str = "The ministers met in Vienna on Tuesday, and after six hours of talks, \
        with advisers shuttling between rooms, they agreed to meet again next month to settle \
        the remaining questions on inspections, sanctions relief and the timetable.";
    const SECOND: &str = "Diplomats from both delegations said the timetable was the hardest \
        of the questions still open, and that the inspectors' report due in June would decide \
        whether the first sanctions are lifted before the summer recess.";

    fn clean(html: &str) -> crate::clean::Cleaned {
        clean_fragment(html, Some("https://example.test/a"), &RuleSet::builtin())
    }

    #[test]
    fn comments_under_a_label_inside_the_article_go() {
        for label in [
            "3 Comments",
            "Leave a Reply",
            "Kommentare",
            "Diskutieren Sie mit",
        ] {
            let c = clean(&format!(
                "<div><p>{LEAD}</p><p>{SECOND}</p><div><p>{label}</p></div>\
                 <div><p>annie_k</p><p>March 3, 2021 at 9:14 am</p>\
                 <p>Great piece, though I think the timetable will slip again as it did last \
                 year.</p><p>Reply</p></div><div><p>mark w</p>\
                 <p>Nobody in Vienna believes June is realistic.</p></div></div>"
            ));
            assert_eq!(
                c.text(),
                format!("{LEAD}\n\n{SECOND}"),
                "{label}: {:#?}",
                c.removed
            );
            assert!(
                c.removed
                    .iter()
                    .any(|r| r.rule == "comment-section" && r.text.starts_with("Great piece")),
                "{label}: {:#?}",
                c.removed
            );
        }
    }

    #[test]
    fn a_comment_count_in_a_share_bar_between_sections_takes_nothing() {
        // The count sits in a bar between two parts of the article: the
        // part after it is longer than a comment section would be, or
        // opens with a heading.
        let c = clean(&format!(
            "<article><p>{LEAD}</p><p>Comments (3)</p><p>{SECOND}</p><p>{LEAD} Again.</p>\
             <p>12 comments</p><h2>What comes next</h2><p>{SECOND} Again.</p></article>"
        ));
        let text = c.text();
        assert!(
            text.contains(&format!("{SECOND}\n\n{LEAD} Again."))
                && text.ends_with(&format!("{SECOND} Again.")),
            "{text}\n{:#?}",
            c.removed
        );
        assert!(!c.removed.iter().any(|r| r.rule == "comment-section"));
    }
}
