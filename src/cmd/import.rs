//! `import csv`: spreadsheet tables to a dataset.

use crate::cli::{ImportCommand, ImportCsvArgs};
use crate::error::{Error, Result};
use crate::fsio::write_atomic;
use crate::ingest::csv::import_dir;
use std::io::Write;
use std::path::Path;

/// Runs an `import` subcommand; warnings go to `err`.
pub fn run(command: &ImportCommand, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    match command {
        ImportCommand::Csv(args) => csv(args, out, err),
    }
}

fn csv(args: &ImportCsvArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let output_dir = match &args.output {
        Some(file) => crate::ingest::json::base_dir(file),
        None => Path::new(".").to_path_buf(),
    };
    let imported = import_dir(&args.dir, &output_dir)?;
    for warning in &imported.warnings {
        writeln!(err, "{}: {warning}", args.dir.display()).map_err(Error::Output)?;
    }
    let json = crate::ingest::json::to_json(&imported.dataset)?;
    match &args.output {
        Some(file) => {
            write_atomic(file, &json)?;
            writeln!(
                err,
                "wrote {} ({} bodies, {} mechanisms, {} forums)",
                file.display(),
                imported.dataset.bodies.len(),
                imported.dataset.mechanisms.len(),
                imported.dataset.forums.len()
            )
            .map_err(Error::Output)
        }
        None => out.write_all(&json).map_err(Error::Output),
    }
}
