//! Politeness: at most `per_host` requests to one host at a time, feeds and
//! article pages alike.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::Semaphore;

/// At most `per_host` requests to one host at a time.
pub(super) struct HostLimits {
    per_host: usize,
    hosts: std::sync::Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl HostLimits {
    pub(super) fn new(per_host: usize) -> HostLimits {
        HostLimits {
            per_host: per_host.max(1),
            hosts: std::sync::Mutex::new(HashMap::new()),
        }
    }

    pub(super) async fn acquire(&self, url: &str) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let host = host_of(url);
        let semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
            hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
                .clone()
        };
        semaphore.acquire_owned().await.ok()
    }
}

/// The host of `url` ("" when it has none).
pub(super) fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}
