//! The biggest moves in centrality and brokerage between two sides, computed by
//! [`crate::analysis`] as `centrality` and `brokerage` compute them: betweenness exactly up to
//! the report's limit and from sampled sources above it, unless the caller chooses.

use super::matching::Matching;
use crate::analysis::centrality::{compute, network_nodes, Measure, Options, Sampling};
use crate::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many moves per measure a diff lists.
pub const LIMIT: usize = 10;

/// One body's change in one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The body's id (on the second side when it is there, else on the first).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// `betweenness` (on the network, as `coopgraph centrality`) or `brokerage` (all
    /// Gould–Fernandez roles, as `coopgraph brokerage`).
    pub measure: &'static str,
    /// The value on the first side (0 when the body is not there).
    pub before: f64,
    /// The value on the second side (0 when the body is not there).
    pub after: f64,
    /// `after - before`.
    pub change: f64,
}

/// Per body (by id): display name and value.
type Values = BTreeMap<String, (String, f64)>;

/// One side's values, measured once however many comparisons use them.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Betweenness of every body on the two-mode network, by the side's own ids.
    betweenness: Values,
    /// Brokerage (all roles) of every body, by the side's own ids.
    brokerage: Values,
}

/// How betweenness is computed for every side of a comparison: as `sampling` says on the
/// largest side's two-mode network, so that the sides are measured alike and their moves are
/// comparable.
pub fn plan(sides: &[&Dataset], sampling: Sampling, seed: u64) -> Options {
    let nodes = sides.iter().map(|d| network_nodes(d)).max().unwrap_or(0);
    Options {
        approx: sampling.sources(nodes).filter(|&k| k < nodes),
        seed,
    }
}

/// Betweenness (as `options` say) and brokerage of every body of `dataset`, side by side:
/// brokerage runs on one core.
pub fn measure(dataset: &Dataset, options: &Options) -> Measured {
    let (betweenness, brokerage) =
        rayon::join(|| betweenness(dataset, options), || brokerage(dataset));
    Measured {
        betweenness,
        brokerage,
    }
}

/// Betweenness of every body on the two-mode network.
fn betweenness(dataset: &Dataset, options: &Options) -> Values {
    let graph = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    compute(&graph, &[Measure::Betweenness], options)
        .scores
        .into_iter()
        .filter(|s| s.kind == NodeKind::Body)
        .map(|s| (s.id, (s.name, s.betweenness.unwrap_or(0.0))))
        .collect()
}

/// Brokerage (all roles) of every body.
fn brokerage(dataset: &Dataset) -> Values {
    let names = Labels::new(dataset);
    crate::analysis::brokerage::analyse(dataset, BuildOptions::default())
        .into_iter()
        .map(|b| {
            let name = names.of(&b.id).to_string();
            (b.id, (name, b.total as f64))
        })
        .collect()
}

/// `values` keyed by the first side's ids where `matching` pairs a body with one there.
fn on_first_side(values: &Values, matching: &Matching) -> Values {
    values
        .iter()
        .map(|(id, value)| (matching.canonical(id).to_string(), value.clone()))
        .collect()
}

/// The `limit` biggest moves per measure (by size of the change, then id), betweenness first,
/// between the sides measured as `first` and `second`; changes too small to show at 4 decimals
/// are left out.
pub fn biggest(
    first: &Measured,
    second: &Measured,
    matching: &Matching,
    limit: usize,
) -> Vec<Move> {
    let second_of: BTreeMap<&str, &str> = matching
        .pairs
        .iter()
        .map(|(_, a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut found = Vec::new();
    for (measure, before, after) in [
        ("betweenness", &first.betweenness, &second.betweenness),
        ("brokerage", &first.brokerage, &second.brokerage),
    ] {
        let after = on_first_side(after, matching);
        let mut moves: Vec<Move> = before
            .keys()
            .chain(after.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|id| {
                let (name_a, a) = before.get(id).cloned().unwrap_or_default();
                let (name_b, b) = after.get(id).cloned().unwrap_or_default();
                let in_second = after.contains_key(id);
                Move {
                    id: if in_second {
                        second_of
                            .get(id.as_str())
                            .copied()
                            .unwrap_or(id)
                            .to_string()
                    } else {
                        id.clone()
                    },
                    name: if in_second { name_b } else { name_a },
                    measure,
                    before: a,
                    after: b,
                    change: b - a,
                }
            })
            .filter(|m| m.change.abs() >= 5e-5)
            .collect();
        moves.sort_by(|x, y| {
            y.change
                .abs()
                .total_cmp(&x.change.abs())
                .then_with(|| x.id.cmp(&y.id))
        });
        moves.truncate(limit);
        found.extend(moves);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::centrality::{EXACT_LIMIT, SAMPLED_SOURCES};
    use crate::model::Body;

    #[test]
    fn both_sides_are_sampled_when_the_larger_is_past_the_limit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let small =
            crate::ingest::json::read(&root.join("data/quad-2021-2023.json")).expect("quad");
        let mut large = small.clone();
        large.bodies.resize(EXACT_LIMIT + 1, Body::default());
        assert_eq!(plan(&[&small, &small], Sampling::Default, 42).approx, None);
        for sides in [[&small, &large], [&large, &small]] {
            assert_eq!(
                plan(&sides, Sampling::Default, 42).approx,
                Some(SAMPLED_SOURCES)
            );
            assert_eq!(plan(&sides, Sampling::Exact, 42).approx, None);
        }
        // More sources than nodes is no sample: exact, and not called an estimate.
        assert_eq!(
            plan(&[&small, &small], Sampling::Sources(1_000), 7).approx,
            None
        );
        assert_eq!(
            plan(&[&small, &small], Sampling::Sources(5), 7).approx,
            Some(5)
        );
    }
}
