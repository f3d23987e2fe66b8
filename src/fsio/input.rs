//! Reading inputs: regular files only, bounded in size, and remembered so that no output of the
//! same run can overwrite them.
//!
//! The policy (size limit, where source texts may live) is set once per process from the command
//! line ([`set_policy`]); library callers get [`InputPolicy::default`].

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

/// The default size limit of one input file (dataset, source text or CSV table): 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// What inputs coopgraph accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputPolicy {
    /// Largest input file read, in bytes.
    pub max_bytes: u64,
    /// Folders besides the dataset's own where source texts may live.
    pub source_roots: Vec<PathBuf>,
    /// Accept source paths anywhere (absolute paths, `..` escapes, links out of the folder).
    pub outside_sources: bool,
}

impl Default for InputPolicy {
    fn default() -> InputPolicy {
        InputPolicy {
            max_bytes: DEFAULT_MAX_BYTES,
            source_roots: Vec::new(),
            outside_sources: false,
        }
    }
}

static POLICY: RwLock<Option<InputPolicy>> = RwLock::new(None);

/// Sets the input policy of this process (the command line's `--max-input-size`,
/// `--allow-source-root` and `--allow-outside-sources`).
pub fn set_policy(policy: InputPolicy) {
    if let Ok(mut slot) = POLICY.write() {
        *slot = Some(policy);
    }
}

/// The input policy in force.
pub fn policy() -> InputPolicy {
    POLICY
        .read()
        .ok()
        .and_then(|slot| slot.clone())
        .unwrap_or_default()
}

/// A file's identity: device and inode, the same through any path or hard link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the file at `path`, described by `metadata`.
    #[cfg(unix)]
    pub fn of(_path: &Path, metadata: &Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId {
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }

    /// Without device and inode numbers, a file is known by a hash of its canonical path (hard
    /// links then count as different files): two different files never compare equal.
    #[cfg(not(unix))]
    pub fn of(path: &Path, _metadata: &Metadata) -> FileId {
        use std::hash::{Hash, Hasher};
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        canonical.hash(&mut hasher);
        FileId {
            device: 0,
            inode: hasher.finish(),
        }
    }
}

/// An input read by this process.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Its identity.
    pub id: FileId,
    /// The path it was read through.
    pub path: PathBuf,
    /// Its canonical path (symbolic links resolved).
    pub canonical: PathBuf,
    /// What it is ("dataset", "source text", "CSV table").
    pub what: String,
}

static READ: Mutex<Vec<InputFile>> = Mutex::new(Vec::new());

/// Every input read by this process so far.
pub fn inputs() -> Vec<InputFile> {
    READ.lock().map(|list| list.clone()).unwrap_or_default()
}

/// The input with identity `id`, if this process read one and it is still there (a deleted
/// input's inode number may be given to a new file).
pub fn input_with_id(id: FileId) -> Option<InputFile> {
    inputs().into_iter().find(|input| {
        input.id == id
            && std::fs::metadata(&input.path).is_ok_and(|m| FileId::of(&input.path, &m) == id)
    })
}

fn remember(path: &Path, metadata: &Metadata, what: &str) {
    let id = FileId::of(path, metadata);
    if let Ok(mut list) = READ.lock() {
        // The latest read of an identity wins: an earlier entry may name a deleted file whose
        // inode number was given to this one.
        list.retain(|input| input.id != id);
        list.push(InputFile {
            id,
            path: path.to_path_buf(),
            canonical: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            what: what.to_string(),
        });
    }
}

/// What a file that is not a regular file is, in words.
pub fn describe_kind(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// A byte count for people: "10.0 GB", "256 MB", "12 KB".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64;
    let mut unit = "bytes";
    for name in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = name;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

/// Parses a size such as `512MB`, `2G`, `300k` or `1048576` (binary units: 1 KB = 1024 bytes).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let number: u64 = number.parse().map_err(|_| {
        format!(
            "'{text}' is not a size; expected a number with an optional unit, such as 512MB or 2GB"
        )
    })?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        other => {
            return Err(format!(
                "unknown unit '{other}' in '{text}'; expected KB, MB, GB or TB"
            ))
        }
    };
    number
        .checked_mul(factor)
        .filter(|bytes| *bytes > 0)
        .ok_or_else(|| format!("'{text}' is not a usable size; expected at least 1 byte"))
}

/// Reads the input file at `path` (`what` names it in messages: "dataset", "source text", …).
///
/// Only a regular file is read (a FIFO would block forever, `/dev/zero` never ends), and only up
/// to the policy's size limit. The error is a complete sentence naming the file and what was
/// expected.
pub fn read_input(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    let (bytes, metadata) = read_checked(path, what, Links::Follow)?;
    remember(path, &metadata, what);
    Ok(bytes)
}

/// Reads a file coopgraph wrote itself (an earlier bundle's picture or marker) under the same
/// checks as [`read_input`], without counting it as an input of this run. A symbolic link is
/// refused: coopgraph writes none, and one planted in a bundle folder (a shared one, say) must
/// not pull another file — `~/.ssh/id_rsa` named `network.png` — into the new bundle.
pub fn read_regular(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    read_checked(path, what, Links::Refuse).map(|(bytes, _)| bytes)
}

/// Whether a read follows a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    Follow,
    Refuse,
}

fn read_checked(path: &Path, what: &str, links: Links) -> Result<(Vec<u8>, Metadata), String> {
    let limit = policy().max_bytes;
    let cannot = |err: std::io::Error| format!("cannot read {what} '{}': {err}", path.display());
    let metadata = match links {
        Links::Follow => std::fs::metadata(path),
        Links::Refuse => std::fs::symlink_metadata(path),
    }
    .map_err(cannot)?;
    check_regular(path, what, &metadata)?;
    check_size(path, what, metadata.len(), limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should the file have been swapped for a FIFO since the check, opening it must not
        // block waiting for a writer; nor may a link swapped in be followed when refused.
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = rustix::fs::OFlags::NONBLOCK;
        if links == Links::Refuse {
            flags |= rustix::fs::OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    check_regular(path, what, &metadata)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // Read one byte past the limit, so a file that grows while being read is caught too.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    check_size(path, what, bytes.len() as u64, limit)?;
    Ok((bytes, metadata))
}

fn check_regular(path: &Path, what: &str, metadata: &Metadata) -> Result<(), String> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(format!(
            "{what} '{}' is {}, not a regular file; coopgraph reads only regular files",
            path.display(),
            describe_kind(metadata)
        ))
    }
}

fn check_size(path: &Path, what: &str, size: u64, limit: u64) -> Result<(), String> {
    if size <= limit {
        return Ok(());
    }
    let read_all = size != limit.saturating_add(1);
    Err(format!(
        "{what} '{}' is {}, more than the input limit of {}; if the file is right, raise the limit with --max-input-size {}",
        path.display(),
        if read_all {
            human_size(size)
        } else {
            format!("over {}", human_size(limit))
        },
        human_size(limit),
        if read_all {
            format!("{}MB", size.div_ceil(1 << 20))
        } else {
            "SIZE (such as 2GB)".to_string()
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("512MB"), Ok(512 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("300 KiB"), Ok(300 << 10));
        assert_eq!(parse_size("77"), Ok(77));
        assert!(parse_size("1e9").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999999TB").is_err());
        assert_eq!(human_size(256 << 20), "256 MB");
        assert_eq!(human_size(1536), "1.5 KB");
    }

    #[test]
    fn reads_regular_files_and_remembers_them() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "text").expect("write");
        assert_eq!(read_input(&path, "source text").expect("read"), b"text");
        let id = FileId::of(&path, &std::fs::metadata(&path).expect("meta"));
        assert_eq!(
            input_with_id(id).map(|i| i.what),
            Some("source text".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn reads_of_its_own_files_refuse_symbolic_links() {
        let dir = tempfile::tempdir().expect("temp");
        let secret = dir.path().join("id_rsa");
        std::fs::write(&secret, "secret").expect("write");
        let planted = dir.path().join("network.png");
        std::os::unix::fs::symlink(&secret, &planted).expect("link");
        let err = read_regular(&planted, "earlier picture").expect_err("a link");
        assert!(err.contains("is a symbolic link"), "{err}");
        assert_eq!(
            read_input(&planted, "source text").expect("inputs follow"),
            b"secret"
        );
    }

    #[test]
    fn refuses_folders_and_devices() {
        let dir = tempfile::tempdir().expect("temp");
        let err = read_input(dir.path(), "dataset").expect_err("folder");
        assert!(err.contains("is a folder, not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let err = read_input(Path::new("/dev/zero"), "source text").expect_err("device");
            assert!(err.contains("is a device, not a regular file"), "{err}");
        }
    }
}
