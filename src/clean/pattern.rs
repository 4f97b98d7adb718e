//! A rule's regular expression, compiled as cheaply as its text allows.
//! Every process that cleans compiles every rule, so compile time is paid
//! on each `sift extract`: a pattern written in ASCII is compiled with
//! ASCII classes and case folding over bytes (a Unicode `\w`, `\d` or
//! case-folded class is hundreds of ranges); a pattern with any other
//! character keeps Unicode semantics.

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

    /// Where the first match starts, always at a character boundary.
    pub fn find_start(&self, text: &str) -> Option<usize> {
        let start = match self {
            Pattern::Ascii(re) => re.find(text.as_bytes())?.start(),
            Pattern::Unicode(re) => re.find(text)?.start(),
        };
        text.is_char_boundary(start).then_some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

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
