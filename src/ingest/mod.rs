//! Reading datasets: JSON files, spreadsheet CSV tables, and the paths of the source texts they cite.

pub mod csv;
pub mod csv_text;
pub mod json;
pub mod sources;
