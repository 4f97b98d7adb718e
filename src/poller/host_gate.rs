//! One try per unreachable host in a poll's full-text stage.
//!
//! The first page of each host is fetched alone; the host's other pages
//! wait for it. If it could not connect (the name does not resolve, the
//! connection is refused), they are not tried in this poll: a dead host
//! costs one lookup instead of one per queued page, and dozens of
//! concurrent failing lookups are what make a resolver stall for seconds.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// The hosts of one stage and whether each could be reached.
#[derive(Default)]
pub(super) struct HostGate {
    hosts: Mutex<HashMap<String, Arc<OnceCell<bool>>>>,
}

/// What happened to one page behind the gate.
pub(super) enum Passage<T> {
    /// It was fetched (first of its host, or after a reachable first).
    Fetched(T),
    /// Not tried: an earlier page of `host` (with its port, if any)
    /// could not connect.
    Skipped { host: String },
}

impl HostGate {
    /// Runs `fetch` for `url` unless its host was found unreachable in
    /// this stage. `reached` tells from a result whether the host answered.
    pub(super) async fn pass<T, F>(
        &self,
        url: &str,
        fetch: impl FnOnce() -> F,
        reached: impl Fn(&T) -> bool,
    ) -> Passage<T>
    where
        F: Future<Output = T>,
    {
        let host = server_of(url);
        let cell = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
            hosts.entry(host.clone()).or_default().clone()
        };
        let mut fetch = Some(fetch);
        let mut first = None;
        let reachable = *cell
            .get_or_init(|| async {
                // get_or_init runs this at most once, so `fetch` is here.
                let Some(f) = fetch.take() else { return true };
                let result = f().await;
                let ok = reached(&result);
                first = Some(result);
                ok
            })
            .await;
        match (first, fetch) {
            (Some(result), _) => Passage::Fetched(result),
            (None, Some(f)) if reachable => Passage::Fetched(f().await),
            (None, _) => Passage::Skipped { host },
        }
    }
}

/// Host and port: another port of a host is another server.
fn server_of(url: &str) -> String {
    let Ok(url) = url::Url::parse(url) else {
        return String::new();
    };
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (host, _) => host.unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_dead_host_is_tried_once_and_a_live_one_for_every_page() {
        let gate = HostGate::default();
        let tries = AtomicUsize::new(0);
        let fetch = |ok: bool| {
            let tries = &tries;
            move || async move {
                tries.fetch_add(1, Ordering::SeqCst);
                ok
            }
        };
        fn answered(ok: &bool) -> bool {
            *ok
        }
        let pages = futures_util::future::join_all([
            gate.pass("http://dead.test/a", fetch(false), answered),
            gate.pass("http://dead.test/b", fetch(false), answered),
            gate.pass("http://dead.test/c", fetch(false), answered),
            gate.pass("http://live.test/a", fetch(true), answered),
            gate.pass("http://live.test/b", fetch(true), answered),
        ])
        .await;
        assert_eq!(tries.load(Ordering::SeqCst), 3, "one dead try, two live");
        let skipped: Vec<&str> = pages
            .iter()
            .filter_map(|p| match p {
                Passage::Skipped { host } => Some(host.as_str()),
                Passage::Fetched(_) => None,
            })
            .collect();
        assert_eq!(skipped, ["dead.test", "dead.test"]);
    }
}
