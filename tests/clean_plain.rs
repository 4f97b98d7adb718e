//! The cleaner on plain text, against the real The Week page in
//! `tests/fixtures/clean/theweek-article.txt` (from shared/samples).

use sift::clean::{NoiseKind, RuleSet, clean_text};

const PAGE: &str = include_str!("fixtures/clean/theweek-article.txt");

/// The article: headline, standfirst and every paragraph, in order.
const BODY: &[&str] = &[
    "Will UK-Russia relations improve under Theresa May?",
    "Prime Minister signals she will adopt a different approach",
    "Theresa May has signalled a thaw",
    "Diplomatic ties between the two countries",
    "Tensions were further inflamed",
    "\"The report left Putin with radioactive fingermarks",
    "Speaking yesterday, May and Putin",
    "\"[They] agreed that British and Russian citizens",
    "The pair \"looked forward\"",
    "The Kremlin issued a similar statement",
    "The Guardian says the discussion",
    "Her position appears to be in stark contrast",
    "\"How to deal with Russia is one of the most pressing",
];

fn check(url: Option<&str>) {
    let cleaned = clean_text(PAGE, url, &RuleSet::builtin());
    let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(kept.len(), BODY.len(), "kept: {kept:#?}");
    for (block, start) in kept.iter().zip(BODY) {
        assert!(
            block.starts_with(start),
            "expected {start:?}, got {block:?}"
        );
    }
    let promo = cleaned
        .removed
        .iter()
        .filter(|r| r.kind == NoiseKind::Promo)
        .count();
    let related = cleaned
        .removed
        .iter()
        .filter(|r| r.kind == NoiseKind::Related)
        .count();
    // The sign-up box (brand, pitch, sign-up, blurb twice) and the lone
    // blurb later; 11 entries and their 11 separators.
    assert_eq!(promo, 6, "{:#?}", cleaned.removed);
    assert_eq!(related, 22, "{:#?}", cleaned.removed);
    assert_eq!(cleaned.removed.len(), 28);
}

#[test]
fn the_week_page_keeps_every_body_line_and_nothing_else_with_site_rules() {
    check(Some("https://theweek.com/world-news/uk-russia-relations"));
}

#[test]
fn the_week_page_comes_out_clean_with_generic_rules_alone() {
    check(None);
}

#[test]
fn removed_blocks_keep_their_place_and_rule() {
    let cleaned = clean_text(PAGE, None, &RuleSet::builtin());
    let signup = cleaned
        .removed
        .iter()
        .find(|r| r.text == "Sign up for The Week's Free Newsletters")
        .expect("the sign-up line is removed");
    assert_eq!(
        (signup.kind, signup.rule.as_str(), signup.position),
        (NoiseKind::Promo, "signup-call", 7)
    );
    assert!(
        cleaned.hidden_summary().starts_with("22 related, 6 promo"),
        "{}",
        cleaned.hidden_summary()
    );
}

/// The page's kickers, as it writes them.
const KICKERS: &[&str] = &[
    "Under The Radar",
    "The Explainer",
    "The Week's daily crossword",
    "In the Spotlight",
    "IN THE SPOTLIGHT",
    "Speed Read",
    "Today's Big Question",
];

/// The page with its related list laid out without separators, one field
/// a line: each title, then its kicker and standfirst on one line
/// (`kicker_alone`: the kicker on a line of its own, then the standfirst).
fn one_field_a_line(kicker_alone: bool) -> (String, Vec<String>) {
    let lines: Vec<&str> = PAGE.lines().collect();
    let end = lines.iter().position(|l| *l == "-").expect("the list");
    let mut page: Vec<String> = lines[..end].iter().map(|l| l.to_string()).collect();
    let mut titles = Vec::new();
    for entry in lines[end..]
        .iter()
        .filter(|l| !l.trim().is_empty() && **l != "-")
    {
        let (at, kicker) = KICKERS
            .iter()
            .filter_map(|k| entry.find(k).map(|at| (at, *k)))
            .min()
            .expect("every entry has a kicker");
        titles.push(entry[..at].to_owned());
        page.push(entry[..at].to_owned());
        let standfirst = entry[at + kicker.len()..].trim();
        if kicker_alone {
            page.push(kicker.to_owned());
            if !standfirst.is_empty() {
                page.push(standfirst.to_owned());
            }
        } else {
            page.push(entry[at..].to_owned());
        }
    }
    (page.join("\n"), titles)
}

#[test]
fn a_related_list_of_title_and_kicker_lines_goes_whole_and_the_body_stays() {
    for kicker_alone in [false, true] {
        let (page, titles) = one_field_a_line(kicker_alone);
        let cleaned = clean_text(
            &page,
            Some("https://theweek.com/world-news/x"),
            &RuleSet::builtin(),
        );
        let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept.len(),
            BODY.len(),
            "kicker alone {kicker_alone}: {kept:#?}"
        );
        for (block, start) in kept.iter().zip(BODY) {
            assert!(
                block.starts_with(start),
                "expected {start:?}, got {block:?}"
            );
        }
        for title in &titles {
            let entry = cleaned.removed.iter().find(|r| &r.text == title);
            assert!(
                entry.is_some_and(|r| r.kind == NoiseKind::Related),
                "{title:?}: {:#?}",
                cleaned.removed
            );
        }
    }
}

#[test]
fn the_article_s_own_kicker_above_it_takes_neither_headline_nor_standfirst() {
    let (page, _) = one_field_a_line(true);
    let page = format!("In the Spotlight\n{page}");
    let cleaned = clean_text(
        &page,
        Some("https://theweek.com/world-news/x"),
        &RuleSet::builtin(),
    );
    let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(kept.contains(&BODY[0]), "{kept:#?}");
    assert!(kept.iter().any(|k| k.starts_with(BODY[1])), "{kept:#?}");
}
