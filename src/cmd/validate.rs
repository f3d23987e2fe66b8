//! `validate`: every problem of the dataset, with its place; exit 2 on any error.

use crate::cli::ValidateArgs;
use crate::error::{Error, Result};
use crate::ingest::json::{base_dir, read};
use crate::model::validate::{validate, Problem, Severity};
use crate::present::{emit, Format, Presentable, Table};
use crate::text::escape::{terminal, terminal_message};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The validation result as printed.
#[derive(Debug, Serialize)]
struct Outcome<'a> {
    file: String,
    errors: usize,
    warnings: usize,
    /// Drafted elements not reviewed yet.
    drafts: usize,
    problems: &'a [Problem],
}

impl Presentable for Outcome<'_> {
    fn tables(&self) -> Vec<Table> {
        Vec::new() // text output is the one-line-per-problem listing below
    }

    fn csv_table(&self) -> Table {
        let mut table = Table::new("", &["severity", "location", "message"]);
        for problem in self.problems {
            let severity = match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            table.push(vec![
                severity.into(),
                problem.location.clone(),
                problem.message.clone(),
            ]);
        }
        table
    }
}

/// Runs `validate` on the dataset at `data`.
pub fn run(data: &Path, args: &ValidateArgs, out: &mut dyn Write) -> Result<()> {
    let dataset =
        read(data).map_err(|error| super::hint_if_missing(error, data, super::DATA_HINT))?;
    let mut report = validate(&dataset, &base_dir(data));
    if args.strict {
        for problem in &mut report.problems {
            problem.severity = Severity::Error;
        }
    }
    let outcome = Outcome {
        file: data.display().to_string(),
        errors: report.error_count(),
        warnings: report.warning_count(),
        drafts: report.drafts,
        problems: &report.problems,
    };
    match Format::from(args.format) {
        Format::Table => {
            let mut text = String::new();
            for problem in &report.problems {
                let line = format!("{}: {problem}", outcome.file);
                text.push_str(&terminal(&line));
                text.push('\n');
            }
            let drafts = match outcome.drafts {
                0 => String::new(),
                count => format!(", {count} draft(s) to review"),
            };
            text.push_str(&format!(
                "{}: {} bodies, {} mechanisms, {} forums, {} quotes verified{drafts}; {} error(s), {} warning(s)\n",
                outcome.file,
                dataset.bodies.len(),
                dataset.mechanisms.len(),
                dataset.forums.len(),
                report.quotes.len(),
                outcome.errors,
                outcome.warnings
            ));
            out.write_all(terminal_message(&text).as_bytes())
                .map_err(Error::Output)?;
        }
        format => emit(out, format, &outcome)?,
    }
    if outcome.errors > 0 {
        return Err(Error::Reported(format!(
            "{} is not valid: {} error(s)",
            outcome.file, outcome.errors
        )));
    }
    Ok(())
}
