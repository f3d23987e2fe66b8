//! User text on its way out: the one place it is made safe for each format it lands in.

pub mod escape;
pub mod terminal;
