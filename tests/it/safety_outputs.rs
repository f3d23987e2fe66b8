//! Outputs never destroy what the user did not ask to replace: `report --out` writes only into a
//! new, empty or earlier-bundle folder; `-o` refuses non-regular files and the input itself,
//! writes through symbolic links and keeps permissions; an interrupted report leaves nothing;
//! a report without Graphviz keeps pictures drawn from the same DOT.

use crate::common::{coopgraph, dataset_with, dead_pid, files, mkfifo, run, run_env, run_on};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const NO_DOT: (&str, &str) = ("COOPGRAPH_DOT", "/nonexistent/dot");

/// The minimal fixture, copied with its source text into `dir/data/`.
fn dataset_in(dir: &Path) -> PathBuf {
    dataset_with(dir, |_| {})
}

/// `report --out OUT` on the dataset `data`, without Graphviz.
fn report_on(data: &Path, out: &Path) -> (i32, String, String) {
    let args = [
        "--data".as_ref(),
        data.as_os_str(),
        "report".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    run_env(Some(NO_DOT), &args)
}

/// Names in `dir` that a report may leave behind by mistake.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn report_refuses_a_folder_holding_other_files_and_touches_nothing() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let theirs = temp.path().join("thesis");
    fs::create_dir(&theirs).expect("mkdir");
    fs::write(theirs.join("chapter1.tex"), "my work").expect("write");
    let (code, _, stderr) = report_on(&data, &theirs);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a coopgraph bundle"), "{stderr}");
    assert!(stderr.contains("nothing was moved or deleted"), "{stderr}");
    assert_eq!(
        fs::read_to_string(theirs.join("chapter1.tex")).expect("intact"),
        "my work"
    );
    // The dataset's own folder: refused, naming the dataset.
    let (code, _, stderr) = report_on(&data, &temp.path().join("data"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("it holds the dataset"), "{stderr}");
    assert!(data.exists() && temp.path().join("data/sources/mini.txt").exists());
    // An existing file: refused, not moved aside.
    let file = temp.path().join("notes.txt");
    fs::write(&file, "notes").expect("write");
    let (code, _, stderr) = report_on(&data, &file);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a folder"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).expect("intact"), "notes");
    // A literal '~' is not a home folder coopgraph would guess at.
    let (code, _, stderr) = report_on(&data, Path::new("~/briefing"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("does not expand '~'"), "{stderr}");
    assert!(
        leftovers(temp.path()).is_empty(),
        "{:?}",
        leftovers(temp.path())
    );
}

#[test]
fn report_replaces_its_own_bundle_but_not_a_user_file_inside_it() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let out = temp.path().join("empty");
    fs::create_dir(&out).expect("mkdir");
    let (code, _, stderr) = report_on(&data, &out);
    assert_eq!(code, 0, "{stderr}");
    let marker: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(out.join(".coopgraph-bundle.json")).expect("marker"),
    )
    .expect("json");
    assert_eq!(marker["format"], "coopgraph-bundle/2");
    // Each file's hash, so an edited one is known by the next report.
    let index = fs::read(out.join("index.html")).expect("index");
    assert_eq!(
        marker["sha256"]["index.html"],
        coopgraph::fsio::owned::sha256_hex(&index)
    );
    assert!(marker["files"]
        .as_array()
        .expect("files")
        .iter()
        .any(|f| f == "index.html"));
    let (code, _, stderr) = report_on(&data, &out);
    assert_eq!(code, 0, "again into the earlier bundle: {stderr}");
    fs::write(out.join("tables/my-notes.csv"), "mine").expect("write");
    let (code, _, stderr) = report_on(&data, &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("tables/my-notes.csv"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("tables/my-notes.csv")).expect("n"),
        "mine"
    );
    assert!(
        leftovers(temp.path()).is_empty(),
        "{:?}",
        leftovers(temp.path())
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_report_leaves_no_temporary_folder() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let out = temp.path().join("out");
    let (code, _, stderr) = report_on(&data, &out);
    assert_eq!(code, 0, "{stderr}");
    let before = files(&out);
    // A Graphviz that never finishes, and says when it starts (with its process id).
    let started = temp.path().join("dot-started");
    let slow = temp.path().join("slow-dot");
    fs::write(
        &slow,
        format!(
            "#!/bin/sh\necho $$ > '{0}.tmp' && mv '{0}.tmp' '{0}'\nexec sleep 20\n",
            started.display()
        ),
    )
    .expect("write");
    fs::set_permissions(&slow, fs::Permissions::from_mode(0o755)).expect("chmod");
    for signal in ["-INT", "-TERM"] {
        let _ = fs::remove_file(&started);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_coopgraph"))
            .env("COOPGRAPH_DOT", &slow)
            .arg("--data")
            .arg(&data)
            .args(["report", "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !started.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(started.exists(), "the report never reached Graphviz");
        assert!(leftovers(temp.path())
            .iter()
            .any(|n| n.starts_with(".coopgraph-report-")));
        let killed = std::process::Command::new("kill")
            .arg(signal)
            .arg(child.id().to_string())
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(130), "{signal}");
        assert!(
            leftovers(temp.path()).is_empty(),
            "{signal}: {:?}",
            leftovers(temp.path())
        );
        assert_eq!(
            files(&out),
            before,
            "{signal}: the earlier bundle is intact"
        );
        // Graphviz runs in a process group of its own, which the signal did not reach: the
        // report must end it, not leave it running.
        let pid = fs::read_to_string(&started).expect("pid");
        let stat = PathBuf::from(format!("/proc/{}/stat", pid.trim()));
        let alive = || fs::read_to_string(&stat).is_ok_and(|s| !s.contains(") Z "));
        let deadline = Instant::now() + Duration::from_secs(5);
        while alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            !alive(),
            "{signal}: Graphviz ({}) outlived the report",
            pid.trim()
        );
    }
}

#[test]
fn a_stale_build_folder_of_ours_is_swept_and_others_are_left() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let dead = dead_pid();
    let stale = temp.path().join(".coopgraph-report-stale1");
    fs::create_dir_all(stale.join("bundle")).expect("mkdir");
    fs::write(
        stale.join("owner.json"),
        format!(r#"{{"format":"coopgraph-report-build/1","pid":{dead},"target":"out"}}"#),
    )
    .expect("owner");
    let foreign = temp.path().join(".coopgraph-report-not-ours");
    fs::create_dir_all(&foreign).expect("mkdir");
    fs::write(foreign.join("keep.txt"), "x").expect("write");
    let (code, _, stderr) = report_on(&data, &temp.path().join("out"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("left by an interrupted report"), "{stderr}");
    assert!(!stale.exists());
    assert!(foreign.join("keep.txt").exists());
}

#[test]
fn without_graphviz_pictures_drawn_from_the_same_dot_are_kept() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let out = temp.path().join("out");
    let (code, _, stderr) = report_on(&data, &out);
    assert_eq!(code, 0, "{stderr}");
    // Pretend an earlier run with Graphviz drew the network and the slide: pictures beside
    // their DOT, recorded in the marker with the DOT's hash (the slide's as built, unmeasured).
    let marker_path = out.join(".coopgraph-bundle.json");
    let mut marker: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&marker_path).expect("marker")).expect("json");
    for (name, hash_of) in [
        ("network", "network"),
        ("network-slide", "network-slide"),
        ("org", "bodies"),
    ] {
        let dot = fs::read(out.join(format!("diagrams/{hash_of}.dot"))).expect("dot");
        let hash = coopgraph::report::pictures::dot_hash(&String::from_utf8_lossy(&dot));
        fs::write(
            out.join(format!("diagrams/{name}.svg")),
            format!("<svg>{name} KEPT</svg>"),
        )
        .expect("svg");
        fs::write(out.join(format!("diagrams/{name}.png")), name).expect("png");
        let files: Vec<String> = ["dot", "svg", "png"]
            .iter()
            .map(|e| format!("diagrams/{name}.{e}"))
            .collect();
        for file in &files[1..] {
            marker["files"]
                .as_array_mut()
                .expect("files")
                .push(file.clone().into());
            let bytes = fs::read(out.join(file)).expect("picture");
            marker["sha256"][file] = coopgraph::fsio::owned::sha256_hex(&bytes).into();
        }
        marker["pictures"][name] = serde_json::json!({"dot_sha256": hash, "files": files});
    }
    fs::write(&marker_path, serde_json::to_vec(&marker).expect("ser")).expect("write");
    let (code, stdout, stderr) = report_on(&data, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("kept 2 picture(s) of the earlier bundle, drawn from the same DOT: network, network-slide"),
        "{stdout}"
    );
    assert!(stdout.contains("could not draw"), "{stdout}");
    assert_eq!(
        fs::read_to_string(out.join("diagrams/network.svg")).expect("kept"),
        "<svg>network KEPT</svg>"
    );
    // The org chart's recorded hash was another diagram's: its picture is not kept.
    assert!(!out.join("diagrams/org.svg").exists());
    // The page inlines the kept slide picture.
    let index = fs::read_to_string(out.join("index.html")).expect("index");
    assert!(
        index.contains("network-slide KEPT"),
        "the page inlines the kept SVG"
    );
}

#[cfg(unix)]
#[test]
fn output_files_refuse_devices_fifos_folders_and_the_input() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let original = fs::read(&data).expect("read");
    let export_to = |target: &Path| {
        run_on(
            &data,
            &[
                "export",
                "--format",
                "json",
                "-o",
                &target.to_string_lossy(),
            ],
        )
    };
    let fifo = temp.path().join("pipe");
    mkfifo(&fifo);
    for (target, expected) in [
        (PathBuf::from("/dev/null"), "is a device"),
        (fifo.clone(), "is a FIFO"),
        (temp.path().to_path_buf(), "is a folder"),
        (data.clone(), "is the dataset this command reads"),
    ] {
        let (code, _, stderr) = export_to(&target);
        assert_eq!(code, 2, "{}: {stderr}", target.display());
        assert!(stderr.contains(expected), "{}: {stderr}", target.display());
    }
    // The dataset through a hard link and through a symbolic link is still the dataset.
    let hard = temp.path().join("hard.json");
    fs::hard_link(&data, &hard).expect("hard link");
    let soft = temp.path().join("soft.json");
    std::os::unix::fs::symlink(&data, &soft).expect("symlink");
    for alias in [&hard, &soft] {
        let (code, _, stderr) = export_to(alias);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("the same file through another path"),
            "{stderr}"
        );
    }
    assert_eq!(fs::read(&data).expect("read"), original);
    // A CSV export into the dataset's folder would copy the source text over itself: the copy
    // already holds those bytes, so it is left alone (before, the export was refused), and the
    // dataset and its source stay as they were.
    let folder = data.parent().expect("folder").to_path_buf();
    let source = folder.join("sources/mini.txt");
    let source_text = fs::read(&source).expect("source");
    let (code, _, stderr) = run_on(
        &data,
        &["export", "--format", "csv", "-o", &folder.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(folder.join("bodies.csv").exists(), "the tables are written");
    assert_eq!(fs::read(&source).expect("source"), source_text);
    assert_eq!(fs::read(&data).expect("read"), original);
    // render's default output name in the dataset's folder is checked the same way.
    let (code, _, stderr) = run_on(
        &data,
        &[
            "render",
            "network",
            "--format",
            "dot",
            "-o",
            &data.to_string_lossy(),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(fs::read(&data).expect("read"), original);
}

#[cfg(unix)]
#[test]
fn output_files_write_through_links_and_keep_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let shared = temp.path().join("shared.json");
    fs::write(&shared, "old").expect("write");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o664)).expect("chmod");
    let link = temp.path().join("link.json");
    std::os::unix::fs::symlink(&shared, &link).expect("symlink");
    let (code, _, stderr) = run_on(
        &data,
        &["export", "--format", "json", "-o", &link.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&shared)
        .expect("read")
        .contains("\"nodes\""));
    assert_eq!(mode(&shared), 0o664);
    // A new file gets the mode any new file gets here (the umask decides), as report's do.
    let reference = temp.path().join("reference");
    fs::write(&reference, "x").expect("write");
    let fresh = temp.path().join("fresh.json");
    let (code, _, _) = run_on(
        &data,
        &["export", "--format", "json", "-o", &fresh.to_string_lossy()],
    );
    assert_eq!(code, 0);
    assert_eq!(mode(&fresh), mode(&reference));
    let out = temp.path().join("out");
    let (code, _, _) = report_on(&data, &out);
    assert_eq!(code, 0);
    assert_eq!(mode(&out.join("exports/network.json")), mode(&reference));
    assert_eq!(mode(&out.join("briefing.md")), mode(&reference));
}

#[test]
fn render_without_graphviz_does_not_clobber_an_existing_dot_file() {
    let temp = tempfile::tempdir().expect("temp");
    let data = dataset_in(temp.path());
    let svg = temp.path().join("net.svg");
    let dot = temp.path().join("net.dot");
    fs::write(&dot, "my own DOT").expect("write");
    let output = coopgraph()
        .env(NO_DOT.0, NO_DOT.1)
        .arg("--data")
        .arg(&data)
        .args(["render", "network", "--format", "svg", "-o"])
        .arg(&svg)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("was not saved"), "{stderr}");
    assert_eq!(fs::read_to_string(&dot).expect("intact"), "my own DOT");
    // Without a file in the way the DOT is saved, as before.
    fs::remove_file(&dot).expect("rm");
    let status = coopgraph()
        .env(NO_DOT.0, NO_DOT.1)
        .arg("--data")
        .arg(&data)
        .args(["render", "network", "--format", "svg", "-o"])
        .arg(&svg)
        .output()
        .expect("runs");
    assert_eq!(status.status.code(), Some(1));
    assert!(fs::read_to_string(&dot).expect("saved").contains("graph"));
}

#[test]
fn the_bundled_report_refuses_the_repository_root() {
    // `--out .` from the repository root would once have emptied the checkout.
    let (code, _, stderr) = run(&["report", "--out", "."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("refusing to write the report"), "{stderr}");
}
