//! Keeping pictures across runs: when Graphviz is missing (or fails on a diagram), a picture of
//! the earlier bundle is kept if it was drawn from exactly the DOT this run builds. The marker
//! file records, per diagram, the SHA-256 of that DOT — as coopgraph builds it, before Graphviz
//! measures the slide pages — so the check needs no Graphviz.

use crate::fsio::bundle::{Earlier, Manifest, Picture};
use crate::fsio::input::read_regular;
use std::path::{Path, PathBuf};

/// SHA-256 of a DOT source, in hex.
pub fn dot_hash(dot: &str) -> String {
    crate::fsio::owned::sha256_hex(dot.as_bytes())
}

/// The files of deck diagram `name` in a bundle: its DOT and Graphviz's JSON layout of it.
pub fn laid_out_files(name: &str) -> [String; 2] {
    [
        format!("diagrams/{name}.dot"),
        format!("diagrams/{name}.json"),
    ]
}

/// The files of diagram `name` in a bundle, in the order DOT, SVG, PNG.
pub fn files_of(name: &str) -> [String; 3] {
    ["dot", "svg", "png"].map(|extension| format!("diagrams/{name}.{extension}"))
}

/// The pictures of an earlier bundle.
#[derive(Debug, Default)]
pub struct EarlierPictures {
    folder: PathBuf,
    manifest: Option<Manifest>,
}

impl EarlierPictures {
    /// The pictures of what the destination held before this run (none for a new folder or a
    /// bundle written before markers existed).
    pub fn of(folder: &Path, earlier: &Earlier) -> EarlierPictures {
        EarlierPictures {
            folder: folder.to_path_buf(),
            manifest: match earlier {
                Earlier::Bundle(Some(manifest)) => Some(manifest.clone()),
                _ => None,
            },
        }
    }

    /// The DOT, SVG and PNG bytes of diagram `name`, if the earlier bundle drew it from a DOT
    /// with hash `hash` and still holds all three files.
    pub fn keep(&self, name: &str, hash: &str) -> Option<[Vec<u8>; 3]> {
        let picture: &Picture = self.manifest.as_ref()?.pictures.get(name)?;
        if picture.dot_sha256 != hash || !picture.files.starts_with(&files_of(name)) {
            return None;
        }
        let [dot, svg, png] = files_of(name)
            .map(|file| read_regular(&self.folder.join(&file), "earlier picture").ok());
        Some([dot?, svg?, png?])
    }
}

impl EarlierPictures {
    /// The DOT and Graphviz's JSON layout of deck diagram `name` (`diagrams/NAME.dot` and
    /// `.json`), if the earlier bundle laid it out from a DOT built with hash `hash`.
    pub fn keep_laid_out(&self, name: &str, hash: &str) -> Option<[Vec<u8>; 2]> {
        let picture: &Picture = self.manifest.as_ref()?.pictures.get(name)?;
        let files = laid_out_files(name);
        if picture.dot_sha256 != hash || picture.files != files {
            return None;
        }
        let [dot, layout] =
            files.map(|file| read_regular(&self.folder.join(&file), "earlier layout").ok());
        Some([dot?, layout?])
    }

    /// The bytes of `relative` in the earlier bundle, if its marker lists it.
    pub fn file(&self, relative: &str) -> Option<Vec<u8>> {
        let listed = self.manifest.as_ref()?.files.iter().any(|f| f == relative);
        listed
            .then(|| read_regular(&self.folder.join(relative), "earlier file").ok())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256() {
        assert_eq!(
            dot_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
