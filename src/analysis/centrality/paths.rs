//! One shortest-path kernel for betweenness, closeness and harmonic centrality: a breadth-first
//! search per source with Brandes' dependency accumulation, parallel over sources with rayon.
//!
//! Memory is O(n + m) per thread: distances, path counts, dependencies, the BFS order and the
//! edges of the shortest-path DAG.
//!
//! Affiliation networks have many nodes of degree 1 (a body in one mechanism). Such a leaf `v`
//! hanging from `u` (of degree > 1) needs no search of its own, exactly: every shortest path from
//! `v` is `v–u` followed by one from `u`, so for every other node `w`, `δ_v(w) = δ_u(w)`, and
//! `δ_v(u) = reach(u) − 2`; its distance sum is `S_u − 1 + reach(u) − 1`, its harmonic sum
//! `1 + Σ_{t≠u} 1/(d(u,t)+1) − 1/2`.

use super::sweep::{sweep, SourceResult};
use crate::graph::csr::Csr;

/// Raw shortest-path sums per node.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSums {
    /// Σ over ordered source–target pairs of the fraction of shortest paths through the node
    /// (twice NetworkX's unnormalised undirected value); empty when not asked for.
    pub betweenness: Vec<f64>,
    /// Σ of distances to every reachable node.
    pub distance_sum: Vec<f64>,
    /// Number of nodes reachable, the node itself included.
    pub reach: Vec<u32>,
    /// Σ of 1/distance to every other reachable node.
    pub harmonic: Vec<f64>,
}

/// Which sources to search from.
#[derive(Debug, Clone)]
pub enum Sources {
    /// Every node (exact), skipping leaves as explained in the module documentation.
    All,
    /// These pivots only (approximate betweenness); closeness sums are then only filled for
    /// the pivots.
    Pivots(Vec<u32>),
}

/// Per-thread buffers.
struct Workspace {
    /// Distance from the source, −1 when not reached. Apart from the path counts: most visits
    /// only read distances, and these fit in the second-level cache up to 250,000 nodes.
    distance: Vec<i32>,
    /// Number of shortest paths from the source.
    sigma: Vec<f64>,
    /// While accumulating: Σ (1 + δ(w)) / σ(w) over the node's children; then (1 + δ) / σ.
    flow: Vec<f64>,
    order: Vec<u32>,
    /// Edges of the shortest-path DAG (parent, child) in the order the search found them.
    dag: Vec<(u32, u32)>,
    /// Where each level ends in `order` and its DAG edges (to the next level) end in `dag`.
    level_ends: Vec<(usize, usize)>,
    /// Nodes found at each distance: the distance sums come from these, not a division per node.
    levels: Vec<u32>,
    /// Nodes not reached yet, built when a search first goes bottom-up.
    unreached: Vec<u32>,
}

impl Workspace {
    fn new(n: usize) -> Workspace {
        Workspace {
            distance: vec![-1; n],
            sigma: vec![0.0; n],
            flow: vec![0.0; n],
            order: Vec::with_capacity(n),
            dag: Vec::new(),
            level_ends: Vec::new(),
            levels: Vec::new(),
            unreached: Vec::new(),
        }
    }
}

/// Computes shortest-path sums over `csr`, in parallel. Results are identical whatever the
/// number of threads ([`sweep`]).
///
/// Complexity: O(n·m) time for `Sources::All` (less the skipped leaves), O(k·m) for k pivots;
/// O(n + m) memory per thread.
pub fn path_sums(csr: &Csr, sources: &Sources, betweenness: bool) -> PathSums {
    // Searches touch neighbours' entries at random; numbering nodes in breadth-first order puts
    // neighbours close together in memory, which matters once the arrays outgrow the caches.
    let (ordered, old_of_new) = locality_order(csr);
    let mut new_of_old = vec![0u32; old_of_new.len()];
    for (new, &old) in old_of_new.iter().enumerate() {
        new_of_old[old as usize] = new as u32;
    }
    let sources = match sources {
        Sources::All => Sources::All,
        Sources::Pivots(pivots) => {
            Sources::Pivots(pivots.iter().map(|&p| new_of_old[p as usize]).collect())
        }
    };
    let sums = path_sums_ordered(&ordered, &sources, betweenness);
    let back = |values: &[f64]| -> Vec<f64> {
        new_of_old.iter().map(|&new| values[new as usize]).collect()
    };
    PathSums {
        betweenness: if betweenness {
            back(&sums.betweenness)
        } else {
            Vec::new()
        },
        distance_sum: back(&sums.distance_sum),
        reach: new_of_old
            .iter()
            .map(|&new| sums.reach[new as usize])
            .collect(),
        harmonic: back(&sums.harmonic),
    }
}

/// The graph renumbered in breadth-first order from the highest-degree node of each component,
/// and the original id of each new node.
fn locality_order(csr: &Csr) -> (Csr, Vec<u32>) {
    let n = csr.node_count();
    let mut by_degree: Vec<u32> = (0..n as u32).collect();
    by_degree.sort_by_key(|&v| (std::cmp::Reverse(csr.degree(v as usize)), v));
    let mut seen = vec![false; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for &start in &by_degree {
        if seen[start as usize] {
            continue;
        }
        seen[start as usize] = true;
        let mut head = order.len();
        order.push(start);
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &w in csr.neighbors(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    order.push(w);
                }
            }
        }
    }
    let mut new_of_old = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_of_old[old as usize] = new as u32;
    }
    (csr.renumbered(&new_of_old), order)
}

/// [`path_sums`] on a graph already in locality order.
fn path_sums_ordered(csr: &Csr, sources: &Sources, betweenness: bool) -> PathSums {
    let n = csr.node_count();
    // A leaf is skipped when its one neighbour is not itself a leaf.
    let leaf_of: Vec<Option<u32>> = match sources {
        Sources::All => (0..n)
            .map(|v| {
                (csr.degree(v) == 1)
                    .then(|| csr.neighbors(v)[0])
                    .filter(|&u| csr.degree(u as usize) > 1)
            })
            .collect(),
        Sources::Pivots(_) => vec![None; n],
    };
    let mut leaves_of = vec![0u32; n];
    for parent in leaf_of.iter().flatten() {
        leaves_of[*parent as usize] += 1;
    }
    let list: Vec<u32> = match sources {
        Sources::All => (0..n as u32)
            .filter(|&v| leaf_of[v as usize].is_none())
            .collect(),
        Sources::Pivots(pivots) => pivots.clone(),
    };
    let swept = sweep(
        n,
        &list,
        betweenness,
        || Workspace::new(n),
        |work, source, credits| {
            let leaves = f64::from(leaves_of[source as usize]);
            let result = search(csr, source as usize, work, credits, 1.0 + leaves);
            if betweenness {
                // The skipped leaves' own searches would credit the source with every target
                // beyond it.
                credits[source as usize] += leaves * f64::from(result.reach.saturating_sub(2));
            }
            result
        },
    );
    let mut sums = PathSums {
        betweenness: swept.credits,
        distance_sum: vec![0.0; n],
        reach: vec![1; n],
        harmonic: vec![0.0; n],
    };
    let mut by_source = vec![SourceResult::default(); n];
    for (&source, result) in list.iter().zip(swept.results) {
        by_source[source as usize] = result;
        sums.distance_sum[source as usize] = result.distance_sum;
        sums.reach[source as usize] = result.reach;
        sums.harmonic[source as usize] = result.harmonic;
    }
    for (leaf, parent) in leaf_of.iter().enumerate() {
        if let Some(parent) = parent {
            let from = by_source[*parent as usize];
            sums.distance_sum[leaf] = from.distance_sum - 1.0 + f64::from(from.reach - 1);
            sums.reach[leaf] = from.reach;
            sums.harmonic[leaf] = 1.0 + from.harmonic_shifted - 0.5;
        }
    }
    sums
}

/// One breadth-first search from `source` with Brandes' accumulation; adds `multiplicity` times
/// the dependencies to `credits` (when it is not empty: betweenness asked for).
fn search(
    csr: &Csr,
    source: usize,
    work: &mut Workspace,
    credits: &mut [f64],
    multiplicity: f64,
) -> SourceResult {
    let betweenness = !credits.is_empty();
    // Plain slices and separate borrows, so the compiler keeps every array's address in a
    // register instead of reloading it after each push.
    let Workspace {
        distance,
        sigma,
        order,
        dag,
        level_ends,
        levels,
        unreached,
        ..
    } = work;
    let (distance, sigma) = (distance.as_mut_slice(), sigma.as_mut_slice());
    order.clear();
    dag.clear();
    level_ends.clear();
    levels.clear();
    distance[source] = 0;
    sigma[source] = 1.0;
    order.push(source as u32);
    // Level by level. A level is expanded top-down (from the frontier's edges) or bottom-up (from
    // the edges of the nodes not reached yet), whichever has fewer edges to scan: on affiliation
    // networks the middle levels reach most of the graph, and bottom-up then scans far less.
    // Both record the same shortest-path counts and DAG edges, level by level.
    let mut unreached_degree = 2 * csr.edge_count() - csr.degree(source);
    let mut unreached_built = false;
    let (mut level_start, mut depth) = (0usize, 0i32);
    while level_start < order.len() {
        let level_end = order.len();
        let next = depth + 1;
        let frontier_degree: usize = order[level_start..level_end]
            .iter()
            .map(|&v| csr.degree(v as usize))
            .sum();
        let mut found = 0u32;
        if frontier_degree > unreached_degree {
            if !unreached_built {
                unreached.clear();
                unreached.extend((0..distance.len() as u32).filter(|&u| distance[u as usize] < 0));
                unreached_built = true;
            }
            let mut kept = 0;
            for i in 0..unreached.len() {
                let u = unreached[i] as usize;
                if distance[u] >= 0 {
                    continue; // reached by an earlier top-down level
                }
                let mut paths = 0.0;
                for &v in csr.neighbors(u) {
                    if distance[v as usize] == depth {
                        paths += sigma[v as usize];
                        if betweenness {
                            dag.push((v, u as u32));
                        }
                    }
                }
                if paths > 0.0 {
                    distance[u] = next;
                    sigma[u] = paths;
                    order.push(u as u32);
                    unreached_degree -= csr.degree(u);
                    found += 1;
                } else {
                    unreached[kept] = u as u32;
                    kept += 1;
                }
            }
            unreached.truncate(kept);
        } else {
            for index in level_start..level_end {
                let v = order[index] as usize;
                let paths = sigma[v];
                for &w in csr.neighbors(v) {
                    let at = &mut distance[w as usize];
                    if *at < 0 {
                        *at = next;
                        order.push(w);
                        unreached_degree -= csr.degree(w as usize);
                        found += 1;
                    }
                    if *at == next {
                        sigma[w as usize] += paths;
                        if betweenness {
                            dag.push((v as u32, w));
                        }
                    }
                }
            }
        }
        level_ends.push((level_end, dag.len()));
        if found > 0 {
            levels.push(found);
        }
        level_start = level_end;
        depth = next;
    }
    let result = SourceResult::from_levels(&work.levels);
    if betweenness {
        accumulate(work, source, credits, multiplicity);
    }
    for &w in &work.order {
        let w = w as usize;
        work.distance[w] = -1;
        work.sigma[w] = 0.0;
        work.flow[w] = 0.0;
    }
    result
}

/// Brandes' dependencies, level by level from the farthest: δ(v) = σ(v) · Σ (1 + δ(w)) / σ(w)
/// over v's children w. Each node's (1 + δ) / σ is computed once, when its level is done, so
/// the DAG edges (read in sequence, not found again by scanning neighbours) only add; adds
/// `multiplicity` times the dependencies to `credits`.
fn accumulate(work: &mut Workspace, source: usize, credits: &mut [f64], multiplicity: f64) {
    let (sigma, flow) = (&work.sigma, &mut work.flow);
    for level in (0..work.level_ends.len()).rev() {
        let (start, dag_start) = if level == 0 {
            (0, 0)
        } else {
            work.level_ends[level - 1]
        };
        let (end, dag_end) = work.level_ends[level];
        for &(v, w) in &work.dag[dag_start..dag_end] {
            flow[v as usize] += flow[w as usize];
        }
        for &v in &work.order[start..end] {
            let v = v as usize;
            let delta = sigma[v] * flow[v];
            if v != source {
                credits[v] += multiplicity * delta;
            }
            flow[v] = (1.0 + delta) / sigma[v];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Betweenness by brute force: all shortest paths via Floyd–Warshall path counts.
    fn brute_betweenness(n: usize, edges: &[(u32, u32, f64)]) -> Vec<f64> {
        let inf = usize::MAX / 4;
        let mut d = vec![vec![inf; n]; n];
        let mut c = vec![vec![0.0f64; n]; n];
        for v in 0..n {
            d[v][v] = 0;
            c[v][v] = 1.0;
        }
        for &(a, b, _) in edges {
            d[a as usize][b as usize] = 1;
            d[b as usize][a as usize] = 1;
            c[a as usize][b as usize] = 1.0;
            c[b as usize][a as usize] = 1.0;
        }
        // BFS-based counts are simpler to trust than Floyd path counting.
        let csr = Csr::from_edges(n, edges);
        for s in 0..n {
            let mut dist = vec![inf; n];
            let mut count = vec![0.0; n];
            dist[s] = 0;
            count[s] = 1.0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                for &w in csr.neighbors(v) {
                    let w = w as usize;
                    if dist[w] == inf {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        count[w] += count[v];
                    }
                }
            }
            d[s] = dist;
            c[s] = count;
        }
        let mut bc = vec![0.0; n];
        for s in 0..n {
            for t in 0..n {
                if s == t || d[s][t] >= inf {
                    continue;
                }
                for v in 0..n {
                    if v != s && v != t && d[s][v] + d[v][t] == d[s][t] {
                        bc[v] += c[s][v] * c[v][t] / c[s][t];
                    }
                }
            }
        }
        bc
    }

    #[test]
    fn leaf_shortcut_matches_brute_force() {
        // A star with a tail, a separate edge and an isolated node: leaves of every kind.
        let edges = [
            (0, 1, 1.0),
            (0, 2, 1.0),
            (0, 3, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (4, 6, 1.0),
            (5, 6, 1.0),
            (7, 8, 1.0),
        ];
        let n = 10;
        let csr = Csr::from_edges(n, &edges);
        let sums = path_sums(&csr, &Sources::All, true);
        let expected = brute_betweenness(n, &edges);
        for (v, (got, want)) in sums.betweenness.iter().zip(&expected).enumerate() {
            assert!((got - want).abs() < 1e-9, "node {v}: {got} vs {want}");
        }
        // Node 1 is a leaf of 0: distances 1 (to 0), 2 (2, 3), 3 (4), 4 (5, 6).
        assert_eq!(sums.distance_sum[1], 1.0 + 2.0 + 2.0 + 3.0 + 4.0 + 4.0);
        assert_eq!(sums.reach[1], 7);
        let harmonic = 1.0 + 0.5 + 0.5 + 1.0 / 3.0 + 0.25 + 0.25;
        assert!((sums.harmonic[1] - harmonic).abs() < 1e-12);
        // The separate edge and the isolated node.
        assert_eq!(sums.reach[7], 2);
        assert_eq!(sums.distance_sum[8], 1.0);
        assert_eq!(sums.reach[9], 1);
        assert_eq!(sums.harmonic[9], 0.0);
    }
}
