//! One module per subcommand: load, compute, present. No algorithms here.

pub mod centrality;
pub mod export;
pub mod import;
pub mod overlap;
pub mod stats;
pub mod validate;
