//! Body-to-body links with what carries each: shared mechanisms, shared forum membership and,
//! optionally, the organisation hierarchy.

use crate::model::Dataset;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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

/// Undirected body graph with the carriers of every link.
#[derive(Debug, Clone)]
pub struct Links {
    /// Body ids in dataset order.
    pub bodies: Vec<String>,
    /// Body labels.
    pub labels: Vec<String>,
    /// Body groups.
    pub groups: Vec<String>,
    /// Every carrier.
    pub carriers: Vec<Carrier>,
    /// Per body: neighbour → carriers (indices), neighbours sorted.
    pub adjacency: Vec<BTreeMap<usize, Vec<usize>>>,
    index: HashMap<String, usize>,
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
        let mut links = Links {
            bodies: dataset.bodies.iter().map(|b| b.id.clone()).collect(),
            labels: dataset
                .bodies
                .iter()
                .map(|b| b.label().to_string())
                .collect(),
            groups: dataset.bodies.iter().map(|b| b.group.clone()).collect(),
            carriers: Vec::new(),
            adjacency: vec![BTreeMap::new(); dataset.bodies.len()],
            index,
        };
        for mechanism in &dataset.mechanisms {
            let members: Vec<usize> = mechanism
                .participants
                .iter()
                .filter_map(|p| links.index.get(&p.body).copied())
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
            links.connect_all(&members, carrier);
        }
        for forum in &dataset.forums {
            let members: Vec<usize> = forum
                .members
                .iter()
                .filter_map(|m| links.index.get(m).copied())
                .collect();
            let carrier = Carrier {
                id: Some(forum.id.clone()),
                name: forum.label().to_string(),
                kind: CarrierKind::Forum,
                source: None,
                quote: None,
            };
            links.connect_all(&members, carrier);
        }
        if hierarchy {
            for (child, body) in dataset.bodies.iter().enumerate() {
                let Some(parent) = body
                    .parent
                    .as_ref()
                    .and_then(|p| links.index.get(p))
                    .copied()
                else {
                    continue;
                };
                let carrier = Carrier {
                    id: None,
                    name: format!("part of {}", links.labels[parent]),
                    kind: CarrierKind::PartOf,
                    source: None,
                    quote: body.note.clone(),
                };
                links.connect_all(&[child, parent], carrier);
            }
        }
        links
    }

    /// The links a search reads when it steps out from the bodies `from` (ids) and looks at
    /// the ties of bodies at most `reach` steps away: [`Links::new`] of the mechanisms, forums
    /// and (with `hierarchy`) parent links that touch such a body. Body positions, and the ties
    /// of those bodies with their carriers in order, are those of [`Links::new`]; the ties of
    /// bodies further out are missing. On 7,000 bodies [`Links::new`] holds 741,000 ties; an
    /// ego network of depth 1 needs only the centre's.
    pub fn near(dataset: &Dataset, hierarchy: bool, from: &[String], reach: usize) -> Links {
        let within = bodies_within(dataset, hierarchy, from, reach);
        let touches = |id: &str| within.contains(id);
        let mut near = dataset.clone();
        near.mechanisms
            .retain(|m| m.participants.iter().any(|p| touches(&p.body)));
        near.forums.retain(|f| f.members.iter().any(|m| touches(m)));
        for body in &mut near.bodies {
            if !touches(&body.id) && !body.parent.as_deref().is_some_and(touches) {
                body.parent = None;
            }
        }
        Links::new(&near, hierarchy)
    }

    fn connect_all(&mut self, members: &[usize], carrier: Carrier) {
        let mut members = members.to_vec();
        members.sort_unstable();
        members.dedup();
        if members.len() < 2 {
            return;
        }
        let c = self.carriers.len();
        self.carriers.push(carrier);
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                self.adjacency[a].entry(b).or_default().push(c);
                self.adjacency[b].entry(a).or_default().push(c);
            }
        }
    }

    /// The position of body `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// The ids of the bodies at most `reach` steps from the bodies `from` (ids), a step being a
/// shared mechanism or forum, or with `hierarchy` a parent link. Memory O(memberships), not
/// O(ties).
fn bodies_within<'a>(
    dataset: &'a Dataset,
    hierarchy: bool,
    from: &[String],
    reach: usize,
) -> std::collections::HashSet<&'a str> {
    // Each body's groups of bodies it shares something with: its mechanisms, forums and (with
    // the hierarchy) itself with its parent and with each child.
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for mechanism in &dataset.mechanisms {
        groups.push(
            mechanism
                .participants
                .iter()
                .map(|p| p.body.as_str())
                .collect(),
        );
    }
    for forum in &dataset.forums {
        groups.push(forum.members.iter().map(String::as_str).collect());
    }
    if hierarchy {
        for body in &dataset.bodies {
            if let Some(parent) = body.parent.as_deref() {
                groups.push(vec![body.id.as_str(), parent]);
            }
        }
    }
    let mut groups_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &member in members {
            groups_of.entry(member).or_default().push(g);
        }
    }
    let by_id: HashMap<&str, &'a str> = dataset
        .bodies
        .iter()
        .map(|b| (b.id.as_str(), b.id.as_str()))
        .collect();
    let mut within: std::collections::HashSet<&'a str> = from
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    let mut frontier: Vec<&'a str> = within.iter().copied().collect();
    let mut used = vec![false; groups.len()];
    for _ in 0..reach {
        let mut next = Vec::new();
        for body in frontier {
            for &g in groups_of.get(body).into_iter().flatten() {
                if std::mem::replace(&mut used[g], true) {
                    continue;
                }
                for member in &groups[g] {
                    if let Some(&id) = by_id.get(member) {
                        if within.insert(id) {
                            next.push(id);
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    within
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, layer_hierarchy, Spec};

    /// A body's ties as (neighbour id, carrier ids in order).
    fn row(links: &Links, id: &str) -> Vec<(String, Vec<Option<String>>)> {
        let v = links.position(id).expect("a body");
        links.adjacency[v]
            .iter()
            .map(|(&w, carriers)| {
                let ids = carriers.iter().map(|&c| links.carriers[c].id.clone());
                (links.bodies[w].clone(), ids.collect())
            })
            .collect()
    }

    #[test]
    fn near_links_hold_every_tie_within_reach_and_only_those() {
        let mut dataset = generate(&Spec {
            bodies: 300,
            mechanisms: 120,
            groups: 2,
            forums: 3,
            mean_participants: 3.0,
            seed: 7,
        });
        layer_hierarchy(&mut dataset, 3, 7);
        for hierarchy in [false, true] {
            let full = Links::new(&dataset, hierarchy);
            for start in [0, 17, 150] {
                let from = vec![full.bodies[start].clone()];
                for reach in 0..3 {
                    let near = Links::near(&dataset, hierarchy, &from, reach);
                    assert_eq!(near.bodies, full.bodies);
                    let within = bodies_within(&dataset, hierarchy, &from, reach);
                    for id in &within {
                        assert_eq!(row(&near, id), row(&full, id), "{id} at reach {reach}");
                    }
                    // Reach 0 is the start alone: it reads none of its neighbours' other ties.
                    if reach == 0 {
                        assert_eq!(within.len(), 1);
                    }
                    let ties = |l: &Links| l.adjacency.iter().map(BTreeMap::len).sum::<usize>();
                    assert!(ties(&near) <= ties(&full));
                    if reach == 0 {
                        assert!(ties(&near) < ties(&full), "reach 0 holds only the start's");
                    }
                }
            }
        }
    }
}
