//! Writing output files so that a failure never leaves a partial one and no write destroys what
//! the user did not ask to replace.
//!
//! The target must be a regular file or not exist: a folder, device node, FIFO or socket is
//! refused, and so is any input this process read (same device and inode, through any path or
//! hard link). A symbolic link is written *through*: its target file is replaced and the link
//! stays (a link to nothing is refused). The bytes go to a temporary file beside the target,
//! which is then renamed over it; an existing file keeps its permission bits, a new file gets
//! mode 0666 less the umask, as any program's new file does.

use super::cleanup;
use super::input::{describe_kind, input_with_id, FileId};
use crate::error::{Error, Result};
use std::fs::Permissions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where an output really goes, after following a symbolic link.
struct Target {
    /// The file to replace or create.
    path: PathBuf,
    /// Its permissions, when it exists.
    permissions: Option<Permissions>,
}

/// Checks the output `path` and finds the file it names. `editing` is an input this command
/// means to replace (`review DATASET`): writing over that one file is allowed.
fn target(path: &Path, editing: Option<FileId>) -> Result<Target> {
    let shown = path.display();
    let metadata = match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target {
                path: path.to_path_buf(),
                permissions: None,
            })
        }
        Err(err) => return Err(Error::io(path, err)),
        Ok(metadata) => metadata,
    };
    let (real, metadata) = if metadata.file_type().is_symlink() {
        let link = std::fs::read_link(path).unwrap_or_default();
        let real = std::fs::canonicalize(path).map_err(|_| {
            Error::Input(format!(
                "'{shown}' is a symbolic link to '{}', which does not exist; coopgraph writes through links only to existing files: create the file first, or write to another path",
                link.display()
            ))
        })?;
        let metadata = std::fs::metadata(&real).map_err(|err| Error::io(&real, err))?;
        (real, metadata)
    } else {
        (path.to_path_buf(), metadata)
    };
    if !metadata.is_file() {
        return Err(Error::Input(format!(
            "'{shown}' is {}{}; an output must be a regular file (or not exist yet) — nothing was written",
            describe_kind(&metadata),
            if real == path {
                String::new()
            } else {
                format!(" (through the link to '{}')", real.display())
            }
        )));
    }
    let id = FileId::of(&real, &metadata);
    if let Some(input) = input_with_id(id).filter(|_| editing != Some(id)) {
        return Err(Error::Input(format!(
            "'{shown}' is the {} this command reads ('{}'{}); writing there would destroy it — choose another output file",
            input.what,
            input.path.display(),
            if input.path == path {
                ""
            } else {
                ", the same file through another path or link"
            }
        )));
    }
    Ok(Target {
        path: real,
        permissions: Some(metadata.permissions()),
    })
}

/// A temporary file beside `target`, registered for removal on interrupt, created with mode 0666
/// less the umask (tempfile's own default, 0600, would leave new outputs private).
fn temporary(target: &Path) -> Result<(tempfile::NamedTempFile, cleanup::Guard)> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".coopgraph-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(0o666));
    }
    let temp = builder
        .tempfile_in(folder)
        .map_err(|err| Error::io(folder, err))?;
    let guard = cleanup::register(temp.path());
    Ok((temp, guard))
}

fn fill(temp: &mut tempfile::NamedTempFile, bytes: &[u8], path: &Path) -> Result<()> {
    temp.write_all(bytes).map_err(|err| Error::io(path, err))?;
    temp.flush().map_err(|err| Error::io(path, err))
}

/// Writes `bytes` to the output file `path`, replacing it whole (see the module's rules).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(target(path, None)?, path, bytes)
}

/// Checks, before anything is written, that [`write_atomic`] (or, with `editing`,
/// [`update_in_place`]) would accept `path`: a command writing several files checks them all
/// first, so a refused one leaves nothing written.
pub fn check_output(path: &Path, editing: bool) -> Result<()> {
    let edited = editing
        .then(|| std::fs::metadata(path).ok().map(|m| FileId::of(path, &m)))
        .flatten();
    target(path, edited).map(|_| ())
}

/// Replaces the dataset `path` that this command read and means to edit (`review`, `draft
/// --into`), whole and atomically; every other rule of [`write_atomic`] holds.
pub fn update_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let editing = std::fs::metadata(path).ok().map(|m| FileId::of(path, &m));
    replace(target(path, editing)?, path, bytes)
}

/// Writes the output file `path` from `write`, which streams into it (buffered), replacing it
/// whole as [`write_atomic`] does: for outputs too large to hold in memory first (a 100,000-node
/// network's JSON is 156 MB, and its value tree several times that).
pub fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let target = target(path, None)?;
    let (mut temp, _guard) = temporary(&target.path)?;
    {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
        // A failed write names the file, not only the error.
        write(&mut buffered).map_err(|err| match err {
            Error::Output(io) => Error::io(path, io),
            other => other,
        })?;
        buffered.flush().map_err(|err| Error::io(path, err))?;
    }
    persist(temp, target, path)
}

fn replace(target: Target, path: &Path, bytes: &[u8]) -> Result<()> {
    let (mut temp, _guard) = temporary(&target.path)?;
    fill(&mut temp, bytes, path)?;
    persist(temp, target, path)
}

/// Gives the finished temporary file the target's permissions and renames it over the target.
fn persist(temp: tempfile::NamedTempFile, target: Target, path: &Path) -> Result<()> {
    if let Some(permissions) = target.permissions {
        std::fs::set_permissions(temp.path(), permissions).map_err(|err| Error::io(path, err))?;
    }
    temp.persist(&target.path)
        .map_err(|err| Error::io(path, err.error))?;
    Ok(())
}

/// Writes several files into `folder` (which must exist): every target is checked first, so a
/// refused one leaves nothing written; sub-folders are created one level at a time inside it,
/// and a path that would lead out of it (`..`) is refused.
pub fn write_all(folder: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for (path, _) in files {
        let inside = path.strip_prefix(folder).is_ok_and(|relative| {
            relative
                .components()
                .all(|part| matches!(part, std::path::Component::Normal(_)))
        });
        if !inside {
            return Err(Error::Runtime(format!(
                "'{}' lies outside '{}'; nothing was written",
                path.display(),
                folder.display()
            )));
        }
    }
    for (path, _) in files {
        if let Some(parent) = path.parent() {
            if parent.exists() {
                target(path, None)?;
            }
        }
    }
    for (path, bytes) in files {
        if let Some(inside) = path.parent().and_then(|p| p.strip_prefix(folder).ok()) {
            let mut current = folder.to_path_buf();
            for part in inside.components() {
                current.push(part);
                make_dir(&current)?;
            }
        }
        write_atomic(path, bytes)?;
    }
    Ok(())
}

/// What [`write_new`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// The file was created.
    Written,
    /// A file with the same bytes was already there.
    Same,
    /// Something else is at the path; it was left untouched and nothing was written.
    Exists,
}

/// Writes `bytes` to `path` only if nothing is there yet (or the same bytes already are): for
/// files the user did not name, such as `render`'s fallback DOT file.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<NewFile> {
    if let Ok(metadata) = std::fs::symlink_metadata(path) {
        let same = metadata.is_file()
            && metadata.len() == bytes.len() as u64
            && std::fs::read(path).is_ok_and(|existing| existing == bytes);
        return Ok(if same { NewFile::Same } else { NewFile::Exists });
    }
    let (mut temp, _guard) = temporary(path)?;
    fill(&mut temp, bytes, path)?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(NewFile::Written),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(NewFile::Exists),
        Err(err) => Err(Error::io(path, err.error)),
    }
}

/// Creates the folder `path` whose parent must already exist (never a whole chain: a folder being
/// removed on interrupt must not be brought back by a late write); an existing folder is fine,
/// anything else there is refused.
pub fn make_dir(path: &Path) -> Result<()> {
    match std::fs::create_dir(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
            if metadata.is_dir() {
                Ok(())
            } else {
                Err(Error::Input(format!(
                    "'{}' is {}, not a folder — nothing was written",
                    path.display(),
                    describe_kind(&metadata)
                )))
            }
        }
        Err(err) => Err(Error::io(path, err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_whole_and_leaves_no_temp_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second").expect("rewrite");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second");
        assert_eq!(names(dir.path()), vec!["out.txt"]);
    }

    #[test]
    fn a_streamed_write_that_fails_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.json");
        write_atomic(&path, b"old").expect("write");
        let err = write_atomic_streamed(&path, |out| {
            out.write_all(&[b'x'; 200_000]).map_err(Error::Output)?;
            Err(Error::Output(std::io::Error::other("disk full")))
        })
        .expect_err("failed");
        assert!(err.to_string().contains("out.json"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(names(dir.path()), ["out.json"]);
        write_atomic_streamed(&path, |out| out.write_all(b"new").map_err(Error::Output))
            .expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn fails_cleanly_when_the_folder_is_missing() {
        let err = write_atomic(Path::new("/nonexistent/dir/out.txt"), b"x").expect_err("no dir");
        assert_eq!(err.exit_code(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_gives_new_files_the_umask_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let existing = dir.path().join("shared.txt");
        std::fs::write(&existing, "old").expect("write");
        std::fs::set_permissions(&existing, Permissions::from_mode(0o664)).expect("chmod");
        write_atomic(&existing, b"new").expect("rewrite");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&existing), 0o664);
        // A new file gets what the system gives any new file: compare with one std creates.
        let reference = dir.path().join("reference.txt");
        std::fs::write(&reference, "x").expect("write");
        let fresh = dir.path().join("fresh.txt");
        write_atomic(&fresh, b"x").expect("write");
        assert_eq!(mode(&fresh), mode(&reference));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_folders_and_devices_and_writes_through_links() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_atomic(dir.path(), b"x").expect_err("folder");
        assert!(err.to_string().contains("is a folder"), "{err}");
        assert_eq!(err.exit_code(), 2);
        let err = write_atomic(Path::new("/dev/null"), b"x").expect_err("device");
        assert!(err.to_string().contains("is a device"), "{err}");
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        write_atomic(&link, b"new").expect("through the link");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("link");
        let err = write_atomic(&dangling, b"x").expect_err("dangling");
        assert!(err.to_string().contains("which does not exist"), "{err}");
    }

    #[test]
    fn refuses_an_input_through_a_hard_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("dataset.json");
        std::fs::write(&input, "{}").expect("write");
        super::super::read_input(&input, "dataset").expect("read");
        let alias = dir.path().join("alias.json");
        std::fs::hard_link(&input, &alias).expect("hard link");
        let err = write_atomic(&alias, b"x").expect_err("input");
        assert!(
            err.to_string()
                .contains("is the dataset this command reads"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&input).expect("read"), "{}");
    }

    #[test]
    fn an_edited_input_is_replaced_only_on_purpose() {
        let dir = tempfile::tempdir().expect("temp dir");
        let edited = dir.path().join("edited.json");
        let other = dir.path().join("other.json");
        for path in [&edited, &other] {
            std::fs::write(path, "{}").expect("write");
            super::super::read_input(path, "dataset").expect("read");
        }
        write_atomic(&edited, b"x").expect_err("a plain write refuses an input");
        update_in_place(&edited, b"[]").expect("the edited input");
        assert_eq!(std::fs::read_to_string(&edited).expect("read"), "[]");
        // Another input stays protected from plain writes.
        write_atomic(&other, b"x").expect_err("still an input");
        assert_eq!(std::fs::read_to_string(&other).expect("read"), "{}");
    }

    #[test]
    fn write_all_stays_inside_its_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let folder = dir.path().join("export");
        std::fs::create_dir(&folder).expect("mkdir");
        let files = vec![
            (folder.join("a.csv"), b"a".to_vec()),
            (folder.join("sources/../../escaped.txt"), b"x".to_vec()),
        ];
        let err = write_all(&folder, &files).expect_err("refused");
        assert!(err.to_string().contains("lies outside"), "{err}");
        assert!(!dir.path().join("escaped.txt").exists());
        assert!(!folder.join("a.csv").exists(), "nothing written");
    }

    #[test]
    fn write_new_never_clobbers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("view.dot");
        assert_eq!(write_new(&path, b"a").expect("new"), NewFile::Written);
        assert_eq!(write_new(&path, b"a").expect("same"), NewFile::Same);
        assert_eq!(write_new(&path, b"b").expect("exists"), NewFile::Exists);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a");
    }
}
