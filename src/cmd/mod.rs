//! One module per subcommand: load, compute, present. No algorithms here.

pub mod brokerage;
pub mod centrality;
pub mod diff;
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

use crate::cli::{CollapseArgs, ScopeArgs};
use crate::error::{Error, Result};
use crate::ingest::json::Loaded;
use crate::model::Dataset;
use std::io::Write;
use std::path::Path;

/// Loads the dataset at `data` (validated whole) and keeps the part `--as-of` and
/// `--only-source` ask for, saying on `err` what was kept.
pub fn load(data: &Path, scope: &ScopeArgs, err: &mut dyn Write) -> Result<Loaded> {
    load_as(data, scope, err, DATA_HINT)
}

/// How to name the dataset of a command that reads it from `--data`.
pub const DATA_HINT: &str = "pass the dataset with --data FILE";

/// `error` with `hint` (how to name the file) added when the file at `path` is not there.
pub fn hint_if_missing(error: Error, path: &Path, hint: &str) -> Error {
    match error {
        Error::Input(message) if !path.exists() => Error::Input(format!("{message}; {hint}")),
        other => other,
    }
}

/// As [`load`], for a dataset named by something other than `--data`: `hint` says how to name
/// it, and is added when the file is not there.
pub fn load_as(data: &Path, scope: &ScopeArgs, err: &mut dyn Write, hint: &str) -> Result<Loaded> {
    let mut loaded =
        crate::ingest::json::load(data).map_err(|error| hint_if_missing(error, data, hint))?;
    let view = scope.view();
    if view.is_whole() {
        return Ok(loaded);
    }
    let kept = crate::model::view::apply(&loaded.dataset, &view)?;
    writeln!(
        err,
        "note: {}: {} of {} source(s), {} of {} mechanism(s), {} of {} body(ies)",
        view,
        kept.sources.len(),
        loaded.dataset.sources.len(),
        kept.mechanisms.len(),
        loaded.dataset.mechanisms.len(),
        kept.bodies.len(),
        loaded.dataset.bodies.len()
    )
    .map_err(Error::Output)?;
    if view.as_of.is_some() {
        // An undated source cannot be placed in time: say so rather than drop it silently.
        let undated: Vec<&str> = loaded
            .dataset
            .sources
            .iter()
            .filter(|s| {
                s.date
                    .as_deref()
                    .and_then(crate::model::dates::Date::parse)
                    .is_none()
            })
            .map(|s| s.id.as_str())
            .collect();
        if !undated.is_empty() {
            writeln!(
                err,
                "note: {} source(s) without a date left out by --as-of ({}); give them a `date` (YYYY-MM-DD) to place them in time",
                undated.len(),
                crate::text::escape::terminal(&undated.join(", "))
            )
            .map_err(Error::Output)?;
        }
    }
    loaded.dataset = kept;
    Ok(loaded)
}

/// Loads the dataset at `data` (see [`load`]) and, with `--collapse DEPTH`, rolls its hierarchy up, saying so
/// on `err` (tables keep their usual shape; the note tells the reader what a row stands for).
pub fn load_collapsed(
    data: &Path,
    scope: &ScopeArgs,
    collapse: &CollapseArgs,
    err: &mut dyn Write,
) -> Result<Dataset> {
    let loaded = load(data, scope, err)?;
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
