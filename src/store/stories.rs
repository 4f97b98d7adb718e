//! Story clusters: loading the signatures and stories that story
//! detection (`crate::story`) keeps in memory during a poll, writing its
//! decisions, membership changes, and the list grouped by story.
//!
//! Invariant kept by `record_story` and `forget_story`: a story's root
//! (the article whose id is the story id) has no story_id of its own, so
//! `story_id = S OR id = S` selects exactly the members of S.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::compile;
use super::hits::Planned;
use super::reading::NoiseFilter;
use super::search::QueryOptions;
use super::statements::{count_sql, list_sql};
use super::{Result, Store, to_u64};
use crate::model::{ArticleId, StoryRow, Timestamp};
use crate::query::Query;
use crate::story::index::{StoredArticle, StoredSignature};
use crate::story::signature::{Signature, band_keys};

/// One story decision to write (see `Store::record_story`).
#[derive(Debug, Clone, Copy)]
pub struct StoryWrite<'a> {
    pub id: ArticleId,
    /// Its sort date: the date its signature is stored with.
    pub date: Timestamp,
    /// It may already be in a story or have a signature (an update, or an
    /// article shown again): taken out first. False for a new article.
    pub changed: bool,
    /// The story it joins; None: alone.
    pub joined: Option<ArticleId>,
    /// Its signature; None: too few words, any old one is dropped.
    pub signature: Option<&'a Signature>,
}

/// Where a touched article stands before its story is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryState {
    pub id: ArticleId,
    pub sort_date: Timestamp,
    /// In a story or with a signature: it must leave before it is judged.
    pub placed: bool,
}

impl Store {
    /// Where each of these articles stands (missing ones are left out):
    /// one statement for a whole feed's touched articles.
    pub fn story_states(&self, ids: &[ArticleId]) -> Result<Vec<StoryState>> {
        let ids_json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.sort_date,
                    a.story_id IS NOT NULL
                    OR EXISTS (SELECT 1 FROM story_signatures s WHERE s.article_id = a.id)
             FROM articles a WHERE a.id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([ids_json], |r| {
            Ok(StoryState {
                id: r.get(0)?,
                sort_date: r.get(1)?,
                placed: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What story detection needs to know of the dates `[from, to]`, in
    /// one statement: every article with a signature dated there, and
    /// every member of their stories (a story's oldest member anchors it,
    /// wherever it is dated).
    pub fn story_window(&self, from: Timestamp, to: Timestamp) -> Result<Vec<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH span(id) AS (
                 SELECT article_id FROM story_signatures WHERE sort_date BETWEEN ?1 AND ?2),
             -- DISTINCT: a story of k members in the span would otherwise
             -- list its root k times, and the join below its members k*k
             -- times (2 s of sorting at 20,000 articles in big stories).
             roots(id) AS (
                 SELECT DISTINCT COALESCE(a.story_id, a.id) FROM span JOIN articles a ON a.id = span.id),
             wanted(id) AS (
                 SELECT id FROM span
                 UNION SELECT id FROM roots
                 UNION SELECT m.id FROM roots r JOIN articles m ON m.story_id = r.id)
             SELECT a.id, a.sort_date, COALESCE(a.story_id, a.id), s.sort_date, s.words, s.keys
             FROM wanted w JOIN articles a ON a.id = w.id
             LEFT JOIN story_signatures s ON s.article_id = a.id",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            let signature = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
                (Some(date), Some(words)) => {
                    let keys = r.get_ref(5)?.as_str().ok().and_then(parse_keys);
                    Some(StoredSignature {
                        date,
                        keys: keys.unwrap_or_else(|| band_keys(&split_words(&words))),
                        words,
                    })
                }
                _ => None,
            };
            Ok(StoredArticle {
                id: r.get(0)?,
                sort_date: r.get(1)?,
                story: r.get(2)?,
                signature,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes one story decision: out of its old story (if `changed`),
    /// into `joined`, and its signature stored or dropped.
    pub fn record_story(&mut self, write: &StoryWrite<'_>) -> Result<()> {
        let tx = self.write_scope()?;
        if write.changed {
            leave_story(&tx, write.id)?;
            remove_signature(&tx, write.id)?;
        }
        if let Some(story) = write.joined.filter(|&s| s != write.id) {
            tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE id = ?1")?
                .execute([write.id, story])?;
        }
        if let Some(sig) = write.signature {
            put_signature(&tx, write.id, write.date, sig)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes an article out of story detection (it turned into noise):
    /// its signature dropped and, if it had one, out of its story. False
    /// if it had none.
    pub fn forget_story(&mut self, id: ArticleId) -> Result<bool> {
        let tx = self.write_scope()?;
        let removed = remove_signature(&tx, id)?;
        if removed {
            leave_story(&tx, id)?;
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Marks every article of a story read (or unread). Returns how many
    /// changed.
    pub fn set_story_read(&mut self, story: ArticleId, read: bool) -> Result<usize> {
        let tx = self.write_scope()?;
        let n = tx
            .prepare_cached(
                "UPDATE articles SET read = ?2 WHERE (story_id = ?1 OR id = ?1) AND read <> ?2",
            )?
            .execute(params![story, read])?;
        tx.commit()?;
        Ok(n)
    }

    /// The list `query_articles` would give, one row per story: paged by
    /// story (`options.limit`/`offset` count stories), each row led by
    /// its first member in list order, with the other matching members.
    pub fn story_rows(&self, query: &Query, options: &QueryOptions) -> Result<Vec<StoryRow>> {
        let all = QueryOptions {
            limit: None,
            offset: 0,
            ..*options
        };
        let planned = Planned::lookups(&compile::condition(query.expr()));
        let (sql, params) = list_sql(&planned, query, &all, "a.id, COALESCE(a.story_id, a.id)");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(params.iter()))?;
        // Stories in order of their first member; members in list order.
        let mut groups: Vec<(ArticleId, Vec<ArticleId>)> = Vec::new();
        let mut slot: HashMap<ArticleId, usize> = HashMap::new();
        while let Some(row) = rows.next()? {
            let (id, story): (ArticleId, ArticleId) = (row.get(0)?, row.get(1)?);
            match slot.get(&story) {
                Some(&i) => groups[i].1.push(id),
                None => {
                    slot.insert(story, groups.len());
                    groups.push((story, vec![id]));
                }
            }
        }
        let skip = usize::try_from(options.offset).unwrap_or(usize::MAX);
        let take = options
            .limit
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let page: Vec<(ArticleId, Vec<ArticleId>)> =
            groups.into_iter().skip(skip).take(take).collect();
        let ids: Vec<ArticleId> = page.iter().flat_map(|(_, m)| m.iter().copied()).collect();
        let mut summaries: HashMap<ArticleId, _> = self
            .summaries(&ids)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let mut out = Vec::with_capacity(page.len());
        for (story_id, members) in page {
            let mut sources: Vec<String> = Vec::new();
            for id in &members {
                if let Some(s) = summaries.get(id)
                    && !sources.contains(&s.feed_title)
                {
                    sources.push(s.feed_title.clone());
                }
            }
            let Some(lead) = members.first().and_then(|id| summaries.remove(id)) else {
                continue; // deleted between the two reads
            };
            let member_ids = members[1..].to_vec();
            out.push(StoryRow {
                story_id,
                lead,
                count: 1 + member_ids.len(),
                member_ids,
                sources,
            });
        }
        Ok(out)
    }

    /// How many stories `query` selects (what `story_rows` would list
    /// unpaged).
    pub fn count_stories(&self, query: &Query, noise: NoiseFilter) -> Result<u64> {
        let planned = Planned::lookups(&compile::condition(query.expr()));
        let (sql, params) = count_sql(
            &planned,
            query,
            noise,
            "count(DISTINCT COALESCE(a.story_id, a.id))",
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(params_from_iter(params.iter()), |r| r.get(0))?;
        Ok(to_u64(n))
    }
}

/// The band keys as stored, a JSON list of integers ("[1,-2]"); None if
/// they do not read as one (the caller computes them again).
fn parse_keys(text: &str) -> Option<Vec<i64>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    inner.split(',').map(|k| k.trim().parse().ok()).collect()
}

fn split_words(words: &str) -> Vec<String> {
    words
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Stores an article's signature (it has none yet).
fn put_signature(conn: &Connection, id: ArticleId, date: Timestamp, sig: &Signature) -> Result<()> {
    let keys_json = serde_json::to_string(&sig.keys).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO story_signatures (article_id, sort_date, words, keys) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, date, sig.words.join(" "), keys_json])?;
    Ok(())
}

/// Takes an article out of its story. If it was the root of others, the
/// oldest remaining member becomes their root, so the others stay
/// together and the invariant holds.
fn leave_story(conn: &Connection, id: ArticleId) -> Result<()> {
    let heir: Option<ArticleId> = conn
        .prepare_cached(
            "SELECT id FROM articles WHERE story_id = ?1 ORDER BY sort_date, id LIMIT 1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(heir) = heir {
        conn.prepare_cached("UPDATE articles SET story_id = NULL WHERE id = ?1")?
            .execute([heir])?;
        conn.prepare_cached("UPDATE articles SET story_id = ?2 WHERE story_id = ?1")?
            .execute([id, heir])?;
    }
    conn.prepare_cached("UPDATE articles SET story_id = NULL WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Deletes an article's signature; false if it had none.
fn remove_signature(conn: &Connection, id: ArticleId) -> Result<bool> {
    let n = conn
        .prepare_cached("DELETE FROM story_signatures WHERE article_id = ?1")?
        .execute([id])?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::parse_keys;

    #[test]
    fn stored_keys_read_back_and_garbage_does_not() {
        assert_eq!(parse_keys("[1,-2, 3]"), Some(vec![1, -2, 3]));
        assert_eq!(parse_keys("[]"), Some(vec![]));
        assert_eq!(parse_keys("[1,x]"), None);
        assert_eq!(parse_keys("1,2"), None);
    }
}
