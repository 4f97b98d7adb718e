//! Page layouts real sites use that an article finder can miss: an
//! article split over sibling containers, bodies of `<br>` lines, boxes
//! of other stories inside the article, CJK prose, tables and lists
//! that are content, a paywall's stub. Each fixture is written in the
//! pattern's shape (none is copied from a page); what is noise is still
//! removed with its kind and rule.

use super::{Cleaned, NoiseKind, RuleSet, clean_page};

const URL: Option<&str> = Some("https://example.test/news/harbour");

/// Distinct paragraphs of prose, each findable by its first words.
const PROSE: [&str; 6] = [
    "The harbour board voted on Tuesday evening to rebuild the north pier, ending \
     a dispute that had run for almost a decade and cost the town, by its own \
     reckoning, more than two million pounds in studies and legal fees.",
    "Fishermen who work from the pier had asked for the repairs since a storm in \
     2019 cracked its deck, and several of them, sitting in the public gallery, \
     applauded when the chairman read out the result of the vote.",
    "The work will begin in the spring and take about eighteen months, according to \
     the engineers, who say the old stone facing will be kept where it is sound and \
     replaced with matching granite where it is not.",
    "Opponents had argued that the money would be better spent on dredging the inner \
     basin, which silts up every winter, and one councillor said after the meeting \
     that she still believed the board had its priorities the wrong way round.",
    "A public exhibition of the plans opens at the library next week, and residents \
     will be able to comment on the design of the new lighting and railings until \
     the end of February, when the final drawings are due.",
    "The board also agreed to ask the county for a grant towards the cost, though \
     officials warned that the fund it hopes to draw on was heavily oversubscribed \
     last year and that a decision was unlikely before the summer.",
];

fn first_words(text: &str) -> &str {
    let end = text
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .nth(5)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn page(head_title: &str, body: &str) -> String {
    format!(
        "<html><head><title>{head_title} | Example News</title></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> \
         <a href=\"/sport\">Sport</a></nav></header>{body}\
         <footer><p>© Example News Ltd. All rights reserved.</p></footer></body></html>"
    )
}

fn clean(html: &str) -> Cleaned {
    clean_page(html, URL, &RuleSet::builtin())
}

fn assert_keeps_all(c: &Cleaned, paragraphs: &[&str]) {
    let text = c.text();
    for p in paragraphs {
        assert!(
            text.contains(first_words(p)),
            "lost {:?}\nkept: {text}\nremoved: {:?}",
            first_words(p),
            c.removed
        );
    }
}

fn sidebar() -> String {
    let teasers: String = [
        "Council tax to rise by five per cent",
        "New bus timetable starts on Monday",
        "School wins regional chess title",
        "Roadworks on the high street extended",
    ]
    .iter()
    .map(|t| format!("<li><a href=\"/news/{}\">{t}</a></li>", t.len()))
    .collect();
    format!("<aside class=\"sidebar\"><h3>Most read</h3><ul>{teasers}</ul></aside>")
}

#[test]
fn an_article_split_over_sibling_containers_keeps_every_part() {
    let p = |i: usize| format!("<p>{}</p>", PROSE[i]);
    let body = format!(
        "<main><h1>Harbour board votes to rebuild north pier</h1>\
         <div class=\"article-body\">{}{}</div>\
         <div class=\"ad-container\"><span>Advertisement</span></div>\
         <figure><img src=\"/i/pier.jpg\" alt=\"The north pier at low tide\" width=\"800\" height=\"500\"></figure>\
         <div class=\"article-body article-body--more\">{}{}{}</div>\
         </main>{}",
        p(0),
        p(1),
        p(2),
        p(3),
        p(4),
        sidebar()
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..5]);
    assert!(!c.text().contains("Council tax"), "{}", c.text());
}

#[test]
fn a_split_article_with_a_short_middle_part_keeps_it_too() {
    // The second part is one paragraph between two ad slots: it carries
    // prose, so it belongs with its siblings.
    let body = format!(
        "<div id=\"content\"><h1>Harbour board votes to rebuild north pier</h1>\
         <div class=\"text-block\"><p>{}</p><p>{}</p><p>{}</p></div>\
         <div class=\"ad\">Advertisement</div>\
         <div class=\"text-block\"><p>{}</p></div>\
         <div class=\"ad\">Advertisement</div>\
         <div class=\"text-block\"><p>{}</p><p>{}</p></div></div>{}",
        PROSE[0],
        PROSE[1],
        PROSE[2],
        PROSE[3],
        PROSE[4],
        PROSE[5],
        sidebar()
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE);
    assert!(!c.text().contains("Most read"), "{}", c.text());
}

#[test]
fn a_body_of_br_lines_in_a_div_is_prose() {
    let body = format!(
        "<table><tr><td class=\"nav\"><a href=\"/\">Index</a><br><a href=\"/forum\">Forum</a></td>\
         <td><div class=\"postbody\"><b>Harbour board votes to rebuild north pier</b><br><br>\
         {}<br><br>{}<br><br>{}<br>{}<br><br>{}</div>\
         <div class=\"signature\">-- <br>Sent from the harbour office</div></td></tr></table>",
        PROSE[0], PROSE[1], PROSE[2], PROSE[3], PROSE[4]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..5]);
    assert!(!c.text().contains("Forum"), "{}", c.text());
}

#[test]
fn a_body_of_br_lines_beside_a_column_of_short_paragraphs_wins() {
    // The sidebar has more `<p>` elements than the article has; the
    // article's prose is in one element, between line breaks.
    let cards: String = (0..8)
        .map(|i| format!("<p>Short notice number {i} about the club's meeting.</p>"))
        .collect();
    let body = format!(
        "<div class=\"column-left\">{cards}</div>\
         <div class=\"column-main\"><h1>Harbour board votes to rebuild north pier</h1>\
         <font size=\"2\">{}<br><br>{}<br><br>{}<br><br>{}<br><br>{}<br><br>{}</font></div>",
        PROSE[0], PROSE[1], PROSE[2], PROSE[3], PROSE[4], PROSE[5]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE);
    assert!(!c.text().contains("Short notice number 3"), "{}", c.text());
}

#[test]
fn an_unlinked_box_of_other_stories_mid_article_goes_as_related() {
    let cards: String = [
        (
            "Lifeboat crew called out twice in one night",
            "Coast | Volunteers brought a yacht and a kayaker ashore within three hours",
        ),
        (
            "Ferry fares to rise from April",
            "Transport | The operator blames the cost of fuel and new safety rules",
        ),
        (
            "Seal pup found on the beach is recovering",
            "Wildlife | Rescuers say it should be back in the sea within a month",
        ),
    ]
    .iter()
    .map(|(title, line)| format!("<div class=\"card\"><h4>{title}</h4><p>{line}</p></div>"))
    .collect();
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1>\
         <p>{}</p><p>{}</p><p>{}</p><div class=\"inline-cards\">{cards}</div>\
         <p>{}</p><p>{}</p></article>",
        PROSE[0], PROSE[1], PROSE[2], PROSE[3], PROSE[4]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..5]);
    let text = c.text();
    for gone in ["Lifeboat crew", "Ferry fares", "Rescuers say"] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
    let removal = c.removal("Ferry fares to rise from April");
    assert_eq!(
        removal.map(|(kind, _)| kind),
        Some(NoiseKind::Related),
        "{:?}",
        c.removed
    );
}

#[test]
fn more_stories_and_newsletter_boxes_inside_the_article_go() {
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1>\
         <p>{}</p><p>{}</p>\
         <div class=\"newsletter-signup\"><h3>Get the Harbour Times briefing</h3>\
         <p>Sign up for our free morning newsletter and never miss a story.</p>\
         <form><input type=\"email\"><button>Sign up</button></form></div>\
         <p>{}</p><p>{}</p>\
         <div class=\"more-stories\"><h2>More stories</h2><ul>\
         <li><a href=\"/n/1\">Lifeboat crew called out twice in one night</a></li>\
         <li><a href=\"/n/2\">Ferry fares to rise from April</a></li>\
         <li><a href=\"/n/3\">Seal pup found on the beach is recovering</a></li></ul></div>\
         </article>",
        PROSE[0], PROSE[1], PROSE[2], PROSE[3]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..4]);
    let text = c.text();
    for gone in ["morning newsletter", "Ferry fares", "More stories"] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
    assert!(
        c.removed
            .iter()
            .any(|r| r.text.contains("morning newsletter")),
        "{:?}",
        c.removed
    );
}

const CHINESE: [&str; 4] = [
    "市政府星期二宣布，将在明年春天开始重建北码头。这项工程预计耗时十八个月，总投资约为两亿元人民币，资金主要来自地方财政和省级补贴。",
    "当地渔民多年来一直要求修缮码头。二零一九年的一场风暴使码头路面出现裂缝，此后渔船停靠变得十分困难，不少渔民不得不转往邻近港口作业。",
    "工程师表示，旧码头的石材外墙在状况良好的部分将予以保留，其余部分将使用相同的花岗岩替换，以保持码头原有的历史风貌。",
    "反对者认为，这笔资金更应该用于疏浚内港。内港每年冬天都会淤积，影响大型船只进出。一位议员在会后表示，她仍然认为政府的优先次序有误。",
];

const JAPANESE: [&str; 3] = [
    "市は火曜日、北側の桟橋を来年の春から建て直すと発表した。工事は約十八か月かかる見込みで、費用の大部分は県の補助金でまかなわれる。",
    "地元の漁師たちは、二〇一九年の台風で桟橋の床にひびが入って以来、修理を求め続けてきた。説明会に集まった漁師の多くは、決定を歓迎した。",
    "一方で、内港のしゅんせつを優先すべきだという意見も根強い。ある市議は会合の後、予算の使い道について改めて議論するべきだと話した。",
];

#[test]
fn a_chinese_article_keeps_every_paragraph() {
    let paragraphs: String = CHINESE.iter().map(|p| format!("<p>{p}</p>")).collect();
    let links: String = ["首页", "新闻", "体育", "财经", "娱乐", "科技"]
        .iter()
        .map(|t| format!("<li><a href=\"/{t}\">{t}</a></li>"))
        .collect();
    let body = format!(
        "<ul class=\"menu\">{links}</ul><div class=\"main\"><h1>北码头将于明年重建</h1>\
         <div class=\"info\">2026年12月1日 来源：本报</div>{paragraphs}</div>\
         <div class=\"side\"><p>热门：市民热议公交新线路</p><p>热门：学校获象棋冠军</p></div>"
    );
    let c = clean(&page("北码头将于明年重建", &body));
    assert_keeps_all(&c, &CHINESE);
    assert!(!c.text().contains("娱乐"), "{}", c.text());
}

#[test]
fn a_japanese_article_in_short_paragraphs_is_not_empty() {
    // Few paragraphs, no spaces: counted in words it is a handful.
    let paragraphs: String = JAPANESE.iter().map(|p| format!("<p>{p}</p>")).collect();
    let body = format!(
        "<div id=\"main\"><h1>北側桟橋、来春に建て直し</h1>{paragraphs}</div>\
         <div id=\"side\"><ul><li><a href=\"/a\">天気</a></li><li><a href=\"/b\">交通</a></li></ul></div>"
    );
    let c = clean(&page("北側桟橋、来春に建て直し", &body));
    assert_keeps_all(&c, &JAPANESE);
}

#[test]
fn a_data_table_and_a_list_of_points_between_paragraphs_are_kept() {
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p>\
         <table><thead><tr><th>Option</th><th>Cost</th><th>Votes</th></tr></thead>\
         <tbody><tr><td>Rebuild the pier</td><td>£4.2m</td><td>7</td></tr>\
         <tr><td>Dredge the basin</td><td>£3.1m</td><td>4</td></tr>\
         <tr><td>Do nothing</td><td>£0</td><td>1</td></tr></tbody></table>\
         <p>{}</p><p>The plan has three parts:</p><ul>\
         <li>a new deck of reinforced concrete</li>\
         <li>granite facing where the old stone has failed</li>\
         <li>lighting and railings along the whole length</li></ul><p>{}</p></article>{}",
        PROSE[0],
        PROSE[1],
        PROSE[2],
        sidebar()
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..3]);
    let text = c.text();
    for kept in [
        "Rebuild the pier",
        "£4.2m",
        "Dredge the basin",
        "Votes",
        "a new deck of reinforced concrete",
        "granite facing where the old stone has failed",
        "lighting and railings along the whole length",
    ] {
        assert!(text.contains(kept), "{kept} lost: {text}\n{:?}", c.removed);
    }
}

#[test]
fn a_table_of_linked_names_and_one_of_short_labels_are_content() {
    // A list of ships with links to their pages, and a grid of who
    // checked what: columns of short linked names and of two-word labels
    // look like a menu to the heuristics, but a table of rows is data.
    let ships: String = [
        ("Northern Star", "1968", "Trawler, rebuilt after the fire"),
        ("Mary Ellen", "1974", "Crabber"),
        ("Sea Swallow", "1981", "Pilot boat"),
        ("Harvest Moon", "1990", "Trawler"),
        ("Kittiwake", "2002", "Lifeboat tender"),
    ]
    .iter()
    .map(|(name, year, kind)| {
        format!(
            "<tr><td><a href=\"/ships/{}\">{name}</a></td><td>{year}</td><td>{kind}</td></tr>",
            name.len()
        )
    })
    .collect();
    let checks: String = ["Deck survey", "Pile tests", "Stone audit", "Lighting plan"]
        .iter()
        .map(|task| format!("<tr><td>{task}</td><td><img src=\"/ok.png\" width=\"16\"></td></tr>"))
        .collect();
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p>\
         <table><tr><th>Boat</th><th>Built</th><th>Use</th></tr>{ships}</table><p>{}</p>\
         <table><tr><td></td><td>Done</td></tr>{checks}</table><p>{}</p>\
         <div class=\"more\"><ul><li><a href=\"/a\">Council tax to rise</a></li>\
         <li><a href=\"/b\">Bus timetable changes</a></li><li><a href=\"/c\">Chess title won</a></li>\
         <li><a href=\"/d\">Roadworks extended</a></li></ul></div></article>{}",
        PROSE[0],
        PROSE[1],
        PROSE[2],
        sidebar()
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..3]);
    let text = c.text();
    for kept in [
        "Northern Star",
        "Mary Ellen",
        "Kittiwake",
        "Lifeboat tender",
        "Deck survey",
        "Pile tests",
        "Lighting plan",
    ] {
        assert!(text.contains(kept), "{kept} lost: {text}\n{:?}", c.removed);
    }
    // A list of other stories is still one, table or no table nearby.
    assert_eq!(
        c.removal("Bus timetable changes").map(|r| r.0),
        Some(NoiseKind::Related),
        "{:?}",
        c.removed
    );
}

#[test]
fn a_grid_of_linked_stories_in_a_table_still_goes() {
    let grid: String = [
        ["Council tax to rise", "New bus timetable"],
        ["School wins chess title", "Roadworks extended"],
        ["Library opens on Sundays", "Market moves to the square"],
    ]
    .iter()
    .map(|row| {
        format!(
            "<tr><td><a href=\"/n/{}\">{}</a></td><td><a href=\"/n/{}\">{}</a></td></tr>",
            row[0].len(),
            row[0],
            row[1].len(),
            row[1]
        )
    })
    .collect();
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p><p>{}</p>\
         <table>{grid}</table><p>{}</p></article>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..3]);
    let text = c.text();
    assert!(!text.contains("School wins chess title"), "{text}");
    assert!(!text.contains("Market moves to the square"), "{text}");
}

#[test]
fn a_stored_article_keeps_its_table_when_cleaned_again() {
    let rows: String = ["Deck survey", "Pile tests", "Stone audit", "Lighting plan"]
        .iter()
        .map(|task| {
            format!(
                "<tr><td><a href=\"/t/{}\">{task}</a></td><td>March</td></tr>",
                task.len()
            )
        })
        .collect();
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p>\
         <table><tr><th>Task</th><th>Due</th></tr>{rows}</table><p>{}</p></article>",
        PROSE[0], PROSE[1]
    );
    let html = page("Harbour board votes to rebuild north pier", &body);
    let direct = clean(&html);
    assert!(direct.text().contains("Pile tests"), "{:?}", direct.removed);
    let stored = super::extract_main(&html, URL, &RuleSet::builtin()).unwrap();
    let again = super::clean_fragment(&stored.html, URL, &RuleSet::builtin());
    assert_eq!(again.text(), direct.text());
}

#[test]
fn a_blog_named_in_its_h1_has_its_post_s_h2_as_headline() {
    // A blog platform's logo and the blog's name are h1s (both end the
    // page's title); the post's title is an h2 linking to itself. What
    // stands between the logo and the post (the blog's motto) is no
    // standfirst.
    let body = format!(
        "<div class=\"topbar\"><h1>Blogville</h1></div>\
         <div id=\"banner\"><h1><a href=\"/\">Harbour Notes</a></h1>\
         <p>Two retired pilots write about boats, the tide and the town, every week since 2009.</p></div>\
         <div class=\"post\"><h2><a href=\"/2024/pier\">The north pier, at last</a></h2>\
         <p>{}</p><p>{}</p><p>{}</p></div>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let html = format!(
        "<html><head><title>The north pier, at last @ Harbour Notes :: Blogville ::</title></head>\
         <body>{body}</body></html>"
    );
    let c = clean(&html);
    assert_eq!(c.title.as_deref(), Some("The north pier, at last"), "{c:?}");
    assert_keeps_all(&c, &PROSE[..3]);
    let text = c.text();
    assert!(!text.contains("Blogville"), "{text}");
    assert!(!text.contains("Two retired pilots"), "{text}");
}

#[test]
fn a_paywall_stub_goes_down_to_contact_us() {
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p><p>{}</p>\
         <div class=\"wall\"><p>To continue reading this article, become a subscriber.</p>\
         <h3>Why the Harbour Times?</h3><ul><li>Unlimited access on every device</li>\
         <li>The daily briefing in your inbox</li><li>Cancel at any time</li></ul>\
         <p>Already a subscriber? Log in</p><p>Questions? Contact us</p></div></article>",
        PROSE[0], PROSE[1]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &PROSE[..2]);
    let text = c.text();
    for gone in [
        "To continue reading",
        "Unlimited access",
        "Cancel at any time",
        "Contact us",
    ] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
    assert_eq!(
        c.removal("Unlimited access on every device")
            .map(|(k, _)| k),
        Some(NoiseKind::Promo),
        "{:?}",
        c.removed
    );
}

#[test]
fn section_headings_over_prose_are_the_article_not_a_box_of_cards() {
    let sections: String = [
        ("What the board decided", 1),
        ("Why the fishermen pressed for it", 2),
        ("What happens next in the spring", 3),
    ]
    .iter()
    .map(|(heading, i)| format!("<h3>{heading}</h3><p>{}</p>", PROSE[*i]))
    .collect();
    let body = format!(
        "<article><h1>Harbour board votes to rebuild north pier</h1><p>{}</p>{sections}\
         <p>{}</p></article>",
        PROSE[0], PROSE[4]
    );
    let c = clean(&page("Harbour board votes to rebuild north pier", &body));
    assert_keeps_all(&c, &[PROSE[0], PROSE[1], PROSE[2], PROSE[3], PROSE[4]]);
    for heading in ["What the board decided", "What happens next in the spring"] {
        assert!(
            c.text().contains(heading),
            "{heading} lost: {:?}",
            c.removed
        );
    }
}
