//! The report's folder: written only into a new folder, an empty one, or an earlier coopgraph
//! bundle, and replaced whole or not at all.
//!
//! A bundle carries a marker file, [`MARKER`], listing every file it holds (and the hashes of the
//! DOT its pictures were drawn from). A folder holding anything else — a user's files, a file
//! where the folder should be, the home folder, a folder holding the input — is refused with
//! exit 2 and nothing is moved or deleted.
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
pub const FORMAT: &str = "coopgraph-bundle/1";
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
        return Ok(Earlier::Bundle(Some(manifest)));
    }
    if files.contains("index.html")
        && files.contains("briefing.md")
        && files.iter().all(|f| legacy_layout(f))
    {
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

/// The layout of a bundle written before bundles had a marker.
fn legacy_layout(file: &str) -> bool {
    let under = |folder: &str, extensions: &[&str]| {
        file.strip_prefix(folder)
            .is_some_and(|rest| extensions.iter().any(|e| rest.ends_with(e)))
    };
    file == "index.html"
        || file == "briefing.md"
        || under("tables/", &[".csv"])
        || under("diagrams/", &[".dot", ".svg", ".png"])
        || under(
            "exports/",
            &[".graphml", ".gexf", ".json", ".cypher", ".csv", ".txt"],
        )
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
    if manifest.format != FORMAT {
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
        let mut json =
            serde_json::to_vec_pretty(manifest).map_err(|e| Error::Runtime(e.to_string()))?;
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
        build_into(&out, &[("a/b.txt", "1")]).expect("new folder");
        build_into(&out, &[("c.txt", "2")]).expect("earlier bundle");
        assert!(!out.join("a/b.txt").exists());
        assert_eq!(std::fs::read_to_string(out.join("c.txt")).expect("c"), "2");
        // A user's file in the bundle: refused, nothing touched.
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        let err = build_into(&out, &[("d.txt", "3")]).expect_err("foreign file");
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
        let err = build_into(&theirs, &[("d.txt", "3")]).expect_err("not a bundle");
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
        build_into(&out, &[("old.txt", "old")]).expect("first");
        let build = Build::start(check(&out).expect("check")).expect("start");
        build.write("new.txt", b"new").expect("write");
        // Sabotage: the new bundle vanishes before the swap, so its rename fails.
        std::fs::remove_dir_all(build.folder()).expect("rm");
        assert!(build.finish(&manifest(&["new.txt"])).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("old.txt")).expect("old"),
            "old"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_interrupt_in_the_middle_of_the_swap_puts_the_earlier_bundle_back() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        build_into(&out, &[("old.txt", "old")]).expect("first");
        let build = Build::start(check(&out).expect("check")).expect("start");
        build.write("new.txt", b"new").expect("write");
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
            std::fs::read_to_string(out.join("old.txt")).expect("old is back"),
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
        build_into(&real, &[("a.txt", "1")]).expect("first");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        build_into(&link, &[("b.txt", "2")]).expect("through the link");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(real.join("b.txt")).expect("b"), "2");
        assert!(!real.join("a.txt").exists());
    }

    #[test]
    fn recognises_bundles_written_before_markers() {
        let dir = tempfile::tempdir().expect("temp");
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("diagrams")).expect("mkdir");
        for file in ["index.html", "briefing.md", "diagrams/network.svg"] {
            std::fs::write(out.join(file), "x").expect("write");
        }
        assert_eq!(check(&out).expect("legacy").earlier, Earlier::Bundle(None));
        std::fs::write(out.join("diagrams/mine.docx"), "x").expect("write");
        assert!(check(&out).is_err());
    }
}
