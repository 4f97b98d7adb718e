//! Plain text: every non-empty line is a block, judged like any other
//! (see `judge`).

use super::judge::{Piece, judge};
use super::rules::RuleSet;
use super::{Cleaned, Role};

/// Cleans `text`; `url` picks the site's rules.
pub fn clean_text(text: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    let pieces = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| Piece::plain(Role::Paragraph, line))
        .collect();
    judge(pieces, super::html::host_of(url).as_deref(), rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::NoiseKind;

    fn clean(text: &str) -> Cleaned {
        clean_text(text, None, &RuleSet::builtin())
    }

    #[test]
    fn a_numbered_ranking_is_content_and_a_menu_is_not() {
        let ranking = clean(
            "The best countries to be born in, by the index, are these.\n1. Finland\n2. Norway\n3. Australia\n4. Canada\n5. Germany\nThe ranking weighs income, health and schooling together.",
        );
        assert!(ranking.text().contains("4. Canada"), "{ranking:?}");
        assert!(ranking.removed.is_empty(), "{:?}", ranking.removed);
        let menu = clean(
            "The talks resumed in Geneva on Monday after a pause of three weeks.\nWorld\nBusiness\nSport\nCulture\nBoth sides said progress was slow but real.",
        );
        assert!(!menu.text().contains("Sport"), "{menu:?}");
    }

    #[test]
    fn body_paragraphs_stay_and_signups_go() {
        let c = clean(
            "Headline here\nThe talks resumed in Geneva on Monday after a pause of three weeks.\nSign up for our free newsletter\nBoth sides said progress was slow but real.",
        );
        assert_eq!(c.blocks.len(), 3, "{c:?}");
        assert_eq!(
            c.blocks[2].text,
            "Both sides said progress was slow but real."
        );
        assert_eq!(c.removed.len(), 1);
        assert_eq!(c.removed[0].rule, "signup-call");
        assert_eq!(c.removed[0].position, 2);
        assert_eq!(c.hidden_summary(), "1 promo");
    }

    #[test]
    fn governments_signing_up_to_treaties_are_news() {
        let news = "Eight governments sign up to shared rescue patrols in the Aegean";
        let c = clean(&format!("{news}\nSign up to our daily briefing"));
        assert_eq!(c.text(), news);
        assert_eq!(c.removed[0].rule, "signup-call");
    }

    #[test]
    fn long_paragraphs_that_mention_a_newsletter_stay() {
        let long = "The minister told reporters, in a statement later posted to the government's newsletter and repeated at length in parliament, that the treaty would be signed before the summit and that no further concessions would be offered to either side.";
        let c = clean(long);
        assert_eq!(c.text(), long);
    }

    #[test]
    fn separated_lists_and_repeats_are_removed() {
        let c = clean(
            "Body sentence one is here for the article.\nA promo line that says delivered to your inbox daily.\nA promo line that says delivered to your inbox daily.\nBody sentence two ends the article.\n-\nOther story one\n-\nOther story two\n-\nOther story three",
        );
        assert_eq!(
            c.text(),
            "Body sentence one is here for the article.\n\nBody sentence two ends the article."
        );
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.kind == NoiseKind::Related)
                .count(),
            6
        );
        assert_eq!(c.hidden_summary(), "6 related, 2 promo");
    }

    #[test]
    fn video_furniture_and_more_list_headings_go_and_sentences_with_their_words_stay() {
        let body = "The talks resumed in Geneva on Monday after a pause of three weeks, and both sides said they would explore more options for a ceasefire.";
        let c = clean(&format!(
            "{body}\nYour video will play in 00:25\nExplore more\nIn case you missed it\nPopular stories"
        ));
        assert_eq!(c.text(), body, "{:?}", c.removed);
        assert_eq!(
            c.removal("Your video will play in 00:25"),
            Some((NoiseKind::Other, "reading-furniture"))
        );
        for heading in ["Explore more", "In case you missed it", "Popular stories"] {
            assert_eq!(
                c.removal(heading),
                Some((NoiseKind::Related, "related-heading")),
                "{heading}"
            );
        }
    }

    #[test]
    fn one_dash_alone_is_not_a_list() {
        let c = clean("First paragraph of the story.\n-\nSecond paragraph of the story.");
        assert_eq!(c.blocks.len(), 3);
    }
}
