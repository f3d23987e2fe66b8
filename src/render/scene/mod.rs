//! What a diagram shows: the nodes and edges of a [`Diagram`], with sizes, colour keys and
//! highlights. Built in stages: the graph the diagram is drawn from, its nodes and edges, the
//! diagram's own shaping (org chart, area, ego, path, changes), the cuts (`--top`, a [`Limit`]),
//! the sizes and the subtitle.

mod changed_ties;
mod cut;
mod diagram;
mod focus;
mod hubs;
mod org;
mod precut;
mod types;

pub use diagram::Diagram;
pub use hubs::HUB_MIN;
pub use precut::BodyDegrees;
pub use types::{
    index_of, ColourBy, Limit, Scene, SceneEdge, SceneNode, SceneOptions, RENDER_WHOLE_LINES,
    RENDER_WHOLE_NODES,
};

use crate::analysis::centrality::{compute, Measure, Options};
use crate::error::Result;
use crate::graph::{build_graph, BuildOptions, CoopGraph};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use precut::Precut;
use std::collections::HashSet;
use types::restrict;

/// Builds the scene of `diagram`.
pub fn scene(dataset: &Dataset, diagram: &Diagram, options: &SceneOptions) -> Result<Scene> {
    let graph_kind = diagram.graph_kind();
    // A bodies view above the limit is cut before its projection is built (see `precut`);
    // the changes view is always planned first (its lines are the sources' ties, not the
    // projection's).
    let precut = match (diagram, &options.limit, options.top) {
        (Diagram::Changes(from, to), ..) => Some(changed_ties::plan(dataset, from, to, options)?),
        (_, Some(limit), None) => precut::plan(
            dataset,
            diagram,
            limit,
            options.size_by,
            options.body_degrees.as_ref(),
        ),
        (_, None, Some(top)) => precut::top(
            dataset,
            diagram,
            top,
            options.size_by,
            options.body_degrees.as_ref(),
        ),
        _ => None,
    };
    if precut.is_none() {
        precut::check_whole(dataset, diagram, options.top.is_some())?;
    }
    let mut graph = build_graph(
        precut.as_ref().map_or(dataset, |cut| &cut.dataset),
        graph_kind,
        BuildOptions::default(),
    );
    let values = size_values(&graph, precut.as_ref(), options.size_by);
    let (mut nodes, mut edges) = nodes_and_edges(dataset, &graph, &values);
    let mut keep = shape(
        dataset, diagram, &mut graph, &mut nodes, &mut edges, options,
    )?;
    // A precut view already holds what the cut keeps, ties or not.
    if matches!(
        diagram,
        Diagram::Network | Diagram::Bodies | Diagram::Mechanisms
    ) && keep.is_none()
        && precut.is_none()
    {
        // Bodies listed only as someone's parent have no tie here: leave them to the org view.
        keep = Some(tied(&edges));
    }
    if let Some(top) = options.top {
        let kept = cut::top(&nodes, &edges, top, graph_kind);
        keep = Some(match keep {
            Some(previous) => previous.intersection(&kept).copied().collect(),
            None => kept,
        });
    }
    if let Some(kept) = keep {
        (nodes, edges) = restrict(nodes, edges, &kept);
    }
    let hubs = draw_hubs(dataset, diagram, &mut nodes, &mut edges);
    let nested = matches!(diagram, Diagram::Org);
    let precut = precut.and_then(|p| p.cut);
    let note = cut::to_limit(
        &mut nodes,
        &mut edges,
        options.limit.as_ref(),
        precut,
        nested,
    );
    scale_sizes(&mut nodes);
    Ok(Scene {
        title: diagram.title(dataset),
        subtitle: subtitle(dataset, note.as_deref()),
        nodes,
        edges,
        nested,
        changes: matches!(diagram, Diagram::Changes(..)),
        size_by: options.size_by,
        colour_by: options.colour_by,
        limited: note.is_some(),
        hubs,
    })
}

/// Each graph node's value of the size measure: its degree in the whole projection when the
/// view was cut before it was built, else the measure computed on `graph`.
fn size_values(graph: &CoopGraph, precut: Option<&Precut>, size_by: Measure) -> Vec<f64> {
    match precut {
        Some(cut) => graph
            .graph
            .node_weights()
            .map(|node| cut.values.get(&node.id).copied().unwrap_or(0.0))
            .collect(),
        None => compute(graph, &[size_by], &Options::default())
            .scores
            .iter()
            .map(|s| s.get(size_by).unwrap_or(0.0))
            .collect(),
    }
}

/// The graph's nodes and edges as the scene's, with names, areas and size values; an edge's
/// tooltip names what it shares.
fn nodes_and_edges(
    dataset: &Dataset,
    graph: &CoopGraph,
    values: &[f64],
) -> (Vec<SceneNode>, Vec<SceneEdge>) {
    let names = Labels::new(dataset);
    let nodes: Vec<SceneNode> = graph
        .graph
        .node_weights()
        .zip(values)
        .map(|(node, &value)| SceneNode {
            id: node.id.clone(),
            label: node.label.clone(),
            name: names.name(&node.id).unwrap_or("").to_string(),
            kind: node.kind,
            group: node.group.clone(),
            area: names.area(&node.id).map(str::to_string),
            size: 0.0,
            value,
            faded: false,
            emphasised: false,
            container: None,
            structural: false,
        })
        .collect();
    let edges: Vec<SceneEdge> = graph
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = graph.graph.edge_endpoints(e)?;
            let edge = &graph.graph[e];
            Some(SceneEdge {
                a: a.index(),
                b: b.index(),
                kind: edge.kind,
                weight: edge.weight,
                label: None,
                tooltip: shared_names(&names, &edge.shared),
                faded: false,
                highlighted: false,
                dashed: false,
                shared: edge.shared.clone(),
            })
        })
        .collect();
    (nodes, edges)
}

/// The names of what a tie shares, for its tooltip.
fn shared_names(names: &Labels, shared: &[String]) -> String {
    listed(shared.iter().map(|id| names.name(id).unwrap_or(id)))
}

/// Most names a tie's tooltip lists: Graphviz refuses a quoted string over 16,384 bytes, and
/// two countries' boxes rolled up from a generated 10,000-body dataset share 2,849 mechanisms.
const TOOLTIP_NAMES: usize = 30;

/// `names` joined by "; ", the first [`TOOLTIP_NAMES`] of them and how many more.
pub(super) fn listed<S: AsRef<str>>(names: impl ExactSizeIterator<Item = S>) -> String {
    let total = names.len();
    let shown: Vec<S> = names.take(TOOLTIP_NAMES).collect();
    let mut text = shown
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join("; ");
    if total > TOOLTIP_NAMES {
        text.push_str(&format!(
            "; and {} more",
            crate::text::numbers::group_digits(total - TOOLTIP_NAMES)
        ));
    }
    text
}

/// Draws the mechanisms and forums that tie many of a bodies view's or org chart's bodies as
/// hubs ([`hubs::spokes`]); returns how many.
fn draw_hubs(
    dataset: &Dataset,
    diagram: &Diagram,
    nodes: &mut Vec<SceneNode>,
    edges: &mut Vec<SceneEdge>,
) -> usize {
    match diagram {
        Diagram::Org => {
            let carriers = org::Carriers::new(dataset);
            hubs::spokes(dataset, nodes, edges, &|tie| carriers.relabel(tie))
        }
        Diagram::Bodies => {
            let names = Labels::new(dataset);
            hubs::spokes(dataset, nodes, edges, &|tie| {
                tie.tooltip = shared_names(&names, &tie.shared);
            })
        }
        _ => 0,
    }
}

/// Shapes the nodes and edges as `diagram` shows them; returns the part it keeps, where it
/// keeps only a part.
fn shape(
    dataset: &Dataset,
    diagram: &Diagram,
    graph: &mut CoopGraph,
    nodes: &mut [SceneNode],
    edges: &mut Vec<SceneEdge>,
    options: &SceneOptions,
) -> Result<Option<HashSet<usize>>> {
    match diagram {
        Diagram::Org => {
            org::org(dataset, graph, nodes, edges);
            Ok(None)
        }
        // The bodies view shows the number shared by line width and lists it in the tooltip:
        // numbers on the lines collided with the bodies' names on dense data (measured: two
        // overlapping pairs on the long-names fixture's slide).
        Diagram::Bodies | Diagram::Network | Diagram::Mechanisms => Ok(None),
        Diagram::Area(wanted) => focus::area(dataset, nodes, edges, wanted).map(Some),
        Diagram::Ego(name, depth) => focus::ego(dataset, nodes, edges, name, *depth, options),
        Diagram::Path(from, to) => focus::path(dataset, nodes, edges, from, to, options),
        Diagram::Changes(from, to) => {
            let (kept, changed) = changed_ties::edges(dataset, nodes, from, to)?;
            *edges = changed;
            Ok(Some(kept))
        }
    }
}

/// The nodes with at least one edge.
fn tied(edges: &[SceneEdge]) -> HashSet<usize> {
    let mut tied: HashSet<usize> = HashSet::new();
    for edge in edges {
        tied.insert(edge.a);
        tied.insert(edge.b);
    }
    tied
}

/// Sizes: square root of the value relative to the largest, so area tracks the measure.
fn scale_sizes(nodes: &mut [SceneNode]) {
    let max = nodes.iter().map(|n| n.value).fold(0.0, f64::max);
    for node in nodes {
        node.size = if max > 0.0 {
            (node.value / max).sqrt()
        } else {
            0.0
        };
    }
}

/// The subtitle: the dataset's title, its first source's title and date, and the cut's note.
fn subtitle(dataset: &Dataset, note: Option<&str>) -> String {
    let source = dataset.sources.first();
    [
        dataset.title.clone(),
        source.map(|s| s.title.clone()),
        source.and_then(|s| s.date.clone()),
    ]
    .into_iter()
    .flatten()
    .chain(note.map(str::to_string))
    .collect::<Vec<_>>()
    .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeKind, NodeKind};
    use crate::text::numbers::group_digits;
    use std::collections::HashMap;
    use std::sync::Arc;

    fn bundled() -> Dataset {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        crate::ingest::json::read(&path).expect("bundled dataset")
    }

    fn options() -> SceneOptions {
        SceneOptions::default()
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
            governments: true,
            cut_to_read: true,
        };
        let cut = scene(
            &dataset,
            &Diagram::Network,
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
        let whole = scene(&dataset, &Diagram::Network, &options()).expect("scene");
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
            &Diagram::Network,
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
            &Diagram::Network,
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
                governments: true,
                cut_to_read: true,
            }),
            ..options()
        };
        let cut = scene(&dataset, &Diagram::Bodies, &options).expect("scene");
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
        let whole = scene(&dataset, &Diagram::Bodies, &super::tests::options()).expect("scene");
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
        let scene = scene(&bundled(), &Diagram::Org, &options()).expect("scene");
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

    /// A generated dataset with one mechanism of `giant` participants.
    fn with_giant(bodies: usize, giant: usize) -> Dataset {
        let mut dataset = crate::generate::generate(&crate::generate::Spec {
            bodies,
            mechanisms: bodies / 3,
            groups: 3,
            forums: 2,
            mean_participants: 3.0,
            seed: 5,
        });
        crate::generate::add_giant_mechanism(&mut dataset, giant);
        dataset
    }

    /// The scene's nodes by id and its edges as id pairs with their tooltips.
    #[allow(clippy::type_complexity)]
    fn drawn(scene: &Scene) -> (Vec<String>, Vec<(String, String, String)>) {
        let mut ids: Vec<String> = scene.nodes.iter().map(|n| n.id.clone()).collect();
        ids.sort();
        let mut edges: Vec<(String, String, String)> = scene
            .edges
            .iter()
            .map(|e| {
                let (a, b) = (&scene.nodes[e.a].id, &scene.nodes[e.b].id);
                (a.min(b).clone(), a.max(b).clone(), e.tooltip.clone())
            })
            .collect();
        edges.sort();
        (ids, edges)
    }

    #[test]
    fn top_cut_before_building_keeps_what_cutting_the_whole_view_keeps() {
        // Every mechanism under the hub size (the giant too): a hub's spokes depend on the
        // bodies drawn (see the next test), the pairs do not.
        let mut dataset = with_giant(150, 40);
        for m in &mut dataset.mechanisms {
            m.participants.truncate(HUB_MIN - 1);
        }
        for diagram in [Diagram::Bodies, Diagram::Org] {
            let whole = scene(&dataset, &diagram, &options()).expect("whole");
            assert_eq!(whole.hubs, 0);
            for top in [3, 10, 60] {
                let cut = scene(
                    &dataset,
                    &diagram,
                    &SceneOptions {
                        top: Some(top),
                        ..options()
                    },
                )
                .expect("cut");
                let mut ranked: Vec<&SceneNode> = whole.nodes.iter().collect();
                ranked.sort_by(|x, y| y.value.total_cmp(&x.value).then_with(|| x.id.cmp(&y.id)));
                let chosen: HashSet<&str> =
                    ranked.iter().take(top).map(|n| n.id.as_str()).collect();
                let (ids, edges) = drawn(&whole);
                let expected_ids: Vec<String> = ids
                    .into_iter()
                    .filter(|id| chosen.contains(id.as_str()))
                    .collect();
                let expected_edges: Vec<(String, String, String)> = edges
                    .into_iter()
                    .filter(|(a, b, _)| chosen.contains(a.as_str()) && chosen.contains(b.as_str()))
                    .collect();
                assert_eq!(
                    drawn(&cut),
                    (expected_ids, expected_edges),
                    "{diagram:?} top {top}"
                );
            }
        }
    }

    #[test]
    fn a_view_too_tied_to_build_whole_is_refused_with_the_way_to_cut_it() {
        // 2,000 bodies of three countries in one mechanism: 1,999,000 ties, about two
        // thirds of them between countries.
        let dataset = with_giant(2_000, 2_000);
        for diagram in [Diagram::Bodies, Diagram::Org] {
            let refused = scene(&dataset, &diagram, &options()).expect_err("too many ties");
            assert!(matches!(refused, crate::error::Error::Usage(_)));
            assert!(refused.to_string().contains("--top N"), "{refused}");
            let cut = SceneOptions {
                top: Some(20),
                ..options()
            };
            let drawn = scene(&dataset, &diagram, &cut).expect("cut");
            let bodies = drawn.nodes.iter().filter(|n| n.kind == NodeKind::Body);
            assert_eq!(bodies.count(), 20);
            // The giant mechanism that ties all 20 is one hub with a line to each, in no pair.
            assert_eq!(drawn.hubs, 1);
            assert_eq!(drawn.nodes.len(), 21);
            let hub = drawn.nodes.iter().position(|n| n.id == "m-giant");
            let spokes = drawn.edges.iter().filter(|e| Some(e.a) == hub);
            assert_eq!(spokes.count(), 20, "{diagram:?}");
            assert!(drawn
                .edges
                .iter()
                .all(|e| !e.shared.contains(&"m-giant".to_string())));
            let pairs = drawn.edges.iter().filter(|e| e.kind == EdgeKind::Shared);
            assert!(pairs.into_iter().all(|e| !e.tooltip.contains("Giant")));
        }
        let by_betweenness = SceneOptions {
            top: Some(20),
            size_by: Measure::Betweenness,
            ..options()
        };
        let refused = scene(&dataset, &Diagram::Bodies, &by_betweenness).expect_err("refused");
        assert!(
            refused.to_string().contains("--size-by degree"),
            "{refused}"
        );
    }
}
