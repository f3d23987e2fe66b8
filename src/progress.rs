//! Progress on stderr for long work: a spinner with the current stage, drawn only when stderr is
//! a terminal (indicatif hides itself otherwise), so pipes and CI logs stay clean.

use crate::text::escape::{terminal, terminal_message};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// A spinner that names the stage of work under way.
pub struct Progress {
    bar: ProgressBar,
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
        Progress { bar }
    }

    /// Names the next stage.
    pub fn stage(&self, message: &str) {
        self.bar.set_message(terminal(message).into_owned());
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
