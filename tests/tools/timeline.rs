//! The Quad dataset's time in the exports, read back by NetworkX: the dynamic GEXF's spells on
//! every node and edge, and first/last dates in GraphML and node-link JSON, against the model's
//! own presence (`model::view::Presence`).

use crate::common::{root, run_on};
use crate::need::Tool;
use crate::Check;
use coopgraph::model::view::Presence;
use std::collections::BTreeMap;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![Check {
        name: "timeline::dynamic_gexf_and_dated_exports_read_back_in_networkx",
        needs: &[Tool::NetworkX],
        run: dynamic_exports_read_back,
    }]
}

/// Prints {"gexf": {node: [[start, end], …]}, "edges": {"a|b": [[start, end], …]},
/// "graphml": {node: [first, last]}, "json": {node: [first, last]}, "mode": the GEXF's mode}.
const READ_BACK: &str = r#"
import json, sys
import networkx as nx
folder = sys.argv[1]
gexf = nx.read_gexf(folder + "/network.gexf", version="1.3")
graphml = nx.read_graphml(folder + "/network.graphml")
linked = nx.node_link_graph(json.load(open(folder + "/network.json", encoding="utf-8")), edges="edges")
dates = lambda g: {n: [d.get("first_seen"), d.get("last_seen")] for n, d in g.nodes(data=True)}
json.dump({
    "mode": gexf.graph.get("mode"),
    "gexf": {n: d.get("spells", []) for n, d in gexf.nodes(data=True)},
    "edges": {"|".join(sorted((a, b))): d.get("spells", []) for a, b, d in gexf.edges(data=True)},
    "graphml": dates(graphml),
    "json": dates(linked),
}, sys.stdout)
"#;

type Spells = Vec<(String, String)>;

fn dynamic_exports_read_back() {
    let quad = root().join("data/quad-2021-2023.json");
    let temp = tempfile::tempdir().expect("temp");
    for (format, file) in [
        ("gexf", "network.gexf"),
        ("graphml", "network.graphml"),
        ("json", "network.json"),
    ] {
        let target = temp.path().join(file);
        let (code, _, stderr) = run_on(
            &quad,
            &[
                "export",
                "--format",
                format,
                "-o",
                &target.to_string_lossy(),
            ],
        );
        assert_eq!(code, 0, "{format}: {stderr}");
    }
    let output = std::process::Command::new("python3")
        .args(["-c", READ_BACK])
        .arg(temp.path())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    #[derive(serde::Deserialize)]
    struct ReadBack {
        mode: String,
        gexf: BTreeMap<String, Spells>,
        edges: BTreeMap<String, Spells>,
        graphml: BTreeMap<String, (Option<String>, Option<String>)>,
        json: BTreeMap<String, (Option<String>, Option<String>)>,
    }
    let read: ReadBack = serde_json::from_slice(&output.stdout).expect("JSON from python");
    assert_eq!(read.mode, "dynamic");
    let dataset = coopgraph::ingest::json::read(&quad).expect("dataset");
    let presence = Presence::of(&dataset);
    let ids = dataset
        .bodies
        .iter()
        .map(|b| &b.id)
        .chain(dataset.forums.iter().map(|f| &f.id))
        .chain(dataset.mechanisms.iter().map(|m| &m.id));
    let mut checked = 0;
    for id in ids {
        let dates = presence.dates(id);
        let expected: Spells = presence
            .spells(&dates)
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert!(!expected.is_empty(), "{id} is named by some statement");
        assert_eq!(read.gexf[id], expected, "GEXF spells of {id}");
        let first_last = (
            dates.first().map(ToString::to_string),
            dates.last().map(ToString::to_string),
        );
        assert_eq!(read.graphml[id], first_last, "GraphML dates of {id}");
        assert_eq!(read.json[id], first_last, "JSON dates of {id}");
        checked += 1;
    }
    assert_eq!(checked, read.gexf.len(), "every node was checked");
    // Every edge has spells, each inside both its ends' spells' range.
    for (pair, spells) in &read.edges {
        assert!(!spells.is_empty(), "edge {pair} has no spell");
        let (a, b) = pair.split_once('|').expect("pair");
        for (start, end) in spells {
            for end_node in [a, b] {
                let node = &read.gexf[end_node];
                assert!(
                    node.iter().any(|(s, e)| s <= start && end <= e),
                    "edge {pair} spell {start}..{end} outside {end_node}'s {node:?}"
                );
            }
        }
    }
}
