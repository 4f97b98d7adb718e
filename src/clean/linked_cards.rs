//! Teaser cards of other stories inside the article, each a linked title
//! with its standfirst after it in plain text ("<a>Why the grain deal
//! matters</a> Bread prices in Cairo have doubled…"). Too little of such
//! a block is link text for `links` to call it a link, but three in a row
//! are a box of other stories, wherever it stands. A link inside a
//! sentence is followed by the sentence's own words, not by a new field
//! that opens with a capital. The same cards laid out as a linked title's
//! block (which `links` removes) and a standfirst's block after it go
//! when three alternate so.

use super::card_runs::is_one_sentence;
use super::judge::{Piece, Verdict, first_prose};
use super::links::{skip_tags, text_of};
use super::{NoiseKind, Role};

/// Cards in a row before they count as a box.
const MIN_CARDS: usize = 3;
/// Words of a card's linked title: a headline, not a name or a label.
const TITLE_WORDS: std::ops::RangeInclusive<usize> = 3..=20;
/// Words of the standfirst after the title.
const STANDFIRST_WORDS: std::ops::RangeInclusive<usize> = 4..=40;

/// Words of a standfirst in a block of its own under a linked title:
/// one sentence, shorter than a paragraph of prose.
const MAX_LONE_STANDFIRST_WORDS: usize = 30;

/// Marks runs of linked-title cards after the article has begun.
pub(super) fn mark_linked_cards(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    if pieces.iter().all(|p| p.link_chars == 0) {
        return;
    }
    let Some(body) = first_prose(pieces, words) else {
        return;
    };
    mark_one_block_cards(pieces, verdicts, body);
    mark_title_and_standfirst_pairs(pieces, words, verdicts, body);
}

/// Cards whose linked title and standfirst share a block.
fn mark_one_block_cards(pieces: &[Piece], verdicts: &mut [Verdict], body: usize) {
    // Only blocks after the article's start with a link can be cards.
    let card: Vec<bool> = pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            i > body
                && p.link_chars > 0
                && matches!(p.block.role, Role::Paragraph | Role::Item)
                && is_card(&p.block.html)
        })
        .collect();
    let mut i = body + 1;
    while i < pieces.len() {
        if !card[i] || verdicts[i].is_some() {
            i += 1;
            continue;
        }
        // Stamps and labels other rules removed may stand between cards.
        let mut end = i;
        let mut cards = 0;
        while end < pieces.len() && (card[end] || verdicts[end].is_some()) {
            cards += usize::from(card[end] && verdicts[end].is_none());
            end += 1;
        }
        if cards >= MIN_CARDS {
            for at in i..end {
                if card[at] && verdicts[at].is_none() {
                    verdicts[at] = Some((NoiseKind::Related, "linked-cards".into()));
                }
            }
        }
        i = end;
    }
}

/// Linked titles that `links` removed, each with one short block after it
/// that no rule took: three such pairs in a row are cards.
fn mark_title_and_standfirst_pairs(
    pieces: &[Piece],
    words: &[usize],
    verdicts: &mut [Verdict],
    body: usize,
) {
    let linked_title = |v: &Verdict| matches!(v, Some((NoiseKind::Related, rule)) if rule == "link-dense-block" || rule == "link-list");
    let standfirst = |at: usize| {
        matches!(pieces[at].block.role, Role::Paragraph | Role::Item)
            && pieces[at].link_chars == 0
            && (*STANDFIRST_WORDS.start()..=MAX_LONE_STANDFIRST_WORDS).contains(&words[at])
            && is_one_sentence(&pieces[at].block.text)
    };
    let mut i = body + 1;
    while i + 1 < pieces.len() {
        let mut at = i;
        let mut pairs = Vec::new();
        while at + 1 < pieces.len()
            && linked_title(&verdicts[at])
            && verdicts[at + 1].is_none()
            && standfirst(at + 1)
        {
            pairs.push(at + 1);
            at += 2;
        }
        if pairs.len() >= MIN_CARDS {
            for p in &pairs {
                verdicts[*p] = Some((NoiseKind::Related, "linked-cards".into()));
            }
        }
        i = if pairs.is_empty() { i + 1 } else { at };
    }
}

/// Whether a block's inline HTML opens with a link whose text reads as a
/// headline, and goes on after it with a standfirst that opens with a
/// capital and holds no further link.
fn is_card(mut html: &str) -> bool {
    // A title may be set in bold around its link.
    while !html.starts_with("<a ")
        && let Some(tag) = html.strip_prefix('<')
    {
        let Some(end) = tag.find('>') else {
            return false;
        };
        html = &tag[end + 1..];
    }
    let Some(link) = html.strip_prefix("<a ") else {
        return false;
    };
    let Some(open) = link.find('>') else {
        return false;
    };
    let Some(close) = link.find("</a>") else {
        return false;
    };
    if close < open {
        return false;
    }
    let title = text_of(&link[open + 1..close]);
    let rest = &link[close + "</a>".len()..];
    if rest.contains("<a ") {
        return false;
    }
    let standfirst = text_of(skip_tags(rest.trim_start()));
    let standfirst = standfirst.trim();
    let title_words = title.split_whitespace().count();
    let standfirst_words = standfirst.split_whitespace().count();
    TITLE_WORDS.contains(&title_words)
        && title.trim_start().starts_with(char::is_uppercase)
        && STANDFIRST_WORDS.contains(&standfirst_words)
        && standfirst.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use crate::clean::{Cleaned, NoiseKind, RuleSet, clean_fragment};

    const PROSE: &str = "<p>The ministers met in Vienna on Tuesday, and after six hours of \
        talks, with advisers shuttling between rooms, they agreed to meet again next month to \
        settle the remaining questions.</p>";
    const MORE: &str = "<p>Neither side would say which questions remain open, though \
        diplomats in both delegations said the timetable was the hardest of them and that it \
        would be settled last.</p>";

    fn clean(html: &str) -> Cleaned {
        clean_fragment(
            &format!("{PROSE}{html}{MORE}"),
            Some("https://news.example.test/2024/talks"),
            &RuleSet::builtin(),
        )
    }

    #[test]
    fn a_box_of_linked_titles_with_standfirsts_between_paragraphs_goes() {
        let c = clean(
            "<ul><li><a href=\"/grain\">Why the grain deal matters to Egypt</a> Bread prices \
             in Cairo have doubled since the corridor closed</li>\
             <li><strong><a href=\"/heat\">Is the heatwave the new normal?</a></strong> \
             Forecasters expect more days above 40C in southern Europe</li>\
             <li><a href=\"/train\">The return of the night train</a> Sleeper services are \
             coming back across Europe after two decades.</li></ul>",
        );
        let text = c.text();
        assert!(text.ends_with("would be settled last."), "{text}");
        assert!(!text.contains("Bread prices"), "{text}");
        assert!(!text.contains("Sleeper services"), "{text}");
        let rules: Vec<_> = c
            .removed
            .iter()
            .filter(|r| r.rule == "linked-cards")
            .map(|r| r.kind)
            .collect();
        assert_eq!(rules, [NoiseKind::Related; 3], "{:#?}", c.removed);
    }

    #[test]
    fn links_inside_sentences_glossaries_and_two_cards_stay() {
        let kept = [
            // A link inside a sentence goes on in lower case.
            "<p><a href=\"/a\">The new rail timetable</a> was published on Monday and \
             takes effect in May.</p>\
             <p><a href=\"/b\">The ferry operators</a> said the strike would end soon.</p>\
             <p><a href=\"/c\">Three of the unions</a> have not yet agreed to the deal.</p>",
            // Terms and their definitions, after a separator.
            "<ul><li><a href=\"/a\">Track access charge</a> \u{2013} What an operator pays \
             per kilometre</li><li><a href=\"/b\">Open access operator</a> \u{2013} A \
             company running trains without a franchise</li><li><a href=\"/c\">Rolling stock \
             lease</a> \u{2013} The rent paid for carriages and engines</li></ul>",
            // Two cards are not yet a box.
            "<ul><li><a href=\"/grain\">Why the grain deal matters to Egypt</a> Bread prices \
             in Cairo have doubled since the corridor closed</li>\
             <li><a href=\"/heat\">Is the heatwave the new normal?</a> Forecasters expect \
             more days above 40C in southern Europe</li></ul>",
        ];
        for html in kept {
            let c = clean(html);
            assert!(
                c.removed.iter().all(|r| r.rule != "linked-cards"),
                "{html}: {:#?}",
                c.removed
            );
        }
    }

    #[test]
    fn linked_titles_over_standfirsts_of_their_own_go_and_the_paragraph_after_stays() {
        for (title_tag, full_stop) in [("h3", "."), ("div", "")] {
            let card = |href: &str, title: &str, standfirst: &str| {
                format!(
                    "<{title_tag}><a href=\"{href}\">{title}</a></{title_tag}>\
                     <p>{standfirst}{full_stop}</p>"
                )
            };
            let c = clean(&format!(
                "{}{}{}",
                card(
                    "/grain",
                    "Why the grain deal matters to Egypt",
                    "Bread prices in Cairo have doubled since the corridor closed"
                ),
                card(
                    "/heat",
                    "Is the heatwave the new normal?",
                    "Forecasters expect more days above 40C in southern Europe"
                ),
                card(
                    "/train",
                    "The return of the night train",
                    "Sleeper services are coming back across Europe after two decades"
                ),
            ));
            let text = c.text();
            assert!(
                text.ends_with("would be settled last."),
                "{title_tag}: {text}\n{:#?}",
                c.removed
            );
            for standfirst in ["Bread prices", "Forecasters", "Sleeper services"] {
                assert!(!text.contains(standfirst), "{title_tag}: {text}");
            }
        }
    }

    #[test]
    fn a_links_roundup_s_commentary_of_several_sentences_stays() {
        let entry = |href: &str, title: &str| {
            format!(
                "<p><a href=\"{href}\">{title}</a></p><p>A useful read on the subject. \
                 It explains the trade-offs well.</p>"
            )
        };
        let c = clean(&format!(
            "{}{}{}",
            entry("/a", "Why the grain deal matters to Egypt"),
            entry("/b", "Is the heatwave the new normal?"),
            entry("/c", "The return of the night train"),
        ));
        assert!(
            c.removed.iter().all(|r| r.rule != "linked-cards"),
            "{:#?}",
            c.removed
        );
    }
}
