//! Focus and highlight: the part of the network an area, ego or path diagram is about — drawn
//! in full while the rest is faded (or dropped with `--only`) — and its centre emphasised.

use super::types::{index_of, SceneEdge, SceneNode, SceneOptions};
use crate::error::{Error, Result};
use crate::graph::EdgeKind;
use crate::model::Dataset;
use crate::query::links::Links;
use crate::query::resolve::{Resolver, Target};
use std::collections::{BTreeSet, HashSet};

/// The area diagram's nodes: the mechanisms of the area `wanted` (by id or section number) and
/// their participants.
pub fn area(
    dataset: &Dataset,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    wanted: &str,
) -> Result<HashSet<usize>> {
    let area = dataset
        .areas
        .iter()
        .find(|a| a.id == wanted || a.section.as_deref() == Some(wanted))
        .ok_or_else(|| {
            let ids: Vec<&str> = dataset.areas.iter().map(|a| a.id.as_str()).collect();
            Error::Input(format!(
                "no area '{wanted}'{}; areas: {}",
                crate::suggest::did_you_mean(&crate::suggest::closest(wanted, ids.iter().copied())),
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
    for edge in edges {
        if mechanisms.contains(&edge.a) {
            kept.insert(edge.b);
        }
        if mechanisms.contains(&edge.b) {
            kept.insert(edge.a);
        }
    }
    Ok(kept)
}

/// Highlights the network around `name` within `depth`; returns the part to keep when the
/// options ask for it alone.
pub fn ego(
    dataset: &Dataset,
    nodes: &mut [SceneNode],
    edges: &mut [SceneEdge],
    name: &str,
    depth: usize,
    options: &SceneOptions,
) -> Result<Option<HashSet<usize>>> {
    let (focus, centre) = ego_focus(dataset, nodes, name, depth, options)?;
    highlight(nodes, edges, &focus, &centre);
    Ok(options.only.then_some(focus))
}

/// Highlights the routes from `from` to `to`, adding the hierarchy steps they take as lines;
/// returns the part to keep when the options ask for it alone.
pub fn path(
    dataset: &Dataset,
    nodes: &mut [SceneNode],
    edges: &mut Vec<SceneEdge>,
    from: &str,
    to: &str,
    options: &SceneOptions,
) -> Result<Option<HashSet<usize>>> {
    let (focus, centre, path_edges) = path_focus(dataset, nodes, from, to, options)?;
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
                shared: Vec::new(),
            });
        }
    }
    highlight(nodes, edges, &focus, &centre);
    Ok(options.only.then_some(focus))
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
