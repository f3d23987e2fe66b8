//! Writing files so that a failure never leaves a partial one: temp file beside, then rename.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".coopgraph-")
        .tempfile_in(folder)
        .map_err(|err| Error::io(folder, err))?;
    temp.write_all(bytes).map_err(|err| Error::io(path, err))?;
    temp.flush().map_err(|err| Error::io(path, err))?;
    temp.persist(path)
        .map_err(|err| Error::io(path, err.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second").expect("rewrite");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn fails_cleanly_when_the_folder_is_missing() {
        let err = write_atomic(Path::new("/nonexistent/dir/out.txt"), b"x").expect_err("no dir");
        assert_eq!(err.exit_code(), 1);
    }
}
