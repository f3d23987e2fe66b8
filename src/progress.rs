//! Progress on stderr for long work: a spinner with the current stage, drawn only when stderr is
//! a terminal (indicatif hides itself otherwise), so pipes and CI logs stay clean.

use crate::text::escape::{terminal, terminal_message};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// Environment variable that makes every stage print its start time and the process's
/// resident memory on stderr: where a long run spends its time, without a profiler.
pub const TIMINGS_ENV: &str = "COOPGRAPH_TIMINGS";

/// A spinner that names the stage of work under way.
pub struct Progress {
    bar: ProgressBar,
    /// When the run started, if stage timings were asked for.
    timings: Option<std::time::Instant>,
}

/// The process's resident memory in MB (Linux; `None` elsewhere).
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / 1_000_000)
}

impl Progress {
    /// Starts a spinner (invisible when stderr is not a terminal).
    pub fn start(message: &str) -> Progress {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.set_message(terminal(message).into_owned());
        let timings = std::env::var_os(TIMINGS_ENV).map(|_| std::time::Instant::now());
        let progress = Progress { bar, timings };
        progress.time(message);
        progress
    }

    /// A spinner that never draws: for library callers with no terminal of their own.
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            timings: None,
        }
    }

    /// Names the next stage.
    pub fn stage(&self, message: &str) {
        self.bar.set_message(terminal(message).into_owned());
        self.time(message);
    }

    /// With [`TIMINGS_ENV`] set: prints the stage's start time and resident memory.
    fn time(&self, message: &str) {
        if let Some(started) = self.timings {
            let memory = resident_mb().map_or(String::new(), |mb| format!(", {mb} MB"));
            self.println(&format!(
                "[{:6.2} s{memory}] {message}",
                started.elapsed().as_secs_f64()
            ));
        }
    }

    /// Prints a line above the spinner (or plainly when there is no terminal).
    pub fn println(&self, line: &str) {
        let line = terminal_message(line);
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
