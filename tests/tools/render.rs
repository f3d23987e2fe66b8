//! Diagrams through Graphviz (SVG, PNG) and the HTML view in headless Chromium.

use crate::common::{coopgraph, fixture, succeed};
use crate::need::{self, Tool};
use crate::Check;
use std::path::Path;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "render::svg_and_png_through_graphviz",
            needs: &[Tool::Graphviz],
            run: svg_and_png_through_graphviz,
        },
        Check {
            name: "render::japanese_and_hostile_labels_survive_into_svg",
            needs: &[Tool::Graphviz],
            run: japanese_and_hostile_labels_survive_into_svg,
        },
        Check {
            name: "render::a_dataset_without_title_or_sources_draws",
            needs: &[Tool::Graphviz],
            run: a_dataset_without_title_or_sources_draws,
        },
        Check {
            name: "render::html_view_in_headless_chromium",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: html_view_in_headless_chromium,
        },
        Check {
            name: "render::hostile_names_run_no_script_in_the_html_view",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: hostile_names_run_no_script_in_the_html_view,
        },
    ]
}

/// Runs `coopgraph [--data DATA] render ARGS -o FILE` and requires success.
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

fn svg_and_png_through_graphviz() {
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
    // Same input, same bytes: of what coopgraph hands Graphviz (the DOT) and of the picture's
    // size. The PNG's pixels are Graphviz's: sfdp in Graphviz 2.43 draws a few hundred pixel
    // bytes differently when several runs share the machine (seen with `dot -Ksfdp -Tpng` run
    // four at a time by hand on one DOT file), so its bytes are not ours to promise.
    let again = temp.path().join("slide2.png");
    render_to(
        None,
        &["network", "--format", "png", "--theme", "slide"],
        &again,
    );
    let again = std::fs::read(&again).expect("png");
    assert_eq!(again[16..24], bytes[16..24], "the same picture size");
    let dot = |name: &str| {
        let path = temp.path().join(name);
        render_to(
            None,
            &["network", "--format", "dot", "--theme", "slide"],
            &path,
        );
        std::fs::read(&path).expect("dot")
    };
    assert_eq!(dot("slide1.dot"), dot("slide2.dot"));
}

fn japanese_and_hostile_labels_survive_into_svg() {
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

/// What a minimal `import csv` gives: no title, no sources (so no subtitle), two groups.
fn untitled_dataset(folder: &Path) -> std::path::PathBuf {
    let tables = folder.join("tables");
    std::fs::create_dir_all(&tables).expect("dir");
    for (name, text) in [
        ("bodies.csv", "id,name,kind,group\nx,Ministry X,ministry,a\ny,Ministry Y,ministry,b\nz,Agency Z,agency,a\n"),
        ("mechanisms.csv", "id,name,kind\nm,Talks,dialogue\n"),
        ("participants.csv", "body,mechanism\nx,m\ny,m\nz,m\n"),
    ] {
        std::fs::write(tables.join(name), text).expect("write");
    }
    let data = folder.join("untitled.json");
    succeed(
        coopgraph()
            .args(["import", "csv"])
            .arg(&tables)
            .arg("-o")
            .arg(&data),
    );
    data
}

fn a_dataset_without_title_or_sources_draws() {
    let temp = tempfile::tempdir().expect("temp");
    let data = untitled_dataset(temp.path());
    for view in ["network", "org", "bodies"] {
        let svg = temp.path().join(format!("{view}.svg"));
        render_to(Some(&data), &[view, "--format", "svg"], &svg);
        well_formed(&std::fs::read_to_string(&svg).expect("svg"));
    }
    // The report draws every diagram (none left as DOT only) and, had Graphviz failed, would
    // not tell the user to install the Graphviz that is installed.
    let out = temp.path().join("out");
    let stdout = succeed(
        coopgraph()
            .arg("--data")
            .arg(&data)
            .args(["report", "--out"])
            .arg(&out),
    );
    assert!(!stdout.contains("DOT only"), "{stdout}");
    assert!(!stdout.contains("install Graphviz"), "{stdout}");
    assert!(out.join("diagrams/network.svg").is_file());
}

/// Loads `page#hash` in headless Chromium; returns (DOM after scripts ran, browser log).
pub fn browse(chromium: &str, page: &Path, hash: &str) -> (String, String) {
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

fn html_view_in_headless_chromium() {
    let chromium = need::chromium().expect("Chromium");
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
    // The route finder connects two bodies, as `coopgraph path` does.
    let (dom, _) = browse(chromium, &page, "route=mofa,mea");
    let routes = crate::page::routes(&dom);
    assert!(
        routes
            .first()
            .is_some_and(|r| r
                .starts_with("MOFA (Japan) —[Strategic Dialogue at Foreign Minister level · 2.1")),
        "route shown: {routes:?}"
    );
}

fn hostile_names_run_no_script_in_the_html_view() {
    let chromium = need::chromium().expect("Chromium");
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

/// Panics unless `xml` is well-formed XML.
pub fn well_formed(xml: &str) {
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
