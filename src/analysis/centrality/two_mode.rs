//! Normalisations: Borgatti & Everett's two-mode conventions for the network, NetworkX's
//! defaults for one-mode graphs.
//!
//! On the two-mode network the node sets are bodies (the "top" set) and mechanisms + forums (the
//! "bottom" set). Each node is normalised against the sizes of its own set and the other set,
//! exactly as NetworkX's `bipartite` module does. The bundled network is not strictly two-mode:
//! `via` edges join a mechanism to a forum, both in the bottom set (and `part-of` edges, when
//! the hierarchy is included, join two bodies). The formulas are applied unchanged: they give
//! the maximum a node could reach in a complete bipartite graph of the same set sizes, so the
//! extra same-set paths can push a score slightly above what a strict two-mode graph allows.
//! Reference: Borgatti, S.P. & Everett, M.G. (1997), "Network analysis of 2-mode data", Social
//! Networks 19: 243–269.

/// Set sizes of a two-mode graph: `top` = bodies, `bottom` = mechanisms and forums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sets {
    /// Number of nodes in the top set.
    pub top: usize,
    /// Number of nodes in the bottom set.
    pub bottom: usize,
}

impl Sets {
    /// The size of the node's own set and of the other set.
    fn own_other(self, in_top: bool) -> (f64, f64) {
        if in_top {
            (self.top as f64, self.bottom as f64)
        } else {
            (self.bottom as f64, self.top as f64)
        }
    }
}

/// Two-mode degree: degree / size of the other set (NetworkX `bipartite.degree_centrality`).
pub fn degree(degree: usize, in_top: bool, sets: Sets) -> f64 {
    let (_, other) = sets.own_other(in_top);
    if other == 0.0 {
        0.0
    } else {
        degree as f64 / other
    }
}

/// The maximum betweenness a node of a set of size `n` can have against a set of size `m`
/// (Borgatti & Everett 1997, as in NetworkX `bipartite.betweenness_centrality`).
fn betweenness_max(n: usize, m: usize) -> f64 {
    if m == 0 || n == 0 {
        return 0.0;
    }
    let (n, m) = (n as i64, m as i64);
    let (s, t) = ((n - 1) / m, (n - 1) % m);
    (((m * m) * ((s + 1) * (s + 1)) + (m * (s + 1) * (2 * t - s - 1)) - (t * ((2 * s) - t + 3)))
        as f64)
        / 2.0
}

/// Two-mode betweenness from the raw ordered-pair sum.
pub fn betweenness(raw_ordered: f64, in_top: bool, sets: Sets) -> f64 {
    let maximum = if in_top {
        betweenness_max(sets.top, sets.bottom)
    } else {
        betweenness_max(sets.bottom, sets.top)
    };
    if maximum == 0.0 {
        0.0
    } else {
        raw_ordered / 2.0 / maximum
    }
}

/// Two-mode closeness, scaled by the share of nodes reached (NetworkX
/// `bipartite.closeness_centrality(normalized=True)`).
pub fn closeness(distance_sum: f64, reach: f64, in_top: bool, sets: Sets) -> f64 {
    let total = sets.top + sets.bottom;
    if distance_sum <= 0.0 || total <= 1 {
        return 0.0;
    }
    let (own, other) = sets.own_other(in_top);
    let share = (reach - 1.0) / (total - 1) as f64;
    (other + 2.0 * (own - 1.0)) / distance_sum * share
}

/// One-mode degree centrality: degree / (n − 1); 1 for every node of a graph of one node.
pub fn degree_one_mode(degree: usize, n: usize) -> f64 {
    if n <= 1 {
        1.0
    } else {
        degree as f64 / (n - 1) as f64
    }
}

/// One-mode betweenness, normalised by (n − 1)(n − 2) as NetworkX does (no scaling below 3
/// nodes), from the raw ordered-pair sum.
pub fn betweenness_one_mode(raw_ordered: f64, n: usize) -> f64 {
    if n <= 2 {
        raw_ordered
    } else {
        raw_ordered / ((n - 1) * (n - 2)) as f64
    }
}

/// One-mode closeness with the Wasserman–Faust correction for disconnected graphs:
/// (r − 1)/S · (r − 1)/(n − 1), with r nodes reached at total distance S (NetworkX default;
/// r is fractional when estimated).
pub fn closeness_one_mode(distance_sum: f64, reach: f64, n: usize) -> f64 {
    if distance_sum <= 0.0 || n <= 1 {
        return 0.0;
    }
    let reached = reach - 1.0;
    reached / distance_sum * (reached / (n - 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_centre_has_maximal_two_mode_betweenness() {
        // K1,3 with the centre alone in the top set: every pair of leaves runs through it.
        let sets = Sets { top: 1, bottom: 3 };
        // Raw ordered sum: 3 unordered pairs × 2.
        assert!((betweenness(6.0, true, sets) - 1.0).abs() < 1e-12);
        assert_eq!(degree(3, true, sets), 1.0);
        // Closeness of the centre: distance 1 to three nodes.
        assert!((closeness(3.0, 4.0, true, sets) - 1.0).abs() < 1e-12);
    }
}
