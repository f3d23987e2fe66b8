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
    let areas_before = dataset.areas.len();
    let mut merger = Merger::new(dataset);
    merger.sources(drafted.sources);
    merger.groups(drafted.groups);
    merger.areas(drafted.areas);
    merger.bodies(drafted.bodies);
    merger.forums(drafted.forums);
    merger.mechanisms(drafted.mechanisms);
    let merged = merger.merged;
    drop_unused_areas(dataset, areas_before);
    dataset.sort_citations();
    merged
}

/// The state of one merge: the dataset growing, the ids taken, and the drafted ids renamed to
/// the ids they got (a fresh one, or the existing element's they matched).
struct Merger<'a> {
    dataset: &'a mut Dataset,
    ids: Ids,
    renamed: IndexMap<String, String>,
    merged: Merged,
}

impl<'a> Merger<'a> {
    fn new(dataset: &'a mut Dataset) -> Self {
        let mut ids = Ids::default();
        for (_, list) in crate::model::lookup::all_ids(dataset) {
            ids.taken.extend(list.into_iter().map(str::to_string));
        }
        Merger {
            dataset,
            ids,
            renamed: IndexMap::new(),
            merged: Merged::default(),
        }
    }

    /// Claims a fresh id for a drafted element and remembers the renaming.
    fn claim(&mut self, id: &str) -> String {
        let new = self.ids.claim(id);
        self.renamed.insert(id.to_string(), new.clone());
        new
    }

    /// The id a drafted element got, or its own when it was not renamed.
    fn rename(&self, id: &str) -> String {
        self.renamed
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Points citations at the ids their documents got.
    fn fix_citations(&self, citations: &mut [SourceRef]) {
        for citation in citations {
            if let Some(new) = self.renamed.get(&citation.doc) {
                citation.doc = new.clone();
            }
        }
    }

    /// Every drafted source is new: the same document drafted twice is cited twice.
    fn sources(&mut self, sources: Vec<crate::model::Source>) {
        for mut source in sources {
            source.id = self.claim(&source.id);
            self.dataset.sources.push(source);
        }
    }

    fn groups(&mut self, groups: Vec<crate::model::Group>) {
        for group in groups {
            if !self.dataset.groups.iter().any(|g| g.id == group.id) {
                self.ids.taken.insert(group.id.clone());
                self.dataset.groups.push(group);
            }
        }
    }

    fn areas(&mut self, areas: Vec<crate::model::Area>) {
        for mut area in areas {
            let existing = self
                .dataset
                .areas
                .iter()
                .find(|a| normalise(&a.name) == normalise(&area.name));
            match existing {
                Some(existing) => {
                    self.renamed.insert(area.id.clone(), existing.id.clone());
                }
                None => {
                    area.id = self.claim(&area.id);
                    area.source = area.source.map(|s| self.rename(&s));
                    self.dataset.areas.push(area);
                }
            }
        }
    }

    fn bodies(&mut self, bodies: Vec<crate::model::Body>) {
        for mut body in bodies {
            self.fix_citations(&mut body.sources);
            let keys = keys(
                [&body.id, &body.name]
                    .into_iter()
                    .chain(&body.short)
                    .chain(&body.aliases),
            );
            let found = self.dataset.bodies.iter_mut().find(|b| {
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
                    self.merged.bodies_reused += 1;
                    self.renamed.insert(body.id.clone(), existing.id.clone());
                    add_citations(&mut existing.sources, body.sources);
                }
                None => {
                    body.id = self.claim(&body.id);
                    self.dataset.bodies.push(body);
                }
            }
        }
        for body in &mut self.dataset.bodies {
            if let Some(new) = body.parent.as_ref().and_then(|p| self.renamed.get(p)) {
                body.parent = Some(new.clone());
            }
        }
    }

    fn forums(&mut self, forums: Vec<crate::model::Forum>) {
        for mut forum in forums {
            self.fix_citations(&mut forum.sources);
            let keys = keys(
                [&forum.id, &forum.name]
                    .into_iter()
                    .chain(&forum.short)
                    .chain(&forum.aliases),
            );
            let found = self.dataset.forums.iter_mut().find(|f| {
                !keys.is_disjoint(&self::keys(
                    [&f.id, &f.name]
                        .into_iter()
                        .chain(&f.short)
                        .chain(&f.aliases),
                ))
            });
            match found {
                Some(existing) => {
                    self.merged.forums_reused += 1;
                    self.renamed.insert(forum.id.clone(), existing.id.clone());
                    add_citations(&mut existing.sources, forum.sources);
                }
                None => {
                    forum.id = self.claim(&forum.id);
                    self.dataset.forums.push(forum);
                }
            }
        }
        for forum in &mut self.dataset.forums {
            if let Some(new) = forum.parent.as_ref().and_then(|p| self.renamed.get(p)) {
                forum.parent = Some(new.clone());
            }
        }
    }

    fn mechanisms(&mut self, mechanisms: Vec<crate::model::Mechanism>) {
        for mut mechanism in mechanisms {
            self.fix_citations(&mut mechanism.sources);
            for participant in &mut mechanism.participants {
                participant.body = self.rename(&participant.body);
            }
            for forum in &mut mechanism.via {
                *forum = self.rename(forum);
            }
            mechanism.area = mechanism.area.map(|a| self.rename(&a));
            let keys = mechanism_keys(&mechanism.name);
            let found = self
                .dataset
                .mechanisms
                .iter_mut()
                .find(|m| !keys.is_disjoint(&mechanism_keys(&m.name)));
            match found {
                Some(existing) => {
                    self.merged.mechanisms_cited_again += 1;
                    cite_again(existing, mechanism);
                }
                None => {
                    let id = mechanism.id.clone();
                    mechanism.id = self.ids.claim(&id);
                    self.dataset.mechanisms.push(mechanism);
                }
            }
        }
    }
}

/// An existing mechanism the new document speaks of again: it gains the new citation,
/// participants and forums, and goes back to `draft` with a note for review.
fn cite_again(existing: &mut crate::model::Mechanism, mechanism: crate::model::Mechanism) {
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
    let note = format!("Cited again in {where_}: review the new citation and participants.");
    existing.note = Some(match existing.note.take() {
        Some(old) if !old.contains(&note) => format!("{old} {note}"),
        Some(old) => old,
        None => note,
    });
}

/// Areas the new document brought that no mechanism uses (their mechanisms were already in the
/// dataset, under their own areas) are left out.
fn drop_unused_areas(dataset: &mut Dataset, areas_before: usize) {
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
}

/// Appends the citations of documents not cited yet.
pub(super) fn add_citations(existing: &mut Vec<SourceRef>, new: Vec<SourceRef>) {
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
