//! `import csv`: errors that name file, line and column; the round trip through `export`.

use crate::common::{fixture, root, run, run_on};
use coopgraph::ingest::json::read;
use std::fs;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).expect("write fixture");
}

#[test]
fn bundled_dataset_round_trips_through_csv() {
    let temp = tempfile::tempdir().expect("temp");
    let tables = temp.path().join("tables");
    let tables_arg = tables.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["export", "--format", "csv", "-o", &tables_arg]);
    assert_eq!(code, 0, "{stderr}");
    for file in [
        "dataset.csv",
        "sources.csv",
        "groups.csv",
        "areas.csv",
        "bodies.csv",
        "forums.csv",
        "mechanisms.csv",
        "participants.csv",
        "sources/japan-india-2009-action-plan.txt",
    ] {
        assert!(tables.join(file).exists(), "{file} not written");
    }
    // Imported into the folder the original's relative `file` paths point from, the dataset
    // must come back field for field.
    let output = tables.join("dataset.json");
    let output_arg = output.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &tables_arg, "-o", &output_arg]);
    assert_eq!(code, 0, "{stderr}");
    let mut original = read(&root().join("data/japan-india-2009.json")).expect("original");
    let imported = read(&output).expect("imported");
    // The bundled file is coopgraph/1; what import writes is the current schema.
    original.schema = coopgraph::model::SCHEMA.to_string();
    assert_eq!(imported, original);
    // And it validates where it was written.
    let (code, stdout, _) = run_on(&output, &["validate", "--strict"]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn source_paths_are_rewritten_relative_to_the_output() {
    let temp = tempfile::tempdir().expect("temp");
    let tables = temp.path().join("tables");
    let tables_arg = tables.to_string_lossy().into_owned();
    run(&["export", "--format", "csv", "-o", &tables_arg]);
    let output = temp.path().join("elsewhere/out.json");
    fs::create_dir_all(output.parent().expect("parent")).expect("mkdir");
    let output_arg = output.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &tables_arg, "-o", &output_arg]);
    assert_eq!(code, 0, "{stderr}");
    let imported = read(&output).expect("imported");
    assert_eq!(
        imported.sources[0].file.as_deref(),
        Some("../tables/sources/japan-india-2009-action-plan.txt")
    );
    // The source now lies outside the dataset's folder: the import says how to load it, and it
    // loads only when that folder is allowed.
    assert!(
        stderr.contains(&format!(
            "load the dataset with --allow-source-root {tables_arg}"
        )),
        "{stderr}"
    );
    let (code, stdout, _) = run_on(&output, &["validate"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stdout.contains("lies outside the dataset's folder"),
        "{stdout}"
    );
    let (code, stdout, _) = run_on(&output, &["--allow-source-root", &tables_arg, "validate"]);
    assert_eq!(code, 0, "{stdout}");
}

/// A small valid folder: bodies, mechanisms, participants only.
fn minimal_tables(dir: &Path) {
    write(
        dir,
        "bodies.csv",
        "\u{feff}ID,Name,Kind,Group,Aliases\nmofa,Ministry of Foreign Affairs,ministry,Japan,Gaimusho; MOFA Japan\nmea,Ministry of External Affairs,ministry,India,\n",
    );
    write(
        dir,
        "mechanisms.csv",
        "id,name,kind,area,frequency\nstrategic-dialogue,\"Strategic dialogue, FM level\",dialogue,Strategy,annual\n",
    );
    write(
        dir,
        "participants.csv",
        "body,mechanism,role\nmofa,strategic-dialogue,lead\nmea,strategic-dialogue,\n",
    );
}

#[test]
fn a_minimal_folder_imports_with_implied_groups_and_areas() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 0, "{stderr}");
    let dataset: coopgraph::model::Dataset = serde_json::from_str(&stdout).expect("dataset JSON");
    assert_eq!(dataset.groups.len(), 2);
    assert_eq!(dataset.groups[0].id, "Japan");
    assert_eq!(dataset.areas[0].id, "Strategy");
    assert_eq!(dataset.bodies[0].aliases, vec!["Gaimusho", "MOFA Japan"]);
    assert_eq!(dataset.mechanisms[0].name, "Strategic dialogue, FM level");
    assert_eq!(dataset.mechanisms[0].participants.len(), 2);
    assert_eq!(
        dataset.mechanisms[0].participants[0].role,
        coopgraph::model::Role::Lead
    );
    // The imported mechanism cites nothing: that is a warning, on stderr, naming the CSV row.
    assert!(
        stderr.contains("warning: mechanisms.csv line 2 (sources): mechanism 'strategic-dialogue' cites no source"),
        "{stderr}"
    );
}

#[test]
fn errors_name_file_line_and_column_all_at_once() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    write(
        temp.path(),
        "participants.csv",
        "body,mechanism,role\nmofa,strategic-dialog,lead\nmae,strategic-dialogue,leader\nmea,strategic-dialogue,\n,strategic-dialogue,\n",
    );
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2, "{stdout}");
    for expected in [
        "participants.csv line 2, column 'mechanism': unknown mechanism 'strategic-dialog'; did you mean 'strategic-dialogue'?",
        "participants.csv line 3, column 'role': unknown role 'leader'; did you mean 'lead'?",
        "participants.csv line 5, column 'body': empty; expected a body id",
    ] {
        assert!(stderr.contains(expected), "expected `{expected}` in\n{stderr}");
    }
}

#[test]
fn reference_errors_point_at_the_spreadsheet_row() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    write(
        temp.path(),
        "participants.csv",
        "body,mechanism\nmofa,strategic-dialogue\nmae,strategic-dialogue\n",
    );
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("participants.csv line 3 (body): unknown body 'mae'; did you mean 'mea'?"),
        "{stderr}"
    );
}

#[test]
fn header_problems_are_explained() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    write(
        temp.path(),
        "bodies.csv",
        "id,name,knd,group\nmofa,MOFA,ministry,Japan\n",
    );
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bodies.csv line 1, column 3: unknown column 'knd'; did you mean 'kind'?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bodies.csv line 1: missing required column 'kind'"),
        "{stderr}"
    );
}

#[test]
fn ragged_rows_and_missing_tables_are_input_errors() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    write(
        temp.path(),
        "mechanisms.csv",
        "id,name,kind\nm1,Dialogue, with comma,dialogue\n",
    );
    fs::remove_file(temp.path().join("participants.csv")).expect("rm");
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("mechanisms.csv line 2: row has 4 cells but the header has 3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("participants.csv: missing from"),
        "{stderr}"
    );
}

#[test]
fn not_a_folder() {
    let file = fixture("valid/minimal.json");
    let (code, _, stderr) = run(&["import", "csv", &file.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a folder"), "{stderr}");
}

#[test]
fn failed_import_leaves_no_output_file() {
    let temp = tempfile::tempdir().expect("temp");
    minimal_tables(temp.path());
    write(
        temp.path(),
        "participants.csv",
        "body,mechanism\nnobody,strategic-dialogue\n",
    );
    let output = temp.path().join("out.json");
    let dir = temp.path().to_string_lossy().into_owned();
    let (code, _, _) = run(&["import", "csv", &dir, "-o", &output.to_string_lossy()]);
    assert_eq!(code, 2);
    assert!(!output.exists());
}

#[test]
fn export_never_overwrites_edits_that_were_not_imported() {
    let temp = tempfile::tempdir().expect("temp");
    let tables = temp.path().join("tables");
    let tables_arg = tables.to_string_lossy().into_owned();
    let export = ["export", "--format", "csv", "-o", &tables_arg];
    let (code, _, stderr) = run(&export);
    assert_eq!(code, 0, "{stderr}");
    // Exporting again over an untouched export is fine.
    let (code, _, stderr) = run(&export);
    assert_eq!(code, 0, "{stderr}");
    // An analyst edits a table; exporting again would lose the edit: refused, nothing written.
    let bodies = tables.join("bodies.csv");
    let edited = fs::read_to_string(&bodies)
        .expect("bodies")
        .replace("Government of Japan", "GoJ");
    fs::write(&bodies, &edited).expect("edit");
    let before = fs::read(tables.join("mechanisms.csv")).expect("mechanisms");
    fs::remove_file(tables.join("edges.csv")).expect("remove");
    let (code, _, stderr) = run(&export);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bodies.csv") && stderr.contains("import csv"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&bodies).expect("bodies"), edited);
    assert_eq!(fs::read(tables.join("mechanisms.csv")).expect("m"), before);
    assert!(!tables.join("edges.csv").exists(), "nothing was written");
    // Once imported, the edit is safe in a dataset: exporting that dataset there works.
    let dataset = tables.join("dataset.json");
    let dataset_arg = dataset.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "csv", &tables_arg, "-o", &dataset_arg]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run_on(&dataset, &export);
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::read_to_string(&bodies).expect("b").contains("GoJ"));
    // A same-named file coopgraph never wrote, in a folder of the user's: refused.
    let mine = temp.path().join("mine");
    fs::create_dir(&mine).expect("mkdir");
    fs::write(mine.join("nodes.csv"), "my own list\n").expect("mine");
    let mine_arg = mine.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["export", "--format", "csv", "-o", &mine_arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("never wrote"), "{stderr}");
    assert_eq!(
        fs::read_to_string(mine.join("nodes.csv")).expect("n"),
        "my own list\n"
    );
}
