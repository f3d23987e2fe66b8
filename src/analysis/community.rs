//! Communities by the Louvain method (Blondel et al. 2008): deterministic for a given seed.

use crate::graph::csr::Csr;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::collections::BTreeMap;

/// A partition into communities and its modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community of every node, numbered 0.. by the smallest node they hold.
    pub community: Vec<u32>,
    /// Newman–Girvan modularity of the partition (weighted, resolution 1).
    pub modularity: f64,
}

/// Modularity of `community` on the weighted graph `csr`:
/// Q = Σ_c [ W_c / W − (S_c / 2W)² ], W the total edge weight, W_c the weight inside c, S_c the
/// total strength of c. 0 for a graph without edges.
pub fn modularity(csr: &Csr, community: &[u32]) -> f64 {
    let n = csr.node_count();
    let mut inside: BTreeMap<u32, f64> = BTreeMap::new();
    let mut strength: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    for v in 0..n {
        for (&w, &weight) in csr.neighbors(v).iter().zip(csr.weights(v)) {
            total += weight; // each edge counted from both ends: total = 2W
            *strength.entry(community[v]).or_default() += weight;
            if community[w as usize] == community[v] {
                *inside.entry(community[v]).or_default() += weight; // 2 W_c
            }
        }
    }
    if total == 0.0 {
        return 0.0;
    }
    strength
        .iter()
        .map(|(c, s)| inside.get(c).copied().unwrap_or(0.0) / total - (s / total).powi(2))
        .sum()
}

/// Louvain communities of the weighted graph `csr`.
///
/// Local moving visits nodes in an order shuffled by `seed` (ChaCha8), moving each to the
/// neighbouring community with the largest modularity gain (ties: the smallest community id),
/// until no move helps; communities are then merged into nodes and the process repeats while
/// modularity improves. Same input and seed, same result on every platform.
/// Complexity: about O(m) per pass, a few passes per level, O(log n) levels in practice.
pub fn louvain(csr: &Csr, seed: u64) -> Partition {
    let n = csr.node_count();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    // Current level graph as adjacency maps with self-loop weights.
    let mut adjacency: Vec<Vec<(u32, f64)>> = (0..n)
        .map(|v| {
            csr.neighbors(v)
                .iter()
                .copied()
                .zip(csr.weights(v).iter().copied())
                .collect()
        })
        .collect();
    let mut self_loops = vec![0.0; n];
    let mut membership: Vec<u32> = (0..n as u32).collect(); // original node → level node
    let total: f64 = adjacency.iter().flatten().map(|(_, w)| w).sum::<f64>(); // 2W
    if total == 0.0 {
        return finish(csr, membership);
    }
    loop {
        let level_n = adjacency.len();
        let strength: Vec<f64> = (0..level_n)
            .map(|v| adjacency[v].iter().map(|(_, w)| w).sum::<f64>() + 2.0 * self_loops[v])
            .collect();
        let mut community: Vec<u32> = (0..level_n as u32).collect();
        let mut community_strength = strength.clone();
        let mut order: Vec<usize> = (0..level_n).collect();
        order.shuffle(&mut rng);
        let mut moved_any = false;
        // Dense per-community link weights with a list of the touched entries: O(degree) per
        // visit instead of a map, which is what makes local moving fast.
        let mut link_weight = vec![0.0f64; level_n];
        let mut touched: Vec<u32> = Vec::new();
        loop {
            let mut moved = false;
            for &v in &order {
                let current = community[v];
                for &(w, weight) in &adjacency[v] {
                    let c = community[w as usize];
                    if link_weight[c as usize] == 0.0 {
                        touched.push(c);
                    }
                    link_weight[c as usize] += weight;
                }
                community_strength[current as usize] -= strength[v];
                let gain =
                    |c: u32, link: f64| link - community_strength[c as usize] * strength[v] / total;
                let mut best = current;
                let mut best_gain = gain(current, link_weight[current as usize]);
                // Move only for a strictly better gain; among equal gains, the smallest id.
                for &c in touched.iter().filter(|&&c| c != current) {
                    let g = gain(c, link_weight[c as usize]);
                    let better = g > best_gain + 1e-12;
                    let tie = best != current && (g - best_gain).abs() <= 1e-12 && c < best;
                    if better || tie {
                        best = c;
                        best_gain = g;
                    }
                }
                for &c in &touched {
                    link_weight[c as usize] = 0.0;
                }
                touched.clear();
                community_strength[best as usize] += strength[v];
                if best != current {
                    community[v] = best;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // Renumber communities densely in order of first appearance.
        let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
        for &c in &community {
            let next = renumber.len() as u32;
            renumber.entry(c).or_insert(next);
        }
        let k = renumber.len();
        let mut next_adjacency: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); k];
        let mut next_loops = vec![0.0; k];
        for v in 0..level_n {
            let cv = renumber[&community[v]];
            next_loops[cv as usize] += self_loops[v];
            for &(w, weight) in &adjacency[v] {
                let cw = renumber[&community[w as usize]];
                if cv == cw {
                    next_loops[cv as usize] += weight / 2.0; // seen from both ends
                } else {
                    *next_adjacency[cv as usize].entry(cw).or_default() += weight;
                }
            }
        }
        for m in membership.iter_mut() {
            *m = renumber[&community[*m as usize]];
        }
        adjacency = next_adjacency
            .into_iter()
            .map(|links| links.into_iter().collect())
            .collect();
        self_loops = next_loops;
        if k == level_n {
            break;
        }
    }
    finish(csr, membership)
}

/// Numbers communities by their smallest node and computes the modularity.
fn finish(csr: &Csr, membership: Vec<u32>) -> Partition {
    let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
    let community: Vec<u32> = membership
        .iter()
        .map(|&c| {
            let next = renumber.len() as u32;
            *renumber.entry(c).or_insert(next)
        })
        .collect();
    let modularity = modularity(csr, &community);
    Partition {
        community,
        modularity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_one_edge_split_in_two() {
        let edges: Vec<(u32, u32, f64)> = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
            .iter()
            .map(|&(a, b)| (a, b, 1.0))
            .collect();
        let csr = Csr::from_edges(6, &edges);
        let partition = louvain(&csr, 1);
        assert_eq!(partition.community, vec![0, 0, 0, 1, 1, 1]);
        // Q = 2 × (3/7 − (7/14)²) = 5/14.
        assert!((partition.modularity - 5.0 / 14.0).abs() < 1e-12);
    }

    #[test]
    fn same_seed_same_partition() {
        let edges: Vec<(u32, u32, f64)> = (0..30u32)
            .flat_map(|v| [(v, (v * 7 + 3) % 30, 1.0), (v, (v + 1) % 30, 1.0)])
            .collect();
        let csr = Csr::from_edges(30, &edges);
        assert_eq!(louvain(&csr, 9), louvain(&csr, 9));
    }
}
