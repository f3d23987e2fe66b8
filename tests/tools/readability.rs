//! Readability measured on what Graphviz lays out (its `-Tjson` output), for every diagram of
//! the report on three datasets of different shape — the bundled Japan–India plan, a generated
//! one of 150 bodies in three groups with a three-level hierarchy, and one of long names in
//! three groups — and for the views in the dark theme: (a) no two labels overlap by more than
//! 10 % of the smaller box, (b) width:height within 1:2 to 3:1 (16:9 for slides), (c) no text
//! below 9 px once the page is 1920 px wide.

use crate::common::{coopgraph, fixture, root, succeed};
use crate::need::Tool;
use crate::Check;
use coopgraph::render::graphviz::readability::measure;
use coopgraph::render::graphviz::{self, Engine, Output};
use coopgraph::render::style::Theme;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "readability::every_report_diagram_of_the_bundled_dataset",
            needs: &[Tool::Graphviz],
            run: bundled,
        },
        Check {
            name: "readability::every_report_diagram_of_150_generated_bodies_three_levels_deep",
            needs: &[Tool::Graphviz],
            run: generated,
        },
        Check {
            name: "readability::every_report_diagram_of_long_names_in_three_groups",
            needs: &[Tool::Graphviz],
            run: long_names,
        },
        Check {
            name:
                "readability::every_report_diagram_of_the_quad_statements_with_the_changes_diagram",
            needs: &[Tool::Graphviz],
            run: quad,
        },
        Check {
            name: "readability::every_view_in_the_dark_theme",
            needs: &[Tool::Graphviz],
            run: dark_theme,
        },
        Check {
            name: "readability::every_view_is_drawn_the_same_every_time",
            needs: &[Tool::Graphviz],
            run: same_every_time,
        },
        Check {
            name: "readability::the_org_chart_is_landscape_with_mlit_and_its_agencies",
            needs: &[Tool::Graphviz],
            run: org_chart_is_landscape,
        },
    ]
}

/// The three Quad statements: a series, so the report adds the diff diagram (`changes`).
fn quad() {
    report_passes(&crate::common::root().join("data/quad-2021-2023.json"));
}

/// The engine a DOT file names (`layout=…`), dot when it names none.
fn engine_of(dot: &str) -> Engine {
    Engine::named_in(dot)
}

/// Writes the report of `data` and measures every diagram in it; panics listing each failure.
fn report_passes(data: &Path) {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    succeed(
        coopgraph()
            .arg("--data")
            .arg(data)
            .args(["report", "--out"])
            .arg(&out),
    );
    diagrams_pass(&out, data);
}

/// Measures every diagram of the report in `out` (made from `data`); panics listing each
/// failure.
pub fn diagrams_pass(out: &Path, data: &Path) {
    let mut failures = Vec::new();
    let mut measured = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(out.join("diagrams"))
        .expect("diagrams")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "dot"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let dot = std::fs::read_to_string(&path).expect("dot");
        let theme = if name.ends_with("-slide") {
            Theme::Slide
        } else if name.ends_with("-dark") {
            Theme::Dark
        } else {
            Theme::Light
        };
        let json = graphviz::run(
            &dot,
            engine_of(&dot),
            Output::Json,
            Duration::from_secs(300),
        )
        .expect("Graphviz lays the diagram out");
        let r = measure(&json).expect("measures");
        measured += 1;
        if !r.passes(theme) {
            failures.push(format!(
                "{name}: {} overlapping label pair(s) {:?}; aspect {:.2}:1; smallest text {:.1} px (\"{}\")",
                r.overlaps.len(),
                r.overlaps.iter().take(3).collect::<Vec<_>>(),
                r.aspect(),
                r.smallest_px,
                r.smallest_text
            ));
        }
    }
    assert!(measured >= 8, "only {measured} diagrams in the report");
    assert!(
        failures.is_empty(),
        "{} of {measured} diagrams of {} fail:\n{}",
        failures.len(),
        data.display(),
        failures.join("\n")
    );
}

fn bundled() {
    report_passes(&root().join("data/japan-india-2009.json"));
}

fn generated() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("generated.json");
    succeed(
        coopgraph()
            .args([
                "generate",
                "--bodies",
                "150",
                "--mechanisms",
                "60",
                "--groups",
                "3",
                "--forums",
                "3",
                "--mean-participants",
                "4",
                "--hierarchy-depth",
                "3",
                "--seed",
                "7",
                "-o",
            ])
            .arg(&data),
    );
    report_passes(&data);
}

fn long_names() {
    report_passes(&fixture("render/long-names.json"));
}

fn dark_theme() {
    let temp = tempfile::tempdir().expect("temp");
    for (view, only) in [
        ("network", false),
        ("bodies", false),
        ("mechanisms", false),
        ("org", false),
        ("area:3", false),
        ("area:8", false),
        ("ego:mlit", true),
        ("path:mlit:india", true),
    ] {
        let mut command = coopgraph();
        command
            .args([
                "render", view, "--theme", "dark", "--format", "svg", "--check", "-o",
            ])
            .arg(temp.path().join("view.svg"));
        if only {
            command.arg("--only");
        }
        let output = command.output().expect("runs");
        assert!(
            output.status.success(),
            "{view} (dark):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The layout search measures several candidates: if Graphviz laid one out differently from run
/// to run, the choice (and the file) would change. Each view, drawn five times, is one file.
fn same_every_time() {
    let temp = tempfile::tempdir().expect("temp");
    for view in ["mechanisms", "bodies", "org"] {
        let mut drawn = std::collections::BTreeSet::new();
        for n in 0..5 {
            let path = temp.path().join(format!("{n}.svg"));
            succeed(
                coopgraph()
                    .args([
                        "render",
                        view,
                        "--color-by",
                        "area",
                        "--format",
                        "svg",
                        "-o",
                    ])
                    .arg(&path),
            );
            drawn.insert(std::fs::read(&path).expect("svg"));
        }
        assert_eq!(
            drawn.len(),
            1,
            "{view}: {} different drawings in 5 runs",
            drawn.len()
        );
    }
}

fn org_chart_is_landscape() {
    let temp = tempfile::tempdir().expect("temp");
    let png = temp.path().join("org.png");
    succeed(
        coopgraph()
            .args(["render", "org", "--format", "png", "-o"])
            .arg(&png),
    );
    let bytes = std::fs::read(&png).expect("png");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("width"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("height"));
    assert!(
        width > height,
        "org chart {width}×{height} is not landscape"
    );
    // Drawn at full depth (not rolled up): MLIT with the Coast Guard and the Railway Bureau.
    let svg_path = temp.path().join("org.svg");
    succeed(
        coopgraph()
            .args(["render", "org", "--format", "svg", "-o"])
            .arg(&svg_path),
    );
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    for name in [
        ">MLIT<",
        ">JCG<",
        ">MLIT Railway<",
        ">ICG<",
        ">Ministry of<",
    ] {
        assert!(svg.contains(name), "{name} in the org chart");
    }
    assert!(
        !svg.contains("rolled up"),
        "the bundled org chart is not rolled up"
    );
}
