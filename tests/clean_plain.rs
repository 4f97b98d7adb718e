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

/// An article of our own in the sample's shape (headline, standfirst,
/// prose with a sign-up box inside), for lists laid out other ways.
const OWN_ARTICLE: &[&str] = &[
    "Can the night train make a comeback in Europe?",
    "Sleeper services are returning after two decades of cuts, but the sums are hard",
    "Rail operators across Europe have announced a dozen new overnight routes this year, from Brussels to Prague and from Paris to Berlin, the most since the 1990s.",
    "Supporters say the trains offer a low-carbon alternative to short-haul flights, and bookings on the new routes have outrun the operators' own forecasts.",
    "But the economics are difficult: a sleeper carriage holds a third of the passengers of a day coach, and track access charges differ from one border to the next.",
    "\"Every country bills us in its own way, and some of them bill us twice,\" one operator's chief executive told the Financial Times.",
    "The European Commission has promised a single ticketing rule by 2027, which campaigners say would do more for the trains than any subsidy.",
];

/// Cards of other stories: (title, kicker, standfirst).
const CARDS: &[(&str, &str, &str)] = &[
    (
        "Why Welsh hill farmers are planting trees",
        "Under the Radar",
        "Subsidies are following the saplings, and not everyone is pleased",
    ),
    (
        "The quiet collapse of the high-street bank",
        "The Explainer",
        "Branch closures have doubled since 2019 as customers move online",
    ),
    (
        "Is the heatwave the new normal?",
        "Today's Big Question",
        "Forecasters expect more days above 40C in southern Europe each summer",
    ),
    (
        "Ferry strike strands thousands in Calais",
        "Speed Read",
        "Unions say the walkout will last until the weekend",
    ),
];

/// How a list of cards is laid out as lines.
#[derive(Clone, Copy, Debug)]
enum Layout {
    /// "Title", then "Kicker Standfirst".
    KickerLine,
    /// "Title", then "Kicker", then "Standfirst".
    KickerAlone,
    /// "Title", then "Standfirst", no kicker.
    NoKicker,
    /// "Kicker", then "Title", then "Standfirst".
    KickerFirst,
    /// "TitleKicker Standfirst": the title glued to its kicker.
    Glued,
}

fn card_page(cards: &[(&str, &str, &str)], layout: Layout) -> String {
    let mut lines: Vec<String> = OWN_ARTICLE.iter().map(|l| l.to_string()).collect();
    // The sign-up box the sample has, in other words.
    lines.splice(
        4..4,
        [
            "Sign up for our free morning briefing",
            "The day's biggest stories and the best of our analysis, delivered to your inbox.",
        ]
        .map(String::from),
    );
    for (title, kicker, standfirst) in cards {
        let entry: Vec<String> = match layout {
            Layout::KickerLine => vec![title.to_string(), format!("{kicker} {standfirst}")],
            Layout::KickerAlone => vec![
                title.to_string(),
                kicker.to_string(),
                standfirst.to_string(),
            ],
            Layout::NoKicker => vec![title.to_string(), standfirst.to_string()],
            Layout::KickerFirst => vec![
                kicker.to_string(),
                title.to_string(),
                standfirst.to_string(),
            ],
            Layout::Glued => vec![format!("{title}{kicker} {standfirst}")],
        };
        lines.extend(entry);
    }
    lines.join("\n")
}

#[test]
fn related_cards_laid_out_one_field_a_line_go_without_the_site_s_rules() {
    let layouts = [
        Layout::KickerLine,
        Layout::KickerAlone,
        Layout::NoKicker,
        Layout::KickerFirst,
        Layout::Glued,
    ];
    let mut reversed = CARDS.to_vec();
    reversed.reverse();
    let lists: [&[(&str, &str, &str)]; 4] = [CARDS, &CARDS[..2], &CARDS[1..4], &reversed];
    for layout in layouts {
        for cards in lists {
            let page = card_page(cards, layout);
            let cleaned = clean_text(&page, None, &RuleSet::builtin());
            let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(kept, OWN_ARTICLE, "{layout:?}, {} cards", cards.len());
            let related = cleaned
                .removed
                .iter()
                .filter(|r| r.kind == NoiseKind::Related)
                .count();
            let per_card = match layout {
                Layout::Glued => 1,
                Layout::KickerLine | Layout::NoKicker => 2,
                Layout::KickerAlone | Layout::KickerFirst => 3,
            };
            assert_eq!(related, cards.len() * per_card, "{:#?}", cleaned.removed);
        }
    }
}

#[test]
fn related_cards_whose_standfirsts_end_with_a_full_stop_go_too() {
    // Some sites end every standfirst with a full stop, so the cards read
    // like short paragraphs; three or more at the page's end are a list.
    let standfirsts: Vec<String> = CARDS.iter().map(|(_, _, s)| format!("{s}.")).collect();
    let punctuated: Vec<(&str, &str, &str)> = CARDS
        .iter()
        .zip(&standfirsts)
        .map(|((title, kicker, _), standfirst)| (*title, *kicker, standfirst.as_str()))
        .collect();
    // One card of four ends its standfirst with a full stop, last.
    let mut mixed = CARDS.to_vec();
    mixed[3].2 = standfirsts[3].as_str();
    let layouts = [
        Layout::KickerLine,
        Layout::KickerAlone,
        Layout::NoKicker,
        Layout::KickerFirst,
    ];
    for layout in layouts {
        for cards in [&punctuated[..], &punctuated[1..], &mixed[..]] {
            let page = card_page(cards, layout);
            let cleaned = clean_text(&page, None, &RuleSet::builtin());
            let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
            assert_eq!(kept, OWN_ARTICLE, "{layout:?}: {:#?}", cleaned.removed);
            for (title, _, _) in cards {
                let removed = cleaned.removed.iter().find(|r| r.text == *title);
                assert_eq!(
                    removed.map(|r| r.kind),
                    Some(NoiseKind::Related),
                    "{title:?} in {layout:?}: {:#?}",
                    cleaned.removed
                );
            }
        }
    }
}

#[test]
fn a_closing_list_of_points_the_article_goes_on_after_stays() {
    let mut lines: Vec<&str> = OWN_ARTICLE.to_vec();
    let points = [
        "What the commission proposes",
        "One booking system for every cross-border train in the union",
        "Track charges capped at the level of the cheapest member state",
        "Night trains exempted from the tax on carriage leasing",
    ];
    lines.extend(points);
    lines.push("Ministers will debate the proposals in Luxembourg next month, and most expect a compromise by the end of the year.");
    let page = lines.join("\n");
    let cleaned = clean_text(&page, None, &RuleSet::builtin());
    let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(kept, lines, "{:#?}", cleaned.removed);
}

/// Promo a news page's text carries besides the sign-up box: offers,
/// forms, apps, puzzles and the publisher's footer.
const PROMO_LINES: &[&str] = &[
    "Subscribe to The Daily Ledger",
    "SUBSCRIBE & SAVE",
    "Try 6 free issues",
    "Your email address",
    "Contact me with news and offers from other brands of the group",
    "By submitting your information you agree to the Terms & Conditions and Privacy Policy and are aged 16 or over.",
    "Thank you for signing up. You will receive a verification email shortly.",
    "There was a problem. Please refresh the page and try again.",
    "Download our app",
    "Get the app",
    "Play the daily crossword",
    "Try our puzzles: crossword, sudoku and more",
    "Cancel or pause at any time.",
    "A free daily digest of the biggest news stories of the day and the best features from our website",
    "The Daily Ledger is part of Ledger Media, an international media group and leading digital publisher. Visit our corporate site.",
];

#[test]
fn promo_between_and_after_the_paragraphs_goes_and_news_about_it_stays() {
    let news = [
        "Readers of the paper were asked to subscribe to a new rail pass scheme that the ministry launched on Monday.",
        "The crossword setter, who has set the paper's daily puzzle for thirty years, retires in March.",
        "Download speeds on the new line reach 200 megabits a second, the operator said.",
    ];
    let mut lines: Vec<&str> = OWN_ARTICLE[..4].to_vec();
    lines.extend(PROMO_LINES);
    lines.extend(news);
    lines.extend(&OWN_ARTICLE[4..]);
    let page = lines.join("\n");
    let cleaned = clean_text(&page, None, &RuleSet::builtin());
    let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
    let mut expected: Vec<&str> = OWN_ARTICLE[..4].to_vec();
    expected.extend(news);
    expected.extend(&OWN_ARTICLE[4..]);
    assert_eq!(kept, expected, "{:#?}", cleaned.removed);
    for line in PROMO_LINES {
        assert!(
            cleaned.removed.iter().any(|r| r.text == *line),
            "{line:?} stayed: {:#?}",
            cleaned.removed
        );
    }
}

#[test]
fn a_byline_without_by_beside_the_lead_s_date_line_goes_as_a_credit() {
    for byline in ["Ann Smith, The Daily Ledger", "ANN SMITH"] {
        let mut lines: Vec<&str> = OWN_ARTICLE[..2].to_vec();
        lines.extend([byline, "published 3 March 2021"]);
        lines.extend(&OWN_ARTICLE[2..]);
        let cleaned = clean_text(&lines.join("\n"), None, &RuleSet::builtin());
        let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(kept, OWN_ARTICLE, "{:#?}", cleaned.removed);
        let removed = cleaned.removed.iter().find(|r| r.text == byline);
        assert_eq!(
            removed.map(|r| (r.kind, r.rule.as_str())),
            Some((NoiseKind::Credit, "lead-byline"))
        );
    }
}

#[test]
fn lone_reading_buttons_and_offer_lines_go_and_news_about_them_stays() {
    let lines = [
        "Continue reading",
        "Read more",
        "Want to read more?",
        "Why subscribe to The Daily Ledger?",
        "Your first 6 issues for just £1",
        "Save up to 40% on the cover price",
        "Give a gift subscription",
    ];
    let news = "The magazine raised its cover price to £5.50 last year, its first rise since 2019, and lost few readers.";
    let page_with = |line: &str| {
        let mut page: Vec<&str> = OWN_ARTICLE[..4].to_vec();
        page.push(line);
        page.extend(&OWN_ARTICLE[4..]);
        clean_text(&page.join("\n"), None, &RuleSet::builtin())
    };
    for line in lines {
        let cleaned = page_with(line);
        let kept: Vec<&str> = cleaned.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(kept, OWN_ARTICLE, "{line:?}: {:#?}", cleaned.removed);
    }
    let cleaned = page_with(news);
    assert!(cleaned.text().contains(news), "{:#?}", cleaned.removed);
}

/// `OWN_ARTICLE`'s lines with `lines` put in after its `at`-th line.
fn article_with<'a>(at: usize, lines: &[&'a str]) -> Vec<&'a str> {
    let mut page: Vec<&str> = OWN_ARTICLE[..at].to_vec();
    page.extend(lines);
    page.extend(&OWN_ARTICLE[at..]);
    page
}

/// `article_with(at, lines)`, cleaned without a site's rules.
fn with_lines_at(at: usize, lines: &[&str]) -> sift::clean::Cleaned {
    clean_text(
        &article_with(at, lines).join("\n"),
        None,
        &RuleSet::builtin(),
    )
}

fn kept(cleaned: &sift::clean::Cleaned) -> Vec<&str> {
    cleaned.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn removed_as(cleaned: &sift::clean::Cleaned, line: &str) -> Option<(NoiseKind, String)> {
    cleaned
        .removed
        .iter()
        .find(|r| r.text == line)
        .map(|r| (r.kind, r.rule.clone()))
}

#[test]
fn podcast_plugs_go_and_news_about_podcasts_stays() {
    for (line, rule) in [
        (
            "Listen to The Week Unwrapped, our weekly podcast, wherever you get your podcasts",
            "podcast-plug",
        ),
        (
            "Subscribe to The Daily Ledger podcast on Apple Podcasts, Spotify or wherever you listen",
            "podcast-plug",
        ),
        ("Listen to the episode on Spotify", "podcast-call"),
        (
            "Follow the show on Apple Podcasts or Pocket Casts.",
            "podcast-call",
        ),
    ] {
        let cleaned = with_lines_at(4, &[line]);
        assert_eq!(kept(&cleaned), OWN_ARTICLE, "{line}");
        assert_eq!(
            removed_as(&cleaned, line),
            Some((NoiseKind::Promo, rule.to_owned())),
            "{line}"
        );
    }
    // The show's name alone beside the plug goes with it.
    let cleaned = with_lines_at(
        4,
        &[
            "The Week Unwrapped",
            "Subscribe to The Week Unwrapped on Apple Podcasts, Spotify or wherever you listen",
        ],
    );
    assert_eq!(kept(&cleaned), OWN_ARTICLE, "{:#?}", cleaned.removed);
    let news = [
        "The podcast, which topped the charts on Spotify last year, is hosted by two former ministers.",
        "Subscribers to the show on Spotify rose by a third after the interview.",
        "Listen to the minister on the radio and you hear a man who has already lost the argument.",
    ];
    let cleaned = with_lines_at(4, &news);
    let expected = article_with(4, &news);
    assert_eq!(kept(&cleaned), expected, "{:#?}", cleaned.removed);
}

#[test]
fn puzzle_cards_in_a_list_go_and_sentences_about_puzzles_stay() {
    let cards = [
        "Sudoku medium: October 27, 2025",
        "The Week's daily medium sudoku puzzle",
        "The Week's news quiz: 24 - 30 October 2025",
        "Crossword: October 27, 2025",
        "The Daily Ledger's weekly cryptic crossword",
    ];
    for card in cards {
        let cleaned = with_lines_at(OWN_ARTICLE.len(), &[card]);
        assert_eq!(kept(&cleaned), OWN_ARTICLE, "{card}");
        assert_eq!(
            removed_as(&cleaned, card).map(|(kind, _)| kind),
            Some(NoiseKind::Related),
            "{card}: {:#?}",
            cleaned.removed
        );
    }
    let news = [
        "The daily crossword turned 100 in 2013, and its setters still meet once a year.",
        "Quiz: who said it?",
        "Crossword fans wrote in their thousands.",
    ];
    let cleaned = with_lines_at(4, &news);
    let expected = article_with(4, &news);
    assert_eq!(kept(&cleaned), expected, "{:#?}", cleaned.removed);
}

#[test]
fn latest_and_trending_headings_go_and_sentences_with_those_words_stay() {
    for heading in [
        "The latest from The Week",
        "Latest from the newsroom",
        "Trending",
    ] {
        let cleaned = with_lines_at(OWN_ARTICLE.len(), &[heading]);
        assert_eq!(kept(&cleaned), OWN_ARTICLE, "{heading}");
        assert_eq!(
            removed_as(&cleaned, heading),
            Some((NoiseKind::Related, "related-heading".to_owned()))
        );
    }
    let news = "Trending topics on social media included the summit and the strike.";
    let cleaned = with_lines_at(4, &[news]);
    assert!(cleaned.text().contains(news), "{:#?}", cleaned.removed);
}

#[test]
fn a_subheading_after_a_sign_up_box_and_sentences_between_boxes_stay() {
    let box_lines = [
        "Sign up for our free morning briefing",
        "The day's biggest stories and the best of our analysis, delivered to your inbox.",
    ];
    // A box, then the next section's subheading and its prose.
    for subheading in ["A new approach", "Why does it matter?"] {
        let mut lines = box_lines.to_vec();
        lines.push(subheading);
        let cleaned = with_lines_at(4, &lines);
        let expected = article_with(4, &[subheading]);
        assert_eq!(kept(&cleaned), expected, "{:#?}", cleaned.removed);
    }
    // The box's own label above it still goes, and so does one under it
    // with no prose after.
    let mut lines = vec!["Newsletters"];
    lines.extend(box_lines);
    let cleaned = with_lines_at(4, &lines);
    assert_eq!(kept(&cleaned), OWN_ARTICLE, "{:#?}", cleaned.removed);
    // A sentence of the article between two boxes stays; a short line
    // that ends no sentence goes with them.
    let sentence = "Diplomatic ties between the two countries have been strained since 2014.";
    for (middle, stays) in [(sentence, true), ("Morning Briefing", false)] {
        let mut lines = box_lines.to_vec();
        lines.push(middle);
        lines.extend(["Subscribe to The Daily Ledger", "SUBSCRIBE & SAVE"]);
        let cleaned = with_lines_at(4, &lines);
        assert_eq!(
            cleaned.text().contains(middle),
            stays,
            "{middle}: {:#?}",
            cleaned.removed
        );
    }
}

#[test]
fn separated_entries_of_title_kicker_and_standfirst_go_and_the_paragraph_after_stays() {
    let mut lines = Vec::new();
    for (title, kicker, standfirst) in CARDS {
        lines.extend(["-", title, kicker, standfirst]);
    }
    // In the middle of the article: the paragraph after the last entry
    // is the article going on.
    let cleaned = with_lines_at(4, &lines);
    assert_eq!(kept(&cleaned), OWN_ARTICLE, "{:#?}", cleaned.removed);
    assert!(
        cleaned
            .removed
            .iter()
            .all(|r| r.kind == NoiseKind::Related || r.kind == NoiseKind::Promo),
        "{:#?}",
        cleaned.removed
    );
    assert_eq!(cleaned.removed.len(), lines.len());
}

#[test]
fn a_quoted_last_paragraph_under_a_subheading_stays_above_a_headed_list() {
    let quote = "\"How to deal with Russia is one of the most pressing and difficult foreign policy concerns for May.\"";
    let mut article = OWN_ARTICLE.to_vec();
    article.extend(["What happens next?", quote]);
    let mut lines = article.clone();
    lines.push("More from The Week");
    for (title, kicker, standfirst) in CARDS {
        lines.extend([title, kicker, standfirst]);
    }
    for url in [None, Some("https://theweek.com/world-news/x")] {
        let cleaned = clean_text(&lines.join("\n"), url, &RuleSet::builtin());
        assert_eq!(kept(&cleaned), article, "{url:?}: {:#?}", cleaned.removed);
    }
    // With kickers on the standfirst's line, the site's kicker list takes
    // no quoted sentence as a story's title either.
    let mut lines = article.clone();
    for (title, kicker, standfirst) in CARDS {
        lines.push(title);
        lines.push(Box::leak(format!("{kicker} {standfirst}").into_boxed_str()));
    }
    let cleaned = clean_text(
        &lines.join("\n"),
        Some("https://theweek.com/world-news/x"),
        &RuleSet::builtin(),
    );
    assert_eq!(kept(&cleaned), article, "{:#?}", cleaned.removed);
}

/// `CARDS` as lines in `layout`, each card's fields a line.
fn card_lines(layout: Layout) -> Vec<String> {
    let page = card_page(CARDS, layout);
    let skip = OWN_ARTICLE.len() + 2;
    page.lines().skip(skip).map(str::to_owned).collect()
}

#[test]
fn a_headed_list_of_question_titles_and_standfirsts_goes_and_the_next_section_stays() {
    for layout in [Layout::KickerAlone, Layout::KickerLine, Layout::KickerFirst] {
        let cards = card_lines(layout);
        let mut lines = vec!["Latest"];
        lines.extend(cards.iter().map(String::as_str));
        lines.push("What did the commentators say?");
        let cleaned = with_lines_at(4, &lines);
        let expected = article_with(4, &["What did the commentators say?"]);
        assert_eq!(
            kept(&cleaned),
            expected,
            "{layout:?}: {:#?}",
            cleaned.removed
        );
        assert!(
            cleaned.removed.iter().all(|r| r.kind == NoiseKind::Related),
            "{:#?}",
            cleaned.removed
        );
        // At the article's end, under "More stories".
        let mut lines = vec!["More stories"];
        lines.extend(cards.iter().map(String::as_str));
        let cleaned = with_lines_at(OWN_ARTICLE.len(), &lines);
        assert_eq!(
            kept(&cleaned),
            OWN_ARTICLE,
            "{layout:?}: {:#?}",
            cleaned.removed
        );
    }
}

#[test]
fn a_paragraph_between_two_separated_lists_stays() {
    let paragraph = "The pair \"looked forward\" to meeting each other at the G20 summit in China next month, she added.";
    let mut lines = Vec::new();
    for (title, kicker, standfirst) in &CARDS[..2] {
        lines.extend(["-", title, kicker, standfirst]);
    }
    lines.push(paragraph);
    for (title, kicker, standfirst) in &CARDS[2..] {
        lines.extend(["-", title, kicker, standfirst]);
    }
    let cleaned = with_lines_at(OWN_ARTICLE.len(), &lines);
    let mut expected = OWN_ARTICLE.to_vec();
    expected.push(paragraph);
    assert_eq!(kept(&cleaned), expected, "{:#?}", cleaned.removed);
}
