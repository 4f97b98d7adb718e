//! User state (read, starred, tags) and the cleaner's verdict. Each call is
//! one transaction, written when it happens: a killed process loses nothing
//! acknowledged.

use rusqlite::{OptionalExtension, params};

use super::compile;
use super::hits::Planned;
use super::statements::where_sql;
use super::{NoiseFilter, Result, Store, normalize_tags};
use crate::model::ArticleId;
use crate::query::Query;

/// What a bulk flag change did, so the CLI can name ids that do not exist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlagOutcome {
    /// Rows whose flag actually changed.
    pub changed: usize,
    /// Ids with no article (in the order given).
    pub unknown: Vec<ArticleId>,
}

/// A flag of the user's that a query can set in bulk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserFlag {
    Read,
    Starred,
}

impl UserFlag {
    fn column(self) -> &'static str {
        match self {
            UserFlag::Read => "read",
            UserFlag::Starred => "starred",
        }
    }
}

/// What a bulk change by query did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchOutcome {
    /// Articles the query selected.
    pub matched: usize,
    /// Of those, the ones whose flag changed (the rest already had it).
    pub changed: usize,
}

impl Store {
    pub fn set_read(&mut self, ids: &[ArticleId], read: bool) -> Result<FlagOutcome> {
        // Reading an article must not cost the filter bar its in-memory
        // order (view_rows.rs): the change is copied into it instead.
        let before = self.view_rows.current(&self.conn)?;
        let outcome = self.set_flag(
            "UPDATE articles SET read = ?2 WHERE id = ?1 AND read <> ?2",
            ids,
            read,
        )?;
        self.view_rows
            .follow(&self.conn, before, Some((ids, read)))?;
        Ok(outcome)
    }

    pub fn set_starred(&mut self, ids: &[ArticleId], starred: bool) -> Result<FlagOutcome> {
        // The in-memory order holds no stars: still current after this.
        let before = self.view_rows.current(&self.conn)?;
        let outcome = self.set_flag(
            "UPDATE articles SET starred = ?2 WHERE id = ?1 AND starred <> ?2",
            ids,
            starred,
        )?;
        self.view_rows.follow(&self.conn, before, None)?;
        Ok(outcome)
    }

    /// Marks every article `query` selects (with the noise choice) read
    /// or unread, in one statement: "catch up" on a feed, a tag, or
    /// everything. Returns how many articles changed.
    pub fn set_read_matching(
        &mut self,
        query: &Query,
        noise: NoiseFilter,
        read: bool,
    ) -> Result<usize> {
        self.set_flag_matching(query, noise, UserFlag::Read, read)
            .map(|outcome| outcome.changed)
    }

    /// Sets `flag` to `value` on every article `query` selects (with the
    /// noise choice): `sift mark --query`. One transaction: the count of
    /// matches and the change see the same articles.
    pub fn set_flag_matching(
        &mut self,
        query: &Query,
        noise: NoiseFilter,
        flag: UserFlag,
        value: bool,
    ) -> Result<MatchOutcome> {
        // Every id set looked up by id: an UPDATE runs no bitsets.
        let planned = Planned::lookups(&compile::condition(query.expr()));
        let mut count_params = Vec::new();
        let count_where = where_sql(&planned, query, noise, &mut count_params);
        let count_sql = format!("SELECT count(*) FROM articles a{count_where}");
        // ?1 comes first in the text, so the query's `?`s number from 2.
        let mut params = vec![rusqlite::types::Value::Integer(i64::from(value))];
        let where_sql = where_sql(&planned, query, noise, &mut params);
        let column = flag.column();
        let sql = format!(
            "UPDATE articles SET {column} = ?1 WHERE {column} <> ?1 AND id IN (SELECT a.id FROM articles a{where_sql})"
        );
        let tx = self.write_scope()?;
        let matched: i64 = tx.query_row(
            &count_sql,
            rusqlite::params_from_iter(count_params.iter()),
            |row| row.get(0),
        )?;
        let changed = tx.execute(&sql, rusqlite::params_from_iter(params.iter()))?;
        tx.commit()?;
        Ok(MatchOutcome {
            matched: usize::try_from(matched).unwrap_or(0),
            changed,
        })
    }

    /// The ids in `ids` that name no article, in the order given.
    pub fn missing_articles(&self, ids: &[ArticleId]) -> Result<Vec<ArticleId>> {
        let mut exists = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        let mut missing = Vec::new();
        for &id in ids {
            if exists.query_row([id], |_| Ok(())).optional()?.is_none() {
                missing.push(id);
            }
        }
        Ok(missing)
    }

    fn set_flag(&mut self, sql: &str, ids: &[ArticleId], value: bool) -> Result<FlagOutcome> {
        let tx = self.write_scope()?;
        let mut outcome = FlagOutcome::default();
        {
            let mut update = tx.prepare_cached(sql)?;
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            for &id in ids {
                if update.execute(params![id, value])? > 0 {
                    outcome.changed += 1;
                } else if exists.query_row([id], |_| Ok(())).optional()?.is_none() {
                    outcome.unknown.push(id);
                }
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Records the cleaner's verdict on a whole item: `kind` (e.g. "promo",
    /// "puzzle") and the rule that decided it; `None` clears it. Returns
    /// false if the article does not exist.
    pub fn set_noise(
        &mut self,
        id: ArticleId,
        kind: Option<&str>,
        rule: Option<&str>,
    ) -> Result<bool> {
        let tx = self.write_scope()?;
        let n = tx
            .prepare_cached("UPDATE articles SET noise_kind = ?2, noise_rule = ?3 WHERE id = ?1")?
            .execute(params![id, kind, rule])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Shows the articles among `ids` that were noise again; writes
    /// nothing for those that were not (a new article costs a lookup).
    /// Returns how many changed.
    pub fn clear_noise(&mut self, ids: &[ArticleId]) -> Result<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let tx = self.write_scope()?;
        let mut changed = 0;
        {
            let mut clear = tx.prepare_cached(
                "UPDATE articles SET noise_kind = NULL, noise_rule = NULL
                  WHERE id = ?1 AND noise_kind IS NOT NULL",
            )?;
            for &id in ids {
                changed += clear.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Replaces the user's tags on an article. Returns false if the article
    /// does not exist.
    pub fn set_article_tags(&mut self, id: ArticleId, tags: &[String]) -> Result<bool> {
        let tx = self.write_scope()?;
        let exists = super::article_exists(&tx, id)?;
        if exists {
            tx.prepare_cached("DELETE FROM article_tags WHERE article_id = ?1")?
                .execute([id])?;
            let mut add = tx.prepare_cached(
                "INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?1, ?2)",
            )?;
            for tag in normalize_tags(tags) {
                add.execute(params![id, tag])?;
            }
        }
        tx.commit()?;
        Ok(exists)
    }
}
