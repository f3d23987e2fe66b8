//! Brokerage: Gould–Fernandez roles between groups, and Burt's constraint and effective size.

use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;
use rayon::prelude::*;
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
/// Complexity: see [`measures`].
pub fn gould_fernandez(csr: &Csr, group: &[u32]) -> Vec<Roles> {
    measures(csr, group)
        .into_iter()
        .map(|(roles, _)| roles)
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
/// Complexity: see [`measures`].
pub fn burt(csr: &Csr) -> Vec<Burt> {
    let group = vec![0; csr.node_count()];
    measures(csr, &group)
        .into_iter()
        .map(|(_, burt)| burt)
        .collect()
}

/// Gould–Fernandez roles (with `group[v]` the group of node v) and Burt's measures of every
/// node, in one pass, in parallel over the nodes.
///
/// Both rest on the ties among a node's contacts. For node i, its contacts are marked with their
/// position in i's list; then each contact q's own list is read once, and every marked j in it
/// is a tie q–j among i's contacts. That is a sequential read of Σ_q d_q² entries with an O(1)
/// check each, instead of d_i² binary searches. Roles follow by counting: all pairs of contacts
/// by the groups of their ends (from the group sizes among the contacts), less the tied ones.
///
/// Complexity: O(Σ_v d_v²) time, O(n) memory per thread. Each node's result is computed by one
/// thread in a fixed order, so results are identical on any number of threads.
pub fn measures(csr: &Csr, group: &[u32]) -> Vec<(Roles, Burt)> {
    let n = csr.node_count();
    let sum: Vec<f64> = (0..n).map(|v| csr.weights(v).iter().sum()).collect();
    let max: Vec<f64> = (0..n)
        .map(|v| csr.weights(v).iter().copied().fold(0.0, f64::max))
        .collect();
    let groups = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
    // Where each node's list passes its own id: ties to later nodes start there.
    let later: Vec<u32> = (0..n)
        .map(|v| csr.neighbors(v).partition_point(|&w| w as usize <= v) as u32)
        .collect();
    let totals = Totals {
        sum: &sum,
        max: &max,
        later: &later,
        group,
    };
    (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n, groups),
            |scratch, i| node_measures(csr, &totals, scratch, i),
        )
        .collect()
}

/// Per-node inputs of [`measures`]: weight sums and maxima, groups.
struct Totals<'a> {
    sum: &'a [f64],
    max: &'a [f64],
    later: &'a [u32],
    group: &'a [u32],
}

impl Totals<'_> {
    /// p_uv: the share of u's tie weight on its tie of weight `w` (0 for a node without weight).
    fn share(&self, u: usize, w: f64) -> f64 {
        if self.sum[u] == 0.0 {
            0.0
        } else {
            w / self.sum[u]
        }
    }
}

/// Per-thread buffers of [`measures`].
struct Scratch {
    /// 1 + the position of each node in the current node's contact list; 0 for the others.
    slot: Vec<u32>,
    /// Per contact j (from index 1; index 0 takes the non-contacts): Σ_q p_iq p_qj, the indirect
    /// part of the constraint.
    indirect: Vec<f64>,
    /// Per contact j (from index 1): Σ_q p_iq w_qj, its redundancy before dividing by max_k w_jk.
    redundancy: Vec<f64>,
    /// Per contact (from index 1): p_ij and p_ij / Σ_k w_jk.
    share: Vec<(f64, f64)>,
    /// The ties of one contact to later contacts: (slot, weight).
    found: Vec<(u32, f64)>,
    /// Contacts per group.
    in_group: Vec<u64>,
}

impl Scratch {
    fn new(n: usize, groups: usize) -> Scratch {
        Scratch {
            slot: vec![0; n],
            indirect: Vec::new(),
            redundancy: Vec::new(),
            share: Vec::new(),
            found: Vec::new(),
            in_group: vec![0; groups],
        }
    }
}

/// [`measures`] of node `i`.
fn node_measures(csr: &Csr, totals: &Totals, scratch: &mut Scratch, i: usize) -> (Roles, Burt) {
    let contacts = csr.neighbors(i);
    if contacts.is_empty() {
        let none = Burt {
            constraint: f64::NAN,
            effective_size: f64::NAN,
        };
        return (Roles::default(), none);
    }
    let (weights, group) = (csr.weights(i), totals.group);
    for (position, &j) in contacts.iter().enumerate() {
        scratch.slot[j as usize] = position as u32 + 1;
    }
    scratch.indirect.clear();
    scratch.indirect.resize(contacts.len() + 1, 0.0);
    scratch.redundancy.clear();
    scratch.redundancy.resize(contacts.len() + 1, 0.0);
    let own = group[i];
    // p_ij and p_ij / Σ_k w_jk per contact, by position (slot 0: the non-contacts, 0).
    scratch.share.clear();
    scratch.share.push((0.0, 0.0));
    for (&j, &w_ij) in contacts.iter().zip(weights) {
        let p_ij = totals.share(i, w_ij);
        scratch.share.push((p_ij, totals.share(j as usize, p_ij)));
    }
    // Tied pairs of contacts by class, each unordered pair once.
    let (mut all_own, mut ends_alike, mut one_end_own, mut all_differ) = (0u64, 0u64, 0u64, 0u64);
    // Mutual weights are 2w everywhere, so the factor 2 cancels in every ratio below. Each tie
    // q–j (q < j) among the contacts is read once, from q's list, and adds to both ends.
    for (q_position, &q) in (1..).zip(contacts) {
        let q = q as usize;
        let (p_iq, p_iq_per_q) = scratch.share[q_position];
        let gq = group[q];
        let (mut indirect_q, mut redundancy_q) = (0.0, 0.0);
        let (mut alike, mut to_own) = (0u64, 0u64);
        let later = totals.later[q] as usize;
        let (neighbours, q_weights) = (&csr.neighbors(q)[later..], &csr.weights(q)[later..]);
        // First the ties among the contacts, gathered without a branch (a non-contact is
        // written and then overwritten), then the arithmetic on those alone.
        scratch.found.resize(neighbours.len() + 1, (0, 0.0));
        let (slot, found) = (&scratch.slot[..], &mut scratch.found[..]);
        let mut tied = 0;
        for (&j, &w_qj) in neighbours.iter().zip(q_weights) {
            let position = slot[j as usize];
            found[tied] = (position, w_qj);
            tied += usize::from(position != 0);
        }
        for &(position, w_qj) in &scratch.found[..tied] {
            let position = position as usize;
            let (p_ij, p_ij_per_j) = scratch.share[position];
            scratch.indirect[position] += p_iq_per_q * w_qj;
            scratch.redundancy[position] += p_iq * w_qj;
            indirect_q += p_ij_per_j * w_qj;
            redundancy_q += p_ij * w_qj;
            let gj = group[contacts[position - 1] as usize];
            alike += u64::from(gj == gq);
            to_own += u64::from(gj == own);
        }
        let tied = tied as u64;
        scratch.indirect[q_position] += indirect_q;
        scratch.redundancy[q_position] += redundancy_q;
        if gq == own {
            all_own += alike;
            one_end_own += tied - alike;
        } else {
            ends_alike += alike;
            one_end_own += to_own;
            all_differ += tied - alike - to_own;
        }
    }
    let mut constraint = 0.0;
    let mut effective_size = 0.0;
    for (position, (&j, &w_ij)) in (1..).zip(contacts.iter().zip(weights)) {
        scratch.slot[j as usize] = 0;
        constraint += (totals.share(i, w_ij) + scratch.indirect[position]).powi(2);
        let max = totals.max[j as usize];
        let redundancy = if max == 0.0 {
            0.0
        } else {
            scratch.redundancy[position] / max
        };
        effective_size += 1.0 - redundancy;
    }
    let tied = Tied {
        all_own,
        ends_alike,
        one_end_own,
        all_differ,
    };
    let roles = roles_from(group, i, contacts, tied, &mut scratch.in_group);
    let burt = Burt {
        constraint,
        effective_size,
    };
    (roles, burt)
}

/// [`measures`] on the graph held as a union of cliques (the bodies graph as its mechanisms'
/// and forums' member lists), without its pairs, with the contacts of each node numbered
/// in `contacts` (the second value).
///
/// Burt's sums run through the cliques: with p_iq = w_iq / S_i and w_qj the number of cliques
/// holding q and j, Σ_q p_iq w_qj / S_q = Σ over j's cliques c of A_c less j's own term, where
/// A_c = Σ over i's contacts q in c of p_iq / S_q; redundancy likewise with p_iq alone. The
/// roles count tied pairs of contacts through the maximal cliques ([`CliqueUnion::hop_cover`]):
/// the contacts are read in group order, so each clique's members in each group arrive
/// together and each new member's pairs with the earlier ones are classed by counting; pairs
/// that share several maximal cliques are taken off again.
///
/// Complexity: per node, O(Σ over its cliques of their sizes + Σ over its contacts of their
/// cliques and extra pairs): a 10,000-member clique costs 10,000 per member, where the
/// pairs' scan costs 10,000².
pub fn measures_of_union(union: &CliqueUnion, group: &[u32]) -> Vec<(Roles, Burt, usize)> {
    measures_of_union_with(union, group, GIANT_CLIQUE)
}

/// Members from which a clique's members are measured in closed form ([`Giant`]): one
/// mechanism of 10,000 participants made every member read 10,000 contacts and their cliques
/// (5.4 s of the report's brokerage on 10,000 bodies).
pub const GIANT_CLIQUE: usize = 1_000;

/// [`measures_of_union`] with the largest clique read in closed form when it has at least
/// `giant_from` members.
fn measures_of_union_with(
    union: &CliqueUnion,
    group: &[u32],
    giant_from: usize,
) -> Vec<(Roles, Burt, usize)> {
    let n = union.node_count();
    let cover = union.hop_cover();
    let hops = Hops {
        of_node: &cover.of_node,
        extra: Csr::from_edges(n, &cover.extra),
        cliques: cover.members.len(),
    };
    let mut scratch = union.scratch();
    let strength: Vec<f64> = (0..n).map(|v| union.strength(v)).collect();
    let max: Vec<f64> = (0..n)
        .map(|v| union.tie_summary(v, &mut scratch).1)
        .collect();
    let groups = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
    let giant = Giant::of(union, &strength, giant_from);
    let totals = UnionTotals {
        union,
        hops: &hops,
        strength: &strength,
        max: &max,
        group,
        groups,
        giant: giant.as_ref(),
    };
    (0..n)
        .into_par_iter()
        .map_init(
            || UnionScratch::new(&totals),
            |scratch, i| totals.node(scratch, i),
        )
        .collect()
}

/// The maximal cliques of a union, as the role count reads them.
struct Hops<'a> {
    of_node: &'a [Vec<u32>],
    extra: Csr,
    cliques: usize,
}

/// Per-node inputs of [`measures_of_union`].
struct UnionTotals<'a> {
    union: &'a CliqueUnion,
    hops: &'a Hops<'a>,
    strength: &'a [f64],
    max: &'a [f64],
    group: &'a [u32],
    groups: usize,
    giant: Option<&'a Giant>,
}

/// The largest clique G, when it is giant, with what its members' Burt sums share.
///
/// For a member i of G every other member is a contact, with w_iq = 1 + w'_iq (w'_iq: the other
/// cliques holding both). The sums over contacts split the same way: Σ_{q ∈ c} w_iq / S_q over
/// i's contacts in clique c is (Σ_{q ∈ c ∩ G} 1 / S_q) − [i ∈ c] / S_i + Σ_{q ∈ c} w'_iq / S_q.
/// The first term is the same for every i, and so is its sum over a contact j's cliques
/// (`sums[j]`); the last runs over the few contacts i shares another clique with. Per member,
/// O(|G| + the cliques of those few), instead of every contact's cliques.
struct Giant {
    clique: usize,
    member: Vec<bool>,
    /// Per node j: Σ over j's cliques c of (Σ_{q ∈ c ∩ G} 1 / S_q, |c ∩ G|).
    sums: Vec<(f64, f64)>,
}

impl Giant {
    /// The largest clique of `union` (the first of equal size) when it has at least `from`
    /// members.
    fn of(union: &CliqueUnion, strength: &[f64], from: usize) -> Option<Giant> {
        let sizes = (0..union.clique_count()).map(|c| (union.members(c).len(), c));
        let (size, clique) = sizes.max_by_key(|&(size, c)| (size, std::cmp::Reverse(c)))?;
        if size < from.max(2) {
            return None;
        }
        let n = union.node_count();
        let mut member = vec![false; n];
        let mut through = vec![(0.0, 0.0); union.clique_count()];
        for &q in union.members(clique) {
            member[q as usize] = true;
            let inverse = inverse(strength[q as usize]);
            for &c in union.cliques_of(q as usize) {
                through[c as usize].0 += inverse;
                through[c as usize].1 += 1.0;
            }
        }
        let sums = (0..n)
            .map(|j| {
                union.cliques_of(j).iter().fold((0.0, 0.0), |(a, b), &c| {
                    (a + through[c as usize].0, b + through[c as usize].1)
                })
            })
            .collect();
        Some(Giant {
            clique,
            member,
            sums,
        })
    }
}

/// 1 / x, 0 for 0.
fn inverse(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        1.0 / x
    }
}

/// Per-thread buffers of [`measures_of_union`].
struct UnionScratch {
    neighbours: crate::graph::clique_union::Scratch,
    /// The contacts with their tie weights, then in group order.
    contacts: Vec<(u32, f64)>,
    sorted: Vec<u32>,
    /// Whether each node is a contact of the current node.
    is_contact: Vec<bool>,
    /// Per clique: Σ p_iq / S_q and Σ p_iq over the current node's contacts in it.
    through: Vec<(f64, f64)>,
    touched: Vec<u32>,
    /// Per node: w'_iq, the cliques other than the giant holding it and the current node.
    others: Vec<f64>,
    others_touched: Vec<u32>,
    /// Per node: the sums of the touched cliques holding it (see [`Giant`]).
    extra: Vec<(f64, f64)>,
    extra_touched: Vec<u32>,
    /// Per maximal clique: contacts so far, of them in the node's own group, in the last
    /// group seen, and that group.
    seen: Vec<(u64, u64, u64, u32)>,
    touched_hops: Vec<u32>,
    /// Where each group starts in `sorted`.
    starts: Vec<usize>,
    /// Contacts per group.
    in_group: Vec<u64>,
}

impl UnionScratch {
    fn new(totals: &UnionTotals) -> UnionScratch {
        UnionScratch {
            neighbours: totals.union.scratch(),
            contacts: Vec::new(),
            sorted: Vec::new(),
            is_contact: vec![false; totals.union.node_count()],
            others: vec![0.0; totals.union.node_count()],
            others_touched: Vec::new(),
            extra: vec![(0.0, 0.0); totals.union.node_count()],
            extra_touched: Vec::new(),
            through: vec![(0.0, 0.0); totals.union.clique_count()],
            touched: Vec::new(),
            seen: vec![(0, 0, 0, u32::MAX); totals.hops.cliques],
            touched_hops: Vec::new(),
            starts: vec![0; totals.groups + 1],
            in_group: vec![0; totals.groups],
        }
    }
}

/// Tied pairs of contacts by class: both in the node's group; both in one other group; one in
/// the node's group; all three groups different.
#[derive(Debug, Clone, Copy, Default)]
struct Tied {
    all_own: u64,
    ends_alike: u64,
    one_end_own: u64,
    all_differ: u64,
}

impl UnionTotals<'_> {
    /// Roles, Burt's measures and contact count of node `i`.
    fn node(&self, scratch: &mut UnionScratch, i: usize) -> (Roles, Burt, usize) {
        let Some(giant) = self.giant.filter(|g| g.member[i]) else {
            return self.node_by_contacts(scratch, i);
        };
        let (burt, contacts, covered) = self.burt_in_giant(giant, scratch, i);
        if covered {
            // Every contact is in the giant clique with i: every pair of them is tied.
            return (Roles::default(), burt, contacts);
        }
        let (roles, _, _) = self.node_by_contacts(scratch, i);
        (roles, burt, contacts)
    }

    /// Burt's measures of `i`, a member of the giant clique, in closed form ([`Giant`]); its
    /// contact count; whether every contact is in the giant clique.
    fn burt_in_giant(
        &self,
        giant: &Giant,
        scratch: &mut UnionScratch,
        i: usize,
    ) -> (Burt, usize, bool) {
        let union = self.union;
        // w'_iq of the contacts i shares another clique with.
        for &c in union.cliques_of(i) {
            if c as usize == giant.clique {
                continue;
            }
            for &q in union.members(c as usize) {
                if q as usize != i {
                    if scratch.others[q as usize] == 0.0 {
                        scratch.others_touched.push(q);
                    }
                    scratch.others[q as usize] += 1.0;
                }
            }
        }
        // Their part of each clique's sums, then of each node's.
        for &q in &scratch.others_touched {
            let w = scratch.others[q as usize];
            let per_q = w * inverse(self.strength[q as usize]);
            for &c in union.cliques_of(q as usize) {
                add_sparse(&mut scratch.through, &mut scratch.touched, c, (per_q, w));
            }
        }
        let in_giant = scratch.through[giant.clique];
        for &c in &scratch.touched {
            if c as usize == giant.clique {
                continue;
            }
            let (a, b) = scratch.through[c as usize];
            for &j in union.members(c as usize) {
                add_sparse(&mut scratch.extra, &mut scratch.extra_touched, j, (a, b));
            }
        }
        let s_i = self.strength[i];
        let (mut constraint, mut effective_size) = (0.0, 0.0);
        let mut contact = |j: usize, w_ij: f64| {
            let p_ij = w_ij / s_i;
            let (base, base_weight) = giant.sums[j];
            let (extra, extra_weight) = scratch.extra[j];
            let (giant_part, giant_weight) = if giant.member[j] {
                in_giant
            } else {
                (0.0, 0.0)
            };
            // j's own term: it is a contact in each of its cliques.
            let own = union.cliques_of(j).len() as f64;
            let indirect = (base - w_ij / s_i + giant_part + extra) / s_i
                - p_ij * inverse(self.strength[j]) * own;
            let redundancy = (base_weight - w_ij + giant_weight + extra_weight) / s_i - p_ij * own;
            constraint += (p_ij + indirect).powi(2);
            let max = self.max[j];
            effective_size += 1.0 - if max == 0.0 { 0.0 } else { redundancy / max };
        };
        let mut contacts = 0;
        for &j in union.members(giant.clique) {
            if j as usize != i {
                contact(j as usize, 1.0 + scratch.others[j as usize]);
                contacts += 1;
            }
        }
        let mut covered = true;
        for &q in &scratch.others_touched {
            if !giant.member[q as usize] {
                contact(q as usize, scratch.others[q as usize]);
                contacts += 1;
                covered = false;
            }
        }
        for &q in &scratch.others_touched {
            scratch.others[q as usize] = 0.0;
        }
        scratch.others_touched.clear();
        for &c in &scratch.touched {
            scratch.through[c as usize] = (0.0, 0.0);
        }
        scratch.touched.clear();
        for &j in &scratch.extra_touched {
            scratch.extra[j as usize] = (0.0, 0.0);
        }
        scratch.extra_touched.clear();
        let burt = Burt {
            constraint,
            effective_size,
        };
        (burt, contacts, covered)
    }

    /// Roles, Burt's measures and contact count of node `i`, read contact by contact.
    fn node_by_contacts(&self, scratch: &mut UnionScratch, i: usize) -> (Roles, Burt, usize) {
        scratch.contacts.clear();
        scratch
            .contacts
            .extend_from_slice(self.union.neighbours(i, &mut scratch.neighbours));
        if scratch.contacts.is_empty() {
            let none = Burt {
                constraint: f64::NAN,
                effective_size: f64::NAN,
            };
            return (Roles::default(), none, 0);
        }
        for &(j, _) in &scratch.contacts {
            scratch.is_contact[j as usize] = true;
        }
        let burt = self.burt(scratch, i);
        self.sort_by_group(scratch);
        let tied = self.tied_pairs(scratch, i);
        for &(j, _) in &scratch.contacts {
            scratch.is_contact[j as usize] = false;
        }
        let roles = roles_from(self.group, i, &scratch.sorted, tied, &mut scratch.in_group);
        (roles, burt, scratch.contacts.len())
    }

    /// Burt's constraint and effective size of `i`, its contacts listed in `scratch`.
    fn burt(&self, scratch: &mut UnionScratch, i: usize) -> Burt {
        let share = |u: usize, w: f64| {
            if self.strength[u] == 0.0 {
                0.0
            } else {
                w / self.strength[u]
            }
        };
        for &(q, w_iq) in &scratch.contacts {
            let p_iq = share(i, w_iq);
            let per_q = share(q as usize, p_iq);
            for &c in self.union.cliques_of(q as usize) {
                let slot = &mut scratch.through[c as usize];
                if *slot == (0.0, 0.0) {
                    scratch.touched.push(c);
                }
                slot.0 += per_q;
                slot.1 += p_iq;
            }
        }
        let (mut constraint, mut effective_size) = (0.0, 0.0);
        for &(j, w_ij) in &scratch.contacts {
            let j = j as usize;
            let cliques = self.union.cliques_of(j);
            let (mut indirect, mut redundancy) = (0.0, 0.0);
            for &c in cliques {
                let (a, b) = scratch.through[c as usize];
                indirect += a;
                redundancy += b;
            }
            // j's own term: it is a contact in each of its cliques.
            let p_ij = share(i, w_ij);
            let own = cliques.len() as f64;
            indirect -= share(j, p_ij) * own;
            redundancy -= p_ij * own;
            constraint += (p_ij + indirect).powi(2);
            let max = self.max[j];
            effective_size += 1.0 - if max == 0.0 { 0.0 } else { redundancy / max };
        }
        for &c in &scratch.touched {
            scratch.through[c as usize] = (0.0, 0.0);
        }
        scratch.touched.clear();
        Burt {
            constraint,
            effective_size,
        }
    }

    /// The contacts in group order (counting sort), into `scratch.sorted`.
    fn sort_by_group(&self, scratch: &mut UnionScratch) {
        let counts = &mut scratch.starts;
        counts.iter_mut().for_each(|c| *c = 0);
        for &(j, _) in &scratch.contacts {
            counts[self.group[j as usize] as usize + 1] += 1;
        }
        for g in 1..counts.len() {
            counts[g] += counts[g - 1];
        }
        scratch.sorted.clear();
        scratch.sorted.resize(scratch.contacts.len(), 0);
        for &(j, _) in &scratch.contacts {
            let slot = &mut counts[self.group[j as usize] as usize];
            scratch.sorted[*slot] = j;
            *slot += 1;
        }
    }

    /// The tied pairs of `i`'s contacts by class, through the maximal cliques.
    fn tied_pairs(&self, scratch: &mut UnionScratch, i: usize) -> Tied {
        let own = self.group[i];
        let mut tied = Tied::default();
        for &q in &scratch.sorted {
            let gq = self.group[q as usize];
            for &c in &self.hops.of_node[q as usize] {
                let (earlier, own_earlier, run, last) = &mut scratch.seen[c as usize];
                if *earlier == 0 {
                    scratch.touched_hops.push(c);
                }
                let alike = if *last == gq { *run } else { 0 };
                if gq == own {
                    tied.all_own += alike;
                    tied.one_end_own += *earlier - alike;
                } else {
                    tied.ends_alike += alike;
                    tied.one_end_own += *own_earlier;
                    tied.all_differ += *earlier - alike - *own_earlier;
                }
                *earlier += 1;
                *own_earlier += u64::from(gq == own);
                *run = alike + 1;
                *last = gq;
            }
        }
        for &c in &scratch.touched_hops {
            scratch.seen[c as usize] = (0, 0, 0, u32::MAX);
        }
        scratch.touched_hops.clear();
        // Pairs in k > 1 maximal cliques were counted k times.
        for &q in &scratch.sorted {
            let q = q as usize;
            let extra = self.hops.extra.neighbors(q).iter();
            for (&j, &surplus) in extra.zip(self.hops.extra.weights(q)) {
                if j as usize > q && scratch.is_contact[j as usize] {
                    let surplus = surplus as u64;
                    let (gq, gj) = (self.group[q], self.group[j as usize]);
                    match (gq == own, gj == own) {
                        (true, true) => tied.all_own -= surplus,
                        (false, false) if gq == gj => tied.ends_alike -= surplus,
                        (false, false) => tied.all_differ -= surplus,
                        _ => tied.one_end_own -= surplus,
                    }
                }
            }
        }
        tied
    }
}

/// The roles of node `i` from its contacts and their tied pairs by class: every pair of
/// contacts by class, from the group sizes among the contacts, less the tied ones.
fn roles_from(
    group: &[u32],
    i: usize,
    contacts: &[u32],
    tied: Tied,
    in_group: &mut [u64],
) -> Roles {
    let pairs = |k: u64| k * k.saturating_sub(1) / 2;
    let own = group[i] as usize;
    in_group.iter_mut().for_each(|c| *c = 0);
    for &j in contacts {
        in_group[group[j as usize] as usize] += 1;
    }
    let own_count = in_group[own];
    let others = contacts.len() as u64 - own_count;
    let (mut alike_other, mut squares_other) = (0, 0);
    for (g, &k) in in_group.iter().enumerate() {
        if k > 0 && g != own {
            alike_other += pairs(k);
            squares_other += k * k;
        }
    }
    let mixed = own_count * others - tied.one_end_own;
    Roles {
        coordinator: 2 * (pairs(own_count) - tied.all_own),
        itinerant: 2 * (alike_other - tied.ends_alike),
        gatekeeper: mixed,
        representative: mixed,
        liaison: (others * others - squares_other) - 2 * tied.all_differ,
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
    let union = CliqueUnion::bodies(dataset, options);
    let group_ids: Vec<&str> = dataset.groups.iter().map(|g| g.id.as_str()).collect();
    let group: Vec<u32> = dataset
        .bodies
        .iter()
        .map(|body| {
            group_ids
                .iter()
                .position(|id| *id == body.group)
                .unwrap_or(group_ids.len()) as u32
        })
        .collect();
    let finite = |x: f64| (!x.is_nan()).then_some(x);
    let mut brokers: Vec<Broker> = measures_of_union(&union, &group)
        .into_iter()
        .zip(&dataset.bodies)
        .map(|((roles, burt, contacts), body)| Broker {
            id: body.id.clone(),
            group: body.group.clone(),
            contacts,
            roles,
            total: roles.total(),
            constraint: finite(burt.constraint),
            effective_size: finite(burt.effective_size),
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

/// Adds `add` to `slots[at]`, noting `at` in `touched` the first time it leaves (0, 0), so the
/// slots can be read and cleared without scanning them all.
fn add_sparse(slots: &mut [(f64, f64)], touched: &mut Vec<u32>, at: u32, add: (f64, f64)) {
    let slot = &mut slots[at as usize];
    if *slot == (0.0, 0.0) {
        touched.push(at);
    }
    slot.0 += add.0;
    slot.1 += add.1;
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

    /// Random unions of cliques (with repeats, nested cliques and isolated nodes) against the
    /// pair-by-pair computation on their projection.
    #[test]
    fn cliques_give_what_the_pairs_give() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        let mut brokered = 0;
        for round in 0..60 {
            let n = rng.random_range(2..40usize);
            let mut members: Vec<Vec<u32>> = (0..rng.random_range(1..25))
                .map(|_| {
                    let k = rng.random_range(2..=n.min(9));
                    let mut list: Vec<u32> =
                        (0..k).map(|_| rng.random_range(0..n as u32)).collect();
                    list.sort_unstable();
                    list.dedup();
                    list
                })
                .collect();
            if round % 3 == 0 {
                members.push((0..n as u32 * 3 / 4).collect());
            }
            // A clique of every node: every pair of contacts tied, no role at all.
            if round % 5 == 0 {
                members.push((0..n as u32).collect());
            }
            let union = CliqueUnion::new(n, members);
            let csr = union.to_csr();
            let group: Vec<u32> = (0..n).map(|_| rng.random_range(0..4)).collect();
            let by_pairs = measures(&csr, &group);
            let by_cliques = measures_of_union(&union, &group);
            // The largest clique read in closed form, however small.
            let by_giant = measures_of_union_with(&union, &group, 2);
            let both = by_cliques.iter().chain(&by_giant);
            for (v, ((roles, burt), (roles2, burt2, contacts))) in
                by_pairs.iter().cycle().zip(both).enumerate()
            {
                let v = v % n;
                assert_eq!(roles, roles2, "round {round} node {v}");
                brokered += u64::from(roles.liaison > 0 && roles.coordinator > 0);
                assert_eq!(csr.degree(v), *contacts);
                for (a, b) in [
                    (burt.constraint, burt2.constraint),
                    (burt.effective_size, burt2.effective_size),
                ] {
                    assert!(
                        (a.is_nan() && b.is_nan()) || (a - b).abs() < 1e-9,
                        "round {round} node {v}: {a} vs {b}"
                    );
                }
            }
        }
        // The rounds reach every role, not only empty ones.
        assert!(brokered > 20, "{brokered}");
    }
}
