//! Which date spans the story index has loaded: what a new article's
//! window still needs from the store.

use crate::model::Timestamp;

/// Inclusive date spans, sorted, neither overlapping nor touching.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Spans(Vec<(Timestamp, Timestamp)>);

impl Spans {
    /// The parts of `[from, to]` not covered.
    pub fn missing(&self, from: Timestamp, to: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        let mut gaps = Vec::new();
        let mut cursor = from;
        for &(start, end) in &self.0 {
            if end < cursor {
                continue;
            }
            if start > to {
                break;
            }
            if start > cursor {
                gaps.push((cursor, start - 1));
            }
            if end >= to {
                return gaps;
            }
            cursor = end + 1;
        }
        if cursor <= to {
            gaps.push((cursor, to));
        }
        gaps
    }

    /// Covers `[from, to]` too (nothing when `from > to`).
    pub fn add(&mut self, (from, to): (Timestamp, Timestamp)) {
        if from > to {
            return;
        }
        self.0.push((from, to));
        self.0.sort_unstable();
        let mut merged: Vec<(Timestamp, Timestamp)> = Vec::with_capacity(self.0.len());
        for &(start, end) in &self.0 {
            match merged.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        self.0 = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_what_no_span_covers_and_spans_merge() {
        let mut spans = Spans::default();
        assert_eq!(spans.missing(10, 20), vec![(10, 20)]);
        spans.add((12, 14));
        spans.add((17, 30));
        spans.add((5, 1));
        assert_eq!(spans.missing(10, 20), vec![(10, 11), (15, 16)]);
        assert_eq!(spans.missing(13, 14), vec![]);
        spans.add((15, 16));
        assert_eq!(spans, Spans(vec![(12, 30)]), "touching spans merge");
        assert_eq!(spans.missing(0, 40), vec![(0, 11), (31, 40)]);
        spans.add((i64::MIN, i64::MAX));
        assert_eq!(spans.missing(i64::MIN, i64::MAX), vec![]);
    }
}
