//! DOT for a scene, built with graphviz-rust's AST: synthetic node ids (`n0`, `n1` …), user
//! text only in escaped labels and tooltips, a cluster per group in a stable order, a legend
//! inside the diagram.

use super::scene::{ColourBy, Scene, SceneNode};
use super::style::{self, Theme};
use crate::graph::{EdgeKind, NodeKind};
use crate::model::Dataset;
use crate::text::escape::{dot_string, html};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::BTreeMap;

fn plain(text: &str) -> Id {
    Id::Plain(text.to_string())
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

fn text(key: &str, value: &str) -> Attribute {
    attr(key, dot_string(value))
}

fn node_id(index: usize) -> NodeId {
    NodeId(plain(&format!("n{index}")), None)
}

/// Colour lookups for groups and areas, in dataset order (stable across runs).
struct Colours {
    groups: BTreeMap<String, (usize, String)>,
    areas: BTreeMap<String, (usize, String)>,
}

impl Colours {
    fn new(dataset: &Dataset) -> Colours {
        Colours {
            groups: dataset
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.clone(), (i, g.name.clone())))
                .collect(),
            areas: dataset
                .areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let name = match &a.section {
                        Some(s) => format!("{s} {}", a.name),
                        None => a.name.clone(),
                    };
                    (a.id.clone(), (i, name))
                })
                .collect(),
        }
    }

    fn fill(&self, node: &SceneNode, by: ColourBy) -> &'static str {
        const NEUTRAL_BODY: &str = "#E8E8E8";
        const NEUTRAL: &str = "#F3E3C3";
        match (by, node.kind) {
            (ColourBy::Kind, kind) => style::kind_colour(kind),
            (ColourBy::Group, NodeKind::Body) => node
                .group
                .as_ref()
                .and_then(|g| self.groups.get(g))
                .map_or(NEUTRAL_BODY, |(i, _)| style::group_colour(*i)),
            (ColourBy::Area, NodeKind::Mechanism) => node
                .area
                .as_ref()
                .and_then(|a| self.areas.get(a))
                .map_or(NEUTRAL, |(i, _)| style::area_colour(*i)),
            (ColourBy::Area, NodeKind::Body) => NEUTRAL_BODY,
            (_, NodeKind::Forum) => style::kind_colour(NodeKind::Forum),
            (_, NodeKind::Mechanism) => NEUTRAL,
        }
    }
}

/// White or black text, whichever reads better on `fill` (#RRGGBB).
fn text_on(fill: &str) -> &'static str {
    let channel =
        |i: usize| u8::from_str_radix(fill.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
    let luminance = 0.299 * f64::from(channel(1))
        + 0.587 * f64::from(channel(3))
        + 0.114 * f64::from(channel(5));
    if luminance < 140.0 {
        "#FFFFFF"
    } else {
        "#111111"
    }
}

/// Layout choices that depend on the engine and on a first pass.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Layout {
    /// Draw clusters (country boxes, nested org boxes): only `dot` lays them out; `neato` and
    /// `sfdp` would draw stray boxes.
    pub clusters: bool,
    /// Padding in inches (x, y) that brings the drawing to the page's aspect ratio.
    pub pad: Option<(f64, f64)>,
    /// Apply the theme's fixed page size (off for the first, measuring pass).
    pub page: bool,
}

/// The DOT graph of `scene`.
pub fn graph(scene: &Scene, dataset: &Dataset, theme: Theme, layout: Layout) -> Graph {
    let palette = theme.palette();
    let colours = Colours::new(dataset);
    let mut stmts: Vec<Stmt> = Vec::new();
    // Title, subtitle and legend in the graph's own label: it stays in place whatever the
    // layout engine (a legend cluster would float under neato or sfdp).
    let title = header(scene, dataset, &colours, &palette);
    let mut graph_attrs = vec![
        attr("label", Id::Html(title)),
        text("labelloc", "t"),
        text("fontname", style::FONTS),
        text("fontcolor", palette.text),
        text("bgcolor", palette.background),
        text("outputorder", "edgesfirst"),
        text(
            "overlap",
            if theme == Theme::Slide {
                "prism"
            } else {
                "false"
            },
        ),
        text("sep", "+2"),
        text("K", "0.3"),
        text("splines", "true"),
        text("nodesep", "0.25"),
        text("ranksep", "0.6"),
        text(
            "pad",
            &match layout.pad {
                Some((x, y)) => format!("{x:.3},{y:.3}"),
                None => "0.3".to_string(),
            },
        ),
        text("newrank", "true"),
        text("compound", "true"),
    ];
    if let (Some((size, _)), true) = (palette.page, layout.page) {
        // The page's DPI is given to Graphviz for PNG only (see graphviz::Output).
        graph_attrs.push(text("size", size));
    }
    graph_attrs.push(text("rankdir", "LR"));
    stmts.push(GraphAttributes::Graph(graph_attrs).into());
    stmts.push(
        GraphAttributes::Node(vec![
            text("fontname", style::FONTS),
            text("fontsize", &palette.node_font.to_string()),
            text("style", "filled,rounded"),
            text("penwidth", "1"),
            text("margin", "0.08,0.04"),
        ])
        .into(),
    );
    stmts.push(
        GraphAttributes::Edge(vec![
            text("color", palette.edge),
            text("fontname", style::FONTS),
            text("fontsize", &palette.small_font.to_string()),
            text("fontcolor", palette.text),
        ])
        .into(),
    );

    // Left-to-right order of a node: bodies of the first group, then mechanisms and forums, then
    // bodies of the other groups.
    let side = |node: &SceneNode| -> usize {
        match (
            node.kind,
            node.group.as_ref().and_then(|g| colours.groups.get(g)),
        ) {
            (NodeKind::Body, Some((0, _))) => 0,
            (NodeKind::Body, _) => 2,
            _ => 1,
        }
    };
    let node_stmt = |index: usize, node: &SceneNode| -> Stmt {
        let fill = colours.fill(node, scene.colour_by);
        let (fill, font, line) = if node.faded {
            (palette.faded, palette.faded, palette.faded)
        } else {
            (fill, text_on(fill), palette.text)
        };
        let scale = 1.0 + 1.2 * node.size;
        let wrapped = style::wrap(
            &node.label,
            if node.kind == NodeKind::Body { 18 } else { 22 },
        );
        let tooltip = format!(
            "{} ({}){}",
            node.name,
            node.kind.as_str(),
            node.group
                .as_ref()
                .map(|g| format!(", {g}"))
                .unwrap_or_default()
        );
        let mut attributes = vec![
            text("id", &format!("n{index}")),
            text(
                "class",
                if node.faded {
                    format!("{} faded", node.kind.as_str())
                } else {
                    node.kind.as_str().to_string()
                }
                .as_str(),
            ),
            attr("label", dot_string(&wrapped)),
            attr("tooltip", dot_string(&tooltip)),
            text("shape", style::shape(node.kind)),
            text("fillcolor", fill),
            text("fontcolor", font),
            text("color", line),
            text(
                "fontsize",
                &format!("{:.1}", palette.node_font * (0.9 + 0.5 * node.size)),
            ),
            text("width", &format!("{:.2}", 0.6 * scale)),
            text("height", &format!("{:.2}", 0.35 * scale)),
        ];
        if node.kind == NodeKind::Mechanism {
            attributes.push(text("style", "filled"));
            if theme == Theme::Slide {
                // On a slide mechanisms are small dots (names in tooltips and the HTML view):
                // the bodies' names are what must read from the back of the room.
                attributes.retain(|Attribute(key, _)| {
                    !matches!(key, Id::Plain(k) if k == "label" || k == "width" || k == "height")
                });
                attributes.push(text("label", ""));
                attributes.push(text("shape", "circle"));
                attributes.push(text("width", &format!("{:.2}", 0.14 + 0.16 * node.size)));
                attributes.push(text("fixedsize", "true"));
            }
        }
        if node.emphasised {
            attributes.push(text("penwidth", "3"));
        }
        Stmt::Node(Node::new(node_id(index), attributes))
    };

    // Clusters: one per group (dataset order), nested boxes by parent in the org view; forums
    // in their own cluster; mechanisms between the groups.
    let mut by_group: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut forums = Vec::new();
    let mut loose = Vec::new();
    for (i, node) in scene.nodes.iter().enumerate() {
        match (
            node.kind,
            node.group.as_ref().and_then(|g| colours.groups.get(g)),
        ) {
            (NodeKind::Body, Some((g, _))) => by_group.entry(*g).or_default().push(i),
            (NodeKind::Forum, _) => forums.push(i),
            _ => loose.push(i),
        }
    }
    let group_names: Vec<(String, String)> = dataset
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    if !layout.clusters {
        for members in by_group.values() {
            stmts.extend(members.iter().map(|&i| node_stmt(i, &scene.nodes[i])));
        }
        by_group.clear();
        loose.append(&mut forums);
    }
    for (g, members) in by_group {
        let (id, name) = &group_names[g];
        let mut inner: Vec<Stmt> = vec![
            text("label", name).into(),
            text("style", "rounded,filled").into(),
            text("color", palette.cluster).into(),
            text("fillcolor", palette.cluster_fill).into(),
            text("fontsize", &(palette.node_font + 4.0).to_string()).into(),
            text("fontcolor", palette.text).into(),
        ];
        if scene.nested {
            inner.extend(nested(scene, &members, &node_stmt, &palette));
        } else {
            inner.extend(members.iter().map(|&i| node_stmt(i, &scene.nodes[i])));
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: plain(&format!(
                "cluster_group_{g}_{}",
                crate::query::resolve::normalise(id).replace(' ', "_")
            )),
            stmts: inner,
        }));
    }
    if !forums.is_empty() {
        let mut inner: Vec<Stmt> = vec![
            text("label", "Multilateral forums").into(),
            text("style", "rounded,dashed").into(),
            text("color", palette.cluster).into(),
            text("fontcolor", palette.text).into(),
        ];
        inner.extend(forums.iter().map(|&i| node_stmt(i, &scene.nodes[i])));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: plain("cluster_forums"),
            stmts: inner,
        }));
    }
    stmts.extend(loose.iter().map(|&i| node_stmt(i, &scene.nodes[i])));

    for edge in &scene.edges {
        let colour = if edge.faded {
            palette.faded
        } else if edge.highlighted {
            palette.highlight
        } else {
            palette.edge
        };
        let width = if edge.highlighted && !edge.faded {
            2.5
        } else {
            (0.8 + edge.weight.ln_1p()).min(5.0)
        };
        let mut attributes = vec![
            text("color", colour),
            text("penwidth", &format!("{width:.2}")),
            text("class", &format!("edge-{}", edge.kind.as_str())),
        ];
        if !edge.tooltip.is_empty() {
            attributes.push(attr("tooltip", dot_string(&edge.tooltip)));
        }
        if let Some(label) = &edge.label {
            attributes.push(attr("label", dot_string(&style::wrap(label, 24))));
        }
        match edge.kind {
            EdgeKind::PartOf => attributes.push(text("style", "dashed")),
            EdgeKind::Via => attributes.push(text("style", "dotted")),
            _ => {}
        }
        // Tail before head sets dot's ranks: the first group's bodies left, mechanisms in the
        // middle, the other groups right.
        let (tail, head) = if side(&scene.nodes[edge.a]) <= side(&scene.nodes[edge.b]) {
            (edge.a, edge.b)
        } else {
            (edge.b, edge.a)
        };
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(tail)), Vertex::N(node_id(head))),
            attributes,
        }));
    }
    Graph::Graph {
        id: plain("coopgraph"),
        strict: false,
        stmts,
    }
}

/// The org view's nested boxes: a body with sub-bodies becomes a cluster holding itself and them.
fn nested(
    scene: &Scene,
    members: &[usize],
    node_stmt: &dyn Fn(usize, &SceneNode) -> Stmt,
    palette: &style::Palette,
) -> Vec<Stmt> {
    let position: BTreeMap<&str, usize> = members
        .iter()
        .map(|&i| (scene.nodes[i].id.as_str(), i))
        .collect();
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut roots = Vec::new();
    for &i in members {
        match scene.nodes[i]
            .container
            .as_deref()
            .and_then(|c| position.get(c))
        {
            Some(&parent) => children.entry(parent).or_default().push(i),
            None => roots.push(i),
        }
    }
    fn emit(
        i: usize,
        scene: &Scene,
        children: &BTreeMap<usize, Vec<usize>>,
        node_stmt: &dyn Fn(usize, &SceneNode) -> Stmt,
        palette: &style::Palette,
        depth: usize,
    ) -> Stmt {
        match children.get(&i) {
            None => node_stmt(i, &scene.nodes[i]),
            Some(kids) => {
                let mut inner: Vec<Stmt> = vec![
                    text("label", "").into(),
                    text("style", "rounded").into(),
                    text("color", palette.cluster).into(),
                    text("penwidth", if depth == 0 { "1.5" } else { "1" }).into(),
                    node_stmt(i, &scene.nodes[i]),
                ];
                for &k in kids {
                    inner.push(emit(k, scene, children, node_stmt, palette, depth + 1));
                }
                Stmt::Subgraph(Subgraph {
                    id: plain(&format!("cluster_org_n{i}")),
                    stmts: inner,
                })
            }
        }
    }
    roots
        .into_iter()
        .map(|i| emit(i, scene, &children, node_stmt, palette, 0))
        .collect()
}

/// `text` wrapped at about `width` characters, escaped, lines joined by `<BR/>`.
fn wrapped_html(text: &str, width: usize) -> String {
    style::wrap(text, width)
        .split('\n')
        .map(html)
        .collect::<Vec<_>>()
        .join("<BR/>")
}

/// The title block: title, subtitle (when there is one: a dataset without a title or sources
/// has none, and Graphviz rejects an empty `<FONT>` element) and legend, as an HTML-like label.
fn header(scene: &Scene, dataset: &Dataset, colours: &Colours, palette: &style::Palette) -> String {
    let mut rows = vec![format!(
        "<TR><TD><FONT POINT-SIZE=\"{}\"><B>{}</B></FONT></TD></TR>",
        palette.title_font,
        wrapped_html(&scene.title, 60)
    )];
    if !scene.subtitle.trim().is_empty() {
        rows.push(format!(
            "<TR><TD><FONT POINT-SIZE=\"{}\">{}</FONT></TD></TR>",
            palette.small_font,
            wrapped_html(&scene.subtitle, 90)
        ));
    }
    rows.push(format!(
        "<TR><TD>{}</TD></TR>",
        legend(scene, dataset, colours, palette)
    ));
    format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">{}</TABLE>>",
        rows.concat()
    )
}

/// The legend, as one row of an HTML-like table: node kinds by shape, the colours in use, what
/// size means.
fn legend(scene: &Scene, dataset: &Dataset, colours: &Colours, palette: &style::Palette) -> String {
    let mut cells = String::new();
    let size = palette.small_font;
    let cell = |content: String| format!("<TD>{content}</TD>");
    let label = |t: &str| format!("<FONT POINT-SIZE=\"{size}\">{}</FONT>", html(t));
    let swatch = |colour: &str, name: &str| {
        format!(
            "<TD BGCOLOR=\"{colour}\" WIDTH=\"14\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\"></TD><TD ALIGN=\"LEFT\">{}</TD>",
            label(name)
        )
    };
    for kind in [NodeKind::Body, NodeKind::Mechanism, NodeKind::Forum] {
        if scene.nodes.iter().any(|n| n.kind == kind) {
            let shape = match kind {
                NodeKind::Body => "▭ body",
                NodeKind::Mechanism => "◯ mechanism",
                NodeKind::Forum => "⬡ forum",
            };
            cells.push_str(&cell(label(shape)));
        }
    }
    match scene.colour_by {
        ColourBy::Group => {
            for group in &dataset.groups {
                if scene
                    .nodes
                    .iter()
                    .any(|n| n.group.as_ref() == Some(&group.id))
                {
                    if let Some((i, name)) = colours.groups.get(&group.id) {
                        cells.push_str(&swatch(style::group_colour(*i), name));
                    }
                }
            }
        }
        ColourBy::Area => {
            for area in &dataset.areas {
                if scene
                    .nodes
                    .iter()
                    .any(|n| n.area.as_ref() == Some(&area.id))
                {
                    if let Some((i, name)) = colours.areas.get(&area.id) {
                        cells.push_str(&swatch(
                            style::area_colour(*i),
                            &style::wrap(name, 22).replace('\n', " "),
                        ));
                    }
                }
            }
        }
        ColourBy::Kind => {
            for kind in [NodeKind::Body, NodeKind::Mechanism, NodeKind::Forum] {
                if scene.nodes.iter().any(|n| n.kind == kind) {
                    cells.push_str(&swatch(style::kind_colour(kind), kind.as_str()));
                }
            }
        }
    }
    cells.push_str(&cell(label(&format!("size: {}", scene.size_by.as_str()))));
    if scene.edges.iter().any(|e| e.kind == EdgeKind::PartOf) {
        cells.push_str(&cell(label("dashed: part of")));
    }
    if scene.nodes.iter().any(|n| n.faded) {
        cells.push_str(&cell(label("grey: outside the selection")));
    }
    format!("<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"1\"><TR>{cells}</TR></TABLE>")
}

/// The DOT text of `graph`, one statement per line.
pub fn print(graph: Graph) -> String {
    let mut context = PrinterContext::default();
    let mut text = graph.print(&mut context);
    text.push('\n');
    text
}
