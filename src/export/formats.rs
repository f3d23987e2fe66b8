//! Node-link JSON (NetworkX, D3), CSV nodes and edges, and a Cypher script for Neo4j.

use super::model::{number, ExportGraph, Value};
use crate::error::{Error, Result};
use crate::text::escape::{csv_cell, cypher_string};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::io::Write;

/// An attribute value as JSON: text as a string, a number as a number (`null` if not finite).
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Number(number) => serializer.serialize_f64(*number),
        }
    }
}

/// A JSON object of leading fields (`id`, or `source` and `target`) then the attributes, in order.
struct Record<'a> {
    leading: Vec<(&'static str, &'a str)>,
    attributes: &'a [(&'static str, Value)],
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.leading.len() + self.attributes.len()))?;
        for (name, value) in &self.leading {
            map.serialize_entry(name, value)?;
        }
        for (name, value) in self.attributes {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The edges of `graph` as a JSON array of [`Record`]s, made while written.
struct Edges<'a>(&'a ExportGraph);

impl Serialize for Edges<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.edges.iter().map(|e| Record {
            leading: vec![("source", &e.source), ("target", &e.target)],
            attributes: &e.attributes,
        }))
    }
}

/// The nodes of `graph` as a JSON array of [`Record`]s, made while written.
struct Nodes<'a>(&'a ExportGraph);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.nodes.iter().map(|n| Record {
            leading: vec![("id", &n.id)],
            attributes: &n.attributes,
        }))
    }
}

/// The whole node-link document.
struct NodeLink<'a>(&'a ExportGraph);

impl Serialize for NodeLink<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("directed", &false)?;
        map.serialize_entry("multigraph", &false)?;
        map.serialize_entry("graph", &serde_json::json!({"name": self.0.title}))?;
        map.serialize_entry("nodes", &Nodes(self.0))?;
        map.serialize_entry("edges", &Edges(self.0))?;
        map.serialize_entry("links", &Edges(self.0))?;
        map.end()
    }
}

/// Node-link JSON as NetworkX's `node_link_data` writes it; edges are under both `edges`
/// (NetworkX ≥ 3.4) and `links` (D3 and older NetworkX).
pub fn node_link(graph: &ExportGraph) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_node_link(graph, &mut bytes)?;
    Ok(bytes)
}

/// [`node_link`] written into `out` as it is made (pretty, terminal-safe, a final line break):
/// no value tree or text of the whole document is held.
pub fn write_node_link<W: Write>(graph: &ExportGraph, mut out: W) -> Result<()> {
    crate::text::json::write_json(&mut out, &NodeLink(graph))
}

/// The CSV cells of `attributes` in the order of `declared` (empty where absent).
fn cells(
    attributes: &[(&'static str, Value)],
    declared: &[(&str, super::model::AttrType)],
) -> Vec<String> {
    declared
        .iter()
        .map(
            |(name, _)| match attributes.iter().find(|(n, _)| n == name) {
                Some((_, Value::Text(t))) => csv_cell(t).into_owned(),
                Some((_, Value::Number(x))) => number(*x),
                None => String::new(),
            },
        )
        .collect()
}

/// `nodes.csv` and `edges.csv`: one row per node (id + every attribute) and per edge.
pub fn csv_tables(graph: &ExportGraph) -> Result<(Vec<u8>, Vec<u8>)> {
    let fail = |e: csv::Error| Error::Output(std::io::Error::other(e));
    let mut nodes = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id"];
    let node_attributes = graph.node_attributes();
    header.extend(node_attributes.iter().map(|(n, _)| *n));
    nodes.write_record(&header).map_err(fail)?;
    for node in &graph.nodes {
        let mut row = vec![csv_cell(&node.id).into_owned()];
        row.extend(cells(&node.attributes, &node_attributes));
        nodes.write_record(&row).map_err(fail)?;
    }
    let mut edges = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["source", "target"];
    let edge_attributes = graph.edge_attributes();
    header.extend(edge_attributes.iter().map(|(n, _)| *n));
    edges.write_record(&header).map_err(fail)?;
    for edge in &graph.edges {
        let mut row = vec![
            csv_cell(&edge.source).into_owned(),
            csv_cell(&edge.target).into_owned(),
        ];
        for (name, _) in &edge_attributes {
            row.push(match edge.attributes.iter().find(|(n, _)| n == name) {
                Some((_, Value::Text(t))) => csv_cell(t).into_owned(),
                Some((_, Value::Number(x))) => number(*x),
                None => String::new(),
            });
        }
        edges.write_record(&row).map_err(fail)?;
    }
    let done = |w: csv::Writer<Vec<u8>>| {
        w.into_inner()
            .map_err(|e| Error::Output(std::io::Error::other(e.to_string())))
    };
    Ok((done(nodes)?, done(edges)?))
}

/// `n.name = 'value', …` for every attribute but `kind` (which is the label or relationship type).
fn cypher_set(variable: &str, attributes: &[(&'static str, Value)]) -> String {
    attributes
        .iter()
        .filter(|(name, _)| *name != "kind")
        .map(|(name, value)| {
            let literal = match value {
                Value::Text(t) => cypher_string(t),
                Value::Number(x) => number(*x),
            };
            format!("{variable}.{name} = {literal}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Cypher script for Neo4j: a uniqueness constraint per label, then one `MERGE` per node
/// (labels `Body`, `Mechanism`, `Forum`, keyed by `id`) and per relationship (`PARTICIPATES`,
/// `VIA`, `MEMBER`, `PART_OF`), each on its own line ending in `;`. Running it twice changes
/// nothing: every statement merges on ids and sets the same properties.
pub fn cypher(graph: &ExportGraph) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_cypher(graph, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`cypher`] written into `out` statement by statement.
pub fn write_cypher<W: Write>(graph: &ExportGraph, mut out: W) -> Result<()> {
    write_cypher_lines(graph, &mut out).map_err(Error::Output)
}

fn write_cypher_lines<W: Write>(graph: &ExportGraph, script: &mut W) -> std::io::Result<()> {
    writeln!(
        script,
        "// coopgraph export: run with cypher-shell < network.cypher"
    )?;
    for label in ["Body", "Mechanism", "Forum"] {
        writeln!(
            script,
            "CREATE CONSTRAINT {}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;",
            label.to_lowercase()
        )?;
    }
    let label_of = |kind: Option<&str>| match kind {
        Some("mechanism") => "Mechanism",
        Some("forum") => "Forum",
        _ => "Body",
    };
    let mut labels = std::collections::HashMap::new();
    for node in &graph.nodes {
        let label = label_of(node.text("kind"));
        labels.insert(node.id.as_str(), label);
        writeln!(
            script,
            "MERGE (n:{label} {{id: {}}}) SET {};",
            cypher_string(&node.id),
            cypher_set("n", &node.attributes)
        )?;
    }
    for edge in &graph.edges {
        let kind = edge
            .attributes
            .iter()
            .find_map(|(n, v)| match v {
                Value::Text(t) if *n == "kind" => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or("related");
        let relationship = kind.to_uppercase().replace('-', "_");
        writeln!(
            script,
            "MATCH (a:{} {{id: {}}}), (b:{} {{id: {}}}) MERGE (a)-[r:{relationship}]->(b) SET {};",
            labels.get(edge.source.as_str()).unwrap_or(&"Body"),
            cypher_string(&edge.source),
            labels.get(edge.target.as_str()).unwrap_or(&"Body"),
            cypher_string(&edge.target),
            cypher_set("r", &edge.attributes)
        )?;
    }
    Ok(())
}
