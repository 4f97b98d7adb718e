//! Whole items that are noise: subscription offers, puzzles, sponsored
//! posts. Judged at ingest from the item's link and title; hidden from
//! default views, never deleted.

use super::NoiseKind;
use super::rules::RuleSet;

/// The noise kind and rule name when the item is noise.
pub fn judge_item(title: &str, link: Option<&str>, rules: &RuleSet) -> Option<(NoiseKind, String)> {
    let link = link.unwrap_or("");
    let host = url::Url::parse(link)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    rules
        .items_for_host(host.as_deref())
        .into_iter()
        .find(|r| r.hits(title, link))
        .map(|r| (r.kind, r.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(title: &str, link: &str) -> Option<String> {
        judge_item(title, Some(link), &RuleSet::builtin())
            .map(|(k, r)| format!("{}/{r}", k.as_str()))
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
}
