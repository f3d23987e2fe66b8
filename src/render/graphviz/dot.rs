//! DOT for a scene, built with graphviz-rust's AST: synthetic node ids (`n0`, `n1` …), user
//! text only in escaped labels and tooltips, a cluster per group in a stable order, a legend
//! inside the diagram.

use super::columns::{self, Item};
use crate::graph::{EdgeKind, NodeKind};
use crate::model::Dataset;
use crate::render::scene::{ColourBy, Scene, SceneEdge, SceneNode};
use crate::render::style::{self, Theme};
use crate::text::escape::{dot_string, dot_tooltip, html};
use crate::text::numbers::group_digits;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, HashMap};

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
    /// Each group's colour by its place in the dataset (past the palette, a shared grey).
    of_group: style::GroupColours,
}

impl Colours {
    fn new(dataset: &Dataset, scene: &Scene) -> Colours {
        let bodies = scene.nodes.iter().filter(|n| n.kind == NodeKind::Body);
        Colours {
            of_group: style::GroupColours::for_view(dataset, bodies.map(|n| n.id.as_str())),
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
                .map_or(NEUTRAL_BODY, |(i, _)| self.of_group.of(*i)),
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
    /// Lay out for `dot`: country boxes (clusters) and explicit columns; `neato` and `sfdp`
    /// would draw stray boxes and ignore ranks.
    pub clusters: bool,
    /// Padding in inches (x, y) that brings the drawing to the page's aspect ratio.
    pub pad: Option<(f64, f64)>,
    /// Apply the theme's fixed page size (off for the first, measuring pass).
    pub page: bool,
    /// With `clusters`: the number of columns the nodes are dealt over (0: dot's own ranks);
    /// for the org chart, the number of columns of tie labels.
    pub columns: usize,
    /// For the org chart: the number of columns each side's top-level bodies are dealt over
    /// (0 or 1: one).
    pub root_columns: usize,
    /// The engine, written into the DOT (`layout=…`) so that `dot -Tsvg FILE.dot` redraws the
    /// file as coopgraph drew it.
    pub engine: Option<super::runner::Engine>,
}

/// Which side of a left-to-right drawing a node stands on: 0 for the first group's bodies, 1
/// for mechanisms, forums and bodies without a known group, 2 for the other groups' bodies.
fn side(node: &SceneNode, colours: &Colours) -> usize {
    match (
        node.kind,
        node.group.as_ref().and_then(|g| colours.groups.get(g)),
    ) {
        (NodeKind::Body, Some((0, _))) => 0,
        (NodeKind::Body, Some(_)) => 2,
        _ => 1,
    }
}

/// The dataset position of a node's group (groups not in the dataset last).
fn group_order(node: &SceneNode, colours: &Colours) -> usize {
    node.group
        .as_ref()
        .and_then(|g| colours.groups.get(g))
        .map_or(usize::MAX / 2, |(i, _)| *i)
}

/// Lines above which a force layout draws curves instead of routing splines around every node:
/// the network slide of a 4 MB document's draft (209 nodes, 352 lines) took sfdp 11.6 s CPU with
/// routed splines, 0.12 s with curves (the bundled dataset's views have at most 142 lines).
const CURVED_ABOVE_LINES: usize = 150;

/// The DOT graph of `scene`.
pub fn graph(scene: &Scene, dataset: &Dataset, theme: Theme, layout: Layout) -> Graph {
    let palette = theme.palette();
    let colours = Colours::new(dataset, scene);
    let graph_attrs = graph_attributes(scene, dataset, &colours, &palette, theme, layout);
    let mut stmts: Vec<Stmt> = vec![GraphAttributes::Graph(graph_attrs).into()];
    stmts.extend(defaults(&palette));
    let look = NodeLook {
        colour_by: scene.colour_by,
        colours: &colours,
        palette: &palette,
        theme,
    };
    let node_stmt = |index: usize, node: &SceneNode| look.stmt(index, node);
    if scene.nested {
        org_chart(scene, &colours, &palette, layout, &node_stmt, &mut stmts);
    } else {
        network(
            scene, dataset, &colours, &palette, layout, &node_stmt, &mut stmts,
        );
    }
    Graph::Graph {
        id: plain("coopgraph"),
        strict: false,
        stmts,
    }
}

/// The graph's own attributes: title, subtitle and legend as its label, and the layout's
/// settings.
fn graph_attributes(
    scene: &Scene,
    dataset: &Dataset,
    colours: &Colours,
    palette: &style::Palette,
    theme: Theme,
    layout: Layout,
) -> Vec<Attribute> {
    // Title, subtitle and legend in the graph's own label: it stays in place whatever the
    // layout engine (a legend cluster would float under neato or sfdp).
    let title = header(scene, dataset, colours, palette);
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
        // Routing splines around every node is most of sfdp's time (measured on the 10,000-node
        // dataset's network slide, cut to 110 nodes: 2.46 s CPU, against 0.22 s for curved
        // edges and the same node layout): a view cut from a large dataset draws curves, and so
        // does any view of more than [`CURVED_ABOVE_LINES`] lines.
        text(
            "splines",
            if (scene.limited || scene.edges.len() > CURVED_ABOVE_LINES) && !layout.clusters {
                "curved"
            } else {
                "true"
            },
        ),
        // Long edges cross the columns between their ends as chains of virtual nodes, each
        // taking nodesep: 0.1 in keeps the drawings landscape (measured on the bundled org
        // chart: 0.25 in gives 2000 × 2191 pt, 0.1 in 2000 × 1271 pt, the same text size).
        text("nodesep", "0.1"),
        text("ranksep", "0.6"),
        text(
            "pad",
            &match layout.pad {
                // Two decimals: Graphviz 2.43's cairo PNG output varied from run to run at
                // some padding values (measured: 7.728 in gave two different PNGs in 8 runs,
                // 7.72 and 7.73 one), while the SVG and the layout did not.
                Some((x, y)) => format!("{x:.2},{y:.2}"),
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
    // dot 2.43 orders flat edges (both ends in one column) differently from run to run; keeping
    // each node's edges in input order makes its output the same every time (measured: the
    // mechanisms view gave 4 different SVGs in 12 runs without it, 1 in 20 with it).
    graph_attrs.push(text("ordering", "out"));
    if let Some(engine) = layout.engine {
        graph_attrs.push(text("layout", engine.as_str()));
    }
    graph_attrs
}

/// The default attributes of nodes and edges.
fn defaults(palette: &style::Palette) -> [Stmt; 2] {
    [
        GraphAttributes::Node(vec![
            text("fontname", style::FONTS),
            text("fontsize", &palette.node_font.to_string()),
            text("style", "filled,rounded"),
            text("penwidth", "1"),
            text("margin", "0.08,0.04"),
        ])
        .into(),
        GraphAttributes::Edge(vec![
            text("color", palette.edge),
            text("fontname", style::FONTS),
            text("fontsize", &palette.small_font.to_string()),
            text("fontcolor", palette.text),
        ])
        .into(),
    ]
}

/// How nodes look: their colours, shapes and sizes in one theme.
struct NodeLook<'a> {
    colour_by: ColourBy,
    colours: &'a Colours,
    palette: &'a style::Palette,
    theme: Theme,
}

impl NodeLook<'_> {
    /// The statement of `node`, the scene's node `index`.
    fn stmt(&self, index: usize, node: &SceneNode) -> Stmt {
        let fill = self.colours.fill(node, self.colour_by);
        let (fill, font, line) = if node.faded {
            (self.palette.faded, self.palette.faded, self.palette.faded)
        } else if node.structural {
            // Shown for the hierarchy only: grey, but readable.
            (self.palette.faded, self.palette.text, self.palette.cluster)
        } else {
            (fill, text_on(fill), self.palette.text)
        };
        let scale = 1.0 + 1.2 * node.size;
        let wrapped = style::node_label(&node.label, node.kind);
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
            attr("tooltip", dot_tooltip(&tooltip)),
            text("shape", style::shape(node.kind)),
            text("fillcolor", fill),
            text("fontcolor", font),
            text("color", line),
            text(
                "fontsize",
                &format!("{:.1}", style::node_font(self.palette.node_font, node.size)),
            ),
            text("width", &format!("{:.2}", 0.6 * scale)),
            text("height", &format!("{:.2}", 0.35 * scale)),
        ];
        if node.kind == NodeKind::Mechanism {
            attributes.push(text("style", "filled"));
            if self.theme == Theme::Slide {
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
    }
}

/// The statements of every view but the org chart: a box per group (dot), forums in a box of
/// their own, mechanisms between; nodes dealt over `layout.columns` columns.
fn network(
    scene: &Scene,
    dataset: &Dataset,
    colours: &Colours,
    palette: &style::Palette,
    layout: Layout,
    node_stmt: &dyn Fn(usize, &SceneNode) -> Stmt,
    stmts: &mut Vec<Stmt>,
) {
    let columns = if layout.clusters && layout.columns > 0 {
        columns::spread(
            scene,
            &|n: &SceneNode| side(n, colours),
            layout.columns,
            palette.node_font,
        )
    } else {
        Vec::new()
    };
    let column = columns::column_of(&columns);
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
    if !layout.clusters {
        for members in by_group.values() {
            stmts.extend(members.iter().map(|&i| node_stmt(i, &scene.nodes[i])));
        }
        by_group.clear();
        loose.append(&mut forums);
    }
    for (g, members) in by_group {
        let (id, name) = (&dataset.groups[g].id, &dataset.groups[g].name);
        let mut inner: Vec<Stmt> = vec![
            text("label", name).into(),
            text("style", "rounded,filled").into(),
            text("color", palette.cluster).into(),
            text("fillcolor", palette.cluster_fill).into(),
            text("fontsize", &(palette.node_font + 4.0).to_string()).into(),
            text("fontcolor", palette.text).into(),
        ];
        inner.extend(members.iter().map(|&i| node_stmt(i, &scene.nodes[i])));
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
    ranks(&columns, stmts);

    stmts.extend(
        scene
            .edges
            .iter()
            .map(|edge| edge_stmt(edge, scene, colours, palette, &column)),
    );
}

/// The statement of `edge`: its colour, width and style, tail before head as `column` (or the
/// node's side) orders them.
fn edge_stmt(
    edge: &SceneEdge,
    scene: &Scene,
    colours: &Colours,
    palette: &style::Palette,
    column: &HashMap<Item, usize>,
) -> Stmt {
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
        attributes.push(attr("tooltip", dot_tooltip(&edge.tooltip)));
    }
    if let Some(label) = &edge.label {
        attributes.push(attr("label", dot_string(&style::wrap(label, 24))));
    }
    match edge.kind {
        EdgeKind::PartOf => attributes.push(text("style", "dashed")),
        EdgeKind::Via => attributes.push(text("style", "dotted")),
        _ if edge.dashed => attributes.push(text("style", "dashed")),
        _ => {}
    }
    // Tail before head sets dot's ranks: with columns, the lower column first; without,
    // the first group's bodies left, mechanisms in the middle, the other groups right.
    let key = |i: usize| match column.get(&Item::Node(i)) {
        Some(&k) => k,
        None => side(&scene.nodes[i], colours),
    };
    let (tail, head) = if key(edge.a) <= key(edge.b) {
        (edge.a, edge.b)
    } else {
        (edge.b, edge.a)
    };
    pair(node_id(tail), node_id(head), attributes)
}

fn pair(tail: NodeId, head: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(tail), Vertex::N(head)),
        attributes,
    })
}

/// Pins each column to a rank of its own: an invisible anchor per column, chained left to
/// right, and a `rank=same` subgraph holding the anchor and the column's nodes (`newrank`
/// lets these cross the group boxes).
fn ranks(columns: &[Vec<Item>], stmts: &mut Vec<Stmt>) {
    let item_id = |item: &Item| match item {
        Item::Node(i) => node_id(*i),
        Item::Tie(e) => NodeId(plain(&format!("t{e}")), None),
    };
    for (k, items) in columns.iter().enumerate() {
        let anchor = NodeId(plain(&format!("c{k}")), None);
        let mut inner: Vec<Stmt> = vec![
            text("rank", "same").into(),
            Stmt::Node(Node::new(
                anchor,
                vec![
                    text("shape", "point"),
                    text("style", "invis"),
                    text("width", "0"),
                    text("height", "0"),
                    text("label", ""),
                ],
            )),
        ];
        inner.extend(
            items
                .iter()
                .map(|item| Stmt::Node(Node::new(item_id(item), Vec::new()))),
        );
        stmts.push(Stmt::Subgraph(Subgraph {
            id: plain(&format!("column_{k}")),
            stmts: inner,
        }));
        if k > 0 {
            stmts.push(pair(
                NodeId(plain(&format!("c{}", k - 1)), None),
                NodeId(plain(&format!("c{k}")), None),
                vec![text("style", "invis")],
            ));
        }
    }
}

/// The org chart: each group's hierarchy as a tree, one column per level (the first group
/// growing rightwards from its government, the second leftwards, further groups alternating
/// below them), and between the trees one label box per pair of bodies tied across groups —
/// "3 · defence", its line as wide as the number of mechanisms, the full list in its tooltip.
fn org_chart(
    scene: &Scene,
    colours: &Colours,
    palette: &style::Palette,
    layout: Layout,
    node_stmt: &dyn Fn(usize, &SceneNode) -> Stmt,
    stmts: &mut Vec<Stmt>,
) {
    let order = |n: &SceneNode| group_order(n, colours);
    let columns = columns::org(scene, &order, layout.columns.max(1), layout.root_columns);
    let column = columns::column_of(&columns);
    let key = |item: Item| column.get(&item).copied().unwrap_or(0);
    stmts.extend(
        scene
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| node_stmt(i, node)),
    );
    for (e, edge) in scene.edges.iter().enumerate() {
        let tooltip = attr("tooltip", dot_tooltip(&edge.tooltip));
        if edge.kind == EdgeKind::Shared {
            let tie = NodeId(plain(&format!("t{e}")), None);
            let label = edge.label.clone().unwrap_or_default();
            stmts.push(Stmt::Node(Node::new(
                tie.clone(),
                vec![
                    text("id", &format!("t{e}")),
                    text("class", "tie"),
                    attr("label", dot_string(&style::wrap(&label, 20))),
                    tooltip.clone(),
                    text("shape", "box"),
                    text("style", "rounded,filled"),
                    text("fillcolor", palette.background),
                    text("color", palette.edge),
                    text("fontcolor", palette.text),
                    text("fontsize", &palette.small_font.to_string()),
                    text("width", "0.3"),
                    text("height", "0.2"),
                    text("margin", "0.05,0.02"),
                ],
            )));
            let width = format!("{:.2}", (0.8 + 1.2 * edge.weight.ln_1p()).min(6.0));
            for end in [edge.a, edge.b] {
                let attributes = vec![
                    text("color", palette.edge),
                    text("penwidth", &width),
                    text("class", "edge-tie"),
                    tooltip.clone(),
                ];
                let (tail, head) = if key(Item::Node(end)) <= key(Item::Tie(e)) {
                    (node_id(end), tie.clone())
                } else {
                    (tie.clone(), node_id(end))
                };
                stmts.push(pair(tail, head, attributes));
            }
        } else if edge.kind == EdgeKind::Participates {
            // A hub's spoke: the hub stands among the tie labels.
            let attributes = vec![
                text("color", palette.edge),
                text("penwidth", "0.8"),
                text("class", "edge-hub"),
                tooltip,
            ];
            let (tail, head) = if key(Item::Node(edge.a)) <= key(Item::Node(edge.b)) {
                (edge.a, edge.b)
            } else {
                (edge.b, edge.a)
            };
            stmts.push(pair(node_id(tail), node_id(head), attributes));
        } else {
            let mut attributes = vec![
                text("color", palette.cluster),
                text("penwidth", "1.4"),
                text("class", "edge-part-of"),
                tooltip,
            ];
            if edge.faded {
                // Implied: a top-level body under its government.
                attributes.push(text("style", "dashed"));
            }
            let (tail, head) = if key(Item::Node(edge.a)) <= key(Item::Node(edge.b)) {
                (edge.a, edge.b)
            } else {
                (edge.b, edge.a)
            };
            stmts.push(pair(node_id(tail), node_id(head), attributes));
        }
    }
    ranks(&columns, stmts);
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

/// The legend, as an HTML-like table of at most five entries a row: node kinds by shape, the
/// colours in use, what size and line styles mean.
fn legend(scene: &Scene, dataset: &Dataset, colours: &Colours, palette: &style::Palette) -> String {
    let cells = LegendCells {
        size: palette.small_font,
    };
    let mut entries = shape_entries(scene, &cells);
    entries.extend(colour_entries(scene, dataset, colours, &cells));
    entries.extend(meaning_entries(scene, palette, &cells));
    let rows: Vec<String> = entries
        .chunks(5)
        .map(|row| {
            format!(
                "<TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"1\"><TR>{}</TR></TABLE></TD></TR>",
                row.concat()
            )
        })
        .collect();
    format!(
        "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">{}</TABLE>",
        rows.concat()
    )
}

/// The cells of a legend entry, in the legend's type size.
struct LegendCells {
    size: f64,
}

impl LegendCells {
    /// An entry of text.
    fn text(&self, t: &str) -> String {
        format!("<TD ALIGN=\"LEFT\">{}</TD>", self.label(t))
    }

    fn label(&self, t: &str) -> String {
        format!("<FONT POINT-SIZE=\"{}\">{}</FONT>", self.size, html(t))
    }

    /// A colour square and its name as one line of text: Graphviz centres a cell's text in
    /// the width it estimates, which is wider than the text drawn, so a separate swatch cell
    /// would stand apart from its name.
    fn swatch(&self, colour: &str, name: &str) -> String {
        format!(
            "<TD><FONT POINT-SIZE=\"{}\" COLOR=\"{colour}\">■</FONT>{}</TD>",
            self.size,
            self.label(&format!(" {name}"))
        )
    }
}

/// The node kinds the scene shows, by shape.
fn shape_entries(scene: &Scene, cells: &LegendCells) -> Vec<String> {
    [NodeKind::Body, NodeKind::Mechanism, NodeKind::Forum]
        .into_iter()
        .filter(|&kind| scene.nodes.iter().any(|n| n.kind == kind))
        .map(|kind| {
            cells.text(match kind {
                NodeKind::Body => "▭ body",
                NodeKind::Mechanism => "◯ mechanism",
                NodeKind::Forum => "⬡ forum",
            })
        })
        .collect()
}

/// The fill colours in use: groups, areas or kinds.
fn colour_entries(
    scene: &Scene,
    dataset: &Dataset,
    colours: &Colours,
    cells: &LegendCells,
) -> Vec<String> {
    let mut entries = Vec::new();
    match scene.colour_by {
        ColourBy::Group => {
            let mut others = 0;
            for group in &dataset.groups {
                if scene
                    .nodes
                    .iter()
                    .any(|n| n.group.as_ref() == Some(&group.id))
                {
                    if let Some((i, name)) = colours.groups.get(&group.id) {
                        if colours.of_group.own(*i) {
                            entries.push(cells.swatch(colours.of_group.of(*i), name));
                        } else {
                            others += 1;
                        }
                    }
                }
            }
            // The groups past the palette share one grey: the legend counts them.
            if others > 0 {
                let label = format!(
                    "{} other {}",
                    group_digits(others),
                    if others == 1 { "group" } else { "groups" }
                );
                entries.push(cells.swatch(style::OTHER_GROUPS, &label));
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
                        entries.push(cells.swatch(
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
                    entries.push(cells.swatch(style::kind_colour(kind), kind.as_str()));
                }
            }
        }
    }
    entries
}

/// What size, line width and line styles mean in this scene.
fn meaning_entries(scene: &Scene, palette: &style::Palette, cells: &LegendCells) -> Vec<String> {
    let mut entries = vec![cells.text(&format!("size: {}", scene.size_by.as_str()))];
    if scene.hubs > 0 {
        entries.push(cells.text(&format!(
            "◯ tying {}+ of the bodies drawn: a line to each, not one per pair",
            crate::render::scene::HUB_MIN
        )));
    }
    if !scene.nested && scene.edges.iter().any(|e| e.kind == EdgeKind::Shared) {
        entries.push(cells.text("line width: number shared"));
    }
    if scene.nested {
        if scene.edges.iter().any(|e| e.kind == EdgeKind::Shared) {
            entries.push(
                cells.text(
                    "▢ N · area: N mechanisms tie the pair, most in that area (line width: N)",
                ),
            );
        }
        if scene.nodes.iter().any(|n| n.structural) {
            entries.push(cells.swatch(palette.faded, "in no mechanism (shown for the hierarchy)"));
        }
        if scene
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::PartOf && e.faded)
        {
            entries.push(cells.text("dashed: under the government (implied)"));
        }
    } else {
        if scene.edges.iter().any(|e| e.kind == EdgeKind::PartOf) {
            entries.push(cells.text("dashed: part of"));
        }
        if scene.nodes.iter().any(|n| n.faded) {
            entries.push(cells.text("grey: outside the selection"));
        }
        // The changes view: what each line style means.
        if scene.changes {
            entries.push(cells.swatch(palette.highlight, "tie gained"));
            entries.push(cells.text("dashed: tie lost"));
            entries.push(cells.text("faint: unchanged"));
        }
    }
    entries
}

/// The DOT text of `graph`, one statement per line.
pub fn print(graph: Graph) -> String {
    let mut context = PrinterContext::default();
    let mut text = graph.print(&mut context);
    text.push('\n');
    text
}
