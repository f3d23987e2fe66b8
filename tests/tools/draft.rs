//! `draft` reading a PDF through Poppler's `pdftotext` (its fallback when pdf-extract fails).

use crate::common::fixture;
use crate::need::Tool;
use crate::Check;
use coopgraph::draft::read::pdftotext;
use coopgraph::model::document::SourceText;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![Check {
        name: "draft::pdf_through_pdftotext",
        needs: &[Tool::Pdftotext],
        run: pdf_through_pdftotext,
    }]
}

/// pdftotext reads the test PDF into paragraphs the outline reads, with the bodies' names whole.
fn pdf_through_pdftotext() {
    Tool::Pdftotext.require();
    let text = pdftotext(&fixture("draft/release.pdf")).expect("pdftotext reads the PDF");
    assert!(
        text.contains("Japan Aerospace Exploration Agency (JAXA)"),
        "{text}"
    );
    assert!(text.contains("10 April 2024"), "{text}");
    let outline = SourceText::new(&text);
    assert!(
        outline
            .items()
            .iter()
            .any(|i| i.reference.starts_with("para ")),
        "{text}"
    );
}
