//! Overlaps: which pairs of bodies, mechanisms or forums share the most, and which mechanisms
//! are redundant channels (the same participants, or nearly).
//!
//! Pairs are computed from the sparse co-membership row by row (a dense counter over the
//! candidates of one row at a time), never as a full projection in memory: memory is O(n + the
//! pairs kept), time O(Σ k²) over items with k members.

use crate::graph::affiliation::Affiliation;
use crate::model::Dataset;
use indexmap::IndexMap;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

/// What overlaps are computed between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OverlapOf {
    /// Bodies, by the mechanisms (and forum memberships) they share.
    Bodies,
    /// Mechanisms, by the participants they share.
    Mechanisms,
    /// Forums, by the bodies tied to them (listed members and participants of their mechanisms).
    Forums,
}

/// One overlapping pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// First id (dataset order).
    pub a: String,
    /// Second id.
    pub b: String,
    /// The ids both share, in dataset order.
    pub shared: Vec<String>,
    /// How many they share.
    pub count: usize,
    /// |A ∩ B| / |A ∪ B|.
    pub jaccard: f64,
    /// |A ∩ B| / min(|A|, |B|): 1 when one's set is inside the other's.
    pub overlap: f64,
}

/// Entities (rows) with their item sets as sorted item positions, and item ids.
pub struct Memberships {
    /// Entity ids, in dataset order.
    pub entities: Vec<String>,
    /// Item ids, in dataset order.
    pub items: Vec<String>,
    /// For each entity, the sorted positions of its items.
    pub sets: Vec<Vec<u32>>,
}

/// The memberships `of` is computed from.
pub fn memberships(dataset: &Dataset, of: OverlapOf) -> Memberships {
    let body_position: HashMap<&str, u32> = dataset
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i as u32))
        .collect();
    let body_ids = || dataset.bodies.iter().map(|b| b.id.clone()).collect();
    let mut result = match of {
        OverlapOf::Bodies => {
            let mut sets = vec![Vec::new(); dataset.bodies.len()];
            let mut items = Vec::new();
            for mechanism in &dataset.mechanisms {
                for p in &mechanism.participants {
                    if let Some(&b) = body_position.get(p.body.as_str()) {
                        sets[b as usize].push(items.len() as u32);
                    }
                }
                items.push(mechanism.id.clone());
            }
            for forum in &dataset.forums {
                for member in &forum.members {
                    if let Some(&b) = body_position.get(member.as_str()) {
                        sets[b as usize].push(items.len() as u32);
                    }
                }
                items.push(forum.id.clone());
            }
            Memberships {
                entities: body_ids(),
                items,
                sets,
            }
        }
        OverlapOf::Mechanisms => Memberships {
            entities: dataset.mechanisms.iter().map(|m| m.id.clone()).collect(),
            items: body_ids(),
            sets: dataset
                .mechanisms
                .iter()
                .map(|m| {
                    m.participants
                        .iter()
                        .filter_map(|p| body_position.get(p.body.as_str()).copied())
                        .collect()
                })
                .collect(),
        },
        OverlapOf::Forums => Memberships {
            entities: dataset.forums.iter().map(|f| f.id.clone()).collect(),
            items: body_ids(),
            sets: dataset
                .forums
                .iter()
                .map(|forum| {
                    let listed = forum
                        .members
                        .iter()
                        .filter_map(|m| body_position.get(m.as_str()).copied());
                    let through = dataset
                        .mechanisms
                        .iter()
                        .filter(|m| m.via.contains(&forum.id))
                        .flat_map(|m| m.participants.iter())
                        .filter_map(|p| body_position.get(p.body.as_str()).copied());
                    listed.chain(through).collect()
                })
                .collect(),
        },
    };
    for set in &mut result.sets {
        set.sort_unstable();
        set.dedup();
    }
    result
}

/// A pair as ranked: entity positions, the number of items shared and the Jaccard similarity;
/// the shared items and the ids are read on demand ([`Memberships::pair`]), so that a list of
/// every pair costs 24 bytes a pair. Ordered so that "greater" means ranked lower: fewer
/// shared, then lower Jaccard, then later positions (the heap's top is the worst kept pair).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankedPair {
    /// Number of items shared.
    pub count: usize,
    /// |A ∩ B| / |A ∪ B|.
    pub jaccard: f64,
    /// Position of the first entity.
    pub a: u32,
    /// Position of the second entity (after the first).
    pub b: u32,
}

impl Eq for RankedPair {}

impl Ord for RankedPair {
    /// "Greater" means ranked lower: fewer shared, then lower Jaccard, then later ids.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .count
            .cmp(&self.count)
            .then_with(|| other.jaccard.total_cmp(&self.jaccard))
            .then_with(|| (self.a, self.b).cmp(&(other.a, other.b)))
    }
}

impl PartialOrd for RankedPair {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The most pairs a complete overlap table holds: 24 MB of compact pairs. The 10,000-node
/// dataset's bodies share 741,000 pairs; a mechanism of 10,000 participants makes 50 million,
/// of which a table keeps the best this many.
pub const TABLE_PAIRS: usize = 1_000_000;

/// Pairs of entities sharing at least `min_shared` items, most shared first (then Jaccard, then
/// ids), at most `top` of them.
///
/// Complexity: O(Σ k²) time over items with k members; O(n + top) memory.
pub fn pairs(members: &Memberships, min_shared: usize, top: usize) -> Vec<Pair> {
    ranked_pairs(members, min_shared, top)
        .iter()
        .map(|ranked| members.pair(ranked))
        .collect()
}

/// [`pairs`] in their compact form (24 bytes a pair), the shared items left to be read on
/// demand. Memory is bounded by `top` whatever the data: pass [`TABLE_PAIRS`] for a table of
/// "every" pair.
///
/// Complexity: as [`pairs`]; memory O(n + top).
pub fn ranked_pairs(members: &Memberships, min_shared: usize, top: usize) -> Vec<RankedPair> {
    ranked_pairs_counted(members, min_shared, top).0
}

/// [`ranked_pairs`] and how many pairs qualified in all (more than those kept when `top` cut
/// the list).
///
/// The best pairs are kept in a buffer of up to 2·`top`, cut back to the best `top` (a
/// selection, O(top)) each time it fills; a pair ranked below the worst kept one after a cut
/// is dropped with one comparison. O(1) amortised a pair, where a heap took O(log top).
pub fn ranked_pairs_counted(
    members: &Memberships,
    min_shared: usize,
    top: usize,
) -> (Vec<RankedPair>, usize) {
    let min_shared = min_shared.max(1);
    let mut qualified = 0usize;
    let mut best = Best::new(top);
    members.affiliation().for_each_pair_count(|a, b, count| {
        if count < min_shared {
            return;
        }
        qualified += 1;
        let union = members.sets[a as usize].len() + members.sets[b as usize].len() - count;
        best.offer(RankedPair {
            count,
            jaccard: count as f64 / union as f64,
            a,
            b,
        });
    });
    (best.finish(), qualified)
}

/// The best `top` pairs of a stream (least by [`RankedPair`]'s order), in order.
struct Best {
    top: usize,
    kept: Vec<RankedPair>,
    /// The worst pair kept at the last cut: anything ranked below it cannot enter.
    bar: Option<RankedPair>,
}

impl Best {
    fn new(top: usize) -> Best {
        Best {
            top,
            kept: Vec::new(),
            bar: None,
        }
    }

    fn offer(&mut self, pair: RankedPair) {
        if self.top == 0 || self.bar.is_some_and(|bar| pair >= bar) {
            return;
        }
        self.kept.push(pair);
        if self.kept.len() >= 2 * self.top {
            self.cut();
        }
    }

    /// Keeps the best `top` pairs.
    fn cut(&mut self) {
        if self.kept.len() > self.top {
            self.kept.select_nth_unstable(self.top - 1);
            self.kept.truncate(self.top);
            self.bar = self.kept.iter().max().copied();
        }
    }

    fn finish(mut self) -> Vec<RankedPair> {
        self.cut();
        self.kept.sort_unstable();
        self.kept
    }
}

impl Memberships {
    /// The full pair of a ranked pair: ids, shared item ids, both coefficients.
    pub fn pair(&self, ranked: &RankedPair) -> Pair {
        let (set_a, set_b) = (&self.sets[ranked.a as usize], &self.sets[ranked.b as usize]);
        Pair {
            a: self.entities[ranked.a as usize].clone(),
            b: self.entities[ranked.b as usize].clone(),
            shared: self.shared_items(ranked.a as usize, ranked.b as usize),
            count: ranked.count,
            jaccard: ranked.jaccard,
            overlap: ranked.count as f64 / set_a.len().min(set_b.len()) as f64,
        }
    }

    /// The ids of the items both entities hold, in dataset order.
    pub fn shared_items(&self, a: usize, b: usize) -> Vec<String> {
        self.shared_positions(a, b)
            .map(|i| self.items[i as usize].clone())
            .collect()
    }

    /// The positions of the items both entities hold, ascending.
    pub fn shared_positions(&self, a: usize, b: usize) -> impl Iterator<Item = u32> + '_ {
        intersect(&self.sets[a], &self.sets[b])
    }
}

/// The weighted co-membership graph (the projection) as a CSR, without materialising the
/// shared-item lists: weight = number of shared items. Memory O(n + pairs).
pub fn projection_csr(members: &Memberships) -> crate::graph::csr::Csr {
    members.affiliation().projection_csr()
}

impl Memberships {
    /// The memberships as an [`Affiliation`], for pair scans.
    fn affiliation(&self) -> Affiliation<'_> {
        Affiliation::new(&self.sets, self.items.len())
    }
}

/// The items both entities hold, as ids.
pub fn shared_items(members: &Memberships, a: usize, b: usize) -> Vec<String> {
    members.shared_items(a, b)
}

/// The common elements of two ascending lists, ascending.
fn intersect<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// A redundant channel: mechanisms that tie (nearly) the same bodies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    /// The bodies the mechanisms tie (their union), in dataset order.
    pub bodies: Vec<String>,
    /// The mechanisms, in dataset order.
    pub mechanisms: Vec<String>,
    /// The lowest Jaccard similarity between two linked mechanisms of the channel (1 = identical
    /// participants).
    pub min_jaccard: f64,
}

/// Groups mechanisms whose participant sets have Jaccard similarity ≥ `threshold` (1.0: the
/// same participants), joined transitively; only groups of two or more, largest first.
pub fn channels(dataset: &Dataset, threshold: f64) -> Vec<Channel> {
    let members = memberships(dataset, OverlapOf::Mechanisms);
    let n = members.entities.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    let mut weakest: HashMap<usize, f64> = HashMap::new();
    // Only the links are kept, as they stream by: never every pair.
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    members.affiliation().for_each_pair_count(|a, b, count| {
        let union = members.sets[a as usize].len() + members.sets[b as usize].len() - count;
        let jaccard = count as f64 / union as f64;
        if jaccard + 1e-12 >= threshold {
            links.push((a as usize, b as usize, jaccard));
        }
    });
    for &(a, b, _) in &links {
        let (a, b) = (root(&mut parent, a), root(&mut parent, b));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    for &(a, _, jaccard) in &links {
        let r = root(&mut parent, a);
        let entry = weakest.entry(r).or_insert(1.0);
        *entry = entry.min(jaccard);
    }
    let mut groups: IndexMap<usize, Vec<usize>> = IndexMap::new();
    for v in 0..n {
        let r = root(&mut parent, v);
        groups.entry(r).or_default().push(v);
    }
    let mut result: Vec<Channel> = groups
        .into_iter()
        .filter(|(_, group)| group.len() >= 2)
        .map(|(r, group)| {
            let mut bodies: Vec<u32> = group
                .iter()
                .flat_map(|&m| members.sets[m].iter().copied())
                .collect();
            bodies.sort_unstable();
            bodies.dedup();
            Channel {
                bodies: bodies
                    .into_iter()
                    .map(|b| members.items[b as usize].clone())
                    .collect(),
                mechanisms: group.iter().map(|&m| members.entities[m].clone()).collect(),
                min_jaccard: weakest.get(&r).copied().unwrap_or(1.0),
            }
        })
        .collect();
    result.sort_by(|x, y| {
        y.mechanisms
            .len()
            .cmp(&x.mechanisms.len())
            .then_with(|| x.mechanisms.cmp(&y.mechanisms))
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Memberships {
        Memberships {
            entities: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            items: vec!["x".into(), "y".into(), "z".into()],
            sets: vec![vec![0, 1, 2], vec![0, 1], vec![2], vec![]],
        }
    }

    #[test]
    fn pairs_carry_shared_items_and_both_coefficients() {
        let found = pairs(&sample(), 1, TABLE_PAIRS);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].a.as_str(), found[0].b.as_str()), ("a", "b"));
        assert_eq!(found[0].shared, vec!["x", "y"]);
        assert!((found[0].jaccard - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(found[0].overlap, 1.0);
        assert_eq!((found[1].a.as_str(), found[1].b.as_str()), ("a", "c"));
    }

    #[test]
    fn top_and_min_shared_limit_the_pairs() {
        assert_eq!(pairs(&sample(), 2, TABLE_PAIRS).len(), 1);
        let top = pairs(&sample(), 1, 1);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].count, 2);
    }
}
