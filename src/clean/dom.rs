//! The HTML side of the cleaner: parse, drop what is never text (scripts,
//! styles, forms, hidden elements), and let CSS selector rules take out
//! whole elements, leaving a marker where each stood so the reader can
//! show it in place.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

use super::NoiseKind;
use super::rules::{RuleSet, SelectorRule};

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
    Document::from(super::nesting::limit_nesting(&html[..end], super::nesting::MAX_DEPTH).as_ref())
}

/// What the source of a page with junk in it holds (any case): a junk
/// tag, a tag the parser moves into the head, or a hiding attribute.
const JUNK_HINTS: &[&str] = &[
    "<script",
    "<style",
    "<noscript",
    "<template",
    "<svg",
    "<annotation",
    "<canvas",
    "<iframe",
    "<object",
    "<embed",
    "<video",
    "<audio",
    "<source",
    "<button",
    "<input",
    "<select",
    "<textarea",
    "<option",
    "<head",
    "<meta",
    "<link",
    "<title",
    "<base",
    "hidden",
    "display",
    "visibility",
];

static JUNK_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(JUNK_HINTS)
            .expect("fixed patterns compile")
    });

/// Removes elements that never hold article text. `source` is the HTML
/// `doc` was parsed from: most feed bodies hold no junk, and one pass over
/// their bytes is far cheaper than matching the junk selector on every
/// element.
pub fn strip_junk(doc: &Document, source: &str) {
    if JUNK_FINDER.is_match(source) {
        doc.select(JUNK).remove();
    }
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
        let matched = doc.select_matcher(matcher);
        for node in matched.nodes() {
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
    crate::text::word_count(&text) >= words + MIN_SENTENCE_WORDS
        && text.ends_with(['.', '!', '?', '"', '\u{201d}'])
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
    for word in crate::text::tokens(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
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
