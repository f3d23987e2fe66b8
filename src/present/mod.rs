//! Output of analysis and query results as an aligned text table, CSV or JSON (`--format`).

pub mod brokerage;
pub mod centrality;
pub mod labels;
pub mod overlap;
pub mod query;
pub mod stats;
pub mod structure;

use crate::error::{Error, Result};
use crate::text::escape::{csv_cell, json_terminal_safe, terminal};
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading in a terminal.
    #[default]
    Table,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// JSON, for scripts.
    Json,
}

/// A titled table of text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Heading printed above the table in text output.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with `title` and `columns`, no rows yet.
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Table {
        Table {
            title: title.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }
}

/// Writes `tables` as aligned text: a title line, a header, a rule, the rows; numbers right-aligned.
/// Every title and cell is escaped for the terminal here (control characters and bidi overrides
/// shown as `\u{1b}`), so no caller can print a raw name by forgetting to.
pub fn write_text(out: &mut dyn Write, tables: &[Table]) -> Result<()> {
    let shown: Vec<Table> = tables.iter().map(for_terminal).collect();
    let mut text = String::new();
    for (position, table) in shown.iter().enumerate() {
        if position > 0 {
            text.push('\n');
        }
        if !table.title.is_empty() {
            text.push_str(&table.title);
            text.push('\n');
        }
        let widths: Vec<usize> = (0..table.columns.len())
            .map(|column| {
                table
                    .rows
                    .iter()
                    .filter_map(|row| row.get(column))
                    .chain(std::iter::once(&table.columns[column]))
                    .map(|cell| cell.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let numeric: Vec<bool> = (0..table.columns.len())
            .map(|column| {
                !table.rows.is_empty()
                    && table.rows.iter().all(|row| {
                        row.get(column)
                            .is_some_and(|cell| cell.is_empty() || cell.parse::<f64>().is_ok())
                    })
            })
            .collect();
        let line = |cells: &[String], text: &mut String| {
            let mut rendered = String::new();
            for (column, cell) in cells.iter().enumerate() {
                let width = widths.get(column).copied().unwrap_or(0);
                let pad = " ".repeat(width.saturating_sub(cell.width()));
                if column > 0 {
                    rendered.push_str("  ");
                }
                if numeric.get(column).copied().unwrap_or(false) {
                    rendered.push_str(&pad);
                    rendered.push_str(cell);
                } else {
                    rendered.push_str(cell);
                    rendered.push_str(&pad);
                }
            }
            text.push_str(rendered.trim_end());
            text.push('\n');
        };
        if table.columns.is_empty() {
            continue; // a title-only table: a sentence
        }
        line(&table.columns, &mut text);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut text);
        for row in &table.rows {
            line(row, &mut text);
        }
    }
    out.write_all(text.as_bytes()).map_err(Error::Output)
}

/// `table` with its title and every cell escaped for the terminal.
fn for_terminal(table: &Table) -> Table {
    let cells = |row: &[String]| row.iter().map(|c| terminal(c).into_owned()).collect();
    Table {
        title: terminal(&table.title).into_owned(),
        columns: cells(&table.columns),
        rows: table.rows.iter().map(|row| cells(row)).collect(),
    }
}

/// Writes one table as CSV with a header row; cells are guarded against formula injection.
pub fn write_csv(out: &mut dyn Write, table: &Table) -> Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |cells: &[String]| {
        writer
            .write_record(cells.iter().map(|cell| csv_cell(cell).into_owned()))
            .map_err(|err| Error::Output(std::io::Error::other(err)))
    };
    write(&table.columns)?;
    for row in &table.rows {
        write(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Output(std::io::Error::other(err.to_string())))?;
    out.write_all(&bytes).map_err(Error::Output)
}

/// Writes `value` as pretty JSON followed by a newline; characters a terminal would act on are
/// written as `\u` escapes (the same JSON, safe to print).
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| Error::Output(std::io::Error::other(err)))?;
    let mut text = json_terminal_safe(&text).into_owned();
    text.push('\n');
    out.write_all(text.as_bytes()).map_err(Error::Output)
}

/// A result that can be shown in every format: tables for text, one flat table for CSV, and
/// itself for JSON.
pub trait Presentable: Serialize {
    /// The tables shown for `--format table`.
    fn tables(&self) -> Vec<Table>;
    /// The single table written for `--format csv`.
    fn csv_table(&self) -> Table;
}

/// Writes `result` in `format`.
pub fn emit<T: Presentable>(out: &mut dyn Write, format: Format, result: &T) -> Result<()> {
    match format {
        Format::Table => write_text(out, &result.tables()),
        Format::Csv => write_csv(out, &result.csv_table()),
        Format::Json => write_json(out, result),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut table = Table::new("Counts", &["name", "count"]);
        table.push(vec!["Japan".into(), "12".into()]);
        table.push(vec!["=cmd()".into(), "3".into()]);
        table
    }

    #[test]
    fn aligns_text_and_right_aligns_numbers() {
        let mut out = Vec::new();
        write_text(&mut out, &[sample()]).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert_eq!(
            text,
            "Counts\nname    count\n------  -----\nJapan      12\n=cmd()      3\n"
        );
    }

    #[test]
    fn csv_guards_formulas() {
        let mut out = Vec::new();
        write_csv(&mut out, &sample()).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert_eq!(text, "name,count\nJapan,12\n'=cmd(),3\n");
    }
}
