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

use super::batch;
use super::prefetch::Prefetch;
use super::sweep::{credit_targets, sweep, SourceResult, Swept};
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
    /// What the pivots' searches found about every node, when asked for.
    pub from_pivots: Option<FromPivots>,
}

impl PathSums {
    /// The sums of a sweep from the sources `list` over `n` nodes: its `credits` (betweenness,
    /// then the pivots' three lanes when `wanted.from_pivots`, from `between_width` on) and
    /// each source's own `results`, in the order of `list`.
    pub fn gather(
        n: usize,
        list: &[u32],
        mut credits: Vec<f64>,
        results: &[SourceResult],
        between_width: usize,
        wanted: Wanted,
    ) -> PathSums {
        let from_pivots = wanted
            .from_pivots
            .then(|| FromPivots::from_lanes(credits.split_off(between_width), results));
        let mut sums = PathSums {
            betweenness: credits,
            distance_sum: vec![0.0; n],
            reach: vec![1; n],
            harmonic: vec![0.0; n],
            from_pivots,
        };
        for (&source, result) in list.iter().zip(results) {
            sums.distance_sum[source as usize] = result.distance_sum;
            sums.reach[source as usize] = result.reach;
            sums.harmonic[source as usize] = result.harmonic;
        }
        sums
    }
}

/// What to compute besides each source's own distance sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wanted {
    /// Betweenness (Brandes' dependencies).
    pub betweenness: bool,
    /// Every node's distances from the sources ([`FromPivots`]), for sampled closeness.
    pub from_pivots: bool,
}

impl Wanted {
    /// Betweenness and the sources' own sums.
    pub const BETWEENNESS: Wanted = Wanted {
        betweenness: true,
        from_pivots: false,
    };
    /// The sources' own sums only.
    pub const DISTANCES: Wanted = Wanted {
        betweenness: false,
        from_pivots: false,
    };
}

/// Sums over the sources s ≠ v that reach each node v of d(s, v), 1 and 1/d(s, v): scaled by
/// (n − 1)/k they estimate v's distance sum, reach − 1 and harmonic centrality.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FromPivots {
    /// Σ d(s, v).
    pub distance_sum: Vec<f64>,
    /// The number of sources that reach the node.
    pub reached_by: Vec<f64>,
    /// Σ 1/d(s, v).
    pub harmonic: Vec<f64>,
    /// The largest distance any search found.
    pub farthest: u32,
}

impl FromPivots {
    /// Splits the three lanes `sweep` added up (distance, reached, harmonic) and names the
    /// largest distance of the sources' `results`.
    pub(crate) fn from_lanes(mut lanes: Vec<f64>, results: &[SourceResult]) -> FromPivots {
        let n = lanes.len() / 3;
        let harmonic = lanes.split_off(2 * n);
        let reached_by = lanes.split_off(n);
        FromPivots {
            distance_sum: lanes,
            reached_by,
            harmonic,
            farthest: results.iter().map(|r| r.farthest).max().unwrap_or(0),
        }
    }
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

/// Marks a node not reached yet in [`Workspace::position`].
const UNREACHED: u32 = u32::MAX;

/// Per-thread buffers.
///
/// A search numbers the nodes it reaches in the order found, and everything but that number
/// is kept by number, not by node: the only array read at random over all nodes is `position`
/// (4 bytes a node, in the second-level cache up to 250,000 nodes), and the path counts of a
/// level, which the next level reads and the one after adds to, lie side by side.
struct Workspace {
    /// Where each node stands in `order`, [`UNREACHED`] when not reached. A node's distance
    /// follows from it: the nodes of one level are numbered consecutively.
    position: Vec<u32>,
    /// Number of shortest paths from the source, by position.
    sigma: Vec<f64>,
    /// While accumulating, by position: Σ (1 + δ(w)) / σ(w) over the node's children; then
    /// (1 + δ) / σ.
    flow: Vec<f64>,
    /// The nodes in the order found, in a buffer of n + 1 slots: the search writes every
    /// neighbour to the next free slot and only advances past a new one (no branch to predict).
    order: Vec<u32>,
    /// Edges of the shortest-path DAG, in the order the search found them, in a buffer of m + 1
    /// slots written the same way (empty when betweenness is not asked for). A level expanded
    /// top-down lists each frontier node's children (as positions) one node after the other, a
    /// level expanded bottom-up each new node's parents: one end of the edge is implied by
    /// `children_end` or `parents_end`, so an edge takes 4 bytes.
    dag: Vec<u32>,
    /// By position: where the node's children end in `dag` (levels expanded top-down).
    children_end: Vec<u32>,
    /// By position: where the node's parents end in `dag` (nodes found bottom-up).
    parents_end: Vec<u32>,
    /// Where each level ends in `order` and its DAG edges (to the next level) end in `dag`, and
    /// whether the next level was found bottom-up.
    level_ends: Vec<(usize, usize, bool)>,
    /// Nodes found at each distance: the distance sums come from these, not a division per node.
    levels: Vec<u32>,
    /// Nodes not reached yet, listed when a search first goes bottom-up, in n + 1 slots.
    unreached: Vec<u32>,
}

impl Workspace {
    fn new(n: usize, edges: usize, betweenness: bool) -> Workspace {
        Workspace {
            position: vec![UNREACHED; n],
            sigma: vec![0.0; n],
            flow: vec![0.0; if betweenness { n } else { 0 }],
            order: vec![0; n + 1],
            dag: vec![0; if betweenness { edges + 1 } else { 0 }],
            children_end: vec![0; if betweenness { n } else { 0 }],
            parents_end: vec![0; if betweenness { n } else { 0 }],
            level_ends: Vec::new(),
            levels: Vec::new(),
            unreached: vec![0; n + 1],
        }
    }
}

/// Computes shortest-path sums over `csr`, in parallel. Results are identical whatever the
/// number of threads ([`sweep`]).
///
/// Complexity: O(n·m) time for `Sources::All` (less the skipped leaves), O(k·m) for k pivots;
/// O(n + m) memory per thread.
pub fn path_sums(csr: &Csr, sources: &Sources, wanted: Wanted) -> PathSums {
    path_sums_by(csr, sources, wanted, use_batches(sources, csr.node_count()))
}

/// [`path_sums`] searching the sources in batches or one by one.
fn path_sums_by(csr: &Csr, sources: &Sources, wanted: Wanted, batched: bool) -> PathSums {
    // The one-by-one search from every source leaves the leaves and isolated nodes out of the
    // graph it searches ([`foldable`]).
    let folded = match sources {
        Sources::All if !batched => foldable(csr),
        _ => vec![false; csr.node_count()],
    };
    // Searches touch neighbours' entries at random; numbering nodes in breadth-first order puts
    // neighbours close together in memory, which matters once the arrays outgrow the caches.
    let (ordered, old_of_new) = locality_order(csr, !batched, &folded);
    let mut new_of_old = vec![0u32; old_of_new.len()];
    for (new, &old) in old_of_new.iter().enumerate() {
        new_of_old[old as usize] = new as u32;
    }
    let hanging: Vec<u32> = old_of_new[ordered.node_count()..]
        .iter()
        .map(|&old| match csr.neighbors(old as usize) {
            [parent] => new_of_old[*parent as usize],
            _ => NO_PARENT,
        })
        .collect();
    let sources = match sources {
        Sources::All => Sources::All,
        Sources::Pivots(pivots) => {
            Sources::Pivots(pivots.iter().map(|&p| new_of_old[p as usize]).collect())
        }
    };
    let sums = path_sums_ordered(&ordered, &hanging, &sources, wanted, batched);
    let back = |values: &[f64]| -> Vec<f64> {
        new_of_old.iter().map(|&new| values[new as usize]).collect()
    };
    PathSums {
        betweenness: if wanted.betweenness {
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
        from_pivots: sums.from_pivots.map(|from| FromPivots {
            distance_sum: back(&from.distance_sum),
            reached_by: back(&from.reached_by),
            harmonic: back(&from.harmonic),
            farthest: from.farthest,
        }),
    }
}

/// The graph renumbered in breadth-first order from the highest-degree node of each component,
/// then, when `hubs_first`, by decreasing degree (breadth-first order among equals), and the
/// original id of each new node.
///
/// Hubs first suits the one-by-one search: the nodes most often looked up (a mechanism sits in
/// the lists of all its members) then share few cache lines; on the 100k graph it took 6–10 %
/// off the search. Batches keep the breadth-first order, where consecutive sources are close.
///
/// The `folded` nodes are numbered last and left out of the returned graph, with their ties.
fn locality_order(csr: &Csr, hubs_first: bool, folded: &[bool]) -> (Csr, Vec<u32>) {
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
    if hubs_first {
        // Stable: breadth-first order among nodes of one degree.
        order.sort_by_key(|&v| std::cmp::Reverse(csr.degree(v as usize)));
    }
    let (mut order, left_out): (Vec<u32>, Vec<u32>) =
        order.into_iter().partition(|&v| !folded[v as usize]);
    let kept = order.len();
    order.extend(left_out);
    let mut new_of_old = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_of_old[old as usize] = new as u32;
    }
    (csr.renumbered_within(&new_of_old, kept), order)
}

/// Marks a left-out node with no neighbour in [`path_sums_by`]'s list of their parents.
const NO_PARENT: u32 = u32::MAX;

/// The nodes a search from every source can leave out of the graph: isolated nodes (no search
/// reaches them) and leaves whose one neighbour is not a leaf. A leaf `v` of `u` is found one
/// step beyond `u` with σ(v) = σ(u) and gives `u` exactly 1 of dependency (no path passes
/// through it), so the search keeps a count of leaves per node instead: on the 100k graph 15 %
/// fewer nodes to number, reset and list as not reached.
fn foldable(csr: &Csr) -> Vec<bool> {
    (0..csr.node_count())
        .map(|v| match csr.neighbors(v) {
            [] => true,
            [u] => csr.degree(*u as usize) > 1,
            _ => false,
        })
        .collect()
}

/// [`path_sums`] on a graph already in locality order, searching the sources in batches or one
/// by one (the batches do not credit targets: searching from pivots, they would gain little).
/// `hanging` names the parent of each node left out of `csr` (numbered from its node count on;
/// [`NO_PARENT`] for an isolated node): the one-by-one search counts them as leaves of their
/// parent. The sums cover every node.
fn path_sums_ordered(
    csr: &Csr,
    hanging: &[u32],
    sources: &Sources,
    wanted: Wanted,
    batched: bool,
) -> PathSums {
    let kept = csr.node_count();
    let n = kept + hanging.len();
    let betweenness = wanted.betweenness;
    let (between_width, targets_width) = (
        if betweenness { kept } else { 0 },
        if wanted.from_pivots { 3 * kept } else { 0 },
    );
    let mut hanging_of = vec![0u32; kept];
    for &parent in hanging.iter().filter(|&&parent| parent != NO_PARENT) {
        hanging_of[parent as usize] += 1;
    }
    debug_assert!(!batched || hanging.is_empty(), "batches search every node");
    // A leaf still in the graph is skipped as a source when its one neighbour is not a leaf.
    let degree = |v: usize| csr.degree(v) + hanging_of[v] as usize;
    let leaf_of: Vec<Option<u32>> = match sources {
        Sources::All => (0..kept)
            .map(|v| {
                (degree(v) == 1 && csr.degree(v) == 1)
                    .then(|| csr.neighbors(v)[0])
                    .filter(|&u| degree(u as usize) > 1)
            })
            .collect(),
        Sources::Pivots(_) => vec![None; kept],
    };
    let mut leaves_of = hanging_of.clone();
    for parent in leaf_of.iter().flatten() {
        leaves_of[*parent as usize] += 1;
    }
    let list: Vec<u32> = match sources {
        Sources::All => (0..kept as u32)
            .filter(|&v| leaf_of[v as usize].is_none())
            .collect(),
        Sources::Pivots(pivots) => pivots.clone(),
    };
    let hanging_of: &[u32] = if hanging.is_empty() { &[] } else { &hanging_of };
    let swept = if batched && !wanted.from_pivots {
        sweep_batches(csr, &list, &leaves_of, betweenness)
    } else {
        sweep(
            between_width + targets_width,
            &list,
            || Workspace::new(kept, csr.edge_count(), betweenness),
            |work, source, credits| {
                let (credits, targets) = credits.split_at_mut(between_width);
                let leaves = f64::from(leaves_of[source as usize]);
                let result = search(
                    csr,
                    source as usize,
                    work,
                    credits,
                    1.0 + leaves,
                    hanging_of,
                );
                if betweenness {
                    credit_leaves(credits, source, leaves, result.reach);
                }
                if !targets.is_empty() {
                    let ends = work.level_ends.iter().map(|&(end, _, _)| end);
                    credit_targets(&work.order, ends, targets);
                }
                result
            },
        )
    };
    let mut sums = PathSums::gather(
        n,
        &list,
        swept.credits,
        &swept.results,
        between_width,
        wanted,
    );
    if betweenness {
        // No shortest path passes through a leaf or an isolated node.
        sums.betweenness.resize(n, 0.0);
    }
    let mut by_source = vec![SourceResult::default(); kept];
    for (&source, result) in list.iter().zip(swept.results) {
        by_source[source as usize] = result;
    }
    let parents = leaf_of.iter().copied().chain(
        hanging
            .iter()
            .map(|&parent| (parent != NO_PARENT).then_some(parent)),
    );
    for (leaf, parent) in parents.enumerate() {
        if let Some(parent) = parent {
            let from = by_source[parent as usize];
            sums.distance_sum[leaf] = from.distance_sum - 1.0 + f64::from(from.reach - 1);
            sums.reach[leaf] = from.reach;
            sums.harmonic[leaf] = 1.0 + from.harmonic_shifted - 0.5;
        }
    }
    sums
}

/// The largest graph searched in batches by default: a batch holds 32 path counts per node per
/// thread (26 MB at 100k nodes), which took the 100k run to 158 MB, past the 150 MB budget, for
/// a gain of 1.2× at 30k; the one-by-one search stays at 145 MB there.
const BATCH_MAX_NODES: usize = 60_000;

/// Whether to search the sources in batches ([`batch`]) rather than one by one.
fn use_batches(sources: &Sources, nodes: usize) -> bool {
    match std::env::var("COOPGRAPH_KERNEL").as_deref() {
        Ok("single") => false,
        Ok("batch") => true,
        _ => matches!(sources, Sources::All) && nodes <= BATCH_MAX_NODES,
    }
}

/// The skipped leaves' own searches would credit `source`, their neighbour, with every target
/// beyond it.
fn credit_leaves(credits: &mut [f64], source: u32, leaves: f64, reach: u32) {
    credits[source as usize] += leaves * f64::from(reach.saturating_sub(2));
}

/// [`sweep`] over batches of [`batch::BATCH`] consecutive sources of `list`, with the same
/// results per source as the one-by-one search.
fn sweep_batches(csr: &Csr, list: &[u32], leaves_of: &[u32], betweenness: bool) -> Swept {
    let n = csr.node_count();
    let batches: Vec<&[u32]> = list.chunks(batch::BATCH).collect();
    let ids: Vec<u32> = (0..batches.len() as u32).collect();
    let swept = sweep(
        if betweenness { n } else { 0 },
        &ids,
        || batch::BatchWorkspace::new(n),
        |work, id, credits| {
            let sources = batches[id as usize];
            let multiplicity: Vec<f64> = sources
                .iter()
                .map(|&s| 1.0 + f64::from(leaves_of[s as usize]))
                .collect();
            let results = batch::search_batch(csr, sources, &multiplicity, work, credits);
            if betweenness {
                for (&source, result) in sources.iter().zip(&results) {
                    let leaves = f64::from(leaves_of[source as usize]);
                    credit_leaves(credits, source, leaves, result.reach);
                }
            }
            results
        },
    );
    Swept {
        credits: swept.credits,
        results: swept.results.into_iter().flatten().collect(),
    }
}

/// One breadth-first search from `source` with Brandes' accumulation; adds `multiplicity` times
/// the dependencies to `credits` (when it is not empty: betweenness asked for). Each node `v`
/// has `hanging_of[v]` leaves left out of `csr` (none when it is empty).
fn search(
    csr: &Csr,
    source: usize,
    work: &mut Workspace,
    credits: &mut [f64],
    multiplicity: f64,
    hanging_of: &[u32],
) -> SourceResult {
    let betweenness = !credits.is_empty();
    // Plain slices and separate borrows, so the compiler keeps every array's address in a
    // register instead of reloading it after each write.
    let Workspace {
        position,
        sigma,
        order,
        dag,
        children_end,
        parents_end,
        level_ends,
        levels,
        unreached,
        ..
    } = work;
    let (position, sigma) = (position.as_mut_slice(), sigma.as_mut_slice());
    let (order, dag) = (order.as_mut_slice(), dag.as_mut_slice());
    let unreached = unreached.as_mut_slice();
    let (children_end, parents_end) = (children_end.as_mut_slice(), parents_end.as_mut_slice());
    let prefetch = Prefetch::new();
    level_ends.clear();
    levels.clear();
    position[source] = 0;
    sigma[0] = 1.0;
    order[0] = source as u32;
    let (mut found_end, mut dag_end) = (1usize, 0usize);
    // Level by level. A level is expanded top-down (from the frontier's edges) or bottom-up (from
    // the edges of the nodes not reached yet), whichever has fewer edges to scan: on affiliation
    // networks the middle levels reach most of the graph, and bottom-up then scans far less.
    // Both record the same shortest-path counts and DAG edges, level by level.
    //
    // Whether a neighbour is new, a child or neither cannot be predicted, so the loops do not
    // branch on it: every neighbour is written to the next free slot of `order` and `dag`, and
    // the end moves past it only when it belongs there; a path count gains 0.0 (which leaves its
    // bits unchanged) where it would not gain anything, by masking the bits of the addend.
    let mut frontier_degree = csr.degree(source);
    let mut unreached_degree = 2 * csr.edge_count() - frontier_degree;
    let mut unreached_built = false;
    let mut unreached_len = 0;
    let mut level_start = 0usize;
    while level_start < found_end {
        let level_end = found_end;
        let level_len = (level_end - level_start) as u32;
        let bottom_up = frontier_degree > unreached_degree;
        if bottom_up {
            if !unreached_built {
                unreached_len = list_unreached(position, unreached);
                unreached_built = true;
            }
            let mut kept = 0;
            for i in 0..unreached_len {
                let u = unreached[i];
                if position[u as usize] != UNREACHED {
                    continue; // reached by an earlier top-down level
                }
                let mut paths = 0.0;
                for &v in csr.neighbors(u as usize) {
                    let at = position[v as usize];
                    // In the frontier: numbered within [level_start, level_end).
                    let parent = at.wrapping_sub(level_start as u32) < level_len;
                    paths += only_if(parent, sigma[if parent { at as usize } else { 0 }]);
                    if betweenness {
                        dag[dag_end] = at;
                        dag_end += usize::from(parent);
                    }
                }
                if paths > 0.0 {
                    if betweenness {
                        parents_end[found_end] = dag_end as u32;
                    }
                    position[u as usize] = found_end as u32;
                    sigma[found_end] = paths;
                    order[found_end] = u;
                    found_end += 1;
                } else {
                    unreached[kept] = u;
                    kept += 1;
                }
            }
            unreached_len = kept;
        } else {
            let (offsets, targets) = (csr.offsets(), csr.targets());
            let last = level_end - 1;
            for index in level_start..level_end {
                // The frontier's lists lie at random in memory: ask for the one 4 nodes ahead
                // (its offset was asked for 4 nodes before), and for the offset 8 ahead.
                let near = order[(index + PREFETCH_AHEAD).min(last)] as usize;
                prefetch.hint(targets, offsets[near] as usize);
                let far = order[(index + 2 * PREFETCH_AHEAD).min(last)] as usize;
                prefetch.hint(offsets, far);
                let v = order[index];
                let paths = sigma[index];
                for &w in csr.neighbors(v as usize) {
                    let at = &mut position[w as usize];
                    let new = *at == UNREACHED;
                    *at = if new { found_end as u32 } else { *at };
                    let at = *at;
                    order[found_end] = w;
                    found_end += usize::from(new);
                    // In the next level: numbered from level_end on.
                    let child = at as usize >= level_end;
                    sigma[at as usize] += only_if(child, paths);
                    if betweenness {
                        dag[dag_end] = at;
                        dag_end += usize::from(child);
                    }
                }
                if betweenness {
                    children_end[index] = dag_end as u32;
                }
            }
        }
        level_ends.push((level_end, dag_end, bottom_up));
        let found = found_end - level_end;
        if found > 0 {
            levels.push(found as u32);
        }
        frontier_degree = order[level_end..found_end]
            .iter()
            .map(|&v| csr.degree(v as usize))
            .sum();
        unreached_degree -= frontier_degree;
        level_start = level_end;
    }
    if betweenness {
        accumulate(work, found_end, credits, multiplicity, hanging_of);
    } else if !hanging_of.is_empty() {
        count_hanging(work, hanging_of);
    }
    let result = SourceResult::from_levels(&work.levels);
    for &w in &work.order[..found_end] {
        work.position[w as usize] = UNREACHED;
    }
    work.sigma[..found_end].fill(0.0);
    result
}

/// Lists the nodes whose `position` is [`UNREACHED`] in `unreached` (n + 1 slots), in order,
/// and returns their number. Every node is written to the next free slot and the end moves past
/// it only when it is unreached: that cannot be predicted, and a branch on it took 5 % of a
/// search at 30k nodes.
fn list_unreached(position: &[u32], unreached: &mut [u32]) -> usize {
    let mut end = 0;
    for (node, &at) in position.iter().enumerate() {
        unreached[end] = node as u32;
        end += usize::from(at == UNREACHED);
    }
    end
}

/// How many nodes ahead the searches ask for what they will read (measured on the 100k graph:
/// 4 and 8 alike, 2 less).
const PREFETCH_AHEAD: usize = 4;

/// `value` when `keep`, else 0.0, without a branch (adding 0.0 to a count leaves it unchanged).
fn only_if(keep: bool, value: f64) -> f64 {
    f64::from_bits(value.to_bits() & u64::from(keep).wrapping_neg())
}

/// Brandes' dependencies, level by level from the farthest: δ(v) = σ(v) · Σ (1 + δ(w)) / σ(w)
/// over v's children w. Each node's (1 + δ) / σ is computed once, when its level is done, so
/// the DAG edges (read in sequence, not found again by scanning neighbours) only add; adds
/// `multiplicity` times the dependencies of the `reached` nodes to `credits`. The source, at
/// position 0, gets no credit. A node's `hanging_of` leaves add 1 each to its dependency (their
/// own is 0 and their σ is the node's), and are counted one level farther in `levels`.
fn accumulate(
    work: &mut Workspace,
    reached: usize,
    credits: &mut [f64],
    multiplicity: f64,
    hanging_of: &[u32],
) {
    let (sigma, order, flow) = (&work.sigma, &work.order, &mut work.flow[..reached]);
    let levels = &mut work.levels;
    let dag = &work.dag;
    let prefetch = Prefetch::new();
    flow.fill(0.0);
    for level in (0..work.level_ends.len()).rev() {
        let (start, dag_start) = match level {
            0 => (0, 0),
            _ => {
                let (start, dag_start, _) = work.level_ends[level - 1];
                (start, dag_start)
            }
        };
        let (end, _, bottom_up) = work.level_ends[level];
        let mut from = dag_start;
        let mut hung = 0;
        if bottom_up {
            // Edges grouped by child: each child's flow goes to each of its parents.
            let next_end = work.level_ends.get(level + 1).map_or(end, |&(e, _, _)| e);
            for child in end..next_end {
                let to = work.parents_end[child] as usize;
                // Read once: the compiler cannot tell that no parent is the child itself.
                let share = flow[child];
                for &parent in &dag[from..to] {
                    flow[parent as usize] += share;
                }
                from = to;
            }
        }
        for position in start..end {
            if !bottom_up {
                // Edges grouped by parent: its children's flows, added in a register.
                let to = work.children_end[position] as usize;
                flow[position] = dag[from..to]
                    .iter()
                    .fold(0.0, |sum, &child| sum + flow[child as usize]);
                from = to;
            }
            let node = order[position] as usize;
            let leaves = hanging_of.get(node).copied().unwrap_or(0);
            hung += leaves;
            // Adding 0.0 where no leaf hangs leaves the bits unchanged.
            let delta = sigma[position] * flow[position] + f64::from(leaves);
            // Credits and leaves are kept by node, at random from here: ask for the ones 8
            // ahead.
            let ahead = order[(position + 2 * PREFETCH_AHEAD).min(end - 1)] as usize;
            prefetch.hint(credits, ahead);
            prefetch.hint(hanging_of, ahead);
            if position > 0 {
                credits[node] += multiplicity * delta;
            }
            flow[position] = (1.0 + delta) / sigma[position];
        }
        add_hanging(levels, level, hung);
    }
}

/// Counts in `work.levels` the leaves left out of the search ([`foldable`]), one level beyond
/// the nodes they hang from (what [`accumulate`] does on its way).
fn count_hanging(work: &mut Workspace, hanging_of: &[u32]) {
    let mut start = 0;
    for (level, &(end, _, _)) in work.level_ends.iter().enumerate() {
        let hung = work.order[start..end]
            .iter()
            .map(|&v| hanging_of[v as usize])
            .sum();
        add_hanging(&mut work.levels, level, hung);
        start = end;
    }
}

/// Adds `hung` nodes at distance `level + 1` to `levels` (nodes found at distance 1, 2, …).
fn add_hanging(levels: &mut Vec<u32>, level: usize, hung: u32) {
    if hung > 0 {
        if levels.len() <= level {
            levels.resize(level + 1, 0);
        }
        levels[level] += hung;
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
        let expected = brute_betweenness(n, &edges);
        // One by one (leaves left out of the searches) and in batches.
        for batched in [false, true] {
            let sums = path_sums_by(&csr, &Sources::All, Wanted::BETWEENNESS, batched);
            check_leaf_shortcut(&sums, &expected);
        }
    }

    /// The figures `leaf_shortcut_matches_brute_force` expects of its graph.
    fn check_leaf_shortcut(sums: &PathSums, expected: &[f64]) {
        for (v, (got, want)) in sums.betweenness.iter().zip(expected).enumerate() {
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

    /// Asserts that two kernels found the same distance sums, and betweenness within
    /// `relative` (their sums may be added in another order).
    fn assert_same_sums(a: &PathSums, b: &PathSums, relative: f64) {
        assert_eq!(a.distance_sum, b.distance_sum);
        assert_eq!(a.reach, b.reach);
        assert_eq!(a.harmonic, b.harmonic);
        assert_eq!(a.betweenness.len(), b.betweenness.len());
        for (v, (x, y)) in a.betweenness.iter().zip(&b.betweenness).enumerate() {
            assert!(
                (x - y).abs() <= relative * x.abs().max(1.0),
                "node {v}: {x} vs {y}"
            );
        }
    }

    /// A ring of `len` nodes, each also tied to node `v · stride + shift` (mod `len`).
    fn ring_with_chords(len: u32, stride: u32, shift: u32) -> Vec<(u32, u32, f64)> {
        (0..len)
            .flat_map(|v| {
                [
                    (v, (v + 1) % len, 1.0),
                    (v, (v * stride + shift) % len, 1.0),
                ]
            })
            .collect()
    }

    #[test]
    fn batches_agree_with_single_searches() {
        // 150 nodes (several batches and a partial one): a ring with chords, leaves and a
        // separate component.
        let mut edges = ring_with_chords(120, 7, 3);
        for v in 120..140u32 {
            edges.push((v, v % 17, 1.0));
        }
        for v in 140..149u32 {
            edges.push((v, v + 1, 1.0));
        }
        let csr = Csr::from_edges(150, &edges);
        for wanted in [Wanted::BETWEENNESS, Wanted::DISTANCES] {
            let single = path_sums_ordered(&csr, &[], &Sources::All, wanted, false);
            let batched = path_sums_ordered(&csr, &[], &Sources::All, wanted, true);
            assert_same_sums(&single, &batched, 1e-9);
        }
        let pivots = Sources::Pivots(vec![3, 40, 77, 141]);
        let single = path_sums_ordered(&csr, &[], &pivots, Wanted::BETWEENNESS, false);
        let batched = path_sums_ordered(&csr, &[], &pivots, Wanted::BETWEENNESS, true);
        for (a, b) in single.betweenness.iter().zip(&batched.betweenness) {
            assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0));
        }
    }

    #[test]
    fn leaves_left_out_agree_with_leaves_searched() {
        // A ring with chords; leaves hanging from ring nodes (several from one), from a leaf's
        // neighbour of degree 2 and from a hub; a separate edge, a path and isolated nodes.
        let mut edges = ring_with_chords(60, 11, 5);
        for v in 60..90u32 {
            edges.push((v, (v * 7) % 13, 1.0));
        }
        edges.extend([(90, 91, 1.0), (92, 93, 1.0), (93, 94, 1.0), (94, 95, 1.0)]);
        edges.extend([(96, 0, 1.0), (97, 96, 1.0)]);
        let n = 100;
        let csr = Csr::from_edges(n, &edges);
        assert!(foldable(&csr).iter().filter(|&&f| f).count() > 30);
        for wanted in [Wanted::BETWEENNESS, Wanted::DISTANCES] {
            let searched = path_sums_ordered(&csr, &[], &Sources::All, wanted, false);
            let left_out = path_sums_by(&csr, &Sources::All, wanted, false);
            assert_same_sums(&searched, &left_out, 1e-12);
        }
        let expected = brute_betweenness(n, &edges);
        let left_out = path_sums_by(&csr, &Sources::All, Wanted::BETWEENNESS, false);
        for (v, (got, want)) in left_out.betweenness.iter().zip(&expected).enumerate() {
            assert!((got - want).abs() < 1e-9, "node {v}: {got} vs {want}");
        }
    }
}
