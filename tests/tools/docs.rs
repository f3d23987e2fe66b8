//! The documented examples that need Graphviz (marked ```` ```console needs=graphviz ````): each
//! block runs on its own, in a fresh copy of `data/` and `tests/fixtures/`, with the Graphviz
//! coopgraph would use. The other examples run in `tests/docs`. And the page's picture in
//! docs/images/ is still taken by its script.

#[path = "../docs/examples.rs"]
mod examples;

use crate::need::Tool;
use crate::Check;
use examples::{Mode, Need, Runner};
use std::path::PathBuf;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "docs::examples_that_need_graphviz",
            needs: &[Tool::Graphviz],
            run: examples_that_need_graphviz,
        },
        Check {
            name: "docs::the_page_picture_is_taken",
            needs: &[Tool::Chromium],
            run: the_page_picture_is_taken,
        },
    ]
}

/// docs/images/regenerate.sh takes the page's picture (the route MLIT -> India on the committed
/// out/index.html) as the docs show it: a 1500 x 950 PNG.
fn the_page_picture_is_taken() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let status = std::process::Command::new("bash")
        .arg(examples::root().join("docs/images/regenerate.sh"))
        .arg("page")
        .arg(dir.path())
        .status()
        .expect("bash runs");
    assert!(status.success(), "regenerate.sh page failed: {status}");
    let png = std::fs::read(dir.path().join("page-mlit-india.png")).expect("the picture");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
    assert_eq!(
        (size(16), size(20)),
        (1500, 950),
        "the picture's width and height"
    );
}

fn examples_that_need_graphviz() {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_coopgraph"));
    let mut problems = Vec::new();
    let mut ran = 0;
    for file in examples::documents() {
        let blocks = examples::blocks(&file).unwrap_or_else(|problem| panic!("{problem}"));
        for block in blocks
            .iter()
            .filter(|b| b.mode == Mode::Needs(Need::Graphviz))
        {
            let dir = examples::workspace();
            let runner = Runner {
                binary: &binary,
                dir: dir.path(),
                env: Vec::new(),
            };
            for example in &block.examples {
                ran += 1;
                problems.extend(runner.run(example));
            }
        }
    }
    assert!(
        ran > 0,
        "no documented example is marked needs=graphviz: this check has nothing to run"
    );
    assert!(
        problems.is_empty(),
        "{} of {ran} documented example(s) that need Graphviz do not work as documented:\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}
