//! Brandes' betweenness with several sources searched at once (multi-source BFS, Then et al.,
//! "The More the Merrier", VLDB 2014): one pass over a node's neighbour list serves every
//! source of the batch, so each cache line fetched at random is used up to [`BATCH`] times.
//!
//! Each node holds a bitmask with one bit per source of the batch: `seen` (reached), the
//! current level's masks and the next level's. Path counts are stored node-major (`BATCH`
//! counts of a node side by side), so the counts a neighbour contributes share its cache lines.
//! The levels are kept as lists of (node, mask) for the backward pass, which pulls each node's
//! dependency from its neighbours one level farther.

use super::sweep::SourceResult;
use crate::graph::csr::Csr;

/// Sources searched together. 32 measured fastest per source on the 10k and 30k generated
/// graphs (16: slower, the neighbour lists are read more often; 64: the path counts of a node
/// fill a whole second-level-cache line pair and memory grows).
pub const BATCH: usize = 32;

/// A node's bits, one per source of the batch.
type Mask = u64;

/// Per-thread buffers for [`search_batch`]: O(n · BATCH) memory.
pub struct BatchWorkspace {
    /// Sources that have reached each node.
    seen: Vec<Mask>,
    /// Sources for which each node is in the current level.
    frontier: Vec<Mask>,
    /// Sources for which each node is in the next level; during the backward pass, the level
    /// one farther than the one being accumulated.
    next: Vec<Mask>,
    /// Node-major, `BATCH` per node: the number of shortest paths from each source; once a
    /// node's dependency is known, (1 + δ) / σ instead (σ is not needed after that).
    sigma: Vec<f64>,
    /// Nodes of every level, level after level, and their masks.
    level_nodes: Vec<u32>,
    /// Parallel to `level_nodes`.
    level_masks: Vec<Mask>,
    /// Where each level starts in `level_nodes`, and one past the last.
    level_starts: Vec<usize>,
    /// Nodes found at each distance (from 1), `BATCH` counts per level.
    counts: Vec<u32>,
}

impl BatchWorkspace {
    /// Buffers for a graph of `n` nodes.
    pub fn new(n: usize) -> BatchWorkspace {
        BatchWorkspace {
            seen: vec![0; n],
            frontier: vec![0; n],
            next: vec![0; n],
            sigma: vec![0.0; n * BATCH],
            level_nodes: Vec::new(),
            level_masks: Vec::new(),
            level_starts: Vec::new(),
            counts: Vec::new(),
        }
    }
}

/// The bits of `mask`, lowest first.
fn bits(mut mask: Mask) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let b = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            b
        })
    })
}

/// A node's [`BATCH`] path counts (or flows), one per source of the batch.
type Row = [f64; BATCH];

/// Adds the lanes of `from` whose bit is set in `mask` to `to`, without a branch per lane: the
/// other lanes gain +0.0, which leaves a count unchanged, so the sums are the same bits as
/// adding the chosen lanes one by one. Compiled for wide vectors, this is a few masked adds.
#[inline(always)]
fn add_masked(to: &mut Row, from: &Row, mask: Mask) {
    for b in 0..BATCH {
        let keep = ((mask >> b) & 1).wrapping_neg();
        to[b] += f64::from_bits(from[b].to_bits() & keep);
    }
}

/// Searches from up to [`BATCH`] distinct `sources` at once. When `credits` is not empty, adds
/// to it each node's dependency on every source, times that source's `multiplicity`. Returns
/// each source's distance sums, in the order of `sources`.
///
/// The search is compiled for the widest vectors the processor has, chosen at run time
/// (`pulp`), so the 32-lane updates become a few vector operations; every version gives the
/// same bits.
pub fn search_batch(
    csr: &Csr,
    sources: &[u32],
    multiplicity: &[f64],
    work: &mut BatchWorkspace,
    credits: &mut [f64],
) -> Vec<SourceResult> {
    pulp::Arch::new().dispatch(
        #[inline(always)]
        || search_batch_lanes(csr, sources, multiplicity, work, credits),
    )
}

/// The body of [`search_batch`], inlined into each version.
#[inline(always)]
fn search_batch_lanes(
    csr: &Csr,
    sources: &[u32],
    multiplicity: &[f64],
    work: &mut BatchWorkspace,
    credits: &mut [f64],
) -> Vec<SourceResult> {
    let k = sources.len();
    debug_assert!(k <= BATCH && k > 0);
    let full: Mask = if k == Mask::BITS as usize {
        Mask::MAX
    } else {
        (1 << k) - 1
    };
    let BatchWorkspace {
        seen,
        frontier,
        next,
        sigma,
        level_nodes,
        level_masks,
        level_starts,
        counts,
    } = work;
    let (seen, frontier, next) = (
        seen.as_mut_slice(),
        frontier.as_mut_slice(),
        next.as_mut_slice(),
    );
    let (rows, _) = sigma.as_chunks_mut::<BATCH>();
    level_nodes.clear();
    level_masks.clear();
    level_starts.clear();
    counts.clear();
    level_starts.push(0);
    for (b, &s) in sources.iter().enumerate() {
        let s = s as usize;
        let bit: Mask = 1 << b;
        seen[s] |= bit;
        frontier[s] |= bit;
        rows[s][b] = 1.0;
        level_nodes.push(s as u32);
        level_masks.push(bit);
    }
    level_starts.push(level_nodes.len());
    // Degrees of the nodes some source has not reached: what a bottom-up level scans.
    let mut unfull_degree: usize = 2 * csr.edge_count();
    for &s in sources {
        if seen[s as usize] == full {
            unfull_degree -= csr.degree(s as usize);
        }
    }
    loop {
        let level = level_starts.len() - 2;
        let (start, end) = (level_starts[level], level_starts[level + 1]);
        let frontier_degree: usize = level_nodes[start..end]
            .iter()
            .map(|&u| csr.degree(u as usize))
            .sum();
        let found_from = level_nodes.len();
        if frontier_degree <= unfull_degree {
            // Top-down: each frontier node offers its counts to its neighbours not yet reached.
            for i in start..end {
                let (u, mask) = (level_nodes[i] as usize, level_masks[i]);
                let from = rows[u];
                for &v in csr.neighbors(u) {
                    let v = v as usize;
                    let new = mask & !seen[v];
                    if new != 0 {
                        if next[v] == 0 {
                            level_nodes.push(v as u32);
                        }
                        next[v] |= new;
                        add_masked(&mut rows[v], &from, new);
                    }
                }
            }
            // In node order, so the next level and the backward pass walk memory forwards.
            level_nodes[found_from..].sort_unstable();
        } else {
            // Bottom-up: each node not reached by every source gathers from its neighbours in
            // the frontier.
            for v in 0..seen.len() {
                let unseen = !seen[v] & full;
                if unseen == 0 {
                    continue;
                }
                let mut found: Mask = 0;
                // The new counts start at zero (unseen lanes are), so summing them apart and
                // adding the sums once gives the same bits.
                let mut paths: Row = [0.0; BATCH];
                for &u in csr.neighbors(v) {
                    let u = u as usize;
                    let new = frontier[u] & unseen;
                    if new != 0 {
                        found |= new;
                        add_masked(&mut paths, &rows[u], new);
                    }
                }
                if found != 0 {
                    add_masked(&mut rows[v], &paths, found);
                    next[v] = found;
                    level_nodes.push(v as u32);
                }
            }
        }
        for i in start..end {
            frontier[level_nodes[i] as usize] = 0;
        }
        if level_nodes.len() == found_from {
            break;
        }
        counts.extend(std::iter::repeat_n(0, BATCH));
        let level_counts = &mut counts[level * BATCH..];
        for &v in &level_nodes[found_from..] {
            let v = v as usize;
            let mask = std::mem::take(&mut next[v]);
            level_masks.push(mask);
            frontier[v] = mask;
            seen[v] |= mask;
            if seen[v] == full {
                unfull_degree -= csr.degree(v);
            }
            for b in bits(mask) {
                level_counts[b] += 1;
            }
        }
        level_starts.push(level_nodes.len());
    }
    let levels = level_starts.len() - 1;
    let results: Vec<SourceResult> = (0..k)
        .map(|b| {
            let per_level: Vec<u32> = (0..levels - 1).map(|d| counts[d * BATCH + b]).collect();
            SourceResult::from_levels(&per_level)
        })
        .collect();
    if !credits.is_empty() {
        accumulate(csr, work, multiplicity, credits);
    }
    let work_sigma = &mut work.sigma;
    for (&v, &mask) in work.level_nodes.iter().zip(&work.level_masks) {
        work.seen[v as usize] = 0;
        for b in bits(mask) {
            work_sigma[v as usize * BATCH + b] = 0.0;
        }
    }
    results
}

/// Brandes' dependencies of every level, farthest first, pulled by each node from its
/// neighbours one level farther: δ(v) = σ(v) · Σ (1 + δ(w)) / σ(w). Sources (level 0) get no
/// credit.
#[inline(always)]
fn accumulate(csr: &Csr, work: &mut BatchWorkspace, multiplicity: &[f64], credits: &mut [f64]) {
    let BatchWorkspace {
        next: farther,
        sigma,
        level_nodes,
        level_masks,
        level_starts,
        ..
    } = work;
    let levels = level_starts.len() - 1;
    let (rows, _) = sigma.as_chunks_mut::<BATCH>();
    for level in (1..levels).rev() {
        let (start, end) = (level_starts[level], level_starts[level + 1]);
        let has_farther = level + 1 < levels;
        if has_farther {
            for i in level_starts[level + 1]..level_starts[level + 2] {
                farther[level_nodes[i] as usize] = level_masks[i];
            }
        }
        for i in start..end {
            let (v, mask) = (level_nodes[i] as usize, level_masks[i]);
            let mut sum: Row = [0.0; BATCH];
            if has_farther {
                for &w in csr.neighbors(v) {
                    let w = w as usize;
                    let children = mask & farther[w];
                    if children != 0 {
                        add_masked(&mut sum, &rows[w], children);
                    }
                }
            }
            let mut credit = 0.0;
            let row = &mut rows[v];
            for b in bits(mask) {
                let paths = row[b];
                let delta = if has_farther { paths * sum[b] } else { 0.0 };
                credit += multiplicity[b] * delta;
                row[b] = (1.0 + delta) / paths;
            }
            credits[v] += credit;
        }
        if has_farther {
            for i in level_starts[level + 1]..level_starts[level + 2] {
                farther[level_nodes[i] as usize] = 0;
            }
        }
    }
}
