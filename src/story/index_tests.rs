use super::*;

const T0: Timestamp = 1_800_000_000;
const HOUR: Timestamp = 3600;

/// A signature of plain words (already "normalised"), real band keys.
fn sig(text: &str) -> Signature {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.sort();
    words.dedup();
    Signature::from_words(words).expect("three words or more")
}

/// A signature with chosen band keys, to build buckets by hand.
fn keyed(text: &str, keys: &[i64]) -> Signature {
    Signature {
        keys: keys.to_vec(),
        ..sig(text)
    }
}

fn stored(date: Timestamp, signature: Signature) -> Option<StoredSignature> {
    Some(StoredSignature {
        date,
        words: signature.words.join(" "),
        keys: signature.keys,
    })
}

fn alone(id: ArticleId, date: Timestamp, signature: Signature) -> StoredArticle {
    StoredArticle {
        id,
        sort_date: date,
        story: id,
        signature: stored(date, signature),
    }
}

fn loaded(rows: Vec<StoredArticle>) -> StoryIndex {
    let mut index = StoryIndex::new(Thresholds::default());
    index.add((i64::MIN, i64::MAX), rows);
    index
}

const PIPELINE: &str = "putin xi sign gas pipeline deal beijing siberia";
const REWORDED: &str = "putin xi pipeline future beijing gas buyer siberia";
const SHOIGU: &str = "putin replace defence minister shoigu economist belousov";

#[test]
fn adding_a_span_fills_that_gap() {
    let mut index = StoryIndex::new(Thresholds::default());
    index.add((12, 14), []);
    index.add((17, 30), []);
    assert_eq!(index.missing(10, 20), vec![(10, 11), (15, 16)]);
    index.add((15, 16), []);
    assert_eq!(index.missing(12, 30), vec![]);
}

#[test]
fn a_reworded_story_joins_within_72_hours_only() {
    let index = loaded(vec![alone(1, T0, sig(PIPELINE)), alone(2, T0, sig(SHOIGU))]);
    assert_eq!(index.decide(9, T0 + 71 * HOUR, &sig(REWORDED)), Some(1));
    assert_eq!(index.decide(9, T0 - 72 * HOUR, &sig(REWORDED)), Some(1));
    assert_eq!(index.decide(9, T0 + 73 * HOUR, &sig(REWORDED)), None);
    assert_eq!(
        index.decide(1, T0, &sig(PIPELINE)),
        None,
        "an article is not its own match"
    );
}

#[test]
fn stories_do_not_chain_through_a_member() {
    let mut index = loaded(vec![alone(
        1,
        T0,
        sig("alpha bravo charlie delta echo foxtrot"),
    )]);
    let b = sig("charlie delta echo foxtrot golf hotel");
    assert_eq!(index.decide(2, T0, &b), Some(1));
    index.record(2, T0, Some(1), Some(&b));
    assert_eq!(index.story_of(2), Some(1));
    // Like b (0.2) but nothing like a, the story's oldest: alone.
    let c = sig("golf hotel kilo lima mike november");
    assert_eq!(index.decide(3, T0, &c), None);
}

#[test]
fn a_crowded_bucket_gives_its_32_oldest_rows_in_the_window() {
    // 40 unrelated articles share bucket 7 with the match; the probe
    // reads the 32 oldest of the window, as the bucket table's did.
    // (The match has the highest id: of the candidates sharing as many
    // buckets, the 12 verified are the highest ids.)
    let mut rows: Vec<StoredArticle> = (0..40)
        .map(|n| {
            let words = format!("filler{n} other{n} words{n}");
            alone(100 + n, T0 + n * 60, keyed(&words, &[7]))
        })
        .collect();
    let probe = keyed(PIPELINE, &[7]);
    rows.push(alone(1000, T0 + HOUR, keyed(PIPELINE, &[7])));
    assert_eq!(loaded(rows.clone()).decide(9, T0 + HOUR, &probe), None);
    // Dated before the crowd, the match is among the rows read.
    rows.last_mut().expect("match").signature = stored(T0 - 1, keyed(PIPELINE, &[7]));
    assert_eq!(
        loaded(rows.clone()).decide(9, T0 + HOUR, &probe),
        Some(1000)
    );
    // Or the crowd is older than the window, so the bucket's window
    // starts with the match.
    rows.last_mut().expect("match").signature = stored(T0 + 80 * HOUR, keyed(PIPELINE, &[7]));
    assert_eq!(
        loaded(rows.clone()).decide(9, T0 + 80 * HOUR, &probe),
        Some(1000)
    );
    // With a low id, the match is read but not among the 12 verified.
    let last = rows.last_mut().expect("match");
    last.id = 1;
    last.story = 1;
    last.signature = stored(T0 - 1, keyed(PIPELINE, &[7]));
    assert_eq!(loaded(rows).decide(9, T0 + HOUR, &probe), None);
}

#[test]
fn the_best_match_wins_and_a_refused_story_is_skipped() {
    // Two stories like the new article; the better one is taken.
    let index = loaded(vec![
        alone(1, T0, sig("alpha bravo charlie delta echo foxtrot")),
        alone(2, T0, sig("golf hotel kilo lima mike november")),
    ]);
    let x = sig("alpha bravo charlie kilo lima mike november golf");
    assert_eq!(
        index.decide(3, T0, &x),
        Some(2),
        "5 of 9 words against 3 of 11"
    );
}

#[test]
fn when_the_root_leaves_the_oldest_member_leads() {
    let mut index = loaded(vec![
        alone(1, T0, sig(PIPELINE)),
        StoredArticle {
            story: 1,
            ..alone(2, T0 + 2 * HOUR, sig(REWORDED))
        },
        StoredArticle {
            story: 1,
            ..alone(3, T0 + HOUR, sig(REWORDED))
        },
    ]);
    index.leave(1);
    assert_eq!(
        [1, 2, 3].map(|id| index.story_of(id)),
        [Some(1), Some(3), Some(3)]
    );
    // A member leaving changes no one else.
    index.leave(2);
    assert_eq!(
        [1, 2, 3].map(|id| index.story_of(id)),
        [Some(1), Some(2), Some(3)]
    );
}

#[test]
fn a_story_is_anchored_by_its_oldest_member_even_when_dated_later() {
    // The root (1) is younger than a member (2) that joined later from a
    // backlog: the anchor is the member, and the window counts from it.
    let mut index = loaded(vec![
        alone(1, T0, sig(PIPELINE)),
        StoredArticle {
            story: 1,
            ..alone(2, T0 - 60 * HOUR, sig(REWORDED))
        },
    ]);
    assert_eq!(index.decide(9, T0 + 10 * HOUR, &sig(PIPELINE)), Some(1));
    assert_eq!(
        index.decide(9, T0 + 20 * HOUR, &sig(PIPELINE)),
        None,
        "80 h after the anchor"
    );
    // Moving the member's date (an update) moves the anchor.
    index.set_sort_date(2, T0 + 5 * HOUR);
    index.record(2, T0 + 5 * HOUR, Some(1), Some(&sig(REWORDED)));
    assert_eq!(index.decide(9, T0 + 20 * HOUR, &sig(PIPELINE)), Some(1));
}

#[test]
fn a_forgotten_article_is_no_match_and_leaves_its_story() {
    let mut index = loaded(vec![
        alone(1, T0, sig(PIPELINE)),
        StoredArticle {
            story: 1,
            ..alone(2, T0 + HOUR, sig(REWORDED))
        },
    ]);
    index.forget(1);
    assert_eq!(index.story_of(2), Some(2), "the rest stay together");
    assert_eq!(index.decide(9, T0, &sig(PIPELINE)), Some(2));
    index.forget(2);
    assert_eq!(index.decide(9, T0, &sig(PIPELINE)), None);
}

#[test]
fn loading_again_keeps_what_the_index_already_knows() {
    let mut index = loaded(vec![alone(1, T0, sig(PIPELINE))]);
    index.record(2, T0, Some(1), Some(&sig(REWORDED)));
    // A stale copy of article 2 (alone, as before the decision).
    index.add((T0, T0), vec![alone(2, T0, sig(REWORDED))]);
    assert_eq!(index.story_of(2), Some(1));
    assert_eq!(index.len(), 2);
}
