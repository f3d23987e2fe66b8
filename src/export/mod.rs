//! Writing the dataset and its network for other tools.

pub mod formats;
pub mod model;
pub mod tables;
pub mod xml;
