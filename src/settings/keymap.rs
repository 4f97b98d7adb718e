//! Keys are data: `assets/keymap.toml`, with the user's `keymap.toml` on
//! top. One table maps a key in a place to an action, or to a command
//! line (`":tag world"`); the help screen is made from the same table.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::reader::line_of;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The default keymap, which is also its documentation.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Global,
    List,
    Reader,
    /// The feed list.
    Feeds,
}

impl Place {
    pub const ALL: [(&'static str, Place); 4] = [
        ("global", Place::Global),
        ("list", Place::List),
        ("reader", Place::Reader),
        ("feeds", Place::Feeds),
    ];
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    Quit,
    Help,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    SwitchFocus,
    NextUnread,
    PrevUnread,
    ToggleRead,
    ToggleStar,
    Tag,
    MarkAllRead,
    Undo,
    OpenLink,
    CopyLink,
    OpenEnclosure,
    CopyEnclosure,
    Link(u8),
    PollAll,
    PollFeed,
    Filter,
    ToggleNoise,
    ShowHidden,
    SortOldest,
    SortFeed,
    SortNewest,
    View,
    ExportBriefing,
    ToggleStory,
    FeedList,
    AddFeed,
    RemoveFeed,
    EditFeedTitle,
    EditFeedTags,
    MarkFeedRead,
    Import,
    Command,
    SaveArticle,
    Log,
    Clear,
}

const ACTIONS: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit"),
    ("help", Action::Help, "show or hide this help"),
    ("down", Action::Down, "next article / scroll down"),
    ("up", Action::Up, "previous article / scroll up"),
    ("top", Action::Top, "first article / top of the text"),
    ("bottom", Action::Bottom, "last article / end of the text"),
    ("page_down", Action::PageDown, "page down"),
    ("page_up", Action::PageUp, "page up"),
    ("open", Action::Open, "read the article (focus the reader)"),
    ("back", Action::Back, "back to the list"),
    (
        "switch_focus",
        Action::SwitchFocus,
        "switch between list and reader",
    ),
    ("next_unread", Action::NextUnread, "next unread article"),
    ("prev_unread", Action::PrevUnread, "previous unread article"),
    ("toggle_read", Action::ToggleRead, "mark read / unread"),
    ("toggle_star", Action::ToggleStar, "star / unstar"),
    ("tag", Action::Tag, "set the article's tags"),
    (
        "mark_all_read",
        Action::MarkAllRead,
        "mark everything in this view read",
    ),
    (
        "undo",
        Action::Undo,
        "undo the last read, star or tag change",
    ),
    (
        "open_link",
        Action::OpenLink,
        "open the article in the browser",
    ),
    ("copy_link", Action::CopyLink, "copy the article's link"),
    (
        "open_enclosure",
        Action::OpenEnclosure,
        "open an enclosure (podcast, video) in the browser; asks which if several",
    ),
    (
        "copy_enclosure",
        Action::CopyEnclosure,
        "copy an enclosure's URL; asks which if several",
    ),
    ("poll_all", Action::PollAll, "poll every feed now"),
    (
        "poll_feed",
        Action::PollFeed,
        "poll this article's feed now",
    ),
    ("filter", Action::Filter, "type a filter"),
    (
        "toggle_noise",
        Action::ToggleNoise,
        "show / hide noise items",
    ),
    (
        "show_hidden",
        Action::ShowHidden,
        "show / hide removed blocks in the reader",
    ),
    ("sort_oldest", Action::SortOldest, "sort oldest first"),
    ("sort_feed", Action::SortFeed, "sort by feed"),
    ("sort_newest", Action::SortNewest, "sort newest first"),
    ("view", Action::View, "choose a saved view"),
    (
        "toggle_story",
        Action::ToggleStory,
        "show / hide the other sources of a story (enter opens one too)",
    ),
    (
        "export_briefing",
        Action::ExportBriefing,
        "write a briefing of the starred articles in this view",
    ),
    (
        "feed_list",
        Action::FeedList,
        "show the feed list / back to the articles",
    ),
    (
        "add_feed",
        Action::AddFeed,
        "add a feed (its URL, a site's address or a path)",
    ),
    (
        "remove_feed",
        Action::RemoveFeed,
        "unsubscribe from the feed (asks first)",
    ),
    ("edit_feed_title", Action::EditFeedTitle, "rename the feed"),
    (
        "edit_feed_tags",
        Action::EditFeedTags,
        "set the feed's tags",
    ),
    (
        "mark_feed_read",
        Action::MarkFeedRead,
        "mark every article of the feed read",
    ),
    (
        "import",
        Action::Import,
        "import feeds from an OPML or newsboat urls file",
    ),
    ("command", Action::Command, "type a command (tab completes)"),
    (
        "save_article",
        Action::SaveArticle,
        "save the article as a Markdown file",
    ),
    ("log", Action::Log, "show every message of this session"),
    (
        "clear",
        Action::Clear,
        "dismiss the message, else show all articles again",
    ),
];

impl Action {
    /// Every action's name and description, as the keymap and the
    /// command line know them (`link_N` is one entry for nine).
    pub fn all() -> impl Iterator<Item = (&'static str, Action, &'static str)> {
        ACTIONS.iter().copied()
    }

    pub fn from_name(name: &str) -> Option<Action> {
        if let Some(n) = name.strip_prefix("link_") {
            return n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=9).contains(n))
                .map(Action::Link);
        }
        ACTIONS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| *a)
    }

    pub fn describe(self) -> String {
        if let Action::Link(n) = self {
            return format!("open link {n} of the article");
        }
        ACTIONS
            .iter()
            .find(|(_, a, _)| *a == self)
            .map_or_else(String::new, |(_, _, d)| (*d).to_owned())
    }
}

/// A key with its modifiers, as written in the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// The key of a terminal event. Shift is folded into the character
    /// ("G", not "shift-g").
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if let KeyCode::Char(_) = event.code {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match event.code {
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses "j", "G", "ctrl-d", "enter", "f5", "shift-tab".
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(format!("unknown key `{text}`")),
                },
                _ => return Err(format!("unknown key `{text}`")),
            },
        };
        Ok(Key { code, mods })
    }

    /// How the help screen writes it.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("enter"),
            KeyCode::Esc => out.push_str("esc"),
            KeyCode::Tab => out.push_str("tab"),
            KeyCode::BackTab => out.push_str("shift-tab"),
            KeyCode::Backspace => out.push_str("backspace"),
            KeyCode::Up => out.push('↑'),
            KeyCode::Down => out.push('↓'),
            KeyCode::Left => out.push('←'),
            KeyCode::Right => out.push('→'),
            KeyCode::Home => out.push_str("home"),
            KeyCode::End => out.push_str("end"),
            KeyCode::PageUp => out.push_str("pgup"),
            KeyCode::PageDown => out.push_str("pgdn"),
            KeyCode::Delete => out.push_str("del"),
            KeyCode::F(n) => out.push_str(&format!("f{n}")),
            _ => out.push('?'),
        }
        out
    }
}

/// A keymap entry that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct KeymapError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

/// What a key does: an action, or a command line as typed after `:`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Binding {
    Action(Action),
    Command(String),
}

/// Every binding.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: HashMap<(Place, Key), Binding>,
}

impl Keymap {
    /// The defaults from `assets/keymap.toml`.
    pub fn builtin() -> Keymap {
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        map.add(Path::new("assets/keymap.toml"), DEFAULT_KEYMAP, &mut errors);
        for e in errors {
            tracing::error!("built-in keymap: {e}");
        }
        map
    }

    /// The defaults with the user's file on top; bad entries are reported
    /// and skipped.
    pub fn with_user_file(file: &Path) -> (Keymap, Vec<KeymapError>) {
        let mut map = Keymap::builtin();
        let mut errors = Vec::new();
        match crate::config::reader::read_optional(file) {
            Ok(Some(text)) => map.add(file, &text, &mut errors),
            Ok(None) => {}
            Err(e) => errors.push(KeymapError {
                file: e.file,
                line: e.line,
                message: e.message,
            }),
        }
        (map, errors)
    }

    /// What `key` pressed in `place` does (a place's own binding first,
    /// then the global one).
    pub fn binding(&self, place: Place, key: Key) -> Option<&Binding> {
        self.bindings
            .get(&(place, key))
            .or_else(|| self.bindings.get(&(Place::Global, key)))
    }

    /// The action for `key` pressed in `place`, when it is bound to one.
    pub fn action(&self, place: Place, key: Key) -> Option<Action> {
        match self.binding(place, key)? {
            Binding::Action(action) => Some(*action),
            Binding::Command(_) => None,
        }
    }

    /// The first key bound to `action` in `place` or globally, for hints;
    /// a key the place binds to something else does not count.
    pub fn key_for(&self, place: Place, action: Action) -> Option<Key> {
        let wanted = Binding::Action(action);
        self.bindings
            .iter()
            .filter(|((p, _), b)| (*p == place || *p == Place::Global) && **b == wanted)
            .map(|((_, k), _)| *k)
            .filter(|k| self.binding(place, *k) == Some(&wanted))
            .min_by_key(|k| (k.label().chars().count(), k.label()))
    }

    /// Lines of the help screen: place, keys, what they do.
    pub fn help(&self) -> Vec<(&'static str, String, String)> {
        let mut lines = Vec::new();
        for (name, place) in Place::ALL {
            let mut by_binding: BTreeMap<&Binding, Vec<String>> = BTreeMap::new();
            for ((p, key), binding) in &self.bindings {
                if *p == place {
                    by_binding.entry(binding).or_default().push(key.label());
                }
            }
            for (binding, mut keys) in by_binding {
                keys.sort_by_key(|k| (k.chars().count(), k.clone()));
                let what = match binding {
                    Binding::Action(action) => action.describe(),
                    Binding::Command(line) => format!("run `:{line}`"),
                };
                lines.push((name, keys.join(" "), what));
            }
        }
        lines
    }

    fn add(&mut self, file: &Path, text: &str, errors: &mut Vec<KeymapError>) {
        let error = |line: usize, message: String| KeymapError {
            file: file.into(),
            line,
            message,
        };
        let table: toml::Spanned<toml::Table> = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().map_or(0, |s| line_of(text, s.start));
                errors.push(error(line, e.message().to_owned()));
                return;
            }
        };
        let lines = KeyLines::new(text);
        for (section, keys) in table.get_ref() {
            let Some((_, place)) = Place::ALL.iter().find(|(n, _)| n == section) else {
                errors.push(error(
                    lines.of(section, None),
                    format!(
                        "unknown section `[{section}]`; use [global], [list], [reader] or [feeds]"
                    ),
                ));
                continue;
            };
            let Some(keys) = keys.as_table() else {
                errors.push(error(
                    lines.of(section, None),
                    format!("`{section}` must be a section"),
                ));
                continue;
            };
            for (key_text, action) in keys {
                let line = lines.of(section, Some(key_text));
                let key = match Key::parse(key_text) {
                    Ok(k) => k,
                    Err(message) => {
                        errors.push(error(line, message));
                        continue;
                    }
                };
                let Some(name) = action.as_str() else {
                    errors.push(error(
                        line,
                        format!("the action for `{key_text}` must be a string"),
                    ));
                    continue;
                };
                if name == "none" {
                    self.bindings.remove(&(*place, key));
                    continue;
                }
                // A command line, checked when the key is pressed (the
                // command line says what is wrong with it then).
                if let Some(line) = name.strip_prefix(':') {
                    let line = crate::text::sanitize_line(line).trim().to_owned();
                    self.bindings.insert((*place, key), Binding::Command(line));
                    continue;
                }
                match Action::from_name(name) {
                    Some(action) => {
                        self.bindings.insert((*place, key), Binding::Action(action));
                    }
                    None => errors.push(error(
                        line,
                        format!("unknown action `{name}`; the actions are listed at the top of the default keymap (`sift config --keymap`), and \":command\" runs a command line"),
                    )),
                }
            }
        }
    }
}

/// Where each section and key of a keymap file is, from the TOML parser's
/// spans: the same key in two sections, or written without quotes, is
/// still found at its own line.
struct KeyLines<'a> {
    text: &'a str,
    doc: Option<toml_edit::Document<String>>,
}

impl<'a> KeyLines<'a> {
    fn new(text: &'a str) -> KeyLines<'a> {
        KeyLines {
            text,
            doc: toml_edit::Document::parse(text.to_owned()).ok(),
        }
    }

    /// The line of `key` in `[section]`, or of the section itself; 0 when
    /// unknown.
    fn of(&self, section: &str, key: Option<&str>) -> usize {
        let Some(doc) = &self.doc else {
            return 0;
        };
        let root = doc.as_table();
        let span = match key {
            None => root.key(section).and_then(|k| k.span()),
            Some(key) => root
                .get(section)
                .and_then(|t| t.as_table())
                .and_then(|t| t.key(key))
                .and_then(|k| k.span()),
        };
        span.map_or(0, |s| line_of(self.text, s.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn the_default_keymap_loads_cleanly_and_covers_the_triage_keys() {
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        map.add(Path::new("keymap.toml"), DEFAULT_KEYMAP, &mut errors);
        assert_eq!(errors, vec![]);
        assert_eq!(map.action(Place::List, key("j")), Some(Action::Down));
        assert_eq!(
            map.action(Place::Reader, key("space")),
            Some(Action::PageDown)
        );
        assert_eq!(map.action(Place::List, key("G")), Some(Action::Bottom));
        assert_eq!(map.action(Place::Reader, key("q")), Some(Action::Quit));
        assert_eq!(map.action(Place::List, key("3")), Some(Action::Link(3)));
        assert_eq!(
            map.action(Place::List, key("ctrl-d")),
            Some(Action::PageDown)
        );
        assert!(
            map.help()
                .iter()
                .any(|(_, k, d)| k == "A" && d.contains("mark everything"))
        );
    }

    /// A key bound in two sections, or written bare, is reported at its
    /// own line (the first quoted match in the file was named before).
    #[test]
    fn errors_name_the_line_of_the_key_in_its_own_section() {
        let text = "[list]\n\"j\" = \"down\"\n[reader]\n\"j\" = \"explode\"\nk = \"nothing\"\nglobal = 3\n";
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        map.add(Path::new("keymap.toml"), text, &mut errors);
        let mut lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        lines.sort_unstable();
        assert_eq!(lines, vec![4, 5, 6], "{errors:?}");
        let mut errors = Vec::new();
        map.add(Path::new("keymap.toml"), "\n\nlist = 3\n", &mut errors);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3, "{errors:?}");
        assert!(
            errors[0].message.contains("must be a section"),
            "{errors:?}"
        );
    }

    #[test]
    fn events_match_parsed_keys() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shift_g), key("G"));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ctrl_d), key("ctrl-d"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&backtab), key("shift-tab"));
    }

    #[test]
    fn user_keys_replace_unbind_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keymap.toml");
        std::fs::write(
            &file,
            "[list]\n\"x\" = \"toggle_star\"\n\"j\" = \"none\"\n\"ctrl-zz\" = \"quit\"\n\"z\" = \"explode\"\n[nowhere]\n",
        )
        .unwrap();
        let (map, errors) = Keymap::with_user_file(&file);
        assert_eq!(map.action(Place::List, key("x")), Some(Action::ToggleStar));
        assert_eq!(map.action(Place::List, key("j")), None);
        assert_eq!(map.action(Place::List, key("k")), Some(Action::Up));
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(
            text[0].contains("keymap.toml:4: unknown key `ctrl-zz`"),
            "{text:?}"
        );
        assert!(text[1].contains(":5: unknown action `explode`"), "{text:?}");
        assert!(
            text[2].contains(":6: unknown section `[nowhere]`"),
            "{text:?}"
        );
    }

    #[test]
    fn a_key_may_run_a_command_line_and_the_feed_list_has_its_own_keys() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keymap.toml");
        std::fs::write(
            &file,
            "[list]\n\"T\" = \":tag  world\\u001b\"\n[feeds]\n\"x\" = \"remove_feed\"\n",
        )
        .unwrap();
        let (map, errors) = Keymap::with_user_file(&file);
        assert_eq!(errors, vec![]);
        assert_eq!(
            map.binding(Place::List, key("T")),
            Some(&Binding::Command("tag world".into())),
            "sanitised"
        );
        assert_eq!(map.action(Place::List, key("T")), None);
        assert_eq!(map.action(Place::Feeds, key("x")), Some(Action::RemoveFeed));
        assert_eq!(map.action(Place::Feeds, key("d")), Some(Action::RemoveFeed));
        assert_eq!(
            map.action(Place::Feeds, key("A")),
            Some(Action::MarkFeedRead)
        );
        assert_eq!(map.action(Place::List, key("A")), Some(Action::MarkAllRead));
        // Global keys work in the feed list unless it binds them.
        assert_eq!(map.action(Place::Feeds, key("r")), Some(Action::PollAll));
        assert!(
            map.help()
                .iter()
                .any(|(p, k, d)| *p == "list" && k == "T" && d == "run `:tag world`")
        );
        // A hint names a key that does the action where it is shown.
        assert_eq!(
            map.key_for(Place::Feeds, Action::Back).map(|k| k.label()),
            Some("h".into())
        );
    }
}
