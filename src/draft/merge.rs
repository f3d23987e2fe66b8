//! `draft --into`: merging a drafted document into an existing dataset, reusing what it already
//! has instead of creating duplicates.
//!
//! Bodies are matched by id, name, short name or alias (folded: case, accents, punctuation) within
//! the same group; forums by id, name, short name or alias; mechanisms by name or by the acronym
//! in brackets after it; areas by name. A matched element keeps its id and curation; it gains the
//! new document's citation, and a matched mechanism its new participants and forums — marked
//! `draft` again, so that review looks at what the new document says about it.

use super::Ids;
use crate::model::{Dataset, SourceRef, Status};
use crate::query::resolve::normalise;
use indexmap::{IndexMap, IndexSet};

/// What a merge did, for the command's summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Drafted bodies that matched an existing one.
    pub bodies_reused: usize,
    /// Drafted forums that matched an existing one.
    pub forums_reused: usize,
    /// Drafted mechanisms that matched an existing one (cited again).
    pub mechanisms_cited_again: usize,
}

/// Merges `drafted` (one document's draft) into `dataset`.
pub fn merge(dataset: &mut Dataset, drafted: crate::model::Dataset) -> Merged {
    let mut merged = Merged::default();
    let mut ids = Ids::default();
    for (_, list) in crate::model::lookup::all_ids(dataset) {
        ids.taken.extend(list.into_iter().map(str::to_string));
    }
    let mut renamed: IndexMap<String, String> = IndexMap::new();
    let areas_before = dataset.areas.len();
    let claim = |id: &str, ids: &mut Ids, renamed: &mut IndexMap<String, String>| {
        let new = ids.claim(id);
        renamed.insert(id.to_string(), new.clone());
        new
    };

    for mut source in drafted.sources {
        source.id = claim(&source.id, &mut ids, &mut renamed);
        dataset.sources.push(source);
    }
    for group in drafted.groups {
        if !dataset.groups.iter().any(|g| g.id == group.id) {
            ids.taken.insert(group.id.clone());
            dataset.groups.push(group);
        }
    }
    for mut area in drafted.areas {
        match dataset
            .areas
            .iter()
            .find(|a| normalise(&a.name) == normalise(&area.name))
        {
            Some(existing) => {
                renamed.insert(area.id.clone(), existing.id.clone());
            }
            None => {
                area.id = claim(&area.id, &mut ids, &mut renamed);
                area.source = area.source.map(|s| renamed.get(&s).cloned().unwrap_or(s));
                dataset.areas.push(area);
            }
        }
    }
    let fix = |citations: &mut Vec<SourceRef>, renamed: &IndexMap<String, String>| {
        for citation in citations {
            if let Some(new) = renamed.get(&citation.doc) {
                citation.doc = new.clone();
            }
        }
    };

    for mut body in drafted.bodies {
        fix(&mut body.sources, &renamed);
        let keys = keys(
            [&body.id, &body.name]
                .into_iter()
                .chain(&body.short)
                .chain(&body.aliases),
        );
        let found = dataset.bodies.iter_mut().find(|b| {
            b.group == body.group
                && !keys.is_disjoint(&self::keys(
                    [&b.id, &b.name]
                        .into_iter()
                        .chain(&b.short)
                        .chain(&b.aliases),
                ))
        });
        match found {
            Some(existing) => {
                merged.bodies_reused += 1;
                renamed.insert(body.id.clone(), existing.id.clone());
                add_citations(&mut existing.sources, body.sources);
            }
            None => {
                body.id = claim(&body.id, &mut ids, &mut renamed);
                dataset.bodies.push(body);
            }
        }
    }
    for body in &mut dataset.bodies {
        if let Some(parent) = &body.parent {
            if let Some(new) = renamed.get(parent) {
                body.parent = Some(new.clone());
            }
        }
    }
    for mut forum in drafted.forums {
        fix(&mut forum.sources, &renamed);
        let keys = keys(
            [&forum.id, &forum.name]
                .into_iter()
                .chain(&forum.short)
                .chain(&forum.aliases),
        );
        let found = dataset.forums.iter_mut().find(|f| {
            !keys.is_disjoint(&self::keys(
                [&f.id, &f.name]
                    .into_iter()
                    .chain(&f.short)
                    .chain(&f.aliases),
            ))
        });
        match found {
            Some(existing) => {
                merged.forums_reused += 1;
                renamed.insert(forum.id.clone(), existing.id.clone());
                add_citations(&mut existing.sources, forum.sources);
            }
            None => {
                forum.id = claim(&forum.id, &mut ids, &mut renamed);
                dataset.forums.push(forum);
            }
        }
    }
    for forum in &mut dataset.forums {
        if let Some(parent) = &forum.parent {
            if let Some(new) = renamed.get(parent) {
                forum.parent = Some(new.clone());
            }
        }
    }
    let rename = |id: &str| renamed.get(id).cloned().unwrap_or_else(|| id.to_string());
    for mut mechanism in drafted.mechanisms {
        fix(&mut mechanism.sources, &renamed);
        for participant in &mut mechanism.participants {
            participant.body = rename(&participant.body);
        }
        for forum in &mut mechanism.via {
            *forum = rename(forum);
        }
        mechanism.area = mechanism.area.map(|a| rename(&a));
        let keys = mechanism_keys(&mechanism.name);
        let found = dataset
            .mechanisms
            .iter_mut()
            .find(|m| !keys.is_disjoint(&mechanism_keys(&m.name)));
        match found {
            Some(existing) => {
                merged.mechanisms_cited_again += 1;
                let where_ = mechanism
                    .sources
                    .first()
                    .map(|s| format!("{} ({})", s.doc, s.reference))
                    .unwrap_or_default();
                add_citations(&mut existing.sources, mechanism.sources);
                for participant in mechanism.participants {
                    if !existing
                        .participants
                        .iter()
                        .any(|p| p.body == participant.body)
                    {
                        existing.participants.push(participant);
                    }
                }
                for forum in mechanism.via {
                    if !existing.via.contains(&forum) {
                        existing.via.push(forum);
                    }
                }
                existing.status = Some(Status::Draft);
                let note =
                    format!("Cited again in {where_}: review the new citation and participants.");
                existing.note = Some(match existing.note.take() {
                    Some(old) if !old.contains(&note) => format!("{old} {note}"),
                    Some(old) => old,
                    None => note,
                });
            }
            None => {
                let id = mechanism.id.clone();
                mechanism.id = ids.claim(&id);
                dataset.mechanisms.push(mechanism);
            }
        }
    }
    // Areas the new document brought that no mechanism uses (their mechanisms were already in
    // the dataset, under their own areas) are left out.
    let used: IndexSet<String> = dataset
        .mechanisms
        .iter()
        .filter_map(|m| m.area.clone())
        .collect();
    let mut position = 0;
    dataset.areas.retain(|a| {
        position += 1;
        position <= areas_before || used.contains(&a.id)
    });
    dataset.sort_citations();
    merged
}

/// Appends the citations of documents not cited yet.
fn add_citations(existing: &mut Vec<SourceRef>, new: Vec<SourceRef>) {
    for citation in new {
        if !existing.iter().any(|c| c.doc == citation.doc) {
            existing.push(citation);
        }
    }
}

fn keys<'a>(names: impl Iterator<Item = &'a String>) -> IndexSet<String> {
    names
        .map(|n| normalise(n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// A mechanism's folded name, and its acronym when the name ends with one in brackets.
fn mechanism_keys(name: &str) -> IndexSet<String> {
    let mut keys = IndexSet::new();
    match name.rfind(" (") {
        Some(at) if name.ends_with(')') => {
            keys.insert(normalise(&name[..at]));
            keys.insert(format!(
                "acronym:{}",
                normalise(&name[at + 2..name.len() - 1])
            ));
        }
        _ => {
            keys.insert(normalise(name));
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_its_acronym_match_either_spelling() {
        let a = mechanism_keys("Indo-Pacific Partnership for Maritime Domain Awareness (IPMDA)");
        let b = mechanism_keys("Indo-Pacific Partnership for Maritime Domain Awareness");
        let c = mechanism_keys("IPMDA pilot (IPMDA)");
        assert!(!a.is_disjoint(&b));
        assert!(!a.is_disjoint(&c));
        assert!(mechanism_keys("Quad Fellowship")
            .is_disjoint(&mechanism_keys("Quad Infrastructure Fellowships Program")));
    }
}
