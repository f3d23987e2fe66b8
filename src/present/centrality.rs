//! Centrality results as a ranked table, CSV or a JSON array.

use super::{Presentable, Table};
use crate::analysis::centrality::{Centrality, Measure, Scores};
use serde::Serialize;

/// A named column of scores.
type Column = (&'static str, fn(&Scores) -> Option<f64>);

/// A ranked view of centrality scores: sorted by one measure, cut to the top N.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// The full result.
    pub result: Centrality,
    /// Rows in display order (indices into `result.scores`).
    pub order: Vec<usize>,
    /// The measure rows are sorted by.
    pub sort: Measure,
}

impl Ranked {
    /// Ranks `result` by `sort` (descending, ties by id), keeping the first `top` rows.
    pub fn new(result: Centrality, sort: Measure, top: Option<usize>) -> Ranked {
        let mut order: Vec<usize> = (0..result.scores.len()).collect();
        let key = |i: usize| result.scores[i].get(sort).unwrap_or(f64::NEG_INFINITY);
        order.sort_by(|&a, &b| {
            key(b)
                .total_cmp(&key(a))
                .then_with(|| result.scores[a].id.cmp(&result.scores[b].id))
        });
        if let Some(top) = top {
            order.truncate(top);
        }
        Ranked {
            result,
            order,
            sort,
        }
    }

    fn rows(&self) -> impl Iterator<Item = &Scores> {
        self.order.iter().map(|&i| &self.result.scores[i])
    }

    /// Column names of the measures, with strength after degree on projections.
    fn measure_columns(&self) -> Vec<Column> {
        let mut columns: Vec<Column> = Vec::new();
        for measure in &self.result.measures {
            match measure {
                Measure::Degree => {
                    columns.push(("degree", |s| s.degree));
                    if self.result.scores.iter().any(|s| s.strength.is_some()) {
                        columns.push(("strength", |s| s.strength));
                    }
                }
                Measure::Betweenness => columns.push(("betweenness", |s| s.betweenness)),
                Measure::Closeness => columns.push(("closeness", |s| s.closeness)),
                Measure::Harmonic => columns.push(("harmonic", |s| s.harmonic)),
                Measure::Eigenvector => columns.push(("eigenvector", |s| s.eigenvector)),
                Measure::Pagerank => columns.push(("pagerank", |s| s.pagerank)),
            }
        }
        columns
    }

    fn table(&self, precise: bool) -> Table {
        let columns = self.measure_columns();
        let mut headers = vec!["id", "name", "kind", "group"];
        if !precise {
            headers.insert(0, "rank");
        }
        headers.extend(columns.iter().map(|(name, _)| *name));
        let title = if precise {
            String::new()
        } else {
            format!(
                "Centrality on the {} graph, by {}",
                self.result.graph.as_str(),
                self.sort.as_str()
            )
        };
        let mut table = Table::new(title, &headers);
        for (rank, scores) in self.rows().enumerate() {
            let mut row = Vec::new();
            if !precise {
                row.push((rank + 1).to_string());
            }
            row.push(scores.id.clone());
            row.push(scores.name.clone());
            row.push(scores.kind.as_str().to_string());
            row.push(scores.group.clone().unwrap_or_default());
            for (_, get) in &columns {
                row.push(match get(scores) {
                    Some(value) if precise => format_precise(value),
                    Some(value) => format!("{value:.4}"),
                    None => String::new(),
                });
            }
            table.push(row);
        }
        table
    }
}

/// Full precision, shortest round-trip form; NaN as empty.
pub fn format_precise(value: f64) -> String {
    if value.is_nan() {
        String::new()
    } else {
        format!("{value}")
    }
}

impl Serialize for Ranked {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows())
    }
}

impl Presentable for Ranked {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(false)]
    }

    fn csv_table(&self) -> Table {
        self.table(true)
    }
}
