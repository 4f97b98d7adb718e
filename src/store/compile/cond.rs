//! The compiled condition: a tree of plain SQL and id sets, and how it
//! renders once the store has chosen how each id set runs.

use rusqlite::types::Value;

use super::{HIT_FN, REGEXP_FN};
use crate::topics::MEMBER_SCORE;

/// A compiled condition. `True` and `False` only ever stand alone: the
/// compiler folds them out of every `And`, `Or` and `Not`.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::store) enum Cond {
    True,
    False,
    /// SQL over `articles a`; its `?`s are bound to the values in order.
    Sql(String, Vec<Value>),
    /// `a.id` is one of the ids the set selects from another table.
    Ids(IdSet),
    Not(Box<Cond>),
    /// Two or more parts.
    And(Vec<Cond>),
    /// Two or more parts.
    Or(Vec<Cond>),
}

/// Ids another table selects for one value: the articles an FTS5
/// expression matches, the members of a topic, those a regex matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::store) struct IdSet {
    pub source: IdSource,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum IdSource {
    /// `value` is an FTS5 expression.
    FullText,
    /// `value` is a topic name; members have a stored score of at least
    /// `MEMBER_SCORE`.
    Topic,
    /// `value` is a regex over the title and summary text: found only by
    /// a scan of the narrow plain-text table, never of the wide rows.
    Regex,
}

impl IdSource {
    /// The ids for `?1`.
    pub(in crate::store) fn ids_sql(self) -> String {
        match self {
            IdSource::FullText => {
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1".into()
            }
            IdSource::Topic => format!(
                "SELECT article_id FROM article_topics WHERE topic = ?1 AND score >= {MEMBER_SCORE:?}"
            ),
            IdSource::Regex => {
                format!("SELECT article_id FROM article_plain WHERE {REGEXP_FN}(?1, text)")
            }
        }
    }

    /// Counts the ids for `?1`, stopping past `?2`; None when counting
    /// would cost as much as listing (a regex scans every row anyway).
    pub(in crate::store) fn probe_sql(self) -> Option<String> {
        match self {
            IdSource::FullText => Some(
                "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT ?2)"
                    .into(),
            ),
            IdSource::Topic => Some(format!(
                "SELECT count(*) FROM (SELECT 1 FROM article_topics \
                 WHERE topic = ?1 AND score >= {MEMBER_SCORE:?} LIMIT ?2)"
            )),
            IdSource::Regex => None,
        }
    }

    /// The condition as a sub-select, for one `?`.
    pub(in crate::store) fn in_sql(self) -> String {
        match self {
            IdSource::FullText => {
                "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)".into()
            }
            IdSource::Topic => format!(
                "a.id IN (SELECT article_id FROM article_topics WHERE topic = ? AND score >= {MEMBER_SCORE:?})"
            ),
            IdSource::Regex => {
                format!("a.id IN (SELECT article_id FROM article_plain WHERE {REGEXP_FN}(?, text))")
            }
        }
    }
}

/// How one id set is tested in the rendered SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum IdTest {
    /// `a.id IN (SELECT …)`: SQLite looks the few matches up by id.
    Lookup,
    /// `sift_hit(k, a.id)`: the ids are in the statement's k-th bitset.
    Bitset(usize),
}

/// A rendered condition: SQL and the values of its `?`s, in order.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::store) struct Rendered {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Cond {
    /// True when the condition selects every article.
    pub(in crate::store) fn is_always(&self) -> bool {
        matches!(self, Cond::True)
    }

    /// Every id set, in the order rendering meets them.
    pub(in crate::store) fn id_sets(&self) -> Vec<&IdSet> {
        let mut out = Vec::new();
        self.collect_id_sets(&mut out);
        out
    }

    fn collect_id_sets<'c>(&'c self, out: &mut Vec<&'c IdSet>) {
        match self {
            Cond::Ids(set) => out.push(set),
            Cond::Not(inner) => inner.collect_id_sets(out),
            Cond::And(parts) | Cond::Or(parts) => {
                for p in parts {
                    p.collect_id_sets(out);
                }
            }
            Cond::True | Cond::False | Cond::Sql(..) => {}
        }
    }

    /// The SQL, each id set tested as `test` says.
    pub(in crate::store) fn render(&self, test: &dyn Fn(&IdSet) -> IdTest) -> Rendered {
        let mut out = Rendered {
            sql: String::new(),
            params: Vec::new(),
        };
        self.render_into(test, &mut out);
        out
    }

    /// The SQL with every id set looked up by id (no bitsets).
    pub(in crate::store) fn render_plain(&self) -> Rendered {
        self.render(&|_| IdTest::Lookup)
    }

    fn render_into(&self, test: &dyn Fn(&IdSet) -> IdTest, out: &mut Rendered) {
        match self {
            Cond::True => out.sql.push('1'),
            Cond::False => out.sql.push('0'),
            Cond::Sql(sql, params) => {
                out.sql.push_str(sql);
                out.params.extend(params.iter().cloned());
            }
            Cond::Ids(set) => match test(set) {
                IdTest::Bitset(k) => out.sql.push_str(&format!("{HIT_FN}({k}, a.id)")),
                IdTest::Lookup => {
                    out.sql.push_str(&set.source.in_sql());
                    out.params.push(Value::Text(set.value.clone()));
                }
            },
            Cond::Not(inner) => {
                out.sql.push_str("NOT (");
                inner.render_into(test, out);
                out.sql.push(')');
            }
            Cond::And(parts) | Cond::Or(parts) => {
                let op = if matches!(self, Cond::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                out.sql.push('(');
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.sql.push_str(op);
                    }
                    p.render_into(test, out);
                }
                out.sql.push(')');
            }
        }
    }
}
