//! From the syntax tree to a validated `Expr`: field names and values
//! checked, times resolved, regexes compiled once to prove they are good.

use super::ast::{Expr, Flag, Sort, Syntax, Term, has_tokens};
use super::error::{QueryError, Span};
use crate::model::Timestamp;

/// Every field the language knows, in the order help lists them.
pub const FIELDS: &[&str] = &[
    "feed", "tag", "title", "author", "is", "since", "before", "topic", "sort",
];

/// Each field with what it takes, for help screens and the manual; the
/// same fields as `FIELDS`, in the same order (a test holds them).
pub const FIELD_HELP: &[(&str, &str)] = &[
    (
        "feed",
        "feed:bbc (title or URL contains), feed:#12 (one feed by id)",
    ),
    ("tag", "tag:world (the feed's or the article's tag)"),
    ("title", "title:iran (words in the title only)"),
    ("author", "author:smith"),
    ("is", "is:unread | read | starred | noise"),
    ("since", "since:2d | since:2024-05-01"),
    ("before", "before:1w | before:2024-05-01"),
    ("topic", "topic:foreign-policy (a topic of topics.toml)"),
    ("sort", "sort:date | relevance"),
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

    #[test]
    fn every_field_is_described_for_help_in_order() {
        let described: Vec<&str> = FIELD_HELP.iter().map(|(name, _)| *name).collect();
        assert_eq!(described, FIELDS);
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
