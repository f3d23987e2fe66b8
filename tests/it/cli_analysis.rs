//! `centrality`, `overlap`, `structure`, `brokerage` on the bundled dataset: golden outputs and
//! the facts of the Action Plan they must show.

use crate::common::run;

#[test]
fn centrality_golden_and_shape() {
    let (code, stdout, stderr) = run(&["centrality", "--top", "15"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("centrality_network_top15", stdout);
    let (code, stdout, _) = run(&["centrality", "--graph", "bodies", "--format", "csv"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("centrality_bodies_csv", stdout);
    let (_, stdout, _) = run(&[
        "centrality",
        "--graph",
        "bodies",
        "--measure",
        "degree",
        "--format",
        "json",
        "--top",
        "2",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&stdout).expect("JSON array");
    // MOFA and MEA share the most mechanisms: 19 shared ties each in the bodies projection.
    let ids: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, vec!["mea", "mofa"]);
    assert!(
        rows[0].get("betweenness").is_none(),
        "only asked measures appear"
    );
    assert_eq!(rows[0]["strength"], 19.0);
}

#[test]
fn centrality_rejects_a_sort_on_a_measure_not_computed() {
    let (code, _, stderr) = run(&["centrality", "--measure", "degree", "--sort", "pagerank"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--sort pagerank names a measure that is not computed"),
        "{stderr}"
    );
}

#[test]
fn overlap_finds_the_foreign_ministry_channel() {
    let (code, stdout, _) = run(&["overlap", "--format", "csv", "--top", "1"]);
    assert_eq!(code, 0);
    // MOFA and MEA share eleven mechanisms, and nothing else: Jaccard 1.
    assert!(
        stdout
            .lines()
            .nth(1)
            .expect("row")
            .starts_with("mofa,mea,11,1.000,1.000,"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["overlap", "--of", "channels"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("overlap_channels", stdout);
    let (code, stdout, _) = run(&[
        "overlap",
        "--of",
        "mechanisms",
        "--min-shared",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let pairs: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    // Four shared participants: the 2+2 and the Comprehensive Security Dialogue (the same two
    // ministries on each side), and the Service Chiefs' visits with the exercise observers
    // (the land and air services of both sides).
    assert_eq!(pairs.as_array().expect("array").len(), 2);
    assert_eq!(pairs[0]["a"], "two-plus-two");
    assert_eq!(pairs[0]["b"], "comprehensive-security-dialogue");
    assert_eq!(pairs[0]["jaccard"], 1.0);
    assert_eq!(pairs[1]["a"], "service-chiefs-visits");
    assert_eq!(pairs[1]["b"], "army-air-exercise-observers");
    let (code, _, stderr) = run(&["overlap", "--of", "channels", "--jaccard", "1.5"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--jaccard 1.5 is out of range"), "{stderr}");
}

#[test]
fn structure_golden() {
    let (code, stdout, stderr) = run(&["structure"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("structure", stdout);
    let (_, stdout, _) = run(&["structure", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    // Without the hierarchy the navy is the only link from the services to the JSDF.
    let first = &value["body_cut_points"][0];
    assert_eq!(first["id"], "indian-navy");
    // With the hierarchy, parents tie the services to their ministries: fewer components.
    let (_, with, _) = run(&["structure", "--hierarchy", "--format", "json"]);
    let with: serde_json::Value = serde_json::from_str(&with).expect("JSON");
    assert!(
        with["body_components"].as_array().expect("array").len()
            < value["body_components"].as_array().expect("array").len()
    );
}

#[test]
fn brokerage_golden() {
    let (code, stdout, stderr) = run(&["brokerage"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("brokerage", stdout);
    let (_, stdout, _) = run(&["brokerage", "--format", "json", "--top", "1"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    // The foreign ministries broker most: between Japan's and India's ministries and agencies.
    assert!(["mofa", "mea"].contains(&value[0]["id"].as_str().expect("id")));
    assert_eq!(value[0]["gatekeeper"], value[0]["representative"]);
}

#[test]
fn generate_writes_a_valid_dataset() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("g.json");
    let file_arg = file.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&[
        "generate",
        "--bodies",
        "50",
        "--mechanisms",
        "20",
        "--seed",
        "3",
        "-o",
        &file_arg,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, _) = run(&["--data", &file_arg, "validate"]);
    assert_eq!(code, 0, "{stdout}");
    let first = std::fs::read(&file).expect("read");
    run(&[
        "generate",
        "--bodies",
        "50",
        "--mechanisms",
        "20",
        "--seed",
        "3",
        "-o",
        &file_arg,
    ]);
    assert_eq!(
        std::fs::read(&file).expect("read"),
        first,
        "same seed, same file"
    );
    let (code, _, _) = run(&[
        "generate",
        "--bodies",
        "1",
        "--mechanisms",
        "0",
        "-o",
        &file_arg,
    ]);
    assert_eq!(code, 2);
}
