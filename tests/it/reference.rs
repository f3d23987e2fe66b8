//! Centrality against published graphs, with values computed independently by NetworkX
//! (tests/reference/PROVENANCE.md).

use crate::common::root;
use coopgraph::analysis::centrality::{
    compute, compute_bodies, Centrality, Measure, Options, Scores,
};
use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
use coopgraph::ingest::json::read;
use serde_json::Value;

/// Agreement required with NetworkX.
pub const TOLERANCE: f64 = 1e-6;

/// The fixture's dataset and expected values.
pub fn fixture(name: &str) -> (coopgraph::model::Dataset, Value) {
    let folder = root().join("tests/reference").join(name);
    let dataset = read(&folder.join("dataset.json")).expect("fixture dataset");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("expected.json")).expect("expected values"),
    )
    .expect("expected JSON");
    (dataset, expected)
}

/// Asserts every node's value of `field` agrees with `expected[field]`.
pub fn assert_close(label: &str, expected: &Value, field: &str, actual: &[(String, f64)]) {
    let table = expected[field]
        .as_object()
        .unwrap_or_else(|| panic!("{label}: no expected {field}"));
    assert_eq!(table.len(), actual.len(), "{label} {field}: node count");
    for (id, value) in actual {
        let want = table[id].as_f64().unwrap_or(f64::NAN);
        let agree = (want.is_nan() && value.is_nan()) || (want - value).abs() <= TOLERANCE;
        assert!(agree, "{label} {field} {id}: expected {want}, got {value}");
    }
}

fn check(name: &str, kind: GraphKind) {
    let (dataset, expected) = fixture(name);
    let graph = build_graph(&dataset, kind, BuildOptions::default());
    let result = compute(&graph, &Measure::ALL, &Options::default());
    check_result(name, kind, &expected, &result);
    if kind == GraphKind::Bodies {
        // The same measures read through the cliques, without the projection's pairs.
        let result = compute_bodies(
            &dataset,
            BuildOptions::default(),
            &Measure::ALL,
            &Options::default(),
        );
        check_result(&format!("{name} (cliques)"), kind, &expected, &result);
    }
}

fn check_result(name: &str, kind: GraphKind, expected: &Value, result: &Centrality) {
    let expected = &expected[kind.as_str()];
    let label = format!("{name}/{}", kind.as_str());
    let column = |get: fn(&Scores) -> Option<f64>| -> Vec<(String, f64)> {
        result
            .scores
            .iter()
            .filter(|s| expected["degree"].get(&s.id).is_some())
            .map(|s| (s.id.clone(), get(s).expect("computed")))
            .collect()
    };
    // On the network, NetworkX's dictionaries cover every node (bodies and mechanisms).
    assert_eq!(
        column(|s| s.degree).len(),
        expected["degree"].as_object().expect("degree").len(),
        "{label}: every expected node is in the graph"
    );
    assert_close(&label, expected, "degree", &column(|s| s.degree));
    assert_close(&label, expected, "betweenness", &column(|s| s.betweenness));
    assert_close(&label, expected, "closeness", &column(|s| s.closeness));
    assert_close(&label, expected, "harmonic", &column(|s| s.harmonic));
    assert_close(&label, expected, "eigenvector", &column(|s| s.eigenvector));
    assert_close(&label, expected, "pagerank", &column(|s| s.pagerank));
    if expected.get("strength").is_some() {
        assert_close(&label, expected, "strength", &column(|s| s.strength));
    }
}

#[test]
fn karate_two_mode_and_projected() {
    check("karate", GraphKind::Network);
    check("karate", GraphKind::Bodies);
}

#[test]
fn florentine_two_mode_and_projected() {
    check("florentine", GraphKind::Network);
    check("florentine", GraphKind::Bodies);
}

#[test]
fn davis_two_mode_and_both_projections() {
    check("davis", GraphKind::Network);
    check("davis", GraphKind::Bodies);
    check("davis", GraphKind::Mechanisms);
}

mod structure {
    use super::{assert_close, fixture};
    use coopgraph::analysis::brokerage::burt;
    use coopgraph::analysis::community::{louvain, modularity};
    use coopgraph::analysis::structure::{components, core_numbers, cut_points_and_bridges};
    use coopgraph::graph::csr::Csr;
    use coopgraph::graph::{build_graph, BuildOptions, CoopGraph, GraphKind};

    fn projection(name: &str, kind: GraphKind) -> (CoopGraph, Csr, serde_json::Value) {
        let (dataset, expected) = fixture(name);
        let graph = build_graph(&dataset, kind, BuildOptions::default());
        let csr = Csr::from_graph(&graph.graph, |e| e.weight);
        (graph, csr, expected[kind.as_str()].clone())
    }

    fn id(graph: &CoopGraph, v: u32) -> String {
        graph.graph[petgraph::graph::NodeIndex::new(v as usize)]
            .id
            .clone()
    }

    fn check(name: &str, kind: GraphKind) {
        let (graph, csr, expected) = projection(name, kind);
        let label = format!("{name}/{}", kind.as_str());
        // Burt's measures, weighted, against NetworkX.
        let measures = burt(&csr);
        let column = |get: fn(&coopgraph::analysis::brokerage::Burt) -> f64| {
            measures
                .iter()
                .enumerate()
                .map(|(v, m)| (id(&graph, v as u32), get(m)))
                .collect::<Vec<_>>()
        };
        assert_close(&label, &expected, "constraint", &column(|m| m.constraint));
        assert_close(
            &label,
            &expected,
            "effective_size",
            &column(|m| m.effective_size),
        );
        // k-core numbers.
        let cores: Vec<(String, f64)> = core_numbers(&csr)
            .into_iter()
            .enumerate()
            .map(|(v, c)| (id(&graph, v as u32), f64::from(c)))
            .collect();
        assert_close(&label, &expected, "core_number", &cores);
        // Cut points and bridges.
        let (cuts, bridges) = cut_points_and_bridges(&csr);
        let mut cut_ids: Vec<String> = cuts.iter().map(|c| id(&graph, c.node)).collect();
        cut_ids.sort();
        let want: Vec<String> = serde_json::from_value(expected["articulation_points"].clone())
            .expect("articulation points");
        assert_eq!(cut_ids, want, "{label}: cut points");
        let mut bridge_ids: Vec<Vec<String>> = bridges
            .iter()
            .map(|b| {
                let mut pair = vec![id(&graph, b.a), id(&graph, b.b)];
                pair.sort();
                pair
            })
            .collect();
        bridge_ids.sort();
        let want: Vec<Vec<String>> =
            serde_json::from_value(expected["bridges"].clone()).expect("bridges");
        assert_eq!(bridge_ids, want, "{label}: bridges");
        assert_eq!(
            components(&csr).len() as u64,
            expected["components"].as_u64().expect("components"),
            "{label}: components"
        );
        // Louvain: at least as good as NetworkX's Louvain, less a small margin (both are
        // heuristics), and its reported modularity is the modularity of its partition.
        let partition = louvain(&csr, 42);
        let reference = expected["louvain_modularity_networkx"]
            .as_f64()
            .expect("modularity");
        assert!(
            partition.modularity >= reference - 0.01,
            "{label}: Louvain modularity {} vs NetworkX {reference}",
            partition.modularity
        );
        assert!((modularity(&csr, &partition.community) - partition.modularity).abs() < 1e-12);
    }

    #[test]
    fn karate_structure() {
        check("karate", GraphKind::Bodies);
        // Modularity of the split into the two clubs, against NetworkX.
        let (graph, csr, expected) = projection("karate", GraphKind::Bodies);
        let community: Vec<u32> = graph
            .graph
            .node_weights()
            .map(|n| u32::from(n.group.as_deref() == Some("officer")))
            .collect();
        let want = expected["group_modularity"].as_f64().expect("modularity");
        assert!((modularity(&csr, &community) - want).abs() < 1e-9);
    }

    #[test]
    fn florentine_structure() {
        check("florentine", GraphKind::Bodies);
    }

    #[test]
    fn davis_structure() {
        check("davis", GraphKind::Bodies);
        check("davis", GraphKind::Mechanisms);
        // Weighted modularity of the two cliques of the original study.
        let (_, csr, expected) = projection("davis", GraphKind::Bodies);
        let community: Vec<u32> = (0..18).map(|v| u32::from(v >= 9)).collect();
        let want = expected["group_modularity"].as_f64().expect("modularity");
        assert!((modularity(&csr, &community) - want).abs() < 1e-9);
    }
}
