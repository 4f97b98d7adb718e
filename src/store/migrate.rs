//! Schema migrations, numbered by `PRAGMA user_version`. Each step runs in
//! its own IMMEDIATE transaction together with the version bump, so a crash
//! leaves the database at a whole version, and two processes opening an old
//! database at once migrate it exactly once.

use rusqlite::{Connection, Transaction};

use super::{Result, StoreError, search_text};

type Step = fn(&Transaction<'_>) -> Result<()>;

/// `STEPS[n]` takes the schema from version n to n + 1.
const STEPS: &[Step] = &[
    v1_feeds_and_articles,
    v2_search_and_retention,
    v3_fewer_index_merges,
    v4_full_text,
    v5_topics_and_stories,
    v6_story_signatures,
    v7_plain_text,
    v8_story_members_by_date,
    v9_parser_and_derived_titles,
    v10_enclosures,
    v11_cache_meta,
    v12_story_index_in_memory,
    v13_cleaned_search_text,
    v14_item_hashes_by_feed,
    v15_sync,
];

/// The schema version this program writes.
pub(super) const LATEST: i64 = STEPS.len() as i64;

pub(super) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database to `LATEST`, or refuses one written by a newer sift.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Brings the database to `target` (tests build old databases with it).
pub(super) fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    // Cheap check without a write lock: the common case is "up to date".
    refuse_foreign(conn)?;
    let found = user_version(conn)?;
    if found > LATEST {
        return Err(StoreError::TooNew {
            found,
            supported: LATEST,
        });
    }
    loop {
        let tx = conn.transaction()?; // IMMEDIATE: see Store::setup
        // Read again under the lock: another process may have migrated.
        let version = user_version(&tx)?;
        if version > LATEST {
            return Err(StoreError::TooNew {
                found: version,
                supported: LATEST,
            });
        }
        if version >= target {
            return Ok(());
        }
        let step = usize::try_from(version)
            .ok()
            .and_then(|i| STEPS.get(i))
            .ok_or(StoreError::TooNew {
                found: version,
                supported: LATEST,
            })?;
        step(&tx)?;
        // PRAGMA takes no parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
        tracing::debug!(version = version + 1, "migrated database");
    }
}

/// Refuses a database sift did not write (see `is_sift_cache`).
pub(super) fn refuse_foreign(conn: &Connection) -> Result<()> {
    if is_sift_cache(conn)? {
        return Ok(());
    }
    Err(StoreError::NotSiftCache {
        path: conn.path().unwrap_or_default().into(),
    })
}

/// Whether the file is (or can become) a sift cache: a new empty
/// database, or one with sift's tables. A negative version, or another
/// program's tables, is someone else's file: never migrate or dump it.
fn is_sift_cache(conn: &Connection) -> Result<bool> {
    // One statement, so one snapshot: another process may be creating
    // the tables and the version together right now.
    let (version, any_table, ours): (i64, bool, bool) = conn.query_row(
        "SELECT v.user_version,
                EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table'),
                (SELECT count(*) FROM sqlite_master
                  WHERE type = 'table' AND name IN ('feeds', 'articles')) = 2
           FROM pragma_user_version AS v",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(match version {
        v if v < 0 => false,
        0 => !any_table,
        _ => ours,
    })
}

/// v1: subscriptions and their articles.
fn v1_feeds_and_articles(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- One row per subscription. Times are Unix seconds (UTC).
        CREATE TABLE feeds (
            id              INTEGER PRIMARY KEY,
            url             TEXT    NOT NULL UNIQUE,
            user_title      TEXT,              -- from feeds.toml; wins over feed_title
            feed_title      TEXT,              -- the feed's own <title>
            site_link       TEXT,
            etag            TEXT,              -- for conditional requests
            last_modified   TEXT,
            next_poll_at    INTEGER,           -- server hints and backoff
            last_polled_at  INTEGER,
            last_success_at INTEGER,
            last_error      TEXT,
            error_count     INTEGER NOT NULL DEFAULT 0,
            repair_note     TEXT,              -- what the parser had to repair
            added_at        INTEGER NOT NULL
        );

        -- Tags live in their own tables, not in a text column, so that
        -- filtering by tag is an index lookup instead of a LIKE scan.
        CREATE TABLE feed_tags (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            tag     TEXT    NOT NULL COLLATE NOCASE,
            PRIMARY KEY (feed_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX feed_tags_by_tag ON feed_tags(tag, feed_id);

        CREATE TABLE articles (
            id          INTEGER PRIMARY KEY,
            feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            guid        TEXT    NOT NULL,
            link        TEXT,
            title       TEXT    NOT NULL,
            author      TEXT,
            published   INTEGER,
            updated     INTEGER,
            first_seen  INTEGER NOT NULL,
            -- published, else updated, else first_seen: stored, not computed,
            -- so that lists can walk an index in date order.
            sort_date   INTEGER NOT NULL,
            summary     TEXT,
            content     TEXT,
            read        INTEGER NOT NULL DEFAULT 0,
            starred     INTEGER NOT NULL DEFAULT 0,
            noise_kind  TEXT,                  -- set by the cleaner
            noise_rule  TEXT,
            -- Hash of the feed-given fields: an unchanged re-send is skipped
            -- without rewriting the row (or its search index entry).
            feed_hash   INTEGER NOT NULL,
            UNIQUE (feed_id, guid)             -- identity; also the upsert lookup
        );
        -- The all-feeds list, newest first (rowid breaks ties for free).
        CREATE INDEX articles_by_date ON articles(sort_date);
        -- One feed's list, per-feed retention and per-feed counts.
        CREATE INDEX articles_by_feed ON articles(feed_id, sort_date);

        CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag        TEXT    NOT NULL COLLATE NOCASE,
            PRIMARY KEY (article_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX article_tags_by_tag ON article_tags(tag, article_id);
        ",
    )?;
    Ok(())
}

/// v2: full-text search, unread indexes, retention tombstones.
fn v2_search_and_retention(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- Full-text index over plain text. Contentless (content='') because
        -- the indexed text is not what the articles table stores: bodies
        -- are HTML and are stripped to text in Rust first, which neither an
        -- external-content table nor an SQL trigger could do (a trigger
        -- calling a Rust function would break every other SQLite client).
        -- Contentless also avoids a second copy of every 3-8 KB body.
        -- contentless_delete=1 lets rows be deleted and replaced by rowid,
        -- which is the article id.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, summary, content,
            content = '',
            contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        -- Inserts and updates are written by the store (they need the
        -- stripping); deletions need no text, so a trigger catches them all:
        -- prune, feed removal through ON DELETE CASCADE, manual deletes.
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.id;
        END;

        -- Unread views and counts (the default: noise hidden). Partial, so
        -- they hold only what is unread, and `--unread --count` over 100k
        -- articles reads a small index instead of the table. read and
        -- noise_kind are constant inside them, but SQLite only knows an
        -- index covers a query (and keeps date order) when they are listed
        -- as equality-searched columns before sort_date.
        CREATE INDEX articles_unread_by_date ON articles(read, noise_kind, sort_date)
            WHERE read = 0 AND noise_kind IS NULL;
        CREATE INDEX articles_unread_by_feed ON articles(feed_id, read, noise_kind, sort_date)
            WHERE read = 0 AND noise_kind IS NULL;
        -- Starred view; starred rows are also what retention must skip.
        CREATE INDEX articles_starred ON articles(sort_date) WHERE starred = 1;

        -- Guids dropped by retention, so a feed that keeps sending an old
        -- item does not bring it back. last_seen is refreshed whenever the
        -- feed sends the guid again; prune forgets tombstones not seen for
        -- a while.
        CREATE TABLE pruned_guids (
            feed_id   INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            guid      TEXT    NOT NULL,
            last_seen INTEGER NOT NULL,
            PRIMARY KEY (feed_id, guid)
        ) WITHOUT ROWID;
        ",
    )?;
    // Backfill: index every article stored by v1.
    let mut read = tx.prepare("SELECT id, title, summary, content FROM articles")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        search_text::index_article(
            tx,
            row.get(0)?,
            &row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?.as_deref(),
            super::packed::body(row, 3)?.as_deref(),
            None,
        )?;
    }
    Ok(())
}

/// FTS5 merges its segments when `automerge` (default 4) of them pile up on
/// a level. A cold poll writes many segments; merging 16 at a time moves each
/// posting fewer times (measured: see BENCHMARKS.md). Queries read a few
/// more segments, which costs microseconds.
fn v3_fewer_index_merges(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)",
        [],
    )?;
    Ok(())
}

/// v4: full text fetched from the article's page, once, with the reason
/// when that failed. The article's other fields are never touched by it.
fn v4_full_text(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- The article's main content extracted from its page (HTML, at most
        -- 1 MiB). Its words go into the search index with the content's.
        ALTER TABLE articles ADD COLUMN full_html TEXT;
        -- NULL: not wanted (or stored before v4); 'wanted': to fetch;
        -- 'ok': full_html is set; 'failed': a transient failure, tried
        -- again on a later poll; 'gave-up': a permanent failure, or too many
        -- transient ones. Never fetched again once 'ok' or 'gave-up'.
        ALTER TABLE articles ADD COLUMN full_status TEXT;
        -- Why the last attempt failed (HTTP status, timeout, not a web page,
        -- no article found, too large).
        ALTER TABLE articles ADD COLUMN full_error TEXT;
        ALTER TABLE articles ADD COLUMN full_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE articles ADD COLUMN full_fetched_at INTEGER;
        -- The queue of pages to fetch, newest first. Partial, so it holds
        -- only what is still to do and stays small whatever the cache size.
        CREATE INDEX articles_full_text_queue ON articles(sort_date)
            WHERE full_status IN ('wanted', 'failed');
        ",
    )?;
    Ok(())
}

/// v5: triage. Topic scores per article, and the story (cluster of
/// near-duplicate articles across feeds) each article belongs to.
fn v5_topics_and_stories(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- Scores are written at ingest; membership is decided at query time
        -- (score >= the topic's threshold), so changing a threshold in the
        -- config needs no rescoring. Only non-zero scores are stored.
        CREATE TABLE article_topics (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            topic      TEXT    NOT NULL,
            score      REAL    NOT NULL,
            PRIMARY KEY (article_id, topic)
        ) WITHOUT ROWID;
        CREATE INDEX article_topics_by_topic ON article_topics(topic, score, article_id);
        -- NULL: a story of its own. Otherwise the id of the story's first
        -- article (which may since have been pruned: the id still groups).
        ALTER TABLE articles ADD COLUMN story_id INTEGER;
        CREATE INDEX articles_by_story ON articles(story_id) WHERE story_id IS NOT NULL;

        -- The filter bar's pass over a view: ids in date order (id is named
        -- so ties keep id order without a sort) with what its counts and
        -- usual filters read, so a word found in most articles never
        -- touches the table (see store/hits.rs). It supersedes the plain
        -- date index.
        CREATE INDEX articles_view
            ON articles(sort_date, id, read, noise_kind, starred, feed_id, story_id);
        DROP INDEX articles_by_date;
        ",
    )?;
    Ok(())
}

/// v6: what story detection needs to find an article's near-duplicates by
/// index lookup (see `crate::story`): each article's normalised words and
/// its MinHash band keys, and one bucket row per band.
fn v6_story_signatures(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- words: the normalised words, sorted, space-separated (verifying a
        -- candidate needs the real set). keys: the band keys as a JSON
        -- array, so the delete trigger can find the article's buckets by
        -- their primary key instead of needing a second index.
        CREATE TABLE story_signatures (
            article_id INTEGER PRIMARY KEY,
            sort_date  INTEGER NOT NULL,
            words      TEXT    NOT NULL,
            keys       TEXT    NOT NULL
        );
        -- Candidates: the articles sharing a band key, within a date range.
        CREATE TABLE story_buckets (
            key        INTEGER NOT NULL,
            sort_date  INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            PRIMARY KEY (key, sort_date, article_id)
        ) WITHOUT ROWID;
        -- Pruning, feed removal (ON DELETE CASCADE fires triggers too) and
        -- manual deletes leave no signature or bucket behind.
        CREATE TRIGGER story_signatures_delete AFTER DELETE ON articles BEGIN
            DELETE FROM story_buckets
             WHERE article_id = old.id
               AND sort_date = (SELECT sort_date FROM story_signatures WHERE article_id = old.id)
               AND key IN (SELECT j.value FROM story_signatures s, json_each(s.keys) j
                            WHERE s.article_id = old.id);
            DELETE FROM story_signatures WHERE article_id = old.id;
        END;
        ",
    )?;
    Ok(())
}

/// v7: the title and the summary's plain text, one line each, in a
/// narrow table for `/regex/`: it scanned every article row (each holds
/// a whole article) and stripped each summary's HTML again, 316 ms over
/// 100k articles. And the author in the view's covering index, so that
/// `author:` never reads the table either.
fn v7_plain_text(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        -- text: the title, a newline, the summary without markup.
        CREATE TABLE article_plain (
            article_id INTEGER PRIMARY KEY,
            text       TEXT NOT NULL
        );
        CREATE TRIGGER article_plain_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_plain WHERE article_id = old.id;
        END;

        DROP INDEX articles_view;
        CREATE INDEX articles_view
            ON articles(sort_date, id, read, noise_kind, starred, feed_id, story_id, author);
        ",
    )?;
    // Backfill: every article stored before.
    let mut read = tx.prepare("SELECT id, title, summary FROM articles")?;
    let mut write = tx.prepare("INSERT INTO article_plain (article_id, text) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let summary: Option<String> = row.get(2)?;
        let summary = summary.as_deref().map(crate::text::html_to_plain);
        let text = search_text::regex_text(&row.get::<_, String>(1)?, summary.as_deref());
        write.execute(rusqlite::params![row.get::<_, i64>(0)?, text])?;
    }
    Ok(())
}

/// v8: a story's members in date order in the index, so its oldest
/// member (story detection's anchor, the heir when the root leaves) is
/// one probe. The old index listed the members unordered: each new
/// article read and sorted every member of a big story, several times.
fn v8_story_members_by_date(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        DROP INDEX articles_by_story;
        CREATE INDEX articles_by_story
            ON articles(story_id, sort_date, id) WHERE story_id IS NOT NULL;
        ",
    )?;
    Ok(())
}

/// An untitled article: id, summary, content, link.
type Untitled = (i64, Option<String>, Option<String>, Option<String>);

/// v9: which reader read each feed, and titles derived for items that
/// had none (the first words of their text, else their link), marked.
fn v9_parser_and_derived_titles(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        ALTER TABLE feeds ADD COLUMN parser TEXT;
        ALTER TABLE articles ADD COLUMN title_derived INTEGER NOT NULL DEFAULT 0;
        ",
    )?;
    let untitled: Vec<Untitled> = tx
        .prepare("SELECT id, summary, content, link FROM articles WHERE title = ''")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, super::packed::body(r, 2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE articles SET title = ?2, title_derived = 1 WHERE id = ?1")?;
    for (id, summary, content, link) in untitled {
        if let Some(title) =
            crate::feed::derived_title(summary.as_deref(), content.as_deref(), link.as_deref())
        {
            update.execute(rusqlite::params![id, title])?;
        }
    }
    Ok(())
}

/// v10: media attached to articles, in the feed's order; they go with
/// their article.
fn v10_enclosures(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        CREATE TABLE enclosures (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            url        TEXT NOT NULL,
            mime_type  TEXT,
            length     INTEGER,
            duration   INTEGER,
            title      TEXT,
            thumbnail  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, position)
        ) WITHOUT ROWID;
        ",
    )?;
    Ok(())
}

/// v11: facts about the cache itself, as keys and values. The first is
/// the fingerprint of the noise rules the stored item verdicts were
/// judged with (a cache from before has none, so its first poll judges
/// every article again).
fn v11_cache_meta(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        CREATE TABLE cache_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        ",
    )?;
    Ok(())
}

/// v12: story detection without bucket rows. A poll loads the
/// signatures dated near its own into memory and finds candidates there
/// (`crate::story::index`), so `story_buckets` is no longer read: its 20
/// rows an article were most of the cost of placing one. Signatures are
/// indexed by date for that load.
fn v12_story_index_in_memory(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(
        "
        DROP TRIGGER story_signatures_delete;
        DROP TABLE story_buckets;
        CREATE TRIGGER story_signatures_delete AFTER DELETE ON articles BEGIN
            DELETE FROM story_signatures WHERE article_id = old.id;
        END;
        CREATE INDEX story_signatures_by_date ON story_signatures(sort_date);
        ",
    )?;
    Ok(())
}

/// v13: the search index holds what a reader sees, the kept blocks of
/// each article's text, cleaned here with the built-in rules (a user's own
/// rules give another fingerprint, so the next poll indexes again with
/// them).
fn v13_cleaned_search_text(tx: &Transaction<'_>) -> Result<()> {
    let any: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
    if !any {
        // A new cache: its first poll stamps the index's fingerprint.
        return Ok(());
    }
    let rules = crate::clean::RuleSet::builtin();
    let count = super::reindex::reindex_all(tx, &rules)?;
    tracing::info!("search index made again from the cleaned text of {count} articles");
    Ok(())
}

/// v14: each feed's guids with their content hashes in one index, so the
/// read a poll makes of them (`known_items`) never touches the wide
/// article rows (an all-304 poll read every page of the
/// table, 16 MB more resident).
fn v14_item_hashes_by_feed(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("CREATE INDEX articles_feed_items ON articles(feed_id, guid, feed_hash);")?;
    Ok(())
}

/// v15: sync with a feed server (src/sync/). What each side agreed on
/// at the last sync (feeds by URL, each article's flags on the server),
/// and the queue of local flag changes not yet sent. Triggers fill the
/// queue from every change of `read` or `starred` on an article the server
/// knows, whoever makes it (CLI, interface), in the same transaction; a
/// change back to what the server has empties it again.
fn v15_sync(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch(super::sync_state::SCHEMA)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn v1_database_with_data(path: &std::path::Path) {
        let mut conn = Connection::open(path).expect("open");
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        migrate_to(&mut conn, 1).expect("migrate to v1");
        assert_eq!(user_version(&conn).expect("version"), 1);
        conn.execute_batch(
            "INSERT INTO feeds (id, url, user_title, added_at) VALUES (1, 'https://a.example/feed', 'A', 100);
             INSERT INTO feed_tags VALUES (1, 'world');
             INSERT INTO articles (id, feed_id, guid, title, first_seen, sort_date, summary, content, read, starred, feed_hash)
               VALUES (1, 1, 'g1', 'Treaty talks resume', 100, 100, '<p>Envoys <b>meet</b> in Geneva</p>', NULL, 1, 0, 0),
                      (2, 1, 'g2', 'Harvest report', 200, 200, NULL, '<div>Wheat &amp; barley prices</div>', 0, 1, 0);",
        )
        .expect("insert v1 data");
    }

    /// A cache from before v13 indexed every word of a body, hidden
    /// related lists too; v13 indexes the cleaned text instead.
    #[test]
    fn v13_takes_hidden_blocks_out_of_an_existing_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sift.db");
        {
            let mut conn = Connection::open(&path).expect("open");
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate_to(&mut conn, 12).expect("migrate to v12");
            let content = "<p>Brazil and Paraguay recalled their ambassadors after talks \
                on the Itaipu dam broke down.</p><div class=\"related-stories\"><h3>Related \
                stories</h3><ul><li><a href=\"https://a.example/m\">The Mekong treaty: can \
                four countries share one river?</a></li></ul></div>";
            conn.execute(
                "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://a.example/feed', 100)",
                [],
            )
            .expect("feed");
            conn.execute(
                "INSERT INTO articles (id, feed_id, guid, title, first_seen, sort_date, content,
                                       feed_hash)
                 VALUES (1, 1, 'g1', 'Ambassadors recalled', 100, 100, ?1, 0)",
                [content],
            )
            .expect("article");
            search_text::index_article(&conn, 1, "Ambassadors recalled", None, Some(content), None)
                .expect("the old index");
            let old: i64 = conn
                .query_row(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'mekong'",
                    [],
                    |r| r.get(0),
                )
                .expect("search");
            assert_eq!(old, 1, "the old index held the hidden list");
        }
        let store = Store::open(&path).expect("open migrates");
        assert!(store.search_ids("mekong", 10).expect("search").is_empty());
        assert_eq!(store.search_ids("itaipu", 10).expect("search"), vec![1]);
        assert_eq!(
            store.index_fingerprint().expect("read"),
            Some(crate::clean::RuleSet::builtin().text_fingerprint())
        );
    }

    #[test]
    fn v1_database_migrates_with_data_intact_and_search_backfilled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sift.db");
        v1_database_with_data(&path);

        let store = Store::open(&path).expect("open migrates");
        assert_eq!(store.schema_version().expect("version"), LATEST);
        let feeds = store.feeds().expect("feeds");
        assert_eq!(feeds.len(), 1);
        assert_eq!(feeds[0].tags, vec!["world".to_string()]);
        assert_eq!((feeds[0].total, feeds[0].unread), (2, 1));
        let first = store.article(1).expect("query").expect("article 1");
        assert!(first.read && !first.starred);
        let second = store.article(2).expect("query").expect("article 2");
        assert!(!second.read && second.starred);
        // v4: nothing fetched, nothing queued; old articles are not
        // fetched behind the user's back.
        assert_eq!((second.full_html, second.full_error), (None, None));
        let state = store.full_text_state(2).expect("state").expect("article 2");
        assert_eq!((state.status, state.attempts), (None, 0));
        assert!(store.full_text_queue(&[1], 10).expect("queue").is_empty());

        // The FTS index was filled from the stored rows, as plain text.
        assert_eq!(store.search_ids("geneva", 10).expect("search"), vec![1]);
        assert_eq!(store.search_ids("meet", 10).expect("search"), vec![1]);
        assert_eq!(store.search_ids("barley", 10).expect("search"), vec![2]);
        // Tag names and entities were not indexed as words.
        assert!(store.search_ids("div", 10).expect("search").is_empty());
        assert!(store.search_ids("amp", 10).expect("search").is_empty());

        // v7: regexes read the summaries' text, backfilled without markup
        // ("meet" was bold) and with entities decoded.
        let regex_ids = |text: &str| -> Vec<i64> {
            let query = crate::query::Query::parse(text, 1_000).expect("parse");
            store
                .query_articles(&query, &crate::store::QueryOptions::default())
                .expect("regex query")
                .iter()
                .map(|a| a.id)
                .collect()
        };
        assert_eq!(regex_ids("/envoys meet in geneva/"), vec![1]);
        assert_eq!(regex_ids("/^harvest/"), vec![2]);
        assert!(regex_ids("/<b>|amp;/").is_empty());
    }

    #[test]
    fn v9_derives_titles_for_untitled_articles_and_marks_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sift.db");
        {
            let mut conn = Connection::open(&path).expect("open");
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate_to(&mut conn, 8).expect("migrate to v8");
            conn.execute_batch(
                "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://a.example/feed', 100);
                 INSERT INTO articles (id, feed_id, guid, link, title, first_seen, sort_date, summary, feed_hash)
                   VALUES (1, 1, 'g1', NULL, '', 100, 100, 'The minister&#8217;s plan', 0),
                          (2, 1, 'g2', 'https://a.example/2', '', 100, 100, NULL, 0),
                          (3, 1, 'g3', NULL, 'Own title', 100, 100, 'Text', 0);",
            )
            .expect("insert v8 data");
        }
        let store = Store::open(&path).expect("open migrates");
        let rows = store
            .query_articles(
                &crate::query::Query::all(),
                &crate::store::QueryOptions::default(),
            )
            .expect("list");
        let mut titles: Vec<(String, bool)> = rows
            .into_iter()
            .map(|r| (r.title, r.title_derived))
            .collect();
        titles.sort();
        assert_eq!(
            titles,
            [
                ("Own title".to_string(), false),
                ("The minister’s plan".to_string(), true),
                ("https://a.example/2".to_string(), true),
            ]
        );
        assert_eq!(store.feeds().expect("feeds")[0].parser, None);
    }

    #[test]
    fn v12_drops_the_bucket_rows_and_keeps_the_signatures_and_stories() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sift.db");
        {
            let mut conn = Connection::open(&path).expect("open");
            conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
            migrate_to(&mut conn, 11).expect("migrate to v11");
            conn.execute_batch(
                "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://a.example/feed', 100);
                 INSERT INTO articles (id, feed_id, guid, title, first_seen, sort_date, feed_hash, story_id)
                   VALUES (1, 1, 'g1', 'Putin and Xi sign gas deal', 100, 100, 0, NULL),
                          (2, 1, 'g2', 'Putin, Xi seal gas deal', 100, 200, 0, 1);
                 INSERT INTO story_signatures VALUES (1, 100, 'deal gas putin sign xi', '[5,6]'),
                                                     (2, 200, 'deal gas putin seal xi', '[5,7]');
                 INSERT INTO story_buckets VALUES (5, 100, 1), (6, 100, 1), (5, 200, 2), (7, 200, 2);",
            )
            .expect("insert v11 data");
        }
        let store = Store::open(&path).expect("open migrates");
        let mut window = store.story_window(0, 150).expect("window");
        window.sort_by_key(|a| a.id);
        let signature = |date, words: &str, keys: Vec<i64>| {
            Some(crate::story::index::StoredSignature {
                date,
                words: words.into(),
                keys,
            })
        };
        let article = |id, sort_date, signature| crate::story::index::StoredArticle {
            id,
            sort_date,
            story: 1,
            signature,
        };
        assert_eq!(
            window,
            [
                article(1, 100, signature(100, "deal gas putin sign xi", vec![5, 6])),
                // Dated outside the span, loaded as a member of the story.
                article(2, 200, signature(200, "deal gas putin seal xi", vec![5, 7])),
            ]
        );
        let has_buckets: bool = store
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'story_buckets'",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert!(!has_buckets);
        // Deleting an article still drops its signature.
        store
            .conn
            .execute("DELETE FROM articles WHERE id = 1", [])
            .expect("delete");
        assert_eq!(store.story_window(0, 1000).expect("window").len(), 1);
    }

    #[test]
    fn too_new_database_is_refused_with_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sift.db");
        // A cache a later sift wrote: sift's tables, a higher version.
        drop(Store::open(&path).expect("create"));
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch("PRAGMA user_version = 99")
                .expect("set version");
        }
        let err = Store::open(&path).expect_err("must refuse");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("upgrade sift"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feeds.toml");
        std::fs::write(
            &path,
            "this is not SQLite, just some text long enough to matter\n".repeat(50),
        )
        .expect("write");
        let err = Store::open(&path).expect_err("must fail");
        assert!(err.to_string().contains("feeds.toml"), "{err}");
    }

    #[test]
    fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/dir/sift.db");
        drop(Store::open(&path).expect("first open creates dirs"));
        let store = Store::open(&path).expect("second open");
        assert_eq!(store.schema_version().expect("version"), LATEST);
    }
}
