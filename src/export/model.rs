//! The network as flat, typed node and edge records: what every export format writes.

use crate::analysis::centrality::{compute, Measure, Options, Scores};
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::model::dates::Date;
use crate::model::view::Presence;
use crate::model::{Body, Dataset, Forum, Mechanism};
use std::collections::{BTreeSet, HashMap};

/// The type of an attribute, as GraphML and GEXF declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Text.
    Text,
    /// A floating-point number.
    Number,
}

/// A value of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
}

/// Node attributes in the order they are declared.
pub const NODE_ATTRIBUTES: [(&str, AttrType); 16] = [
    ("kind", AttrType::Text),
    ("label", AttrType::Text),
    ("name", AttrType::Text),
    ("type", AttrType::Text),
    ("group", AttrType::Text),
    ("parent", AttrType::Text),
    ("area", AttrType::Text),
    ("frequency", AttrType::Text),
    ("level", AttrType::Text),
    ("source_ref", AttrType::Text),
    ("quote", AttrType::Text),
    ("note", AttrType::Text),
    ("degree", AttrType::Number),
    ("betweenness", AttrType::Number),
    ("eigenvector", AttrType::Number),
    ("pagerank", AttrType::Number),
];

/// Attributes of nodes and edges of a dataset that is a series in time (more than one source
/// date), declared after the others: the first and last step the element is present at.
pub const TIME_ATTRIBUTES: [(&str, AttrType); 2] = [
    ("first_seen", AttrType::Text),
    ("last_seen", AttrType::Text),
];

/// Edge attributes in the order they are declared.
pub const EDGE_ATTRIBUTES: [(&str, AttrType); 3] = [
    ("kind", AttrType::Text),
    ("role", AttrType::Text),
    ("weight", AttrType::Number),
];

/// A node with its attributes (absent ones omitted).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode {
    /// Dataset id.
    pub id: String,
    /// Attribute name → value.
    pub attributes: Vec<(&'static str, Value)>,
    /// When it is present, as `(start, end)` ISO days (empty unless the dataset is a series).
    pub spells: Vec<(String, String)>,
}

/// An edge with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportEdge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Attribute name → value.
    pub attributes: Vec<(&'static str, Value)>,
    /// When it is present (see [`ExportNode::spells`]).
    pub spells: Vec<(String, String)>,
}

/// The exported network: the two-mode graph with the hierarchy (`part-of` edges) included, and
/// two-mode centralities on the nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportGraph {
    /// Dataset title.
    pub title: String,
    /// Nodes: bodies, mechanisms, forums.
    pub nodes: Vec<ExportNode>,
    /// Edges: participates, via, member, part-of.
    pub edges: Vec<ExportEdge>,
    /// True when the dataset is a series in time: nodes and edges carry `first_seen`,
    /// `last_seen` and spells, and GEXF is written dynamic.
    pub dynamic: bool,
}

impl ExportGraph {
    /// The node attributes this graph declares, in order.
    pub fn node_attributes(&self) -> Vec<(&'static str, AttrType)> {
        self.declared(&NODE_ATTRIBUTES)
    }

    /// The edge attributes this graph declares, in order.
    pub fn edge_attributes(&self) -> Vec<(&'static str, AttrType)> {
        self.declared(&EDGE_ATTRIBUTES)
    }

    fn declared(&self, base: &[(&'static str, AttrType)]) -> Vec<(&'static str, AttrType)> {
        let time: &[(&'static str, AttrType)] = if self.dynamic { &TIME_ATTRIBUTES } else { &[] };
        base.iter().chain(time).copied().collect()
    }
}

/// Attribute name → value, as nodes and edges hold them.
type Attributes = Vec<(&'static str, Value)>;

/// Time attributes and spells of an element present at `dates`.
fn dated(presence: &Presence, dates: &BTreeSet<Date>) -> (Attributes, Vec<(String, String)>) {
    let day = |d: &Date| Value::Text(d.start_of_period().to_string());
    let attributes = match (dates.first(), dates.last()) {
        (Some(first), Some(last)) => vec![("first_seen", day(first)), ("last_seen", day(last))],
        _ => Vec::new(),
    };
    let spells = presence
        .spells(dates)
        .into_iter()
        .map(|(a, b)| {
            (
                a.start_of_period().to_string(),
                b.start_of_period().to_string(),
            )
        })
        .collect();
    (attributes, spells)
}

impl ExportNode {
    /// The text value of `name`, if present.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find_map(|(key, value)| match value {
            Value::Text(t) if *key == name => Some(t.as_str()),
            _ => None,
        })
    }
}

/// The centrality measures the exports carry (two-mode, on the network without the hierarchy).
pub const EXPORTED_MEASURES: [Measure; 4] = [
    Measure::Degree,
    Measure::Betweenness,
    Measure::Eigenvector,
    Measure::Pagerank,
];

/// Flattens `dataset` for export, computing its centralities.
pub fn export_graph(dataset: &Dataset) -> ExportGraph {
    let plain = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let centrality = compute(&plain, &EXPORTED_MEASURES, &Options::default());
    drop(plain);
    export_graph_with(dataset, &centrality.scores)
}

/// Flattens `dataset` for export with centralities already computed on its network (at least
/// [`EXPORTED_MEASURES`]; the report computes them once for everything it writes).
pub fn export_graph_with(dataset: &Dataset, centrality: &[Scores]) -> ExportGraph {
    let graph = build_graph(
        dataset,
        GraphKind::Network,
        BuildOptions { hierarchy: true },
    );
    let scores: HashMap<&str, &Scores> = centrality.iter().map(|s| (s.id.as_str(), s)).collect();
    // Time only for a series: a dataset of one document keeps its exports as they were.
    let presence = Presence::of(dataset);
    let dynamic = presence.is_series();
    let when = |dates: &BTreeSet<Date>| {
        if dynamic {
            dated(&presence, dates)
        } else {
            (Vec::new(), Vec::new())
        }
    };
    let mut nodes = Vec::new();
    let mut push = |id: &str, mut attributes: Vec<(&'static str, Value)>| {
        if let Some(s) = scores.get(id) {
            for (name, value) in [
                ("degree", s.degree),
                ("betweenness", s.betweenness),
                ("eigenvector", s.eigenvector),
                ("pagerank", s.pagerank),
            ] {
                if let Some(v) = value {
                    attributes.push((name, Value::Number(v)));
                }
            }
        }
        let (time, spells) = when(&presence.dates(id));
        attributes.extend(time);
        nodes.push(ExportNode {
            id: id.to_string(),
            attributes,
            spells,
        });
    };
    for b in &dataset.bodies {
        push(&b.id, body_attributes(b));
    }
    for m in &dataset.mechanisms {
        push(&m.id, mechanism_attributes(m));
    }
    for f in &dataset.forums {
        push(&f.id, forum_attributes(f));
    }
    let edges = graph
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = graph.graph.edge_endpoints(e)?;
            let edge = &graph.graph[e];
            let mut attributes = vec![("kind", text(edge.kind.as_str()))];
            if let Some(role) = edge.role {
                attributes.push(("role", text(role.as_str())));
            }
            attributes.push(("weight", Value::Number(edge.weight)));
            let (source, target) = (&graph.graph[a].id, &graph.graph[b].id);
            // An edge is present while both its ends are.
            let both: BTreeSet<Date> = presence
                .dates(source)
                .intersection(&presence.dates(target))
                .copied()
                .collect();
            let (time, spells) = when(&both);
            attributes.extend(time);
            Some(ExportEdge {
                source: source.clone(),
                target: target.clone(),
                attributes,
                spells,
            })
        })
        .collect();
    ExportGraph {
        title: dataset
            .title
            .clone()
            .unwrap_or_else(|| "coopgraph".to_string()),
        nodes,
        edges,
        dynamic,
    }
}

/// A text attribute's value.
fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

/// The attributes of a body node (before its centralities and dates).
fn body_attributes(b: &Body) -> Vec<(&'static str, Value)> {
    let mut a = vec![
        ("kind", text("body")),
        ("label", text(b.label())),
        ("name", text(&b.name)),
        ("type", text(&b.kind)),
        ("group", text(&b.group)),
    ];
    if let Some(p) = &b.parent {
        a.push(("parent", text(p)));
    }
    if let Some(n) = &b.note {
        a.push(("note", text(n)));
    }
    a
}

/// The attributes of a mechanism node (before its centralities and dates).
fn mechanism_attributes(m: &Mechanism) -> Vec<(&'static str, Value)> {
    let mut a = vec![
        ("kind", text("mechanism")),
        ("label", text(&m.name)),
        ("name", text(&m.name)),
        ("type", text(&m.kind)),
    ];
    for (key, value) in [
        ("area", &m.area),
        ("frequency", &m.frequency),
        ("level", &m.level),
    ] {
        if let Some(v) = value {
            a.push((key, text(v)));
        }
    }
    if let Some(s) = m.source() {
        a.push(("source_ref", text(&s.reference)));
        a.push(("quote", text(&s.quote)));
    }
    if let Some(n) = &m.note {
        a.push(("note", text(n)));
    }
    a
}

/// The attributes of a forum node (before its centralities and dates).
fn forum_attributes(f: &Forum) -> Vec<(&'static str, Value)> {
    let mut a = vec![
        ("kind", text("forum")),
        ("label", text(f.label())),
        ("name", text(&f.name)),
        ("type", text(&f.kind)),
    ];
    if let Some(p) = &f.parent {
        a.push(("parent", text(p)));
    }
    if let Some(n) = &f.note {
        a.push(("note", text(n)));
    }
    a
}

/// Formats a number for text formats: integers without a fraction, others in full precision.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}
