//! Loading a dataset from JSON, with errors that name the file, line, column and field path.

use crate::error::{Error, Result};
use crate::model::validate::{validate, Report, Severity};
use crate::model::Dataset;
use std::path::{Path, PathBuf};

/// A dataset that parsed and validated, with where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The dataset.
    pub dataset: Dataset,
    /// The file it was read from.
    pub path: PathBuf,
    /// The validation report (warnings only, unless validation was asked not to fail).
    pub report: Report,
}

/// Parses dataset JSON; `file` names the input in errors.
pub fn parse(text: &str, file: &str) -> Result<Dataset> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let dataset: Dataset = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = clean_path(&err.path().to_string());
        let inner = err.into_inner();
        Error::Parse {
            file: file.to_string(),
            line: inner.line(),
            column: inner.column(),
            path,
            message: explain_json_error(&inner),
        }
    })?;
    // Trailing content after the dataset object is a mistake too (two datasets pasted together).
    deserializer.end().map_err(|err| Error::Parse {
        file: file.to_string(),
        line: err.line(),
        column: err.column(),
        path: ".".into(),
        message: format!("{err}; expected the end of the file after the dataset object").replace(
            &format!(" at line {} column {}", err.line(), err.column()),
            "",
        ),
    })?;
    Ok(dataset)
}

/// serde_path_to_error writes `?` for a place it could not name (inside a broken object):
/// drop those segments, keeping the part of the path that is known.
fn clean_path(path: &str) -> String {
    let known: Vec<&str> = path
        .split('.')
        .take_while(|segment| *segment != "?")
        .collect();
    if known.is_empty() {
        ".".to_string()
    } else {
        known.join(".")
    }
}

/// serde_json's message without its own "at line … column …" suffix (we print the place first).
fn explain_json_error(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    if err.is_eof() {
        format!("{text}; the file ends before the dataset is complete")
    } else {
        text
    }
}

/// Reads and parses the dataset file at `path` (no validation). A UTF-8 byte-order mark, which
/// some Windows editors write, is skipped.
pub fn read(path: &Path) -> Result<Dataset> {
    let bytes = crate::fsio::read_input(path, "dataset").map_err(Error::Input)?;
    let text = String::from_utf8(bytes).map_err(|err| {
        Error::Input(format!(
            "{}: byte {} is not UTF-8; a dataset is UTF-8 JSON",
            path.display(),
            err.utf8_error().valid_up_to()
        ))
    })?;
    parse(strip_bom(&text), &path.display().to_string())
}

/// `text` without a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The dataset as pretty JSON with a final newline, tagged with the current schema (a dataset
/// read from an older version is written in the current one).
pub fn to_json(dataset: &Dataset) -> Result<Vec<u8>> {
    let mut upgraded = dataset.clone();
    upgraded.schema = crate::model::SCHEMA.to_string();
    let mut json = serde_json::to_vec_pretty(&upgraded)
        .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    json.push(b'\n');
    Ok(json)
}

/// The folder that relative source `file` paths of the dataset at `path` are resolved against.
pub fn base_dir(path: &Path) -> PathBuf {
    // A dataset opened through a symbolic link has its sources beside the file itself, not
    // beside the link.
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let real = if linked {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    real.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads, parses and validates the dataset at `path`; fails with every error listed if any.
pub fn load(path: &Path) -> Result<Loaded> {
    let dataset = read(path)?;
    let report = validate(&dataset, &base_dir(path));
    if report.fails(false) {
        return Err(Error::Invalid {
            next: format!(
                "run `coopgraph --data {} validate` for the full report",
                path.display()
            ),
            file: path.display().to_string(),
            problems: report
                .problems
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect(),
        });
    }
    Ok(Loaded {
        dataset,
        path: path.to_path_buf(),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_path_line_and_column_of_a_bad_field() {
        let text = r#"{"schema": "coopgraph/1", "mechanisms": [
            {"id": "m", "name": "M", "kind": "dialogue", "participants": [{"body": 5}]}
        ]}"#;
        match parse(text, "x.json") {
            Err(Error::Parse {
                file,
                line,
                path,
                message,
                ..
            }) => {
                assert_eq!(file, "x.json");
                assert_eq!(line, 2);
                assert_eq!(path, "mechanisms[0].participants[0].body");
                assert!(message.contains("expected a string"), "{message}");
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn rejects_unknown_fields_and_roles() {
        let text = r#"{"schema": "coopgraph/1", "mechanisms": [
            {"id": "m", "name": "M", "kind": "dialogue", "participants": [{"body": "a", "role": "leader"}]}
        ]}"#;
        let err = parse(text, "x.json").expect_err("bad role");
        let shown = err.to_string();
        assert!(
            shown.contains("mechanisms[0].participants[0].role"),
            "{shown}"
        );
        assert!(
            shown.contains("unknown role 'leader'; did you mean 'lead'?"),
            "{shown}"
        );
        let text = r#"{"schema": "coopgraph/1", "bodys": []}"#;
        let shown = parse(text, "x.json").expect_err("typo").to_string();
        assert!(shown.contains("unknown field `bodys`"), "{shown}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("bom.json");
        std::fs::write(&path, "\u{feff}{\"schema\": \"coopgraph/1\"}").expect("write");
        assert!(read(&path).is_ok());
    }

    #[test]
    fn reads_a_version_1_source_as_a_one_citation_list_and_writes_version_2() {
        let text = r#"{"schema": "coopgraph/1", "mechanisms": [
            {"id": "m", "name": "M", "kind": "dialogue",
             "source": {"doc": "d", "ref": "1", "quote": "q"}}
        ]}"#;
        let dataset = parse(text, "x.json").expect("v1 parses");
        assert_eq!(dataset.mechanisms[0].sources.len(), 1);
        assert_eq!(
            dataset.mechanisms[0].source().map(|s| s.quote.as_str()),
            Some("q")
        );
        let written = String::from_utf8(to_json(&dataset).expect("json")).expect("utf8");
        assert!(written.contains("\"schema\": \"coopgraph/2\""), "{written}");
        assert!(written.contains("\"sources\": ["), "{written}");
        let again = parse(&written, "y.json").expect("v2 parses");
        assert_eq!(again.mechanisms, dataset.mechanisms);
    }

    #[test]
    fn refuses_both_spellings_and_unknown_statuses() {
        let text = r#"{"schema": "coopgraph/2", "mechanisms": [
            {"id": "m", "name": "M", "kind": "dialogue",
             "source": {"doc": "d", "ref": "1", "quote": "q"},
             "sources": [{"doc": "d", "ref": "1", "quote": "q"}]}
        ]}"#;
        let shown = parse(text, "x.json").expect_err("both").to_string();
        assert!(
            shown.contains("mechanisms[0]") && shown.contains("both `source` and `sources`"),
            "{shown}"
        );
        let text = r#"{"schema": "coopgraph/2", "bodies": [
            {"id": "b", "name": "B", "kind": "ministry", "group": "g", "status": "drafted"}
        ]}"#;
        let shown = parse(text, "x.json").expect_err("status").to_string();
        assert!(
            shown.contains("bodies[0].status") && shown.contains("draft"),
            "{shown}"
        );
    }

    #[test]
    fn rejects_trailing_content() {
        let err = parse(r#"{"schema": "coopgraph/1"} {}"#, "x.json").expect_err("trailing");
        assert!(err.to_string().contains("end of the file"), "{err}");
    }
}
