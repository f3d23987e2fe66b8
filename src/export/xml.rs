//! GraphML and GEXF 1.3, written with quick-xml. Every text and attribute value goes through
//! [`escape::xml`] in the three element helpers below (and nowhere else), so characters XML 1.0
//! forbids never reach the file and tabs and line breaks survive a reader's normalisation.

use super::model::{AttrType, ExportGraph, Value};
use crate::error::{Error, Result};
use crate::text::escape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;
use std::borrow::Cow;
use std::io::Write;

/// An element's start tag with its attribute values escaped by [`escape::xml`].
fn element<'a>(name: &'a str, attributes: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Owned(escape::xml(value)),
        });
    }
    element
}

fn start<W: Write>(w: &mut Writer<W>, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
    w.write_event(Event::Start(element(name, attributes)))
        .map_err(Error::Output)
}

fn empty<W: Write>(w: &mut Writer<W>, name: &str, attributes: &[(&str, &str)]) -> Result<()> {
    w.write_event(Event::Empty(element(name, attributes)))
        .map_err(Error::Output)
}

fn end<W: Write>(w: &mut Writer<W>, name: &str) -> Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(Error::Output)
}

fn text_element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> Result<()> {
    start(w, name, attributes)?;
    w.write_event(Event::Text(BytesText::from_escaped(escape::xml(text))))
        .map_err(Error::Output)?;
    end(w, name)
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Number(n) => super::model::number(*n),
    }
}

fn new_writer<W: Write>(out: W) -> Result<Writer<W>> {
    let mut w = Writer::new_with_indent(out, b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(Error::Output)?;
    Ok(w)
}

/// GraphML with typed keys (`string`, `double`), readable by Gephi, yEd and NetworkX.
pub fn graphml(graph: &ExportGraph) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_graphml(graph, &mut bytes)?;
    Ok(bytes)
}

/// [`graphml`] written into `out` as it is made.
pub fn write_graphml<W: Write>(graph: &ExportGraph, out: W) -> Result<()> {
    let mut w = new_writer(out)?;
    start(
        &mut w,
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    let type_name = |t: AttrType| match t {
        AttrType::Text => "string",
        AttrType::Number => "double",
    };
    for (name, kind) in graph.node_attributes() {
        let id = format!("n_{name}");
        empty(
            &mut w,
            "key",
            &[
                ("id", &id),
                ("for", "node"),
                ("attr.name", name),
                ("attr.type", type_name(kind)),
            ],
        )?;
    }
    for (name, kind) in graph.edge_attributes() {
        let id = format!("e_{name}");
        empty(
            &mut w,
            "key",
            &[
                ("id", &id),
                ("for", "edge"),
                ("attr.name", name),
                ("attr.type", type_name(kind)),
            ],
        )?;
    }
    start(
        &mut w,
        "graph",
        &[("id", "coopgraph"), ("edgedefault", "undirected")],
    )?;
    for node in &graph.nodes {
        start(&mut w, "node", &[("id", &node.id)])?;
        for (name, value) in &node.attributes {
            text_element(
                &mut w,
                "data",
                &[("key", &format!("n_{name}"))],
                &value_text(value),
            )?;
        }
        end(&mut w, "node")?;
    }
    for (i, edge) in graph.edges.iter().enumerate() {
        start(
            &mut w,
            "edge",
            &[
                ("id", &format!("e{i}")),
                ("source", &edge.source),
                ("target", &edge.target),
            ],
        )?;
        for (name, value) in &edge.attributes {
            text_element(
                &mut w,
                "data",
                &[("key", &format!("e_{name}"))],
                &value_text(value),
            )?;
        }
        end(&mut w, "edge")?;
    }
    end(&mut w, "graph")?;
    end(&mut w, "graphml")?;
    w.into_inner().write_all(b"\n").map_err(Error::Output)
}

/// A GEXF `<spells>` element (nothing when there are none).
fn spells<W: Write>(w: &mut Writer<W>, spells: &[(String, String)]) -> Result<()> {
    if spells.is_empty() {
        return Ok(());
    }
    start(w, "spells", &[])?;
    for (from, to) in spells {
        empty(w, "spell", &[("start", from), ("end", to)])?;
    }
    end(w, "spells")
}

/// GEXF 1.3 (Gephi's format) with declared attribute types; the `label` attribute becomes the
/// node label Gephi shows.
pub fn gexf(graph: &ExportGraph) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_gexf(graph, &mut bytes)?;
    Ok(bytes)
}

/// [`gexf`] written into `out` as it is made.
pub fn write_gexf<W: Write>(graph: &ExportGraph, out: W) -> Result<()> {
    let mut w = new_writer(out)?;
    start(
        &mut w,
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )?;
    start(&mut w, "meta", &[])?;
    text_element(&mut w, "creator", &[], "coopgraph")?;
    text_element(&mut w, "description", &[], &graph.title)?;
    end(&mut w, "meta")?;
    // A series in time is dynamic: nodes and edges carry spells, which Gephi's timeline plays.
    let mode: &[(&str, &str)] = if graph.dynamic {
        &[("mode", "dynamic"), ("timeformat", "date")]
    } else {
        &[("mode", "static")]
    };
    start(
        &mut w,
        "graph",
        &[&[("defaultedgetype", "undirected")], mode].concat(),
    )?;
    let node_attributes = graph.node_attributes();
    let edge_attributes = graph.edge_attributes();
    gexf_attributes(&mut w, &node_attributes, &edge_attributes)?;
    gexf_nodes(&mut w, graph, &node_attributes)?;
    gexf_edges(&mut w, graph, &edge_attributes)?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    w.into_inner().write_all(b"\n").map_err(Error::Output)
}

/// The attribute declarations of nodes and edges (weight is an edge field of its own).
fn gexf_attributes<W: Write>(
    w: &mut Writer<W>,
    node_attributes: &[(&str, AttrType)],
    edge_attributes: &[(&str, AttrType)],
) -> Result<()> {
    let type_name = |t: AttrType| match t {
        AttrType::Text => "string",
        AttrType::Number => "double",
    };
    for (class, attributes) in [("node", node_attributes), ("edge", edge_attributes)] {
        start(w, "attributes", &[("class", class), ("mode", "static")])?;
        for (i, (name, kind)) in attributes.iter().enumerate() {
            if class == "edge" && *name == "weight" {
                continue; // GEXF has weight as an edge field
            }
            empty(
                w,
                "attribute",
                &[
                    ("id", &i.to_string()),
                    ("title", name),
                    ("type", type_name(*kind)),
                ],
            )?;
        }
        end(w, "attributes")?;
    }
    Ok(())
}

/// An element's attribute values, each naming its attribute by its position in `declared`.
fn attvalues<'a, W: Write>(
    w: &mut Writer<W>,
    declared: &[(&str, AttrType)],
    values: impl Iterator<Item = &'a (&'static str, Value)>,
) -> Result<()> {
    start(w, "attvalues", &[])?;
    for (name, value) in values {
        let id = declared.iter().position(|(n, _)| n == name).unwrap_or(0);
        empty(
            w,
            "attvalue",
            &[("for", &id.to_string()), ("value", &value_text(value))],
        )?;
    }
    end(w, "attvalues")
}

/// The nodes, with their attribute values and spells.
fn gexf_nodes<W: Write>(
    w: &mut Writer<W>,
    graph: &ExportGraph,
    node_attributes: &[(&str, AttrType)],
) -> Result<()> {
    start(w, "nodes", &[])?;
    for node in &graph.nodes {
        let label = node.text("label").unwrap_or(&node.id).to_string();
        start(w, "node", &[("id", &node.id), ("label", &label)])?;
        attvalues(w, node_attributes, node.attributes.iter())?;
        spells(w, &node.spells)?;
        end(w, "node")?;
    }
    end(w, "nodes")
}

/// The edges, with their weights, attribute values and spells.
fn gexf_edges<W: Write>(
    w: &mut Writer<W>,
    graph: &ExportGraph,
    edge_attributes: &[(&str, AttrType)],
) -> Result<()> {
    start(w, "edges", &[])?;
    for (i, edge) in graph.edges.iter().enumerate() {
        let weight = edge
            .attributes
            .iter()
            .find_map(|(n, v)| match v {
                Value::Number(x) if *n == "weight" => Some(super::model::number(*x)),
                _ => None,
            })
            .unwrap_or_else(|| "1.0".to_string());
        start(
            w,
            "edge",
            &[
                ("id", &i.to_string()),
                ("source", &edge.source),
                ("target", &edge.target),
                ("weight", &weight),
            ],
        )?;
        let values = edge.attributes.iter().filter(|(n, _)| *n != "weight");
        attvalues(w, edge_attributes, values)?;
        spells(w, &edge.spells)?;
        end(w, "edge")?;
    }
    end(w, "edges")
}
