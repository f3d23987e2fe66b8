//! Inputs are bounded and stay where they belong: sources inside the dataset's folder, only
//! regular files read, sizes limited; CSV and JSON quirks give exact errors; `generate` and
//! `path` refuse or cap what would never finish.

use crate::common::{coopgraph, dataset_with, fixture, mkfifo, run, run_on};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::Duration;

fn in_time(args: &[&str]) -> (i32, String, String) {
    let output = coopgraph()
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_source_outside_the_dataset_folder_is_refused_unless_allowed() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_with(temp.path(), |v| {
        v["sources"][0]["file"] = "/etc/passwd".into()
    });
    let out = temp.path().join("out");
    let (code, _, stderr) = run_on(&data, &["report", "--out", &out.to_string_lossy()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("source file '/etc/passwd' lies outside the dataset's folder")
            && stderr.contains("it is an absolute path"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    // Climbing out with `..`, and through a symbolic link.
    fs::copy(
        fixture("valid/sources/mini.txt"),
        temp.path().join("outside.txt"),
    )
    .expect("copy");
    let climbing = dataset_with(temp.path(), |v| {
        v["sources"][0]["file"] = "../outside.txt".into()
    });
    let (code, stdout, stderr) = run_on(&climbing, &["validate"]);
    let stderr = stdout + &stderr;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("climbs out with '..'"), "{stderr}");
    // Allowed roots and the flag that lifts the rule.
    let root = temp.path().to_string_lossy().into_owned();
    let (code, stdout, _) = run_on(&climbing, &["--allow-source-root", &root, "validate"]);
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) = run_on(&climbing, &["--allow-outside-sources", "validate"]);
    assert_eq!(code, 0, "{stdout}");
    #[cfg(unix)]
    {
        let linked = dataset_with(temp.path(), |v| {
            v["sources"][0]["file"] = "sources/link.txt".into()
        });
        std::os::unix::fs::symlink(
            temp.path().join("outside.txt"),
            temp.path().join("data/sources/link.txt"),
        )
        .expect("symlink");
        let (code, stdout, stderr) = run_on(&linked, &["validate"]);
        let stderr = stdout + &stderr;
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("a symbolic link leads to"), "{stderr}");
    }
}

#[test]
fn a_csv_source_outside_the_folder_is_refused_at_its_row() {
    let temp = tempfile::tempdir().expect("temp");
    let tables = temp.path().join("tables");
    let (code, _, stderr) = run(&["export", "--format", "csv", "-o", &tables.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let sources = fs::read_to_string(tables.join("sources.csv")).expect("sources.csv");
    let hostile = sources.replace("sources/japan-india-2009-action-plan.txt", "/etc/passwd");
    fs::write(tables.join("sources.csv"), hostile).expect("write");
    let (code, _, stderr) = run(&["import", "csv", &tables.to_string_lossy()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("sources.csv line 2 (file): source file '/etc/passwd' lies outside"),
        "{stderr}"
    );
}

#[test]
fn the_csv_export_copies_only_cited_sources() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_with(temp.path(), |v| {
        v["sources"]
            .as_array_mut()
            .expect("sources")
            .push(serde_json::json!({
                "id": "diary", "title": "A private diary", "file": "sources/diary.txt"
            }));
    });
    fs::write(temp.path().join("data/sources/diary.txt"), "private").expect("write");
    let tables = temp.path().join("tables");
    let (code, _, stderr) = run_on(
        &data,
        &["export", "--format", "csv", "-o", &tables.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(tables.join("sources/mini.txt").exists());
    assert!(!tables.join("sources/diary.txt").exists());
    let sources = fs::read_to_string(tables.join("sources.csv")).expect("sources.csv");
    assert!(sources.contains("diary,A private diary,,,"), "{sources}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_sizes_are_limited() {
    let temp = tempfile::tempdir().expect("temp");
    let fifo = temp.path().join("pipe.json");
    mkfifo(&fifo);
    let fifo_arg = fifo.to_string_lossy().into_owned();
    for (data, expected) in [
        (
            fifo_arg.as_str(),
            "is a FIFO (named pipe), not a regular file",
        ),
        ("/dev/zero", "is a device, not a regular file"),
    ] {
        let (code, _, stderr) = in_time(&["--data", data, "validate"]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
    // A source text that is a FIFO, inside the dataset's folder.
    let data = dataset_with(temp.path(), |v| {
        v["sources"][0]["file"] = "sources/pipe".into()
    });
    mkfifo(&temp.path().join("data/sources/pipe"));
    let (code, stdout, stderr) = in_time(&["--data", &data.to_string_lossy(), "validate"]);
    let stderr = stdout + &stderr;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("source text"), "{stderr}");
    assert!(stderr.contains("FIFO"), "{stderr}");
    // A CSV table that is a device.
    let tables = temp.path().join("tables");
    fs::create_dir(&tables).expect("mkdir");
    std::os::unix::fs::symlink("/dev/zero", tables.join("bodies.csv")).expect("symlink");
    let (code, _, stderr) = in_time(&["import", "csv", &tables.to_string_lossy()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bodies.csv: CSV table"), "{stderr}");
    // The size limit, and the flag that raises it.
    let minimal = fixture("valid/minimal.json").to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["--data", &minimal, "--max-input-size", "1KB", "validate"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("more than the input limit of 1 KB"),
        "{stderr}"
    );
    assert!(stderr.contains("--max-input-size"), "{stderr}");
    let (code, _, stderr) = run(&["--data", &minimal, "--max-input-size", "1MB", "validate"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn generate_refuses_absurd_sizes_without_allocating() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("g.json").to_string_lossy().into_owned();
    for args in [
        vec!["--bodies", "1000000000000", "--mechanisms", "10"],
        vec![
            "--bodies",
            "100",
            "--mechanisms",
            "10",
            "--groups",
            "1000000000000",
        ],
        vec!["--bodies", "100", "--mechanisms", "100000000000000"],
    ] {
        let mut all = vec!["generate"];
        all.extend(args.iter().copied());
        all.extend(["-o", out.as_str()]);
        let (code, _, stderr) = in_time(&all);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{stderr}"
        );
    }
    assert!(!Path::new(&out).exists());
}

#[test]
fn path_enumeration_stops_at_its_cap_and_says_so() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("g.json");
    let data_arg = data.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&[
        "generate",
        "--bodies",
        "2000",
        "--mechanisms",
        "800",
        "-o",
        &data_arg,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = in_time(&[
        "--data",
        &data_arg,
        "path",
        "g0",
        "g1",
        "--max-hops",
        "4",
        "--max-paths",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let answer: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(answer["truncated"], true);
    assert_eq!(answer["stopped"]["reason"], "path-cap");
    let (code, stdout, _) = in_time(&[
        "--data",
        &data_arg,
        "path",
        "g0",
        "g1",
        "--max-hops",
        "4",
        "--max-paths",
        "500",
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("The search stopped early, after 500 paths"),
        "{stdout}"
    );
}

#[test]
fn avoiding_an_end_and_unreachable_ends_are_said_plainly() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_with(temp.path(), |v| {
        v["groups"]
            .as_array_mut()
            .expect("groups")
            .push(serde_json::json!({
                "id": "east", "name": "East"
            }));
        v["bodies"]
            .as_array_mut()
            .expect("bodies")
            .push(serde_json::json!({
                "id": "island", "name": "Island Office", "kind": "office", "group": "east"
            }));
    });
    let (code, _, stderr) = run_on(
        &data,
        &["path", "mod-north", "mod-south", "--avoid", "mod-north"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("covers the start itself"), "{stderr}");
    let (code, _, stderr) = run_on(
        &data,
        &[
            "render",
            "path:mod-north:island",
            "--format",
            "dot",
            "-o",
            "-",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("at any length"), "{stderr}");
    assert!(!stderr.contains("within 3 hops"), "{stderr}");
}

#[test]
fn a_json_dataset_with_a_byte_order_mark_loads() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_with(temp.path(), |_| {});
    let text = fs::read_to_string(&data).expect("read");
    fs::write(&data, format!("\u{feff}{text}")).expect("write");
    let (code, stdout, stderr) = run_on(&data, &["validate"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

fn tables(dir: &Path, bodies: &str) {
    fs::write(dir.join("bodies.csv"), bodies).expect("write");
    fs::write(
        dir.join("mechanisms.csv"),
        "id,name,kind\r\ndialogue,Dialogue,dialogue\r\n",
    )
    .expect("write");
    fs::write(
        dir.join("participants.csv"),
        "body,mechanism\r\nmofa,dialogue\r\nmea,dialogue\r\n",
    )
    .expect("write");
}

#[test]
fn csv_errors_name_the_right_line_and_bad_quoting_is_an_error() {
    let temp = tempfile::tempdir().expect("temp");
    let dir = temp.path().to_string_lossy().into_owned();
    // Windows line ends: the error is on line 3.
    tables(
        temp.path(),
        "id,name,kind,group\r\nmofa,MOFA,ministry,Japan\r\nmea,MEA,,India\r\n",
    );
    let (code, _, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bodies.csv line 3, column 'kind': empty"),
        "{stderr}"
    );
    // Import errors say what to run next, and it is a command that works.
    assert!(
        stderr.contains(&format!("run `coopgraph import csv {dir}` again")),
        "{stderr}"
    );
    assert!(!stderr.contains("--data"), "{stderr}");
    // Text after a closing quote: an error naming file, line and column, not a silent repair.
    tables(
        temp.path(),
        "id,name,kind,group\r\nmofa,MOFA,ministry,Japan\r\nmea,\"Y \"bad\" body\",ministry,India\r\n",
    );
    let (code, _, stderr) = run(&["import", "csv", &dir]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bodies.csv line 3, column 'name': the quoted cell \"Y \"bad\" body\" goes on after its closing quote"),
        "{stderr}"
    );
}

#[test]
fn semicolons_in_list_items_survive_the_csv_round_trip() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_with(temp.path(), |v| {
        v["bodies"][0]["aliases"] =
            serde_json::json!(["North; the ministry", "C:\\path\\;x", "plain"]);
        v["forums"][0]["members"] = serde_json::json!(["north", "space-north"]);
    });
    let tables = temp.path().join("data/tables");
    let (code, _, stderr) = run_on(
        &data,
        &["export", "--format", "csv", "-o", &tables.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    let back = temp.path().join("data/back.json");
    let (code, _, stderr) = run(&[
        "import",
        "csv",
        &tables.to_string_lossy(),
        "-o",
        &back.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let original = coopgraph::ingest::json::read(&data).expect("original");
    let imported = coopgraph::ingest::json::read(&back).expect("imported");
    assert_eq!(imported.bodies[0].aliases, original.bodies[0].aliases);
    assert_eq!(imported.bodies, original.bodies);
    assert_eq!(imported.forums, original.forums);
}
