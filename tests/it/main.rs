//! The integration test binary: CLI behaviour, golden outputs, fixtures and property tests.

mod centrality_props;
mod cli_analysis;
mod cli_diff;
mod cli_draft;
mod cli_export;
mod cli_graphviz;
mod cli_import;
mod cli_query;
mod cli_render;
mod cli_report;
mod cli_stats;
mod cli_validate;
#[path = "../common/mod.rs"]
mod common;
mod dataset;
mod draft_files;
mod draft_keys;
mod fuzz;
mod gazetteer_data;
mod hostile;
mod layers;
mod props;
mod quad_dataset;
mod reference;
mod safety_inputs;
mod safety_outputs;
mod second_pass;
