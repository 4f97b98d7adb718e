//! The lead of a real news page: between the headline and the first
//! paragraph stand who wrote it and when. Both are recorded and hidden,
//! not lost; the same date further down (a timeline's entry) is content.

use super::{Cleaned, NoiseKind, RuleSet, clean_page};

const URL: Option<&str> = Some("https://example.test/news/a");

const PROSE: &str = "The ministers met in Vienna on Tuesday, and after six hours of talks, \
    with advisers shuttling between rooms, they agreed to meet again next month to settle \
    the remaining questions on inspections, sanctions relief and the timetable.";

fn page(article: &str) -> Cleaned {
    let html = format!(
        "<html><head><title>Talks resume | Example News</title></head><body>\
         <nav><a href=\"/\">Home</a></nav>{article}<footer>© Example News</footer></body></html>"
    );
    clean_page(&html, URL, &RuleSet::builtin())
}

#[test]
fn a_marked_byline_and_a_date_line_in_the_lead_are_hidden_with_their_rule() {
    let c = page(&format!(
        "<article><h1>Talks resume</h1>\
         <div class=\"article__byline\">By <a rel=\"author\" href=\"/ann\">Ann Smith</a> \
         and Bo Berg</div><p><time>Friday 25 December 2015</time></p>\
         <p>{PROSE}</p><h3>March 9, 2017</h3><p>{PROSE} Again.</p></article>"
    ));
    assert_eq!(
        c.removal("By Ann Smith and Bo Berg"),
        Some((NoiseKind::Credit, "html-byline")),
        "{:?}",
        c.removed
    );
    assert_eq!(
        c.removal("Friday 25 December 2015"),
        Some((NoiseKind::Other, "lead-date")),
        "{:?}",
        c.removed
    );
    let text = c.text();
    assert!(
        text.starts_with("Talks resume\n\nThe ministers met"),
        "{text}"
    );
    assert!(
        text.contains("March 9, 2017"),
        "a date in the body (a timeline's entry) is content: {text}"
    );
}

#[test]
fn a_byline_class_on_the_article_itself_takes_nothing() {
    let c = page(&format!(
        "<div class=\"post has-byline\"><h1>Talks resume</h1><p>{PROSE}</p>\
         <p>{PROSE} Again.</p></div>"
    ));
    assert!(c.text().contains("The ministers met"), "{:?}", c.removed);
    assert!(c.removed.iter().all(|r| r.rule != "html-byline"));
}

#[test]
fn a_byline_no_markup_names_goes_in_the_lead_and_stays_in_the_body() {
    let c = page(&format!(
        "<article><h1>Talks resume</h1><p>Par Jean Dupont et Marie Durand — 24 novembre 2017 \
         à 18:42</p><p>{PROSE}</p><p>By Ann Smith</p><p>{PROSE} Again.</p></article>"
    ));
    assert_eq!(
        c.removal("Par Jean Dupont et Marie Durand — 24 novembre 2017 à 18:42"),
        Some((NoiseKind::Credit, "lead-byline")),
        "{:?}",
        c.removed
    );
    assert!(c.text().contains("By Ann Smith"), "{:?}", c.removed);
}

#[test]
fn a_dateline_that_opens_the_first_sentence_stays_in_it() {
    let c = page(&format!(
        "<article><h1>Talks resume</h1><p><span class=\"dateline\">VIENNA —</span> {PROSE}</p>\
         <p>Officials wrote to <a rel=\"author\" href=\"/ann\">Ann Smith</a> on Monday, and \
         she replied at length the next day.</p><p>{PROSE} Again.</p></article>"
    ));
    let text = c.text();
    assert!(
        text.contains("VIENNA — The ministers met"),
        "{:?}",
        c.removed
    );
    assert!(
        text.contains("wrote to Ann Smith on Monday"),
        "{:?}",
        c.removed
    );
    assert!(c.removed.iter().all(|r| r.rule != "html-byline"));
}
