//! One module per subcommand: load, compute, present. No algorithms here.

pub mod brokerage;
pub mod centrality;
pub mod draft;
pub mod ego;
pub mod export;
pub mod generate;
pub mod import;
pub mod overlap;
pub mod path;
pub mod render;
pub mod report;
pub mod review;
pub mod stats;
pub mod structure;
pub mod validate;

use crate::cli::CollapseArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use std::io::Write;
use std::path::Path;

/// Loads the dataset at `data` and, with `--collapse DEPTH`, rolls its hierarchy up, saying so
/// on `err` (tables keep their usual shape; the note tells the reader what a row stands for).
pub fn load_collapsed(
    data: &Path,
    collapse: &CollapseArgs,
    err: &mut dyn Write,
) -> Result<Dataset> {
    let loaded = crate::ingest::json::load(data)?;
    let Some(depth) = collapse.collapse else {
        return Ok(loaded.dataset);
    };
    let rollup = crate::graph::collapse::collapse(&loaded.dataset, depth);
    writeln!(
        err,
        "note: hierarchy rolled up to depth {depth}: {} bodies merged into {} ({})",
        rollup.merged_count(),
        rollup.merged.len(),
        if depth == 0 {
            "one body per country".to_string()
        } else {
            format!("a body stands for itself and everything below it at depth {depth}")
        }
    )
    .map_err(Error::Output)?;
    Ok(rollup.dataset)
}
