//! Centrality: degree (and strength), betweenness, closeness, harmonic, eigenvector, PageRank.
//!
//! Conventions, chosen to agree with NetworkX so results can be checked independently:
//! - On the two-mode `network`: degree, betweenness and closeness use the two-mode
//!   normalisation of Borgatti & Everett (1997) ([`two_mode`]); harmonic is the plain sum of
//!   1/distance; eigenvector and PageRank treat it as one graph with unit weights.
//! - On projections: betweenness, closeness and harmonic count hops (unweighted); betweenness is
//!   normalised by (n−1)(n−2), closeness is Wasserman–Faust corrected for disconnected graphs,
//!   harmonic is not normalised; eigenvector and PageRank (α = 0.85) use the number of shared
//!   items as edge weight; strength is the weighted degree.

pub mod batch;
pub mod cliques;
pub mod estimate;
pub mod shortest_paths;
pub mod spectral;
pub mod sweep;
pub mod two_mode;

use crate::graph::csr::Csr;
use crate::graph::{CoopGraph, GraphKind, NodeKind};
use cliques::CliqueCover;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::Serialize;
use shortest_paths::{Sources, Wanted};
use two_mode::Sets;

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Share of possible ties a node has (and, on projections, strength: the weighted degree).
    Degree,
    /// Share of shortest paths between other nodes that pass through the node.
    Betweenness,
    /// Inverse mean distance to the nodes reached, scaled by the share reached.
    Closeness,
    /// Sum of inverse distances to all other nodes.
    Harmonic,
    /// Principal eigenvector of A + I: ties to well-tied nodes count more.
    Eigenvector,
    /// PageRank with damping 0.85.
    Pagerank,
}

impl Measure {
    /// Every measure, in display order.
    pub const ALL: [Measure; 6] = [
        Measure::Degree,
        Measure::Betweenness,
        Measure::Closeness,
        Measure::Harmonic,
        Measure::Eigenvector,
        Measure::Pagerank,
    ];

    /// The measure's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Betweenness => "betweenness",
            Measure::Closeness => "closeness",
            Measure::Harmonic => "harmonic",
            Measure::Eigenvector => "eigenvector",
            Measure::Pagerank => "pagerank",
        }
    }
}

/// PageRank damping factor.
pub const DAMPING: f64 = 0.85;

/// Options of a centrality run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Estimate betweenness, closeness and harmonic centrality from this many seeded random
    /// pivots instead of every source.
    pub approx: Option<usize>,
    /// Seed of the pivot sample.
    pub seed: u64,
}

/// Centrality scores of one node; measures not computed are `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Node id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Body, mechanism or forum.
    pub kind: NodeKind,
    /// The body's group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Degree centrality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub degree: Option<f64>,
    /// Weighted degree (projections only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<f64>,
    /// Betweenness centrality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betweenness: Option<f64>,
    /// Closeness centrality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closeness: Option<f64>,
    /// Harmonic centrality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harmonic: Option<f64>,
    /// Eigenvector centrality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eigenvector: Option<f64>,
    /// PageRank.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagerank: Option<f64>,
}

impl Scores {
    /// The value of `measure`, if computed.
    pub fn get(&self, measure: Measure) -> Option<f64> {
        match measure {
            Measure::Degree => self.degree,
            Measure::Betweenness => self.betweenness,
            Measure::Closeness => self.closeness,
            Measure::Harmonic => self.harmonic,
            Measure::Eigenvector => self.eigenvector,
            Measure::Pagerank => self.pagerank,
        }
    }
}

/// The result of a centrality run: scores per node in graph order, and notes on convergence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centrality {
    /// The graph the scores are for.
    pub graph: GraphKind,
    /// The measures computed.
    pub measures: Vec<Measure>,
    /// One entry per node, in graph order.
    pub scores: Vec<Scores>,
    /// Remarks the reader should know (non-convergence, approximation error bound).
    pub notes: Vec<String>,
}

/// Computes `measures` on `graph`.
///
/// Arguments: the graph (two-mode network or a projection), the measures, and options (pivot
/// sampling for betweenness). Returns scores per node in graph order.
/// Complexity: degree O(n); betweenness, closeness, harmonic share one O(n·m) pass (parallel);
/// eigenvector and PageRank O(m) per iteration.
pub fn compute(graph: &CoopGraph, measures: &[Measure], options: &Options) -> Centrality {
    let n = graph.node_count();
    let weighted = graph.kind != GraphKind::Network;
    let csr = Csr::from_graph(&graph.graph, |e| if weighted { e.weight } else { 1.0 });
    let in_top: Vec<bool> = graph
        .graph
        .node_weights()
        .map(|node| node.kind == NodeKind::Body)
        .collect();
    let top = in_top.iter().filter(|t| **t).count();
    let sets = Sets {
        top,
        bottom: n - top,
    };
    let two_mode = graph.kind == GraphKind::Network;
    let wants = |m: Measure| measures.contains(&m);
    let mut notes = Vec::new();

    let need_paths = wants(Measure::Closeness) || wants(Measure::Harmonic);
    let approx = options.approx.filter(|&k| k < n);
    // A projection is searched through the cliques it is made of, when its edges allow it.
    let cover = (!two_mode && (need_paths || wants(Measure::Betweenness)))
        .then(|| CliqueCover::of_projection(graph, &csr))
        .flatten();
    let path_sums = |sources: &Sources, wanted: Wanted| match &cover {
        Some(cover) => cliques::path_sums(cover, sources, wanted),
        None => shortest_paths::path_sums(&csr, sources, wanted),
    };
    // One pass yields betweenness and the distance sums together (from every source, or from the
    // pivots). The scores are built after the searches, so that their strings do not add to the
    // searches' peak memory.
    let wanted = Wanted {
        betweenness: wants(Measure::Betweenness),
        from_pivots: need_paths && approx.is_some(),
    };
    let mut sums = None;
    let mut betweenness = None;
    if wanted.betweenness || need_paths {
        match approx {
            None => {
                let mut exact = path_sums(&Sources::All, wanted);
                betweenness = wanted
                    .betweenness
                    .then(|| std::mem::take(&mut exact.betweenness));
                sums = Some(estimate::Distances::exact(exact));
            }
            Some(k) => {
                let pivots = sample_pivots(n, k, options.seed);
                let mut sampled = path_sums(&Sources::Pivots(pivots.clone()), wanted);
                if wanted.betweenness {
                    notes.push(approximation_note(n, k, two_mode));
                    let raw = std::mem::take(&mut sampled.betweenness);
                    betweenness = Some(scale_sampled(raw, &pivots, n));
                }
                if need_paths {
                    let estimated = estimate::estimate(sampled, &pivots, &csr, |list| {
                        path_sums(&Sources::Pivots(list), Wanted::DISTANCES)
                    });
                    notes.push(estimate::note(n, k, estimated.farthest));
                    sums = Some(estimated.sums);
                }
            }
        }
    }
    drop(cover);
    let mut scores: Vec<Scores> = graph
        .graph
        .node_weights()
        .map(|node| Scores {
            id: node.id.clone(),
            name: node.label.clone(),
            kind: node.kind,
            group: node.group.clone(),
            degree: None,
            strength: None,
            betweenness: None,
            closeness: None,
            harmonic: None,
            eigenvector: None,
            pagerank: None,
        })
        .collect();

    if wants(Measure::Degree) {
        for (v, score) in scores.iter_mut().enumerate() {
            let degree = csr.degree(v);
            if two_mode {
                score.degree = Some(two_mode::degree(degree, in_top[v], sets));
            } else {
                score.degree = Some(two_mode::degree_one_mode(degree, n));
                score.strength = Some(csr.weights(v).iter().fold(0.0, |a, b| a + b));
            }
        }
    }

    if let Some(raw) = betweenness {
        for (v, score) in scores.iter_mut().enumerate() {
            score.betweenness = Some(if two_mode {
                two_mode::betweenness(raw[v], in_top[v], sets)
            } else {
                two_mode::betweenness_one_mode(raw[v], n)
            });
        }
    }
    if let Some(sums) = sums.filter(|_| need_paths) {
        for (v, score) in scores.iter_mut().enumerate() {
            if wants(Measure::Closeness) {
                score.closeness = Some(if two_mode {
                    two_mode::closeness(sums.distance_sum[v], sums.reach[v], in_top[v], sets)
                } else {
                    two_mode::closeness_one_mode(sums.distance_sum[v], sums.reach[v], n)
                });
            }
            if wants(Measure::Harmonic) {
                score.harmonic = Some(sums.harmonic[v]);
            }
        }
    }
    if wants(Measure::Eigenvector) {
        let result = spectral::eigenvector(&csr);
        if !result.converged {
            notes.push(format!(
                "eigenvector centrality did not converge within {} iterations",
                result.iterations
            ));
        }
        for (score, value) in scores.iter_mut().zip(result.scores) {
            score.eigenvector = Some(value);
        }
    }
    if wants(Measure::Pagerank) {
        let result = spectral::pagerank(&csr, DAMPING);
        if !result.converged {
            notes.push(format!(
                "PageRank did not converge within {} iterations",
                result.iterations
            ));
        }
        for (score, value) in scores.iter_mut().zip(result.scores) {
            score.pagerank = Some(value);
        }
    }
    let mut measures = measures.to_vec();
    measures.sort();
    measures.dedup();
    Centrality {
        graph: graph.kind,
        measures,
        scores,
        notes,
    }
}

/// `k` distinct pivots of `n` nodes, ascending, drawn with a seeded generator (ChaCha8, stable
/// across platforms).
pub fn sample_pivots(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut all: Vec<u32> = (0..n as u32).collect();
    all.shuffle(&mut rng);
    all.truncate(k);
    all.sort_unstable();
    all
}

/// Scales pivot sums to estimates of the full ordered-pair sums: a pivot cannot count paths
/// from itself, so its own value is extrapolated from k − 1 sources (NetworkX's convention).
fn scale_sampled(raw: Vec<f64>, pivots: &[u32], n: usize) -> Vec<f64> {
    let k = pivots.len() as f64;
    let mut is_pivot = vec![false; n];
    for &p in pivots {
        is_pivot[p as usize] = true;
    }
    raw.into_iter()
        .enumerate()
        .map(|(v, value)| {
            let sources = if is_pivot[v] { k - 1.0 } else { k };
            if sources > 0.0 {
                value * (n as f64 - 1.0) / sources
            } else {
                0.0
            }
        })
        .collect()
}

/// The error ε of betweenness estimated from `k` of `n` pivots that holds for every node at
/// once with probability 0.95, for the normalised one-mode score: each pivot's normalised
/// contribution lies in [0, n/(n−1)]; Hoeffding's inequality with a union bound over n nodes.
pub fn uniform_error_bound(n: usize, k: usize) -> f64 {
    let range = n as f64 / (n as f64 - 1.0).max(1.0);
    range * estimate::hoeffding(n, k, 1)
}

/// The error bound of pivot sampling, stated for the normalised one-mode score.
fn approximation_note(n: usize, k: usize, two_mode: bool) -> String {
    let epsilon = uniform_error_bound(n, k);
    format!(
        "betweenness estimated from {k} of {n} sources (seeded pivots): with probability 0.95 every normalised one-mode score is within ±{epsilon:.4} of the exact value{}",
        if two_mode {
            " (two-mode scores scale this by the ratio of the normalisations)"
        } else {
            ""
        }
    )
}
