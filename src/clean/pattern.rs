//! A rule's regular expression, compiled as cheaply as its text allows.
//! Every process that cleans compiles every rule, so compile time is paid
//! on each `sift extract`: a pattern written in ASCII is compiled with
//! ASCII classes and case folding over bytes (a Unicode `\w`, `\d` or
//! case-folded class is hundreds of ranges); a pattern with any other
//! character keeps Unicode semantics. The shipped block patterns are not
//! compiled at run time at all: `build.rs` compiles them into sparse DFAs
//! that `LazyPattern::is_match` reads (a pattern whose DFA would be too
//! big, and a user's pattern, compile here as before).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use regex_automata::dfa::{Automaton, sparse};
use regex_automata::{Anchored, Input};

use super::case_fold::fold_case;
use super::pattern_plan::is_lowercase_ascii;

/// A compiled pattern that matches text.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// An ASCII pattern: `.` is any byte, classes and `(?i)` are ASCII.
    Ascii(regex::bytes::Regex),
    /// An ASCII pattern without `(?i)` whose letters are all lowercase,
    /// matched against the text folded (`case_fold`): what `(?i)` over
    /// ASCII matches, for half the compile time (`(?i)` makes each letter
    /// a class), and capitals such as Ü or É too, so a pattern names
    /// only the small letter's bytes (`\xC3\xBC`).
    AsciiLowercase(regex::bytes::Regex),
    Unicode(regex::Regex),
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        if pattern.is_ascii()
            && let Ok(re) = regex::bytes::RegexBuilder::new(pattern)
                .unicode(false)
                .build()
        {
            return Ok(Pattern::Ascii(re));
        }
        regex::Regex::new(pattern).map(Pattern::Unicode)
    }

    /// `pattern` matched in any case: as `(?i){pattern}`, or, when its
    /// letters are all lowercase ASCII, against folded text.
    pub fn any_case(pattern: &str) -> Result<Pattern, regex::Error> {
        if is_lowercase_ascii(pattern)
            && let Ok(re) = regex::bytes::RegexBuilder::new(pattern)
                .unicode(false)
                .build()
        {
            return Ok(Pattern::AsciiLowercase(re));
        }
        Pattern::new(&format!("(?i){pattern}"))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_in(&Haystack::new(text))
    }

    /// `is_match` over a text many patterns read.
    pub fn is_match_in(&self, haystack: &Haystack<'_>) -> bool {
        match self {
            Pattern::Ascii(re) => re.is_match(haystack.text.as_bytes()),
            Pattern::AsciiLowercase(re) => re.is_match(haystack.folded()),
            Pattern::Unicode(re) => re.is_match(haystack.text),
        }
    }

    /// Where the first match lies; None unless both ends are character
    /// boundaries.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let found = match self {
            Pattern::Ascii(re) => re.find(text.as_bytes())?.range(),
            // Folding keeps every byte where it was.
            Pattern::AsciiLowercase(re) => re.find(&fold_case(text))?.range(),
            Pattern::Unicode(re) => re.find(text)?.range(),
        };
        (text.is_char_boundary(found.start) && text.is_char_boundary(found.end)).then_some(found)
    }

    /// Where the first match starts, always at a character boundary.
    pub fn find_start(&self, text: &str) -> Option<usize> {
        let start = match self {
            Pattern::Ascii(re) => re.find(text.as_bytes())?.start(),
            Pattern::AsciiLowercase(re) => re.find(&fold_case(text))?.start(),
            Pattern::Unicode(re) => re.find(text)?.start(),
        };
        text.is_char_boundary(start).then_some(start)
    }
}

/// A text that many patterns and phrases are matched against (a block
/// meets every rule): its folded bytes (`case_fold`) are made once, when
/// the first of them reads them.
pub struct Haystack<'t> {
    text: &'t str,
    folded: std::cell::OnceCell<std::borrow::Cow<'t, [u8]>>,
}

impl<'t> Haystack<'t> {
    pub fn new(text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            folded: std::cell::OnceCell::new(),
        }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The text folded: the same length, every byte where it was.
    pub fn folded(&self) -> &[u8] {
        self.folded.get_or_init(|| fold_case(self.text))
    }
}

/// A rule's pattern, checked when the rule loads and compiled on first
/// use, or before it by `warm_up`'s thread, while the page is read and
/// parsed; a shipped pattern with a DFA from `build.rs` is only loaded.
#[derive(Debug)]
pub struct LazyPattern {
    source: String,
    how: Compile,
    /// None when it checked but would not compile (too big): logged once,
    /// and the pattern never hits.
    compiled: OnceLock<Option<Pattern>>,
    /// A shipped pattern's DFA, built by `build.rs`: `is_match` reads it
    /// instead of compiling the pattern.
    ahead: Option<AheadOfTime>,
    /// Set for a process that cleans many texts (`for_many`): the
    /// pattern is compiled on first use and the DFA left unread.
    many: AtomicBool,
}

/// The shipped block patterns compiled by `build.rs`: the source each
/// was compiled from (as `Pattern::any_case` is given it), whether it
/// reads folded text, and its sparse DFA in this machine's byte order.
static SHIPPED: &[(&str, bool, &[u8])] = include!(concat!(env!("OUT_DIR"), "/shipped_patterns.rs"));

/// A pattern compiled before the build, read on first use; bytes that do
/// not load (another byte order) leave the pattern to compile as any
/// other.
#[derive(Debug)]
struct AheadOfTime {
    folded: bool,
    bytes: &'static [u8],
    dfa: OnceLock<Option<sparse::DFA<&'static [u8]>>>,
}

/// A shipped DFA. The header (format, version, byte order) is checked;
/// the states are not: checking them cost as many instructions as
/// compiling half the patterns (14 M of a `sift extract`).
fn load(bytes: &'static [u8]) -> Option<sparse::DFA<&'static [u8]>> {
    // SAFETY: the bytes are `build.rs`'s `to_bytes_native_endian` of a
    // DFA built by this very regex-automata (one version in Cargo.lock),
    // included unchanged; `shipped_dfas_are_valid` checks them in full.
    unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
        .ok()
        .map(|(dfa, _)| dfa)
}

impl AheadOfTime {
    fn shipped(source: &str) -> Option<AheadOfTime> {
        let &(_, folded, bytes) = SHIPPED.iter().find(|(s, ..)| *s == source)?;
        Some(AheadOfTime {
            folded,
            bytes,
            dfa: OnceLock::new(),
        })
    }

    fn dfa(&self) -> Option<&sparse::DFA<&'static [u8]>> {
        self.dfa.get_or_init(|| load(self.bytes)).as_ref()
    }

    /// Whether the pattern matches; None when the DFA cannot say.
    fn is_match_in(&self, haystack: &Haystack<'_>) -> Option<bool> {
        let dfa = self.dfa()?;
        let text = if self.folded {
            haystack.folded()
        } else {
            haystack.text.as_bytes()
        };
        // Every block pattern starts with `^`: an anchored search is the
        // same search. The first match state is enough to say yes.
        let input = Input::new(text).anchored(Anchored::Yes).earliest(true);
        dfa.try_search_fwd(&input).ok().map(|m| m.is_some())
    }
}

/// How a lazy pattern compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compile {
    /// `Pattern::new`: the ASCII fast path where the pattern allows it.
    AsAllows,
    /// Always Unicode semantics (item rules' titles and summaries).
    Unicode,
    /// `Pattern::any_case`: in any case, without `(?i)` where it can.
    AnyCase,
}

impl LazyPattern {
    /// With `check`, `source` is parsed now (a user's rule: its error is
    /// reported at load); the shipped rules are tested to compile.
    pub fn new(source: String, check: bool) -> Result<Arc<LazyPattern>, String> {
        LazyPattern::checked(source, check, Compile::AsAllows)
    }

    /// `new`, always with Unicode semantics.
    pub fn unicode(source: String, check: bool) -> Result<Arc<LazyPattern>, String> {
        LazyPattern::checked(source, check, Compile::Unicode)
    }

    /// `pattern` matched in any case: `(?i)` unless its letters are all
    /// lowercase ASCII, then against folded text (see
    /// `Pattern::AsciiLowercase`).
    pub fn any_case(pattern: String, check: bool) -> Result<Arc<LazyPattern>, String> {
        LazyPattern::checked(pattern, check, Compile::AnyCase)
    }

    /// Readies the pattern for matching: its DFA loaded when it was
    /// shipped compiled, else the pattern compiled.
    pub fn warm(&self) {
        match &self.ahead {
            Some(ahead) if ahead.dfa().is_some() => {}
            _ => {
                self.get();
            }
        }
    }

    /// Readies the pattern for many texts (a poll cleans thousands of
    /// blocks): the regex compiled on first use, not the DFA built ahead.
    /// A sparse DFA walks every byte through its transitions, while the
    /// regex skips to its literals: in a cold 100-feed poll, the DFAs
    /// cost 1.13 G instructions of planning where the regexes cost 0.15 G
    /// and their compiling 0.1 G (BENCHMARKS.md, "Poll after session 15").
    pub fn for_many(&self) {
        self.many.store(true, Ordering::Relaxed);
    }

    /// Whether the pattern was compiled before the build.
    #[cfg(test)]
    pub fn is_shipped_compiled(&self) -> bool {
        self.ahead.as_ref().is_some_and(|a| a.dfa().is_some())
    }

    fn checked(source: String, check: bool, how: Compile) -> Result<Arc<LazyPattern>, String> {
        if check {
            regex_syntax::Parser::new()
                .parse(&source)
                .map_err(|e| e.to_string())?;
        }
        let ahead = match how {
            Compile::AnyCase => AheadOfTime::shipped(&source),
            Compile::AsAllows | Compile::Unicode => None,
        };
        Ok(Arc::new(LazyPattern {
            source,
            how,
            compiled: OnceLock::new(),
            ahead,
            many: AtomicBool::new(false),
        }))
    }

    pub fn get(&self) -> Option<&Pattern> {
        self.compiled
            .get_or_init(|| {
                let compiled = match self.how {
                    Compile::AsAllows => Pattern::new(&self.source),
                    Compile::Unicode => regex::Regex::new(&self.source).map(Pattern::Unicode),
                    Compile::AnyCase => Pattern::any_case(&self.source),
                };
                compiled
                    .map_err(|e| tracing::warn!("rule pattern left out: {e}"))
                    .ok()
            })
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_in(&Haystack::new(text))
    }

    pub fn is_match_in(&self, haystack: &Haystack<'_>) -> bool {
        let ahead = self
            .ahead
            .as_ref()
            .filter(|_| !self.many.load(Ordering::Relaxed));
        if let Some(found) = ahead.and_then(|a| a.is_match_in(haystack)) {
            return found;
        }
        self.get().is_some_and(|p| p.is_match_in(haystack))
    }

    #[cfg(test)]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The pattern as `(?i)` compiles it, whichever way `get` took.
    #[cfg(test)]
    pub fn with_case_folding(&self) -> Option<Pattern> {
        Pattern::new(&format!("(?i){}", self.source)).ok()
    }

    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.get()?.find(text)
    }
}

/// Compiles `patterns`, then runs `then` (the cleaner's own lazy
/// patterns), on a thread of their own. A use that comes first compiles
/// its pattern itself (or waits for the thread, if it is on it).
pub fn warm_up(patterns: Vec<Arc<LazyPattern>>, then: fn()) {
    let spawned = std::thread::Builder::new()
        .name("sift-patterns".into())
        .spawn(move || {
            for pattern in patterns {
                pattern.warm();
            }
            then();
        });
    // Without a thread, each pattern compiles on first use.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::{LazyPattern, Pattern, is_lowercase_ascii, warm_up};

    #[test]
    fn only_patterns_that_mean_the_same_on_folded_text_skip_case_folding() {
        for eligible in [
            r"^\s*(?:related|read more)\s*:?$",
            r"m(\xC3\xA4|ae)rz",
            r"\S+\W\d",
            r"[a-z]{2}",
            r"photo\s*[:,]\s*.+",
            r"[0-9]{1,2}[:.h][0-9]{2}",
            r"us( on [^:]+)?",
        ] {
            assert!(is_lowercase_ascii(eligible), "{eligible}");
        }
        for kept in [
            "Related",
            "[A-Z]",
            "(?-i:bbc)",
            "[[:upper:]]+",
            "[[:^lower:]]",
            "x[[:alpha:]]",
            "caf\u{e9}",
            "café",
            r"a\\B",
        ] {
            assert!(!is_lowercase_ascii(kept), "{kept}");
        }
        // A named class keeps (?i), so it still matches in any case.
        let upper = Pattern::any_case("^[[:upper:]]+$").unwrap();
        assert!(upper.is_match("abc") && upper.is_match("ABC"));
        let lowered = Pattern::any_case("^related stories$").unwrap();
        assert!(matches!(lowered, Pattern::AsciiLowercase(_)));
        assert!(lowered.is_match("RELATED Stories") && !lowered.is_match("related story"));
    }
    use std::sync::Arc;

    #[test]
    fn shipped_dfas_are_valid_and_match_as_their_patterns_do() {
        assert!(super::SHIPPED.len() >= 15);
        let lines = [
            "Related Stories",
            "RELATED: Talks in Geneva",
            "Lesen Sie auch: Die Wahl",
            "Subscribe now!",
            "Photo: Getty Images",
            "Anna Smith/Reuters",
            "Advertisement",
            "12 Kommentare",
            "Share · Tweet · Email",
            "© 2024 The Week",
            "----",
            "5 min read",
            "Updated: March 3, 2024 at 10:15 am",
            "VERÖFFENTLICHT AM 3. MÄRZ 2021",
            "The minister said the talks would resume on Monday.",
            "Zurück zur Übersicht",
            "",
            "\u{a0}Follow us on Twitter\u{a0}",
        ];
        for &(source, _, bytes) in super::SHIPPED {
            // The full check that `load` skips.
            assert!(
                regex_automata::dfa::sparse::DFA::from_bytes(bytes).is_ok(),
                "{source}"
            );
            let ahead = LazyPattern::any_case(source.to_owned(), true).unwrap();
            assert!(ahead.is_shipped_compiled(), "{source}");
            let compiled = ahead.get().unwrap();
            for line in lines {
                for text in [line.to_owned(), line.to_uppercase(), line.to_lowercase()] {
                    assert_eq!(
                        ahead.is_match(&text),
                        compiled.is_match(&text),
                        "{source} on {text:?}"
                    );
                }
            }
        }
    }

    /// A process that cleans many texts reads the compiled regex, not the
    /// DFA built ahead (slower per byte), with the same answers.
    #[test]
    fn for_many_a_shipped_pattern_is_compiled_on_first_use() {
        let &(source, ..) = super::SHIPPED.first().expect("shipped patterns");
        let once = LazyPattern::any_case(source.to_owned(), true).unwrap();
        let many = LazyPattern::any_case(source.to_owned(), true).unwrap();
        many.for_many();
        for text in ["Related Stories", "RELATED: Talks", "The talks resume.", ""] {
            assert_eq!(
                many.is_match(text),
                once.is_match(text),
                "{source} on {text:?}"
            );
        }
        assert!(many.compiled.get().is_some(), "compiled on first use");
        assert!(once.compiled.get().is_none(), "one text: the DFA alone");
    }

    #[test]
    fn ascii_patterns_take_the_byte_path_and_others_unicode() {
        assert!(matches!(
            Pattern::new(r"(?i)^\s*(related|read more)\s*:\s*.+$").unwrap(),
            Pattern::Ascii(_)
        ));
        assert!(matches!(
            Pattern::new(r"(?i)^(©|copyright).*$").unwrap(),
            Pattern::Unicode(_)
        ));
        // An ASCII spelling of a Unicode class keeps Unicode semantics.
        assert!(matches!(
            Pattern::new(r"[\p{L} ]+/Reuters").unwrap(),
            Pattern::Unicode(_)
        ));
    }

    #[test]
    fn a_lazy_pattern_is_checked_at_load_and_compiled_on_use() {
        assert!(LazyPattern::new("(unclosed".into(), true).is_err());
        // Unchecked (a shipped rule), a broken pattern never hits.
        let broken = LazyPattern::new("(unclosed".into(), false).unwrap();
        assert!(!broken.is_match("(unclosed"));
        let credit = LazyPattern::new(r"(?i)^photo:.*$".into(), true).unwrap();
        warm_up(vec![Arc::clone(&credit)], || {});
        assert!(credit.is_match("PHOTO: Reuters"));
        assert!(!credit.is_match("A photo: of talks"));
    }

    #[test]
    fn ascii_patterns_match_non_ascii_text() {
        let p = Pattern::new(r"(?i)^\s*(related|read more)\s*:\s*.+$").unwrap();
        assert!(p.is_match("Related: Zürich’s plan — 北京"));
        assert!(p.is_match("READ MORE: the talks"));
        assert!(!p.is_match("Unrelated: talk"));
        let credit = Pattern::new(r"(?i)\s*\(?photo\s*:.*$").unwrap();
        let text = "Ein Boot vor Helsingør. Photo: Reuters";
        let at = credit.find_start(text).unwrap();
        assert_eq!(&text[at..], " Photo: Reuters");
        // Folded capitals keep their bytes' places: the offset is the
        // original text's.
        let folded = Pattern::any_case(r"\s*\(?foto\s*:.*$").unwrap();
        assert!(matches!(folded, Pattern::AsciiLowercase(_)));
        let text = "ÜBER DEN WOLKEN ÜBER ZÜRICH. FOTO: ÄNNE MÜLLER";
        let at = folded.find_start(text).unwrap();
        assert_eq!(&text[at..], " FOTO: ÄNNE MÜLLER");
        assert_eq!(
            folded.find(text).map(|r| &text[r]),
            Some(" FOTO: ÄNNE MÜLLER")
        );
    }
}
