//! Communities by the Louvain method (Blondel et al. 2008): deterministic for a given seed.

use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::collections::{BTreeMap, HashMap};

/// A partition into communities and its modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community of every node, numbered 0.. by the smallest node they hold.
    pub community: Vec<u32>,
    /// Newman–Girvan modularity of the partition (weighted, resolution 1).
    pub modularity: f64,
}

/// The graph Louvain starts from: its pairs, or (the bodies graph) its cliques, read without
/// their pairs.
#[derive(Clone, Copy)]
enum Input<'a> {
    Pairs(&'a Csr),
    Cliques(&'a CliqueUnion),
}

/// The graph of one Louvain level: the input, or (once merged) communities as nodes.
struct Level<'a> {
    input: Input<'a>,
    merged: Option<Vec<Vec<(u32, f64)>>>,
}

impl<'a> Level<'a> {
    fn node_count(&self) -> usize {
        match (&self.merged, self.input) {
            (Some(adjacency), _) => adjacency.len(),
            (None, Input::Pairs(csr)) => csr.node_count(),
            (None, Input::Cliques(union)) => union.node_count(),
        }
    }

    /// The input's cliques, while this level is the input itself.
    fn cliques(&self) -> Option<&'a CliqueUnion> {
        match (&self.merged, self.input) {
            (None, Input::Cliques(union)) => Some(union),
            _ => None,
        }
    }

    /// The ties of `v` (not read from cliques: their pairs are what they avoid).
    fn links(&self, v: usize, out: &mut Vec<(u32, f64)>) {
        out.clear();
        match (&self.merged, self.input) {
            (Some(adjacency), _) => out.extend_from_slice(&adjacency[v]),
            (None, Input::Pairs(csr)) => out.extend(
                csr.neighbors(v)
                    .iter()
                    .copied()
                    .zip(csr.weights(v).iter().copied()),
            ),
            (None, Input::Cliques(_)) => unreachable!("cliques are read through their tallies"),
        }
    }

    /// The total weight of the ties of `v` (self-loops aside).
    fn strength(&self, v: usize, ties: &mut Vec<(u32, f64)>) -> f64 {
        if let Some(union) = self.cliques() {
            return union.strength(v);
        }
        self.links(v, ties);
        ties.iter().map(|(_, w)| w).sum::<f64>()
    }
}

/// Modularity of `community` on the weighted graph `csr`:
/// Q = Σ_c [ W_c / W − (S_c / 2W)² ], W the total edge weight, W_c the weight inside c, S_c the
/// total strength of c. 0 for a graph without edges.
pub fn modularity(csr: &Csr, community: &[u32]) -> f64 {
    let mut inside: BTreeMap<u32, f64> = BTreeMap::new();
    let mut strength: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    for v in 0..csr.node_count() {
        for (&w, &weight) in csr.neighbors(v).iter().zip(csr.weights(v)) {
            total += weight; // each edge counted from both ends: total = 2W
            *strength.entry(community[v]).or_default() += weight;
            if community[w as usize] == community[v] {
                *inside.entry(community[v]).or_default() += weight; // 2 W_c
            }
        }
    }
    modularity_from(&inside, &strength, total)
}

/// [`modularity`] of the graph `union` is the union of, from its cliques: a clique holding n
/// members of a community adds n(n − 1) to twice that community's inner weight. The weights
/// are whole numbers, so every sum is exact and equals [`modularity`] on the pairs.
/// O(n + Σ k log k).
pub fn modularity_of_union(union: &CliqueUnion, community: &[u32]) -> f64 {
    let mut inside: BTreeMap<u32, f64> = BTreeMap::new();
    let mut strength: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    for (v, &c) in community.iter().enumerate() {
        let s = union.strength(v);
        if s > 0.0 {
            total += s;
            *strength.entry(c).or_default() += s;
        }
    }
    let mut counts: Vec<u32> = Vec::new();
    for clique in 0..union.clique_count() {
        for (c, n) in community_counts(union.members(clique), community, &mut counts) {
            if n > 1 {
                *inside.entry(c).or_default() += f64::from(n) * f64::from(n - 1);
            }
        }
    }
    modularity_from(&inside, &strength, total)
}

/// Q from each community's doubled inner weight and strength and the doubled total weight.
fn modularity_from(inside: &BTreeMap<u32, f64>, strength: &BTreeMap<u32, f64>, total: f64) -> f64 {
    if total == 0.0 {
        return 0.0;
    }
    strength
        .iter()
        .map(|(c, s)| inside.get(c).copied().unwrap_or(0.0) / total - (s / total).powi(2))
        .sum()
}

/// The communities of `members` with how many members each holds, ascending by community
/// (`buffer` is reused).
fn community_counts<'b>(
    members: &[u32],
    community: &[u32],
    buffer: &'b mut Vec<u32>,
) -> impl Iterator<Item = (u32, u32)> + 'b {
    buffer.clear();
    buffer.extend(members.iter().map(|&w| community[w as usize]));
    buffer.sort_unstable();
    buffer
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len() as u32))
}

/// Louvain communities of the weighted graph `csr`.
///
/// Local moving visits nodes in an order shuffled by `seed` (ChaCha8), moving each to the
/// neighbouring community with the largest modularity gain (ties: the smallest community id),
/// until no move helps; communities are then merged into nodes and the process repeats while
/// modularity improves. Same input and seed, same result on every platform.
/// Complexity: about O(m) per pass, a few passes per level, O(log n) levels in practice.
pub fn louvain(csr: &Csr, seed: u64) -> Partition {
    run(Input::Pairs(csr), seed)
}

/// [`louvain`] of the graph `union` is the union of, read through its cliques and never as
/// pairs: O(n + Σ k) memory. A node's tie weight to each community is the sum over its cliques
/// of how many of their members the community holds; a clique of more than [`TALLY_FROM`]
/// members keeps those counts up to date as its members move, so a visit reads the clique's
/// communities rather than its members (a mechanism of 10,000 bodies, merged into a few
/// communities, costs a few reads per visit instead of 10,000). Weights are whole numbers,
/// so every sum is exact and the partition is the one [`louvain`] finds on the pairs.
pub fn louvain_of_union(union: &CliqueUnion, seed: u64) -> Partition {
    run(Input::Cliques(union), seed)
}

/// Cliques of more members than this keep a tally of their communities during local moving;
/// smaller ones are read member by member.
pub const TALLY_FROM: usize = 32;

/// Louvain on `input`, level after level.
fn run(input: Input, seed: u64) -> Partition {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut level = Level {
        input,
        merged: None,
    };
    let n = level.node_count();
    let mut ties: Vec<(u32, f64)> = Vec::new();
    let mut self_loops = vec![0.0; n];
    let mut membership: Vec<u32> = (0..n as u32).collect(); // original node → level node
    let mut total = 0.0; // 2W
    for v in 0..n {
        total += level.strength(v, &mut ties);
    }
    if total == 0.0 {
        return finish(input, membership);
    }
    loop {
        let level_n = level.node_count();
        let strength: Vec<f64> = (0..level_n)
            .map(|v| level.strength(v, &mut ties) + 2.0 * self_loops[v])
            .collect();
        let (community, moved_any) = local_moves(&level, &strength, total, &mut rng, &mut ties);
        if !moved_any {
            break;
        }
        let (renumber, adjacency, next_loops) = aggregate(&level, &community, &self_loops);
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
    finish(input, membership)
}

/// The communities of one large clique's members, with how many each holds: an unordered
/// list and each community's place in it.
#[derive(Debug, Default)]
struct Tally {
    counts: Vec<(u32, u32)>,
    place: HashMap<u32, usize>,
}

impl Tally {
    fn add(&mut self, community: u32) {
        match self.place.get(&community) {
            Some(&i) => self.counts[i].1 += 1,
            None => {
                self.place.insert(community, self.counts.len());
                self.counts.push((community, 1));
            }
        }
    }

    fn remove(&mut self, community: u32) {
        let Some(&i) = self.place.get(&community) else {
            return;
        };
        self.counts[i].1 -= 1;
        if self.counts[i].1 == 0 {
            self.place.remove(&community);
            self.counts.swap_remove(i);
            if let Some(&(moved, _)) = self.counts.get(i) {
                self.place.insert(moved, i);
            }
        }
    }
}

/// How local moving reads a node's tie weight to each community: tie by tie, or clique by
/// clique with a tally of each large clique's communities.
enum Reader<'u> {
    Ties,
    Cliques {
        union: &'u CliqueUnion,
        tallies: Vec<Option<Tally>>,
    },
}

impl<'u> Reader<'u> {
    /// The reader of `level`, every node in a community of its own.
    fn new(level: &Level<'u>) -> Reader<'u> {
        let Some(union) = level.cliques() else {
            return Reader::Ties;
        };
        let tallies = (0..union.clique_count())
            .map(|c| {
                let members = union.members(c);
                (members.len() > TALLY_FROM).then(|| {
                    let mut tally = Tally::default();
                    members.iter().for_each(|&w| tally.add(w));
                    tally
                })
            })
            .collect();
        Reader::Cliques { union, tallies }
    }

    /// Adds the weight of each tie of `v` to its community's entry of `weight`, listing each
    /// entry that was zero in `touched`.
    fn add_links(
        &self,
        level: &Level,
        v: usize,
        community: &[u32],
        ties: &mut Vec<(u32, f64)>,
        weight: &mut [f64],
        touched: &mut Vec<u32>,
    ) {
        let mut add = |c: u32, w: f64| {
            if weight[c as usize] == 0.0 {
                touched.push(c);
            }
            weight[c as usize] += w;
        };
        match self {
            Reader::Ties => {
                level.links(v, ties);
                for &(w, tie) in ties.iter() {
                    add(community[w as usize], tie);
                }
            }
            Reader::Cliques { union, tallies } => {
                for &clique in union.cliques_of(v) {
                    match &tallies[clique as usize] {
                        Some(tally) => {
                            for &(c, n) in &tally.counts {
                                add(c, f64::from(n));
                            }
                            // The tally counts `v` itself.
                            add(community[v], -1.0);
                        }
                        None => union
                            .members(clique as usize)
                            .iter()
                            .filter(|&&w| w as usize != v)
                            .for_each(|&w| add(community[w as usize], 1.0)),
                    }
                }
            }
        }
    }

    /// Records that `v` moved from community `from` to `to`.
    fn moved(&mut self, v: usize, from: u32, to: u32) {
        if let Reader::Cliques { union, tallies } = self {
            for &clique in union.cliques_of(v) {
                if let Some(tally) = &mut tallies[clique as usize] {
                    tally.remove(from);
                    tally.add(to);
                }
            }
        }
    }
}

/// One level's local moves: each node in a seeded random order joins the neighbouring
/// community with the best modularity gain, until no node moves. Returns each node's community
/// and whether any node moved.
fn local_moves(
    level: &Level,
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
    let mut reader = Reader::new(level);
    // Dense per-community link weights with a list of the touched entries: O(degree) per
    // visit instead of a map, which is what makes local moving fast.
    let mut link_weight = vec![0.0f64; level_n];
    let mut touched: Vec<u32> = Vec::new();
    loop {
        let mut moved = false;
        for &v in &order {
            let current = community[v];
            reader.add_links(level, v, &community, ties, &mut link_weight, &mut touched);
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
                reader.moved(v, current, best);
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
    level: &Level,
    community: &[u32],
    self_loops: &[f64],
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
    let mut add = |cv: u32, cw: u32, weight: f64| {
        if cv == cw {
            next_loops[cv as usize] += weight / 2.0; // seen from both ends
        } else {
            *next_adjacency[cv as usize].entry(cw).or_default() += weight;
        }
    };
    // A self-loop as a tie of the community with itself, seen from both ends (× 2 and / 2
    // are exact).
    let own = |v: usize| (renumber[&community[v]], 2.0 * self_loops[v]);
    if let Some(union) = level.cliques() {
        for v in 0..level_n {
            let (cv, weight) = own(v);
            add(cv, cv, weight);
        }
        // A clique holding n and n' members of two communities ties them by n · n' (each
        // way), and n members of one community by n(n − 1) (as seen from both ends).
        let mut buffer = Vec::new();
        for clique in 0..union.clique_count() {
            let counts: Vec<(u32, u32)> =
                community_counts(union.members(clique), community, &mut buffer)
                    .map(|(c, n)| (renumber[&c], n))
                    .collect();
            for &(cv, n) in &counts {
                for &(cw, n_w) in &counts {
                    let pairs = if cv == cw { n * (n - 1) } else { n * n_w };
                    if pairs > 0 {
                        add(cv, cw, f64::from(pairs));
                    }
                }
            }
        }
    } else {
        let mut ties = Vec::new();
        for v in 0..level_n {
            let (cv, weight) = own(v);
            add(cv, cv, weight);
            level.links(v, &mut ties);
            for &(w, weight) in ties.iter() {
                add(cv, renumber[&community[w as usize]], weight);
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
fn finish(input: Input, membership: Vec<u32>) -> Partition {
    let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
    let community: Vec<u32> = membership
        .iter()
        .map(|&c| {
            let next = renumber.len() as u32;
            *renumber.entry(c).or_insert(next)
        })
        .collect();
    let modularity = match input {
        Input::Pairs(csr) => modularity(csr, &community),
        Input::Cliques(union) => modularity_of_union(union, &community),
    };
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

    /// Cliques over 100 nodes: one of 60 members (tallied), one of 40 overlapping it, and
    /// small ones drawn by a seeded generator.
    fn with_large_cliques(seed: u64) -> CliqueUnion {
        use rand::Rng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut cliques: Vec<Vec<u32>> = vec![(0..60).collect(), (45..85).collect()];
        for _ in 0..80 {
            let mut clique: Vec<u32> = (0..rng.random_range(2..6))
                .map(|_| rng.random_range(0..100))
                .collect();
            clique.sort_unstable();
            clique.dedup();
            cliques.push(clique);
        }
        CliqueUnion::new(100, cliques)
    }

    #[test]
    fn large_cliques_read_through_tallies_give_the_partition_of_the_pairs() {
        for seed in 0..6 {
            let union = with_large_cliques(seed);
            assert!(union.members(0).len() > TALLY_FROM);
            let pairs = union.to_csr();
            let by_cliques = louvain_of_union(&union, seed);
            let by_pairs = louvain(&pairs, seed);
            assert_eq!(by_cliques, by_pairs, "seed {seed}");
            assert!(by_cliques.community.iter().any(|&c| c > 0), "seed {seed}");
            assert_eq!(
                modularity_of_union(&union, &by_pairs.community),
                modularity(&pairs, &by_pairs.community)
            );
        }
    }
}
