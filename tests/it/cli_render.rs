//! `render`: DOT golden files and round trip, SVG/PNG through Graphviz, themes, the missing-
//! Graphviz message, escaping of hostile names, and the HTML view in headless Chromium.

use crate::common::{coopgraph, fixture, run, run_on};
use crate::tools;
use std::path::Path;

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
            // dot draws the country clusters; the slide theme's sfdp lays out without them.
            let clustered = dot.contains("cluster_group_0_japan");
            assert_eq!(
                clustered,
                theme != "slide" && dot.contains("class=\"body"),
                "{view} {theme}"
            );
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

fn render_to(data: Option<&Path>, args: &[&str], file: &Path) {
    let mut command = coopgraph();
    if let Some(data) = data {
        command.arg("--data").arg(data);
    }
    let output = command
        .arg("render")
        .args(args)
        .arg("-o")
        .arg(file)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(err) => panic!(
                "SVG is not well-formed at {}: {err}",
                reader.buffer_position()
            ),
        }
    }
}

#[test]
fn svg_and_png_through_graphviz() {
    if !tools::graphviz() {
        return;
    }
    let temp = tempfile::tempdir().expect("temp");
    let svg_path = temp.path().join("network.svg");
    render_to(None, &["network", "--format", "svg"], &svg_path);
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    well_formed(&svg);
    assert!(svg.contains("cluster_group_0_japan") && svg.contains("cluster_group_1_india"));
    assert!(svg.contains("size: degree"), "legend in the diagram");
    assert!(svg.contains("Who cooperates with whom"));
    // The slide theme is 16:9 at 1920×1080.
    let png = temp.path().join("slide.png");
    render_to(
        None,
        &["network", "--format", "png", "--theme", "slide"],
        &png,
    );
    let bytes = std::fs::read(&png).expect("png");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("width"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("height"));
    assert!(
        (1915..=1925).contains(&width) && height == 1080,
        "{width}×{height}"
    );
    // Same input, same bytes.
    let again = temp.path().join("slide2.png");
    render_to(
        None,
        &["network", "--format", "png", "--theme", "slide"],
        &again,
    );
    assert_eq!(std::fs::read(&again).expect("png"), bytes);
}

#[test]
fn japanese_and_hostile_labels_survive_into_svg() {
    if !tools::graphviz() {
        return;
    }
    let temp = tempfile::tempdir().expect("temp");
    let svg_path = temp.path().join("jp.svg");
    render_to(
        Some(&fixture("render/japanese.json")),
        &["network", "--format", "svg"],
        &svg_path,
    );
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    well_formed(&svg);
    assert!(svg.contains("国土交通省"), "Japanese label rendered");
    let hostile = temp.path().join("hostile.svg");
    render_to(
        Some(&fixture("render/hostile.json")),
        &["network", "--format", "svg"],
        &hostile,
    );
    let svg = std::fs::read_to_string(&hostile).expect("svg");
    well_formed(&svg);
    assert!(!svg.contains("<script"), "no script element in the SVG");
    assert!(!svg.contains("<img"), "no img element in the SVG");
}

/// Loads `page#hash` in headless Chromium; returns (DOM after scripts ran, browser log).
fn browse(chromium: &str, page: &Path, hash: &str) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile");
    let url = format!("file://{}#{hash}", page.display());
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn html_view_in_headless_chromium() {
    if !tools::graphviz() {
        return;
    }
    let Some(chromium) = tools::chromium() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temp");
    let page = temp.path().join("network.html");
    render_to(None, &["network", "--format", "html"], &page);
    let html = std::fs::read_to_string(&page).expect("html");
    assert!(
        !html.contains("http://www.w3.org/1999/xlink\" src"),
        "no external resource"
    );
    assert!(!html.contains("<script src"), "self-contained");
    // Clicking MLIT opens its panel with its mechanisms and their clauses.
    let (dom, log) = browse(chromium, &page, "select=mlit");
    assert!(dom.contains("data-ready=\"yes\""), "script ran\n{log}");
    assert!(!log.contains("Uncaught"), "console error:\n{log}");
    assert!(
        dom.contains("Ministry of Land, Infrastructure, Transport and Tourism"),
        "panel title"
    );
    assert!(
        dom.contains("Shipping Policy Forum · 5.1"),
        "mechanism with its ref"
    );
    assert!(
        dom.contains("“Cooperation to develop Tsunami Disaster Map of India"),
        "quoted clause"
    );
    // Search finds it.
    let (dom, _) = browse(chromium, &page, "search=MLIT");
    assert!(dom.contains("MLIT (body)"), "search result");
    // The route finder connects two bodies.
    let (dom, _) = browse(chromium, &page, "route=mofa,mea");
    assert!(dom.contains("MOFA → "), "route shown");
}

#[test]
fn hostile_names_run_no_script_in_the_html_view() {
    if !tools::graphviz() {
        return;
    }
    let Some(chromium) = tools::chromium() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temp");
    let page = temp.path().join("hostile.html");
    render_to(
        Some(&fixture("render/hostile.json")),
        &["network", "--format", "html"],
        &page,
    );
    let (dom, log) = browse(chromium, &page, "select=mod-north");
    assert!(dom.contains("data-ready=\"yes\""), "page script ran\n{log}");
    assert!(
        !dom.contains("data-pwned=\"yes\""),
        "a hostile name ran a script"
    );
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute"),
        "shown as text"
    );
}
