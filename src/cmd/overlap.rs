//! `overlap`: shared mechanisms, forums and participants; redundant channels.

use crate::analysis::overlap::{channels, memberships, ranked_pairs_counted, OverlapOf};
use crate::cli::{OverlapArgs, OverlapTarget};
use crate::error::{Error, Result};
use crate::model::lookup::Labels;
use crate::present::emit;
use crate::present::overlap::{ChannelsView, PairStream};
use std::io::Write;
use std::path::Path;

/// Most pairs listed without `--top`.
const PAIR_LIMIT: usize = 100_000;

/// Runs `overlap` on the dataset at `data`.
pub fn run(
    data: &Path,
    args: &OverlapArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if !(0.0..=1.0).contains(&args.jaccard) || args.jaccard == 0.0 {
        return Err(Error::Usage(format!(
            "--jaccard {} is out of range; expected a similarity in (0, 1]",
            args.jaccard
        )));
    }
    let dataset = super::load_collapsed(data, &args.common.scope, &args.common.collapse, err)?;
    let labels = Labels::new(&dataset);
    let (of, name) = match args.of {
        OverlapTarget::Bodies => (OverlapOf::Bodies, "bodies"),
        OverlapTarget::Mechanisms => (OverlapOf::Mechanisms, "mechanisms"),
        OverlapTarget::Forums => (OverlapOf::Forums, "forums"),
        OverlapTarget::Channels => {
            let mut found = channels(&dataset, args.jaccard);
            if let Some(top) = args.top {
                found.truncate(top);
            }
            let view = ChannelsView {
                channels: found,
                threshold: args.jaccard,
                labels,
            };
            return emit(out, args.common.format.into(), &view);
        }
    };
    let members = memberships(&dataset, of);
    // A mechanism of k participants makes k² / 2 pairs: without --top the list stops at
    // PAIR_LIMIT (the best first) and says how many there were.
    let top = args.top.unwrap_or(PAIR_LIMIT);
    let (pairs, qualified) = ranked_pairs_counted(&members, args.min_shared, top);
    if args.top.is_none() && qualified > pairs.len() {
        writeln!(
            err,
            "note: {qualified} pairs of {name} share at least {} item(s); listing the {} that share the most — choose with --top N or --min-shared N",
            args.min_shared.max(1),
            pairs.len()
        )
        .map_err(Error::Output)?;
    }
    let view = PairStream {
        of: name,
        pairs,
        members: &members,
        labels,
    };
    emit(out, args.common.format.into(), &view)
}
