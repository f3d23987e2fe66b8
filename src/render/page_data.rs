//! The data the interactive page carries, as compact JSON: every node with what its details
//! panel shows, the route finder's links and names — built by the same [`Links`] and
//! [`Resolver`] that `coopgraph path` uses, so the page and the CLI cannot drift in data — and,
//! per view, the dataset node behind each drawn node.
//!
//! Keys are short because the page must stay small on 10,000-node datasets; empty fields are
//! left out. The page's script (`page.js`) documents the same keys where it reads them.

use crate::analysis::centrality::{compute, Measure, Options};
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::model::Dataset;
use crate::query::links::{CarrierKind, Links};
use crate::query::paths::ENUMERATION_CAP;
use crate::query::resolve::{normalise, Resolver};
use crate::render::style;
use serde::Serialize;
use std::collections::HashMap;

/// `coopgraph path`'s default `--max-hops`; a CLI test checks the two agree.
pub const DEFAULT_MAX_HOPS: usize = 3;
/// `coopgraph path`'s default `--limit`; a CLI test checks the two agree.
pub const DEFAULT_LIMIT: usize = 20;

/// The centralities shown in a node's details, in this order.
const MEASURES: [Measure; 4] = [
    Measure::Degree,
    Measure::Betweenness,
    Measure::Eigenvector,
    Measure::Pagerank,
];

/// One diagram of the page, shown as a tab.
#[derive(Debug, Clone)]
pub struct PageView {
    /// The tab's title.
    pub title: String,
    /// Graphviz's SVG of the view.
    pub svg: String,
    /// The dataset id of each scene node, by index: the SVG node titled `nK` is `node_ids[K]`.
    pub node_ids: Vec<String>,
}

#[derive(Serialize)]
struct GroupData {
    id: String,
    name: String,
    /// Normalised id and name: what a typed group name is matched against.
    norm: [String; 2],
    colour: &'static str,
}

#[derive(Serialize)]
struct AreaData {
    id: String,
    /// Section number and heading ("5 Safety of Transport").
    name: String,
    colour: &'static str,
}

/// A body, mechanism or forum. Bodies come first, in dataset order, so a body's node index is
/// also its position in [`Links`].
#[derive(Serialize, Default)]
struct NodeData {
    id: String,
    /// Kind: body, mechanism or forum.
    k: &'static str,
    /// Label (short name where there is one).
    l: String,
    /// Full name, when it differs from the label.
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<String>,
    /// The dataset's own kind text (ministry, dialogue, summit …).
    t: String,
    /// Group index (bodies).
    #[serde(skip_serializing_if = "Option::is_none")]
    g: Option<usize>,
    /// Parent node index (bodies, forums).
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<usize>,
    /// Area index (mechanisms).
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<usize>,
    /// Clause reference (mechanisms).
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<String>,
    /// Verbatim quote (mechanisms).
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    /// Frequency (mechanisms).
    #[serde(skip_serializing_if = "Option::is_none")]
    f: Option<String>,
    /// Level (mechanisms).
    #[serde(skip_serializing_if = "Option::is_none")]
    lv: Option<String>,
    /// Curator's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    o: Option<String>,
    /// Participants with their roles (mechanisms).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    m: Vec<(usize, &'static str)>,
    /// Listed member bodies (forums).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mb: Vec<usize>,
    /// Listed member groups (forums).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mg: Vec<usize>,
    /// Forums the mechanism runs through.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    v: Vec<usize>,
    /// Centralities on the network, in [`MEASURES`] order, to 4 significant digits.
    s: Vec<f64>,
}

/// A carrier of [`Links`]: a mechanism, forum or hierarchy step and the bodies it ties.
#[derive(Serialize)]
struct CarrierData {
    /// 0 mechanism, 1 forum, 2 part-of (the order hops prefer their main carrier in).
    k: u8,
    /// The mechanism or forum's node index; for a hierarchy step the child body's (whose note
    /// is the step's quote).
    n: usize,
    /// The carrier's name, when it is not the node's label ("part of MLIT").
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    /// Source document id and clause reference, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<(String, String)>,
    /// The bodies it ties (link positions = node indices), ascending.
    m: Vec<usize>,
}

/// A view: its title and the node index behind each scene node (null: not a dataset node).
#[derive(Serialize)]
struct ViewData {
    title: String,
    nodes: Vec<Option<usize>>,
}

/// Everything the page's script reads.
#[derive(Serialize)]
struct PageData {
    title: String,
    groups: Vec<GroupData>,
    areas: Vec<AreaData>,
    nodes: Vec<NodeData>,
    /// Links with the hierarchy; without it the same list minus the part-of carriers.
    carriers: Vec<CarrierData>,
    /// Resolver entries in its order: node index, then the names of each level.
    names: Vec<(usize, [Vec<String>; 5])>,
    measures: Vec<&'static str>,
    /// The path search's enumeration cap.
    cap: usize,
    hops: usize,
    limit: usize,
    views: Vec<ViewData>,
}

/// Four significant digits: enough to read, and a third of the bytes of a full f64.
fn rounded(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return 0.0;
    }
    let digits = 3 - value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

/// The page's JSON for `dataset` and its `views`.
pub fn page_json(title: &str, dataset: &Dataset, views: &[PageView]) -> String {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, id) in dataset
        .bodies
        .iter()
        .map(|b| b.id.as_str())
        .chain(dataset.mechanisms.iter().map(|m| m.id.as_str()))
        .chain(dataset.forums.iter().map(|f| f.id.as_str()))
        .enumerate()
    {
        index.insert(id, i);
    }
    let group_index: HashMap<&str, usize> = dataset
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let area_index: HashMap<&str, usize> = dataset
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let node = |id: &str| index.get(id).copied();
    let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let scores: HashMap<String, Vec<f64>> = compute(&network, &MEASURES, &Options::default())
        .scores
        .into_iter()
        .map(|s| {
            let values = MEASURES
                .iter()
                .map(|m| rounded(s.get(*m).unwrap_or(0.0)))
                .collect();
            (s.id, values)
        })
        .collect();
    let scores_of = |id: &str| scores.get(id).cloned().unwrap_or_default();
    let full_name = |label: &str, name: &str| (label != name).then(|| name.to_string());

    let mut nodes: Vec<NodeData> = Vec::new();
    for body in &dataset.bodies {
        nodes.push(NodeData {
            id: body.id.clone(),
            k: "body",
            l: body.label().to_string(),
            n: full_name(body.label(), &body.name),
            t: body.kind.clone(),
            g: group_index.get(body.group.as_str()).copied(),
            p: body.parent.as_deref().and_then(node),
            o: body.note.clone(),
            s: scores_of(&body.id),
            ..NodeData::default()
        });
    }
    for mechanism in &dataset.mechanisms {
        nodes.push(NodeData {
            id: mechanism.id.clone(),
            k: "mechanism",
            l: mechanism.name.clone(),
            t: mechanism.kind.clone(),
            a: mechanism
                .area
                .as_deref()
                .and_then(|a| area_index.get(a).copied()),
            r: mechanism.source.as_ref().map(|s| s.reference.clone()),
            q: mechanism.source.as_ref().map(|s| s.quote.clone()),
            f: mechanism.frequency.clone(),
            lv: mechanism.level.clone(),
            o: mechanism.note.clone(),
            m: mechanism
                .participants
                .iter()
                .filter_map(|p| node(&p.body).map(|i| (i, p.role.as_str())))
                .collect(),
            v: mechanism.via.iter().filter_map(|f| node(f)).collect(),
            s: scores_of(&mechanism.id),
            ..NodeData::default()
        });
    }
    for forum in &dataset.forums {
        nodes.push(NodeData {
            id: forum.id.clone(),
            k: "forum",
            l: forum.label().to_string(),
            n: full_name(forum.label(), &forum.name),
            t: forum.kind.clone(),
            p: forum.parent.as_deref().and_then(node),
            o: forum.note.clone(),
            mb: forum.members.iter().filter_map(|m| node(m)).collect(),
            mg: forum
                .members
                .iter()
                .filter_map(|m| group_index.get(m.as_str()).copied())
                .collect(),
            s: scores_of(&forum.id),
            ..NodeData::default()
        });
    }

    let links = Links::new(dataset, true);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); links.carriers.len()];
    for (a, neighbours) in links.adjacency.iter().enumerate() {
        let mut carriers: Vec<usize> = neighbours.values().flatten().copied().collect();
        carriers.sort_unstable();
        carriers.dedup();
        for c in carriers {
            members[c].push(a);
        }
    }
    let carriers = links
        .carriers
        .iter()
        .zip(members)
        .filter_map(|(carrier, members)| {
            let (k, n) = match carrier.kind {
                CarrierKind::Mechanism => (0, carrier.id.as_deref().and_then(node)?),
                CarrierKind::Forum => (1, carrier.id.as_deref().and_then(node)?),
                // A hierarchy step ties a child and its parent; the child's note is its quote.
                CarrierKind::PartOf => (2, child_of_step(dataset, &members)?),
            };
            let label = &nodes[n].l;
            Some(CarrierData {
                k,
                n,
                x: (carrier.kind == CarrierKind::PartOf || &carrier.name != label)
                    .then(|| carrier.name.clone()),
                c: carrier
                    .source
                    .as_ref()
                    .map(|s| (s.doc.clone(), s.reference.clone())),
                m: members,
            })
        })
        .collect();

    let resolver = Resolver::new(dataset);
    let names = resolver
        .names()
        .filter_map(|(id, levels)| node(id).map(|i| (i, levels.clone())))
        .collect();

    let views = views
        .iter()
        .map(|v| ViewData {
            title: v.title.clone(),
            nodes: v.node_ids.iter().map(|id| node(id)).collect(),
        })
        .collect();

    let data = PageData {
        title: title.to_string(),
        groups: dataset
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| GroupData {
                id: g.id.clone(),
                name: g.name.clone(),
                norm: [normalise(&g.id), normalise(&g.name)],
                colour: style::group_colour(i),
            })
            .collect(),
        areas: dataset
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| AreaData {
                id: a.id.clone(),
                name: match &a.section {
                    Some(section) => format!("{section} {}", a.name),
                    None => a.name.clone(),
                },
                colour: style::area_colour(i),
            })
            .collect(),
        nodes,
        carriers,
        names,
        measures: MEASURES.iter().map(|m| m.as_str()).collect(),
        cap: ENUMERATION_CAP,
        hops: DEFAULT_MAX_HOPS,
        limit: DEFAULT_LIMIT,
        views,
    };
    // Plain data (strings, numbers, vectors) always serialises.
    serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string())
}

/// The child body of a hierarchy step between the two `members`: the one whose parent is the
/// other.
fn child_of_step(dataset: &Dataset, members: &[usize]) -> Option<usize> {
    let [a, b] = members else {
        return None;
    };
    let parent_of = |i: usize| dataset.bodies.get(i).and_then(|x| x.parent.as_deref());
    let id_of = |i: usize| dataset.bodies.get(i).map(|x| x.id.as_str());
    if parent_of(*a) == id_of(*b) {
        Some(*a)
    } else {
        Some(*b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_four_significant_digits() {
        assert_eq!(rounded(0.123456), 0.1235);
        assert_eq!(rounded(0.000123456), 0.0001235);
        assert_eq!(rounded(12.3456), 12.35);
        assert_eq!(rounded(0.0), 0.0);
    }

    #[test]
    fn links_without_the_hierarchy_are_the_same_carriers_minus_the_steps() {
        // The page builds both variants from one carrier list: check that holds.
        let dataset = crate::ingest::json::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/japan-india-2009.json"
        )))
        .expect("bundled dataset loads")
        .dataset;
        let with = Links::new(&dataset, true);
        let without = Links::new(&dataset, false);
        let kept: Vec<_> = with
            .carriers
            .iter()
            .filter(|c| c.kind != CarrierKind::PartOf)
            .collect();
        assert_eq!(kept, without.carriers.iter().collect::<Vec<_>>());
        assert!(with.carriers[..kept.len()]
            .iter()
            .all(|c| c.kind != CarrierKind::PartOf));
    }
}
