//! Stories placed in the store (the scoring itself is the core's
//! `story::index`). Entry points for callers that place one feed's articles, or one
//! article, at a time: each call loads the index it needs, so it asks
//! the store one statement for the states and one per date span. A poll
//! keeps one `store::StoryAssigner` for all its feeds instead.

use std::collections::HashMap;

use super::{Arrival, IngestStats, Result, Store, StoryAssigner, StoryState};
use crate::model::{ArticleId, NewArticle};
use crate::story::Thresholds;
use crate::story::signature::Signature;

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
    let Some(state) = store.story_states(&[id])?.into_iter().next() else {
        return Ok(None);
    };
    let signature = Signature::of(title, summary);
    StoryAssigner::new(*thresholds).assign(
        store,
        &Arrival::from_state(state, false, signature.as_ref()),
    )
}

/// Takes an article out of story detection: out of its story, signature
/// dropped (an update turned it into noise).
pub fn forget_story(store: &mut Store, id: ArticleId) -> Result<()> {
    store.forget_story(id)?;
    Ok(())
}

/// The poll's hook: assigns the new and changed articles of one ingest
/// (noise items are taken out instead). A failure leaves the article on
/// its own, which only costs a duplicate row. It loads an index of its
/// own each call (the window around the articles' dates): a poll should
/// keep one for all its feeds and call [`assign_touched_with`].
pub fn assign_touched(
    store: &mut Store,
    stats: &IngestStats,
    items: &[NewArticle],
    is_noise: impl Fn(usize) -> bool,
) {
    let mut stories = StoryAssigner::new(Thresholds::default());
    assign_touched_with(&mut stories, store, stats, items, is_noise);
}

/// `assign_touched` through the poll's index: one statement for the
/// articles' states, and a load only for a date span not loaded yet.
pub fn assign_touched_with(
    stories: &mut StoryAssigner,
    store: &mut Store,
    stats: &IngestStats,
    items: &[NewArticle],
    is_noise: impl Fn(usize) -> bool,
) {
    let states: HashMap<ArticleId, StoryState> = match store.story_states(&stats.touched) {
        Ok(states) => states.into_iter().map(|s| (s.id, s)).collect(),
        Err(e) => {
            tracing::warn!("cannot read the touched articles' stories: {e}");
            return;
        }
    };
    let judged: Vec<(StoryState, bool, Option<Signature>)> = stats
        .touched
        .iter()
        .zip(&stats.touched_items)
        .filter_map(|(id, &index)| {
            let item = items.get(index)?;
            let state = *states.get(id)?;
            let noise = is_noise(index);
            let signature = if noise {
                None
            } else {
                Signature::of(&item.title, item.summary.as_deref())
            };
            Some((state, noise, signature))
        })
        .collect();
    let arrivals: Vec<Arrival<'_>> = judged
        .iter()
        .map(|(state, noise, signature)| Arrival::from_state(*state, *noise, signature.as_ref()))
        .collect();
    stories.assign_all(store, &arrivals);
}

/// The poll's hook: `assign_touched_with`, with each item's signature and
/// verdict taken from its ingest plan (made on the parse pool) instead of
/// worked out here on the writer thread. An item without a plan (never
/// one the ingest touched, in a poll) has its signature made here. Run
/// inside the feed's job (`Store::in_job`), a failed story write undoes
/// the whole feed rather than leave an article half placed.
pub fn assign_planned(
    stories: &mut StoryAssigner,
    store: &mut Store,
    stats: &IngestStats,
    items: &[NewArticle],
    plans: &[Option<crate::ingest::ItemPlan>],
) {
    let states: HashMap<ArticleId, StoryState> = match store.story_states(&stats.touched) {
        Ok(states) => states.into_iter().map(|s| (s.id, s)).collect(),
        Err(e) => {
            tracing::warn!("cannot read the touched articles' stories: {e}");
            return;
        }
    };
    let unplanned: Vec<(usize, Option<Signature>)> = stats
        .touched_items
        .iter()
        .filter(|&&index| plans.get(index).is_none_or(Option::is_none))
        .filter_map(|&index| {
            let item = items.get(index)?;
            Some((index, Signature::of(&item.title, item.summary.as_deref())))
        })
        .collect();
    let arrivals: Vec<Arrival<'_>> = stats
        .touched
        .iter()
        .zip(&stats.touched_items)
        .filter_map(|(id, &index)| {
            let state = *states.get(id)?;
            match plans.get(index).and_then(Option::as_ref) {
                Some(plan) => Some(Arrival::from_state(
                    state,
                    plan.verdict.is_some(),
                    plan.signature.as_ref(),
                )),
                None => {
                    let signature = unplanned
                        .iter()
                        .find(|(i, _)| *i == index)
                        .and_then(|(_, s)| s.as_ref());
                    Some(Arrival::from_state(state, false, signature))
                }
            }
        })
        .collect();
    stories.assign_all(store, &arrivals);
}
