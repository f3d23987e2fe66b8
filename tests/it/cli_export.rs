//! `export --format csv`: the tables analysts edit; formula cells are guarded.

use crate::common::run_on;
use std::fs;

#[test]
fn hostile_cells_are_guarded_and_survive_the_round_trip() {
    let temp = tempfile::tempdir().expect("temp");
    let dataset = temp.path().join("hostile.json");
    let mut value: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(crate::common::fixture("valid/minimal.json")).expect("fixture"),
    )
    .expect("json");
    fs::create_dir(temp.path().join("sources")).expect("mkdir");
    fs::copy(
        crate::common::fixture("valid/sources/mini.txt"),
        temp.path().join("sources/mini.txt"),
    )
    .expect("copy source");
    value["bodies"][0]["name"] =
        serde_json::Value::String("=HYPERLINK(\"http://x\",\"click\")".into());
    fs::write(&dataset, serde_json::to_string(&value).expect("ser")).expect("write");
    let tables = temp.path().join("tables");
    let (code, _, stderr) = run_on(
        &dataset,
        &["export", "--format", "csv", "-o", &tables.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    let bodies = fs::read_to_string(tables.join("bodies.csv")).expect("bodies.csv");
    assert!(
        bodies.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""),
        "{bodies}"
    );
    let back = tables.join("back.json");
    let (code, _, stderr) = crate::common::run(&[
        "import",
        "csv",
        &tables.to_string_lossy(),
        "-o",
        &back.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let imported = coopgraph::ingest::json::read(&back).expect("read back");
    assert_eq!(
        imported.bodies[0].name,
        "=HYPERLINK(\"http://x\",\"click\")"
    );
}

/// The `<spell>`s of the GEXF element that starts with `opening`, as `(start, end)`.
fn spells_of(gexf: &str, opening: &str) -> Vec<(String, String)> {
    let at = gexf
        .find(opening)
        .unwrap_or_else(|| panic!("{opening} not in the GEXF"));
    let element = &gexf[at..];
    let close = if opening.starts_with("<node") {
        "</node>"
    } else {
        "</edge>"
    };
    let element = &element[..element.find(close).expect("closed")];
    element
        .split("<spell ")
        .skip(1)
        .map(|spell| {
            let value = |name: &str| {
                let start = spell.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
                spell[start..start + spell[start..].find('"').expect("quoted")].to_string()
            };
            (value("start"), value("end"))
        })
        .collect()
}

#[test]
fn a_series_of_sources_exports_a_dynamic_gexf_with_spells_and_first_last_dates() {
    let quad = crate::common::root().join("data/quad-2021-2023.json");
    let (code, gexf, stderr) = run_on(&quad, &["export", "--format", "gexf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        gexf.contains(r#"<graph defaultedgetype="undirected" mode="dynamic" timeformat="date">"#)
    );
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Named by 2021 only: until the day before the 2022 statement.
    assert_eq!(
        spells_of(&gexf, r#"<node id="quad-vaccine-experts-group""#),
        [s("2021-09-24", "2022-05-23")]
    );
    // New in 2023: the last step.
    assert_eq!(
        spells_of(&gexf, r#"<node id="quad-investors-network""#),
        [s("2023-05-20", "2023-05-20")]
    );
    assert_eq!(
        spells_of(&gexf, r#"<node id="government-of-japan""#),
        [s("2021-09-24", "2023-05-20")]
    );
    // An edge lasts while both its ends do.
    assert_eq!(
        spells_of(
            &gexf,
            r#"source="australian-government" target="quad-vaccine-experts-group""#
        ),
        [s("2021-09-24", "2022-05-23")]
    );
    let (_, graphml, _) = run_on(&quad, &["export", "--format", "graphml"]);
    assert!(
        graphml.contains(r#"attr.name="first_seen""#)
            && graphml.contains(r#"attr.name="last_seen""#)
    );
    let (_, json, _) = run_on(&quad, &["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let node = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == "quad-vaccine-experts-group")
        .expect("node");
    assert_eq!(node["first_seen"], "2021-09-24");
    assert_eq!(node["last_seen"], "2021-09-24");
    // One document is no series: its exports stay static, without time attributes.
    let (_, plan, _) = crate::common::run(&["export", "--format", "gexf"]);
    assert!(
        plan.contains(r#"mode="static""#)
            && !plan.contains("<spell")
            && !plan.contains("first_seen")
    );
}

/// The betweenness column of `nodes.csv` in `dir`, by node id.
fn betweenness_column(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(dir.join("nodes.csv")).expect("nodes.csv");
    let headers = reader.headers().expect("headers").clone();
    let at = headers
        .iter()
        .position(|h| h == "betweenness")
        .expect("a betweenness column");
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_string(), r[at].to_string())
        })
        .collect()
}

#[test]
fn betweenness_is_exact_on_a_small_network_and_sampled_when_asked() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("1k.json");
    let (code, _, stderr) = crate::common::run(&[
        "generate",
        "--bodies",
        "700",
        "--mechanisms",
        "299",
        "--forums",
        "10",
        "-o",
        &data.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let export = |name: &str, extra: &[&str]| {
        let dir = temp.path().join(name);
        let mut args = vec!["export", "--format", "csv", "-o"];
        let path = dir.to_string_lossy().into_owned();
        args.push(&path);
        args.extend(extra);
        let (code, _, stderr) = run_on(&data, &args);
        assert_eq!(code, 0, "{stderr}");
        (betweenness_column(&dir), stderr)
    };
    // 1,009 nodes: under the report's limit, exact as with --exact, and nothing to note.
    let (default, said) = export("default", &[]);
    let (exact, _) = export("exact", &["--exact"]);
    assert_eq!(default, exact);
    assert!(!said.contains("note:"), "{said}");
    // The same as `centrality` computes, to the digits the CSV writes.
    let (code, table, stderr) = run_on(
        &data,
        &["centrality", "--measure", "betweenness", "--format", "csv"],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let (id, value) = (
        headers.iter().position(|h| h == "id").expect("id"),
        headers.iter().position(|h| h == "betweenness").expect("b"),
    );
    let ranked: std::collections::HashMap<String, f64> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[id].to_string(), r[value].parse().expect("a number"))
        })
        .collect();
    for (node, written) in &exact {
        let written: f64 = written.parse().expect("a number");
        assert!((written - ranked[node]).abs() < 1e-4, "{node}");
    }
    let (sampled, said) = export("sampled", &["--approx", "50"]);
    assert!(
        said.contains("note: betweenness estimated from 50 of 1009 sources"),
        "{said}"
    );
    assert_ne!(sampled, exact);
    let (code, _, stderr) = run_on(
        &data,
        &["export", "--format", "json", "--exact", "--approx", "5"],
    );
    assert_eq!(code, 2, "{stderr}");
}
