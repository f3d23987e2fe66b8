//! Output of analysis and query results as an aligned text table, CSV or JSON (`--format`).

pub mod brokerage;
pub mod centrality;
pub mod diff;
pub mod overlap;
pub mod query;
pub mod stats;
pub mod structure;

use crate::error::{Error, Result};
use crate::text::escape::{csv_cell, terminal};
use crate::text::json::write_json;
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

/// Rows produced on demand: calling it hands every row, in order, to the function it is given.
/// It may be called more than once (aligned text reads the rows twice: widths, then lines), so
/// a long table never needs to be held as text.
pub type Rows<'a> = &'a dyn Fn(&mut dyn FnMut(&[String]));

/// Writes `tables` as aligned text: a title line, a header, a rule, the rows; numbers right-aligned.
/// Every title and cell is escaped for the terminal (in [`write_text_rows`]: control characters
/// and bidi overrides shown as `\u{1b}`), so no caller can print a raw name by forgetting to.
pub fn write_text(out: &mut dyn Write, tables: &[Table]) -> Result<()> {
    for (position, table) in tables.iter().enumerate() {
        if position > 0 {
            out.write_all(b"\n").map_err(Error::Output)?;
        }
        let rows = |row: &mut dyn FnMut(&[String])| {
            for cells in &table.rows {
                row(cells);
            }
        };
        write_text_rows(out, &table.title, &table.columns, &rows)?;
    }
    Ok(())
}

/// Writes one table as aligned text, its rows produced on demand (read twice: widths, then
/// lines); numbers right-aligned, a column being numeric when every cell of it is a number.
pub fn write_text_rows(
    out: &mut dyn Write,
    title: &str,
    columns: &[String],
    rows: Rows,
) -> Result<()> {
    let escaped = |cells: &[String]| -> Vec<String> {
        cells.iter().map(|c| terminal(c).into_owned()).collect()
    };
    let title = terminal(title);
    let columns = &escaped(columns);
    let mut text = String::new();
    if !title.is_empty() {
        text.push_str(&title);
        text.push('\n');
    }
    if columns.is_empty() {
        // A title-only table: a sentence.
        return out.write_all(text.as_bytes()).map_err(Error::Output);
    }
    let mut widths: Vec<usize> = columns.iter().map(|cell| cell.width()).collect();
    let mut numeric = vec![true; columns.len()];
    let mut any_row = false;
    rows(&mut |cells: &[String]| {
        let cells = &escaped(cells);
        any_row = true;
        for (column, flag) in numeric.iter_mut().enumerate() {
            let cell = cells.get(column);
            if let Some(cell) = cell {
                widths[column] = widths[column].max(cell.width());
            }
            *flag =
                *flag && cell.is_some_and(|cell| cell.is_empty() || cell.parse::<f64>().is_ok());
        }
    });
    if !any_row {
        numeric.fill(false);
    }
    let line = |cells: &[String], text: &mut String| {
        let start = text.len();
        for (column, cell) in cells.iter().enumerate() {
            let width = widths.get(column).copied().unwrap_or(0);
            let pad = width.saturating_sub(cell.width());
            if column > 0 {
                text.push_str("  ");
            }
            if numeric.get(column).copied().unwrap_or(false) {
                text.extend(std::iter::repeat_n(' ', pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let kept = text[start..].trim_end().len();
        text.truncate(start + kept);
        text.push('\n');
    };
    line(columns, &mut text);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, &mut text);
    let mut failed = None;
    rows(&mut |cells: &[String]| {
        line(&escaped(cells), &mut text);
        // Written out in blocks, so a long table is never held whole.
        if text.len() > 1 << 20 && failed.is_none() {
            failed = out.write_all(text.as_bytes()).err();
            text.clear();
        }
    });
    if let Some(err) = failed {
        return Err(Error::Output(err));
    }
    out.write_all(text.as_bytes()).map_err(Error::Output)
}

/// Writes one table as CSV with a header row; cells are guarded against formula injection.
pub fn write_csv(out: &mut dyn Write, table: &Table) -> Result<()> {
    let rows = |row: &mut dyn FnMut(&[String])| {
        for cells in &table.rows {
            row(cells);
        }
    };
    write_csv_rows(out, &table.columns, &rows)
}

/// Writes CSV with a header row, the rows produced on demand; cells are guarded against
/// formula injection.
pub fn write_csv_rows(out: &mut dyn Write, columns: &[String], rows: Rows) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let failure = csv_output_error;
    let guarded = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .map(|cell| csv_cell(cell).into_owned())
            .collect()
    };
    writer.write_record(guarded(columns)).map_err(failure)?;
    let mut failed = None;
    rows(&mut |cells: &[String]| {
        if failed.is_none() {
            failed = writer.write_record(guarded(cells)).err();
        }
    });
    if let Some(err) = failed {
        return Err(failure(err));
    }
    writer.flush().map_err(Error::Output)
}

/// A CSV writer's error as an output error, keeping an I/O error's kind: a closed pipe
/// (`| head`) must end the command quietly, as it does for tables and JSON.
fn csv_output_error(err: csv::Error) -> Error {
    if !matches!(err.kind(), csv::ErrorKind::Io(_)) {
        return Error::Output(std::io::Error::other(err));
    }
    match err.into_kind() {
        csv::ErrorKind::Io(io) => Error::Output(io),
        kind => Error::Output(std::io::Error::other(format!("{kind:?}"))),
    }
}

/// A result that can be shown in every format: tables for text, one flat table for CSV, and
/// itself for JSON.
pub trait Presentable: Serialize {
    /// The tables shown for `--format table`.
    fn tables(&self) -> Vec<Table>;
    /// The single table written for `--format csv`.
    fn csv_table(&self) -> Table;
    /// Writes the text tables; a long result overrides this to produce its rows on demand.
    fn write_text(&self, out: &mut dyn Write) -> Result<()> {
        write_text(out, &self.tables())
    }
    /// Writes the CSV table; a long result overrides this to produce its rows on demand.
    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        write_csv(out, &self.csv_table())
    }
}

/// Writes `result` in `format`.
pub fn emit<T: Presentable>(out: &mut dyn Write, format: Format, result: &T) -> Result<()> {
    match format {
        Format::Table => result.write_text(out),
        Format::Csv => result.write_csv(out),
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
