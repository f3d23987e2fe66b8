//! `overlap`: shared mechanisms, forums and participants; redundant channels.

use crate::analysis::overlap::{channels, memberships, ranked_pairs, OverlapOf};
use crate::cli::{OverlapArgs, OverlapTarget};
use crate::error::{Error, Result};
use crate::present::emit;
use crate::present::labels::Labels;
use crate::present::overlap::{ChannelsView, PairStream};
use std::io::Write;
use std::path::Path;

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
    let dataset = super::load_collapsed(data, &args.scope, &args.collapse, err)?;
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
            return emit(out, args.format, &view);
        }
    };
    let members = memberships(&dataset, of);
    let view = PairStream {
        of: name,
        pairs: ranked_pairs(&members, args.min_shared, args.top),
        members: &members,
        labels,
    };
    emit(out, args.format, &view)
}
