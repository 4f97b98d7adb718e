//! Blocks that are mostly link text: a teaser, a "more on this" line, a
//! menu entry, a list of other stories. Not every such block points
//! elsewhere: a list of references shows their addresses, and a changelog
//! or a weekly update weaves links into its sentences ("Ann fixed <a>a
//! hang on start-up</a>").

use super::judge::{Piece, Verdict};
use super::sentence_end::ends_a_sentence;
use super::{NoiseKind, Role};

/// A short block that is mostly link text points elsewhere: a teaser, a
/// "more on this" line, a menu entry. Items and headings made of links
/// next to each other are a list of other stories.
pub(super) fn mark_link_heavy(pieces: &[Piece], words: &[usize], verdicts: &mut [Verdict]) {
    let heavy: Vec<bool> = pieces
        .iter()
        .zip(words)
        .map(|(p, &count)| {
            let density = p.link_density();
            // A sentence that runs on past its link is prose.
            let sentence = ends_a_sentence(&p.block.text);
            p.block.role != Role::Title
                && p.block.role != Role::Code
                && density >= 0.6
                && (density >= 0.85 || !sentence)
                && count <= 30
                && !links_are_content(&p.block.html, count)
        })
        .collect();
    let heavy: Vec<bool> = (0..pieces.len())
        .map(|i| heavy[i] && !hangs_from_prose(i, pieces, words, &heavy, verdicts))
        .collect();
    for i in 0..pieces.len() {
        if !heavy[i] || verdicts[i].is_some() {
            continue;
        }
        let in_run = (i > 0 && heavy[i - 1]) || (i + 1 < pieces.len() && heavy[i + 1]);
        let rule = if in_run {
            "link-list"
        } else {
            "link-dense-block"
        };
        verdicts[i] = Some((NoiseKind::Related, rule.into()));
    }
}

/// Whether piece `i` is in a list nested in a list item that is prose:
/// the item says what its links are ("In progress:", "Ann has new views
/// of the dashboard"), as a menu's item never does (it is a link itself,
/// or one word).
fn hangs_from_prose(
    i: usize,
    pieces: &[Piece],
    words: &[usize],
    heavy: &[bool],
    verdicts: &[Verdict],
) -> bool {
    let depth = pieces[i].list_depth;
    if depth < 2 {
        return false;
    }
    let parent = (0..i).rev().find(|&j| pieces[j].list_depth < depth);
    parent.is_some_and(|p| {
        pieces[p].list_depth == depth - 1
            && pieces[p].block.role == Role::Item
            && !heavy[p]
            && verdicts[p].is_none()
            && words[p] >= 2
    })
}

/// Whether a link-heavy block's first link is content: a reference that
/// shows its address ("https://example.org/spec"), or a link that
/// continues a sentence begun before it in plain words and in lower case
/// ("Ann <a>fixed a hang</a>"; a story's title starts with a capital, a
/// label ends with a colon).
fn links_are_content(html: &str, words: usize) -> bool {
    let Some(at) = html.find("<a ") else {
        return false;
    };
    let Some(open) = html[at..].find('>') else {
        return false;
    };
    let link = skip_tags(&html[at + open + 1..]);
    if ["http://", "https://", "www."]
        .iter()
        .any(|scheme| link.starts_with(scheme))
    {
        return true;
    }
    let before = text_of(&html[..at]);
    let before = before.trim();
    let opens_sentence = before.chars().any(char::is_alphanumeric) && !before.ends_with(':');
    words >= 3 && opens_sentence && link.starts_with(char::is_lowercase)
}

/// `html` past any tags it starts with.
pub(super) fn skip_tags(mut html: &str) -> &str {
    while let Some(rest) = html.strip_prefix('<') {
        match rest.find('>') {
            Some(end) => html = &rest[end + 1..],
            None => return "",
        }
    }
    html
}

/// The text of an inline HTML run, tags left out (entities stay: only
/// letters and colons are looked at).
pub(super) fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use crate::clean::{Cleaned, RuleSet, clean_fragment};

    const PROSE: &str = "<p>The team shipped its winter release on Tuesday, after a month of \
        testing on three platforms, and these are the changes that matter most to the people \
        who use it every day.</p>";

    fn clean(html: &str) -> Cleaned {
        clean_fragment(
            &format!("{PROSE}{html}"),
            Some("https://blog.example.test/2024/winter"),
            &RuleSet::builtin(),
        )
    }

    fn rule_for<'a>(c: &'a Cleaned, text: &str) -> Option<&'a str> {
        c.removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| r.rule.as_str())
    }

    #[test]
    fn links_woven_into_sentences_are_prose_and_story_titles_are_a_list() {
        let c = clean(
            "<ul><li>Ann fixed <a href=\"https://bugs.example.org/1\">a hang when the last \
             window closes</a></li><li>Bo <a href=\"https://bugs.example.org/2\">re-enabled \
             the start-up timer</a></li></ul>\
             <ul><li><a href=\"/news/vienna\">Ministers meet again in Vienna</a></li>\
             <li><a href=\"/news/sanctions\">Talks collapse over sanctions</a></li></ul>\
             <p>Watch: <a href=\"/video/1\">the minister's speech in full</a></p>",
        );
        let text = c.text();
        assert!(
            text.contains("Ann fixed a hang when the last window closes"),
            "{c:?}"
        );
        assert!(text.contains("Bo re-enabled the start-up timer"), "{c:?}");
        assert_eq!(
            rule_for(&c, "Ministers meet again in Vienna"),
            Some("link-list")
        );
        assert_eq!(
            rule_for(&c, "Talks collapse over sanctions"),
            Some("link-list")
        );
        // A label before a link is no sentence.
        assert_eq!(
            rule_for(&c, "Watch: the minister's speech in full"),
            Some("link-list")
        );
    }

    #[test]
    fn references_that_show_their_address_are_kept() {
        let c = clean(
            "<ul><li><a href=\"https://nodejs.example/api/inspector\">\
             https://nodejs.example/api/inspector</a></li>\
             <li><a href=\"https://www.example.org/spec\">www.example.org/spec</a></li></ul>",
        );
        let text = c.text();
        assert!(
            text.contains("https://nodejs.example/api/inspector"),
            "{c:?}"
        );
        assert!(text.contains("www.example.org/spec"), "{c:?}");
    }

    #[test]
    fn links_in_a_list_under_an_item_of_prose_are_content_and_a_menu_s_are_not() {
        let c = clean(
            "<ul><li>Ann has new views of the start-up dashboard\
             <ul><li><a href=\"https://dash.example.org/#frames\">showFrames</a></li>\
             <li><a href=\"https://dash.example.org/#leaf\">onlyLeaf</a></li></ul></li>\
             <li>In progress:<ul>\
             <li><a href=\"https://bugs.example.org/7\">Bug 7 – Fullscreen video loses its controls</a></li>\
             <li><a href=\"https://bugs.example.org/8\">Bug 8 – Add telemetry for the new panel</a></li>\
             </ul></li></ul>\
             <ul><li><a href=\"/products\">Products</a><ul>\
             <li><a href=\"/products/browser\">Browser for desktop</a></li>\
             <li><a href=\"/products/mail\">Mail and calendar</a></li></ul></li>\
             <li>Sections<ul><li><a href=\"/world\">World news today</a></li>\
             <li><a href=\"/politics\">Politics and policy</a></li></ul></li></ul>",
        );
        let text = c.text();
        for kept in [
            "showFrames",
            "onlyLeaf",
            "Bug 7 – Fullscreen video loses its controls",
            "Bug 8 – Add telemetry for the new panel",
        ] {
            assert!(text.contains(kept), "{kept}: {c:?}");
        }
        for menu in [
            "Browser for desktop",
            "Mail and calendar",
            "World news today",
            "Politics and policy",
        ] {
            assert_eq!(rule_for(&c, menu), Some("link-list"), "{menu}: {c:?}");
        }
    }
}
