//! Text on its way out: user text made safe for each format it lands in (the one place that
//! does it), pretty JSON safe to print, the diagnostics stream that shows control characters
//! visibly, and numbers as a reader takes them in.

pub mod escape;
pub mod json;
pub mod numbers;
pub mod terminal;
