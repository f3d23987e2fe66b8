//! `export`: the network for Gephi, yEd, NetworkX, D3, spreadsheets and Neo4j.

use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::export::model::export_graph;
use crate::export::{write, write_to, ExportFormat};
use std::io::Write;
use std::path::Path;

/// Runs `export` on the dataset at `data`; the list of files written goes to `err`.
pub fn run(data: &Path, args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let loaded = super::load(data, &args.scope, err)?;
    let format = ExportFormat::from(args.format);
    match crate::cli::output_file(args.output.as_ref()) {
        None => {
            write_to(&export_graph(&loaded.dataset), format, out)?;
            out.flush().map_err(Error::Output)
        }
        Some(output) => {
            if format == ExportFormat::Csv {
                if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
            }
            for path in write(&loaded.dataset, data, format, output)? {
                writeln!(err, "wrote {}", path.display()).map_err(Error::Output)?;
            }
            Ok(())
        }
    }
}
