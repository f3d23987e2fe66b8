//! Compressed sparse row adjacency with `u32` ids: the compact, cache-friendly form the
//! centrality kernels run on.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

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
        let edges: Vec<(u32, u32, f64)> = graph
            .edge_references()
            .map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    weight(e.weight()),
                )
            })
            .collect();
        Csr::from_edges(graph.node_count(), &edges)
    }

    /// Builds the CSR of `nodes` nodes from undirected `edges` (self-loops are dropped).
    pub fn from_edges(nodes: usize, edges: &[(u32, u32, f64)]) -> Csr {
        let mut degree = vec![0u32; nodes + 1];
        for &(a, b, _) in edges {
            if a != b {
                degree[a as usize] += 1;
                degree[b as usize] += 1;
            }
        }
        let mut offsets = vec![0u32; nodes + 1];
        for v in 0..nodes {
            offsets[v + 1] = offsets[v] + degree[v];
        }
        let total = offsets[nodes] as usize;
        let mut fill = offsets.clone();
        let mut pairs = vec![(0u32, 0.0f64); total];
        for &(a, b, w) in edges {
            if a == b {
                continue;
            }
            pairs[fill[a as usize] as usize] = (b, w);
            fill[a as usize] += 1;
            pairs[fill[b as usize] as usize] = (a, w);
            fill[b as usize] += 1;
        }
        for v in 0..nodes {
            let (start, end) = (offsets[v] as usize, offsets[v + 1] as usize);
            pairs[start..end].sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        }
        let (targets, weights) = pairs.into_iter().unzip();
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

    /// The weights of `v`'s edges, parallel to [`Csr::neighbors`].
    pub fn weights(&self, v: usize) -> &[f64] {
        &self.weights[self.offsets[v] as usize..self.offsets[v + 1] as usize]
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
    }
}
