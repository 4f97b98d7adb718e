//! `sift rescan`: every cached article's item verdict judged again with
//! the current rules, after the user changed a file in `rules/`.

use std::process::ExitCode;

use super::output::{note, say};
use super::{CliResult, Context};
use crate::clean::RuleSet;

pub fn run(ctx: &Context) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let mut store = ctx.open_store(&feeds)?;
    let rules = load_rules(ctx);
    let report = crate::poller::rescan::rescan(&mut store, &rules)?;
    tracing::info!("{}", report.line());
    say!("{}", report.line())?;
    Ok(ExitCode::SUCCESS)
}

/// The built-in noise rules with the user's on top; a bad user rule is
/// reported and skipped, never fatal.
pub(super) fn load_rules(ctx: &Context) -> RuleSet {
    let (rules, errors) = RuleSet::with_user_rules(&ctx.paths.rules_dir());
    for e in errors {
        note!("sift: rule skipped: {e}");
    }
    rules
}
