//! Spreadsheet import: a folder of CSV tables becomes a dataset.
//!
//! Tables (header row required; column names are case-insensitive, spaces count as `_`):
//! - `bodies.csv`: id, name, kind, group (required); short, aliases, parent, note
//! - `mechanisms.csv`: id, name, kind (required); area, frequency, level, via, source_doc,
//!   source_ref, quote, note
//! - `participants.csv`: body, mechanism (required); role (lead, participant, observer, host)
//! - optional `citations.csv` (element, doc, ref, quote): every citation of a body or forum, and
//!   a mechanism's second and later ones (its first stays in `mechanisms.csv`)
//! - bodies, forums and mechanisms take an optional `status` column (`draft`, or empty)
//! - optional `forums.csv` (id, name, kind; short, aliases, members, parent, note),
//!   `groups.csv` (id, name), `areas.csv` (id, name; source, section),
//!   `sources.csv` (id, title; date, file, url), `dataset.csv` (field, value: title, description).
//!
//! List cells (aliases, via, members) separate items with `;` (an item holding `;` or `\` writes
//! them `\;` and `\\`: see [`super::csv_text::join_list`]). Without `groups.csv`/`areas.csv`
//! the groups and areas named in the other tables are created with their id as name; without
//! `sources.csv`, each cited document becomes a source with no file (its quotes cannot be
//! verified). A source's `file` is relative to the CSV folder.

pub use super::csv_text::{join_list, split_list, LIST_SEPARATOR};
use super::csv_text::{quote_problems, LineIndex, QuoteProblem};
use crate::error::{Error, Result};
use crate::fsio::source_paths::lexical_absolute;
use crate::model::tables::{
    TableSpec, AREAS, BODIES, CITATIONS, DATASET, FORUMS, GROUPS, MECHANISMS, PARTICIPANTS, SOURCES,
};
use crate::model::validate::{validate, Problem, Severity};
use crate::model::{
    Area, Body, Dataset, Forum, Group, Mechanism, Participant, Role, Source, SourceRef, Status,
};
use crate::suggest::{closest, did_you_mean, Suggestions};
use crate::text::escape::csv_cell_unescape;
use indexmap::{IndexMap, IndexSet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A dataset imported from CSV, with warnings to show the user.
#[derive(Debug)]
pub struct Imported {
    /// The dataset, its source paths rewritten relative to the requested output folder.
    pub dataset: Dataset,
    /// Warnings from validation, located by CSV file and line.
    pub warnings: Vec<Problem>,
}

/// Imports the CSV folder `dir`. Source `file` paths (relative to `dir` in the CSV) are written
/// relative to `output_dir`, where the dataset JSON will be saved.
///
/// Every problem in every table is collected before failing with [`Error::Invalid`].
pub fn import_dir(dir: &Path, output_dir: &Path) -> Result<Imported> {
    if !dir.is_dir() {
        return Err(Error::Input(format!(
            "'{}' is not a folder; `import csv DIR` reads bodies.csv, mechanisms.csv and participants.csv from DIR",
            dir.display()
        )));
    }
    let mut importer = Importer {
        dir: dir.to_path_buf(),
        problems: Vec::new(),
        locations: HashMap::new(),
        suggestions: Suggestions::default(),
    };
    let dataset = importer.dataset();
    let report = validate(&dataset, dir);
    let mut warnings = Vec::new();
    for mut problem in report.problems {
        problem.location = importer.locate(&problem.location);
        match problem.severity {
            Severity::Error => importer.problems.push(problem),
            Severity::Warning => warnings.push(problem),
        }
    }
    if !importer.problems.is_empty() {
        return Err(Error::Invalid {
            file: dir.display().to_string(),
            problems: importer.problems,
            next: format!(
                "fix these rows and run `coopgraph import csv {}` again",
                dir.display()
            ),
        });
    }
    let dataset = relocate_sources(dataset, dir, output_dir);
    Ok(Imported { dataset, warnings })
}

/// Rewrites source paths from relative-to-`from` to relative-to-`to`.
fn relocate_sources(mut dataset: Dataset, from: &Path, to: &Path) -> Dataset {
    for source in &mut dataset.sources {
        if let Some(file) = &source.file {
            let target = lexical_absolute(&from.join(file));
            let relative = pathdiff::diff_paths(&target, lexical_absolute(to)).unwrap_or(target);
            source.file = Some(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    dataset
}

/// One data row of a table: its line in the file and its cells, with the table's columns (one
/// allocation per row, not one per cell: a million rows import in seconds).
struct Row {
    file: &'static str,
    line: u64,
    columns: Rc<[String]>,
    cells: csv::StringRecord,
}

impl Row {
    fn location(&self, column: &str) -> String {
        format!("{} line {}, column '{column}'", self.file, self.line)
    }

    /// The cell, or `None` when the column is absent or the cell empty.
    fn optional(&self, column: &str) -> Option<String> {
        let position = self.columns.iter().position(|c| c == column)?;
        self.cells
            .get(position)
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .map(|cell| csv_cell_unescape(cell).to_string())
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.optional(column)
            .map(|cell| split_list(&cell))
            .unwrap_or_default()
    }
}

struct Importer {
    dir: PathBuf,
    problems: Vec<Problem>,
    /// Dataset path prefix (`mechanisms[3]`, `mechanisms[3].participants[0]`) → CSV place
    /// (`mechanisms.csv line 5`), so validation problems point at the spreadsheet row.
    locations: HashMap<String, String>,
    /// "Did you mean" for unknown references, within a budget.
    suggestions: Suggestions,
}

impl Importer {
    fn error(&mut self, location: String, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            location,
            message,
        });
    }

    /// The CSV place of a dataset path: its longest known prefix ending before a `.` or `[`
    /// (looked up by hash, so locating every problem stays linear in their number).
    fn locate(&self, path: &str) -> String {
        let ends = path
            .char_indices()
            .filter(|(_, c)| *c == '.' || *c == '[')
            .map(|(i, _)| i)
            .chain(std::iter::once(path.len()));
        let mut best = None;
        for end in ends {
            if let Some(place) = self.locations.get(&path[..end]) {
                best = Some((end, place));
            }
        }
        match best {
            Some((end, place)) => {
                let field = path[end..].trim_start_matches('.');
                if field.is_empty() {
                    place.clone()
                } else {
                    format!("{place} ({field})")
                }
            }
            None => path.to_string(),
        }
    }

    /// A required cell: reports an empty one and returns an empty string.
    fn required(&mut self, row: &Row, column: &str, expected: &str) -> String {
        match row.optional(column) {
            Some(value) => value,
            None => {
                self.error(row.location(column), format!("empty; expected {expected}"));
                String::new()
            }
        }
    }

    /// Reads a table; `None` when the file is absent (reported when `needed`).
    fn read(&mut self, spec: &TableSpec, needed: bool) -> Option<Vec<Row>> {
        let path = self.dir.join(spec.file);
        if std::fs::symlink_metadata(&path).is_err() {
            if needed {
                self.error(
                    spec.file.to_string(),
                    format!(
                        "missing from '{}'; expected a CSV file with the columns {}",
                        self.dir.display(),
                        spec.columns().join(", ")
                    ),
                );
            }
            return None;
        }
        match crate::fsio::read_input(&path, "CSV table") {
            Ok(bytes) => self.parse_table(spec, &bytes),
            Err(message) => {
                self.error(spec.file.to_string(), message);
                None
            }
        }
    }

    fn parse_table(&mut self, spec: &TableSpec, bytes: &[u8]) -> Option<Vec<Row>> {
        // Spreadsheets often save a UTF-8 byte-order mark in front of the header.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // Line numbers come from byte offsets: the parser's own count is off by one after `\r\n`.
        let lines = LineIndex::new(bytes);
        let quoting = quote_problems(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(bytes);
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(err) => {
                self.error(format!("{} line 1", spec.file), csv_message(&err));
                return None;
            }
        };
        let (columns, bad_header) = self.header(spec, &headers);
        self.quoting_problems(spec, &columns, quoting);
        if bad_header {
            return None;
        }
        Some(self.records(spec, reader, columns, bytes, &lines))
    }

    /// The header's column names, normalised, and whether any is unknown, repeated or missing.
    fn header(&mut self, spec: &TableSpec, headers: &csv::StringRecord) -> (Vec<String>, bool) {
        let known = spec.columns();
        let mut columns = Vec::new();
        let mut bad_header = false;
        for (position, header) in headers.iter().enumerate() {
            let name = header.trim().to_lowercase().replace([' ', '-'], "_");
            if !known.contains(&name.as_str()) {
                self.error(
                    format!("{} line 1, column {}", spec.file, position + 1),
                    format!(
                        "unknown column '{header}'{}; expected columns: {}",
                        did_you_mean(&closest(&name, known.iter().copied())),
                        known.join(", ")
                    ),
                );
                bad_header = true;
            } else if columns.contains(&name) {
                self.error(
                    format!("{} line 1, column {}", spec.file, position + 1),
                    format!("column '{name}' appears twice"),
                );
                bad_header = true;
            }
            columns.push(name);
        }
        for required in spec.required {
            if !columns.iter().any(|c| c == required) {
                self.error(
                    format!("{} line 1", spec.file),
                    format!(
                        "missing required column '{required}'; the header needs {}",
                        spec.required.join(", ")
                    ),
                );
                bad_header = true;
            }
        }
        (columns, bad_header)
    }

    /// Reports each badly quoted cell at its line and column.
    fn quoting_problems(
        &mut self,
        spec: &TableSpec,
        columns: &[String],
        quoting: Vec<QuoteProblem>,
    ) {
        for problem in quoting {
            let column = columns
                .get(problem.field)
                .map_or(format!("column {}", problem.field + 1), |name| {
                    format!("column '{name}'")
                });
            self.error(
                format!("{} line {}, {column}", spec.file, problem.line),
                if problem.unclosed {
                    format!(
                        "the quoted cell {} is never closed, so the rest of the file would be its text; close it with a quote",
                        problem.cell
                    )
                } else {
                    format!(
                        "the quoted cell {} goes on after its closing quote; inside quotes write a quote as two (\"\"), or quote the whole cell",
                        problem.cell
                    )
                },
            );
        }
    }

    /// The table's rows (blank ones skipped), each with its line; a record that does not parse
    /// is reported.
    fn records(
        &mut self,
        spec: &TableSpec,
        reader: csv::Reader<&[u8]>,
        columns: Vec<String>,
        bytes: &[u8],
        lines: &LineIndex,
    ) -> Vec<Row> {
        let shared: Rc<[String]> = columns.into();
        let mut rows = Vec::new();
        for record in reader.into_records() {
            match record {
                Ok(record) => {
                    if record.iter().all(|cell| cell.trim().is_empty()) {
                        continue; // blank spreadsheet rows
                    }
                    let line = record
                        .position()
                        .map_or(0, |p| lines.record_line(bytes, p.byte()));
                    rows.push(Row {
                        file: spec.file,
                        line,
                        columns: Rc::clone(&shared),
                        cells: record,
                    });
                }
                Err(err) => {
                    let line = err
                        .position()
                        .map_or(0, |p| lines.record_line(bytes, p.byte()));
                    self.error(format!("{} line {line}", spec.file), csv_message(&err));
                }
            }
        }
        rows
    }

    fn dataset(&mut self) -> Dataset {
        let mut dataset = Dataset::empty();
        self.dataset_fields(&mut dataset);
        let bodies = self.read(&BODIES, true).unwrap_or_default();
        let forums = self.read(&FORUMS, false).unwrap_or_default();
        let mechanisms = self.read(&MECHANISMS, true).unwrap_or_default();
        let participants = self.read(&PARTICIPANTS, true).unwrap_or_default();
        let citations = self.read(&CITATIONS, false).unwrap_or_default();
        dataset.sources = self.sources(&mechanisms, &citations);
        dataset.groups = self.groups(&bodies);
        dataset.areas = self.areas(&mechanisms);
        for (position, row) in bodies.iter().enumerate() {
            self.remember_row("bodies", position, row);
            let body = self.body(row);
            dataset.bodies.push(body);
        }
        for (position, row) in forums.iter().enumerate() {
            self.remember_row("forums", position, row);
            let forum = self.forum(row);
            dataset.forums.push(forum);
        }
        for (position, row) in mechanisms.iter().enumerate() {
            self.remember_row("mechanisms", position, row);
            let mechanism = self.mechanism(row);
            dataset.mechanisms.push(mechanism);
        }
        self.attach_participants(&mut dataset, &participants);
        self.attach_citations(&mut dataset, &citations);
        dataset
    }

    /// Remembers that `field[position]` of the dataset comes from `row`, so that validation
    /// problems name the file and line.
    fn remember_row(&mut self, field: &str, position: usize, row: &Row) {
        self.locations.insert(
            format!("{field}[{position}]"),
            format!("{} line {}", row.file, row.line),
        );
    }

    /// The title and description, from dataset.csv.
    fn dataset_fields(&mut self, dataset: &mut Dataset) {
        if let Some(rows) = self.read(&DATASET, false) {
            for row in rows {
                let field = self.required(&row, "field", "a dataset field (title, description)");
                let value = row.optional("value");
                match field.as_str() {
                    "title" => dataset.title = value,
                    "description" => dataset.description = value,
                    "schema" | "" => {}
                    other => self.error(
                        row.location("field"),
                        format!(
                            "unknown dataset field '{other}'{}; expected title or description",
                            did_you_mean(&closest(other, ["title", "description"]))
                        ),
                    ),
                }
            }
        }
    }

    /// The sources, from sources.csv, or else the documents the mechanisms and citations name.
    fn sources(&mut self, mechanisms: &[Row], citations: &[Row]) -> Vec<Source> {
        match self.read(&SOURCES, false) {
            Some(rows) => {
                for (position, row) in rows.iter().enumerate() {
                    self.remember_row("sources", position, row);
                }
                rows.iter().map(|row| self.source(row)).collect()
            }
            None => implied(mechanisms, "source_doc")
                .into_iter()
                .chain(implied(citations, "doc"))
                .collect::<IndexSet<String>>()
                .into_iter()
                .map(|id| Source {
                    title: id.clone(),
                    id,
                    date: None,
                    file: None,
                    url: None,
                })
                .collect(),
        }
    }

    /// The groups, from groups.csv, or else those the bodies name.
    fn groups(&mut self, bodies: &[Row]) -> Vec<Group> {
        match self.read(&GROUPS, false) {
            Some(rows) => rows
                .iter()
                .map(|row| Group {
                    id: self.required(row, "id", "a group id"),
                    name: self.required(row, "name", "the group's name"),
                })
                .collect(),
            None => implied(bodies, "group")
                .into_iter()
                .map(|id| Group {
                    name: id.clone(),
                    id,
                })
                .collect(),
        }
    }

    /// The areas, from areas.csv, or else those the mechanisms name.
    fn areas(&mut self, mechanisms: &[Row]) -> Vec<Area> {
        match self.read(&AREAS, false) {
            Some(rows) => rows
                .iter()
                .map(|row| Area {
                    id: self.required(row, "id", "an area id"),
                    name: self.required(row, "name", "the area's name"),
                    source: row.optional("source"),
                    section: row.optional("section"),
                })
                .collect(),
            None => implied(mechanisms, "area")
                .into_iter()
                .map(|id| Area {
                    name: id.clone(),
                    id,
                    source: None,
                    section: None,
                })
                .collect(),
        }
    }

    /// A `status` cell: empty (curated) or `draft`.
    fn status(&mut self, row: &Row) -> Option<Status> {
        let text = row.optional("status")?;
        if text.eq_ignore_ascii_case("draft") {
            Some(Status::Draft)
        } else {
            self.error(
                row.location("status"),
                format!("unknown status '{text}'; expected 'draft' or an empty cell (reviewed)"),
            );
            None
        }
    }

    /// Appends each `citations.csv` row to the sources of the body, forum or mechanism it names.
    fn attach_citations(&mut self, dataset: &mut Dataset, rows: &[Row]) {
        let mut places: IndexMap<String, (&'static str, usize)> = IndexMap::new();
        for (position, body) in dataset.bodies.iter().enumerate() {
            places
                .entry(body.id.clone())
                .or_insert(("bodies", position));
        }
        for (position, forum) in dataset.forums.iter().enumerate() {
            places
                .entry(forum.id.clone())
                .or_insert(("forums", position));
        }
        for (position, mechanism) in dataset.mechanisms.iter().enumerate() {
            places
                .entry(mechanism.id.clone())
                .or_insert(("mechanisms", position));
        }
        for row in rows {
            let element = self.required(row, "element", "a body, forum or mechanism id");
            let citation = SourceRef {
                doc: self.required(row, "doc", "the id of the cited source"),
                reference: self.required(row, "ref", "the section/item the quote comes from"),
                quote: self.required(row, "quote", "the verbatim clause that names the element"),
            };
            if element.is_empty() {
                continue;
            }
            let Some(&(field, position)) = places.get(&element) else {
                self.error(
                    row.location("element"),
                    format!(
                        "unknown body, forum or mechanism '{element}'{}",
                        did_you_mean(&closest(&element, places.keys().map(String::as_str)))
                    ),
                );
                continue;
            };
            let sources = match field {
                "bodies" => &mut dataset.bodies[position].sources,
                "forums" => &mut dataset.forums[position].sources,
                _ => &mut dataset.mechanisms[position].sources,
            };
            self.locations.insert(
                format!("{field}[{position}].sources[{}]", sources.len()),
                format!("{} line {}", row.file, row.line),
            );
            sources.push(citation);
        }
    }

    fn source(&mut self, row: &Row) -> Source {
        Source {
            id: self.required(row, "id", "a source id"),
            title: self.required(row, "title", "the document's title"),
            date: row.optional("date"),
            file: row.optional("file"),
            url: row.optional("url"),
        }
    }

    fn body(&mut self, row: &Row) -> Body {
        Body {
            id: self.required(row, "id", "a body id"),
            name: self.required(row, "name", "the body's full name"),
            short: row.optional("short"),
            aliases: row.list("aliases"),
            kind: self.required(row, "kind", "a kind such as ministry, agency, military"),
            group: self.required(row, "group", "a group id such as a country"),
            parent: row.optional("parent"),
            sources: Vec::new(),
            status: self.status(row),
            rule: None,
            confidence: None,
            note: row.optional("note"),
        }
    }

    fn forum(&mut self, row: &Row) -> Forum {
        Forum {
            id: self.required(row, "id", "a forum id"),
            name: self.required(row, "name", "the forum's full name"),
            short: row.optional("short"),
            aliases: row.list("aliases"),
            kind: self.required(row, "kind", "a kind such as summit, regional-forum"),
            members: row.list("members"),
            parent: row.optional("parent"),
            sources: Vec::new(),
            status: self.status(row),
            rule: None,
            confidence: None,
            note: row.optional("note"),
        }
    }

    fn mechanism(&mut self, row: &Row) -> Mechanism {
        let doc = row.optional("source_doc");
        let reference = row.optional("source_ref");
        let quote = row.optional("quote");
        let source = match (doc, reference, quote) {
            (None, None, None) => None,
            (Some(doc), reference, quote) => Some(SourceRef {
                doc,
                reference: reference.unwrap_or_else(|| {
                    self.error(
                        row.location("source_ref"),
                        "empty; a cited mechanism needs the section/item it comes from".into(),
                    );
                    String::new()
                }),
                quote: quote.unwrap_or_else(|| {
                    self.error(
                        row.location("quote"),
                        "empty; a cited mechanism needs the verbatim clause that states it".into(),
                    );
                    String::new()
                }),
            }),
            (None, _, _) => {
                self.error(
                    row.location("source_doc"),
                    "empty, but source_ref or quote is given; expected the id of the cited source"
                        .into(),
                );
                None
            }
        };
        Mechanism {
            id: self.required(row, "id", "a mechanism id"),
            name: self.required(row, "name", "the mechanism's name"),
            kind: self.required(row, "kind", "a kind such as dialogue, exercise, exchange"),
            area: row.optional("area"),
            frequency: row.optional("frequency"),
            level: row.optional("level"),
            participants: Vec::new(),
            via: row.list("via"),
            sources: source.into_iter().collect(),
            status: self.status(row),
            rule: None,
            confidence: None,
            note: row.optional("note"),
        }
    }

    fn attach_participants(&mut self, dataset: &mut Dataset, rows: &[Row]) {
        let positions: IndexMap<String, usize> = dataset
            .mechanisms
            .iter()
            .enumerate()
            .map(|(position, m)| (m.id.clone(), position))
            .collect();
        for row in rows {
            let body = self.required(row, "body", "a body id");
            let mechanism = self.required(row, "mechanism", "a mechanism id");
            let role = match row.optional("role") {
                None => Role::Participant,
                Some(text) => match Role::parse(&text) {
                    Some(role) => role,
                    None => {
                        let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                        self.error(
                            row.location("role"),
                            format!(
                                "unknown role '{text}'{}; expected one of {}",
                                did_you_mean(&closest(&text, names.iter().copied())),
                                names.join(", ")
                            ),
                        );
                        continue;
                    }
                },
            };
            if mechanism.is_empty() {
                continue;
            }
            let Some(&position) = positions.get(&mechanism) else {
                let suggested = self
                    .suggestions
                    .closest(&mechanism, || positions.keys().map(String::as_str));
                self.error(
                    row.location("mechanism"),
                    format!(
                        "unknown mechanism '{mechanism}'{}; expected an id from mechanisms.csv",
                        did_you_mean(&suggested)
                    ),
                );
                continue;
            };
            let target = &mut dataset.mechanisms[position];
            self.locations.insert(
                format!(
                    "mechanisms[{position}].participants[{}]",
                    target.participants.len()
                ),
                format!("{} line {}", row.file, row.line),
            );
            target.participants.push(Participant { body, role });
        }
    }
}

/// Distinct non-empty values of `column`, in order of first appearance.
fn implied(rows: &[Row], column: &str) -> Vec<String> {
    let values: IndexSet<String> = rows.iter().filter_map(|row| row.optional(column)).collect();
    values.into_iter().collect()
}

fn csv_message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "row has {len} cells but the header has {expected_len}; quote cells that contain commas"
        ),
        csv::ErrorKind::Utf8 { .. } => {
            "not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"".into()
        }
        _ => err.to_string(),
    }
}
