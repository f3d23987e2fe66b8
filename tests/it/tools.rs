//! Outside tools some tests need: they skip loudly when the tool is missing on a laptop and
//! fail when `CI=true`, where `.ci/run` installs them.

/// True when `program` runs; otherwise prints a loud SKIP (or panics under CI).
pub fn available(program: &str, args: &[&str], purpose: &str) -> bool {
    let runs = std::process::Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if runs {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{program} is required in CI ({purpose}); .ci/run installs it");
    }
    eprintln!("\n*** SKIPPED: {program} is not installed, so {purpose} was not tested ***\n");
    false
}

/// Graphviz.
pub fn graphviz() -> bool {
    available("dot", &["-V"], "rendering with Graphviz")
}

/// The Chromium binary, if installed.
pub fn chromium() -> Option<&'static str> {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if std::process::Command::new(candidate)
            .arg("--version")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
        {
            return Some(candidate);
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("chromium is required in CI (the HTML view's browser tests); .ci/run installs it");
    }
    eprintln!("\n*** SKIPPED: chromium is not installed, so the HTML view was not tested in a browser ***\n");
    None
}
