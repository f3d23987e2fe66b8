//! Our own Graphviz runner: finds `dot` (or `COOPGRAPH_DOT`), picks a layout engine by size,
//! feeds DOT on stdin, enforces a timeout, and says how to install Graphviz when it is missing.
//! (graphviz-rust's `exec` always runs a binary called `dot` and has no timeout.)

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Environment variable naming the Graphviz binary to run.
pub const ENV: &str = "COOPGRAPH_DOT";

/// How to get Graphviz, for error messages.
pub const INSTALL_HINT: &str = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) or set COOPGRAPH_DOT to the dot binary";

/// Above this many nodes `dot` is too slow (measured: ~2 s at 500 nodes, ~28 s at 2,000) and
/// `sfdp` is used unless an engine is asked for.
pub const SFDP_THRESHOLD: usize = 400;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The engine a DOT source names (`layout="…"`), dot when it names none.
    pub fn named_in(dot: &str) -> Engine {
        let named = dot
            .split("layout=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("");
        [Engine::Neato, Engine::Fdp, Engine::Sfdp]
            .into_iter()
            .find(|e| e.as_str().eq_ignore_ascii_case(named))
            .unwrap_or(Engine::Dot)
    }

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

/// How much of Graphviz's messages is kept for the error (the rest is counted, not shown): a
/// broken input can make it print megabytes.
pub const MESSAGES_KEPT: usize = 4096;

/// The time one drawing may take in all: every Graphviz run and every stage of coopgraph's own
/// layout work (the candidate columns, the roll-ups, the cuts) draws from it, so `--timeout`
/// bounds the whole command rather than each of its many Graphviz runs.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    started: Instant,
    budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Self {
        Deadline {
            started: Instant::now(),
            budget,
        }
    }

    /// True once the budget is spent.
    pub fn passed(&self) -> bool {
        self.started.elapsed() >= self.budget
    }

    /// What is left of the budget (zero once it is spent).
    pub fn left(&self) -> Duration {
        self.budget.saturating_sub(self.started.elapsed())
    }

    /// The part of the budget the optional work may use: measuring candidate layouts, rolling
    /// up, cutting further. It stops at half the budget, so that the drawing it settles on still
    /// has the other half to be rendered in (a 98-box org chart with 1,930 ties takes Graphviz
    /// 16 s a run, and a drawing measures up to seven candidates).
    pub fn for_measuring(&self) -> Deadline {
        Deadline {
            started: self.started,
            budget: self.budget / 2,
        }
    }

    /// The error a drawing that ran out of time ends with.
    pub fn error(&self, engine: Engine) -> Error {
        Error::Runtime(format!(
            "drawing took longer than {} s (Graphviz ({}) and coopgraph's own layout together); try --engine sfdp, --top N, --collapse D, or a longer --timeout",
            self.budget.as_secs(),
            engine.as_str()
        ))
    }
}

/// Lays out `dot` with `engine` and writes `output`, within `timeout`.
///
/// Graphviz runs in a process group of its own; on timeout (and once it has exited) the whole
/// group is killed, so the children of a `COOPGRAPH_DOT` wrapper script cannot outlive it. What
/// comes back must carry the PNG or SVG signature; its messages are kept up to
/// [`MESSAGES_KEPT`] bytes.
pub fn run(dot: &str, engine: Engine, output: Output, timeout: Duration) -> Result<Vec<u8>> {
    run_within(dot, engine, output, &Deadline::after(timeout))
}

/// [`run`] within what is left of `deadline`.
pub fn run_within(
    dot: &str,
    engine: Engine,
    output: Output,
    deadline: &Deadline,
) -> Result<Vec<u8>> {
    run_binary_one(&binary()?, dot, engine, output, deadline)
}

/// Lays `dot` out once with `engine` and writes each of `outputs` from that one layout (dot
/// takes several `-T FORMAT -o FILE` pairs), within what is left of `deadline`: an SVG and a
/// PNG of the same picture cost one layout, not two. A PNG at a resolution of its own is the
/// exception: the DPI is the whole run's and would scale an SVG past its viewBox, so it is laid
/// out in a run of its own. The bytes come back in the order of `outputs`.
pub fn run_all_within(
    dot: &str,
    engine: Engine,
    outputs: &[Output],
    deadline: &Deadline,
) -> Result<Vec<Vec<u8>>> {
    let binary = binary()?;
    type Placed = Vec<(usize, Output)>;
    let (own_dpi, shared): (Placed, Placed) = outputs
        .iter()
        .copied()
        .enumerate()
        .partition(|(_, output)| matches!(output, Output::Png(Some(_))) && outputs.len() > 1);
    let mut written: Vec<Option<Vec<u8>>> = vec![None; outputs.len()];
    let runs = std::iter::once(shared)
        .chain(own_dpi.into_iter().map(|one| vec![one]))
        .filter(|run| !run.is_empty());
    for run in runs {
        let asked: Vec<Output> = run.iter().map(|(_, output)| *output).collect();
        let bytes = run_binary(&binary, dot, engine, &asked, deadline)?;
        for ((at, _), bytes) in run.into_iter().zip(bytes) {
            written[at] = Some(bytes);
        }
    }
    Ok(written.into_iter().map(Option::unwrap_or_default).collect())
}

/// [`run_within`] with the Graphviz binary given.
fn run_binary_one(
    binary: &std::path::Path,
    dot: &str,
    engine: Engine,
    output: Output,
    deadline: &Deadline,
) -> Result<Vec<u8>> {
    let mut written = run_binary(binary, dot, engine, &[output], deadline)?;
    Ok(written.pop().unwrap_or_default())
}

/// The `-T` flag of an output.
fn format_flag(output: Output) -> &'static str {
    match output {
        Output::Svg => "-Tsvg",
        Output::Png(_) => "-Tpng",
        Output::Json => "-Tjson",
    }
}

/// Runs Graphviz at `binary` once for every one of `outputs`: a single output comes back on
/// standard output, several are written to files of a temporary folder (`-T FORMAT -o FILE`
/// pairs; an `-o` binds to the `-T` before it) and read back.
fn run_binary(
    binary: &std::path::Path,
    dot: &str,
    engine: Engine,
    outputs: &[Output],
    deadline: &Deadline,
) -> Result<Vec<Vec<u8>>> {
    if deadline.budget.is_zero() {
        return Err(Error::Usage(
            "the Graphviz timeout must be at least 1 second".into(),
        ));
    }
    if deadline.passed() {
        return Err(deadline.error(engine));
    }
    let mut command = Command::new(binary);
    command.arg(format!("-K{}", engine.as_str()));
    let folder = if outputs.len() > 1 {
        Some(tempfile::tempdir().map_err(|e| {
            Error::Runtime(format!("cannot make a folder for Graphviz's output: {e}"))
        })?)
    } else {
        None
    };
    let files: Vec<PathBuf> = match &folder {
        Some(folder) => (0..outputs.len())
            .map(|at| folder.path().join(format!("output-{at}")))
            .collect(),
        None => Vec::new(),
    };
    for (at, output) in outputs.iter().enumerate() {
        command.arg(format_flag(*output));
        if let Some(file) = files.get(at) {
            command.arg("-o").arg(file);
        }
        if let Output::Png(Some(dpi)) = output {
            command.arg(format!("-Gdpi={dpi}"));
        }
    }
    own_process_group(&mut command);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // A terminal's Ctrl-C does not reach a group of its own: the interrupt handler ends it.
    let (mut child, _group) =
        crate::fsio::cleanup::spawn_in_group(&mut command).map_err(|err| {
            Error::GraphvizMissing(format!(
                "cannot run Graphviz at {}: {err}; {INSTALL_HINT}",
                binary.display()
            ))
        })?;
    let mut stdin = child.stdin.take();
    let input = dot.to_string();
    std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let (sender, results) = mpsc::channel();
    if let Some(mut stdout) = child.stdout.take() {
        let sender = sender.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stdout.read_to_end(&mut bytes);
            let _ = sender.send(Stream::Out(bytes));
        });
    }
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let _ = sender.send(Stream::Err(read_capped(stderr, MESSAGES_KEPT)));
        });
    }
    // Waited for in a thread of its own, so the exit is seen at once: polling every 20 ms
    // added 10 ms on average to each of the report's 70–200 runs.
    let leader = child.id();
    let (exited, exit) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = exited.send(child.wait());
    });
    let status = match exit.recv_timeout(deadline.left()) {
        Ok(Ok(status)) => status,
        Ok(Err(err)) => {
            crate::fsio::cleanup::kill_group(leader);
            return Err(Error::Runtime(format!("waiting for Graphviz: {err}")));
        }
        // Out of time: ending the group ends the waiting thread's wait.
        Err(mpsc::RecvTimeoutError::Timeout) => {
            crate::fsio::cleanup::kill_group(leader);
            return Err(deadline.error(engine));
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            crate::fsio::cleanup::kill_group(leader);
            return Err(Error::Runtime(
                "waiting for Graphviz: the waiting thread ended".into(),
            ));
        }
    };
    // Whatever the exited process left behind would hold the pipes open: end it too.
    crate::fsio::cleanup::kill_group(leader);
    let mut bytes = None;
    let mut messages = None;
    while bytes.is_none() || messages.is_none() {
        match results.recv_timeout(Duration::from_secs(5)) {
            Ok(Stream::Out(out)) => bytes = Some(out),
            Ok(Stream::Err(err)) => messages = Some(err),
            Err(_) => break, // a stray process outside the group still holds a pipe
        }
    }
    let messages = messages.unwrap_or_default();
    let failed = || {
        Error::Runtime(format!(
            "Graphviz ({}) failed ({status}): {}",
            engine.as_str(),
            messages.shown()
        ))
    };
    if !status.success() {
        return Err(failed());
    }
    let written: Vec<Vec<u8>> = if files.is_empty() {
        vec![bytes.unwrap_or_default()]
    } else {
        // Through fsio: a file of the temporary folder that is not a regular file of Graphviz's
        // making (a link, a FIFO) or is past the size cap is an error, not a hang.
        files
            .iter()
            .map(|file| {
                crate::fsio::input::read_regular(file, "Graphviz's output").map_err(Error::Runtime)
            })
            .collect::<Result<_>>()?
    };
    for (bytes, output) in written.iter().zip(outputs) {
        if bytes.is_empty() {
            return Err(failed());
        }
        check_signature(bytes, *output, engine)?;
    }
    Ok(written)
}

/// What one of the reader threads collected.
enum Stream {
    Out(Vec<u8>),
    Err(Capped),
}

/// The start of a stream and how much more there was.
#[derive(Debug, Default, PartialEq)]
struct Capped {
    kept: String,
    dropped: u64,
}

impl Capped {
    /// The kept messages, trimmed, with a count of what was left out.
    fn shown(&self) -> String {
        let kept = self.kept.trim();
        if self.dropped == 0 {
            kept.to_string()
        } else {
            format!(
                "{kept}\n… and {} more bytes of Graphviz messages not shown",
                self.dropped
            )
        }
    }
}

/// Reads `stream` to its end, keeping its first `limit` bytes (cut at a character boundary)
/// and counting the rest; memory stays bounded however much is written.
fn read_capped(mut stream: impl Read, limit: usize) -> Capped {
    let mut kept = Vec::new();
    let mut total: u64 = 0;
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                let room = limit.saturating_sub(kept.len());
                kept.extend_from_slice(&chunk[..n.min(room)]);
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let valid = match std::str::from_utf8(&kept) {
        Ok(_) => kept.len(),
        Err(err) if err.error_len().is_none() => err.valid_up_to(),
        Err(_) => kept.len(),
    };
    Capped {
        kept: String::from_utf8_lossy(&kept[..valid]).into_owned(),
        dropped: total - valid as u64,
    }
}

/// Refuses output that is not what was asked for: a wrapper or a broken Graphviz can exit 0
/// after writing anything, and that must not be saved as a `.png` or `.svg`.
fn check_signature(bytes: &[u8], output: Output, engine: Engine) -> Result<()> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    let (ok, what) = match output {
        Output::Png(_) => (bytes.starts_with(PNG), "PNG"),
        Output::Svg => {
            let text = String::from_utf8_lossy(bytes);
            let text = text.trim_start_matches('\u{FEFF}').trim();
            let opens = text.starts_with("<?xml")
                || text.starts_with("<svg")
                || text.starts_with("<!DOCTYPE svg");
            (
                opens && text.contains("<svg") && text.ends_with("</svg>"),
                "SVG",
            )
        }
        Output::Json => (
            serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok(),
            "JSON",
        ),
    };
    if ok {
        return Ok(());
    }
    let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).into_owned();
    Err(Error::Runtime(format!(
        "Graphviz ({}) exited successfully but wrote {} bytes that are not {what} (they start {start:?}); nothing was saved",
        engine.as_str(),
        bytes.len()
    )))
}

/// Makes the child the leader of a new process group, so that [`kill_group`] reaches its
/// children too.
#[cfg(unix)]
fn own_process_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_process_group(_command: &mut Command) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_sfdp_for_large_graphs() {
        assert_eq!(Engine::for_size(50), Engine::Dot);
        assert_eq!(Engine::for_size(5000), Engine::Sfdp);
    }

    #[test]
    fn caps_what_it_keeps_of_a_stream() {
        let long = "é".repeat(10_000); // 20,000 bytes
        let capped = read_capped(long.as_bytes(), 4095);
        assert_eq!(capped.kept.len(), 4094, "cut at a character boundary");
        assert_eq!(capped.dropped, 20_000 - 4094);
        assert!(capped
            .shown()
            .ends_with("… and 15906 more bytes of Graphviz messages not shown"));
    }

    #[test]
    fn one_run_draws_the_svg_and_png_of_one_layout() {
        if binary().is_err() {
            eprintln!("Graphviz is not installed: skipped");
            return;
        }
        let dot = "graph { label=\"t\"; a -- b; b -- c; c -- a; c -- d }";
        let timeout = Duration::from_secs(60);
        let deadline = Deadline::after(timeout);
        let all = run_all_within(
            dot,
            Engine::Dot,
            &[Output::Svg, Output::Png(None), Output::Json],
            &deadline,
        )
        .expect("Graphviz draws");
        assert_eq!(all.len(), 3);
        let alone = |output| run(dot, Engine::Dot, output, timeout).expect("Graphviz draws");
        assert_eq!(all[0], alone(Output::Svg), "the SVG of a run of its own");
        assert_eq!(
            all[1],
            alone(Output::Png(None)),
            "the PNG of a run of its own"
        );
        assert!(serde_json::from_slice::<serde_json::Value>(&all[2]).is_ok());
        // A PNG at a resolution of its own is laid out apart: the DPI would scale the SVG.
        let slide = run_all_within(
            dot,
            Engine::Dot,
            &[Output::Png(Some(200)), Output::Svg],
            &deadline,
        )
        .expect("Graphviz draws");
        assert_eq!(slide[0], alone(Output::Png(Some(200))));
        assert_eq!(slide[1], all[0], "the SVG is not scaled by the PNG's DPI");
        assert_ne!(slide[0], all[1], "the PNG is drawn at its DPI");
    }

    #[test]
    fn a_zero_timeout_is_refused() {
        let err = run_binary_one(
            std::path::Path::new("/bin/true"),
            "graph {}",
            Engine::Dot,
            Output::Svg,
            &Deadline::after(Duration::ZERO),
        )
        .expect_err("refused");
        assert_eq!(err.exit_code(), 2, "{err}");
    }

    #[test]
    fn a_spent_deadline_stops_the_next_run_before_it_starts() {
        // The earlier stages of a drawing used the whole budget: the next Graphviz run is not
        // started (a missing binary would otherwise be reported), and the error names the
        // budget of the whole drawing.
        let spent = Deadline {
            started: Instant::now() - Duration::from_secs(3),
            budget: Duration::from_secs(2),
        };
        let err = run_binary_one(
            std::path::Path::new("/nonexistent/dot"),
            "graph {}",
            Engine::Dot,
            Output::Svg,
            &spent,
        )
        .expect_err("out of time");
        assert_eq!(err.exit_code(), 1, "{err}");
        assert!(
            err.to_string().contains("drawing took longer than 2 s"),
            "{err}"
        );
    }

    /// A stand-in for Graphviz: a shell script.
    #[cfg(unix)]
    fn fake_dot(body: &str) -> (tempfile::TempDir, PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("dot");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        (dir, path)
    }

    /// Runs the fake, retrying when another test thread's fork still held the script open
    /// for writing ("text file busy").
    #[cfg(unix)]
    fn run_fake(path: &std::path::Path, output: Output, timeout: Duration) -> Result<Vec<u8>> {
        for _ in 0..20 {
            match run_binary_one(
                path,
                "graph {}",
                Engine::Dot,
                output,
                &Deadline::after(timeout),
            ) {
                Err(Error::GraphvizMissing(message)) if message.contains("busy") => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return other,
            }
        }
        run_binary_one(
            path,
            "graph {}",
            Engine::Dot,
            output,
            &Deadline::after(timeout),
        )
    }

    #[cfg(unix)]
    #[test]
    fn fifty_megabytes_of_messages_are_not_echoed() {
        let (_dir, dot) = fake_dot("head -c 50000000 /dev/zero | tr '\\0' x >&2; exit 1");
        let err = run_fake(&dot, Output::Svg, Duration::from_secs(60)).expect_err("fails");
        let message = err.to_string();
        assert!(message.len() < 5000, "{} bytes of message", message.len());
        assert!(
            message.contains("49995904 more bytes"),
            "{}",
            &message[message.len() - 80..]
        );
    }

    #[cfg(unix)]
    #[test]
    fn garbage_is_not_taken_for_a_png_or_svg() {
        let (_dir, dot) = fake_dot("cat >/dev/null; echo 'hello, not a picture'");
        for output in [Output::Png(None), Output::Svg] {
            let err = run_fake(&dot, output, Duration::from_secs(30)).expect_err("refused");
            let message = err.to_string();
            assert!(message.contains("21 bytes that are not"), "{message}");
            assert!(message.contains("\"hello, not a picture\\n\""), "{message}");
        }
        let (_dir, dot) = fake_dot("cat >/dev/null; printf '<svg></svg>\\n'");
        assert!(run_fake(&dot, Output::Svg, Duration::from_secs(30)).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_timeout_kills_the_wrappers_children_too() {
        let dir = tempfile::tempdir().expect("temp");
        let pid_file = dir.path().join("child.pid");
        let (_script_dir, dot) = fake_dot(&format!(
            "sleep 300 & echo $! > {}\nwait",
            pid_file.display()
        ));
        let started = Instant::now();
        let err = run_fake(&dot, Output::Svg, Duration::from_secs(1)).expect_err("times out");
        assert!(err.to_string().contains("took longer than 1 s"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(20));
        let pid = std::fs::read_to_string(&pid_file).expect("pid written");
        let proc_dir = PathBuf::from(format!("/proc/{}", pid.trim()));
        // The killed `sleep` is gone, or a zombie waiting for init to reap it.
        let alive = || {
            std::fs::read_to_string(proc_dir.join("stat")).is_ok_and(|stat| !stat.contains(") Z "))
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            !alive(),
            "the wrapper's child {} survived the timeout",
            pid.trim()
        );
    }
}
