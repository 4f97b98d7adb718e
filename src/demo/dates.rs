//! Date placeholders in the demo's assets, filled in relative to now so
//! the demo always looks fresh:
//!
//! - `{{ago:SPAN}}`: the moment SPAN before now, in the feed's own date
//!   format (RFC 2822 for RSS, RFC 3339 for Atom and JSON Feed);
//! - `{{day:SPAN}}`: that moment's day as a title says it ("March 3, 2027").
//!
//! SPAN is one or more counts with a unit: `5m`, `3h`, `2d`, `1d6h`.

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, Duration, SecondsFormat, Utc};

/// How a feed writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// RSS: `Tue, 3 Mar 2027 09:15:00 +0000`.
    Rfc2822,
    /// Atom and JSON Feed: `2027-03-03T09:15:00Z`.
    Rfc3339,
}

const OPEN: &str = "{{";
const CLOSE: &str = "}}";

/// `text` with every placeholder replaced. An unknown or malformed
/// placeholder is an error naming its line (a bug in the asset).
pub fn fill(text: &str, now: DateTime<Utc>, style: DateStyle) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let line = line_at(text, text.len() - rest.len() + start);
        let after = &rest[start + OPEN.len()..];
        let end = after
            .find(CLOSE)
            .ok_or_else(|| anyhow!("line {line}: `{{{{` is never closed"))?;
        let placeholder = &after[..end];
        let value = expand(placeholder, now, style)
            .with_context(|| format!("line {line}: bad placeholder `{{{{{placeholder}}}}}`"))?;
        out.push_str(&value);
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn expand(placeholder: &str, now: DateTime<Utc>, style: DateStyle) -> anyhow::Result<String> {
    let (kind, span) = placeholder
        .split_once(':')
        .ok_or_else(|| anyhow!("expected `ago:SPAN` or `day:SPAN`"))?;
    let moment = now
        .checked_sub_signed(parse_span(span.trim())?)
        .ok_or_else(|| anyhow!("`{span}` reaches before the calendar"))?;
    Ok(match (kind.trim(), style) {
        ("ago", DateStyle::Rfc2822) => moment.to_rfc2822(),
        ("ago", DateStyle::Rfc3339) => moment.to_rfc3339_opts(SecondsFormat::Secs, true),
        ("day", _) => moment.format("%B %-d, %Y").to_string(),
        (other, _) => bail!("unknown kind `{other}`; use `ago` or `day`"),
    })
}

/// `1d6h` → 30 hours. Units: m (minutes), h (hours), d (days).
fn parse_span(span: &str) -> anyhow::Result<Duration> {
    if span.is_empty() {
        bail!("empty span; write e.g. `5m`, `3h`, `2d`");
    }
    let mut total = Duration::zero();
    let mut digits = String::new();
    for c in span.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let count: i64 = digits
            .parse()
            .map_err(|_| anyhow!("`{span}`: a unit needs a count before it"))?;
        digits.clear();
        let part = match c {
            'm' => Duration::try_minutes(count),
            'h' => Duration::try_hours(count),
            'd' => Duration::try_days(count),
            _ => bail!("`{span}`: unknown unit `{c}`; use m, h or d"),
        };
        total = part
            .and_then(|part| total.checked_add(&part))
            .ok_or_else(|| anyhow!("`{span}` is too long"))?;
    }
    if !digits.is_empty() {
        bail!("`{span}`: `{digits}` has no unit; use m, h or d");
    }
    Ok(total)
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-03-03T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn fills_each_style_relative_to_now() {
        let rss = fill("<pubDate>{{ago:5h}}</pubDate>", now(), DateStyle::Rfc2822).unwrap();
        assert_eq!(rss, "<pubDate>Wed, 3 Mar 2027 07:00:00 +0000</pubDate>");
        let atom = fill("a {{ago:1d6h}} b {{ago:30m}}", now(), DateStyle::Rfc3339).unwrap();
        assert_eq!(atom, "a 2027-03-02T06:00:00Z b 2027-03-03T11:30:00Z");
        let day = fill("Crossword: {{day:2d}}", now(), DateStyle::Rfc2822).unwrap();
        assert_eq!(day, "Crossword: March 1, 2027");
    }

    #[test]
    fn text_without_placeholders_is_unchanged() {
        let text = "plain { braces } and }} too";
        assert_eq!(fill(text, now(), DateStyle::Rfc3339).unwrap(), text);
    }

    #[test]
    fn mistakes_name_the_line_and_the_fix() {
        let e = fill("a\nb {{ago:5x}}", now(), DateStyle::Rfc2822).unwrap_err();
        let message = format!("{e:#}");
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("unknown unit `x`"), "{message}");
        for bad in [
            "{{ago:5}}",
            "{{ago:h}}",
            "{{when:5h}}",
            "{{ago5h}}",
            "{{ago:}}",
        ] {
            assert!(fill(bad, now(), DateStyle::Rfc2822).is_err(), "{bad}");
        }
        let e = fill("x {{ago:5h", now(), DateStyle::Rfc2822).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
        for huge in [
            "{{ago:99999999999999d}}",
            "{{ago:99999999999999d99999999999999d}}",
        ] {
            assert!(fill(huge, now(), DateStyle::Rfc2822).is_err(), "{huge}");
        }
    }
}
