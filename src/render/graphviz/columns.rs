//! Explicit columns for dot's left-to-right layouts. Left to itself, dot puts every node of one
//! kind in one rank: 49 mechanisms become a column five screens tall. Here the nodes of each
//! side (the first group's bodies, then mechanisms and forums, then the other groups' bodies)
//! are dealt over as many columns as make the drawing fit a landscape page, and the org chart
//! gets one column per hierarchy level with its cross-country ties in the middle.

use crate::graph::{EdgeKind, NodeKind};
use crate::render::scene::{index_of, Scene, SceneNode};
use crate::render::style;
use std::collections::HashMap;

/// What stands in a column: a node of the scene, or (org chart) the label box of a tie, by the
/// index of its edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// `scene.nodes[i]`.
    Node(usize),
    /// The label box of `scene.edges[i]`.
    Tie(usize),
}

/// Space between nodes of a column and between columns (inches), as the DOT sets them.
const NODESEP: f64 = 0.1;
const RANKSEP: f64 = 0.6;

/// A node's drawn size in inches (width, height), estimated from its wrapped label as dot
/// sizes it: about 0.55 em per character, 1.25 em per line, plus the margins.
pub fn node_size(node: &SceneNode, node_font: f64) -> (f64, f64) {
    let label = style::node_label(&node.label, node.kind);
    let font = style::node_font(node_font, node.size) / 72.0;
    let longest = label.lines().map(|l| l.chars().count()).max().unwrap_or(1);
    let lines = label.lines().count().max(1);
    let scale = 1.0 + 1.2 * node.size;
    let width = (longest as f64 * 0.55 * font + 0.16).max(0.6 * scale);
    let height = (lines as f64 * 1.25 * font + 0.08).max(0.35 * scale);
    (width, height)
}

/// Columns that bring a drawing of `scene` near `aspect` (width / height): with C columns the
/// height is about S / C (S: the nodes stacked, with their gaps) and the width about C · w
/// (w: the mean column width), so C = √(aspect · S / w).
pub fn estimate(scene: &Scene, node_font: f64, aspect: f64) -> usize {
    if scene.nodes.is_empty() {
        return 1;
    }
    let sizes: Vec<(f64, f64)> = scene
        .nodes
        .iter()
        .map(|n| node_size(n, node_font))
        .collect();
    let stacked: f64 = sizes.iter().map(|(_, h)| h + NODESEP).sum();
    let width = sizes.iter().map(|(w, _)| w).sum::<f64>() / sizes.len() as f64 + RANKSEP;
    ((aspect * stacked / width).sqrt().round() as usize).clamp(1, scene.nodes.len())
}

/// Deals the nodes of each side over `count` columns in all, sides in proportion to their
/// stacked heights (each side with nodes gets at least one column). Within a side nodes are
/// dealt in turn, in their order (group, then dataset order).
pub fn spread(
    scene: &Scene,
    side: &dyn Fn(&SceneNode) -> usize,
    count: usize,
    node_font: f64,
) -> Vec<Vec<Item>> {
    let mut sides: Vec<Vec<usize>> = vec![Vec::new(); 3];
    for (i, node) in scene.nodes.iter().enumerate() {
        sides[side(node).min(2)].push(i);
    }
    let height = |i: usize| node_size(&scene.nodes[i], node_font).1 + NODESEP;
    let stacked: Vec<f64> = sides
        .iter()
        .map(|members| members.iter().map(|&i| height(i)).sum())
        .collect();
    let used = sides.iter().filter(|m| !m.is_empty()).count().max(1);
    let count = count.max(used);
    let total: f64 = stacked.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    // Largest-remainder apportionment with a floor of one column per side.
    let mut shares: Vec<usize> = sides
        .iter()
        .zip(&stacked)
        .map(|(m, &h)| {
            if m.is_empty() {
                0
            } else {
                ((count as f64 * h / total).floor() as usize).clamp(1, m.len())
            }
        })
        .collect();
    while shares.iter().sum::<usize>() < count {
        let next = (0..3)
            .filter(|&s| shares[s] < sides[s].len())
            .max_by(|&a, &b| {
                let room = |s: usize| stacked[s] / (shares[s] as f64 + 1.0);
                room(a).total_cmp(&room(b)).then(b.cmp(&a))
            });
        match next {
            Some(s) => shares[s] += 1,
            None => break,
        }
    }
    // Round-robin: columns filled contiguously would each gather one area's mechanisms, whose
    // partners sit together, and stand offset from each other like steps (measured on the
    // bundled network: 0.56:1); dealt in turn, every column spans the whole height.
    let mut columns = Vec::new();
    for (members, &share) in sides.iter().zip(&shares) {
        if members.is_empty() {
            continue;
        }
        let mut dealt: Vec<Vec<Item>> = vec![Vec::new(); share];
        for (k, &i) in members.iter().enumerate() {
            dealt[k % share].push(Item::Node(i));
        }
        columns.extend(dealt);
    }
    columns
}

/// The org chart's columns. Groups alternate sides (the first on the left, the second on the
/// right, a third below the first …). A left tree grows rightwards from its root (column 0 is
/// depth 0); a right tree is its mirror image; the tie labels stand between them, dealt
/// round-robin over `tie_columns` columns in the order of their left ends, so neighbouring
/// labels alternate columns instead of stacking into one tall column. Each side's top-level
/// bodies are dealt in turn over `root_columns` columns: a cut of a flat organisation is
/// mostly top-level bodies, one column of them too tall for a landscape page.
pub fn org(
    scene: &Scene,
    group_order: &dyn Fn(&SceneNode) -> usize,
    tie_columns: usize,
    root_columns: usize,
) -> Vec<Vec<Item>> {
    let roots = root_columns.max(1);
    let depth = depths(scene);
    let right = |i: usize| group_order(&scene.nodes[i]) % 2 == 1;
    let deepest = |on_right: bool| {
        (0..scene.nodes.len())
            .filter(|&i| scene.nodes[i].kind == NodeKind::Body && right(i) == on_right)
            .map(|i| depth[i])
            .max()
    };
    let (left_depth, right_depth) = (deepest(false), deepest(true));
    let ties: Vec<usize> = (0..scene.edges.len())
        .filter(|&e| scene.edges[e].kind == EdgeKind::Shared)
        .collect();
    // Hubs (mechanisms drawn with a line to each body they tie) stand among the tie labels.
    let hubs: Vec<usize> = (0..scene.nodes.len())
        .filter(|&i| scene.nodes[i].kind != NodeKind::Body)
        .collect();
    let middle = ties.len() + hubs.len();
    let tie_columns = if middle == 0 {
        0
    } else {
        tie_columns.clamp(1, middle)
    };
    let left_width = left_depth.map_or(0, |d| d + roots);
    let right_width = right_depth.map_or(0, |d| d + roots);
    let mut columns: Vec<Vec<Item>> = vec![Vec::new(); left_width + tie_columns + right_width];
    let mut roots_dealt = [0usize; 2];
    for (i, &d) in depth.iter().enumerate() {
        if scene.nodes[i].kind != NodeKind::Body {
            continue;
        }
        let on_right = right(i);
        // Columns from the side's outer edge: the roots' columns, then one per level.
        let offset = if d == 0 {
            let k = &mut roots_dealt[usize::from(on_right)];
            *k += 1;
            (*k - 1) % roots
        } else {
            roots - 1 + d
        };
        let column = if on_right {
            left_width + tie_columns + right_width - 1 - offset
        } else {
            offset
        };
        columns[column].push(Item::Node(i));
    }
    // Ties in the order of their left ends (then right ends), in the trees' depth-first order.
    let order = preorder(scene);
    let mut sorted = ties;
    sorted.sort_by_key(|&e| {
        let edge = &scene.edges[e];
        let (l, r) = if right(edge.a) {
            (edge.b, edge.a)
        } else {
            (edge.a, edge.b)
        };
        (order[l], order[r], e)
    });
    let middle = hubs
        .into_iter()
        .map(Item::Node)
        .chain(sorted.into_iter().map(Item::Tie));
    for (k, item) in middle.enumerate() {
        columns[left_width + k % tie_columns].push(item);
    }
    columns.retain(|c| !c.is_empty());
    columns
}

/// Tie columns that bring the middle about as tall as the tallest tree column, the roots
/// dealt over `root_columns`.
pub fn estimate_tie_columns(
    scene: &Scene,
    group_order: &dyn Fn(&SceneNode) -> usize,
    root_columns: usize,
) -> usize {
    let ties = scene
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Shared)
        .count();
    let tallest = org(scene, group_order, 1, root_columns)
        .iter()
        .filter(|c| c.iter().all(|item| matches!(item, Item::Node(_))))
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .max(6);
    // A tie box is about two thirds as tall as a body box.
    ((ties as f64 * 0.67 / tallest as f64).ceil() as usize).max(1)
}

/// Depth of each node in its tree (0 for a node whose container is not in the scene).
fn depths(scene: &Scene) -> Vec<usize> {
    let index = index_of(&scene.nodes);
    (0..scene.nodes.len())
        .map(|i| {
            let mut d = 0;
            let mut current = i;
            while let Some(&up) = scene.nodes[current]
                .container
                .as_deref()
                .and_then(|c| index.get(c))
            {
                d += 1;
                current = up;
                if d > scene.nodes.len() {
                    break; // a cycle (validation refuses them); stop rather than loop
                }
            }
            d
        })
        .collect()
}

/// Position of each node in a depth-first walk of the trees (roots in scene order).
fn preorder(scene: &Scene) -> Vec<usize> {
    let index = index_of(&scene.nodes);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); scene.nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in scene.nodes.iter().enumerate() {
        match node.container.as_deref().and_then(|c| index.get(c)) {
            Some(&p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut order = vec![usize::MAX; scene.nodes.len()];
    let mut next = 0;
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        if order[i] != usize::MAX {
            continue;
        }
        order[i] = next;
        next += 1;
        stack.extend(children[i].iter().rev());
    }
    for slot in order.iter_mut().filter(|o| **o == usize::MAX) {
        *slot = next;
        next += 1;
    }
    order
}

/// Column of every node (and tie) in `columns`.
pub fn column_of(columns: &[Vec<Item>]) -> HashMap<Item, usize> {
    columns
        .iter()
        .enumerate()
        .flat_map(|(k, items)| items.iter().map(move |&item| (item, k)))
        .collect()
}
