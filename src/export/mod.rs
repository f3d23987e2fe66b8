//! Writing the dataset and its network for other tools.

pub mod formats;
pub mod model;
pub mod tables;
pub mod xml;

use crate::error::{Error, Result};
use crate::fsio::owned::write_owned;
use crate::fsio::{make_dir, write_atomic_streamed};
use crate::ingest::json::base_dir;
use crate::model::Dataset;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GraphML with typed attributes (Gephi, yEd, NetworkX).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// Node-link JSON (NetworkX, D3).
    Json,
    /// A folder: nodes.csv and edges.csv, plus the spreadsheet tables `import csv` reads.
    Csv,
    /// A Cypher script for Neo4j (idempotent MERGE statements).
    Cypher,
}

/// Writes every file of `format` for `dataset` (loaded from `data`) to `output`; returns the
/// files written. For CSV `output` is a folder, created if its parent exists.
pub fn write(
    dataset: &Dataset,
    data: &Path,
    format: ExportFormat,
    output: &Path,
) -> Result<Vec<PathBuf>> {
    write_graph(dataset, data, &model::export_graph(dataset), format, output)
}

/// Writes `graph`, the flattened network of `dataset` (loaded from `data`), as `format` to
/// `output`, like [`write`]: for callers that write several formats of one graph.
pub fn write_graph(
    dataset: &Dataset,
    data: &Path,
    graph: &model::ExportGraph,
    format: ExportFormat,
    output: &Path,
) -> Result<Vec<PathBuf>> {
    match format {
        ExportFormat::Csv => {
            let mut files = tables::table_files(dataset, &base_dir(data), output)?;
            let (nodes, edges) = formats::csv_tables(graph)?;
            files.push((output.join("nodes.csv"), nodes));
            files.push((output.join("edges.csv"), edges));
            make_dir(output)?;
            write_owned(output, &files)?;
            Ok(files.into_iter().map(|(path, _)| path).collect())
        }
        other => {
            write_atomic_streamed(output, |out| write_to(graph, other, out))?;
            Ok(vec![output.to_path_buf()])
        }
    }
}

/// Writes a single-file export format (every format but CSV, which is a folder) into `out` as
/// it is made: a 100,000-node network's exports are 85–156 MB each.
pub fn write_to(
    graph: &model::ExportGraph,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        ExportFormat::Graphml => xml::write_graphml(graph, out),
        ExportFormat::Gexf => xml::write_gexf(graph, out),
        ExportFormat::Json => formats::write_node_link(graph, out),
        ExportFormat::Cypher => formats::write_cypher(graph, out),
        ExportFormat::Csv => Err(Error::Usage("csv writes a folder: give -o DIR".into())),
    }
}
