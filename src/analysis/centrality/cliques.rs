//! The shortest-path kernel on a projection, read through the cliques it is made of.
//!
//! A projection (the bodies or the mechanisms graph) is a union of cliques: one per shared item,
//! holding every node that has the item. It has far more edges than the memberships it comes
//! from (741,000 edges from 42,000 memberships at 10,000 nodes), and a breadth-first search
//! through the cliques touches each membership a few times instead of each edge.
//!
//! Distances: a clique is opened once per search, from its first member reached; its members
//! not reached yet lie one step further. Shortest-path counts: σ(w) = Σ σ(v) over neighbours v
//! one step closer. Every such v shares a clique with w, and every clique holding both is opened
//! at v's level, so summing S_c = Σ σ(v) over the level's members of each clique c that holds w
//! counts each v once per clique the two share; the pairs that share k > 1 cliques (listed once,
//! with k − 1) are taken off again. Dependencies (Brandes) flow back the same way:
//! δ(v) = σ(v) · Σ (1 + δ(w)) / σ(w) over neighbours w one step further.
//!
//! Results equal the edge-by-edge kernel's ([`super::paths`]) up to rounding: path counts are
//! integers and exact; dependencies differ in the last bits. Complexity per source:
//! O(n + Σ clique sizes + pairs sharing more than one clique) instead of O(n + m).

use super::shortest_paths::{PathSums, Sources, Wanted};
use super::sweep::{credit_targets, sweep, SourceResult};
use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;
use crate::graph::CoopGraph;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// A projection as the union of its cliques.
#[derive(Debug, Clone, PartialEq)]
pub struct CliqueCover {
    /// The members of each clique, ascending.
    members: Csr,
    /// The cliques of each node.
    cliques: Csr,
    /// For each node, the neighbours it shares k > 1 cliques with; weight k − 1.
    extra: Csr,
}

impl CliqueCover {
    /// The cliques of a projection: one per shared item (from the edges' `shared` lists) and
    /// one per edge that shares nothing (a parent link). `None` when the edges do not make up
    /// whole cliques — a filtered graph, parallel edges — and the edge-by-edge kernel must run.
    ///
    /// `csr` is the graph's adjacency (to check for parallel edges). Complexity: O(Σ shared).
    pub fn of_projection(graph: &CoopGraph, csr: &Csr) -> Option<CliqueCover> {
        let n = graph.node_count();
        if (0..n).any(|v| csr.neighbors(v).windows(2).any(|w| w[0] == w[1])) {
            return None;
        }
        let mut clique_of: HashMap<&str, u32> = HashMap::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut edges_in: Vec<u64> = Vec::new();
        let mut extra: Vec<(u32, u32, f64)> = Vec::new();
        for edge in graph.graph.edge_references() {
            let (a, b) = (edge.source().index() as u32, edge.target().index() as u32);
            if a == b {
                return None;
            }
            let shared = &edge.weight().shared;
            if shared.is_empty() {
                members.push(vec![a, b]);
                edges_in.push(1);
                continue;
            }
            for id in shared {
                let next = members.len() as u32;
                let clique = *clique_of.entry(id.as_str()).or_insert(next);
                if clique == next {
                    members.push(Vec::new());
                    edges_in.push(0);
                }
                members[clique as usize].extend([a, b]);
                edges_in[clique as usize] += 1;
            }
            if shared.len() > 1 {
                extra.push((a, b, (shared.len() - 1) as f64));
            }
        }
        for (list, &edges) in members.iter_mut().zip(&edges_in) {
            list.sort_unstable();
            list.dedup();
            let k = list.len() as u64;
            if edges != k * (k - 1) / 2 {
                return None;
            }
        }
        Some(CliqueCover::new(n, &members, &extra))
    }

    /// The cover of the projection held as `union`, for hop counts: its maximal cliques and
    /// the pairs that share more than one of them ([`CliqueUnion::hop_cover`]).
    pub fn of_union(union: &CliqueUnion) -> CliqueCover {
        let cover = union.hop_cover();
        CliqueCover::new(union.node_count(), &cover.members, &cover.extra)
    }

    /// The cover of `n` nodes with cliques `members` (each ascending, without repeats) and the
    /// pairs `extra` that share `k` > 1 cliques, as (a, b, k − 1).
    pub fn new(n: usize, members: &[Vec<u32>], extra: &[(u32, u32, f64)]) -> CliqueCover {
        let mut of_node: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (clique, list) in members.iter().enumerate() {
            for &v in list {
                of_node[v as usize].push(clique as u32);
            }
        }
        CliqueCover {
            members: Csr::from_lists(members),
            cliques: Csr::from_lists(&of_node),
            extra: Csr::from_edges(n, extra),
        }
    }
}

/// Per-thread buffers.
struct Workspace {
    /// Distance from the source, −1 when not reached. Kept apart from the path counts: most
    /// visits only read distances, and the distances of 10,000 nodes fit in the first cache.
    distance: Vec<i32>,
    /// Number of shortest paths from the source.
    sigma: Vec<f64>,
    /// While accumulating: Σ (1 + δ(w)) / σ(w) over the node's children; then (1 + δ) / σ.
    flow: Vec<f64>,
    /// The level at which each clique was opened, or −1.
    opened_at: Vec<i32>,
    /// Nodes in order of distance.
    order: Vec<u32>,
    /// Where each level ends in `order`.
    level_ends: Vec<usize>,
    /// Cliques in the order they were opened.
    opened: Vec<u32>,
    /// Where the cliques opened at each level end in `opened`.
    opened_ends: Vec<usize>,
    /// The members of each opened clique at its level (`upper`) and one step further
    /// (`lower`), clique after clique; `segments[i]` is where clique i's members end in each.
    upper: Vec<u32>,
    lower: Vec<u32>,
    segments: Vec<(u32, u32)>,
    /// Nodes found at each distance ≥ 1.
    counts: Vec<u32>,
    /// Per node: the cliques opened at one level that hold it one step further (low 16 bits)
    /// and at that level (high 16 bits), saturating. A pair sharing two cliques is counted
    /// twice only through a node that two cliques of one level reach: the others skip the
    /// correction (which would subtract 0.0 and change no bit).
    hits: Vec<u32>,
}

/// Shortest-path sums over the projection covered by `cover`, in parallel; the same sums as
/// [`super::shortest_paths::path_sums`] on its edges, up to rounding in the last bits of betweenness.
///
/// Complexity: O(n + Σ clique sizes + extra pairs) per source; O(n + cliques) memory per thread.
pub fn path_sums(cover: &CliqueCover, sources: &Sources, wanted: Wanted) -> PathSums {
    let n = cover.cliques.node_count();
    let (between_width, targets_width) = (
        if wanted.betweenness { n } else { 0 },
        if wanted.from_pivots { 3 * n } else { 0 },
    );
    let cliques = cover.members.node_count();
    let list: Vec<u32> = match sources {
        Sources::All => (0..n as u32).collect(),
        Sources::Pivots(pivots) => pivots.clone(),
    };
    let swept = sweep(
        between_width + targets_width,
        &list,
        || Workspace {
            distance: vec![-1; n],
            sigma: vec![0.0; n],
            flow: vec![0.0; n],
            opened_at: vec![-1; cliques],
            order: Vec::with_capacity(n),
            level_ends: Vec::new(),
            opened: Vec::new(),
            opened_ends: Vec::new(),
            upper: Vec::new(),
            lower: Vec::new(),
            segments: Vec::new(),
            counts: Vec::new(),
            hits: vec![0; n],
        },
        |work, source, credits| {
            let (credits, targets) = credits.split_at_mut(between_width);
            let result = search(cover, source as usize, work, credits);
            if !targets.is_empty() {
                credit_targets(&work.order, work.level_ends.iter().copied(), targets);
            }
            result
        },
    );
    PathSums::gather(
        n,
        &list,
        swept.credits,
        &swept.results,
        between_width,
        wanted,
    )
}

/// One search from `source` through the cliques; adds the dependencies to `credits` (when it is
/// not empty: betweenness asked for).
fn search(
    cover: &CliqueCover,
    source: usize,
    work: &mut Workspace,
    credits: &mut [f64],
) -> SourceResult {
    // Plain slices and separate borrows, so the compiler keeps every array's address in a
    // register instead of reloading it after each push.
    let Workspace {
        distance,
        sigma,
        opened_at,
        order,
        level_ends,
        opened,
        opened_ends,
        upper,
        lower,
        segments,
        counts,
        hits,
        ..
    } = work;
    let (distance, sigma) = (distance.as_mut_slice(), sigma.as_mut_slice());
    order.clear();
    level_ends.clear();
    opened.clear();
    opened_ends.clear();
    upper.clear();
    lower.clear();
    segments.clear();
    counts.clear();
    distance[source] = 0;
    sigma[source] = 1.0;
    order.push(source as u32);
    let (mut level_start, mut depth) = (0usize, 0i32);
    while level_start < order.len() {
        let level_end = order.len();
        let next = depth + 1;
        for index in level_start..level_end {
            let v = order[index] as usize;
            for &clique in cover.cliques.neighbors(v) {
                let opened_at = &mut opened_at[clique as usize];
                if *opened_at >= 0 {
                    continue;
                }
                *opened_at = depth;
                opened.push(clique);
                // Every member is at this level or the next: none is closer, or the clique
                // would have been opened from it.
                let lower_start = lower.len();
                let mut paths = 0.0;
                for &w in cover.members.neighbors(clique as usize) {
                    let at = &mut distance[w as usize];
                    if *at < 0 {
                        *at = next;
                        order.push(w);
                    }
                    if *at == depth {
                        paths += sigma[w as usize];
                        upper.push(w);
                        hits[w as usize] = hits[w as usize].saturating_add(1 << 16);
                    } else {
                        lower.push(w);
                        hits[w as usize] += u32::from(hits[w as usize] & 0xffff < 0xffff);
                    }
                }
                for &w in &lower[lower_start..] {
                    sigma[w as usize] += paths;
                }
                segments.push((upper.len() as u32, lower.len() as u32));
            }
        }
        // Pairs that share more than one clique were counted once per clique: once is right.
        for &w in &order[level_end..] {
            let w = w as usize;
            if hits[w] & 0xffff < 2 {
                continue;
            }
            let mut surplus = 0.0;
            for (&v, &k) in cover.extra.neighbors(w).iter().zip(cover.extra.weights(w)) {
                if distance[v as usize] == depth {
                    surplus += k * sigma[v as usize];
                }
            }
            sigma[w] -= surplus;
        }
        level_ends.push(level_end);
        opened_ends.push(opened.len());
        if order.len() > level_end {
            counts.push((order.len() - level_end) as u32);
        }
        level_start = level_end;
        depth = next;
    }
    let result = SourceResult::from_levels(&work.counts);
    if !credits.is_empty() {
        accumulate(cover, source, work, credits);
    }
    for &w in &work.order {
        let w = w as usize;
        work.distance[w] = -1;
        work.sigma[w] = 0.0;
        work.flow[w] = 0.0;
        work.hits[w] = 0;
    }
    for &clique in &work.opened {
        work.opened_at[clique as usize] = -1;
    }
    result
}

/// Brandes' dependencies, level by level from the farthest, through the cliques opened at each
/// level; adds them to `credits`.
fn accumulate(cover: &CliqueCover, source: usize, work: &mut Workspace, credits: &mut [f64]) {
    let (distance, sigma, flow) = (&work.distance, &work.sigma, &mut work.flow);
    for level in (0..work.level_ends.len()).rev() {
        let depth = level as i32;
        let (start, cliques_start) = if level == 0 {
            (0, 0)
        } else {
            (work.level_ends[level - 1], work.opened_ends[level - 1])
        };
        // The cliques opened at this level join it to the next, whose flows are final.
        for index in cliques_start..work.opened_ends[level] {
            let (upper_start, lower_start) = if index == 0 {
                (0, 0)
            } else {
                work.segments[index - 1]
            };
            let (upper_end, lower_end) = work.segments[index];
            let lower = &work.lower[lower_start as usize..lower_end as usize];
            if lower.is_empty() {
                continue;
            }
            let through: f64 = lower.iter().map(|&w| flow[w as usize]).sum();
            for &v in &work.upper[upper_start as usize..upper_end as usize] {
                flow[v as usize] += through;
            }
        }
        for &v in &work.order[start..work.level_ends[level]] {
            let v = v as usize;
            let mut surplus = 0.0;
            if work.hits[v] >> 16 > 1 {
                for (&w, &k) in cover.extra.neighbors(v).iter().zip(cover.extra.weights(v)) {
                    if distance[w as usize] == depth + 1 {
                        surplus += k * flow[w as usize];
                    }
                }
            }
            let delta = sigma[v] * (flow[v] - surplus);
            if v != source {
                credits[v] += delta;
            }
            flow[v] = (1.0 + delta) / sigma[v];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cliques {0,1,2}, {1,2,3} (1–2 shared twice), {3,4}, {5,6}; node 7 alone.
    fn cover() -> (CliqueCover, Csr) {
        let members = vec![vec![0, 1, 2], vec![1, 2, 3], vec![3, 4], vec![5, 6]];
        let extra = vec![(1, 2, 1.0)];
        let mut edges = Vec::new();
        for list in &members {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    if (a, b) != (1, 2) || edges.iter().all(|&(x, y, _)| (x, y) != (1, 2)) {
                        edges.push((a, b, 1.0));
                    }
                }
            }
        }
        (
            CliqueCover::new(8, &members, &extra),
            Csr::from_edges(8, &edges),
        )
    }

    #[test]
    fn clique_kernel_matches_the_edge_kernel() {
        let (cover, csr) = cover();
        let by_cliques = path_sums(&cover, &Sources::All, Wanted::BETWEENNESS);
        let by_edges =
            super::super::shortest_paths::path_sums(&csr, &Sources::All, Wanted::BETWEENNESS);
        for v in 0..8 {
            assert!(
                (by_cliques.betweenness[v] - by_edges.betweenness[v]).abs() < 1e-12,
                "node {v}: {} vs {}",
                by_cliques.betweenness[v],
                by_edges.betweenness[v]
            );
        }
        assert_eq!(by_cliques.distance_sum, by_edges.distance_sum);
        assert_eq!(by_cliques.reach, by_edges.reach);
        for (a, b) in by_cliques.harmonic.iter().zip(&by_edges.harmonic) {
            assert!((a - b).abs() < 1e-12);
        }
        // Node 3 is the only way from 0, 1 and 2 to 4, both ways; 1 and 2 share two cliques
        // and still count as one tie (0 reaches 3 by two paths, not four).
        assert!((by_cliques.betweenness[3] - 6.0).abs() < 1e-12);
        assert!((by_cliques.betweenness[1] - 2.0).abs() < 1e-12);
    }
}
