//! The command line, as clap definitions. Validation into plain option
//! structs happens in each subcommand's module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "sift",
    version,
    about = "A terminal news reader that sifts the noise out of feeds",
    long_about = "sift polls RSS, Atom and JSON feeds into a local cache, removes promo and \
                  related-story noise, and lets you triage the news by keyboard. Without a \
                  command, sift opens the interface on a terminal; in a pipe or a script it \
                  prints the unread count (\"47 unread in 12 feed(s)\"). Every command works \
                  headless. `sift man` is the manual: commands, keys, the filter language, \
                  files, environment and exit codes.",
    after_help = "Examples:\n  sift feeds add https://theweek.com/feeds/world-news --tag world\n  \
                  sift poll\n  sift list --unread --since 1d"
)]
pub struct Cli {
    /// Directory of config.toml, feeds.toml and rules/ (default: the platform's config dir).
    #[arg(long, global = true, env = "SIFT_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Directory of the cache (sift.db) and the log (default: the platform's data dir).
    #[arg(long, global = true, env = "SIFT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open the interface on a bundled offline set of feeds, in a
    /// temporary directory: nothing of yours is read or changed.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage subscriptions (add, remove, list).
    #[command(
        subcommand,
        after_help = "Examples:\n  sift feeds add https://theweek.com/feeds/world-news --tag world\n  \
                      sift feeds list\n  sift feeds remove 3"
    )]
    Feeds(FeedsCommand),
    /// Subscribe to every feed in an OPML file or a plain list of URLs.
    #[command(
        after_help = "Examples:\n  sift import subscriptions.opml\n  sift import ~/.newsboat/urls"
    )]
    Import(ImportArgs),
    /// Write the subscriptions as OPML, or a briefing of the starred articles.
    #[command(after_help = "Examples:\n  sift export --opml > feeds.opml\n  \
                      sift export --starred --since 1d --format markdown\n  \
                      sift export --starred --query 'topic:foreign-policy' --format html --output brief.html")]
    Export(ExportArgs),
    /// Fetch feeds into the cache.
    #[command(
        after_help = "Examples:\n  sift poll\n  sift poll --tag world --jobs 8\n  \
                            sift poll --feed https://example.com/feed.xml --force\n  \
                            sift poll --no-full-text"
    )]
    Poll(PollArgs),
    /// Sync subscriptions, articles, read and starred with the feed server in [sync].
    #[command(
        after_help = "Examples:\n  sift sync login   # check the [sync] settings\n  sift sync\n\n\
                      Set the server in config.toml:\n  [sync]\n  backend = \"ttrss\"\n  \
                      url = \"https://rss.example.org/tt-rss/\"\n  user = \"alice\"\n  \
                      password_file = \"~/.config/sift/ttrss-password\""
    )]
    Sync(SyncArgs),
    /// List cached articles, newest first (noise items are left out).
    #[command(
        after_help = "Examples:\n  sift list --unread --since 2d\n  sift list --tag world --json\n  \
                            sift list --unread --count\n  \
                            sift list --query 'iran -sport (feed:week or tag:world) since:2d'"
    )]
    List(ListArgs),
    /// Print one article as text.
    #[command(after_help = "Example:\n  sift show 42")]
    Show(ShowArgs),
    /// List topics (assets/topics.toml plus your topics.toml) with article counts.
    #[command(after_help = "Examples:\n  sift topics\n  sift topics --json\n  \
                      sift topics --rescore   # after editing topics.toml\n  \
                      sift list --query 'topic:foreign-policy is:unread'")]
    Topics(TopicsArgs),
    /// Judge every cached article again with the current noise rules.
    #[command(
        long_about = "Judge every cached article again with the current noise rules (the \
                      built-in ones and your rules/), and print how many verdicts changed. \
                      A poll does this by itself when the rules changed since the last one; \
                      read, starred and tags are never touched.",
        after_help = "Example:\n  sift rescan   # after editing a file in rules/"
    )]
    Rescan,
    /// Mark articles read, unread, starred or unstarred, by id or by query.
    #[command(
        after_help = "Examples:\n  sift mark 42 43 --read\n  sift mark 42 --star\n  \
                      sift mark --query 'topic:sport since:1d' --read\n  \
                      sift mark --feed week --tag world --read   # catch up on a feed's world news"
    )]
    Mark(MarkArgs),
    /// Parse a feed file and print what sift recovers from it, as JSON (touches no cache).
    #[command(after_help = "Example:\n  sift parse --json feed.xml")]
    Parse(ParseArgs),
    /// Print the cleaned text of a page or a text file (touches no network).
    #[command(
        after_help = "Examples:\n  sift extract --url https://theweek.com/x page.html\n  \
                            sift extract --explain article.txt\n  curl -s URL | sift extract --url URL --json -"
    )]
    Extract(ExtractArgs),
    /// Print, locate or check the configuration.
    #[command(
        after_help = "Examples:\n  sift config --default > ~/.config/sift/config.toml\n  sift config --path\n  \
                      sift config --check   # after editing any file in the config dir\n  \
                      sift config --keymap  # the default keys and every action's name"
    )]
    Config(ConfigArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  sift completions bash > ~/.local/share/bash-completion/completions/sift"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output.
    #[command(after_help = "Example:\n  sift man | man -l -")]
    Man,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Log in with the [sync] settings and say what is wrong, if anything.
    #[command(after_help = "Example:\n  sift sync login   # after editing [sync] in config.toml")]
    Login,
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed (a web page's address finds the feed it links).
    #[command(
        after_help = "Examples:\n  sift feeds add https://theweek.com/feeds/world-news --tag world --title \"The Week\"\n  \
                      sift feeds add https://example.com/   # finds the site's feed"
    )]
    Add {
        /// http(s) or file URL (of a feed, or of a web page that links one), or a local path.
        url: String,
        /// A tag for the feed (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// A title that replaces the feed's own.
        #[arg(long)]
        title: Option<String>,
    },
    /// Unsubscribe and drop the feed's cached articles.
    #[command(
        after_help = "Examples:\n  sift feeds remove 3\n  sift feeds remove https://example.com/feed"
    )]
    Remove {
        /// The feed's URL or its id (see `sift feeds list`).
        feed: String,
    },
    /// Change a feed's title or tags (feeds.toml keeps its comments).
    #[command(
        after_help = "Examples:\n  sift feeds edit 3 --title \"World desk\" --tag world --tag news\n  \
                      sift feeds edit https://example.com/feed --title \"\"   # its own title again"
    )]
    Edit {
        /// The feed's URL or its id (see `sift feeds list`).
        feed: String,
        /// A title that replaces the feed's own ("" gives its own back).
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        tags: EditTags,
    },
    /// List subscriptions with unread counts and poll state.
    #[command(after_help = "Example:\n  sift feeds list --json")]
    List {
        #[arg(long)]
        json: bool,
    },
}

/// The tags `feeds edit` sets.
#[derive(Debug, Args)]
pub struct EditTags {
    /// The feed's tags, replacing the ones it has (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Remove every tag.
    #[arg(long, conflicts_with = "tags")]
    pub no_tags: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML file, or a text file with one URL per line (newsboat's `urls` works).
    pub file: PathBuf,
    /// Also subscribe to the list's `file://` URLs and local paths. Lists
    /// come from elsewhere, so local files are refused unless this is given.
    #[arg(long)]
    pub allow_local: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(false)))]
pub struct ExportArgs {
    /// Write the subscriptions as OPML to standard output.
    #[arg(long, group = "what")]
    pub opml: bool,
    /// Write a briefing of the starred articles: grouped by topic, then by
    /// story, each with title, sources, date, links and a lead of two or
    /// three sentences from the cleaned text.
    #[arg(long, group = "what")]
    pub starred: bool,
    /// Only articles newer than this: 30m, 12h, 2d, 1w, or a date (2026-11-01).
    #[arg(long, value_name = "WHEN", conflicts_with = "opml")]
    pub since: Option<String>,
    /// Only articles matching a filter-bar query (see `sift list --help`).
    #[arg(
        long,
        short = 'q',
        value_name = "QUERY",
        conflicts_with = "opml",
        allow_hyphen_values = true
    )]
    pub query: Option<String>,
    /// The briefing's format.
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        default_value = "markdown",
        conflicts_with = "opml"
    )]
    pub format: BriefingFormat,
    /// Write the briefing to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "opml")]
    pub output: Option<PathBuf>,
}

/// `sift export --starred --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefingFormat {
    Markdown,
    Json,
    /// A standalone page: no scripts, links http(s) only.
    Html,
}

#[derive(Debug, Args)]
pub struct PollArgs {
    /// Feeds fetched at once (default from config: 16).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// Requests at once to one host (default from config: 4).
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub per_host: Option<u16>,
    /// Poll only this feed (URL or id).
    #[arg(long, value_name = "URL|ID", conflicts_with = "tag")]
    pub feed: Option<String>,
    /// Poll only feeds with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Ignore server hints and backoff: fetch every selected feed now.
    #[arg(long)]
    pub force: bool,
    /// Fetch no article pages this time (the full-text stage); articles
    /// that want theirs stay queued for the next poll.
    #[arg(long)]
    pub no_full_text: bool,
    /// Print one line per feed (and per article page) as it finishes.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only unread articles.
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only this feed (URL, id, or part of its title).
    #[arg(long, value_name = "FEED")]
    pub feed: Option<String>,
    /// Only feeds or articles with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only articles newer than this: 30m, 12h, 2d, 1w, or a date (2026-11-01).
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only articles matching a filter-bar query. Combines with the other flags.
    #[arg(
        long,
        short = 'q',
        value_name = "QUERY",
        allow_hyphen_values = true,
        long_help = query_help("Only articles matching a filter-bar query")
    )]
    pub query: Option<String>,
    /// At most N articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print only the number of matching articles.
    #[arg(long)]
    pub count: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Include noise items (marked).
    #[arg(long, conflicts_with = "noise")]
    pub all: bool,
    /// List only noise items.
    #[arg(long)]
    pub noise: bool,
    /// One row per story (the same story from several feeds), with
    /// `+N sources`; --count counts stories, --json lists the members.
    #[arg(long)]
    pub clusters: bool,
}

/// `--query`'s long help: `what`, then the language, made from the query
/// module's own lists so that no field is ever missing from it.
fn query_help(what: &str) -> String {
    let forms: Vec<&str> = crate::query::SYNTAX_HELP
        .iter()
        .map(|(form, _)| *form)
        .collect();
    let fields: Vec<String> = crate::query::FIELD_HELP
        .iter()
        .map(crate::query::FieldHelp::usage)
        .collect();
    format!(
        "{what}: {}, {}. Combines with the other flags as AND; `sift man` explains each \
         form.",
        forms.join(", "),
        fields.join(" ")
    )
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Score every cached article again (after topics.toml changed), then list.
    #[arg(long)]
    pub rescore: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id (see `sift list`).
    pub id: i64,
    #[arg(long)]
    pub json: bool,
    /// Show everything, the noise the cleaner hides included.
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("state").required(true).multiple(false)))]
#[command(group(
    clap::ArgGroup::new("which")
        .required(true)
        .multiple(true)
        .args(["ids", "query", "feed", "tag"])
))]
pub struct MarkArgs {
    /// Article ids (see `sift list`); or select them with --query, --feed, --tag.
    #[arg(conflicts_with_all = ["query", "feed", "tag"])]
    pub ids: Vec<i64>,
    /// Every article a filter-bar query selects, as `sift list --query`
    /// lists them (noise items only when it says is:noise).
    #[arg(
        long,
        short = 'q',
        value_name = "QUERY",
        allow_hyphen_values = true,
        long_help = query_help(
            "Every article a filter-bar query selects, as `sift list --query` lists them \
             (noise items only when it says is:noise)"
        )
    )]
    pub query: Option<String>,
    /// Only this feed (URL, id, or part of its title).
    #[arg(long, value_name = "FEED")]
    pub feed: Option<String>,
    /// Only feeds or articles with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Mark read.
    #[arg(long, group = "state")]
    pub read: bool,
    /// Mark unread.
    #[arg(long, group = "state")]
    pub unread: bool,
    /// Star.
    #[arg(long, group = "state")]
    pub star: bool,
    /// Remove the star.
    #[arg(long, group = "state")]
    pub unstar: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Print JSON (the only output format).
    #[arg(long, required = true)]
    pub json: bool,
    /// The feed file, or - for standard input.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(false)))]
pub struct ConfigArgs {
    /// Print the default configuration, every key commented.
    #[arg(long, group = "what")]
    pub default: bool,
    /// Print where the config and data files live.
    #[arg(long, group = "what")]
    pub path: bool,
    /// Check every file you write (config.toml with its [theme] and
    /// [views], feeds.toml, keymap.toml, topics.toml, rules/*.toml): each
    /// problem with its file and line; exit 2 if there is any.
    #[arg(long, group = "what")]
    pub check: bool,
    /// Print the default keymap, every action listed at its top.
    #[arg(long, group = "what")]
    pub keymap: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The page's address: picks the site's rules (nothing is fetched).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Also list every removed block with its kind and rule.
    #[arg(long)]
    pub explain: bool,
    /// Print {title, text, removed: [{kind, rule, text}]}.
    #[arg(long)]
    pub json: bool,
    /// An HTML page or a text file, or - for standard input.
    pub file: PathBuf,
}
