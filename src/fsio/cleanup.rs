//! Temporary files and folders that must not outlive an interrupted run: each is registered
//! while it exists, and on Ctrl-C or SIGTERM the handler removes every registered path before
//! the process exits (status 130).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

/// A registered temporary path; dropping the guard unregisters it (it does not delete it).
#[derive(Debug)]
pub struct Guard {
    path: PathBuf,
}

/// Registers `path` (a file or a folder) for removal should the process be interrupted, and
/// installs the interrupt handler on first use.
pub fn register(path: &Path) -> Guard {
    HANDLER.call_once(|| {
        // Without a handler the process dies as before; the next report sweeps what is left.
        let _ = ctrlc::set_handler(on_interrupt);
    });
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.to_path_buf());
    }
    Guard {
        path: path.to_path_buf(),
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            if let Some(position) = pending.iter().rposition(|p| *p == self.path) {
                pending.remove(position);
            }
        }
    }
}

/// Removes every registered path, then exits with 130 (the shell's status for Ctrl-C).
fn on_interrupt() {
    let paths = PENDING
        .lock()
        .map(|mut pending| std::mem::take(&mut *pending))
        .unwrap_or_default();
    for path in paths.iter().rev() {
        remove(path);
    }
    std::process::exit(130);
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
