//! Writes what an item's ingest plan decided, inside the feed's savepoint
//! and beside the article row: its noise verdict, topic scores and
//! full-text wish (the index entry is written by `articles`).

use rusqlite::{Connection, params};

use super::Result;
use super::prepared::{PreparedFeed, PreparedItem};
use crate::clean::RuleSet;
use crate::ingest::ItemPlan;
use crate::model::ArticleId;

/// The plans of one ingest, the rules they were made with, and the items
/// prepared ahead with them (`PreparedFeed`), if any.
pub(super) struct Planned<'a> {
    pub plans: &'a [Option<ItemPlan>],
    pub rules: &'a RuleSet,
    pub prepared: Option<&'a PreparedFeed>,
}

impl<'a> Planned<'a> {
    /// The item at `index` as prepared ahead, if it was.
    pub fn prepared(&self, index: usize) -> Option<PreparedItem<'a>> {
        self.prepared.and_then(|p| p.item(index))
    }

    /// The plan of the item at `index`, with the rules.
    pub fn plan(&self, index: usize) -> Option<(&'a ItemPlan, &'a RuleSet)> {
        self.plans
            .get(index)
            .and_then(Option::as_ref)
            .map(|plan| (plan, self.rules))
    }
}

/// Writes `plan` for article `id` (`new`: just inserted, so there is
/// nothing of an older plan to replace). A changed item that is no longer
/// noise is shown again; one that no longer wants its page leaves the
/// queue, but a page fetched or given up stays as it is.
pub(super) fn write_plan(
    conn: &Connection,
    id: ArticleId,
    plan: &ItemPlan,
    new: bool,
) -> Result<()> {
    let (kind, rule) = match &plan.verdict {
        Some((kind, rule)) => (Some(kind.as_str()), Some(rule.as_str())),
        None => (None, None),
    };
    if !new || kind.is_some() {
        conn.prepare_cached("UPDATE articles SET noise_kind = ?2, noise_rule = ?3 WHERE id = ?1")?
            .execute(params![id, kind, rule])?;
    }
    if !new {
        conn.prepare_cached("DELETE FROM article_topics WHERE article_id = ?1")?
            .execute([id])?;
    }
    super::triage::insert_topics(
        conn,
        id,
        plan.topics
            .iter()
            .map(|(topic, score)| (topic.as_str(), *score)),
    )?;
    let wish = if plan.wants_full_text {
        "UPDATE articles SET full_status = 'wanted' WHERE id = ?1 AND full_status IS NULL"
    } else {
        "UPDATE articles SET full_status = NULL WHERE id = ?1 AND full_status = 'wanted'"
    };
    if plan.wants_full_text || !new {
        conn.prepare_cached(wish)?.execute([id])?;
    }
    Ok(())
}
