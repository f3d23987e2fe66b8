//! What a diagram shows: the nodes and edges of a view, with sizes, colour keys and highlights.
//! Views: `network`, `bodies`, `mechanisms`, `org`, `area:ID`, `ego:NODE[:DEPTH]`,
//! `path:FROM:TO`.

use crate::analysis::centrality::{compute, Measure, Options};
use crate::error::{Error, Result};
use crate::graph::{build_graph, BuildOptions, CoopGraph, EdgeKind, GraphKind, NodeKind};
use crate::model::Dataset;
use crate::present::group_digits;
use crate::query::links::Links;
use crate::query::resolve::{Resolver, Target};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// A view of the dataset to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The two-mode network.
    Network,
    /// The bodies projection.
    Bodies,
    /// The mechanisms projection.
    Mechanisms,
    /// The organisation: hierarchy as nested boxes, cooperation ties between them.
    Org,
    /// The mechanisms of one area with their participants.
    Area(String),
    /// The network around a node.
    Ego(String, usize),
    /// The routes between two bodies or groups.
    Path(String, String),
    /// Ties between bodies from one source to another: gained in colour, lost dashed,
    /// unchanged faint.
    Changes(String, String),
}

impl View {
    /// Parses `network`, `bodies`, `mechanisms`, `org`, `area:ID`, `ego:NODE[:DEPTH]`,
    /// `path:FROM:TO`.
    pub fn parse(text: &str) -> Result<View> {
        let usage = || {
            Error::Usage(format!(
                "unknown view '{text}'; expected network, bodies, mechanisms, org, area:ID, ego:NODE[:DEPTH], path:FROM:TO or changes:SOURCE:SOURCE"
            ))
        };
        let parts: Vec<&str> = text.splitn(3, ':').collect();
        match parts.as_slice() {
            ["network"] => Ok(View::Network),
            ["bodies"] => Ok(View::Bodies),
            ["mechanisms"] => Ok(View::Mechanisms),
            ["org"] => Ok(View::Org),
            ["area", id] if !id.is_empty() => Ok(View::Area(text[5..].to_string())),
            ["ego", node] if !node.is_empty() => Ok(View::Ego(node.to_string(), 1)),
            ["ego", node, depth] => match depth.parse::<usize>() {
                Ok(d) if d >= 1 => Ok(View::Ego(node.to_string(), d)),
                _ => Err(Error::Usage(format!(
                    "'{depth}' in '{text}' is not a depth; expected ego:NODE:N with N ≥ 1"
                ))),
            },
            ["path", from, to] if !from.is_empty() && !to.is_empty() => {
                Ok(View::Path(from.to_string(), to.to_string()))
            }
            ["changes", from, to] if !from.is_empty() && !to.is_empty() => {
                Ok(View::Changes(from.to_string(), to.to_string()))
            }
            _ => Err(usage()),
        }
    }

    /// A file-name-safe name of the view ("ego-mlit-2").
    pub fn slug(&self) -> String {
        let raw = match self {
            View::Network => "network".to_string(),
            View::Bodies => "bodies".to_string(),
            View::Mechanisms => "mechanisms".to_string(),
            View::Org => "org".to_string(),
            View::Area(id) => format!("area-{id}"),
            View::Ego(node, depth) => format!("ego-{node}-{depth}"),
            View::Path(from, to) => format!("path-{from}-{to}"),
            View::Changes(from, to) => format!("changes-{from}-{to}"),
        };
        crate::query::resolve::normalise(&raw).replace(' ', "-")
    }
}

/// How fill colours are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColourBy {
    /// Bodies by group (country).
    #[default]
    Group,
    /// Mechanisms by area.
    Area,
    /// Every node by kind.
    Kind,
}

/// A node of a scene.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneNode {
    /// Dataset id.
    pub id: String,
    /// Label shown.
    pub label: String,
    /// Full name (tooltip).
    pub name: String,
    /// Body, mechanism or forum.
    pub kind: NodeKind,
    /// The body's group.
    pub group: Option<String>,
    /// The mechanism's area.
    pub area: Option<String>,
    /// Size measure, scaled to 0..1 within the scene.
    pub size: f64,
    /// The raw value of the size measure.
    pub value: f64,
    /// Drawn faded (outside the highlighted part).
    pub faded: bool,
    /// Drawn emphasised (the ego's centre, a path's ends).
    pub emphasised: bool,
    /// For the org view: the body this one sits under (its parent, or for a top-level body
    /// its country's government).
    pub container: Option<String>,
    /// For the org view: shown only because it carries the hierarchy (in no mechanism).
    pub structural: bool,
}

/// An edge of a scene.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneEdge {
    /// Index of one end in `nodes`.
    pub a: usize,
    /// Index of the other end.
    pub b: usize,
    /// What it stands for.
    pub kind: EdgeKind,
    /// Weight (shared items on projections).
    pub weight: f64,
    /// Short label, if any.
    pub label: Option<String>,
    /// Tooltip: what carries the tie.
    pub tooltip: String,
    /// Drawn faded.
    pub faded: bool,
    /// Drawn highlighted (on a path).
    pub highlighted: bool,
    /// Drawn dashed (a tie lost).
    pub dashed: bool,
}

/// Everything a diagram shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    /// Title.
    pub title: String,
    /// Subtitle: dataset, source document, date.
    pub subtitle: String,
    /// Nodes.
    pub nodes: Vec<SceneNode>,
    /// Edges.
    pub edges: Vec<SceneEdge>,
    /// The org chart: bodies as trees under their parents, cooperation ties between groups.
    pub nested: bool,
    /// Lines show what changed between two sources (the legend says how).
    pub changes: bool,
    /// The measure sizes stand for.
    pub size_by: Measure,
    /// How colours are chosen.
    pub colour_by: ColourBy,
    /// Cut to its most central part by a [`Limit`] (the subtitle says so).
    #[serde(skip)]
    pub limited: bool,
}

/// Options of a scene.
#[derive(Debug, Clone)]
pub struct SceneOptions {
    /// The measure that sets node size.
    pub size_by: Measure,
    /// How colours are chosen.
    pub colour_by: ColourBy,
    /// Keep only the N bodies largest by `size_by` (and what ties them).
    pub top: Option<usize>,
    /// Drop the faded part of ego and path views instead of fading it.
    pub only: bool,
    /// Above a size, draw only the most central part (and say so in the subtitle).
    pub limit: Option<Limit>,
    /// The dataset's links with the hierarchy, when the caller has built them already (the
    /// report shares one build among its ego and path examples and its page); ego and path
    /// views build them otherwise.
    pub links: Option<Links>,
}

/// What a view too large to read keeps: the most central bodies, the mechanisms and forums that
/// tie most of them, the strongest ties among what is kept. Applied only when the view would
/// draw more than `above` nodes or more than `above_edges` lines; the subtitle says what was
/// kept of how many. Every body drawn in a cut view has at least one drawn tie.
#[derive(Debug, Clone)]
pub struct Limit {
    /// Views with at most this many nodes (and at most `above_edges` lines) are drawn whole.
    pub above: usize,
    /// Views with more lines than this are cut too, however few their nodes.
    pub above_edges: usize,
    /// Most bodies kept (for the mechanisms view: most mechanisms kept).
    pub bodies: usize,
    /// Most mechanisms and forums kept beside the bodies.
    pub carriers: usize,
    /// Most ties kept.
    pub ties: usize,
    /// Centrality of each node by id (higher is more central): what "most central" means.
    pub rank: Arc<HashMap<String, f64>>,
}

impl Limit {
    /// This limit cutting every view (whatever its size) to `share` of its bodies, carriers
    /// and ties, at least one of each.
    pub fn scaled(&self, share: f64) -> Limit {
        Limit {
            above: 0,
            above_edges: 0,
            ..self.shrunk(share)
        }
    }

    /// This limit with its sizes (bodies, carriers, ties) scaled by `share` and the same
    /// thresholds: a view that applies it only when it would be cut anyway, smaller.
    pub fn shrunk(&self, share: f64) -> Limit {
        let part = |n: usize| ((n as f64 * share).round() as usize).max(1);
        Limit {
            above: self.above,
            above_edges: self.above_edges,
            bodies: part(self.bodies),
            carriers: part(self.carriers),
            ties: part(self.ties),
            rank: Arc::clone(&self.rank),
        }
    }
}

/// Builds the scene of `view`.
pub fn scene(dataset: &Dataset, view: &View, options: &SceneOptions) -> Result<Scene> {
    let graph_kind = match view {
        View::Bodies | View::Org | View::Changes(..) => GraphKind::Bodies,
        View::Mechanisms => GraphKind::Mechanisms,
        _ => GraphKind::Network,
    };
    // A bodies view above the limit is cut before its projection is built (see `precut`).
    let precut = match (&options.limit, options.top) {
        (Some(limit), None) => super::precut::plan(dataset, view, limit, options.size_by),
        _ => None,
    };
    let mut graph = build_graph(
        precut.as_ref().map_or(dataset, |cut| &cut.dataset),
        graph_kind,
        BuildOptions::default(),
    );
    let values: Vec<f64> = match &precut {
        Some(cut) => graph
            .graph
            .node_weights()
            .map(|node| cut.values.get(&node.id).copied().unwrap_or(0.0))
            .collect(),
        None => compute(&graph, &[options.size_by], &Options::default())
            .scores
            .iter()
            .map(|s| s.get(options.size_by).unwrap_or(0.0))
            .collect(),
    };
    let area_of: HashMap<&str, &str> = dataset
        .mechanisms
        .iter()
        .filter_map(|m| m.area.as_deref().map(|a| (m.id.as_str(), a)))
        .collect();
    let name_of: HashMap<&str, &str> = dataset
        .bodies
        .iter()
        .map(|b| (b.id.as_str(), b.name.as_str()))
        .chain(
            dataset
                .forums
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str())),
        )
        .chain(
            dataset
                .mechanisms
                .iter()
                .map(|m| (m.id.as_str(), m.name.as_str())),
        )
        .collect();
    let mut nodes: Vec<SceneNode> = graph
        .graph
        .node_weights()
        .zip(&values)
        .map(|(node, &value)| SceneNode {
            id: node.id.clone(),
            label: node.label.clone(),
            name: name_of.get(node.id.as_str()).unwrap_or(&"").to_string(),
            kind: node.kind,
            group: node.group.clone(),
            area: area_of.get(node.id.as_str()).map(|a| a.to_string()),
            size: 0.0,
            value,
            faded: false,
            emphasised: false,
            container: None,
            structural: false,
        })
        .collect();
    let mut edges: Vec<SceneEdge> = graph
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = graph.graph.edge_endpoints(e)?;
            let edge = &graph.graph[e];
            let shared: Vec<&str> = edge
                .shared
                .iter()
                .map(|id| name_of.get(id.as_str()).copied().unwrap_or(id))
                .collect();
            Some(SceneEdge {
                a: a.index(),
                b: b.index(),
                kind: edge.kind,
                weight: edge.weight,
                label: None,
                tooltip: shared.join("; "),
                faded: false,
                highlighted: false,
                dashed: false,
            })
        })
        .collect();
    let mut keep: Option<HashSet<usize>> = None;
    match view {
        View::Org => org(dataset, &mut graph, &mut nodes, &mut edges),
        // The bodies view shows the number shared by line width and lists it in the tooltip:
        // numbers on the lines collided with the bodies' names on dense data (measured: two
        // overlapping pairs on the long-names fixture's slide).
        View::Bodies => {}
        View::Area(wanted) => {
            let area = dataset
                .areas
                .iter()
                .find(|a| &a.id == wanted || a.section.as_deref() == Some(wanted.as_str()))
                .ok_or_else(|| {
                    let ids: Vec<&str> = dataset.areas.iter().map(|a| a.id.as_str()).collect();
                    Error::Input(format!(
                        "no area '{wanted}'{}; areas: {}",
                        crate::suggest::did_you_mean(&crate::suggest::closest(
                            wanted,
                            ids.iter().copied()
                        )),
                        ids.join(", ")
                    ))
                })?;
            let mechanisms: HashSet<usize> = nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.area.as_deref() == Some(area.id.as_str()))
                .map(|(i, _)| i)
                .collect();
            let mut kept = mechanisms.clone();
            for edge in &edges {
                if mechanisms.contains(&edge.a) {
                    kept.insert(edge.b);
                }
                if mechanisms.contains(&edge.b) {
                    kept.insert(edge.a);
                }
            }
            keep = Some(kept);
        }
        View::Ego(name, depth) => {
            let (focus, centre) = ego_focus(dataset, &nodes, name, *depth, options)?;
            highlight(&mut nodes, &mut edges, &focus, &centre);
            if options.only {
                keep = Some(focus);
            }
        }
        View::Path(from, to) => {
            let (focus, centre, path_edges) = path_focus(dataset, &nodes, from, to, options)?;
            for (a, b) in path_edges {
                if !edges
                    .iter()
                    .any(|e| (e.a, e.b) == (a, b) || (e.a, e.b) == (b, a))
                {
                    edges.push(SceneEdge {
                        a,
                        b,
                        kind: EdgeKind::PartOf,
                        weight: 1.0,
                        label: None,
                        tooltip: "part of".into(),
                        faded: false,
                        highlighted: true,
                        dashed: false,
                    });
                }
            }
            highlight(&mut nodes, &mut edges, &focus, &centre);
            if options.only {
                keep = Some(focus);
            }
        }
        View::Changes(from, to) => {
            let (kept, changed) = super::changes::edges(dataset, &nodes, from, to)?;
            edges = changed;
            keep = Some(kept);
        }
        View::Network | View::Mechanisms => {}
    }
    // A precut view already holds what the cut keeps, ties or not.
    if matches!(view, View::Network | View::Bodies | View::Mechanisms)
        && keep.is_none()
        && precut.is_none()
    {
        // Bodies listed only as someone's parent have no tie here: leave them to the org view.
        let mut tied: HashSet<usize> = HashSet::new();
        for edge in &edges {
            tied.insert(edge.a);
            tied.insert(edge.b);
        }
        keep = Some(tied);
    }
    if let Some(top) = options.top {
        let mut bodies: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].kind == NodeKind::Body)
            .collect();
        bodies.sort_by(|&x, &y| {
            nodes[y]
                .value
                .total_cmp(&nodes[x].value)
                .then_with(|| nodes[x].id.cmp(&nodes[y].id))
        });
        let chosen: HashSet<usize> = bodies.into_iter().take(top).collect();
        let mut kept: HashSet<usize> = chosen.clone();
        if graph_kind == GraphKind::Mechanisms {
            kept = (0..nodes.len()).collect();
            let mut ranked: Vec<usize> = (0..nodes.len()).collect();
            ranked.sort_by(|&x, &y| nodes[y].value.total_cmp(&nodes[x].value));
            kept = ranked
                .into_iter()
                .take(top)
                .filter(|i| kept.contains(i))
                .collect();
        } else {
            // Mechanisms and forums that tie a kept body stay.
            for edge in &edges {
                for (end, other) in [(edge.a, edge.b), (edge.b, edge.a)] {
                    if chosen.contains(&end) && nodes[other].kind != NodeKind::Body {
                        kept.insert(other);
                    }
                }
            }
        }
        keep = Some(match keep {
            Some(previous) => previous.intersection(&kept).copied().collect(),
            None => kept,
        });
    }
    if let Some(kept) = keep {
        let (n, e) = restrict(nodes, edges, &kept);
        nodes = n;
        edges = e;
    }
    let mut cut = None;
    if let (Some(precut), Some(limit)) = (precut, options.limit.as_ref()) {
        strongest(&mut edges, limit.ties);
        cut = Some(precut.cut);
    } else if let Some(limit) = options
        .limit
        .as_ref()
        .filter(|l| nodes.len() > l.above || edges.len() > l.above_edges)
    {
        let (kept, said) = limited(&nodes, &edges, limit, matches!(view, View::Org));
        let (n, mut e) = restrict(nodes, edges, &kept);
        strongest(&mut e, limit.ties);
        nodes = n;
        edges = e;
        cut = Some(said);
    }
    // A body floating with no line means nothing to a reader: a cut view drops what the cut
    // left without a tie, and its subtitle counts what is drawn.
    let note = cut.map(|cut| {
        let (n, e) = drop_untied(std::mem::take(&mut nodes), std::mem::take(&mut edges));
        nodes = n;
        edges = e;
        let drawn = nodes.iter().filter(|n| cut.primary.contains(&n.id)).count();
        cut.note(drawn)
    });
    // Sizes: square root of the value relative to the largest, so area tracks the measure.
    let max = nodes.iter().map(|n| n.value).fold(0.0, f64::max);
    for node in &mut nodes {
        node.size = if max > 0.0 {
            (node.value / max).sqrt()
        } else {
            0.0
        };
    }
    let source = dataset.sources.first();
    let subtitle = [
        dataset.title.clone(),
        source.map(|s| s.title.clone()),
        source.and_then(|s| s.date.clone()),
    ]
    .into_iter()
    .flatten()
    .chain(note.clone())
    .collect::<Vec<_>>()
    .join(" · ");
    Ok(Scene {
        title: title(dataset, view),
        subtitle,
        nodes,
        edges,
        nested: matches!(view, View::Org),
        changes: matches!(view, View::Changes(..)),
        size_by: options.size_by,
        colour_by: options.colour_by,
        limited: note.is_some(),
    })
}

/// What a cut kept of how many, for its subtitle.
#[derive(Debug)]
pub(super) struct Cut {
    /// The ids of the nodes kept for their centrality (bodies; mechanisms in a view without
    /// bodies).
    pub primary: HashSet<String>,
    /// How many nodes of that kind the whole view has.
    pub total: usize,
    /// The mechanisms and forums kept beside the bodies, of how many, where there are any.
    pub carriers: Option<(usize, usize)>,
    /// The org chart: the bodies above the kept ones are drawn too.
    pub nested: bool,
    /// The primary nodes are bodies (else mechanisms).
    pub bodies: bool,
}

impl Cut {
    /// The subtitle note once `drawn` of the primary nodes are drawn (the others had no tie).
    pub fn note(&self, drawn: usize) -> String {
        let selected = self.primary.len();
        if !self.bodies {
            return format!(
                "{} most central of {} mechanisms{}",
                kept_of(drawn, selected),
                group_digits(self.total),
                left_out(drawn, selected)
            );
        }
        let mut note = format!(
            "{} most central of {} bodies",
            kept_of(drawn, selected),
            group_digits(self.total)
        );
        if let Some((kept, of)) = self.carriers {
            note.push_str(&format!(
                " and the {} mechanisms and forums tying most of them (of {})",
                group_digits(kept),
                group_digits(of)
            ));
        }
        note.push_str(&left_out(drawn, selected));
        if self.nested {
            note.push_str(", with the bodies above them");
        }
        note
    }
}

/// "the 60" when all `selected` are drawn, else "58 of the 60".
fn kept_of(drawn: usize, selected: usize) -> String {
    if drawn == selected {
        format!("the {}", group_digits(selected))
    } else {
        format!("{} of the {}", group_digits(drawn), group_digits(selected))
    }
}

/// The note on the most central nodes left out for want of a drawn tie, if any.
fn left_out(drawn: usize, selected: usize) -> String {
    match selected - drawn.min(selected) {
        0 => String::new(),
        n => format!(" ({} with no tie among them left out)", group_digits(n)),
    }
}

/// Drops every node with no drawn line but hierarchy lines that holds no drawn node (the org
/// chart's trees keep the bodies above a drawn one), until none is left: a body is dropped
/// when the tie cap or the carrier cap left it without a line, and then so is a parent kept
/// only to hold it.
fn drop_untied(
    mut nodes: Vec<SceneNode>,
    mut edges: Vec<SceneEdge>,
) -> (Vec<SceneNode>, Vec<SceneEdge>) {
    loop {
        let mut held: HashSet<usize> = HashSet::new();
        for edge in &edges {
            if edge.kind != EdgeKind::PartOf {
                held.insert(edge.a);
                held.insert(edge.b);
            }
        }
        let containers: HashSet<&str> = nodes
            .iter()
            .filter_map(|n| n.container.as_deref())
            .collect();
        held.extend((0..nodes.len()).filter(|&i| containers.contains(nodes[i].id.as_str())));
        if held.len() == nodes.len() {
            return (nodes, edges);
        }
        (nodes, edges) = restrict(nodes, edges, &held);
    }
}

/// The nodes a [`Limit`] keeps, and what they are of how many. Bodies (for a view without
/// bodies, every node) are kept by centrality, emphasised ones first; mechanisms and forums
/// first so that each kept body is tied by one (a greedy cover, in the order that follows) as
/// far as the cap allows, then by how many kept bodies they tie (at least one), then
/// centrality. In the org chart the bodies above a kept body stay too, so each tree still
/// reaches its government.
fn limited(
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    limit: &Limit,
    nested: bool,
) -> (HashSet<usize>, Cut) {
    let rank = |i: usize| {
        limit
            .rank
            .get(&nodes[i].id)
            .copied()
            .unwrap_or(nodes[i].value)
    };
    let by_rank = |x: &usize, y: &usize| {
        nodes[*y]
            .emphasised
            .cmp(&nodes[*x].emphasised)
            .then_with(|| rank(*y).total_cmp(&rank(*x)))
            .then_with(|| nodes[*x].id.cmp(&nodes[*y].id))
    };
    let any_body = nodes.iter().any(|n| n.kind == NodeKind::Body);
    let mut primary: Vec<usize> = (0..nodes.len())
        .filter(|&i| !any_body || nodes[i].kind == NodeKind::Body)
        .collect();
    primary.sort_by(by_rank);
    let total = primary.len();
    primary.truncate(limit.bodies);
    let mut kept: HashSet<usize> = primary.iter().copied().collect();
    let mut ties_to_kept: HashMap<usize, Vec<usize>> = HashMap::new();
    if any_body {
        for edge in edges {
            for (end, other) in [(edge.a, edge.b), (edge.b, edge.a)] {
                if kept.contains(&end) && nodes[other].kind != NodeKind::Body {
                    ties_to_kept.entry(other).or_default().push(end);
                }
            }
        }
    }
    let carriers_total = nodes
        .iter()
        .filter(|n| any_body && n.kind != NodeKind::Body)
        .count();
    let mut carriers: Vec<usize> = ties_to_kept.keys().copied().collect();
    carriers.sort_by(|x, y| {
        nodes[*y]
            .emphasised
            .cmp(&nodes[*x].emphasised)
            .then_with(|| ties_to_kept[y].len().cmp(&ties_to_kept[x].len()))
            .then_with(|| by_rank(x, y))
    });
    // The cover first: a body none of the kept carriers ties would float with no line.
    let mut tied: HashSet<usize> = HashSet::new();
    let (mut covering, mut rest): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for &c in &carriers {
        if ties_to_kept[&c].iter().any(|b| !tied.contains(b)) && covering.len() < limit.carriers {
            tied.extend(&ties_to_kept[&c]);
            covering.push(c);
        } else {
            rest.push(c);
        }
    }
    let room = limit.carriers - covering.len();
    covering.extend(rest.into_iter().take(room));
    let carriers = covering;
    kept.extend(&carriers);
    if nested {
        let index = index_of(nodes);
        let mut stack: Vec<usize> = kept.iter().copied().collect();
        while let Some(i) = stack.pop() {
            let parent = nodes[i].container.as_deref().and_then(|c| index.get(c));
            if let Some(&p) = parent {
                if kept.insert(p) {
                    stack.push(p);
                }
            }
        }
    }
    let carriers = (carriers_total > 0).then_some((carriers.len(), carriers_total));
    let cut = Cut {
        primary: primary.iter().map(|&i| nodes[i].id.clone()).collect(),
        total,
        carriers,
        nested,
        bodies: any_body,
    };
    (kept, cut)
}

/// Keeps the `most` strongest ties of a projection (by weight; highlighted ones first) and
/// every other edge: memberships are bounded by the mechanisms kept, and the hierarchy holds the
/// org chart's trees together; and a node the cap would leave without a tie keeps its
/// strongest one (so more than `most` can be kept). The order of the edges kept is unchanged.
fn strongest(edges: &mut Vec<SceneEdge>, most: usize) {
    let ties: Vec<usize> = (0..edges.len())
        .filter(|&i| edges[i].kind == EdgeKind::Shared)
        .collect();
    if ties.len() <= most {
        return;
    }
    let mut order = ties;
    order.sort_by(|&x, &y| {
        let (a, b) = (&edges[x], &edges[y]);
        b.highlighted
            .cmp(&a.highlighted)
            .then_with(|| b.weight.total_cmp(&a.weight))
            .then(x.cmp(&y))
    });
    let mut keep: Vec<bool> = edges.iter().map(|e| e.kind != EdgeKind::Shared).collect();
    let mut tied: HashSet<usize> = HashSet::new();
    for &i in order.iter().take(most) {
        keep[i] = true;
        tied.extend([edges[i].a, edges[i].b]);
    }
    // In strength order, the first tie of a node left without one is its strongest.
    for &i in &order {
        let (a, b) = (edges[i].a, edges[i].b);
        if !tied.contains(&a) || !tied.contains(&b) {
            keep[i] = true;
            tied.extend([a, b]);
        }
    }
    let mut next = keep.into_iter();
    edges.retain(|_| next.next().unwrap_or(false));
}

/// The org chart's scene: every body under its parent (top-level bodies under their country's
/// government, where the dataset has one), the cross-country ties labelled "N · area", and the
/// bodies in no mechanism marked as shown for the hierarchy only.
/// `graph` is the bodies projection the nodes came from (of the precut dataset when cut).
fn org(
    dataset: &Dataset,
    graph: &mut CoopGraph,
    nodes: &mut [SceneNode],
    edges: &mut Vec<SceneEdge>,
) {
    let index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let government = governments(dataset);
    let area_of: HashMap<&str, &str> = dataset
        .mechanisms
        .iter()
        .filter_map(|m| m.area.as_deref().map(|a| (m.id.as_str(), a)))
        .collect();
    let area_label: HashMap<&str, String> = dataset
        .areas
        .iter()
        .map(|a| (a.id.as_str(), short_area(&a.id, &a.name)))
        .collect();
    // Lookups by id: a scan per tie was quadratic on large datasets.
    let mechanism_of: HashMap<&str, &crate::model::Mechanism> = dataset
        .mechanisms
        .iter()
        .map(|m| (m.id.as_str(), m))
        .collect();
    let forum_name: HashMap<&str, &str> = dataset
        .forums
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .collect();
    let body_of: HashMap<&str, &crate::model::Body> =
        dataset.bodies.iter().map(|b| (b.id.as_str(), b)).collect();
    // The ties: only between groups (the trees show who belongs with whom inside a country).
    let mut ties: Vec<SceneEdge> = Vec::new();
    for e in graph.graph.edge_indices() {
        let Some((a, b)) = graph.graph.edge_endpoints(e) else {
            continue;
        };
        let (a, b) = (graph.graph[a].id.clone(), graph.graph[b].id.clone());
        let (Some(&ia), Some(&ib)) = (index.get(&a), index.get(&b)) else {
            continue;
        };
        if nodes[ia].group == nodes[ib].group {
            continue;
        }
        let shared = std::mem::take(&mut graph.graph[e].shared);
        // Areas by how many of the shared mechanisms are in them (forums have none).
        let mut by_area: Vec<(usize, &str)> = Vec::new();
        for id in &shared {
            let Some(&area) = area_of.get(id.as_str()) else {
                continue;
            };
            match by_area.iter_mut().find(|(_, a)| *a == area) {
                Some((count, _)) => *count += 1,
                None => by_area.push((1, area)),
            }
        }
        by_area.sort_by_key(|x| std::cmp::Reverse(x.0));
        let top = by_area
            .first()
            .and_then(|(_, a)| area_label.get(a))
            .cloned()
            .unwrap_or_default();
        let more = if by_area.len() > 1 { " …" } else { "" };
        let label = if top.is_empty() {
            format!("{}", shared.len())
        } else {
            format!("{} · {top}{more}", shared.len())
        };
        let names: Vec<String> = shared
            .iter()
            .map(|id| {
                let name = mechanism_of
                    .get(id.as_str())
                    .map(|m| match m.source() {
                        Some(source) => format!("{} · {}", m.name, source.reference),
                        None => m.name.clone(),
                    })
                    .or_else(|| forum_name.get(id.as_str()).map(|f| f.to_string()));
                name.unwrap_or_else(|| id.clone())
            })
            .collect();
        ties.push(SceneEdge {
            a: ia,
            b: ib,
            kind: EdgeKind::Shared,
            weight: shared.len() as f64,
            label: Some(label),
            tooltip: names.join("; "),
            faded: false,
            highlighted: false,
            dashed: false,
        });
    }
    let in_a_mechanism: HashSet<&str> = dataset
        .mechanisms
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.body.as_str()))
        .collect();
    let mut hierarchy: Vec<SceneEdge> = Vec::new();
    for (i, node) in nodes.iter_mut().enumerate() {
        let body = body_of.get(node.id.as_str()).copied();
        node.structural = !in_a_mechanism.contains(node.id.as_str());
        let (parent, implied) = match body.and_then(|b| b.parent.as_deref()) {
            Some(parent) => (Some(parent), false),
            None => (
                node.group
                    .as_deref()
                    .and_then(|g| government.get(g).copied())
                    .filter(|g| *g != node.id),
                true,
            ),
        };
        node.container = parent.map(str::to_string);
        if let Some(&p) = parent.and_then(|p| index.get(p)) {
            hierarchy.push(SceneEdge {
                a: p,
                b: i,
                kind: EdgeKind::PartOf,
                weight: 1.0,
                label: None,
                tooltip: if implied {
                    "under the government (no parent given in the dataset)".into()
                } else {
                    "part of".into()
                },
                faded: implied,
                highlighted: false,
                dashed: false,
            });
        }
    }
    hierarchy.extend(ties);
    *edges = hierarchy;
}

/// Each group's government (by group id): its only top-level body of kind "government".
pub(super) fn governments(dataset: &Dataset) -> HashMap<&str, &str> {
    let mut government = HashMap::new();
    for group in &dataset.groups {
        let roots: Vec<&crate::model::Body> = dataset
            .bodies
            .iter()
            .filter(|b| b.group == group.id && b.parent.is_none() && b.kind == "government")
            .collect();
        if let [only] = roots.as_slice() {
            government.insert(group.id.as_str(), only.id.as_str());
        }
    }
    government
}

/// A short name of an area for tie labels: its id when that reads as words ("coast guard"),
/// else its name.
fn short_area(id: &str, name: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    if words.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        words
    } else {
        name.to_string()
    }
}

fn title(dataset: &Dataset, view: &View) -> String {
    let area_name = |id: &str| {
        dataset
            .areas
            .iter()
            .find(|a| a.id == id || a.section.as_deref() == Some(id))
            .map_or(id.to_string(), |a| match &a.section {
                Some(s) => format!("{s} {}", a.name),
                None => a.name.clone(),
            })
    };
    match view {
        View::Network => "Who cooperates with whom, through what".into(),
        View::Bodies => "Bodies tied by shared mechanisms".into(),
        View::Mechanisms => "Mechanisms sharing participants".into(),
        View::Org => "The organisations and their cooperation ties".into(),
        View::Area(id) => format!("Area: {}", area_name(id)),
        View::Ego(node, depth) => format!("Around {} (depth {depth})", named(dataset, node)),
        View::Path(from, to) => format!(
            "Routes from {} to {}",
            named(dataset, from),
            named(dataset, to)
        ),
        View::Changes(from, to) => {
            let dated = |id: &str| {
                dataset
                    .sources
                    .iter()
                    .find(|s| s.id == id)
                    .and_then(|s| s.date.clone())
                    .unwrap_or_else(|| id.to_string())
            };
            format!("Ties between bodies, {} → {}", dated(from), dated(to))
        }
    }
}

/// The display name of what `name` resolves to: "MLIT" for "mlit", and for a body merged by a
/// roll-up the body it is in ("JCG" names MLIT at `--collapse 1`).
fn named(dataset: &Dataset, name: &str) -> String {
    let labels = crate::present::labels::Labels::new(dataset);
    match Resolver::new(dataset).resolve(name) {
        Ok(Target::Node(id)) => labels.of(&id).to_string(),
        Ok(Target::Group { id, .. }) => dataset
            .groups
            .iter()
            .find(|g| g.id == id)
            .map_or(id, |g| g.name.clone()),
        Err(_) => labels.of(name).to_string(),
    }
}

/// Fades everything outside `focus`; emphasises `centre`; highlights edges inside the focus.
fn highlight(
    nodes: &mut [SceneNode],
    edges: &mut [SceneEdge],
    focus: &HashSet<usize>,
    centre: &HashSet<usize>,
) {
    for (i, node) in nodes.iter_mut().enumerate() {
        node.faded = !focus.contains(&i);
        node.emphasised = centre.contains(&i);
    }
    for edge in edges {
        let inside = focus.contains(&edge.a) && focus.contains(&edge.b);
        edge.faded = !inside;
        edge.highlighted = edge.highlighted || inside;
    }
}

/// Keeps the nodes in `kept` and the edges between them, renumbered.
fn restrict(
    nodes: Vec<SceneNode>,
    edges: Vec<SceneEdge>,
    kept: &HashSet<usize>,
) -> (Vec<SceneNode>, Vec<SceneEdge>) {
    let mut renumber = HashMap::new();
    let mut kept_nodes = Vec::new();
    for (i, node) in nodes.into_iter().enumerate() {
        if kept.contains(&i) {
            renumber.insert(i, kept_nodes.len());
            kept_nodes.push(node);
        }
    }
    let kept_edges = edges
        .into_iter()
        .filter_map(|mut e| {
            e.a = *renumber.get(&e.a)?;
            e.b = *renumber.get(&e.b)?;
            Some(e)
        })
        .collect();
    (kept_nodes, kept_edges)
}

fn index_of(nodes: &[SceneNode]) -> HashMap<&str, usize> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

/// The links with the hierarchy that `options` carries, or those of `dataset` built now.
fn links_of(dataset: &Dataset, options: &SceneOptions) -> Links {
    match &options.links {
        Some(links) => links.clone(),
        None => Links::new(dataset, true),
    }
}

/// The nodes of an ego network on the two-mode network: the bodies within `depth` and the
/// mechanisms and forums that tie them; the centre itself.
fn ego_focus(
    dataset: &Dataset,
    nodes: &[SceneNode],
    name: &str,
    depth: usize,
    options: &SceneOptions,
) -> Result<(HashSet<usize>, HashSet<usize>)> {
    let index = index_of(nodes);
    let target = Resolver::new(dataset).resolve(name)?;
    let centre_ids = target.ids();
    let is_body: HashSet<&str> = dataset.bodies.iter().map(|b| b.id.as_str()).collect();
    let mut from: Vec<String> = centre_ids
        .iter()
        .filter(|id| is_body.contains(id.as_str()))
        .cloned()
        .collect();
    if from.is_empty() {
        // A mechanism or forum: its members are the first ring.
        let id = &centre_ids[0];
        from = dataset
            .mechanisms
            .iter()
            .filter(|m| &m.id == id)
            .flat_map(|m| m.participants.iter())
            .map(|p| p.body.clone())
            .collect();
    }
    let links = links_of(dataset, options).without_hierarchy();
    let centre_bodies: Vec<usize> = from.iter().filter_map(|id| links.position(id)).collect();
    let ring = crate::query::ego::ego(&links, &centre_bodies, depth);
    let mut focus: HashSet<usize> = HashSet::new();
    let mut centre = HashSet::new();
    for id in &centre_ids {
        if let Some(&i) = index.get(id.as_str()) {
            focus.insert(i);
            centre.insert(i);
        }
    }
    for &b in &centre_bodies {
        focus.extend(index.get(links.bodies()[b].as_str()));
    }
    for neighbour in &ring {
        focus.extend(index.get(neighbour.body.as_str()));
        for (_, carriers) in &neighbour.ties {
            for &c in carriers {
                if let Some(id) = &links.carriers()[c].id {
                    focus.extend(index.get(id.as_str()));
                }
            }
        }
    }
    Ok((focus, centre))
}

/// The nodes on the routes between two bodies or groups (hierarchy on), their ends, and the
/// hierarchy steps to draw as extra edges.
#[allow(clippy::type_complexity)]
fn path_focus(
    dataset: &Dataset,
    nodes: &[SceneNode],
    from: &str,
    to: &str,
    options: &SceneOptions,
) -> Result<(HashSet<usize>, HashSet<usize>, Vec<(usize, usize)>)> {
    let index = index_of(nodes);
    let resolver = Resolver::new(dataset);
    let ends = |name: &str| -> Result<(Vec<String>, bool)> {
        match resolver.resolve(name)? {
            Target::Group { bodies, .. } => Ok((bodies, true)),
            Target::Node(id) if dataset.bodies.iter().any(|b| b.id == id) => Ok((vec![id], false)),
            Target::Node(id) => Err(Error::Input(format!(
                "'{name}' is a mechanism or forum ('{id}'); a path view runs between bodies or groups"
            ))),
        }
    };
    let (from_ids, from_is_group) = ends(from)?;
    let (to_ids, _) = ends(to)?;
    let links = links_of(dataset, options);
    let answer = crate::query::paths::find(
        &links,
        &crate::query::paths::Query {
            from: from_ids,
            to: to_ids,
            from_is_group,
            max_hops: 3,
            limit: 50,
            avoid: Vec::new(),
        },
    );
    let mut focus = HashSet::new();
    let mut centre = HashSet::new();
    let mut part_of = BTreeSet::new();
    for path in &answer.paths {
        if let Some(first) = path.hops.first() {
            centre.extend(index.get(first.from.as_str()));
        }
        if let Some(last) = path.hops.last() {
            centre.extend(index.get(last.to.as_str()));
        }
        for hop in &path.hops {
            let (a, b) = (index.get(hop.from.as_str()), index.get(hop.to.as_str()));
            focus.extend(a);
            focus.extend(b);
            match &hop.via.id {
                Some(id) => {
                    focus.extend(index.get(id.as_str()));
                }
                None => {
                    if let (Some(&a), Some(&b)) = (a, b) {
                        part_of.insert((a.min(b), a.max(b)));
                    }
                }
            }
        }
    }
    if focus.is_empty() {
        return Err(Error::Input(match answer.shortest_beyond_limit {
            Some(k) => format!(
                "no route from '{from}' to '{to}' within 3 hops, the most a path view draws (the shortest has {k}); see `coopgraph path {from:?} {to:?} --max-hops {k}`"
            ),
            None => format!(
                "no route from '{from}' to '{to}' at any length: they are in separate parts of the network"
            ),
        }));
    }
    Ok((focus, centre, part_of.into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        crate::ingest::json::read(&path).expect("bundled dataset")
    }

    fn options() -> SceneOptions {
        SceneOptions {
            size_by: Measure::Degree,
            colour_by: ColourBy::Group,
            top: None,
            only: false,
            limit: None,
            links: None,
        }
    }

    #[test]
    fn a_limit_keeps_the_most_central_bodies_and_says_so() {
        let dataset = bundled();
        let rank: HashMap<String, f64> = dataset
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i as f64))
            .collect();
        let limit = Limit {
            above: 50,
            above_edges: 10_000,
            bodies: 5,
            carriers: 5,
            ties: 3,
            rank: Arc::new(rank.clone()),
        };
        let cut = scene(
            &dataset,
            &View::Network,
            &SceneOptions {
                limit: Some(limit.clone()),
                ..options()
            },
        )
        .expect("scene");
        assert!(cut.limited);
        let bodies: Vec<&SceneNode> = cut
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Body)
            .collect();
        assert_eq!(bodies.len(), 5);
        // The five highest ranks among the bodies the network view draws.
        let whole = scene(&dataset, &View::Network, &options()).expect("scene");
        let mut drawn: Vec<f64> = whole
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Body)
            .map(|n| rank[&n.id])
            .collect();
        drawn.sort_by(|a, b| b.total_cmp(a));
        let lowest_kept = bodies.iter().map(|n| rank[&n.id]).fold(f64::MAX, f64::min);
        assert_eq!(lowest_kept, drawn[4]);
        assert!(cut.nodes.len() - bodies.len() <= 5);
        let total = drawn.len();
        assert!(
            cut.subtitle
                .contains(&format!("the 5 most central of {total} bodies")),
            "{}",
            cut.subtitle
        );
        // With one mechanism the bodies it does not tie are left out, and the subtitle says so.
        let one = scene(
            &dataset,
            &View::Network,
            &SceneOptions {
                limit: Some(Limit {
                    carriers: 1,
                    ..limit.clone()
                }),
                ..options()
            },
        )
        .expect("scene");
        let drawn_bodies = one
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Body)
            .count();
        assert!(drawn_bodies < 5 && one.nodes.len() == drawn_bodies + 1);
        assert_eq!(one.edges.len(), drawn_bodies, "one line per body drawn");
        assert!(
            one.subtitle.contains(&format!(
                "{drawn_bodies} of the 5 most central of {total} bodies"
            )) && one.subtitle.contains("with no tie among them left out"),
            "{}",
            one.subtitle
        );
        // A view at or under `above` nodes is drawn whole.
        let small = scene(
            &dataset,
            &View::Network,
            &SceneOptions {
                limit: Some(Limit {
                    above: 10_000,
                    ..limit
                }),
                ..options()
            },
        )
        .expect("scene");
        assert_eq!(small, whole);
    }

    #[test]
    fn a_projection_keeps_its_strongest_ties() {
        let dataset = bundled();
        let options = SceneOptions {
            limit: Some(Limit {
                above: 10,
                above_edges: 10_000,
                bodies: 20,
                carriers: 0,
                ties: 7,
                rank: Arc::new(HashMap::new()),
            }),
            ..options()
        };
        let cut = scene(&dataset, &View::Bodies, &options).expect("scene");
        // Every body drawn has a tie: the seven heaviest, and the strongest tie of each body
        // they leave out.
        let mut degree = vec![0; cut.nodes.len()];
        for e in &cut.edges {
            degree[e.a] += 1;
            degree[e.b] += 1;
        }
        assert!(degree.iter().all(|&d| d > 0), "{degree:?}");
        assert!(cut.edges.len() > 7 && cut.edges.len() < 7 + cut.nodes.len());
        let kept: HashSet<&str> = cut.nodes.iter().map(|n| n.id.as_str()).collect();
        let whole = scene(&dataset, &View::Bodies, &super::tests::options()).expect("scene");
        let mut weights: Vec<f64> = whole
            .edges
            .iter()
            .filter(|e| {
                kept.contains(whole.nodes[e.a].id.as_str())
                    && kept.contains(whole.nodes[e.b].id.as_str())
            })
            .map(|e| e.weight)
            .collect();
        weights.sort_by(|a, b| b.total_cmp(a));
        let mut got: Vec<f64> = cut.edges.iter().map(|e| e.weight).collect();
        got.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(got[..7], weights[..7]);
        assert_eq!(group_digits(7000), "7,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(999), "999");
    }

    #[test]
    fn the_org_chart_holds_the_trees_and_one_labelled_tie_per_pair() {
        let scene = scene(&bundled(), &View::Org, &options()).expect("scene");
        let node = |id: &str| {
            scene
                .nodes
                .iter()
                .position(|n| n.id == id)
                .unwrap_or_else(|| panic!("{id} drawn"))
        };
        // The trees: JCG and the Railway Bureau under MLIT, MLIT under Japan's government.
        assert_eq!(scene.nodes[node("jcg")].container.as_deref(), Some("mlit"));
        assert_eq!(
            scene.nodes[node("mlit-railway")].container.as_deref(),
            Some("mlit")
        );
        assert_eq!(
            scene.nodes[node("mlit")].container.as_deref(),
            Some("gov-japan")
        );
        // Bodies known only as parents are shown, marked as structural.
        assert!(scene.nodes[node("cabinet-secretariat")].structural);
        assert!(!scene.nodes[node("mlit")].structural);
        // One tie per pair of bodies across the countries, none inside a country.
        let ties: Vec<&SceneEdge> = scene
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Shared)
            .collect();
        assert_eq!(ties.len(), 51);
        assert!(ties
            .iter()
            .all(|e| scene.nodes[e.a].group != scene.nodes[e.b].group));
        let tie = |a: &str, b: &str| {
            let (a, b) = (node(a), node(b));
            ties.iter()
                .find(|e| (e.a, e.b) == (a, b) || (e.a, e.b) == (b, a))
                .copied()
                .unwrap_or_else(|| panic!("a tie"))
        };
        let mofa_mea = tie("mofa", "mea");
        assert_eq!(mofa_mea.weight, 11.0);
        assert!(mofa_mea
            .label
            .as_deref()
            .is_some_and(|l| l.starts_with("11 · ")));
        let coast = tie("jcg", "icg");
        assert_eq!(coast.label.as_deref(), Some("2 · coast guard"));
        assert!(coast.tooltip.contains("· 4.1"), "{}", coast.tooltip);
    }
}
