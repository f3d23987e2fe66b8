//! `report`: the committed bundle is fresh; the exports load in NetworkX; the Cypher script is
//! idempotent statement by statement; the briefing's numbers are the analyses' numbers; the
//! bundle is written whole or not at all, with or without Graphviz.

use crate::common::{coopgraph, root, run};
use crate::tools;
use coopgraph::analysis::centrality::{compute, Measure, Options};
use coopgraph::analysis::overlap::channels;
use coopgraph::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use coopgraph::ingest::json::read;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn files(folder: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(base)
                        .expect("prefix")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(folder, folder, &mut out);
    out
}

/// File contents with what legitimately varies with the Graphviz version taken out: the inline
/// SVG of index.html and the measured 16:9 padding of slide DOT files.
fn comparable(name: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if name == "index.html" {
        if let (Some(start), Some(end)) = (text.find("<svg"), text.find("</svg>")) {
            return format!("{}{}", &text[..start], &text[end..]);
        }
    }
    if name.ends_with(".dot") {
        return text
            .split(' ')
            .filter(|word| !word.starts_with("pad="))
            .collect::<Vec<_>>()
            .join(" ");
    }
    text
}

fn generate(out: &Path, env: Option<(&str, &str)>) -> (i32, String, String) {
    let mut command = coopgraph();
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    let output = command
        .args(["report", "--out"])
        .arg(out)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_committed_bundle_is_fresh() {
    if !tools::graphviz() {
        return;
    }
    let temp = tempfile::tempdir().expect("temp");
    let fresh = temp.path().join("out");
    let (code, stdout, stderr) = generate(&fresh, None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("index.html"), "{stdout}");
    let committed = root().join("out");
    let (want, got) = (files(&committed), files(&fresh));
    assert_eq!(
        want, got,
        "the set of files differs: run `cargo run --release -- report` and commit out/"
    );
    for name in &want {
        if name.ends_with(".svg") || name.ends_with(".png") {
            continue; // bytes vary with the Graphviz version
        }
        let a = std::fs::read(committed.join(name)).expect("committed");
        let b = std::fs::read(fresh.join(name)).expect("fresh");
        assert!(
            comparable(name, &a) == comparable(name, &b),
            "out/{name} is stale: run `cargo run --release -- report` and commit out/"
        );
    }
}

#[test]
fn without_graphviz_the_report_writes_everything_else_and_says_so() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("bundle");
    let (code, stdout, stderr) = generate(&out, Some(("COOPGRAPH_DOT", "/nonexistent/dot")));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("DOT only"), "{stdout}");
    assert!(stdout.contains("sudo apt-get install graphviz"), "{stdout}");
    let written = files(&out);
    assert!(written.contains("diagrams/network.dot"));
    assert!(!written
        .iter()
        .any(|f| f.ends_with(".svg") || f.ends_with(".png")));
    for needed in [
        "briefing.md",
        "index.html",
        "tables/centrality-network.csv",
        "exports/network.graphml",
    ] {
        assert!(written.contains(needed), "{needed} missing");
    }
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains("The interactive diagram needs Graphviz"));
}

#[test]
fn a_failed_report_leaves_no_partial_bundle() {
    let temp = tempfile::tempdir().expect("temp");
    let blocker = temp.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("write");
    let (code, _, stderr) = generate(
        &blocker.join("out"),
        Some(("COOPGRAPH_DOT", "/nonexistent/dot")),
    );
    assert_eq!(code, 1, "{stderr}");
    let leftovers: Vec<_> = std::fs::read_dir(temp.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

fn bundle() -> PathBuf {
    root().join("out")
}

#[test]
fn exports_load_in_networkx() {
    if !tools::available(
        "python3",
        &["-c", "import networkx"],
        "reading the exports with NetworkX",
    ) {
        return;
    }
    let exports = bundle().join("exports");
    let script = r#"
import json, sys
import networkx as nx
folder = sys.argv[1]
graphs = {
    "graphml": nx.read_graphml(folder + "/network.graphml"),
    "gexf": nx.read_gexf(folder + "/network.gexf", version="1.3"),
    "json": nx.node_link_graph(json.load(open(folder + "/network.json")), edges="edges"),
}
for name, g in graphs.items():
    mlit = g.nodes["mlit"]
    label = mlit.get("label")
    betweenness = float(mlit["betweenness"])
    kinds = sorted({d.get("kind") for _, d in g.nodes(data=True)})
    edge_kinds = sorted({d.get("kind") for _, _, d in g.edges(data=True)})
    print(name, g.number_of_nodes(), g.number_of_edges(), label, type(mlit["betweenness"]).__name__, round(betweenness, 6), ",".join(kinds), ",".join(edge_kinds))
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&exports)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let dataset = read(&root().join("data/japan-india-2009.json")).expect("dataset");
    let network = build_graph(
        &dataset,
        GraphKind::Network,
        BuildOptions { hierarchy: true },
    );
    let plain = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
    let mlit = compute(&plain, &[Measure::Betweenness], &Options::default())
        .scores
        .into_iter()
        .find(|s| s.id == "mlit")
        .and_then(|s| s.betweenness)
        .expect("mlit");
    for name in ["graphml", "gexf", "json"] {
        let line = stdout.lines().find(|l| l.starts_with(name)).expect("line");
        let expected = format!(
            "{name} {} {} MLIT float {} body,forum,mechanism member,part-of,participates,via",
            network.node_count(),
            network.edge_count(),
            (mlit * 1e6).round() / 1e6
        );
        assert_eq!(line, expected);
    }
}

#[test]
fn cypher_script_statement_by_statement() {
    let script = std::fs::read_to_string(bundle().join("exports/network.cypher")).expect("cypher");
    let dataset = read(&root().join("data/japan-india-2009.json")).expect("dataset");
    let network = build_graph(
        &dataset,
        GraphKind::Network,
        BuildOptions { hierarchy: true },
    );
    let statements: Vec<&str> = script.lines().filter(|l| !l.starts_with("//")).collect();
    let mut seen = BTreeSet::new();
    let (mut nodes, mut relationships) = (0, 0);
    for statement in &statements {
        assert!(statement.ends_with(';'), "unterminated: {statement}");
        assert!(seen.insert(*statement), "repeated: {statement}");
        if statement.starts_with("MERGE (n:") {
            nodes += 1;
            assert!(statement.contains("{id: '"), "{statement}");
        } else if statement.starts_with("MATCH (a:") {
            relationships += 1;
            assert!(statement.contains(") MERGE (a)-[r:"), "{statement}");
        } else {
            assert!(
                statement.starts_with("CREATE CONSTRAINT") && statement.contains("IF NOT EXISTS"),
                "{statement}"
            );
        }
    }
    assert_eq!(nodes, network.node_count());
    assert_eq!(relationships, network.edge_count());
    for label in ["Body", "Mechanism", "Forum"] {
        assert!(
            script.contains(&format!("MERGE (n:{label} {{id: ")),
            "{label}"
        );
    }
    // Quotes in values are escaped: the one apostrophe-bearing clause survives intact.
    assert!(script.contains(r"Japan\'s nationwide disaster management drill"));
}

#[test]
fn briefing_numbers_are_the_analyses_numbers() {
    let briefing = std::fs::read_to_string(bundle().join("briefing.md")).expect("briefing");
    let dataset = read(&root().join("data/japan-india-2009.json")).expect("dataset");
    // The counts.
    assert!(briefing.contains(&format!(
        "The plan ties {} bodies (28 of Japan and 25 of India) through {} mechanisms, {} of them citing their clause, with {} multilateral forums.",
        dataset.bodies.len(),
        dataset.mechanisms.len(),
        dataset.mechanisms.iter().filter(|m| m.source.is_some()).count(),
        dataset.forums.len()
    )));
    // The most central bodies, in the order of the centrality analysis.
    let network = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
    let mut bodies: Vec<_> = compute(&network, &[Measure::Betweenness], &Options::default())
        .scores
        .into_iter()
        .filter(|s| s.kind == NodeKind::Body)
        .collect();
    bodies.sort_by(|a, b| {
        b.betweenness
            .unwrap_or(0.0)
            .total_cmp(&a.betweenness.unwrap_or(0.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (rank, scores) in bodies.iter().take(5).enumerate() {
        let line = format!("{}. **{}** ", rank + 1, scores.name);
        assert!(briefing.contains(&line), "missing `{line}`");
        assert!(briefing.contains(&format!(
            "betweenness {:.4}",
            scores.betweenness.unwrap_or(0.0)
        )));
    }
    // The redundant channels, with their sizes.
    let found = channels(&dataset, 1.0);
    assert!(found[0].mechanisms.len() == 7 && found[0].bodies == vec!["mofa", "mea"]);
    assert!(briefing.contains("- 7 separate mechanisms tie exactly MOFA and MEA: "));
    assert_eq!(
        briefing.matches("separate mechanisms tie exactly").count(),
        found.len()
    );
    // The areas, as many mechanisms as the dataset has in each.
    assert!(briefing.contains("- 3 Defence Cooperation: 16 mechanisms."));
    // Sources.
    assert!(briefing.contains("All 49 mechanisms cite a clause of the source"));
    let (code, _, _) = run(&["validate", "--strict"]);
    assert_eq!(code, 0);
}
