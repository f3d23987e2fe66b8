//! Analyses of a dataset and its network; each returns plain serialisable data.

pub mod brokerage;
pub mod centrality;
pub mod community;
pub mod overlap;
pub mod stats;
pub mod structure;
