//! The HTML side of the cleaner: parse, drop what is never text (scripts,
//! styles, forms, hidden elements), and let CSS selector rules take out
//! whole elements, leaving a marker where each stood so the reader can
//! show it in place.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

use super::NoiseKind;
use super::rules::{RuleSet, SelectorRule};
use super::sentence_end::ends_a_sentence;

/// Pages larger than this are cut: no article needs more, and parsing
/// cost grows with size.
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// The element name of a removal marker.
pub const MARKER: &str = "sift-removed";

/// Elements that never hold article text (images stay: their alt text
/// and captions become `[image: …]` blocks). MathML stays too: its
/// formulas are the article's (`annotation` holds their TeX source, a
/// second copy).
const JUNK: &str = "script, style, noscript, template, svg, annotation, annotation-xml, canvas, \
    iframe, object, embed, video, audio, source, button, input, select, textarea, option, head, \
    meta, link, [hidden], [aria-hidden=true], [style*='display:none'], [style*='display: none'], \
    [style*='visibility:hidden']";

/// What a CSS rule (or a stored marker) removed: the marker's
/// `data-sift-n` indexes this list.
#[derive(Debug, Clone)]
pub struct Removal {
    pub kind: NoiseKind,
    pub rule: String,
    pub text: String,
}

/// Parses `html` (cut to `MAX_HTML_BYTES`).
pub fn parse(html: &str) -> Document {
    let end = html.floor_char_boundary(MAX_HTML_BYTES);
    let html = super::nesting::limit_nesting(&html[..end], super::nesting::MAX_DEPTH);
    // Most feed bodies are simple enough for the quick parser, which
    // builds html5ever's tree at a fraction of the cost.
    super::quick_parse::parse(&html).unwrap_or_else(|| Document::from(html.as_ref()))
}

/// Tags whose start in a page's source (in any case) says junk may be in
/// it: a junk tag, or a tag the parser moves into the head.
const JUNK_TAGS: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"annotation",
    b"canvas",
    b"iframe",
    b"object",
    b"embed",
    b"video",
    b"audio",
    b"source",
    b"button",
    b"input",
    b"select",
    b"textarea",
    b"option",
    b"head",
    b"meta",
    b"link",
    b"title",
    b"base",
];

/// Words of a hiding attribute (in any case): `hidden` also covers
/// `aria-hidden` and `visibility:hidden`.
const JUNK_WORDS: &[&[u8]] = &[b"hidden", b"display"];

/// The longest name in `JUNK_TAGS`.
const LONGEST_JUNK_TAG: usize = 10;

/// Removes elements that never hold article text. `source` is the HTML
/// `doc` was parsed from: most feed bodies hold no junk, and one pass over
/// their bytes is far cheaper than matching the junk selector on every
/// element.
pub fn strip_junk(doc: &Document, source: &str) {
    if has_junk_hint(source.as_bytes()) {
        doc.select(JUNK).remove();
    }
}

/// Whether `source` holds a junk tag's start (`<script`, `<SVG`...) or a
/// hiding word, in any case. memchr finds the candidates: an automaton
/// over every byte was 5 % of a poll's planning.
fn has_junk_hint(source: &[u8]) -> bool {
    memchr::memchr_iter(b'<', source).any(|at| junk_tag_at(&source[at + 1..]))
        || has_junk_word(source)
}

/// Whether `source` holds a word of `JUNK_WORDS` in any ASCII case. One
/// lowercased copy searched by memmem costs less than stopping at every
/// `h` and `d` of the prose to compare.
fn has_junk_word(source: &[u8]) -> bool {
    let lower = source.to_ascii_lowercase();
    JUNK_WORDS
        .iter()
        .any(|word| memchr::memmem::find(&lower, word).is_some())
}

/// Whether `rest` starts with a name in `JUNK_TAGS` (or a longer name
/// that starts with one, as `<header` with `head`).
fn junk_tag_at(rest: &[u8]) -> bool {
    let mut name = [0u8; LONGEST_JUNK_TAG];
    let mut len = 0;
    for &b in rest.iter().take(LONGEST_JUNK_TAG) {
        if !b.is_ascii_alphabetic() {
            break;
        }
        name[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let name = &name[..len];
    JUNK_TAGS.iter().any(|tag| name.starts_with(tag))
}

/// Applies the CSS selector rules for `host`: each matching element is
/// replaced by a marker. A generic rule never takes out most of the page
/// (a class name like `newsletter-story` on the article itself must not
/// hide it); site rules are trusted.
pub fn apply_selectors(
    doc: &Document,
    rules: &RuleSet,
    host: Option<&str>,
    removals: &mut Vec<Removal>,
) {
    let selectors: Vec<&SelectorRule> = rules.selectors_for_host(host);
    if selectors.is_empty() {
        return;
    }
    let wanted = super::selector_gate::wanted_attributes(selectors.iter().map(|r| &r.needs));
    let terms = super::selector_gate::DocumentTerms::read(doc, &wanted);
    // Only a big match needs the page's size: counted once, when asked.
    let total_words = std::cell::OnceCell::new();
    let total_words =
        || *total_words.get_or_init(|| crate::text::word_count(&doc.root().text()).max(1));
    for rule in selectors {
        let Some(matcher) = rule.matcher_for(&terms) else {
            continue;
        };
        let live = super::selector_gate::live_needs(&rule.needs, &terms);
        let matched: Vec<NodeRef> = match &live {
            None => doc.select_matcher(matcher).nodes().to_vec(),
            // Only the elements that have what a live part needs can
            // match: the others are not tried (same elements, same order).
            Some(live) => doc
                .root()
                .descendants_it()
                .filter(|node| {
                    node.element_ref()
                        .is_some_and(|e| super::selector_gate::element_may_match(&e, live))
                        && matcher.match_element(node)
                })
                .collect(),
        };
        for node in &matched {
            // Already removed, or inside something removed (then it is
            // no longer in the document).
            if node.node_name().as_deref() == Some(MARKER)
                || !node.ancestors_it(None).any(|a| a.is_document())
            {
                continue;
            }
            let text = collapse(&node.text());
            let words = crate::text::word_count(&text);
            if !rule.site && words >= 150 && words * 2 > total_words() {
                continue;
            }
            // A CMS's `widget` around an image between the article's
            // paragraphs is a figure.
            if !rule.site
                && rule.kind == NoiseKind::Other
                && is_a_figure(node, words)
                && beside_prose(node)
            {
                continue;
            }
            // A bounded rule is for small labels: not a big element, and
            // not a part of a sentence ("<span class=dateline>CAIRO
            // —</span> Egyptian authorities said…").
            if rule
                .max_words
                .is_some_and(|max| words > max || in_a_sentence(node, words))
            {
                continue;
            }
            mark_removed(node, removals, rule.kind, &rule.name, text);
        }
    }
}

/// Words of a figure's caption, at most.
const MAX_CAPTION_WORDS: usize = 40;

/// Whether `node` (of `words` words) is an image and its caption only:
/// no link, no control, no player.
fn is_a_figure(node: &NodeRef, words: usize) -> bool {
    if words > MAX_CAPTION_WORDS {
        return false;
    }
    let mut image = false;
    for d in node.descendants_it() {
        match d.node_name().as_deref() {
            Some("img") => image = true,
            Some("a" | "form" | "input" | "button" | "iframe" | "video" | "audio" | "object") => {
                return false;
            }
            _ => {}
        }
    }
    image
}

/// Whether a paragraph of prose comes right before or after `node`.
fn beside_prose(node: &NodeRef) -> bool {
    [node.prev_element_sibling(), node.next_element_sibling()]
        .into_iter()
        .flatten()
        .any(|sibling| {
            sibling.node_name().as_deref() == Some("p")
                && crate::text::word_count(&sibling.text()) >= MIN_SENTENCE_WORDS
        })
}

/// Words of prose beside an element that make it part of a sentence.
const MIN_SENTENCE_WORDS: usize = 10;

/// Whether `node` (of `words` words) is part of a sentence: its parent
/// holds text of its own beside it, and that text is prose (words enough,
/// ending as a sentence ends), not a label ("By", "Le Monde | 4 May |
/// Par").
fn in_a_sentence(node: &NodeRef, words: usize) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let text_beside = parent
        .children_it(false)
        .any(|c| c.id != node.id && c.is_text() && !c.text().trim().is_empty());
    if !text_beside {
        return false;
    }
    let text = collapse(&parent.text());
    crate::text::word_count(&text) >= words + MIN_SENTENCE_WORDS && ends_a_sentence(&text)
}

/// Replaces `node` by an empty marker that points at its removal record.
pub fn mark_removed(
    node: &NodeRef,
    removals: &mut Vec<Removal>,
    kind: NoiseKind,
    rule: &str,
    text: String,
) {
    let index = removals.len();
    removals.push(Removal {
        kind,
        rule: rule.to_owned(),
        text: shorten(&text, 600),
    });
    node.remove_children();
    node.remove_all_attrs();
    node.rename(MARKER);
    node.set_attr("data-sift-n", &index.to_string());
}

/// Whitespace runs to one space, trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::text::push_words(&mut out, text);
    out
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

/// Characters of text, and of text inside links, under every element:
/// computed once, bottom-up, so scoring never walks a subtree twice.
pub fn text_lengths(root: &NodeRef) -> HashMap<NodeId, (usize, usize)> {
    let mut lengths: HashMap<NodeId, (usize, usize)> = HashMap::new();
    // Post-order without recursion: deep nesting must not overflow the
    // stack.
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, false)];
    while let Some((node, done)) = stack.pop() {
        if !done {
            stack.push((node, true));
            for child in node.children_it(true) {
                stack.push((child, false));
            }
            continue;
        }
        let (mut chars, mut links) = (0, 0);
        if node.is_text() {
            chars = node
                .text()
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum();
        } else {
            for child in node.children_it(false) {
                if let Some(&(c, l)) = lengths.get(&child.id) {
                    chars += c;
                    links += l;
                }
            }
            if node.node_name().as_deref() == Some("a") {
                links = chars;
            }
        }
        if chars > 0 {
            lengths.insert(node.id, (chars, links));
        }
    }
    lengths
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hints as one automaton over every byte, as the scan was before.
    fn hinted_by_automaton(source: &str) -> bool {
        let hints: Vec<Vec<u8>> = JUNK_TAGS
            .iter()
            .map(|t| [b"<".as_slice(), t].concat())
            .chain(JUNK_WORDS.iter().map(|w| w.to_vec()))
            .collect();
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&hints)
            .unwrap()
            .is_match(source)
    }

    #[test]
    fn every_element_the_junk_selector_removes_is_hinted() {
        for html in [
            "<p>a</p><div style=\"visibility:hidden\">x</div>",
            "<p>a</p><div aria-hidden=true>x</div>",
            "<p>a</p><div style='DISPLAY: none'>x</div>",
            "<p>a</p><div Hidden>x</div>",
            "<p>a</p><SCRIPT>x</SCRIPT>",
        ] {
            let doc = Document::from(html);
            assert!(doc.select(JUNK).exists(), "{html}");
            assert!(has_junk_hint(html.as_bytes()), "{html}");
        }
    }

    #[test]
    fn the_junk_scan_finds_each_hint_in_any_case_and_nothing_else() {
        let cases = [
            "<p>Plain prose.</p>",
            "<SCRIPT>x</SCRIPT>",
            "<p>a</p><Header>b</Header>",
            "<div style=\"DISPLAY:none\">x</div>",
            "<div HIDDEN>x</div>",
            "<p>The hidden cost</p>",
            "<annotation-xml>",
            "<annotatio>",
            "< script>",
            "<p>visibilit</p>",
            "<p>ends with <",
            "<p>ends with hidde",
            "<svg",
            "Zürich <Meta>",
        ];
        for case in cases {
            assert_eq!(
                has_junk_hint(case.as_bytes()),
                hinted_by_automaton(case),
                "{case}"
            );
        }
        // Every hint spliced into prose, cased three ways.
        let hints = JUNK_TAGS
            .iter()
            .map(|t| format!("<{}", String::from_utf8_lossy(t)))
            .chain(
                JUNK_WORDS
                    .iter()
                    .map(|w| String::from_utf8_lossy(w).into_owned()),
            );
        for hint in hints {
            for cased in [
                hint.clone(),
                hint.to_uppercase(),
                capitalise_after_bracket(&hint),
            ] {
                let page = format!("<p>Talks in Geneva é {cased}x</p>");
                assert!(has_junk_hint(page.as_bytes()), "{page}");
                assert!(hinted_by_automaton(&page), "{page}");
                // Cut one byte short, a hint is no hint.
                let cut = &cased[..cased.len() - 1];
                let page = format!("<p>Talks {cut}</p>");
                assert_eq!(
                    has_junk_hint(page.as_bytes()),
                    hinted_by_automaton(&page),
                    "{page}"
                );
            }
        }
    }

    fn capitalise_after_bracket(hint: &str) -> String {
        let mut out = String::new();
        for (i, c) in hint.chars().enumerate() {
            if i == 1 {
                out.extend(c.to_uppercase())
            } else {
                out.push(c)
            }
        }
        out
    }
}
