//! `stats`: counts of the dataset.

use crate::analysis::stats::stats;
use crate::cli::FormatArgs;
use crate::error::Result;
use crate::present::emit;
use std::io::Write;
use std::path::Path;

/// Runs `stats` on the dataset at `data`.
pub fn run(data: &Path, args: &FormatArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let loaded = super::load(data, &args.scope, err)?;
    emit(out, args.format.into(), &stats(&loaded.dataset))
}
