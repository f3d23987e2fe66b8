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
mod prefetch;
pub mod shortest_paths;
pub mod spectral;
pub mod sweep;
pub mod two_mode;

use crate::graph::build::body_node;
use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;
use crate::graph::{BuildOptions, CoopGraph, GraphKind, Node, NodeKind};
use crate::model::Dataset;
use cliques::CliqueCover;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::Serialize;
use shortest_paths::{PathSums, Sources, Wanted};
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

/// Above this many nodes in a two-mode network (bodies, mechanisms, forums), the report and
/// `export` estimate betweenness, closeness and harmonic centrality from [`SAMPLED_SOURCES`]
/// seeded sources, each with its error bound in the result's notes: exact betweenness takes
/// minutes at 100,000 nodes. The 10,000-node test dataset stays exact.
pub const EXACT_LIMIT: usize = 20_000;

/// Sources sampled above [`EXACT_LIMIT`] nodes.
pub const SAMPLED_SOURCES: usize = 2_000;

/// The sources to sample when nobody chose, on a network of `nodes` nodes: none (exact) up to
/// [`EXACT_LIMIT`], [`SAMPLED_SOURCES`] above it.
pub fn default_sources(nodes: usize) -> Option<usize> {
    (nodes > EXACT_LIMIT).then_some(SAMPLED_SOURCES)
}

/// Seed of the sampled sources when nobody chose one: the report's, `export`'s and `diff`'s.
pub const DEFAULT_SEED: u64 = 42;

/// The nodes of `dataset`'s two-mode network: bodies, mechanisms and forums; what
/// [`default_sources`] decides from, known before the network is built.
pub fn network_nodes(dataset: &crate::model::Dataset) -> usize {
    dataset.bodies.len() + dataset.mechanisms.len() + dataset.forums.len()
}

/// How betweenness is to be computed, as a user chose it (`--exact`, `--approx K`) or left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sampling {
    /// Nobody chose: [`default_sources`] decides from the network's size.
    #[default]
    Default,
    /// Exactly, however large the network.
    Exact,
    /// From this many seeded random sources.
    Sources(usize),
}

impl Sampling {
    /// The sources to sample on a network of `nodes` nodes (`None`: exact).
    pub fn sources(self, nodes: usize) -> Option<usize> {
        match self {
            Sampling::Default => default_sources(nodes),
            Sampling::Exact => None,
            Sampling::Sources(k) => Some(k),
        }
    }
}

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
    let weighted = graph.kind != GraphKind::Network;
    let csr = Csr::from_graph(&graph.graph, |e| if weighted { e.weight } else { 1.0 });
    let two_mode = graph.kind == GraphKind::Network;
    // A projection is searched through the cliques it is made of, when its edges allow it.
    let cover = (!two_mode && needs_searches(measures))
        .then(|| CliqueCover::of_projection(graph, &csr))
        .flatten();
    let ties = (0..csr.node_count())
        .map(|v| (csr.degree(v), csr.weights(v).iter().fold(0.0, |a, b| a + b)))
        .collect();
    let input = Input {
        kind: graph.kind,
        nodes: graph.graph.node_weights().collect(),
        ties,
        paths: match cover {
            Some(cover) => Paths::Cliques(Box::new(cover)),
            None => Paths::Edges(&csr),
        },
        spectral: &csr,
    };
    run(input, measures, options)
}

/// Computes `measures` on the bodies graph of `dataset` (as [`crate::graph::build_graph`]
/// builds it with `build`) without its pairs: searches run through the mechanisms' and forums'
/// member lists with every clique that lies inside another left out (hop counts need only
/// the ties), eigenvector and PageRank multiply through the cliques, and degrees come from
/// each body's cliques. A mechanism of 10,000 participants costs 10,000 memberships here,
/// where the projection holds 50 million pairs.
///
/// Complexity: O(n + Σ k) memory over cliques of k members (plus the pairs that share two
/// maximal cliques); betweenness, closeness and harmonic O(n · (n + Σ k + those pairs)).
/// Results agree with [`compute`] on the built graph up to rounding in the last bits.
pub fn compute_bodies(
    dataset: &Dataset,
    build: BuildOptions,
    measures: &[Measure],
    options: &Options,
) -> Centrality {
    let union = CliqueUnion::bodies(dataset, build);
    let nodes: Vec<Node> = dataset.bodies.iter().map(body_node).collect();
    let cover = needs_searches(measures).then(|| CliqueCover::of_union(&union));
    let mut scratch = union.scratch();
    let ties = (0..union.node_count())
        .map(|v| (union.tie_summary(v, &mut scratch).0, union.strength(v)))
        .collect();
    let input = Input {
        kind: GraphKind::Bodies,
        nodes: nodes.iter().collect(),
        ties,
        paths: match cover {
            Some(cover) => Paths::Cliques(Box::new(cover)),
            None => Paths::Skipped,
        },
        spectral: &union,
    };
    run(input, measures, options)
}

/// Whether any of `measures` needs the shortest-path searches.
fn needs_searches(measures: &[Measure]) -> bool {
    measures.iter().any(|m| {
        matches!(
            m,
            Measure::Betweenness | Measure::Closeness | Measure::Harmonic
        )
    })
}

/// What a centrality run reads, however the graph is held.
struct Input<'a> {
    kind: GraphKind,
    /// The nodes, in graph order.
    nodes: Vec<&'a Node>,
    /// Per node: the number of neighbours and the strength (Σ of tie weights).
    ties: Vec<(usize, f64)>,
    /// The shortest-path kernel to run.
    paths: Paths<'a>,
    /// The weighted adjacency for eigenvector and PageRank.
    spectral: &'a dyn spectral::Adjacency,
}

/// The shortest-path kernel: edge by edge, through cliques, or none (no measure needs it).
enum Paths<'a> {
    Edges(&'a Csr),
    Cliques(Box<CliqueCover>),
    Skipped,
}

impl Paths<'_> {
    /// The sums of the searches from `sources`.
    fn sums(&self, sources: &Sources, wanted: Wanted) -> PathSums {
        match self {
            Paths::Edges(csr) => shortest_paths::path_sums(csr, sources, wanted),
            Paths::Cliques(cover) => cliques::path_sums(cover, sources, wanted),
            Paths::Skipped => unreachable!("searches run only when a measure needs them"),
        }
    }
}

/// Raw betweenness and distance sums of a run, with its notes.
struct Searched {
    betweenness: Option<Vec<f64>>,
    sums: Option<estimate::Distances>,
    notes: Vec<String>,
}

/// Runs the searches `measures` need (every source, or the sampled pivots).
fn search(input: &Input, measures: &[Measure], options: &Options) -> Searched {
    let n = input.nodes.len();
    let wants = |m: Measure| measures.contains(&m);
    let need_paths = wants(Measure::Closeness) || wants(Measure::Harmonic);
    let approx = options.approx.filter(|&k| k < n);
    let wanted = Wanted {
        betweenness: wants(Measure::Betweenness),
        from_pivots: need_paths && approx.is_some(),
    };
    let mut searched = Searched {
        betweenness: None,
        sums: None,
        notes: Vec::new(),
    };
    if !wanted.betweenness && !need_paths {
        return searched;
    }
    // One pass yields betweenness and the distance sums together (from every source, or from
    // the pivots).
    let Some(k) = approx else {
        let mut exact = input.paths.sums(&Sources::All, wanted);
        searched.betweenness = wanted
            .betweenness
            .then(|| std::mem::take(&mut exact.betweenness));
        searched.sums = Some(estimate::Distances::exact(exact));
        return searched;
    };
    let pivots = sample_pivots(n, k, options.seed);
    let mut sampled = input.paths.sums(&Sources::Pivots(pivots.clone()), wanted);
    if wanted.betweenness {
        let two_mode = input.kind == GraphKind::Network;
        searched.notes.push(approximation_note(n, k, two_mode));
        let raw = std::mem::take(&mut sampled.betweenness);
        searched.betweenness = Some(scale_sampled(raw, &pivots, n));
    }
    if need_paths {
        let tied: Vec<bool> = input.ties.iter().map(|&(degree, _)| degree > 0).collect();
        let estimated = estimate::estimate(sampled, &pivots, &tied, |list| {
            input.paths.sums(&Sources::Pivots(list), Wanted::DISTANCES)
        });
        searched
            .notes
            .push(estimate::note(n, k, estimated.farthest));
        searched.sums = Some(estimated.sums);
    }
    searched
}

/// Runs every step of a centrality computation on `input`.
fn run(mut input: Input, measures: &[Measure], options: &Options) -> Centrality {
    let searched = search(&input, measures, options);
    // The scores are built after the searches, so that their strings do not add to the
    // searches' peak memory.
    input.paths = Paths::Skipped;
    let mut scores: Vec<Scores> = input.nodes.iter().map(|node| blank(node)).collect();
    let in_top: Vec<bool> = input
        .nodes
        .iter()
        .map(|node| node.kind == NodeKind::Body)
        .collect();
    let top = in_top.iter().filter(|t| **t).count();
    let shape = Shape {
        two_mode: input.kind == GraphKind::Network,
        in_top: &in_top,
        sets: Sets {
            top,
            bottom: in_top.len() - top,
        },
    };
    let wants = |m: Measure| measures.contains(&m);
    if wants(Measure::Degree) {
        fill_degrees(&mut scores, &input.ties, &shape);
    }
    if let Some(raw) = searched.betweenness {
        fill_betweenness(&mut scores, &raw, &shape);
    }
    if let Some(sums) = &searched.sums {
        fill_distances(&mut scores, sums, &shape, measures);
    }
    let mut notes = searched.notes;
    if wants(Measure::Eigenvector) {
        let result = spectral::eigenvector(input.spectral);
        notes.extend(convergence_note("eigenvector centrality", &result));
        for (score, value) in scores.iter_mut().zip(result.scores) {
            score.eigenvector = Some(value);
        }
    }
    if wants(Measure::Pagerank) {
        let result = spectral::pagerank(input.spectral, DAMPING);
        notes.extend(convergence_note("PageRank", &result));
        for (score, value) in scores.iter_mut().zip(result.scores) {
            score.pagerank = Some(value);
        }
    }
    let mut measures = measures.to_vec();
    measures.sort();
    measures.dedup();
    Centrality {
        graph: input.kind,
        measures,
        scores,
        notes,
    }
}

/// How scores are normalised: two-mode (by the node's side) or one-mode.
struct Shape<'a> {
    two_mode: bool,
    in_top: &'a [bool],
    sets: Sets,
}

/// The scores of `node` with no measure filled in.
fn blank(node: &Node) -> Scores {
    Scores {
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
    }
}

/// Degree (and, on projections, strength) from each node's neighbour count and strength.
fn fill_degrees(scores: &mut [Scores], ties: &[(usize, f64)], shape: &Shape) {
    let n = scores.len();
    for (v, (score, &(degree, strength))) in scores.iter_mut().zip(ties).enumerate() {
        if shape.two_mode {
            score.degree = Some(two_mode::degree(degree, shape.in_top[v], shape.sets));
        } else {
            score.degree = Some(two_mode::degree_one_mode(degree, n));
            score.strength = Some(strength);
        }
    }
}

/// Normalised betweenness from the raw sums.
fn fill_betweenness(scores: &mut [Scores], raw: &[f64], shape: &Shape) {
    let n = scores.len();
    for (v, score) in scores.iter_mut().enumerate() {
        score.betweenness = Some(if shape.two_mode {
            two_mode::betweenness(raw[v], shape.in_top[v], shape.sets)
        } else {
            two_mode::betweenness_one_mode(raw[v], n)
        });
    }
}

/// Closeness and harmonic centrality (those of `measures`) from the distance sums.
fn fill_distances(
    scores: &mut [Scores],
    sums: &estimate::Distances,
    shape: &Shape,
    measures: &[Measure],
) {
    let n = scores.len();
    for (v, score) in scores.iter_mut().enumerate() {
        if measures.contains(&Measure::Closeness) {
            score.closeness = Some(if shape.two_mode {
                two_mode::closeness(
                    sums.distance_sum[v],
                    sums.reach[v],
                    shape.in_top[v],
                    shape.sets,
                )
            } else {
                two_mode::closeness_one_mode(sums.distance_sum[v], sums.reach[v], n)
            });
        }
        if measures.contains(&Measure::Harmonic) {
            score.harmonic = Some(sums.harmonic[v]);
        }
    }
}

/// The note that `what` did not converge, if it did not.
fn convergence_note(what: &str, result: &spectral::Iterated) -> Option<String> {
    (!result.converged).then(|| {
        format!(
            "{what} did not converge within {} iterations",
            result.iterations
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_is_exact_up_to_the_limit_unless_asked_otherwise() {
        assert_eq!(Sampling::Default.sources(EXACT_LIMIT), None);
        assert_eq!(
            Sampling::Default.sources(EXACT_LIMIT + 1),
            Some(SAMPLED_SOURCES)
        );
        assert_eq!(Sampling::Exact.sources(100_000), None);
        assert_eq!(Sampling::Sources(300).sources(500), Some(300));
        assert_eq!(Sampling::Sources(300).sources(100_000), Some(300));
    }
    use crate::generate::{add_giant_mechanism, chain_hierarchy, generate, Spec};
    use crate::graph::build_graph;

    /// Generated datasets of every shape: plain, with a giant mechanism, with a deep chain.
    fn shapes() -> Vec<Dataset> {
        let spec = Spec {
            bodies: 120,
            mechanisms: 50,
            forums: 4,
            groups: 3,
            mean_participants: 6.0,
            seed: 11,
        };
        let plain = generate(&spec);
        let mut giant = generate(&spec);
        add_giant_mechanism(&mut giant, 90);
        let mut chain = generate(&spec);
        chain_hierarchy(&mut chain, 60);
        vec![plain, giant, chain]
    }

    fn assert_agree(label: &str, a: &Centrality, b: &Centrality) {
        assert_eq!(a.scores.len(), b.scores.len(), "{label}");
        for (x, y) in a.scores.iter().zip(&b.scores) {
            assert_eq!(x.id, y.id, "{label}");
            for m in Measure::ALL {
                let (p, q) = (x.get(m).expect("computed"), y.get(m).expect("computed"));
                assert!(
                    (p - q).abs() <= 1e-9 * p.abs().max(1.0),
                    "{label} {} {}: {p} by pairs, {q} by cliques",
                    x.id,
                    m.as_str()
                );
            }
            assert_eq!(x.strength, y.strength, "{label} {}", x.id);
        }
    }

    #[test]
    fn the_bodies_graph_by_cliques_equals_the_materialised_pairs() {
        for (i, dataset) in shapes().iter().enumerate() {
            for hierarchy in [false, true] {
                let build = BuildOptions { hierarchy };
                let graph = build_graph(dataset, GraphKind::Bodies, build);
                let by_pairs = compute(&graph, &Measure::ALL, &Options::default());
                let by_cliques = compute_bodies(dataset, build, &Measure::ALL, &Options::default());
                assert_agree(
                    &format!("shape {i}, hierarchy {hierarchy}"),
                    &by_pairs,
                    &by_cliques,
                );
                let sampled = Options {
                    approx: Some(30),
                    seed: 7,
                };
                let by_pairs = compute(&graph, &Measure::ALL, &sampled);
                let by_cliques = compute_bodies(dataset, build, &Measure::ALL, &sampled);
                assert_agree(&format!("shape {i} sampled"), &by_pairs, &by_cliques);
            }
        }
    }
}
