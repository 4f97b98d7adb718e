//! Item verdicts judged again when the rules change: `sift rescan` on
//! demand, and a poll by itself when the rules' fingerprint differs from
//! the one the cache stores. Only the verdict changes: read, starred and
//! tags are the user's and stay as they are.

use std::collections::HashMap;

use crate::clean::{ItemToJudge, RuleSet, judge_item};
use crate::model::ArticleId;
use crate::store::{Arrival, NoiseRow, Result, Store, StoryAssigner, StoryState};
use crate::story::Thresholds;
use crate::story::signature::Signature;

/// Articles read at a time.
const PAGE: usize = 1000;

/// What a rescan changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RescanReport {
    /// Articles judged.
    pub articles: usize,
    /// Shown before, hidden now.
    pub hidden: usize,
    /// Hidden before, shown now.
    pub shown: usize,
    /// Still hidden, by another rule or as another kind.
    pub relabelled: usize,
    /// Articles whose search text was cleaned again (all of them when the
    /// rules changed since the index was made, else none).
    pub reindexed: usize,
}

impl RescanReport {
    pub fn changed(&self) -> usize {
        self.hidden + self.shown + self.relabelled
    }

    /// "rescan: 3 verdicts changed (2 now hidden, 1 shown again) over
    /// 1,204 articles".
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if self.hidden > 0 {
            parts.push(format!("{} now hidden", grouped(self.hidden)));
        }
        if self.shown > 0 {
            parts.push(format!("{} shown again", grouped(self.shown)));
        }
        if self.relabelled > 0 {
            parts.push(format!(
                "{} hidden by another rule",
                grouped(self.relabelled)
            ));
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        };
        if self.articles == 0 && self.reindexed > 0 {
            return format!(
                "rescan: search text of {} article{} cleaned again",
                grouped(self.reindexed),
                if self.reindexed == 1 { "" } else { "s" },
            );
        }
        let changed = self.changed();
        let reindexed = if self.reindexed > 0 {
            format!("; search text of {} cleaned again", grouped(self.reindexed))
        } else {
            String::new()
        };
        format!(
            "rescan: {} verdict{} changed{detail} over {} article{}{reindexed}",
            grouped(changed),
            if changed == 1 { "" } else { "s" },
            grouped(self.articles),
            if self.articles == 1 { "" } else { "s" },
        )
    }
}

/// 1204 as "1,204".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Judges every cached article again with `rules`, stores the verdicts
/// that changed and the rules' fingerprint, and cleans the search text
/// again when the index was made with other rules; all in one
/// transaction.
pub fn rescan(store: &mut Store, rules: &RuleSet) -> Result<RescanReport> {
    in_one_batch(store, |store| {
        let mut report = rescan_in_batch(store, rules)?;
        report.reindexed = reindex_if_stale(store, rules)?;
        Ok(report)
    })
}

/// Runs `work` in one transaction: all of it is kept, or none. One job
/// (`Store::in_job`): no savepoint for each article it writes.
fn in_one_batch<T>(store: &mut Store, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    store.in_job(work)
}

/// `rescan`, only when the rules differ from those the cache's verdicts
/// were judged with. None when they do not, or when the cache has no
/// articles yet (a new cache: nothing to say).
pub fn rescan_if_stale(store: &mut Store, rules: &RuleSet) -> Result<Option<RescanReport>> {
    let items_stale = store.rules_fingerprint()? != Some(rules.fingerprint());
    let index_stale = store.index_fingerprint()? != Some(rules.text_fingerprint());
    let report = match (items_stale, index_stale) {
        (false, false) => return Ok(None),
        (true, _) => rescan(store, rules)?,
        (false, true) => RescanReport {
            reindexed: in_one_batch(store, |store| reindex_if_stale(store, rules))?,
            ..RescanReport::default()
        },
    };
    Ok((report.articles > 0 || report.reindexed > 0).then_some(report))
}

/// Articles read at a time for the index (a full text can be 1 MiB).
const INDEX_PAGE: usize = 200;

/// Cleans every article's search text again when the index was made with
/// other rules, then stamps the rules' fingerprint. Returns how many
/// articles were indexed.
fn reindex_if_stale(store: &mut Store, rules: &RuleSet) -> Result<usize> {
    let fingerprint = rules.text_fingerprint();
    if store.index_fingerprint()?.as_deref() == Some(fingerprint.as_str()) {
        return Ok(0);
    }
    rules.prepare_for_many();
    let mut count = 0;
    let mut after = 0;
    loop {
        let page = store.index_sources(after, INDEX_PAGE)?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for source in page {
            store.reindex(source.id, &source.title, source.index_text(rules))?;
            count += 1;
        }
    }
    store.set_index_fingerprint(&fingerprint)?;
    Ok(count)
}

fn rescan_in_batch(store: &mut Store, rules: &RuleSet) -> Result<RescanReport> {
    let mut report = RescanReport::default();
    let mut now_hidden: Vec<ArticleId> = Vec::new();
    let mut shown_again: Vec<NoiseRow> = Vec::new();
    let mut after = 0;
    loop {
        let page = store.noise_rows(after, PAGE)?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.id;
        for row in page {
            report.articles += 1;
            let item = ItemToJudge {
                title: &row.title,
                link: row.link.as_deref(),
                summary: row.summary.as_deref(),
            };
            let verdict = judge_item(&item, rules);
            let same = match (&verdict, &row.verdict) {
                (None, None) => true,
                (Some((kind, rule)), Some((old_kind, old_rule))) => {
                    kind.as_str() == old_kind && rule == old_rule
                }
                _ => false,
            };
            if same {
                continue;
            }
            let (kind, rule) = match &verdict {
                Some((kind, rule)) => (Some(kind.as_str()), Some(rule.as_str())),
                None => (None, None),
            };
            store.set_noise(row.id, kind, rule)?;
            match (verdict.is_some(), row.verdict.is_some()) {
                (true, false) => {
                    report.hidden += 1;
                    now_hidden.push(row.id);
                }
                (false, true) => {
                    report.shown += 1;
                    shown_again.push(row);
                }
                _ => report.relabelled += 1,
            }
        }
    }
    // What the poll does for noise at ingest: out of stories and of the
    // full-text queue; an article shown again joins its story.
    for &id in &now_hidden {
        crate::store::forget_story(store, id)?;
    }
    store.want_full_text(&now_hidden, false)?;
    // One story index for all of them: each loads only what is missing
    // of its window.
    let ids: Vec<ArticleId> = shown_again.iter().map(|row| row.id).collect();
    let states: HashMap<ArticleId, StoryState> = store
        .story_states(&ids)?
        .into_iter()
        .map(|state| (state.id, state))
        .collect();
    let mut stories = StoryAssigner::new(Thresholds::default());
    for row in &shown_again {
        let Some(&state) = states.get(&row.id) else {
            continue;
        };
        let signature = Signature::of(&row.title, row.summary.as_deref());
        stories.assign(
            store,
            &Arrival::from_state(state, false, signature.as_ref()),
        )?;
    }
    store.set_rules_fingerprint(&rules.fingerprint())?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_changed_in_plain_numbers() {
        let report = RescanReport {
            articles: 1204,
            hidden: 2,
            shown: 1,
            relabelled: 0,
            reindexed: 0,
        };
        assert_eq!(
            report.line(),
            "rescan: 3 verdicts changed (2 now hidden, 1 shown again) over 1,204 articles"
        );
        let none = RescanReport {
            articles: 1,
            ..RescanReport::default()
        };
        assert_eq!(none.line(), "rescan: 0 verdicts changed over 1 article");
        let relabelled = RescanReport {
            articles: 1_000_000,
            relabelled: 1,
            ..RescanReport::default()
        };
        assert_eq!(
            relabelled.line(),
            "rescan: 1 verdict changed (1 hidden by another rule) over 1,000,000 articles"
        );
        let reindexed = RescanReport {
            articles: 2,
            reindexed: 2,
            ..RescanReport::default()
        };
        assert_eq!(
            reindexed.line(),
            "rescan: 0 verdicts changed over 2 articles; search text of 2 cleaned again"
        );
        let only_text = RescanReport {
            reindexed: 1,
            ..RescanReport::default()
        };
        assert_eq!(
            only_text.line(),
            "rescan: search text of 1 article cleaned again"
        );
    }
}
