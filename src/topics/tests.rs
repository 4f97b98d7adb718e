use std::path::Path;

use super::*;

fn set(src: &str) -> TopicSet {
    let mut set = TopicSet::empty();
    set.apply(Path::new("topics.toml"), src)
        .expect("valid topics");
    set
}

fn score_of(scorer: &Scorer, topic: &str, title: &str, body: &str) -> f64 {
    scorer
        .score(title, body)
        .into_iter()
        .find(|(t, _)| *t == topic)
        .map_or(0.0, |(_, s)| s)
}

const SMALL: &str = r#"
title_weight = 3
[topics.world]
label = "World"
threshold = 4
[[topics.world.terms]]
weight = 2
words = ["sanctions", "prime minister", "UN", "US", "sanction*", "Sánchez"]
[[topics.world.terms]]
weight = -3
words = ["Premier League"]
[topics.money]
threshold = 2
[[topics.money.terms]]
weight = 1
words = ["sanctions", "minister"]
"#;

#[test]
fn the_built_in_topics_load_and_name_the_five() {
    let set = TopicSet::defaults().expect("built-in topics load");
    assert_eq!(
        set.names(),
        ["foreign-policy", "economy", "tech", "culture", "sport"]
    );
    assert!(set.topics.iter().all(|t| t.terms.len() > 10));
}

#[test]
fn the_title_weighs_more_than_the_body() {
    let scorer = Scorer::new(&set(SMALL));
    let in_title = score_of(&scorer, "world", "New sanctions", "");
    let in_body = score_of(&scorer, "world", "News", "New sanctions");
    // 2 × 3 / 4 and 2 / 4.
    assert_eq!(in_title, 1.5);
    assert_eq!(in_body, 0.5);
    // Each term once per field: repeating it in the body adds nothing.
    assert_eq!(
        score_of(&scorer, "world", "x", "sanctions, sanctions, sanctions"),
        0.5
    );
}

#[test]
fn multi_word_terms_win_over_the_words_inside_them() {
    let scorer = Scorer::new(&set(SMALL));
    // "prime minister" is one match for world; money's "minister" is
    // inside it and not counted.
    let scores = scorer.score("The Prime  Minister speaks", "");
    assert_eq!(scores, vec![("world", 1.5)]);
    // 1 × 3 / 2.
    assert_eq!(score_of(&scorer, "money", "The minister speaks", ""), 1.5);
    // Across punctuation and line breaks, but never across words.
    assert_eq!(score_of(&scorer, "world", "prime-minister", ""), 1.5);
    assert_eq!(score_of(&scorer, "world", "prime ministers", ""), 0.0);
}

#[test]
fn acronyms_match_with_their_case_and_whole_words_only() {
    let scorer = Scorer::new(&set(SMALL));
    assert_eq!(score_of(&scorer, "world", "UN vote", ""), 1.5);
    assert_eq!(score_of(&scorer, "world", "un vote", ""), 0.0);
    assert_eq!(score_of(&scorer, "world", "UNDER the bridge", ""), 0.0);
    assert_eq!(score_of(&scorer, "world", "tell us more", ""), 0.0);
    assert_eq!(score_of(&scorer, "world", "the US and the UN", ""), 3.0);
    // A lowercase "us" first does not use up the term: "US" still counts.
    assert_eq!(score_of(&scorer, "world", "tell us about the US", ""), 1.5);
}

#[test]
fn prefixes_and_accents() {
    let scorer = Scorer::new(&set(SMALL));
    assert_eq!(score_of(&scorer, "world", "Sanctioned banks", ""), 1.5);
    // "sanctions" is both a word term and a prefix match: one term wins.
    assert_eq!(score_of(&scorer, "world", "Sanctions", ""), 1.5);
    assert_eq!(score_of(&scorer, "world", "SANCHEZ speaks", ""), 1.5);
    assert_eq!(score_of(&scorer, "world", "Sánchez speaks", ""), 1.5);
}

#[test]
fn negative_terms_pull_a_score_down_and_zero_scores_are_left_out() {
    let scorer = Scorer::new(&set(SMALL));
    let scores = scorer.score("Premier League sanctions", "");
    assert!(scores.iter().all(|(t, _)| *t != "world"), "{scores:?}");
    assert_eq!(scorer.score("Nothing here", "at all"), Vec::new());
}

#[test]
fn hard_negatives_stay_out_of_foreign_policy() {
    let scorer = Scorer::new(&TopicSet::defaults().expect("defaults"));
    let fp = |title: &str, body: &str| score_of(&scorer, "foreign-policy", title, body);
    for (title, body) in [
        (
            "Chelsea face transfer sanctions after Premier League breach",
            "The club could be barred from signing players.",
        ),
        (
            "Football diplomacy: how the manager won the dressing room",
            "",
        ),
        (
            "Embassy, the new Mayfair restaurant",
            "Our critic loves the lamb.",
        ),
        ("Climbers reach Everest summit in record numbers", ""),
        (
            "Turkey dinner prices rise",
            "Christmas shoppers will pay more.",
        ),
    ] {
        assert!(
            fp(title, body) < MEMBER_SCORE,
            "{title}: {}",
            fp(title, body)
        );
    }
    assert!(fp("EU agrees fresh sanctions on Russian oil tankers", "") >= MEMBER_SCORE);
    assert!(fp("Ceasefire holds in southern Lebanon", "") >= MEMBER_SCORE);
}

#[test]
fn user_topics_add_and_replace_by_name() {
    let mut set = TopicSet::defaults().expect("defaults");
    set.apply(
        Path::new("mine.toml"),
        r#"
[topics.sport]
threshold = 1
[[topics.sport.terms]]
weight = 1
words = ["curling"]
[topics.arctic]
label = "The Arctic"
threshold = 2
[[topics.arctic.terms]]
weight = 2
words = ["Svalbard"]
"#,
    )
    .expect("valid");
    let sport = set
        .topics
        .iter()
        .find(|t| t.name == "sport")
        .expect("sport");
    assert_eq!(sport.terms.len(), 1);
    assert_eq!(sport.label, "sport");
    assert_eq!(set.names().last(), Some(&"arctic"));
    let scorer = Scorer::new(&set);
    assert_eq!(score_of(&scorer, "arctic", "Svalbard", ""), 2.0);
    assert_eq!(score_of(&scorer, "sport", "Curling", ""), 2.0);
    assert_eq!(
        score_of(&scorer, "sport", "Premier League football", ""),
        0.0
    );
}

#[test]
fn bad_files_say_where_and_what() {
    let error = |src: &str| {
        let mut set = TopicSet::empty();
        set.apply(Path::new("topics.toml"), src)
            .expect_err("invalid")
            .to_string()
    };
    let e = error("[topics.World]\nthreshold = 1\n");
    assert!(
        e.starts_with("topics.toml:1:") && e.contains("lowercase"),
        "{e}"
    );
    let e = error("[topics.x]\nlabel = \"X\"\n");
    assert!(e.contains("needs a `threshold`"), "{e}");
    let e = error("[topics.x]\nthreshold = 1\n\n[[topics.x.terms]]\nweight = \"a\"\n");
    assert!(
        e.starts_with("topics.toml:5:") && e.contains("must be a number"),
        "{e}"
    );
    let e = error("[topics.x]\nthreshold = 1\n[[topics.x.terms]]\nweight = 1\nword = [\"a\"]\n");
    assert!(
        e.contains("unknown key `word`") && e.contains("did you mean `words`"),
        "{e}"
    );
    let e = error("[topics.x]\nthreshold = 1\n[[topics.x.terms]]\nweight = 1\nwords = [\"--\"]\n");
    assert!(e.contains("no letter or digit"), "{e}");
    let e = error("[topics.x]\nthreshold = -1\n[[topics.x.terms]]\nweight = 1\nwords = [\"a\"]\n");
    assert!(e.contains("must be above 0"), "{e}");
    let e = error("[topics.x]\nthreshold = 1\n[[topics.x.terms]]\nweight = -1\nwords = [\"a\"]\n");
    assert!(e.contains("no term with a positive weight"), "{e}");
    let e = error("[topics.x]\nthreshold = 1\nterms = 3\n");
    assert!(e.contains("[[topics.x.terms]]"), "{e}");
    let e = error("[topics.x\n");
    assert!(e.contains("invalid TOML"), "{e}");
    let e = error("\ntitle_weight = 0\n");
    assert!(
        e.starts_with("topics.toml:2:") && e.contains("above 0"),
        "{e}"
    );
    let e = error("tittle_weight = 2\n");
    assert!(e.contains("unknown key `tittle_weight`"), "{e}");
}

#[test]
fn the_body_from_html_and_from_the_ingest_text_are_the_same() {
    let summary = "<p>Kremlin &amp; NATO <b>talks</b> on the treaty</p>";
    let long = format!(
        "<div>{}</div>",
        "<p>The ambassador met the minister.</p>".repeat(300)
    );
    for content in [
        None,
        Some("<p>A ceasefire in Gaza</p>"),
        Some(long.as_str()),
    ] {
        let plain = |html: &str| crate::text::html_to_plain(html);
        let from_text = body_of_text(Some(&plain(summary)), content.map(plain).as_deref());
        let from_html = body_text(Some(summary), content);
        // The scorer reads the first MAX_BODY_BYTES of either.
        let start = |b: &str| {
            b.chars()
                .scan(0, |n, c| {
                    *n += c.len_utf8();
                    (*n <= MAX_BODY_BYTES).then_some(c)
                })
                .collect::<String>()
        };
        assert_eq!(start(&from_text), start(&from_html), "{content:?}");
        assert!(from_text.len() <= MAX_BODY_BYTES + 2, "{}", from_text.len());
    }
}

#[test]
fn body_text_is_plain_and_capped() {
    let body = body_text(Some("<p>Sanctions &amp; <b>talks</b></p>"), None);
    assert_eq!(body.trim(), "Sanctions & talks");
    let huge = "word ".repeat(100_000);
    assert!(body_text(Some(&huge), Some(&huge)).len() < 5 * MAX_BODY_BYTES);
    let scorer = builtin_scorer().expect("built-in topics");
    assert_eq!(score_of(&scorer, "foreign-policy", "", &huge), 0.0);
}

#[test]
fn bodies_are_cut_on_a_character_boundary() {
    // 'é' is bytes 1 and 2: a cut at 2 falls inside it.
    assert_eq!(scorer::cut("aéb", 2), "a");
    assert_eq!(scorer::cut("aéb", 3), "aé");
    assert_eq!(scorer::cut("aéb", 99), "aéb");
}
