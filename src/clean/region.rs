//! Finding the article in a page: the element whose paragraphs carry the
//! most prose, in the manner of readability (paragraph text credited to
//! ancestors, class names weighed, link-heavy candidates discounted),
//! plus the siblings that continue it, and the headline above it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use dom_query::{Document, NodeId, NodeRef};

use super::dom::{collapse, text_lengths};

// Class and id words: plain words matched anywhere in the value, in any
// ASCII case, so one Aho-Corasick pass each (a regex of these cost 6 M
// instructions to compile on every page's first class name).
static POSITIVE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    class_words(&[
        "article",
        "body",
        "content",
        "entry",
        "hentry",
        "h-entry",
        "main",
        "page",
        "post",
        "text",
        "blog",
        "story",
        "prose",
        "richtext",
        "rich-text",
    ])
});
static NEGATIVE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    class_words(&[
        "-ad-",
        "ad-slot",
        "advert",
        "banner",
        "breadcrumb",
        "byline",
        "combx",
        "comment",
        "community",
        "consent",
        "contact",
        "cookie",
        "disqus",
        "foot",
        "footer",
        "footnote",
        "gdpr",
        "masthead",
        "media",
        "menu",
        "meta",
        "modal",
        "more",
        "nav",
        "newsletter",
        "outbrain",
        "pagination",
        "popup",
        "promo",
        "recirc",
        "related",
        "remark",
        "rss",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "social",
        "sponsor",
        "shopping",
        "signup",
        "subscribe",
        "tags",
        "taboola",
        "teaser",
        "tool",
        "trending",
        "widget",
    ])
});

fn class_words(words: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(words)
        .expect("plain words build")
}

/// The article's place in the page.
#[derive(Debug, Default)]
pub struct Region {
    /// The elements whose content is the article.
    pub nodes: HashSet<NodeId>,
    /// The headline element, when there is one.
    pub headline: Option<NodeId>,
    /// The headline text from the page's metadata or `<title>`.
    pub meta_title: Option<String>,
}

/// Words of prose below which a page has no article.
const MIN_ARTICLE_WORDS: usize = 80;
/// Words below which not even a short page has an article.
const MIN_SHORT_ARTICLE_WORDS: usize = 8;

/// The article region of `doc`, or `None` when the page has no article
/// (a home page of teasers, an error page).
pub fn find(doc: &Document, meta_title: Option<String>) -> Option<Region> {
    let root = doc.root();
    let lengths = text_lengths(&root);
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    for node in root.descendants_it() {
        if !node.is_element() {
            continue;
        }
        let score: f64 = paragraph_texts(&node)
            .iter()
            .filter_map(|text| {
                let chars = text.chars().count();
                let commas = text.matches([',', '，', '、']).count() as f64;
                (chars >= MIN_PARAGRAPH_CHARS)
                    .then(|| 1.0 + commas + (chars as f64 / 100.0).min(3.0))
            })
            .sum();
        if score == 0.0 {
            continue;
        }
        for (level, ancestor) in node.ancestors_it(Some(5)).enumerate() {
            if !ancestor.is_element() {
                break;
            }
            let entry = scores.entry(ancestor.id).or_insert_with(|| {
                order.push(ancestor.id);
                initial_score(&ancestor)
            });
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f64 * 3.0,
            };
            *entry += score / divider;
        }
    }
    let density = |id: &NodeId| {
        lengths
            .get(id)
            .map_or(1.0, |&(c, l)| l as f64 / c.max(1) as f64)
    };
    let mut best: Option<(NodeId, f64)> = None;
    for id in &order {
        let score = scores[id] * (1.0 - density(id));
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((*id, score));
        }
    }
    let (best_id, best_score) = best?;
    let best_node = NodeRef::new(best_id, &doc.tree);
    let mut region = Region::default();
    region.nodes.insert(best_id);
    let headline = headline(doc, &best_node, meta_title.as_deref());
    // An article that holds its own headline starts there: a sibling
    // before it is a column beside the article (notices, a sidebar of
    // short paragraphs), however well it scores.
    let starts_inside = headline.is_some_and(|h| {
        NodeRef::new(h, &doc.tree)
            .ancestors_it(None)
            .any(|a| a.id == best_id)
    });
    // Siblings that continue the article: well scored, or plain prose.
    if let Some(parent) = best_node.parent() {
        let threshold = (best_score * 0.2).max(10.0);
        let mut before_best = true;
        for sibling in parent.element_children() {
            if sibling.id == best_id {
                before_best = false;
                continue;
            }
            if before_best && starts_inside {
                continue;
            }
            let score =
                scores.get(&sibling.id).copied().unwrap_or(0.0) * (1.0 - density(&sibling.id));
            let prose = sibling.node_name().as_deref() == Some("p")
                && density(&sibling.id) < 0.25
                && collapse(&sibling.text()).chars().count() > 80;
            if score >= threshold || prose {
                region.nodes.insert(sibling.id);
            }
        }
    }
    let words: usize = region
        .nodes
        .iter()
        .map(|id| prose_words(&NodeRef::new(*id, &doc.tree), &lengths))
        .sum();
    // A short page is an article when its prose is mostly here; a page
    // of teasers spreads its prose over many cards.
    if words < MIN_ARTICLE_WORDS {
        let page_words = doc.body().map_or(0, |b| prose_words(&b, &lengths));
        if words < MIN_SHORT_ARTICLE_WORDS || words * 10 < page_words * 6 {
            return None;
        }
    }
    region.meta_title = meta_title;
    region.headline = headline;
    Some(region)
}

/// Characters of a paragraph that counts (a label or a caption is shorter).
const MIN_PARAGRAPH_CHARS: usize = 25;

/// The paragraphs an element holds itself: a `p`, `pre`, `td` or
/// `blockquote` is one; a `div`, `section` or `article` with text of its
/// own holds that. Where an element breaks its own text with `<br>` (an
/// old CMS's body, a forum post, a `<font>` of lines), each run between
/// the breaks is a paragraph: counted as one, a whole article would
/// weigh no more than a single paragraph.
fn paragraph_texts(node: &NodeRef) -> Vec<String> {
    let Some(name) = node.node_name() else {
        return Vec::new();
    };
    match name.as_ref() {
        "p" | "pre" | "td" | "blockquote" => return vec![collapse(&node.text())],
        "li" | "a" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "dd" | "th" | "caption"
        | "figcaption" | "button" | "label" | "option" | "script" | "style" => {
            return Vec::new();
        }
        _ => {}
    }
    let breaks = node
        .children_it(false)
        .any(|c| c.node_name().as_deref() == Some("br"));
    if breaks && !inside_a_paragraph(node) {
        return br_runs(node);
    }
    match name.as_ref() {
        "div" | "section" | "article" => {
            let own = collapse(&node.immediate_text());
            if own.chars().count() >= MIN_PARAGRAPH_CHARS {
                vec![own]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// Whether `node` stands inside an element that is counted whole.
fn inside_a_paragraph(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| {
        matches!(
            a.node_name().as_deref(),
            Some(
                "p" | "pre" | "td" | "blockquote" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            )
        )
    })
}

/// The runs of `node`'s own text and inline children between `<br>`s
/// and block children, of `MIN_PARAGRAPH_CHARS` or more.
fn br_runs(node: &NodeRef) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut end_run = |run: &mut String| {
        let text = collapse(run);
        if text.chars().count() >= MIN_PARAGRAPH_CHARS {
            runs.push(text);
        }
        run.clear();
    };
    for child in node.children_it(false) {
        if child.is_text() {
            run.push_str(&child.text());
            run.push(' ');
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.node_name();
        match name.as_deref() {
            Some(
                "a" | "b" | "strong" | "i" | "em" | "span" | "font" | "u" | "small" | "big"
                | "cite" | "q" | "abbr" | "code" | "sup" | "sub" | "mark" | "time",
            ) => {
                run.push_str(&child.text());
                run.push(' ');
            }
            // A break, or a block of its own (counted by itself).
            _ => end_run(&mut run),
        }
    }
    end_run(&mut run);
    runs
}

/// Words in paragraphs that are not mostly links and not a teaser's
/// standfirst (a paragraph right after a linked heading). Link shares
/// come from `lengths`, so no subtree is walked twice.
fn prose_words(node: &NodeRef, lengths: &HashMap<NodeId, (usize, usize)>) -> usize {
    let mut words = 0;
    for p in std::iter::once(*node).chain(node.descendants_it()) {
        let texts = paragraph_texts(&p);
        if texts.is_empty() || follows_a_link(&p) {
            continue;
        }
        let (chars, links) = lengths.get(&p.id).copied().unwrap_or((0, 0));
        if links * 2 < chars {
            words += texts
                .iter()
                .map(|t| crate::text::word_count(t))
                .sum::<usize>();
        }
    }
    words
}

fn follows_a_link(node: &NodeRef) -> bool {
    let Some(before) = node.prev_element_sibling() else {
        return false;
    };
    let name = before.node_name();
    match name.as_deref() {
        Some("a") => true,
        Some("h2" | "h3" | "h4" | "h5" | "h6") => before
            .descendants_it()
            .any(|d| d.node_name().as_deref() == Some("a")),
        _ => false,
    }
}

fn initial_score(node: &NodeRef) -> f64 {
    let mut score = match node.node_name().as_deref() {
        Some("article") => 10.0,
        Some("main") => 8.0,
        Some("div") => 5.0,
        Some("section") => 3.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    };
    if node.attr("itemprop").as_deref() == Some("articleBody") {
        score += 50.0;
    }
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            if NEGATIVE.is_match(value.as_bytes()) {
                score -= 25.0;
            }
            if POSITIVE.is_match(value.as_bytes()) {
                score += 25.0;
            }
        }
    }
    score
}

/// The title the page gives itself: `og:title`, else `<title>` without
/// the site's name.
pub fn meta_title(doc: &Document) -> Option<String> {
    let og = doc
        .select("meta[property='og:title'], meta[name='twitter:title']")
        .attr("content")
        .map(|t| crate::text::sanitize_line(&t));
    if let Some(og) = og.filter(|t| !t.is_empty()) {
        return Some(og);
    }
    // Sanitised: a title can be the article's headline, shown as it is.
    let title = crate::text::sanitize_line(&doc.select("title").text());
    if title.is_empty() {
        return None;
    }
    // "Headline | Site" or "Headline - Site": the longest part.
    let best = title
        .split(" | ")
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .max_by_key(|p| p.chars().count())
        .unwrap_or(&title)
        .trim()
        .to_owned();
    Some(best)
}

/// The site's name: `og:site_name`, else the last part of a `<title>`
/// such as "Headline - Site" (the caller checks it is not the headline).
pub fn site_name(doc: &Document) -> Option<String> {
    let og = doc
        .select("meta[property='og:site_name']")
        .attr("content")
        .map(|t| crate::text::sanitize_line(&t));
    if let Some(og) = og.filter(|t| t.chars().count() >= 3) {
        return Some(og);
    }
    let title = crate::text::sanitize_line(&doc.select("title").text());
    let mut parts = vec![title.as_str()];
    for separator in TITLE_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(separator)).collect();
    }
    let last = parts.last()?.trim();
    (parts.len() > 1 && last.chars().count() >= 3).then(|| last.to_owned())
}

/// The headline element: an `h1` that matches the page's title, else the
/// `h1` nearest before the article, else the article's first `h1`.
fn headline(doc: &Document, article: &NodeRef, meta: Option<&str>) -> Option<NodeId> {
    let h1s = doc.select("h1");
    let nodes = h1s.nodes();
    if let Some(found) = meta.and_then(|meta| named_heading(doc, nodes, meta)) {
        return Some(found);
    }
    if let Some(meta) = meta.map(normalise) {
        let matching = nodes.iter().find(|h| {
            let text = normalise(&h.text());
            !text.is_empty() && (meta.contains(&text) || text.contains(&meta))
        });
        if let Some(h) = matching {
            return Some(h.id);
        }
    }
    let inside = nodes
        .iter()
        .find(|h| h.ancestors_it(None).any(|a| a.id == article.id));
    inside
        .or_else(|| nodes.first())
        .filter(|h| !collapse(&h.text()).is_empty())
        .map(|h| h.id)
}

/// Separators between a page title's parts: "Post @ Blog :: Host",
/// "Headline | Site", "Headline - Site".
const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " @ ", " » "];

/// The heading that names the article, by the page's title: an `h1`
/// that holds the title's longest part or most of it, else an `h2` that
/// holds it. A blog's `h1` is often the blog's name and its post's title
/// an `h2`; a site's logo is often an `h1` whose name the title ends with:
/// neither is the headline.
fn named_heading(doc: &Document, h1s: &[NodeRef], meta: &str) -> Option<NodeId> {
    let mut key = meta;
    for separator in TITLE_SEPARATORS {
        key = key
            .split(separator)
            .max_by_key(|part| part.chars().count())
            .unwrap_or(key);
    }
    let key = normalise(key);
    let key_chars = key.chars().count();
    if key_chars == 0 {
        return None;
    }
    let names = |heading: &NodeRef, partly: bool| {
        let text = normalise(&heading.text());
        !text.is_empty()
            && (text.contains(&key)
                || (partly && key.contains(&text) && 2 * text.chars().count() >= key_chars))
    };
    if let Some(h1) = h1s.iter().find(|h| names(h, true)) {
        return Some(h1.id);
    }
    let h2s = doc.select("h2");
    h2s.nodes()
        .iter()
        .find(|h| names(h, false) && h.text().chars().count() <= 2 * key_chars + 20)
        .map(|h| h.id)
}

/// The headline when the page has no region of its own: the `h1` that
/// matches the page's title, else the first.
pub fn lone_headline(doc: &Document, meta: Option<&str>) -> Option<NodeId> {
    let root = doc.root();
    headline(doc, &root, meta)
}

fn normalise(text: &str) -> String {
    collapse(text).to_lowercase()
}
