//! Analyses of a dataset and its network; each returns plain serialisable data.

pub mod centrality;
pub mod stats;
