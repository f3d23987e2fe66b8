//! `centrality`: who is central on the chosen graph.

use crate::analysis::centrality::{compute, compute_bodies, Measure, Options};
use crate::cli::CentralityArgs;
use crate::error::{Error, Result};
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::present::centrality::Ranked;
use crate::present::emit;
use crate::progress::Progress;
use std::io::Write;
use std::path::Path;

/// Runs `centrality` on the dataset at `data`.
pub fn run(
    data: &Path,
    args: &CentralityArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let measures: Vec<Measure> = if args.measures.is_empty() {
        Measure::ALL.to_vec()
    } else {
        args.measures.iter().map(|&m| Measure::from(m)).collect()
    };
    let sort = match args.sort.map(Measure::from) {
        Some(sort) if !measures.contains(&sort) => {
            return Err(Error::Usage(format!(
                "--sort {} names a measure that is not computed; add --measure {}",
                sort.as_str(),
                sort.as_str()
            )))
        }
        Some(sort) => sort,
        None if measures.contains(&Measure::Betweenness) => Measure::Betweenness,
        None => measures[0],
    };
    if args.approx == Some(0) {
        return Err(Error::Usage("--approx needs at least one source".into()));
    }
    let progress = Progress::start("loading the dataset");
    let dataset = super::load_collapsed(data, &args.common.scope, &args.common.collapse, err)?;
    let kind = GraphKind::from(args.graph.graph);
    let build = BuildOptions {
        hierarchy: args.graph.hierarchy,
    };
    let options = Options {
        approx: args.approx,
        seed: args.seed,
    };
    let mut result = if kind == GraphKind::Bodies {
        // Read through the mechanisms' member lists: never the projection's pairs.
        progress.stage("computing centrality on the bodies graph");
        compute_bodies(&dataset, build, &measures, &options)
    } else {
        progress.stage(&format!("building the {} graph", kind.as_str()));
        let graph = build_graph(&dataset, kind, build);
        // The graph holds all the search needs: free the dataset before it (100k nodes: 40 MB).
        drop(dataset);
        progress.stage(&format!(
            "computing centrality on {} nodes and {} edges",
            graph.node_count(),
            graph.edge_count()
        ));
        compute(&graph, &measures, &options)
    };
    drop(progress);
    if let Some(kind) = args.kind {
        result.scores.retain(|s| s.kind == kind.kind());
    }
    for note in &result.notes {
        writeln!(err, "note: {note}").map_err(Error::Output)?;
    }
    emit(
        out,
        args.common.format.into(),
        &Ranked::new(result, sort, args.top),
    )
}
