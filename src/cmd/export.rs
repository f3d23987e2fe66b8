//! `export`: the network for Gephi, yEd, NetworkX, D3, spreadsheets and Neo4j.

use crate::analysis::centrality::{compute, Options, EXACT_LIMIT};
use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::export::model::{export_graph_with, ExportGraph, EXPORTED_MEASURES};
use crate::export::{write_graph, write_to, ExportFormat};
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::model::Dataset;
use crate::progress::Progress;
use crate::text::numbers::group_digits;
use std::io::Write;
use std::path::Path;

/// Runs `export` on the dataset at `data`; the list of files written goes to `err`.
pub fn run(data: &Path, args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let progress = Progress::start("loading the dataset");
    let loaded = super::load(data, &args.scope, err)?;
    let format = ExportFormat::from(args.format);
    let (graph, notes) = flattened(&loaded.dataset, args, &progress);
    progress.stage("writing the export");
    let say_notes = |err: &mut dyn Write| -> Result<()> {
        for note in &notes {
            writeln!(err, "note: {note}").map_err(Error::Output)?;
        }
        Ok(())
    };
    match crate::cli::output_file(args.output.as_ref()) {
        None => {
            write_to(&graph, format, out)?;
            drop(progress);
            say_notes(err)?;
            out.flush().map_err(Error::Output)
        }
        Some(output) => {
            if format == ExportFormat::Csv {
                if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
            }
            let written = write_graph(&loaded.dataset, data, &graph, format, output)?;
            drop(progress);
            say_notes(err)?;
            for path in written {
                writeln!(err, "wrote {}", path.display()).map_err(Error::Output)?;
            }
            Ok(())
        }
    }
}

/// How the betweenness column is computed for a network of `nodes` nodes: as `--exact` or
/// `--approx` say, else exact up to the report's limit and sampled above it.
fn plan(args: &ExportArgs, nodes: usize) -> Options {
    Options {
        approx: args.sampling.sampling().sources(nodes),
        seed: args.sampling.seed,
    }
}

/// The network of `dataset` flattened for export with its centralities (betweenness as
/// [`plan`] says), and the notes on how they were computed.
fn flattened(
    dataset: &Dataset,
    args: &ExportArgs,
    progress: &Progress,
) -> (ExportGraph, Vec<String>) {
    progress.stage("building the network");
    let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let nodes = network.node_count();
    let options = plan(args, nodes);
    let how = match options.approx {
        Some(k) if k < nodes => format!("betweenness from {} sources", group_digits(k)),
        _ => "exact betweenness".to_string(),
    };
    progress.stage(&format!(
        "computing centrality ({how}) on {} nodes",
        group_digits(nodes)
    ));
    let centrality = compute(&network, &EXPORTED_MEASURES, &options);
    drop(network);
    let mut notes = centrality.notes;
    if args.sampling.approx.is_none() && options.approx.is_some() {
        notes.push(format!(
            "the network has more than {} nodes, so its betweenness column is estimated, as the report estimates it; --exact computes it exactly (minutes at 100,000 nodes), --approx K from K sources",
            group_digits(EXACT_LIMIT)
        ));
    }
    progress.stage("flattening the network");
    (export_graph_with(dataset, &centrality.scores), notes)
}
