//! Checks that need a program from outside Rust: Graphviz, Chromium, Python with NetworkX or
//! graphqlite. Each check names the tools it needs; when one is missing (and `CI` is not
//! `true`) the check is reported as ignored and the run ends by saying how many checks did not
//! run and which tool would run them.

#[path = "../common/mod.rs"]
mod common;
mod cypher;
mod deck;
mod docs;
mod draft;
mod hostile;
mod need;
mod page;
mod readability;
mod render;
mod report;
mod timeline;

use libtest_mimic::{Arguments, Trial};
use need::Tool;
use std::collections::BTreeMap;
use std::process::ExitCode;

/// One check: its name, the tools it needs, and its body (which panics on failure).
#[derive(Clone, Copy)]
pub struct Check {
    /// The name cargo prints and filters on.
    pub name: &'static str,
    /// The outside programs the check runs.
    pub needs: &'static [Tool],
    /// The check itself.
    pub run: fn(),
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let checks: Vec<Check> = [
        render::checks(),
        readability::checks(),
        page::checks(),
        report::checks(),
        hostile::checks(),
        cypher::checks(),
        deck::checks(),
        draft::checks(),
        timeline::checks(),
        docs::checks(),
    ]
    .concat();
    let mut missing: BTreeMap<Tool, bool> = BTreeMap::new();
    let mut not_run: BTreeMap<Tool, usize> = BTreeMap::new();
    let mut skipped = 0;
    let mut trials = Vec::new();
    for check in checks {
        let absent: Vec<Tool> = check
            .needs
            .iter()
            .copied()
            .filter(|tool| *missing.entry(*tool).or_insert_with(|| !tool.present()))
            .collect();
        let skip = !absent.is_empty() && !need::in_ci();
        if skip
            && args
                .filter
                .as_deref()
                .is_none_or(|f| check.name.contains(f))
        {
            skipped += 1;
            for tool in &absent {
                *not_run.entry(*tool).or_default() += 1;
            }
        }
        let Check { name, needs, run } = check;
        let trial = Trial::test(name, move || {
            for tool in needs {
                tool.require();
            }
            run();
            Ok(())
        });
        trials.push(trial.with_ignored_flag(skip));
    }
    let conclusion = libtest_mimic::run(&args, trials);
    if !not_run.is_empty() && !args.include_ignored && !args.ignored {
        println!("\n*** {skipped} check(s) that need outside tools did NOT run:");
        for (tool, count) in &not_run {
            println!("***   {count} need {}", tool.describe());
        }
        println!("*** install them (.ci/run does) to run every check.\n");
    }
    conclusion.exit_code()
}
