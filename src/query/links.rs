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
