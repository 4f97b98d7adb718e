//! JSON Feed 1.1 attachments' `duration_in_seconds`: feed-rs reads
//! attachments as links and drops it, so it is read here from the document
//! and set on the enclosures the mapping made of those links.

use serde_json::{Map, Value};
use url::Url;

use super::map::resolve;
use crate::model::ParsedFeed;

/// Sets the duration of each enclosure that came from an attachment with
/// one. Items pair up in order (feed-rs keeps every item, and the repair
/// keeps the objects), attachments by URL within their item.
pub(super) fn add(bytes: &[u8], feed: &mut ParsedFeed, base_url: Option<&str>) {
    // Most feeds give none: they cost one byte scan, not a second parse.
    if memchr::memmem::find(bytes, b"\"duration_in_seconds\"").is_none() {
        return;
    }
    let Ok(Value::Object(doc)) = serde_json::from_slice::<Value>(bytes) else {
        return;
    };
    let Some(Value::Array(items)) = doc.get("items") else {
        return;
    };
    let base = base_url.and_then(|u| Url::parse(u).ok());
    let objects = items.iter().filter_map(Value::as_object);
    for (item, parsed) in objects.zip(&mut feed.items) {
        for (url, secs) in durations(item) {
            let Some(url) = stored_url(url, base.as_ref()) else {
                continue;
            };
            if let Some(e) = parsed
                .enclosures
                .iter_mut()
                .find(|e| e.url == url && e.duration.is_none())
            {
                e.duration = Some(secs);
            }
        }
    }
}

/// Each attachment's URL and running time, where it gives both.
fn durations(item: &Map<String, Value>) -> impl Iterator<Item = (&str, u64)> {
    item.get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            let url = a.get("url")?.as_str()?;
            Some((url, seconds(a.get("duration_in_seconds")?)?))
        })
}

/// A number of seconds, whole or not, rounded; negative, absurd (a
/// thousand years or more) or non-numeric values give none.
fn seconds(value: &Value) -> Option<u64> {
    const MAX_SECS: u64 = 1000 * 366 * 86_400;
    let secs = match value.as_u64() {
        Some(whole) => whole,
        None => {
            let secs = value
                .as_f64()
                .filter(|s| (0.0..MAX_SECS as f64).contains(s))?;
            // Finite and in range: the cast is exact after rounding.
            secs.round() as u64
        }
    };
    (secs < MAX_SECS).then_some(secs)
}

/// The URL as the mapping stored it: as feed-rs hands it on (serialised
/// by `Url` when absolute), then resolved and cleaned.
fn stored_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let from_feed_rs = Url::parse(raw).map_or_else(|_| raw.trim().to_owned(), |u| u.to_string());
    resolve(&from_feed_rs, base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seconds_are_whole_non_negative_and_bounded() {
        assert_eq!(seconds(&json!(6629)), Some(6629));
        assert_eq!(seconds(&json!(90.6)), Some(91));
        assert_eq!(seconds(&json!(0)), Some(0));
        assert_eq!(seconds(&json!(-3)), None);
        assert_eq!(seconds(&json!("120")), None);
        assert_eq!(seconds(&json!(1e300)), None);
        assert_eq!(seconds(&json!(u64::MAX)), None);
    }
}
