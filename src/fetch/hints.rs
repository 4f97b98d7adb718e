//! When may a feed be fetched again? Server hints, read from headers:
//! `Retry-After` (429/503), `Cache-Control: max-age`, `Expires`. HTTP's own
//! freshness wins over the feed's `<ttl>`: a server that says `max-age=0`
//! asks to be revalidated every time, whatever the document claims.

use reqwest::header::{CACHE_CONTROL, EXPIRES, HeaderMap, RETRY_AFTER};

use crate::model::Timestamp;

/// No server hint delays a feed by more than this.
pub const MAX_HINT_SECS: i64 = 24 * 3600;

/// What the headers say about freshness, in seconds from `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Freshness {
    /// `Cache-Control: max-age` or `Expires`, when present (0 = always
    /// revalidate).
    pub fresh_for: Option<i64>,
    /// `Cache-Control: no-cache` / `no-store`: the server wants revalidation.
    pub no_cache: bool,
}

/// Reads `Cache-Control` and `Expires` (max-age wins, as in RFC 9111).
pub fn freshness(headers: &HeaderMap, now: Timestamp) -> Freshness {
    let mut out = Freshness::default();
    for value in headers.get_all(CACHE_CONTROL) {
        let Ok(text) = value.to_str() else { continue };
        for directive in text.split(',').map(str::trim) {
            let lower = directive.to_ascii_lowercase();
            if lower == "no-cache" || lower == "no-store" {
                out.no_cache = true;
            } else if let Some(secs) = lower.strip_prefix("max-age=")
                && let Ok(secs) = secs.trim_matches('"').parse::<i64>()
            {
                out.fresh_for = Some(secs.clamp(0, MAX_HINT_SECS));
            }
        }
    }
    if out.fresh_for.is_none()
        && !out.no_cache
        && let Some(expires) = headers.get(EXPIRES).and_then(|v| v.to_str().ok())
    {
        // An unparsable Expires (often "0" or "-1") means already stale.
        out.fresh_for = Some(match httpdate::parse_http_date(expires) {
            Ok(t) => (unix(t) - now).clamp(0, MAX_HINT_SECS),
            Err(_) => 0,
        });
    }
    if out.no_cache {
        out.fresh_for = Some(0);
    }
    out
}

/// `Retry-After` as seconds from now: delta-seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap, now: Timestamp) -> Option<i64> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs = match text.parse::<i64>() {
        Ok(secs) => secs,
        Err(_) => unix(httpdate::parse_http_date(text).ok()?) - now,
    };
    Some(secs.clamp(0, MAX_HINT_SECS))
}

fn unix(t: std::time::SystemTime) -> i64 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(reqwest::header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn max_age_wins_over_expires() {
        let now = 1_700_000_000;
        let h = headers(&[
            (CACHE_CONTROL, "public, max-age=600"),
            (EXPIRES, "Thu, 01 Jan 2037 00:00:00 GMT"),
        ]);
        assert_eq!(freshness(&h, now).fresh_for, Some(600));
    }

    #[test]
    fn expires_in_the_future_and_garbage() {
        let now = 1_700_000_000;
        let later = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs((now + 120) as u64),
        );
        assert_eq!(
            freshness(&headers(&[(EXPIRES, &later)]), now).fresh_for,
            Some(120)
        );
        assert_eq!(
            freshness(&headers(&[(EXPIRES, "0")]), now).fresh_for,
            Some(0)
        );
        assert_eq!(freshness(&HeaderMap::new(), now).fresh_for, None);
    }

    #[test]
    fn no_cache_means_revalidate_and_huge_values_are_capped() {
        assert_eq!(
            freshness(&headers(&[(CACHE_CONTROL, "no-cache, max-age=900")]), 0).fresh_for,
            Some(0)
        );
        assert_eq!(
            freshness(&headers(&[(CACHE_CONTROL, "max-age=99999999")]), 0).fresh_for,
            Some(MAX_HINT_SECS)
        );
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = 1_700_000_000;
        assert_eq!(
            retry_after(&headers(&[(RETRY_AFTER, "120")]), now),
            Some(120)
        );
        let later = httpdate::fmt_http_date(
            std::time::UNIX_EPOCH + std::time::Duration::from_secs((now + 60) as u64),
        );
        assert_eq!(
            retry_after(&headers(&[(RETRY_AFTER, &later)]), now),
            Some(60)
        );
        assert_eq!(retry_after(&headers(&[(RETRY_AFTER, "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[(RETRY_AFTER, "-5")]), now), Some(0));
    }
}
