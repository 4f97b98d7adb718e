//! A rule's regular expression, compiled as cheaply as its text allows.
//! Every process that cleans compiles every rule, so compile time is paid
//! on each `sift extract`: a pattern written in ASCII is compiled with
//! ASCII classes and case folding over bytes (a Unicode `\w`, `\d` or
//! case-folded class is hundreds of ranges); a pattern with any other
//! character keeps Unicode semantics.

use std::sync::{Arc, OnceLock};

/// A compiled pattern that matches text.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// An ASCII pattern: `.` is any byte, classes and `(?i)` are ASCII.
    Ascii(regex::bytes::Regex),
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

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Ascii(re) => re.is_match(text.as_bytes()),
            Pattern::Unicode(re) => re.is_match(text),
        }
    }

    /// Where the first match lies; None unless both ends are character
    /// boundaries.
    pub fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let found = match self {
            Pattern::Ascii(re) => re.find(text.as_bytes())?.range(),
            Pattern::Unicode(re) => re.find(text)?.range(),
        };
        (text.is_char_boundary(found.start) && text.is_char_boundary(found.end)).then_some(found)
    }

    /// Where the first match starts, always at a character boundary.
    pub fn find_start(&self, text: &str) -> Option<usize> {
        let start = match self {
            Pattern::Ascii(re) => re.find(text.as_bytes())?.start(),
            Pattern::Unicode(re) => re.find(text)?.start(),
        };
        text.is_char_boundary(start).then_some(start)
    }
}

/// A rule's pattern, checked when the rule loads and compiled on first
/// use, or before it by `warm_up`'s thread. Compiling the shipped rules'
/// patterns was half the CPU of a `sift extract` (5 ms); on a thread of
/// their own they compile while the page is read and parsed.
#[derive(Debug)]
pub struct LazyPattern {
    source: String,
    /// Always Unicode semantics (item rules' titles and summaries), not
    /// the ASCII fast path where the pattern allows it.
    unicode: bool,
    /// None when it checked but would not compile (too big): logged once,
    /// and the pattern never hits.
    compiled: OnceLock<Option<Pattern>>,
}

impl LazyPattern {
    /// With `check`, `source` is parsed now (a user's rule: its error is
    /// reported at load); the shipped rules are tested to compile.
    pub fn new(source: String, check: bool) -> Result<Arc<LazyPattern>, String> {
        LazyPattern::checked(source, check, false)
    }

    /// `new`, always with Unicode semantics.
    pub fn unicode(source: String, check: bool) -> Result<Arc<LazyPattern>, String> {
        LazyPattern::checked(source, check, true)
    }

    fn checked(source: String, check: bool, unicode: bool) -> Result<Arc<LazyPattern>, String> {
        if check {
            regex_syntax::Parser::new()
                .parse(&source)
                .map_err(|e| e.to_string())?;
        }
        Ok(Arc::new(LazyPattern {
            source,
            unicode,
            compiled: OnceLock::new(),
        }))
    }

    pub fn get(&self) -> Option<&Pattern> {
        self.compiled
            .get_or_init(|| {
                let compiled = if self.unicode {
                    regex::Regex::new(&self.source).map(Pattern::Unicode)
                } else {
                    Pattern::new(&self.source)
                };
                compiled
                    .map_err(|e| tracing::warn!("rule pattern left out: {e}"))
                    .ok()
            })
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|p| p.is_match(text))
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
                pattern.get();
            }
            then();
        });
    // Without a thread, each pattern compiles on first use.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::{LazyPattern, Pattern, warm_up};
    use std::sync::Arc;

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
    }
}
