//! The outside programs some checks need, and how to tell whether they are here.
//!
//! A check whose tool is missing is marked ignored (and counted as not run in the summary), so
//! a laptop without Graphviz never sees a green `ok` for a check that did nothing. Under
//! `CI=true` nothing is ignored: the check runs and fails on the missing tool, because `.ci/run`
//! installs every tool.

use std::process::Command;

/// A program from outside Rust that a check runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    /// Graphviz's `dot`: SVG and PNG diagrams.
    Graphviz,
    /// Headless Chromium: the HTML page's behaviour.
    Chromium,
    /// Python with NetworkX: reading the exports back.
    NetworkX,
    /// Python 3 (standard library only): drives Chromium with real key presses and clicks.
    Python,
    /// Python with graphqlite (a Cypher engine on SQLite): running the Cypher export.
    Graphqlite,
    /// util-linux's `script`: runs coopgraph with a terminal (a pseudo-terminal) as its output.
    Script,
    /// Poppler's `pdftotext`: `draft`'s second way to read a PDF.
    Pdftotext,
    /// Node.js: runs functions of the page's script against the Rust escaping.
    Node,
    /// LibreOffice Impress, headless: converts the deck to PDF.
    LibreOffice,
    /// Python with python-pptx: reads the deck back.
    PythonPptx,
}

impl Tool {
    /// What the tool is called and how to install it.
    pub fn describe(self) -> &'static str {
        match self {
            Tool::Graphviz => {
                "Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
            }
            Tool::Chromium => "Chromium (Debian/Ubuntu: apt-get install chromium)",
            Tool::NetworkX => "Python with NetworkX (pip install networkx)",
            Tool::Python => "Python 3 (Debian/Ubuntu: apt-get install python3)",
            Tool::Graphqlite => {
                "Debian's /usr/bin/python3 with graphqlite (/usr/bin/python3 -m pip install --break-system-packages graphqlite)"
            }
            Tool::Script => "script from util-linux (Debian/Ubuntu: apt-get install bsdutils)",
            Tool::LibreOffice => {
                "LibreOffice Impress (Debian/Ubuntu: apt-get install libreoffice-impress)"
            }
            Tool::PythonPptx => "Python with python-pptx (pip install python-pptx)",
            Tool::Pdftotext => {
                "Poppler's pdftotext (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"
            }
            Tool::Node => "Node.js (Debian/Ubuntu: apt-get install nodejs; macOS: brew install node)",
        }
    }

    /// True when the tool runs here.
    pub fn present(self) -> bool {
        match self {
            Tool::Graphviz => runs(&graphviz_binary(), &["-V"]),
            Tool::Chromium => chromium().is_some(),
            Tool::NetworkX => runs("python3", &["-c", "import networkx"]),
            Tool::Python => runs("python3", &["--version"]),
            Tool::Graphqlite => runs(GRAPHQLITE_PYTHON, &["-c", "import graphqlite"]),
            Tool::Script => runs("script", &["-qc", "true", "/dev/null"]),
            Tool::Pdftotext => runs("pdftotext", &["-v"]),
            Tool::Node => runs("node", &["--version"]),
            Tool::LibreOffice => coopgraph::report::deck::pdf::soffice().is_some(),
            Tool::PythonPptx => runs("python3", &["-c", "import pptx"]),
        }
    }

    /// Panics with a clear message when the tool is missing: the first line of every check.
    pub fn require(self) {
        assert!(
            self.present(),
            "{} is needed by this check and is not installed; .ci/run installs it",
            self.describe()
        );
    }
}

/// The Python that runs the Cypher check: Debian's, whose `sqlite3` can load extensions.
pub const GRAPHQLITE_PYTHON: &str = "/usr/bin/python3";

/// True under CI, where every tool must be present and no check may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// The Graphviz binary coopgraph itself would run.
fn graphviz_binary() -> String {
    std::env::var("COOPGRAPH_DOT").unwrap_or_else(|_| "dot".into())
}

/// The Chromium binary, if one is installed.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|candidate| runs(candidate, &["--version"]))
}
