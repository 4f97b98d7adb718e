//! The filter-bar language: text to a validated query (an AST). Pure and
//! fast: the interface re-parses on every keystroke, shows the error (with
//! its span) and keeps the last good list. It knows no SQL: the store
//! compiles the AST (`store/compile.rs`) and chooses how to run it.
//!
//! The CLI's filter flags (`--unread`, `--feed`, `--since`...) are terms
//! of this language too (`Query::and`), so there is one way to say which
//! articles.
//!
//! ```text
//! iran sanctions            every word, in the title, summary or content
//! "foreign policy"          a phrase
//! -sport  not sport         exclude (also -"a phrase", not (...), -feed:x)
//! a or b   (a or b) c       precedence: not, then and (juxtaposition or
//!                           the keyword `and`), then or
//! feed:week                 feed title or URL contains (case-insensitive)
//! tag:world                 a feed tag or an article tag
//! title:iran title:"a b"    in the title only
//! author:smith              author contains
//! is:unread is:read is:starred is:noise
//! since:2d before:1w since:2026-11-01
//! /sanction(s|ed)/          regex over title and summary text,
//!                           case-insensitive, size-capped
//! sort:date sort:relevance  order (relevance = bm25 when there are words)
//! topic:foreign-policy      an article of that topic (topics.toml;
//!                           `sift topics` lists them); an unknown name
//!                           is an error that lists the known ones
//! ```
//!
//! Keywords are case-insensitive; quote them ("or") to search for them.
//! Words without a letter or digit (`&`, `—`) are ignored. Noise items are
//! hidden unless the query says `is:noise` (or the caller includes them).

mod ast;
mod error;
mod fields;
mod lex;
mod parse;

#[cfg(test)]
pub(crate) mod garbage;
#[cfg(test)]
mod tests;

pub use ast::{Expr, Flag, Sort, Term, has_tokens};
pub use error::{QueryError, Span};
pub use fields::{
    FIELD_HELP, FIELDS, FieldHelp, MAX_REGEX_LEN, SYNTAX_HELP, compile_regex, edit_distance,
};
pub use parse::{MAX_DEPTH, MAX_TERMS};

use crate::model::Timestamp;

/// A validated query: what to select and in which order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    expr: Expr,
    sort: Sort,
}

impl Default for Expr {
    fn default() -> Expr {
        Expr::all()
    }
}

impl Query {
    /// Parses and validates `input`; relative times (`since:2d`) count back
    /// from `now`. Any `topic:` name is accepted (an unknown one matches
    /// nothing): front ends check names against their settings' topics
    /// with `parse_with_topics` (`Settings::parse_query`).
    pub fn parse(input: &str, now: Timestamp) -> Result<Query, QueryError> {
        Query::parse_with_topics(input, now, None)
    }

    /// `parse` with the topic names given: None accepts any `topic:`
    /// name (an unknown one matches nothing).
    pub fn parse_with_topics(
        input: &str,
        now: Timestamp,
        topics: Option<&[String]>,
    ) -> Result<Query, QueryError> {
        let tree = parse::parse(input)?;
        let (expr, sort) = fields::resolve(tree, now, topics)?;
        Ok(Query { expr, sort })
    }

    /// The query that selects every article.
    pub fn all() -> Query {
        Query::default()
    }

    pub fn new(expr: Expr, sort: Sort) -> Query {
        Query { expr, sort }
    }

    /// This query narrowed by one more condition (the CLI's `--unread`,
    /// the interface's selected feed).
    pub fn and(self, term: Term) -> Query {
        Query {
            expr: self.expr.and(Expr::Term(term)),
            sort: self.sort,
        }
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// True when the query says `is:noise` anywhere (negated too): then it
    /// decides about noise itself and the default "hide noise" is off.
    pub fn mentions_noise(&self) -> bool {
        self.expr
            .any_term(&mut |t| matches!(t, Term::Is(Flag::Noise)))
    }

    /// The words and phrases the query looks for (not those it excludes),
    /// to highlight where they appear.
    pub fn highlight_terms(&self) -> Vec<String> {
        self.expr
            .positive_text()
            .into_iter()
            .filter_map(|t| match t {
                Term::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// True when the query has words or phrases to rank by (not only
    /// ones it excludes).
    pub fn has_words(&self) -> bool {
        self.expr.positive_text().into_iter().any(|t| match t {
            Term::Text { text, .. } => has_tokens(text),
            _ => false,
        })
    }
}
