//! Brokerage as a table, CSV or JSON.

use super::{Presentable, Table};
use crate::analysis::brokerage::Broker;
use crate::model::lookup::Labels;
use serde::Serialize;

/// Brokers with the labels to show them.
#[derive(Debug)]
pub struct BrokerageView<'a> {
    /// Brokers in rank order.
    pub brokers: Vec<Broker>,
    /// Display names.
    pub labels: Labels<'a>,
}

impl Serialize for BrokerageView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.brokers.serialize(serializer)
    }
}

impl BrokerageView<'_> {
    fn table(&self, readable: bool) -> Table {
        let title = if readable {
            "Brokerage on the bodies graph (Gould–Fernandez roles by group; Burt)"
        } else {
            ""
        };
        let mut table = Table::new(
            title,
            &[
                "body",
                "group",
                "contacts",
                "coordinator",
                "itinerant",
                "gatekeeper",
                "representative",
                "liaison",
                "total",
                "constraint",
                "effective_size",
            ],
        );
        for b in &self.brokers {
            let number = |x: Option<f64>| match x {
                Some(x) if readable => format!("{x:.3}"),
                Some(x) => format!("{x}"),
                None => String::new(),
            };
            table.push(vec![
                if readable {
                    self.labels.of(&b.id).to_string()
                } else {
                    b.id.clone()
                },
                if readable {
                    self.labels.of(&b.group).to_string()
                } else {
                    b.group.clone()
                },
                b.contacts.to_string(),
                b.roles.coordinator.to_string(),
                b.roles.itinerant.to_string(),
                b.roles.gatekeeper.to_string(),
                b.roles.representative.to_string(),
                b.roles.liaison.to_string(),
                b.total.to_string(),
                number(b.constraint),
                number(b.effective_size),
            ]);
        }
        table
    }
}

impl Presentable for BrokerageView<'_> {
    fn tables(&self) -> Vec<Table> {
        vec![self.table(true)]
    }

    fn csv_table(&self) -> Table {
        self.table(false)
    }
}
