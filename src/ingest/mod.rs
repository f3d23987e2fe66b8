//! Reading datasets: JSON files, spreadsheet CSV tables, and the source texts they cite.

pub mod csv;
pub mod csv_text;
pub mod document;
pub mod json;
pub mod outline;
pub mod sources;
