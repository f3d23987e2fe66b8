//! One module per subcommand: load, compute, present. No algorithms here.

pub mod brokerage;
pub mod centrality;
pub mod draft;
pub mod ego;
pub mod export;
pub mod generate;
pub mod import;
pub mod overlap;
pub mod path;
pub mod render;
pub mod report;
pub mod review;
pub mod stats;
pub mod structure;
pub mod validate;
