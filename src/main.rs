//! The sift binary: parse the command line, run it, map the outcome to an
//! exit code (0 ok, 1 some feeds failed, 2 usage or config error).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    sift::cli::panic_hook::install();
    let cli = sift::cli::Cli::parse();
    match sift::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            sift::cli::output::print_warning(format_args!("sift: {e}"));
            e.exit_code()
        }
    }
}
