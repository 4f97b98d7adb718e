//! From the store to a `Briefing`: select, merge into stories, pick each
//! story's topic, order. The rules are in the module's documentation.

use std::collections::{HashMap, HashSet};

use super::{
    Briefing, BriefingError, BriefingOptions, OTHER_LABEL, Source, StoryEntry, TopicSection, lead,
    topic_label, web_link,
};
use crate::clean::RuleSet;
use crate::model::{ArticleId, ArticleSummary};
use crate::query::{Flag, Query, Term};
use crate::store::{NoiseFilter, Store, ViewOrder};
use crate::text::sanitize_line;
use crate::topics::MEMBER_SCORE;

/// `build_with_rules` with the built-in cleaning rules.
pub fn build(store: &Store, options: &BriefingOptions) -> Result<Briefing, BriefingError> {
    build_with_rules(store, options, &RuleSet::builtin())
}

/// The briefing `options` ask for; leads are cleaned with `rules` (the
/// user's, when the caller has them).
pub fn build_with_rules(
    store: &Store,
    options: &BriefingOptions,
    rules: &RuleSet,
) -> Result<Briefing, BriefingError> {
    let query = selection_query(options)?;
    let noise = if options.starred_only {
        NoiseFilter::Include
    } else {
        NoiseFilter::Hide
    };
    let ids = store.query_ids(&query, noise, ViewOrder::Newest)?;
    let selected: HashSet<ArticleId> = ids.iter().copied().collect();

    // Story id -> its selected members, in the order stories are met.
    let mut stories: Vec<(ArticleId, Vec<ArticleId>)> = Vec::new();
    let mut story_index: HashMap<ArticleId, usize> = HashMap::new();
    for &id in &ids {
        let Some(story) = store.story_of(id)? else {
            continue;
        };
        let at = *story_index.entry(story).or_insert_with(|| {
            stories.push((story, Vec::new()));
            stories.len() - 1
        });
        stories[at].1.push(id);
    }

    let topics = store.topics_of(&ids)?;
    let mut sections: HashMap<Option<String>, Vec<StoryEntry>> = HashMap::new();
    for (story, members) in &stories {
        let Some(entry) = story_entry(store, rules, *story, &selected)? else {
            continue;
        };
        let lead_id = entry.sources.first().map(|s| s.article_id);
        let topic = lead_id
            .into_iter()
            .chain(members.iter().copied())
            .find_map(|id| topics.get(&id).and_then(|s| primary_topic(s)))
            .map(sanitize_line)
            .filter(|t| !t.is_empty());
        sections.entry(topic).or_default().push(entry);
    }

    let mut topics: Vec<TopicSection> = sections
        .into_iter()
        .map(|(topic, mut stories)| {
            stories.sort_by(|a, b| b.date.cmp(&a.date).then(b.story_id.cmp(&a.story_id)));
            TopicSection {
                label: topic
                    .as_deref()
                    .map_or_else(|| OTHER_LABEL.to_owned(), topic_label),
                topic,
                stories,
            }
        })
        .collect();
    topics.sort_by(|a, b| {
        a.topic
            .is_none()
            .cmp(&b.topic.is_none())
            .then(b.stories.len().cmp(&a.stories.len()))
            .then(a.topic.cmp(&b.topic))
    });
    Ok(Briefing {
        generated_at: options.now,
        starred_only: options.starred_only,
        since: options.since,
        query: options
            .query
            .as_deref()
            .map(sanitize_line)
            .filter(|q| !q.is_empty()),
        article_count: ids.len(),
        topics,
    })
}

/// The query that selects the briefing's articles.
fn selection_query(options: &BriefingOptions) -> Result<Query, BriefingError> {
    let mut query = match options.query.as_deref() {
        Some(text) if !text.trim().is_empty() => {
            Query::parse(text, options.now).map_err(BriefingError::Query)?
        }
        _ => Query::all(),
    };
    if options.starred_only {
        query = query.and(Term::Is(Flag::Starred));
    }
    if let Some(since) = options.since {
        query = query.and(Term::Since(since));
    }
    Ok(query)
}

/// The best-scoring topic the article is a member of (ties by name).
fn primary_topic(scores: &[(String, f64)]) -> Option<&str> {
    scores
        .iter()
        .filter(|(_, score)| *score >= MEMBER_SCORE)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(topic, _)| topic.as_str())
}

/// The entry of one story: its oldest selected member leads. None when the
/// story has no selected member left (deleted meanwhile).
fn story_entry(
    store: &Store,
    rules: &RuleSet,
    story: ArticleId,
    selected: &HashSet<ArticleId>,
) -> Result<Option<StoryEntry>, BriefingError> {
    let members = store.story_members(story)?;
    let mut rows: Vec<ArticleSummary> = store.summaries(&members)?;
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let Some(lead_at) = rows.iter().position(|r| selected.contains(&r.id)) else {
        return Ok(None);
    };
    let lead_row = rows.remove(lead_at);
    let Some(article) = store.article(lead_row.id)? else {
        return Ok(None);
    };
    let mut sources = vec![source(&lead_row, true)];
    sources.extend(
        rows.iter()
            .filter(|r| selected.contains(&r.id) || r.noise_kind.is_none())
            .map(|r| source(r, selected.contains(&r.id))),
    );
    let title = sanitize_line(&article.title);
    Ok(Some(StoryEntry {
        story_id: story,
        title: if title.is_empty() {
            "(untitled)".to_owned()
        } else {
            title
        },
        link: article.link.as_deref().and_then(web_link),
        date: lead_row.date,
        lead: lead::lead_of(&article, rules),
        sources,
    }))
}

fn source(row: &ArticleSummary, selected: bool) -> Source {
    Source {
        article_id: row.id,
        feed: sanitize_line(&row.feed_title),
        title: sanitize_line(&row.title),
        link: row.link.as_deref().and_then(web_link),
        date: row.date,
        starred: row.starred,
        selected,
    }
}
