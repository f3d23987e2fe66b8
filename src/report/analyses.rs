//! Every analysis the report reads, computed once: the findings, the tables, the diagrams, the
//! page and the exports all read this one struct instead of rebuilding graphs and centralities
//! per step (on 10,000 nodes each rebuild cost seconds).

use super::sampled;
use crate::analysis::brokerage::{self, Broker};
use crate::analysis::centrality::{
    compute, compute_bodies, default_sources, network_nodes, Measure, Options, Scores,
};
use crate::analysis::overlap::{channels, Channel};
use crate::analysis::structure::{self, Structure};
use crate::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use crate::model::Dataset;
use crate::present::centrality::Ranked;
use crate::progress::Progress;
use crate::query::links::Links;
use crate::render::scene::BodyDegrees;
use crate::text::numbers::group_digits as count;
use std::sync::Arc;

/// Seed of the report's sampled sources and Louvain runs (the structure table and the findings).
const SEED: u64 = crate::analysis::centrality::DEFAULT_SEED;

/// The network's centrality and the links between bodies: what the diagrams and the deck's cuts
/// read (to rank and cut the views, and for the path and ego examples), computed first so that
/// drawing starts while the other analyses run.
#[derive(Debug, Clone)]
pub struct Network {
    /// Every centrality measure on the two-mode network, ranked by betweenness.
    pub ranked: Ranked,
    /// Where the network's betweenness is sampled: each node's 95% interval (± this, graph
    /// order); `None` when it is exact.
    pub intervals: Option<Vec<f64>>,
    /// Body-to-body links with the hierarchy: the path and ego examples and the page's route
    /// finder read this one build.
    pub links: Links,
    /// The bodies graph's degrees: the bodies views and org charts, cut by them, read this one
    /// computation (on a 10,000-participant mechanism, ten of them took 0.6 s of CPU).
    pub body_degrees: Arc<BodyDegrees>,
}

/// The analyses of one dataset, as the report uses them.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// The network's centrality and the links between bodies.
    pub network: Network,
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
}

/// The options of the centrality run on a graph of `nodes` nodes: exact up to [`EXACT_LIMIT`](crate::analysis::centrality::EXACT_LIMIT),
/// sampled from [`SAMPLED_SOURCES`](crate::analysis::centrality::SAMPLED_SOURCES) seeded sources above it.
fn plan(nodes: usize) -> Options {
    Options {
        approx: default_sources(nodes),
        seed: SEED,
    }
}

/// Every centrality measure on the `kind` graph of `dataset` (sampled above [`EXACT_LIMIT`](crate::analysis::centrality::EXACT_LIMIT)
/// nodes), ranked by betweenness. With `intervals`, sampled betweenness is drawn in batches
/// ([`sampled::betweenness`]) and each node's 95% interval returned (graph order).
///
/// Whether to sample follows the size of the whole network, not of `kind`'s graph: the bodies
/// graph of a 25,000-node network has 17,500 nodes but is searched through cliques ten times
/// as large, and searching it exactly took longer than the rest of the report together.
fn ranked(dataset: &Dataset, kind: GraphKind, intervals: bool) -> (Ranked, Option<Vec<f64>>) {
    let graph = build_graph(dataset, kind, BuildOptions::default());
    let options = plan(network_nodes(dataset));
    let Some(sources) = options.approx.filter(|_| intervals) else {
        let result = compute(&graph, &Measure::ALL, &options);
        return (Ranked::new(result, Measure::Betweenness, None), None);
    };
    let others: Vec<Measure> = Measure::ALL
        .iter()
        .copied()
        .filter(|&m| m != Measure::Betweenness)
        .collect();
    let mut result = compute(&graph, &others, &options);
    let estimate = sampled::betweenness(&graph, sources, SEED);
    for (score, &mean) in result.scores.iter_mut().zip(&estimate.mean) {
        score.betweenness = Some(mean);
    }
    result.measures.push(Measure::Betweenness);
    result.measures.sort();
    // Betweenness first: the briefing ranks by it.
    result.notes.insert(0, format!(
        "betweenness estimated from {} of {} sources, drawn as {} independent seeded batches; each score's ± is its 95% confidence interval from the spread of the batch estimates (Student t). The bodies listed are those whose estimates came out highest, so their estimates lean high, and where intervals overlap the order is uncertain. A bound holding for every node at once (Hoeffding) would be ±{:.4}, wider than most scores: it must allow for a node every route runs through",
        count(estimate.sources),
        count(graph.node_count()),
        sampled::BATCHES,
        estimate.uniform_bound
    ));
    (
        Ranked::new(result, Measure::Betweenness, None),
        Some(estimate.half_width),
    )
}

impl Network {
    /// The centrality of `dataset`'s two-mode network and its links (naming each stage on
    /// `progress`).
    pub fn compute(dataset: &Dataset, progress: &Progress) -> Network {
        progress.stage("analysing: centrality on the network");
        let (ranked, intervals) = ranked(dataset, GraphKind::Network, true);
        progress.stage("analysing: links between bodies");
        let (links, body_degrees) = rayon::join(
            || Links::new(dataset, true),
            || Arc::new(BodyDegrees::of(dataset)),
        );
        Network {
            ranked,
            intervals,
            links,
            body_degrees,
        }
    }

    /// The bodies of the two-mode network, most central (betweenness) first, ties by id.
    pub fn central_bodies(&self) -> impl Iterator<Item = &Scores> {
        self.central_bodies_at().map(|(_, s)| s)
    }

    /// [`Network::central_bodies`] with each body's position in the network's graph order.
    pub fn central_bodies_at(&self) -> impl Iterator<Item = (usize, &Scores)> {
        self.ranked
            .order
            .iter()
            .map(|&i| (i, &self.ranked.result.scores[i]))
            .filter(|(_, s)| s.kind == NodeKind::Body)
    }
}

impl Analyses {
    /// Computes every analysis of `dataset` (naming each stage on `progress`).
    pub fn compute(dataset: &Dataset, progress: &Progress) -> Analyses {
        Analyses::complete(dataset, Network::compute(dataset, progress), progress)
    }

    /// Every analysis of `dataset` beside its `network`, computed already.
    pub fn complete(dataset: &Dataset, network: Network, progress: &Progress) -> Analyses {
        progress.stage("analysing: centrality on the bodies graph");
        // The bodies graph feeds one table; batches there would search its cliques 20 times.
        // Through the mechanisms' member lists, never their pairs: one mechanism of 10,000
        // bodies is 50 million pairs.
        let bodies = Ranked::new(
            compute_bodies(
                dataset,
                BuildOptions::default(),
                &Measure::ALL,
                &plan(network_nodes(dataset)),
            ),
            Measure::Betweenness,
            None,
        );
        progress.stage("analysing: brokerage");
        let brokers = brokerage::analyse(dataset, BuildOptions::default());
        progress.stage("analysing: redundant channels");
        let channels = channels(dataset, 1.0);
        progress.stage("analysing: structure");
        let structure = structure::analyse(dataset, BuildOptions::default(), SEED);
        let components_with_hierarchy =
            structure::body_component_count(dataset, BuildOptions { hierarchy: true });
        Analyses {
            network,
            bodies,
            brokers,
            channels,
            structure,
            components_with_hierarchy,
        }
    }

    /// The bodies of the two-mode network, most central (betweenness) first, ties by id.
    pub fn central_bodies(&self) -> impl Iterator<Item = &Scores> {
        self.network.central_bodies()
    }

    /// [`Analyses::central_bodies`] with each body's position in the network's graph order.
    pub fn central_bodies_at(&self) -> impl Iterator<Item = (usize, &Scores)> {
        self.network.central_bodies_at()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::centrality::{EXACT_LIMIT, SAMPLED_SOURCES};

    #[test]
    fn graphs_above_the_exact_limit_are_sampled() {
        assert_eq!(plan(EXACT_LIMIT).approx, None);
        assert_eq!(plan(EXACT_LIMIT + 1).approx, Some(SAMPLED_SOURCES));
    }
}
