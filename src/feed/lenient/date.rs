//! Dates as feeds write them: RFC 822/2822 (RSS), RFC 3339 and W3C-DTF
//! (Atom, Dublin Core), and the sloppy variants of each seen in the wild.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::Timestamp;

/// Seconds since the epoch for `raw`, when it reads as a date.
pub(super) fn parse(raw: &str) -> Option<Timestamp> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.timestamp());
    }
    // RFC 822 without the day name, or with a full one ("Tuesday, 5 ...").
    if let Some((_, rest)) = s.split_once(',')
        && let Ok(d) = DateTime::parse_from_rfc2822(rest.trim())
    {
        return Some(d.timestamp());
    }
    w3c(s)
}

/// W3C-DTF with any precision ("2026", "2026-11", "2026-11-26T11:30Z"),
/// a space for the `T`, or no zone (read as UTC).
fn w3c(s: &str) -> Option<Timestamp> {
    let s = s.replacen(' ', "T", 1);
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(&s, fmt) {
            return Some(d.timestamp());
        }
    }
    let naive = s.trim_end_matches('Z');
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, fmt) {
            return Some(d.and_utc().timestamp());
        }
    }
    let day = match naive.len() {
        4 => format!("{naive}-01-01"),
        7 => format!("{naive}-01"),
        _ => naive.to_owned(),
    };
    NaiveDate::parse_from_str(&day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms() {
        let t = 1_795_162_200; // 2026-11-20T08:10:00Z
        assert_eq!(parse("2026-11-20T08:10:00Z"), Some(t));
        assert_eq!(parse("2026-11-20T10:10:00+02:00"), Some(t));
        assert_eq!(parse("Fri, 20 Nov 2026 08:10:00 GMT"), Some(t));
        assert_eq!(parse("20 Nov 2026 08:10:00 +0000"), Some(t));
        assert_eq!(parse("Friday, 20 Nov 2026 08:10:00 GMT"), Some(t));
        assert_eq!(parse("2026-11-20T08:10Z"), Some(t));
        assert_eq!(parse("2026-11-20 08:10:00"), Some(t));
        assert_eq!(parse("2026-11-20"), Some(t - 8 * 3600 - 600));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse(""), None);
    }
}
