//! The library's errors: input errors (exit 2) that name the file, place and expectation, and
//! runtime errors (exit 1), and the problems validation finds in a dataset.

use serde::Serialize;
use std::path::PathBuf;

/// Everything that can go wrong in coopgraph.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file that does not parse: JSON syntax or a field of the wrong shape.
    #[error("{file}:{line}:{column}: {path}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Path of the offending field (`mechanisms[12].participants[0].body`), or `.` for the top.
        path: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A dataset that parsed but breaks the schema's rules; every problem is listed.
    #[error("{}", format_invalid(file, problems, next))]
    Invalid {
        /// The dataset file (or CSV folder).
        file: String,
        /// Every problem found (errors, and warnings when they were made errors).
        problems: Vec<Problem>,
        /// What to do next, as a command that works for this input.
        next: String,
    },
    /// Any other bad input: the message names the file, the place and what is expected.
    #[error("{0}")]
    Input(String),
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// The problems were already printed; only the exit status is left to give.
    #[error("{0}")]
    Reported(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// Graphviz is not installed (or `COOPGRAPH_DOT` names nothing runnable).
    #[error("{0}")]
    GraphvizMissing(String),
    /// Something outside coopgraph failed at run time (Graphviz crashed or timed out).
    #[error("{0}")]
    Runtime(String),
    /// Writing to standard output failed (a closed pipe is not an error: see [`Error::exit_code`]).
    #[error("writing output: {0}")]
    Output(#[source] std::io::Error),
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The dataset cannot be used as it is.
    Error,
    /// The dataset works but something looks unintended.
    Warning,
}

/// One finding of validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where: the path of the field (`mechanisms[12].participants[0].body`), or a file and line.
    pub location: String,
    /// What is wrong and what is expected, with suggestions where a name is close.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.location, self.message)
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit status: 2 for input and usage errors, 1 for runtime failures, 0 for a
    /// closed output pipe (`coopgraph stats | head` is not a failure).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Parse { .. }
            | Error::Invalid { .. }
            | Error::Input(_)
            | Error::Usage(_)
            | Error::Reported(_) => 2,
            Error::Output(source) if source.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Error::Io { .. } | Error::Output(_) | Error::GraphvizMissing(_) | Error::Runtime(_) => {
                1
            }
        }
    }

    /// Wraps an I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Most problems an error message lists: a CSV header with a million unknown columns must not
/// print a million lines (the first ones show what is wrong).
pub const PROBLEMS_SHOWN: usize = 200;

fn format_invalid(file: &str, problems: &[Problem], next: &str) -> String {
    let mut text = format!("{file} is not a valid dataset:\n");
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        text.push_str(&format!("  {problem}\n"));
    }
    if problems.len() > PROBLEMS_SHOWN {
        text.push_str(&format!(
            "  … and {} more problem(s) not shown\n",
            problems.len() - PROBLEMS_SHOWN
        ));
    }
    text.push_str(&format!("{} problem(s); {next}", problems.len()));
    text
}
