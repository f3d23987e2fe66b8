//! `structure`: components, cut points, bridges, k-cores and communities.

use crate::analysis::structure::analyse;
use crate::cli::StructureArgs;
use crate::error::Result;
use crate::graph::BuildOptions;
use crate::model::lookup::Labels;
use crate::present::emit;
use crate::present::structure::StructureView;
use std::io::Write;
use std::path::Path;

/// Runs `structure` on the dataset at `data`.
pub fn run(
    data: &Path,
    args: &StructureArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let loaded = super::load(data, &args.common.scope, err)?;
    let options = BuildOptions {
        hierarchy: args.hierarchy,
    };
    let view = StructureView {
        structure: analyse(&loaded.dataset, options, args.seed),
        labels: Labels::new(&loaded.dataset),
    };
    emit(out, args.common.format.into(), &view)
}
