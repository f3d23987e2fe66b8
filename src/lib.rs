//! coopgraph: turns government cooperation documents into a network of who cooperates with
//! whom, through what, and answers questions about it.
//!
//! Data flows one way: `ingest` reads datasets into the `model`, `analysis` computes plain data,
//! `present` and `export` write it out. The binary is a thin shell over [`run`].

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod diff;
pub mod draft;
pub mod error;
pub mod export;
pub mod fsio;
pub mod generate;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod present;
pub mod progress;
pub mod query;
pub mod render;
pub mod report;
pub mod suggest;
pub mod text;

pub use error::{Error, Result};

use cli::{Cli, Command};
use std::io::Write;

/// Runs one parsed command line, writing results to `out` and progress or warnings to `err`.
///
/// Everything written to `err` reaches it with control characters shown visibly (names in
/// warnings and notes cannot drive the terminal); `out` carries results, which each format
/// escapes for itself (tables in [`present::write_text`]).
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let mut err = text::terminal::TerminalSafe::new(err);
    let err: &mut dyn Write = &mut err;
    let data = &cli.data;
    fsio::input::set_policy(cli.inputs.policy());
    match &cli.command {
        Command::Report(args) => cmd::report::run(data, args, out, err),
        Command::Validate(args) => cmd::validate::run(data, args, out),
        Command::Stats(args) => cmd::stats::run(data, args, out, err),
        Command::Import(command) => cmd::import::run(command, out, err),
        Command::Export(args) => cmd::export::run(data, args, out, err),
        Command::Centrality(args) => cmd::centrality::run(data, args, out, err),
        Command::Overlap(args) => cmd::overlap::run(data, args, out, err),
        Command::Structure(args) => cmd::structure::run(data, args, out, err),
        Command::Brokerage(args) => cmd::brokerage::run(data, args, out, err),
        Command::Generate(args) => cmd::generate::run(args, out, err),
        Command::Path(args) => cmd::path::run(data, args, out, err),
        Command::Ego(args) => cmd::ego::run(data, args, out, err),
        Command::Render(args) => cmd::render::run(data, args, out, err),
        Command::Diff(args) => cmd::diff::run(data, args, out, err),
        Command::Draft(args) => cmd::draft::run(args, err),
        Command::Review(args) => cmd::review::run(args, out, err),
    }?;
    out.flush().map_err(Error::Output)
}
