//! Source texts beside a dataset written into another folder: their paths rewritten, or the
//! texts copied (where the source files may live: [`crate::fsio::source_paths`]).

use crate::fsio::source_paths::{lexical_absolute, resolve};
use std::path::{Component, Path, PathBuf};

/// A source text to copy beside a dataset written into another folder, where its old path
/// would lead out of the new folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The text as it is now.
    pub from: PathBuf,
    /// Where the copy goes.
    pub to: PathBuf,
    /// The source's `file` in the rebased dataset.
    pub file: String,
}

/// Points the source files of `dataset`, whose paths are relative to `from_dir`, at the same
/// texts from `to_dir`, where the dataset is about to be written: a path the rules above still
/// accept from there is rewritten relative to `to_dir`; one they would refuse (a text that
/// would lie outside the new folder) keeps its place under the new folder and is returned to
/// be copied there. Sources whose `file` is in `fresh` are new, already relative to `to_dir`,
/// and left as they are. Nothing is read or written here.
pub fn rebase(
    dataset: &mut crate::model::Dataset,
    from_dir: &Path,
    to_dir: &Path,
    fresh: &[&str],
) -> Vec<Copy> {
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => lexical_absolute(a) == lexical_absolute(b),
    };
    if same(from_dir, to_dir) {
        return Vec::new();
    }
    let mut copies = Vec::new();
    for source in &mut dataset.sources {
        let Some(file) = source
            .file
            .as_mut()
            .filter(|f| !fresh.contains(&f.as_str()))
        else {
            continue;
        };
        let from = from_dir.join(&*file);
        let moved = pathdiff::diff_paths(lexical_absolute(&from), lexical_absolute(to_dir))
            .map(|relative| relative.to_string_lossy().replace('\\', "/"))
            .filter(|relative| resolve(to_dir, relative).is_ok());
        if let Some(relative) = moved {
            *file = relative;
            continue;
        }
        let plain = Path::new(file.as_str())
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        let name = Path::new(file.as_str()).file_name().map_or_else(
            || format!("{}.txt", source.id),
            |n| n.to_string_lossy().into_owned(),
        );
        let kept = if plain {
            file.clone()
        } else {
            format!("sources/{name}")
        };
        copies.push(Copy {
            from,
            to: to_dir.join(&kept),
            file: kept.clone(),
        });
        *file = kept;
    }
    copies
}
