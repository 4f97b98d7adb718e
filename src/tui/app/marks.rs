//! Read, starred and tags, and taking them back with undo.

use super::{App, Effect, UNDO_LEVELS, Undo};
use crate::model::ArticleId;

impl App {
    /// Marks `id` read or unread; a collapsed story's row takes all of
    /// its story's articles with it.
    pub(super) fn set_read(&mut self, id: ArticleId, read: bool, undoable: bool) -> Vec<Effect> {
        let mut ids = Vec::new();
        for id in self.story_ids(id) {
            // Rows not loaded yet (a story's other articles) are changed
            // too; the count is asked for again below.
            match self.list.rows.get_mut(&id) {
                Some(row) if row.read == read => continue,
                Some(row) => {
                    row.read = read;
                    if read {
                        self.list.view.unread = self.list.view.unread.saturating_sub(1);
                    } else {
                        self.list.view.unread += 1;
                    }
                }
                None => {}
            }
            ids.push(id);
        }
        if ids.is_empty() {
            return Vec::new();
        }
        if undoable {
            self.push_undo(Undo::Read {
                ids: ids.clone(),
                was_read: !read,
            });
        }
        vec![Effect::SetRead { ids, read }]
    }

    pub(super) fn push_undo(&mut self, undo: Undo) {
        self.undo.push(undo);
        if self.undo.len() > UNDO_LEVELS {
            self.undo.remove(0);
        }
    }

    pub(super) fn undo_last(&mut self) -> Vec<Effect> {
        let Some(undo) = self.undo.pop() else {
            self.status.say("nothing to undo");
            return Vec::new();
        };
        self.status.say("undone");
        match undo {
            Undo::Read { ids, was_read } => {
                for id in &ids {
                    if let Some(row) = self.list.rows.get_mut(id)
                        && row.read != was_read
                    {
                        row.read = was_read;
                        if was_read {
                            self.list.view.unread = self.list.view.unread.saturating_sub(1);
                        } else {
                            self.list.view.unread += 1;
                        }
                    }
                }
                if !was_read {
                    // Counts for rows not loaded: ask again.
                    self.timer.stop();
                }
                let mut effects = vec![Effect::SetRead {
                    ids,
                    read: was_read,
                }];
                if !was_read {
                    effects.extend(self.refresh());
                }
                effects
            }
            Undo::Star { id, was } => {
                if let Some(row) = self.list.rows.get_mut(&id) {
                    row.starred = was;
                }
                vec![Effect::SetStarred { id, starred: was }]
            }
            Undo::Tags { id, was } => {
                self.reader.forget(id);
                let mut effects = vec![Effect::SetTags { id, tags: was }];
                effects.extend(self.request_doc());
                effects
            }
        }
    }
}
