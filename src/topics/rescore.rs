//! `sift topics --rescore`: every cached article scored again, after the
//! user changed the topics. One transaction for the lot.

use super::{Scorer, body_text};
use crate::store::{Result, Store};

/// Articles read at a time.
const PAGE: usize = 500;

/// Rescores every article (noise included); returns how many.
pub fn rescore_all(store: &mut Store, scorer: &Scorer) -> Result<usize> {
    store.begin_batch()?;
    let result = (|| {
        let mut done = 0;
        let mut after = 0;
        loop {
            // Read in pages by id: one article at a time through
            // `Store::article` (tags, feed, full text) took 36 s at 100k.
            let page = store.article_texts(after, PAGE)?;
            let Some(last) = page.last() else {
                break;
            };
            after = last.id;
            for article in page {
                let body = body_text(article.summary.as_deref(), article.content.as_deref());
                let scores = scorer.score(&article.title, &body);
                store.set_topics(article.id, &scores)?;
                done += 1;
            }
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
