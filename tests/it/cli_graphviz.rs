//! The Graphviz runner from the command line, with a stand-in for Graphviz (a shell script named
//! by `COOPGRAPH_DOT`): no Graphviz needed.

#![cfg(unix)]

use crate::common::coopgraph;
use std::path::{Path, PathBuf};

/// A shell script standing in for `dot`.
fn fake_dot(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-dot");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

/// Runs `coopgraph render ARGS` with `COOPGRAPH_DOT=dot`; (exit code, stderr). Retries while
/// another test thread's fork still holds the fresh script open ("text file busy").
fn render_with(dot: &Path, args: &[&str]) -> (i32, String) {
    for _ in 0..20 {
        let output = coopgraph()
            .env("COOPGRAPH_DOT", dot)
            .arg("render")
            .args(args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if !stderr.contains("busy") {
            return (output.status.code().unwrap_or(-1), stderr);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the fake dot stayed busy");
}

#[test]
fn a_zero_timeout_is_a_usage_error() {
    let temp = tempfile::tempdir().expect("temp");
    let dot = fake_dot(temp.path(), "cat >/dev/null; printf '<svg></svg>\\n'");
    let svg = temp.path().join("network.svg");
    let (code, stderr) = render_with(
        &dot,
        &[
            "network",
            "--format",
            "svg",
            "--timeout",
            "0",
            "-o",
            &svg.to_string_lossy(),
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--timeout 0"), "{stderr}");
    assert!(!svg.exists(), "nothing is drawn");
}

#[test]
fn garbage_from_graphviz_is_not_saved_as_png() {
    let temp = tempfile::tempdir().expect("temp");
    let dot = fake_dot(
        temp.path(),
        "cat >/dev/null; echo 'Warning: not a picture'; exit 0",
    );
    let png = temp.path().join("network.png");
    let (code, stderr) = render_with(
        &dot,
        &["network", "--format", "png", "-o", &png.to_string_lossy()],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("that are not PNG"), "{stderr}");
    assert!(
        stderr.contains("Warning: not a picture"),
        "says what came back: {stderr}"
    );
    assert!(!png.exists(), "garbage saved as {}", png.display());
}

#[test]
fn graphviz_messages_are_capped() {
    let temp = tempfile::tempdir().expect("temp");
    let dot = fake_dot(
        temp.path(),
        "cat >/dev/null; head -c 5000000 /dev/zero | tr '\\0' 'e' >&2; exit 3",
    );
    let svg = temp.path().join("network.svg");
    let (code, stderr) = render_with(
        &dot,
        &["network", "--format", "svg", "-o", &svg.to_string_lossy()],
    );
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(300)]);
    assert!(
        stderr.len() < 8_000,
        "{} bytes of messages echoed",
        stderr.len()
    );
    assert!(
        stderr.contains("4995904 more bytes of Graphviz messages not shown"),
        "{stderr}"
    );
}
