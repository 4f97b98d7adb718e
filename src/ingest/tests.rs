//! The ingest plan's decisions, on items written here.

use super::*;
use crate::clean::RuleSet;

fn wants(mode: FullText, item: &NewArticle) -> bool {
    wants_full_text(mode, item, &ItemText::of(item))
}

fn item(link: Option<&str>, summary: Option<&str>, content: Option<&str>) -> NewArticle {
    NewArticle {
        enclosures: Vec::new(),
        guid: "g".into(),
        link: link.map(str::to_owned),
        title: "t".into(),
        author: None,
        published: None,
        updated: None,
        summary: summary.map(str::to_owned),
        content: content.map(str::to_owned),
    }
}

const LINK: Option<&str> = Some("https://a.example/story");

#[test]
fn a_body_whose_text_starts_after_much_markup_is_read_whole() {
    // Only the lead of a body is converted; when it holds no text, the
    // rest decides.
    let markup = "<span></span>".repeat(MAX_BODY_HTML_BYTES / 10);
    let late_long = format!("{markup}<p>{}</p>", "word ".repeat(100));
    let late_short = format!("{markup}<p>A line.</p>");
    assert!(ItemText::of(&item(LINK, None, Some(&late_long))).content == Some(String::new()));
    assert!(!wants(FullText::Auto, &item(LINK, None, Some(&late_long))));
    assert!(wants(FullText::Auto, &item(LINK, None, Some(&late_short))));
    assert!(!wants(FullText::Auto, &item(LINK, Some(&late_long), None)));
}

#[test]
fn auto_wants_short_or_missing_bodies_only() {
    let long = format!("<p>{}</p>", "word ".repeat(100));
    // 399 characters of text in far more bytes of markup is short.
    let short = format!("<p><b>{}</b></p>", "x".repeat(AUTO_MIN_TEXT_CHARS - 1));
    assert!(wants(FullText::Auto, &item(LINK, None, None)));
    assert!(wants(FullText::Auto, &item(LINK, Some("One line."), None)));
    assert!(wants(FullText::Auto, &item(LINK, None, Some(&short))));
    assert!(!wants(FullText::Auto, &item(LINK, None, Some(&long))));
    assert!(!wants(FullText::Auto, &item(LINK, Some(&long), None)));
    // Content wins over the summary, unless it is blank.
    assert!(wants(
        FullText::Auto,
        &item(LINK, Some(&long), Some(&short))
    ));
    assert!(!wants(FullText::Auto, &item(LINK, Some(&long), Some(" "))));
}

#[test]
fn always_and_never_and_links() {
    let long = "y".repeat(2000);
    assert!(wants(FullText::Always, &item(LINK, None, Some(&long))));
    assert!(!wants(FullText::Never, &item(LINK, None, None)));
    for link in [None, Some("file:///etc/passwd"), Some("mailto:a@b.example")] {
        assert!(!wants(FullText::Always, &item(link, None, None)));
        assert!(!wants(FullText::Auto, &item(link, None, None)));
    }
}

/// A body as The Week's pages end: the article, then a related-stories
/// list that names another country.
const ARTICLE_WITH_RELATED: &str = "<p>Brazil and Paraguay recalled their ambassadors on Tuesday \
    after talks on the Itaipu dam's tariff broke down in Asunción.</p>\
    <p>The two governments share the dam's power under a 1973 treaty.</p>\
    <div class=\"related-stories\"><h3>Related stories</h3><ul>\
    <li><a href=\"https://a.example/mekong\">The Mekong treaty: can four countries share one river?</a></li>\
    <li><a href=\"https://a.example/nile\">Nile dam talks stall again</a></li></ul></div>";

#[test]
fn the_index_holds_the_kept_blocks_and_never_the_removed_ones() {
    let rules = RuleSet::builtin();
    let text = index_text(None, Some(ARTICLE_WITH_RELATED), None, LINK, &rules);
    let body = text.body.expect("a body");
    assert!(body.contains("Itaipu"), "{body}");
    assert!(body.contains("1973 treaty"), "{body}");
    assert!(!body.contains("Mekong"), "{body}");
    assert!(!body.contains("Nile"), "{body}");
}

#[test]
fn the_full_text_is_the_body_when_there_is_one() {
    let rules = RuleSet::builtin();
    let text = index_text(
        Some("Ambassadors recalled."),
        Some("<p>Feed teaser about rivers.</p>"),
        Some(ARTICLE_WITH_RELATED),
        LINK,
        &rules,
    );
    let body = text.body.expect("a body");
    assert!(
        body.contains("Itaipu") && !body.contains("teaser"),
        "{body}"
    );
    assert_eq!(text.summary.as_deref(), Some("Ambassadors recalled."));
    // A blank content does not hide the summary's place as the body's
    // source: there is no body then.
    let only_summary = index_text(Some("<p>One line.</p>"), Some("  "), None, LINK, &rules);
    assert_eq!(only_summary.body, None);
    assert_eq!(only_summary.summary.as_deref(), Some("One line."));
}

#[test]
fn a_summary_of_several_blocks_is_one_line_without_its_noise() {
    let rules = RuleSet::builtin();
    let summary = "<p>Talks broke down.</p><p>Sign up for our free daily newsletter \
        and get the top stories in your inbox.</p><p>Envoys left.</p>";
    let text = index_text(Some(summary), None, None, LINK, &rules);
    let line = text.summary.expect("a summary");
    assert!(!line.contains('\n'), "{line}");
    assert!(
        line.contains("Talks broke down.") && line.contains("Envoys left."),
        "{line}"
    );
    assert!(!line.contains("newsletter"), "{line}");
}

/// The built-in rules and topics, which plans in these tests are made with.
fn rules_and_topics() -> (RuleSet, crate::topics::Scorer) {
    let scorer = crate::topics::builtin_scorer().expect("the built-in topics");
    (RuleSet::builtin(), scorer)
}

#[test]
fn a_plan_carries_the_verdict_topics_wish_and_index() {
    let (rules, scorer) = rules_and_topics();
    let settings = PlanSettings {
        rules: &rules,
        topics: &scorer,
        full_text: FullText::Auto,
    };
    let mut offer = item(LINK, Some("Subscribe today for £1 a week."), None);
    offer.title = "Special offer: subscribe for £1 a week".into();
    let plan = plan_item(&offer, settings);
    assert!(plan.verdict.is_some(), "{plan:?}");
    assert!(!plan.wants_full_text, "noise never wants its page");
    assert_eq!(plan.signature, None, "noise stays out of stories");

    let mut story = item(LINK, None, Some(ARTICLE_WITH_RELATED));
    story.title = "Brazil and Paraguay recall ambassadors over Itaipu dam".into();
    let plan = plan_item(&story, settings);
    assert_eq!(plan.verdict, None);
    assert!(plan.wants_full_text, "a short body wants its page");
    assert!(
        plan.index
            .body
            .as_deref()
            .is_some_and(|b| !b.contains("Mekong"))
    );
    assert!(plan.signature.is_some());
    assert_eq!(
        plan.signature,
        Signature::of(&story.title, story.summary.as_deref())
    );
    let expected: Vec<(String, f64)> = scorer
        .score(
            &story.title,
            &crate::topics::body_of_text(None, ItemText::of(&story).content.as_deref()),
        )
        .into_iter()
        .map(|(t, s)| (t.to_owned(), s))
        .collect();
    assert_eq!(plan.topics, expected);
}

#[test]
fn items_the_cache_holds_unchanged_are_not_planned_again() {
    let (rules, scorer) = rules_and_topics();
    let settings = PlanSettings {
        rules: &rules,
        topics: &scorer,
        full_text: FullText::Auto,
    };
    let mut same = item(LINK, Some("Talks resume."), None);
    same.guid = "same".into();
    let mut edited = item(LINK, Some("Talks resume."), None);
    edited.guid = "edited".into();
    let mut new = item(LINK, Some("Talks resume."), None);
    new.guid = "new".into();
    let known: KnownItems = [
        ("same".to_owned(), item_hash(&same)),
        ("edited".to_owned(), item_hash(&edited)),
    ]
    .into_iter()
    .collect();
    edited.summary = Some("Talks resume in Geneva.".into());
    let parsed = ParsedFeed {
        items: vec![same, edited, new],
        ..ParsedFeed::default()
    };
    let plans = plan_feed(&parsed, settings, Some(&known));
    let planned: Vec<bool> = plans.iter().map(Option::is_some).collect();
    assert_eq!(planned, [false, true, true]);
    assert!(
        plan_feed(&parsed, settings, None)
            .iter()
            .all(Option::is_some)
    );
}
