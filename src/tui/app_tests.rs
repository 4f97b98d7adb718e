use super::*;
use crate::model::ArticleSummary;
use crate::tui::keymap::Keymap;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn row(id: ArticleId, read: bool) -> ArticleSummary {
    ArticleSummary {
        id,
        feed_id: 1,
        feed_title: "World".into(),
        title: format!("Story {id}"),
        link: Some(format!("https://example.test/{id}")),
        date: 1_700_000_000 - id,
        read,
        starred: false,
        noise_kind: None,
        noise_rule: None,
        title_derived: false,
    }
}

/// An app showing articles 1..=n, all loaded, the first `read` of them
/// read.
fn app_with(n: i64, read: i64) -> App {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 100, 30);
    let effects = app.start(0, false);
    let Effect::Query { generation, .. } = effects[0].clone() else {
        panic!("{effects:?}")
    };
    app.handle(Msg::Rows((1..=n).map(|i| row(i, i <= read)).collect()));
    app.handle(Msg::View {
        generation,
        ids: (1..=n).collect(),
        unread: (n - read) as u64,
        noise: vec![("promo".into(), 3)],
        stories: Default::default(),
    });
    app
}

fn query_text(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Query { text, .. } => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn moving_the_selection_renders_the_article_at_once() {
    let mut app = app_with(5, 0);
    let effects = app.handle(key('j'));
    assert_eq!(app.list.selected, 1);
    assert!(effects.contains(&Effect::Render {
        id: 2,
        width: app.areas.reader_width(),
        show_hidden: false
    }));
    app.handle(key('G'));
    assert_eq!(app.selected_id(), Some(5));
    app.handle(key('g'));
    assert_eq!(app.selected_id(), Some(1));
}

#[test]
fn an_article_shown_for_two_seconds_counts_as_read() {
    let mut app = app_with(3, 0);
    app.handle(Msg::Tick(1000));
    app.handle(key('j'));
    assert_eq!(app.next_deadline(), Some(3000));
    assert!(app.handle(Msg::Tick(2500)).is_empty());
    let effects = app.handle(Msg::Tick(3000));
    assert_eq!(
        effects,
        vec![Effect::SetRead {
            ids: vec![2],
            read: true
        }]
    );
    assert_eq!(app.list.view.unread, 2);
    assert!(
        app.undo.is_empty(),
        "reading by dwelling is not a triage action"
    );
}

#[test]
fn opening_marks_read_and_focuses_the_reader() {
    let mut app = app_with(3, 0);
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    assert!(effects.contains(&Effect::SetRead {
        ids: vec![1],
        read: true
    }));
    // j now scrolls the reader, not the list.
    app.handle(key('j'));
    assert_eq!(app.list.selected, 0);
    app.handle(key('h'));
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn triage_actions_undo_in_reverse_order() {
    let mut app = app_with(3, 0);
    app.handle(key('m'));
    app.handle(key('s'));
    assert!(app.list.rows[&1].read && app.list.rows[&1].starred);
    let effects = app.handle(key('u'));
    assert_eq!(
        effects,
        vec![Effect::SetStarred {
            id: 1,
            starred: false
        }]
    );
    let effects = app.handle(key('u'));
    assert_eq!(
        effects[0],
        Effect::SetRead {
            ids: vec![1],
            read: false
        }
    );
    assert!(!app.list.rows[&1].read);
    assert_eq!(app.list.view.unread, 3);
    app.handle(key('u'));
    assert_eq!(app.status.shown().unwrap().0, "nothing to undo");
}

#[test]
fn mark_all_read_asks_first_and_can_be_undone() {
    let mut app = app_with(4, 1);
    assert!(app.handle(key('A')).is_empty());
    assert_eq!(app.prompt, Some(Prompt::ConfirmMarkAll));
    assert!(app.handle(key('n')).is_empty());
    assert_eq!(app.list.view.unread, 3);
    app.handle(key('A'));
    let effects = app.handle(key('y'));
    assert_eq!(effects, vec![Effect::MarkAllRead(vec![1, 2, 3, 4])]);
    assert_eq!(app.list.view.unread, 0);
    app.handle(Msg::MarkedRead(vec![2, 3, 4]));
    let effects = app.handle(key('u'));
    assert_eq!(
        effects[0],
        Effect::SetRead {
            ids: vec![2, 3, 4],
            read: false
        }
    );
    assert!(app.list.rows[&1].read && !app.list.rows[&2].read);
}

#[test]
fn next_unread_skips_read_rows_and_loads_ahead_when_needed() {
    let mut app = app_with(5, 3);
    app.handle(key('n'));
    assert_eq!(app.selected_id(), Some(4));
    // Rows beyond what is loaded are fetched, then the search goes on.
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 100, 30);
    let effects = app.start(0, false);
    let Effect::Query { generation, .. } = effects[0].clone() else {
        panic!()
    };
    app.handle(Msg::Rows(vec![row(1, true), row(2, true)]));
    app.handle(Msg::View {
        generation,
        ids: (1..=300).collect(),
        unread: 1,
        noise: vec![],
        stories: Default::default(),
    });
    let effects = app.handle(key('n'));
    let Some(Effect::LoadRows(chunk)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(chunk.first(), Some(&3));
    let mut rows: Vec<ArticleSummary> = chunk.iter().map(|id| row(*id, true)).collect();
    rows[40].read = false;
    let unread_id = rows[40].id;
    app.handle(Msg::Rows(rows));
    assert_eq!(app.selected_id(), Some(unread_id));
}

#[test]
fn the_filter_queries_on_every_keystroke_and_keeps_the_last_good_result() {
    let mut app = app_with(3, 0);
    app.handle(key('/'));
    assert_eq!(app.focus, Focus::Filter);
    let effects = app.handle(key('q'));
    assert_eq!(query_text(&effects).as_deref(), Some("q"));
    // While typing, letters are text, not commands.
    let effects = app.handle(key('('));
    assert_eq!(query_text(&effects).as_deref(), Some("q("));
    assert!(!app.quit);
    let generation = app.generation;
    app.handle(Msg::QueryError {
        generation,
        message: "unclosed (".into(),
    });
    assert_eq!(app.filter.error.as_deref(), Some("unclosed ("));
    assert_eq!(app.list.view.ids, vec![1, 2, 3], "last good result stays");
    // A stale answer is ignored.
    app.handle(Msg::View {
        generation: generation - 1,
        ids: vec![9],
        unread: 1,
        noise: vec![],
        stories: Default::default(),
    });
    assert_eq!(app.list.view.ids, vec![1, 2, 3]);
    app.handle(code(KeyCode::Backspace));
    app.handle(code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.filter.history, vec!["q"]);
    app.handle(key('/'));
    let effects = app.handle(code(KeyCode::Esc));
    assert_eq!(query_text(&effects).as_deref(), Some(""));
    app.handle(key('/'));
    app.handle(code(KeyCode::Up));
    assert_eq!(app.filter.text, "q");
}

#[test]
fn new_articles_keep_the_selection_on_its_article() {
    let mut app = app_with(10, 0);
    app.handle(key('j'));
    app.handle(key('j'));
    assert_eq!(app.selected_id(), Some(3));
    let effects = app.handle(Msg::PollFinished {
        new: 2,
        failed: vec![],
        notes: vec![],
    });
    let Some(Effect::Query { generation, .. }) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    app.handle(Msg::View {
        generation,
        ids: vec![11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        unread: 12,
        noise: vec![],
        stories: Default::default(),
    });
    assert_eq!(app.selected_id(), Some(3));
    assert_eq!(app.list.selected - app.list.top, 2, "same place on screen");
}

#[test]
fn only_web_links_open() {
    let mut app = app_with(2, 0);
    app.list.rows.get_mut(&1).unwrap().link = Some("javascript:alert(1)".into());
    assert!(app.handle(key('o')).is_empty());
    assert!(
        app.status
            .shown()
            .unwrap()
            .0
            .contains("only http and https")
    );
    app.list.rows.get_mut(&1).unwrap().link = Some("file:///etc/passwd".into());
    assert!(app.handle(key('o')).is_empty());
    app.list.rows.get_mut(&1).unwrap().link = Some("https://example.test/1".into());
    assert_eq!(
        app.handle(key('o')),
        vec![Effect::OpenUrl("https://example.test/1".into())]
    );
    assert_eq!(
        app.handle(key('y')),
        vec![Effect::Copy("https://example.test/1".into())]
    );
}

#[test]
fn tags_prompt_sets_tags_and_undo_restores_them() {
    let mut app = app_with(2, 0);
    app.handle(key('t'));
    for c in "World, Briefing".chars() {
        app.handle(key(c));
    }
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(
        effects[0],
        Effect::SetTags {
            id: 1,
            tags: vec!["world".into(), "briefing".into()]
        }
    );
    let effects = app.handle(key('u'));
    assert_eq!(
        effects[0],
        Effect::SetTags {
            id: 1,
            tags: vec![]
        }
    );
}

#[test]
fn a_poll_that_judged_the_cache_again_says_so() {
    let mut app = app_with(2, 0);
    app.handle(Msg::PollFinished {
        new: 1,
        failed: vec![],
        notes: vec!["rescan: 2 verdicts changed (2 now hidden) over 40 articles".into()],
    });
    let (message, error) = app.status.shown().unwrap();
    assert_eq!(
        message,
        "poll done: 1 new · rescan: 2 verdicts changed (2 now hidden) over 40 articles"
    );
    assert!(!error);
}

#[test]
fn polls_are_not_started_twice_and_refresh_on_a_timer() {
    let mut app = app_with(2, 0);
    assert_eq!(app.handle(key('r')), vec![Effect::Poll(None)]);
    assert!(app.handle(key('r')).is_empty());
    app.handle(Msg::PollFinished {
        new: 0,
        failed: vec!["a.test: 404".into()],
        notes: vec![],
    });
    assert!(app.status.shown().unwrap().1, "failures show as an error");
    assert_eq!(app.handle(key('R')), vec![Effect::Poll(Some(1))]);
    app.handle(Msg::PollFinished {
        new: 0,
        failed: vec![],
        notes: vec![],
    });
    let effects = app.handle(Msg::Tick(31 * 60_000));
    assert!(effects.contains(&Effect::Poll(None)), "{effects:?}");
}

#[test]
fn mouse_wheel_and_clicks_select_and_can_be_turned_off() {
    let mut app = app_with(5, 0);
    let at = |kind, column, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let list = app.areas.list;
    app.handle(at(MouseEventKind::ScrollDown, list.x + 2, list.y + 2));
    assert_eq!(app.list.selected, 1);
    app.handle(at(
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 4,
    ));
    assert_eq!(app.list.selected, 3);
    app.options.mouse = false;
    app.handle(at(MouseEventKind::ScrollDown, list.x + 2, list.y + 2));
    assert_eq!(app.list.selected, 3);
}

#[test]
fn saved_views_are_chosen_by_number_or_name() {
    let mut app = app_with(2, 0);
    app.options.views = vec![
        ("fp".into(), "is:unread tag:world".into()),
        ("stars".into(), "is:starred".into()),
    ];
    app.handle(key('v'));
    app.handle(key('2'));
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(query_text(&effects).as_deref(), Some("is:starred"));
    app.handle(key('v'));
    app.handle(key('f'));
    app.handle(key('p'));
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(query_text(&effects).as_deref(), Some("is:unread tag:world"));
}

#[test]
fn the_briefing_key_asks_for_the_views_starred_articles() {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 120, 40);
    let _ = app.start(0, false);
    app.filter.text = "topic:foreign-policy".into();
    let effects = app.handle(key('E'));
    assert_eq!(
        effects,
        vec![Effect::ExportBriefing {
            query: "topic:foreign-policy".into()
        }]
    );
    app.handle(Msg::Notice(
        "briefing of 2 stories written to /tmp/b.md".into(),
    ));
    assert_eq!(
        app.status.shown(),
        Some(("briefing of 2 stories written to /tmp/b.md", false))
    );
}

/// Articles 1..=5; article 1's story is also told by 6 and 7 (not rows of
/// the list until expanded).
fn app_with_a_story() -> App {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 100, 30);
    let effects = app.start(0, false);
    let Effect::Query { generation, .. } = effects[0].clone() else {
        panic!("{effects:?}")
    };
    app.handle(Msg::Rows((1..=7).map(|i| row(i, false)).collect()));
    app.handle(Msg::View {
        generation,
        ids: (1..=5).collect(),
        unread: 7,
        noise: vec![],
        stories: [(1, vec![6, 7])].into_iter().collect(),
    });
    app
}

#[test]
fn enter_expands_a_story_and_opens_an_article_after() {
    let mut app = app_with_a_story();
    assert_eq!(app.list.view.ids, vec![1, 2, 3, 4, 5]);
    app.handle(code(KeyCode::Enter));
    assert_eq!(app.list.view.ids, vec![1, 6, 7, 2, 3, 4, 5]);
    assert_eq!(app.focus, Focus::List, "expanding does not open");
    assert_eq!(app.list.view.member_of.get(&6), Some(&1));
    // Enter again opens the story's own article; the others stay unread.
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    assert!(effects.contains(&Effect::SetRead {
        ids: vec![1],
        read: true
    }));
    // x on one of its sources closes the story and selects its row.
    app.handle(code(KeyCode::Esc));
    app.handle(key('j'));
    assert_eq!(app.selected_id(), Some(6));
    app.handle(key('x'));
    assert_eq!(app.list.view.ids, vec![1, 2, 3, 4, 5]);
    assert_eq!(app.selected_id(), Some(1));
    // Expansion survives a new answer to the same query.
    app.handle(key('x'));
    assert!(app.list.expanded.contains(&1));
}

#[test]
fn marking_a_story_read_marks_all_of_its_articles_and_undo_restores_them() {
    let mut app = app_with_a_story();
    let effects = app.handle(key('m'));
    assert!(
        effects.contains(&Effect::SetRead {
            ids: vec![1, 6, 7],
            read: true
        }),
        "{effects:?}"
    );
    assert_eq!(app.list.view.unread, 4);
    assert!(app.list.rows[&6].read && app.list.rows[&7].read);
    let effects = app.handle(key('u'));
    assert!(effects.contains(&Effect::SetRead {
        ids: vec![1, 6, 7],
        read: false
    }));
    assert!(!app.list.rows[&7].read);
    // Catching up on the view takes the stories' other articles too.
    app.handle(key('A'));
    let effects = app.handle(key('y'));
    let Some(Effect::MarkAllRead(ids)) = effects.first() else {
        panic!("{effects:?}")
    };
    let mut ids = ids.clone();
    ids.sort();
    assert_eq!(ids, vec![1, 2, 3, 4, 5, 6, 7]);
}
