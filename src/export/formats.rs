//! Node-link JSON (NetworkX, D3), CSV nodes and edges, and a Cypher script for Neo4j.

use super::model::{number, ExportGraph, Value};
use crate::error::{Error, Result};
use crate::text::escape::{csv_cell, cypher_string, json_terminal_safe};
use serde_json::{json, Map};

fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Text(t) => json!(t),
        Value::Number(n) => json!(n),
    }
}

/// Node-link JSON as NetworkX's `node_link_data` writes it; edges are under both `edges`
/// (NetworkX ≥ 3.4) and `links` (D3 and older NetworkX).
pub fn node_link(graph: &ExportGraph) -> Result<Vec<u8>> {
    let nodes: Vec<serde_json::Value> = graph
        .nodes
        .iter()
        .map(|n| {
            let mut object = Map::new();
            object.insert("id".into(), json!(n.id));
            for (name, value) in &n.attributes {
                object.insert((*name).into(), to_json(value));
            }
            serde_json::Value::Object(object)
        })
        .collect();
    let edges: Vec<serde_json::Value> = graph
        .edges
        .iter()
        .map(|e| {
            let mut object = Map::new();
            object.insert("source".into(), json!(e.source));
            object.insert("target".into(), json!(e.target));
            for (name, value) in &e.attributes {
                object.insert((*name).into(), to_json(value));
            }
            serde_json::Value::Object(object)
        })
        .collect();
    let document = json!({
        "directed": false,
        "multigraph": false,
        "graph": {"name": graph.title},
        "nodes": nodes,
        "edges": edges,
        "links": edges,
    });
    let text = serde_json::to_string_pretty(&document)
        .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    let mut bytes = json_terminal_safe(&text).into_owned().into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
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
    let mut script = String::from("// coopgraph export: run with cypher-shell < network.cypher\n");
    for label in ["Body", "Mechanism", "Forum"] {
        script.push_str(&format!(
            "CREATE CONSTRAINT {}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;\n",
            label.to_lowercase()
        ));
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
        script.push_str(&format!(
            "MERGE (n:{label} {{id: {}}}) SET {};\n",
            cypher_string(&node.id),
            cypher_set("n", &node.attributes)
        ));
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
        script.push_str(&format!(
            "MATCH (a:{} {{id: {}}}), (b:{} {{id: {}}}) MERGE (a)-[r:{relationship}]->(b) SET {};\n",
            labels.get(edge.source.as_str()).unwrap_or(&"Body"),
            cypher_string(&edge.source),
            labels.get(edge.target.as_str()).unwrap_or(&"Body"),
            cypher_string(&edge.target),
            cypher_set("r", &edge.attributes)
        ));
    }
    script
}
