//! `sift topics --rescore`: every cached article scored again, after the
//! user changed the topics. One transaction for the lot. (The scoring is
//! the core's, `crate::topics`; reading and writing the articles is the
//! store's.)

use super::{Result, Store};
use crate::topics::{Scorer, body_text};

/// Articles read at a time.
const PAGE: usize = 500;

impl Store {
    /// Rescores every article (noise included) with `scorer`; returns how
    /// many.
    pub fn rescore_topics(&mut self, scorer: &Scorer) -> Result<usize> {
        // One job: no savepoint per article (`Store::in_job`).
        self.in_job(|store| {
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
        })
    }
}
