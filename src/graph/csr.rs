//! Compressed sparse row adjacency with `u32` ids: the compact, cache-friendly form the
//! centrality kernels run on.

use petgraph::graph::UnGraph;

/// Undirected adjacency in CSR form; each edge appears in both endpoints' lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr {
    /// Builds the CSR of `graph`, taking each edge's weight from `weight`. Neighbour lists are
    /// sorted by id so results do not depend on edge insertion order.
    pub fn from_graph<N, E>(graph: &UnGraph<N, E>, weight: impl Fn(&E) -> f64) -> Csr {
        let weight = &weight;
        let edges = graph.edge_indices().filter_map(move |e| {
            let (a, b) = graph.edge_endpoints(e)?;
            Some((a.index() as u32, b.index() as u32, weight(&graph[e])))
        });
        Csr::assemble(graph.node_count(), edges, true)
    }

    /// Builds the CSR of `nodes` nodes from undirected `edges` (self-loops are dropped).
    pub fn from_edges(nodes: usize, edges: &[(u32, u32, f64)]) -> Csr {
        Csr::assemble(nodes, edges.iter().copied(), true)
    }

    /// This graph's ties with node `v` renamed `new_of_old[v]`, neighbour lists sorted again,
    /// without the weights (the searches that renumber count hops; at 100k nodes the weights
    /// are 6.7 MB): [`Csr::weights`] of the result is empty.
    pub fn renumbered(&self, new_of_old: &[u32]) -> Csr {
        self.renumbered_within(new_of_old, self.node_count())
    }

    /// [`Csr::renumbered`] keeping only the `nodes` nodes renamed below `nodes` and the ties
    /// among them (the rest are left out of a search and accounted for by its caller).
    pub fn renumbered_within(&self, new_of_old: &[u32], nodes: usize) -> Csr {
        let kept = move |v: usize| (new_of_old[v] as usize) < nodes;
        let edges = (0..self.node_count())
            .filter(move |&v| kept(v))
            .flat_map(move |v| {
                self.neighbors(v)
                    .iter()
                    .zip(self.weights(v))
                    .filter(move |(&w, _)| (v as u32) < w && kept(w as usize))
                    .map(move |(&w, &weight)| (new_of_old[v], new_of_old[w as usize], weight))
            });
        Csr::assemble(nodes, edges, false)
    }

    /// Builds the CSR from an edge iterator read twice (degrees, then placement), so that no
    /// list of the edges is held besides the CSR itself; the weights only when `weighted`.
    fn assemble(
        nodes: usize,
        edges: impl Iterator<Item = (u32, u32, f64)> + Clone,
        weighted: bool,
    ) -> Csr {
        let mut offsets = vec![0u32; nodes + 1];
        for (a, b, _) in edges.clone() {
            if a != b {
                offsets[a as usize + 1] += 1;
                offsets[b as usize + 1] += 1;
            }
        }
        for v in 0..nodes {
            offsets[v + 1] += offsets[v];
        }
        let total = offsets[nodes] as usize;
        let mut fill = offsets[..nodes].to_vec();
        let mut targets = vec![0u32; total];
        let mut weights = vec![0.0f64; if weighted { total } else { 0 }];
        for (a, b, w) in edges {
            if a == b {
                continue;
            }
            for (from, to) in [(a, b), (b, a)] {
                let slot = fill[from as usize] as usize;
                targets[slot] = to;
                if weighted {
                    weights[slot] = w;
                }
                fill[from as usize] += 1;
            }
        }
        if !weighted {
            for v in 0..nodes {
                targets[offsets[v] as usize..offsets[v + 1] as usize].sort_unstable();
            }
            return Csr {
                offsets,
                targets,
                weights,
            };
        }
        let mut pairs: Vec<(u32, f64)> = Vec::new();
        for v in 0..nodes {
            let range = offsets[v] as usize..offsets[v + 1] as usize;
            pairs.clear();
            pairs.extend(
                targets[range.clone()]
                    .iter()
                    .copied()
                    .zip(weights[range.clone()].iter().copied()),
            );
            pairs.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
            for (slot, (target, weight)) in range.zip(&pairs) {
                targets[slot] = *target;
                weights[slot] = *weight;
            }
        }
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Builds a directed CSR from one list of targets per node, kept in the given order, every
    /// weight 1 (a membership table: the members of each clique, the cliques of each node).
    pub fn from_lists(lists: &[Vec<u32>]) -> Csr {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        offsets.push(0u32);
        let mut targets = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            targets.extend_from_slice(list);
            offsets.push(targets.len() as u32);
        }
        let weights = vec![1.0; targets.len()];
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of undirected edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// The neighbours of `v`, sorted.
    pub fn neighbors(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    /// The weights of `v`'s edges, parallel to [`Csr::neighbors`]; empty for a graph kept
    /// without weights ([`Csr::renumbered`]).
    pub fn weights(&self, v: usize) -> &[f64] {
        if self.weights.is_empty() {
            return &[];
        }
        &self.weights[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }

    /// Where each node's list starts in [`Csr::targets`], and one past the last (for prefetch
    /// hints: the kernels ask for a list before they read it).
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// Every node's neighbours, one list after the other.
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }

    /// The number of neighbours of `v`.
    pub fn degree(&self, v: usize) -> usize {
        (self.offsets[v + 1] - self.offsets[v]) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_sorted_neighbours_both_ways() {
        let csr = Csr::from_edges(4, &[(2, 0, 1.0), (0, 1, 2.0), (3, 3, 1.0)]);
        assert_eq!(csr.neighbors(0), &[1, 2]);
        assert_eq!(csr.weights(0), &[2.0, 1.0]);
        assert_eq!(csr.neighbors(2), &[0]);
        assert_eq!(csr.degree(3), 0);
        assert_eq!(csr.edge_count(), 2);
        // Renumbered: the same ties under new names, sorted again, without weights.
        let renamed = csr.renumbered(&[3, 2, 1, 0]);
        assert_eq!(renamed.neighbors(3), &[1, 2]);
        assert_eq!(renamed.neighbors(1), &[3]);
        assert_eq!(renamed.weights(3), &[] as &[f64]);
        assert_eq!(renamed.edge_count(), 2);
        // Within the first three new names: node 0 (renamed 3) and its ties are left out.
        let part = csr.renumbered_within(&[3, 2, 1, 0], 3);
        assert_eq!(part.node_count(), 3);
        assert_eq!(part.edge_count(), 0);
        let part = csr.renumbered_within(&[0, 2, 1, 3], 3);
        assert_eq!(part.neighbors(0), &[1, 2]);
        assert_eq!(part.edge_count(), 2);
    }
}
