//! Parser and compiler tests: precedence, phrases, negation, fields,
//! errors with spans, SQL shape, and garbage that must never panic.

use super::*;

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
fn text_compiles_to_one_quoted_fts_match() {
    let c = parse("iran sanctions talks").condition();
    assert_eq!(
        c.sql,
        "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    );
    assert_eq!(
        c.params,
        vec![SqlParam::Text(
            "(\"iran\" AND \"sanctions\" AND \"talks\")".into()
        )]
    );
    let c = parse("iran -sport \"world cup\" title:x").condition();
    assert_eq!(
        c.params,
        vec![SqlParam::Text(
            "(\"iran\" AND \"world cup\" AND title : \"x\") NOT (\"sport\")".into()
        )]
    );
    let c = parse("a or b").condition();
    assert_eq!(c.params, vec![SqlParam::Text("(\"a\" OR \"b\")".into())]);
}

#[test]
fn fts_operators_in_user_text_stay_literal() {
    // NEAR, *, ^, {column} filters and + are inside FTS5 strings, so FTS5
    // reads them as text (and its tokenizer drops the punctuation).
    let c = parse("sanc* ^start NEAR {title}:x a+b").condition();
    assert_eq!(
        c.params,
        vec![SqlParam::Text(
            "(\"sanc*\" AND \"^start\" AND \"NEAR\" AND \"{title}:x\" AND \"a+b\")".into()
        )]
    );
    // A field the language does not know is refused, not passed to FTS5.
    let e = error("content:z");
    assert!(e.message.contains("unknown field"), "{e}");
    // Quotes cannot reach a term through the parser (they delimit
    // phrases), but a term built by a caller is quoted safely too.
    let q = Query::all().and(Term::Text {
        text: "say \"hi\" OR x".into(),
        phrase: true,
        title_only: false,
    });
    assert_eq!(
        q.condition().params,
        vec![SqlParam::Text("\"say \"\"hi\"\" OR x\"".into())]
    );
}

#[test]
fn fields_and_booleans_compile_to_bound_sql() {
    let c = parse("feed:week -is:read (tag:world or since:1d)").condition();
    assert_eq!(
        c.sql,
        "(a.feed_id IN (SELECT id FROM feeds WHERE sift_contains(COALESCE(user_title, '') \
         || char(31) || COALESCE(feed_title, '') || char(31) || url, ?)) AND NOT (a.read = 1) \
         AND ((a.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag = ?) OR a.id IN \
         (SELECT article_id FROM article_tags WHERE tag = ?)) OR a.sort_date >= ?))"
    );
    assert_eq!(
        c.params,
        vec![
            SqlParam::Text("week".into()),
            SqlParam::Text("world".into()),
            SqlParam::Text("world".into()),
            SqlParam::Int(NOW - 86_400),
        ]
    );
    // Negated text with no positive text is a NOT IN.
    let c = parse("-sport is:unread").condition();
    assert_eq!(
        c.sql,
        "(NOT (a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)) AND a.read = 0)"
    );
    assert!(parse("").condition().is_always());
    assert!(parse("&").condition().is_always());
}

#[test]
fn topics_compile_to_their_stored_membership_and_unknown_ones_are_named() {
    let c = parse("topic:Foreign-Policy -topic:sport").condition();
    assert_eq!(
        c.sql,
        "(a.id IN (SELECT article_id FROM article_topics WHERE topic = ? AND score >= 1.0) \
         AND NOT (a.id IN (SELECT article_id FROM article_topics WHERE topic = ? AND score >= 1.0)))"
    );
    assert_eq!(
        c.params,
        vec![
            SqlParam::Text("foreign-policy".into()),
            SqlParam::Text("sport".into()),
        ]
    );
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

#[test]
fn relevance_ranks_by_positive_words_only() {
    assert_eq!(
        parse("iran -sport (talks or feed:x)")
            .rank_match()
            .as_deref(),
        Some("\"iran\" OR \"talks\"")
    );
    assert_eq!(parse("-sport is:unread").rank_match(), None);
    // When all the words are in the selecting MATCH, rank by that MATCH,
    // so only the rows that match are scored.
    assert_eq!(
        parse("iran sanctions -sport feed:x")
            .rank_match()
            .as_deref(),
        Some("(\"iran\" AND \"sanctions\") NOT (\"sport\")")
    );
    assert_eq!(
        parse("iran or talks").rank_match().as_deref(),
        Some("(\"iran\" OR \"talks\")")
    );
}

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() as usize) % from.len()]
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "\"",
    "/",
    "\\",
    "-",
    ":",
    " ",
    " ",
    " ",
    "or",
    "and",
    "not",
    "OR",
    "iran",
    "feed:",
    "tag:x",
    "title:",
    "is:",
    "is:unread",
    "since:",
    "2d",
    "before:1w",
    "sort:",
    "relevance",
    "topic:",
    "author:",
    "foo:",
    "*",
    "^",
    "NEAR",
    "é",
    "日本",
    "\u{1b}[31m",
    "\u{0}",
    "\u{202e}",
    "\t",
    "\n",
    "&",
    "—",
    "[",
    "{",
    "}",
    "+",
    "?",
    "|",
    ".",
    "1",
    "x",
];

/// Every `?` in the SQL has exactly one parameter.
fn assert_params_match(input: &str, q: &Query) {
    let c = q.condition();
    assert_eq!(
        c.sql.matches('?').count(),
        c.params.len(),
        "{input:?}: {c:?}"
    );
}

#[test]
fn garbage_never_panics_and_good_queries_compile() {
    let mut rng = Lcg(42);
    let mut parsed = 0;
    for _ in 0..20_000 {
        let n = 1 + rng.next() as usize % 24;
        let input: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        match Query::parse(&input, NOW) {
            Ok(q) => {
                parsed += 1;
                assert_params_match(&input, &q);
                let _ = q.rank_match();
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
    let mut rng = Lcg(7);
    for _ in 0..5_000 {
        let n = rng.next() as usize % 64;
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        let input = String::from_utf8_lossy(&bytes);
        if let Ok(q) = Query::parse(&input, NOW) {
            assert_params_match(&input, &q);
        }
    }
}

#[test]
fn huge_inputs_do_not_panic() {
    let k100 = 100 * 1024;
    let inputs = [
        "a".repeat(k100),
        "(".repeat(k100),
        ")".repeat(k100),
        "-".repeat(k100),
        "\"".repeat(k100),
        "/".repeat(k100),
        "not ".repeat(k100 / 4),
        "a or ".repeat(k100 / 5),
        format!("\"{}\"", "word ".repeat(k100 / 5)),
        format!("/{}/", "a".repeat(k100)),
        format!("feed:{}", "x".repeat(k100)),
        "é日\u{1b}".repeat(k100 / 6),
    ];
    for input in &inputs {
        match Query::parse(input, NOW) {
            Ok(q) => assert_params_match(input, &q),
            Err(e) => {
                let (shown, _) = e.caret_lines(input);
                assert!(shown.chars().count() < 200, "{}", e.message);
            }
        }
    }
}
