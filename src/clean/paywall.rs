//! A paywall's stub. Where a page stops the article for readers without a
//! subscription ("To continue reading this article…"), what follows is
//! the offer (plans, log-in, "Why the Example Times?") down to "Contact
//! us": promo however it is worded, until prose resumes.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::case_fold::fold_case;
use super::judge::{MIN_PROSE_WORDS, Piece, Verdict, first_prose, speaks_to_reader};
use super::reader::addresses_reader;
use super::sentence_end::ends_a_sentence;
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
    "artikel weiterzulesen",
    "beitrag weiterzulesen",
    "vollst\u{e4}ndigen artikel",
    "ganzen artikel lesen",
    "dieser artikel ist exklusiv",
    "kostenlosen artikel",
    "m\u{f6}chten sie weiterlesen",
    "sie m\u{f6}chten weiterlesen",
    "wollen sie weiterlesen",
    "lesen sie jetzt weiter",
    "+ weiterlesen",
    "pour lire la suite",
    "la suite est r\u{e9}serv\u{e9}e",
    "r\u{e9}serv\u{e9} aux abonn\u{e9}s",
];

// Phrases written in small letters, found in folded text: any case.
static OPENER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        // A DFA's build cost more than every search of a page.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(OPENERS)
        .expect("fixed phrases compile")
});

/// What an offer names: a shorter sentence that names none of these and
/// does not speak to the reader may be the article going on.
const OFFER_WORDS: &[&str] = &[
    "subscri",
    "abonn",
    "account",
    "trial",
    "cancel",
    "log in",
    "login",
    "sign in",
    "sign up",
    "register",
    "membership",
    "offer",
    "unlimited",
    "digital access",
    "per month",
    "per week",
    "per year",
    "newsletter",
    "kostenlos",
    "k\u{fc}ndbar",
    "einloggen",
    "pro monat",
    "offre",
    "essai",
    "suscri",
    "abbona",
    "£",
    "$",
    "€",
];

static OFFER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(OFFER_WORDS)
        .expect("fixed phrases compile")
});

/// Words of a sentence after the opener that shows the article goes on,
/// when prose follows it (the offer's own sentences are shorter: "See why
/// a million readers pay to read us.").
const MIN_RESUMED_WORDS: usize = 15;

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
            && OPENER.is_match(fold_case(&pieces[i].block.text).as_ref())
    });
    let Some(start) = opener else { return };
    for i in start..pieces.len() {
        // A shorter sentence resumes the article only with a paragraph of
        // prose after it: an offer's closing pitches end the page.
        let prose_again = verdicts[i].is_none()
            && ((words[i] >= MIN_PROSE_WORDS && !is_pitch(&pieces[i].block.text))
                || (resumes_article(&pieces[i].block.text, words[i])
                    && (i + 1..pieces.len())
                        .find(|&j| verdicts[j].is_none())
                        .is_some_and(|j| words[j] >= MIN_PROSE_WORDS)));
        if prose_again || pieces[i].block.role == Role::Title {
            break;
        }
        if verdicts[i].is_none() {
            verdicts[i] = Some((NoiseKind::Promo, "paywall-stub".into()));
        }
    }
}

/// The offer's own paragraph, as long as the article's: it names the
/// offer and speaks to the reader ("Testen Sie Plus jetzt einen Monat
/// kostenlos und lesen Sie alle Artikel…").
fn is_pitch(text: &str) -> bool {
    OFFER.is_match(fold_case(text).as_ref()) && addresses_reader(text)
}

/// A sentence of the article after a box that cut it: long enough, ended,
/// and about neither the reader nor an offer.
fn resumes_article(text: &str, words: usize) -> bool {
    words >= MIN_RESUMED_WORDS
        && ends_a_sentence(text.trim_end())
        && !speaks_to_reader(text)
        && !OFFER.is_match(fold_case(text).as_ref())
}

#[cfg(test)]
mod tests {
    use crate::clean::{Cleaned, NoiseKind, RuleSet, clean_page, clean_text};

    /// Asserts the kept blocks' text, showing what was removed if not.
    fn assert_kept(cleaned: &Cleaned, expected: &[&str]) {
        let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(kept, expected, "{:#?}", cleaned.removed);
    }

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
            assert_kept(&cleaned, &["Talks resume in Vienna", LEAD]);
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
    fn an_opener_in_capitals_beyond_ascii_cuts_the_article_too() {
        for opener in [
            "DIESER ARTIKEL IST NUR FÜR ABONNENTEN",
            "LA SUITE EST RÉSERVÉE AUX ABONNÉS",
        ] {
            let text = format!(
                "Talks resume in Vienna\n{LEAD}\n{opener}\nAlready a subscriber? Log in\n\
                 From $1 a week\nContact us\n"
            );
            let cleaned = clean_text(&text, None, &RuleSet::builtin());
            assert_kept(&cleaned, &["Talks resume in Vienna", LEAD]);
            let removed = cleaned.removed.iter().find(|r| r.text == opener);
            assert!(
                removed.is_some_and(|r| r.kind == NoiseKind::Promo),
                "{opener}: {:#?}",
                cleaned.removed
            );
            // Found as the opener, the stub after it goes as the stub's.
            assert!(
                cleaned.removed.iter().any(|r| r.rule == "paywall-stub"),
                "{opener}: {:#?}",
                cleaned.removed
            );
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

    /// A box in the middle of the article that cuts it, then the article
    /// going on with a paragraph shorter than `MIN_PROSE_WORDS`.
    const SHORT_PARAGRAPH: &str = "The inspectors will report to the board in June, and a vote \
        on lifting the first sanctions could follow in July.";
    const CLOSING: &str = "Neither side would say which questions remain open, though \
        diplomats in both delegations said the timetable was the hardest of them and that it \
        would be settled last.";

    #[test]
    fn a_short_paragraph_after_a_box_that_cuts_the_article_is_kept() {
        let text = format!(
            "Talks resume in Vienna\n{LEAD}\nSubscribe to read the rest of our coverage\n\
             Already a subscriber? Log in\nFrom $1 a week for the first year\n\
             {SHORT_PARAGRAPH}\n{CLOSING}\n"
        );
        let cleaned = clean_text(&text, None, &RuleSet::builtin());
        assert_kept(
            &cleaned,
            &["Talks resume in Vienna", LEAD, SHORT_PARAGRAPH, CLOSING],
        );
        assert_eq!(cleaned.removed.len(), 3, "{:#?}", cleaned.removed);
    }

    #[test]
    fn the_offer_s_own_sentences_after_the_opener_stay_in_the_stub() {
        // The same length as a paragraph, but speaking to the reader,
        // naming the offer, or ending the page: the stub's, not the story's.
        let pitches = [
            "Our editors read hundreds of sources every day so that readers can see every \
             side of the story in one place.",
            "Join thousands of readers who start their day with the full picture, for less \
             than a coffee.",
            "Get unlimited digital access to every story on any device, with the archive and \
             the crossword included.",
        ];
        let text = format!(
            "Talks resume in Vienna\n{LEAD}\nTo continue reading this article\n{}\nContact us\n",
            pitches.join("\n")
        );
        let cleaned = clean_text(&text, None, &RuleSet::builtin());
        assert_kept(&cleaned, &["Talks resume in Vienna", LEAD]);
    }
}
