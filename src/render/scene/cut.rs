//! Cutting a view too large to read to its most central part: the bodies a `--top` or a
//! [`Limit`] keeps, the mechanisms and forums that tie them, the strongest ties among them, and
//! the subtitle that says what was kept of how many. A bodies view is cut before it is built
//! instead (see [`super::precut`]), to the same bodies.

use super::types::{index_of, restrict, Limit, SceneEdge, SceneNode};
use crate::graph::{EdgeKind, GraphKind, NodeKind};
use crate::text::numbers::group_digits;
use std::collections::{HashMap, HashSet};

/// The nodes `--top` keeps: the `top` bodies largest by size and the mechanisms and forums that
/// tie them; in the mechanisms view, the `top` largest mechanisms.
pub fn top(
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    top: usize,
    graph_kind: GraphKind,
) -> HashSet<usize> {
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
        for edge in edges {
            for (end, other) in [(edge.a, edge.b), (edge.b, edge.a)] {
                if chosen.contains(&end) && nodes[other].kind != NodeKind::Body {
                    kept.insert(other);
                }
            }
        }
    }
    kept
}

/// Cuts the nodes and edges to `limit` where the view is larger than it (or, for a view cut
/// before it was built, to the ties `limit` allows among what `precut` kept), then drops what
/// the cut left without a tie. Returns the subtitle's note on what was kept of how many, when
/// the view was cut.
pub fn to_limit(
    nodes: &mut Vec<SceneNode>,
    edges: &mut Vec<SceneEdge>,
    limit: Option<&Limit>,
    precut: Option<Cut>,
    nested: bool,
) -> Option<String> {
    let mut cut = None;
    if let (Some(precut), Some(limit)) = (precut, limit) {
        strongest(edges, limit.ties);
        cut = Some(precut);
    } else if let Some(limit) =
        limit.filter(|l| nodes.len() > l.above || edges.len() > l.above_edges)
    {
        let (kept, said) = limited(nodes, edges, limit, nested);
        let (n, mut e) = restrict(std::mem::take(nodes), std::mem::take(edges), &kept);
        strongest(&mut e, limit.ties);
        *nodes = n;
        *edges = e;
        cut = Some(said);
    }
    // A body floating with no line means nothing to a reader: a cut view drops what the cut
    // left without a tie, and its subtitle counts what is drawn.
    cut.map(|cut| {
        let (n, e) = drop_untied(std::mem::take(nodes), std::mem::take(edges));
        *nodes = n;
        *edges = e;
        let drawn = nodes.iter().filter(|n| cut.primary.contains(&n.id)).count();
        cut.note(drawn)
    })
}

/// What a cut kept of how many, for its subtitle.
#[derive(Debug)]
pub struct Cut {
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
    /// In an ego or path view, how many of the primary nodes are in its selection (not faded).
    pub selected: Option<usize>,
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
        note.push_str(&self.more_selected(drawn));
        note
    }

    /// In an ego or path view cut inside its selection, how many selected bodies are not
    /// drawn: "; and 9,940 more in the selection, not drawn".
    fn more_selected(&self, drawn: usize) -> String {
        match self.selected {
            // Every selected body was ranked first: when the selection fills the cut, the
            // bodies drawn are all selected ones.
            Some(selected) if selected >= self.primary.len() && selected > drawn => format!(
                "; and {} more in the selection, not drawn",
                group_digits(selected - drawn)
            ),
            _ => String::new(),
        }
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
    // The selection of an ego or path view (what is not faded) before its context.
    let by_rank = |x: &usize, y: &usize| {
        nodes[*y]
            .emphasised
            .cmp(&nodes[*x].emphasised)
            .then_with(|| nodes[*x].faded.cmp(&nodes[*y].faded))
            .then_with(|| rank(*y).total_cmp(&rank(*x)))
            .then_with(|| nodes[*x].id.cmp(&nodes[*y].id))
    };
    let any_body = nodes.iter().any(|n| n.kind == NodeKind::Body);
    let mut primary: Vec<usize> = (0..nodes.len())
        .filter(|&i| !any_body || nodes[i].kind == NodeKind::Body)
        .collect();
    primary.sort_by(by_rank);
    let total = primary.len();
    let selection = nodes.iter().any(|n| n.faded);
    let selected = selection.then(|| primary.iter().filter(|&&i| !nodes[i].faded).count());
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
            .then_with(|| nodes[*x].faded.cmp(&nodes[*y].faded))
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
    // Outside an ego or path view's selection, only the carriers that tie a body drawn
    // without them: the others would be a grey crowd around the selection.
    let rest = rest.into_iter().filter(|&c| !selection || !nodes[c].faded);
    covering.extend(rest.take(room));
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
        selected,
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
