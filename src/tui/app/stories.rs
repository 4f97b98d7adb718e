//! Stories in the list: one row per story, its other sources under it
//! when expanded, and read marks that take the whole story.

use super::{App, Effect};
use crate::model::ArticleId;

impl App {
    /// `id` and, when it is the row of a collapsed story, the story's
    /// other articles.
    pub(super) fn story_ids(&self, id: ArticleId) -> Vec<ArticleId> {
        let mut ids = vec![id];
        if !self.list.expanded.contains(&id)
            && let Some(others) = self.list.view.stories.get(&id)
        {
            ids.extend(others);
        }
        ids
    }

    /// The list's rows from the stories: each expanded story's other
    /// articles right under its row.
    pub(super) fn lay_out_stories(&mut self) {
        let (view, expanded) = (&mut self.list.view, &self.list.expanded);
        view.ids.clear();
        view.member_of.clear();
        for &lead in &view.leads {
            view.ids.push(lead);
            if expanded.contains(&lead)
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
        let lead = self.list.view.member_of.get(&id).copied().unwrap_or(id);
        let Some(count) = self.list.view.stories.get(&lead).map(Vec::len) else {
            self.status.say("this story has no other sources");
            return Vec::new();
        };
        if !self.list.expanded.remove(&lead) {
            self.list.expanded.insert(lead);
            self.status
                .say(format!("{count} more sources for this story"));
        }
        self.lay_out_stories();
        if let Some(index) = self.list.view.ids.iter().position(|&x| x == lead) {
            self.list.selected = index;
        }
        self.keep_selection_visible();
        self.load_visible_rows()
    }
}
