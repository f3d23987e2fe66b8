//! Brokerage: Gould–Fernandez roles between groups, and Burt's constraint and effective size.

use crate::graph::csr::Csr;
use serde::Serialize;

/// Gould–Fernandez brokerage counts of one node.
///
/// The roles come from two-step paths a → b → c with a and c not tied, b the broker, classified
/// by the groups of a, b and c (Gould & Fernandez 1989). The graph here is undirected, so it is
/// read as the symmetric directed graph (every tie both ways): each unordered pair {a, c} of the
/// broker's non-adjacent neighbours is counted twice, once in each direction. Coordinator,
/// itinerant and liaison counts are therefore twice the number of unordered pairs, and a pair
/// with one end in the broker's group counts once as representative (own group → other) and
/// once as gatekeeper (other → own group), so those two counts are always equal. This is what
/// UCINET or statnet report for a symmetrised network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Roles {
    /// a, b, c all in one group.
    pub coordinator: u64,
    /// a and c in one group, b in another.
    pub itinerant: u64,
    /// b and c in one group, a in another (b guards access to its group).
    pub gatekeeper: u64,
    /// a and b in one group, c in another (b speaks for its group).
    pub representative: u64,
    /// a, b and c in three different groups.
    pub liaison: u64,
}

impl Roles {
    /// All roles added up.
    pub fn total(&self) -> u64 {
        self.coordinator + self.itinerant + self.gatekeeper + self.representative + self.liaison
    }
}

/// Gould–Fernandez roles of every node, with `group[v]` the group of node v.
///
/// Complexity: O(Σ d²) pair checks, each O(log d) by binary search in the sorted neighbour lists.
pub fn gould_fernandez(csr: &Csr, group: &[u32]) -> Vec<Roles> {
    (0..csr.node_count())
        .map(|b| {
            let mut roles = Roles::default();
            let neighbours = csr.neighbors(b);
            for (i, &a) in neighbours.iter().enumerate() {
                for &c in &neighbours[i + 1..] {
                    if csr.neighbors(a as usize).binary_search(&c).is_ok() {
                        continue;
                    }
                    let (ga, gb, gc) = (group[a as usize], group[b], group[c as usize]);
                    if ga == gb && gb == gc {
                        roles.coordinator += 2;
                    } else if ga == gc {
                        roles.itinerant += 2;
                    } else if ga == gb || gb == gc {
                        roles.gatekeeper += 1;
                        roles.representative += 1;
                    } else {
                        roles.liaison += 2;
                    }
                }
            }
            roles
        })
        .collect()
}

/// Burt's measures of one node: how much its ties are redundant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Burt {
    /// Constraint: Σ_j (p_ij + Σ_q p_iq p_qj)²; high when the contacts are tied to each other.
    /// NaN for a node without ties.
    pub constraint: f64,
    /// Effective size: the number of contacts less their redundancy. NaN without ties.
    pub effective_size: f64,
}

/// Burt's constraint and effective size on the weighted undirected graph, as NetworkX computes
/// them with `weight`: mutual weight m_ij = 2·w_ij; p_ij = m_ij / Σ_k m_ik;
/// effective size_i = Σ_j (1 − Σ_q p_iq · m_jq / max_k m_jk) (Burt 1992).
///
/// Complexity: O(Σ d²) with binary searches.
pub fn burt(csr: &Csr) -> Vec<Burt> {
    let n = csr.node_count();
    let weight = |u: usize, v: u32| -> f64 {
        let neighbours = csr.neighbors(u);
        match neighbours.binary_search(&v) {
            Ok(position) => csr.weights(u)[position],
            Err(_) => 0.0,
        }
    };
    let sum: Vec<f64> = (0..n).map(|v| csr.weights(v).iter().sum()).collect();
    let max: Vec<f64> = (0..n)
        .map(|v| csr.weights(v).iter().copied().fold(0.0, f64::max))
        .collect();
    // Mutual weights are 2w everywhere, so the factor 2 cancels in every ratio below.
    let p = |u: usize, v: u32| -> f64 {
        if sum[u] == 0.0 {
            0.0
        } else {
            weight(u, v) / sum[u]
        }
    };
    (0..n)
        .map(|i| {
            let contacts = csr.neighbors(i);
            if contacts.is_empty() {
                return Burt {
                    constraint: f64::NAN,
                    effective_size: f64::NAN,
                };
            }
            let mut constraint = 0.0;
            let mut effective_size = 0.0;
            for &j in contacts {
                let indirect: f64 = contacts
                    .iter()
                    .filter(|&&q| q != j)
                    .map(|&q| p(i, q) * p(q as usize, j))
                    .sum();
                constraint += (p(i, j) + indirect).powi(2);
                let redundancy: f64 = contacts
                    .iter()
                    .filter(|&&q| q != j)
                    .map(|&q| {
                        let m = if max[j as usize] == 0.0 {
                            0.0
                        } else {
                            weight(j as usize, q) / max[j as usize]
                        };
                        p(i, q) * m
                    })
                    .sum();
                effective_size += 1.0 - redundancy;
            }
            Burt {
                constraint,
                effective_size,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-worked: groups J = {0, 1, 2}, I = {3, 4}, M = {5}.
    /// Edges: 1–0, 1–2, 1–3 (broker 1); 3–4, 3–5 (broker 3); 0–2 tied (no brokerage over 0–2).
    #[test]
    fn roles_of_a_hand_worked_example() {
        let edges: Vec<(u32, u32, f64)> = [(1, 0), (1, 2), (1, 3), (3, 4), (3, 5), (0, 2)]
            .iter()
            .map(|&(a, b)| (a, b, 1.0))
            .collect();
        let csr = Csr::from_edges(6, &edges);
        let group = [0, 0, 0, 1, 1, 2];
        let roles = gould_fernandez(&csr, &group);
        // Broker 1 (J): pairs {0,2} tied → none; {0,3} and {2,3}: one end in J, one in I →
        // one representative and one gatekeeper each.
        assert_eq!(
            roles[1],
            Roles {
                representative: 2,
                gatekeeper: 2,
                ..Roles::default()
            }
        );
        // Broker 3 (I): {1,4}: J–I → rep+gate; {1,5}: J–M, broker in I → liaison ×2;
        // {4,5}: I–M → rep+gate.
        assert_eq!(
            roles[3],
            Roles {
                representative: 2,
                gatekeeper: 2,
                liaison: 2,
                ..Roles::default()
            }
        );
        // A path a–b–c inside one group, and one through another group.
        let csr = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(gould_fernandez(&csr, &[0, 0, 0])[1].coordinator, 2);
        assert_eq!(gould_fernandez(&csr, &[0, 1, 0])[1].itinerant, 2);
    }

    #[test]
    fn burt_of_a_star_and_a_triangle() {
        // A star centre has constraint Σ (1/3)² = 1/3 and effective size 3.
        let star = Csr::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let centre = burt(&star)[0];
        assert!((centre.constraint - 1.0 / 3.0).abs() < 1e-12);
        assert!((centre.effective_size - 3.0).abs() < 1e-12);
        // In a triangle each contact is fully redundant with the other: size 2 − 2·½ = 1.
        let triangle = Csr::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        assert!((burt(&triangle)[0].effective_size - 1.0).abs() < 1e-12);
        assert!(burt(&Csr::from_edges(1, &[]))[0].constraint.is_nan());
    }
}

/// Brokerage of one body of the bodies graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// Body id.
    pub id: String,
    /// The body's group.
    pub group: String,
    /// Number of bodies it shares a mechanism or forum with.
    pub contacts: usize,
    /// Gould–Fernandez role counts.
    #[serde(flatten)]
    pub roles: Roles,
    /// All roles added up.
    pub total: u64,
    /// Burt's constraint (NaN for a body without ties; serialised as null).
    pub constraint: Option<f64>,
    /// Burt's effective size (NaN → null).
    pub effective_size: Option<f64>,
}

/// Brokerage of every body of `dataset` on the bodies graph, groups as the partition; most
/// brokerage first (total roles, then lower constraint, then id).
pub fn analyse(
    dataset: &crate::model::Dataset,
    options: crate::graph::BuildOptions,
) -> Vec<Broker> {
    use crate::graph::{build_graph, GraphKind};
    let graph = build_graph(dataset, GraphKind::Bodies, options);
    let csr = Csr::from_graph(&graph.graph, |e| e.weight);
    let group_ids: Vec<&str> = dataset.groups.iter().map(|g| g.id.as_str()).collect();
    let group: Vec<u32> = graph
        .graph
        .node_weights()
        .map(|n| {
            let g = n.group.as_deref().unwrap_or("");
            group_ids
                .iter()
                .position(|id| *id == g)
                .unwrap_or(group_ids.len()) as u32
        })
        .collect();
    let roles = gould_fernandez(&csr, &group);
    let burt = burt(&csr);
    let finite = |x: f64| (!x.is_nan()).then_some(x);
    let mut brokers: Vec<Broker> = graph
        .graph
        .node_weights()
        .enumerate()
        .map(|(v, node)| Broker {
            id: node.id.clone(),
            group: node.group.clone().unwrap_or_default(),
            contacts: csr.degree(v),
            roles: roles[v],
            total: roles[v].total(),
            constraint: finite(burt[v].constraint),
            effective_size: finite(burt[v].effective_size),
        })
        .collect();
    brokers.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| {
                a.constraint
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.constraint.unwrap_or(f64::INFINITY))
            })
            .then_with(|| a.id.cmp(&b.id))
    });
    brokers
}
