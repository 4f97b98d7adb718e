//! `sift topics --rescore`: every cached article scored again, after the
//! user changed the topics. One transaction for the lot.

use super::{Scorer, body_text};
use crate::query::Query;
use crate::store::{NoiseFilter, Result, Store, ViewOrder};

/// Rescores every article (noise included); returns how many.
pub fn rescore_all(store: &mut Store, scorer: &Scorer) -> Result<usize> {
    let ids = store.query_ids(&Query::all(), NoiseFilter::Include, ViewOrder::Newest)?;
    store.begin_batch()?;
    let result = (|| {
        let mut done = 0;
        for &id in &ids {
            let Some(article) = store.article(id)? else {
                continue;
            };
            let body = body_text(article.summary.as_deref(), article.content.as_deref());
            let scores = scorer.score(&article.title, &body);
            store.set_topics(id, &scores)?;
            done += 1;
        }
        Ok(done)
    })();
    match result {
        Ok(done) => {
            store.commit_batch()?;
            Ok(done)
        }
        Err(e) => {
            store.rollback_batch();
            Err(e)
        }
    }
}
