//! Scores one extractor output against one page's line files.
//!
//! Words: runs of letters and digits, lowercased (so "don't" is two words
//! on both sides, consistently). Lines are compared as the fixtures README
//! says: lowercased, whitespace collapsed (NBSP included).

use std::collections::HashMap;

use crate::fixtures::Page;

/// How one output did on one page.
#[derive(Debug, Clone, Default)]
pub struct PageScore {
    /// Output words after neutral lines' words were taken out.
    pub output_words: usize,
    pub expected_words: usize,
    /// Words in both (multiset intersection).
    pub common_words: usize,
    pub expected_lines: usize,
    pub lines_found: usize,
    pub noise_lines: usize,
    /// The noise lines found in the output, as `kind: text`.
    pub leaked: Vec<String>,
    /// Expected lines not found, for `--verbose`.
    pub missed: Vec<String>,
}

impl PageScore {
    /// Share of output words that were expected; 0 for an empty output.
    pub fn precision(&self) -> f64 {
        ratio(self.common_words, self.output_words)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.common_words, self.expected_words)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The lowercased words of `s`.
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Lowercased, every run of whitespace (NBSP too) made one space, trimmed.
pub fn norm(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn bag(words: &[String]) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for w in words {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

/// Which expected lines are scored as body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    /// The first expected line (the headline) counts as neutral: sift has
    /// the title from the feed, and extractors return it apart from the body.
    Neutral,
    /// The headline is expected in the output like any other line.
    Expected,
}

/// Scores `output` (plain text lines) for `page`.
///
/// Neutral lines: the words of each neutral line that occurs in the output
/// are taken out of the output before counting, so keeping or dropping a
/// neutral line changes nothing. (Neutral lines absent from the output take
/// nothing out: that would cost a correct extractor the same words elsewhere.)
pub fn score(page: &Page, output: &str, headline: Headline) -> PageScore {
    let (expected, headline_line) = match (headline, page.expected.split_first()) {
        (Headline::Neutral, Some((first, rest))) => (rest, Some(first)),
        _ => (page.expected.as_slice(), None),
    };
    let whole = norm(output);
    let output_lines: Vec<String> = output.lines().map(norm).filter(|l| !l.is_empty()).collect();

    let mut out_bag: HashMap<String, usize> = HashMap::new();
    for w in words(output) {
        *out_bag.entry(w).or_insert(0) += 1;
    }
    for line in page.neutral.iter().chain(headline_line) {
        let n = norm(line);
        if !n.is_empty() && whole.contains(&n) {
            for w in words(line) {
                if let Some(count) = out_bag.get_mut(&w) {
                    *count = count.saturating_sub(1);
                }
            }
        }
    }
    let output_words = out_bag.values().sum();

    let expected_words: Vec<String> = expected.iter().flat_map(|l| words(l)).collect();
    let exp_bag = bag(&expected_words);
    let common_words = exp_bag
        .iter()
        .map(|(w, n)| (*n).min(out_bag.get(*w).copied().unwrap_or(0)))
        .sum();

    let mut missed = Vec::new();
    let mut lines_found = 0;
    let mut expected_lines = 0;
    for line in expected {
        let n = norm(line);
        if n.is_empty() {
            continue;
        }
        expected_lines += 1;
        if whole.contains(&n) {
            lines_found += 1;
        } else {
            missed.push(line.clone());
        }
    }

    let mut leaked = Vec::new();
    let mut noise_lines = 0;
    for (kind, text) in &page.noise {
        let n = norm(text);
        if n.is_empty() {
            continue;
        }
        noise_lines += 1;
        if noise_leaked(kind, &n, &output_lines) {
            leaked.push(format!("{kind}: {text}"));
        }
    }

    PageScore {
        output_words,
        expected_words: expected_words.len(),
        common_words,
        expected_lines,
        lines_found,
        noise_lines,
        leaked,
        missed,
    }
}

/// The fixtures README's rule: a noise line leaks when an output line
/// equals it, or contains it and it is a credit or has four words or more
/// (pages glue credits to captions, teaser titles to numbers). Never
/// containment for `duplicate`: a pull quote repeats a sentence that stays
/// in its paragraph.
fn noise_leaked(kind: &str, noise: &str, output_lines: &[String]) -> bool {
    let by_containment = kind != "duplicate" && (kind == "credit" || noise.split(' ').count() >= 4);
    output_lines
        .iter()
        .any(|line| line == noise || (by_containment && line.contains(noise)))
}

/// Whether an extractor's title names the page's headline (the first
/// expected line): equal, or containing it ("Headline | Site").
pub fn title_matches(title: &str, page: &Page) -> bool {
    page.expected
        .first()
        .is_some_and(|h| !norm(h).is_empty() && norm(title).contains(&norm(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(expected: &[&str], noise: &[(&str, &str)], neutral: &[&str]) -> Page {
        Page {
            name: "t".into(),
            html: String::new(),
            url: None,
            expected: expected.iter().map(|s| s.to_string()).collect(),
            noise: noise
                .iter()
                .map(|(k, t)| (k.to_string(), t.to_string()))
                .collect(),
            neutral: neutral.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn perfect_output_scores_one() {
        let p = page(
            &["Cat news", "The cat sat.", "On the mat!"],
            &[("promo", "Sign up now")],
            &[],
        );
        let s = score(
            &p,
            "Cat news\nThe  cat sat.\nOn the\u{a0}mat!\n",
            Headline::Expected,
        );
        assert_eq!((s.precision(), s.recall(), s.f1()), (1.0, 1.0, 1.0));
        assert_eq!((s.lines_found, s.expected_lines), (3, 3));
        assert!(s.leaked.is_empty());
    }

    #[test]
    fn headline_counts_neither_way_by_default() {
        let p = page(&["Cat news", "The cat sat."], &[], &[]);
        let with = score(&p, "Cat news\nThe cat sat.", Headline::Neutral);
        let without = score(&p, "The cat sat.", Headline::Neutral);
        assert_eq!((with.f1(), without.f1()), (1.0, 1.0));
        assert_eq!(without.expected_lines, 1);
        assert!(score(&p, "The cat sat.", Headline::Expected).recall() < 1.0);
    }

    #[test]
    fn noise_and_neutral_are_counted_apart() {
        let p = page(
            &["The cat sat on the mat."],
            &[
                ("promo", "Sign up now today"),
                ("share", "Share"),
                ("credit", "Photo: AP"),
            ],
            &["By Jane Doe"],
        );
        let out = "By Jane Doe\nThe cat sat on the mat.\nA cat. Photo: AP\nSign up now today!\nPeople share cats.";
        let s = score(&p, out, Headline::Expected);
        assert_eq!(s.output_words, 6 + 4 + 4 + 3);
        assert_eq!(s.common_words, 6);
        assert_eq!(s.recall(), 1.0);
        // "Share" inside a sentence is not the share button; a credit glued
        // to a caption and a long promo with a "!" are.
        assert_eq!(
            s.leaked,
            vec!["promo: Sign up now today", "credit: Photo: AP"]
        );
    }

    #[test]
    fn short_noise_and_duplicates_leak_only_as_whole_lines() {
        let p = page(
            &[],
            &[
                ("nav", "Home"),
                ("duplicate", "It was a long night for all of us"),
            ],
            &[],
        );
        let glued = score(
            &p,
            "Home page\nAnd it was a long night for all of us, she said.",
            Headline::Expected,
        );
        assert!(glued.leaked.is_empty());
        let alone = score(
            &p,
            "home\nIt was a long  night for all of us",
            Headline::Expected,
        );
        assert_eq!(alone.leaked.len(), 2);
    }

    #[test]
    fn empty_output_scores_zero_and_titles_match_by_containment() {
        let p = page(&["Talks resume"], &[], &[]);
        assert_eq!(score(&p, "", Headline::Expected).f1(), 0.0);
        assert!(title_matches("Talks  resume | The Paper", &p));
        assert!(!title_matches("The Paper", &p));
    }
}
