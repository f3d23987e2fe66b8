//! The committed bundle is fresh (needs Graphviz); the exports load in NetworkX.

use crate::common::{files, generate, root};
use crate::need::Tool;
use crate::Check;
use coopgraph::analysis::centrality::{compute, Measure, Options};
use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
use coopgraph::ingest::json::read;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "report::the_committed_bundle_is_fresh",
            needs: &[Tool::Graphviz, Tool::LibreOffice],
            run: the_committed_bundle_is_fresh,
        },
        Check {
            name: "report::without_graphviz_the_committed_bundle_stays_as_it_is",
            needs: &[],
            run: without_graphviz_the_committed_bundle_stays_as_it_is,
        },
        Check {
            name: "report::a_2000_node_dataset_gets_every_diagram_drawn_readable_and_tied",
            needs: &[Tool::Graphviz],
            run: a_2000_node_dataset_gets_every_diagram_drawn_readable_and_tied,
        },
        Check {
            name: "report::exports_load_in_networkx",
            needs: &[Tool::NetworkX],
            run: exports_load_in_networkx,
        },
    ]
}

/// File contents with what legitimately varies with the Graphviz version taken out: the inline
/// SVGs of index.html (one per view) and the measured 16:9 padding of slide DOT files.
fn comparable(name: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if name == "index.html" {
        let mut kept = String::new();
        let mut rest = text.as_str();
        while let (Some(start), Some(end)) = (rest.find("<svg"), rest.find("</svg>")) {
            kept.push_str(&rest[..start]);
            rest = &rest[end + "</svg>".len()..];
        }
        kept.push_str(rest);
        return kept;
    }
    if name == ".coopgraph-bundle.json" {
        // The marker's hashes cover the pictures and the page, which vary as above.
        let mut marker: serde_json::Value = serde_json::from_str(&text).expect("marker");
        if let Some(map) = marker.as_object_mut() {
            map.remove("sha256");
        }
        return marker.to_string();
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

fn the_committed_bundle_is_fresh() {
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
        // Bytes vary with the Graphviz version (the layouts, and the deck's shapes drawn at
        // their positions) and LibreOffice's (the PDF); tests/tools/deck.rs reads them back.
        let laid_out = [".svg", ".png", ".json", ".pptx", ".pdf"];
        if laid_out.iter().any(|ext| name.ends_with(ext)) && !name.starts_with("exports/") {
            continue;
        }
        let a = std::fs::read(committed.join(name)).expect("committed");
        let b = std::fs::read(fresh.join(name)).expect("fresh");
        assert!(
            comparable(name, &a) == comparable(name, &b),
            "out/{name} is stale: run `cargo run --release -- report` and commit out/"
        );
    }
}

/// A first `report` on a machine without Graphviz keeps every committed picture (their DOT is
/// unchanged), so `git status` stays clean: run on a copy of `out/`, every byte must match.
fn without_graphviz_the_committed_bundle_stays_as_it_is() {
    let temp = tempfile::tempdir().expect("temp");
    let copy = temp.path().join("out");
    let committed = root().join("out");
    for name in files(&committed) {
        let target = copy.join(&name);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(committed.join(&name), &target).expect("copy");
    }
    let (code, stdout, stderr) = generate(&copy, Some(("COOPGRAPH_DOT", "/nonexistent/dot")));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("could not draw"), "{stdout}");
    assert_eq!(files(&committed), files(&copy), "{stdout}");
    for name in files(&committed) {
        let a = std::fs::read(committed.join(&name)).expect("committed");
        let b = std::fs::read(copy.join(&name)).expect("fresh");
        assert!(
            a == b,
            "out/{name} changed without Graphviz: run `cargo run --release -- report` (with Graphviz) and commit out/"
        );
    }
}

fn exports_load_in_networkx() {
    let exports = root().join("out/exports");
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

/// On a generated dataset of 2,000 nodes (1,300 bodies, 690 mechanisms, 10 forums) every diagram
/// of the report is drawn — DOT, SVG and PNG, none left as DOT only — each view too large to
/// read says in its subtitle that it shows the most central part, every diagram (slides
/// included) passes the readability measures, every body drawn outside the org chart has a
/// drawn tie, and the briefing and page stay small. (No time is asserted: speed lives in
/// `bench/compare`.)
fn a_2000_node_dataset_gets_every_diagram_drawn_readable_and_tied() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("generated.json");
    let generated = crate::common::run(&[
        "generate",
        "--bodies",
        "1300",
        "--mechanisms",
        "690",
        "--forums",
        "10",
        "-o",
        &data.to_string_lossy(),
    ]);
    assert_eq!(generated.0, 0, "{}", generated.2);
    let out = temp.path().join("out");
    let (code, stdout, stderr) =
        crate::common::run_on(&data, &["report", "--out", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("DOT only"), "{stdout}");
    let all = files(&out);
    let diagrams: Vec<&String> = all
        .iter()
        .filter(|f| f.starts_with("diagrams/") && f.ends_with(".dot"))
        .collect();
    assert!(diagrams.len() >= 12, "only {} diagrams", diagrams.len());
    for dot in &diagrams {
        let stem = dot.trim_end_matches(".dot");
        // The deck's own cuts are kept as Graphviz's layout, which the slides are drawn from.
        let pictures: &[&str] = if stem.ends_with("-deck") {
            &["json"]
        } else {
            &["svg", "png"]
        };
        for extension in pictures {
            let picture = out.join(format!("{stem}.{extension}"));
            let size = std::fs::metadata(&picture).map_or(0, |m| m.len());
            assert!(size > 1000, "{stem}.{extension} is missing or empty");
        }
    }
    // Every whole view (network, bodies, mechanisms, org and their slides) is cut, and says so.
    for name in ["network", "bodies", "mechanisms", "org", "network-slide"] {
        let dot = std::fs::read_to_string(out.join(format!("diagrams/{name}.dot"))).expect("dot");
        assert!(
            dot.contains(" most central of "),
            "{name} does not say it is cut"
        );
    }
    crate::readability::diagrams_pass(&out, &data);
    for dot in &diagrams {
        let text = std::fs::read_to_string(out.join(dot)).expect("dot");
        // The org chart's trees hold bodies by hierarchy lines alone (a parent kept above a
        // drawn body); every other view draws a body only with a tie.
        if !dot.starts_with("diagrams/org") {
            let floating = untied_bodies(&text);
            assert!(
                floating.is_empty(),
                "{dot}: bodies with no line: {floating:?}"
            );
        }
    }
    let size = |name: &str| std::fs::metadata(out.join(name)).map_or(0, |m| m.len());
    assert!(
        size("briefing.md") < 20_000,
        "briefing of {} bytes",
        size("briefing.md")
    );
    assert!(
        size("index.html") < 3_000_000,
        "page of {} bytes",
        size("index.html")
    );
}

/// The DOT ids of the bodies (`class="body"`) that no line other than a hierarchy line
/// (`edge-part-of`) touches.
fn untied_bodies(dot: &str) -> Vec<String> {
    let mut bodies = std::collections::BTreeSet::new();
    let mut tied = std::collections::BTreeSet::new();
    for line in dot.lines().map(str::trim) {
        let id = line.split(['[', ' ']).next().unwrap_or("");
        if line.contains("class=\"body\"") && !line.contains(" -- ") {
            bodies.insert(id.to_string());
        }
        if let Some((a, rest)) = line.split_once(" -- ") {
            let b = rest.split(['[', ' ']).next().unwrap_or("");
            if line.contains("class=\"edge-") && !line.contains("class=\"edge-part-of\"") {
                tied.insert(a.to_string());
                tied.insert(b.to_string());
            }
        }
    }
    bodies.difference(&tied).cloned().collect()
}
