//! Writing the dataset and its network for other tools.

pub mod tables;
