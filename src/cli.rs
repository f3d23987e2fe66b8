//! The command line: one closed enum of commands and their flags (clap derive).

use crate::present::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The bundled dataset, used when `--data` is not given.
pub const DEFAULT_DATA: &str = "data/japan-india-2009.json";

/// coopgraph: who cooperates with whom, through what — networks from government cooperation
/// documents, with every tie traceable to the sentence it came from.
#[derive(Debug, Parser)]
#[command(name = "coopgraph", version, about, long_about = None)]
pub struct Cli {
    /// The dataset file (JSON, schema coopgraph/1).
    #[arg(long, global = true, value_name = "FILE", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the dataset: references, ids, parent cycles, sources and verbatim quotes.
    Validate(ValidateArgs),
    /// Count nodes and ties by kind, group, area and frequency.
    Stats(FormatArgs),
    /// Build a dataset from other formats.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the dataset in another format.
    Export(ExportArgs),
}

/// Flags of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Output format of the problem list.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The shared `--format` flag.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Importers.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read bodies.csv, mechanisms.csv, participants.csv (and optional forums.csv, groups.csv,
    /// areas.csv, sources.csv, dataset.csv) from DIR and write a dataset.
    Csv(ImportCsvArgs),
}

/// Flags of `import csv`.
#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The folder holding the CSV tables.
    pub dir: PathBuf,
    /// Where to write the dataset JSON (standard output when absent).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The spreadsheet tables `import csv` reads (bodies, mechanisms, participants, …).
    Csv,
}

/// Flags of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The output folder.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}
