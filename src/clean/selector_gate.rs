//! A cheap test of whether a CSS selector rule can match a document at
//! all, so that its (costly) match over every element runs only when it
//! may hit. Each comma-separated part of a selector needs something the
//! document must have: an element of a tag (`aside`), an attribute
//! (`[data-ad]`), or an attribute whose value holds a word
//! (`[class*=related i]`, `.promo`, `#menu`). Values are compared in lower
//! case, so the test never says no where the selector could match; a part
//! it cannot read (`*`, `:not(...)`) makes the rule always run.

// Every element's tag and attributes are looked up: foldhash, seeded per
// process, is several times faster than SipHash on short names and still
// keeps a page built to collide from making the maps quadratic.
use foldhash::{HashMap, HashSet};

use dom_query::Document;

/// What one part of a selector needs the document to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    Tag(String),
    Attribute(String),
    /// The attribute, with the word somewhere in its value (lower case).
    Value(String, String),
}

/// What a whole selector needs: any one of its parts' needs. None: the
/// selector always runs.
pub type Needs = Option<Vec<Need>>;

/// The comma-separated parts of a selector list, in order: the needs of
/// `needs_of` are one per part.
pub fn parts_of(selector: &str) -> Vec<&str> {
    split_outside_brackets(selector, |c| c == ',')
        .into_iter()
        .map(str::trim)
        .collect()
}

/// Reads the needs of a selector list.
pub fn needs_of(selector: &str) -> Needs {
    split_outside_brackets(selector, |c| c == ',')
        .iter()
        .map(|part| need_of_part(part.trim()))
        .collect()
}

/// The need of one complex selector: that of its last compound (the
/// element that is matched and removed).
fn need_of_part(part: &str) -> Option<Need> {
    let compounds = split_outside_brackets(part, |c| matches!(c, ' ' | '>' | '+' | '~'));
    let last = compounds.iter().rev().find(|c| !c.is_empty())?;
    // Pseudo-classes are left out: `a:not([href])` needs an `a`, not an
    // `href`.
    let last = split_outside_brackets(last, |c| c == ':')[0];
    if let Some(open) = last.find('[') {
        let close = open + last[open..].find(']')?;
        return attribute_need(&last[open + 1..close]);
    }
    let word_end = |s: &str| {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(s.len())
    };
    if let Some(rest) = last.strip_prefix('.') {
        let name = &rest[..word_end(rest)];
        return (!name.is_empty()).then(|| Need::Value("class".into(), name.to_ascii_lowercase()));
    }
    if let Some(rest) = last.strip_prefix('#') {
        let name = &rest[..word_end(rest)];
        return (!name.is_empty()).then(|| Need::Value("id".into(), name.to_ascii_lowercase()));
    }
    let tag = &last[..word_end(last)];
    (!tag.is_empty()).then(|| Need::Tag(tag.to_ascii_lowercase()))
}

/// `class*=related i`, `data-ad`, `id^='ad-' i`.
fn attribute_need(inside: &str) -> Option<Need> {
    let Some(op) = inside.find('=') else {
        let name = inside.trim();
        return (!name.is_empty()).then(|| Need::Attribute(name.to_ascii_lowercase()));
    };
    let name = inside[..op]
        .trim_end_matches(['*', '~', '^', '$', '|'])
        .trim();
    let value = inside[op + 1..].trim();
    let value = match value.strip_prefix(['\'', '"']) {
        Some(quoted) => &quoted[..quoted.find(['\'', '"'])?],
        None => value.split_whitespace().next().unwrap_or(""),
    };
    if name.is_empty() {
        return None;
    }
    // An empty value needs only the attribute.
    if value.is_empty() {
        return Some(Need::Attribute(name.to_ascii_lowercase()));
    }
    Some(Need::Value(name.to_ascii_lowercase(), value.to_lowercase()))
}

/// `text` split at the characters `at` says, except inside `[...]`,
/// `(...)` and quotes.
fn split_outside_brackets(text: &str, at: impl Fn(char) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(') => depth += 1,
            (None, ']' | ')') => depth -= 1,
            (None, c) if depth == 0 && at(c) => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The tags and attribute values of a document, read once.
#[derive(Debug, Default)]
pub struct DocumentTerms {
    tags: HashSet<String>,
    /// Each attribute's values, lower case, one per line.
    values: HashMap<String, String>,
}

impl DocumentTerms {
    /// Reads every element of `doc`. Only the attributes in `wanted` keep
    /// their values (links and sources would only cost time).
    pub fn read(doc: &Document, wanted: &HashSet<&str>) -> DocumentTerms {
        let mut terms = DocumentTerms::default();
        for node in doc.root().descendants_it() {
            // Read in place: `node_name` and `attrs` would copy them.
            let Some(element) = node.element_ref() else {
                continue;
            };
            let tag: &str = &element.name.local;
            if !terms.tags.contains(tag) {
                terms.tags.insert(tag.to_owned());
            }
            for attr in &element.attrs {
                let name: &str = &attr.name.local;
                if !terms.values.contains_key(name) {
                    terms.values.insert(name.to_owned(), String::new());
                }
                if wanted.contains(&name)
                    && let Some(values) = terms.values.get_mut(name)
                {
                    let value: &str = &attr.value;
                    if value.is_ascii() {
                        let from = values.len();
                        values.push_str(value);
                        values[from..].make_ascii_lowercase();
                    } else {
                        values.push_str(&value.to_lowercase());
                    }
                    values.push('\n');
                }
            }
        }
        terms
    }

    /// Whether the document may hold an element that `needs` matches.
    pub fn may_match(&self, needs: &Needs) -> bool {
        let Some(needs) = needs else {
            return true;
        };
        needs.iter().any(|need| self.has(need))
    }

    /// Whether the document may hold an element that `need` asks for.
    pub fn has(&self, need: &Need) -> bool {
        match need {
            Need::Tag(tag) => self.tags.contains(tag),
            Need::Attribute(name) => self.values.contains_key(name),
            Need::Value(name, word) => self
                .values
                .get(name)
                .is_some_and(|values| values.contains(word.as_str())),
        }
    }
}

/// The needs of `needs` that `terms` has: the parts of the selector that
/// may match. None: the selector always runs, on every element.
pub fn live_needs<'a>(needs: &'a Needs, terms: &DocumentTerms) -> Option<Vec<&'a Need>> {
    needs
        .as_ref()
        .map(|needs| needs.iter().filter(|n| terms.has(n)).collect())
}

/// Whether `element` may be matched by a part with one of `needs`: the
/// test of `DocumentTerms::has` on one element, so the selector's own
/// (costly) match runs only on the few elements that pass.
pub fn element_may_match(element: &dom_query::Element, needs: &[&Need]) -> bool {
    let value_of = |name: &str| {
        element
            .attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    };
    needs.iter().any(|need| match need {
        Need::Tag(tag) => &*element.name.local == tag.as_str(),
        Need::Attribute(name) => value_of(name).is_some(),
        Need::Value(name, word) => value_of(name).is_some_and(|value| {
            if value.is_ascii() {
                value.to_ascii_lowercase().contains(word.as_str())
            } else {
                value.to_lowercase().contains(word.as_str())
            }
        }),
    })
}

/// The attributes whose values some need looks at.
pub fn wanted_attributes<'a>(needs: impl IntoIterator<Item = &'a Needs>) -> HashSet<&'a str> {
    needs
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|need| match need {
            Need::Value(name, _) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(name: &str, word: &str) -> Need {
        Need::Value(name.into(), word.into())
    }

    #[test]
    fn each_part_needs_what_its_last_compound_names() {
        assert_eq!(
            needs_of(
                "nav, [role=navigation], [class*=Breadcrumb i], body > footer, .promo-box, #menu"
            ),
            Some(vec![
                Need::Tag("nav".into()),
                value("role", "navigation"),
                value("class", "breadcrumb"),
                Need::Tag("footer".into()),
                value("class", "promo-box"),
                value("id", "menu"),
            ])
        );
        assert_eq!(
            needs_of("[data-ad], [style*='display: none'], [id^=\"ad-\" i]"),
            Some(vec![
                Need::Attribute("data-ad".into()),
                value("style", "display: none"),
                value("id", "ad-"),
            ])
        );
    }

    #[test]
    fn a_part_it_cannot_read_makes_the_rule_always_run() {
        assert_eq!(needs_of("aside, *"), None);
        assert_eq!(needs_of(":not(p)"), None);
        assert_eq!(
            needs_of("div:has(> .x), aside"),
            Some(vec![Need::Tag("div".into()), Need::Tag("aside".into())])
        );
    }

    #[test]
    fn the_document_test_says_no_only_when_nothing_can_match() {
        let doc = Document::from(
            "<div class='Related-Stories'><p id=x data-ad>t</p><aside>a</aside><a>l</a></div>",
        );
        let selectors = [
            "[class*=related i]",
            "[class*=newsletter i]",
            "aside",
            "nav",
            "[data-ad]",
            ".stories",
            "a:not([href])",
            "[class~=ad]",
        ];
        let needs: Vec<Needs> = selectors.iter().map(|s| needs_of(s)).collect();
        let terms = DocumentTerms::read(&doc, &wanted_attributes(&needs));
        let answers: Vec<bool> = needs.iter().map(|n| terms.may_match(n)).collect();
        assert_eq!(answers, [true, false, true, false, true, true, true, false]);
        for (selector, may) in selectors.iter().zip(answers) {
            let matches = doc.select(selector).exists();
            assert!(may || !matches, "{selector} matches but the gate says no");
        }
    }
}
