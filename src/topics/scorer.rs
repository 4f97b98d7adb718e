//! Topic scores of a text: every term of every topic found in one
//! Aho–Corasick pass over the words (leftmost-longest, so "prime
//! minister" is one match, not "minister" too), each term counted once in
//! the title (times the title weight) and once in the body.

use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::file::TopicSet;
use super::words::{Words, is_exact, pattern_of};

/// A topic as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicInfo {
    pub name: String,
    pub label: String,
    pub threshold: f64,
}

/// One topic's claim on a pattern.
#[derive(Debug)]
struct Entry {
    topic: usize,
    weight: f64,
    /// Acronym words that must appear with this case: (word index in
    /// the match, the word, whether it is a prefix).
    exact: Vec<(usize, String, bool)>,
}

/// All topics compiled once; cheap to share (`Arc`) across threads.
#[derive(Debug)]
pub struct Scorer {
    topics: Vec<TopicInfo>,
    title_weight: f64,
    automaton: Automaton,
    /// For each automaton pattern, the topics that count it.
    entries: Vec<Vec<Entry>>,
    /// For each pattern, the number of its first entry among all
    /// patterns' entries (a term is counted once per text: `add` keeps
    /// one bit per entry).
    first_entry: Vec<usize>,
}

/// Only the start of a long body is read: the lead says what an article
/// is about, and the cost stays flat.
pub const MAX_BODY_BYTES: usize = 4000;

impl Scorer {
    pub fn new(set: &TopicSet) -> Scorer {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (topic, def) in set.topics.iter().enumerate() {
            for term in &def.terms {
                let Some((words, pattern)) = pattern_of(&term.text) else {
                    continue;
                };
                let prefix = !pattern.ends_with(' ');
                let last = words.len().saturating_sub(1);
                let exact = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| is_exact(w))
                    .map(|(i, w)| (i, w.clone(), prefix && i == last))
                    .collect();
                let slot = *index.entry(pattern.clone()).or_insert_with(|| {
                    patterns.push(pattern);
                    entries.push(Vec::new());
                    entries.len() - 1
                });
                // A term listed twice in one topic keeps its last weight.
                let same = entries[slot]
                    .iter_mut()
                    .find(|e| e.topic == topic && e.exact == exact);
                match same {
                    Some(e) => e.weight = term.weight,
                    None => entries[slot].push(Entry {
                        topic,
                        weight: term.weight,
                        exact,
                    }),
                }
            }
        }
        let automaton = Automaton::build_in_background(patterns);
        Scorer {
            topics: set
                .topics
                .iter()
                .map(|t| TopicInfo {
                    name: t.name.clone(),
                    label: t.label.clone(),
                    threshold: t.threshold,
                })
                .collect(),
            title_weight: set.title_weight,
            automaton,
            first_entry: entries
                .iter()
                .scan(0, |next, e| {
                    let first = *next;
                    *next += e.len();
                    Some(first)
                })
                .collect(),
            entries,
        }
    }

    pub fn topics(&self) -> &[TopicInfo] {
        &self.topics
    }

    pub fn names(&self) -> Vec<String> {
        self.topics.iter().map(|t| t.name.clone()).collect()
    }

    /// Each topic's normalised score (raw score / threshold: the article
    /// belongs when it is at least 1), only those above 0, in topic order.
    pub fn score(&self, title: &str, body: &str) -> Vec<(&str, f64)> {
        let mut raw = vec![0.0; self.topics.len()];
        self.add(&mut raw, title, self.title_weight);
        self.add(&mut raw, cut(body, MAX_BODY_BYTES), 1.0);
        self.topics
            .iter()
            .zip(raw)
            .filter(|(_, r)| *r > 0.0)
            .map(|(t, r)| (t.name.as_str(), r / t.threshold))
            .collect()
    }

    /// Adds each term found in `text` once, times `factor`.
    fn add(&self, raw: &mut [f64], text: &str, factor: f64) {
        let Some(automaton) = self.automaton.get() else {
            return;
        };
        let words = Words::of(text);
        let total = self.first_entry.last().zip(self.entries.last());
        let total = total.map_or(0, |(first, last)| first + last.len());
        let mut seen = vec![0u64; total.div_ceil(64)];
        for m in automaton.find_iter(words.stream.as_slice()) {
            let pattern = m.pattern().as_usize();
            let (Some(entries), Some(&first)) =
                (self.entries.get(pattern), self.first_entry.get(pattern))
            else {
                continue;
            };
            // Which words the match covers is only asked by acronyms.
            let mut covered = None;
            for (i, entry) in entries.iter().enumerate() {
                let (cell, bit) = ((first + i) / 64, 1u64 << ((first + i) % 64));
                if seen.get(cell).is_none_or(|c| c & bit != 0) {
                    continue;
                }
                let cased = entry.exact.iter().all(|(at, word, prefix)| {
                    let covered: &std::ops::Range<usize> =
                        covered.get_or_insert_with(|| words.covered(m.start(), m.end()));
                    let index = covered.start + at;
                    let inside = index < covered.end;
                    inside
                        .then(|| words.word(index))
                        .flatten()
                        .is_some_and(|w| {
                            if *prefix {
                                w.starts_with(word.as_str())
                            } else {
                                w == word
                            }
                        })
                });
                if cased {
                    seen[cell] |= bit;
                    if let Some(r) = raw.get_mut(entry.topic) {
                        *r += entry.weight * factor;
                    }
                }
            }
        }
    }
}

/// The topic terms' automaton. Building its DFA takes a few
/// milliseconds, more than anything else a command does before its first
/// request or query, so it is built on a thread of its own from the
/// start, and the first text to score waits for it only if it is not
/// done. Commands that score nothing (`list`, which reads only topic
/// names) never wait.
#[derive(Debug)]
struct Automaton {
    built: Arc<OnceLock<Option<AhoCorasick>>>,
    patterns: Arc<Vec<String>>,
}

impl Automaton {
    fn build_in_background(patterns: Vec<String>) -> Automaton {
        let automaton = Automaton {
            built: Arc::new(OnceLock::new()),
            patterns: Arc::new(patterns),
        };
        let (built, patterns) = (
            Arc::clone(&automaton.built),
            Arc::clone(&automaton.patterns),
        );
        // If the thread cannot start, the first `get` builds it.
        let _ = std::thread::Builder::new()
            .name("sift-topics".into())
            .spawn(move || {
                built.get_or_init(|| compile(&patterns));
            });
        automaton
    }

    /// The automaton; waits for the thread building it, or builds it here
    /// if the thread has not begun (OnceLock runs the build once).
    fn get(&self) -> Option<&AhoCorasick> {
        self.built.get_or_init(|| compile(&self.patterns)).as_ref()
    }
}

fn compile(patterns: &[String]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        // Built once per scorer, run over every article's title and
        // lead: a DFA's faster search repays its build many times.
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .prefilter(false)
        .build(patterns)
        .map_err(|e| tracing::warn!("topic terms did not compile: {e}"))
        .ok()
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub(super) fn cut(text: &str, max: usize) -> &str {
    &text[..text.floor_char_boundary(max)]
}
