//! Runs the command examples of README.md and docs/*.md (see `examples.rs` for the convention):
//! one test per document, so a documented command that stops working, or prints something else
//! than the document shows, fails `cargo test`. Examples that need Graphviz run in `tests/tools`.
//! Also: every relative link lands, and the pictures in docs/images/ are the report's.

mod examples;
mod links;

use examples::{Block, Mode, Runner};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let mut trials = vec![
        Trial::test("matcher::wildcards", matcher_wildcards),
        Trial::test(
            "links::anchors_as_github_makes_them",
            anchors_as_github_makes_them,
        ),
        Trial::test("links::every_link_lands", every_link_lands),
        Trial::test("images::diagrams_are_the_reports", diagrams_are_the_reports),
    ];
    let mut elsewhere = 0;
    for file in examples::documents() {
        let name = examples::relative(&file);
        let blocks = examples::blocks(&file);
        let (run, parsed) = match &blocks {
            Ok(blocks) => {
                elsewhere += count(blocks, |m| matches!(m, Mode::Needs(_)));
                (
                    count(blocks, |m| m == Mode::Run),
                    count(blocks, |m| m == Mode::ParseOnly),
                )
            }
            Err(_) => (0, 0),
        };
        trials.push(Trial::test(
            format!("{name} ({run} run, {parsed} parsed)"),
            move || check_document(&file, blocks),
        ));
    }
    let conclusion = libtest_mimic::run(&args, trials);
    if elsewhere > 0 && !args.list {
        println!(
            "{elsewhere} documented example(s) need Graphviz: tests/tools runs them (docs::examples_that_need_graphviz).\n"
        );
    }
    conclusion.exit_code()
}

fn count(blocks: &[Block], mode: impl Fn(Mode) -> bool) -> usize {
    blocks
        .iter()
        .filter(|b| mode(b.mode))
        .map(|b| b.examples.len())
        .sum()
}

/// Runs the examples of one document in order, in one workspace; reports every difference.
fn check_document(file: &Path, blocks: Result<Vec<Block>, String>) -> Result<(), Failed> {
    let blocks = blocks?;
    let dir = examples::workspace();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_coopgraph"));
    // Graphviz is hidden so the examples print the same on every machine; those that need it
    // are marked and run in tests/tools.
    let runner = Runner {
        binary: &binary,
        dir: dir.path(),
        env: vec![(
            "COOPGRAPH_DOT".into(),
            dir.path().join("no-graphviz-here").display().to_string(),
        )],
    };
    let mut problems = Vec::new();
    for block in &blocks {
        for example in &block.examples {
            let problem = match block.mode {
                Mode::Run => runner.run(example),
                Mode::ParseOnly => runner.parse(example),
                Mode::Needs(_) => None,
            };
            problems.extend(problem);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} example(s) of {} do not work as documented:\n\n{}",
            problems.len(),
            examples::relative(file),
            problems.join("\n")
        )
        .into())
    }
}

/// The output matcher itself: `[..]` within a line, `...` for lines.
fn matcher_wildcards() -> Result<(), Failed> {
    let lines = |text: &str| text.lines().map(String::from).collect::<Vec<_>>();
    let cases: &[(&str, &str, bool)] = &[
        ("a\nb", "a\nb", true),
        ("a\nb", "a\nc", false),
        ("a", "a\nb", false),
        ("a\n...", "a\nb\nc", true),
        ("...\nc", "a\nb\nc", true),
        ("a\n...\nc", "a\nc", true),
        ("a\n...\nc", "a\nb", false),
        ("x [..] z", "x y y z", true),
        ("x [..] z", "x y y", false),
        ("[..]end", "the end", true),
        ("start[..]", "start", true),
        ("a[..]b[..]c", "a-c-b", false),
        ("ab[..]b", "ab", false),
    ];
    for (expected, actual, result) in cases {
        let actual: Vec<&str> = actual.lines().collect();
        if examples::lines_match(&lines(expected), &actual) != *result {
            return Err(format!("{expected:?} against {actual:?} should be {result}").into());
        }
    }
    Ok(())
}

/// The anchor rule the link check relies on, on headings of the kinds the docs use.
fn anchors_as_github_makes_them() -> Result<(), Failed> {
    let text =
        "# The guide\n## `report`: the briefing bundle\n## A new document: `draft` → `review`\n\
                ## Hierarchy roll-up: `--collapse DEPTH`\n## Notes\n## Notes\n";
    let found = links::anchors(text);
    for anchor in [
        "the-guide",
        "report-the-briefing-bundle",
        "a-new-document-draft--review",
        "hierarchy-roll-up---collapse-depth",
        "notes",
        "notes-1",
    ] {
        if !found.contains(anchor) {
            return Err(format!("no anchor {anchor} among {found:?}").into());
        }
    }
    Ok(())
}

/// Every relative link and picture of the docs points at something that exists.
fn every_link_lands() -> Result<(), Failed> {
    let problems = links::problems();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("links that lead nowhere:\n{}", problems.join("\n")).into())
    }
}

/// A picture in docs/images/ named like a diagram of out/diagrams/ is a copy of it, so the
/// docs show what the committed report draws (docs/images/regenerate.sh copies them).
fn diagrams_are_the_reports() -> Result<(), Failed> {
    let images = examples::root().join("docs/images");
    let diagrams = examples::root().join("out/diagrams");
    let mut stale = Vec::new();
    let mut copies = 0;
    for entry in std::fs::read_dir(&images).map_err(|e| format!("docs/images: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let twin = diagrams.join(path.file_name().unwrap_or_default());
        if path.extension().is_some_and(|e| e == "png") && twin.exists() {
            copies += 1;
            if std::fs::read(&path).ok() != std::fs::read(&twin).ok() {
                stale.push(examples::relative(&path));
            }
        }
    }
    if copies == 0 {
        return Err("docs/images/ holds no copy of a report diagram".into());
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} differ from out/diagrams/: run docs/images/regenerate.sh",
            stale.join(", ")
        )
        .into())
    }
}
