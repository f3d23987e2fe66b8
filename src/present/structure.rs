//! The structure report as tables, CSV or JSON.

use super::{Presentable, Table};
use crate::analysis::structure::Structure;
use crate::model::lookup::Labels;
use serde::Serialize;

/// A structure report with the labels to show it.
#[derive(Debug)]
pub struct StructureView<'a> {
    /// The analysis.
    pub structure: Structure,
    /// Display names.
    pub labels: Labels<'a>,
}

impl Serialize for StructureView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.structure.serialize(serializer)
    }
}

/// Lists at most `limit` labels, then how many more.
fn list(labels: &Labels, ids: &[String], limit: usize) -> String {
    let shown: Vec<&str> = ids.iter().take(limit).map(|id| labels.of(id)).collect();
    let more = ids.len().saturating_sub(limit);
    let mut text = shown.join("; ");
    if more > 0 {
        text.push_str(&format!("; … {more} more"));
    }
    text
}

impl Presentable for StructureView<'_> {
    fn tables(&self) -> Vec<Table> {
        let s = &self.structure;
        let l = &self.labels;
        let mut components = Table::new(
            format!(
                "Components: the network has {}, the bodies graph {}",
                s.network_components.len(),
                s.body_components.len()
            ),
            &["graph", "size", "members"],
        );
        for (graph, list_of) in [
            ("network", &s.network_components),
            ("bodies", &s.body_components),
        ] {
            for component in list_of {
                components.push(vec![
                    graph.into(),
                    component.len().to_string(),
                    list(l, component, 8),
                ]);
            }
        }
        let mut cuts = Table::new(
            "Single points of failure: bodies, mechanisms and forums whose loss cuts bodies off",
            &["kind", "node", "cut off", "bodies cut off"],
        );
        for (kind, points) in [
            ("body", &s.body_cut_points),
            ("mechanism/forum", &s.mechanism_cut_points),
        ] {
            for point in points {
                cuts.push(vec![
                    kind.into(),
                    l.of(&point.id).to_string(),
                    point.cut_off.len().to_string(),
                    list(l, &point.cut_off, 6),
                ]);
            }
        }
        let mut bridges = Table::new(
            "Bridges of the bodies graph: ties whose loss cuts bodies off",
            &["a", "b", "carried by", "bodies cut off"],
        );
        for bridge in &s.bridges {
            bridges.push(vec![
                l.of(&bridge.a).to_string(),
                l.of(&bridge.b).to_string(),
                list(l, &bridge.via, 3),
                list(l, &bridge.cut_off, 6),
            ]);
        }
        let mut cores = Table::new("k-cores of the bodies graph", &["k", "bodies", "members"]);
        let mut ks: Vec<u32> = s.core_numbers.iter().map(|(_, k)| *k).collect();
        ks.sort_unstable_by(|a, b| b.cmp(a));
        ks.dedup();
        for k in ks {
            let members: Vec<String> = s
                .core_numbers
                .iter()
                .filter(|(_, c)| *c == k)
                .map(|(id, _)| id.clone())
                .collect();
            cores.push(vec![
                k.to_string(),
                members.len().to_string(),
                list(l, &members, 10),
            ]);
        }
        let mut communities = Table::new(
            format!(
                "Communities (Louvain, seed {}, modularity {:.4})",
                s.seed, s.modularity
            ),
            &["#", "size", "members"],
        );
        for (i, community) in s.communities.iter().enumerate() {
            communities.push(vec![
                (i + 1).to_string(),
                community.len().to_string(),
                list(l, community, 10),
            ]);
        }
        vec![components, cuts, bridges, cores, communities]
    }

    fn csv_table(&self) -> Table {
        let s = &self.structure;
        let mut table = Table::new("", &["section", "id", "value", "members"]);
        for (i, c) in s.network_components.iter().enumerate() {
            table.push(vec![
                "network_component".into(),
                (i + 1).to_string(),
                c.len().to_string(),
                c.join(";"),
            ]);
        }
        for (i, c) in s.body_components.iter().enumerate() {
            table.push(vec![
                "body_component".into(),
                (i + 1).to_string(),
                c.len().to_string(),
                c.join(";"),
            ]);
        }
        for p in &s.body_cut_points {
            table.push(vec![
                "body_cut_point".into(),
                p.id.clone(),
                p.cut_off.len().to_string(),
                p.cut_off.join(";"),
            ]);
        }
        for p in &s.mechanism_cut_points {
            table.push(vec![
                "mechanism_cut_point".into(),
                p.id.clone(),
                p.cut_off.len().to_string(),
                p.cut_off.join(";"),
            ]);
        }
        for b in &s.bridges {
            table.push(vec![
                "bridge".into(),
                format!("{}|{}", b.a, b.b),
                b.via.join(";"),
                b.cut_off.join(";"),
            ]);
        }
        for (id, k) in &s.core_numbers {
            table.push(vec![
                "core_number".into(),
                id.clone(),
                k.to_string(),
                String::new(),
            ]);
        }
        for (i, c) in s.communities.iter().enumerate() {
            table.push(vec![
                "community".into(),
                (i + 1).to_string(),
                c.len().to_string(),
                c.join(";"),
            ]);
        }
        table.push(vec![
            "modularity".into(),
            String::new(),
            format!("{}", s.modularity),
            String::new(),
        ]);
        table
    }
}
