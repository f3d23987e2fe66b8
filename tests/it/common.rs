//! Helpers shared by the integration tests.

use assert_cmd::Command;
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
