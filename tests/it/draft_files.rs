//! `draft`, `review` and `generate` under the file rules (issue 20): no output onto an input of
//! the run, every input bounded, no invalid dataset written, ids with `=` or `.` nameable, and
//! messages that say what happened. Each test names the finding it covers.

use crate::common::{fixture, mkfifo, root, run};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A copy of the minimal fixture (dataset and its source text) in a temporary folder.
fn minimal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
    std::fs::copy(
        fixture("valid/sources/mini.txt"),
        dir.path().join("sources/mini.txt"),
    )
    .expect("copy");
    let data = dir.path().join("data.json");
    std::fs::copy(fixture("valid/minimal.json"), &data).expect("copy");
    (dir, data)
}

fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Runs coopgraph with `args`, killed after `limit`: (exit code, stderr, how long it took).
fn run_within(args: &[String], limit: Duration) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_coopgraph"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("wait") {
            let output = child.wait_with_output().expect("output");
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            return (status.code(), stderr, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    (None, String::new(), started.elapsed())
}

/// Finding 1: `review -o` onto the dataset's source text through `..` is refused, the text kept.
#[test]
fn review_never_writes_onto_a_source_text() {
    let (dir, data) = minimal();
    let text = std::fs::read(dir.path().join("sources/mini.txt")).expect("read");
    let target = dir.path().join("sources/../sources/mini.txt");
    let (code, _, stderr) = run(&["review", &arg(&data), "--accept-all", "-o", &arg(&target)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("source text this command reads"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("sources/mini.txt")).expect("read"),
        text
    );
}

/// Finding 2: `draft --into A -o` onto A's source text is refused, the text kept, exit 2.
#[test]
fn draft_never_writes_onto_a_source_text_of_the_dataset_it_merges_into() {
    let (dir, data) = minimal();
    let text = std::fs::read(dir.path().join("sources/mini.txt")).expect("read");
    let doc = fixture("draft/communique.txt");
    let target = dir.path().join("sources/mini.txt");
    let (code, _, stderr) = run(&[
        "draft",
        &arg(&doc),
        "--into",
        &arg(&data),
        "-o",
        &arg(&target),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("bug in draft"), "{stderr}");
    assert!(
        stderr.contains("source text this command reads"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&target).expect("read"), text);
}

/// Finding 4: `draft` reads its document and gazetteers under the input rules: a FIFO is refused
/// at once (not a hang), a device too, a file over the limit names the limit.
#[cfg(unix)]
#[test]
fn draft_reads_documents_and_gazetteers_under_the_input_rules() {
    let dir = tempfile::tempdir().expect("temp");
    let fifo = dir.path().join("doc.txt");
    mkfifo(&fifo);
    let out = arg(&dir.path().join("d.json"));
    let (code, stderr, _) = run_within(
        &["draft".into(), arg(&fifo), "-o".into(), out.clone()],
        Duration::from_secs(30),
    );
    assert_eq!(
        code,
        Some(2),
        "a FIFO document must be refused, not waited on: {stderr}"
    );
    assert!(stderr.contains("FIFO"), "{stderr}");
    let doc = arg(&fixture("draft/communique.txt"));
    let (code, stderr, _) = run_within(
        &[
            "draft".into(),
            doc.clone(),
            "--gazetteer".into(),
            arg(&fifo),
            "-o".into(),
            out.clone(),
        ],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(2), "a FIFO gazetteer: {stderr}");
    assert!(
        stderr.contains("gazetteer") && stderr.contains("FIFO"),
        "{stderr}"
    );
    let (code, stderr, _) = run_within(
        &["draft".into(), "/dev/zero".into(), "-o".into(), out.clone()],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a device"), "{stderr}");
    let (code, stderr, _) = run_within(
        &[
            "--max-input-size".into(),
            "1KB".into(),
            "draft".into(),
            doc,
            "-o".into(),
            out.clone(),
        ],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("more than the input limit of 1 KB"),
        "{stderr}"
    );
    assert!(!dir.path().join("d.json").exists());
}

/// A one-page PDF whose one content stream is `inflated` zero bytes, Flate-compressed (a few KB).
fn pdf_bomb(inflated: usize) -> Vec<u8> {
    use std::io::Write;
    let mut zipped = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let mut left = inflated;
    while left > 0 {
        let n = left.min(chunk.len());
        zipped.write_all(&chunk[..n]).expect("zip");
        left -= n;
    }
    let body = zipped.finish().expect("zip");
    let mut pdf = Vec::new();
    pdf.extend_from_slice(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    pdf.extend_from_slice(b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
    pdf.extend_from_slice(
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n",
    );
    pdf.extend_from_slice(
        format!(
            "4 0 obj << /Length {} /Filter /FlateDecode >> stream\n",
            body.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&body);
    pdf.extend_from_slice(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    pdf
}

/// Finding 4: a PDF whose streams inflate past the input limit is refused before pdf-extract
/// inflates them.
#[test]
fn a_pdf_that_inflates_past_the_input_limit_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let pdf = dir.path().join("bomb.pdf");
    std::fs::write(&pdf, pdf_bomb(8 << 20)).expect("write");
    assert!(std::fs::metadata(&pdf).expect("meta").len() < 64 << 10);
    let (code, _, stderr) = run(&[
        "--max-input-size",
        "1MB",
        "draft",
        &arg(&pdf),
        "-o",
        &arg(&dir.path().join("d.json")),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("compressed streams inflate to over 1 MB"),
        "{stderr}"
    );
}

/// Finding 5: `generate --hierarchy-depth` is bounded with a clear error, not an abort.
#[test]
fn generate_refuses_an_absurd_hierarchy_depth() {
    let dir = tempfile::tempdir().expect("temp");
    let out = arg(&dir.path().join("g.json"));
    for depth in ["99999999999", "1000000000", "0"] {
        let args: Vec<String> = [
            "generate",
            "--bodies",
            "50",
            "--mechanisms",
            "20",
            "--hierarchy-depth",
            depth,
            "-o",
            &out,
        ]
        .map(String::from)
        .to_vec();
        let (code, stderr, _) = run_within(&args, Duration::from_secs(60));
        assert_eq!(code, Some(2), "--hierarchy-depth {depth}: {stderr}");
        assert!(stderr.contains("expected 1 to 1000 levels"), "{stderr}");
    }
    assert!(!dir.path().join("g.json").exists());
}

/// Finding 6: `review` refuses to write a dataset that `validate` rejects: exit 2, the problem
/// listed, the file untouched.
#[test]
fn review_refuses_to_write_an_invalid_dataset() {
    let cases: [&[&str]; 6] = [
        &["--set", "mod-north.parent=mod-north"],
        &["--set", "mod-north.parent=navy-north"],
        &["--set", "navy-north.parent=regional"],
        &["--set", "mod-north.group=atlantis"],
        &["--set", "defence-dialogue.via=mod-south"],
        &["--set", "defence-dialogue.area=nowhere"],
    ];
    for edit in cases {
        let (_dir, data) = minimal();
        let before = std::fs::read(&data).expect("read");
        let mut args = vec!["review".to_string(), arg(&data)];
        args.extend(edit.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 2, "{edit:?}: {stderr}");
        assert!(
            stderr.contains("is not a valid dataset"),
            "{edit:?}: {stderr}"
        );
        assert!(
            stderr.contains("review wrote nothing"),
            "{edit:?}: {stderr}"
        );
        assert_eq!(std::fs::read(&data).expect("read"), before, "{edit:?}");
    }
}

/// Finding 6: `draft --into A -o otherdir/B` rebases the source paths: B validates.
#[test]
fn draft_into_another_folder_rebases_the_source_paths() {
    let (dir, data) = minimal();
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    let output = other.join("b.json");
    let doc = fixture("draft/communique.txt");
    let (code, _, stderr) = run(&[
        "draft",
        &arg(&doc),
        "--into",
        &arg(&data),
        "-o",
        &arg(&output),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["--data", &arg(&output), "validate"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(other.join("sources/mini.txt").exists(), "{stderr}");
    assert!(other.join("sources/communique.txt").exists());
}

/// Finding 6: a gazetteer whose parents form a cycle makes `draft` refuse (exit 2, nothing
/// written, a `--into` dataset unchanged), never write an invalid dataset.
#[test]
fn draft_refuses_an_invalid_draft_and_leaves_the_into_dataset_alone() {
    let (dir, data) = minimal();
    let before = std::fs::read(&data).expect("read");
    let gazetteer = dir.path().join("cycle.csv");
    std::fs::write(
        &gazetteer,
        "type,group,name,short,aliases,kind,functions,parent\n\
         body,north,Alpha Bureau,AB,,agency,,Beta Bureau\n\
         body,north,Beta Bureau,BB,,agency,,Alpha Bureau\n\
         country,north,North,,Northern,,,\n",
    )
    .expect("write");
    let doc = dir.path().join("note.txt");
    std::fs::write(
        &doc,
        "Note between North and South\n\n1. Cooperation\n\n  • The Alpha Bureau and the Beta Bureau will hold an annual dialogue with the Ministry of Defence of South.\n",
    )
    .expect("write");
    let (code, _, stderr) = run(&[
        "draft",
        &arg(&doc),
        "--gazetteer",
        &arg(&gazetteer),
        "--into",
        &arg(&data),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cycle"), "{stderr}");
    assert!(!stderr.contains("bug in draft"), "{stderr}");
    assert_eq!(std::fs::read(&data).expect("read"), before);
    assert!(!dir.path().join("sources/note.txt").exists());
}

/// Finding 6: a `sources/` folder that is a link out of the dataset's folder: `draft` writes
/// nothing through it.
#[cfg(unix)]
#[test]
fn draft_writes_no_text_through_a_sources_link_that_leads_out() {
    let dir = tempfile::tempdir().expect("temp");
    let work = dir.path().join("work");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&work).expect("mkdir");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::os::unix::fs::symlink(&elsewhere, work.join("sources")).expect("link");
    let doc = fixture("draft/communique.txt");
    let (code, _, stderr) = run(&["draft", &arg(&doc), "-o", &arg(&work.join("d.json"))]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("a symbolic link leads to"), "{stderr}");
    assert!(std::fs::read_dir(&elsewhere)
        .expect("list")
        .next()
        .is_none());
    assert!(!work.join("d.json").exists());
}

/// Finding 7: ids holding `=` or `.` are named by the dataset's own ids, or in braces; an
/// ambiguous value is refused with its readings.
#[test]
fn review_names_ids_holding_equals_and_dots() {
    let (_dir, data) = minimal();
    let mut dataset: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&data).expect("read")).expect("json");
    let bodies = dataset["bodies"].as_array_mut().expect("bodies");
    for id in ["c", "c=d", "a.b"] {
        bodies.push(serde_json::json!({"id": id, "name": format!("Body {id}"), "kind": "agency", "group": "north"}));
    }
    std::fs::write(&data, serde_json::to_vec_pretty(&dataset).expect("json")).expect("write");
    let names = |data: &Path| -> std::collections::BTreeMap<String, String> {
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(data).expect("read")).expect("json");
        value["bodies"]
            .as_array()
            .expect("bodies")
            .iter()
            .map(|b| {
                (
                    b["id"].as_str().unwrap_or("").to_string(),
                    b["name"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let before = std::fs::read(&data).expect("read");
    let (code, _, stderr) = run(&["review", &arg(&data), "--rename", "c=d=NEW"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("can be read 2 ways"), "{stderr}");
    assert!(stderr.contains("{c=d}=NEW"), "{stderr}");
    assert_eq!(std::fs::read(&data).expect("read"), before);
    let (code, _, stderr) = run(&[
        "review",
        &arg(&data),
        "--rename",
        "{c=d}=NEW",
        "--set",
        "a.b.name=Dotted",
        "--set",
        "{c}.short=C=1",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let after = names(&data);
    assert_eq!(after["c=d"], "NEW");
    assert_eq!(after["c"], "Body c");
    assert_eq!(after["a.b"], "Dotted");
}

/// Finding 9: `--set X.f=` clears an optional field.
#[test]
fn review_set_with_nothing_after_equals_clears_the_field() {
    let (_dir, data) = minimal();
    let (code, _, stderr) = run(&["review", &arg(&data), "--set", "mod-north.short="]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&data).expect("read")).expect("json");
    let body = &value["bodies"][0];
    assert_eq!(body["id"], "mod-north");
    assert!(body.get("short").is_none_or(|s| s.is_null()), "{body}");
}

/// Finding 9: an empty id is called empty, not "did you mean ''".
#[test]
fn review_says_an_empty_id_is_empty() {
    let (_dir, data) = minimal();
    let (code, _, stderr) = run(&["review", &arg(&data), "--accept", ""]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("an empty id"), "{stderr}");
    assert!(!stderr.contains("did you mean ''"), "{stderr}");
}

/// Finding 9: an empty text file is not told to run OCR.
#[test]
fn an_empty_text_is_not_told_to_run_ocr() {
    let dir = tempfile::tempdir().expect("temp");
    let doc = dir.path().join("empty.txt");
    std::fs::write(&doc, "\n\n").expect("write");
    let (code, _, stderr) = run(&["draft", &arg(&doc), "-o", &arg(&dir.path().join("d.json"))]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("OCR"), "{stderr}");
    assert!(stderr.contains("holds no words"), "{stderr}");
}

/// Finding 9: an HTML page's DTD leftovers stay out of the source text.
#[test]
fn html_dtd_leftovers_stay_out_of_the_text() {
    let dir = tempfile::tempdir().expect("temp");
    let html = std::fs::read_to_string(fixture("draft/statement.html")).expect("read");
    let doc = dir.path().join("statement.html");
    let with_dtd = html.replacen(
        "<!DOCTYPE html>",
        "<!DOCTYPE html [ <!ENTITY org \"Quad\"> ]>",
        1,
    );
    assert_ne!(with_dtd, html, "the fixture starts with a DOCTYPE");
    std::fs::write(&doc, with_dtd).expect("write");
    let (code, _, stderr) = run(&["draft", &arg(&doc), "-o", &arg(&dir.path().join("d.json"))]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("sources/statement.txt")).expect("text");
    assert!(!text.contains("]>"), "{text}");
}

/// Finding 9: `--as-of` says which undated sources it leaves out.
#[cfg(unix)]
#[test]
fn as_of_names_the_undated_sources_it_leaves_out() {
    let dir = tempfile::tempdir().expect("temp");
    let quad = root().join("data/quad-2021-2023.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&quad).expect("read")).expect("json");
    let first = value["sources"][0]["id"].as_str().expect("id").to_string();
    value["sources"][0]
        .as_object_mut()
        .expect("source")
        .remove("date");
    let data = dir.path().join("quad.json");
    std::fs::write(&data, serde_json::to_vec(&value).expect("json")).expect("write");
    std::os::unix::fs::symlink(root().join("data/sources"), dir.path().join("sources"))
        .expect("link");
    let (_, _, stderr) = run(&[
        "--allow-outside-sources",
        "--data",
        &arg(&data),
        "stats",
        "--as-of",
        "2023",
    ]);
    assert!(
        stderr.contains("without a date left out by --as-of"),
        "{stderr}"
    );
    assert!(stderr.contains(&first), "{stderr}");
}

/// Finding 9: a dataset opened through a symbolic link finds its sources beside the file itself.
#[cfg(unix)]
#[test]
fn a_dataset_through_a_link_finds_its_sources_beside_the_file() {
    let (dir, data) = minimal();
    let elsewhere = tempfile::tempdir().expect("temp");
    let link = elsewhere.path().join("linked.json");
    std::os::unix::fs::symlink(&data, &link).expect("link");
    let (code, stdout, stderr) = run(&["--data", &arg(&link), "validate"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    drop(dir);
}

/// Finding 9: the same document under another file name is not drafted in again.
#[test]
fn the_same_document_under_another_name_is_not_drafted_twice() {
    let dir = tempfile::tempdir().expect("temp");
    let doc = fixture("draft/communique.txt");
    let data = dir.path().join("d.json");
    let (code, _, stderr) = run(&["draft", &arg(&doc), "-o", &arg(&data)]);
    assert_eq!(code, 0, "{stderr}");
    let renamed = dir.path().join("copy-of-communique.txt");
    std::fs::copy(&doc, &renamed).expect("copy");
    let before = std::fs::read(&data).expect("read");
    let (code, _, stderr) = run(&["draft", &arg(&renamed), "--into", &arg(&data)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("already in the dataset as source"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&data).expect("read"), before);
}

/// `draft -o` into a folder that does not exist yet makes it, texts and all (the check against
/// links out of the folder looks only inside the dataset's folder).
#[test]
fn draft_into_a_new_folder_makes_it() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dir.path().join("new/d.json");
    let doc = fixture("draft/communique.txt");
    let (code, _, stderr) = run(&["draft", &arg(&doc), "-o", &arg(&output)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("new/sources/communique.txt").exists());
}
