//! Our own Graphviz runner: finds `dot` (or `COOPGRAPH_DOT`), picks a layout engine by size,
//! feeds DOT on stdin, enforces a timeout, and says how to install Graphviz when it is missing.
//! (graphviz-rust's `exec` always runs a binary called `dot` and has no timeout.)

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Environment variable naming the Graphviz binary to run.
pub const ENV: &str = "COOPGRAPH_DOT";

/// How to get Graphviz, for error messages.
pub const INSTALL_HINT: &str = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) or set COOPGRAPH_DOT to the dot binary";

/// Above this many nodes `dot` is too slow (measured: ~2 s at 500 nodes, ~28 s at 2,000) and
/// `sfdp` is used unless an engine is asked for.
pub const SFDP_THRESHOLD: usize = 400;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Layered layout; the clearest for small graphs.
    Dot,
    /// Spring model; deterministic.
    Neato,
    /// Force-directed; its output changes from run to run even when seeded.
    Fdp,
    /// Multiscale force-directed; fast on large graphs.
    Sfdp,
}

impl Engine {
    /// The engine's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Sfdp => "sfdp",
        }
    }

    /// `dot` for graphs of at most [`SFDP_THRESHOLD`] nodes, `sfdp` above.
    pub fn for_size(nodes: usize) -> Engine {
        if nodes <= SFDP_THRESHOLD {
            Engine::Dot
        } else {
            Engine::Sfdp
        }
    }
}

/// An output Graphviz writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// SVG.
    Svg,
    /// PNG, at this resolution (dots per inch) when given. Only PNG gets the page's DPI: in SVG
    /// it would scale the drawing past its own viewBox.
    Png(Option<u32>),
    /// The layout as JSON (`-Tjson`): positions, sizes and text, for measuring readability.
    Json,
}

/// The Graphviz binary: `COOPGRAPH_DOT` if set, else `dot` on PATH.
pub fn binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(ENV) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error::GraphvizMissing(format!(
                "{ENV}={} is not a file; {INSTALL_HINT}",
                path.display()
            )))
        };
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("dot"))
            .find(|candidate| candidate.is_file())
    });
    found.ok_or_else(|| {
        Error::GraphvizMissing(format!("Graphviz (dot) is not on PATH; {INSTALL_HINT}"))
    })
}

/// Lays out `dot` with `engine` and writes `output`, within `timeout`.
pub fn run(dot: &str, engine: Engine, output: Output, timeout: Duration) -> Result<Vec<u8>> {
    let binary = binary()?;
    let format = match output {
        Output::Svg => "-Tsvg",
        Output::Png(_) => "-Tpng",
        Output::Json => "-Tjson",
    };
    let mut command = Command::new(&binary);
    command.arg(format!("-K{}", engine.as_str())).arg(format);
    if let Output::Png(Some(dpi)) = output {
        command.arg(format!("-Gdpi={dpi}"));
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| {
            Error::GraphvizMissing(format!(
                "cannot run Graphviz at {}: {err}; {INSTALL_HINT}",
                binary.display()
            ))
        })?;
    let mut stdin = child.stdin.take();
    let input = dot.to_string();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.read_to_end(&mut bytes);
        }
        bytes
    });
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(err) = stderr.as_mut() {
            let _ = err.read_to_string(&mut text);
        }
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Runtime(format!(
                    "Graphviz ({}) took longer than {} s; try --engine sfdp, --top N, or a longer --timeout",
                    engine.as_str(),
                    timeout.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(err) => return Err(Error::Runtime(format!("waiting for Graphviz: {err}"))),
        }
    };
    let _ = writer.join();
    let bytes = reader.join().unwrap_or_default();
    let messages = errors.join().unwrap_or_default();
    if !status.success() || bytes.is_empty() {
        return Err(Error::Runtime(format!(
            "Graphviz ({}) failed ({status}): {}",
            engine.as_str(),
            messages.trim()
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_sfdp_for_large_graphs() {
        assert_eq!(Engine::for_size(50), Engine::Dot);
        assert_eq!(Engine::for_size(5000), Engine::Sfdp);
    }
}
