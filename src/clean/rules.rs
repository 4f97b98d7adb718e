//! Noise rules as data: `assets/rules/generic.toml`, one file per site in
//! `assets/rules/sites/`, and the user's `rules/*.toml` on top (same name
//! replaces, `enabled = false` removes). Compiled once: phrases into one
//! Aho-Corasick scan for the generic rules (each rule's own automaton on
//! first use), patterns into anchored regexes, or for the shipped ones
//! into DFAs at build time (`build.rs`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::reader::line_of;

use super::pattern::{Haystack, LazyPattern};
use super::phrase_scan::PhraseScan;
use super::phrases::Phrases;
pub use super::reader::addresses_reader;
use super::reader::is_quotation;
use serde::Deserialize;

use super::NoiseKind;
use super::fingerprint::SpecHasher;
pub use super::item_rule::{ItemFields, ItemRule};
use super::item_rule::{RawItemRule, compile_item};

const GENERIC: &str = include_str!("../../assets/rules/generic.toml");
const SITES: &[(&str, &str)] = &[(
    "theweek.com.toml",
    include_str!("../../assets/rules/sites/theweek.com.toml"),
)];

/// A rule file that could not be used, and why; the rest still load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct RuleError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    hosts: Vec<String>,
    /// Spanned so that a problem with them names their line.
    #[serde(default)]
    kickers: Option<toml::Spanned<Vec<String>>>,
    #[serde(default)]
    block: Vec<toml::Spanned<RawBlockRule>>,
    #[serde(default)]
    item: Vec<toml::Spanned<RawItemRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlockRule {
    name: String,
    #[serde(default)]
    kind: Option<NoiseKind>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    matches: Option<String>,
    #[serde(default)]
    max_words: Option<usize>,
    #[serde(default)]
    selector: Option<String>,
    #[serde(default)]
    reader_over: Option<usize>,
    #[serde(default = "yes")]
    enabled: bool,
}

fn yes() -> bool {
    true
}

impl RawBlockRule {
    /// A stable hash of everything the rule says (see `fingerprint`).
    fn spec(&self) -> u64 {
        let mut h = SpecHasher::new("block");
        h.field(&self.name);
        h.field(self.kind.map_or("", NoiseKind::as_str));
        h.list(&self.contains);
        h.field(self.matches.as_deref().unwrap_or(""));
        h.number(self.max_words);
        h.field(self.selector.as_deref().unwrap_or(""));
        h.number(self.reader_over);
        h.finish()
    }
}

/// One compiled block rule.
#[derive(Debug, Clone)]
pub struct BlockRule {
    pub name: String,
    pub kind: NoiseKind,
    /// The hash of its definition, for the rules' fingerprint.
    pub(super) spec: u64,
    /// Its `contains` phrases; a generic rule's are found by the set's
    /// one scan, so most processes never build their own automaton.
    contains: Phrases,
    matches: Option<Arc<LazyPattern>>,
    max_words: usize,
    reader_over: Option<usize>,
}

impl BlockRule {
    /// Whether this rule removes `block` (already trimmed), given its word
    /// count.
    pub fn hits(&self, block: &str, words: usize) -> bool {
        self.hits_with(block, words, &std::cell::OnceCell::new())
    }

    /// `hits`, with the block's `addresses_reader` kept in `reader` once
    /// worked out: every rule of a block asks the same question.
    pub fn hits_with(&self, block: &str, words: usize, reader: &std::cell::OnceCell<bool>) -> bool {
        self.hits_in(&Haystack::new(block), words, reader)
    }

    /// `hits_with` over a block that many rules read.
    fn hits_in(
        &self,
        block: &Haystack<'_>,
        words: usize,
        reader: &std::cell::OnceCell<bool>,
    ) -> bool {
        self.hits_by(block, words, reader, || {
            self.contains.is_match_folded(block.folded())
        })
    }

    /// `hits_in`, with whether one of its phrases is in `block` asked
    /// of `has_phrase` (a scan shared by many rules), only when needed.
    fn hits_by(
        &self,
        haystack: &Haystack<'_>,
        words: usize,
        reader: &std::cell::OnceCell<bool>,
        has_phrase: impl FnOnce() -> bool,
    ) -> bool {
        let block = haystack.text();
        if words > self.max_words {
            return false;
        }
        if self.kind == NoiseKind::Promo && is_quotation(block) {
            return false;
        }
        if self.reader_over.is_some_and(|n| words > n)
            && !*reader.get_or_init(|| addresses_reader(block))
        {
            return false;
        }
        (!self.contains.is_empty() && has_phrase())
            || self
                .matches
                .as_ref()
                .is_some_and(|re| re.is_match_in(haystack))
    }
}

/// The block rules that apply to one host: the generic ones (whose
/// phrases are found in one scan) and the site's.
pub struct HostBlockRules<'a> {
    generic: &'a [BlockRule],
    scan: &'a PhraseScan,
    site: &'a [BlockRule],
}

impl<'a> HostBlockRules<'a> {
    pub fn len(&self) -> usize {
        self.generic.len() + self.site.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first rule (generic ones first) that removes `block`, already
    /// trimmed, given its word count.
    pub fn first_hit(&self, block: &str, words: usize) -> Option<&'a BlockRule> {
        let reader = std::cell::OnceCell::new();
        let found = std::cell::OnceCell::new();
        let haystack = Haystack::new(block);
        let shared = self.scan.is_usable();
        let generic = self.generic.iter().enumerate().find(|(i, rule)| {
            if !shared {
                return rule.hits_in(&haystack, words, &reader);
            }
            rule.hits_by(&haystack, words, &reader, || {
                found
                    .get_or_init(|| self.scan.found(haystack.folded()))
                    .has(*i)
            })
        });
        generic.map(|(_, rule)| rule).or_else(|| {
            self.site
                .iter()
                .find(|r| r.hits_in(&haystack, words, &reader))
        })
    }
}

/// A CSS selector rule: removes whole HTML elements.
#[derive(Debug, Clone)]
pub struct SelectorRule {
    pub name: String,
    pub kind: NoiseKind,
    pub matcher: dom_query::Matcher,
    /// What a document must have for the selector to match (a cheap test
    /// before the match over every element).
    pub needs: super::selector_gate::Needs,
    /// The selector's parts (one per need), each compiled alone the first
    /// time it is the only one a document may match: a rule of sixteen
    /// class tests then makes one test per element, not sixteen.
    parts: Vec<(String, std::sync::OnceLock<Option<dom_query::Matcher>>)>,
    /// Site rules are trusted to remove big elements; generic ones are
    /// not allowed to remove most of the article.
    pub site: bool,
    /// A rule with a bound is for small labels: an element with more
    /// words than this (a byline class on the article itself), or one
    /// that is part of a sentence (a dateline that opens the first
    /// paragraph), stays.
    pub max_words: Option<usize>,
    /// The hash of its definition, for the rules' fingerprint.
    pub(super) spec: u64,
}

impl SelectorRule {
    /// What to match on a document with `terms`: nothing when no part
    /// can match; the one part that can, when there is one; else the
    /// whole selector. The parts that cannot match add no element, so
    /// each choice matches the same elements as the whole.
    pub fn matcher_for(
        &self,
        terms: &super::selector_gate::DocumentTerms,
    ) -> Option<&dom_query::Matcher> {
        let Some(needs) = &self.needs else {
            return Some(&self.matcher);
        };
        let mut live = needs.iter().enumerate().filter(|(_, n)| terms.has(n));
        let (first, _) = live.next()?;
        if live.next().is_some() {
            return Some(&self.matcher);
        }
        let part = self.parts.get(first).and_then(|(text, compiled)| {
            compiled
                .get_or_init(|| dom_query::Matcher::new(text).ok())
                .as_ref()
        });
        Some(part.unwrap_or(&self.matcher))
    }
}

/// Rules for one site, chosen by the page's host.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {
    pub hosts: Vec<String>,
    /// The hash of its hosts and kickers, for the rules' fingerprint.
    pub(super) spec: u64,
    /// Matches a kicker glued to the title before it.
    /// Compiled on first use: only the site's pages read it.
    pub kickers: Option<Arc<LazyPattern>>,
    pub blocks: Vec<BlockRule>,
    pub selectors: Vec<SelectorRule>,
    pub items: Vec<ItemRule>,
}

/// Where a rules file comes from. The user's item patterns are checked
/// when they load, so a mistake is reported with its file and line; the
/// shipped ones are tested to compile, and every process that never
/// judges an item (`sift extract`, `sift show`) skips the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Shipped,
    User,
}

/// Every rule, compiled.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub generic: Vec<BlockRule>,
    /// The phrases of `generic`, built on first use and again after a
    /// file changes the rules.
    generic_scan: std::sync::OnceLock<PhraseScan>,
    pub generic_selectors: Vec<SelectorRule>,
    pub generic_items: Vec<ItemRule>,
    pub sites: Vec<SiteRules>,
}

impl RuleSet {
    /// The rules shipped in `assets/rules/`.
    pub fn builtin() -> RuleSet {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        let generic = Path::new("assets/rules/generic.toml");
        set.add_file(generic, GENERIC, Origin::Shipped, &mut errors);
        for (name, text) in SITES {
            let file = Path::new("assets/rules/sites").join(name);
            set.add_file(&file, text, Origin::Shipped, &mut errors);
        }
        // The shipped files are tested to load cleanly.
        for e in errors {
            tracing::error!("built-in rule: {e}");
        }
        // Compiled last to first: the cleaner, once the page is read,
        // compiles what it needs first to last, so the two meet in the
        // middle instead of one waiting on the other. A site's patterns
        // compile on the first page of its site.
        let generic = set.generic.iter().rev();
        let patterns = generic.filter_map(|rule| rule.matches.clone()).collect();
        super::pattern::warm_up(patterns, || {
            super::credits::warm_up();
            super::header::warm_up();
        });
        set
    }

    /// Every block rule's pattern.
    #[cfg(test)]
    fn patterns(&self) -> impl Iterator<Item = &Arc<LazyPattern>> {
        let sites = self.sites.iter().flat_map(|s| s.blocks.iter());
        self.generic
            .iter()
            .chain(sites)
            .filter_map(|rule| rule.matches.as_ref())
    }

    /// The built-in rules with the user's `*.toml` files from `dir` on top.
    /// A bad file or rule is reported and skipped; it never stops sift.
    pub fn with_user_rules(dir: &Path) -> (RuleSet, Vec<RuleError>) {
        let mut set = RuleSet::builtin();
        let mut errors = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return (set, errors);
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for file in files {
            match crate::config::reader::read_optional(&file) {
                Ok(Some(text)) => set.add_file(&file, &text, Origin::User, &mut errors),
                Ok(None) => {}
                Err(e) => errors.push(RuleError {
                    file,
                    line: e.line,
                    message: e.message,
                }),
            }
        }
        (set, errors)
    }

    /// Readies the rules for cleaning many blocks (a poll's feed bodies):
    /// the shared phrase scan becomes a DFA, whose search is faster and
    /// whose build costs under a millisecond once. Without it the first
    /// use builds a scan that is quick to build.
    pub fn prepare_for_many(&self) {
        // Built once: a scan already made (either kind) is kept.
        self.generic_scan.get_or_init(|| self.phrase_scan(true));
        let sites = self.sites.iter().flat_map(|s| s.blocks.iter());
        for rule in self.generic.iter().chain(sites) {
            if let Some(pattern) = &rule.matches {
                pattern.for_many();
            }
        }
        super::header::for_many();
    }

    fn phrase_scan(&self, many: bool) -> PhraseScan {
        PhraseScan::new(self.generic.iter().map(|r| r.contains.folded()), many)
    }

    /// The rules that apply to a page at `host` (generic, then the site's).
    pub fn for_host(&self, host: Option<&str>) -> (HostBlockRules<'_>, Option<&LazyPattern>) {
        let site = self.site(host);
        let scan = self.generic_scan.get_or_init(|| self.phrase_scan(false));
        let rules = HostBlockRules {
            generic: &self.generic,
            scan,
            site: site.map_or(&[], |s| s.blocks.as_slice()),
        };
        (rules, site.and_then(|s| s.kickers.as_deref()))
    }

    /// The CSS selector rules for a page at `host` (generic, then the
    /// site's).
    pub fn selectors_for_host(&self, host: Option<&str>) -> Vec<&SelectorRule> {
        let mut rules: Vec<&SelectorRule> = self.generic_selectors.iter().collect();
        if let Some(site) = self.site(host) {
            rules.extend(site.selectors.iter());
        }
        rules
    }

    /// The item rules for an item whose link is on `host`.
    pub fn items_for_host(&self, host: Option<&str>) -> Vec<&ItemRule> {
        let mut rules: Vec<&ItemRule> = self.generic_items.iter().collect();
        if let Some(site) = self.site(host) {
            rules.extend(site.items.iter());
        }
        rules
    }

    fn site(&self, host: Option<&str>) -> Option<&SiteRules> {
        let h = host?.trim_start_matches("www.");
        self.sites.iter().find(|s| {
            s.hosts
                .iter()
                .any(|x| x.trim_start_matches("www.").eq_ignore_ascii_case(h))
        })
    }

    fn add_file(&mut self, file: &Path, text: &str, origin: Origin, errors: &mut Vec<RuleError>) {
        let parsed: RuleFile = match toml::from_str(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                let line = e.span().map_or(0, |s| line_of(text, s.start));
                let message = e.message().to_owned();
                errors.push(RuleError {
                    file: file.into(),
                    line,
                    message,
                });
                return;
            }
        };
        let mut blocks = Vec::new();
        let mut selectors = Vec::new();
        let mut disabled = Vec::new();
        let site = !parsed.hosts.is_empty();
        // A rule's line is counted only when it is reported: counting it
        // for every rule read the file once per rule.
        for spanned in parsed.block {
            let start = spanned.span().start;
            let raw = spanned.into_inner();
            if !raw.enabled {
                disabled.push(raw.name);
                continue;
            }
            let compiled = if raw.selector.is_some() {
                compile_selector(raw, site).map(|rule| selectors.push(rule))
            } else {
                compile(raw, origin == Origin::User).map(|rule| blocks.push(rule))
            };
            match compiled {
                Ok(()) => {}
                Err(message) => errors.push(RuleError {
                    file: file.into(),
                    line: line_of(text, start),
                    message,
                }),
            }
        }
        let mut items = Vec::new();
        for spanned in parsed.item {
            let start = spanned.span().start;
            let raw = spanned.into_inner();
            if !raw.enabled {
                disabled.push(raw.name);
                continue;
            }
            match compile_item(raw, origin == Origin::User) {
                Ok(rule) => items.push(rule),
                Err(message) => errors.push(RuleError {
                    file: file.into(),
                    line: line_of(text, start),
                    message,
                }),
            }
        }
        // A rule named again replaces the earlier one, wherever it was.
        let replaced: Vec<String> = blocks
            .iter()
            .map(|r| r.name.clone())
            .chain(selectors.iter().map(|r| r.name.clone()))
            .chain(items.iter().map(|r| r.name.clone()))
            .chain(disabled)
            .collect();
        self.generic.retain(|r| !replaced.contains(&r.name));
        self.generic_scan = std::sync::OnceLock::new();
        self.generic_selectors
            .retain(|r| !replaced.contains(&r.name));
        self.generic_items.retain(|r| !replaced.contains(&r.name));
        for site in &mut self.sites {
            site.blocks.retain(|r| !replaced.contains(&r.name));
            site.selectors.retain(|r| !replaced.contains(&r.name));
            site.items.retain(|r| !replaced.contains(&r.name));
        }
        let kickers_line = parsed
            .kickers
            .as_ref()
            .map_or(0, |k| line_of(text, k.span().start));
        let kicker_list = parsed
            .kickers
            .map(toml::Spanned::into_inner)
            .unwrap_or_default();
        if parsed.hosts.is_empty() {
            if !kicker_list.is_empty() {
                errors.push(RuleError {
                    file: file.into(),
                    line: kickers_line,
                    message: "`kickers` need `hosts`: kickers are a site's own".into(),
                });
            }
            self.generic.extend(blocks);
            self.generic_selectors.extend(selectors);
            self.generic_items.extend(items);
            return;
        }
        let kickers = match kicker_regex(&kicker_list) {
            Ok(k) => k,
            Err(message) => {
                errors.push(RuleError {
                    file: file.into(),
                    line: kickers_line,
                    message,
                });
                None
            }
        };
        let mut spec = SpecHasher::new("site");
        spec.list(&parsed.hosts);
        spec.list(&kicker_list);
        self.sites.push(SiteRules {
            spec: spec.finish(),
            hosts: parsed.hosts,
            kickers,
            blocks,
            selectors,
            items,
        });
    }
}

/// Compiles a block rule; `check` checks its pattern now (a user's rule),
/// else it is compiled on first use or by `warm_up`.
fn compile(raw: RawBlockRule, check: bool) -> Result<BlockRule, String> {
    let spec = raw.spec();
    let name = raw.name;
    let kind = raw
        .kind
        .ok_or_else(|| format!("rule `{name}` has no `kind`"))?;
    if raw.contains.is_empty() && raw.matches.is_none() {
        return Err(format!("rule `{name}` needs `contains` or `matches`"));
    }
    // A user's rule (`check`): a build that fails is reported now.
    let contains = Phrases::new(&raw.contains, check).map_err(|e| format!("rule `{name}`: {e}"))?;
    let matches = match raw.matches {
        None => None,
        Some(pattern) => Some(
            LazyPattern::any_case(super::pattern_plan::whole_block(&pattern), check)
                .map_err(|e| format!("rule `{name}`: bad `matches` pattern: {e}"))?,
        ),
    };
    Ok(BlockRule {
        name,
        kind,
        contains,
        matches,
        max_words: raw.max_words.unwrap_or(40),
        reader_over: raw.reader_over,
        spec,
    })
}

fn compile_selector(raw: RawBlockRule, site: bool) -> Result<SelectorRule, String> {
    let spec = raw.spec();
    let name = raw.name;
    let kind = raw
        .kind
        .ok_or_else(|| format!("rule `{name}` has no `kind`"))?;
    if !raw.contains.is_empty() || raw.matches.is_some() || raw.reader_over.is_some() {
        return Err(format!(
            "rule `{name}`: `selector` stands alone (no `contains`, `matches` or `reader_over`)"
        ));
    }
    let selector = raw.selector.unwrap_or_default();
    let matcher = dom_query::Matcher::new(&selector)
        .map_err(|e| format!("rule `{name}`: bad CSS selector `{selector}`: {e:?}"))?;
    let needs = super::selector_gate::needs_of(&selector);
    let parts = super::selector_gate::parts_of(&selector);
    let parts = match &needs {
        Some(n) if n.len() == parts.len() => parts
            .into_iter()
            .map(|p| (p.to_owned(), std::sync::OnceLock::new()))
            .collect(),
        _ => Vec::new(),
    };
    Ok(SelectorRule {
        name,
        kind,
        matcher,
        needs,
        parts,
        site,
        max_words: raw.max_words,
        spec,
    })
}

/// A kicker glued to the end of a title: a non-space character, then the
/// kicker, then a space (`...centre?Under The Radar Thousands`).
fn kicker_regex(kickers: &[String]) -> Result<Option<Arc<LazyPattern>>, String> {
    if kickers.is_empty() {
        return Ok(None);
    }
    let alternatives: Vec<String> = kickers.iter().map(|k| regex::escape(k)).collect();
    // Escaped literals always parse: no need to check them now.
    LazyPattern::unicode(
        format!(r"(?i)\S(?:{})(?:\s|$)", alternatives.join("|")),
        false,
    )
    .map(Some)
    .map_err(|e| format!("bad kickers: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::case_fold::fold_case_string;

    #[test]
    fn a_selector_matched_by_its_one_live_part_finds_what_the_whole_finds() {
        use super::super::selector_gate::{DocumentTerms, wanted_attributes};
        let docs = [
            "<div class='Related-Stories'><p>x</p></div><p>y</p>",
            "<div class='related more-stories'><nav>n</nav>\
             <aside id='sidebar-related'>a</aside></div>",
            "<p>plain</p>",
            "<footer class='site-footer'><form><input></form></footer><dialog>d</dialog>",
            "<html><body><p>t</p><footer>f</footer></body></html>",
            "<div class='newsletter-signup'><p class='promo'>Sign up</p></div>",
        ];
        let rules = RuleSet::builtin();
        let selectors = rules.selectors_for_host(None);
        let wanted = wanted_attributes(selectors.iter().map(|r| &r.needs));
        let mut narrowed = 0;
        for html in docs {
            let doc = dom_query::Document::from(html);
            let terms = DocumentTerms::read(&doc, &wanted);
            for rule in &selectors {
                let whole: Vec<_> = doc
                    .select_matcher(&rule.matcher)
                    .nodes()
                    .iter()
                    .map(|n| n.id)
                    .collect();
                let chosen = rule.matcher_for(&terms);
                let found: Vec<_> = chosen
                    .map(|m| doc.select_matcher(m).nodes().iter().map(|n| n.id).collect())
                    .unwrap_or_default();
                assert_eq!(found, whole, "{} on {html}", rule.name);
                narrowed += usize::from(chosen.is_some_and(|m| !std::ptr::eq(m, &rule.matcher)));
            }
        }
        // The narrowing happened, or the test shows nothing.
        assert!(narrowed >= 3, "only {narrowed} rules narrowed");
    }

    #[test]
    fn the_shipped_rules_load_without_errors() {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        set.add_file(
            Path::new("generic.toml"),
            GENERIC,
            Origin::Shipped,
            &mut errors,
        );
        for (name, text) in SITES {
            set.add_file(Path::new(name), text, Origin::Shipped, &mut errors);
        }
        assert_eq!(errors, vec![]);
        assert!(set.generic.len() >= 6);
        assert!(set.sites[0].kickers.is_some());
        // Item patterns compile on first use: make sure they do.
        let items = set
            .generic_items
            .iter()
            .chain(set.sites.iter().flat_map(|s| &s.items));
        for rule in items {
            assert!(rule.patterns_compile(), "{}", rule.name);
        }
        // So do block patterns (or on `warm_up`'s thread).
        let patterns: Vec<_> = set.patterns().collect();
        assert!(patterns.len() >= 10);
        for pattern in patterns {
            assert!(pattern.get().is_some(), "{pattern:?}");
        }
    }

    #[test]
    fn folded_text_matches_what_case_folding_matches_and_accented_capitals_too() {
        let lines = [
            "Related Stories",
            "Lesen Sie auch:",
            "Subscribe now!",
            "Subscribe to The Week",
            "Photo: Getty Images",
            "Follow The Week on Facebook and Twitter",
            "Download the app",
            "Anzeige",
            "Foto: dpa",
            "12 Kommentare",
            "Ähnliche Artikel",
            "Share this article",
            "Advertisement",
            "Reporting by Jane Doe; editing by John Roe",
            "More from The Week",
            "Play the daily crossword",
            "The minister said the talks would resume on Monday.",
            "Sign up for our newsletter",
            "Listen to this article",
            "À lire aussi : la réforme",
            "Zurück zur Übersicht",
            "Artículos relacionados",
        ];
        let set = RuleSet::builtin();
        let (mut lowered, mut matched) = (0, 0);
        for pattern in set.patterns() {
            let folded = pattern.with_case_folding().expect("compiles with (?i)");
            let lowercase = matches!(
                pattern.get(),
                Some(super::super::pattern::Pattern::AsciiLowercase(_))
            );
            lowered += usize::from(lowercase);
            // Written with the small letter's bytes only, it must read
            // folded text (`(?i)` does not fold É to é).
            assert!(
                lowercase || !pattern.source().contains(r"\xC3"),
                "{pattern:?}"
            );
            for line in lines {
                for text in [line.to_owned(), line.to_uppercase(), line.to_lowercase()] {
                    let hit = pattern.is_match(&text);
                    // (?i) folds ASCII only: it is given the folded text
                    // the lowercase path reads.
                    let reference = folded.is_match(&fold_case_string(&text));
                    assert_eq!(hit, reference, "{pattern:?} on {text}");
                    matched += usize::from(hit);
                    // The fold makes a capital's case no matter.
                    assert_eq!(hit, pattern.is_match(&line.to_lowercase()), "{text}");
                }
            }
        }
        assert!(lowered >= 12, "{lowered} patterns took the lowercase path");
        assert!(
            matched >= 30,
            "only {matched} matches: the lines test too little"
        );
    }

    #[test]
    fn user_rules_add_replace_and_disable_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "[[block]]\nname = \"share-bar\"\nenabled = false\n\n[[block]]\nname = \"podcast-plug\"\nkind = \"promo\"\ncontains = [\"listen to our podcast\"]\n",
        )
        .unwrap();
        let (set, errors) = RuleSet::with_user_rules(dir.path());
        assert_eq!(errors, vec![]);
        assert!(set.generic.iter().all(|r| r.name != "share-bar"));
        let plug = set
            .generic
            .iter()
            .find(|r| r.name == "podcast-plug")
            .unwrap();
        assert!(plug.hits("Listen to our podcast every Friday", 6));
    }

    #[test]
    fn bad_user_rules_are_reported_with_file_and_line_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("bad.toml"),
            "[[block]]\nname = \"ok\"\nkind = \"promo\"\ncontains = [\"buy now\"]\n\n[[block]]\nname = \"broken\"\nkind = \"promo\"\nmatches = \"(unclosed\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("worse.toml"), "[[block]\nname = 1\n").unwrap();
        let (set, errors) = RuleSet::with_user_rules(dir.path());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0]
                .to_string()
                .contains("bad.toml:6: rule `broken`: bad `matches` pattern"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].to_string().contains("worse.toml:1:"),
            "{}",
            errors[1]
        );
        assert!(set.generic.iter().any(|r| r.name == "ok"));
    }

    /// Kickers without hosts are said at their line, not at line 0.
    #[test]
    fn kickers_without_hosts_name_their_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "# my kickers\n\nkickers = [\"Speed Read\"]\n",
        )
        .unwrap();
        let (_, errors) = RuleSet::with_user_rules(dir.path());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3, "{}", errors[0]);
        assert!(errors[0].message.contains("need `hosts`"), "{}", errors[0]);
    }

    #[test]
    fn site_rules_apply_only_to_their_hosts() {
        let set = RuleSet::builtin();
        let (generic_only, kickers) = set.for_host(Some("example.com"));
        assert!(kickers.is_none());
        let (with_site, kickers) = set.for_host(Some("www.theweek.com"));
        assert!(kickers.is_some());
        assert!(with_site.len() > generic_only.len());
    }
}
