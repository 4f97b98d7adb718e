//! A rule's phrases, found in folded text (`case_fold`). Their automaton
//! is built the first time it is asked, or at load for a user's rule so
//! that a failure is reported: most processes never ask (a block rule's
//! phrases are found by the rule set's one scan, and only a poll judges
//! items).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError};

use super::case_fold::{fold_case, fold_case_string};

#[derive(Debug, Clone)]
pub(super) struct Phrases {
    folded: Vec<String>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl Phrases {
    /// `check`: build the automaton now (a user's rule).
    pub(super) fn new(list: &[String], check: bool) -> Result<Phrases, BuildError> {
        let phrases = Phrases {
            folded: list.iter().map(|p| fold_case_string(p)).collect(),
            automaton: OnceLock::new(),
        };
        if check && !phrases.is_empty() {
            let built = automaton(&phrases.folded)?;
            let _ = phrases.automaton.set(Some(built));
        }
        Ok(phrases)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The phrases, folded.
    pub(super) fn folded(&self) -> &[String] {
        &self.folded
    }

    /// Whether a phrase is in `text`.
    pub(super) fn is_match(&self, text: &str) -> bool {
        !self.is_empty() && self.is_match_folded(fold_case(text).as_ref())
    }

    /// Whether a phrase is in `folded`, text already folded.
    pub(super) fn is_match_folded(&self, folded: &[u8]) -> bool {
        if self.is_empty() {
            return false;
        }
        self.automaton
            .get_or_init(|| automaton(&self.folded).ok())
            .as_ref()
            .is_some_and(|ac| ac.is_match(folded))
    }
}

fn automaton(folded: &[String]) -> Result<AhoCorasick, BuildError> {
    AhoCorasickBuilder::new()
        // Blocks, titles and summaries are short: a DFA's search speed
        // never repays its build, paid by every process that starts.
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(folded)
}
