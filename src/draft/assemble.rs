//! Stage: the dataset from the proposals — groups, areas, bodies (with parents), forums and
//! mechanisms, each marked `draft` with the rule that proposed it and its confidence.

use super::extract::{strip_marker, BodySpec, Proposal};
use super::gazetteer::{EntryType, Gazetteer};
use super::{score, slug, Ids};
use crate::model::document::SourceText;
use crate::model::{Area, Body, Dataset, Forum, Group, Mechanism, Participant, SourceRef, Status};
use crate::query::resolve::normalise;
use indexmap::{IndexMap, IndexSet};

/// Builds the dataset of one document.
pub struct Assembly<'a> {
    gazetteer: &'a Gazetteer,
    source_id: String,
    parties: &'a [String],
    ids: Ids,
    bodies: IndexMap<(String, String), Body>,
    /// Parent names a possessive gave ("the Department of Defense's Space Force"), by body id.
    stated_parents: IndexMap<String, String>,
}

impl<'a> Assembly<'a> {
    /// An assembly for the document `source_id` between `parties`.
    pub fn new(gazetteer: &'a Gazetteer, source_id: &str, parties: &'a [String]) -> Self {
        let mut ids = Ids::default();
        ids.taken.insert(source_id.to_string());
        Assembly {
            gazetteer,
            source_id: source_id.to_string(),
            parties,
            ids,
            bodies: IndexMap::new(),
            stated_parents: IndexMap::new(),
        }
    }

    /// The dataset (without its source row, which the caller adds).
    pub fn build(
        mut self,
        source: &SourceText,
        proposals: Vec<(Option<usize>, Proposal)>,
        actors: Vec<(BodySpec, SourceRef)>,
    ) -> Dataset {
        let mut dataset = Dataset::empty();
        dataset.groups = self.groups(&proposals, &actors);
        let area_ids = self.areas(source, &proposals, &mut dataset);
        let mut forums: IndexMap<usize, Forum> = IndexMap::new();
        for (area, proposal) in proposals {
            let mechanism =
                self.mechanism(proposal, area.map(|a| area_ids[&a].clone()), &mut forums);
            dataset.mechanisms.push(mechanism);
        }
        for (spec, citation) in actors {
            let body = self.body(&spec);
            if body.sources.is_empty() {
                body.sources.push(citation);
            }
        }
        self.parents();
        dataset.bodies = self.bodies.into_values().collect();
        dataset.forums = forum_parents(self.gazetteer, forums.into_values().collect());
        keep_drafted_members(&mut dataset);
        dataset
    }

    /// The parties, then every other country a proposal names.
    fn groups(
        &mut self,
        proposals: &[(Option<usize>, Proposal)],
        actors: &[(BodySpec, SourceRef)],
    ) -> Vec<Group> {
        let mut groups: IndexSet<String> = self.parties.iter().cloned().collect();
        for (_, proposal) in proposals {
            groups.extend(proposal.participants.iter().map(|(b, _)| b.group.clone()));
        }
        groups.extend(actors.iter().map(|(b, _)| b.group.clone()));
        self.ids.taken.extend(groups.iter().cloned());
        groups
            .iter()
            .map(|g| Group {
                id: g.clone(),
                name: match self.gazetteer.country(g) {
                    Some(c) => c.name.clone(),
                    None if g == super::extract::INTERNATIONAL => {
                        "International organisations".into()
                    }
                    None => g.clone(),
                },
            })
            .collect()
    }

    /// The headings the proposals sit under, as areas (ids prefixed `area-`: a heading often
    /// has the name of the mechanism under it). Returns item index → area id.
    fn areas(
        &mut self,
        source: &SourceText,
        proposals: &[(Option<usize>, Proposal)],
        dataset: &mut Dataset,
    ) -> IndexMap<usize, String> {
        let mut ids = IndexMap::new();
        for index in proposals.iter().filter_map(|(a, _)| *a) {
            if ids.contains_key(&index) {
                continue;
            }
            let item = &source.items()[index];
            let heading = source.text()[item.start..item.head_end].trim();
            let heading = strip_marker(heading).trim_start_matches('#').trim();
            let id = self.ids.claim(&format!("area-{}", slug(heading)));
            dataset.areas.push(Area {
                id: id.clone(),
                name: heading.to_string(),
                source: Some(self.source_id.clone()),
                section: Some(item.reference.clone()),
            });
            ids.insert(index, id);
        }
        ids
    }

    fn mechanism(
        &mut self,
        proposal: Proposal,
        area: Option<String>,
        forums: &mut IndexMap<usize, Forum>,
    ) -> Mechanism {
        let citation = SourceRef {
            doc: self.source_id.clone(),
            reference: proposal.reference.clone(),
            quote: proposal.quote.clone(),
        };
        let mut participants = Vec::new();
        for (spec, role) in &proposal.participants {
            let body = self.body(spec);
            if body.sources.is_empty() && names_in(&proposal.quote, spec) {
                body.sources.push(citation.clone());
            }
            if !participants.iter().any(|p: &Participant| p.body == body.id) {
                participants.push(Participant {
                    body: body.id.clone(),
                    role: *role,
                });
            }
        }
        let mut via = Vec::new();
        for &entry in &proposal.forums {
            let forum = forums
                .entry(entry)
                .or_insert_with(|| new_forum(self.gazetteer, entry, &citation, &mut self.ids));
            via.push(forum.id.clone());
        }
        let name = match &proposal.acronym {
            Some(acronym) => format!("{} ({acronym})", proposal.name),
            None => proposal.name.clone(),
        };
        Mechanism {
            id: self.ids.claim(&slug(&proposal.name)),
            name,
            kind: proposal.kind,
            area,
            frequency: proposal.frequency,
            level: proposal.level,
            participants,
            via,
            sources: vec![citation],
            status: Some(Status::Draft),
            rule: Some(proposal.rule),
            confidence: Some(score::round(proposal.confidence)),
            note: Some(proposal.note),
        }
    }

    /// The body of a spec, created on first use.
    fn body(&mut self, spec: &BodySpec) -> &mut Body {
        let key = (spec.group.clone(), normalise(&spec.name));
        if !self.bodies.contains_key(&key) {
            let body = new_body(spec, &mut self.ids);
            if let Some(parent) = &spec.parent {
                self.stated_parents.insert(body.id.clone(), parent.clone());
            }
            self.bodies.insert(key.clone(), body);
        }
        let body = &mut self.bodies[&key];
        // A later, surer reading of the same body raises its confidence.
        if body.confidence.is_some_and(|c| c < spec.confidence) {
            body.confidence = Some(score::round(spec.confidence));
        }
        body
    }

    /// Parents from the gazetteer or a possessive, where the parent is part of the draft too.
    fn parents(&mut self) {
        let by_name: IndexMap<(String, String), String> = self
            .bodies
            .values()
            .flat_map(|b| {
                std::iter::once(b.name.clone())
                    .chain(b.short.clone())
                    .map(move |n| ((b.group.clone(), normalise(&n)), b.id.clone()))
            })
            .collect();
        let gazetteer_parent: IndexMap<(String, String), String> = self
            .gazetteer
            .of(EntryType::Body)
            .filter_map(|e| Some(((e.group.clone(), e.name.clone()), e.parent.clone()?)))
            .collect();
        for body in self.bodies.values_mut() {
            let parent = self
                .stated_parents
                .get(&body.id)
                .or_else(|| gazetteer_parent.get(&(body.group.clone(), body.name.clone())));
            if let Some(parent) =
                parent.and_then(|p| by_name.get(&(body.group.clone(), normalise(p))))
            {
                if *parent != body.id {
                    body.parent = Some(parent.clone());
                }
            }
        }
    }
}

fn new_forum(gazetteer: &Gazetteer, entry: usize, citation: &SourceRef, ids: &mut Ids) -> Forum {
    let e = &gazetteer.entries[entry];
    Forum {
        id: ids.claim(&slug(e.short.as_deref().unwrap_or(&e.name))),
        name: e.name.clone(),
        short: e.short.clone(),
        aliases: e.aliases.clone(),
        kind: e.kind.clone(),
        members: e.members.clone(),
        parent: None,
        sources: vec![citation.clone()],
        status: Some(Status::Draft),
        rule: Some("forum gazetteer name".into()),
        confidence: Some(0.9),
        note: Some(format!(
            "Drafted: forum gazetteer name in {} ({}).",
            citation.reference, citation.doc
        )),
    }
}

/// A grouping's members that are groups of the draft: the gazetteer lists all ten of ASEAN's,
/// the draft has only the countries its text involves, and a member must be a group it has.
fn keep_drafted_members(dataset: &mut Dataset) {
    let groups: IndexSet<String> = dataset.groups.iter().map(|g| g.id.clone()).collect();
    for forum in &mut dataset.forums {
        forum.members.retain(|m| groups.contains(m));
    }
}

/// Forum parents from the gazetteer, where the parent is drafted too.
fn forum_parents(gazetteer: &Gazetteer, mut forums: Vec<Forum>) -> Vec<Forum> {
    let forum_ids: IndexMap<String, String> = forums
        .iter()
        .flat_map(|f| {
            std::iter::once(f.name.clone())
                .chain(f.short.clone())
                .map(move |n| (n, f.id.clone()))
        })
        .collect();
    for forum in &mut forums {
        let parent = gazetteer
            .of(EntryType::Forum)
            .find(|e| e.name == forum.name)
            .and_then(|e| e.parent.clone());
        forum.parent = parent
            .and_then(|p| forum_ids.get(&p).cloned())
            .filter(|p| *p != forum.id);
    }
    forums
}

fn new_body(spec: &BodySpec, ids: &mut Ids) -> Body {
    let base = slug(
        spec.short
            .as_deref()
            .filter(|s| s.len() <= 24)
            .unwrap_or(&spec.name),
    );
    let id = if ids.taken.contains(&base) {
        ids.claim(&format!("{base}-{}", spec.group))
    } else {
        ids.claim(&base)
    };
    Body {
        id,
        name: spec.name.clone(),
        short: spec.short.clone(),
        aliases: spec.aliases.clone(),
        kind: spec.kind.clone(),
        group: spec.group.clone(),
        parent: None,
        sources: Vec::new(),
        status: Some(Status::Draft),
        rule: Some(spec.why.clone()),
        confidence: Some(score::round(spec.confidence)),
        note: Some(format!("Drafted: {}.", spec.why)),
    }
}

/// True when the quote writes one of the body's names, as whole words.
fn names_in(quote: &str, spec: &BodySpec) -> bool {
    let folded = format!(" {} ", normalise(quote));
    std::iter::once(&spec.name)
        .chain(spec.short.as_ref())
        .chain(&spec.aliases)
        .map(|n| normalise(n))
        .any(|n| n.len() > 1 && folded.contains(&format!(" {n} ")))
}
