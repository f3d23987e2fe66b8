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
    let output = crate::cli::output_file(args.output.as_ref());
    let output_dir = match output {
        Some(file) => crate::ingest::json::base_dir(file),
        None => Path::new(".").to_path_buf(),
    };
    let imported = import_dir(&args.dir, &output_dir)?;
    // Buffered: a large import can have a warning per row, and stderr writes each line alone.
    let mut warnings = std::io::BufWriter::new(&mut *err);
    for warning in &imported.warnings {
        writeln!(warnings, "{}: {warning}", args.dir.display()).map_err(Error::Output)?;
    }
    warnings.flush().map_err(Error::Output)?;
    drop(warnings);
    // Sources outside the dataset's folder load only when allowed: say how, now.
    for source in &imported.dataset.sources {
        if let Some(file) = &source.file {
            if crate::fsio::source_paths::resolve(&output_dir, file).is_err() {
                writeln!(
                    err,
                    "note: source '{}' ({file}) lies outside the dataset's folder '{}'; load the dataset with --allow-source-root {}",
                    source.id,
                    output_dir.display(),
                    args.dir.display()
                )
                .map_err(Error::Output)?;
            }
        }
    }
    let json = crate::ingest::json::to_json(&imported.dataset)?;
    match output {
        Some(file) => {
            write_atomic(file, &json)?;
            // The edits are in the dataset now: a later export into the folder may replace them.
            crate::fsio::owned::record_taken_in(&args.dir)?;
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
