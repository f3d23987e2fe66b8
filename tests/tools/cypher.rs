//! The Cypher export in a real Cypher engine: graphqlite (SQLite) runs every statement twice
//! with the same result, and its one-hop answer equals `coopgraph path --max-hops 1`.
//!
//! Why `path FROM India --max-hops 1 --no-hierarchy` maps one-to-one onto a Cypher pattern: one
//! hop of `path` joins two bodies that take part in the same mechanism or are both listed
//! members of the same forum, which in the export is
//! `(a:Body)-[:PARTICIPATES]->(:Mechanism)<-[:PARTICIPATES]-(b:Body)` or
//! `(a:Body)-[:MEMBER]-(:Forum)-[:MEMBER]-(b:Body)`; `--no-hierarchy` leaves out the
//! `PART_OF` steps, which `path` would otherwise count as hops of their own.

use crate::common::readers::cypher_kept;
use crate::common::{fixture, root, run_on};
use crate::need::{Tool, GRAPHQLITE_PYTHON};
use crate::Check;
use coopgraph::export::model::{export_graph, Value};
use coopgraph::ingest::json::read;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "cypher::bundled_export_runs_twice_in_graphqlite_with_the_same_counts",
            needs: &[Tool::Graphqlite],
            run: bundled_export_runs_twice,
        },
        Check {
            name: "cypher::one_hop_in_graphqlite_equals_coopgraph_path",
            needs: &[Tool::Graphqlite],
            run: one_hop_equals_path,
        },
        Check {
            name: "cypher::hostile_names_survive_graphqlite",
            needs: &[Tool::Graphqlite],
            run: hostile_names_survive,
        },
    ]
}

/// What `graphqlite_run.py` reports.
#[derive(serde::Deserialize)]
struct Run {
    statements: usize,
    rounds: Vec<Counts>,
    names: BTreeMap<String, Option<String>>,
    one_hop: BTreeMap<String, Vec<(String, String)>>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Counts {
    nodes: BTreeMap<String, usize>,
    relationships: BTreeMap<String, usize>,
}

/// Exports `data` as Cypher and runs it in graphqlite; one-hop answers towards `group` from
/// each of `sources`.
fn graphqlite(data: &Path, group: &str, sources: &[String]) -> Run {
    let temp = tempfile::tempdir().expect("temp");
    let script = temp.path().join("network.cypher");
    let (code, _, stderr) = run_on(
        data,
        &[
            "export",
            "--format",
            "cypher",
            "-o",
            &script.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let output = std::process::Command::new(GRAPHQLITE_PYTHON)
        .arg(root().join("tests/tools/graphqlite_run.py"))
        .arg(&script)
        .arg(group)
        .args(sources)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "graphqlite refused the export: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the runner's JSON")
}

/// Node counts by label and relationship counts by type, as the export should give them.
fn expected_counts(data: &Path) -> Counts {
    let graph = export_graph(&read(data).expect("dataset"));
    let mut nodes = BTreeMap::new();
    for node in &graph.nodes {
        let label = match node.text("kind") {
            Some("mechanism") => "Mechanism",
            Some("forum") => "Forum",
            _ => "Body",
        };
        *nodes.entry(label.to_string()).or_default() += 1;
    }
    let mut relationships = BTreeMap::new();
    for edge in &graph.edges {
        let kind = edge
            .attributes
            .iter()
            .find_map(|(name, value)| match value {
                Value::Text(t) if *name == "kind" => Some(t.to_uppercase().replace('-', "_")),
                _ => None,
            })
            .expect("edge kind");
        *relationships.entry(kind).or_default() += 1;
    }
    Counts {
        nodes,
        relationships,
    }
}

fn bundled_export_runs_twice() {
    let data = root().join("data/japan-india-2009.json");
    let run = graphqlite(&data, "india", &[]);
    assert!(run.statements > 200, "{} statements", run.statements);
    let expected = expected_counts(&data);
    assert_eq!(run.rounds[0], expected, "first run");
    assert_eq!(
        run.rounds[1], expected,
        "running the script again changed the graph"
    );
    let dataset = read(&data).expect("dataset");
    assert_eq!(
        run.names.get("mlit").cloned().flatten().as_deref(),
        dataset
            .bodies
            .iter()
            .find(|b| b.id == "mlit")
            .map(|b| b.name.as_str())
    );
}

/// `coopgraph path FROM India --max-hops 1 --no-hierarchy` as (reached body, carrier) pairs.
fn path_one_hop(data: &Path, from: &str) -> Vec<(String, String)> {
    let (code, stdout, stderr) = run_on(
        data,
        &[
            "path",
            from,
            "India",
            "--max-hops",
            "1",
            "--no-hierarchy",
            "--limit",
            "100000",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{from}: {stderr}");
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("path JSON");
    let mut pairs = BTreeSet::new();
    for path in answer["paths"].as_array().expect("paths") {
        let hops = path["hops"].as_array().expect("hops");
        assert_eq!(hops.len(), 1, "{from}: a longer path with --max-hops 1");
        let hop = &hops[0];
        let to = hop["to"].as_str().expect("to").to_string();
        let mut carriers = vec![hop["via"]["id"].as_str().expect("via id").to_string()];
        for also in hop["also"].as_array().expect("also") {
            carriers.push(also.as_str().expect("id").to_string());
        }
        for carrier in carriers {
            pairs.insert((to.clone(), carrier));
        }
    }
    assert_eq!(answer["truncated"], false, "{from}");
    pairs.into_iter().collect()
}

fn one_hop_equals_path() {
    let data = root().join("data/japan-india-2009.json");
    let dataset = read(&data).expect("dataset");
    let japan: Vec<String> = dataset
        .bodies
        .iter()
        .filter(|b| b.group == "japan")
        .map(|b| b.id.clone())
        .collect();
    let run = graphqlite(&data, "india", &japan);
    let mut compared = 0;
    for body in &japan {
        let cypher = run.one_hop.get(body).cloned().unwrap_or_default();
        assert_eq!(cypher, path_one_hop(&data, body), "{body} → India, one hop");
        compared += cypher.len();
    }
    // MLIT → India, the example of docs/guide.md: MHA, the Ministry of Shipping and the private sector.
    let mlit: BTreeSet<&str> = run.one_hop["mlit"]
        .iter()
        .map(|(b, _)| b.as_str())
        .collect();
    assert_eq!(
        mlit,
        BTreeSet::from(["mha", "ministry-of-shipping", "private-sector-india"])
    );
    assert!(compared > 50, "only {compared} ties compared");
}

fn hostile_names_survive() {
    let data = fixture("hostile/names.json");
    let dataset = read(&data).expect("dataset");
    let run = graphqlite(&data, "south", &["mod-north".into(), "space-north".into()]);
    let expected = expected_counts(&data);
    assert_eq!(run.rounds[0], expected);
    assert_eq!(run.rounds[1], expected);
    // Cypher strings carry every name.
    let cypher = cypher_kept;
    for body in &dataset.bodies {
        assert_eq!(
            run.names.get(&body.id).cloned().flatten(),
            Some(cypher(&body.name)),
            "{:?}",
            body.id
        );
    }
    for mechanism in &dataset.mechanisms {
        assert_eq!(
            run.names.get(&mechanism.id).cloned().flatten(),
            Some(cypher(&mechanism.name))
        );
    }
    assert_eq!(
        run.one_hop["mod-north"],
        vec![("mod-south".to_string(), "defence-dialogue".to_string())]
    );
}
