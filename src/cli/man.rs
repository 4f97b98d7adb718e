//! `sift man`: one manual page, made from the tables the program runs on:
//! the commands from the clap definitions, the keys from the default
//! keymap, the filter language from the query module's list of fields. It
//! names no other page (there are none).

use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use super::args::Cli;
use crate::query::{FIELD_HELP, SYNTAX_HELP};
use crate::tui::keymap::{Action, DEFAULT_KEYMAP, Key};

/// The whole page, as roff.
pub fn page() -> Result<Vec<u8>, std::io::Error> {
    let mut cli = Cli::command();
    cli.build();
    let man = clap_mangen::Man::new(cli.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cli);
    keys(&mut roff);
    filter_language(&mut roff);
    files(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    roff.to_writer(&mut out)?;
    Ok(out)
}

fn section(roff: &mut Roff, title: &str) {
    roff.control("SH", [title]);
}

/// A tagged paragraph: `tag` in bold, then `text`.
fn item(roff: &mut Roff, tag: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(text)]);
}

fn paragraph(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.text([roman(text)]);
}

/// Every subcommand (and `feeds`' own), with its usage, what it does,
/// its options and its examples.
fn commands(roff: &mut Roff, cli: &clap::Command) {
    section(roff, "COMMANDS");
    paragraph(
        roff,
        "Each command also has --help. The options above work with every command.",
    );
    for sub in visible(cli) {
        let nested: Vec<&clap::Command> = visible(sub).collect();
        if nested.is_empty() {
            command(roff, sub);
        } else {
            for inner in nested {
                command(roff, inner);
            }
        }
    }
}

fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn command(roff: &mut Roff, cmd: &clap::Command) {
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    roff.control("TP", []);
    roff.text([bold(usage)]);
    let about = cmd
        .get_long_about()
        .or_else(|| cmd.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    roff.text([roman(about)]);
    for arg in cmd.get_arguments() {
        if arg.is_hide_set() || arg.is_global_set() {
            continue;
        }
        if arg.get_id() == "help" {
            continue;
        }
        let name = arg_name(arg);
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        roff.control("RS", []);
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(help.replace('\n', " "))]);
        roff.control("RE", []);
    }
    if let Some(examples) = cmd.get_after_help() {
        roff.control("RS", []);
        roff.control("PP", []);
        roff.control("nf", []);
        for line in examples.to_string().lines() {
            roff.text([roman(line)]);
        }
        roff.control("fi", []);
        roff.control("RE", []);
    }
}

/// `--tag TAG`, `-q, --query QUERY`, or a positional's `URL`.
fn arg_name(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map(ToString::to_string)
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    match (arg.get_short(), arg.get_long()) {
        (None, None) => value,
        (short, Some(long)) => {
            let mut name = short.map(|s| format!("-{s}, ")).unwrap_or_default();
            name.push_str(&format!("--{long}"));
            if takes_value {
                name.push_str(&format!(" {value}"));
            }
            name
        }
        (Some(short), None) => format!("-{short}"),
    }
}

/// The default keymap, place by place, in its own order: keys, the
/// action's name (for keymap.toml) and what it does.
fn keys(roff: &mut Roff) {
    section(roff, "KEYS");
    paragraph(
        roff,
        "The default keys, from the keymap sift ships (sift config --keymap prints \
         it). A keymap.toml in the config directory changes any of them: the same \
         section and key with another action's name, or \"none\". ? in the \
         interface shows the keys in effect.",
    );
    for (place, bindings) in default_bindings() {
        roff.control("SS", [place_title(&place).as_str()]);
        for Binding { keys, action } in bindings {
            let what = Action::from_name(&action).map_or_else(String::new, Action::describe);
            roff.control("TP", []);
            roff.text([bold(keys.join("  "))]);
            roff.text([italic(action), roman(format!(": {what}"))]);
        }
    }
    // The keys of the filter bar, prompts and command line are the
    // interface's own tables, as its help screen shows them.
    for (heading, keys) in crate::tui::app::prompts_help() {
        roff.control("SS", [format!("In the {heading}").as_str()]);
        for (keys, what) in keys {
            item(roff, keys, what);
        }
    }
    roff.control("SS", ["The command line (:)"]);
    paragraph(
        roff,
        "In the interface, : opens a command line with Tab completion and \
         history. Every action above is a command by its name (:open, :star); \
         these take words after them. A keymap entry whose value starts with : \
         runs that command line (\"T\" = \":tag world\").",
    );
    for (name, what) in crate::tui::app::COMMANDS {
        item(roff, &format!(":{name}"), what);
    }
}

fn place_title(place: &str) -> String {
    match place {
        "global" => "Everywhere (global)".into(),
        "list" => "In the list (list)".into(),
        "reader" => "In the reader (reader)".into(),
        "feeds" => "In the feed list (feeds)".into(),
        other => format!("[{other}]"),
    }
}

/// The keys of one action in one place of the default keymap.
struct Binding {
    /// As the help screen writes them (`ctrl-d`, `↓`).
    keys: Vec<String>,
    /// The action's name in keymap.toml.
    action: String,
}

/// Each section of the default keymap with its actions in file order,
/// each action with the labels of its keys.
fn default_bindings() -> Vec<(String, Vec<Binding>)> {
    let Ok(doc) = DEFAULT_KEYMAP.parse::<toml_edit::DocumentMut>() else {
        return Vec::new();
    };
    let mut places = Vec::new();
    for (place, table) in doc.iter() {
        let Some(table) = table.as_table() else {
            continue;
        };
        let mut bindings: Vec<Binding> = Vec::new();
        for (key, action) in table.iter() {
            let Some(action) = action.as_str() else {
                continue;
            };
            let label = Key::parse(key).map_or_else(|_| key.to_owned(), |k| k.label());
            match bindings.iter_mut().find(|b| b.action == action) {
                Some(binding) => binding.keys.push(label),
                None => bindings.push(Binding {
                    keys: vec![label],
                    action: action.to_owned(),
                }),
            }
        }
        places.push((place.to_owned(), bindings));
    }
    places
}

fn filter_language(roff: &mut Roff) {
    section(roff, "FILTER LANGUAGE");
    paragraph(
        roff,
        "The filter bar (/) and sift list, mark and export --query take the same \
         language. Keywords (or, and, not) are case-insensitive; quote them to \
         search for them. Noise items are left out unless the query says is:noise.",
    );
    for (form, what) in SYNTAX_HELP {
        item(roff, form, what);
    }
    for field in FIELD_HELP {
        item(roff, &field.usage(), field.about);
    }
}

fn files(roff: &mut Roff) {
    section(roff, "FILES");
    paragraph(
        roff,
        "The config directory is ~/.config/sift on Linux (--config-dir, \
         SIFT_CONFIG_DIR); the data directory ~/.local/share/sift (--data-dir, \
         SIFT_DATA_DIR). sift config --path prints both; sift config --check checks \
         every file you write, with its line.",
    );
    for (file, what) in [
        (
            "config.toml",
            "settings: [poll], [cache], [ui], [theme] styles and saved [views]; \
             sift config --default prints every key, commented",
        ),
        (
            "feeds.toml",
            "the subscriptions, one [[feed]] each (url, title, tags, full_text, \
             refresh); sift feeds add and remove and sift import edit it and keep \
             its comments",
        ),
        ("keymap.toml", "your keys, on top of the default keymap"),
        (
            "topics.toml",
            "topics added to or replacing the built-in ones, by name",
        ),
        (
            "rules/*.toml",
            "noise rules added to the built-in ones; a rule with the same name \
             replaces one, enabled = false switches it off",
        ),
        ("sift.db", "the cache (SQLite), in the data directory"),
        ("sift.log", "the log, in the data directory"),
        (
            "briefings/",
            "briefings written from the interface, in the data directory",
        ),
    ] {
        item(roff, file, what);
    }
}

fn environment(roff: &mut Roff) {
    section(roff, "ENVIRONMENT");
    for (name, what) in [
        ("SIFT_CONFIG_DIR", "the config directory (as --config-dir)"),
        ("SIFT_DATA_DIR", "the data directory (as --data-dir)"),
        (
            "SIFT_LOG",
            "the log level of sift.log, e.g. debug (default info)",
        ),
        (
            "NO_COLOR",
            "when set and not empty, the interface draws no colours",
        ),
        (
            "BROWSER",
            "the program links open in (else the system opener); the link is \
             passed as one argument, never through a shell",
        ),
    ] {
        item(roff, name, what);
    }
}

fn exit_status(roff: &mut Roff) {
    section(roff, "EXIT STATUS");
    for (code, what) in [
        ("0", "everything worked"),
        (
            "1",
            "some feeds failed (each is listed with its reason), or the output or \
             the cache could not be written",
        ),
        (
            "2",
            "a usage or configuration error: a bad flag, query or file, an unknown \
             id or feed",
        ),
    ] {
        item(roff, code, what);
    }
}
