//! `stats`: golden output on the bundled dataset in every format.

use crate::common::{fixture, run, run_on};

#[test]
fn golden_table() {
    let (code, stdout, stderr) = run(&["stats"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("stats_table", stdout);
}

#[test]
fn golden_csv() {
    let (code, stdout, _) = run(&["stats", "--format", "csv"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("stats_csv", stdout);
}

#[test]
fn json_counts_add_up() {
    let (code, stdout, _) = run(&["stats", "--format", "json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let total = |field: &str| -> u64 {
        value[field]
            .as_array()
            .expect("array")
            .iter()
            .map(|c| c["count"].as_u64().expect("count"))
            .sum()
    };
    let nodes = value["nodes"].as_array().expect("nodes");
    let bodies = nodes[0]["count"].as_u64().expect("bodies");
    let mechanisms = nodes[1]["count"].as_u64().expect("mechanisms");
    assert_eq!(total("bodies_by_group"), bodies);
    assert_eq!(total("bodies_by_kind"), bodies);
    assert_eq!(total("mechanisms_by_area"), mechanisms);
    assert_eq!(total("mechanisms_by_kind"), mechanisms);
    assert_eq!(total("mechanisms_by_frequency"), mechanisms);
}

#[test]
fn counts_of_a_small_fixture_are_right() {
    let (code, stdout, _) = run_on(
        &fixture("valid/minimal.json"),
        &["stats", "--format", "csv"],
    );
    assert_eq!(code, 0);
    for row in [
        "nodes,body,bodies,5",
        "nodes,mechanism,mechanisms,3",
        "nodes,forum,forums,1",
        "ties,participates,participations (body–mechanism),6",
        "ties,via,via links (mechanism–forum),1",
        "ties,member,memberships (body or group–forum),2",
        "ties,part-of,parent links,2",
        "bodies_by_group,north,North,3",
        "mechanisms_by_area,defence,1 Defence,2",
        "mechanisms_by_frequency,(not stated),(not stated),2",
    ] {
        assert!(
            stdout.lines().any(|l| l == row),
            "missing `{row}` in\n{stdout}"
        );
    }
}
