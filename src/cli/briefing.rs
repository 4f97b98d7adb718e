//! `sift export --starred`: the briefing, to standard output or a file.

use std::process::ExitCode;

use super::args::{BriefingFormat, ExportArgs};
use super::output::note;
use super::{CliError, CliResult, Context, bad_query};
use crate::briefing::{self, BriefingError, BriefingOptions, Format};

pub fn export(ctx: &Context, args: &ExportArgs) -> CliResult {
    let now = crate::poller::now();
    // Bad input is a usage error, found before any file is opened.
    let since = match &args.since {
        Some(text) => Some(
            crate::when::parse_point(text, now)
                .map_err(|e| CliError::Usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    if let Some(text) = &args.query {
        super::parse_query(ctx, text, now)?;
    }
    let options = BriefingOptions {
        starred_only: args.starred,
        since,
        query: args.query.clone(),
        now,
    };
    let feeds = ctx.feeds_file()?;
    let store = ctx.open_store(&feeds)?;
    let rules = ctx.rules();
    let made = briefing::build_with_rules(&store, &options, &rules).map_err(|e| match e {
        BriefingError::Query(q) => bad_query(args.query.as_deref().unwrap_or(""), &q),
        BriefingError::Store(s) => CliError::from(s),
    })?;
    let format = match args.format {
        BriefingFormat::Markdown => Format::Markdown,
        BriefingFormat::Json => Format::Json,
        BriefingFormat::Html => Format::Html,
    };
    let mut bytes = Vec::new();
    briefing::write(&made, format, &mut bytes)
        .map_err(|e| CliError::Failed(format!("cannot write the briefing: {e}")))?;
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| CliError::Failed(format!("cannot write {}: {e}", path.display())))?,
        None => super::output::write_out_bytes(&bytes)?,
    }
    if made.is_empty() {
        note!("sift: {}", made.empty_message());
    } else if let Some(path) = &args.output {
        note!(
            "wrote {} stor{} to {}",
            made.story_count(),
            if made.story_count() == 1 { "y" } else { "ies" },
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
