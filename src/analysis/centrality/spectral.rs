//! Eigenvector centrality and PageRank by sparse power iteration.

use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;

/// A weighted undirected graph as power iteration reads it: products with its adjacency
/// matrix A.
pub trait Adjacency {
    /// Number of nodes.
    fn node_count(&self) -> usize;
    /// Each node's strength (Σ of its tie weights).
    fn strengths(&self) -> Vec<f64>;
    /// `out[v]` = (x[v] when `keep`, else 0) + Σ_w A_vw · x[w] / divisor[w] (no division
    /// without `divisor`; only nodes with ties are divided by).
    fn spread(&self, x: &[f64], divisor: Option<&[f64]>, keep: bool, out: &mut [f64]);
}

impl Adjacency for Csr {
    fn node_count(&self) -> usize {
        Csr::node_count(self)
    }

    fn strengths(&self) -> Vec<f64> {
        (0..Csr::node_count(self))
            .map(|v| self.weights(v).iter().sum())
            .collect()
    }

    fn spread(&self, x: &[f64], divisor: Option<&[f64]>, keep: bool, out: &mut [f64]) {
        for (v, slot) in out.iter_mut().enumerate() {
            let mut sum = if keep { x[v] } else { 0.0 };
            let ties = self.neighbors(v).iter().zip(self.weights(v));
            match divisor {
                Some(divisor) => {
                    for (&w, &weight) in ties {
                        let w = w as usize;
                        sum += x[w] * weight / divisor[w];
                    }
                }
                None => {
                    for (&w, &weight) in ties {
                        sum += x[w as usize] * weight;
                    }
                }
            }
            *slot = sum;
        }
    }
}

/// Through the cliques: (A·x)[v] = Σ over v's cliques c of (Σ_{w∈c} x[w] − x[v]), since the
/// weight of a tie is the number of cliques holding both ends. O(Σ clique sizes) a product
/// where the pairs would be O(Σ sizes²).
impl Adjacency for CliqueUnion {
    fn node_count(&self) -> usize {
        CliqueUnion::node_count(self)
    }

    fn strengths(&self) -> Vec<f64> {
        (0..CliqueUnion::node_count(self))
            .map(|v| self.strength(v))
            .collect()
    }

    fn spread(&self, x: &[f64], divisor: Option<&[f64]>, keep: bool, out: &mut [f64]) {
        let scaled: Vec<f64> = match divisor {
            Some(divisor) => x
                .iter()
                .zip(divisor)
                .map(|(&value, &d)| if d > 0.0 { value / d } else { 0.0 })
                .collect(),
            None => x.to_vec(),
        };
        let sums: Vec<f64> = (0..self.clique_count())
            .map(|c| self.members(c).iter().map(|&w| scaled[w as usize]).sum())
            .collect();
        for (v, slot) in out.iter_mut().enumerate() {
            let own = scaled[v];
            let mut sum = if keep { x[v] } else { 0.0 };
            for &c in self.cliques_of(v) {
                sum += sums[c as usize] - own;
            }
            *slot = sum;
        }
    }
}

/// Outcome of a power iteration.
#[derive(Debug, Clone, PartialEq)]
pub struct Iterated {
    /// The scores, one per node.
    pub scores: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// Whether the tolerance was met before the iteration cap.
    pub converged: bool,
}

impl Iterated {
    /// The result on a graph without nodes.
    fn empty() -> Iterated {
        Iterated {
            scores: Vec::new(),
            iterations: 0,
            converged: true,
        }
    }
}

/// Stop when the L1 change of the score vector falls below this. Absolute, not scaled by the
/// node count as NetworkX's `N·tol` is, so large graphs are not stopped early.
pub const TOLERANCE: f64 = 1e-12;

/// Iteration cap.
pub const MAX_ITERATIONS: usize = 100_000;

/// Eigenvector centrality: the principal eigenvector of `A + I` (weighted), unit Euclidean norm.
///
/// Iterating on `A + I` rather than `A` is what NetworkX does, and it is necessary: on a
/// two-mode graph `A` has eigenvalues `λ` and `−λ`, so plain iteration oscillates forever. The
/// start is uniform, which also defines the result on disconnected graphs: components whose
/// spectral radius is below the largest one decay to 0, as in NetworkX.
///
/// Complexity: O(m) per iteration; the number of iterations depends on the spectral gap.
/// Reference: Bonacich (1987); NetworkX `eigenvector_centrality`.
pub fn eigenvector(graph: &(impl Adjacency + ?Sized)) -> Iterated {
    let n = graph.node_count();
    if n == 0 {
        return Iterated::empty();
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for iteration in 1..=MAX_ITERATIONS {
        graph.spread(&x, None, true, &mut next);
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm > 0.0 { norm } else { 1.0 };
        let mut change = 0.0;
        for v in 0..n {
            next[v] /= norm;
            change += (next[v] - x[v]).abs();
        }
        std::mem::swap(&mut x, &mut next);
        if change < TOLERANCE * (n as f64).sqrt().max(1.0) {
            return Iterated {
                scores: x,
                iterations: iteration,
                converged: true,
            };
        }
    }
    Iterated {
        scores: x,
        iterations: MAX_ITERATIONS,
        converged: false,
    }
}

/// PageRank with damping `alpha` on the undirected weighted graph, as NetworkX computes it:
/// each edge is followed both ways with probability proportional to its weight; a node without
/// edges (dangling) spreads its score uniformly; uniform teleport. Scores sum to 1.
///
/// Complexity: O(m) per iteration; about log(tolerance)/log(alpha) iterations.
/// Reference: Page et al. (1999); NetworkX `pagerank`.
pub fn pagerank(graph: &(impl Adjacency + ?Sized), alpha: f64) -> Iterated {
    let n = graph.node_count();
    if n == 0 {
        return Iterated::empty();
    }
    let uniform = 1.0 / n as f64;
    let strength = graph.strengths();
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    for iteration in 1..=MAX_ITERATIONS {
        let dangling: f64 = (0..n).filter(|&v| strength[v] == 0.0).map(|v| x[v]).sum();
        let base = alpha * dangling * uniform + (1.0 - alpha) * uniform;
        graph.spread(&x, Some(&strength), false, &mut next);
        for slot in next.iter_mut() {
            *slot = alpha * *slot + base;
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < TOLERANCE {
            return Iterated {
                scores: x,
                iterations: iteration,
                converged: true,
            };
        }
    }
    Iterated {
        scores: x,
        iterations: MAX_ITERATIONS,
        converged: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagerank_of_a_path_is_symmetric_and_sums_to_one() {
        let csr = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let result = pagerank(&csr, 0.85);
        assert!(result.converged);
        let sum: f64 = result.scores.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert!((result.scores[0] - result.scores[2]).abs() < 1e-12);
        assert!(result.scores[1] > result.scores[0]);
    }

    #[test]
    fn eigenvector_settles_on_a_bipartite_star() {
        // A star is bipartite: plain power iteration on A would oscillate.
        let csr = Csr::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let result = eigenvector(&csr);
        assert!(result.converged);
        // Principal eigenvector of a star K1,3: centre 1/√2, leaves 1/√6.
        assert!((result.scores[0] - 0.5f64.sqrt()).abs() < 1e-9);
        assert!((result.scores[1] - (1.0f64 / 6.0).sqrt()).abs() < 1e-9);
    }
}
