//! HTML through the cleaner. A whole page: find the article, then judge
//! its blocks. A fragment (a feed's content, a stored article): judge
//! every block. Both apply the CSS selector rules first.

use std::collections::HashSet;

use super::dom::{self, Removal};
use super::judge::{Piece, judge};
use super::readable;
use super::region::{self, Region};
use super::rules::RuleSet;
use super::walk::{WalkPlan, Walked, kind_from_name, walk};
use super::{Cleaned, Role, escape_html};

/// How many blocks after the headline and before the article body are
/// kept (standfirst, byline, lead image).
const MAX_HEADER_BLOCKS: usize = 30;

/// An article found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The headline, when the page names one.
    pub title: Option<String>,
    /// The article as an HTML fragment: its blocks, and markers where
    /// rules removed elements (`<aside data-sift-kind=…>`), so cleaning it
    /// again later still shows them in place.
    pub html: String,
}

/// Cleans a whole web page: the article's blocks and what was removed
/// from it. Empty when the page has no article.
pub fn clean_page(html: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    ReadPage::read(html, url).clean(rules)
}

/// A page parsed and read before any rule sees it: its tree without the
/// junk, its title, base address and Readability's opinion. None of this
/// needs the rules, so `sift extract` builds them meanwhile.
pub struct ReadPage {
    doc: dom_query::Document,
    /// The host of the URL given (not of the canonical link): it picks
    /// the site's rules.
    host: Option<String>,
    meta_title: Option<String>,
    /// The site's name, to tell its tagline under the headline.
    site_name: Option<String>,
    base: Option<url::Url>,
    opinion: Option<readable::Kept>,
}

impl ReadPage {
    pub fn read(html: &str, url: Option<&str>) -> ReadPage {
        let doc = dom::parse(html);
        // The head goes with the junk: read it first.
        let meta_title = region::meta_title(&doc);
        let site_name = region::site_name(&doc);
        let given = url.and_then(|u| url::Url::parse(u).ok());
        let host = given
            .as_ref()
            .and_then(url::Url::host_str)
            .map(str::to_owned);
        let base = given.or_else(|| canonical(&doc));
        dom::strip_junk(&doc, html);
        // Readability's choice of blocks, read on a copy before the CSS
        // rules leave their markers.
        let opinion = readable::kept(&doc, base.as_ref().map(url::Url::as_str))
            .filter(readable::Kept::is_enough);
        ReadPage {
            doc,
            host,
            meta_title,
            site_name,
            base,
            opinion,
        }
    }

    /// The article's blocks and what was removed from it. Empty when the
    /// page has no article.
    pub fn clean(self, rules: &RuleSet) -> Cleaned {
        let host = self.host.clone();
        match self.pieces(rules) {
            Some(pieces) => judge(pieces, host.as_deref(), rules),
            None => Cleaned::default(),
        }
    }
}

/// The article in a whole page, as HTML to store and clean later, or
/// `None` when there is none. `url` resolves links and picks site rules.
pub fn extract_main(page: &str, url: Option<&str>, rules: &RuleSet) -> Option<Extracted> {
    let pieces = ReadPage::read(page, url).pieces(rules)?;
    let title = pieces
        .iter()
        .find(|p| p.block.role == Role::Title)
        .map(|p| p.block.text.clone());
    let mut html = String::new();
    // A run of a data table's cells goes in a marked table, one cell a
    // row, so that cleaning the stored article again still knows them.
    let mut in_cells = false;
    for piece in &pieces {
        let cell = piece.cell && piece.preset.is_none();
        if cell != in_cells {
            html.push_str(if cell {
                "<table data-sift-cells=\"\">"
            } else {
                "</table>\n"
            });
            in_cells = cell;
        }
        if cell {
            html.push_str(&format!("<tr><td>{}</td></tr>", piece.block.to_html()));
            continue;
        }
        match &piece.preset {
            Some((kind, rule)) => html.push_str(&format!(
                "<aside data-sift-kind=\"{}\" data-sift-rule=\"{}\">{}</aside>",
                kind.as_str(),
                escape_html(rule),
                escape_html(&piece.block.text)
            )),
            None => html.push_str(&piece.block.to_html()),
        }
        html.push('\n');
    }
    if in_cells {
        html.push_str("</table>\n");
    }
    Some(Extracted { title, html })
}

/// Cleans an HTML fragment: every block counts.
pub fn clean_fragment(html: &str, url: Option<&str>, rules: &RuleSet) -> Cleaned {
    let doc = dom::parse(html);
    dom::strip_junk(&doc, html);
    let mut removals = if html.contains("data-sift-kind") {
        stored_markers(&doc)
    } else {
        Vec::new()
    };
    // Parsed once: the host picks the rules, the URL resolves links.
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let host = base.as_ref().and_then(url::Url::host_str);
    dom::apply_selectors(&doc, rules, host, &mut removals);
    let region = HashSet::new();
    // A stored article starts with its headline.
    let headline = doc.select("h1").nodes().first().map(|h| h.id);
    let plan = WalkPlan {
        region: &region,
        headline,
        removals: &removals,
        base: base.as_ref(),
    };
    let pieces = walk(&doc.root(), &plan)
        .into_iter()
        .map(|w| w.piece)
        .collect();
    judge(pieces, host, rules)
}

/// Markers left by `extract_main` become removals again.
fn stored_markers(doc: &dom_query::Document) -> Vec<Removal> {
    let mut removals = Vec::new();
    for node in doc.select("aside[data-sift-kind]").nodes() {
        let kind = node.attr("data-sift-kind").and_then(|k| kind_from_name(&k));
        let Some(kind) = kind else { continue };
        let rule: String = node
            .attr("data-sift-rule")
            .map(|r| {
                r.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .take(60)
                    .collect()
            })
            .unwrap_or_default();
        let text = dom::collapse(&node.text());
        dom::mark_removed(node, &mut removals, kind, &rule, text);
    }
    removals
}

pub(super) fn host_of(url: Option<&str>) -> Option<String> {
    let url = url?;
    if let Some(host) = crate::text::canonical_web_host(url) {
        return Some(host.to_owned());
    }
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
}

impl ReadPage {
    /// The article's pieces from a whole page: the headline, the blocks
    /// between it and the body (standfirst), and the body.
    fn pieces(self, rules: &RuleSet) -> Option<Vec<Piece>> {
        let ReadPage {
            doc,
            host,
            meta_title,
            site_name,
            base,
            opinion,
        } = self;
        let mut removals = Vec::new();
        dom::apply_selectors(&doc, rules, host.as_deref(), &mut removals);
        let found = region::find(&doc, meta_title.clone());
        let fallback = found.is_none();
        let region: Region = match found {
            Some(region) => region,
            // Sift's finder saw no article; Readability may have.
            None if opinion.is_some() => Region {
                headline: region::lone_headline(&doc, meta_title.as_deref()),
                meta_title,
                ..Region::default()
            },
            None => return None,
        };
        let plan = WalkPlan {
            region: &region.nodes,
            headline: region.headline,
            removals: &removals,
            base: base.as_ref(),
        };
        let mut walked: Vec<Walked> = walk(&doc.root(), &plan);
        // The header (standfirst, byline, lead image) runs from the headline
        // to where sift's own region starts, whoever chose the body.
        let body_start = walked.iter().position(|w| w.inside);
        if let Some(kept) = &opinion {
            readable::adopt(kept, &mut walked);
        }
        if fallback && !readable::reads_as_article(&walked) {
            return None;
        }
        walked.iter().position(|w| w.inside)?;
        // The headline is kept wherever it stands, and goes first; so are the
        // blocks between it and the body (standfirst, byline, lead image), at
        // most MAX_HEADER_BLOCKS of them.
        let headline = walked.iter().position(|w| w.headline);
        let header_end = headline.map_or(0, |h| {
            let next_inside = walked[h..]
                .iter()
                .position(|w| w.inside)
                .map_or(walked.len(), |n| h + n);
            let body_start = body_start
                .filter(|&b| b > h && !fallback)
                .unwrap_or(next_inside);
            next_inside.max(body_start).min(h + 1 + MAX_HEADER_BLOCKS)
        });
        let mut title: Option<Piece> = None;
        let mut pieces: Vec<Piece> = Vec::new();
        for (i, w) in walked.into_iter().enumerate() {
            if Some(i) == headline && !w.inside {
                title = Some(w.piece);
            } else if w.inside || headline.is_some_and(|h| i > h && i < header_end) {
                pieces.push(w.piece);
            }
        }
        if let Some(title) = title {
            pieces.insert(0, title);
        }
        // The headline goes first. Short lines above it inside the article
        // (a kicker, a section label) are hidden, not lost.
        if let Some(at) = pieces.iter().position(|p| p.block.role == Role::Title)
            && at > 0
        {
            let title = pieces.remove(at);
            for piece in &mut pieces[..at] {
                if piece.preset.is_none() && crate::text::word_count(&piece.block.text) <= 6 {
                    piece.preset = Some((super::NoiseKind::Other, "above-headline".into()));
                }
            }
            pieces.insert(0, title);
        }
        if let Some(site) = &site_name {
            mark_site_taglines(&mut pieces, site);
        }
        let has_title = pieces.iter().any(|p| p.block.role == Role::Title);
        if !has_title && let Some(title) = region.meta_title {
            pieces.insert(0, Piece::plain(Role::Title, &title));
        }
        Some(pieces)
    }
}

/// Words of a site's tagline under the headline ("From Wikipedia, the
/// free encyclopedia").
const MAX_TAGLINE_WORDS: usize = 8;

/// Between the headline and the first paragraph of prose, a short line
/// that names the site and is no sentence is the site's tagline, not the
/// article's: it goes as `site-tagline`.
fn mark_site_taglines(pieces: &mut [Piece], site: &str) {
    let site = site.to_lowercase();
    // "Mozilla - Wikipedia" names the site last; "Wikipedia - Mozilla"
    // would name the headline.
    let headline = pieces.first().filter(|p| p.block.role == Role::Title);
    if headline.is_none_or(|h| h.block.text.to_lowercase() == site) {
        return;
    }
    for piece in pieces.iter_mut().skip(1) {
        let words = crate::text::word_count(&piece.block.text);
        if piece.block.role == Role::Paragraph && words >= super::judge::MIN_PROSE_WORDS {
            break;
        }
        let tagline = piece.preset.is_none()
            && matches!(piece.block.role, Role::Paragraph | Role::Heading)
            && words <= MAX_TAGLINE_WORDS
            && !super::sentence_end::ends_a_sentence(&piece.block.text)
            && names(&piece.block.text.to_lowercase(), &site);
        if tagline {
            piece.preset = Some((super::NoiseKind::Other, "site-tagline".into()));
        }
    }
}

/// Whether `text` holds `name` as whole words.
fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The page's canonical address, to resolve its links when no URL was
/// given.
fn canonical(doc: &dom_query::Document) -> Option<url::Url> {
    let href = doc.select("link[rel='canonical']").attr("href")?;
    url::Url::parse(href.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Block, NoiseKind};

    #[test]
    fn a_title_taken_from_the_page_s_title_element_is_sanitised() {
        // Found by the property test: a `<title>` in the body, holding
        // control characters, became the article's headline as it was.
        let page = format!(
            "<pre><title>Talks \u{9b}2J resume\u{7f} \u{1b}[31m in Vienna</title><p>{PROSE}</p><p>{PROSE}</p>"
        );
        for title in [
            extract_main(&page, None, &RuleSet::builtin()).and_then(|e| e.title),
            clean_page(&page, None, &RuleSet::builtin()).title,
        ]
        .into_iter()
        .flatten()
        {
            assert!(!title.chars().any(char::is_control), "{title:?}");
            assert!(title.contains("Talks"), "{title:?}");
        }
    }

    const PROSE: &str = "The ministers met in Vienna on Tuesday, and after six hours of talks, \
        with advisers shuttling between rooms, they agreed to meet again next month to settle \
        the remaining questions on inspections, sanctions relief and the timetable.";

    fn page(body: &str) -> String {
        format!(
            "<html><head><title>Talks resume | Example News</title></head><body>\
             <nav><a href=\"/\">Home</a><a href=\"/world\">World</a></nav>{body}\
             <footer>© Example News</footer></body></html>"
        )
    }

    fn article(extra: &str) -> String {
        page(&format!(
            "<article><h1>Talks resume</h1><p class=\"standfirst\">Negotiators return to \
             the table after a month-long pause.</p><p>{PROSE}</p>{extra}<p>{PROSE} \
             Again.</p></article>"
        ))
    }

    #[test]
    fn a_page_gives_headline_standfirst_and_body_without_furniture() {
        let c = clean_page(
            &article(""),
            Some("https://example.test/a"),
            &RuleSet::builtin(),
        );
        let texts: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "Talks resume");
        assert_eq!(c.blocks[0].role, Role::Title);
        assert_eq!(
            texts[1],
            "Negotiators return to the table after a month-long pause."
        );
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(c.title.as_deref(), Some("Talks resume"));
    }

    #[test]
    fn css_rules_remove_elements_in_place_and_user_rules_add_their_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "[[block]]\nname = \"podcast-box\"\nkind = \"promo\"\nselector = \".pod\"\n",
        )
        .unwrap();
        let (rules, errors) = RuleSet::with_user_rules(dir.path());
        assert!(errors.is_empty(), "{errors:?}");
        let html = article(
            "<div class=\"pod\"><p>Hear the whole interview in this week's episode.</p></div>\
             <div class=\"share-tools\"><a href=\"#\">Facebook</a></div>",
        );
        let c = clean_page(&html, None, &rules);
        let podcast = c.removed.iter().find(|r| r.rule == "podcast-box").unwrap();
        assert_eq!(podcast.kind, NoiseKind::Promo);
        assert_eq!(
            podcast.text,
            "Hear the whole interview in this week's episode."
        );
        // In place: after the first body paragraph (headline, standfirst,
        // body = positions 0..=2).
        assert_eq!(podcast.position, 3);
        assert!(c.removed.iter().any(|r| r.rule == "html-share"));
        assert!(!c.text().contains("Facebook"));
    }

    #[test]
    fn a_generic_selector_never_takes_the_whole_article() {
        let long: String = (0..8).map(|i| format!("<p>{i}. {PROSE}</p>")).collect();
        let html = page(&format!(
            "<div class=\"newsletter-story\"><h1>Talks resume</h1>{long}</div>"
        ));
        let c = clean_page(&html, None, &RuleSet::builtin());
        assert_eq!(c.blocks.len(), 9, "{c:?}");
    }

    #[test]
    fn stored_extracts_keep_their_removed_blocks() {
        let rules = RuleSet::builtin();
        let html = article(
            "<aside class=\"newsletter\"><p>Sign up for our briefing</p></aside>\
             <p>Read more: <a href=\"/other\">Another story</a></p>",
        );
        let url = Some("https://example.test/a");
        let direct = clean_page(&html, url, &rules);
        let extracted = extract_main(&html, url, &rules).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Talks resume"));
        let again = clean_fragment(&extracted.html, url, &rules);
        assert_eq!(again.text(), direct.text());
        let kinds = |c: &Cleaned| {
            c.removed
                .iter()
                .map(|r| (r.kind, r.rule.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&again), kinds(&direct));
        assert!(kinds(&direct).contains(&(NoiseKind::Promo, "html-promo".into())));
    }

    #[test]
    fn links_are_absolute_and_only_web_or_mail() {
        let c = clean_fragment(
            "<p>See <a href=\"/report\">the report</a> and <a href=\"javascript:alert(1)\">this</a> \
             or <b>&lt;script&gt;</b> written about at length by the committee today.</p>",
            Some("https://example.test/news/a"),
            &RuleSet::builtin(),
        );
        assert_eq!(c.blocks.len(), 1);
        let html = &c.blocks[0].html;
        assert!(
            html.contains("<a href=\"https://example.test/report\">the report</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<strong>&lt;script&gt;</strong>"), "{html}");
    }

    #[test]
    fn deep_nesting_and_junk_never_break_it() {
        let deep = format!(
            "{}<p>{PROSE}</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let c = clean_page(&page(&deep), None, &RuleSet::builtin());
        assert!(c.text().contains("ministers met in Vienna"), "{c:?}");
        for junk in [
            "",
            "<",
            "<<<>>>",
            "<p",
            "\u{1b}[31m<p>\u{1b}]52;c;x\u{7}</p>",
        ] {
            let c = clean_page(junk, None, &RuleSet::builtin());
            assert!(!c.text().contains('\u{1b}'));
            let c = clean_fragment(junk, None, &RuleSet::builtin());
            assert!(!c.text().contains('\u{1b}'));
        }
    }

    #[test]
    fn figures_become_image_lines_with_their_link_and_credits_still_go() {
        let html = article(
            "<figure><img src=\"/pics/patrol.jpg\" alt=\"A patrol boat\">\
             <figcaption>A coastguard vessel off Porkkala on Monday. \
             Photograph: Jussi Nieminen/Reuters</figcaption></figure>\
             <p><img src=\"/pics/map.png\" alt=\"Map of the Gulf of Finland with the cable routes\"></p>\
             <img src=\"/i/share.png\" alt=\"Share this story now\" width=\"16\" height=\"16\">\
             <img src=\"/pics/x.jpg\" alt=\"12-IMG_3886.jpg\">",
        );
        let url = Some("https://example.test/news/a");
        let c = clean_page(&html, url, &RuleSet::builtin());
        let images: Vec<&Block> = c.blocks.iter().filter(|b| b.role == Role::Image).collect();
        assert_eq!(images.len(), 2, "{:?}", c.blocks);
        assert_eq!(
            images[0].text,
            "[image: A coastguard vessel off Porkkala on Monday.]"
        );
        assert!(
            images[0]
                .html
                .starts_with("[<a href=\"https://example.test/pics/patrol.jpg\">image</a>: "),
            "{}",
            images[0].html
        );
        assert_eq!(
            images[1].text,
            "[image: Map of the Gulf of Finland with the cable routes]"
        );
        assert!(images[1].html.contains("https://example.test/pics/map.png"));
        // The credit is still a removed credit; icons and file names are no
        // images worth a line.
        assert!(
            c.removed
                .iter()
                .any(|r| r.kind == NoiseKind::Credit && r.text.contains("Nieminen")),
            "{:?}",
            c.removed
        );
        assert!(!c.text().contains("Share this story"));
        assert!(!c.text().contains("IMG_3886"));
        // A stored extract cleaned again shows the same image lines.
        let stored = extract_main(&html, url, &RuleSet::builtin()).unwrap();
        let again = clean_fragment(&stored.html, url, &RuleSet::builtin());
        let again_images: Vec<&Block> = again
            .blocks
            .iter()
            .filter(|b| b.role == Role::Image)
            .collect();
        assert_eq!(again_images, images);
    }

    #[test]
    fn a_site_s_tagline_under_the_headline_goes_and_a_standfirst_naming_it_stays() {
        let html = format!(
            "<html><head><title>Mozilla - Wikipedia</title></head><body>\
             <h1>Mozilla</h1><div id=\"bodyContent\">\
             <div id=\"siteSub\">From Wikipedia, the free encyclopedia</div>\
             <div><p>A standfirst that names Wikipedia in a sentence.</p>\
             <p>{PROSE}</p><p>{PROSE} Again.</p><p>From Wikipedia, the free encyclopedia</p></div>\
             </div></body></html>"
        );
        let c = clean_page(&html, None, &RuleSet::builtin());
        assert_eq!(
            c.removal("From Wikipedia, the free encyclopedia"),
            Some((NoiseKind::Other, "site-tagline")),
            "{c:?}"
        );
        let text = c.text();
        assert!(text.contains("names Wikipedia in a sentence"), "{text}");
        // Below the first paragraph of prose the line is the article's.
        assert_eq!(text.matches("From Wikipedia").count(), 1, "{text}");
        assert!(!names("wikipedians", "wikipedia") && names("from wikipedia, the", "wikipedia"));
    }

    #[test]
    fn a_page_of_teasers_has_no_article() {
        let teaser = "<div class=\"card\"><h3><a href=\"/s\">A story about something</a></h3>\
            <p>A short standfirst of a dozen words or so about the story.</p></div>";
        let html = page(&teaser.repeat(20));
        assert_eq!(
            clean_page(&html, None, &RuleSet::builtin()),
            Cleaned::default()
        );
        assert!(extract_main(&html, None, &RuleSet::builtin()).is_none());
    }
}
