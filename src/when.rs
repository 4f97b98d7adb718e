//! Relative and absolute times typed by a user: `30m`, `12h`, `2d`, `1w`,
//! or a date `2026-11-01` (local midnight), used by `--since` and the
//! filter bar's `since:` and `before:`; and times shown to the user, in a
//! fixed width whatever a feed claimed.

use chrono::{Local, NaiveDate, TimeZone};

use crate::model::Timestamp;

/// `2026-11-27 08:40` in local time (16 columns), for any timestamp: a
/// year past 9999 or before year 0 (a feed's typo, a time zone past
/// 9999-12-31) is `far future` or `far past`, never `+10000-01-01`.
pub fn display_date_time(t: Timestamp) -> String {
    display(t, "%Y-%m-%d %H:%M")
}

/// `2026-11-27` in local time (10 columns), like `display_date_time`.
pub fn display_date(t: Timestamp) -> String {
    display(t, "%Y-%m-%d")
}

fn display(t: Timestamp, format: &str) -> String {
    use chrono::Datelike;
    let local = chrono::DateTime::from_timestamp(t, 0).map(|d| d.with_timezone(&Local));
    match local {
        Some(d) if (0..=9999).contains(&d.year()) => d.format(format).to_string(),
        _ if t > 0 => "far future".to_owned(),
        _ => "far past".to_owned(),
    }
}

/// The moment `text` names, relative to `now`.
pub fn parse_point(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    let text = text.trim();
    let help = "use 30m, 12h, 2d, 1w or a date like 2026-11-01";
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let midnight = date
            .and_hms_opt(0, 0, 0)
            .ok_or_else(|| format!("`{text}` is not a valid date"))?;
        return Local
            .from_local_datetime(&midnight)
            .earliest()
            .map(|d| d.timestamp())
            .ok_or_else(|| format!("`{text}` does not exist in the local time zone"));
    }
    if looks_like_a_date(text) {
        return Err(format!(
            "`{text}` is not a date (no such day); use a date like 2026-11-01"
        ));
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a time; {help}"))?;
    let unit_secs = match unit {
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(format!("`{text}` has an unknown unit `{unit}`; {help}")),
    };
    number
        .checked_mul(unit_secs)
        .and_then(|secs| now.checked_sub(secs))
        .filter(|&t| t >= EARLIEST)
        .ok_or_else(|| format!("`{text}` is too far back; the earliest is year 1"))
}

/// 0001-01-01 UTC: the earliest point a date can be written for.
const EARLIEST: Timestamp = -62_135_596_800;

/// `2026-02-30`, `2026-13-01`: the shape of a date, whatever the numbers.
fn looks_like_a_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_units() {
        assert_eq!(parse_point("30m", 10_000), Ok(10_000 - 1800));
        assert_eq!(parse_point("2d", 1_000_000), Ok(1_000_000 - 172_800));
        assert_eq!(parse_point("1w", 1_000_000), Ok(1_000_000 - 604_800));
    }

    #[test]
    fn dates_are_local_midnight() {
        let t = parse_point("2026-11-01", 0).unwrap();
        let back = chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .with_timezone(&Local);
        assert_eq!(
            back.format("%Y-%m-%d %H:%M").to_string(),
            "2026-11-01 00:00"
        );
    }

    #[test]
    fn nonsense_is_explained() {
        assert!(
            parse_point("2x", 0)
                .unwrap_err()
                .contains("unknown unit `x`")
        );
        assert!(parse_point("yesterday", 0).unwrap_err().contains("use 30m"));
        assert!(parse_point("99999999999999999999d", 0).is_err());
        assert!(parse_point("2026-02-30", 0).is_err());
    }

    #[test]
    fn impossible_dates_and_points_before_year_1_are_refused() {
        for bad in ["2026-02-30", "2026-13-01", "2026-1-32"] {
            let e = parse_point(bad, 0).unwrap_err();
            assert!(e.contains("is not a date"), "{bad}: {e}");
        }
        let e = parse_point("99999999999999d", 1_800_000_000).unwrap_err();
        assert!(e.contains("too far back"), "{e}");
        assert!(parse_point("700000d", 1_800_000_000).is_ok());
    }
}
