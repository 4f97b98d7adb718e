//! A validated query (`crate::query::Expr`, the core's AST) compiled to a
//! condition over `articles a`: a small tree whose leaves are plain SQL
//! (every value bound as a parameter) or sets of ids selected from another
//! table (`Cond::Ids`). The store chooses how to run each id set (a lookup
//! by id or a bitset, hits.rs) by looking at this tree, then renders it.
//!
//! Words and phrases go through the FTS5 index as
//! `a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`.
//! Each one is a quoted FTS5 string (inner quotes doubled), so user text can
//! never be read as an FTS operator, column filter or prefix star. The text
//! terms of one AND (or one OR) share a single MATCH, with the AND's
//! negated text folded in as `NOT`, so a three-word query is one index
//! lookup, not three.

use rusqlite::types::Value;

use crate::query::{Expr, Flag, Term};

mod cond;
#[cfg(test)]
mod tests;

pub(super) use cond::{Cond, IdSet, IdSource, IdTest, Rendered};

/// The store registers these SQL functions on every connection.
/// `sift_contains(haystack, needle)`: the needle (already lowercased) is
/// in the haystack, compared in Unicode lowercase; NULL haystack is false.
pub(super) const CONTAINS_FN: &str = "sift_contains";
/// `sift_regexp(pattern, text)`: the case-insensitive pattern matches
/// the article's title and summary text (`article_plain.text`).
pub(super) const REGEXP_FN: &str = "sift_regexp";
/// `sift_hit(k, id)`: `id` is in the statement's k-th bitset (hits.rs).
pub(super) const HIT_FN: &str = "sift_hit";

/// The condition for `expr`.
pub(super) fn condition(expr: &Expr) -> Cond {
    compile(expr)
}

/// The FTS5 expression to rank by (bm25). When the query's words all sit
/// in the one MATCH that selects its rows (`iran sanctions -sport
/// feed:x`), that MATCH: only the matching rows get scored. Otherwise
/// every positive word and phrase, OR-ed. None without searchable words.
pub(super) fn rank_match(expr: &Expr) -> Option<String> {
    match fts(expr) {
        Some(Fts::Match(m)) => return Some(m),
        Some(Fts::Always) => return None,
        None => {}
    }
    if let Expr::And(parts) = expr {
        let split = split_and(parts);
        let text_elsewhere = split.rest.iter().any(|p| !p.positive_text().is_empty());
        if !split.pos.is_empty() && !text_elsewhere {
            return Some(and_not(&split.pos, &split.neg));
        }
    }
    let terms: Vec<String> = expr
        .positive_text()
        .into_iter()
        .filter_map(|t| match text_match(t) {
            Some(Fts::Match(m)) => Some(m),
            _ => None,
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

/// The parts of an AND, sorted for compiling: text that FTS5 can match
/// together (`pos`, and `neg` to exclude), and everything else.
struct AndSplit<'e> {
    pos: Vec<String>,
    neg: Vec<String>,
    rest: Vec<&'e Expr>,
    /// A negated term that matches everything (`-&` built by a caller):
    /// the AND matches nothing.
    never: bool,
}

fn split_and(parts: &[Expr]) -> AndSplit<'_> {
    let mut split = AndSplit {
        pos: Vec::new(),
        neg: Vec::new(),
        rest: Vec::new(),
        never: false,
    };
    for p in parts {
        match (fts(p), p) {
            (Some(Fts::Always), _) => {}
            (Some(Fts::Match(m)), _) => split.pos.push(m),
            (None, Expr::Not(inner)) => match fts(inner) {
                Some(Fts::Match(m)) => split.neg.push(m),
                Some(Fts::Always) => split.never = true,
                None => split.rest.push(p),
            },
            (None, _) => split.rest.push(p),
        }
    }
    split
}

/// A text-only subtree as one FTS5 expression.
enum Fts {
    /// No searchable characters (`&`, `—`): no constraint. FTS5 would
    /// match nothing for an empty phrase, which is never what was meant.
    Always,
    Match(String),
}

/// `text` as an FTS5 string: everything inside is literal.
fn fts_string(text: &str) -> String {
    // FTS5's query parser stops at a NUL ("unterminated string"); the
    // tokenizer splits there anyway, so it becomes a space (found by fuzzing).
    let text = text.replace('\0', " ");
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn text_match(term: &Term) -> Option<Fts> {
    let Term::Text {
        text, title_only, ..
    } = term
    else {
        return None;
    };
    if !crate::query::has_tokens(text) {
        return Some(Fts::Always);
    }
    let quoted = fts_string(text);
    Some(Fts::Match(if *title_only {
        format!("title : {quoted}")
    } else {
        quoted
    }))
}

/// `expr` as one FTS5 expression, if it is made of text terms only (and
/// negations FTS5 can say: `a NOT b` needs an `a`).
fn fts(expr: &Expr) -> Option<Fts> {
    match expr {
        Expr::Term(term) => text_match(term),
        Expr::Not(_) => None,
        Expr::Or(parts) => {
            if parts.is_empty() {
                return None;
            }
            let mut matches = Vec::with_capacity(parts.len());
            let mut always = false;
            for p in parts {
                match fts(p)? {
                    Fts::Always => always = true,
                    Fts::Match(m) => matches.push(m),
                }
            }
            Some(if always {
                Fts::Always
            } else {
                Fts::Match(format!("({})", matches.join(" OR ")))
            })
        }
        Expr::And(parts) => {
            let split = split_and(parts);
            if split.never || !split.rest.is_empty() {
                return None;
            }
            match (split.pos.is_empty(), split.neg.is_empty()) {
                (true, true) => Some(Fts::Always),
                // FTS5 has no unary NOT.
                (true, false) => None,
                (false, _) => Some(Fts::Match(and_not(&split.pos, &split.neg))),
            }
        }
    }
}

/// `(p1 AND p2) NOT (n1 OR n2)`.
fn and_not(pos: &[String], neg: &[String]) -> String {
    let mut m = format!("({})", pos.join(" AND "));
    if !neg.is_empty() {
        m.push_str(&format!(" NOT ({})", neg.join(" OR ")));
    }
    m
}

fn in_fts(m: String) -> Cond {
    Cond::Ids(IdSet {
        source: IdSource::FullText,
        value: m,
    })
}

fn compile(expr: &Expr) -> Cond {
    if let Some(f) = fts(expr) {
        return match f {
            Fts::Always => Cond::True,
            Fts::Match(m) => in_fts(m),
        };
    }
    match expr {
        Expr::Term(term) => leaf(term),
        Expr::Not(inner) => negate(compile(inner)),
        Expr::And(parts) => {
            let split = split_and(parts);
            if split.never {
                return Cond::False;
            }
            let text = if !split.pos.is_empty() {
                Some(in_fts(and_not(&split.pos, &split.neg)))
            } else if !split.neg.is_empty() {
                Some(negate(in_fts(split.neg.join(" OR "))))
            } else {
                None
            };
            join(
                text.into_iter().chain(split.rest.into_iter().map(compile)),
                true,
            )
        }
        Expr::Or(parts) => {
            let mut matches = Vec::new();
            let mut rest = Vec::new();
            for p in parts {
                match fts(p) {
                    Some(Fts::Always) => return Cond::True,
                    Some(Fts::Match(m)) => matches.push(m),
                    None => rest.push(compile(p)),
                }
            }
            let text = (!matches.is_empty()).then(|| in_fts(matches.join(" OR ")));
            join(text.into_iter().chain(rest), false)
        }
    }
}

fn negate(cond: Cond) -> Cond {
    match cond {
        Cond::True => Cond::False,
        Cond::False => Cond::True,
        other => Cond::Not(Box::new(other)),
    }
}

/// Joins with AND (`is_and`) or OR, folding constants.
fn join(conds: impl Iterator<Item = Cond>, is_and: bool) -> Cond {
    let (absorbing, neutral) = if is_and {
        (Cond::False, Cond::True)
    } else {
        (Cond::True, Cond::False)
    };
    let mut parts = Vec::new();
    for cond in conds {
        match cond {
            Cond::True if is_and => {}
            Cond::False if !is_and => {}
            Cond::True | Cond::False => return absorbing,
            other => parts.push(other),
        }
    }
    match parts.len() {
        0 => neutral,
        1 => parts.remove(0),
        _ if is_and => Cond::And(parts),
        _ => Cond::Or(parts),
    }
}

fn leaf(term: &Term) -> Cond {
    let text = |s: &str| vec![Value::Text(s.to_string())];
    let int = |n: i64| vec![Value::Integer(n)];
    let (sql, params): (String, Vec<Value>) = match term {
        Term::Text { .. } => {
            return match text_match(term) {
                Some(Fts::Match(m)) => in_fts(m),
                _ => Cond::True,
            };
        }
        Term::Feed(needle) => (
            format!(
                "a.feed_id IN (SELECT id FROM feeds WHERE {CONTAINS_FN}(\
                 COALESCE(user_title, '') || char(31) || COALESCE(feed_title, '') \
                 || char(31) || url, ?))"
            ),
            text(needle),
        ),
        Term::FeedId(id) => ("a.feed_id = ?".into(), int(*id)),
        Term::Tag(tag) => (
            "(a.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?) \
             OR a.id IN (SELECT article_id FROM article_tags WHERE tag = ?))"
                .into(),
            vec![Value::Text(tag.clone()), Value::Text(tag.clone())],
        ),
        Term::Author(needle) => (format!("{CONTAINS_FN}(a.author, ?)"), text(needle)),
        // Literals, not parameters: the partial unread indexes are only
        // usable when the planner can see `read = 0` in the query.
        Term::Is(Flag::Unread) => ("a.read = 0".into(), Vec::new()),
        Term::Is(Flag::Read) => ("a.read = 1".into(), Vec::new()),
        Term::Is(Flag::Starred) => ("a.starred = 1".into(), Vec::new()),
        Term::Is(Flag::Noise) => ("a.noise_kind IS NOT NULL".into(), Vec::new()),
        Term::Since(at) => ("a.sort_date >= ?".into(), int(*at)),
        Term::Before(at) => ("a.sort_date < ?".into(), int(*at)),
        Term::Regex(pattern) => {
            return Cond::Ids(IdSet {
                source: IdSource::Regex,
                value: pattern.clone(),
            });
        }
        Term::Topic(name) => {
            return Cond::Ids(IdSet {
                source: IdSource::Topic,
                value: name.clone(),
            });
        }
    };
    Cond::Sql(sql, params)
}
