//! Drawing at fixed sizes with ratatui's TestBackend: what a user sees,
//! and that nothing from a feed reaches the terminal as a control.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::{App, Effect, Msg, UiOptions};
use super::keymap::Keymap;
use super::reader;
use super::theme::Theme;
use super::view;
use crate::clean::{RuleSet, clean_fragment};
use crate::model::{Article, ArticleSummary};

const HOSTILE: &str = "Evil \u{1b}]52;c;aGk=\u{7}title \u{1b}[2J\u{9b}31m\u{202e}reversed\u{200b}";

fn summary(id: i64, title: &str, read: bool) -> ArticleSummary {
    ArticleSummary {
        id,
        feed_id: 1,
        feed_title: "World \u{1b}[31mnews".into(),
        title: title.into(),
        link: Some("https://example.test/a".into()),
        date: chrono::Utc::now().timestamp() - 3600 * id,
        read,
        starred: id == 2,
        noise_kind: None,
        noise_rule: None,
        title_derived: false,
    }
}

fn article(id: i64, content: &str) -> Article {
    Article {
        enclosures: Vec::new(),
        id,
        feed_id: 1,
        feed_title: "World news".into(),
        guid: "g".into(),
        link: Some("https://example.test/a".into()),
        title: HOSTILE.into(),
        author: Some("A. Writer".into()),
        published: None,
        updated: None,
        first_seen: 0,
        date: 1_700_000_000,
        summary: None,
        content: Some(content.into()),
        read: false,
        starred: false,
        tags: vec![],
        noise_kind: None,
        noise_rule: None,
        full_html: None,
        full_error: None,
    }
}

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), width, height);
    let effects = app.start(0, false);
    let Some(Effect::Query { generation, .. }) = effects.first().cloned() else {
        panic!("{effects:?}")
    };
    app.handle(Msg::Rows(vec![
        summary(1, HOSTILE, false),
        summary(2, "Talks resume in Vienna as envoys return 日本語 ✈️", true),
        summary(3, "Ceasefire holds for a third day", false),
    ]));
    app.handle(Msg::View {
        generation,
        ids: vec![1, 2, 3],
        unread: 2,
        noise: vec![("promo".into(), 12), ("related".into(), 4)],
        stories: Default::default(),
    });
    let html = format!(
        "<p>{HOSTILE} is a paragraph of the body with enough words to stay.</p>\
         <p>Sign up for our free newsletter</p>\
         <p>A second paragraph, with <a href=\"https://example.test/r\">a link</a>.</p>"
    );
    let a = article(1, &html);
    let cleaned = clean_fragment(&html, a.link.as_deref(), &RuleSet::builtin());
    let width = app.areas.reader_width();
    app.handle(Msg::Doc(Box::new(reader::build(
        &a, &cleaned, width, false,
    ))));
    app
}

fn screen(app: &App, theme: &Theme) -> (String, Vec<String>) {
    let (w, h) = (app.areas.status.width, app.areas.status.y + 1);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(f, app, theme)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut all = String::new();
    let mut lines = Vec::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buffer[(x, y)].symbol());
        }
        all.push_str(&line);
        all.push('\n');
        lines.push(line);
    }
    (all, lines)
}

fn assert_clean(text: &str) {
    for c in text.chars() {
        let control = c.is_control() && c != '\n';
        let bidi = ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(
            !control && !bidi && c != '\u{200b}',
            "control {c:?} reached the screen:\n{text}"
        );
    }
}

#[test]
fn wide_screen_shows_list_and_reader_side_by_side() {
    let app = app(130, 30);
    let (all, lines) = screen(&app, &Theme::colour());
    assert_clean(&all);
    assert!(
        lines[0].contains("promo 12 hidden · related 4 hidden"),
        "{}",
        lines[0]
    );
    assert!(lines[29].starts_with("2 unread"), "{}", lines[29]);
    // List and reader on the same rows.
    let row = lines
        .iter()
        .find(|l| l.contains("Ceasefire holds"))
        .expect("row");
    assert!(row.contains('│'));
    assert!(all.contains("hidden: 1 promo, H to show"), "{all}");
    assert!(all.contains("a link [1]"), "{all}");
    assert!(all.contains("[1] https://example.test/r"), "{all}");
    assert!(!all.contains("Sign up"), "{all}");
    assert!(all.contains("★"), "the starred row shows its star");
}

#[test]
fn small_screen_stacks_and_still_shows_the_essentials() {
    let app = app(60, 15);
    let (all, lines) = screen(&app, &Theme::monochrome());
    assert_clean(&all);
    assert!(lines[14].starts_with("2 unread"), "{}", lines[14]);
    assert!(all.contains("Ceasefire holds"), "{all}");
    for line in &lines {
        assert!(super::view::width_of(line) <= 60, "{line}");
    }
}

#[test]
fn help_is_drawn_from_the_keymap() {
    let mut app = app(100, 40);
    app.handle(Msg::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('?'),
        crossterm::event::KeyModifiers::NONE,
    )));
    let (all, _) = screen(&app, &Theme::colour());
    assert!(all.contains("mark everything in this view read"), "{all}");
    assert!(all.contains("next unread article"), "{all}");
}

#[test]
fn a_bad_filter_shows_its_error_in_the_bar() {
    let mut app = app(100, 20);
    let generation = match app.update(super::keymap::Action::ToggleNoise).first() {
        Some(Effect::Query { generation, .. }) => *generation,
        other => panic!("{other:?}"),
    };
    app.handle(Msg::QueryError {
        generation,
        message: "unknown field `fed:`; did you mean `feed:`?".into(),
    });
    let (_, lines) = screen(&app, &Theme::colour());
    assert!(lines[0].contains("did you mean `feed:`"), "{}", lines[0]);
    assert!(lines[0].contains("noise shown"), "{}", lines[0]);
}

/// The style of the first cell of the first `word` on screen whose line
/// also holds `context`.
fn style_at(app: &App, theme: &Theme, context: &str, word: &str) -> ratatui::style::Style {
    let (w, h) = (app.areas.status.width, app.areas.status.y + 1);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(f, app, theme)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    for y in 0..h {
        let cells: Vec<&str> = (0..w).map(|x| buffer[(x, y)].symbol()).collect();
        let line: String = cells.concat();
        if !line.contains(context) {
            continue;
        }
        // Cells are one column each here (ASCII words).
        if let Some(at) = (0..cells.len()).find(|&x| cells[x..].concat().starts_with(word)) {
            return buffer[(at as u16, y)].style();
        }
    }
    panic!(
        "{word:?} not on screen next to {context:?}:\n{}",
        screen(app, theme).0
    );
}

#[test]
fn query_words_and_watch_words_are_highlighted_in_list_and_reader() {
    let mut app = App::new(
        Keymap::builtin(),
        UiOptions {
            watch: vec!["Vienna".into(), "second paragraph".into()],
            ..UiOptions::default()
        },
        130,
        30,
    );
    let _ = app.start(0, false);
    app.filter.text = "ceasefire -talks".into();
    let generation = match app.update(super::keymap::Action::ToggleNoise).first() {
        Some(Effect::Query { generation, .. }) => *generation,
        other => panic!("{other:?}"),
    };
    app.handle(Msg::Rows(vec![
        summary(2, "Talks resume in Vienna as envoys return", true),
        summary(3, "Ceasefire holds for a third day", false),
    ]));
    app.handle(Msg::View {
        generation,
        ids: vec![3, 2],
        unread: 1,
        noise: vec![],
        stories: Default::default(),
    });
    let html = "<p>The ceasefire is a paragraph of the body.</p><p>A second paragraph follows.</p>";
    let a = article(3, html);
    let cleaned = clean_fragment(html, a.link.as_deref(), &RuleSet::builtin());
    let width = app.areas.reader_width();
    app.handle(Msg::Doc(Box::new(reader::build(
        &a, &cleaned, width, false,
    ))));
    let theme = Theme::colour();
    // List: the query word, case-insensitively; the watch word; not the
    // excluded word.
    let hit = style_at(&app, &theme, "holds for", "Ceasefire");
    assert_eq!(hit.bg, theme.highlight.bg, "{hit:?}");
    let watch = style_at(&app, &theme, "resume in", "Vienna");
    assert_eq!(watch.fg, theme.watch.fg, "{watch:?}");
    let excluded = style_at(&app, &theme, "resume in", "Talks");
    assert_ne!(excluded.bg, theme.highlight.bg, "{excluded:?}");
    // Reader: the same marks in the body, a phrase as one stretch, and
    // plain words stay plain.
    let body = style_at(&app, &theme, "of the body", "ceasefire");
    assert_eq!(body.bg, theme.highlight.bg, "{body:?}");
    let phrase_end = style_at(&app, &theme, "follows", "paragraph");
    assert_eq!(phrase_end.fg, theme.watch.fg, "{phrase_end:?}");
    let plain = style_at(&app, &theme, "of the body", "paragraph");
    assert_ne!(plain.fg, theme.watch.fg, "{plain:?}");
    assert_ne!(plain.bg, theme.highlight.bg, "{plain:?}");
}

#[test]
fn a_story_shows_its_other_sources_and_expands_under_its_row() {
    let mut app = App::new(Keymap::builtin(), UiOptions::default(), 130, 30);
    let Some(Effect::Query { generation, .. }) = app.start(0, false).first().cloned() else {
        panic!("no query")
    };
    let long =
        "A very long headline about the summit that will not fit in the list at all, however wide";
    app.handle(Msg::Rows(vec![
        summary(1, long, false),
        summary(3, "Ceasefire holds for a third day", false),
        summary(7, "Summit ends with a joint statement", false),
        summary(8, "Leaders sign at the summit", false),
    ]));
    app.handle(Msg::View {
        generation,
        ids: vec![1, 3],
        unread: 4,
        noise: vec![],
        stories: [(1, vec![7, 8])].into_iter().collect(),
    });
    let (all, lines) = screen(&app, &Theme::colour());
    let row = lines
        .iter()
        .find(|l| l.contains("A very long"))
        .expect("row");
    assert!(row.contains("… +2 sources"), "the title gives way: {row}");
    assert!(!all.contains("joint statement"), "{all}");
    app.update(super::keymap::Action::ToggleStory);
    let (all, lines) = screen(&app, &Theme::colour());
    assert!(all.contains("+2 sources ▾"), "{all}");
    let member = lines
        .iter()
        .position(|l| l.contains("└ Summit ends"))
        .expect("member row");
    let lead = lines
        .iter()
        .position(|l| l.contains("A very long"))
        .expect("row");
    assert_eq!(member, lead + 1, "{all}");
}

/// Shows `a` in the reader, cleaned as the worker cleans it.
fn open_in_reader(app: &mut App, a: &Article) {
    let cleaned = clean_fragment(a.content.as_deref().unwrap(), None, &RuleSet::builtin());
    let width = app.areas.reader_width();
    app.handle(Msg::Doc(Box::new(reader::build(a, &cleaned, width, false))));
}

#[test]
fn the_reader_lists_enclosures_and_its_keys_open_or_copy_the_first() {
    let mut app = app(100, 30);
    let mut a = article(1, "<p>Show notes for the episode.</p>");
    a.enclosures = vec![
        crate::model::Enclosure {
            url: "https://pod.test/ep1.mp3".into(),
            mime_type: Some("audio/mpeg".into()),
            length: Some(12_345_678),
            ..Default::default()
        },
        crate::model::Enclosure {
            url: "https://pod.test/ep1.jpg".into(),
            thumbnail: true,
            ..Default::default()
        },
    ];
    open_in_reader(&mut app, &a);
    let (all, _) = screen(&app, &Theme::colour());
    assert!(
        all.contains("enclosure 1: https://pod.test/ep1.mp3 (audio/mpeg, 12.3 MB)"),
        "{all}"
    );
    assert!(all.contains("image: https://pod.test/ep1.jpg"), "{all}");
    let key = |c| {
        Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    assert_eq!(
        app.handle(key('e')),
        vec![Effect::OpenUrl("https://pod.test/ep1.mp3".into())]
    );
    assert_eq!(
        app.handle(key('Y')),
        vec![Effect::Copy("https://pod.test/ep1.mp3".into())]
    );
    // Only web URLs leave the program.
    a.enclosures[0].url = "file:///etc/passwd".into();
    open_in_reader(&mut app, &a);
    assert!(app.handle(key('e')).is_empty());
    assert!(app.handle(key('Y')).is_empty());
}

#[test]
fn several_enclosures_ask_which_by_number() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(100, 30);
    let mut a = article(1, "<p>Show notes for the episode.</p>");
    let download = |url: &str, mime: &str| crate::model::Enclosure {
        url: url.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    };
    a.enclosures = vec![
        download("https://pod.test/ep1.mp3", "audio/mpeg"),
        download("https://pod.test/ep1.jpg", "image/jpeg"),
        download("https://pod.test/ep1.vtt", "text/vtt"),
        download("file:///etc/passwd", "text/plain"),
    ];
    open_in_reader(&mut app, &a);
    let (all, _) = screen(&app, &Theme::colour());
    assert!(
        all.contains("enclosure 2: https://pod.test/ep1.vtt (text/vtt)"),
        "{all}"
    );
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let typed = |app: &mut App, keys: &str| -> Vec<Effect> {
        let mut effects = Vec::new();
        for c in keys.chars() {
            effects = app.handle(key(match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                c => KeyCode::Char(c),
            }));
        }
        effects
    };
    // The image is the article's picture, not a choice; the numbers are
    // the reader's.
    assert!(typed(&mut app, "e").is_empty());
    let (all, _) = screen(&app, &Theme::colour());
    assert!(
        all.contains("open enclosure (1 ep1.mp3, 2 ep1.vtt, 3 passwd; empty: 1):"),
        "{all}"
    );
    assert_eq!(
        typed(&mut app, "2\n"),
        vec![Effect::OpenUrl("https://pod.test/ep1.vtt".into())]
    );
    assert_eq!(
        typed(&mut app, "Y\n"),
        vec![Effect::Copy("https://pod.test/ep1.mp3".into())]
    );
    assert_eq!(
        typed(&mut app, "Y2\n"),
        vec![Effect::Copy("https://pod.test/ep1.vtt".into())]
    );
    // Esc asks nothing more; a number out of range or a file URL does
    // nothing but say why.
    assert!(typed(&mut app, "e\x1b").is_empty());
    assert!(typed(&mut app, "e4\n").is_empty());
    let (all, _) = screen(&app, &Theme::colour());
    assert!(all.contains("no enclosure `4`: type 1 to 3"), "{all}");
    assert!(typed(&mut app, "e3\n").is_empty());
    assert!(typed(&mut app, "Y3\n").is_empty());
    let (all, _) = screen(&app, &Theme::colour());
    assert!(all.contains("only http and https"), "{all}");
}

// The feed list, the welcome, the command line and help, at the
// smallest supported size and a large one.

const SIZES: [(u16, u16); 2] = [(60, 15), (160, 48)];

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle(Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
}

fn feed(id: i64, title: &str, tags: &[&str], unread: u64) -> crate::model::FeedState {
    crate::model::FeedState {
        id,
        url: format!("https://feeds.test/{id}.xml"),
        title: Some(title.into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        etag: None,
        last_modified: None,
        next_poll_at: None,
        last_polled_at: Some(chrono::Utc::now().timestamp() - 300),
        last_success_at: None,
        last_error: None,
        error_count: 0,
        repair_note: None,
        parser: None,
        unread,
        total: unread + 2,
    }
}

fn assert_fits(lines: &[String], width: u16) {
    for line in lines {
        assert!(super::view::width_of(line) <= usize::from(width), "{line}");
    }
}

#[test]
fn the_feed_list_shows_tags_counts_last_poll_and_errors_in_words() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        let mut broken = feed(3, "Broken \u{1b}[31mwire", &[], 0);
        broken.last_error = Some("HTTP 404 Not Found".into());
        broken.error_count = 2;
        app.handle(Msg::Feeds(vec![
            feed(1, "World desk", &["world"], 3),
            feed(2, "Economy", &["money"], 0),
            broken,
        ]));
        app.update(super::keymap::Action::FeedList);
        press(&mut app, "jj");
        let (all, lines) = screen(&app, &Theme::colour());
        assert_clean(&all);
        assert_fits(&lines, w);
        assert!(all.contains("feeds: 3 · 3 unread"), "{all}");
        for needed in [
            "money",
            "world",
            "untagged",
            "World desk",
            "3/5",
            "5m",
            "failing",
        ] {
            assert!(all.contains(needed), "{needed} at {w}x{h}:\n{all}");
        }
        // The selected feed's address and its error, in words.
        assert!(
            all.contains("https://feeds.test/3.xml · failing (2 times): HTTP 404"),
            "{all}"
        );
    }
}

#[test]
fn the_welcome_fits_and_says_how_to_start() {
    for (w, h) in SIZES {
        let mut app = App::new(Keymap::builtin(), UiOptions::default(), w, h);
        let effects = app.start(0, false);
        let Some(Effect::Query { generation, .. }) = effects.first().cloned() else {
            panic!("{effects:?}")
        };
        app.handle(Msg::Feeds(vec![]));
        app.handle(Msg::View {
            generation,
            ids: vec![],
            unread: 0,
            noise: vec![],
            stories: Default::default(),
        });
        let (all, lines) = screen(&app, &Theme::monochrome());
        assert_fits(&lines, w);
        for needed in [
            "No feeds yet.",
            "a  add a feed: its URL or a site's address",
            "i  import an OPML or newsboat urls file",
            "sift --demo shows a filled reader, offline.",
        ] {
            assert!(all.contains(needed), "{needed} at {w}x{h}:\n{all}");
        }
        assert!(!all.contains('…'), "nothing cut at {w}x{h}:\n{all}");
        press(&mut app, "r");
        let (all, _) = screen(&app, &Theme::monochrome());
        assert!(all.contains("no feeds to poll yet"), "{all}");
    }
}

#[test]
fn the_command_line_shows_what_is_typed_and_its_completions() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(
            &mut app,
            ":feed add https://example.test/a-long-feed-address.xml",
        );
        let (_, lines) = screen(&app, &Theme::colour());
        let status = lines.last().unwrap();
        assert!(
            status
                .trim_end()
                .ends_with("https://example.test/a-long-feed-address.xml"),
            "{status}"
        );
        if w >= 100 {
            assert!(status.starts_with(":feed add"), "{status}");
        }
        app.handle(Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Esc,
            crossterm::event::KeyModifiers::NONE,
        )));
        press(&mut app, ":sa");
        app.handle(Msg::Key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Tab,
            crossterm::event::KeyModifiers::NONE,
        )));
        let (_, lines) = screen(&app, &Theme::colour());
        assert_eq!(
            lines.last().unwrap().trim_end(),
            ":save   save save_article",
            "Tab's choices follow what is typed"
        );
    }
}

#[test]
fn help_fits_scrolls_and_finds_the_filter_fields() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(&mut app, "?");
        let (all, lines) = screen(&app, &Theme::colour());
        assert_fits(&lines, w);
        assert!(all.contains("keys: global"), "{all}");
        assert!(all.contains("quit"), "{all}");
        if h >= 40 {
            assert!(all.contains("mark everything in this view read"), "{all}");
        }
        press(&mut app, "G");
        let (all, _) = screen(&app, &Theme::colour());
        assert!(all.contains("sort:"), "the end of help: {all}");
        press(&mut app, "g/topic");
        let (all, lines) = screen(&app, &Theme::colour());
        assert_fits(&lines, w);
        assert!(all.contains("search: topic"), "{all}");
        assert!(all.contains("topic:"), "{all}");
        assert!(!all.contains("keys: global"), "{all}");
    }
}
