//! The biggest moves in centrality and brokerage between two sides, computed by
//! [`crate::analysis`] exactly as `centrality` and `brokerage` compute them.

use super::matching::Matching;
use crate::analysis::centrality::{compute, Measure, Options};
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

/// Per body (canonical id): display name and value.
type Values = BTreeMap<String, (String, f64)>;

/// Betweenness of every body on the two-mode network.
fn betweenness(dataset: &Dataset, canonical: &dyn Fn(&str) -> String) -> Values {
    let graph = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    compute(&graph, &[Measure::Betweenness], &Options::default())
        .scores
        .into_iter()
        .filter(|s| s.kind == NodeKind::Body)
        .map(|s| (canonical(&s.id), (s.name, s.betweenness.unwrap_or(0.0))))
        .collect()
}

/// Brokerage (all roles) of every body.
fn brokerage(dataset: &Dataset, canonical: &dyn Fn(&str) -> String) -> Values {
    let names = Labels::new(dataset);
    crate::analysis::brokerage::analyse(dataset, BuildOptions::default())
        .into_iter()
        .map(|b| {
            let name = names.of(&b.id).to_string();
            (canonical(&b.id), (name, b.total as f64))
        })
        .collect()
}

/// The `limit` biggest moves per measure (by size of the change, then id), betweenness first;
/// changes too small to show at 4 decimals are left out.
pub fn biggest(first: &Dataset, second: &Dataset, matching: &Matching, limit: usize) -> Vec<Move> {
    let own = |id: &str| id.to_string();
    let mapped = |id: &str| matching.canonical(id).to_string();
    let second_of: BTreeMap<&str, &str> = matching
        .pairs
        .iter()
        .map(|(_, a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut found = Vec::new();
    type Measured = fn(&Dataset, &dyn Fn(&str) -> String) -> Values;
    for (measure, values) in [
        ("betweenness", betweenness as Measured),
        ("brokerage", brokerage as Measured),
    ] {
        // The two sides at once: brokerage runs on one core.
        let (before, after) = rayon::join(|| values(first, &own), || values(second, &mapped));
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
