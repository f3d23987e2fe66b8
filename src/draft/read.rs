//! Reading a document as plain text: text and Markdown as they are, HTML with its tags stripped
//! (html2text), PDF through pdf-extract or, failing that, Poppler's `pdftotext` where installed.

use crate::error::{Error, Result};
use std::path::Path;
use std::process::Command;

/// What kind of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Plain text.
    Text,
    /// Markdown (read as text: headings, bullets and paragraphs are what the outline reads).
    Markdown,
    /// HTML.
    Html,
    /// PDF.
    Pdf,
}

impl DocumentKind {
    /// The kind from the file's extension, else from its first bytes.
    pub fn detect(path: &Path, bytes: &[u8]) -> DocumentKind {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "pdf" => return DocumentKind::Pdf,
            "html" | "htm" | "xhtml" => return DocumentKind::Html,
            "md" | "markdown" => return DocumentKind::Markdown,
            "txt" | "text" => return DocumentKind::Text,
            _ => {}
        }
        let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        if bytes.starts_with(b"%PDF-") {
            DocumentKind::Pdf
        } else if head.trim_start().starts_with("<!doctype html") || head.contains("<html") {
            DocumentKind::Html
        } else {
            DocumentKind::Text
        }
    }
}

/// Reads the document at `path` as plain text (what `draft` quotes from).
pub fn read_document(path: &Path) -> Result<(DocumentKind, String)> {
    let bytes = std::fs::read(path).map_err(|err| {
        Error::Input(format!(
            "cannot read document '{}': {err}; `draft` reads a text, Markdown, HTML or PDF file",
            path.display()
        ))
    })?;
    let kind = DocumentKind::detect(path, &bytes);
    let text = match kind {
        DocumentKind::Text | DocumentKind::Markdown => utf8(path, bytes)?,
        DocumentKind::Html => html_text(path, &utf8(path, bytes)?)?,
        DocumentKind::Pdf => pdf_text(path, &bytes)?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if !text.chars().any(char::is_alphabetic) {
        return Err(Error::Input(format!(
            "{}: no text found; a scanned PDF needs OCR first (for example `ocrmypdf`)",
            path.display()
        )));
    }
    Ok((kind, text))
}

fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        Error::Input(format!(
            "{}: byte {} is not UTF-8; save the document as UTF-8 text",
            path.display(),
            err.utf8_error().valid_up_to()
        ))
    })
}

/// HTML to text, one block (paragraph, heading, list item) per line, blocks apart by blank lines.
pub fn html_text(path: &Path, html: &str) -> Result<String> {
    // A very wide width: lines are never wrapped, so each paragraph stays one line.
    html2text::config::plain_no_decorate()
        .link_footnotes(false)
        .string_from_read(html.as_bytes(), 100_000)
        .map(|text| {
            text.lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map_err(|err| Error::Input(format!("{}: cannot read the HTML: {err}", path.display())))
}

/// PDF to text: pdf-extract (pure Rust) first; `pdftotext -layout` when that fails and Poppler is
/// installed.
fn pdf_text(path: &Path, bytes: &[u8]) -> Result<String> {
    // pdf-extract may panic on unusual files: a panic is its failure, not ours (and its message
    // is not shown: the error below says what happened).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    std::panic::set_hook(hook);
    let problem = match extracted {
        Ok(Ok(text)) if text.chars().any(char::is_alphabetic) => return Ok(text),
        Ok(Ok(_)) => "no text in the PDF".to_string(),
        Ok(Err(err)) => err.to_string(),
        Err(_) => "the PDF reader failed on this file".to_string(),
    };
    pdftotext(path).map_err(|err| match err {
        Error::Runtime(missing) => Error::Input(format!(
            "{}: cannot extract the PDF's text ({problem}); {missing}",
            path.display()
        )),
        Error::Input(failed) => Error::Input(format!("{failed} (pdf-extract: {problem})")),
        other => other,
    })
}

/// The text of a PDF through Poppler's `pdftotext`: an input error when it cannot read the file,
/// a runtime error saying how to install it when it is not installed.
pub fn pdftotext(path: &Path) -> Result<String> {
    match Command::new("pdftotext").arg(path).arg("-").output() {
        Ok(output) if output.status.success() => String::from_utf8(output.stdout).map_err(|_| {
            Error::Input(format!("{}: pdftotext gave text that is not UTF-8", path.display()))
        }),
        Ok(output) => Err(Error::Input(format!(
            "{}: cannot extract the PDF's text (pdftotext: {})",
            path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
        Err(_) => Err(Error::Runtime(
            "install Poppler's pdftotext (`sudo apt-get install poppler-utils`, `brew install poppler`) or save the document as text".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_blocks_on_their_own_lines_without_markup() {
        let html = "<html><body><h2>Defence</h2><p>The navies will hold an <b>annual</b> exercise.</p><ul><li>Staff talks</li><li>Cadet exchange</li></ul><script>alert(1)</script></body></html>";
        let text = html_text(Path::new("x.html"), html).expect("html");
        assert!(
            text.contains("The navies will hold an annual exercise."),
            "{text}"
        );
        assert!(text.contains("Staff talks"), "{text}");
        assert!(!text.contains('<') && !text.contains("alert"), "{text}");
    }

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(
            DocumentKind::detect(Path::new("a.PDF"), b""),
            DocumentKind::Pdf
        );
        assert_eq!(
            DocumentKind::detect(Path::new("a"), b"%PDF-1.4"),
            DocumentKind::Pdf
        );
        assert_eq!(
            DocumentKind::detect(Path::new("a"), b"<!DOCTYPE html><p>x"),
            DocumentKind::Html
        );
        assert_eq!(
            DocumentKind::detect(Path::new("a.md"), b"# x"),
            DocumentKind::Markdown
        );
        assert_eq!(
            DocumentKind::detect(Path::new("a"), b"plain"),
            DocumentKind::Text
        );
    }
}
