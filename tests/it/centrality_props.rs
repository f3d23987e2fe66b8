//! Properties of the centrality kernels: invariance under relabelling, the same result on one
//! thread as on many, the clique kernel agreeing with the edge kernel on projections, and
//! `--approx` finding the exact top 20 on a 10k-node graph and keeping closeness and harmonic
//! within their stated bounds.

use coopgraph::analysis::centrality::cliques::{self, CliqueCover};
use coopgraph::analysis::centrality::estimate::{estimate, hoeffding, Distances};
use coopgraph::analysis::centrality::shortest_paths::{self, Sources, Wanted};
use coopgraph::analysis::centrality::{compute, sample_pivots, Measure, Options};
use coopgraph::generate::{generate, Spec};
use coopgraph::graph::csr::Csr;
use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
use coopgraph::model::Dataset;
use proptest::prelude::*;
use std::collections::HashMap;

fn scores_by_id(dataset: &Dataset, kind: GraphKind) -> HashMap<String, Vec<f64>> {
    let graph = build_graph(dataset, kind, BuildOptions::default());
    compute(&graph, &Measure::ALL, &Options::default())
        .scores
        .into_iter()
        .map(|s| {
            let values = Measure::ALL.iter().filter_map(|m| s.get(*m)).collect();
            (s.id, values)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn relabelling_nodes_changes_no_score(seed in 0u64..1000, rotate in 1usize..40) {
        let dataset = generate(&Spec {
            bodies: 60, mechanisms: 25, groups: 3, forums: 3, mean_participants: 4.0, seed,
        });
        let mut permuted = dataset.clone();
        let bodies = permuted.bodies.len();
        permuted.bodies.rotate_left(rotate % bodies);
        permuted.bodies.reverse();
        permuted.mechanisms.reverse();
        for kind in [GraphKind::Network, GraphKind::Bodies, GraphKind::Mechanisms] {
            let before = scores_by_id(&dataset, kind);
            let after = scores_by_id(&permuted, kind);
            for (id, values) in &before {
                for (a, b) in values.iter().zip(&after[id]) {
                    prop_assert!((a - b).abs() < 1e-9, "{:?} {}: {} vs {}", kind, id, a, b);
                }
            }
        }
    }

    #[test]
    fn one_thread_gives_the_same_result_as_many(seed in 0u64..1000) {
        let dataset = generate(&Spec {
            bodies: 120, mechanisms: 50, groups: 2, forums: 2, mean_participants: 5.0, seed,
        });
        for kind in [GraphKind::Network, GraphKind::Bodies, GraphKind::Mechanisms] {
            let graph = build_graph(&dataset, kind, BuildOptions::default());
            let parallel = compute(&graph, &Measure::ALL, &Options::default());
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
            let sequential = pool.install(|| compute(&graph, &Measure::ALL, &Options::default()));
            // Bit for bit: chunks are fixed and added in order, whatever the thread count.
            prop_assert_eq!(parallel, sequential);
        }
    }

    #[test]
    fn the_clique_kernel_agrees_with_the_edge_kernel(seed in 0u64..1000, hierarchy: bool) {
        let dataset = generate(&Spec {
            bodies: 80, mechanisms: 40, groups: 2, forums: 4, mean_participants: 4.0, seed,
        });
        for kind in [GraphKind::Bodies, GraphKind::Mechanisms] {
            let graph = build_graph(&dataset, kind, BuildOptions { hierarchy });
            let csr = Csr::from_graph(&graph.graph, |e| e.weight);
            let cover = CliqueCover::of_projection(&graph, &csr);
            prop_assert!(cover.is_some(), "{:?}: a projection is a union of cliques", kind);
            let by_cliques = cliques::path_sums(&cover.expect("cover"), &Sources::All, Wanted::BETWEENNESS);
            let by_edges = shortest_paths::path_sums(&csr, &Sources::All, Wanted::BETWEENNESS);
            prop_assert_eq!(&by_cliques.reach, &by_edges.reach);
            prop_assert_eq!(&by_cliques.distance_sum, &by_edges.distance_sum);
            for (a, b) in by_cliques.betweenness.iter().zip(&by_edges.betweenness) {
                prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{:?}: {} vs {}", kind, a, b);
            }
            for (a, b) in by_cliques.harmonic.iter().zip(&by_edges.harmonic) {
                prop_assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0));
            }
        }
    }
}

#[test]
fn a_filtered_projection_falls_back_to_the_edge_kernel() {
    let dataset = generate(&Spec {
        bodies: 60,
        mechanisms: 20,
        groups: 2,
        forums: 2,
        mean_participants: 5.0,
        seed: 3,
    });
    let mut graph = build_graph(&dataset, GraphKind::Bodies, BuildOptions::default());
    // Dropping one edge of a clique of three or more leaves an incomplete clique.
    let edge = graph
        .graph
        .edge_indices()
        .find(|&e| {
            let shared = &graph.graph[e].shared;
            let (a, b) = graph.graph.edge_endpoints(e).expect("edge");
            shared.len() == 1
                && graph
                    .graph
                    .edge_indices()
                    .filter(|&f| graph.graph[f].shared == *shared)
                    .count()
                    >= 3
                && a != b
        })
        .expect("a clique of three");
    graph.graph.remove_edge(edge);
    let csr = Csr::from_graph(&graph.graph, |e| e.weight);
    assert!(CliqueCover::of_projection(&graph, &csr).is_none());
    // compute() then runs the edge kernel and stays exact.
    let scores = compute(&graph, &[Measure::Betweenness], &Options::default());
    let raw = shortest_paths::path_sums(&csr, &Sources::All, Wanted::BETWEENNESS).betweenness;
    let n = graph.node_count() as f64;
    for (score, raw) in scores.scores.iter().zip(raw) {
        let expected = raw / ((n - 1.0) * (n - 2.0));
        assert!((score.betweenness.unwrap_or(f64::NAN) - expected).abs() < 1e-12);
    }
}

#[test]
fn approximate_betweenness_finds_the_exact_top_on_10k_nodes() {
    let dataset = generate(&Spec {
        bodies: 7000,
        mechanisms: 2990,
        groups: 3,
        forums: 10,
        mean_participants: 14.0,
        seed: 1,
    });
    let graph = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
    let ranked = |options: &Options| -> Vec<(String, f64)> {
        let mut scores = compute(&graph, &[Measure::Betweenness], options).scores;
        scores.sort_by(|a, b| {
            b.betweenness
                .unwrap_or(0.0)
                .total_cmp(&a.betweenness.unwrap_or(0.0))
                .then_with(|| a.id.cmp(&b.id))
        });
        scores
            .into_iter()
            .map(|s| (s.id, s.betweenness.unwrap_or(0.0)))
            .collect()
    };
    let exact = ranked(&Options::default());
    let approx = ranked(&Options {
        approx: Some(2000),
        seed: 7,
    });
    let ids = |list: &[(String, f64)], n: usize| -> std::collections::BTreeSet<String> {
        list.iter().take(n).map(|(id, _)| id.clone()).collect()
    };
    // The same top 20 (the order inside may differ: ranks 10 and 11 are within 2e-7).
    assert_eq!(ids(&approx, 20), ids(&exact, 20));
    // Every estimate of the top 20 is within 25 % of the exact value.
    let exact_of: HashMap<&str, f64> = exact.iter().map(|(id, v)| (id.as_str(), *v)).collect();
    for (id, value) in approx.iter().take(20) {
        let truth = exact_of[id.as_str()];
        assert!(
            (value - truth).abs() <= 0.25 * truth,
            "{id}: {value} vs {truth}"
        );
    }
}

/// Every node's estimated closeness inputs and harmonic centrality, from `k` pivots of several
/// seeds, on the two-mode network (edge kernel) and the bodies graph (clique kernel) of a
/// 2,000-node dataset: the Hoeffding bounds stated in the notes hold for every node.
#[test]
fn sampled_closeness_and_harmonic_respect_their_error_bounds() {
    let dataset = generate(&Spec {
        bodies: 1400,
        mechanisms: 580,
        groups: 3,
        forums: 20,
        mean_participants: 3.0,
        seed: 3,
    });
    let k = 150;
    for kind in [GraphKind::Network, GraphKind::Bodies] {
        let graph = build_graph(&dataset, kind, BuildOptions::default());
        let csr = Csr::from_graph(&graph.graph, |e| e.weight);
        let cover = (kind == GraphKind::Bodies)
            .then(|| CliqueCover::of_projection(&graph, &csr).expect("whole cliques"));
        let search = |sources: &Sources, wanted: Wanted| match &cover {
            Some(cover) => cliques::path_sums(cover, sources, wanted),
            None => shortest_paths::path_sums(&csr, sources, wanted),
        };
        let n = csr.node_count();
        let exact = Distances::exact(search(&Sources::All, Wanted::DISTANCES));
        let from_pivots = Wanted {
            betweenness: false,
            from_pivots: true,
        };
        let (share_bound, harmonic_bound) = (hoeffding(n, k, 2), hoeffding(n, k, 1));
        let mut mean_share_error = 0.0;
        for seed in 0..4 {
            let pivots = sample_pivots(n, k, seed);
            let sampled = search(&Sources::Pivots(pivots.clone()), from_pivots);
            let tied: Vec<bool> = (0..n).map(|v| csr.degree(v) > 0).collect();
            let estimated = estimate(sampled, &pivots, &tied, |list| {
                search(&Sources::Pivots(list), Wanted::DISTANCES)
            });
            let distance_bound = 2.0 * f64::from(estimated.farthest) * share_bound;
            let (got, want) = (&estimated.sums, &exact);
            let others = (n - 1) as f64;
            for v in 0..n {
                let share = (got.reach[v] - want.reach[v]) / others;
                let distance = (got.distance_sum[v] - want.distance_sum[v]) / others;
                let harmonic = (got.harmonic[v] - want.harmonic[v]) / others;
                assert!(share.abs() <= share_bound, "{kind:?} {v}: share {share}");
                assert!(distance.abs() <= distance_bound, "{kind:?} {v}: {distance}");
                assert!(harmonic.abs() <= harmonic_bound, "{kind:?} {v}: {harmonic}");
                mean_share_error += share.abs() / (4 * n) as f64;
            }
            for &p in &pivots {
                assert_eq!(got.distance_sum[p as usize], want.distance_sum[p as usize]);
            }
        }
        // The union bound is loose: the typical error is far inside it.
        assert!(
            mean_share_error < share_bound / 4.0,
            "{kind:?}: {mean_share_error} vs {share_bound}"
        );
    }
}

/// Above the sample size, compute() estimates closeness and harmonic with betweenness and
/// states both bounds; every node gets a value.
#[test]
fn sampled_centrality_notes_its_bounds() {
    let dataset = generate(&Spec {
        bodies: 300,
        mechanisms: 120,
        groups: 2,
        forums: 4,
        mean_participants: 3.0,
        seed: 9,
    });
    let graph = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
    let result = compute(
        &graph,
        &Measure::ALL,
        &Options {
            approx: Some(50),
            seed: 1,
        },
    );
    assert_eq!(result.notes.len(), 2, "{:?}", result.notes);
    assert!(result.notes[0].starts_with("betweenness estimated from 50 of"));
    assert!(result.notes[1].starts_with("closeness and harmonic centrality estimated from 50 of"));
    assert!(result
        .scores
        .iter()
        .all(|s| s.closeness.is_some_and(f64::is_finite) && s.harmonic.is_some()));
}
