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

/// A network larger than `render` draws whole: 2,500 bodies, one mechanism of all of them.
fn giant_dataset(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("giant.json");
    let (code, _, stderr) = run(&[
        "generate",
        "--bodies",
        "2500",
        "--mechanisms",
        "800",
        "--giant-mechanism",
        "2500",
        "-o",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    path
}

#[test]
fn views_too_large_to_lay_out_are_cut_and_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = giant_dataset(dir.path());
    // The ego network of a body in the giant mechanism is every body: cut to the most central,
    // with how many more the picture leaves out.
    let (code, dot, stderr) = run_on(&data, &["render", "ego:b0", "--format", "dot", "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    let dot = dot.replace("<BR/>", " ");
    assert!(stderr.contains("drew its most central part"), "{stderr}");
    assert!(
        dot.contains("the 60 most central of 2,500 bodies")
            && dot.contains("and 2,440 more in the selection, not drawn"),
        "{dot}"
    );
    let nodes = dot.matches("[id=\"n").count();
    assert!(nodes <= 110, "{nodes} nodes");
    // The org chart is cut instead of refused; the giant mechanism is one hub, not 1,770 pairs.
    let (code, dot, stderr) = run_on(&data, &["render", "org", "--format", "dot", "-o", "-"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dot.contains("a line to each, not one per pair"), "{dot}");
    assert!(dot.contains("Giant mechanism"), "{dot}");
    let ties = dot.matches("class=\"tie\"").count();
    assert!(ties <= 200, "{ties} tie labels");
    // With --top the user chooses: no cut note, the hub still drawn.
    let (code, dot, stderr) = run_on(
        &data,
        &["render", "org", "--top", "30", "--format", "dot", "-o", "-"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("drew its most central part"), "{stderr}");
    assert!(dot.matches("class=\"edge-hub\"").count() >= 30, "{dot}");
}

/// Without `--format`, the output file's extension chooses the format (DOT needs no Graphviz);
/// a `--format` that contradicts it is refused before anything is written.
#[test]
fn the_output_extension_chooses_the_format_and_a_contradiction_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let gv = dir.path().join("org.gv");
    let (code, _, stderr) = run(&["render", "org", "-o", &gv.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let dot = std::fs::read_to_string(&gv).expect("written");
    assert!(dot.starts_with("graph coopgraph {"), "{dot:.60}");

    let png = dir.path().join("org.png");
    let (code, _, stderr) = run(&[
        "render",
        "org",
        "--format",
        "svg",
        "-o",
        &png.to_string_lossy(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--format svg but -o"), "{stderr}");
    assert!(stderr.contains(".png file (PNG)"), "{stderr}");
    assert!(!png.exists(), "nothing is written on a usage error");
}
