//! Where each part of the screen goes: the filter bar on top, the list and
//! the reader side by side from 120 columns (stacked below that), the
//! status bar at the bottom. Pure, so the app and the views agree.

use ratatui::layout::Rect;

/// Width from which list and reader sit side by side.
pub const SIDE_BY_SIDE: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub filter: Rect,
    pub list: Rect,
    pub reader: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn of(width: u16, height: u16) -> Areas {
        let full = Rect::new(0, 0, width, height);
        let filter = Rect::new(0, 0, width, height.min(1));
        let status = Rect::new(0, height.saturating_sub(1), width, height.min(1));
        let body_y = filter.height;
        let body_h = height.saturating_sub(filter.height + status.height);
        let (list, reader) = if width >= SIDE_BY_SIDE {
            let list_w = (width * 2 / 5).max(40);
            (
                Rect::new(0, body_y, list_w, body_h),
                Rect::new(list_w, body_y, width - list_w, body_h),
            )
        } else {
            let list_h = (body_h * 2 / 5).max(body_h.min(5));
            (
                Rect::new(0, body_y, width, list_h),
                Rect::new(0, body_y + list_h, width, body_h - list_h),
            )
        };
        let _ = full;
        Areas {
            filter,
            list,
            reader,
            status,
        }
    }

    /// Everything between the bars: the list and the reader together
    /// (the feed list and the welcome use all of it).
    pub fn body(&self) -> Rect {
        self.list.union(self.reader)
    }

    /// Rows of the feed list (inside its border).
    pub fn feed_rows(&self) -> usize {
        usize::from(self.body().height.saturating_sub(2))
    }

    /// Rows of articles the list shows (inside its border).
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }

    /// Lines of text the reader shows (inside its border, under its
    /// three header lines).
    pub fn reader_lines(&self) -> usize {
        usize::from(self.reader.height.saturating_sub(2 + 3))
    }

    /// Columns of text in the reader.
    pub fn reader_width(&self) -> u16 {
        self.reader.width.saturating_sub(4).max(20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_put_list_and_reader_side_by_side() {
        let a = Areas::of(160, 40);
        assert_eq!(a.list.y, a.reader.y);
        assert_eq!(a.list.width + a.reader.width, 160);
        assert_eq!(a.filter.y, 0);
        assert_eq!(a.status.y, 39);
    }

    #[test]
    fn narrow_terminals_stack_them_and_the_smallest_still_fits() {
        let a = Areas::of(80, 24);
        assert_eq!(a.list.x, a.reader.x);
        assert!(a.reader.y > a.list.y);
        let small = Areas::of(60, 15);
        assert!(small.list_rows() >= 2, "{small:?}");
        assert!(small.reader.height >= 6, "{small:?}");
        let tiny = Areas::of(0, 0);
        assert_eq!(tiny.list_rows(), 0);
    }
}
