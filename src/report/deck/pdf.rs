//! The deck as PDF: LibreOffice Impress, headless, converts the `.pptx` (so the PDF is the same
//! deck, with the template's fonts and the system's fallbacks for Japanese and Devanagari); the
//! reasons for an outside program are in docs/deck.md. Its dates and document id are made fixed,
//! so the same deck gives the same PDF on one machine.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable naming LibreOffice's `soffice` (else `soffice`, then
/// `libreoffice`, on `PATH`).
pub const ENV: &str = "COOPGRAPH_SOFFICE";

/// How to install LibreOffice, for messages.
pub const INSTALL_HINT: &str = "install LibreOffice Impress (Debian/Ubuntu: sudo apt-get install libreoffice-impress; macOS: brew install --cask libreoffice) and run coopgraph report again";

/// LibreOffice's `soffice`, if installed.
pub fn soffice() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(ENV) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).find_map(|dir| {
        ["soffice", "libreoffice"]
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Converts `pptx` to PDF with LibreOffice at `soffice` within `timeout`; the error is a
/// sentence saying what failed.
pub fn convert(
    soffice: &std::path::Path,
    pptx: &[u8],
    timeout: Duration,
) -> Result<Vec<u8>, String> {
    let work = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let input = work.path().join("briefing.pptx");
    // Through fsio's no-clobber write: the folder is our own and fresh, so anything already at
    // the path means something else is writing there.
    match crate::fsio::output::write_new(&input, pptx) {
        Ok(crate::fsio::output::NewFile::Written) => {}
        Ok(_) => return Err(format!("{} was already there", input.display())),
        Err(e) => return Err(format!("cannot write the deck for LibreOffice: {e}")),
    }
    // A profile of its own: a LibreOffice the user has open (or another run) does not block it.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        work.path().display()
    );
    let mut command = Command::new(soffice);
    command
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(work.path())
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let (mut child, _group) = crate::fsio::cleanup::spawn_in_group(&mut command)
        .map_err(|e| format!("cannot run LibreOffice at {}: {e}", soffice.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                end(&mut child);
                return Err(format!(
                    "LibreOffice took longer than {} s to convert the deck",
                    timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                end(&mut child);
                return Err(format!("waiting for LibreOffice: {e}"));
            }
        }
    };
    end(&mut child);
    let mut messages = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        use std::io::Read;
        let _ = (&mut stderr).take(4096).read_to_string(&mut messages);
    }
    let output = work.path().join("briefing.pdf");
    // LibreOffice's output in our own temporary folder, read under the input rule all the same.
    match crate::fsio::input::read_regular(&output, "LibreOffice's PDF") {
        Ok(pdf) if status.success() && pdf.starts_with(b"%PDF") => Ok(fixed(pdf, pptx)),
        _ => Err(format!(
            "LibreOffice could not convert the deck ({status}): {}",
            messages.trim()
        )),
    }
}

fn end(child: &mut std::process::Child) {
    crate::fsio::cleanup::kill_group(child.id());
    let _ = child.kill();
    let _ = child.wait();
}

/// `pdf` with its creation and modification dates set to 1980-01-01 and its document id and
/// checksum made from the deck's hash, each of the same length, so the cross-reference table stays right.
pub fn fixed(pdf: Vec<u8>, pptx: &[u8]) -> Vec<u8> {
    let mut pdf = pdf;
    let dates = regex::bytes::Regex::new(r"D:\d{14}").expect("a fixed pattern");
    let positions: Vec<usize> = dates.find_iter(&pdf).map(|m| m.start()).collect();
    for at in positions {
        pdf[at..at + 16].copy_from_slice(b"D:19800101000000");
    }
    // LibreOffice also writes a checksum of the content with the dates in it (`/DocChecksum`):
    // it varies from run to run, so it is replaced like the ids.
    let ids = regex::bytes::Regex::new(
        r"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>|/DocChecksum\s*/([0-9A-Fa-f]+)",
    )
    .expect("a fixed pattern");
    let hash = crate::fsio::owned::sha256_hex(pptx).to_ascii_uppercase();
    let spans: Vec<(usize, usize)> = ids
        .captures_iter(&pdf)
        .flat_map(|c| [c.get(1), c.get(2), c.get(3)])
        .flatten()
        .map(|m| (m.start(), m.end()))
        .collect();
    for (start, end) in spans {
        let wanted: Vec<u8> = hash.bytes().cycle().take(end - start).collect();
        pdf[start..end].copy_from_slice(&wanted);
    }
    fixed_subset_tags(pdf)
}

/// Font subset tags ("/BaseFont /QXKZTA+NotoSans") renamed in order of first appearance
/// (AAAAAA, AAAAAB, …): LibreOffice draws them at random.
fn fixed_subset_tags(mut pdf: Vec<u8>) -> Vec<u8> {
    let tags = regex::bytes::Regex::new(r"/(?:BaseFont|FontName)\s*/([A-Z]{6})\+")
        .expect("a fixed pattern");
    let mut names: Vec<Vec<u8>> = Vec::new();
    let spans: Vec<(usize, Vec<u8>)> = tags
        .captures_iter(&pdf)
        .filter_map(|c| c.get(1))
        .map(|m| (m.start(), m.as_bytes().to_vec()))
        .collect();
    for (at, tag) in spans {
        let index = match names.iter().position(|n| *n == tag) {
            Some(i) => i,
            None => {
                names.push(tag);
                names.len() - 1
            }
        };
        let mut new = *b"AAAAAA";
        let mut rest = index;
        for byte in new.iter_mut().rev() {
            *byte = b'A' + (rest % 26) as u8;
            rest /= 26;
        }
        pdf[at..at + 6].copy_from_slice(&new);
    }
    pdf
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_and_ids_are_fixed_in_place() {
        let pdf =
            b"%PDF /CreationDate(D:20261207081500+01'00') /ID [ <0A1B> <2C3D> ] /DocChecksum /9F8E"
                .to_vec();
        let out = super::fixed(pdf.clone(), b"deck");
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8(out).expect("ascii");
        assert!(text.contains("D:19800101000000+01'00'"), "{text}");
        assert!(!text.contains("0A1B"), "{text}");
        assert!(!text.contains("9F8E"), "{text}");
    }

    #[test]
    fn font_subset_tags_are_named_in_order() {
        let pdf = b"/BaseFont /QXKZTA+Noto /FontName /QXKZTA+Noto /BaseFont /BCDEFG+Sans".to_vec();
        let out = String::from_utf8(super::fixed_subset_tags(pdf)).expect("ascii");
        assert_eq!(
            out,
            "/BaseFont /AAAAAA+Noto /FontName /AAAAAA+Noto /BaseFont /AAAAAB+Sans"
        );
    }
}
