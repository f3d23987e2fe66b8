//! Communities by the Louvain method (Blondel et al. 2008): deterministic for a given seed.

use crate::graph::clique_union::CliqueUnion;
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

/// A weighted undirected graph as Louvain reads it: each node's ties, one at a time.
pub trait Links {
    /// Number of nodes.
    fn node_count(&self) -> usize;
    /// Replaces `out` with the ties of `v`: (neighbour, weight), each neighbour once.
    fn links(&mut self, v: usize, out: &mut Vec<(u32, f64)>);
}

impl Links for &Csr {
    fn node_count(&self) -> usize {
        Csr::node_count(self)
    }

    fn links(&mut self, v: usize, out: &mut Vec<(u32, f64)>) {
        out.clear();
        out.extend(
            self.neighbors(v)
                .iter()
                .copied()
                .zip(self.weights(v).iter().copied()),
        );
    }
}

/// A bodies graph given by its cliques, read without its pairs.
pub struct UnionLinks<'a> {
    union: &'a CliqueUnion,
    scratch: crate::graph::clique_union::Scratch,
}

impl<'a> UnionLinks<'a> {
    /// The ties of `union`.
    pub fn new(union: &'a CliqueUnion) -> UnionLinks<'a> {
        UnionLinks {
            union,
            scratch: union.scratch(),
        }
    }
}

impl Links for UnionLinks<'_> {
    fn node_count(&self) -> usize {
        self.union.node_count()
    }

    fn links(&mut self, v: usize, out: &mut Vec<(u32, f64)>) {
        out.clear();
        out.extend_from_slice(self.union.neighbours(v, &mut self.scratch));
    }
}

/// The graph of one Louvain level: the input, or (once merged) communities as nodes.
struct Level<'a> {
    input: &'a mut dyn Links,
    merged: Option<Vec<Vec<(u32, f64)>>>,
}

impl Level<'_> {
    fn node_count(&self) -> usize {
        match &self.merged {
            None => self.input.node_count(),
            Some(adjacency) => adjacency.len(),
        }
    }

    fn links(&mut self, v: usize, out: &mut Vec<(u32, f64)>) {
        match &self.merged {
            None => self.input.links(v, out),
            Some(adjacency) => {
                out.clear();
                out.extend_from_slice(&adjacency[v]);
            }
        }
    }
}

/// Modularity of `community` on the weighted graph `csr`:
/// Q = Σ_c [ W_c / W − (S_c / 2W)² ], W the total edge weight, W_c the weight inside c, S_c the
/// total strength of c. 0 for a graph without edges.
pub fn modularity(csr: &Csr, community: &[u32]) -> f64 {
    modularity_of(&mut &*csr, community)
}

/// [`modularity`] of any [`Links`].
pub fn modularity_of(graph: &mut dyn Links, community: &[u32]) -> f64 {
    let n = graph.node_count();
    let mut inside: BTreeMap<u32, f64> = BTreeMap::new();
    let mut strength: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    let mut ties = Vec::new();
    for v in 0..n {
        graph.links(v, &mut ties);
        for &(w, weight) in &ties {
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
    louvain_of(&mut &*csr, seed)
}

/// [`louvain`] of any [`Links`]: the input graph is read tie by tie and never copied, so a
/// graph given by its cliques ([`UnionLinks`]) stays O(n + Σ k) in memory (each pass then
/// costs O(Σ k²) time over cliques of k nodes).
pub fn louvain_of(graph: &mut dyn Links, seed: u64) -> Partition {
    let n = graph.node_count();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut level = Level {
        input: graph,
        merged: None,
    };
    let mut ties: Vec<(u32, f64)> = Vec::new();
    let mut self_loops = vec![0.0; n];
    let mut membership: Vec<u32> = (0..n as u32).collect(); // original node → level node
    let mut total = 0.0; // 2W
    for v in 0..n {
        level.links(v, &mut ties);
        total += ties.iter().map(|(_, w)| w).sum::<f64>();
    }
    if total == 0.0 {
        return finish(level.input, membership);
    }
    loop {
        let level_n = level.node_count();
        let strength: Vec<f64> = (0..level_n)
            .map(|v| {
                level.links(v, &mut ties);
                ties.iter().map(|(_, w)| w).sum::<f64>() + 2.0 * self_loops[v]
            })
            .collect();
        let (community, moved_any) = local_moves(&mut level, &strength, total, &mut rng, &mut ties);
        if !moved_any {
            break;
        }
        let (renumber, adjacency, next_loops) =
            aggregate(&mut level, &community, &self_loops, &mut ties);
        let k = renumber.len();
        for m in membership.iter_mut() {
            *m = renumber[&community[*m as usize]];
        }
        level.merged = Some(adjacency);
        self_loops = next_loops;
        if k == level_n {
            break;
        }
    }
    finish(level.input, membership)
}

/// One level's local moves: each node in a seeded random order joins the neighbouring
/// community with the best modularity gain, until no node moves. Returns each node's community
/// and whether any node moved.
fn local_moves(
    level: &mut Level,
    strength: &[f64],
    total: f64,
    rng: &mut rand_chacha::ChaCha8Rng,
    ties: &mut Vec<(u32, f64)>,
) -> (Vec<u32>, bool) {
    let level_n = level.node_count();
    let mut community: Vec<u32> = (0..level_n as u32).collect();
    let mut community_strength = strength.to_vec();
    let mut order: Vec<usize> = (0..level_n).collect();
    order.shuffle(rng);
    let mut moved_any = false;
    // Dense per-community link weights with a list of the touched entries: O(degree) per
    // visit instead of a map, which is what makes local moving fast.
    let mut link_weight = vec![0.0f64; level_n];
    let mut touched: Vec<u32> = Vec::new();
    loop {
        let mut moved = false;
        for &v in &order {
            let current = community[v];
            level.links(v, ties);
            for &(w, weight) in ties.iter() {
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
    (community, moved_any)
}

/// The next level: one node per community (numbered in order of first appearance), the ties
/// between communities summed, those inside kept as self-loops. Returns the numbering, the
/// adjacency and the self-loops.
#[allow(clippy::type_complexity)]
fn aggregate(
    level: &mut Level,
    community: &[u32],
    self_loops: &[f64],
    ties: &mut Vec<(u32, f64)>,
) -> (BTreeMap<u32, u32>, Vec<Vec<(u32, f64)>>, Vec<f64>) {
    let level_n = level.node_count();
    let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
    for &c in community {
        let next = renumber.len() as u32;
        renumber.entry(c).or_insert(next);
    }
    let k = renumber.len();
    let mut next_adjacency: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); k];
    let mut next_loops = vec![0.0; k];
    for v in 0..level_n {
        let cv = renumber[&community[v]];
        next_loops[cv as usize] += self_loops[v];
        level.links(v, ties);
        for &(w, weight) in ties.iter() {
            let cw = renumber[&community[w as usize]];
            if cv == cw {
                next_loops[cv as usize] += weight / 2.0; // seen from both ends
            } else {
                *next_adjacency[cv as usize].entry(cw).or_default() += weight;
            }
        }
    }
    let adjacency = next_adjacency
        .into_iter()
        .map(|links| links.into_iter().collect())
        .collect();
    (renumber, adjacency, next_loops)
}

/// Numbers communities by their smallest node and computes the modularity.
fn finish(graph: &mut dyn Links, membership: Vec<u32>) -> Partition {
    let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
    let community: Vec<u32> = membership
        .iter()
        .map(|&c| {
            let next = renumber.len() as u32;
            *renumber.entry(c).or_insert(next)
        })
        .collect();
    let modularity = modularity_of(graph, &community);
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
