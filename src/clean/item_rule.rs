//! Item rules as data: `[[item]]` entries judge a whole feed item by its
//! link, its title and its summary. Phrases go into one Aho-Corasick
//! automaton per field, patterns into one regex per field. Patterns
//! compile on first use: only a poll or a rescan judges items, and
//! compiling the shipped ones (about 6 ms) would cost every `sift extract`
//! and `sift show` too. The user's are checked when they load.

use std::sync::Arc;

use serde::Deserialize;

use super::NoiseKind;
use super::fingerprint::SpecHasher;
use super::pattern::LazyPattern;
use super::phrases::Phrases;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawItemRule {
    pub name: String,
    #[serde(default)]
    kind: Option<NoiseKind>,
    #[serde(default)]
    url_contains: Vec<String>,
    #[serde(default)]
    title_contains: Vec<String>,
    #[serde(default)]
    title_matches: Option<String>,
    #[serde(default)]
    summary_contains: Vec<String>,
    #[serde(default)]
    summary_matches: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

impl RawItemRule {
    /// A stable hash of everything the rule says (see `fingerprint`).
    fn spec(&self) -> u64 {
        let mut h = SpecHasher::new("item");
        h.field(&self.name);
        h.field(self.kind.map_or("", NoiseKind::as_str));
        h.list(&self.url_contains);
        h.list(&self.title_contains);
        h.field(self.title_matches.as_deref().unwrap_or(""));
        h.list(&self.summary_contains);
        h.field(self.summary_matches.as_deref().unwrap_or(""));
        h.finish()
    }
}

/// What an item rule reads of one item. The summary is plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFields<'a> {
    pub title: &'a str,
    pub link: &'a str,
    pub summary: &'a str,
}

/// One compiled item rule.
#[derive(Debug, Clone)]
pub struct ItemRule {
    pub name: String,
    pub kind: NoiseKind,
    /// The hash of its definition, for the rules' fingerprint.
    pub(super) spec: u64,
    url: Phrases,
    title: Phrases,
    /// Case-insensitive, checked at load, compiled on first use.
    title_pattern: Option<Arc<LazyPattern>>,
    summary: Phrases,
    summary_pattern: Option<Arc<LazyPattern>>,
}

impl ItemRule {
    /// Whether the rule reads the summary at all (it is converted from
    /// HTML only when some rule does).
    pub fn reads_summary(&self) -> bool {
        !self.summary.is_empty() || self.summary_pattern.is_some()
    }

    /// Whether every pattern compiles (the shipped rules are tested so).
    #[cfg(test)]
    pub(super) fn patterns_compile(&self) -> bool {
        [&self.title_pattern, &self.summary_pattern]
            .into_iter()
            .flatten()
            .all(|p| p.get().is_some())
    }

    pub fn hits(&self, item: &ItemFields<'_>) -> bool {
        let phrase = |phrases: &Phrases, text: &str| phrases.is_match(text);
        let pattern = |re: &Option<Arc<LazyPattern>>, text: &str| {
            re.as_ref().is_some_and(|re| re.is_match(text))
        };
        phrase(&self.url, item.link)
            || phrase(&self.title, item.title)
            || pattern(&self.title_pattern, item.title)
            || (!item.summary.is_empty()
                && (phrase(&self.summary, item.summary)
                    || pattern(&self.summary_pattern, item.summary)))
    }
}

/// Compiles a rule; `check_patterns` checks its patterns now (else on
/// first use, for the shipped rules, which are tested to compile).
pub(super) fn compile_item(raw: RawItemRule, check_patterns: bool) -> Result<ItemRule, String> {
    let spec = raw.spec();
    let name = raw.name;
    let kind = raw
        .kind
        .ok_or_else(|| format!("item rule `{name}` has no `kind`"))?;
    if raw.url_contains.is_empty()
        && raw.title_contains.is_empty()
        && raw.title_matches.is_none()
        && raw.summary_contains.is_empty()
        && raw.summary_matches.is_none()
    {
        return Err(format!(
            "item rule `{name}` needs `url_contains`, `title_contains`, `title_matches`, \
             `summary_contains` or `summary_matches`"
        ));
    }
    let phrases = |list: &[String]| -> Result<Phrases, String> {
        Phrases::new(list, check_patterns).map_err(|e| format!("item rule `{name}`: {e}"))
    };
    let pattern = |p: Option<String>, key: &str| -> Result<Option<Arc<LazyPattern>>, String> {
        p.map(|p| {
            LazyPattern::unicode(format!("(?i){p}"), check_patterns)
                .map_err(|e| format!("item rule `{name}`: bad `{key}` pattern: {e}"))
        })
        .transpose()
    };
    Ok(ItemRule {
        url: phrases(&raw.url_contains)?,
        title: phrases(&raw.title_contains)?,
        title_pattern: pattern(raw.title_matches, "title_matches")?,
        summary: phrases(&raw.summary_contains)?,
        summary_pattern: pattern(raw.summary_matches, "summary_matches")?,
        kind,
        name,
        spec,
    })
}

#[cfg(test)]
mod tests {
    use super::{ItemFields, RawItemRule, compile_item};

    #[test]
    fn phrases_match_titles_and_summaries_in_capitals_beyond_ascii() {
        let raw: RawItemRule = toml::from_str(
            "name = \"abo\"\nkind = \"promo\"\n\
             title_contains = [\"Angebot für Abonnenten\"]\n\
             summary_contains = [\"offre réservée\"]\n",
        )
        .unwrap();
        let rule = compile_item(raw, true).unwrap();
        let item = |title, summary| ItemFields {
            title,
            link: "https://example.test/a",
            summary,
        };
        assert!(rule.hits(&item("ANGEBOT FÜR ABONNENTEN: drei Monate gratis", "")));
        assert!(rule.hits(&item("Neu", "OFFRE RÉSERVÉE aux nouveaux abonnés")));
        assert!(!rule.hits(&item("Angebot fur Abonnenten", "Offre reservee")));
    }
}
