//! `App::update` sequences for the feed list, the first run, read state,
//! the command line, saving, messages that stay, and help.

use super::*;
use crate::model::{ArticleSummary, FeedState};
use crate::tui::keymap::Keymap;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(app.handle(key(c)));
    }
    effects
}

fn row(id: ArticleId, feed_id: i64) -> ArticleSummary {
    ArticleSummary {
        id,
        feed_id,
        feed_title: "World".into(),
        title: format!("Story {id}"),
        link: Some(format!("https://example.test/{id}")),
        date: 1_700_000_000 - id,
        read: false,
        starred: false,
        noise_kind: None,
        noise_rule: None,
        title_derived: false,
    }
}

fn feed(id: i64, title: &str, tags: &[&str], unread: u64) -> FeedState {
    FeedState {
        id,
        url: format!("https://feeds.test/{id}"),
        title: Some(title.into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        etag: None,
        last_modified: None,
        next_poll_at: None,
        last_polled_at: Some(1_700_000_000),
        last_success_at: None,
        last_error: None,
        error_count: 0,
        repair_note: None,
        parser: None,
        unread,
        total: unread + 2,
    }
}

fn generation_of(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Query { generation, .. } => Some(*generation),
            _ => None,
        })
        .expect("a query")
}

fn query_text(effects: &[Effect]) -> Option<String> {
    effects.iter().find_map(|e| match e {
        Effect::Query { text, .. } => Some(text.clone()),
        _ => None,
    })
}

fn view(app: &mut App, generation: u64, ids: Vec<ArticleId>) -> Vec<Effect> {
    let unread = ids.len() as u64;
    app.handle(Msg::View {
        generation,
        ids,
        unread,
        noise: vec![],
        stories: Default::default(),
    })
}

/// Articles 1..=n of feed 1, all loaded and unread, three feeds known.
fn app_with(options: UiOptions, n: i64) -> App {
    let mut app = App::new(Keymap::builtin(), options, 100, 30);
    let effects = app.start(0, false);
    assert!(!effects.contains(&Effect::LoadFeeds), "{effects:?}");
    app.handle(Msg::Feeds(vec![
        feed(1, "World desk", &["world"], 3),
        feed(2, "Economy", &["world", "money"], 0),
        feed(3, "Local", &[], 1),
    ]));
    app.handle(Msg::Rows((1..=n).map(|i| row(i, 1)).collect()));
    view(&mut app, generation_of(&effects), (1..=n).collect());
    app
}

fn reads(effects: &[Effect]) -> Vec<ArticleId> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SetRead { ids, read: true } => Some(ids.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The time a dwelling read would happen, if one is due (the refresh
/// timer is half an hour away).
fn read_deadline(app: &App) -> Option<u64> {
    app.next_deadline().filter(|&at| at < 30 * 60_000)
}

// 17.3: read state the user chose.

#[test]
fn the_row_selected_at_start_up_is_not_read_by_dwelling() {
    let mut app = app_with(UiOptions::default(), 3);
    assert_eq!(app.selected_id(), Some(1));
    assert_eq!(read_deadline(&app), None);
    assert!(reads(&app.handle(Msg::Tick(60_000))).is_empty());
    assert!(!app.list.rows[&1].read);
}

#[test]
fn moving_starts_the_timer_and_moving_back_restarts_it() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(Msg::Tick(1_000));
    app.handle(key('j'));
    assert_eq!(read_deadline(&app), Some(3_000));
    app.handle(Msg::Tick(2_000));
    app.handle(key('k'));
    assert_eq!(read_deadline(&app), Some(4_000), "article 1, browsed to");
    assert_eq!(reads(&app.handle(Msg::Tick(4_000))), vec![1]);
    assert!(!app.list.rows[&2].read, "left before its time");
}

#[test]
fn a_new_view_stops_the_timer_until_the_user_moves() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(key('j'));
    assert!(read_deadline(&app).is_some());
    // A saved view, a sort or a filter brings a new list.
    let effects = app.update(Action::SortOldest);
    view(&mut app, generation_of(&effects), vec![3, 2, 1]);
    assert_eq!(read_deadline(&app), None);
    assert!(reads(&app.handle(Msg::Tick(10_000))).is_empty());
    app.handle(key('j'));
    assert_eq!(read_deadline(&app), Some(12_000));
}

#[test]
fn typing_a_filter_reads_nothing() {
    let mut app = app_with(UiOptions::default(), 5);
    app.handle(key('j'));
    app.handle(key('/'));
    assert_eq!(read_deadline(&app), None, "the filter bar has the keys");
    let effects = typed(&mut app, "s");
    view(&mut app, generation_of(&effects), vec![4, 5]);
    let effects = typed(&mut app, "a");
    view(&mut app, generation_of(&effects), vec![5]);
    assert!(reads(&app.handle(Msg::Tick(60_000))).is_empty());
    app.handle(code(KeyCode::Enter));
    assert!(reads(&app.handle(Msg::Tick(120_000))).is_empty());
    assert!(!app.list.rows[&5].read, "the top hit stays unread");
    // Opening it reads it.
    assert_eq!(reads(&app.handle(code(KeyCode::Enter))), vec![5]);
}

#[test]
fn a_poll_keeps_the_timer_of_the_article_browsed_to() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(key('j'));
    let effects = app.handle(Msg::PollFinished {
        new: 1,
        failed: vec![],
        notes: vec![],
    });
    view(&mut app, generation_of(&effects), vec![9, 1, 2, 3]);
    assert_eq!(app.selected_id(), Some(2));
    assert_eq!(reads(&app.handle(Msg::Tick(2_000))), vec![2]);
}

#[test]
fn read_after_zero_reads_only_what_is_opened() {
    let options = UiOptions {
        read_after_ms: None,
        ..UiOptions::default()
    };
    let mut app = app_with(options, 3);
    app.handle(key('j'));
    app.handle(key('j'));
    assert_eq!(read_deadline(&app), None);
    assert!(reads(&app.handle(Msg::Tick(600_000))).is_empty());
    assert_eq!(reads(&app.handle(code(KeyCode::Enter))), vec![3]);
    // And the command line can turn dwelling on and off again.
    let mut app = app_with(UiOptions::default(), 3);
    app.run_command_line("set read_after 0");
    app.handle(key('j'));
    assert_eq!(read_deadline(&app), None);
    app.run_command_line("set read_after 5");
    app.handle(key('j'));
    assert_eq!(read_deadline(&app), Some(5_000));
    app.run_command_line("set read_after soon");
    assert!(app.status.shown().unwrap().1, "a bad value is an error");
}

// 17.1: the feed list.

#[test]
fn the_feed_list_groups_by_tag_and_opens_a_feed_as_a_filter() {
    let mut app = app_with(UiOptions::default(), 3);
    assert_eq!(app.handle(key('f')), vec![Effect::LoadFeeds]);
    assert_eq!(app.screen, Screen::Feeds);
    let rows: Vec<String> = app
        .feeds
        .rows
        .iter()
        .map(|r| match r {
            FeedRow::Tag(t) => format!("[{t}]"),
            FeedRow::Feed(i) => app.feeds.feeds[*i].display_name().to_owned(),
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            "[money]",
            "Economy",
            "[world]",
            "World desk",
            "Economy",
            "[untagged]",
            "Local"
        ]
    );
    assert_eq!(app.feeds.selected_feed().unwrap().id, 2, "headings skipped");
    app.handle(key('j'));
    app.handle(key('j'));
    assert_eq!(
        app.feeds.selected_feed().unwrap().id,
        2,
        "under its other tag"
    );
    app.handle(key('k'));
    assert_eq!(app.feeds.selected_feed().unwrap().id, 1);
    let effects = app.handle(code(KeyCode::Enter));
    assert_eq!(query_text(&effects).as_deref(), Some("feed:#1"));
    assert_eq!(app.screen, Screen::Articles);
    assert_eq!(app.filter.text, "feed:#1", "shown in the bar");
    assert_eq!(app.filtered_feed_name(), Some("World desk"));
    // Esc goes back to all articles.
    let effects = app.handle(code(KeyCode::Esc));
    assert_eq!(query_text(&effects).as_deref(), Some(""));
    // And from the feed list, esc goes back to the articles.
    app.handle(key('f'));
    app.handle(code(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Articles);
}

#[test]
fn feeds_are_added_removed_edited_read_polled_and_imported_from_the_list() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(key('f'));
    app.handle(key('a'));
    assert!(matches!(
        app.prompt,
        Some(Prompt::Text {
            ask: Ask::AddFeed,
            ..
        })
    ));
    let mut effects = typed(&mut app, "example.com");
    effects.extend(app.handle(code(KeyCode::Enter)));
    assert_eq!(
        effects,
        vec![Effect::ChangeFeeds(FeedChange::Add {
            url: "example.com".into()
        })]
    );
    // Remove asks first.
    app.handle(key('d'));
    assert!(matches!(app.prompt, Some(Prompt::ConfirmRemoveFeed { .. })));
    assert!(app.handle(key('n')).is_empty());
    app.handle(key('d'));
    assert_eq!(
        app.handle(key('y')),
        vec![Effect::ChangeFeeds(FeedChange::Remove {
            url: "https://feeds.test/2".into()
        })]
    );
    // Title: the prompt starts from the title it has.
    app.handle(key('e'));
    assert_eq!(
        app.prompt,
        Some(Prompt::Text {
            ask: Ask::FeedTitle {
                url: "https://feeds.test/2".into()
            },
            input: "Economy".into()
        })
    );
    app.handle(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    typed(&mut app, "Markets");
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::ChangeFeeds(FeedChange::Edit {
            url: "https://feeds.test/2".into(),
            title: Some("Markets".into()),
            tags: None
        })]
    );
    app.handle(key('t'));
    typed(&mut app, ", Asia");
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::ChangeFeeds(FeedChange::Edit {
            url: "https://feeds.test/2".into(),
            title: None,
            tags: Some(vec!["world".into(), "money".into(), "asia".into()])
        })]
    );
    // Economy has nothing unread; World desk has.
    assert!(app.handle(key('A')).is_empty());
    app.handle(key('j'));
    assert_eq!(
        app.handle(key('A')),
        vec![Effect::ChangeFeeds(FeedChange::MarkRead { id: 1 })]
    );
    assert_eq!(app.handle(key('R')), vec![Effect::Poll(Some(1))]);
    app.handle(Msg::PollFinished {
        new: 0,
        failed: vec![],
        notes: vec![],
    });
    app.handle(key('i'));
    typed(&mut app, "~/urls");
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::ChangeFeeds(FeedChange::Import {
            path: "~/urls".into()
        })]
    );
    // A change done: the list and the counts are loaded again, once.
    let effects = app.handle(Msg::FeedsChanged(Ok("subscribed".into())));
    assert_eq!(effects.first(), Some(&Effect::LoadFeeds));
    assert!(query_text(&effects).is_some());
    assert_eq!(app.status.shown(), Some(("subscribed", false)));
    app.handle(Msg::FeedsChanged(Err("cannot write feeds.toml".into())));
    assert_eq!(app.status.shown(), Some(("cannot write feeds.toml", true)));
}

// 17.2: first run.

#[test]
fn with_no_feeds_the_welcome_shows_and_r_says_there_is_nothing_to_poll() {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 60, 15);
    let effects = app.start(0, false);
    assert!(!app.shows_welcome(), "not before the feeds are known");
    app.handle(Msg::Feeds(vec![]));
    view(&mut app, generation_of(&effects), vec![]);
    assert!(app.shows_welcome());
    assert!(app.handle(key('r')).is_empty());
    let (text, _) = app.status.shown().unwrap();
    assert!(text.starts_with("no feeds to poll yet"), "{text}");
    // The start-up poll waits for the feed list, and with no feeds it
    // says the same, without a poll.
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 60, 15);
    assert!(!app.start(0, true).contains(&Effect::Poll(None)));
    assert!(app.handle(Msg::Feeds(vec![])).is_empty());
    assert!(
        app.status
            .shown()
            .unwrap()
            .0
            .starts_with("no feeds to poll yet")
    );
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 60, 15);
    app.start(0, true);
    assert_eq!(
        app.handle(Msg::Feeds(vec![feed(1, "World desk", &[], 0)])),
        vec![Effect::Poll(None)]
    );
    assert!(app.handle(Msg::Feeds(vec![])).is_empty(), "only once");
}

// 17.4: the command line.

#[test]
fn the_command_line_completes_remembers_and_runs_actions_by_name() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(key(':'));
    typed(&mut app, "sta");
    app.handle(code(KeyCode::Tab));
    assert_eq!(
        app.prompt,
        Some(Prompt::Command {
            input: "star ".into()
        })
    );
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::SetStarred {
            id: 1,
            starred: true
        }]
    );
    // Several choices: Tab cycles through them and lists them.
    app.handle(key(':'));
    typed(&mut app, "sa");
    app.handle(code(KeyCode::Tab));
    assert_eq!(app.commands.choices, vec!["save", "save_article"]);
    assert!(
        !app.status
            .log
            .iter()
            .any(|m| m.text.contains("save_article")),
        "choices are not logged"
    );
    app.handle(code(KeyCode::Tab));
    assert_eq!(
        app.prompt,
        Some(Prompt::Command {
            input: "save_article".into()
        })
    );
    app.handle(code(KeyCode::Esc));
    // History.
    app.handle(key(':'));
    app.handle(code(KeyCode::Up));
    assert_eq!(
        app.prompt,
        Some(Prompt::Command {
            input: "star".into()
        })
    );
    app.handle(code(KeyCode::Esc));
    // Commands with words.
    assert_eq!(
        app.run_command_line("tag World, Briefing")[0],
        Effect::SetTags {
            id: 1,
            tags: vec!["world".into(), "briefing".into()]
        }
    );
    assert_eq!(
        app.run_command_line("feed add https://a.test/feed"),
        vec![Effect::ChangeFeeds(FeedChange::Add {
            url: "https://a.test/feed".into()
        })]
    );
    assert_eq!(
        app.run_command_line("save /tmp/one.md"),
        vec![Effect::SaveArticle {
            id: 1,
            path: Some("/tmp/one.md".into())
        }]
    );
    assert_eq!(
        app.run_command_line("export briefing"),
        vec![Effect::ExportBriefing {
            query: String::new()
        }]
    );
    assert_eq!(
        app.run_command_line("import /tmp/urls"),
        vec![Effect::ChangeFeeds(FeedChange::Import {
            path: "/tmp/urls".into()
        })]
    );
    assert_eq!(
        app.run_command_line("open"),
        vec![Effect::SetRead {
            ids: vec![1],
            read: true
        }]
    );
    // Unknown: the nearest name.
    app.handle(key(':'));
    typed(&mut app, "stra");
    assert!(app.handle(code(KeyCode::Enter)).is_empty());
    assert_eq!(
        app.status.shown(),
        Some(("unknown command `stra`; did you mean `star`?", true))
    );
    app.handle(key(':'));
    typed(&mut app, "quit");
    assert_eq!(app.handle(code(KeyCode::Enter)), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn a_keymap_entry_may_run_a_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keymap.toml");
    std::fs::write(&file, "[list]\n\"T\" = \":tag world\"\n").unwrap();
    let (keymap, errors) = Keymap::with_user_file(&file);
    assert!(errors.is_empty(), "{errors:?}");
    let mut app = App::new(keymap, UiOptions::default(), 100, 30);
    let effects = app.start(0, false);
    app.handle(Msg::Rows(vec![row(1, 1)]));
    view(&mut app, generation_of(&effects), vec![1]);
    assert_eq!(
        app.handle(key('T'))[0],
        Effect::SetTags {
            id: 1,
            tags: vec!["world".into()]
        }
    );
}

// 17.5: save an article.

#[test]
fn save_asks_where_and_an_empty_answer_uses_the_saved_folder() {
    let mut app = app_with(UiOptions::default(), 2);
    app.handle(key('S'));
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::SaveArticle { id: 1, path: None }]
    );
    app.handle(key('S'));
    typed(&mut app, "~/a.md");
    assert_eq!(
        app.handle(code(KeyCode::Enter)),
        vec![Effect::SaveArticle {
            id: 1,
            path: Some("~/a.md".into())
        }]
    );
}

// 17.6: errors that stay, a log, ctrl-c.

#[test]
fn a_bad_user_file_stays_until_dismissed_and_every_message_is_logged() {
    let mut app = app_with(UiOptions::default(), 3);
    app.status
        .sticky_error("key skipped: keymap.toml:3: unknown key `ctrl-zz`");
    app.handle(key('j'));
    app.handle(Msg::PollFinished {
        new: 2,
        failed: vec![],
        notes: vec![],
    });
    assert_eq!(
        app.status.shown(),
        Some(("key skipped: keymap.toml:3: unknown key `ctrl-zz`", true))
    );
    let log: Vec<&str> = app.status.log.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        log,
        vec![
            "key skipped: keymap.toml:3: unknown key `ctrl-zz`",
            "poll done: 2 new"
        ]
    );
    // Esc dismisses it; the filter stays.
    app.filter.text = "iran".into();
    assert!(app.handle(code(KeyCode::Esc)).is_empty());
    assert_eq!(app.status.shown(), None);
    assert_eq!(app.filter.text, "iran");
    // The log view shows them all.
    app.handle(key('L'));
    assert_eq!(app.overlay, Some(Overlay::Log { scroll: 0 }));
    app.handle(key('q'));
    assert_eq!(app.overlay, None);
    assert!(!app.quit, "q closed the log");
}

#[test]
fn ctrl_c_quits_from_anywhere_whatever_the_keymap_says() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keymap.toml");
    std::fs::write(
        &file,
        "[global]\n\"ctrl-c\" = \"toggle_star\"\n\"q\" = \"none\"\n",
    )
    .unwrap();
    let ctrl_c = || Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    for setup in ["", "/", ":", "?", "t", "f"] {
        let (keymap, _) = Keymap::with_user_file(&file);
        let mut app = App::new(keymap, UiOptions::default(), 100, 30);
        let effects = app.start(0, false);
        app.handle(Msg::Rows(vec![row(1, 1)]));
        view(&mut app, generation_of(&effects), vec![1]);
        typed(&mut app, setup);
        assert_eq!(app.handle(ctrl_c()), vec![Effect::Quit], "after {setup:?}");
        assert!(app.quit);
    }
}

// 17.7: help that scrolls and can be searched.

#[test]
fn help_scrolls_and_searches_and_closes() {
    let mut app = app_with(UiOptions::default(), 3);
    app.handle(key('?'));
    let Some(Overlay::Help(state)) = &app.overlay else {
        panic!("no help")
    };
    let all = state.lines.len();
    app.handle(key('j'));
    app.handle(key('j'));
    let Some(Overlay::Help(state)) = &app.overlay else {
        panic!("closed")
    };
    assert_eq!(state.scroll, 2);
    app.handle(key('/'));
    typed(&mut app, "topic");
    let Some(Overlay::Help(state)) = &app.overlay else {
        panic!("closed")
    };
    assert!(state.searching && state.lines.len() < all / 4, "{state:?}");
    assert_eq!(state.scroll, 0);
    app.handle(code(KeyCode::Enter));
    app.handle(code(KeyCode::Esc));
    let Some(Overlay::Help(state)) = &app.overlay else {
        panic!("esc clears the search first")
    };
    assert_eq!(state.lines.len(), all);
    app.handle(key('q'));
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
}

#[test]
fn the_start_up_poll_leaves_the_message_shown_in_place() {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 100, 30);
    app.start(0, true);
    app.status
        .error("logging stopped: cannot write sift.log (the disk is full)");
    assert_eq!(
        app.handle(Msg::Feeds(vec![feed(1, "World desk", &[], 0)])),
        vec![Effect::Poll(None)]
    );
    assert_eq!(
        app.status.shown().unwrap().0,
        "logging stopped: cannot write sift.log (the disk is full)"
    );
}

#[test]
fn the_feed_list_is_asked_for_once_after_the_first_screen() {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 100, 30);
    let effects = app.start(0, false);
    assert!(
        matches!(effects.as_slice(), [Effect::Query { .. }]),
        "{effects:?}"
    );
    let effects = view(&mut app, generation_of(&effects), vec![1, 2]);
    assert!(
        matches!(effects.first(), Some(Effect::LoadRows(_))),
        "{effects:?}"
    );
    assert_eq!(effects.last(), Some(&Effect::LoadFeeds), "after the rows");
    let effects = app.update(Action::SortOldest);
    let effects = view(&mut app, generation_of(&effects), vec![2, 1]);
    assert!(!effects.contains(&Effect::LoadFeeds), "{effects:?}");
}
