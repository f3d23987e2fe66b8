//! The two-mode network: bodies, mechanisms and forums.

use super::{BuildOptions, CoopGraph, Edge, EdgeKind, GraphKind, Node, NodeKind};
use crate::model::{Dataset, Role};

/// Builds the two-mode network of `dataset`.
///
/// Nodes in dataset order: bodies, then mechanisms, then forums. Edges: `participates` for each
/// participant, `via` for each forum a mechanism runs through, `member` for each *body* listed
/// as a forum member (a group listed as a member would tie every body of the country to the
/// forum, which the document does not say), and with `options.hierarchy` a `part-of` edge from
/// each body or forum to its parent.
pub fn network(dataset: &Dataset, options: BuildOptions) -> CoopGraph {
    let mut graph = CoopGraph::new(GraphKind::Network);
    for body in &dataset.bodies {
        graph.add_node(body_node(body));
    }
    for mechanism in &dataset.mechanisms {
        graph.add_node(mechanism_node(mechanism));
    }
    for forum in &dataset.forums {
        graph.add_node(Node {
            id: forum.id.clone(),
            kind: NodeKind::Forum,
            label: forum.label().to_string(),
            group: None,
        });
    }
    for mechanism in &dataset.mechanisms {
        for participant in &mechanism.participants {
            connect(
                &mut graph,
                &participant.body,
                &mechanism.id,
                EdgeKind::Participates,
                Some(participant.role),
            );
        }
        for forum in &mechanism.via {
            connect(&mut graph, &mechanism.id, forum, EdgeKind::Via, None);
        }
    }
    for forum in &dataset.forums {
        for member in &forum.members {
            if graph
                .node(member)
                .is_some_and(|n| graph.graph[n].kind == NodeKind::Body)
            {
                connect(&mut graph, member, &forum.id, EdgeKind::Member, None);
            }
        }
    }
    if options.hierarchy {
        add_hierarchy(&mut graph, dataset);
    }
    graph
}

/// The graph node of a body.
pub fn body_node(body: &crate::model::Body) -> Node {
    Node {
        id: body.id.clone(),
        kind: NodeKind::Body,
        label: body.label().to_string(),
        group: Some(body.group.clone()),
    }
}

/// The graph node of a mechanism.
pub fn mechanism_node(mechanism: &crate::model::Mechanism) -> Node {
    Node {
        id: mechanism.id.clone(),
        kind: NodeKind::Mechanism,
        label: mechanism.name.clone(),
        group: None,
    }
}

/// Adds `part-of` edges from bodies and forums present in `graph` to their parents.
pub fn add_hierarchy(graph: &mut CoopGraph, dataset: &Dataset) {
    let links = dataset
        .bodies
        .iter()
        .filter_map(|b| b.parent.as_ref().map(|p| (&b.id, p)))
        .chain(
            dataset
                .forums
                .iter()
                .filter_map(|f| f.parent.as_ref().map(|p| (&f.id, p))),
        );
    let links: Vec<(String, String)> = links.map(|(c, p)| (c.clone(), p.clone())).collect();
    for (child, parent) in links {
        connect(graph, &child, &parent, EdgeKind::PartOf, None);
    }
}

fn connect(graph: &mut CoopGraph, from: &str, to: &str, kind: EdgeKind, role: Option<Role>) {
    // Unknown ids cannot occur in a validated dataset; skipping keeps the builder total.
    if let (Some(a), Some(b)) = (graph.node(from), graph.node(to)) {
        if a != b && graph.graph.find_edge(a, b).is_none() {
            graph.graph.add_edge(
                a,
                b,
                Edge {
                    kind,
                    role,
                    weight: 1.0,
                    shared: Vec::new(),
                },
            );
        }
    }
}
