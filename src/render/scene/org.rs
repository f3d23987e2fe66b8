//! The org chart: every body under its parent (top-level bodies under their country's
//! government, where the dataset has one), the cooperation ties between countries labelled
//! "N · area", and the bodies in no mechanism marked as shown for the hierarchy only.

use super::types::{SceneEdge, SceneNode};
use crate::graph::{CoopGraph, EdgeKind};
use crate::model::{Body, Dataset, Mechanism};
use std::collections::{HashMap, HashSet};

/// The org chart's scene: sets each node's container and structural mark and replaces `edges`
/// with the hierarchy lines followed by the ties between groups.
/// `graph` is the bodies projection the nodes came from (of the precut dataset when cut).
pub fn org(
    dataset: &Dataset,
    graph: &mut CoopGraph,
    nodes: &mut [SceneNode],
    edges: &mut Vec<SceneEdge>,
) {
    let index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let ties = ties_between_groups(dataset, graph, nodes, &index);
    let mut hierarchy = hierarchy(dataset, nodes, &index);
    hierarchy.extend(ties);
    *edges = hierarchy;
}

/// The ties: only between groups (the trees show who belongs with whom inside a country), each
/// labelled with its count and its main area, its tooltip listing what carries it.
fn ties_between_groups(
    dataset: &Dataset,
    graph: &mut CoopGraph,
    nodes: &[SceneNode],
    index: &HashMap<String, usize>,
) -> Vec<SceneEdge> {
    let carriers = Carriers::new(dataset);
    let mut ties: Vec<SceneEdge> = Vec::new();
    for e in graph.graph.edge_indices() {
        let Some((a, b)) = graph.graph.edge_endpoints(e) else {
            continue;
        };
        let (a, b) = (graph.graph[a].id.clone(), graph.graph[b].id.clone());
        let (Some(&ia), Some(&ib)) = (index.get(&a), index.get(&b)) else {
            continue;
        };
        if nodes[ia].group == nodes[ib].group {
            continue;
        }
        let shared = std::mem::take(&mut graph.graph[e].shared);
        ties.push(SceneEdge {
            a: ia,
            b: ib,
            kind: EdgeKind::Shared,
            weight: shared.len() as f64,
            label: Some(carriers.label(&shared)),
            tooltip: carriers.names(&shared),
            faded: false,
            highlighted: false,
            dashed: false,
            shared,
        });
    }
    ties
}

/// The mechanisms and forums that carry ties, looked up by id: a scan per tie was quadratic on
/// large datasets.
pub(super) struct Carriers<'a> {
    area_of: HashMap<&'a str, &'a str>,
    area_label: HashMap<&'a str, String>,
    mechanism_of: HashMap<&'a str, &'a Mechanism>,
    forum_name: HashMap<&'a str, &'a str>,
}

impl<'a> Carriers<'a> {
    /// The carriers of `dataset`.
    pub(super) fn new(dataset: &'a Dataset) -> Self {
        Carriers {
            area_of: dataset
                .mechanisms
                .iter()
                .filter_map(|m| m.area.as_deref().map(|a| (m.id.as_str(), a)))
                .collect(),
            area_label: dataset
                .areas
                .iter()
                .map(|a| (a.id.as_str(), short_area(&a.id, &a.name)))
                .collect(),
            mechanism_of: dataset
                .mechanisms
                .iter()
                .map(|m| (m.id.as_str(), m))
                .collect(),
            forum_name: dataset
                .forums
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str()))
                .collect(),
        }
    }

    /// "N · area" (with " …" when the shared mechanisms span more areas), or "N" when none has
    /// an area.
    fn label(&self, shared: &[String]) -> String {
        // Areas by how many of the shared mechanisms are in them (forums have none).
        let mut by_area: Vec<(usize, &str)> = Vec::new();
        for id in shared {
            let Some(&area) = self.area_of.get(id.as_str()) else {
                continue;
            };
            match by_area.iter_mut().find(|(_, a)| *a == area) {
                Some((count, _)) => *count += 1,
                None => by_area.push((1, area)),
            }
        }
        by_area.sort_by_key(|x| std::cmp::Reverse(x.0));
        let top = by_area
            .first()
            .and_then(|(_, a)| self.area_label.get(a))
            .cloned()
            .unwrap_or_default();
        let more = if by_area.len() > 1 { " …" } else { "" };
        if top.is_empty() {
            format!("{}", shared.len())
        } else {
            format!("{} · {top}{more}", shared.len())
        }
    }

    /// A tie's label and tooltip, anew from its shared list.
    pub(super) fn relabel(&self, tie: &mut SceneEdge) {
        tie.label = Some(self.label(&tie.shared));
        tie.tooltip = self.names(&tie.shared);
    }

    /// The tooltip: each shared mechanism with its source reference, or forum, by name.
    fn names(&self, shared: &[String]) -> String {
        let names = shared.iter().map(|id| {
            let name = self
                .mechanism_of
                .get(id.as_str())
                .map(|m| match m.source() {
                    Some(source) => format!("{} · {}", m.name, source.reference),
                    None => m.name.clone(),
                })
                .or_else(|| self.forum_name.get(id.as_str()).map(|f| f.to_string()));
            name.unwrap_or_else(|| id.clone())
        });
        super::listed(names)
    }
}

/// The hierarchy lines, parent to child (a top-level body hangs faded under its country's
/// government); sets each node's container and marks the bodies in no mechanism as structural.
fn hierarchy(
    dataset: &Dataset,
    nodes: &mut [SceneNode],
    index: &HashMap<String, usize>,
) -> Vec<SceneEdge> {
    let government = governments(dataset);
    let body_of = crate::model::lookup::bodies_by_id(dataset);
    let in_a_mechanism: HashSet<&str> = dataset
        .mechanisms
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.body.as_str()))
        .collect();
    let mut hierarchy: Vec<SceneEdge> = Vec::new();
    for (i, node) in nodes.iter_mut().enumerate() {
        let body = body_of.get(node.id.as_str()).copied();
        node.structural = !in_a_mechanism.contains(node.id.as_str());
        let (parent, implied) = match body.and_then(|b| b.parent.as_deref()) {
            Some(parent) => (Some(parent), false),
            None => (
                node.group
                    .as_deref()
                    .and_then(|g| government.get(g).copied())
                    .filter(|g| *g != node.id),
                true,
            ),
        };
        node.container = parent.map(str::to_string);
        if let Some(&p) = parent.and_then(|p| index.get(p)) {
            hierarchy.push(SceneEdge {
                a: p,
                b: i,
                kind: EdgeKind::PartOf,
                weight: 1.0,
                label: None,
                tooltip: if implied {
                    "under the government (no parent given in the dataset)".into()
                } else {
                    "part of".into()
                },
                faded: implied,
                highlighted: false,
                dashed: false,
                shared: Vec::new(),
            });
        }
    }
    hierarchy
}

/// Each group's government (by group id): its only top-level body of kind "government".
pub fn governments(dataset: &Dataset) -> HashMap<&str, &str> {
    let mut government = HashMap::new();
    for group in &dataset.groups {
        let roots: Vec<&Body> = dataset
            .bodies
            .iter()
            .filter(|b| b.group == group.id && b.parent.is_none() && b.kind == "government")
            .collect();
        if let [only] = roots.as_slice() {
            government.insert(group.id.as_str(), only.id.as_str());
        }
    }
    government
}

/// A short name of an area for tie labels: its id when that reads as words ("coast guard"),
/// else its name.
fn short_area(id: &str, name: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    if words.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        words
    } else {
        name.to_string()
    }
}
