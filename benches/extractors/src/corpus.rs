//! The real-page corpus (`../shared/corpora/readability-pages/NAME/`:
//! `source.html` as served, `expected.html` the article as Mozilla
//! Readability's test suite expects it), scored the way
//! `../shared/corpora/score_extract.py` scores `sift extract`: the Zyte
//! article-extraction benchmark's metric (word tokens, 4-token shingles,
//! per-page true/false positives normalised to sum 1; precision averaged
//! over pages with output, recall over pages with truth). Every
//! extractor, sift included, runs in this one process, alternating page
//! by page, so a busy moment on the shared machine hits all alike.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::extractors::{Extractor, Outcome, call, to_lines};

/// The URL the scorer gives every page.
const URL: &str = "http://fakehost/test/page.html";
/// Timed calls per page and extractor; the fastest counts.
const TIMED_REPS: usize = 3;

pub struct CorpusPage {
    pub name: String,
    pub html: String,
    pub truth: String,
}

/// Every `NAME/source.html` with its `NAME/expected.html`, sorted.
pub fn load(dir: &Path) -> Result<Vec<CorpusPage>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for name in names {
        let read = |file: &str| {
            std::fs::read(dir.join(&name).join(file))
                .map_err(|e| format!("{}/{name}/{file}: {e}", dir.display()))
        };
        // The same decoding sift extract uses, so every crate gets the
        // same text.
        let html = sift::text::decode_page(&read("source.html")?).into_owned();
        let truth = truth_text(&String::from_utf8_lossy(&read("expected.html")?));
        pages.push(CorpusPage { name, html, truth });
    }
    Ok(pages)
}

/// The text of `expected.html` as score_extract.py reads it: text nodes
/// outside script, style, noscript and template, a line break before
/// every block element.
fn truth_text(html: &str) -> String {
    const BLOCK: &[&str] = &[
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "blockquote", "pre", "figure", "figcaption", "dd", "dt", "section", "article", "table",
        "ul", "ol", "hr",
    ];
    const HIDDEN: &[&str] = &["script", "style", "noscript", "template"];
    let doc = dom_query::Document::from(html);
    let mut out = String::new();
    let mut stack = vec![doc.root()];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            out.push_str(&node.text());
            continue;
        }
        if let Some(name) = node.node_name() {
            if HIDDEN.contains(&name.as_ref()) {
                continue;
            }
            if BLOCK.contains(&name.as_ref()) {
                out.push('\n');
            }
        }
        let children: Vec<_> = node.children_it(false).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// Word tokens as Python's `\w+`: letters, digits and underscores.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut bag = HashMap::new();
    if toks.is_empty() {
        return bag;
    }
    if toks.len() < 4 {
        bag.insert(toks, 1);
        return bag;
    }
    for w in toks.windows(4) {
        *bag.entry(w.to_vec()).or_insert(0) += 1;
    }
    bag
}

/// (true positives, false positives, false negatives), normalised to sum 1.
fn counts(truth: &str, output: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(output));
    let tp: usize = t
        .iter()
        .map(|(k, &c)| c.min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = t.values().sum::<usize>() - tp;
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
}

/// One extractor's result over the corpus.
pub struct CorpusRow {
    pub name: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub empty: usize,
    pub panics: usize,
    /// Median over pages of the fastest call's time per 100 KB of HTML.
    pub ms_per_100kb: f64,
    /// Per page: (name, f1), for `--verbose`.
    pub pages: Vec<(String, f64)>,
}

/// Runs every extractor on every page (quality), then times each call.
pub fn run(extractors: &[Extractor], pages: &[CorpusPage], timed: bool) -> Vec<CorpusRow> {
    let mut rows = Vec::new();
    for e in extractors {
        let (mut ps, mut rs, mut per_page) = (Vec::new(), Vec::new(), Vec::new());
        let (mut empty, mut panics) = (0, 0);
        for page in pages {
            let text = match call(e, &page.html, URL) {
                // The body as each crate returns it; sift's blocks start
                // with the headline, as `sift extract` prints it (a little
                // precision lost, as in score_extract.py).
                Outcome::Article(a) => to_lines(&a.html),
                Outcome::Nothing(_) => String::new(),
                Outcome::Panicked(_) => {
                    panics += 1;
                    String::new()
                }
            };
            if text.trim().is_empty() {
                empty += 1;
            }
            let (tp, fp, fn_) = counts(&page.truth, &text);
            let perfect = fp == 0.0 && fn_ == 0.0;
            let p = if perfect { 1.0 } else if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
            let r = if perfect { 1.0 } else if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
            if tp + fp > 0.0 {
                ps.push(p);
            }
            if tp + fn_ > 0.0 {
                rs.push(r);
            }
            let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
            per_page.push((page.name.clone(), f));
        }
        let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        let (precision, recall) = (mean(&ps), mean(&rs));
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        rows.push(CorpusRow {
            name: e.name.to_owned(),
            precision,
            recall,
            f1,
            empty,
            panics,
            ms_per_100kb: f64::NAN,
            pages: per_page,
        });
    }
    if timed {
        let times = time_calls(extractors, pages);
        for (row, t) in rows.iter_mut().zip(times) {
            row.ms_per_100kb = t;
        }
    }
    rows
}

/// Median over pages of each extractor's fastest call, per 100 KB; page
/// by page, every extractor in turn, so load hits them alike.
fn time_calls(extractors: &[Extractor], pages: &[CorpusPage]) -> Vec<f64> {
    let mut per_extractor: Vec<Vec<f64>> = vec![Vec::new(); extractors.len()];
    for page in pages {
        let kb100 = page.html.len() as f64 / 100_000.0;
        for (i, e) in extractors.iter().enumerate() {
            if !e.timed {
                continue;
            }
            let mut best = Duration::MAX;
            for _ in 0..TIMED_REPS {
                let start = Instant::now();
                std::hint::black_box(call(e, &page.html, URL));
                best = best.min(start.elapsed());
            }
            per_extractor[i].push(best.as_secs_f64() * 1000.0 / kb100.max(1e-9));
        }
    }
    per_extractor
        .into_iter()
        .map(|mut v| {
            if v.is_empty() {
                return f64::NAN;
            }
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        })
        .collect()
}

/// The side-by-side table, Markdown.
pub fn table(rows: &[CorpusRow], pages: &[CorpusPage]) -> String {
    let mb: f64 = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    let mut out = format!(
        "{} real pages, {mb:.1} MB of HTML; Zyte metric (4-token shingles)\n\n\
         | extractor | precision | recall | F1 | empty pages | panics | ms per 100 KB (median) |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
        pages.len()
    );
    for r in rows {
        let speed = if r.ms_per_100kb.is_nan() {
            "–".to_owned()
        } else {
            format!("{:.2}", r.ms_per_100kb)
        };
        out.push_str(&format!(
            "| {} | {:.3} | {:.3} | **{:.3}** | {} | {} | {speed} |\n",
            r.name, r.precision, r.recall, r.f1, r.empty, r.panics
        ));
    }
    out
}

/// The worst pages of each extractor.
pub fn details(rows: &[CorpusRow]) -> String {
    let mut out = String::new();
    for r in rows {
        let mut worst = r.pages.clone();
        worst.sort_by(|a, b| a.1.total_cmp(&b.1));
        let list: Vec<String> = worst
            .iter()
            .take(12)
            .map(|(n, f)| format!("{n} {f:.2}"))
            .collect();
        out.push_str(&format!("{}: worst {}\n", r.name, list.join(", ")));
    }
    out
}
