//! `brokerage`: Gould–Fernandez roles and Burt's measures of each body.

use crate::analysis::brokerage::analyse;
use crate::cli::BrokerageArgs;
use crate::error::Result;
use crate::graph::BuildOptions;
use crate::model::lookup::Labels;
use crate::present::brokerage::BrokerageView;
use crate::present::emit;
use std::io::Write;
use std::path::Path;

/// Runs `brokerage` on the dataset at `data`.
pub fn run(
    data: &Path,
    args: &BrokerageArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let loaded = super::load(data, &args.common.scope, err)?;
    let mut brokers = analyse(
        &loaded.dataset,
        BuildOptions {
            hierarchy: args.hierarchy,
        },
    );
    if let Some(top) = args.top {
        brokers.truncate(top);
    }
    let view = BrokerageView {
        brokers,
        labels: Labels::new(&loaded.dataset),
    };
    emit(out, args.common.format.into(), &view)
}
