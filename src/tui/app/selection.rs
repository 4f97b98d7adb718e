//! The selection, the rows and rendering it asks for, and the view a
//! query brings.

use std::collections::HashMap;

use super::{App, Effect, SEEK_CHUNK, ViewData};
use crate::highlight::Highlighter;
use crate::model::ArticleId;
use crate::query::Query;

impl App {
    pub(super) fn select(&mut self, index: usize) -> Vec<Effect> {
        if self.view.ids.is_empty() {
            return Vec::new();
        }
        let index = index.min(self.view.ids.len() - 1);
        if index == self.selected && self.shown.is_some() {
            return Vec::new();
        }
        self.selected = index;
        self.reader_scroll = 0;
        self.keep_selection_visible();
        self.on_selection()
    }

    /// The selected article is on screen now: start its read timer and
    /// ask for its rendering and for rows around it.
    pub(super) fn on_selection(&mut self) -> Vec<Effect> {
        self.shown = self.selected_id().map(|id| (id, self.now));
        let mut effects = self.load_visible_rows();
        effects.extend(self.request_doc());
        effects
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let rows = self.areas.list_rows().max(1);
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + rows {
            self.list_top = self.selected + 1 - rows;
        }
        let max_top = self.view.ids.len().saturating_sub(rows);
        self.list_top = self.list_top.min(max_top);
    }

    pub(super) fn load_visible_rows(&self) -> Vec<Effect> {
        let rows = self.areas.list_rows().max(1);
        let end = (self.list_top + rows * 2).min(self.view.ids.len());
        let start = self.list_top.saturating_sub(rows).min(end);
        let missing: Vec<ArticleId> = self.view.ids[start..end]
            .iter()
            .flat_map(|id| {
                std::iter::once(id).chain(self.view.stories.get(id).into_iter().flatten())
            })
            .filter(|id| !self.rows.contains_key(id))
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
                show_hidden: self.show_hidden,
            }],
            _ => Vec::new(),
        }
    }

    /// Next (or previous) unread article; loads rows ahead as needed.
    pub(super) fn seek_unread(&mut self, forward: bool) -> Vec<Effect> {
        let ids = &self.view.ids;
        let mut i = self.selected;
        loop {
            i = match (forward, i) {
                (true, i) if i + 1 < ids.len() => i + 1,
                (false, i) if i > 0 => i - 1,
                _ => {
                    self.message = Some(("no more unread articles".into(), false));
                    return Vec::new();
                }
            };
            match self.rows.get(&ids[i]) {
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
                    self.selected = if forward { i - 1 } else { i + 1 };
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
        self.highlighter = Highlighter::new(&terms, &self.settings.watch);
        let previous = self.selected_id();
        let on_screen = self.selected.saturating_sub(self.list_top);
        let same_query = self.shown_generation != 0 && self.view.loaded;
        self.shown_generation = generation;
        self.view = ViewData {
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
        match previous.and_then(|id| self.view.ids.iter().position(|x| *x == id)) {
            Some(index) if same_query => {
                self.selected = index;
                self.list_top = index.saturating_sub(on_screen);
                self.keep_selection_visible();
                let mut effects = self.load_visible_rows();
                effects.extend(self.request_doc());
                effects
            }
            _ => {
                self.selected = 0;
                self.list_top = 0;
                self.reader_scroll = 0;
                self.on_selection()
            }
        }
    }

    /// Runs the filter as it stands.
    pub(super) fn query(&mut self) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::Query {
            generation: self.generation,
            text: self.filter.text.clone(),
            noise: self.show_noise,
            sort: self.sort,
        }]
    }
}
