//! A paywall's stub. Where a page stops the article for readers without a
//! subscription ("To continue reading this article…"), what follows is
//! the offer (plans, log-in, "Why the Example Times?") down to "Contact
//! us": promo however it is worded, until prose resumes.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::judge::{MIN_PROSE_WORDS, Piece, Verdict, first_prose};
use super::{NoiseKind, Role};

/// What a paywall says where it cuts the article (English, German,
/// French). Each names the cut itself, not only an offer: "Subscribe
/// now" alone is a promo line, not the end of the article.
const OPENERS: &[&str] = &[
    "to continue reading",
    "continue reading this article",
    "continue reading with",
    "subscribe to continue",
    "subscribe to read",
    "subscribe to unlock",
    "to read the full article",
    "read the rest of this",
    "to keep reading",
    "keep reading with",
    "you've reached your limit",
    "you\u{2019}ve reached your limit",
    "you have reached your limit",
    "you have reached the limit",
    "free articles remaining",
    "this article is for subscribers",
    "this article is only available to",
    "this content is only available to",
    "exclusive to subscribers",
    "available to subscribers only",
    "register to continue",
    "log in to continue reading",
    "sign in to continue reading",
    "unlock this article",
    "unlock this story",
    "the rest of this article is",
    "um weiterzulesen",
    "weiterlesen mit",
    "nur f\u{fc}r abonnenten",
    "exklusiv f\u{fc}r abonnenten",
    "um diesen artikel zu lesen",
    "artikel freischalten",
    "jetzt abonnieren und weiterlesen",
    "pour lire la suite",
    "la suite est r\u{e9}serv\u{e9}e",
    "r\u{e9}serv\u{e9} aux abonn\u{e9}s",
];

static OPENER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(OPENERS)
        .expect("fixed phrases compile")
});

/// Words of a block that can open the stub (a sentence of prose that
/// mentions "to continue reading" is not one).
const MAX_OPENER_WORDS: usize = 20;

/// From the paywall's opener on, the short blocks are its offer.
pub(super) fn mark_paywall_stub(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    // The stub follows prose (a "subscribers only" label above the
    // article opens nothing), and where prose comes again the article goes
    // on (a box in the middle of a page that holds the whole text).
    let Some(prose) = first_prose(pieces, words) else {
        return;
    };
    let opener = (prose + 1..pieces.len()).find(|&i| {
        words[i] <= MAX_OPENER_WORDS
            && pieces[i].block.role != Role::Title
            && OPENER.is_match(pieces[i].block.text.as_str())
    });
    let Some(start) = opener else { return };
    for i in start..pieces.len() {
        let prose_again = words[i] >= MIN_PROSE_WORDS && verdicts[i].is_none();
        if prose_again || pieces[i].block.role == Role::Title {
            break;
        }
        if verdicts[i].is_none() {
            verdicts[i] = Some((NoiseKind::Promo, "paywall-stub".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::{NoiseKind, RuleSet, clean_page, clean_text};

    const LEAD: &str = "The ministers met in Vienna on Tuesday, and after six hours of talks, \
        with advisers shuttling between rooms, they agreed to meet again next month to settle \
        the remaining questions on inspections, sanctions relief and the timetable.";

    /// What a paywall shows after the lead, in the shape real ones have.
    const STUB: &[&str] = &[
        "To continue reading this article",
        "Subscribe to The Example Times",
        "Already a subscriber? Log in",
        "Complete digital access to quality journalism on any device",
        "Explore our full range of subscriptions",
        "For individuals",
        "Discover all the plans currently available in your country",
        "For multiple readers",
        "Digital access for organisations. Includes exclusive features and content.",
        "Why the Example Times?",
        "See why over a million readers pay to read the Example Times.",
        "Find out why",
        "Contact us",
    ];

    #[test]
    fn a_paywall_stub_goes_whole_as_promo_in_text_and_in_html() {
        let text = format!("Talks resume in Vienna\n{LEAD}\n{}\n", STUB.join("\n"));
        let paragraphs: String = STUB.iter().map(|s| format!("<p>{s}</p>")).collect();
        let html = format!(
            "<html><head><title>Talks resume in Vienna</title></head><body><article>\
             <h1>Talks resume in Vienna</h1><p>{LEAD}</p><div>{paragraphs}</div>\
             </article></body></html>"
        );
        let rules = RuleSet::builtin();
        for cleaned in [
            clean_text(&text, None, &rules),
            clean_page(&html, Some("https://example.test/a"), &rules),
        ] {
            let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(
                kept,
                ["Talks resume in Vienna", LEAD],
                "{:#?}",
                cleaned.removed
            );
            for line in STUB {
                let removed = cleaned.removed.iter().find(|r| r.text == *line);
                assert!(
                    removed.is_some_and(|r| r.kind == NoiseKind::Promo || r.kind == NoiseKind::Nav),
                    "{line}: {:#?}",
                    cleaned.removed
                );
            }
            assert!(cleaned.removed.iter().any(|r| r.rule == "paywall-stub"));
        }
    }

    #[test]
    fn a_label_above_the_article_opens_nothing_and_prose_after_a_box_is_kept() {
        let text = format!(
            "Exclusive to subscribers\nTalks resume in Vienna\nA short standfirst about the talks.\n\
             {LEAD}\nSubscribe to continue reading our coverage\nFrom $1 a week\n{LEAD} Again.\n"
        );
        let cleaned = clean_text(&text, None, &RuleSet::builtin());
        let kept = cleaned.text();
        assert!(
            kept.contains("A short standfirst about the talks."),
            "{kept}"
        );
        // The box in the middle goes; the article goes on after it.
        assert!(kept.contains("timetable. Again."), "{kept}");
        assert!(!kept.contains("From $1 a week"), "{kept}");
    }
}
