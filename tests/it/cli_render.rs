//! `render`: DOT golden files and round trip, SVG/PNG through Graphviz, themes, the missing-
//! Graphviz message, escaping of hostile names, and the HTML view in headless Chromium.

use crate::common::{coopgraph, fixture, run, run_on};

fn dot_of(args: &[&str]) -> String {
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend(["--format", "dot", "-o", "-"]);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn dot_golden_files() {
    insta::assert_snapshot!("render_network_dot", dot_of(&["network"]));
    insta::assert_snapshot!("render_org_dot", dot_of(&["org"]));
    insta::assert_snapshot!("render_path_dot", dot_of(&["path:MLIT:India", "--only"]));
}

#[test]
fn every_view_gives_dot_that_parses_back() {
    for view in [
        "network",
        "bodies",
        "mechanisms",
        "org",
        "area:disaster",
        "area:5",
        "ego:MLIT",
        "ego:mofa:2",
        "ego:Shipping Policy Forum",
        "path:MLIT:India",
    ] {
        for theme in ["light", "dark", "slide"] {
            let dot = dot_of(&[view, "--theme", theme]);
            if let Err(err) = graphviz_rust::parse(&dot) {
                panic!("{view} {theme}: DOT does not parse: {err}");
            }
            // dot draws the country clusters; the slide theme's sfdp lays out without them, and
            // the org chart draws trees (its columns are ranks in every theme).
            let clustered = dot.contains("cluster_group_0_japan");
            assert_eq!(
                clustered,
                theme != "slide" && view != "org" && dot.contains("class=\"body"),
                "{view} {theme}"
            );
            if view == "org" {
                assert!(dot.contains("layout=\"dot\"") && dot.contains("class=\"tie\""));
            }
        }
    }
    let ego = dot_of(&["ego:MLIT", "--only"]);
    assert!(!ego.contains("Indian Navy"), "--only drops the rest");
    let top = dot_of(&["network", "--top", "5"]);
    assert!(top.matches("class=\"body\"").count() <= 5);
}

#[test]
fn bad_views_are_usage_errors() {
    for (view, message) in [
        ("networks", "unknown view 'networks'"),
        ("ego:MLIT:x", "is not a depth"),
        ("area:nowhere", "no area 'nowhere'"),
        ("path:MOD:India", "'MOD' is ambiguous"),
    ] {
        let (code, _, stderr) = run(&["render", view, "--format", "dot", "-o", "-"]);
        assert_eq!(code, 2, "{view}: {stderr}");
        assert!(stderr.contains(message), "{view}: {stderr}");
    }
}

#[test]
fn hostile_names_stay_text_in_dot() {
    let data = fixture("render/hostile.json");
    let (code, dot, stderr) = run_on(&data, &["render", "network", "--format", "dot", "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    let parsed = graphviz_rust::parse(&dot).expect("hostile DOT parses");
    // No node beyond the synthetic ones: the "n9 [label=x" in a name injected nothing.
    let text = graphviz_rust::printer::DotPrinter::print(
        &parsed,
        &mut graphviz_rust::printer::PrinterContext::default(),
    );
    assert!(!text.contains("\n  n9[label=x"), "{text}");
    assert!(
        dot.contains(r#"label="Quote \" backslash\n\\ brace } ]; n9\n[label=x""#),
        "{dot}"
    );
}

#[test]
fn missing_graphviz_still_writes_the_dot_file_and_says_how_to_install() {
    let temp = tempfile::tempdir().expect("temp");
    let target = temp.path().join("net.svg");
    let output = coopgraph()
        .env("COOPGRAPH_DOT", "/nonexistent/dot")
        .args(["render", "network", "--format", "svg", "-o"])
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("sudo apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("brew install graphviz"), "{stderr}");
    assert!(!target.exists());
    let dot = std::fs::read_to_string(temp.path().join("net.dot")).expect("DOT written");
    assert!(dot.starts_with("graph coopgraph"));
}
