//! Stories in the list: one row per story, its other sources under it
//! when expanded, and read marks that take the whole story.

use super::{App, Effect};
use crate::model::ArticleId;

impl App {
    /// `id` and, when it is the row of a collapsed story, the story's
    /// other articles.
    pub(super) fn story_ids(&self, id: ArticleId) -> Vec<ArticleId> {
        let mut ids = vec![id];
        if !self.expanded.contains(&id)
            && let Some(others) = self.view.stories.get(&id)
        {
            ids.extend(others);
        }
        ids
    }

    /// The list's rows from the stories: each expanded story's other
    /// articles right under its row.
    pub(super) fn lay_out_stories(&mut self) {
        let view = &mut self.view;
        view.ids.clear();
        view.member_of.clear();
        for &lead in &view.leads {
            view.ids.push(lead);
            if self.expanded.contains(&lead)
                && let Some(others) = view.stories.get(&lead)
            {
                for &other in others {
                    view.ids.push(other);
                    view.member_of.insert(other, lead);
                }
            }
        }
    }

    /// Opens or closes the story of the selected row; says so.
    pub(super) fn toggle_story(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected_id() else {
            return Vec::new();
        };
        let lead = self.view.member_of.get(&id).copied().unwrap_or(id);
        let Some(count) = self.view.stories.get(&lead).map(Vec::len) else {
            self.message = Some(("this story has no other sources".into(), false));
            return Vec::new();
        };
        if !self.expanded.remove(&lead) {
            self.expanded.insert(lead);
            self.message = Some((format!("{count} more sources for this story"), false));
        }
        self.lay_out_stories();
        if let Some(index) = self.view.ids.iter().position(|&x| x == lead) {
            self.selected = index;
        }
        self.keep_selection_visible();
        self.load_visible_rows()
    }
}
