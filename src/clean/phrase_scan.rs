//! The phrases of every generic block rule found in one Aho–Corasick pass
//! over a block: each block meets some thirty rules, and one scan costs
//! about what one rule's own scan did.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::case_fold::fold_case_string;

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
    /// The scan over `rules`' phrase lists, in rule order. Phrases are
    /// folded (`case_fold`) and found in folded text, as each rule's own
    /// automaton finds them: in any case, "FÜR" as "für". `many`:
    /// it will scan many blocks (a poll), so a DFA's slower build pays
    /// for its faster search; one page (`sift extract`) never repays it.
    pub fn new<'a>(rules: impl IntoIterator<Item = &'a [String]>, many: bool) -> PhraseScan {
        let mut patterns: Vec<String> = Vec::new();
        let mut rule_of = Vec::new();
        let mut count = 0;
        for (rule, phrases) in rules.into_iter().enumerate() {
            count = rule + 1;
            for phrase in phrases {
                patterns.push(fold_case_string(phrase));
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

    /// The rules with a phrase somewhere in `folded`, a text folded by
    /// `case_fold` (`Haystack::folded`).
    pub fn found(&self, folded: &[u8]) -> Found {
        let mut found = vec![false; self.rules];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(folded) {
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
    use crate::clean::case_fold::fold_case;

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
            &["Nur für Abonnenten", "à lire aussi"],
        ]);
        for many in [false, true] {
            let scan = PhraseScan::new(rules.iter().map(Vec::as_slice), many);
            let found = scan.found(&fold_case("Please SIGN UP FOR OUR Newsletter today"));
            assert!(found.has(0) && found.has(1) && found.has(3));
            assert!(!found.has(2) && !found.has(4));
            assert!(!found.has(99));
            let none = scan.found(&fold_case("The minister resigned on Tuesday."));
            assert!((0..5).all(|r| !none.has(r)));
            // Capitals beyond ASCII, in the text and in the phrase.
            for label in ["NUR FÜR ABONNENTEN", "À LIRE AUSSI : la réforme"] {
                assert!(scan.found(&fold_case(label)).has(4), "{label}");
            }
            assert!(!scan.found(&fold_case("Nur fur Abonnenten")).has(4));
        }
    }
}
