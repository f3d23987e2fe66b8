//! `diff` and `--as-of`: a hand-made pair of datasets whose differences are known exactly, the
//! Quad statements 2021 → 2023, and a dataset compared with itself.

use crate::common::{fixture, root, run, run_on};
use serde_json::Value;

const S2021: &str = "quad-2021-09-24-leaders-joint-statement";
const S2022: &str = "quad-2022-05-24-leaders-joint-statement";
const S2023: &str = "quad-2023-05-20-leaders-joint-statement";

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    serde_json::from_str(&stdout).expect("diff writes JSON")
}

/// `(kind, id)` of each element of a JSON list.
fn ids(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or("").into(),
                e["id"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_fixture_pair_differs_exactly_as_made() {
    let before = fixture("diff/before.json");
    let after = fixture("diff/after.json");
    let diff = json(&[
        "diff",
        &before.to_string_lossy(),
        &after.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(
        ids(&diff["added"]),
        pairs(&[
            ("body", "coastguard-north"),
            ("mechanism", "coastguard-exchange")
        ])
    );
    assert_eq!(
        ids(&diff["removed"]),
        pairs(&[("body", "navy-north"), ("mechanism", "naval-exercise")])
    );
    assert_eq!(
        ids(&diff["changed"]),
        pairs(&[
            ("body", "mod-north"),
            ("body", "mod-south"),
            ("mechanism", "defence-dialogue")
        ])
    );
    let changed = &diff["changed"];
    assert_eq!(
        changed[0]["fields"],
        serde_json::json!([{"change": "value", "field": "name",
            "before": "Ministry of Defence of North", "after": "Defence Ministry of North"}])
    );
    // Matched by its short name although its id changed; its navy's parent follows it.
    assert_eq!(changed[1]["to_id"], "defence-south");
    assert_eq!(
        changed[1]["fields"],
        serde_json::json!([{"change": "value", "field": "id",
            "before": "mod-south", "after": "defence-south"}])
    );
    assert_eq!(
        changed[2]["fields"],
        serde_json::json!([
            {"change": "value", "field": "frequency", "before": "annual", "after": "twice-yearly"},
            {"change": "members", "field": "participants", "gained": ["coastguard-north"], "lost": []}
        ])
    );
    let tie_bodies = |list: &Value| -> Vec<Value> {
        list.as_array()
            .expect("ties")
            .iter()
            .map(|t| t["bodies"].clone())
            .collect()
    };
    assert_eq!(
        tie_bodies(&diff["ties"]["gained"]),
        vec![
            serde_json::json!(["coastguard-north", "mod-north"]),
            serde_json::json!(["coastguard-north", "defence-south"]),
            serde_json::json!(["coastguard-north", "navy-south"]),
        ]
    );
    assert_eq!(
        tie_bodies(&diff["ties"]["lost"]),
        vec![serde_json::json!(["navy-north", "navy-south"])]
    );
    // Every line cites the clause that makes the difference, with its source's date.
    assert_eq!(
        diff["ties"]["lost"][0]["clauses"],
        serde_json::json!([{"source": "plan", "date": "2020-01-01", "reference": "1.2",
            "quote": "Naval exercise between the navies"}])
    );
    assert_eq!(
        diff["added"][1]["clauses"][0]["quote"],
        "Coast guard exchange between the North Coast Guard and the South Navy"
    );
    // The coast guard, new, becomes the biggest broker and a path between both sides.
    let moves = diff["centrality"].as_array().expect("moves");
    let first = |measure: &str| {
        moves
            .iter()
            .find(|m| m["measure"] == measure)
            .map(|m| (m["id"].clone(), m["before"].as_f64(), m["change"].as_f64()))
    };
    assert_eq!(
        first("betweenness").map(|m| m.0),
        Some("coastguard-north".into())
    );
    assert_eq!(
        first("brokerage"),
        Some(("coastguard-north".into(), Some(0.0), Some(4.0)))
    );
}

#[test]
fn a_dataset_compared_with_itself_is_empty_in_every_format() {
    for data in ["data/japan-india-2009.json", "data/quad-2021-2023.json"] {
        let diff = json(&["diff", data, data, "--format", "json"]);
        for key in ["added", "removed", "changed", "centrality"] {
            assert_eq!(diff[key], serde_json::json!([]), "{data} {key}");
        }
        assert_eq!(
            diff["ties"],
            serde_json::json!({"gained": [], "lost": [], "gained_total": 0, "lost_total": 0,
                "gained_through": [], "lost_through": []})
        );
        let (code, csv, _) = run(&["diff", data, data, "--format", "csv"]);
        assert_eq!(code, 0);
        assert_eq!(csv.lines().count(), 1, "only the header: {csv}");
    }
    let quad = root().join("data/quad-2021-2023.json");
    for source in [S2021, S2022, S2023] {
        let (code, stdout, _) = run_on(&quad, &["diff", "--from", source, "--to", source]);
        assert_eq!(code, 0);
        assert!(
            stdout.contains("0 added, 0 removed, 0 changed; 0 tie(s)"),
            "{stdout}"
        );
    }
}

#[test]
fn quad_2021_to_2023_lists_what_the_2023_statement_added_and_dropped_with_its_sentences() {
    let quad = root().join("data/quad-2021-2023.json");
    let (code, stdout, stderr) = run_on(
        &quad,
        &["diff", "--from", S2021, "--to", S2023, "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let diff: Value = serde_json::from_str(&stdout).expect("json");
    let dataset = coopgraph::ingest::json::load(&quad).expect("loads").dataset;
    let cites = |m: &coopgraph::model::Mechanism, s: &str| m.sources.iter().any(|c| c.doc == s);
    // Exactly the mechanisms one statement names and the other does not.
    let expected = |a: &str, b: &str| -> Vec<(String, String)> {
        dataset
            .mechanisms
            .iter()
            .filter(|m| cites(m, b) && !cites(m, a))
            .map(|m| ("mechanism".to_string(), m.id.clone()))
            .collect()
    };
    let of_kind = |list: &Value, kind: &str| -> Vec<(String, String)> {
        ids(list).into_iter().filter(|(k, _)| k == kind).collect()
    };
    assert_eq!(of_kind(&diff["added"], "mechanism"), expected(S2021, S2023));
    assert_eq!(
        of_kind(&diff["removed"], "mechanism"),
        expected(S2023, S2021)
    );
    assert!(of_kind(&diff["removed"], "mechanism")
        .contains(&("mechanism".into(), "quad-vaccine-experts-group".into())));
    for line in diff["added"].as_array().expect("added") {
        let clauses = line["clauses"].as_array().expect("clauses");
        assert!(!clauses.is_empty(), "{line}");
        assert!(clauses.iter().all(|c| c["source"] == S2023), "{line}");
    }
    for line in diff["removed"].as_array().expect("removed") {
        assert!(line["clauses"][0]["source"] == S2021, "{line}");
    }
    // The table names each sentence; two runs are byte-identical.
    let (_, table, _) = run_on(&quad, &["diff", "--from", S2021, "--to", S2023]);
    assert!(table.contains("- mechanism quad-vaccine-experts-group: Quad Vaccine Experts Group"));
    assert!(table.contains("§para 4: \"We launched the Quad Vaccine Experts Group"));
    assert_eq!(
        run_on(&quad, &["diff", "--from", S2021, "--to", S2023]).1,
        table
    );
}

#[test]
fn diff_refuses_what_it_cannot_compare() {
    let quad = root().join("data/quad-2021-2023.json");
    let (code, _, stderr) = run_on(&quad, &["diff", "--from", "quad-2021", "--to", S2023]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--from 'quad-2021'"), "{stderr}");
    assert!(
        stderr.contains(&format!("did you mean '{S2021}'")),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["diff"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("two dataset files"), "{stderr}");
    let (code, _, _) = run(&["diff", "data/quad-2021-2023.json"]);
    assert_eq!(code, 2);
}

#[test]
fn as_of_and_only_source_keep_what_had_appeared() {
    let quad = root().join("data/quad-2021-2023.json");
    let (code, stdout, stderr) = run_on(&quad, &["stats", "--as-of", "2021", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("note: as of 2021: 1 of 3 source(s), 9 of 32 mechanism(s)"),
        "{stderr}"
    );
    let stats: Value = serde_json::from_str(&stdout).expect("json");
    assert!(
        stats["nodes"].to_string().contains("\"mechanisms\""),
        "{stats}"
    );
    let (code, _, stderr) = run_on(&quad, &["centrality", "--as-of", "2021-13"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
        "{stderr}"
    );
    let (code, _, stderr) = run_on(&quad, &["structure", "--only-source", S2022]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains(&format!("only source {S2022}")), "{stderr}");
    // Every analysis, query and render command takes the flags.
    for args in [
        vec!["centrality", "--as-of", "2022"],
        vec!["overlap", "--as-of", "2022"],
        vec!["brokerage", "--as-of", "2022"],
        vec!["ego", "mofa", "--as-of", "2022"],
        vec!["path", "mofa", "mea", "--as-of", "2022"],
        vec![
            "render", "network", "--format", "dot", "-o", "-", "--as-of", "2022",
        ],
        vec!["export", "--format", "graphml", "--as-of", "2022"],
    ] {
        let (code, _, stderr) = run_on(&quad, &args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(
            stderr.contains("as of 2022: 2 of 3 source(s)"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn the_report_of_a_series_shows_what_changed_and_its_diagram() {
    let quad = root().join("data/quad-2021-2023.json");
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    let (code, _, stderr) = run_on(&quad, &["report", "--out", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let briefing = std::fs::read_to_string(out.join("briefing.md")).expect("briefing");
    assert!(briefing.contains("## What changed\n\nThe dataset cites 3 dated sources."));
    assert!(briefing.contains("- Dropped mechanism **Quad Vaccine Experts Group**: “We launched"));
    assert!(
        briefing.contains("Step by step:\n\n1. Joint Statement from Quad Leaders (2021-09-24) → ")
    );
    let index = std::fs::read_to_string(out.join("index.html")).expect("index");
    assert!(index.contains("<h2>What changed</h2>"));
    assert!(index.contains("<h3>The sentence behind each change</h3>"));
    let dot = std::fs::read_to_string(out.join("diagrams/changes.dot")).expect("changes.dot");
    assert!(
        dot.contains("Ties between bodies, 2021-09-24 → 2023-05-20"),
        "{dot}"
    );
    assert!(dot.contains("tie gained") && dot.contains("dashed: tie lost"));
    // One document has nothing to compare: the committed report of the plan has no such section.
    let plan = std::fs::read_to_string(root().join("out/briefing.md")).expect("out/briefing.md");
    assert!(!plan.contains("What changed"));
    assert!(!root().join("out/diagrams/changes.dot").exists());
}

/// A missing file of `diff A B` is named with how diff takes its files, not with `--data`,
/// which `diff A B` does not read; a command that reads `--data` keeps that hint.
#[test]
fn a_missing_file_is_named_with_the_way_the_command_takes_it() {
    let (code, _, stderr) = run(&["diff", "data/japan-india-2009.json", "no-such-dataset.json"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-dataset.json"), "{stderr}");
    assert!(stderr.contains("coopgraph diff A.json B.json"), "{stderr}");
    assert!(!stderr.contains("--data"), "{stderr}");

    for command in ["stats", "validate"] {
        let (code, _, stderr) = run(&[command, "--data", "no-such-dataset.json"]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(
            stderr.contains("pass the dataset with --data FILE"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn a_cut_tie_list_counts_the_rest_with_the_mechanisms_that_carry_them() {
    let before = fixture("diff/before.json");
    let after = fixture("diff/after.json");
    let (before, after) = (before.to_string_lossy(), after.to_string_lossy());
    let diff = json(&[
        "diff",
        &before,
        &after,
        "--max-ties",
        "1",
        "--format",
        "json",
    ]);
    let ties = &diff["ties"];
    assert_eq!(ties["gained"].as_array().map(Vec::len), Some(1));
    assert_eq!(ties["gained_total"], 3);
    assert_eq!(ties["lost_total"], 1);
    let carried: Vec<(String, u64)> = ties["gained_through"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            (
                c["mechanism"].as_str().unwrap_or("").into(),
                c["ties"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        carried,
        vec![
            ("defence-dialogue".to_string(), 2),
            ("coastguard-exchange".to_string(), 1)
        ]
    );
    let (code, text, _) = run(&["diff", &before, &after, "--max-ties", "1"]);
    assert_eq!(code, 0);
    assert!(
        text.contains("3 tie(s) between bodies gained, 1 lost"),
        "the summary counts every tie: {text}"
    );
    assert!(
        text.contains("Ties between bodies gained (3; the first 1 listed, --max-ties N lists more)\n  carried by defence-dialogue Defence dialogue (2), coastguard-exchange Coast guard exchange (1)\n+ tie "),
        "{text}"
    );
    assert!(
        text.contains("Ties between bodies lost (1)\n- tie navy-north"),
        "{text}"
    );
    let (code, none, _) = run(&["diff", &before, &after, "--max-ties", "0"]);
    assert_eq!(code, 0);
    assert!(
        none.contains("Ties between bodies lost (1; the first 0 listed"),
        "{none}"
    );
    assert!(
        !none.contains("+ tie ") && !none.contains("- tie "),
        "{none}"
    );
    let (code, csv, _) = run(&[
        "diff",
        &before,
        &after,
        "--max-ties",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(
        csv.contains("tie gained,tie,,,\"2 more not listed (--max-ties N lists more); carried by defence-dialogue Defence dialogue (2), coastguard-exchange Coast guard exchange (1)\",,,,"),
        "{csv}"
    );
}

/// Betweenness of `id` from `coopgraph centrality --only-source SOURCE` with `extra` flags.
fn betweenness_of(quad: &std::path::Path, source: &str, extra: &[&str], id: &str) -> f64 {
    let mut args = vec!["centrality", "--only-source", source, "--format", "csv"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_on(quad, &args);
    assert_eq!(code, 0, "{stderr}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .unwrap_or_else(|| panic!("{id} in {stdout}"));
    row.split(',')
        .nth(5)
        .expect("betweenness")
        .parse()
        .expect("a number")
}

#[test]
fn sampled_moves_are_what_centrality_estimates_on_each_source_and_say_so() {
    let quad = root().join("data/quad-2021-2023.json");
    let body = "government-of-india";
    for (extra, estimated) in [(vec![], false), (vec!["--approx", "5"], true)] {
        let mut args = vec!["diff", "--from", S2021, "--to", S2023, "--format", "json"];
        args.extend_from_slice(&extra);
        let (code, stdout, stderr) = run_on(&quad, &args);
        assert_eq!(code, 0, "{stderr}");
        let diff: Value = serde_json::from_str(&stdout).expect("json");
        assert_eq!(
            diff["betweenness_sources"].as_u64(),
            estimated.then_some(5),
            "{extra:?}"
        );
        let moved = diff["centrality"]
            .as_array()
            .expect("moves")
            .iter()
            .find(|m| m["measure"] == "betweenness" && m["id"] == body)
            .unwrap_or_else(|| panic!("{body} moves: {stdout}"))
            .clone();
        // The differential check: each side's value is `centrality`'s on that source alone,
        // with the same sample.
        let before = betweenness_of(&quad, S2021, &extra, body);
        let after = betweenness_of(&quad, S2023, &extra, body);
        assert!((moved["before"].as_f64().expect("before") - before).abs() < 1e-12);
        assert!((moved["after"].as_f64().expect("after") - after).abs() < 1e-12);
        let mut args = vec!["diff", "--from", S2021, "--to", S2023];
        args.extend_from_slice(&extra);
        let (_, table, _) = run_on(&quad, &args);
        assert_eq!(
            table.contains("(betweenness estimated from 5 sampled sources on each side)"),
            estimated,
            "{table}"
        );
    }
    // Exact and sampled are one choice or the other.
    let (code, _, stderr) = run_on(
        &quad,
        &[
            "diff", "--from", S2021, "--to", S2023, "--exact", "--approx", "5",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
}
