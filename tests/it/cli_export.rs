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
