//! `export`: the dataset in other formats.

use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::tables::write_tables;
use crate::ingest::json::{base_dir, load};
use std::io::Write;
use std::path::Path;

/// Runs `export` on the dataset at `data`; the list of files written goes to `err`.
pub fn run(data: &Path, args: &ExportArgs, err: &mut dyn Write) -> Result<()> {
    let loaded = load(data)?;
    let written = match args.format {
        ExportFormat::Csv => write_tables(&loaded.dataset, &base_dir(data), &args.output)?,
    };
    for path in written {
        writeln!(err, "wrote {}", path.display()).map_err(Error::Output)?;
    }
    Ok(())
}
