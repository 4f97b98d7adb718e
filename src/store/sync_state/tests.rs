use super::*;
use crate::model::{NewArticle, ParsedFeed, Subscription};
use crate::store::IngestMeta;

/// A cache with one feed of two articles; the first came from the server
/// (remote id 501, unread and unstarred there), the second did not.
fn store() -> (Store, ArticleId, ArticleId) {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_subscriptions(&[Subscription {
            url: "http://127.0.0.1/feed".into(),
            ..Default::default()
        }])
        .unwrap();
    let feed = store.feeds().unwrap()[0].id;
    let item = |guid: &str| NewArticle {
        guid: guid.into(),
        link: None,
        title: format!("Title {guid}"),
        author: None,
        published: Some(1_700_000_000),
        updated: None,
        summary: None,
        content: None,
        enclosures: Vec::new(),
    };
    let parsed = ParsedFeed {
        items: vec![item("g1"), item("g2")],
        ..Default::default()
    };
    store
        .ingest(
            feed,
            &parsed,
            &IngestMeta {
                now: 1_700_000_000,
                ..Default::default()
            },
        )
        .unwrap();
    let remote = SyncedArticleFlags {
        remote_id: 501,
        read: false,
        starred: false,
    };
    let synced = store
        .link_remote_article(feed, "g1", remote)
        .unwrap()
        .unwrap();
    let other = store
        .query_ids_for_tests()
        .into_iter()
        .find(|&id| id != synced)
        .unwrap();
    (store, synced, other)
}

impl Store {
    fn query_ids_for_tests(&self) -> Vec<ArticleId> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    fn flags_for_tests(&self, id: ArticleId) -> (bool, bool) {
        self.conn
            .query_row(
                "SELECT read, starred FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }
}

fn queue(store: &Store) -> Vec<(i64, RemoteFlag, bool)> {
    store
        .pending_changes()
        .unwrap()
        .into_iter()
        .map(|c| (c.remote_id, c.flag, c.value))
        .collect()
}

#[test]
fn a_local_change_of_a_synced_article_is_queued_in_order() {
    let (mut store, synced, other) = store();
    store.set_read(&[synced], true).unwrap();
    store.set_starred(&[synced], true).unwrap();
    // An article the server does not know has nothing to send.
    store.set_read(&[other], true).unwrap();
    assert_eq!(
        queue(&store),
        vec![
            (501, RemoteFlag::Read, true),
            (501, RemoteFlag::Starred, true)
        ]
    );
    let first = &store.pending_changes().unwrap()[0];
    assert!(
        first.changed_at > 1_600_000_000_000,
        "milliseconds: {}",
        first.changed_at
    );
    assert!(!first.maybe_sent);
}

#[test]
fn changing_a_flag_back_leaves_nothing_to_send() {
    let (mut store, synced, _) = store();
    store.set_read(&[synced], true).unwrap();
    store.set_read(&[synced], false).unwrap();
    assert_eq!(queue(&store), vec![]);
    // Read, unread, read: one change, the last.
    store.set_read(&[synced], true).unwrap();
    store.set_read(&[synced], false).unwrap();
    store.set_read(&[synced], true).unwrap();
    assert_eq!(queue(&store), vec![(501, RemoteFlag::Read, true)]);
}

#[test]
fn a_change_made_while_one_is_in_flight_is_queued_behind_it() {
    let (mut store, synced, _) = store();
    store.set_read(&[synced], true).unwrap();
    let seq = store.pending_changes().unwrap()[0].seq;
    store.mark_changes_sending(&[seq], 1).unwrap();
    // Back to the base value, but the server may be getting "read" now.
    store.set_read(&[synced], false).unwrap();
    assert_eq!(
        queue(&store),
        vec![
            (501, RemoteFlag::Read, true),
            (501, RemoteFlag::Read, false)
        ]
    );
    assert!(store.pending_changes().unwrap()[0].maybe_sent);
}

#[test]
fn a_winning_server_change_replaces_the_queued_one() {
    let (mut store, synced, _) = store();
    store.set_starred(&[synced], true).unwrap();
    store
        .take_remote_flag(synced, RemoteFlag::Starred, false)
        .unwrap();
    assert_eq!(queue(&store), vec![]);
    assert_eq!(store.flags_for_tests(synced), (false, false));
    // A server change of a flag with nothing queued: taken, nothing queued.
    store
        .take_remote_flag(synced, RemoteFlag::Read, true)
        .unwrap();
    assert_eq!(store.flags_for_tests(synced), (true, false));
    assert_eq!(queue(&store), vec![]);
}

#[test]
fn a_losing_server_change_moves_only_the_base() {
    let (mut store, synced, _) = store();
    store.set_read(&[synced], true).unwrap();
    store
        .note_remote_flag(synced, RemoteFlag::Read, false)
        .unwrap();
    assert_eq!(queue(&store), vec![(501, RemoteFlag::Read, true)]);
    assert_eq!(store.flags_for_tests(synced), (true, false));
}

#[test]
fn completed_changes_leave_the_queue_and_become_the_base() {
    let (mut store, synced, _) = store();
    store.set_read(&[synced], true).unwrap();
    let changes = store.pending_changes().unwrap();
    store.complete_changes(&changes).unwrap();
    assert_eq!(queue(&store), vec![]);
    assert!(store.synced_articles().unwrap()[0].read);
    // Now "unread" is the change.
    store.set_read(&[synced], false).unwrap();
    assert_eq!(queue(&store), vec![(501, RemoteFlag::Read, false)]);
}

#[test]
fn a_catch_up_queues_every_synced_article_it_marks() {
    let (mut store, synced, _) = store();
    let query = crate::query::Query::parse("", 0).unwrap();
    store
        .set_read_matching(&query, crate::store::NoiseFilter::Include, true)
        .unwrap();
    assert_eq!(queue(&store), vec![(501, RemoteFlag::Read, true)]);
    assert!(store.flags_for_tests(synced).0);
}

#[test]
fn queued_changes_outlive_their_article() {
    let (mut store, synced, _) = store();
    store.set_starred(&[synced], true).unwrap();
    let feed = store.feeds().unwrap()[0].id;
    store.remove_feed(feed).unwrap();
    assert_eq!(queue(&store), vec![(501, RemoteFlag::Starred, true)]);
    assert!(store.synced_articles().unwrap().is_empty());
}
