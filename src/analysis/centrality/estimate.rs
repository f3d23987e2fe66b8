//! Closeness and harmonic centrality estimated from the searches of k seeded pivots (Eppstein &
//! Wang, "Fast approximation of centrality", SODA 2001 / JGAA 2004).
//!
//! The graph is undirected, so a pivot's search finds d(s, v) = d(v, s) for every node v it
//! reaches. For a node v that is not a pivot the k pivots are a uniform sample, without
//! replacement, of the n − 1 other nodes, so (n − 1)/k times the sums over the pivots of
//! d(s, v), of 1 (reached) and of 1/d(s, v) are unbiased estimates of v's distance sum, of the
//! number of nodes it reaches and of its harmonic centrality. A pivot's own values are exact
//! (its search gives them), and so are those of the nodes no pivot reaches: they lie in pieces
//! of the graph without a pivot, which are searched from every node (such pieces are small,
//! or they would have drawn a pivot).
//!
//! Error (Hoeffding's inequality, which holds for sampling without replacement, with a union
//! bound over the n nodes): with probability 1 − δ every node's estimated share of nodes
//! reached, and its harmonic centrality divided by n − 1, are within ε = √(ln(2n/δ) / 2k) of
//! the exact values, and its distance sum divided by n − 1 within Δ·ε, where Δ bounds the
//! diameter of every piece holding a pivot: twice the largest distance any pivot found.

use super::shortest_paths::{FromPivots, PathSums};

/// Per node: distance sum, nodes reached (the node itself included; fractional when
/// estimated) and harmonic sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Distances {
    /// Σ of distances to the nodes reached.
    pub distance_sum: Vec<f64>,
    /// Number of nodes reached, the node itself included.
    pub reach: Vec<f64>,
    /// Σ of 1/distance to the other nodes reached.
    pub harmonic: Vec<f64>,
}

impl Distances {
    /// The exact sums of a search from every node.
    pub fn exact(sums: PathSums) -> Distances {
        Distances {
            distance_sum: sums.distance_sum,
            reach: sums.reach.into_iter().map(f64::from).collect(),
            harmonic: sums.harmonic,
        }
    }
}

/// Estimated sums and the largest distance the pivots found (for the error bound).
#[derive(Debug, Clone, PartialEq)]
pub struct Estimated {
    /// The sums per node.
    pub sums: Distances,
    /// The largest distance any pivot's search found.
    pub farthest: u32,
}

/// Probability that the stated error bounds fail.
const DELTA: f64 = 0.05;

/// Every node's sums from the pivots' searches `sampled` (run with
/// [`super::shortest_paths::Wanted::from_pivots`]); `tied[v]` says whether node v has a tie;
/// `search_exact(list)` searches from the listed nodes (those no pivot reached) and returns
/// their own sums.
///
/// Complexity: O(n), plus the searches of the pieces no pivot reached.
pub fn estimate(
    sampled: PathSums,
    pivots: &[u32],
    tied: &[bool],
    search_exact: impl FnOnce(Vec<u32>) -> PathSums,
) -> Estimated {
    let unreached = unreached(&sampled, pivots, tied);
    let exact = (!unreached.is_empty()).then(|| search_exact(unreached));
    distances(sampled, pivots, exact.as_ref())
}

/// The nodes, other than the pivots and isolated nodes, that no pivot reached: their values
/// cannot be estimated and are searched exactly.
fn unreached(sampled: &PathSums, pivots: &[u32], tied: &[bool]) -> Vec<u32> {
    let Some(from) = &sampled.from_pivots else {
        return Vec::new();
    };
    let mut is_pivot = vec![false; tied.len()];
    for &p in pivots {
        is_pivot[p as usize] = true;
    }
    (0..tied.len())
        .filter(|&v| !is_pivot[v] && from.reached_by[v] == 0.0 && tied[v])
        .map(|v| v as u32)
        .collect()
}

/// Every node's sums: exact for the pivots (their own searches in `sampled`) and for the nodes
/// searched in `exact` (those [`unreached`] named: only their own sums are filled there),
/// scaled from the pivots' sums for the rest.
fn distances(sampled: PathSums, pivots: &[u32], exact: Option<&PathSums>) -> Estimated {
    let n = sampled.distance_sum.len();
    let from = sampled.from_pivots.clone().unwrap_or_else(|| FromPivots {
        distance_sum: vec![0.0; n],
        reached_by: vec![0.0; n],
        harmonic: vec![0.0; n],
        farthest: 0,
    });
    let scale = (n as f64 - 1.0) / pivots.len().max(1) as f64;
    let mut sums = Distances {
        distance_sum: from.distance_sum.iter().map(|d| d * scale).collect(),
        reach: from.reached_by.iter().map(|r| 1.0 + r * scale).collect(),
        harmonic: from.harmonic.iter().map(|h| h * scale).collect(),
    };
    let mut copy_exact = |v: usize, own: &PathSums| {
        sums.distance_sum[v] = own.distance_sum[v];
        sums.reach[v] = f64::from(own.reach[v]);
        sums.harmonic[v] = own.harmonic[v];
    };
    for &p in pivots {
        copy_exact(p as usize, &sampled);
    }
    if let Some(own) = exact {
        // A searched node has a neighbour, so it reaches more than itself.
        for v in (0..n).filter(|&v| own.reach[v] > 1) {
            copy_exact(v, own);
        }
    }
    Estimated {
        sums,
        farthest: from.farthest,
    }
}

/// The error bounds of [`distances`] from `k` of `n` pivots whose searches found distances up
/// to `farthest`, as a sentence for the result's notes.
pub fn note(n: usize, k: usize, farthest: u32) -> String {
    let epsilon = hoeffding(n, k, 1);
    // The closeness statement covers two estimates per node (share reached, distance sum).
    let epsilon_closeness = hoeffding(n, k, 2);
    let diameter = 2 * farthest;
    format!(
        "closeness and harmonic centrality estimated from {k} of {n} sources (seeded pivots, Eppstein–Wang; exact for the pivots and for pieces no pivot reaches): with probability 0.95 every node's share of nodes reached is within ±{epsilon_closeness:.4} and its total distance to them divided by n − 1 within ±{:.4} (distances are at most {diameter}), and, with probability 0.95, every harmonic centrality divided by n − 1 is within ±{epsilon:.4}",
        epsilon_closeness * f64::from(diameter),
    )
}

/// Hoeffding's ε for `statements` estimates per node of `n`, each a mean of `k` draws in
/// [0, 1], holding together with probability 1 − [`DELTA`].
pub fn hoeffding(n: usize, k: usize, statements: usize) -> f64 {
    let events = 2.0 * (n * statements) as f64;
    ((events / DELTA).ln() / (2.0 * k.max(1) as f64)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::centrality::cliques::{self, CliqueCover};
    use crate::analysis::centrality::shortest_paths::{path_sums, Sources, Wanted};
    use crate::graph::csr::Csr;

    fn tied(csr: &Csr) -> Vec<bool> {
        (0..csr.node_count()).map(|v| csr.degree(v) > 0).collect()
    }

    const FROM_PIVOTS: Wanted = Wanted {
        betweenness: false,
        from_pivots: true,
    };

    /// A ring of 30 with chords, a tail of leaves, a separate triangle with a tail, and an
    /// isolated node: 40 nodes in three pieces.
    fn graph() -> Csr {
        let mut edges: Vec<(u32, u32, f64)> = Vec::new();
        for v in 0..30u32 {
            edges.push((v, (v + 1) % 30, 1.0));
            edges.push((v, (v * 7 + 3) % 30, 1.0));
        }
        for v in 30..35u32 {
            edges.push((v, v - 30, 1.0));
        }
        edges.extend([(35, 36, 1.0), (36, 37, 1.0), (35, 37, 1.0), (37, 38, 1.0)]);
        Csr::from_edges(40, &edges)
    }

    #[test]
    fn every_node_as_pivot_sums_each_node_exactly() {
        let csr = graph();
        let n = csr.node_count();
        let exact = path_sums(&csr, &Sources::All, Wanted::DISTANCES);
        let all = Sources::Pivots((0..n as u32).collect());
        let from = path_sums(&csr, &all, FROM_PIVOTS)
            .from_pivots
            .expect("asked for");
        for v in 0..n {
            // Undirected: the distances from every other node are the distances to them.
            assert_eq!(from.distance_sum[v], exact.distance_sum[v], "node {v}");
            assert_eq!(
                from.reached_by[v],
                f64::from(exact.reach[v] - 1),
                "node {v}"
            );
            assert!(
                (from.harmonic[v] - exact.harmonic[v]).abs() < 1e-12,
                "node {v}"
            );
        }
        assert_eq!(from.farthest, 6); // the diameter (NetworkX)
    }

    #[test]
    fn leaving_one_node_out_of_the_pivots_estimates_it_exactly() {
        let csr = graph();
        let n = csr.node_count();
        let exact = Distances::exact(path_sums(&csr, &Sources::All, Wanted::DISTANCES));
        for left_out in [0usize, 17, 31, 36, 38, 39] {
            let pivots: Vec<u32> = (0..n as u32).filter(|&v| v as usize != left_out).collect();
            let sampled = path_sums(&csr, &Sources::Pivots(pivots.clone()), FROM_PIVOTS);
            let estimated = estimate(sampled, &pivots, &tied(&csr), |_| {
                unreachable!("all reached")
            });
            // With k = n − 1 the scale is 1: the sums over the pivots are the sums.
            let (got, want) = (&estimated.sums, &exact);
            for v in 0..n {
                assert!((got.distance_sum[v] - want.distance_sum[v]).abs() < 1e-9);
                assert!((got.reach[v] - want.reach[v]).abs() < 1e-9);
                assert!((got.harmonic[v] - want.harmonic[v]).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn pieces_without_a_pivot_are_searched_exactly() {
        let csr = graph();
        let exact = Distances::exact(path_sums(&csr, &Sources::All, Wanted::DISTANCES));
        let pivots = vec![2, 11, 30];
        let sampled = path_sums(&csr, &Sources::Pivots(pivots.clone()), FROM_PIVOTS);
        let mut searched = Vec::new();
        let estimated = estimate(sampled, &pivots, &tied(&csr), |list| {
            searched = list.clone();
            path_sums(&csr, &Sources::Pivots(list), Wanted::DISTANCES)
        });
        // The triangle with its tail; not the isolated node, whose sums are known.
        assert_eq!(searched, vec![35, 36, 37, 38]);
        let got = &estimated.sums;
        for v in (35..40).chain(pivots.iter().map(|&p| p as usize)) {
            assert_eq!(got.distance_sum[v], exact.distance_sum[v], "node {v}");
            assert_eq!(got.reach[v], exact.reach[v], "node {v}");
            assert_eq!(got.harmonic[v], exact.harmonic[v], "node {v}");
        }
        // The rest are scaled: node 5 reached by 3 pivots of 3 out of 39 others.
        assert_eq!(got.reach[5], 1.0 + 3.0 * 39.0 / 3.0);
    }

    #[test]
    fn the_clique_kernel_sums_from_pivots_as_the_edge_kernel_does() {
        let members = vec![
            vec![0, 1, 2, 3],
            vec![2, 3, 4],
            vec![4, 5],
            vec![5, 6, 7],
            vec![8, 9],
        ];
        let extra = vec![(2, 3, 1.0)];
        let mut edges = Vec::new();
        for list in &members {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    if !(a == 2 && b == 3 && list.len() == 3) {
                        edges.push((a, b, 1.0));
                    }
                }
            }
        }
        let cover = CliqueCover::new(11, &members, &extra);
        let csr = Csr::from_edges(11, &edges);
        let pivots = Sources::Pivots(vec![1, 5, 9]);
        let by_cliques = cliques::path_sums(&cover, &pivots, FROM_PIVOTS).from_pivots;
        let by_edges = path_sums(&csr, &pivots, FROM_PIVOTS).from_pivots;
        assert_eq!(by_cliques, by_edges);
        assert!(by_edges.is_some_and(|f| f.reached_by[7] == 2.0 && f.distance_sum[7] == 5.0));
    }

    #[test]
    fn the_note_states_the_hoeffding_bounds() {
        let note = note(100_000, 2_000, 9);
        // ε = √(ln(2·100,000/0.05) / 4,000) and, for two statements per node, ln(4·100,000/0.05).
        assert!(note.contains("±0.0616"), "{note}");
        assert!(
            note.contains("±0.0630") && note.contains("±1.1347"),
            "{note}"
        );
        assert!(note.contains("at most 18"), "{note}");
    }
}
