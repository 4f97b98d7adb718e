//! Content that looks like noise to a rule, from patterns real pages
//! have: formulas, tables of figures, numbers in tables. Each fixture is
//! written in the pattern's shape; what is still noise stays removed,
//! with its kind and rule.

use super::{Cleaned, NoiseKind, RuleSet, clean_fragment, clean_page};

const URL: Option<&str> = Some("https://example.test/news/a");

const PROSE: &str = "The survey ran for six months across forty cities, and the \
    researchers say the figures below, which they checked twice against the \
    operators' own records, show the change more clearly than any summary could.";

const MORE_PROSE: &str = "Officials did not dispute the numbers on Tuesday, though a \
    spokesman said that the network had grown since the survey closed and that a \
    new count, due in the spring, would settle the matter for good.";

fn fragment(html: &str) -> Cleaned {
    clean_fragment(html, URL, &RuleSet::builtin())
}

fn removed_by<'a>(c: &'a Cleaned, text: &str) -> Option<&'a str> {
    c.removal(text).map(|(_, rule)| rule)
}

#[test]
fn mathml_formulas_are_kept_with_their_tokens_apart_and_without_tex_source() {
    let page = format!(
        "<html><head><title>Quadratics</title></head><body><article><h1>Quadratics</h1>\
         <p>{PROSE}</p>\
         <p>When <math><mi>a</mi><mo>&#x2260;</mo><mn>0</mn></math>, the equation \
         <math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>c</mi><mo>=</mo>\
         <mn>0</mn><annotation encoding=\"application/x-tex\">ax^2+c=0</annotation></math> \
         has two solutions when the signs of its terms differ.</p><p>{PROSE}</p>\
         </article></body></html>"
    );
    let c = clean_page(&page, URL, &RuleSet::builtin());
    let text = c.text();
    assert!(
        text.contains("When a ≠ 0 , the equation a x 2 + c = 0 has two"),
        "{text}"
    );
    assert!(
        !text.contains("ax^2"),
        "the TeX source is a second copy: {text}"
    );
}

#[test]
fn a_table_of_figures_is_data_and_a_menu_of_words_is_still_a_menu() {
    let rows: String = [
        ("Maps", "32.7 MB", "17.5 MB (-46%)"),
        ("Mail", "17.8 MB", "7.6 MB (-57%)"),
        ("Books", "52.4 MB", "19.1 MB (-64%)"),
    ]
    .iter()
    .map(|(app, before, after)| format!("<tr><td>{app}</td><td>{before}</td><td>{after}</td></tr>"))
    .collect();
    let c = fragment(&format!(
        "<p>{PROSE}</p><table><tr><th>App</th><th>Before</th><th>After</th></tr>{rows}</table>\
         <p>{MORE_PROSE}</p><div>World</div><div>Business</div><div>Sport</div><div>Culture</div>\
         <div>Travel</div><div>Opinion</div>"
    ));
    let text = c.text();
    for cell in ["Maps", "32.7 MB", "19.1 MB (-64%)", "Before"] {
        assert!(text.contains(cell), "{cell} lost: {:?}", c.removed);
    }
    assert_eq!(removed_by(&c, "Business"), Some("short-line-run"));
    assert_eq!(removed_by(&c, "Opinion"), Some("short-line-run"));
}

#[test]
fn a_bare_number_is_a_share_count_only_beside_a_share_button() {
    let c = fragment(&format!(
        "<p>{PROSE}</p><table><tr><td>Founded</td><td>1987</td></tr>\
         <tr><td>Staff</td><td>1,204</td></tr><tr><td>Offices</td><td>31</td></tr></table>\
         <p>{MORE_PROSE}</p><div><span>Share</span></div><div>12</div><div>Comments</div>\
         <p>{PROSE} Again.</p><div>1.4K</div><p>{MORE_PROSE} Again.</p>"
    ));
    let text = c.text();
    for cell in ["1987", "1,204", "31"] {
        assert!(text.contains(cell), "{cell} lost: {:?}", c.removed);
    }
    // With a thousands suffix it is a count wherever it stands.
    assert_eq!(removed_by(&c, "1.4K"), Some("share-words"));
    let count = c
        .removed
        .iter()
        .find(|r| r.text == "12")
        .expect("the count");
    assert_eq!(
        (count.kind, count.rule.as_str()),
        (NoiseKind::Share, "share-words")
    );
    let button = c
        .removed
        .iter()
        .find(|r| r.text == "Share")
        .expect("the button");
    assert_eq!(button.kind, NoiseKind::Share);
}

#[test]
fn a_heading_listed_first_in_a_table_of_contents_is_no_repeat() {
    let c = fragment(&format!(
        "<ul><li><a href=\"#depth\">Assess how deep your coverage runs</a></li>\
         <li><a href=\"#rewrite\">Rewrite with the reader in mind</a></li></ul>\
         <h2>Assess how deep your coverage runs</h2><p>{PROSE}</p>\
         <blockquote><p>We checked the figures twice against their records.</p></blockquote>\
         <h2>Rewrite with the reader in mind</h2><p>{MORE_PROSE}</p>\
         <p>We checked the figures twice against their records.</p>"
    ));
    let headings: Vec<&str> = c
        .blocks
        .iter()
        .filter(|b| b.role == super::Role::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Assess how deep your coverage runs",
            "Rewrite with the reader in mind"
        ],
        "{:?}",
        c.removed
    );
    // The contents entries go as a list; a quote the reader has seen
    // still goes as a repeat.
    assert_eq!(
        removed_by(&c, "Assess how deep your coverage runs"),
        Some("link-list")
    );
    assert_eq!(
        removed_by(&c, "We checked the figures twice against their records."),
        Some("repeated-block")
    );
}

#[test]
fn an_image_and_its_caption_in_a_widget_between_paragraphs_is_a_figure() {
    let widget = |inner: &str| {
        format!(
            "<div class=\"media-widget-wrapper\"><div class=\"image\">\
             <img src=\"https://example.test/a.jpg\" alt=\"a.jpg\"></div>\
             <div class=\"caption\">{inner}</div></div>"
        )
    };
    let c = fragment(&format!(
        "<p>{PROSE}</p>{}<p>{MORE_PROSE}</p>{}<p>{PROSE} Again.</p>\
         <div><p>Depots</p>{}<p>Share</p></div><p>{MORE_PROSE} Again.</p>",
        widget("Surveyors counted the buses at every depot"),
        widget("<a href=\"/galleries\">More galleries from the survey</a>"),
        widget("Our reporter at the depot"),
    ));
    let text = c.text();
    assert!(
        text.contains("Surveyors counted the buses at every depot"),
        "{:#?}",
        c.removed
    );
    // A link, or no prose beside it: still a widget.
    assert_eq!(
        removed_by(&c, "More galleries from the survey"),
        Some("html-other")
    );
    assert_eq!(
        removed_by(&c, "Our reporter at the depot"),
        Some("html-other")
    );
}

#[test]
fn skip_links_written_out_go_as_nav_and_a_sentence_about_jumping_stays() {
    for skip in [
        "Jump to: <a href=\"#mw-head\">navigation</a>, <a href=\"#p-search\">search</a>",
        "<a href=\"#mw-head\">Jump to navigation</a> <a href=\"#p-search\">Jump to search</a>",
        "Skip to content, skip to footer",
    ] {
        let c = fragment(&format!(
            "<p>{PROSE}</p><div>{skip}</div><p>{MORE_PROSE}</p>"
        ));
        let removed = c.removed.iter().find(|r| r.rule == "skip-links");
        assert!(
            removed.is_some_and(|r| r.kind == NoiseKind::Nav),
            "{skip}: {c:?}"
        );
        assert_eq!(c.blocks.len(), 2, "{skip}: {c:?}");
    }
    let jump = "Prices jump to the highest in a decade.";
    let c = fragment(&format!("<p>{PROSE}</p><p>{jump}</p>"));
    assert!(c.text().contains(jump), "{c:?}");
}
