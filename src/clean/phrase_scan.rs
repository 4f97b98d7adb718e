//! The phrases of every generic block rule found in one Aho–Corasick pass
//! over a block: each block meets some thirty rules, and one scan costs
//! about what one rule's own scan did.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One automaton over the phrases of a list of rules.
#[derive(Debug, Clone, Default)]
pub struct PhraseScan {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the index of the rule it belongs to.
    rule_of: Vec<usize>,
    rules: usize,
}

/// Which rules had a phrase in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found(Vec<bool>);

impl Found {
    pub fn has(&self, rule: usize) -> bool {
        self.0.get(rule).copied().unwrap_or(false)
    }
}

impl PhraseScan {
    /// The scan over `rules`' phrase lists, in rule order. Matching is
    /// ASCII case-insensitive, as each rule's own automaton is. `many`:
    /// it will scan many blocks (a poll), so a DFA's slower build pays
    /// for its faster search; one page (`sift extract`) never repays it.
    pub fn new<'a>(rules: impl IntoIterator<Item = &'a [String]>, many: bool) -> PhraseScan {
        let mut patterns: Vec<&str> = Vec::new();
        let mut rule_of = Vec::new();
        let mut count = 0;
        for (rule, phrases) in rules.into_iter().enumerate() {
            count = rule + 1;
            for phrase in phrases {
                patterns.push(phrase);
                rule_of.push(rule);
            }
        }
        let kind = if many {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(kind))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| tracing::warn!("block rule phrases did not compile together: {e}"))
            .ok();
        PhraseScan {
            automaton,
            rule_of,
            rules: count,
        }
    }

    /// Whether the scan could be built; when not, rules use their own
    /// automata.
    pub fn is_usable(&self) -> bool {
        self.automaton.is_some()
    }

    /// The rules with a phrase somewhere in `text`.
    pub fn found(&self, text: &str) -> Found {
        let mut found = vec![false; self.rules];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                if let Some(&rule) = self.rule_of.get(m.pattern().as_usize()) {
                    found[rule] = true;
                }
            }
        }
        Found(found)
    }
}

#[cfg(test)]
mod tests {
    use super::PhraseScan;

    fn lists(rules: &[&[&str]]) -> Vec<Vec<String>> {
        rules
            .iter()
            .map(|r| r.iter().map(|p| p.to_string()).collect())
            .collect()
    }

    #[test]
    fn every_rule_with_a_phrase_in_the_text_is_found_even_when_phrases_overlap() {
        let rules = lists(&[
            &["sign up"],
            &["newsletter", "up for"],
            &[],
            &["sign up for our"],
        ]);
        for many in [false, true] {
            let scan = PhraseScan::new(rules.iter().map(Vec::as_slice), many);
            let found = scan.found("Please SIGN UP FOR OUR Newsletter today");
            assert!(found.has(0) && found.has(1) && found.has(3));
            assert!(!found.has(2));
            assert!(!found.has(99));
            let none = scan.found("The minister resigned on Tuesday.");
            assert!((0..4).all(|r| !none.has(r)));
        }
    }
}
