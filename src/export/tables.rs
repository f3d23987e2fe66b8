//! The dataset as the spreadsheet tables that `import csv` reads, so analysts can edit it in a
//! spreadsheet and import it again unchanged.

use crate::error::{Error, Result};
use crate::fsio::read_input;
use crate::fsio::source_paths::resolve;
use crate::ingest::csv::join_list;
use crate::model::tables::{
    TableSpec, AREAS, BODIES, CITATIONS, DATASET, FORUMS, GROUPS, MECHANISMS, PARTICIPANTS, SOURCES,
};
use crate::model::{Dataset, SourceRef, Status};
use crate::text::escape::csv_cell;
use std::path::{Path, PathBuf};

/// A file to write: its path and bytes.
pub type Pending = (PathBuf, Vec<u8>);

/// The CSV tables of `dataset` (loaded from `dataset_dir`) for the folder `out_dir`, with the text
/// of each source that some mechanism cites under `out_dir/sources/` so the folder imports on its
/// own (a source no mechanism cites keeps its row, without a file). Nothing is written here: the
/// caller writes them all once every target has been checked.
pub fn table_files(dataset: &Dataset, dataset_dir: &Path, out_dir: &Path) -> Result<Vec<Pending>> {
    let mut written = Vec::new();
    let dataset_rows = dataset_rows(dataset);
    if !dataset_rows.is_empty() {
        written.push(csv_table(out_dir, &DATASET, dataset_rows)?);
    }
    // The cited source texts are copied (pushed to `written`) before sources.csv names them.
    let source_rows = source_rows(dataset, dataset_dir, out_dir, &mut written)?;
    written.push(csv_table(out_dir, &SOURCES, source_rows)?);
    written.push(csv_table(out_dir, &GROUPS, group_rows(dataset))?);
    written.push(csv_table(out_dir, &AREAS, area_rows(dataset))?);
    written.push(csv_table(out_dir, &BODIES, body_rows(dataset))?);
    written.push(csv_table(out_dir, &FORUMS, forum_rows(dataset))?);
    written.push(csv_table(out_dir, &MECHANISMS, mechanism_rows(dataset))?);
    written.push(csv_table(
        out_dir,
        &PARTICIPANTS,
        participant_rows(dataset),
    )?);
    let citation_rows = citation_rows(dataset);
    if !citation_rows.is_empty() {
        written.push(csv_table(out_dir, &CITATIONS, citation_rows)?);
    }
    Ok(written)
}

/// An optional text cell: empty when absent.
fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// A status cell: "draft", or empty for a reviewed element.
fn status(value: &Option<Status>) -> String {
    match value {
        Some(Status::Draft) => "draft".to_string(),
        None => String::new(),
    }
}

/// The rows of dataset.csv: the title and description, where given.
fn dataset_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    if let Some(title) = &dataset.title {
        rows.push(vec!["title".to_string(), title.clone()]);
    }
    if let Some(description) = &dataset.description {
        rows.push(vec!["description".to_string(), description.clone()]);
    }
    rows
}

/// The rows of sources.csv; the text of each cited source is copied into `out_dir/sources/`
/// (added to `written`).
fn source_rows(
    dataset: &Dataset,
    dataset_dir: &Path,
    out_dir: &Path,
    written: &mut Vec<Pending>,
) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    for source in &dataset.sources {
        let cited = dataset.citations().any(|c| c.doc == source.id);
        let file = match &source.file {
            Some(file) if cited => Some(copy_source(
                dataset_dir,
                file,
                &source.id,
                out_dir,
                written,
            )?),
            _ => None,
        };
        rows.push(vec![
            source.id.clone(),
            source.title.clone(),
            text(&source.date),
            text(&file),
            text(&source.url),
        ]);
    }
    Ok(rows)
}

/// The rows of groups.csv.
fn group_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .groups
        .iter()
        .map(|g| vec![g.id.clone(), g.name.clone()])
        .collect()
}

/// The rows of areas.csv.
fn area_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .areas
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.name.clone(),
                text(&a.source),
                text(&a.section),
            ]
        })
        .collect()
}

/// The rows of bodies.csv.
fn body_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .bodies
        .iter()
        .map(|b| {
            vec![
                b.id.clone(),
                b.name.clone(),
                b.kind.clone(),
                b.group.clone(),
                text(&b.short),
                join_list(&b.aliases),
                text(&b.parent),
                status(&b.status),
                text(&b.note),
            ]
        })
        .collect()
}

/// The rows of forums.csv.
fn forum_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .forums
        .iter()
        .map(|f| {
            vec![
                f.id.clone(),
                f.name.clone(),
                f.kind.clone(),
                text(&f.short),
                join_list(&f.aliases),
                join_list(&f.members),
                text(&f.parent),
                status(&f.status),
                text(&f.note),
            ]
        })
        .collect()
}

/// The rows of mechanisms.csv, each with the mechanism's first citation.
fn mechanism_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .mechanisms
        .iter()
        .map(|m| {
            let source = m.source();
            vec![
                m.id.clone(),
                m.name.clone(),
                m.kind.clone(),
                text(&m.area),
                text(&m.frequency),
                text(&m.level),
                join_list(&m.via),
                source.map(|s| s.doc.clone()).unwrap_or_default(),
                source.map(|s| s.reference.clone()).unwrap_or_default(),
                source.map(|s| s.quote.clone()).unwrap_or_default(),
                status(&m.status),
                text(&m.note),
            ]
        })
        .collect()
}

/// The rows of participants.csv: one a participant of a mechanism.
fn participant_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    dataset
        .mechanisms
        .iter()
        .flat_map(|m| {
            m.participants
                .iter()
                .map(|p| vec![p.body.clone(), m.id.clone(), p.role.to_string()])
        })
        .collect()
}

/// The rows of citations.csv: every citation but a mechanism's first (which is in its row).
fn citation_rows(dataset: &Dataset) -> Vec<Vec<String>> {
    let cite = |element: &str, citation: &SourceRef| {
        vec![
            element.to_string(),
            citation.doc.clone(),
            citation.reference.clone(),
            citation.quote.clone(),
        ]
    };
    dataset
        .bodies
        .iter()
        .flat_map(|b| b.sources.iter().map(|c| cite(&b.id, c)))
        .chain(
            dataset
                .forums
                .iter()
                .flat_map(|f| f.sources.iter().map(|c| cite(&f.id, c))),
        )
        .chain(
            dataset
                .mechanisms
                .iter()
                .flat_map(|m| m.sources.iter().skip(1).map(|c| cite(&m.id, c))),
        )
        .collect()
}

/// Copies a source text into `out_dir/sources/`, returning its path relative to `out_dir`.
fn copy_source(
    dataset_dir: &Path,
    file: &str,
    id: &str,
    out_dir: &Path,
    written: &mut Vec<Pending>,
) -> Result<String> {
    // The same rule as loading: a source lies inside the dataset's folder (or an allowed root).
    let from = resolve(dataset_dir, file).map_err(Error::Input)?;
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| format!("{}.txt", file_name_part(id)));
    let mut relative = format!("sources/{name}");
    // Two sources with the same file name would overwrite each other: prefix the id.
    if written.iter().any(|(w, _)| w.ends_with(&relative)) {
        relative = format!("sources/{}-{name}", file_name_part(id));
    }
    let bytes = read_input(&from, "source text").map_err(Error::Input)?;
    written.push((out_dir.join(&relative), bytes));
    Ok(relative)
}

/// `id` as part of one file name: a character other than a letter, digit, `-`, `_` or `.`
/// becomes `_`, so an id such as `../../.config/autostart/x` cannot lead the copy out of
/// `sources/` (ids are free text).
fn file_name_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn csv_table(out_dir: &Path, spec: &TableSpec, rows: Vec<Vec<String>>) -> Result<Pending> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let to_error = |err: csv::Error| Error::Output(std::io::Error::other(err));
    writer.write_record(spec.columns()).map_err(to_error)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| csv_cell(cell).into_owned()))
            .map_err(to_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::Output(std::io::Error::other(err.to_string())))?;
    Ok((out_dir.join(spec.file), bytes))
}
