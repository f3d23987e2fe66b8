//! What a scene is made of: its nodes and edges, the scene itself, and the options that build it.

use crate::analysis::centrality::Measure;
use crate::graph::{EdgeKind, NodeKind};
use crate::query::links::Links;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How fill colours are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
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
    /// On projections: the ids of the mechanisms and forums the pair shares (what
    /// [`hubs`](super::hubs) reads); empty elsewhere.
    #[serde(skip)]
    pub shared: Vec<String>,
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
    /// Mechanisms and forums drawn as hubs (a line to each body they tie, instead of a line per
    /// pair; the legend says so).
    #[serde(skip)]
    pub hubs: usize,
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
    /// The bodies graph's degrees of the dataset drawn, when the caller has computed them
    /// already (the report shares one among its views); bodies views and the org chart cut by
    /// degree compute them otherwise. Of that dataset only: a drawing rolled up drops them.
    pub body_degrees: Option<std::sync::Arc<super::BodyDegrees>>,
}

impl Default for SceneOptions {
    /// The whole view, nodes sized by degree and coloured by group (what `render` draws
    /// without options).
    fn default() -> Self {
        SceneOptions {
            size_by: Measure::Degree,
            colour_by: ColourBy::Group,
            top: None,
            only: false,
            limit: None,
            links: None,
            body_degrees: None,
        }
    }
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
    /// The org chart keeps, above each kept top-level body, its country's government (its
    /// root column); without, a cut org chart is two columns narrower (the deck's slides).
    pub governments: bool,
    /// A view under the limit that fails the readability measures is cut too (the report);
    /// without, only a view the limit cut is cut smaller to pass them (`render`).
    pub cut_to_read: bool,
}

/// Most nodes of a view `render` draws whole: a larger one is cut as the report cuts it
/// ([`Limit::for_render`]), the report's own threshold. Measured on the 10,000-participant
/// mechanism (13,006 nodes, 50,839 lines): sfdp crashed (SIGSEGV) after 77 s on the whole
/// network; dot takes about 2 s at 400 nodes and 28 s at 2,000.
pub const RENDER_WHOLE_NODES: usize = 300;

/// Most lines of a view `render` draws whole (see [`RENDER_WHOLE_NODES`]): the mechanisms view
/// of a 4 MB document's draft (155 mechanisms) ran past 40 s in dot.
pub const RENDER_WHOLE_LINES: usize = 600;

impl Limit {
    /// The cut `render` makes, when no `--top` is given, of a view above
    /// [`RENDER_WHOLE_NODES`] nodes or [`RENDER_WHOLE_LINES`] lines: the report's cut (60
    /// bodies, 50 mechanisms and forums, 200 ties), ranked by the size measure. The org chart
    /// of a 5,000-deep chain rolled up to 12 levels still has 951 bodies and 3,488 ties, past
    /// 90 s in dot. A view under it is drawn as before: whole, or rolled up where crowded.
    pub fn for_render() -> Limit {
        Limit {
            above: RENDER_WHOLE_NODES,
            above_edges: RENDER_WHOLE_LINES,
            bodies: 60,
            carriers: 50,
            ties: 200,
            rank: Arc::new(HashMap::new()),
            governments: true,
            cut_to_read: false,
        }
    }

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
            governments: self.governments,
            cut_to_read: self.cut_to_read,
        }
    }
}

/// Keeps the nodes in `kept` and the edges between them, renumbered.
pub fn restrict(
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

/// Each node's index by id.
pub fn index_of(nodes: &[SceneNode]) -> HashMap<&str, usize> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}
