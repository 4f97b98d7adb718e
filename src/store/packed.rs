//! Article bodies at rest: a long body (a feed's content, a page's full
//! text) is stored as a zstd frame in a BLOB, a short one as TEXT. HTML
//! shrinks about threefold, a row then fits in one page instead of
//! spilling into overflow pages, and a poll writes a third of the bytes.
//! Rows written before this (TEXT) read as they are.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Bodies shorter than this stay TEXT: a zstd frame would barely shrink
/// them.
const PACK_FROM_BYTES: usize = 512;
/// zstd's fastest levels already get most of the gain on HTML.
const LEVEL: i32 = 1;
/// No stored body is larger (full text is capped at 1 MiB; feeds at their
/// size limit); a frame that says more is damaged.
const MAX_UNPACKED_BYTES: u64 = 64 << 20;

/// A body to store: `Packed(Some(text))` binds as a BLOB frame or TEXT.
pub(super) struct Packed<'a>(pub Option<&'a str>);

impl ToSql for Packed<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(bind(self.0))
    }
}

/// What `Packed(text)` binds.
pub(super) fn bind(text: Option<&str>) -> ToSqlOutput<'_> {
    match text {
        None => ToSqlOutput::from(rusqlite::types::Null),
        Some(text) => match frame_of(text) {
            Some(frame) => ToSqlOutput::from(frame),
            None => ToSqlOutput::from(text),
        },
    }
}

/// `text` as a zstd frame, or None when it is stored as TEXT: short, or
/// incompressible (or the encoder failed).
pub(super) fn frame_of(text: &str) -> Option<Vec<u8>> {
    if text.len() < PACK_FROM_BYTES {
        return None;
    }
    compress(text.as_bytes())
        .ok()
        .filter(|frame| frame.len() < text.len())
}

thread_local! {
    /// One encoder per thread: a new one per body would allocate and set
    /// up its tables each time, which costs more than compressing 6 KB.
    static ENCODER: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { std::cell::RefCell::new(None) };
}

fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    ENCODER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let encoder = match slot.as_mut() {
            Some(encoder) => encoder,
            None => slot.insert(zstd::bulk::Compressor::new(LEVEL)?),
        };
        encoder.compress(bytes)
    })
}

/// A stored body read back: TEXT as it is, a BLOB unpacked.
pub(super) struct Unpacked(pub Option<String>);

impl FromSql for Unpacked {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Null => Ok(Unpacked(None)),
            ValueRef::Text(_) => String::column_result(value).map(|s| Unpacked(Some(s))),
            ValueRef::Blob(frame) => unpack(frame).map(|s| Unpacked(Some(s))),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

fn unpack(frame: &[u8]) -> FromSqlResult<String> {
    let damaged =
        |why: &str| FromSqlError::Other(format!("a stored article body is damaged ({why})").into());
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .map_err(|_| damaged("not a zstd frame"))?
        .ok_or_else(|| damaged("no size"))?;
    if size > MAX_UNPACKED_BYTES {
        return Err(damaged("too large"));
    }
    let bytes = zstd::bulk::decompress(frame, size as usize).map_err(|_| damaged("bad frame"))?;
    String::from_utf8(bytes).map_err(|_| damaged("not UTF-8"))
}

/// `row`'s body column `index`, unpacked.
pub(super) fn body(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<String>> {
    row.get::<_, Unpacked>(index).map(|u| u.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn round_trip(text: Option<&str>) -> (String, Option<String>) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (body)").unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [Packed(text)])
            .unwrap();
        conn.query_row("SELECT typeof(body), body FROM t", [], |r| {
            Ok((r.get(0)?, body(r, 1)?))
        })
        .unwrap()
    }

    #[test]
    fn long_bodies_are_stored_as_frames_and_read_back_the_same() {
        let html = "<p>Talks on the Mekong dam resumed on Tuesday.</p>\n".repeat(40) + "é北京";
        let (kind, back) = round_trip(Some(&html));
        assert_eq!(kind, "blob");
        assert_eq!(back.as_deref(), Some(html.as_str()));
    }

    #[test]
    fn short_bodies_and_none_stay_as_they_are() {
        assert_eq!(
            round_trip(Some("<p>Short.</p>")),
            ("text".into(), Some("<p>Short.</p>".into()))
        );
        assert_eq!(round_trip(None), ("null".into(), None));
    }

    #[test]
    fn text_written_before_packing_reads_as_it_is() {
        let conn = Connection::open_in_memory().unwrap();
        let long = "x".repeat(5000);
        conn.execute_batch("CREATE TABLE t (body)").unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [&long]).unwrap();
        let back = conn
            .query_row("SELECT body FROM t", [], |r| body(r, 0))
            .unwrap();
        assert_eq!(back, Some(long));
    }

    #[test]
    fn a_damaged_frame_is_an_error_that_says_so_not_a_panic() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (body)").unwrap();
        let mut frame = zstd::bulk::compress("<p>text</p>".repeat(100).as_bytes(), 1).unwrap();
        let at = frame.len() / 2;
        frame.truncate(at);
        for blob in [frame, vec![0xff; 40], Vec::new()] {
            conn.execute("DELETE FROM t", []).unwrap();
            conn.execute("INSERT INTO t VALUES (?1)", [&blob]).unwrap();
            let error = conn
                .query_row("SELECT body FROM t", [], |r| body(r, 0))
                .unwrap_err();
            assert!(
                error.to_string().contains("stored article body is damaged"),
                "{error}"
            );
        }
    }
}
