//! Every analysis the report reads, computed once: the findings, the tables, the diagrams, the
//! page and the exports all read this one struct instead of rebuilding graphs and centralities
//! per step (on 10,000 nodes each rebuild cost seconds).

use crate::analysis::brokerage::{self, Broker};
use crate::analysis::centrality::{compute, Measure, Options, Scores};
use crate::analysis::overlap::{channels, Channel};
use crate::analysis::structure::{self, Structure};
use crate::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use crate::model::Dataset;
use crate::present::centrality::Ranked;
use crate::progress::Progress;
use crate::query::links::Links;

/// Seed of the report's Louvain runs (the structure table and the findings).
const SEED: u64 = 42;

/// The analyses of one dataset, as the report uses them.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// Every centrality measure on the two-mode network, ranked by betweenness.
    pub network: Ranked,
    /// Every centrality measure on the bodies graph, ranked by betweenness.
    pub bodies: Ranked,
    /// Gould–Fernandez brokerage and Burt's constraint of every body.
    pub brokers: Vec<Broker>,
    /// Mechanisms with exactly the same participants.
    pub channels: Vec<Channel>,
    /// Components, cut points, bridges, cores and communities without the hierarchy.
    pub structure: Structure,
    /// The number of pieces of the bodies graph once the hierarchy counts as ties.
    pub components_with_hierarchy: usize,
    /// Body-to-body links with the hierarchy: the path and ego examples and the page's route
    /// finder read this one build.
    pub links: Links,
}

/// Graphs of more nodes than this get betweenness estimated from [`SAMPLED_SOURCES`] seeded
/// sources, and no closeness or harmonic centrality (each needs a search from every node; the
/// centrality kernel has no sampled form of them). The 10,000-node test dataset stays exact.
pub const EXACT_LIMIT: usize = 20_000;

/// Sources sampled for betweenness above [`EXACT_LIMIT`] nodes.
pub const SAMPLED_SOURCES: usize = 2_000;

/// The measures and options of the centrality run on a graph of `nodes` nodes: every measure,
/// exactly, up to [`EXACT_LIMIT`]; above it betweenness from [`SAMPLED_SOURCES`] seeded sources
/// and no closeness or harmonic centrality (said in the result's notes).
fn plan(nodes: usize) -> (Vec<Measure>, Options, Option<String>) {
    if nodes <= EXACT_LIMIT {
        return (Measure::ALL.to_vec(), Options::default(), None);
    }
    let measures = Measure::ALL
        .into_iter()
        .filter(|m| !matches!(m, Measure::Closeness | Measure::Harmonic))
        .collect();
    let options = Options {
        approx: Some(SAMPLED_SOURCES),
        seed: SEED,
    };
    let note = format!(
        "closeness and harmonic centrality are not computed above {EXACT_LIMIT} nodes (each needs a search from every node)"
    );
    (measures, options, Some(note))
}

/// Every centrality measure on the `kind` graph of `dataset` (sampled above [`EXACT_LIMIT`]
/// nodes), ranked by betweenness.
fn ranked(dataset: &Dataset, kind: GraphKind) -> Ranked {
    let graph = build_graph(dataset, kind, BuildOptions::default());
    let (measures, options, left_out) = plan(graph.node_count());
    let mut result = compute(&graph, &measures, &options);
    result.notes.extend(left_out);
    Ranked::new(result, Measure::Betweenness, None)
}

impl Analyses {
    /// Computes every analysis of `dataset` (naming each stage on `progress`).
    pub fn compute(dataset: &Dataset, progress: &Progress) -> Analyses {
        progress.stage("analysing: centrality on the network");
        let network = ranked(dataset, GraphKind::Network);
        progress.stage("analysing: centrality on the bodies graph");
        let bodies = ranked(dataset, GraphKind::Bodies);
        progress.stage("analysing: brokerage");
        let brokers = brokerage::analyse(dataset, BuildOptions::default());
        progress.stage("analysing: redundant channels");
        let channels = channels(dataset, 1.0);
        progress.stage("analysing: structure");
        let structure = structure::analyse(dataset, BuildOptions::default(), SEED);
        let components_with_hierarchy =
            structure::analyse(dataset, BuildOptions { hierarchy: true }, SEED)
                .body_components
                .len();
        progress.stage("analysing: links between bodies");
        let links = Links::new(dataset, true);
        Analyses {
            network,
            bodies,
            brokers,
            channels,
            structure,
            components_with_hierarchy,
            links,
        }
    }

    /// The bodies of the two-mode network, most central (betweenness) first, ties by id.
    pub fn central_bodies(&self) -> impl Iterator<Item = &Scores> {
        self.network
            .order
            .iter()
            .map(|&i| &self.network.result.scores[i])
            .filter(|s| s.kind == NodeKind::Body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_above_the_exact_limit_are_sampled_and_say_so() {
        let (measures, options, note) = plan(EXACT_LIMIT);
        assert_eq!(measures, Measure::ALL.to_vec());
        assert_eq!(options.approx, None);
        assert!(note.is_none());
        let (measures, options, note) = plan(EXACT_LIMIT + 1);
        assert_eq!(options.approx, Some(SAMPLED_SOURCES));
        assert!(!measures.contains(&Measure::Closeness) && !measures.contains(&Measure::Harmonic));
        assert!(measures.contains(&Measure::Betweenness));
        assert!(note.is_some_and(|n| n.contains("closeness")));
    }
}
