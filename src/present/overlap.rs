//! Overlapping pairs and redundant channels as tables, CSV or JSON.

use super::labels::Labels;
use super::{Presentable, Table};
use crate::analysis::overlap::{Channel, Pair};
use serde::Serialize;

/// Pairs with the labels to show them.
#[derive(Debug)]
pub struct PairsView {
    /// What the pairs are of ("bodies").
    pub of: &'static str,
    /// The pairs.
    pub pairs: Vec<Pair>,
    /// Display names.
    pub labels: Labels,
}

impl Serialize for PairsView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.pairs.serialize(serializer)
    }
}

impl PairsView {
    fn table(&self, title: String, readable: bool) -> Table {
        let mut table = Table::new(title, &["a", "b", "count", "jaccard", "overlap", "shared"]);
        for pair in &self.pairs {
            let name = |id: &str| {
                if readable {
                    self.labels.of(id).to_string()
                } else {
                    id.to_string()
                }
            };
            table.push(vec![
                name(&pair.a),
                name(&pair.b),
                pair.count.to_string(),
                format!("{:.3}", pair.jaccard),
                format!("{:.3}", pair.overlap),
                if readable {
                    self.labels.join(&pair.shared)
                } else {
                    pair.shared.join(";")
                },
            ]);
        }
        table
    }
}

impl Presentable for PairsView {
    fn tables(&self) -> Vec<Table> {
        let title = format!("Overlapping {} (most shared first)", self.of);
        vec![self.table(title, true)]
    }

    fn csv_table(&self) -> Table {
        self.table(String::new(), false)
    }
}

/// Redundant channels with the labels to show them.
#[derive(Debug)]
pub struct ChannelsView {
    /// The channels.
    pub channels: Vec<Channel>,
    /// The Jaccard threshold used.
    pub threshold: f64,
    /// Display names.
    pub labels: Labels,
}

impl Serialize for ChannelsView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.channels.serialize(serializer)
    }
}

impl ChannelsView {
    fn table(&self, readable: bool) -> Table {
        let title = if !readable {
            String::new()
        } else if self.threshold >= 1.0 {
            "Redundant channels: mechanisms with the same participants".to_string()
        } else {
            format!(
                "Redundant channels: mechanisms with participant Jaccard ≥ {}",
                self.threshold
            )
        };
        let mut table = Table::new(title, &["count", "min_jaccard", "bodies", "mechanisms"]);
        for channel in &self.channels {
            let join = |ids: &[String]| {
                if readable {
                    self.labels.join(ids)
                } else {
                    ids.join(";")
                }
            };
            table.push(vec![
                channel.mechanisms.len().to_string(),
                format!("{:.3}", channel.min_jaccard),
                join(&channel.bodies),
                join(&channel.mechanisms),
            ]);
        }
        table
    }
}

impl Presentable for ChannelsView {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(true)]
    }

    fn csv_table(&self) -> Table {
        self.table(false)
    }
}
