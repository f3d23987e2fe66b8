//! Display names of dataset ids, for tables meant to be read.

use crate::model::Dataset;
use std::collections::HashMap;

/// Id → short display name of every body, mechanism, forum, group and area.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    names: HashMap<String, String>,
}

impl Labels {
    /// Collects the labels of `dataset`.
    pub fn new(dataset: &Dataset) -> Labels {
        let mut names = HashMap::new();
        for body in &dataset.bodies {
            names.insert(body.id.clone(), body.label().to_string());
        }
        for mechanism in &dataset.mechanisms {
            names.insert(mechanism.id.clone(), mechanism.name.clone());
        }
        for forum in &dataset.forums {
            names.insert(forum.id.clone(), forum.label().to_string());
        }
        for group in &dataset.groups {
            names.insert(group.id.clone(), group.name.clone());
        }
        for area in &dataset.areas {
            names.insert(area.id.clone(), area.name.clone());
        }
        Labels { names }
    }

    /// The label of `id`, or the id itself when unknown.
    pub fn of<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map(String::as_str).unwrap_or(id)
    }

    /// Labels of `ids` joined with "; ".
    pub fn join(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.of(id))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
