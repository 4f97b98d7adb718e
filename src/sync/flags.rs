//! Which side's flag wins (pure: no store, no network). A flag differs
//! from the base (what the server had at the last sync) when the server
//! changed it since; the server's change is dated when this sync saw it.
//! A queued local change of the same flag made after that moment wins;
//! one made before loses. The most recent change wins either way.

use std::collections::{HashMap, HashSet};

use crate::model::ArticleId;
use crate::store::{PendingChange, RemoteFlag, SyncedArticle};

/// Which articles the server has unread and starred now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerFlags {
    pub unread: HashSet<i64>,
    pub starred: HashSet<i64>,
    /// When this state was asked for, Unix milliseconds.
    pub seen_at_ms: i64,
}

/// What to do about one flag the server changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagDecision {
    /// The server's value wins: the article takes it.
    Take {
        article_id: ArticleId,
        flag: RemoteFlag,
        value: bool,
    },
    /// A later local change wins: only the base moves; the change is sent.
    Overridden {
        article_id: ArticleId,
        flag: RemoteFlag,
        value: bool,
    },
}

/// A decision for every flag the server changed since `base`.
pub fn reconcile(
    base: &[SyncedArticle],
    server: &ServerFlags,
    pending: &[PendingChange],
) -> Vec<FlagDecision> {
    // The latest queued change of each article's flag.
    let mut latest: HashMap<(ArticleId, RemoteFlag), i64> = HashMap::new();
    for change in pending {
        let at = latest
            .entry((change.article_id, change.flag))
            .or_insert(i64::MIN);
        *at = (*at).max(change.changed_at);
    }
    let mut decisions = Vec::new();
    for article in base {
        let now_read = !server.unread.contains(&article.remote_id);
        let now_starred = server.starred.contains(&article.remote_id);
        for (flag, was, now) in [
            (RemoteFlag::Read, article.read, now_read),
            (RemoteFlag::Starred, article.starred, now_starred),
        ] {
            if was == now {
                continue;
            }
            let local_later = latest
                .get(&(article.article_id, flag))
                .is_some_and(|&at| at > server.seen_at_ms);
            let (article_id, value) = (article.article_id, now);
            decisions.push(if local_later {
                FlagDecision::Overridden {
                    article_id,
                    flag,
                    value,
                }
            } else {
                FlagDecision::Take {
                    article_id,
                    flag,
                    value,
                }
            });
        }
    }
    decisions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Vec<SyncedArticle> {
        vec![SyncedArticle {
            article_id: 1,
            remote_id: 100,
            read: false,
            starred: false,
        }]
    }

    fn change(flag: RemoteFlag, value: bool, changed_at: i64) -> PendingChange {
        PendingChange {
            seq: 1,
            remote_id: 100,
            article_id: 1,
            flag,
            value,
            changed_at,
            maybe_sent: false,
        }
    }

    /// Server marked it read; nothing local: taken.
    #[test]
    fn a_server_change_alone_is_taken() {
        let server = ServerFlags {
            seen_at_ms: 5_000,
            ..Default::default()
        };
        assert_eq!(
            reconcile(&base(), &server, &[]),
            vec![FlagDecision::Take {
                article_id: 1,
                flag: RemoteFlag::Read,
                value: true
            }]
        );
    }

    /// Local star at t=1000, the server's unstar seen at t=5000: the
    /// server's is later and wins; the other way round, the local one.
    #[test]
    fn the_later_change_wins_in_both_orders() {
        let mut server = ServerFlags {
            seen_at_ms: 5_000,
            ..Default::default()
        };
        server.unread.insert(100);
        let base = vec![SyncedArticle {
            starred: true,
            ..base()[0]
        }];
        let local_first = [change(RemoteFlag::Starred, true, 1_000)];
        assert_eq!(
            reconcile(&base, &server, &local_first),
            vec![FlagDecision::Take {
                article_id: 1,
                flag: RemoteFlag::Starred,
                value: false
            }]
        );
        let local_later = [change(RemoteFlag::Starred, true, 6_000)];
        assert_eq!(
            reconcile(&base, &server, &local_later),
            vec![FlagDecision::Overridden {
                article_id: 1,
                flag: RemoteFlag::Starred,
                value: false
            }]
        );
    }

    /// Nothing changed on the server: no decision, queued changes go out.
    #[test]
    fn unchanged_server_flags_decide_nothing() {
        let mut server = ServerFlags::default();
        server.unread.insert(100);
        let pending = [change(RemoteFlag::Read, true, 1)];
        assert!(reconcile(&base(), &server, &pending).is_empty());
    }
}
