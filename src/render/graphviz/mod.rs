//! The Graphviz side of drawing: a scene as DOT ([`dot`], with explicit [`columns`]), laid out
//! by measuring candidates ([`layout`]), Graphviz run on it ([`runner`]), and the readability
//! of the layout it computed ([`readability`]).

pub mod columns;
pub mod dot;
pub mod layout;
pub mod readability;
pub mod runner;

pub use runner::{binary, run, Engine, Output};
