//! The hostile-names fixture through the outside readers: Graphviz (DOT in, SVG and PNG out),
//! NetworkX (GraphML, GEXF, node-link JSON), Python's `csv` module, and headless Chromium (the
//! report page and the HTML view). The Rust readers run in `tests/it/hostile.rs`.

use crate::common::readers::{xml_kept, xml_values};
use crate::common::{fixture, run_on};
use crate::need::{self, Tool};
use crate::render::browse;
use crate::Check;
use coopgraph::ingest::json::read;
use coopgraph::text::escape::csv_cell_unescape;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "hostile::report_diagrams_are_valid_svg_png_and_dot",
            needs: &[Tool::Graphviz],
            run: report_diagrams_are_valid,
        },
        Check {
            name: "hostile::exports_read_back_in_networkx_and_python_csv",
            needs: &[Tool::NetworkX],
            run: exports_read_back_in_python,
        },
        Check {
            name: "hostile::output_on_a_terminal_shows_control_characters",
            needs: &[Tool::Script],
            run: output_on_a_terminal_is_escaped,
        },
        Check {
            name: "hostile::graphviz_shows_backslash_sequences_in_names_as_written",
            needs: &[Tool::Graphviz],
            run: backslash_sequences_stay_as_written,
        },
        Check {
            name: "hostile::page_script_shows_names_as_the_static_page",
            needs: &[Tool::Node],
            run: page_script_escapes_as_the_static_page,
        },
        Check {
            name: "hostile::report_page_and_html_view_run_no_script",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: pages_run_no_script,
        },
    ]
}

fn hostile() -> PathBuf {
    fixture("hostile/names.json")
}

/// Runs `report` on the hostile fixture into `folder`.
fn report(folder: &Path) {
    let (code, _, stderr) = run_on(&hostile(), &["report", "--out", &folder.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("DOT only"),
        "Graphviz failed on a diagram: {stderr}"
    );
}

fn report_diagrams_are_valid() {
    let temp = tempfile::tempdir().expect("temp");
    let bundle = temp.path().join("bundle");
    report(&bundle);
    let mut checked = 0;
    for entry in std::fs::read_dir(bundle.join("diagrams")).expect("diagrams") {
        let path = entry.expect("entry").path();
        let name = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("svg") => {
                let svg = std::fs::read_to_string(&path).expect("svg");
                let values = xml_values(&svg, &name);
                assert!(!values.is_empty(), "{name}: empty");
                assert!(
                    !svg.contains("<script") && !svg.contains("<img"),
                    "{name}: markup"
                );
            }
            Some("png") => {
                let png = std::fs::read(&path).expect("png");
                assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: not a PNG");
            }
            Some("dot") => {
                // Graphviz itself reads the DOT file back.
                let output = std::process::Command::new(
                    std::env::var("COOPGRAPH_DOT").unwrap_or_else(|_| "dot".into()),
                )
                .arg("-Tsvg")
                .arg(&path)
                .output()
                .expect("dot runs");
                assert!(
                    output.status.success(),
                    "{name}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                xml_values(&String::from_utf8_lossy(&output.stdout), &name);
            }
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} diagram files");
}

/// Reads every export back in Python: NetworkX for GraphML, GEXF and node-link JSON, the `csv`
/// module for `nodes.csv`; prints {format: {node id: name}}.
const READ_BACK: &str = r#"
import csv, json, sys
import networkx as nx
folder = sys.argv[1]
graphs = {
    "graphml": nx.read_graphml(folder + "/network.graphml"),
    "gexf": nx.read_gexf(folder + "/network.gexf", version="1.3"),
    "json": nx.node_link_graph(json.load(open(folder + "/network.json", encoding="utf-8")), edges="edges"),
}
names = {fmt: {node: data.get("name") for node, data in g.nodes(data=True)} for fmt, g in graphs.items()}
with open(folder + "/csv/nodes.csv", newline="", encoding="utf-8") as handle:
    names["csv"] = {row["id"]: row["name"] for row in csv.DictReader(handle)}
json.dump(names, sys.stdout)
"#;

fn exports_read_back_in_python() {
    let temp = tempfile::tempdir().expect("temp");
    let folder = temp.path();
    for (format, file) in [
        ("graphml", "network.graphml"),
        ("gexf", "network.gexf"),
        ("json", "network.json"),
        ("csv", "csv"),
    ] {
        let target = folder.join(file);
        let (code, _, stderr) = run_on(
            &hostile(),
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
        .arg(folder)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let names: BTreeMap<String, BTreeMap<String, Option<String>>> =
        serde_json::from_slice(&output.stdout).expect("JSON from python");
    let dataset = read(&hostile()).expect("dataset");
    let xml = xml_kept;
    for body in &dataset.bodies {
        let read_back = |format: &str| {
            names[format]
                .get(&body.id)
                .cloned()
                .flatten()
                .unwrap_or_else(|| panic!("{format}: no node {:?}", body.id))
        };
        assert_eq!(
            read_back("graphml"),
            xml(&body.name),
            "GraphML {:?}",
            body.id
        );
        assert_eq!(read_back("gexf"), xml(&body.name), "GEXF {:?}", body.id);
        assert_eq!(read_back("json"), body.name, "JSON {:?}", body.id);
        assert_eq!(
            csv_cell_unescape(&read_back("csv")),
            body.name,
            "CSV {:?}",
            body.id
        );
    }
}

fn pages_run_no_script() {
    let chromium = need::chromium().expect("Chromium");
    let temp = tempfile::tempdir().expect("temp");
    let bundle = temp.path().join("bundle");
    report(&bundle);
    let view = temp.path().join("view.html");
    let (code, _, stderr) = run_on(
        &hostile(),
        &[
            "render",
            "network",
            "--format",
            "html",
            "-o",
            &view.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    for (page, hash) in [
        (bundle.join("index.html"), "select=mod-north"),
        (view, "select=mod-north"),
        (bundle.join("index.html"), "search=script"),
    ] {
        let (dom, log) = browse(chromium, &page, hash);
        assert!(
            dom.contains("data-ready=\"yes\""),
            "{}: page script ran\n{log}",
            page.display()
        );
        assert!(
            !dom.contains("data-pwned=\"yes\""),
            "{}: a hostile name ran a script",
            page.display()
        );
        assert!(
            !log.contains("Uncaught"),
            "{}: console error\n{log}",
            page.display()
        );
    }
}

/// On a terminal (a pseudo-terminal made by `script`), even CSV output shows its control
/// characters escaped; piped, the same command writes the cells exactly.
fn output_on_a_terminal_is_escaped() {
    let binary = assert_cmd::cargo::cargo_bin("coopgraph");
    let command = format!(
        "'{}' --data '{}' stats --format csv",
        binary.display(),
        hostile().display()
    );
    let output = std::process::Command::new("script")
        .args(["-qc", &command, "/dev/null"])
        .output()
        .expect("script runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The pseudo-terminal turns each line feed into CR LF: that is the terminal, not coopgraph.
    let shown = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
    crate::common::readers::assert_terminal_clean(&shown, "stats --format csv on a terminal");
    assert!(shown.contains("North \\u{1b}[31mRED"), "{shown}");
    let (code, piped, _) = run_on(&hostile(), &["stats", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        piped.contains("North \u{1b}[31mRED"),
        "piped CSV keeps the cell as it is"
    );
}

/// Issue 20, finding 8: a name holding Graphviz's `\N`, `\G`, `\L`, `\T`, `\H` or `\E` shows
/// as written in the SVG Graphviz draws — labels and tooltips alike — not as the node's id or
/// the graph's name.
fn backslash_sequences_stay_as_written() {
    let temp = tempfile::tempdir().expect("temp");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("valid/minimal.json")).expect("read"))
            .expect("json");
    let name = r"Bureau \N \G \L \T \H \E end";
    value["bodies"][0]["name"] = serde_json::Value::String(name.into());
    let data = temp.path().join("data.json");
    std::fs::write(&data, serde_json::to_vec(&value).expect("json")).expect("write");
    std::fs::create_dir(temp.path().join("sources")).expect("mkdir");
    std::fs::copy(
        fixture("valid/sources/mini.txt"),
        temp.path().join("sources/mini.txt"),
    )
    .expect("copy");
    let svg = temp.path().join("network.svg");
    let (code, _, stderr) = run_on(&data, &["render", "network", "-o", &svg.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let svg = std::fs::read_to_string(&svg).expect("svg");
    let values = xml_values(&svg, "network.svg");
    let shown: Vec<&String> = values.iter().filter(|v| v.contains("Bureau")).collect();
    assert!(!shown.is_empty(), "the name is not in the SVG");
    for value in shown {
        assert!(
            value.contains(r"\N \G \L \T \H \E end"),
            "Graphviz expanded a sequence: {value:?}"
        );
    }
}

/// Issue 20, finding 8: the page's script shows dataset text (route-finder answers, titles,
/// notes) through `displayed`, which must answer as the static page's `escape::html` for every
/// character that is not markup (textContent needs no entities): run in Node, compared here.
fn page_script_escapes_as_the_static_page() {
    let script = std::fs::read_to_string(crate::common::root().join("src/render/page/page.js"))
        .expect("page.js");
    let start = script
        .find("// displayed:begin")
        .expect("displayed:begin marker");
    let end = script
        .find("// displayed:end")
        .expect("displayed:end marker");
    let samples: Vec<String> = [
        "plain",
        "navy\u{202e}-south",
        "a\u{2066}b\u{2069}c",
        "esc\u{1b}[31m",
        "nul\u{0}x",
        "tab\tline\nfeed",
        "cr\rx",
        "c1\u{85}\u{9b}",
        "del\u{7f}",
        "non\u{fffe}\u{ffff}",
        "\u{202a}\u{202b}\u{202c}\u{202d}\u{2067}\u{2068}",
        "ok \u{200f} rtl mark",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let program = format!(
        "{}\nvar input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\nprocess.stdout.write(JSON.stringify(input.map(displayed)));\n",
        &script[start..end]
    );
    let mut child = std::process::Command::new("node")
        .arg("-e")
        .arg(&program)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    {
        use std::io::Write;
        let stdin = child.stdin.as_mut().expect("stdin");
        stdin
            .write_all(&serde_json::to_vec(&samples).expect("json"))
            .expect("write");
    }
    let output = child.wait_with_output().expect("node");
    assert!(output.status.success(), "node failed");
    let shown: Vec<String> = serde_json::from_slice(&output.stdout).expect("json");
    for (sample, js) in samples.iter().zip(&shown) {
        assert_eq!(
            js,
            &coopgraph::text::escape::html(sample),
            "page.js and the static page differ on {sample:?}"
        );
    }
    // Every text the script writes goes through it: no raw assignment of a dataset string.
    for (line, text) in script.lines().enumerate() {
        let writes = text.contains(".textContent = ") || text.contains(".title = ");
        let raw = writes
            && !text.contains("displayed(")
            && !text.contains("= ''")
            && !text.contains(".textContent = heldNote()")
            && !text.contains("JSON.stringify");
        assert!(!raw, "page.js line {}: {text}", line + 1);
    }
}
