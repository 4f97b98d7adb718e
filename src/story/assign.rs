//! Incremental assignment: one article at a time, at ingest.

use super::normalize::story_words;
use super::signature::{band_keys, jaccard};
use super::{MAX_VERIFIED, MIN_WORDS, Thresholds, WINDOW_SECS};
use crate::model::{ArticleId, NewArticle};
use crate::store::{IngestStats, Result, Store, StorySignature};

/// Decides the story of a new or changed article from its title and
/// summary, stores its signature, and returns the story it joined (None:
/// it stands alone). A changed article is first taken out of its story
/// (its other members stay together) and judged afresh.
pub fn assign_story(
    store: &mut Store,
    id: ArticleId,
    title: &str,
    summary: Option<&str>,
) -> Result<Option<ArticleId>> {
    assign_story_with(store, id, title, summary, &Thresholds::default())
}

/// `assign_story` with other thresholds (the tuning test sweeps them).
pub fn assign_story_with(
    store: &mut Store,
    id: ArticleId,
    title: &str,
    summary: Option<&str>,
    thresholds: &Thresholds,
) -> Result<Option<ArticleId>> {
    let Some((date, current)) = store.story_state(id)? else {
        return Ok(None);
    };
    if current.is_some() || store.story_signature(id)?.is_some() {
        store.leave_story(id)?;
    }
    let words = story_words(title, summary);
    if words.len() < MIN_WORDS {
        store.remove_story_signature(id)?;
        return Ok(None);
    }
    let keys = band_keys(&words);
    let candidates = store.story_candidates(
        &keys,
        date.saturating_sub(WINDOW_SECS),
        date.saturating_add(WINDOW_SECS),
        id,
    )?;
    let mut matches: Vec<(f64, StorySignature)> = Vec::new();
    for (candidate, _) in candidates.into_iter().take(MAX_VERIFIED) {
        if let Some(sig) = store.story_signature(candidate)? {
            let similarity = jaccard(&words, &sig.words);
            if similarity >= thresholds.same_story {
                matches.push((similarity, sig));
            }
        }
    }
    matches.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.article_id.cmp(&b.1.article_id))
    });
    let mut joined = None;
    let mut refused: Vec<ArticleId> = Vec::new();
    for (_, best) in &matches {
        if refused.contains(&best.story) {
            continue;
        }
        if fits_story(store, date, &words, best, thresholds.anchor)? {
            store.join_story(id, best.story)?;
            joined = Some(best.story);
            break;
        }
        refused.push(best.story);
    }
    store.put_story_signature(id, date, &words, &keys)?;
    Ok(joined)
}

/// The anti-chaining rule: the story's oldest article must be within the
/// window and similar enough too.
fn fits_story(
    store: &Store,
    date: i64,
    words: &[String],
    best: &StorySignature,
    anchor_threshold: f64,
) -> Result<bool> {
    let anchor = match store.story_anchor(best.story)? {
        Some(a) if a != best.article_id => store.story_signature(a)?,
        _ => None,
    };
    Ok(match anchor {
        Some(anchor) => {
            date.abs_diff(anchor.date) <= WINDOW_SECS.unsigned_abs()
                && jaccard(words, &anchor.words) >= anchor_threshold
        }
        // The match is the oldest member (or the rest lack signatures).
        None => true,
    })
}

/// Takes an article out of story detection: out of its story, signature
/// dropped (an update turned it into noise).
pub fn forget_story(store: &mut Store, id: ArticleId) -> Result<()> {
    if store.remove_story_signature(id)? {
        store.leave_story(id)?;
    }
    Ok(())
}

/// The poll's hook: assigns the new and changed articles of one ingest
/// (noise items are taken out instead). A failure leaves the article on
/// its own, which only costs a duplicate row.
pub fn assign_touched(
    store: &mut Store,
    stats: &IngestStats,
    items: &[NewArticle],
    is_noise: impl Fn(usize) -> bool,
) {
    for (&id, &index) in stats.touched.iter().zip(&stats.touched_items) {
        let Some(item) = items.get(index) else {
            continue;
        };
        let result = if is_noise(index) {
            forget_story(store, id)
        } else {
            assign_story(store, id, &item.title, item.summary.as_deref()).map(|_| ())
        };
        if let Err(e) = result {
            tracing::warn!("cannot assign article {id} to a story: {e}");
        }
    }
}
