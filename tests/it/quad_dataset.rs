//! The Quad dataset: three dated statements, every mechanism citing the statements that name it,
//! bodies shared across them; and the coopgraph/2 schema's round trip through CSV.

use crate::common::{root, run, run_on};
use coopgraph::ingest::json::{load, read};
use coopgraph::model::timeline::appearances;
use coopgraph::query::resolve::normalise;

#[test]
fn validates_strictly_with_three_dated_sources() {
    let path = root().join("data/quad-2021-2023.json");
    let (code, stdout, stderr) = run_on(&path, &["validate", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let dataset = load(&path).expect("loads").dataset;
    assert_eq!(dataset.schema, coopgraph::model::SCHEMA);
    let dates: Vec<&str> = dataset
        .sources
        .iter()
        .filter_map(|s| s.date.as_deref())
        .collect();
    assert_eq!(dates, ["2021-09-24", "2022-05-24", "2023-05-20"]);
    assert!(dataset
        .mechanisms
        .iter()
        .all(|m| !m.is_draft() && !m.sources.is_empty()));
    // Several mechanisms are cited by more than one statement, and the four governments take
    // part in mechanisms of all three.
    assert!(
        dataset
            .mechanisms
            .iter()
            .filter(|m| m.sources.len() >= 2)
            .count()
            >= 8
    );
    let seen = appearances(&dataset);
    for government in [
        "australian-government",
        "government-of-india",
        "government-of-japan",
        "government-of-the-united-states",
    ] {
        assert_eq!(seen[government].sources.len(), 3, "{government}");
    }
}

#[test]
fn every_mechanism_cites_each_statement_that_names_it() {
    let path = root().join("data/quad-2021-2023.json");
    let dataset = load(&path).expect("loads").dataset;
    let texts: Vec<(String, String)> = dataset
        .sources
        .iter()
        .map(|s| {
            let file = root().join("data").join(s.file.as_deref().expect("file"));
            let text = std::fs::read_to_string(file).expect("text");
            (s.id.clone(), normalise(&text))
        })
        .collect();
    // A statement that writes a mechanism's (distinctive) name must be among its citations.
    for mechanism in &dataset.mechanisms {
        let name = mechanism.name.split(" (").next().unwrap_or(&mechanism.name);
        if !name.starts_with("Quad ") || name.split(' ').count() < 3 {
            continue; // generic names ("Quad senior officials' meetings") are not searched
        }
        let wanted = normalise(name);
        for (id, text) in &texts {
            if text.contains(&wanted) {
                assert!(
                    mechanism.sources.iter().any(|s| &s.doc == id),
                    "{} is named in {id} but does not cite it",
                    mechanism.id
                );
            }
        }
    }
}

#[test]
fn several_citations_and_statuses_round_trip_through_csv() {
    let temp = tempfile::tempdir().expect("temp");
    let tables = temp.path().join("tables");
    let tables_arg = tables.to_string_lossy().into_owned();
    let data = root().join("data/quad-2021-2023.json");
    let (code, _, stderr) = run_on(&data, &["export", "--format", "csv", "-o", &tables_arg]);
    assert_eq!(code, 0, "{stderr}");
    assert!(tables.join("citations.csv").exists());
    let output = tables.join("dataset.json");
    let (code, _, stderr) = run(&[
        "import",
        "csv",
        &tables_arg,
        "-o",
        &output.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut original = read(&data).expect("original");
    let imported = read(&output).expect("imported");
    // Source files are rewritten to the folder the CSV export copied them to.
    for source in &mut original.sources {
        source.file = imported
            .sources
            .iter()
            .find(|s| s.id == source.id)
            .and_then(|s| s.file.clone());
    }
    assert_eq!(imported, original);
    // A draft status survives the round trip too.
    let mut drafted = original.clone();
    drafted.mechanisms[0].status = Some(coopgraph::model::Status::Draft);
    drafted.bodies[0].status = Some(coopgraph::model::Status::Draft);
    let dir = temp.path().join("drafted");
    coopgraph::export::write(
        &drafted,
        &output,
        coopgraph::export::ExportFormat::Csv,
        &dir,
    )
    .expect("tables");
    let back = coopgraph::ingest::csv::import_dir(&dir, &dir)
        .expect("imports")
        .dataset;
    assert!(back.mechanisms[0].is_draft() && back.bodies[0].is_draft());
    assert_eq!(back.mechanisms[0].sources, drafted.mechanisms[0].sources);
}

#[test]
fn report_works_on_the_quad_dataset() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("q");
    let data = root().join("data/quad-2021-2023.json");
    let (code, _, stderr) = run_on(&data, &["report", "--out", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("briefing.md").exists() && out.join("index.html").exists());
}
