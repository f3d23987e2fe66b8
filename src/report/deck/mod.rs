//! The briefing deck: slides described as data ([`Deck`]), written as a PowerPoint file
//! (Office Open XML, `pptx`) on a template's slide master and layouts, and converted to PDF.
//!
//! The deck computes nothing: [`briefing`] reads what the report already computed (the briefing's
//! sentences, the findings, the route answers and Graphviz's layouts) and [`package`] writes the
//! parts. See docs/deck.md for what each slide holds and why.

pub mod briefing;
pub mod bundle;
pub mod diagram;
pub mod fit;
pub mod package;
pub mod pdf;
pub mod slide;
pub mod template;

pub use template::Template;

/// A deck: its title (the file's properties) and its slides, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// The document title.
    pub title: String,
    /// The slides.
    pub slides: Vec<Slide>,
}

/// One slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// The title, in the layout's title placeholder.
    pub title: String,
    /// What the slide shows under its title.
    pub body: Body,
    /// Speaker notes: the sentences, quotes and clauses behind the slide, one paragraph each.
    pub notes: Vec<String>,
}

/// What a slide shows under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The title slide: lines under the title (the document, its date, the sources).
    Cover(Vec<String>),
    /// Paragraphs in the content placeholder, then optionally a figure below them.
    Content {
        /// Paragraphs of text.
        text: Vec<Paragraph>,
        /// A table or a diagram under the text.
        figure: Option<Figure>,
    },
}

/// A paragraph of a content placeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text (plain: no markup).
    pub text: String,
    /// Shown as a bullet point (else a plain sentence).
    pub bullet: bool,
}

impl Paragraph {
    /// A bullet point.
    pub fn bullet(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            bullet: true,
        }
    }

    /// A plain sentence.
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            bullet: false,
        }
    }
}

/// What a content slide shows under its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A table: header and rows of cells.
    Table {
        /// Column headings.
        columns: Vec<String>,
        /// Rows of cells (as many as columns).
        rows: Vec<Vec<String>>,
    },
    /// A diagram drawn as shapes from Graphviz's layout.
    Diagram(diagram::Diagram),
}

/// A diagram laid out for a slide, with what of the whole view it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideDiagram {
    /// The laid-out diagram, its legend set.
    pub diagram: diagram::Diagram,
    /// What it shows, in short ("the 8 most central of the 53 bodies").
    pub shown: String,
    /// The sentence that says so and names the whole view's file.
    pub said: String,
}

/// Errors of the deck: a template that cannot be used, a layout that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    /// The template is not a usable PowerPoint file; the message says why and what to do.
    #[error("template '{file}': {problem}")]
    Template {
        /// The template file as given.
        file: String,
        /// What is wrong and what is expected.
        problem: String,
    },
    /// Writing the package failed (a zip error).
    #[error("writing the deck: {0}")]
    Package(String),
    /// Graphviz's layout could not be read.
    #[error("reading Graphviz's layout of {name}: {problem}")]
    Layout {
        /// The diagram.
        name: String,
        /// What was wrong.
        problem: String,
    },
}

impl From<DeckError> for crate::error::Error {
    fn from(error: DeckError) -> Self {
        match error {
            DeckError::Template { .. } => crate::error::Error::Input(error.to_string()),
            DeckError::Package(_) | DeckError::Layout { .. } => {
                crate::error::Error::Runtime(error.to_string())
            }
        }
    }
}

/// English Metric Units per point (PowerPoint's unit: 914,400 per inch).
pub const EMU_PER_PT: i64 = 12_700;

/// A rectangle on the slide, in EMU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// Width.
    pub w: i64,
    /// Height.
    pub h: i64,
}

/// Writes `deck` on `template` as the bytes of a `.pptx` file (byte-identical for the same
/// deck and template).
pub fn write_pptx(deck: &Deck, template: &Template) -> Result<Vec<u8>, DeckError> {
    package::write(deck, template)
}
