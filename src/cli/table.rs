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

/// `2026-11-27 08:40` in local time, always 16 columns (see
/// `when::display_date_time`).
pub fn date_time(t: i64) -> String {
    format!("{:<16}", crate::when::display_date_time(t))
}

fn date(t: i64) -> String {
    crate::when::display_date(t)
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
    fn dates_keep_their_width_for_any_timestamp() {
        for t in [
            i64::MIN,
            -62_167_219_200 - 1,
            -1,
            0,
            1_800_000_000,
            253_402_300_799,
            253_402_300_800,
            i64::MAX,
        ] {
            assert_eq!(date_time(t).chars().count(), 16, "{t}: {}", date_time(t));
        }
        assert_eq!(date_time(i64::MAX).trim_end(), "far future");
        assert_eq!(date_time(i64::MIN).trim_end(), "far past");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(0, 90), "1m");
        assert_eq!(age(0, 7200), "2h");
        assert_eq!(age(0, 3 * 86_400), "3d");
    }
}
