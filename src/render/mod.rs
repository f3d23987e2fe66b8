//! Rendering: diagrams as DOT (graphviz-rust), SVG/PNG through Graphviz, and an interactive
//! HTML view. User text is quoted by `crate::text::escape`.
//!
//! By job, from the top: [`draw`] draws a diagram (rolled up or cut until it reads); the
//! Graphviz side ([`graphviz`]: DOT, columns, layout, readability, the runner) and the page
//! side ([`page`]: the HTML, its data, its script and styles) both draw a [`scene`] (what a
//! diagram shows) in the colours and shapes of [`style`].

pub mod draw;
pub mod graphviz;
pub mod page;
pub mod scene;
pub mod style;

pub use draw::{draw, draw_pictures, DiagramFormat, DrawOptions, Drawing};
