//! Which parts of a text to highlight: the active query's words and
//! phrases, and the user's watch words (`[ui] watch`, e.g. leaders'
//! names). Whole words only, case-insensitive (Unicode), so "Iran" lights
//! up in "Iran's" but not in "Tirana", like the search that found it.

use std::ops::Range;

use aho_corasick::AhoCorasick;

/// Why a stretch is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A word or phrase of the active query.
    Query,
    /// One of the configured watch words.
    Watch,
}

/// Built once per query (and watch list); finds stretches in any text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    matcher: Option<AhoCorasick>,
    /// The mark of each pattern, by pattern id.
    marks: Vec<Mark>,
}

/// Lowercases `text` char by char; returns it with, for each of its chars,
/// the byte offset of the original char it came from.
fn fold(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut folded = String::with_capacity(text.len());
    // (folded byte offset, original byte offset), one per char.
    let mut map = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        map.push((folded.len(), at));
        // One char for one: keeps offsets simple ('İ' folds to 'i').
        folded.push(c.to_lowercase().next().unwrap_or(c));
    }
    map.push((folded.len(), text.len()));
    (folded, map)
}

/// A pattern as the matcher holds it: folded, whitespace runs as one space.
fn normalise(pattern: &str) -> String {
    let words: Vec<&str> = pattern.split_whitespace().collect();
    fold(&words.join(" ")).0
}

impl Highlighter {
    /// A highlighter for the query's terms and the watch words. Terms
    /// without a letter or digit are skipped; a term in both lists is a
    /// query mark.
    pub fn new(query_terms: &[String], watch: &[String]) -> Highlighter {
        let mut patterns: Vec<String> = Vec::new();
        let mut marks = Vec::new();
        let tagged = query_terms
            .iter()
            .map(|t| (t, Mark::Query))
            .chain(watch.iter().map(|w| (w, Mark::Watch)));
        for (term, mark) in tagged {
            let pattern = normalise(term);
            if !pattern.chars().any(char::is_alphanumeric) || patterns.contains(&pattern) {
                continue;
            }
            patterns.push(pattern);
            marks.push(mark);
        }
        if patterns.is_empty() {
            return Highlighter::default();
        }
        Highlighter {
            matcher: AhoCorasick::new(&patterns).ok(),
            marks,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.matcher.is_none()
    }

    /// The stretches of `text` to highlight, as byte ranges of `text`, in
    /// order and not overlapping (the longest wins where two start
    /// together; the first wins where two overlap).
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, Mark)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let (folded, map) = fold(text);
        let original = |folded_at: usize| -> usize {
            match map.binary_search_by_key(&folded_at, |&(f, _)| f) {
                Ok(i) => map[i].1,
                Err(i) => map.get(i).map_or(text.len(), |&(_, o)| o),
            }
        };
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut found: Vec<(usize, usize, Mark)> = matcher
            .find_overlapping_iter(&folded)
            .filter(|m| {
                !is_word(folded[..m.start()].chars().next_back())
                    && !is_word(folded[m.end()..].chars().next())
            })
            .map(|m| {
                let mark = self.marks.get(m.pattern().as_usize()).copied();
                (m.start(), m.end(), mark.unwrap_or(Mark::Query))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<(Range<usize>, Mark)> = Vec::new();
        let mut end = 0;
        for (s, e, mark) in found {
            if s < end {
                continue;
            }
            end = e;
            out.push((original(s)..original(e), mark));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn spans(h: &Highlighter, text: &str) -> Vec<(String, Mark)> {
        h.find(text)
            .into_iter()
            .map(|(r, m)| (text[r].to_string(), m))
            .collect()
    }

    #[test]
    fn whole_words_case_insensitively() {
        let h = Highlighter::new(&words(&["iran"]), &[]);
        assert_eq!(
            spans(&h, "IRAN: Iran's envoy visits Tirana, not iranian"),
            vec![("IRAN".into(), Mark::Query), ("Iran".into(), Mark::Query)]
        );
    }

    #[test]
    fn phrases_and_watch_words_with_their_marks() {
        let h = Highlighter::new(
            &words(&["prime  minister"]),
            &words(&["Starmer", "Xi Jinping"]),
        );
        assert_eq!(
            spans(
                &h,
                "Prime Minister Starmer met Xi Jinping; the minister left"
            ),
            vec![
                ("Prime Minister".into(), Mark::Query),
                ("Starmer".into(), Mark::Watch),
                ("Xi Jinping".into(), Mark::Watch),
            ]
        );
    }

    #[test]
    fn the_longest_wins_and_offsets_survive_unicode() {
        let h = Highlighter::new(&words(&["erdoğan", "erdoğan's party"]), &words(&["ÉLYSÉE"]));
        let text = "İstanbul: Erdoğan's party and the Élysée";
        assert_eq!(
            spans(&h, text),
            vec![
                ("Erdoğan's party".into(), Mark::Query),
                ("Élysée".into(), Mark::Watch)
            ]
        );
    }

    #[test]
    fn nothing_to_find_finds_nothing() {
        let h = Highlighter::new(&words(&["—", " "]), &[]);
        assert!(h.is_empty());
        assert!(h.find("anything at all").is_empty());
        let h = Highlighter::new(&words(&["un"]), &[]);
        assert!(h.find("under the UN-backed plan").len() == 1);
    }
}
