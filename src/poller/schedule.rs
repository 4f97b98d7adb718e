//! When a feed is due, and when it may be fetched next: server hints after
//! a success, exponential backoff after failures. Pure arithmetic.

use crate::model::Timestamp;

/// The first retry after a failure waits this long; each further
/// consecutive failure doubles it.
pub const BACKOFF_BASE_SECS: i64 = 60;
/// No backoff or hint waits longer than a day.
pub const MAX_WAIT_SECS: i64 = 24 * 3600;

/// Why a feed is not fetched now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDue {
    /// The server or the feed asked for a pause, or failures back off.
    Until(Timestamp),
}

/// Whether a feed may be fetched at `now`.
pub fn due(next_poll_at: Option<Timestamp>, now: Timestamp, force: bool) -> Result<(), NotDue> {
    match next_poll_at {
        Some(at) if !force && at > now => Err(NotDue::Until(at)),
        _ => Ok(()),
    }
}

/// Next allowed poll after a success. HTTP freshness (`max-age`, `Expires`)
/// wins over the feed's `<ttl>`; the feed's own `refresh` setting is a floor.
pub fn after_success(
    now: Timestamp,
    http_fresh_for: Option<i64>,
    ttl_minutes: Option<u32>,
    refresh_secs: Option<i64>,
) -> Option<Timestamp> {
    let hint = http_fresh_for.or(ttl_minutes.map(|m| i64::from(m) * 60));
    let wait = hint
        .unwrap_or(0)
        .max(refresh_secs.unwrap_or(0))
        .clamp(0, MAX_WAIT_SECS);
    (wait > 0).then_some(now + wait)
}

/// Next allowed poll after the `failures`-th consecutive failure: doubling
/// from a minute, capped at a day, never sooner than `Retry-After`.
pub fn after_failure(now: Timestamp, failures: u32, retry_after: Option<i64>) -> Timestamp {
    let exponent = failures.saturating_sub(1).min(20);
    let backoff = (BACKOFF_BASE_SECS << exponent).min(MAX_WAIT_SECS);
    now + backoff.max(retry_after.unwrap_or(0).min(MAX_WAIT_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_respects_hints_unless_forced() {
        assert_eq!(due(None, 100, false), Ok(()));
        assert_eq!(due(Some(100), 100, false), Ok(()));
        assert_eq!(due(Some(101), 100, false), Err(NotDue::Until(101)));
        assert_eq!(due(Some(101), 100, true), Ok(()));
    }

    #[test]
    fn http_freshness_beats_ttl_and_refresh_is_a_floor() {
        assert_eq!(after_success(1000, Some(0), Some(30), None), None);
        assert_eq!(after_success(1000, None, Some(30), None), Some(1000 + 1800));
        assert_eq!(after_success(1000, Some(600), Some(30), None), Some(1600));
        assert_eq!(after_success(1000, None, None, Some(3600)), Some(4600));
        assert_eq!(after_success(1000, None, None, None), None);
        assert_eq!(
            after_success(0, Some(10 * MAX_WAIT_SECS), None, None),
            Some(MAX_WAIT_SECS)
        );
    }

    #[test]
    fn backoff_doubles_and_caps_at_a_day() {
        assert_eq!(after_failure(0, 1, None), 60);
        assert_eq!(after_failure(0, 2, None), 120);
        assert_eq!(after_failure(0, 5, None), 960);
        assert_eq!(after_failure(0, 12, None), MAX_WAIT_SECS);
        assert_eq!(after_failure(0, u32::MAX, None), MAX_WAIT_SECS);
        assert_eq!(after_failure(0, 1, Some(3600)), 3600);
        assert_eq!(after_failure(0, 1, Some(i64::MAX)), MAX_WAIT_SECS);
    }
}
