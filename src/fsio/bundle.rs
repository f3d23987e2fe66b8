//! The report's folder: written only into a new folder, an empty one, or an earlier coopgraph
//! bundle, and replaced whole or not at all.
//!
//! A bundle carries a marker file, [`MARKER`], listing every file it holds with its SHA-256 (and
//! the hashes of the DOT its pictures were drawn from). A folder holding anything else — a
//! user's files, a bundle file edited since it was written, a marker listing a file no bundle
//! holds, a file where the folder should be, the home folder, a folder holding the input — is
//! refused with exit 2 and nothing is moved or deleted. A folder without a marker counts as a
//! bundle written before markers existed only when every file in it is one such a bundle held,
//! by exact name, and its briefing says coopgraph wrote it.
//!
//! Why a refusal rather than keeping an edited file and writing the new one beside it
//! (`x.new.csv`): a bundle is replaced whole, its page links its own tables and pictures, and a
//! half-old, half-new folder would be neither the user's nor coopgraph's. The refusal names the
//! files, so moving them out (or choosing another `--out`) is one step.
//!
//! The new bundle is built in `.coopgraph-report-XXXXXX/bundle/` beside the target, next to an
//! `owner.json` naming the process and the target. The swap moves the earlier bundle into
//! `.coopgraph-report-XXXXXX/previous/`, the new one into place, then removes the build folder.
//! On Ctrl-C or SIGTERM the build folder is removed ([`super::cleanup`]); one left by a process
//! that is gone (power cut, SIGKILL) is swept by the next report in the same parent folder —
//! only folders carrying our `owner.json` whose process no longer runs — and an earlier bundle
//! caught in the middle of a swap is put back first.

use super::cleanup;
use super::input::{describe_kind, inputs};
use super::output::make_dir;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The marker file of a bundle, at its top level.
pub const MARKER: &str = ".coopgraph-bundle.json";
/// The marker's format tag.
pub const FORMAT: &str = "coopgraph-bundle/2";
/// The tag of markers written before they held each file's hash: still recognised, their files
/// checked by name only.
pub const FORMAT_WITHOUT_HASHES: &str = "coopgraph-bundle/1";
/// Prefix of the build folders beside the target.
pub const BUILD_PREFIX: &str = ".coopgraph-report-";
const OWNER: &str = "owner.json";
const OWNER_FORMAT: &str = "coopgraph-report-build/1";
const BUILDING: &str = "bundle";
const PREVIOUS: &str = "previous";

/// The marker file's content: what the bundle holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Every file of the bundle but the marker, relative, `/`-separated, sorted.
    pub files: Vec<String>,
    /// SHA-256 (hex) of each file as written, by file: a file changed since is the user's, and
    /// the next report refuses to replace it (filled in by [`Build::finish`]).
    #[serde(default)]
    pub sha256: BTreeMap<String, String>,
    /// Pictures (SVG and PNG) by diagram name, with the DOT they were drawn from.
    #[serde(default)]
    pub pictures: BTreeMap<String, Picture>,
}

/// A drawn diagram of a bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// SHA-256 (hex) of the diagram's DOT as coopgraph builds it, before Graphviz measures it.
    pub dot_sha256: String,
    /// The diagram's files in the bundle (DOT, SVG, PNG).
    pub files: Vec<String>,
}

/// What the target folder holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    /// Nothing: the folder does not exist yet.
    Missing,
    /// An empty folder.
    Empty,
    /// An earlier coopgraph bundle; its manifest, if it has a marker (bundles written before
    /// markers existed are recognised by their layout and have none).
    Bundle(Option<Manifest>),
}

/// A checked `report --out` folder.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The folder, with a symbolic link to it resolved (the link stays and points at the new
    /// bundle).
    pub path: PathBuf,
    /// Its parent, where the build folder goes.
    pub parent: PathBuf,
    /// What it holds now.
    pub earlier: Earlier,
}

fn refuse(out: &Path, why: String) -> Error {
    Error::Input(format!(
        "refusing to write the report into '{}': {why}. report --out writes only into a new folder, an empty one, or an earlier coopgraph bundle; nothing was moved or deleted",
        out.display()
    ))
}

/// Checks the folder `report --out` names (see the module's rules).
pub fn check(out: &Path) -> Result<Destination> {
    let text = out.to_string_lossy();
    if text.trim().is_empty() {
        return Err(Error::Usage(
            "--out needs a folder name, such as --out briefing".into(),
        ));
    }
    let exists = std::fs::symlink_metadata(out).is_ok();
    if text.starts_with('~') && !exists {
        return Err(Error::Usage(format!(
            "--out '{text}': coopgraph does not expand '~' (the shell does, when it is not quoted); write the full path"
        )));
    }
    let path = if exists {
        std::fs::canonicalize(out).map_err(|_| {
            refuse(
                out,
                "it is a symbolic link to something that does not exist".into(),
            )
        })?
    } else {
        std::path::absolute(out).map_err(|err| Error::io(out, err))?
    };
    if !exists && path.file_name().is_none() {
        // `new/..` where `new` does not exist: no folder of that name can be made.
        return Err(refuse(
            out,
            "it ends in '..' below a folder that does not exist; name the folder itself".into(),
        ));
    }
    let parent = match path.parent() {
        Some(parent) => parent.to_path_buf(),
        None => return Err(refuse(out, "it is the root folder".into())),
    };
    let home = std::env::var_os("HOME").and_then(|h| std::fs::canonicalize(h).ok());
    if home.as_deref() == Some(path.as_path()) {
        return Err(refuse(out, "it is your home folder".into()));
    }
    if exists {
        for input in inputs() {
            if input.canonical.starts_with(&path) {
                return Err(refuse(
                    out,
                    format!(
                        "it holds the {} this report reads ('{}')",
                        input.what,
                        input.path.display()
                    ),
                ));
            }
        }
    }
    let earlier = classify(out, &path)?;
    Ok(Destination {
        path,
        parent,
        earlier,
    })
}

/// What the existing folder `path` holds; refuses anything but nothing, an empty folder or a
/// bundle. `out` is the path as the user wrote it, for messages.
fn classify(out: &Path, path: &Path) -> Result<Earlier> {
    let metadata = match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Earlier::Missing),
        Err(err) => return Err(Error::io(path, err)),
        Ok(metadata) => metadata,
    };
    if !metadata.is_dir() {
        return Err(refuse(
            out,
            format!("it is {}, not a folder", describe_kind(&metadata)),
        ));
    }
    // The top level first: a folder that is plainly not a bundle (`--out /usr`) is refused
    // without walking all of it.
    let mut top: Vec<String> = std::fs::read_dir(path)
        .map_err(|err| Error::io(path, err))?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()
        .map_err(|err| Error::io(path, err))?;
    top.sort();
    if top.is_empty() {
        return Ok(Earlier::Empty);
    }
    let bundle_like = top.iter().any(|name| name == MARKER)
        || top.iter().all(|name| LEGACY_TOP.contains(&name.as_str()));
    if !bundle_like {
        let shown: Vec<&String> = top.iter().collect();
        return Err(refuse(
            out,
            format!(
                "it is not empty ({}) and not a coopgraph bundle (it has no {MARKER})",
                list(&shown)
            ),
        ));
    }
    let files = walk(path).map_err(|err| Error::io(path, err))?;
    if files.contains(MARKER) {
        let manifest = read_manifest(&path.join(MARKER)).map_err(|why| {
            refuse(
                out,
                format!("its marker {MARKER} is not one coopgraph wrote ({why})"),
            )
        })?;
        check_marked(out, path, &files, &manifest)?;
        return Ok(Earlier::Bundle(Some(manifest)));
    }
    if files.iter().all(|f| legacy_layout(f)) && legacy_briefing(path) {
        return Ok(Earlier::Bundle(None));
    }
    let shown: Vec<&String> = files.iter().collect();
    Err(refuse(
        out,
        format!(
            "it is not empty ({}) and not a coopgraph bundle (it has no {MARKER})",
            list(&shown)
        ),
    ))
}

/// Checks a bundle with a marker: every file in it is listed, every listed file is one a bundle
/// holds, and (when the marker has hashes) none was changed since it was written.
fn check_marked(
    out: &Path,
    path: &Path,
    files: &BTreeSet<String>,
    manifest: &Manifest,
) -> Result<()> {
    let forged: Vec<&String> = manifest
        .files
        .iter()
        .filter(|f| !bundle_layout(f))
        .collect();
    if !forged.is_empty() {
        return Err(refuse(
            out,
            format!(
                "its marker {MARKER} lists {} file(s) no coopgraph bundle holds ({}), so it is not a marker coopgraph wrote",
                forged.len(),
                list(&forged)
            ),
        ));
    }
    let listed: BTreeSet<&str> = manifest.files.iter().map(String::as_str).collect();
    let foreign: Vec<&String> = files
        .iter()
        .filter(|f| f.as_str() != MARKER && !listed.contains(f.as_str()))
        .collect();
    if !foreign.is_empty() {
        return Err(refuse(
            out,
            format!(
                "it is an earlier bundle, but also holds {} file(s) the bundle did not write ({}); move them out first",
                foreign.len(),
                list(&foreign)
            ),
        ));
    }
    if manifest.format == FORMAT_WITHOUT_HASHES {
        return Ok(());
    }
    let edited: Vec<&String> = manifest
        .files
        .iter()
        .filter(|f| files.contains(f.as_str()))
        .filter(|f| manifest.sha256.get(f.as_str()) != file_sha256(&path.join(f.as_str())).as_ref())
        .collect();
    if edited.is_empty() {
        return Ok(());
    }
    Err(refuse(
        out,
        format!(
            "{} file(s) of the earlier bundle changed since coopgraph wrote them ({}); a report replaces the whole bundle and would lose those edits — move the edited files out of it, or write the report elsewhere with another --out",
            edited.len(),
            list(&edited)
        ),
    ))
}

/// SHA-256 (hex) of the regular file at `path`, read in pieces (an export may be hundreds of
/// megabytes); none for anything else (a link, a folder) or an unreadable file.
pub fn file_sha256(path: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).ok()?;
    Some(
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect(),
    )
}

/// Whether a bundle written before markers existed says, in its briefing, that coopgraph wrote
/// it (a user's own `index.html` and `briefing.md` do not).
fn legacy_briefing(path: &Path) -> bool {
    super::input::read_regular(&path.join("briefing.md"), "earlier briefing").is_ok_and(|bytes| {
        let text = String::from_utf8_lossy(&bytes);
        text.starts_with("# Briefing") && text.contains("computed by coopgraph")
    }) && path.join("index.html").is_file()
}

/// A few names of a file list, for a message.
fn list(files: &[&String]) -> String {
    let mut text = files
        .iter()
        .take(5)
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > 5 {
        text.push_str(&format!(" and {} more", files.len() - 5));
    }
    text
}

/// The top level of a bundle written before bundles had a marker.
const LEGACY_TOP: [&str; 5] = ["briefing.md", "diagrams", "exports", "index.html", "tables"];

/// The tables of a bundle, by exact name.
const TABLES: [&str; 8] = [
    "centrality-network.csv",
    "centrality-bodies.csv",
    "overlap-bodies.csv",
    "overlap-mechanisms.csv",
    "overlap-forums.csv",
    "redundant-channels.csv",
    "structure.csv",
    "brokerage.csv",
];

/// The exports of a bundle, by exact name.
const EXPORTS: [&str; 4] = [
    "network.graphml",
    "network.gexf",
    "network.json",
    "network.cypher",
];

/// The tables of a bundle's CSV export, by exact name.
const CSV_EXPORTS: [&str; 10] = [
    "areas.csv",
    "bodies.csv",
    "dataset.csv",
    "edges.csv",
    "forums.csv",
    "groups.csv",
    "mechanisms.csv",
    "nodes.csv",
    "participants.csv",
    "sources.csv",
];

/// A file a bundle written before bundles had a marker held, by its exact path: the page, the
/// briefing, the tables and exports by name, the diagrams by a name of coopgraph's form.
fn legacy_layout(file: &str) -> bool {
    let diagram = file.strip_prefix("diagrams/").is_some_and(|rest| {
        rest.rsplit_once('.').is_some_and(|(name, extension)| {
            ["dot", "svg", "png"].contains(&extension)
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    });
    file == "index.html"
        || file == "briefing.md"
        || diagram
        || file
            .strip_prefix("tables/")
            .is_some_and(|t| TABLES.contains(&t))
        || file
            .strip_prefix("exports/")
            .is_some_and(|e| EXPORTS.contains(&e))
        || file
            .strip_prefix("exports/csv/")
            .is_some_and(|c| CSV_EXPORTS.contains(&c) || c.starts_with("sources/"))
}

/// A file a bundle holds: the layout above, the CSV export's own marker, and what bundles
/// hold since the deck: `briefing.pptx`, `briefing.pdf` and the diagrams' Graphviz layouts
/// (`diagrams/NAME.json`, which the deck's shapes are drawn from).
fn bundle_layout(file: &str) -> bool {
    legacy_layout(file)
        || file == format!("exports/csv/{}", super::owned::MARKER)
        || file == "briefing.pptx"
        || file == "briefing.pdf"
        || file.strip_suffix(".json").is_some_and(|stem| {
            stem.starts_with("diagrams/") && legacy_layout(&format!("{stem}.dot"))
        })
}

/// Every entry under `folder`, relative and `/`-separated; a symbolic link or special file counts
/// as an entry (never followed), an empty folder as `name/`.
fn walk(folder: &Path) -> std::io::Result<BTreeSet<String>> {
    fn visit(base: &Path, dir: &Path, out: &mut BTreeSet<String>) -> std::io::Result<()> {
        let mut empty = true;
        for entry in std::fs::read_dir(dir)? {
            empty = false;
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                visit(base, &path, out)?;
            } else {
                out.insert(relative(base, &path));
            }
        }
        if empty && dir != base {
            out.insert(format!("{}/", relative(base, dir)));
        }
        Ok(())
    }
    let mut out = BTreeSet::new();
    visit(folder, folder, &mut out)?;
    Ok(out)
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads a bundle's marker file.
pub fn read_manifest(path: &Path) -> std::result::Result<Manifest, String> {
    let bytes = super::input::read_regular(path, "bundle marker")?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|err| err.to_string())?;
    if manifest.format != FORMAT && manifest.format != FORMAT_WITHOUT_HASHES {
        return Err(format!("format '{}', expected '{FORMAT}'", manifest.format));
    }
    Ok(manifest)
}

/// Who is building a bundle, written into the build folder.
#[derive(Debug, Serialize, Deserialize)]
struct Owner {
    format: String,
    pid: u32,
    /// The target folder's name (in the same parent folder).
    target: String,
}

/// True when a process with this id runs (or might: a process we may not signal counts).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(raw) = i32::try_from(pid) else {
            return false;
        };
        match rustix::process::Pid::from_raw(raw) {
            Some(pid) => !matches!(
                rustix::process::test_kill_process(pid),
                Err(rustix::io::Errno::SRCH)
            ),
            None => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes the build folders in `parent` left by report processes that are gone, putting back an
/// earlier bundle caught in the middle of a swap. Returns the folders removed.
pub fn sweep(parent: &Path) -> Vec<PathBuf> {
    let mut swept = Vec::new();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return swept;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(BUILD_PREFIX) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let root = entry.path();
        let Ok(bytes) = super::input::read_regular(&root.join(OWNER), "build owner") else {
            continue; // not ours
        };
        let Ok(owner) = serde_json::from_slice::<Owner>(&bytes) else {
            continue;
        };
        if owner.format != OWNER_FORMAT || owner.pid == std::process::id() || alive(owner.pid) {
            continue;
        }
        let previous = root.join(PREVIOUS);
        let plain_name = Path::new(&owner.target).file_name() == Some(owner.target.as_ref());
        if plain_name && previous.is_dir() {
            let target = parent.join(&owner.target);
            if std::fs::symlink_metadata(&target).is_err() {
                let _ = std::fs::rename(&previous, &target);
            }
        }
        cleanup::remove(&root);
        if std::fs::symlink_metadata(&root).is_err() {
            swept.push(root);
        }
    }
    swept.sort();
    swept
}

/// A bundle being built beside its destination. Dropped without [`Build::finish`], it removes
/// itself.
#[derive(Debug)]
pub struct Build {
    root: PathBuf,
    bundle: PathBuf,
    destination: Destination,
    swept: Vec<PathBuf>,
    _guard: cleanup::Guard,
    /// An interrupt between the two renames of the swap puts the earlier bundle back.
    _restore: cleanup::RestoreGuard,
}

impl Build {
    /// Sweeps stale build folders, then starts a build for `destination`.
    pub fn start(destination: Destination) -> Result<Build> {
        let parent = &destination.parent;
        std::fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
        let swept = sweep(parent);
        let root = tempfile::Builder::new()
            .prefix(BUILD_PREFIX)
            .tempdir_in(parent)
            .map_err(|err| Error::io(parent, err))?
            .keep();
        let guard = cleanup::register(&root);
        let restore = cleanup::register_restore(&root.join(PREVIOUS), &destination.path);
        let build = Build {
            bundle: root.join(BUILDING),
            root,
            destination,
            swept,
            _guard: guard,
            _restore: restore,
        };
        let owner = Owner {
            format: OWNER_FORMAT.into(),
            pid: std::process::id(),
            target: build
                .destination
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let json = serde_json::to_vec(&owner).map_err(|e| Error::Runtime(e.to_string()))?;
        std::fs::write(build.root.join(OWNER), json).map_err(|e| Error::io(&build.root, e))?;
        make_dir(&build.bundle)?;
        Ok(build)
    }

    /// The folder the new bundle is written into.
    pub fn folder(&self) -> &Path {
        &self.bundle
    }

    /// The destination.
    pub fn destination(&self) -> &Destination {
        &self.destination
    }

    /// Stale build folders removed when this build started.
    pub fn swept(&self) -> &[PathBuf] {
        &self.swept
    }

    /// Creates the sub-folder `relative` of the bundle, one level at a time (never recreating
    /// the bundle itself should it have been removed on interrupt).
    pub fn make_dirs(&self, relative: &str) -> Result<PathBuf> {
        let mut path = self.bundle.clone();
        for part in relative.split('/').filter(|p| !p.is_empty()) {
            path.push(part);
            make_dir(&path)?;
        }
        Ok(path)
    }

    /// Writes the bundle file `relative` (`/`-separated).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        if let Some((folder, _)) = relative.rsplit_once('/') {
            self.make_dirs(folder)?;
        }
        let path = self.bundle.join(relative);
        std::fs::write(&path, bytes).map_err(|err| Error::io(&path, err))
    }

    /// Writes the bundle file `relative` (`/`-separated) as `fill` produces it, streamed: for
    /// tables too large to hold as bytes first.
    pub fn write_with(
        &self,
        relative: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
    ) -> Result<()> {
        if let Some((folder, _)) = relative.rsplit_once('/') {
            self.make_dirs(folder)?;
        }
        let path = self.bundle.join(relative);
        let file = std::fs::File::create(&path).map_err(|err| Error::io(&path, err))?;
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out)?;
        std::io::Write::flush(&mut out).map_err(|err| Error::io(&path, err))
    }

    /// Writes the marker and swaps the bundle into place; the earlier bundle is removed only
    /// once the new one stands in its place.
    pub fn finish(self, manifest: &Manifest) -> Result<()> {
        let mut manifest = manifest.clone();
        manifest.format = FORMAT.into();
        manifest.sha256 = manifest
            .files
            .iter()
            .map(|file| {
                let path = self.bundle.join(file);
                file_sha256(&path)
                    .map(|hash| (file.clone(), hash))
                    .ok_or_else(|| Error::Runtime(format!("cannot hash '{}'", path.display())))
            })
            .collect::<Result<_>>()?;
        let mut json =
            serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Runtime(e.to_string()))?;
        json.push(b'\n');
        self.write(MARKER, &json)?;
        let target = &self.destination.path;
        // The folder may have changed since the check: look again right before the swap.
        classify(target, target)?;
        let previous = self.root.join(PREVIOUS);
        let had_previous = std::fs::symlink_metadata(target).is_ok();
        if had_previous {
            std::fs::rename(target, &previous).map_err(|err| Error::io(target, err))?;
        }
        if let Err(err) = std::fs::rename(&self.bundle, target) {
            if had_previous {
                let _ = std::fs::rename(&previous, target);
            }
            return Err(Error::io(target, err));
        }
        Ok(()) // Drop removes the build folder with the earlier bundle in it.
    }
}

impl Drop for Build {
    fn drop(&mut self) {
        cleanup::remove(&self.root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[&str]) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            files: files.iter().map(|f| f.to_string()).collect(),
            sha256: BTreeMap::new(),
            pictures: BTreeMap::new(),
        }
    }

    fn build_into(out: &Path, files: &[(&str, &str)]) -> Result<()> {
        let build = Build::start(check(out)?)?;
        for (name, text) in files {
            build.write(name, text.as_bytes())?;
        }
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        build.finish(&manifest(&names))
    }

    fn leftovers(parent: &Path) -> Vec<String> {
        std::fs::read_dir(parent)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(BUILD_PREFIX))
            .collect()
    }

    #[test]
    fn writes_new_and_earlier_bundles_and_refuses_anything_else() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        build_into(&out, &[("tables/structure.csv", "1")]).expect("new folder");
        build_into(&out, &[("briefing.md", "2")]).expect("earlier bundle");
        assert!(!out.join("tables/structure.csv").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("briefing.md")).expect("c"),
            "2"
        );
        // A user's file in the bundle: refused, nothing touched.
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        let err = build_into(&out, &[("index.html", "3")]).expect_err("foreign file");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).expect("n"),
            "mine"
        );
        // A folder of someone else's: refused.
        let theirs = dir.path().join("theirs");
        std::fs::create_dir(&theirs).expect("mkdir");
        std::fs::write(theirs.join("thesis.tex"), "x").expect("write");
        let err = build_into(&theirs, &[("index.html", "3")]).expect_err("not a bundle");
        assert!(err.to_string().contains("not a coopgraph bundle"), "{err}");
        // A file: refused.
        let err = build_into(&theirs.join("thesis.tex"), &[]).expect_err("a file");
        assert!(err.to_string().contains("not a folder"), "{err}");
        assert_eq!(
            std::fs::read_to_string(theirs.join("thesis.tex")).expect("t"),
            "x"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_followed_by_dotdot_is_refused_before_anything_is_made() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("missing/..");
        let err = check(&out).expect_err("refused");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("ends in '..'"), "{err}");
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn a_failed_swap_puts_the_earlier_bundle_back_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        build_into(&out, &[("briefing.md", "old")]).expect("first");
        let build = Build::start(check(&out).expect("check")).expect("start");
        build.write("index.html", b"new").expect("write");
        // Sabotage: the new bundle vanishes before the swap, so its rename fails.
        std::fs::remove_dir_all(build.folder()).expect("rm");
        assert!(build.finish(&manifest(&["index.html"])).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("briefing.md")).expect("old"),
            "old"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_interrupt_in_the_middle_of_the_swap_puts_the_earlier_bundle_back() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        build_into(&out, &[("briefing.md", "old")]).expect("first");
        let build = Build::start(check(&out).expect("check")).expect("start");
        build.write("index.html", b"new").expect("write");
        // The swap's first rename has happened: the earlier bundle sits inside the build folder.
        let previous = build.root.join(PREVIOUS);
        std::fs::rename(&out, &previous).expect("rename");
        let restores: Vec<_> = cleanup::restores()
            .into_iter()
            .filter(|(from, _)| from.starts_with(&build.root))
            .collect();
        // What the interrupt handler does with what is registered.
        cleanup::undo(&restores, std::slice::from_ref(&build.root));
        assert_eq!(
            std::fs::read_to_string(out.join("briefing.md")).expect("old is back"),
            "old"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn sweeps_only_stale_build_folders_of_ours() {
        let dir = tempfile::tempdir().expect("temp");
        let dead = {
            let mut child = std::process::Command::new("true").spawn().expect("spawn");
            let pid = child.id();
            child.wait().expect("wait");
            pid
        };
        let make = |name: &str, owner: Option<String>| {
            let root = dir.path().join(name);
            std::fs::create_dir_all(root.join(PREVIOUS)).expect("mkdir");
            std::fs::write(root.join(PREVIOUS).join("index.html"), "earlier").expect("w");
            if let Some(owner) = owner {
                std::fs::write(root.join(OWNER), owner).expect("owner");
            }
            root
        };
        let owner =
            |pid: u32| format!(r#"{{"format":"{OWNER_FORMAT}","pid":{pid},"target":"out"}}"#);
        let stale = make(".coopgraph-report-stale", Some(owner(dead)));
        let running = make(".coopgraph-report-running", Some(owner(1)));
        let foreign = make(".coopgraph-report-foreign", None);
        let swept = sweep(dir.path());
        assert_eq!(swept, vec![stale.clone()]);
        assert!(!stale.exists() && running.exists() && foreign.exists());
        // The earlier bundle caught mid-swap is back in place.
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out/index.html")).expect("restored"),
            "earlier"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_bundle_folder_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp");
        let real = dir.path().join("real");
        build_into(&real, &[("briefing.md", "1")]).expect("first");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        build_into(&link, &[("index.html", "2")]).expect("through the link");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(
            std::fs::read_to_string(real.join("index.html")).expect("b"),
            "2"
        );
        assert!(!real.join("briefing.md").exists());
    }

    #[test]
    fn recognises_bundles_written_before_markers() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("diagrams")).expect("mkdir");
        for file in ["index.html", "diagrams/network.svg"] {
            std::fs::write(out.join(file), "x").expect("write");
        }
        std::fs::write(
            out.join("briefing.md"),
            "# Briefing: X\n\nEvery number below is computed by coopgraph from the dataset.\n",
        )
        .expect("write");
        assert_eq!(check(&out).expect("legacy").earlier, Earlier::Bundle(None));
        std::fs::write(out.join("diagrams/mine.docx"), "x").expect("write");
        assert!(check(&out).is_err());
    }

    /// Issue 20, finding 3: a folder of the user's own `index.html` and `briefing.md` is not an
    /// old bundle, and a table name no bundle writes is the user's.
    #[test]
    fn a_users_own_page_and_tables_are_not_an_old_bundle() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("tables")).expect("mkdir");
        std::fs::write(out.join("index.html"), "<h1>My site</h1>").expect("write");
        std::fs::write(out.join("briefing.md"), "# Briefing: my notes\n").expect("write");
        std::fs::write(out.join("tables/budget.csv"), "year,amount\n").expect("write");
        let err = build_into(&out, &[("index.html", "new")]).expect_err("not a bundle");
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            std::fs::read_to_string(out.join("tables/budget.csv")).expect("kept"),
            "year,amount\n"
        );
        // Even with a coopgraph briefing, a table of another name is not one a bundle wrote.
        std::fs::write(
            out.join("briefing.md"),
            "# Briefing: X\n\nEvery number below is computed by coopgraph.\n",
        )
        .expect("write");
        let err = build_into(&out, &[("index.html", "new")]).expect_err("budget.csv");
        assert!(err.to_string().contains("budget.csv"), "{err}");
        assert!(out.join("tables/budget.csv").exists());
    }

    /// Issue 20, finding 3: a marker listing a file no bundle holds is not coopgraph's.
    #[test]
    fn a_forged_marker_deletes_nothing() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).expect("mkdir");
        std::fs::write(out.join("keep.txt"), "precious").expect("write");
        let forged = format!(r#"{{"format": "{FORMAT}", "files": ["keep.txt"]}}"#);
        std::fs::write(out.join(MARKER), forged).expect("write");
        let err = build_into(&out, &[("index.html", "new")]).expect_err("forged");
        assert!(err.to_string().contains("keep.txt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).expect("kept"),
            "precious"
        );
    }

    /// Issue 20, finding 3: a bundle file edited since it was written is refused by name, as
    /// `export --format csv` refuses an edited table.
    #[test]
    fn an_edited_bundle_file_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        build_into(&out, &[("tables/structure.csv", "1"), ("index.html", "p")]).expect("first");
        build_into(&out, &[("tables/structure.csv", "2"), ("index.html", "p")]).expect("again");
        std::fs::write(out.join("tables/structure.csv"), "2 with my notes").expect("edit");
        let err = build_into(&out, &[("tables/structure.csv", "3")]).expect_err("edited");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("tables/structure.csv"), "{err}");
        assert!(err.to_string().contains("changed since"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("tables/structure.csv")).expect("kept"),
            "2 with my notes"
        );
        assert!(leftovers(dir.path()).is_empty());
    }
}
