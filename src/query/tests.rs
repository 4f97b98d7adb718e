//! Parser tests: precedence, phrases, negation, fields, errors with
//! spans, and garbage that must never panic. (The SQL a query compiles
//! to is the store's: `store/compile/tests.rs`.)

use super::*;
use crate::query::garbage;

const NOW: Timestamp = 1_717_200_000;

/// The built-in topics' names, as the front ends check them.
fn topics() -> Vec<String> {
    crate::topics::Scorer::new(&crate::topics::TopicSet::defaults().expect("built-in topics"))
        .names()
}

fn parse(input: &str) -> Query {
    Query::parse_with_topics(input, NOW, Some(&topics()))
        .unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

fn error(input: &str) -> QueryError {
    match Query::parse_with_topics(input, NOW, Some(&topics())) {
        Ok(q) => panic!("{input:?} parsed as {q:?}"),
        Err(e) => e,
    }
}

/// The text under an error's span.
fn under(input: &str, e: &QueryError) -> String {
    input
        .get(e.span.range())
        .unwrap_or("<bad span>")
        .to_string()
}

/// A compact rendering: `(and a (or b c))`, `"a phrase"`, `title:x`.
fn show(expr: &Expr) -> String {
    match expr {
        Expr::And(parts) | Expr::Or(parts) => {
            let op = if matches!(expr, Expr::And(_)) {
                "and"
            } else {
                "or"
            };
            let inner: Vec<String> = parts.iter().map(show).collect();
            format!("({op} {})", inner.join(" "))
        }
        Expr::Not(inner) => format!("(not {})", show(inner)),
        Expr::Term(Term::Text {
            text,
            phrase,
            title_only,
        }) => {
            let t = if *phrase {
                format!("\"{text}\"")
            } else {
                text.clone()
            };
            if *title_only { format!("title:{t}") } else { t }
        }
        Expr::Term(t) => format!("{t:?}"),
    }
}

fn shape(input: &str) -> String {
    show(parse(input).expr())
}

#[test]
fn precedence_is_not_then_and_then_or() {
    assert_eq!(shape("a b or c"), "(or (and a b) c)");
    assert_eq!(shape("a or b c"), "(or a (and b c))");
    assert_eq!(shape("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(shape("not a b"), "(and (not a) b)");
    assert_eq!(shape("-a or b"), "(or (not a) b)");
    assert_eq!(shape("(a or b) c"), "(and (or a b) c)");
    assert_eq!(shape("not (a or b)"), "(not (or a b))");
    assert_eq!(shape("a or b or c"), "(or a b c)");
    assert_eq!(shape("((a))"), "a");
    assert_eq!(shape("A OR b AND c Or NOT d"), "(or A (and b c) (not d))");
}

#[test]
fn phrases_and_words() {
    assert_eq!(
        shape("\"foreign policy\" iran"),
        "(and \"foreign policy\" iran)"
    );
    assert_eq!(shape("a\"b c\"d"), "(and a \"b c\" d)");
    assert_eq!(shape("\"or\""), "\"or\"");
    assert_eq!(shape("anti-war 9/11 10:30"), "(and anti-war 9/11 10:30)");
    // Punctuation alone is ignored, wherever it stands.
    assert_eq!(shape("tom & jerry"), "(and tom jerry)");
    assert_eq!(shape("& or -—"), "(and )");
    assert_eq!(shape("   "), "(and )");
    assert_eq!(parse(""), Query::all());
}

#[test]
fn negation_forms() {
    assert_eq!(shape("-sport"), "(not sport)");
    assert_eq!(shape("not sport"), "(not sport)");
    assert_eq!(shape("-\"world cup\""), "(not \"world cup\")");
    assert_eq!(shape("not (a b)"), "(not (and a b))");
    assert_eq!(shape("-(a b)"), "(not (and a b))");
    assert_eq!(shape("-feed:bbc"), "(not Feed(\"bbc\"))");
    assert_eq!(shape("--a"), "(not (not a))");
    assert_eq!(shape("not not a"), "(not (not a))");
    // A hyphen inside a word is part of it.
    assert_eq!(shape("x-ray"), "x-ray");
}

#[test]
fn fields_resolve_to_terms() {
    assert_eq!(shape("feed:The-Week"), "Feed(\"the-week\")");
    assert_eq!(shape("FEED:\"The Week\""), "Feed(\"the week\")");
    // The feed list's filter names one feed by id; `#x` stays a name.
    assert_eq!(shape("feed:#12"), "FeedId(12)");
    assert_eq!(shape("feed:#x"), "Feed(\"#x\")");
    assert_eq!(shape("tag:World"), "Tag(\"World\")");
    assert_eq!(shape("title:iran"), "title:iran");
    assert_eq!(shape("title:\"iran talks\""), "title:\"iran talks\"");
    assert_eq!(shape("author:Smith"), "Author(\"smith\")");
    assert_eq!(shape("is:unread"), "Is(Unread)");
    assert_eq!(shape("is:READ"), "Is(Read)");
    assert_eq!(shape("is:starred"), "Is(Starred)");
    assert_eq!(shape("is:noise"), "Is(Noise)");
    assert_eq!(shape("since:2d"), format!("Since({})", NOW - 2 * 86_400));
    assert_eq!(shape("before:1w"), format!("Before({})", NOW - 7 * 86_400));
    let date = crate::when::parse_point("2026-11-01", NOW).unwrap_or(0);
    assert_eq!(shape("since:2026-11-01"), format!("Since({date})"));
    assert_eq!(shape("/sanction(s|ed)/"), "Regex(\"sanction(s|ed)\")");
    assert_eq!(shape(r"/a\/b/"), "Regex(\"a\\\\/b\")");
}

#[test]
fn sort_sets_the_order_and_is_not_a_condition() {
    let q = parse("iran sort:relevance");
    assert_eq!(q.sort(), Sort::Relevance);
    assert_eq!(show(q.expr()), "iran");
    assert_eq!(parse("iran").sort(), Sort::Date);
    assert_eq!(parse("sort:relevance sort:date").sort(), Sort::Date);
    assert_eq!(parse("(a sort:relevance)").sort(), Sort::Relevance);
    // Typed at the end of an `or`, it still orders the whole list.
    let q = parse("a or b sort:relevance");
    assert_eq!(
        (show(q.expr()).as_str(), q.sort()),
        ("(or a b)", Sort::Relevance)
    );
    let e = error("-sort:date");
    assert_eq!(under("-sort:date", &e), "sort:date");
    assert!(e.message.contains("cannot be negated"), "{e}");
}

#[test]
fn noise_and_words_are_reported() {
    assert!(parse("is:noise").mentions_noise());
    assert!(parse("iran -is:noise").mentions_noise());
    assert!(!parse("iran is:unread").mentions_noise());
    assert!(parse("iran feed:x").has_words());
    assert!(!parse("-iran feed:x").has_words());
    assert!(parse("not (not iran)").has_words());
}

#[test]
fn unknown_fields_are_named_with_the_known_ones() {
    let input = "iran foo:bar";
    let e = error(input);
    assert_eq!(under(input, &e), "foo");
    assert!(e.message.contains("`foo:`"), "{e}");
    for field in FIELDS {
        assert!(e.message.contains(&format!("{field}:")), "{field}: {e}");
    }
    let e = error("titel:iran");
    assert!(e.message.contains("did you mean `title:`"), "{e}");
    // Words that only look like times are words.
    assert_eq!(shape("10:30"), "10:30");
}

#[test]
fn errors_carry_the_span_of_the_culprit() {
    let cases: &[(&str, &str, &str)] = &[
        ("is:unraed", "unraed", "did you mean `is:unread`"),
        ("since:yesterday x", "yesterday", "since:"),
        ("before:2x", "2x", "unknown unit"),
        (
            "topic:iran",
            "iran",
            "unknown topic `iran`; known topics: foreign-policy,",
        ),
        ("sort:best", "best", "sort:relevance"),
        ("a /(/ b", "/(/", "bad /regex/"),
        ("a \"open phrase", "\"open phrase", "never closed"),
        ("x /open", "/open", "no closing"),
        ("a (b c", "(", "never closed"),
        ("a) b", ")", "closes nothing"),
        ("a or", "or", "`or` needs a term after it"),
        ("or a", "or", "`or` needs a term before it"),
        ("a and", "and", "`and` needs a term after it"),
        ("a and or b", "and", "`and` needs a term after it"),
        ("a not", "not", "`not` needs a term after it"),
        ("(not)", "not", "`not` needs a term after it"),
        ("a ()", "()", "empty parentheses"),
        ("a - b", "-", "`-` needs a term"),
        ("feed: x", "feed:", "needs a value"),
        ("title:\"\"", "title:\"\"", "needs a value"),
        ("//", "//", "empty"),
        ("/ab/c", "c", "space after the closing"),
        ("a (b or) c", "or", "after it"),
    ];
    for (input, culprit, message) in cases {
        let e = error(input);
        assert_eq!(under(input, &e), *culprit, "{input:?}: {e}");
        assert!(e.message.contains(message), "{input:?}: {e}");
    }
}

#[test]
fn nesting_and_size_are_capped() {
    let ok = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(shape(&ok), "a");
    let deep = format!(
        "{}a{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    let e = error(&deep);
    assert!(e.message.contains("nested too deeply"), "{e}");
    assert_eq!(e.span, Span::new(MAX_DEPTH, MAX_DEPTH + 1));
    let e = error(&format!("{}a", "not ".repeat(MAX_DEPTH + 1)));
    assert!(e.message.contains("nested too deeply"), "{e}");
    let e = error(&format!("{}a", "-".repeat(10_000)));
    assert!(e.message.contains("nested too deeply"), "{e}");

    let many = vec!["w"; MAX_TERMS].join(" ");
    assert!(Query::parse(&many, NOW).is_ok());
    let e = error(&format!("{many} last"));
    assert!(e.message.contains("too many terms"), "{e}");
    assert_eq!(e.span.start, many.len() + 1);

    let e = error(&format!("/{}/", "a".repeat(MAX_REGEX_LEN + 1)));
    assert!(e.message.contains("too long"), "{e}");
}

#[test]
fn unknown_topics_are_named_with_the_known_ones() {
    let e = error("iran topic:foriegn-policy");
    assert_eq!(under("iran topic:foriegn-policy", &e), "foriegn-policy");
    assert!(
        e.message.contains("did you mean `topic:foreign-policy`?")
            && e.message
                .contains("known topics: foreign-policy, economy, tech, culture, sport"),
        "{e}"
    );
    // Without a list of names, any name is accepted (and matches nothing
    // unless articles were scored for it).
    let q = Query::parse_with_topics("topic:arctic", NOW, None).expect("parses");
    assert_eq!(q.expr(), &Expr::Term(Term::Topic("arctic".into())));
    let e = Query::parse_with_topics("topic:arctic", NOW, Some(&[])).expect_err("none known");
    assert!(e.message.contains("no topics are defined"), "{e}");
}

/// What a parsed query answers without the store: none of it may panic.
fn exercise(q: &Query) {
    let _ = (q.mentions_noise(), q.has_words(), q.highlight_terms());
}

#[test]
fn garbage_never_panics_and_good_queries_parse() {
    // The compiled SQL of the same inputs is checked in store/compile.
    let mut parsed = 0;
    for input in garbage::inputs(42, 20_000) {
        match Query::parse(&input, NOW) {
            Ok(q) => {
                parsed += 1;
                exercise(&q);
            }
            Err(e) => {
                assert!(e.span.end <= input.len(), "{input:?}: {e:?}");
                assert!(input.is_char_boundary(e.span.start), "{input:?}: {e:?}");
                assert!(input.is_char_boundary(e.span.end), "{input:?}: {e:?}");
                assert!(!e.message.is_empty());
                let _ = e.caret_lines(&input);
            }
        }
    }
    // The generator must exercise both paths.
    assert!(parsed > 1_000, "only {parsed} parsed");
}

#[test]
fn random_bytes_never_panic() {
    for input in garbage::random_bytes(7, 5_000) {
        if let Ok(q) = Query::parse(&input, NOW) {
            exercise(&q);
        }
    }
}

#[test]
fn huge_inputs_do_not_panic() {
    for input in &garbage::huge() {
        match Query::parse(input, NOW) {
            Ok(q) => exercise(&q),
            Err(e) => {
                let (shown, _) = e.caret_lines(input);
                assert!(shown.chars().count() < 200, "{}", e.message);
            }
        }
    }
}
