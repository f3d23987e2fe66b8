//! The data the interactive page carries, as compact JSON: every node with what its details
//! panel shows, the route finder's links and names — built by the same [`Links`] and
//! [`Resolver`] that `coopgraph path` uses, so the page and the CLI cannot drift in data — and,
//! per view, the dataset node behind each drawn node.
//!
//! Keys are short because the page must stay small on 10,000-node datasets; empty fields are
//! left out. The page's script (`page.js`) documents the same keys where it reads them.

use crate::analysis::centrality::{compute, Measure, Options, Scores};
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::model::timeline::source_dates;
use crate::model::view::Presence;
use crate::model::{Body, Dataset, Forum, Mechanism, Role};
use crate::query::links::{CarrierKind, Links};
use crate::query::paths::ENUMERATION_CAP;
use crate::query::resolve::{normalise, Resolver};
use crate::render::style;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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

/// Every body, mechanism and forum, in that order (so a body's node index is also its position
/// in [`Links`]), column by column: a 10,000-node dataset spends no bytes on repeated keys.
/// Sparse columns are maps from node index.
#[derive(Serialize, Default)]
struct Nodes {
    /// How many bodies, mechanisms and forums.
    counts: [usize; 3],
    id: Vec<String>,
    /// Label (short name where there is one).
    l: Vec<String>,
    /// Full name, where it differs from the label.
    n: BTreeMap<usize, String>,
    /// The dataset's own kind (ministry, dialogue, summit …), as an index into `kinds`.
    t: Vec<usize>,
    kinds: Vec<String>,
    /// Group of each body.
    g: Vec<Option<usize>>,
    /// Parent (bodies: a body; forums: a forum).
    p: BTreeMap<usize, usize>,
    /// Area of each mechanism.
    a: Vec<Option<usize>>,
    /// Clause reference, quote, frequency, level (mechanisms); note (any).
    r: BTreeMap<usize, String>,
    q: BTreeMap<usize, String>,
    f: BTreeMap<usize, String>,
    lv: BTreeMap<usize, String>,
    o: BTreeMap<usize, String>,
    /// Participants of each mechanism, and their roles (indices into `roles`) where any is not
    /// a plain participant.
    m: BTreeMap<usize, Vec<usize>>,
    ro: BTreeMap<usize, Vec<usize>>,
    roles: Vec<&'static str>,
    /// Listed member bodies and groups of a forum; forums a mechanism runs through.
    mb: BTreeMap<usize, Vec<usize>>,
    mg: BTreeMap<usize, Vec<usize>>,
    v: BTreeMap<usize, Vec<usize>>,
    /// Centralities on the network, [`MEASURES`] per node, to 3 significant digits.
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
    /// The bodies it ties (link positions = node indices), ascending; left out where that is
    /// exactly the mechanism's participants, sorted without repeats (the page derives them).
    #[serde(skip_serializing_if = "Option::is_none")]
    m: Option<Vec<usize>>,
}

/// A view: its title and the node index behind each scene node (null: not a dataset node).
#[derive(Serialize)]
struct ViewData {
    title: String,
    nodes: Vec<Option<usize>>,
}

/// One level of names of a resolver entry: none (0), the node's id as it stands (1), one name,
/// or several.
#[derive(Serialize)]
#[serde(untagged)]
enum Level {
    Code(u8),
    One(String),
    Many(Vec<String>),
}

/// Everything the page's script reads.
#[derive(Serialize)]
struct PageData {
    title: String,
    groups: Vec<GroupData>,
    areas: Vec<AreaData>,
    nodes: Nodes,
    /// Links with the hierarchy; without it the same list minus the part-of carriers.
    carriers: Vec<CarrierData>,
    /// Resolver entries in its order: node index, then the names of each level.
    names: Vec<(usize, [Level; 5])>,
    measures: Vec<&'static str>,
    /// The path search's enumeration cap.
    cap: usize,
    hops: usize,
    limit: usize,
    views: Vec<ViewData>,
    /// The timeline, for a dataset of two or more source dates; left out otherwise, so a page
    /// of one source carries nothing for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<TimeData>,
    /// Set when the page holds only the nodes its views draw (left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    held: Option<Held>,
}

/// The steps of the timeline slider and when each node is present.
#[derive(Serialize)]
struct TimeData {
    /// Each distinct source date, earliest first, with the `[id, title]` of its sources.
    steps: Vec<(String, Vec<(String, String)>)>,
    /// Per node (page order), the steps whose source names it, ascending: what `--only-source`
    /// keeps. Present by step k (what `--as-of` keeps) is "at some step up to k".
    at: Vec<Vec<usize>>,
}

/// True when the page gets the timeline slider: the dataset has two or more distinct source
/// dates (as [`Presence::is_series`], without building the views).
pub fn has_timeline(dataset: &Dataset) -> bool {
    let mut dates: Vec<_> = source_dates(dataset).into_values().collect();
    dates.sort();
    dates.dedup();
    dates.len() > 1
}

/// The timeline of `dataset` with its nodes in page order (`ids`), or `None` for fewer than two
/// source dates.
fn time_data(dataset: &Dataset, ids: &[String]) -> Option<TimeData> {
    if !has_timeline(dataset) {
        return None;
    }
    let presence = Presence::of(dataset);
    let dates = source_dates(dataset);
    let steps = presence
        .steps
        .iter()
        .map(|step| {
            let sources = dataset
                .sources
                .iter()
                .filter(|s| dates.get(s.id.as_str()) == Some(step))
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect();
            (step.to_string(), sources)
        })
        .collect();
    let at = ids
        .iter()
        .map(|id| {
            let present = presence.dates(id);
            presence
                .steps
                .iter()
                .enumerate()
                .filter(|(_, step)| present.contains(step))
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    Some(TimeData { steps, at })
}

/// Three significant digits: enough to read, and a third of the bytes of a full f64.
fn rounded(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return 0.0;
    }
    let digits = 2 - value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

/// Most bytes the page's data and its views' pictures may take together while the page holds
/// the whole dataset; above it the page holds only what its views draw ([`Held`]). The page
/// then stays under 3 MB with its script, styles, findings and tables (measured: 10,000 nodes
/// take 2.5 MB whole; 100,000 took 14.7 MB, too much for a page to open quickly).
pub const PAGE_BUDGET: usize = 2_800_000;

/// A page that holds only part of its dataset: the nodes its views draw.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    /// Bodies, mechanisms and forums the page holds.
    nodes: usize,
    /// Bodies, mechanisms and forums of the dataset.
    of: usize,
}

/// The page's JSON for `dataset` and its `views`, with the nodes' centralities read from
/// `scores` when given (computed on the network, with at least the page's measures), else
/// computed here, and the route finder's links read from `links` (built with the hierarchy)
/// when given. When that JSON and the views' pictures exceed [`PAGE_BUDGET`], the page holds
/// only the nodes its views draw, and its route finder (which needs the whole network to answer
/// as `coopgraph path` does) says so instead of answering.
pub fn page_json(
    title: &str,
    dataset: &Dataset,
    views: &[PageView],
    scores: Option<&[Scores]>,
    links: Option<&Links>,
) -> String {
    let whole = data_json(title, dataset, views, scores, links, None);
    let pictures: usize = views.iter().map(|v| v.svg.len()).sum();
    if whole.len() + pictures <= PAGE_BUDGET {
        return whole;
    }
    drop(whole);
    let drawn = drawn_part(dataset, views);
    let held = Held {
        nodes: drawn.bodies.len() + drawn.mechanisms.len() + drawn.forums.len(),
        of: dataset.bodies.len() + dataset.mechanisms.len() + dataset.forums.len(),
    };
    data_json(title, &drawn, views, scores, None, Some(held))
}

/// The part of `dataset` that `views` draw: their bodies, mechanisms and forums, with the
/// participants, members, parents and forums among them.
fn drawn_part(dataset: &Dataset, views: &[PageView]) -> Dataset {
    let drawn: std::collections::HashSet<&str> = views
        .iter()
        .flat_map(|v| v.node_ids.iter().map(String::as_str))
        .collect();
    let held = |id: &str| drawn.contains(id);
    let mut part = dataset.clone();
    part.bodies.retain(|b| held(&b.id));
    part.mechanisms.retain(|m| held(&m.id));
    part.forums.retain(|f| held(&f.id));
    for body in &mut part.bodies {
        body.parent = body.parent.take().filter(|p| held(p));
    }
    for mechanism in &mut part.mechanisms {
        mechanism.participants.retain(|p| held(&p.body));
        mechanism.via.retain(|f| held(f));
    }
    for forum in &mut part.forums {
        forum.members.retain(|m| held(m));
        forum.parent = forum.parent.take().filter(|p| held(p));
    }
    part
}

/// The page's JSON for `dataset` (see [`page_json`]); `held` when it is part of the dataset.
fn data_json(
    title: &str,
    dataset: &Dataset,
    views: &[PageView],
    scores: Option<&[Scores]>,
    links: Option<&Links>,
    held: Option<Held>,
) -> String {
    let index = node_index(dataset);
    let group_index = position_index(dataset.groups.iter().map(|g| g.id.as_str()));
    let area_index = position_index(dataset.areas.iter().map(|a| a.id.as_str()));
    let node = |id: &str| index.get(id).copied();
    let nodes = nodes(dataset, scores, &node, &group_index, &area_index);
    let built;
    let links = match links {
        Some(links) => links,
        None => {
            built = Links::new(dataset, true);
            &built
        }
    };
    let carriers = carriers(dataset, links, &nodes, &node);
    let names = names(dataset, &node);
    let views = views
        .iter()
        .map(|v| ViewData {
            title: v.title.clone(),
            nodes: v.node_ids.iter().map(|id| node(id)).collect(),
        })
        .collect();
    let time = time_data(dataset, &nodes.id);
    let data = PageData {
        title: title.to_string(),
        groups: groups(dataset),
        areas: areas(dataset),
        nodes,
        carriers,
        names,
        measures: MEASURES.iter().map(|m| m.as_str()).collect(),
        cap: ENUMERATION_CAP,
        hops: DEFAULT_MAX_HOPS,
        limit: DEFAULT_LIMIT,
        views,
        time,
        held,
    };
    // Plain data (strings, numbers, vectors, maps with number keys) always serialises.
    serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string())
}

/// Each node's position on the page: bodies, then mechanisms, then forums (a repeated id keeps
/// its last position).
fn node_index(dataset: &Dataset) -> HashMap<&str, usize> {
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
    index
}

/// Each of `ids` → its position.
fn position_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// The carriers of `links` (mechanisms, forums, hierarchy steps) by node position; a
/// mechanism's members are left out where the page can derive them from its participants.
fn carriers(
    dataset: &Dataset,
    links: &Links,
    nodes: &Nodes,
    node: &dyn Fn(&str) -> Option<usize>,
) -> Vec<CarrierData> {
    links
        .carriers()
        .iter()
        .enumerate()
        .filter_map(|(c, carrier)| {
            let members: Vec<usize> = links.members(c).iter().map(|&m| m as usize).collect();
            let (k, n) = match carrier.kind {
                CarrierKind::Mechanism => (0, carrier.id.as_deref().and_then(node)?),
                CarrierKind::Forum => (1, carrier.id.as_deref().and_then(node)?),
                // A hierarchy step ties a child and its parent; the child's note is its quote.
                CarrierKind::PartOf => (2, child_of_step(dataset, &members)?),
            };
            let derivable = k == 0 && {
                let mut participants = nodes.m.get(&n).cloned().unwrap_or_default();
                participants.sort_unstable();
                participants.dedup();
                participants == members
            };
            Some(CarrierData {
                k,
                n,
                x: (carrier.kind == CarrierKind::PartOf || carrier.name != nodes.l[n])
                    .then(|| carrier.name.clone()),
                c: carrier
                    .source
                    .as_ref()
                    .map(|s| (s.doc.clone(), s.reference.clone())),
                m: (!derivable).then_some(members),
            })
        })
        .collect()
}

/// The names each node answers to, by resolution level, for the page's search box.
fn names(dataset: &Dataset, node: &dyn Fn(&str) -> Option<usize>) -> Vec<(usize, [Level; 5])> {
    let resolver = Resolver::new(dataset);
    resolver
        .names()
        .filter_map(|(id, levels)| {
            let i = node(id)?;
            let level = |l: usize| match levels[l].as_slice() {
                [] => Level::Code(0),
                [one] if l == 0 && one == id => Level::Code(1),
                [one] => Level::One(one.clone()),
                many => Level::Many(many.to_vec()),
            };
            Some((i, [level(0), level(1), level(2), level(3), level(4)]))
        })
        .collect()
}

/// The groups with their colours.
fn groups(dataset: &Dataset) -> Vec<GroupData> {
    let colours = style::GroupColours::of_dataset(dataset);
    dataset
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupData {
            id: g.id.clone(),
            name: g.name.clone(),
            norm: [normalise(&g.id), normalise(&g.name)],
            colour: colours.of(i),
        })
        .collect()
}

/// The areas (named with their section) with their colours.
fn areas(dataset: &Dataset) -> Vec<AreaData> {
    dataset
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
        .collect()
}

/// The node columns of `dataset`: bodies, then mechanisms, then forums.
fn nodes(
    dataset: &Dataset,
    computed: Option<&[Scores]>,
    node: &dyn Fn(&str) -> Option<usize>,
    group_index: &HashMap<&str, usize>,
    area_index: &HashMap<&str, usize>,
) -> Nodes {
    let mut columns = NodeColumns {
        columns: Nodes {
            counts: [
                dataset.bodies.len(),
                dataset.mechanisms.len(),
                dataset.forums.len(),
            ],
            roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
            ..Nodes::default()
        },
        kinds: Vec::new(),
        scores: score_rows(dataset, computed),
        node,
        group_index,
        area_index,
    };
    for body in &dataset.bodies {
        columns.body(body);
    }
    for mechanism in &dataset.mechanisms {
        columns.mechanism(mechanism);
    }
    for forum in &dataset.forums {
        columns.forum(forum);
    }
    columns.columns.kinds = columns.kinds;
    columns.columns
}

/// Each node's measures (in [`MEASURES`] order, rounded), from `computed` or computed here on
/// the network.
fn score_rows(dataset: &Dataset, computed: Option<&[Scores]>) -> HashMap<String, Vec<f64>> {
    let owned;
    let computed = match computed {
        Some(scores) => scores,
        None => {
            let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
            owned = compute(&network, &MEASURES, &Options::default()).scores;
            &owned
        }
    };
    computed
        .iter()
        .map(|s| {
            let values = MEASURES
                .iter()
                .map(|m| rounded(s.get(*m).unwrap_or(0.0)))
                .collect();
            (s.id.clone(), values)
        })
        .collect()
}

/// The node columns as they are filled, one node after another.
struct NodeColumns<'a> {
    columns: Nodes,
    /// The kinds met so far, in order of first use (a node's `t` is a position here).
    kinds: Vec<String>,
    scores: HashMap<String, Vec<f64>>,
    node: &'a dyn Fn(&str) -> Option<usize>,
    group_index: &'a HashMap<&'a str, usize>,
    area_index: &'a HashMap<&'a str, usize>,
}

impl NodeColumns<'_> {
    /// Adds the columns every node has; returns the node's position.
    fn common(&mut self, id: &str, label: &str, name: &str, kind: &str) -> usize {
        let columns = &mut self.columns;
        let i = columns.id.len();
        columns.id.push(id.to_string());
        columns.l.push(label.to_string());
        if label != name {
            columns.n.insert(i, name.to_string());
        }
        let k = match self.kinds.iter().position(|k| k == kind) {
            Some(k) => k,
            None => {
                self.kinds.push(kind.to_string());
                self.kinds.len() - 1
            }
        };
        columns.t.push(k);
        columns.s.extend(
            self.scores
                .get(id)
                .cloned()
                .unwrap_or_else(|| vec![0.0; MEASURES.len()]),
        );
        i
    }

    fn body(&mut self, body: &Body) {
        let i = self.common(&body.id, body.label(), &body.name, &body.kind);
        let node = self.node;
        let columns = &mut self.columns;
        columns
            .g
            .push(self.group_index.get(body.group.as_str()).copied());
        if let Some(parent) = body.parent.as_deref().and_then(node) {
            columns.p.insert(i, parent);
        }
        if let Some(note) = &body.note {
            columns.o.insert(i, note.clone());
        }
    }

    fn mechanism(&mut self, mechanism: &Mechanism) {
        let i = self.common(
            &mechanism.id,
            &mechanism.name,
            &mechanism.name,
            &mechanism.kind,
        );
        let node = self.node;
        let columns = &mut self.columns;
        columns.a.push(
            mechanism
                .area
                .as_deref()
                .and_then(|a| self.area_index.get(a).copied()),
        );
        let text = [
            (&mut columns.r, mechanism.source().map(|s| &s.reference)),
            (&mut columns.q, mechanism.source().map(|s| &s.quote)),
            (&mut columns.f, mechanism.frequency.as_ref()),
            (&mut columns.lv, mechanism.level.as_ref()),
            (&mut columns.o, mechanism.note.as_ref()),
        ];
        for (column, value) in text {
            if let Some(value) = value {
                column.insert(i, value.clone());
            }
        }
        let (bodies, roles): (Vec<usize>, Vec<usize>) = mechanism
            .participants
            .iter()
            .filter_map(|p| {
                let role = Role::ALL.iter().position(|r| *r == p.role).unwrap_or(0);
                node(&p.body).map(|b| (b, role))
            })
            .unzip();
        if roles.iter().any(|&r| Role::ALL[r] != Role::Participant) {
            columns.ro.insert(i, roles);
        }
        if !bodies.is_empty() {
            columns.m.insert(i, bodies);
        }
        let via: Vec<usize> = mechanism.via.iter().filter_map(|f| node(f)).collect();
        if !via.is_empty() {
            columns.v.insert(i, via);
        }
    }

    fn forum(&mut self, forum: &Forum) {
        let i = self.common(&forum.id, forum.label(), &forum.name, &forum.kind);
        let node = self.node;
        let columns = &mut self.columns;
        if let Some(parent) = forum.parent.as_deref().and_then(node) {
            columns.p.insert(i, parent);
        }
        if let Some(note) = &forum.note {
            columns.o.insert(i, note.clone());
        }
        let bodies: Vec<usize> = forum.members.iter().filter_map(|m| node(m)).collect();
        if !bodies.is_empty() {
            columns.mb.insert(i, bodies);
        }
        let groups: Vec<usize> = forum
            .members
            .iter()
            .filter_map(|m| self.group_index.get(m.as_str()).copied())
            .collect();
        if !groups.is_empty() {
            columns.mg.insert(i, groups);
        }
    }
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
    fn rounds_to_three_significant_digits() {
        assert_eq!(rounded(0.123456), 0.123);
        assert_eq!(rounded(0.000123456), 0.000123);
        assert_eq!(rounded(12.3456), 12.3);
        assert_eq!(rounded(0.0), 0.0);
    }

    /// The generated 10,000-node dataset the size tests measure.
    fn ten_thousand_nodes() -> Dataset {
        crate::generate::generate(&crate::generate::Spec {
            bodies: 7000,
            mechanisms: 2990,
            groups: 3,
            forums: 10,
            mean_participants: 14.0,
            seed: 1,
        })
    }

    #[test]
    fn page_data_stays_compact_at_ten_thousand_nodes() {
        // The page must stay under 3 MB with the diagram; the data's share is measured here.
        let dataset = ten_thousand_nodes();
        let json = page_json("big", &dataset, &[], None, None);
        eprintln!("page data for 10,000 nodes: {} bytes", json.len());
        assert!(json.len() < 1_500_000, "{} bytes", json.len());
    }

    #[test]
    fn timeline_data_stays_compact_at_ten_thousand_nodes() {
        // Three dated sources over the 10,000-node dataset: the timeline's share of the page.
        let mut dataset = ten_thousand_nodes();
        let without = page_json("big", &dataset, &[], None, None).len();
        dataset.sources = ["2021-01-01", "2022-01-01", "2023-01-01"]
            .iter()
            .map(|date| crate::model::Source {
                id: format!("s{date}"),
                title: format!("Statement of {date}"),
                date: Some(date.to_string()),
                file: None,
                url: None,
            })
            .collect();
        for (i, mechanism) in dataset.mechanisms.iter_mut().enumerate() {
            // Each mechanism in one or two consecutive statements.
            mechanism.sources = (i % 3..=(i % 3 + i % 2).min(2))
                .map(|k| crate::model::SourceRef {
                    doc: dataset.sources[k].id.clone(),
                    reference: "1".into(),
                    quote: "q".into(),
                })
                .collect();
        }
        let json = page_json("big", &dataset, &[], None, None);
        eprintln!(
            "page data for 10,000 nodes with three dated sources: {} bytes ({} for the timeline)",
            json.len(),
            json.len() - without
        );
        assert!(json.contains("\"time\":{\"steps\""));
        assert!(json.len() < 1_600_000, "{} bytes", json.len());
    }

    #[test]
    fn one_source_date_adds_nothing_to_the_page_data() {
        let dataset = crate::ingest::json::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/japan-india-2009.json"
        )))
        .expect("bundled dataset loads")
        .dataset;
        assert!(!has_timeline(&dataset));
        assert!(!page_json("t", &dataset, &[], None, None).contains("\"time\""));
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
            .carriers()
            .iter()
            .filter(|c| c.kind != CarrierKind::PartOf)
            .collect();
        assert_eq!(kept, without.carriers().iter().collect::<Vec<_>>());
        assert!(with.carriers()[..kept.len()]
            .iter()
            .all(|c| c.kind != CarrierKind::PartOf));
    }
}
