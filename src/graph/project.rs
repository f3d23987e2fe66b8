//! One-mode projections: bodies linked by shared mechanisms and forums, mechanisms linked by
//! shared participants.

use super::build::add_hierarchy;
use super::{BuildOptions, CoopGraph, Edge, EdgeKind, GraphKind};
use crate::model::Dataset;
use std::collections::BTreeMap;

/// What each body is affiliated with: the mechanisms it takes part in and the forums that list
/// it as a member, as (body position, item id) pairs grouped by item.
pub fn body_affiliations(dataset: &Dataset) -> Vec<(String, Vec<usize>)> {
    let position: std::collections::HashMap<&str, usize> = dataset
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut items = Vec::new();
    for mechanism in &dataset.mechanisms {
        let mut members: Vec<usize> = mechanism
            .participants
            .iter()
            .filter_map(|p| position.get(p.body.as_str()).copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        items.push((mechanism.id.clone(), members));
    }
    for forum in &dataset.forums {
        let mut members: Vec<usize> = forum
            .members
            .iter()
            .filter_map(|m| position.get(m.as_str()).copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        if !members.is_empty() {
            items.push((forum.id.clone(), members));
        }
    }
    items
}

/// The bodies projection: bodies linked when they share a mechanism or list the same forum;
/// edge weight = number shared, `shared` = their ids. With `options.hierarchy`, `part-of` edges
/// join bodies to their parents (weight 1).
///
/// Complexity: O(Σ k²) over items with k members, plus sorting the pairs.
pub fn bodies(dataset: &Dataset, options: BuildOptions) -> CoopGraph {
    let mut graph = CoopGraph::new(GraphKind::Bodies);
    for body in &dataset.bodies {
        graph.add_node(super::build::body_node(body));
    }
    add_pairs(&mut graph, body_affiliations(dataset));
    if options.hierarchy {
        add_hierarchy(&mut graph, dataset);
    }
    graph
}

/// The mechanisms projection: mechanisms linked when they share a participant; weight = number
/// of shared bodies, `shared` = their ids.
pub fn mechanisms(dataset: &Dataset) -> CoopGraph {
    let mut graph = CoopGraph::new(GraphKind::Mechanisms);
    for mechanism in &dataset.mechanisms {
        graph.add_node(super::build::mechanism_node(mechanism));
    }
    let mut by_body: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (position, mechanism) in dataset.mechanisms.iter().enumerate() {
        for participant in &mechanism.participants {
            by_body
                .entry(participant.body.as_str())
                .or_default()
                .push(position);
        }
    }
    // Keep bodies in dataset order so `shared` lists read like the dataset.
    let items = dataset
        .bodies
        .iter()
        .filter_map(|b| {
            by_body.get(b.id.as_str()).map(|m| {
                let mut m = m.clone();
                m.sort_unstable();
                m.dedup();
                (b.id.clone(), m)
            })
        })
        .collect();
    add_pairs(&mut graph, items);
    graph
}

/// Links every pair of nodes (by position) that share an item, one edge per pair.
fn add_pairs(graph: &mut CoopGraph, items: Vec<(String, Vec<usize>)>) {
    let mut pairs: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (item, members) in items {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                pairs.entry((a, b)).or_default().push(item.clone());
            }
        }
    }
    for ((a, b), mut shared) in pairs {
        shared.sort();
        let (a, b) = (
            petgraph::graph::NodeIndex::new(a),
            petgraph::graph::NodeIndex::new(b),
        );
        graph.graph.add_edge(
            a,
            b,
            Edge {
                kind: EdgeKind::Shared,
                role: None,
                weight: shared.len() as f64,
                shared,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::json::parse;

    fn sample() -> Dataset {
        parse(
            r#"{"schema": "coopgraph/1",
            "groups": [{"id": "g", "name": "G"}],
            "bodies": [
              {"id": "a", "name": "A", "kind": "k", "group": "g"},
              {"id": "b", "name": "B", "kind": "k", "group": "g", "parent": "a"},
              {"id": "c", "name": "C", "kind": "k", "group": "g"}],
            "forums": [{"id": "f", "name": "F", "kind": "summit", "members": ["a", "c", "g"]}],
            "mechanisms": [
              {"id": "m1", "name": "M1", "kind": "dialogue", "participants": [{"body": "a"}, {"body": "b"}]},
              {"id": "m2", "name": "M2", "kind": "dialogue", "participants": [{"body": "a"}, {"body": "b"}, {"body": "c"}], "via": ["f"]}]}"#,
            "sample",
        )
        .expect("sample parses")
    }

    #[test]
    fn bodies_projection_weights_count_shared_items() {
        let graph = bodies(&sample(), BuildOptions::default());
        let edge = |x: &str, y: &str| {
            let e = graph
                .graph
                .find_edge(graph.node(x).expect("x"), graph.node(y).expect("y"))
                .expect("edge");
            graph.graph[e].clone()
        };
        assert_eq!(edge("a", "b").shared, vec!["m1", "m2"]);
        assert_eq!(edge("a", "c").shared, vec!["f", "m2"]);
        assert_eq!(edge("b", "c").weight, 1.0);
        assert_eq!(graph.edge_count(), 3);
    }

    #[test]
    fn hierarchy_adds_part_of_edges_only_when_asked() {
        let dataset = sample();
        let network = super::super::build::network(&dataset, BuildOptions::default());
        // 5 participations + 1 via + 2 body memberships (the group member is not expanded).
        assert_eq!(network.edge_count(), 8);
        let with = super::super::build::network(&dataset, BuildOptions { hierarchy: true });
        assert_eq!(with.edge_count(), 9);
    }

    #[test]
    fn mechanisms_projection_lists_shared_bodies() {
        let graph = mechanisms(&sample());
        assert_eq!(graph.edge_count(), 1);
        let e = graph.graph.edge_indices().next().expect("edge");
        assert_eq!(graph.graph[e].shared, vec!["a", "b"]);
        assert_eq!(graph.graph[e].weight, 2.0);
    }
}
