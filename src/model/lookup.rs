//! Id lookup across every kind of record in a dataset.

use super::Dataset;
use indexmap::IndexMap;

/// The kind of record an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A cited document.
    Source,
    /// A group of bodies.
    Group,
    /// A policy area.
    Area,
    /// A body.
    Body,
    /// A forum.
    Forum,
    /// A mechanism.
    Mechanism,
}

impl RecordKind {
    /// The singular noun used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Group => "group",
            RecordKind::Area => "area",
            RecordKind::Body => "body",
            RecordKind::Forum => "forum",
            RecordKind::Mechanism => "mechanism",
        }
    }

    /// The dataset field that holds records of this kind.
    pub fn field(self) -> &'static str {
        match self {
            RecordKind::Source => "sources",
            RecordKind::Group => "groups",
            RecordKind::Area => "areas",
            RecordKind::Body => "bodies",
            RecordKind::Forum => "forums",
            RecordKind::Mechanism => "mechanisms",
        }
    }
}

/// Where each id is defined: kind and position in its list (first definition wins).
#[derive(Debug, Default)]
pub struct IdIndex {
    entries: IndexMap<String, (RecordKind, usize)>,
}

impl IdIndex {
    /// Indexes every id of the dataset; a repeated id keeps its first definition.
    pub fn new(dataset: &Dataset) -> IdIndex {
        let mut index = IdIndex::default();
        for (kind, ids) in all_ids(dataset) {
            for (position, id) in ids.into_iter().enumerate() {
                index
                    .entries
                    .entry(id.to_string())
                    .or_insert((kind, position));
            }
        }
        index
    }

    /// The kind and position of `id`, if defined.
    pub fn get(&self, id: &str) -> Option<(RecordKind, usize)> {
        self.entries.get(id).copied()
    }

    /// True when `id` names a record of `kind`.
    pub fn is(&self, id: &str, kind: RecordKind) -> bool {
        matches!(self.get(id), Some((found, _)) if found == kind)
    }

    /// Every id of `kind`, in dataset order.
    pub fn ids_of(&self, kind: RecordKind) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(move |(_, (found, _))| *found == kind)
            .map(|(id, _)| id.as_str())
    }
}

/// Every id of the dataset grouped by kind, in schema order.
pub fn all_ids(dataset: &Dataset) -> Vec<(RecordKind, Vec<&str>)> {
    vec![
        (
            RecordKind::Source,
            dataset.sources.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            RecordKind::Group,
            dataset.groups.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            RecordKind::Area,
            dataset.areas.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            RecordKind::Body,
            dataset.bodies.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            RecordKind::Forum,
            dataset.forums.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            RecordKind::Mechanism,
            dataset.mechanisms.iter().map(|r| r.id.as_str()).collect(),
        ),
    ]
}
