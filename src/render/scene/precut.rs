//! Cutting a bodies view before it is built: above a [`Limit`], the bodies and org views keep
//! their most central bodies, so their projection is built among those bodies only. Building
//! the whole projection first (741,000 ties with their shared-mechanism lists on 7,000 bodies)
//! and cutting it afterwards made the report's diagrams stage its memory peak (931 MB).
//!
//! The bodies kept, the sizes and the subtitle are exactly those of cutting the whole view
//! ([`super::cut`]'s `limited`): sizes are degrees in the whole projection (counted on its
//! CSR, without the shared lists) and the ties among kept bodies are the same with the same
//! shared lists, in the same order.

use super::cut::Cut;
use super::diagram::Diagram;
use super::org::governments;
use super::types::Limit;
use crate::analysis::centrality::two_mode::degree_one_mode;
use crate::analysis::centrality::Measure;
use crate::graph::project::bodies_csr;
use crate::graph::BuildOptions;
use crate::model::lookup::bodies_by_id;
use crate::model::Dataset;
use std::collections::{HashMap, HashSet};

/// A bodies view cut before it is built.
#[derive(Debug)]
pub struct Precut {
    /// The dataset with only the kept bodies (mechanisms and forums list only them).
    pub dataset: Dataset,
    /// Each kept body's size value (degree in the whole bodies projection), by id.
    pub values: HashMap<String, f64>,
    /// What was kept of how many, for the subtitle.
    pub(super) cut: Cut,
}

/// The cut of `diagram` by `limit` made before building it, or `None` where the view is not a
/// bodies view sized by degree or is small enough to be drawn whole (at most `limit.above`
/// bodies and `limit.above_edges` ties; for the org chart, ties across countries, the only
/// ones it draws).
pub fn plan(
    dataset: &Dataset,
    diagram: &Diagram,
    limit: &Limit,
    size_by: Measure,
) -> Option<Precut> {
    let nested = match diagram {
        Diagram::Bodies => false,
        Diagram::Org => true,
        _ => return None,
    };
    if size_by != Measure::Degree {
        return None;
    }
    let csr = bodies_csr(dataset, BuildOptions::default());
    let n = dataset.bodies.len();
    let value = |v: usize| degree_one_mode(csr.degree(v), n);
    // The bodies view draws only the bodies with a tie; the org chart draws every body.
    let mut primary: Vec<usize> = (0..n).filter(|&v| nested || csr.degree(v) > 0).collect();
    let ties = (0..n)
        .flat_map(|v| csr.neighbors(v).iter().map(move |&w| (v, w as usize)))
        .filter(|&(v, w)| v < w && (!nested || dataset.bodies[v].group != dataset.bodies[w].group))
        .count();
    if primary.len() <= limit.above && ties <= limit.above_edges {
        return None;
    }
    let total = primary.len();
    let rank = |v: usize| {
        limit
            .rank
            .get(&dataset.bodies[v].id)
            .copied()
            .unwrap_or_else(|| value(v))
    };
    primary.sort_by(|&x, &y| {
        rank(y)
            .total_cmp(&rank(x))
            .then_with(|| dataset.bodies[x].id.cmp(&dataset.bodies[y].id))
    });
    primary.truncate(limit.bodies);
    let mut kept: HashSet<&str> = primary
        .iter()
        .map(|&v| dataset.bodies[v].id.as_str())
        .collect();
    if nested {
        add_bodies_above(dataset, &mut kept, limit.governments);
    }
    let values = dataset
        .bodies
        .iter()
        .enumerate()
        .filter(|(_, b)| kept.contains(b.id.as_str()))
        .map(|(v, b)| (b.id.clone(), value(v)))
        .collect();
    let cut = Cut {
        primary: primary
            .iter()
            .map(|&v| dataset.bodies[v].id.clone())
            .collect(),
        total,
        carriers: None,
        nested,
        bodies: true,
    };
    Some(Precut {
        dataset: only_bodies(dataset, &kept),
        values,
        cut,
    })
}

/// Adds to `kept` every body above a kept one: its parent, or for a top-level body its
/// country's government (as the org chart nests them) when `with_governments`.
fn add_bodies_above<'a>(dataset: &'a Dataset, kept: &mut HashSet<&'a str>, with_governments: bool) {
    let government = governments(dataset);
    let body_of = bodies_by_id(dataset);
    let mut stack: Vec<&str> = kept.iter().copied().collect();
    while let Some(id) = stack.pop() {
        let Some(body) = body_of.get(id) else {
            continue;
        };
        let container = match body.parent.as_deref() {
            Some(parent) => Some(parent),
            None if with_governments => government
                .get(body.group.as_str())
                .copied()
                .filter(|g| *g != id),
            None => None,
        };
        if let Some(above) = container.filter(|c| body_of.contains_key(c)) {
            if kept.insert(above) {
                stack.push(above);
            }
        }
    }
}

/// `dataset` with only the bodies in `kept` (in their order), its mechanisms' participants and
/// forums' members cut to them.
fn only_bodies(dataset: &Dataset, kept: &HashSet<&str>) -> Dataset {
    let mut cut = dataset.clone();
    cut.bodies.retain(|b| kept.contains(b.id.as_str()));
    for mechanism in &mut cut.mechanisms {
        mechanism
            .participants
            .retain(|p| kept.contains(p.body.as_str()));
    }
    for forum in &mut cut.forums {
        forum.members.retain(|m| kept.contains(m.as_str()));
    }
    cut
}
