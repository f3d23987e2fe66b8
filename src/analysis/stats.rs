//! Counts of a dataset: nodes by kind, ties, bodies by group and kind, mechanisms by area, kind
//! and frequency.

use crate::model::Dataset;
use indexmap::IndexMap;
use serde::Serialize;

/// One counted value: its id, display label and count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The value counted (an id, a kind, a frequency).
    pub key: String,
    /// How it is shown to people.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// The counts `stats` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Nodes of the two-mode network by kind (body, mechanism, forum), plus sources.
    pub nodes: Vec<Count>,
    /// Ties by kind (participates, via, member, part-of) and the citation coverage.
    pub ties: Vec<Count>,
    /// Bodies per group, in dataset order.
    pub bodies_by_group: Vec<Count>,
    /// Bodies per kind, most first.
    pub bodies_by_kind: Vec<Count>,
    /// Mechanisms per area, in dataset order.
    pub mechanisms_by_area: Vec<Count>,
    /// Mechanisms per kind, most first.
    pub mechanisms_by_kind: Vec<Count>,
    /// Mechanisms per stated frequency, most first.
    pub mechanisms_by_frequency: Vec<Count>,
    /// Forums per kind, most first.
    pub forums_by_kind: Vec<Count>,
}

/// Label used for a mechanism without an area or frequency.
const NOT_STATED: &str = "(not stated)";

fn count(key: &str, label: &str, count: usize) -> Count {
    Count {
        key: key.to_string(),
        label: label.to_string(),
        count,
    }
}

/// Counts `values`, most frequent first, ties by name.
fn tally<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    for value in values {
        *counts.entry(value).or_default() += 1;
    }
    let mut rows: Vec<Count> = counts
        .into_iter()
        .map(|(key, n)| count(key, key, n))
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    rows
}

/// Computes the counts of `dataset`.
pub fn stats(dataset: &Dataset) -> Stats {
    let participations: usize = dataset
        .mechanisms
        .iter()
        .map(|m| m.participants.len())
        .sum();
    let via: usize = dataset.mechanisms.iter().map(|m| m.via.len()).sum();
    let members: usize = dataset.forums.iter().map(|f| f.members.len()).sum();
    let parents = dataset.bodies.iter().filter(|b| b.parent.is_some()).count()
        + dataset.forums.iter().filter(|f| f.parent.is_some()).count();
    let noted_parents = dataset
        .bodies
        .iter()
        .filter(|b| b.parent.is_some() && b.note.is_some())
        .count();
    let sourced = dataset
        .mechanisms
        .iter()
        .filter(|m| m.source().is_some())
        .count();

    let bodies_by_group = dataset
        .groups
        .iter()
        .map(|group| {
            let n = dataset
                .bodies
                .iter()
                .filter(|b| b.group == group.id)
                .count();
            count(&group.id, &group.name, n)
        })
        .collect();
    let mut mechanisms_by_area: Vec<Count> = dataset
        .areas
        .iter()
        .map(|area| {
            let n = dataset
                .mechanisms
                .iter()
                .filter(|m| m.area.as_deref() == Some(area.id.as_str()))
                .count();
            let label = match &area.section {
                Some(section) => format!("{section} {}", area.name),
                None => area.name.clone(),
            };
            count(&area.id, &label, n)
        })
        .collect();
    let without_area = dataset
        .mechanisms
        .iter()
        .filter(|m| m.area.is_none())
        .count();
    if without_area > 0 {
        mechanisms_by_area.push(count("", NOT_STATED, without_area));
    }

    Stats {
        nodes: vec![
            count("body", "bodies", dataset.bodies.len()),
            count("mechanism", "mechanisms", dataset.mechanisms.len()),
            count("forum", "forums", dataset.forums.len()),
            count("source", "sources", dataset.sources.len()),
        ],
        ties: vec![
            count(
                "participates",
                "participations (body–mechanism)",
                participations,
            ),
            count("via", "via links (mechanism–forum)", via),
            count("member", "memberships (body or group–forum)", members),
            count("part-of", "parent links", parents),
            count(
                "part-of-noted",
                "parent links of bodies with a note",
                noted_parents,
            ),
            count("sourced", "mechanisms citing a source", sourced),
            count(
                "unsourced",
                "mechanisms citing no source",
                dataset.mechanisms.len() - sourced,
            ),
        ],
        bodies_by_group,
        bodies_by_kind: tally(dataset.bodies.iter().map(|b| b.kind.as_str())),
        mechanisms_by_area,
        mechanisms_by_kind: tally(dataset.mechanisms.iter().map(|m| m.kind.as_str())),
        mechanisms_by_frequency: tally(
            dataset
                .mechanisms
                .iter()
                .map(|m| m.frequency.as_deref().unwrap_or(NOT_STATED)),
        ),
        forums_by_kind: tally(dataset.forums.iter().map(|f| f.kind.as_str())),
    }
}
