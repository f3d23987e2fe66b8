//! The bodies graph held as the union of its cliques: one per mechanism or forum (its members),
//! one per parent link that shares nothing. A mechanism of k participants is k² / 2 edges of the
//! projection but only k memberships here, so analyses that read it through this form need
//! O(n + Σ k) memory where the projection needs O(n + Σ k²): 10,000 participants of one
//! mechanism are 50 million pairs, or 10,000 memberships.

use super::csr::Csr;
use super::project::body_affiliations;
use super::BuildOptions;
use crate::model::Dataset;

/// A graph given as a union of cliques; the weight of a tie is the number of cliques holding
/// both ends (the bodies projection's weight: items shared, or 1 for a parent link).
#[derive(Debug, Clone, PartialEq)]
pub struct CliqueUnion {
    /// The members of each clique (two or more), ascending.
    members: Vec<Vec<u32>>,
    /// The cliques of each node, ascending.
    cliques: Vec<Vec<u32>>,
}

impl CliqueUnion {
    /// The union of `members` (each clique's nodes, ascending, without repeats) over `nodes`
    /// nodes; cliques of fewer than two members tie nothing and are left out.
    pub fn new(nodes: usize, members: Vec<Vec<u32>>) -> CliqueUnion {
        let members: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() >= 2).collect();
        let mut cliques = vec![Vec::new(); nodes];
        for (c, list) in members.iter().enumerate() {
            for &v in list {
                cliques[v as usize].push(c as u32);
            }
        }
        CliqueUnion { members, cliques }
    }

    /// The bodies graph of `dataset` (node v is `dataset.bodies[v]`), as
    /// [`super::project::bodies_csr`] builds it but without its pairs: with `options.hierarchy`,
    /// a body and its parent that share nothing are one more clique of two.
    pub fn bodies(dataset: &Dataset, options: BuildOptions) -> CliqueUnion {
        let mut members: Vec<Vec<u32>> = body_affiliations(dataset)
            .into_iter()
            .map(|(_, list)| list.into_iter().map(|v| v as u32).collect())
            .collect();
        let nodes = dataset.bodies.len();
        if options.hierarchy {
            let union = CliqueUnion::new(nodes, members.clone());
            let position: std::collections::HashMap<&str, u32> = dataset
                .bodies
                .iter()
                .enumerate()
                .map(|(i, b)| (b.id.as_str(), i as u32))
                .collect();
            for (child, body) in dataset.bodies.iter().enumerate() {
                let Some(&parent) = body.parent.as_deref().and_then(|p| position.get(p)) else {
                    continue;
                };
                if parent as usize != child && !union.share_a_clique(child, parent as usize) {
                    let (a, b) = (child as u32, parent);
                    members.push(vec![a.min(b), a.max(b)]);
                }
            }
        }
        CliqueUnion::new(nodes, members)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.cliques.len()
    }

    /// Whether nodes `a` and `b` lie in a common clique.
    fn share_a_clique(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.cliques[a], &self.cliques[b]);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The neighbours of `v` with their tie weights, each once, in no set order; `scratch`
    /// must come from [`CliqueUnion::scratch`] and is left clean. Complexity: O(Σ sizes of
    /// v's cliques).
    pub fn neighbours<'s>(&self, v: usize, scratch: &'s mut Scratch) -> &'s [(u32, f64)] {
        scratch.found.clear();
        for &c in &self.cliques[v] {
            for &w in &self.members[c as usize] {
                if w as usize == v {
                    continue;
                }
                let slot = &mut scratch.slot[w as usize];
                if *slot == 0 {
                    scratch.found.push((w, 0.0));
                    *slot = scratch.found.len() as u32;
                }
                scratch.found[*slot as usize - 1].1 += 1.0;
            }
        }
        for &(w, _) in &scratch.found {
            scratch.slot[w as usize] = 0;
        }
        &scratch.found
    }

    /// A scratch buffer for [`CliqueUnion::neighbours`].
    pub fn scratch(&self) -> Scratch {
        Scratch {
            slot: vec![0; self.node_count()],
            found: Vec::new(),
        }
    }

    /// The graph with a hub node per clique of three or more (numbered from
    /// [`CliqueUnion::node_count`] on) joined to its members, and the cliques of two as plain
    /// edges: O(n + Σ k) edges. Two nodes are joined by a path avoiding a third node here
    /// exactly when they are in the union, so components and cut points carry over (hubs
    /// left out), and a tie of two nodes is a bridge here exactly when it is in the union.
    pub fn star_expansion(&self) -> Csr {
        let n = self.node_count() as u32;
        let mut edges: Vec<(u32, u32, f64)> = Vec::new();
        let mut hubs = 0u32;
        for list in &self.members {
            if let [a, b] = list[..] {
                edges.push((a, b, 1.0));
                continue;
            }
            let hub = n + hubs;
            hubs += 1;
            edges.extend(list.iter().map(|&v| (v, hub, 1.0)));
        }
        edges.sort_unstable_by_key(|&(a, b, _)| (a, b));
        edges.dedup_by_key(|e| (e.0, e.1));
        Csr::from_edges((n + hubs) as usize, &edges)
    }

    /// The projection itself as a CSR (O(Σ k²) memory): for tests and small graphs.
    pub fn to_csr(&self) -> Csr {
        let mut scratch = self.scratch();
        let mut edges = Vec::new();
        for v in 0..self.node_count() {
            for &(w, weight) in self.neighbours(v, &mut scratch) {
                if (v as u32) < w {
                    edges.push((v as u32, w, weight));
                }
            }
        }
        Csr::from_edges(self.node_count(), &edges)
    }
}

/// Per-caller buffers of [`CliqueUnion::neighbours`].
#[derive(Debug, Clone)]
pub struct Scratch {
    /// 1 + the position of each node in `found`; 0 for the others.
    slot: Vec<u32>,
    /// The neighbours found, with their weights.
    found: Vec<(u32, f64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_union_is_the_projection() {
        // Cliques {0,1,2}, {1,2}, {3,4}; node 5 alone.
        let union = CliqueUnion::new(6, vec![vec![0, 1, 2], vec![1, 2], vec![3, 4], vec![5]]);
        let csr = union.to_csr();
        assert_eq!(csr.neighbors(1), &[0, 2]);
        assert_eq!(csr.weights(1), &[1.0, 2.0]);
        assert_eq!(csr.degree(5), 0);
        let star = union.star_expansion();
        // One hub (node 6) for the triangle; the pairs are edges.
        assert_eq!(star.node_count(), 7);
        assert_eq!(star.neighbors(6), &[0, 1, 2]);
        assert_eq!(star.neighbors(3), &[4]);
    }
}
