//! The selection, the rows and rendering it asks for, and the view a
//! query brings.

use std::collections::HashMap;

use super::{App, Effect, Focus, SEEK_CHUNK, ViewData};
use crate::highlight::Highlighter;
use crate::model::ArticleId;
use crate::query::Query;

impl App {
    /// The user moves the selection to `index`: the article there is
    /// shown, and dwelling on it starts to count.
    pub(super) fn select(&mut self, index: usize) -> Vec<Effect> {
        if self.list.view.ids.is_empty() {
            return Vec::new();
        }
        let index = index.min(self.list.view.ids.len() - 1);
        if index == self.list.selected && self.timer.is_running() {
            return Vec::new();
        }
        self.list.selected = index;
        self.reader.scroll = 0;
        self.keep_selection_visible();
        if self.focus != Focus::Filter
            && let Some(id) = self.selected_id()
        {
            self.timer.start(id, self.now);
        }
        self.show_selected()
    }

    /// Asks for the selected article's rendering and for rows around it.
    pub(super) fn show_selected(&mut self) -> Vec<Effect> {
        let mut effects = self.load_visible_rows();
        effects.extend(self.request_doc());
        effects
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let rows = self.areas.list_rows().max(1);
        if self.list.selected < self.list.top {
            self.list.top = self.list.selected;
        } else if self.list.selected >= self.list.top + rows {
            self.list.top = self.list.selected + 1 - rows;
        }
        let max_top = self.list.view.ids.len().saturating_sub(rows);
        self.list.top = self.list.top.min(max_top);
    }

    pub(super) fn load_visible_rows(&self) -> Vec<Effect> {
        let rows = self.areas.list_rows().max(1);
        let end = (self.list.top + rows * 2).min(self.list.view.ids.len());
        let start = self.list.top.saturating_sub(rows).min(end);
        let missing: Vec<ArticleId> = self.list.view.ids[start..end]
            .iter()
            .flat_map(|id| {
                std::iter::once(id).chain(self.list.view.stories.get(id).into_iter().flatten())
            })
            .filter(|id| !self.list.rows.contains_key(id))
            .copied()
            .collect();
        if missing.is_empty() {
            Vec::new()
        } else {
            vec![Effect::LoadRows(missing)]
        }
    }

    pub(super) fn request_doc(&self) -> Vec<Effect> {
        match self.selected_id() {
            Some(id) if self.doc().is_none() => vec![Effect::Render {
                id,
                width: self.areas.reader_width(),
                show_hidden: self.reader.show_hidden,
            }],
            _ => Vec::new(),
        }
    }

    /// Next (or previous) unread article; loads rows ahead as needed.
    pub(super) fn seek_unread(&mut self, forward: bool) -> Vec<Effect> {
        let ids = &self.list.view.ids;
        let mut i = self.list.selected;
        loop {
            i = match (forward, i) {
                (true, i) if i + 1 < ids.len() => i + 1,
                (false, i) if i > 0 => i - 1,
                _ => {
                    self.status.say("no more unread articles");
                    return Vec::new();
                }
            };
            match self.list.rows.get(&ids[i]) {
                Some(row) if !row.read => return self.select(i),
                Some(_) => continue,
                None => {
                    // Not loaded yet: load a chunk from here and go on
                    // when it arrives.
                    let chunk: Vec<ArticleId> = if forward {
                        ids[i..(i + SEEK_CHUNK).min(ids.len())].to_vec()
                    } else {
                        ids[i.saturating_sub(SEEK_CHUNK - 1)..=i].to_vec()
                    };
                    self.list.selected = if forward { i - 1 } else { i + 1 };
                    self.seek = Some(forward);
                    return vec![Effect::LoadRows(chunk)];
                }
            }
        }
    }

    pub(super) fn view_loaded(
        &mut self,
        generation: u64,
        ids: Vec<ArticleId>,
        unread: u64,
        noise: Vec<(String, u64)>,
        stories: HashMap<ArticleId, Vec<ArticleId>>,
    ) -> Vec<Effect> {
        if generation != self.generation {
            return Vec::new();
        }
        self.filter.error = None;
        // The query parsed (the worker answered with a view), so the
        // terms it looks for are the ones to light up.
        let terms = Query::parse(&self.filter.text, 0)
            .map(|q| q.highlight_terms())
            .unwrap_or_default();
        self.highlighter = Highlighter::new(&terms, &self.options.watch);
        let previous = self.selected_id();
        let on_screen = self.list.selected.saturating_sub(self.list.top);
        let same_query = self.shown_generation != 0 && self.list.view.loaded;
        if generation == self.view_changed_at {
            self.timer.stop();
        }
        self.shown_generation = generation;
        self.list.view = ViewData {
            ids: Vec::new(),
            leads: ids,
            stories,
            member_of: HashMap::new(),
            unread,
            noise,
            loaded: true,
        };
        self.lay_out_stories();
        // Keep the selected article where it was on screen, if it is
        // still in the view.
        let mut effects =
            match previous.and_then(|id| self.list.view.ids.iter().position(|x| *x == id)) {
                Some(index) if same_query => {
                    self.list.selected = index;
                    self.list.top = index.saturating_sub(on_screen);
                    self.keep_selection_visible();
                    self.show_selected()
                }
                _ => {
                    // A new list: its first row is not something the user
                    // chose to read.
                    self.list.selected = 0;
                    self.list.top = 0;
                    self.reader.scroll = 0;
                    self.timer.stop();
                    self.show_selected()
                }
            };
        effects.extend(self.feeds_after_first_answer());
        effects
    }

    /// Runs the filter as it stands: a new view (a filter, a sort, a
    /// saved view), so the read timer waits for the user to move.
    pub(super) fn query(&mut self) -> Vec<Effect> {
        let effects = self.refresh();
        self.view_changed_at = self.generation;
        effects
    }

    /// Runs the same view again (new articles, changed counts): the
    /// selection and its read timer stay.
    pub(super) fn refresh(&mut self) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::Query {
            generation: self.generation,
            text: self.filter.text.clone(),
            noise: self.list.show_noise,
            sort: self.list.sort,
        }]
    }
}
