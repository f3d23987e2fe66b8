//! Temporary files and folders that must not outlive an interrupted run: each is registered
//! while it exists, and on Ctrl-C or SIGTERM the handler removes every registered path before
//! the process exits (status 130). It first ends the registered child process groups (Graphviz
//! runs in a group of its own, which a terminal's Ctrl-C does not reach) and puts back a folder
//! caught in the middle of a swap (the report's earlier bundle).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static RESTORES: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());
static GROUPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();
/// Held while a child is started and registered, and by the interrupt handler from its start to
/// the exit: a child started by another thread as the handler runs is registered (and killed)
/// before the handler kills the groups, or not started at all.
static SPAWNING: Mutex<()> = Mutex::new(());

fn install_handler() {
    HANDLER.call_once(|| {
        // Without a handler the process dies as before; the next report sweeps what is left.
        let _ = ctrlc::set_handler(on_interrupt);
    });
}

/// Installs the interrupt handler on first use and adds `item` to `list`.
fn enlist<T>(list: &Mutex<Vec<T>>, item: T) {
    install_handler();
    if let Ok(mut items) = list.lock() {
        items.push(item);
    }
}

/// Takes the latest `item` off `list`.
fn delist<T: PartialEq>(list: &Mutex<Vec<T>>, item: &T) {
    if let Ok(mut items) = list.lock() {
        if let Some(position) = items.iter().rposition(|i| i == item) {
            items.remove(position);
        }
    }
}

/// A registered temporary path; dropping the guard unregisters it (it does not delete it).
#[derive(Debug)]
pub struct Guard {
    path: PathBuf,
}

/// Registers `path` (a file or a folder) for removal should the process be interrupted, and
/// installs the interrupt handler on first use.
pub fn register(path: &Path) -> Guard {
    enlist(&PENDING, path.to_path_buf());
    Guard {
        path: path.to_path_buf(),
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        delist(&PENDING, &self.path);
    }
}

/// A registered move-back; dropping it unregisters it.
#[derive(Debug)]
pub struct RestoreGuard {
    pair: (PathBuf, PathBuf),
}

/// Registers that, should the process be interrupted while `from` exists and `to` does not,
/// `from` is to be renamed back to `to` before anything registered is removed (`from` may lie
/// inside a registered folder).
pub fn register_restore(from: &Path, to: &Path) -> RestoreGuard {
    let pair = (from.to_path_buf(), to.to_path_buf());
    enlist(&RESTORES, pair.clone());
    RestoreGuard { pair }
}

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        delist(&RESTORES, &self.pair);
    }
}

/// A registered child process group; dropping it unregisters it (it does not end the group).
#[derive(Debug)]
pub struct GroupGuard {
    leader: u32,
}

/// Registers the process group led by `leader` (a child started with a group of its own) to be
/// killed should the process be interrupted: it would otherwise outlive coopgraph.
pub fn register_group(leader: u32) -> GroupGuard {
    enlist(&GROUPS, leader);
    GroupGuard { leader }
}

/// Starts a child with `spawn` (which gives it a process group of its own) and registers its
/// group, as one step that the interrupt handler cannot come between: a Graphviz started by one
/// thread while another is being interrupted would otherwise outlive coopgraph.
pub fn spawn_group<E>(
    spawn: impl FnOnce() -> Result<std::process::Child, E>,
) -> Result<(std::process::Child, GroupGuard), E> {
    install_handler();
    let _spawning = SPAWNING.lock();
    let child = spawn()?;
    let guard = register_group(child.id());
    Ok((child, guard))
}

impl Drop for GroupGuard {
    fn drop(&mut self) {
        delist(&GROUPS, &self.leader);
    }
}

/// Kills the process group led by `leader`.
pub fn kill_group(leader: u32) {
    #[cfg(unix)]
    {
        use rustix::process::{kill_process_group, Pid, Signal};
        if let Some(group) = i32::try_from(leader).ok().and_then(Pid::from_raw) {
            let _ = kill_process_group(group, Signal::KILL);
        }
    }
    #[cfg(not(unix))]
    let _ = leader;
}

fn take<T>(list: &Mutex<Vec<T>>) -> Vec<T> {
    list.lock()
        .map(|mut items| std::mem::take(&mut *items))
        .unwrap_or_default()
}

/// Ends the registered process groups and removes every registered path, putting back what a
/// swap had moved aside; then exits with 130 (the shell's status for Ctrl-C).
fn on_interrupt() {
    // Held until the exit: no child is started after the groups are taken.
    let _spawning = SPAWNING.lock();
    for leader in take(&GROUPS) {
        kill_group(leader);
    }
    undo(&take(&RESTORES), &take(&PENDING));
    std::process::exit(130);
}

/// The move-backs registered now.
#[cfg(test)]
pub(crate) fn restores() -> Vec<(PathBuf, PathBuf)> {
    RESTORES.lock().map(|r| r.clone()).unwrap_or_default()
}

/// Moves each `from` back to its `to` where `to` is missing, then removes `paths` (last first).
pub fn undo(restores: &[(PathBuf, PathBuf)], paths: &[PathBuf]) {
    for (from, to) in restores.iter().rev() {
        if std::fs::symlink_metadata(to).is_err() && std::fs::symlink_metadata(from).is_ok() {
            let _ = std::fs::rename(from, to);
        }
    }
    for path in paths.iter().rev() {
        remove(path);
    }
}

/// Removes a file or a whole folder (not following a symbolic link), trying a few times: other
/// threads may still be writing into a folder as it is being removed.
pub fn remove(path: &Path) {
    for _ in 0..5 {
        let Ok(metadata) = std::fs::symlink_metadata(path) else {
            return;
        };
        let removed = if metadata.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        };
        if removed.is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
