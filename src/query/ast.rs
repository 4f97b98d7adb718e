//! The two trees: what the parser read (`Syntax`, fields still text), and
//! the validated query (`Expr`, every value resolved) that the store
//! compiles to SQL.

use super::error::Span;
use crate::model::{FeedId, Timestamp};

/// The parser's output: structure and spans, field values not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Syntax {
    And(Vec<Syntax>),
    Or(Vec<Syntax>),
    Not(Box<Syntax>, Span),
    Word(String, Span),
    Phrase(String, Span),
    Field {
        name: String,
        name_span: Span,
        value: String,
        /// The value was written in quotes.
        quoted: bool,
        value_span: Span,
        span: Span,
    },
    Regex(String, Span),
}

/// A validated query. `And(vec![])` matches everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

/// One condition on an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word or a phrase in the title, summary or content (or the title
    /// only), through the full-text index.
    Text {
        text: String,
        phrase: bool,
        title_only: bool,
    },
    /// Part of the feed's title or URL, lowercased.
    Feed(String),
    /// One feed, by id: not in the language, added by callers (the CLI's
    /// `--feed`, the interface's feed pane).
    FeedId(FeedId),
    /// A feed tag or an article tag (exact, case-insensitive).
    Tag(String),
    /// Part of the author, lowercased.
    Author(String),
    Is(Flag),
    /// Dated at or after.
    Since(Timestamp),
    /// Dated strictly before.
    Before(Timestamp),
    /// A case-insensitive regex over the title and the summary text
    /// (already checked to compile).
    Regex(String),
    /// Belongs to a topic (stored score at least `topics::MEMBER_SCORE`),
    /// by lowercase name.
    Topic(String),
}

/// `is:` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Unread,
    Read,
    Starred,
    Noise,
}

/// The order a query asks for (`sort:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (or oldest first when the caller asks).
    #[default]
    Date,
    /// Best full-text match first (bm25, title hits weighing most); by
    /// date when the query has no words.
    Relevance,
}

impl Expr {
    /// Matches every article.
    pub fn all() -> Expr {
        Expr::And(Vec::new())
    }

    /// `self AND other`, flattening nested ANDs.
    pub fn and(self, other: Expr) -> Expr {
        let mut parts = match self {
            Expr::And(parts) => parts,
            single => vec![single],
        };
        match other {
            Expr::And(more) => parts.extend(more),
            single => parts.push(single),
        }
        if parts.len() == 1 {
            parts.pop().unwrap_or_else(Expr::all)
        } else {
            Expr::And(parts)
        }
    }

    /// True if any term, negated or not, satisfies `pred`.
    pub fn any_term(&self, pred: &mut impl FnMut(&Term) -> bool) -> bool {
        match self {
            Expr::And(parts) | Expr::Or(parts) => parts.iter().any(|p| p.any_term(pred)),
            Expr::Not(inner) => inner.any_term(pred),
            Expr::Term(term) => pred(term),
        }
    }

    /// Words and phrases that count for relevance: those not under an odd
    /// number of negations.
    pub fn positive_text(&self) -> Vec<&Term> {
        let mut out = Vec::new();
        self.collect_text(false, &mut out);
        out
    }

    fn collect_text<'a>(&'a self, negated: bool, out: &mut Vec<&'a Term>) {
        match self {
            Expr::And(parts) | Expr::Or(parts) => {
                for p in parts {
                    p.collect_text(negated, out);
                }
            }
            Expr::Not(inner) => inner.collect_text(!negated, out),
            Expr::Term(term @ Term::Text { .. }) if !negated => out.push(term),
            Expr::Term(_) => {}
        }
    }
}

/// True if the full-text tokenizer (unicode61) would find a token in
/// `text` (approximately: a letter or a digit).
pub fn has_tokens(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}
