//! Overlapping pairs and redundant channels as tables, CSV or JSON.

use super::{write_csv_rows, write_text_rows, Presentable, Table};
use crate::analysis::overlap::{Channel, Memberships, Pair, RankedPair};
use crate::model::lookup::Labels;
use serde::Serialize;

/// Pairs with the labels to show them.
#[derive(Debug)]
pub struct PairsView<'a> {
    /// What the pairs are of ("bodies").
    pub of: &'static str,
    /// The pairs.
    pub pairs: Vec<Pair>,
    /// Display names.
    pub labels: Labels<'a>,
}

impl Serialize for PairsView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.pairs.serialize(serializer)
    }
}

const PAIR_COLUMNS: [&str; 6] = ["a", "b", "count", "jaccard", "overlap", "shared"];

/// The title of a table of pairs of `of`.
fn pairs_title(of: &str) -> String {
    format!("Overlapping {of} (most shared first)")
}

/// The cells of one pair: names, count, both coefficients, the shared items joined by
/// `separator`; written into `cells`, whose buffers are reused from row to row.
#[allow(clippy::too_many_arguments)]
fn fill_row<'s>(
    cells: &mut [String; 6],
    a: &str,
    b: &str,
    count: usize,
    jaccard: f64,
    overlap: f64,
    shared: impl Iterator<Item = &'s str>,
    separator: &str,
) {
    use std::fmt::Write;
    for cell in cells.iter_mut() {
        cell.clear();
    }
    cells[0].push_str(a);
    cells[1].push_str(b);
    // Writing into a String cannot fail.
    let _ = write!(cells[2], "{count}");
    let _ = write!(cells[3], "{jaccard:.3}");
    let _ = write!(cells[4], "{overlap:.3}");
    for (position, item) in shared.enumerate() {
        if position > 0 {
            cells[5].push_str(separator);
        }
        cells[5].push_str(item);
    }
}

/// The cells of one pair: names (labels when `readable`, else ids), count, both coefficients,
/// the shared items.
fn pair_row(pair: &Pair, labels: &Labels, readable: bool) -> Vec<String> {
    let name = |id: &'_ str| -> String {
        if readable {
            labels.of(id).to_string()
        } else {
            id.to_string()
        }
    };
    let mut cells: [String; 6] = Default::default();
    let names: Vec<String> = pair.shared.iter().map(|id| name(id)).collect();
    fill_row(
        &mut cells,
        &name(&pair.a),
        &name(&pair.b),
        pair.count,
        pair.jaccard,
        pair.overlap,
        names.iter().map(String::as_str),
        if readable { "; " } else { ";" },
    );
    cells.to_vec()
}

impl PairsView<'_> {
    fn table(&self, title: String, readable: bool) -> Table {
        let mut table = Table::new(title, &PAIR_COLUMNS);
        for pair in &self.pairs {
            table.push(pair_row(pair, &self.labels, readable));
        }
        table
    }
}

impl Presentable for PairsView<'_> {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(pairs_title(self.of), true)]
    }

    fn csv_table(&self) -> Table {
        self.table(String::new(), false)
    }
}

/// Pairs kept in their compact form and written row by row, so that every pair of a large
/// dataset (741,000 pairs of 7,000 bodies) is shown without holding them all as text.
pub struct PairStream<'a> {
    /// What the pairs are of ("bodies").
    pub of: &'static str,
    /// The memberships the pairs come from (for ids and shared items).
    pub members: &'a Memberships,
    /// The pairs, ranked.
    pub pairs: Vec<RankedPair>,
    /// Display names.
    pub labels: Labels<'a>,
}

impl Serialize for PairStream<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.pairs.len()))?;
        for ranked in &self.pairs {
            seq.serialize_element(&self.members.pair(ranked))?;
        }
        seq.end()
    }
}

impl PairStream<'_> {
    /// Hands every row to `row`, each built when it is needed, in buffers reused from row to
    /// row, with names looked up once per entity and item rather than once per cell.
    fn rows(&self, readable: bool, row: &mut dyn FnMut(&[String])) {
        let name = |id: &'_ String| -> String {
            if readable {
                self.labels.of(id).to_string()
            } else {
                id.clone()
            }
        };
        let entities: Vec<String> = self.members.entities.iter().map(name).collect();
        let items: Vec<String> = self.members.items.iter().map(name).collect();
        let mut cells: [String; 6] = Default::default();
        for ranked in &self.pairs {
            let (a, b) = (ranked.a as usize, ranked.b as usize);
            let (set_a, set_b) = (&self.members.sets[a], &self.members.sets[b]);
            fill_row(
                &mut cells,
                &entities[a],
                &entities[b],
                ranked.count,
                ranked.jaccard,
                ranked.count as f64 / set_a.len().min(set_b.len()) as f64,
                self.members
                    .shared_positions(a, b)
                    .map(|item| items[item as usize].as_str()),
                if readable { "; " } else { ";" },
            );
            row(&cells);
        }
    }

    fn table(&self, title: String, readable: bool) -> Table {
        let mut table = Table::new(title, &PAIR_COLUMNS);
        self.rows(readable, &mut |cells| table.push(cells.to_vec()));
        table
    }
}

impl Presentable for PairStream<'_> {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(pairs_title(self.of), true)]
    }

    fn csv_table(&self) -> Table {
        self.table(String::new(), false)
    }

    fn write_text(&self, out: &mut dyn std::io::Write) -> crate::error::Result<()> {
        let columns = PAIR_COLUMNS.map(String::from);
        write_text_rows(out, &pairs_title(self.of), &columns, &|row| {
            self.rows(true, row)
        })
    }

    fn write_csv(&self, out: &mut dyn std::io::Write) -> crate::error::Result<()> {
        let columns = PAIR_COLUMNS.map(String::from);
        write_csv_rows(out, &columns, &|row| self.rows(false, row))
    }
}

/// Redundant channels with the labels to show them.
#[derive(Debug)]
pub struct ChannelsView<'a> {
    /// The channels.
    pub channels: Vec<Channel>,
    /// The Jaccard threshold used.
    pub threshold: f64,
    /// Display names.
    pub labels: Labels<'a>,
}

impl Serialize for ChannelsView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.channels.serialize(serializer)
    }
}

impl ChannelsView<'_> {
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

impl Presentable for ChannelsView<'_> {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(true)]
    }

    fn csv_table(&self) -> Table {
        self.table(false)
    }
}
