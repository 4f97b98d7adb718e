//! Small helpers for aligned terminal output, measured in columns (wide
//! characters count two) rather than bytes.

use unicode_width::UnicodeWidthStr;

/// `s` cut to at most `width` columns (with `…` when cut), padded with
/// spaces to exactly `width`.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = crate::text::cut_to_width(s, width);
    let used = UnicodeWidthStr::width(out.as_str());
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// A short human age: `5m`, `3h`, `2d`, else the date.
pub fn age(then: i64, now: i64) -> String {
    let secs = (now - then).max(0);
    match secs {
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s if s < 30 * 86_400 => format!("{}d", s / 86_400),
        _ => date(then),
    }
}

/// `2026-11-27 08:40` in local time.
pub fn date_time(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "?".into())
}

fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_cuts_and_counts_wide_characters() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語テキスト", 6), "日本… ");
        assert_eq!(UnicodeWidthStr::width(fit("日本語テキスト", 6).as_str()), 6);
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(0, 90), "1m");
        assert_eq!(age(0, 7200), "2h");
        assert_eq!(age(0, 3 * 86_400), "3d");
    }
}
