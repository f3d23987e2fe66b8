//! Centrality against published graphs, with values computed independently by NetworkX
//! (tests/reference/PROVENANCE.md).

use crate::common::root;
use coopgraph::analysis::centrality::{compute, Measure, Options, Scores};
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
