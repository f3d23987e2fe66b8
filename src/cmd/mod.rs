//! One module per subcommand: load, compute, present. No algorithms here.

pub mod export;
pub mod import;
pub mod stats;
pub mod validate;
