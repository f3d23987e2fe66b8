//! Runs a search from every source in parallel and adds up what the searches credit to each
//! node, with the same bits on any number of threads.
//!
//! Sources are cut into a fixed number of chunks (independent of the thread count); each chunk
//! adds its searches into a vector of its own, in source order, and the chunk vectors are added
//! to the total in chunk order. Floating-point addition is not associative, so both orders must
//! be fixed for the result not to depend on scheduling. Workers take chunks in order and may run
//! at most a few chunks ahead of the oldest unfinished one, so only about two vectors per thread
//! exist at a time, whatever the number of chunks.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, PoisonError};

/// Number of chunks the sources are cut into: enough for the threads to finish together.
const CHUNKS: usize = 256;

/// What one search yields for its source: distance sums for closeness and harmonic centrality.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SourceResult {
    /// Σ of distances to every reached node.
    pub distance_sum: f64,
    /// Number of nodes reached, the source included.
    pub reach: u32,
    /// Σ of 1/distance over the other reached nodes.
    pub harmonic: f64,
    /// Σ of 1/(distance + 1) over the other reached nodes (for leaves hanging from the source).
    pub harmonic_shifted: f64,
    /// The largest distance found (the source's eccentricity in its component).
    pub farthest: u32,
}

impl SourceResult {
    /// The sums of a search that found `counts[k]` nodes at distance k + 1.
    pub fn from_levels(counts: &[u32]) -> SourceResult {
        let mut result = SourceResult {
            reach: 1 + counts.iter().sum::<u32>(),
            farthest: counts.len() as u32,
            ..SourceResult::default()
        };
        for (index, &count) in counts.iter().enumerate() {
            let (d, c) = ((index + 1) as f64, f64::from(count));
            result.distance_sum += d * c;
            result.harmonic += c / d;
            result.harmonic_shifted += c / (d + 1.0);
        }
        result
    }
}

/// Adds what one search tells its targets to `targets` (three lanes of n: distance, reached,
/// harmonic): every node found at distance d ≥ 1 gains d, 1 and 1/d. `order` lists the nodes
/// found in order of distance and `level_ends[d]` is where distance d ends in it.
///
/// Summed over seeded pivots, these estimate every node's closeness and harmonic centrality
/// (Eppstein & Wang 2004): the graph is undirected, so d(s, v) = d(v, s).
pub fn credit_targets(order: &[u32], level_ends: impl Iterator<Item = usize>, targets: &mut [f64]) {
    let n = targets.len() / 3;
    let (distance, rest) = targets.split_at_mut(n);
    let (reached, harmonic) = rest.split_at_mut(n);
    let mut start = 0;
    for (d, end) in level_ends.enumerate() {
        let (hops, inverse) = (d as f64, if d > 0 { 1.0 / d as f64 } else { 0.0 });
        if d > 0 {
            for &v in &order[start..end] {
                let v = v as usize;
                distance[v] += hops;
                reached[v] += 1.0;
                harmonic[v] += inverse;
            }
        }
        start = end;
    }
}

/// The added-up credits (length `width`) and each source's own result, in the order of
/// `sources`.
pub struct Swept<R = SourceResult> {
    /// Σ over sources of what each search credited to each node.
    pub credits: Vec<f64>,
    /// The result of each source's search, parallel to the source list.
    pub results: Vec<R>,
}

/// Runs `search(workspace, source, credits)` for every source (or whatever the `u32` items
/// stand for, such as batches of sources), in parallel on rayon's number of
/// threads; each thread gets one workspace made by `workspace()`. Workspaces and credit vectors
/// are allocated up front on the calling thread, where the memory freed by loading can be
/// reused (a new thread would take fresh memory for them). `search` adds what it credits to
/// nodes into the slice it is given, of length `width` (n per kind of credit, 0 for none).
///
/// Complexity: the searches, plus O(width) per chunk to add the chunk vectors; memory
/// O(width) per thread besides the workspaces.
pub fn sweep<W: Send, R: Send>(
    width: usize,
    sources: &[u32],
    workspace: impl Fn() -> W + Sync,
    search: impl Fn(&mut W, u32, &mut [f64]) -> R + Sync,
) -> Swept<R> {
    let chunk_len = sources.len().div_ceil(CHUNKS).max(1);
    let chunks: Vec<&[u32]> = sources.chunks(chunk_len).collect();
    let threads = rayon::current_num_threads().clamp(1, chunks.len().max(1));
    let state = Mutex::new(Merge {
        next: 0,
        merged: 0,
        pending: BTreeMap::new(),
        spare: (0..3 * threads).map(|_| vec![0.0; width]).collect(),
        swept: Swept {
            credits: vec![0.0; width],
            results: Vec::with_capacity(sources.len()),
        },
    });
    let wake = Condvar::new();
    let work = |mut scratch: W| {
        let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut merge = lock();
        loop {
            // Run at most two chunks per thread ahead of the oldest unfinished one.
            while merge.next < chunks.len() && merge.next >= merge.merged + 2 * threads {
                merge = wake.wait(merge).unwrap_or_else(PoisonError::into_inner);
            }
            if merge.next >= chunks.len() {
                return;
            }
            let index = merge.next;
            merge.next += 1;
            let mut partial = merge.spare.pop().unwrap_or_else(|| vec![0.0; width]);
            drop(merge);
            let results: Vec<R> = chunks[index]
                .iter()
                .map(|&source| search(&mut scratch, source, &mut partial))
                .collect();
            merge = lock();
            merge.pending.insert(index, (partial, results));
            merge.drain();
            wake.notify_all();
        }
    };
    let mut workspaces: Vec<W> = (0..threads).map(|_| workspace()).collect();
    let own = workspaces.pop();
    std::thread::scope(|scope| {
        for scratch in workspaces {
            scope.spawn(move || work(scratch));
        }
        if let Some(scratch) = own {
            work(scratch);
        }
    });
    state
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .swept
}

/// The shared state of a sweep: chunks handed out, chunks added, and finished chunks waiting
/// for their predecessors.
struct Merge<R> {
    next: usize,
    merged: usize,
    pending: BTreeMap<usize, (Vec<f64>, Vec<R>)>,
    spare: Vec<Vec<f64>>,
    swept: Swept<R>,
}

impl<R> Merge<R> {
    /// Adds the finished chunks that are next in order to the total.
    fn drain(&mut self) {
        while let Some((mut partial, results)) = self.pending.remove(&self.merged) {
            for (total, part) in self.swept.credits.iter_mut().zip(partial.iter_mut()) {
                *total += *part;
                *part = 0.0;
            }
            self.swept.results.extend(results);
            self.spare.push(partial);
            self.merged += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_follow_the_sources_and_credits_add_up_on_any_thread_count() {
        let sources: Vec<u32> = (0..1000).collect();
        let run = || {
            sweep(
                7,
                &sources,
                || 0u32,
                |calls, source, credits| {
                    *calls += 1;
                    credits[source as usize % 7] += 0.1 * f64::from(source);
                    SourceResult {
                        reach: source,
                        ..SourceResult::default()
                    }
                },
            )
        };
        let many = run();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool")
            .install(run);
        assert_eq!(many.credits, one.credits);
        let reach: Vec<u32> = many.results.iter().map(|r| r.reach).collect();
        assert_eq!(reach, sources);
        let total: f64 = many.credits.iter().sum();
        assert!((total - 0.1 * 999.0 * 1000.0 / 2.0).abs() < 1e-6);
        assert_eq!(SourceResult::from_levels(&[2, 1]).distance_sum, 4.0);
    }
}
