//! `report`: the committed bundle is fresh; the exports load in NetworkX; the Cypher script is
//! idempotent statement by statement; the briefing's numbers are the analyses' numbers; the
//! bundle is written whole or not at all, with or without Graphviz.

use crate::common::{coopgraph, files, generate, root, run, succeed};
use coopgraph::analysis::centrality::{compute, Measure, Options};
use coopgraph::analysis::overlap::channels;
use coopgraph::graph::{build_graph, BuildOptions, GraphKind, NodeKind};
use coopgraph::ingest::json::read;
use std::collections::BTreeSet;
use std::path::PathBuf;

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
        dataset.mechanisms.iter().filter(|m| m.source().is_some()).count(),
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

/// A report whose Graphviz fails says "Graphviz failed on …" with the reason, not "install
/// Graphviz": a stand-in `dot` that always fails.
#[cfg(unix)]
#[test]
fn a_failing_graphviz_is_reported_as_failing() {
    let temp = tempfile::tempdir().expect("temp");
    let fake = temp.path().join("dot");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n",
    )
    .expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = temp.path().join("out");
    let stdout = succeed(
        coopgraph()
            .env("COOPGRAPH_DOT", &fake)
            .args(["report", "--out"])
            .arg(&out),
    );
    assert!(stdout.contains("Graphviz failed on"), "{stdout}");
    assert!(stdout.contains("syntax error in line 1"), "{stdout}");
    assert!(!stdout.contains("install Graphviz"), "{stdout}");
}
