//! A folder of files that coopgraph writes again and again (`export --format csv -o DIR`), where
//! the user also edits files by hand (the CSV tables, in a spreadsheet). A marker file beside
//! them records the SHA-256 of every file as coopgraph last wrote it, so a later export replaces
//! only files that are still exactly what it wrote: a table edited since, or a file of the same
//! name that coopgraph never wrote, is refused by name and nothing is written.

use super::input::read_regular;
use super::output::{write_all, write_atomic};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The marker's file name inside the folder.
pub const MARKER: &str = ".coopgraph-files.json";

/// What the marker says the marker is.
const FORMAT: &str = "coopgraph-files/1";

/// The marker: each file's path inside the folder (with `/`) and the SHA-256 of what was written.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    format: String,
    files: BTreeMap<String, String>,
}

/// SHA-256 of `bytes`, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The path of `path` inside `folder`, with `/` between parts.
fn relative(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The marker of `folder`; none (or an unreadable one) records nothing.
fn marker_of(folder: &Path) -> Marker {
    read_regular(
        &folder.join(MARKER),
        "coopgraph's list of the files it wrote",
    )
    .ok()
    .and_then(|bytes| serde_json::from_slice::<Marker>(&bytes).ok())
    .filter(|marker| marker.format == FORMAT)
    .unwrap_or_default()
}

/// What to do with each of `files`, reading each existing one once: the files to write (absent,
/// or unchanged since coopgraph wrote them) and the conflicts (changed since, or never coopgraph's:
/// replacing them would lose someone's work). A file that already holds the bytes is neither: it
/// is left alone, since it may be an input of this very command (the source texts of a dataset
/// imported from this folder).
fn sort_out(
    folder: &Path,
    files: &[(PathBuf, Vec<u8>)],
    marker: &Marker,
) -> (Vec<(PathBuf, Vec<u8>)>, Vec<PathBuf>) {
    let mut to_write = Vec::new();
    let mut conflicts = Vec::new();
    for (path, bytes) in files {
        let existing = if std::fs::symlink_metadata(path).is_ok() {
            read_regular(path, "file").ok()
        } else {
            None
        };
        match existing {
            Some(now) if now == *bytes => {}
            Some(now) if marker.files.get(&relative(folder, path)) != Some(&sha256_hex(&now)) => {
                conflicts.push(path.clone());
            }
            // Absent, ours and unchanged, or not a readable regular file (which the writer
            // refuses with its own message).
            _ => to_write.push((path.clone(), bytes.clone())),
        }
    }
    (to_write, conflicts)
}

/// Saves `marker` as `folder`'s marker.
fn save(folder: &Path, marker: &Marker) -> Result<()> {
    let json = serde_json::to_vec_pretty(marker).map_err(|e| Error::Runtime(e.to_string()))?;
    write_atomic(&folder.join(MARKER), &json)
}

/// Writes `files` into `folder` (which must exist) as [`write_all`] does, after checking that each
/// file it replaces is unchanged since coopgraph wrote it; then records what it wrote.
pub fn write_owned(folder: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut marker = marker_of(folder);
    let (to_write, conflicts) = sort_out(folder, files, &marker);
    if !conflicts.is_empty() {
        let shown: Vec<String> = conflicts
            .iter()
            .take(5)
            .map(|path| format!("'{}'", path.display()))
            .collect();
        let more = conflicts.len().saturating_sub(shown.len());
        return Err(Error::Input(format!(
            "{}{} {} changed since coopgraph wrote {} (or coopgraph never wrote {}): writing \
             would lose those edits — nothing was written. Bring the edits into a dataset first \
             (coopgraph import csv '{}' -o FILE), move the file(s) away, or write to a new folder",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
            if conflicts.len() == 1 { "has" } else { "have" },
            if conflicts.len() == 1 { "it" } else { "them" },
            if conflicts.len() == 1 { "it" } else { "them" },
            folder.display()
        )));
    }
    write_all(folder, &to_write)?;
    marker.format = FORMAT.into();
    for (path, bytes) in files {
        marker
            .files
            .insert(relative(folder, path), sha256_hex(bytes));
    }
    save(folder, &marker)
}

/// Records, in `folder`'s marker (when it has one: only coopgraph's folders), the files inside it
/// that this process read as they are now: `import csv` has taken their edits into a dataset, so
/// the next export may replace them.
pub fn record_taken_in(folder: &Path) -> Result<()> {
    let mut marker = marker_of(folder);
    if marker.format != FORMAT {
        return Ok(());
    }
    let Ok(root) = std::fs::canonicalize(folder) else {
        return Ok(());
    };
    for input in super::input::inputs() {
        if !input.canonical.starts_with(&root) {
            continue;
        }
        if let Ok(bytes) = read_regular(&input.canonical, &input.what) {
            marker
                .files
                .insert(relative(&root, &input.canonical), sha256_hex(&bytes));
        }
    }
    save(folder, &marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(folder: &Path, text: &str) -> Vec<(PathBuf, Vec<u8>)> {
        vec![
            (folder.join("a.csv"), format!("a,{text}\n").into_bytes()),
            (folder.join("sub/b.txt"), text.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn rewrites_its_own_files_and_refuses_edited_or_foreign_ones() {
        let dir = tempfile::tempdir().expect("temp");
        let folder = dir.path();
        write_owned(folder, &files(folder, "one")).expect("first");
        // Unchanged since written: replaced.
        write_owned(folder, &files(folder, "two")).expect("second");
        assert_eq!(std::fs::read(folder.join("a.csv")).expect("a"), b"a,two\n");
        // Edited by hand: refused, nothing written.
        std::fs::write(folder.join("a.csv"), "a,edited\n").expect("edit");
        let error = write_owned(folder, &files(folder, "three")).expect_err("edited");
        assert!(error.to_string().contains("a.csv"), "{error}");
        assert!(error.to_string().contains("import csv"), "{error}");
        assert_eq!(std::fs::read(folder.join("sub/b.txt")).expect("b"), b"two");
        // A file coopgraph never wrote, in a folder without a marker: refused.
        let other = tempfile::tempdir().expect("temp");
        std::fs::write(other.path().join("a.csv"), "mine\n").expect("mine");
        let error = write_owned(other.path(), &files(other.path(), "x")).expect_err("foreign");
        assert!(error.to_string().contains("never wrote"), "{error}");
        // The same bytes are no conflict.
        std::fs::write(other.path().join("a.csv"), "a,x\n").expect("same");
        write_owned(other.path(), &files(other.path(), "x")).expect("same bytes");
    }
}
