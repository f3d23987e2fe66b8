//! Tables of `stats`: one per counted dimension, or one long CSV table.

use crate::analysis::stats::{Count, Stats};
use crate::present::{Presentable, Table};

/// One dimension of the counts: JSON/CSV name, title, column header, counts.
type Section<'a> = (&'static str, &'static str, &'static str, &'a Vec<Count>);

/// Each dimension of `stats` with its title, in display order.
fn sections(stats: &Stats) -> [Section<'_>; 8] {
    [
        ("nodes", "Nodes", "node kind", &stats.nodes),
        ("ties", "Ties", "tie", &stats.ties),
        (
            "bodies_by_group",
            "Bodies by group",
            "group",
            &stats.bodies_by_group,
        ),
        (
            "bodies_by_kind",
            "Bodies by kind",
            "kind",
            &stats.bodies_by_kind,
        ),
        (
            "mechanisms_by_area",
            "Mechanisms by area",
            "area",
            &stats.mechanisms_by_area,
        ),
        (
            "mechanisms_by_kind",
            "Mechanisms by kind",
            "kind",
            &stats.mechanisms_by_kind,
        ),
        (
            "mechanisms_by_frequency",
            "Mechanisms by frequency",
            "frequency",
            &stats.mechanisms_by_frequency,
        ),
        (
            "forums_by_kind",
            "Forums by kind",
            "kind",
            &stats.forums_by_kind,
        ),
    ]
}

impl Presentable for Stats {
    fn tables(&self) -> Vec<Table> {
        sections(self)
            .into_iter()
            .filter(|(_, _, _, counts)| !counts.is_empty())
            .map(|(_, title, header, counts)| {
                let mut table = Table::new(title, &[header, "count"]);
                for c in counts {
                    table.push(vec![c.label.clone(), c.count.to_string()]);
                }
                table
            })
            .collect()
    }

    fn csv_table(&self) -> Table {
        let mut table = Table::new("", &["dimension", "key", "label", "count"]);
        for (name, _, _, counts) in sections(self) {
            for c in counts {
                table.push(vec![
                    name.to_string(),
                    c.key.clone(),
                    c.label.clone(),
                    c.count.to_string(),
                ]);
            }
        }
        table
    }
}
