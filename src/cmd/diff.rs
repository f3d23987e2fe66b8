//! `diff`: what changed between two datasets, or between two sources of one.

use crate::cli::DiffArgs;
use crate::diff::{between_sources, compare, Settings};
use crate::error::{Error, Result};
use crate::present::emit;
use std::io::Write;
use std::path::Path;

/// Runs `diff`: on the files A and B, or on sources `--from` and `--to` of the dataset at `data`.
pub fn run(data: &Path, args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let settings = Settings {
        max_ties: args.max_ties,
        sampling: args.sampling.sampling(),
        seed: args.sampling.seed,
    };
    let diff = match (&args.first, &args.second, &args.from, &args.to) {
        (Some(first), Some(second), None, None) => {
            let hint = "diff compares two dataset files: coopgraph diff A.json B.json";
            let a = super::load_as(first, &args.scope, err, hint)?;
            let b = super::load_as(second, &args.scope, err, hint)?;
            compare(
                &a.dataset,
                &b.dataset,
                &side_label(first, a.dataset.title.as_deref()),
                &side_label(second, b.dataset.title.as_deref()),
                &settings,
            )
        }
        (None, None, Some(from), Some(to)) => {
            let loaded = super::load(data, &args.scope, err)?;
            between_sources(&loaded.dataset, from, to, &settings)?
        }
        _ => {
            return Err(Error::Usage(
                "diff compares two dataset files (`coopgraph diff A.json B.json`) or two sources of one dataset (`coopgraph --data FILE diff --from SOURCE --to SOURCE`); give one of the two".into(),
            ))
        }
    };
    emit(out, args.format.into(), &diff)
}

/// A dataset side as the reader knows it: its file, and its title when it has one.
fn side_label(path: &Path, title: Option<&str>) -> String {
    match title {
        Some(title) => format!("{} ({title})", path.display()),
        None => path.display().to_string(),
    }
}
