//! Helpers shared by the integration tests.
// Shared by the `it` and `tools` test binaries; each uses only some of these helpers.
#![allow(dead_code)]

pub mod readers;

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The repository root (where `data/` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    root().join("tests/fixtures").join(relative)
}

/// The coopgraph binary, run from the repository root.
pub fn coopgraph() -> Command {
    let mut command = Command::cargo_bin("coopgraph").expect("binary builds");
    command.current_dir(root());
    command
}

/// Runs coopgraph with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = coopgraph().args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs coopgraph on the dataset at `data`.
pub fn run_on(data: &Path, args: &[&str]) -> (i32, String, String) {
    let data = data.to_string_lossy().into_owned();
    let mut all = vec!["--data", data.as_str()];
    all.extend_from_slice(args);
    run(&all)
}

/// Every file under `folder`, as `/`-separated paths relative to it.
pub fn files(folder: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(base)
                        .expect("prefix")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(folder, folder, &mut out);
    out
}

/// Runs coopgraph with `args` and, when given, one environment variable set.
pub fn run_env(env: Option<(&str, &str)>, args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let mut command = coopgraph();
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    let output = command.args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `report --out OUT` on the bundled dataset, with one environment variable set.
pub fn generate(out: &Path, env: Option<(&str, &str)>) -> (i32, String, String) {
    run_env(env, &["report".as_ref(), "--out".as_ref(), out.as_os_str()])
}

/// The minimal fixture, edited by `edit`, written with its source text into `dir/data/`.
pub fn dataset_with(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("sources")).expect("mkdir");
    std::fs::copy(
        fixture("valid/sources/mini.txt"),
        data.join("sources/mini.txt"),
    )
    .expect("copy source");
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("valid/minimal.json")).expect("fixture"),
    )
    .expect("json");
    edit(&mut value);
    let path = data.join("minimal.json");
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("ser")).expect("write");
    path
}

/// Makes a FIFO (named pipe) at `path`.
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// The id of a process that has ended.
pub fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("spawn");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

/// Runs `command`, requires success (showing its stderr otherwise) and returns its stdout.
pub fn succeed(command: &mut Command) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
