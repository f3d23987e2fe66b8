//! Id lookup across every kind of record in a dataset: its kind and place, and its name.

use super::{Body, Dataset};
use indexmap::IndexMap;
use std::collections::HashMap;

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

/// Id → name, short label, group (of a body) and area (of a mechanism) of every body, forum,
/// mechanism, group and area: the one lookup every table, diagram and comparison names records
/// with.
#[derive(Debug, Clone, Default)]
pub struct Labels<'a> {
    entries: HashMap<&'a str, Named<'a>>,
}

/// What [`Labels`] knows of one id.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    name: &'a str,
    label: &'a str,
    group: Option<&'a str>,
    area: Option<&'a str>,
}

impl<'a> Labels<'a> {
    /// Collects the names of `dataset`; a repeated id keeps its first definition.
    pub fn new(dataset: &'a Dataset) -> Labels<'a> {
        let named = |name: &'a str, label: &'a str| Named {
            name,
            label,
            group: None,
            area: None,
        };
        let bodies = dataset.bodies.iter().map(|b| {
            let group = Some(b.group.as_str());
            (
                b.id.as_str(),
                Named {
                    group,
                    ..named(&b.name, b.label())
                },
            )
        });
        let forums = (dataset.forums.iter()).map(|f| (f.id.as_str(), named(&f.name, f.label())));
        let mechanisms = dataset.mechanisms.iter().map(|m| {
            let area = m.area.as_deref();
            (
                m.id.as_str(),
                Named {
                    area,
                    ..named(&m.name, &m.name)
                },
            )
        });
        let groups = (dataset.groups.iter()).map(|g| (g.id.as_str(), named(&g.name, &g.name)));
        let areas = (dataset.areas.iter()).map(|a| (a.id.as_str(), named(&a.name, &a.name)));
        let mut entries = HashMap::new();
        for (id, entry) in bodies
            .chain(forums)
            .chain(mechanisms)
            .chain(groups)
            .chain(areas)
        {
            entries.entry(id).or_insert(entry);
        }
        Labels { entries }
    }

    /// The full name of `id`, if it names a record.
    pub fn name(&self, id: &str) -> Option<&'a str> {
        self.entries.get(id).map(|e| e.name)
    }

    /// The short label of `id` (a body's or forum's `short`, else its name), if it names a record.
    pub fn label(&self, id: &str) -> Option<&'a str> {
        self.entries.get(id).map(|e| e.label)
    }

    /// The group of the body `id`.
    pub fn group(&self, id: &str) -> Option<&'a str> {
        self.entries.get(id).and_then(|e| e.group)
    }

    /// The policy area of the mechanism `id`.
    pub fn area(&self, id: &str) -> Option<&'a str> {
        self.entries.get(id).and_then(|e| e.area)
    }

    /// The short label of `id`, or the id itself when unknown.
    pub fn of<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.label(id).unwrap_or(id)
    }

    /// Labels of `ids` joined with "; ".
    pub fn join(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.of(id))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Id → body of every body of `dataset` (a repeated id keeps its last definition).
pub fn bodies_by_id(dataset: &Dataset) -> HashMap<&str, &Body> {
    dataset.bodies.iter().map(|b| (b.id.as_str(), b)).collect()
}
