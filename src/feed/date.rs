//! Dates as feeds write them: RFC 822/2822 (RSS), RFC 3339 and W3C-DTF
//! (Atom, Dublin Core, JSON Feed), and the sloppy variants of each seen in
//! the wild: no seconds, no zone, a named zone (EST, CET), a wrong or
//! spelled-out day name, a space for the `T`, asctime's order. One reader
//! for both paths: feed-rs is handed it as its timestamp parser.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::model::Timestamp;

/// Longer than any date; longer text is not one.
const MAX_DATE_LEN: usize = 80;

/// Seconds since the epoch for `raw`, when it reads as a date. A date
/// without a zone is read as UTC, as feed readers do.
pub(super) fn parse(raw: &str) -> Option<Timestamp> {
    let s = raw.trim();
    if s.is_empty() || s.len() > MAX_DATE_LEN {
        return None;
    }
    // The well-formed cases first: chrono reads them without a copy.
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.timestamp());
    }
    if s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        iso(s.as_bytes()).or_else(|| loose(s))
    } else {
        loose(s)
    }
}

/// `parse` in feed-rs's terms (its `Builder::timestamp_parser`).
pub(super) fn parse_utc(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(parse(raw)?, 0)
}

/// Reads digits from the front of `b`: the value and how many there were.
fn digits(b: &[u8], max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut n = 0;
    while n < max && n < b.len() && b[n].is_ascii_digit() {
        value = value
            .saturating_mul(10)
            .saturating_add(u32::from(b[n] - b'0'));
        n += 1;
    }
    (value, n)
}

/// W3C-DTF at any precision ("2026", "2026-11", "2026-11-26T11:30Z"),
/// with `t`, `T` or a space before the time, a zone with or without its
/// colon (or a space before it), or none.
fn iso(b: &[u8]) -> Option<Timestamp> {
    let (year, _) = digits(b, 4);
    let mut at = 4;
    let part = |at: &mut usize| -> Option<u32> {
        if b.get(*at) != Some(&b'-') {
            return None;
        }
        let (v, n) = digits(&b[*at + 1..], 2);
        (n == 2).then(|| {
            *at += 3;
            v
        })
    };
    let month = part(&mut at).unwrap_or(1);
    let day = part(&mut at).unwrap_or(1);
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let mut time = NaiveTime::MIN;
    if matches!(b.get(at), Some(b'T' | b't' | b' '))
        && b.get(at + 1).is_some_and(u8::is_ascii_digit)
    {
        let (t, n) = clock(&b[at + 1..])?;
        time = t;
        at += 1 + n;
    }
    let rest = std::str::from_utf8(&b[at..]).ok()?.trim_start();
    let offset = if rest.is_empty() { 0 } else { zone(rest)? };
    Some(date.and_time(time).and_utc().timestamp() - i64::from(offset))
}

/// `hh:mm[:ss[.fff]]` at the front of `b`: the time and its length.
/// 24:00 is the start of the day, as feed-rs reads it.
fn clock(b: &[u8]) -> Option<(NaiveTime, usize)> {
    let (hour, n) = digits(b, 2);
    if n == 0 || b.get(n) != Some(&b':') {
        return None;
    }
    let mut at = n + 1;
    let (minute, n) = digits(&b[at..], 2);
    if n != 2 {
        return None;
    }
    at += 2;
    let mut second = 0;
    if b.get(at) == Some(&b':') {
        let (s, n) = digits(&b[at + 1..], 2);
        if n != 2 {
            return None;
        }
        (second, at) = (s.min(59), at + 3);
        if matches!(b.get(at), Some(b'.' | b',')) {
            at += 1 + digits(&b[at + 1..], usize::MAX).1;
        }
    }
    let hour = if hour == 24 { 0 } else { hour };
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some((time, at))
}

/// A zone's offset east of UTC in seconds: `Z`, `+01:00`, `-0500`, `+01`,
/// a name (`GMT`, `EST`), or a name and an offset (`GMT+0100`).
fn zone(s: &str) -> Option<i32> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (name, rest) = s.split_at(letters);
    let base = if name.is_empty() {
        0
    } else {
        named_zone(name)?
    };
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(base);
    }
    let b = rest.as_bytes();
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, n) = digits(&b[1..], 2);
    if n == 0 {
        return None;
    }
    let mut at = 1 + n;
    if b.get(at) == Some(&b':') {
        at += 1;
    }
    let (minutes, m) = digits(&b[at..], 2);
    if at + m != b.len() || hours > 23 || minutes > 59 {
        return None;
    }
    Some(base + sign * (hours * 3600 + minutes * 60) as i32)
}

/// Zone names seen in feeds, as offsets east of UTC in seconds. RFC 822's
/// military letters are read as UTC, as RFC 2822 says to.
fn named_zone(name: &str) -> Option<i32> {
    const H: i32 = 3600;
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "z" | "ut" | "utc" | "gmt" | "wet" => 0,
        "bst" | "cet" | "met" | "west" => H,
        "cest" | "mest" | "eet" | "sast" => 2 * H,
        "eest" | "msk" => 3 * H,
        "ist" => 5 * H + 30 * 60,
        "hkt" | "sgt" | "awst" => 8 * H,
        "jst" | "kst" => 9 * H,
        "aest" => 10 * H,
        "aedt" => 11 * H,
        "nzst" => 12 * H,
        "nzdt" => 13 * H,
        "ndt" => -(2 * H + 30 * 60),
        "nst" => -(3 * H + 30 * 60),
        "adt" => -3 * H,
        "ast" | "edt" => -4 * H,
        "est" | "cdt" => -5 * H,
        "cst" | "mdt" => -6 * H,
        "mst" | "pdt" => -7 * H,
        "pst" | "akdt" => -8 * H,
        "akst" => -9 * H,
        "hst" => -10 * H,
        _ if lower.len() == 1 && lower != "j" => 0,
        _ => return None,
    })
}

/// A month named by its first three letters, or more of its name.
fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let at = NAMES.iter().position(|m| m.starts_with(&lower))?;
    Some(at as u32 + 1)
}

/// A day's name, or its abbreviation ("Thurs", "Tues").
fn is_day_name(word: &str) -> bool {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3 && NAMES.iter().any(|d| d.starts_with(&lower))
}

/// RFC 822 as it is written in the wild: the day name optional or wrong,
/// day and month in either order ("7 Dec", "Dec 7,"), a two-digit year,
/// no seconds, AM/PM, a named zone or none, and asctime's order
/// ("Mon Dec  7 08:00:00 2026"). Unknown words make it no date.
fn loose(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let (mut day, mut month_no, mut year) = (None, None, None);
    let mut time: Option<NaiveTime> = None;
    let mut offset = None;
    let mut pm = None;
    let mut at = 0;
    while at < b.len() {
        let c = b[at];
        if c.is_ascii_alphabetic() {
            let len = b[at..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            let word = &s[at..at + len];
            at += len;
            if let Some(m) = month(word).filter(|_| month_no.is_none()) {
                month_no = Some(m);
            } else if is_day_name(word) || word.eq_ignore_ascii_case("at") {
            } else if word.eq_ignore_ascii_case("am") || word.eq_ignore_ascii_case("pm") {
                pm = Some(word.eq_ignore_ascii_case("pm"));
            } else if time.is_some() && offset.is_none() {
                // A name, perhaps with an offset after it ("GMT+0100").
                let end = b[at..]
                    .iter()
                    .position(|c| *c == b' ')
                    .map_or(b.len(), |n| at + n);
                offset = Some(zone(&s[at - len..end])?);
                at = end;
            } else {
                return None;
            }
        } else if c.is_ascii_digit() {
            if let Some((t, n)) = clock(&b[at..]).filter(|_| time.is_none()) {
                time = Some(t);
                at += n;
                continue;
            }
            let (value, n) = digits(&b[at..], 5);
            at += n;
            match n {
                4 if year.is_none() => year = Some(value as i32),
                1 | 2 if day.is_none() => day = Some(value),
                2 if year.is_none() => {
                    year = Some(value as i32 + if value < 50 { 2000 } else { 1900 })
                }
                _ => return None,
            }
        } else if matches!(c, b'+' | b'-')
            && time.is_some()
            && b.get(at + 1).is_some_and(u8::is_ascii_digit)
        {
            let end = b[at..]
                .iter()
                .position(|c| *c == b' ')
                .map_or(b.len(), |n| at + n);
            offset = Some(zone(&s[at..end])?);
            at = end;
        } else if matches!(c, b' ' | b',' | b'-' | b'.' | b'/' | b'\t') {
            at += 1;
        } else {
            return None;
        }
    }
    let date = NaiveDate::from_ymd_opt(year?, month_no?, day?)?;
    let mut time = time.unwrap_or(NaiveTime::MIN);
    if let Some(pm) = pm {
        use chrono::Timelike;
        let hour = time.hour() % 12 + if pm { 12 } else { 0 };
        time = time.with_hour(hour)?;
    }
    Some(date.and_time(time).and_utc().timestamp() - i64::from(offset.unwrap_or(0)))
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

    /// RFC 822 as feeds write it, beside what a forgiving reader makes of
    /// it. All are 2026-12-07 08:00 in the zone they name.
    #[test]
    fn sloppy_rfc_822() {
        let utc = 1_796_630_400; // 2026-12-07T08:00:00Z
        let h = 3600;
        for (raw, want) in [
            ("Mon, 07 Dec 2026 08:00 GMT", utc),
            ("Mon, 07 Dec 26 08:00:00 GMT", utc),
            ("Mon, 07 Dec 2026 08:00:00 EST", utc + 5 * h),
            ("Mon, 07 Dec 2026 08:00:00 PDT", utc + 7 * h),
            ("Mon, 07 Dec 2026 08:00:00 UTC", utc),
            ("Mon, 07 Dec 2026 08:00:00 Z", utc),
            ("Mon, 07 Dec 2026 08:00:00", utc),
            ("Mon 07 Dec 2026 08:00:00 GMT", utc),
            ("Fri, 07 Dec 2026 08:00:00 +0000", utc),
            ("Thurs, 07 Dec 2026 08:00:00 +0000", utc),
            ("mon, 07 dec 2026 08:00:00 gmt", utc),
            ("Monday, 07 December 2026 08:00:00 GMT", utc),
            ("Mon, 7 Dec 2026 8:00:00 +0100", utc - h),
            ("Mon, 07 Dec 2026 08:00:00 +01:00", utc - h),
            ("Mon, 07 Dec 2026 08:00:00 GMT+0100", utc - h),
            ("Mon, 07 Dec 2026 08:00:00 CET", utc - h),
            ("Mon, 07 Dec 2026 08:00:00 +0530", utc - 5 * h - 1800),
            ("Mon, 07-Dec-2026 08:00:00 GMT", utc),
            ("Mon, 07 Dec 2026 08:00:00.000 GMT", utc),
            ("Mon, 07 Dec 2026 08:00:00 AM GMT", utc),
            ("Mon, 07 Dec 2026 08:00:00 PM GMT", utc + 12 * h),
            ("Mon, Dec 07 2026 08:00:00 GMT", utc),
            ("December 7, 2026 8:00 am", utc),
            ("Mon Dec  7 08:00:00 2026", utc),
            ("Mon, 07 Sept 2026 08:00:00 GMT", utc - 91 * 24 * h),
        ] {
            assert_eq!(parse(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn sloppy_w3c_dates() {
        let utc = 1_796_630_400; // 2026-12-07T08:00:00Z
        let h = 3600;
        for (raw, want) in [
            ("2026-12-07T08:00:00", utc),
            ("2026-12-07t08:00:00z", utc),
            ("2026-12-07 08:00:00 +0100", utc - h),
            ("2026-12-07T08:00:00+0100", utc - h),
            ("2026-12-07T08:00:00+01", utc - h),
            ("2026-12-07T08:00Z", utc),
            ("2026-12-07T08:00:00.123456789Z", utc),
            ("2026-12-07T03:00:00 EST", utc),
            ("2026-12-07", utc - 8 * h),
            ("2026-12", utc - 8 * h - 6 * 24 * h),
        ] {
            assert_eq!(parse(raw), Some(want), "{raw}");
        }
    }

    #[test]
    fn what_is_no_date_stays_none() {
        // Long or odd input reads as nothing, without a panic.
        assert_eq!(parse(&"7".repeat(100)), None);
        assert_eq!(
            parse(&format!("2026-12-07T08:00:00.{}Z", "9".repeat(40))),
            Some(1_796_630_400)
        );
        assert_eq!(parse("soon"), None);
        assert_eq!(parse("Mon, 07 Foo 2026 08:00:00 GMT"), None);
        assert_eq!(parse("Mon, 32 Dec 2026 08:00:00 GMT"), None);
        assert_eq!(parse("2026-13-07"), None);
        assert_eq!(parse("2026-12-07T08:00:00 nonsense"), None);
        assert_eq!(parse("Mon, 07 Dec 2026 08:00:00 +9999"), None);
        assert_eq!(parse("07 Dec"), None);
        assert_eq!(parse("😀 07 Dec 2026"), None);
    }

    proptest::proptest! {
        /// Any text, and text made of the pieces dates are made of, reads
        /// as a date or as none, without a panic.
        #[test]
        fn never_panics(
            raw in proptest::string::string_regex(
                "([0-9]{1,5}|[A-Za-z]{1,5}|[ ,.:+/T-]|24:00|\\+[0-9]{2}:?[0-9]{0,2}|GMT|EST|AM|PM|Dec|Monday){0,12}"
            ).unwrap(),
            any in ".{0,40}",
        ) {
            let _ = parse(&raw);
            let _ = parse(&any);
            let _ = parse_utc(&raw);
        }
    }
}
