//! Helpers shared by the integration tests.
// Shared by the `it` and `tools` test binaries; each uses only some of these helpers.
#![allow(dead_code)]

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

/// Runs `report --out OUT` on the bundled dataset, with one environment variable set.
pub fn generate(out: &Path, env: Option<(&str, &str)>) -> (i32, String, String) {
    let mut command = coopgraph();
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    let output = command
        .args(["report", "--out"])
        .arg(out)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
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
