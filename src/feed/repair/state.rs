//! Bookkeeping for the repair pass: what was fixed, and which elements
//! are open.

use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Counts {
    pub bare_amp: usize,
    pub html_entities: usize,
    pub bad_char_refs: usize,
    pub bare_lt: usize,
    pub forbidden_chars: usize,
    pub closed_inside: usize,
    pub dropped_end_tags: usize,
    pub closed_at_eof: usize,
    pub cdata_closed_early: usize,
    pub cdata_markers: usize,
    pub malformed_tags: usize,
    pub escaped_html_tags: usize,
    pub unterminated: Vec<&'static str>,
    pub rss_version: Option<String>,
}

impl Counts {
    pub(super) fn notes(self) -> Vec<String> {
        let counted = [
            (self.bare_amp, "escaped {n} bare &"),
            (
                self.html_entities,
                "turned {n} HTML entities into character references",
            ),
            (
                self.bad_char_refs,
                "dropped {n} character references XML forbids",
            ),
            (self.bare_lt, "escaped {n} bare <"),
            (self.forbidden_chars, "dropped {n} characters XML forbids"),
            (self.malformed_tags, "rewrote {n} malformed tags"),
            (
                self.escaped_html_tags,
                "escaped {n} HTML tags inside text elements",
            ),
            (
                self.closed_inside,
                "closed {n} elements left open inside others",
            ),
            (
                self.dropped_end_tags,
                "dropped {n} end tags that matched no open element",
            ),
            (
                self.cdata_closed_early,
                "ended {n} unclosed CDATA sections where their element ends",
            ),
            (
                self.cdata_markers,
                "read {n} CDATA markers written in lower case",
            ),
            (
                self.closed_at_eof,
                "closed {n} unclosed elements at end of truncated document",
            ),
        ];
        let mut notes: Vec<String> = counted
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, phrase)| phrase.replace("{n}", &n.to_string()))
            .collect();
        for what in self.unterminated {
            notes.push(format!(
                "terminated {what} cut off by the end of the document"
            ));
        }
        if let Some(version) = self.rss_version {
            notes.push(format!("read <rss version=\"{version}\"> as RSS 2.0"));
        }
        notes
    }
}

/// Open elements, with a count per name so a close tag knows in O(1)
/// whether it matches anything; popping is paid for by pushing.
#[derive(Default)]
pub(super) struct Stack {
    pub names: Vec<String>,
    /// Per entry: the element holds text or escaped HTML, not elements.
    pub text_only: Vec<bool>,
    pub open: HashMap<String, usize>,
}

impl Stack {
    pub(super) fn push(&mut self, name: &str, text_only: bool) {
        self.text_only.push(text_only);
        self.names.push(name.to_owned());
        *self.open.entry(name.to_owned()).or_default() += 1;
    }

    pub(super) fn pop(&mut self) -> Option<String> {
        self.text_only.pop();
        let name = self.names.pop()?;
        if let Some(n) = self.open.get_mut(&name) {
            *n -= 1;
            if *n == 0 {
                self.open.remove(&name);
            }
        }
        Some(name)
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.open.contains_key(name)
    }

    /// The open element `name` closes: itself when open, else the
    /// innermost open element of that name in another letter case.
    pub(super) fn open_name_like<'n>(&'n self, name: &'n str) -> Option<&'n str> {
        if self.contains(name) {
            return Some(name);
        }
        self.names
            .iter()
            .rev()
            .find(|open| open.eq_ignore_ascii_case(name))
            .map(String::as_str)
    }

    pub(super) fn in_text_only(&self) -> bool {
        self.text_only.last().copied().unwrap_or(false)
    }
}
