//! `export`: the network for Gephi, yEd, NetworkX, D3, spreadsheets and Neo4j.

use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::formats::{csv_tables, cypher, node_link};
use crate::export::model::export_graph;
use crate::export::tables::write_tables;
use crate::export::xml::{gexf, graphml};
use crate::fsio::write_atomic;
use crate::ingest::json::{base_dir, load};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes every file of `format` for the dataset loaded from `data` to `output`; returns the
/// files written. For CSV `output` is a folder.
pub fn write(
    dataset: &crate::model::Dataset,
    data: &Path,
    format: ExportFormat,
    output: &Path,
) -> Result<Vec<PathBuf>> {
    let graph = export_graph(dataset);
    match format {
        ExportFormat::Csv => {
            let mut written = write_tables(dataset, &base_dir(data), output)?;
            let (nodes, edges) = csv_tables(&graph)?;
            for (name, bytes) in [("nodes.csv", nodes), ("edges.csv", edges)] {
                let path = output.join(name);
                write_atomic(&path, &bytes)?;
                written.push(path);
            }
            Ok(written)
        }
        other => {
            write_atomic(output, &bytes_of(&graph, other)?)?;
            Ok(vec![output.to_path_buf()])
        }
    }
}

fn bytes_of(graph: &crate::export::model::ExportGraph, format: ExportFormat) -> Result<Vec<u8>> {
    match format {
        ExportFormat::Graphml => graphml(graph),
        ExportFormat::Gexf => gexf(graph),
        ExportFormat::Json => node_link(graph),
        ExportFormat::Cypher => Ok(cypher(graph).into_bytes()),
        ExportFormat::Csv => Err(Error::Usage("csv writes a folder: give -o DIR".into())),
    }
}

/// Runs `export` on the dataset at `data`; the list of files written goes to `err`.
pub fn run(data: &Path, args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let loaded = load(data)?;
    match &args.output {
        None => {
            let bytes = bytes_of(&export_graph(&loaded.dataset), args.format)?;
            out.write_all(&bytes).map_err(Error::Output)
        }
        Some(output) => {
            for path in write(&loaded.dataset, data, args.format, output)? {
                writeln!(err, "wrote {}", path.display()).map_err(Error::Output)?;
            }
            Ok(())
        }
    }
}
