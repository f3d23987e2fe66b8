//! Hubs: in the bodies view and the org chart, a mechanism or forum that ties many of the bodies
//! drawn is drawn once, as its own node with a line to each of them, instead of a line for
//! every pair of them. One mechanism of 10,000 participants ties every pair of the 60 bodies an
//! org chart shows: 1,770 lines, past 120 s in Graphviz's dot and unreadable; as a hub, 60.

use super::types::{SceneEdge, SceneNode};
use crate::graph::{EdgeKind, NodeKind};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Fewest drawn bodies a mechanism or forum ties for it to be drawn as a hub: from 12 bodies a
/// hub's 12 lines stand for at least 66 pairs (at most 6 mechanisms of the bundled dataset's
/// take part in one mechanism, so its pictures have none).
pub const HUB_MIN: usize = 12;

/// Replaces the pairs a hub carries by the hub and its spokes: every carrier that the `Shared`
/// edges among at least [`HUB_MIN`] nodes name becomes a node, with a line to each of those
/// nodes, and leaves each pair's list; a pair left with nothing shared is dropped, the others
/// are relabelled by `relabel`. Returns how many hubs were drawn.
pub fn spokes(
    dataset: &Dataset,
    nodes: &mut Vec<SceneNode>,
    edges: &mut Vec<SceneEdge>,
    relabel: &dyn Fn(&mut SceneEdge),
) -> usize {
    let hubs = hubs_of(edges);
    if hubs.is_empty() {
        return 0;
    }
    let is_hub: HashSet<&str> = hubs.keys().map(String::as_str).collect();
    edges.retain_mut(|edge| {
        if edge.kind != EdgeKind::Shared || !edge.shared.iter().any(|c| is_hub.contains(c.as_str()))
        {
            return true;
        }
        edge.shared.retain(|c| !is_hub.contains(c.as_str()));
        if edge.shared.is_empty() {
            return false;
        }
        edge.weight = edge.shared.len() as f64;
        relabel(edge);
        true
    });
    let labels = Labels::new(dataset);
    let count = hubs.len();
    for (id, members) in hubs {
        let hub = nodes.len();
        let name = labels.name(&id).unwrap_or(&id).to_string();
        nodes.push(hub_node(dataset, &labels, &id));
        edges.extend(members.into_iter().map(|member| SceneEdge {
            a: hub,
            b: member,
            kind: EdgeKind::Participates,
            weight: 1.0,
            label: None,
            tooltip: format!("takes part in {name}"),
            faded: false,
            highlighted: false,
            dashed: false,
            shared: Vec::new(),
        }));
    }
    count
}

/// The carriers named by the `Shared` edges among at least [`HUB_MIN`] nodes, with those nodes
/// (in order), by id.
fn hubs_of(edges: &[SceneEdge]) -> BTreeMap<String, BTreeSet<usize>> {
    let mut ends: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for edge in edges.iter().filter(|e| e.kind == EdgeKind::Shared) {
        for carrier in &edge.shared {
            let members = ends.entry(carrier.as_str()).or_default();
            members.insert(edge.a);
            members.insert(edge.b);
        }
    }
    ends.into_iter()
        .filter(|(_, members)| members.len() >= HUB_MIN)
        .map(|(id, members)| (id.to_string(), members))
        .collect()
}

/// The node of hub `id`: a mechanism (with its area) or a forum, outside every country's tree.
fn hub_node(dataset: &Dataset, labels: &Labels, id: &str) -> SceneNode {
    let mechanism = dataset.mechanisms.iter().find(|m| m.id == id);
    SceneNode {
        id: id.to_string(),
        label: labels.of(id).to_string(),
        name: labels.name(id).unwrap_or(id).to_string(),
        kind: if mechanism.is_some() {
            NodeKind::Mechanism
        } else {
            NodeKind::Forum
        },
        group: None,
        area: mechanism.and_then(|m| m.area.clone()),
        size: 0.0,
        value: 0.0,
        faded: false,
        emphasised: false,
        container: None,
        structural: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(id: usize) -> SceneNode {
        SceneNode {
            id: format!("b{id}"),
            label: format!("b{id}"),
            name: format!("Body {id}"),
            kind: NodeKind::Body,
            group: Some(format!("g{}", id % 3)),
            area: None,
            size: 0.0,
            value: 1.0,
            faded: false,
            emphasised: false,
            container: None,
            structural: false,
        }
    }

    fn tie(a: usize, b: usize, shared: &[&str]) -> SceneEdge {
        SceneEdge {
            a,
            b,
            kind: EdgeKind::Shared,
            weight: shared.len() as f64,
            label: None,
            tooltip: shared.join("; "),
            faded: false,
            highlighted: false,
            dashed: false,
            shared: shared.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn dataset() -> Dataset {
        crate::generate::generate(&crate::generate::Spec {
            bodies: 30,
            mechanisms: 3,
            groups: 3,
            forums: 1,
            mean_participants: 3.0,
            seed: 1,
        })
    }

    #[test]
    fn a_mechanism_tying_many_drawn_bodies_becomes_one_hub_with_a_line_to_each() {
        let dataset = dataset();
        let hub = dataset.mechanisms[0].id.clone();
        let other = dataset.mechanisms[1].id.clone();
        let n = HUB_MIN + 3;
        let mut nodes: Vec<SceneNode> = (0..n).map(body).collect();
        // Every pair shares the hub; the pair 0–1 also shares another mechanism.
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let shared: Vec<&str> = if (a, b) == (0, 1) {
                    vec![hub.as_str(), other.as_str()]
                } else {
                    vec![hub.as_str()]
                };
                edges.push(tie(a, b, &shared));
            }
        }
        let relabel = |e: &mut SceneEdge| e.tooltip = e.shared.join("; ");
        assert_eq!(spokes(&dataset, &mut nodes, &mut edges, &relabel), 1);
        assert_eq!(nodes.len(), n + 1);
        assert_eq!(nodes[n].id, hub);
        assert_eq!(nodes[n].kind, NodeKind::Mechanism);
        let spokes: Vec<&SceneEdge> = edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Participates)
            .collect();
        assert_eq!(spokes.len(), n, "a line to each body");
        assert!(spokes.iter().all(|e| e.a == n));
        // The pair that shares something more keeps its line, without the hub.
        let left: Vec<&SceneEdge> = edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Shared)
            .collect();
        assert_eq!(left.len(), 1);
        assert_eq!((left[0].a, left[0].b, left[0].weight), (0, 1, 1.0));
        assert_eq!(left[0].shared, vec![other.clone()]);
        assert_eq!(left[0].tooltip, other);
    }

    #[test]
    fn a_mechanism_tying_fewer_than_the_minimum_stays_as_pairs() {
        let dataset = dataset();
        let id = dataset.mechanisms[0].id.clone();
        let n = HUB_MIN - 1;
        let mut nodes: Vec<SceneNode> = (0..n).map(body).collect();
        let mut edges: Vec<SceneEdge> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .map(|(a, b)| tie(a, b, &[id.as_str()]))
            .collect();
        let before = edges.clone();
        assert_eq!(spokes(&dataset, &mut nodes, &mut edges, &|_| {}), 0);
        assert_eq!(edges, before);
        assert_eq!(nodes.len(), n);
    }
}
