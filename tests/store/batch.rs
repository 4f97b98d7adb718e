//! Group commit: several feeds in one transaction, each all or nothing, the
//! search index written when the batch commits.

use sift::query::Query;
use sift::store::{NoiseFilter, QueryOptions, StoreError};

use crate::{NOW, item, meta, parsed, store_with_feeds};

#[test]
fn a_batch_commits_every_feed_and_indexes_them() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    store.begin_batch().expect("begin");
    store
        .ingest(
            feeds[0],
            &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest a");
    // A failing write inside the batch rolls back only itself.
    let err = store.ingest(999, &parsed(vec![item("x", "Lost", Some(NOW))]), &meta(NOW));
    assert!(matches!(err, Err(StoreError::UnknownFeed(999))));
    store
        .ingest(
            feeds[1],
            &parsed(vec![item("b", "Summit in Oslo", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest b");
    store
        .record_failure(feeds[1], NOW, "HTTP 500", None)
        .expect("failure inside the batch");
    // Not indexed yet: entries wait for the commit.
    assert!(store.search_ids("doha", 10).expect("search").is_empty());
    store.commit_batch().expect("commit");

    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        2
    );
    assert_eq!(store.search_ids("doha", 10).expect("search").len(), 1);
    assert_eq!(store.search_ids("oslo", 10).expect("search").len(), 1);
    assert!(store.search_ids("lost", 10).expect("search").is_empty());
    let states = store.feeds().expect("feeds");
    assert_eq!(
        states
            .iter()
            .find(|f| f.id == feeds[1])
            .unwrap()
            .error_count,
        1
    );
}

#[test]
fn a_rolled_back_batch_leaves_nothing_behind() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    store.begin_batch().expect("begin");
    store
        .ingest(
            feeds[0],
            &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest");
    store.rollback_batch();
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        0
    );
    // The next write is a plain transaction again, indexed at once.
    store
        .ingest(
            feeds[0],
            &parsed(vec![item("b", "Summit in Oslo", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest after rollback");
    assert_eq!(store.search_ids("oslo", 10).expect("search").len(), 1);
    assert!(store.search_ids("doha", 10).expect("search").is_empty());
}

/// The poll's writer marks noise items inside its batch; a user flag or a
/// moved feed may land there too. None may open a transaction of its own.
#[test]
fn noise_flags_tags_and_moves_work_inside_a_batch() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    store.begin_batch().expect("begin");
    store
        .ingest(
            feeds[0],
            &parsed(vec![
                item("a", "Crossword 101", Some(NOW)),
                item("b", "Talks resume", Some(NOW)),
            ]),
            &meta(NOW),
        )
        .expect("ingest");
    let ids = store
        .query_articles(&Query::all(), &QueryOptions::default())
        .expect("list")
        .iter()
        .map(|a| a.id)
        .collect::<Vec<_>>();
    assert!(
        store
            .set_noise(ids[0], Some("puzzle"), Some("puzzle-item"))
            .expect("noise")
    );
    store.set_read(&[ids[1]], true).expect("read");
    store.set_starred(&[ids[1]], true).expect("star");
    assert!(
        store
            .set_article_tags(ids[1], &["world".into()])
            .expect("tags")
    );
    store
        .set_feed_url(feeds[1], "https://moved.example.test/feed")
        .expect("move");
    store.commit_batch().expect("commit");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        1,
        "the puzzle is hidden"
    );
    let kept = store.article(ids[1]).expect("article").expect("exists");
    assert!(kept.read && kept.starred);
    assert_eq!(kept.tags, vec!["world"]);
}

/// A job (one feed's writes in a poll) has no savepoint in a batch: a
/// write that fails in it, even one the job logs and passes over, fails
/// the whole batch, and its commit keeps nothing and says so.
#[test]
fn a_failed_write_in_a_job_fails_the_batch_and_nothing_is_kept() {
    let (_dir, mut store, feeds) = store_with_feeds(2);
    store.begin_batch().expect("begin");
    store
        .in_job(|store| {
            store.ingest(
                feeds[0],
                &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
                &meta(NOW),
            )
        })
        .expect("first job");
    assert!(!store.batch_failed());
    let second = store.in_job(|store| {
        store.ingest(
            feeds[1],
            &parsed(vec![item("b", "Summit in Oslo", Some(NOW))]),
            &meta(NOW),
        )?;
        // Passed over, as story placement does with its errors.
        let lost = store.ingest(999, &parsed(vec![item("x", "Lost", Some(NOW))]), &meta(NOW));
        assert!(matches!(lost, Err(StoreError::UnknownFeed(999))));
        Ok(())
    });
    assert!(matches!(second, Err(StoreError::WriteUndone)), "{second:?}");
    assert!(store.batch_failed());
    assert!(matches!(store.commit_batch(), Err(StoreError::WriteUndone)));

    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        0
    );
    assert!(store.search_ids("doha", 10).expect("search").is_empty());
    // The connection is out of the batch: the next write is its own.
    assert!(!store.batch_failed());
    store
        .ingest(
            feeds[0],
            &parsed(vec![item("c", "Talks resume", Some(NOW))]),
            &meta(NOW),
        )
        .expect("ingest after");
    assert_eq!(store.search_ids("resume", 10).expect("search").len(), 1);
}

/// Outside a batch a job is one transaction: kept whole (and searchable at
/// once), or undone whole.
#[test]
fn a_job_alone_is_one_transaction() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let undone = store.in_job(|store| {
        store.ingest(
            feeds[0],
            &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
            &meta(NOW),
        )?;
        let _ = store.ingest(999, &parsed(vec![item("x", "Lost", Some(NOW))]), &meta(NOW));
        Ok(())
    });
    assert!(matches!(undone, Err(StoreError::WriteUndone)), "{undone:?}");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        0
    );
    // A job whose own work fails is undone too, with its error.
    let failed = store.in_job(|store| {
        store.ingest(
            feeds[0],
            &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
            &meta(NOW),
        )?;
        store.ingest(999, &parsed(vec![item("x", "Lost", Some(NOW))]), &meta(NOW))
    });
    assert!(
        matches!(failed, Err(StoreError::UnknownFeed(999))),
        "{failed:?}"
    );
    assert!(store.search_ids("doha", 10).expect("search").is_empty());

    store
        .in_job(|store| {
            store.ingest(
                feeds[0],
                &parsed(vec![item("b", "Summit in Oslo", Some(NOW))]),
                &meta(NOW),
            )?;
            // A job inside a job is part of it.
            store.in_job(|store| store.record_failure(feeds[0], NOW, "HTTP 500", None))
        })
        .expect("job");
    assert_eq!(store.search_ids("oslo", 10).expect("search").len(), 1);
    assert_eq!(store.feeds().expect("feeds")[0].error_count, 1);
}

/// A job whose work logs a failed write and goes on (`Store::pass_over`,
/// as story placement does) is undone; alone it says that write's error,
/// not only that writes were undone (a full disk must be called so). In a
/// batch it still answers `WriteUndone`, which makes the writer write the
/// batch's jobs again one by one.
#[test]
fn a_passed_over_error_is_the_lone_jobs_cause() {
    let (_dir, mut store, feeds) = store_with_feeds(1);
    let write_and_pass_over = |store: &mut sift::store::Store| {
        store.ingest(
            feeds[0],
            &parsed(vec![item("a", "Ceasefire talks in Doha", Some(NOW))]),
            &meta(NOW),
        )?;
        if let Err(e) = store.ingest(999, &parsed(vec![item("x", "Lost", Some(NOW))]), &meta(NOW)) {
            store.pass_over("cannot write the lost one", e);
        }
        Ok(())
    };
    let alone = store.in_job(write_and_pass_over);
    assert!(
        matches!(alone, Err(StoreError::UnknownFeed(999))),
        "{alone:?}"
    );

    store.begin_batch().expect("begin");
    let batched = store.in_job(write_and_pass_over);
    assert!(
        matches!(batched, Err(StoreError::WriteUndone)),
        "{batched:?}"
    );
    assert!(matches!(store.commit_batch(), Err(StoreError::WriteUndone)));
    // The cause does not outlive its batch: a later lone job that fails
    // without one says only that its writes were undone.
    let later = store.in_job(|store| {
        let _ = store.ingest(999, &parsed(vec![item("y", "Lost", Some(NOW))]), &meta(NOW));
        Ok(())
    });
    assert!(matches!(later, Err(StoreError::WriteUndone)), "{later:?}");
    assert_eq!(
        store
            .count_query(&Query::all(), NoiseFilter::Hide)
            .expect("count"),
        0
    );
}
