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

    /// Number of cliques.
    pub fn clique_count(&self) -> usize {
        self.members.len()
    }

    /// The members of clique `c`, ascending.
    pub fn members(&self, c: usize) -> &[u32] {
        &self.members[c]
    }

    /// The cliques of node `v`, ascending.
    pub fn cliques_of(&self, v: usize) -> &[u32] {
        &self.cliques[v]
    }

    /// The strength (weighted degree) of `v`: Σ over its cliques of the other members, each
    /// tie counted once per clique holding it. O(cliques of v).
    pub fn strength(&self, v: usize) -> f64 {
        self.cliques[v]
            .iter()
            .map(|&c| (self.members[c as usize].len() - 1) as f64)
            .fold(0.0, |a, b| a + b)
    }

    /// The number of distinct neighbours of `v` and the largest weight of its ties (0 and 0.0
    /// without ties). `v`'s largest clique is not scanned: its members are neighbours, and a
    /// neighbour found through another clique is looked up in it (binary search), so a node of
    /// a 10,000-member clique costs O(its other cliques' sizes · log), not O(10,000).
    pub fn tie_summary(&self, v: usize, scratch: &mut Scratch) -> (usize, f64) {
        let cliques = &self.cliques[v];
        let Some(&largest) = cliques
            .iter()
            .max_by_key(|&&c| (self.members[c as usize].len(), std::cmp::Reverse(c)))
        else {
            return (0, 0.0);
        };
        let big = &self.members[largest as usize];
        scratch.found.clear();
        for &c in cliques.iter().filter(|&&c| c != largest) {
            for &w in &self.members[c as usize] {
                if w as usize == v {
                    continue;
                }
                let slot = &mut scratch.slot[w as usize];
                if *slot == 0 {
                    let in_big = big.binary_search(&w).is_ok();
                    scratch.found.push((w, f64::from(u8::from(in_big))));
                    *slot = scratch.found.len() as u32;
                }
                scratch.found[*slot as usize - 1].1 += 1.0;
            }
        }
        let mut outside = 0;
        let mut heaviest = 1.0f64;
        for &(w, weight) in &scratch.found {
            scratch.slot[w as usize] = 0;
            heaviest = heaviest.max(weight);
            outside += usize::from(big.binary_search(&w).is_err());
        }
        (big.len() - 1 + outside, heaviest)
    }

    /// The cliques that lie inside no other clique (of two identical cliques, the first): a
    /// cover of the same ties, which is all that hop counts need. A 10,000-member clique
    /// swallows every smaller clique of its members, and with them the pairs that shared
    /// two cliques. Complexity: O(Σ over cliques of their size · the cliques of their
    /// least-tied member · log).
    pub fn maximal_cliques(&self) -> Vec<&[u32]> {
        let inside = |small: usize, big: usize| {
            let (a, b) = (&self.members[small], &self.members[big]);
            (a.len() < b.len() || (a.len() == b.len() && big < small))
                && a.iter().all(|w| b.binary_search(w).is_ok())
        };
        (0..self.members.len())
            .filter(|&c| {
                let list = &self.members[c];
                // Every clique holding this one holds its least-tied member.
                let pivot = list
                    .iter()
                    .min_by_key(|&&w| self.cliques[w as usize].len())
                    .copied()
                    .unwrap_or(0);
                !self.cliques[pivot as usize]
                    .iter()
                    .any(|&other| other as usize != c && inside(c, other as usize))
            })
            .map(|c| self.members[c].as_slice())
            .collect()
    }

    /// The maximal cliques ([`CliqueUnion::maximal_cliques`]), the maximal cliques of each
    /// node, and the pairs that share more than one of them: what counting hops or tied pairs
    /// needs, with each tie reached through as few cliques as the union allows.
    ///
    /// Complexity: O(Σ over nodes in two or more maximal cliques of those cliques' sizes).
    pub fn hop_cover(&self) -> HopCover {
        let n = self.node_count();
        let members: Vec<Vec<u32>> = self
            .maximal_cliques()
            .into_iter()
            .map(<[u32]>::to_vec)
            .collect();
        let mut of_node: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (clique, list) in members.iter().enumerate() {
            for &v in list {
                of_node[v as usize].push(clique as u32);
            }
        }
        let mut shared = vec![0u32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut extra: Vec<(u32, u32, f64)> = Vec::new();
        for (v, cliques) in of_node.iter().enumerate().filter(|(_, c)| c.len() > 1) {
            for &clique in cliques {
                for &w in members[clique as usize].iter().filter(|&&w| w as usize > v) {
                    if shared[w as usize] == 0 {
                        touched.push(w);
                    }
                    shared[w as usize] += 1;
                }
            }
            for &w in &touched {
                let k = std::mem::take(&mut shared[w as usize]);
                if k > 1 {
                    extra.push((v as u32, w, f64::from(k - 1)));
                }
            }
            touched.clear();
        }
        HopCover {
            members,
            of_node,
            extra,
        }
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

/// The maximal cliques of a union with what counting through them needs.
#[derive(Debug, Clone, PartialEq)]
pub struct HopCover {
    /// The members of each maximal clique, ascending.
    pub members: Vec<Vec<u32>>,
    /// The maximal cliques of each node, ascending.
    pub of_node: Vec<Vec<u32>>,
    /// The pairs (a < b) that share k > 1 maximal cliques, as (a, b, k − 1).
    pub extra: Vec<(u32, u32, f64)>,
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
