//! `sift rescan`: every cached article's item verdict judged again with
//! the current rules, after the user changed a file in `rules/`.

use std::process::ExitCode;

use super::output::say;
use super::{CliResult, Context};

pub fn run(ctx: &Context) -> CliResult {
    let feeds = ctx.feeds_file()?;
    let mut store = ctx.open_store(&feeds)?;
    let rules = ctx.rules();
    let report = crate::poller::rescan::rescan(&mut store, &rules)?;
    tracing::info!("{}", report.line());
    say!("{}", report.line())?;
    Ok(ExitCode::SUCCESS)
}
