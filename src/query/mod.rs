//! Questions about the network: resolve names, find the routes between bodies, ego networks.
//! Every function returns plain data, with the mechanism and clause behind every hop.

pub mod ego;
pub mod links;
pub mod paths;
pub mod resolve;
