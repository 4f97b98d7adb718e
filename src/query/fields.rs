//! From the syntax tree to a validated `Expr`: field names and values
//! checked, times resolved, regexes compiled once to prove they are good.

use super::ast::{Expr, Flag, Sort, Syntax, Term, has_tokens};
use super::error::{QueryError, Span};
use crate::model::Timestamp;

/// One field of the language, as the help screen and `sift man` show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldHelp {
    pub name: &'static str,
    /// A use of it as typed, for fields whose value is free.
    pub example: &'static str,
    /// The values it takes, for fields with a fixed set (`is:`, `sort:`).
    pub values: &'static [&'static str],
    /// One line: what it selects.
    pub about: &'static str,
}

impl FieldHelp {
    /// `feed:week`, or `is:unread|read|starred|noise` for a fixed set.
    pub fn usage(&self) -> String {
        if self.values.is_empty() {
            self.example.to_owned()
        } else {
            format!("{}:{}", self.name, self.values.join("|"))
        }
    }
}

/// Every field the language knows, with its help, in the order help lists
/// them. `FIELDS` is made from it, so a field the parser accepts cannot
/// be missing from the help.
pub const FIELD_HELP: [FieldHelp; 9] = [
    FieldHelp {
        name: "feed",
        example: "feed:week",
        values: &[],
        about: "the feed's title or URL contains this (any case); feed:#12 is the feed with id 12",
    },
    FieldHelp {
        name: "tag",
        example: "tag:world",
        values: &[],
        about: "a tag of the feed or of the article",
    },
    FieldHelp {
        name: "title",
        example: "title:truce",
        values: &[],
        about: "a word or \"a phrase\" in the title only",
    },
    FieldHelp {
        name: "author",
        example: "author:smith",
        values: &[],
        about: "the author contains this (any case)",
    },
    FieldHelp {
        name: "is",
        example: "is:unread",
        values: IS_VALUES,
        about: "the article's state (noise items are hidden unless asked for)",
    },
    FieldHelp {
        name: "since",
        example: "since:2d",
        values: &[],
        about: "dated at or after: 30m, 12h, 2d, 1w, or a date (2026-11-01)",
    },
    FieldHelp {
        name: "before",
        example: "before:1w",
        values: &[],
        about: "dated before: 30m, 12h, 2d, 1w, or a date (2026-11-01)",
    },
    FieldHelp {
        name: "topic",
        example: "topic:foreign-policy",
        values: &[],
        about: "belongs to the topic (`sift topics` lists them)",
    },
    FieldHelp {
        name: "sort",
        example: "sort:relevance",
        values: SORT_VALUES,
        about: "the order: newest first (date, the default) or best match first",
    },
];

/// Every field's name, in help order.
pub const FIELDS: &[&str] = &field_names();

const fn field_names() -> [&'static str; FIELD_HELP.len()] {
    let mut names = [""; FIELD_HELP.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = FIELD_HELP[i].name;
        i += 1;
    }
    names
}

/// The language's forms that are not fields, as help shows them: the
/// form and what it means.
pub const SYNTAX_HELP: &[(&str, &str)] = &[
    (
        "sanctions tanker",
        "both words, in the title, summary or text (any case)",
    ),
    ("\"shadow fleet\"", "a phrase"),
    (
        "-sport  not sport",
        "without (also -\"a phrase\", -feed:x, not (...))",
    ),
    ("iran or israel", "either"),
    ("(a or b) c", "grouping: not binds first, then and, then or"),
    (
        "/cease-?fire/",
        "a regular expression over the title and summary (any case)",
    ),
];

const IS_VALUES: &[&str] = &["unread", "read", "starred", "noise"];
const SORT_VALUES: &[&str] = &["date", "relevance"];

/// Longest /regex/ pattern, in bytes.
pub const MAX_REGEX_LEN: usize = 1024;
/// Compiled-program and lazy-DFA caps: a small pattern can still expand
/// (`\w{1000}` over Unicode) into megabytes of automaton.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

/// The regex a `/pattern/` stands for: case-insensitive, size-capped.
pub fn compile_regex(pattern: &str) -> Result<regex::bytes::Regex, String> {
    if pattern.len() > MAX_REGEX_LEN {
        return Err(format!(
            "this /regex/ is too long (at most {MAX_REGEX_LEN} bytes)"
        ));
    }
    regex::bytes::RegexBuilder::new(pattern)
        .case_insensitive(true)
        // Title and summary are stored as two lines of one text: `^` and
        // `$` mean the start and end of either.
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => {
                "this /regex/ is too big once compiled; make it simpler".to_string()
            }
            other => {
                let text = other.to_string();
                // The crate's message repeats the pattern with its own
                // caret; keep only the reason.
                let reason = text
                    .lines()
                    .find_map(|l| l.strip_prefix("error: "))
                    .unwrap_or("it does not parse");
                format!("bad /regex/: {reason}")
            }
        })
}

/// The validated query and the order it asks for.
/// `topics` names every topic `topic:` may say; None accepts any name
/// (an unknown one then matches nothing).
pub(super) fn resolve(
    tree: Syntax,
    now: Timestamp,
    topics: Option<&[String]>,
) -> Result<(Expr, Sort), QueryError> {
    let mut resolver = Resolver {
        now,
        topics,
        sort: Sort::default(),
    };
    let expr = resolver.node(tree, false)?.unwrap_or_else(Expr::all);
    Ok((expr, resolver.sort))
}

struct Resolver<'t> {
    now: Timestamp,
    topics: Option<&'t [String]>,
    sort: Sort,
}

impl Resolver<'_> {
    /// `negated` is true under a `not`, where `sort:` makes no sense.
    /// Returns None for a node that is not a condition (`sort:`, words
    /// without letters or digits).
    fn node(&mut self, tree: Syntax, negated: bool) -> Result<Option<Expr>, QueryError> {
        Ok(Some(match tree {
            Syntax::And(parts) => {
                let mut out = Vec::with_capacity(parts.len());
                for p in parts {
                    if let Some(e) = self.node(p, negated)? {
                        out.push(e);
                    }
                }
                if out.len() == 1 {
                    out.pop().unwrap_or_else(Expr::all)
                } else {
                    Expr::And(out)
                }
            }
            Syntax::Or(parts) => {
                let mut out = Vec::with_capacity(parts.len());
                for p in parts {
                    out.extend(self.node(p, negated)?);
                }
                match out.len() {
                    0 => return Ok(None),
                    1 => out.pop().unwrap_or_else(Expr::all),
                    _ => Expr::Or(out),
                }
            }
            Syntax::Not(inner, _) => match self.node(*inner, true)? {
                Some(e) => Expr::Not(Box::new(e)),
                None => return Ok(None),
            },
            Syntax::Word(text, _) | Syntax::Phrase(text, _) if !has_tokens(&text) => {
                // Punctuation alone (`&`, `—`) has nothing to search for.
                return Ok(None);
            }
            Syntax::Word(text, _) => Expr::Term(Term::Text {
                text,
                phrase: false,
                title_only: false,
            }),
            Syntax::Phrase(text, _) => Expr::Term(Term::Text {
                text,
                phrase: true,
                title_only: false,
            }),
            Syntax::Regex(pattern, span) => {
                compile_regex(&pattern).map_err(|m| QueryError::new(span, m))?;
                Expr::Term(Term::Regex(pattern))
            }
            Syntax::Field {
                name,
                name_span,
                value,
                quoted,
                value_span,
                span,
            } => {
                let field = Field {
                    name: &name,
                    name_span,
                    value: &value,
                    quoted,
                    value_span,
                    span,
                };
                return self.field(&field, negated).map(|t| t.map(Expr::Term));
            }
        }))
    }

    fn field(&mut self, f: &Field<'_>, negated: bool) -> Result<Option<Term>, QueryError> {
        // Only the fields of the help list: one handled below but left
        // out of the list fails its tests instead of going undocumented.
        if !FIELDS.contains(&f.name) {
            return Err(unknown_field(f.name, f.name_span));
        }
        let value = f.value.trim();
        let term = match f.name {
            // `feed:#12` is one feed by its id (what the feed list sets).
            "feed" => match value.strip_prefix('#').map(str::parse::<i64>) {
                Some(Ok(id)) => Term::FeedId(id),
                _ => Term::Feed(value.to_lowercase()),
            },
            "tag" => Term::Tag(value.to_string()),
            "title" if !has_tokens(value) => return Ok(None),
            "title" => Term::Text {
                text: value.to_string(),
                phrase: f.quoted,
                title_only: true,
            },
            "author" => Term::Author(value.to_lowercase()),
            "is" => Term::Is(match value.to_lowercase().as_str() {
                "unread" => Flag::Unread,
                "read" => Flag::Read,
                "starred" => Flag::Starred,
                "noise" => Flag::Noise,
                other => return Err(f.bad_value(other, IS_VALUES)),
            }),
            "since" | "before" => {
                let at = crate::when::parse_point(value, self.now)
                    .map_err(|m| QueryError::new(f.value_span, format!("{}: {m}", f.name)))?;
                if f.name == "since" {
                    Term::Since(at)
                } else {
                    Term::Before(at)
                }
            }
            "topic" => {
                let name = value.to_lowercase();
                if let Some(known) = self.topics
                    && !known.contains(&name)
                {
                    return Err(unknown_topic(f, &name, known));
                }
                Term::Topic(name)
            }
            "sort" => {
                self.sort = match value.to_lowercase().as_str() {
                    "date" => Sort::Date,
                    "relevance" => Sort::Relevance,
                    other => return Err(f.bad_value(other, SORT_VALUES)),
                };
                // Wherever it stands (`a or b sort:date` too), it orders the
                // whole list; only a negation of it is meaningless.
                if negated {
                    return Err(QueryError::new(
                        f.span,
                        "`sort:` orders the list and cannot be negated; remove the `not` or `-`",
                    ));
                }
                return Ok(None);
            }
            unknown => return Err(unknown_field(unknown, f.name_span)),
        };
        Ok(Some(term))
    }
}

struct Field<'a> {
    name: &'a str,
    name_span: Span,
    value: &'a str,
    quoted: bool,
    value_span: Span,
    span: Span,
}

impl Field<'_> {
    fn bad_value(&self, value: &str, known: &[&str]) -> QueryError {
        let choices: Vec<String> = known.iter().map(|k| format!("{}:{k}", self.name)).collect();
        let hint = did_you_mean(value, known)
            .map(|k| format!("did you mean `{}:{k}`? ", self.name))
            .unwrap_or_default();
        QueryError::new(
            self.value_span,
            format!(
                "unknown `{}:` value `{value}`; {hint}use {}",
                self.name,
                choices.join(", ")
            ),
        )
    }
}

fn unknown_topic(f: &Field<'_>, name: &str, known: &[String]) -> QueryError {
    if known.is_empty() {
        return QueryError::new(f.value_span, "no topics are defined (see topics.toml)");
    }
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    let hint = did_you_mean(name, &names)
        .map(|k| format!("did you mean `topic:{k}`? "))
        .unwrap_or_default();
    let what = if name.is_empty() {
        "`topic:` needs a name".to_string()
    } else {
        format!("unknown topic `{name}`")
    };
    QueryError::new(
        f.value_span,
        format!("{what}; {hint}known topics: {}", names.join(", ")),
    )
}

fn unknown_field(name: &str, span: Span) -> QueryError {
    let hint = did_you_mean(name, FIELDS)
        .map(|k| format!("did you mean `{k}:`? "))
        .unwrap_or_default();
    QueryError::new(
        span,
        format!(
            "unknown field `{name}:`; {hint}known fields: {} (to search for the text, quote it: \"{name}:…\")",
            FIELDS
                .iter()
                .map(|f| format!("{f}:"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    )
}

/// The known name closest to `typed`, if it is close enough to be a typo.
fn did_you_mean<'k>(typed: &str, known: &[&'k str]) -> Option<&'k str> {
    let typed = typed.to_lowercase();
    if typed.chars().count() > 32 {
        return None;
    }
    known
        .iter()
        .map(|k| (edit_distance(&typed, k), *k))
        .filter(|&(d, k)| d <= 2 && d < k.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters (both inputs are short).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field in the help is one the parser accepts: none is
    /// described that does not work.
    #[test]
    fn every_field_in_the_help_parses() {
        let topics = vec!["foreign-policy".to_string()];
        for field in FIELD_HELP {
            let mut typed = vec![field.example.to_owned()];
            typed.extend(field.values.iter().map(|v| format!("{}:{v}", field.name)));
            for text in typed {
                assert!(
                    text.starts_with(&format!("{}:", field.name)),
                    "{text} shows {}",
                    field.name
                );
                let parsed = super::super::Query::parse_with_topics(&text, 0, Some(&topics));
                assert!(parsed.is_ok(), "{text}: {parsed:?}");
            }
        }
        assert_eq!(FIELDS.len(), FIELD_HELP.len());
        assert!(FIELDS.contains(&"topic") && FIELDS.contains(&"sort"));
    }

    #[test]
    fn typos_find_the_nearest_field() {
        assert_eq!(did_you_mean("titel", FIELDS), Some("title"));
        assert_eq!(did_you_mean("fed", FIELDS), Some("feed"));
        assert_eq!(did_you_mean("xyzzy", FIELDS), None);
        assert_eq!(did_you_mean("unraed", IS_VALUES), Some("unread"));
    }

    #[test]
    fn regexes_are_case_insensitive_and_capped() {
        let re = compile_regex("^iran").expect("compiles");
        assert!(re.is_match(b"IRAN talks"));
        assert!(
            re.is_match(b"Title\nIRAN talks"),
            "^ starts the summary's line too"
        );
        assert!(!re.is_match(b"Talks on Iran"));
        assert!(compile_regex("(").unwrap_err().contains("bad /regex/"));
        assert!(
            compile_regex(&"a".repeat(MAX_REGEX_LEN + 1))
                .unwrap_err()
                .contains("too long")
        );
        assert!(
            compile_regex(r"\w{1000}\w{1000}")
                .unwrap_err()
                .contains("too big")
        );
    }
}
