//! The changes view's lines: ties between bodies from one source to another, gained (in the
//! highlight colour), lost (dashed) and unchanged (faint), as `coopgraph diff` counts them.

use super::types::{index_of, SceneEdge, SceneNode};
use crate::diff::body_ties;
use crate::error::Result;
use crate::graph::EdgeKind;
use crate::model::lookup::Labels;
use crate::model::view::{apply, View};
use crate::model::Dataset;
use std::collections::{BTreeMap, HashSet};

/// The bodies to keep (those named by either source) and the lines between them, for the
/// bodies-graph `nodes` of `dataset`.
pub fn edges(
    dataset: &Dataset,
    nodes: &[SceneNode],
    from: &str,
    to: &str,
) -> Result<(HashSet<usize>, Vec<SceneEdge>)> {
    let before = apply(dataset, &View::of_source(from))?;
    let after = apply(dataset, &View::of_source(to))?;
    let (old, new) = (body_ties(&before), body_ties(&after));
    let index = index_of(nodes);
    let names = Labels::new(dataset);
    let mut keep: HashSet<usize> = before
        .bodies
        .iter()
        .chain(&after.bodies)
        .filter_map(|b| index.get(b.id.as_str()).copied())
        .collect();
    let mut all: BTreeMap<&(String, String), (&[String], &str)> = BTreeMap::new();
    for (pair, through) in &old {
        let state = if new.contains_key(pair) {
            "unchanged"
        } else {
            "lost"
        };
        all.insert(pair, (through, state));
    }
    for (pair, through) in &new {
        all.entry(pair).or_insert((through, "gained"));
    }
    let mut lines = Vec::new();
    for ((a, b), (through, state)) in all {
        let (Some(&ia), Some(&ib)) = (index.get(a.as_str()), index.get(b.as_str())) else {
            continue;
        };
        keep.extend([ia, ib]);
        let through: Vec<&str> = through
            .iter()
            .map(|id| names.name(id).unwrap_or(id))
            .collect();
        lines.push(SceneEdge {
            a: ia,
            b: ib,
            kind: EdgeKind::Shared,
            weight: 1.0,
            label: None,
            tooltip: format!("{state}: {}", through.join("; ")),
            faded: state == "unchanged",
            highlighted: state == "gained",
            dashed: state == "lost",
            shared: Vec::new(),
        });
    }
    Ok((keep, lines))
}
