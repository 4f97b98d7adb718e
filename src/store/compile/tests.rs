//! Compiler tests: the SQL shape of each term, FTS5 quoting, relevance,
//! and that every compiled query binds exactly one value per `?`
//! (moved here with the compiler from the query module).

use rusqlite::types::Value;

use super::*;
use crate::model::Timestamp;
use crate::query::{Query, QueryError};
use crate::topics::MEMBER_SCORE;

const NOW: Timestamp = 1_717_200_000;

fn parse(input: &str) -> Query {
    Query::parse(input, NOW).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

fn error(input: &str) -> QueryError {
    match Query::parse(input, NOW) {
        Ok(q) => panic!("{input:?} parsed as {q:?}"),
        Err(e) => e,
    }
}

/// The query's condition as SQL, every id set looked up by id.
fn compiled(q: &Query) -> Rendered {
    condition(q.expr()).render_plain()
}

fn sql_of(input: &str) -> Rendered {
    compiled(&parse(input))
}

fn rank(input: &str) -> Option<String> {
    rank_match(parse(input).expr())
}

#[test]
fn text_compiles_to_one_quoted_fts_match() {
    let c = sql_of("iran sanctions talks");
    assert_eq!(
        c.sql,
        "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    );
    assert_eq!(
        c.params,
        vec![Value::Text(
            "(\"iran\" AND \"sanctions\" AND \"talks\")".into()
        )]
    );
    let c = sql_of("iran -sport \"world cup\" title:x");
    assert_eq!(
        c.params,
        vec![Value::Text(
            "(\"iran\" AND \"world cup\" AND title : \"x\") NOT (\"sport\")".into()
        )]
    );
    let c = sql_of("a or b");
    assert_eq!(c.params, vec![Value::Text("(\"a\" OR \"b\")".into())]);
}

#[test]
fn fts_operators_in_user_text_stay_literal() {
    // NEAR, *, ^, {column} filters and + are inside FTS5 strings, so FTS5
    // reads them as text (and its tokenizer drops the punctuation).
    let c = sql_of("sanc* ^start NEAR {title}:x a+b");
    assert_eq!(
        c.params,
        vec![Value::Text(
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
        compiled(&q).params,
        vec![Value::Text("\"say \"\"hi\"\" OR x\"".into())]
    );
}

#[test]
fn fields_and_booleans_compile_to_bound_sql() {
    let c = sql_of("feed:week -is:read (tag:world or since:1d)");
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
            Value::Text("week".into()),
            Value::Text("world".into()),
            Value::Text("world".into()),
            Value::Integer(NOW - 86_400),
        ]
    );
    // Negated text with no positive text is a NOT IN.
    let c = sql_of("-sport is:unread");
    assert_eq!(
        c.sql,
        "(NOT (a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)) AND a.read = 0)"
    );
    assert!(condition(parse("").expr()).is_always());
    assert!(condition(parse("&").expr()).is_always());
}

#[test]
fn topics_compile_to_their_stored_membership() {
    let c = sql_of("topic:Foreign-Policy -topic:sport");
    assert_eq!(
        c.sql,
        "(a.id IN (SELECT article_id FROM article_topics WHERE topic = ? AND score >= 1.0) \
         AND NOT (a.id IN (SELECT article_id FROM article_topics WHERE topic = ? AND score >= 1.0)))"
    );
    assert_eq!(
        c.params,
        vec![
            Value::Text("foreign-policy".into()),
            Value::Text("sport".into()),
        ]
    );
}

#[test]
fn the_membership_threshold_is_the_topics_constant() {
    // Every statement that reads topic membership says the one threshold.
    let threshold = format!("score >= {MEMBER_SCORE:?}");
    for sql in [
        IdSource::Topic.in_sql(),
        IdSource::Topic.ids_sql(),
        IdSource::Topic.probe_sql().unwrap_or_default(),
    ] {
        assert!(sql.contains(&threshold), "{sql}");
    }
}

#[test]
fn relevance_ranks_by_positive_words_only() {
    assert_eq!(
        rank("iran -sport (talks or feed:x)").as_deref(),
        Some("\"iran\" OR \"talks\"")
    );
    assert_eq!(rank("-sport is:unread"), None);
    // When all the words are in the selecting MATCH, rank by that MATCH,
    // so only the rows that match are scored.
    assert_eq!(
        rank("iran sanctions -sport feed:x").as_deref(),
        Some("(\"iran\" AND \"sanctions\") NOT (\"sport\")")
    );
    assert_eq!(
        rank("iran or talks").as_deref(),
        Some("(\"iran\" OR \"talks\")")
    );
}

#[test]
fn the_tree_names_its_id_sets_in_rendering_order() {
    let cond = condition(parse("iran topic:economy /talks/ feed:x").expr());
    let sets: Vec<(IdSource, &str)> = cond
        .id_sets()
        .into_iter()
        .map(|s| (s.source, s.value.as_str()))
        .collect();
    assert_eq!(
        sets,
        vec![
            (IdSource::FullText, "(\"iran\")"),
            (IdSource::Topic, "economy"),
            (IdSource::Regex, "talks"),
        ]
    );
    // A bitset replaces its set's sub-select and its parameter, nothing else.
    let rendered = cond.render(&|set| match set.source {
        IdSource::Topic => IdTest::Bitset(0),
        _ => IdTest::Lookup,
    });
    assert!(
        rendered.sql.contains("sift_hit(0, a.id)"),
        "{}",
        rendered.sql
    );
    assert!(!rendered.sql.contains("article_topics"), "{}", rendered.sql);
    assert_eq!(
        rendered.params,
        vec![
            Value::Text("(\"iran\")".into()),
            Value::Text("talks".into()),
            Value::Text("x".into()),
        ]
    );
}

/// Every `?` in the SQL has exactly one parameter.
fn assert_params_match(input: &str, q: &Query) {
    let c = compiled(q);
    assert_eq!(
        c.sql.matches('?').count(),
        c.params.len(),
        "{input:?}: {c:?}"
    );
}

#[test]
fn garbage_that_parses_compiles_with_one_value_per_placeholder() {
    let mut parsed = 0;
    for input in crate::query::garbage::inputs(42, 20_000) {
        if let Ok(q) = Query::parse(&input, NOW) {
            parsed += 1;
            assert_params_match(&input, &q);
            let _ = rank_match(q.expr());
        }
    }
    // The generator must exercise the compiler.
    assert!(parsed > 1_000, "only {parsed} parsed");
    for input in crate::query::garbage::random_bytes(7, 5_000) {
        if let Ok(q) = Query::parse(&input, NOW) {
            assert_params_match(&input, &q);
        }
    }
    for input in crate::query::garbage::huge() {
        if let Ok(q) = Query::parse(&input, NOW) {
            assert_params_match(&input, &q);
        }
    }
}
