//! The cleaner: what a reader sees is the article and nothing else, and
//! what was hidden can be shown on request. Pure and synchronous.
//!
//! This first part judges plain text (a line is a block, as in
//! `samples/theweek-article.txt`): rules from `assets/rules/` and
//! structural heuristics. HTML extraction and item-level verdicts build on
//! the same `Cleaned` result.

mod extract;
mod item;
mod plain;
pub mod rules;

use serde::{Deserialize, Serialize};

pub use extract::{Extracted, extract_main};
pub use item::judge_item;
pub use plain::clean_text;
pub use rules::{RuleError, RuleSet};

/// Why a block was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoiseKind {
    Promo,
    Related,
    Share,
    Nav,
    Ad,
    Credit,
    Duplicate,
    /// Crosswords, quizzes and other games (whole items).
    Puzzle,
    Other,
}

impl NoiseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoiseKind::Promo => "promo",
            NoiseKind::Related => "related",
            NoiseKind::Share => "share",
            NoiseKind::Nav => "nav",
            NoiseKind::Ad => "ad",
            NoiseKind::Credit => "credit",
            NoiseKind::Duplicate => "duplicate",
            NoiseKind::Puzzle => "puzzle",
            NoiseKind::Other => "other",
        }
    }
}

/// A block the cleaner took out, with where it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedBlock {
    pub kind: NoiseKind,
    /// The rule (or heuristic) that removed it.
    pub rule: String,
    pub text: String,
    /// Its index among all blocks of the input, to show it in place.
    pub position: usize,
}

/// The article's blocks, and what was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    pub blocks: Vec<String>,
    pub removed: Vec<RemovedBlock>,
}

impl Cleaned {
    /// `2 promo, 1 related`: counts by kind, most first; empty when nothing
    /// was removed.
    pub fn hidden_summary(&self) -> String {
        let mut counts: Vec<(NoiseKind, usize)> = Vec::new();
        for r in &self.removed {
            match counts.iter_mut().find(|(k, _)| *k == r.kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.kind, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
            .iter()
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The kept text, blocks separated by blank lines.
    pub fn text(&self) -> String {
        self.blocks.join("\n\n")
    }
}
