//! Betweenness estimated from sampled sources with an error a reader can use.
//!
//! The uniform bound of pivot sampling (Hoeffding over every node, see
//! [`uniform_error_bound`]) must allow for a node through which every path runs; on 100,000
//! nodes and 2,000 sources it is ±0.06, fifty times the largest score, so it says nothing
//! about the ranking the briefing shows. Here the sources are drawn as independent batches and
//! the spread of the batch estimates gives every node's own confidence interval.

use crate::analysis::centrality::{compute, uniform_error_bound, Measure, Options};
use crate::graph::CoopGraph;
use rayon::prelude::*;

/// Independent batches the sampled sources are drawn in.
pub const BATCHES: usize = 20;

/// Student's t for a two-sided 95% interval with `BATCHES` − 1 = 19 degrees of freedom.
const T_95_19: f64 = 2.093;

/// Betweenness of every node of `graph` (graph order, normalised as [`compute`] does) from
/// `sources` sampled sources in [`BATCHES`] seeded batches, with each node's 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The mean of the batch estimates (itself an unbiased estimate).
    pub mean: Vec<f64>,
    /// Half the width of each node's 95% confidence interval (Student t over the batches).
    pub half_width: Vec<f64>,
    /// Sources searched in all.
    pub sources: usize,
    /// The uniform Hoeffding bound of `sources` pivots (normalised one-mode score), for context.
    pub uniform_bound: f64,
}

/// Estimates betweenness on `graph` from about `sources` seeded sources in [`BATCHES`] batches.
///
/// Each batch draws its own pivots without replacement (seed `seed + 1 + batch`), so the batch
/// estimates are independent and unbiased; their mean is the estimate and their spread, by the
/// t distribution, the interval. Complexity: the searches of `sources` pivots (as one sampled run)
/// plus one CSR build per batch; the batches run in parallel.
pub fn betweenness(graph: &CoopGraph, sources: usize, seed: u64) -> Estimate {
    let n = graph.node_count();
    let per_batch = (sources / BATCHES).max(2);
    let runs: Vec<Vec<f64>> = (0..BATCHES)
        .into_par_iter()
        .map(|batch| {
            let options = Options {
                approx: Some(per_batch),
                seed: seed.wrapping_add(1 + batch as u64),
            };
            compute(graph, &[Measure::Betweenness], &options)
                .scores
                .iter()
                .map(|s| s.betweenness.unwrap_or(0.0))
                .collect()
        })
        .collect();
    let b = runs.len() as f64;
    let mut mean = vec![0.0; n];
    let mut half_width = vec![0.0; n];
    for v in 0..n {
        let m = runs.iter().map(|run| run[v]).sum::<f64>() / b;
        let variance = runs.iter().map(|run| (run[v] - m).powi(2)).sum::<f64>() / (b - 1.0);
        mean[v] = m;
        half_width[v] = T_95_19 * (variance / b).sqrt();
    }
    Estimate {
        mean,
        half_width,
        sources: per_batch * BATCHES,
        uniform_bound: uniform_error_bound(n, per_batch * BATCHES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, Spec};
    use crate::graph::{build_graph, BuildOptions, GraphKind};

    #[test]
    fn the_intervals_hold_the_exact_scores_of_the_central_nodes() {
        let dataset = generate(&Spec {
            bodies: 700,
            mechanisms: 300,
            groups: 3,
            forums: 5,
            mean_participants: 3.0,
            seed: 3,
        });
        let graph = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
        let exact: Vec<f64> = compute(&graph, &[Measure::Betweenness], &Options::default())
            .scores
            .iter()
            .map(|s| s.betweenness.unwrap_or(0.0))
            .collect();
        let estimate = betweenness(&graph, 400, 42);
        assert_eq!(estimate.sources, 400);
        assert_eq!(estimate, betweenness(&graph, 400, 42), "seeded");
        // The 30 most central nodes: a 95% interval may miss now and then, not often.
        let mut order: Vec<usize> = (0..exact.len()).collect();
        order.sort_by(|&a, &b| exact[b].total_cmp(&exact[a]));
        let top = &order[..30];
        let missed = top
            .iter()
            .filter(|&&v| (estimate.mean[v] - exact[v]).abs() > estimate.half_width[v])
            .count();
        assert!(missed <= 5, "{missed} of 30 intervals miss the exact score");
        // The intervals are far narrower than the uniform bound, and not degenerate.
        for &v in top {
            assert!(estimate.half_width[v] > 0.0);
            assert!(estimate.half_width[v] < estimate.uniform_bound / 4.0);
        }
    }
}
