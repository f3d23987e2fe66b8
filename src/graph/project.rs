//! One-mode projections: bodies linked by shared mechanisms and forums, mechanisms linked by
//! shared participants.

use super::affiliation::Affiliation;
use super::build::add_hierarchy;
use super::csr::Csr;
use super::{BuildOptions, CoopGraph, Edge, EdgeKind, GraphKind};
use crate::model::Dataset;
use petgraph::graph::NodeIndex;
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
/// Complexity: O(Σ k²) over items with k members, row by row (no map of all pairs).
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

/// Links every pair of nodes (by position) that share an item, one edge per pair, in order of
/// the pair; `shared` lists the items' ids in sorted order.
fn add_pairs(graph: &mut CoopGraph, items: Vec<(String, Vec<usize>)>) {
    let sets = entity_sets(graph.node_count(), &items);
    // Each item's rank in id order, so that shared lists sort by id without comparing strings.
    let mut by_id: Vec<u32> = (0..items.len() as u32).collect();
    by_id.sort_by(|&x, &y| items[x as usize].0.cmp(&items[y as usize].0));
    let mut rank = vec![0u32; items.len()];
    for (r, &item) in by_id.iter().enumerate() {
        rank[item as usize] = r as u32;
    }
    let mut ranked: Vec<u32> = Vec::new();
    Affiliation::new(&sets, items.len()).for_each_pair(|a, b, shared| {
        ranked.clear();
        ranked.extend(shared.iter().map(|&item| rank[item as usize]));
        ranked.sort_unstable();
        let shared: Vec<String> = ranked
            .iter()
            .map(|&r| items[by_id[r as usize] as usize].0.clone())
            .collect();
        graph.graph.add_edge(
            NodeIndex::new(a as usize),
            NodeIndex::new(b as usize),
            Edge {
                kind: EdgeKind::Shared,
                role: None,
                weight: shared.len() as f64,
                shared,
            },
        );
    });
}

/// For each of `nodes` entities, the positions of the items (of `items`) it belongs to,
/// ascending.
fn entity_sets(nodes: usize, items: &[(String, Vec<usize>)]) -> Vec<Vec<u32>> {
    let mut sets = vec![Vec::new(); nodes];
    for (position, (_, members)) in items.iter().enumerate() {
        for &member in members {
            sets[member].push(position as u32);
        }
    }
    sets
}

/// The bodies projection as a weighted CSR straight from the co-membership, without the
/// shared-item lists of [`bodies`]: node v is `dataset.bodies[v]`, weight = items shared; with
/// `options.hierarchy`, a parent link of weight 1 joins a body to its parent where they share
/// nothing (as in [`bodies`]). Memory O(n + pairs).
pub fn bodies_csr(dataset: &Dataset, options: BuildOptions) -> Csr {
    let items = body_affiliations(dataset);
    let sets = entity_sets(dataset.bodies.len(), &items);
    let csr = Affiliation::new(&sets, items.len()).projection_csr();
    if options.hierarchy {
        with_parent_links(dataset, &csr)
    } else {
        csr
    }
}

/// `csr` (the bodies projection) with a link of weight 1 from each body to its parent where
/// there is no tie yet.
fn with_parent_links(dataset: &Dataset, csr: &Csr) -> Csr {
    let position: std::collections::HashMap<&str, u32> = dataset
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i as u32))
        .collect();
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    for v in 0..csr.node_count() {
        for (&w, &weight) in csr.neighbors(v).iter().zip(csr.weights(v)) {
            if (v as u32) < w {
                edges.push((v as u32, w, weight));
            }
        }
    }
    for (child, body) in dataset.bodies.iter().enumerate() {
        if let Some(&parent) = body.parent.as_deref().and_then(|p| position.get(p)) {
            let child = child as u32;
            if parent != child
                && csr
                    .neighbors(child as usize)
                    .binary_search(&parent)
                    .is_err()
            {
                edges.push((child.min(parent), child.max(parent), 1.0));
            }
        }
    }
    Csr::from_edges(csr.node_count(), &edges)
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
    fn bodies_csr_matches_the_projection() {
        let dataset = sample();
        for hierarchy in [false, true] {
            let options = BuildOptions { hierarchy };
            let graph = bodies(&dataset, options);
            let expected = Csr::from_graph(&graph.graph, |e| e.weight);
            assert_eq!(bodies_csr(&dataset, options), expected);
        }
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
