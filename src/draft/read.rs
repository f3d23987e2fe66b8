//! Reading a document as plain text: text and Markdown as they are, HTML with its tags stripped
//! (html2text), PDF through pdf-extract or, failing that, Poppler's `pdftotext` where installed.

mod bounds;

use crate::error::{Error, Result};
use bounds::MAX_DEPTH;
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
///
/// The file is read under the input rules ([`crate::fsio::input`]): a regular file, at most the
/// input limit. Decoding is bounded too: an HTML document nested deeper than [`MAX_DEPTH`] is
/// refused, and a PDF whose streams would inflate past the input limit is refused before the
/// PDF reader inflates them (see `bounds`).
pub fn read_document(path: &Path) -> Result<(DocumentKind, String)> {
    let bytes = crate::fsio::read_input(path, "document").map_err(|message| {
        Error::Input(format!(
            "{message}; `draft` reads a text, Markdown, HTML or PDF file"
        ))
    })?;
    let kind = DocumentKind::detect(path, &bytes);
    let text = match kind {
        DocumentKind::Text | DocumentKind::Markdown => utf8(path, bytes)?,
        DocumentKind::Html => html_text(path, &utf8(path, bytes)?)?,
        DocumentKind::Pdf => pdf_text(path, bytes)?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if !text.chars().any(char::is_alphabetic) {
        return Err(Error::Input(match kind {
            DocumentKind::Pdf => format!(
                "{}: no text found in the PDF; a scanned PDF needs OCR first (for example `ocrmypdf`)",
                path.display()
            ),
            _ => format!(
                "{}: the document holds no words (it is empty, or only spaces, digits and punctuation); `draft` needs the text of a cooperation document",
                path.display()
            ),
        }));
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
    let depth = bounds::html_depth(html);
    if depth > MAX_DEPTH {
        return Err(Error::Input(format!(
            "{}: the HTML nests elements {depth} deep, more than the {MAX_DEPTH} coopgraph reads; a real document nests a few dozen — save the page again, or as text",
            path.display()
        )));
    }
    let html = bounds::without_internal_dtd(html);
    let converted = bounds::on_large_stack(move || {
        // A very wide width: lines are never wrapped, so each paragraph stays one line.
        html2text::config::plain_no_decorate()
            .link_footnotes(false)
            .string_from_read(html.as_bytes(), 100_000)
            .map_err(|err| err.to_string())
    })
    .unwrap_or_else(|| Err("the HTML reader failed on this file".into()));
    converted
        .map(|text| {
            text.lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map_err(|err| Error::Input(format!("{}: cannot read the HTML: {err}", path.display())))
}

/// PDF to text: pdf-extract (pure Rust) first; `pdftotext -layout` when that fails and Poppler is
/// installed. Streams that would inflate past the input limit are refused first: pdf-extract
/// inflates every stream whole, with no limit of its own.
fn pdf_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let limit = crate::fsio::input::policy().max_bytes;
    if let Err(inflated) = bounds::pdf_streams_within(&bytes, limit) {
        return Err(Error::Input(format!(
            "{}: the PDF's compressed streams inflate to {inflated}, more than the input limit of {}; a PDF of text stays far below it — if this one is right, raise the limit with --max-input-size",
            path.display(),
            crate::fsio::input::human_size(limit)
        )));
    }
    // pdf-extract may panic on unusual files: a panic is its failure, not ours (and its message
    // is not shown: the error below says what happened).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let extracted = bounds::on_large_stack(move || {
        std::panic::catch_unwind(|| {
            pdf_extract::extract_text_from_mem(&bytes).map_err(|err| err.to_string())
        })
        .ok()
    })
    .flatten();
    std::panic::set_hook(hook);
    let problem = match extracted {
        Some(Ok(text)) if text.chars().any(char::is_alphabetic) => return Ok(text),
        Some(Ok(_)) => "no text in the PDF".to_string(),
        Some(Err(err)) => err,
        None => "the PDF reader failed on this file".to_string(),
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
