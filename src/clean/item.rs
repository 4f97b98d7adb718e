//! Whole items that are noise: subscription offers, newsletter pitches,
//! puzzles, sponsored posts. Judged at ingest, and again when the rules
//! change (`sift rescan`), from the item's link, title and summary; hidden
//! from default views, never deleted.

use super::NoiseKind;
use super::rules::{ItemFields, RuleSet};

/// One feed item as the judge reads it. `summary` is the summary as the
/// feed gave it (and the cache stores it): HTML or text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemToJudge<'a> {
    pub title: &'a str,
    pub link: Option<&'a str>,
    pub summary: Option<&'a str>,
}

/// The noise kind and rule name when the item is noise.
pub fn judge_item(item: &ItemToJudge<'_>, rules: &RuleSet) -> Option<(NoiseKind, String)> {
    let link = item.link.unwrap_or("");
    let host = super::html::host_of(Some(link));
    let candidates = rules.items_for_host(host.as_deref());
    // The summary's markup is stripped only when some rule reads it.
    let summary = match item.summary {
        Some(s) if candidates.iter().any(|r| r.reads_summary()) => crate::text::html_to_plain(s),
        _ => String::new(),
    };
    let fields = ItemFields {
        title: item.title,
        link,
        summary: summary.trim(),
    };
    candidates
        .into_iter()
        .find(|r| r.hits(&fields))
        .map(|r| (r.kind, r.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(title: &str, link: &str) -> Option<String> {
        let item = ItemToJudge {
            title,
            link: Some(link),
            summary: None,
        };
        judge_item(&item, &RuleSet::builtin()).map(|(k, r)| format!("{}/{r}", k.as_str()))
    }

    #[test]
    fn offers_puzzles_and_sponsored_items_are_noise() {
        assert_eq!(
            judge(
                "Winter offer",
                "https://example.test/subscription/winter-offer"
            )
            .as_deref(),
            Some("promo/subscription-item")
        );
        assert_eq!(
            judge(
                "Crossword: November 27, 2026",
                "https://example.test/puzzles/crossword-27"
            )
            .as_deref(),
            Some("puzzle/puzzle-item")
        );
        assert_eq!(
            judge("Quick crossword No 17,002", "https://example.test/a/b").as_deref(),
            Some("puzzle/puzzle-item")
        );
        assert_eq!(
            judge("Sponsored: the future of banking", "https://example.test/x").as_deref(),
            Some("ad/sponsored-item")
        );
        assert_eq!(
            judge(
                "All you need to know about everything that matters",
                "https://theweek.com/x"
            )
            .as_deref(),
            Some("promo/theweek-subscription-pitch")
        );
    }

    #[test]
    fn news_about_these_words_is_not_noise() {
        assert_eq!(
            judge(
                "Senate committee to quiz defence chiefs over spending",
                "https://example.test/politics/x"
            ),
            None
        );
        assert_eq!(
            judge(
                "Why the Baltic states are rearming fastest",
                "https://example.test/world-news/baltic"
            ),
            None
        );
        assert_eq!(
            judge(
                "Newsletter publishers face new EU rules",
                "https://example.test/business/x"
            ),
            None
        );
    }

    fn judge_with_summary(title: &str, summary: &str) -> Option<String> {
        let item = ItemToJudge {
            title,
            link: Some("https://news.example.test/world/2026/11/27/a-story"),
            summary: Some(summary),
        };
        judge_item(&item, &RuleSet::builtin()).map(|(k, r)| format!("{}/{r}", k.as_str()))
    }

    fn title_only(title: &str) -> Option<String> {
        judge(title, "https://news.example.test/world/2026/11/27/a-story")
    }

    #[test]
    fn offers_are_noise_by_their_title_at_an_ordinary_url() {
        for (title, rule) in [
            ("Special offer: subscribe for £1 a week", "promo/offer-item"),
            (
                "Black Friday offer – half price digital access",
                "promo/offer-item",
            ),
            ("Subscriber deal: 50% off", "promo/offer-item"),
            (
                "Subscribe to The Week for just £1 a week",
                "promo/subscribe-call-item",
            ),
            (
                "Get 6 issues for £6 and a free gift",
                "promo/subscribe-call-item",
            ),
            ("Try 3 months for £3", "promo/subscribe-call-item"),
            ("Start your free trial today", "promo/subscribe-call-item"),
            // "our" two words before: the newsletter rule's.
            (
                "Sign up to our free daily newsletter",
                "promo/newsletter-item",
            ),
            (
                "Never miss a story: sign up for our Morning Briefing",
                "promo/subscribe-call-item",
            ),
            (
                "Sign up to the Week Unwrapped newsletter",
                "promo/subscribe-call-item",
            ),
            (
                "Get the headlines straight to your inbox",
                "promo/subscribe-call-item",
            ),
            ("Subscribe now", "promo/subscribe-call-item"),
            (
                "Introducing our new weekly newsletter",
                "promo/newsletter-item",
            ),
        ] {
            assert_eq!(title_only(title).as_deref(), Some(rule), "{title}");
        }
    }

    #[test]
    fn sponsored_posts_are_noise_by_their_label() {
        for title in [
            "Sponsored: the future of banking",
            "In partnership with Acme Bank: five ways to save",
            "Brought to you by Acme – the future of fintech",
            "The future of fintech | Paid content",
            "Why cloud matters (sponsored by Acme)",
            "Advertisement feature: a taste of Lisbon",
        ] {
            assert_eq!(
                title_only(title).as_deref(),
                Some("ad/sponsored-item"),
                "{title}"
            );
        }
    }

    #[test]
    fn offers_and_sponsors_are_noise_by_their_summary() {
        assert_eq!(
            judge_with_summary(
                "A message to our readers",
                "<p>Subscribe today for £1 a week and get unlimited access.</p>"
            )
            .as_deref(),
            Some("promo/subscribe-call-item")
        );
        assert_eq!(
            judge_with_summary(
                "How banks are rethinking AI",
                "<p><em>Sponsored by Acme Bank.</em> Lenders are…</p>"
            )
            .as_deref(),
            Some("ad/sponsored-item")
        );
        assert_eq!(
            judge_with_summary(
                "Five trends shaping retail",
                "Retail is changing fast. This article is sponsored by Acme Stores."
            )
            .as_deref(),
            Some("ad/sponsored-item")
        );
        assert_eq!(
            judge_with_summary("Winter reading", "Special offer: three books for £10").as_deref(),
            Some("promo/offer-item")
        );
    }

    #[test]
    fn news_about_offers_newsletters_and_sponsors_stays_news() {
        for title in [
            "Eight governments sign up to a global minimum tax",
            "Why newsletters are booming",
            "Treaty signatories subscribe to inspections",
            "The offer Iran rejected",
            "Putin's special offer to Kyiv",
            "Netflix raises its subscription to £12 a month",
            "Households face a £40 a month rise in energy bills",
            "Teachers get £1,000 a year pay rise",
            "Get ready: trial of former president begins",
            "Save the date: summit set for May",
            "Bill sponsored by Senator Jones passes the House",
            "UK builds jets in partnership with Japan and Italy",
            "Regulator fines influencers over sponsored posts",
            "Join the club: why Nato keeps growing",
            "Substack's newsletter writers quit over moderation",
            "Ukraine: eight allies sign up to a new air-defence pact",
            "Start of talks delayed by 12 weeks",
        ] {
            assert_eq!(title_only(title), None, "{title}");
        }
    }

    #[test]
    fn a_summary_that_only_ends_with_a_pitch_stays_news() {
        for (title, summary) in [
            (
                "Why newsletters are booming",
                "Writers are leaving newspapers to sign up readers on Substack, where \
                 subscriptions cost £5 a month.",
            ),
            (
                "Envoys meet in Geneva",
                "<p>Talks resumed on Tuesday.</p><p>Sign up to our free newsletter for more.</p>",
            ),
            (
                "The offer Iran rejected",
                "A special offer of sanctions relief worth $6bn was turned down.",
            ),
            (
                "UK builds jets in partnership with Japan",
                "In partnership with Japan and Italy, Britain will build a new fighter.",
            ),
            (
                "Eight governments sign up to a global minimum tax",
                "Sign-up day in Paris: the deal sets a floor of 15%.",
            ),
        ] {
            assert_eq!(judge_with_summary(title, summary), None, "{title}");
        }
    }
}
