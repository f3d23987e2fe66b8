//! Where a dataset's source texts may live: inside the dataset's folder, or inside a folder the
//! user allowed on the command line (`--allow-source-root DIR`). An absolute path, a `..` that
//! climbs out, or a symbolic link that leads out is refused unless `--allow-outside-sources` is
//! given — a dataset from elsewhere must not be able to pull `/etc/passwd` or `~/.ssh/id_rsa`
//! into a report.

use super::input::policy;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute, with `.` and `..` folded lexically (no file system access).
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut folded = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    folded
}

/// The path of the source `file` of a dataset in `base_dir`, or why it is refused.
pub fn resolve(base_dir: &Path, file: &str) -> Result<PathBuf, String> {
    let policy = policy();
    let joined = base_dir.join(file);
    if policy.outside_sources {
        return Ok(joined);
    }
    let roots: Vec<PathBuf> = std::iter::once(base_dir.to_path_buf())
        .chain(policy.source_roots.iter().cloned())
        .collect();
    let inside = |path: &Path, canonical: bool| {
        roots.iter().any(|root| {
            let root = if canonical {
                std::fs::canonicalize(root).unwrap_or_else(|_| lexical_absolute(root))
            } else {
                lexical_absolute(root)
            };
            path.starts_with(root)
        })
    };
    let why = if Path::new(file).is_absolute() {
        "it is an absolute path".to_string()
    } else {
        "it climbs out with '..'".to_string()
    };
    // Lexically first (a missing file is then reported as missing), then with every symbolic
    // link resolved.
    if !inside(&lexical_absolute(&joined), false) {
        return Err(refusal(file, base_dir, &why));
    }
    // A file not written yet is judged by the nearest folder above it that exists: a `sources`
    // folder that is a link out of the dataset's folder leads its future texts out too.
    // (Only folders inside the dataset's own count: when even that one is not made yet, there
    // is no link to follow.)
    let existing = joined
        .ancestors()
        .take_while(|p| p.starts_with(base_dir))
        .find_map(|p| std::fs::canonicalize(p).ok());
    if let Some(real) = existing {
        if !inside(&real, true) {
            return Err(refusal(
                file,
                base_dir,
                &format!("a symbolic link leads to '{}'", real.display()),
            ));
        }
    }
    Ok(joined)
}

fn refusal(file: &str, base_dir: &Path, why: &str) -> String {
    format!(
        "source file '{file}' lies outside the dataset's folder '{}' ({why}); keep source texts inside that folder, allow another folder with --allow-source-root DIR, or accept any path with --allow-outside-sources",
        base_dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_stay_inside_the_dataset_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let base = dir.path().join("data");
        std::fs::create_dir_all(base.join("sources")).expect("mkdir");
        std::fs::write(base.join("sources/a.txt"), "a").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "s").expect("write");
        assert!(resolve(&base, "sources/a.txt").is_ok());
        assert!(resolve(&base, "sources/../sources/a.txt").is_ok());
        let err = resolve(&base, "/etc/passwd").expect_err("absolute");
        assert!(err.contains("it is an absolute path"), "{err}");
        let err = resolve(&base, "../secret.txt").expect_err("climbs");
        assert!(err.contains("climbs out with '..'"), "{err}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), base.join("link.txt"))
                .expect("link");
            let err = resolve(&base, "link.txt").expect_err("link out");
            assert!(err.contains("a symbolic link leads to"), "{err}");
        }
    }
}
