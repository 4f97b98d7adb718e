//! A feed's items prepared for the writer: the columns that cost CPU to
//! make (the item's hash, its packed body, the title shown for an item
//! without one), made where the feed was parsed and planned, so the one
//! writer thread only binds them.
//!
//! The bodies and the index texts of a feed are kept in one buffer: a
//! feed waiting for the writer is then one block that a poll's allocator
//! maps apart (`poller::memory`) and hands back when it is written,
//! instead of thousands of small strings left in the parser thread's heap
//! (they raised a cold 500-feed poll's peak by about 10 MB once 16 feeds
//! could wait).

use std::borrow::Cow;
use std::ops::Range;

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::articles::shown_title;
use crate::ingest::{IndexText, ItemPlan};
use crate::model::{NewArticle, ParsedFeed};

/// The prepared items of one parsed feed, parallel to its items.
#[derive(Debug, Default)]
pub struct PreparedFeed {
    bulk: Vec<u8>,
    items: Vec<Option<Prepared>>,
}

#[derive(Debug)]
struct Prepared {
    hash: i64,
    content: Option<Piece>,
    derived_title: Option<String>,
    index_body: Option<Range<usize>>,
}

/// Where a body is in the buffer, and how it is stored.
#[derive(Debug)]
enum Piece {
    Text(Range<usize>),
    Frame(Range<usize>),
}

impl PreparedFeed {
    /// Prepares each item of `parsed` that has a plan (an item the poll
    /// knew unchanged has none and is left whole), taking its content
    /// out of `parsed` and its index body out of its plan: `ingest_planned`
    /// reads both from here.
    pub fn take_from(parsed: &mut ParsedFeed, plans: &mut [Option<ItemPlan>]) -> PreparedFeed {
        let mut made: Vec<Option<Made>> = parsed
            .items
            .iter_mut()
            .zip(plans.iter_mut())
            .map(|(item, plan)| {
                let plan = plan.as_mut()?;
                let made = Made::of(item, plan.index.body.take());
                item.content = None;
                Some(made)
            })
            .collect();
        made.resize_with(parsed.items.len(), || None);
        let room = made.iter().flatten().map(Made::len).sum();
        let mut bulk = Vec::with_capacity(room);
        let items = made
            .into_iter()
            .map(|made| made.map(|made| made.into_bulk(&mut bulk)))
            .collect();
        PreparedFeed { bulk, items }
    }

    /// Item `index`'s prepared columns, if it was prepared.
    pub(super) fn item(&self, index: usize) -> Option<PreparedItem<'_>> {
        let prepared = self.items.get(index)?.as_ref()?;
        Some(PreparedItem {
            bulk: &self.bulk,
            prepared,
        })
    }
}

/// One item's columns, before they are moved into the buffer.
struct Made {
    hash: i64,
    content: Option<Result<Vec<u8>, String>>,
    derived_title: Option<String>,
    index_body: Option<String>,
}

impl Made {
    fn of(item: &NewArticle, index_body: Option<String>) -> Made {
        let (title, derived) = shown_title(item);
        let derived_title = derived.then(|| title.into_owned());
        Made {
            hash: crate::ingest::item_hash(item),
            content: item
                .content
                .as_deref()
                .map(|text| super::packed::frame_of(text).ok_or_else(|| text.to_owned())),
            derived_title,
            index_body,
        }
    }

    fn len(&self) -> usize {
        let content = match &self.content {
            Some(Ok(frame)) => frame.len(),
            Some(Err(text)) => text.len(),
            None => 0,
        };
        content + self.index_body.as_ref().map_or(0, String::len)
    }

    fn into_bulk(self, bulk: &mut Vec<u8>) -> Prepared {
        let mut put = |bytes: &[u8]| {
            let start = bulk.len();
            bulk.extend_from_slice(bytes);
            start..bulk.len()
        };
        Prepared {
            hash: self.hash,
            content: self.content.map(|body| match body {
                Ok(frame) => Piece::Frame(put(&frame)),
                Err(text) => Piece::Text(put(text.as_bytes())),
            }),
            derived_title: self.derived_title,
            index_body: self.index_body.map(|text| put(text.as_bytes())),
        }
    }
}

/// A view of one prepared item.
#[derive(Clone, Copy)]
pub(super) struct PreparedItem<'a> {
    bulk: &'a [u8],
    prepared: &'a Prepared,
}

/// An item's columns as the writer binds them: prepared ahead when it
/// was, else made here, and only when the item is written (an unchanged
/// item needs its hash alone).
pub(super) struct Columns<'a> {
    item: &'a NewArticle,
    prepared: Option<PreparedItem<'a>>,
}

impl<'a> Columns<'a> {
    pub fn of(item: &'a NewArticle, prepared: Option<PreparedItem<'a>>) -> Columns<'a> {
        Columns { item, prepared }
    }

    /// `ingest::item_hash` of the item as it was parsed.
    pub fn hash(&self) -> i64 {
        match self.prepared {
            Some(p) => p.prepared.hash,
            None => crate::ingest::item_hash(self.item),
        }
    }

    /// The `content` column, the title shown and whether it was derived.
    pub fn row(&self) -> (Content<'a>, Cow<'a, str>, bool) {
        let Some(PreparedItem { bulk, prepared }) = self.prepared else {
            let (title, derived) = shown_title(self.item);
            return (Content::Here(self.item.content.as_deref()), title, derived);
        };
        let content = match &prepared.content {
            Some(Piece::Frame(range)) => Content::Frame(&bulk[range.clone()]),
            Some(Piece::Text(range)) => Content::Text(&bulk[range.clone()]),
            None => Content::Here(None),
        };
        let title = prepared
            .derived_title
            .as_deref()
            .unwrap_or(&self.item.title);
        (
            content,
            Cow::Borrowed(title),
            prepared.derived_title.is_some(),
        )
    }

    /// The index text of the item planned as `plan`: its body was taken
    /// into the prepared item, when there is one.
    pub fn index_text(&self, plan: &ItemPlan) -> IndexText {
        let Some(PreparedItem { bulk, prepared }) = self.prepared else {
            return plan.index.clone();
        };
        // Put there from a `String`; checked rather than trusted.
        let body = prepared
            .index_body
            .clone()
            .and_then(|range| std::str::from_utf8(&bulk[range]).ok());
        IndexText {
            summary: plan.index.summary.clone(),
            body: body.map(str::to_owned),
        }
    }
}

/// The `content` column's value.
pub(super) enum Content<'a> {
    /// Packed here, as `Packed` does.
    Here(Option<&'a str>),
    Frame(&'a [u8]),
    /// UTF-8: it was a `String`.
    Text(&'a [u8]),
}

impl rusqlite::ToSql for Content<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Content::Here(text) => super::packed::bind(*text),
            Content::Frame(frame) => ToSqlOutput::Borrowed(ValueRef::Blob(frame)),
            Content::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text)),
        })
    }
}

#[cfg(test)]
#[path = "prepared_tests.rs"]
mod tests;
