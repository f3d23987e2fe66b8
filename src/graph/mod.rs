//! The cooperation network as petgraph graphs: the two-mode network and its projections.
//!
//! Node kinds: body, mechanism, forum. Edge kinds: `participates` (body–mechanism, with role),
//! `via` (mechanism–forum), `member` (body–forum), `part-of` (body–parent body, forum–parent
//! forum, only with `hierarchy`), and `shared` on projections (weight = items shared).

pub mod affiliation;
pub mod build;
pub mod clique_union;
pub mod collapse;
pub mod csr;
pub mod project;

use crate::model::Role;
use indexmap::IndexMap;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;

/// Which graph an analysis runs on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphKind {
    /// The two-mode network of bodies, mechanisms and forums.
    #[default]
    Network,
    /// Bodies linked when they share a mechanism or forum; weight = number shared.
    Bodies,
    /// Mechanisms linked when they share a participant; weight = number of shared bodies.
    Mechanisms,
}

impl GraphKind {
    /// The name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            GraphKind::Network => "network",
            GraphKind::Bodies => "bodies",
            GraphKind::Mechanisms => "mechanisms",
        }
    }
}

/// The kind of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// A body (ministry, agency, force …).
    Body,
    /// A mechanism (dialogue, exercise …).
    Mechanism,
    /// A forum (summit, regional forum, UN body …).
    Forum,
}

impl NodeKind {
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Body => "body",
            NodeKind::Mechanism => "mechanism",
            NodeKind::Forum => "forum",
        }
    }
}

/// A node: what it is and how to show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The dataset id.
    pub id: String,
    /// Body, mechanism or forum.
    pub kind: NodeKind,
    /// Display name (short name where there is one).
    pub label: String,
    /// The body's group; `None` for mechanisms and forums.
    pub group: Option<String>,
}

/// The kind of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// A body takes part in a mechanism.
    Participates,
    /// A mechanism runs through a forum.
    Via,
    /// A body is a listed member of a forum.
    Member,
    /// A body (forum) sits under its parent.
    PartOf,
    /// Two nodes of a projection share mechanisms, forums or participants.
    Shared,
}

impl EdgeKind {
    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Participates => "participates",
            EdgeKind::Via => "via",
            EdgeKind::Member => "member",
            EdgeKind::PartOf => "part-of",
            EdgeKind::Shared => "shared",
        }
    }
}

/// An edge: its kind, weight and, on projections, the ids of what the two ends share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// What the edge stands for.
    pub kind: EdgeKind,
    /// The participant's role, on `participates` edges.
    pub role: Option<Role>,
    /// 1 on the two-mode network; the number of shared items on projections.
    pub weight: f64,
    /// On projections: the ids shared (mechanisms and forums, or bodies), sorted.
    pub shared: Vec<String>,
}

/// A graph of the dataset with an id → node lookup.
#[derive(Debug, Clone)]
pub struct CoopGraph {
    /// Which graph this is.
    pub kind: GraphKind,
    /// The petgraph graph; node indices follow dataset order (bodies, mechanisms, forums).
    pub graph: UnGraph<Node, Edge>,
    /// Dataset id → node.
    pub index: IndexMap<String, NodeIndex>,
}

impl CoopGraph {
    /// An empty graph of `kind`.
    pub fn new(kind: GraphKind) -> CoopGraph {
        CoopGraph {
            kind,
            graph: UnGraph::default(),
            index: IndexMap::new(),
        }
    }

    /// Adds a node (ids are unique in a valid dataset; a repeat returns the existing node).
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&existing) = self.index.get(&node.id) {
            return existing;
        }
        let id = node.id.clone();
        let index = self.graph.add_node(node);
        self.index.insert(id, index);
        index
    }

    /// The node with dataset id `id`.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Options of graph construction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Add `part-of` edges between bodies (and forums) and their parents.
    pub hierarchy: bool,
}

/// Builds graph `kind` of `dataset`.
pub fn build_graph(
    dataset: &crate::model::Dataset,
    kind: GraphKind,
    options: BuildOptions,
) -> CoopGraph {
    match kind {
        GraphKind::Network => build::network(dataset, options),
        GraphKind::Bodies => project::bodies(dataset, options),
        GraphKind::Mechanisms => project::mechanisms(dataset),
    }
}
