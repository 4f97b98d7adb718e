//! Phase 3, flags: the queued local changes go out in order, in batches
//! (one request carries many articles, one flag, one value). Each batch
//! is marked "maybe sent" in the store before its request and leaves the
//! queue once the server answered, so a sync killed in between knows
//! which changes are uncertain: the next sync asks the server about
//! those and sends only the ones it does not have. Values are set, never
//! toggled, so even a change sent twice cannot flip a flag back.

use std::collections::HashMap;

use super::backend::{FlagChange, SyncBackend};
use super::{SyncError, SyncReport, now_ms};
use crate::store::{PendingChange, RemoteFlag, Store};

pub(super) async fn send<B: SyncBackend>(
    backend: &B,
    store: &mut Store,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let pending = store.pending_changes()?;
    if pending.is_empty() {
        return Ok(());
    }
    let pending = settle_uncertain(backend, store, pending).await?;
    let (to_send, superseded) = last_per_flag(pending);
    // Earlier changes of a flag that changed again need not go out.
    store.complete_changes(&superseded)?;
    for batch in batches(&to_send, backend.max_batch()) {
        let seqs: Vec<i64> = batch.iter().map(|c| c.seq).collect();
        let ids: Vec<i64> = batch.iter().map(|c| c.remote_id).collect();
        let change = match batch[0].flag {
            RemoteFlag::Read => FlagChange::Read(batch[0].value),
            RemoteFlag::Starred => FlagChange::Starred(batch[0].value),
        };
        store.mark_changes_sending(&seqs, now_ms())?;
        backend.set_flags(&ids, change).await?;
        store.complete_changes(&batch)?;
        report.changes_sent += batch.len();
        report.change_batches += 1;
    }
    Ok(())
}

/// Changes that may have reached the server already: those it has are
/// done; the others stay to be sent.
async fn settle_uncertain<B: SyncBackend>(
    backend: &B,
    store: &mut Store,
    pending: Vec<PendingChange>,
) -> Result<Vec<PendingChange>, SyncError> {
    let uncertain: Vec<i64> = pending
        .iter()
        .filter(|c| c.maybe_sent)
        .map(|c| c.remote_id)
        .collect();
    if uncertain.is_empty() {
        return Ok(pending);
    }
    let mut now: HashMap<i64, (bool, bool)> = HashMap::new();
    for chunk in uncertain.chunks(backend.max_batch().max(1)) {
        for flags in backend.flags_of(chunk).await? {
            now.insert(flags.id, (flags.read, flags.starred));
        }
    }
    let mut done = Vec::new();
    let mut gone = Vec::new();
    let mut left = Vec::new();
    for change in pending {
        if !change.maybe_sent {
            left.push(change);
            continue;
        }
        match now.get(&change.remote_id) {
            // The server no longer has the article: nothing to change.
            None => gone.push(change.seq),
            Some(&(read, starred)) => {
                let has = match change.flag {
                    RemoteFlag::Read => read,
                    RemoteFlag::Starred => starred,
                };
                if has == change.value {
                    done.push(change);
                } else {
                    left.push(change);
                }
            }
        }
    }
    store.complete_changes(&done)?;
    store.drop_changes(&gone)?;
    Ok(left)
}

/// The last change of each article's flag (to send, in queue order) and
/// the earlier ones it makes moot.
fn last_per_flag(pending: Vec<PendingChange>) -> (Vec<PendingChange>, Vec<PendingChange>) {
    let mut last: HashMap<(i64, RemoteFlag), i64> = HashMap::new();
    for change in &pending {
        last.insert((change.remote_id, change.flag), change.seq);
    }
    pending
        .into_iter()
        .partition(|c| last.get(&(c.remote_id, c.flag)) == Some(&c.seq))
}

/// Consecutive runs of one flag and value, at most `max` each, in queue
/// order (each article appears once, so order within a run is free).
fn batches(changes: &[PendingChange], max: usize) -> Vec<Vec<PendingChange>> {
    let mut out: Vec<Vec<PendingChange>> = Vec::new();
    let mut groups: Vec<((RemoteFlag, bool), Vec<PendingChange>)> = Vec::new();
    for change in changes {
        let key = (change.flag, change.value);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(change.clone()),
            None => groups.push((key, vec![change.clone()])),
        }
    }
    for (_, group) in groups {
        out.extend(group.chunks(max.max(1)).map(<[PendingChange]>::to_vec));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(seq: i64, remote_id: i64, flag: RemoteFlag, value: bool) -> PendingChange {
        PendingChange {
            seq,
            remote_id,
            article_id: remote_id,
            flag,
            value,
            changed_at: seq,
            maybe_sent: false,
        }
    }

    #[test]
    fn only_the_last_change_of_a_flag_is_sent() {
        let pending = vec![
            change(1, 10, RemoteFlag::Read, true),
            change(2, 11, RemoteFlag::Read, true),
            change(3, 10, RemoteFlag::Read, false),
            change(4, 10, RemoteFlag::Starred, true),
        ];
        let (send, moot) = last_per_flag(pending);
        let seqs = |v: &[PendingChange]| v.iter().map(|c| c.seq).collect::<Vec<_>>();
        assert_eq!(seqs(&send), vec![2, 3, 4]);
        assert_eq!(seqs(&moot), vec![1]);
    }

    #[test]
    fn a_hundred_changes_go_in_a_few_requests() {
        let mut pending: Vec<PendingChange> = (0..100)
            .map(|i| change(i, i, RemoteFlag::Read, i % 2 == 0))
            .collect();
        pending.push(change(100, 5, RemoteFlag::Starred, true));
        let out = batches(&pending, 500);
        assert_eq!(out.len(), 3, "read, unread, star");
        assert_eq!(out.iter().map(Vec::len).sum::<usize>(), 101);
        assert_eq!(batches(&pending, 20).len(), 3 + 3 + 1);
    }
}
