//! Body-to-body links with what carries each: shared mechanisms, shared forum membership and,
//! optionally, the organisation hierarchy.

use crate::model::Dataset;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// What carries a link between two bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CarrierKind {
    /// Both take part in the mechanism.
    Mechanism,
    /// Both are listed members of the forum.
    Forum,
    /// One sits under the other.
    PartOf,
}

impl CarrierKind {
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        match self {
            CarrierKind::Mechanism => "mechanism",
            CarrierKind::Forum => "forum",
            CarrierKind::PartOf => "part-of",
        }
    }
}

/// The citation behind a carrier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Citation {
    /// Source id.
    pub doc: String,
    /// Section/item.
    #[serde(rename = "ref")]
    pub reference: String,
}

/// A mechanism, forum or hierarchy step that ties two bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carrier {
    /// Mechanism or forum id; `None` for a hierarchy step.
    pub id: Option<String>,
    /// Display name ("Shipping Policy Forum", "part of MLIT").
    pub name: String,
    /// Mechanism, forum or part-of.
    pub kind: CarrierKind,
    /// The document clause, where there is one.
    pub source: Option<Citation>,
    /// The verbatim quote, where there is one.
    #[serde(skip)]
    pub quote: Option<String>,
}

/// Undirected body graph with the carriers of every link, stored as what memberships cost:
/// each carrier's members and each body's carriers (compressed sparse rows). Two bodies are
/// tied when they share a carrier; a body's ties (neighbour → carriers) are computed when asked
/// for ([`Links::ties`]). On 7,000 bodies a map per pair of bodies held 741,000 ties (200 MB);
/// these lists hold the 42,000 memberships. Cloning is cheap (the lists are shared).
#[derive(Debug, Clone)]
pub struct Links {
    shared: Arc<Shared>,
    /// Whether hierarchy steps count as ties (they are stored either way when built with them).
    hierarchy: bool,
}

#[derive(Debug)]
struct Shared {
    bodies: Vec<String>,
    labels: Vec<String>,
    groups: Vec<String>,
    /// Mechanisms, then forums, then hierarchy steps: a carrier's index is its place here.
    carriers: Vec<Carrier>,
    /// Carriers from this index on are hierarchy steps.
    steps: usize,
    /// Per carrier: its members (body positions), ascending, no repeats, at least two.
    members: Rows,
    /// Per body: its carriers, ascending (so the hierarchy steps come last).
    carriers_of: Rows,
    index: HashMap<String, usize>,
}

/// Compressed sparse rows: row `r` is `items[starts[r]..starts[r + 1]]`.
#[derive(Debug, Default)]
struct Rows {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Rows {
    /// Rows from `(row, item)` pairs, each row's items in the order given.
    fn from_pairs(rows: usize, pairs: &[(u32, u32)]) -> Rows {
        let mut starts = vec![0u32; rows + 1];
        for &(r, _) in pairs {
            starts[r as usize + 1] += 1;
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; pairs.len()];
        for &(r, item) in pairs {
            items[next[r as usize] as usize] = item;
            next[r as usize] += 1;
        }
        Rows { starts, items }
    }

    fn row(&self, r: usize) -> &[u32] {
        &self.items[self.starts[r] as usize..self.starts[r + 1] as usize]
    }
}

/// The carriers as they are added, with their members.
#[derive(Default)]
struct Carriers {
    list: Vec<Carrier>,
    /// (carrier, member) in carrier order, each carrier's members ascending.
    memberships: Vec<(u32, u32)>,
}

impl Carriers {
    /// Adds `carrier` of the bodies `members` (positions, in any order, repeats allowed),
    /// unless it ties fewer than two bodies.
    fn add(&mut self, mut members: Vec<usize>, carrier: Carrier) {
        members.sort_unstable();
        members.dedup();
        if members.len() < 2 {
            return;
        }
        let c = narrow(self.list.len());
        self.list.push(carrier);
        self.memberships
            .extend(members.into_iter().map(|m| (c, narrow(m))));
    }
}

/// A position as stored in [`Rows`]. Datasets are far below 4 billion bodies and carriers (the
/// input size limit sees to it).
fn narrow(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 bodies and carriers")
}

impl Links {
    /// Builds the links of `dataset`; with `hierarchy`, a body and its parent are linked too.
    pub fn new(dataset: &Dataset, hierarchy: bool) -> Links {
        let index: HashMap<String, usize> = dataset
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        let labels: Vec<String> = dataset
            .bodies
            .iter()
            .map(|b| b.label().to_string())
            .collect();
        let mut carriers = Carriers::default();
        for mechanism in &dataset.mechanisms {
            let members = mechanism
                .participants
                .iter()
                .filter_map(|p| index.get(&p.body).copied())
                .collect();
            let carrier = Carrier {
                id: Some(mechanism.id.clone()),
                name: mechanism.name.clone(),
                kind: CarrierKind::Mechanism,
                source: mechanism.source().map(|s| Citation {
                    doc: s.doc.clone(),
                    reference: s.reference.clone(),
                }),
                quote: mechanism.source().map(|s| s.quote.clone()),
            };
            carriers.add(members, carrier);
        }
        for forum in &dataset.forums {
            let members = forum
                .members
                .iter()
                .filter_map(|m| index.get(m).copied())
                .collect();
            let carrier = Carrier {
                id: Some(forum.id.clone()),
                name: forum.label().to_string(),
                kind: CarrierKind::Forum,
                source: None,
                quote: None,
            };
            carriers.add(members, carrier);
        }
        let steps = carriers.list.len();
        if hierarchy {
            for (child, body) in dataset.bodies.iter().enumerate() {
                let Some(parent) = body.parent.as_ref().and_then(|p| index.get(p)).copied() else {
                    continue;
                };
                let carrier = Carrier {
                    id: None,
                    name: format!("part of {}", labels[parent]),
                    kind: CarrierKind::PartOf,
                    source: None,
                    quote: body.note.clone(),
                };
                carriers.add(vec![child, parent], carrier);
            }
        }
        let Carriers { list, memberships } = carriers;
        let members = Rows::from_pairs(list.len(), &memberships);
        // Carriers come in ascending order, so each body's row is ascending too.
        let by_body: Vec<(u32, u32)> = memberships.iter().map(|&(c, m)| (m, c)).collect();
        drop(memberships);
        let carriers_of = Rows::from_pairs(dataset.bodies.len(), &by_body);
        Links {
            shared: Arc::new(Shared {
                bodies: dataset.bodies.iter().map(|b| b.id.clone()).collect(),
                labels,
                groups: dataset.bodies.iter().map(|b| b.group.clone()).collect(),
                steps,
                carriers: list,
                members,
                carriers_of,
                index,
            }),
            hierarchy,
        }
    }

    /// The same links without the hierarchy steps: shares these links' lists (nothing is
    /// rebuilt), so one build serves questions asked with and without the hierarchy.
    pub fn without_hierarchy(&self) -> Links {
        Links {
            shared: Arc::clone(&self.shared),
            hierarchy: false,
        }
    }

    /// Body ids in dataset order.
    pub fn bodies(&self) -> &[String] {
        &self.shared.bodies
    }

    /// Body labels, in dataset order.
    pub fn labels(&self) -> &[String] {
        &self.shared.labels
    }

    /// Body groups, in dataset order.
    pub fn groups(&self) -> &[String] {
        &self.shared.groups
    }

    /// Every carrier that ties two bodies: mechanisms, then forums, then (with the hierarchy)
    /// the hierarchy steps. A carrier's index is its place here.
    pub fn carriers(&self) -> &[Carrier] {
        let shared = &self.shared;
        match self.hierarchy {
            true => &shared.carriers,
            false => &shared.carriers[..shared.steps],
        }
    }

    /// The members of carrier `c` (body positions), ascending.
    pub fn members(&self, c: usize) -> &[u32] {
        self.shared.members.row(c)
    }

    /// The carriers of body `v`, ascending.
    pub fn carriers_of(&self, v: usize) -> &[u32] {
        let row = self.shared.carriers_of.row(v);
        match self.hierarchy {
            true => row,
            false => &row[..row.partition_point(|&c| (c as usize) < self.shared.steps)],
        }
    }

    /// The carriers of the tie between two different bodies `a` and `b`, ascending (empty: no
    /// tie).
    ///
    /// Complexity: O(carriers of `a` + carriers of `b`).
    pub fn between(&self, a: usize, b: usize) -> Vec<usize> {
        let (mut x, mut y) = (self.carriers_of(a).iter(), self.carriers_of(b).iter());
        let (mut p, mut q) = (x.next(), y.next());
        let mut shared = Vec::new();
        while let (Some(&c), Some(&d)) = (p, q) {
            match c.cmp(&d) {
                std::cmp::Ordering::Less => p = x.next(),
                std::cmp::Ordering::Greater => q = y.next(),
                std::cmp::Ordering::Equal => {
                    shared.push(c as usize);
                    p = x.next();
                    q = y.next();
                }
            }
        }
        shared
    }

    /// The ties of body `v`: each neighbour (ascending) with the carriers it shares with `v`
    /// (ascending).
    ///
    /// Complexity: O(k log k), k the summed size of `v`'s carriers.
    pub fn ties(&self, v: usize) -> Vec<(usize, Vec<usize>)> {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for &c in self.carriers_of(v) {
            for &w in self.members(c as usize) {
                if w as usize != v {
                    pairs.push((w, c));
                }
            }
        }
        // Carriers were visited ascending, so a stable sort by neighbour keeps them so.
        pairs.sort_by_key(|&(w, _)| w);
        let mut ties: Vec<(usize, Vec<usize>)> = Vec::new();
        for (w, c) in pairs {
            match ties.last_mut() {
                Some((last, carriers)) if *last == w as usize => carriers.push(c as usize),
                _ => ties.push((w as usize, vec![c as usize])),
            }
        }
        ties
    }

    /// The neighbours of body `v`, ascending.
    ///
    /// Complexity: O(k log k), k the summed size of `v`'s carriers.
    pub fn neighbours(&self, v: usize) -> Vec<u32> {
        let mut next: Vec<u32> = self
            .carriers_of(v)
            .iter()
            .flat_map(|&c| self.members(c as usize))
            .copied()
            .filter(|&w| w as usize != v)
            .collect();
        next.sort_unstable();
        next.dedup();
        next
    }

    /// Hops from the nearest of `sources` to every body (`usize::MAX` where none is reachable),
    /// never entering a body for which `blocked` holds (a blocked source is not a start).
    ///
    /// Complexity: O(memberships): a breadth-first search that opens each carrier once (all its
    /// members are one hop from the first of them reached).
    pub fn hops_from(&self, sources: &[usize], blocked: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut distance = vec![usize::MAX; self.shared.bodies.len()];
        let mut opened = vec![false; self.shared.carriers.len()];
        let mut queue = std::collections::VecDeque::new();
        for &s in sources {
            if !blocked(s) && distance[s] == usize::MAX {
                distance[s] = 0;
                queue.push_back(s);
            }
        }
        while let Some(v) = queue.pop_front() {
            for &c in self.carriers_of(v) {
                if std::mem::replace(&mut opened[c as usize], true) {
                    continue;
                }
                for &w in self.members(c as usize) {
                    let w = w as usize;
                    if distance[w] == usize::MAX && !blocked(w) {
                        distance[w] = distance[v] + 1;
                        queue.push_back(w);
                    }
                }
            }
        }
        distance
    }

    /// The position of body `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.shared.index.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, layer_hierarchy, Spec};
    use std::collections::BTreeMap;

    /// The pair map these links replaced: per body, neighbour → carriers in the order they
    /// were added. The reference every on-demand answer is checked against.
    fn pair_map(dataset: &Dataset, hierarchy: bool) -> Vec<BTreeMap<usize, Vec<usize>>> {
        let index: HashMap<&str, usize> = dataset
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for m in &dataset.mechanisms {
            groups.push(
                m.participants
                    .iter()
                    .filter_map(|p| index.get(p.body.as_str()).copied())
                    .collect(),
            );
        }
        for f in &dataset.forums {
            groups.push(
                f.members
                    .iter()
                    .filter_map(|m| index.get(m.as_str()).copied())
                    .collect(),
            );
        }
        if hierarchy {
            for (child, body) in dataset.bodies.iter().enumerate() {
                if let Some(&parent) = body.parent.as_deref().and_then(|p| index.get(p)) {
                    groups.push(vec![child, parent]);
                }
            }
        }
        let mut adjacency = vec![BTreeMap::<usize, Vec<usize>>::new(); dataset.bodies.len()];
        let mut c = 0;
        for mut members in groups {
            members.sort_unstable();
            members.dedup();
            if members.len() < 2 {
                continue;
            }
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    adjacency[a].entry(b).or_default().push(c);
                    adjacency[b].entry(a).or_default().push(c);
                }
            }
            c += 1;
        }
        adjacency
    }

    fn dataset() -> Dataset {
        let mut dataset = generate(&Spec {
            bodies: 300,
            mechanisms: 120,
            groups: 2,
            forums: 3,
            mean_participants: 3.0,
            seed: 7,
        });
        layer_hierarchy(&mut dataset, 3, 7);
        dataset
    }

    #[test]
    fn ties_on_demand_are_the_pair_maps_ties() {
        let dataset = dataset();
        let with = Links::new(&dataset, true);
        for hierarchy in [false, true] {
            let reference = pair_map(&dataset, hierarchy);
            let built = Links::new(&dataset, hierarchy);
            let shared = if hierarchy {
                with.clone()
            } else {
                with.without_hierarchy()
            };
            for links in [&built, &shared] {
                for (v, row) in reference.iter().enumerate() {
                    let expected: Vec<(usize, Vec<usize>)> =
                        row.iter().map(|(&w, cs)| (w, cs.clone())).collect();
                    assert_eq!(links.ties(v), expected, "body {v}, hierarchy {hierarchy}");
                    let neighbours: Vec<u32> = row.keys().map(|&w| w as u32).collect();
                    assert_eq!(links.neighbours(v), neighbours);
                    for w in (0..reference.len()).filter(|&w| w != v) {
                        let carriers = row.get(&w).cloned().unwrap_or_default();
                        assert_eq!(links.between(v, w), carriers, "{v}–{w}");
                    }
                }
                assert_eq!(links.carriers(), built.carriers());
            }
        }
        assert!(with
            .carriers()
            .iter()
            .any(|c| c.kind == CarrierKind::PartOf));
    }

    #[test]
    fn hops_open_each_carrier_once_and_match_a_search_over_the_ties() {
        let dataset = dataset();
        for hierarchy in [false, true] {
            let links = Links::new(&dataset, hierarchy);
            let reference = pair_map(&dataset, hierarchy);
            let blocked = |v: usize| v % 11 == 5;
            let tied: Vec<usize> = (0..reference.len())
                .filter(|&v| reference[v].len() > 1 && !blocked(v))
                .collect();
            // One start, two starts, and a blocked start beside an open one.
            for sources in [vec![tied[0]], vec![tied[1], tied[7]], vec![5, tied[3]]] {
                let mut expected = vec![usize::MAX; reference.len()];
                let mut queue = std::collections::VecDeque::new();
                for &s in &sources {
                    if !blocked(s) {
                        expected[s] = 0;
                        queue.push_back(s);
                    }
                }
                while let Some(v) = queue.pop_front() {
                    for &w in reference[v].keys() {
                        if expected[w] == usize::MAX && !blocked(w) {
                            expected[w] = expected[v] + 1;
                            queue.push_back(w);
                        }
                    }
                }
                assert_eq!(links.hops_from(&sources, blocked), expected);
                let far = expected
                    .iter()
                    .filter(|&&d| d > 1 && d != usize::MAX)
                    .count();
                assert!(
                    far > 10,
                    "{sources:?}: {far} bodies two or more hops away ({hierarchy})"
                );
            }
        }
    }
}
