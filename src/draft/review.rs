//! Reviewing a draft: the drafted elements with their quotes, and the edits a reviewer makes
//! (accept, drop, rename, set a field, add or remove a participant, merge two elements).
//! Every edit names its element by id and fails with a "did you mean" when the id is unknown.

use super::merge::add_citations;
use crate::error::{Error, Result};
use crate::model::lookup::{IdIndex, RecordKind};
use crate::model::{Dataset, Participant, Role, Status};
use crate::suggest::{closest, did_you_mean};
use serde::Serialize;

/// One drafted element as the reviewer sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Pending {
    /// body, forum or mechanism.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Kind, group, participants, forums: what the draft says about it, in one line.
    pub details: String,
    /// `(doc, ref, quote)` of each citation.
    pub quotes: Vec<(String, String, String)>,
    /// Why it was proposed.
    pub note: String,
    /// How sure the rule that proposed it was (0 to 1), when the draft says.
    pub confidence: Option<f64>,
}

/// The elements still marked draft, the least certain first (by the confidence the draft
/// recorded); at equal confidence bodies, forums, then mechanisms, in dataset order.
pub fn pending(dataset: &Dataset) -> Vec<Pending> {
    let cites = |sources: &[crate::model::SourceRef]| {
        sources
            .iter()
            .map(|s| (s.doc.clone(), s.reference.clone(), s.quote.clone()))
            .collect()
    };
    let mut out = Vec::new();
    for b in dataset.bodies.iter().filter(|b| b.is_draft()) {
        out.push(Pending {
            kind: "body",
            id: b.id.clone(),
            name: b.name.clone(),
            details: format!(
                "{} of {}{}",
                b.kind,
                b.group,
                b.parent
                    .as_ref()
                    .map_or(String::new(), |p| format!(", part of {p}"))
            ),
            quotes: cites(&b.sources),
            note: b.note.clone().unwrap_or_default(),
            confidence: b.confidence,
        });
    }
    for f in dataset.forums.iter().filter(|f| f.is_draft()) {
        out.push(Pending {
            kind: "forum",
            id: f.id.clone(),
            name: f.name.clone(),
            details: f.kind.clone(),
            quotes: cites(&f.sources),
            note: f.note.clone().unwrap_or_default(),
            confidence: f.confidence,
        });
    }
    for m in dataset.mechanisms.iter().filter(|m| m.is_draft()) {
        let participants: Vec<String> = m
            .participants
            .iter()
            .map(|p| match p.role {
                Role::Participant => p.body.clone(),
                role => format!("{} ({role})", p.body),
            })
            .collect();
        let mut details = format!("{}; participants: {}", m.kind, participants.join(", "));
        for (label, value) in [("frequency", &m.frequency), ("level", &m.level)] {
            if let Some(v) = value {
                details.push_str(&format!("; {label}: {v}"));
            }
        }
        if !m.via.is_empty() {
            details.push_str(&format!("; via {}", m.via.join(", ")));
        }
        out.push(Pending {
            kind: "mechanism",
            id: m.id.clone(),
            name: m.name.clone(),
            details,
            quotes: cites(&m.sources),
            note: m.note.clone().unwrap_or_default(),
            confidence: m.confidence,
        });
    }
    // Stable: elements without a confidence (curated by hand, older drafts) keep their order
    // after those with one.
    out.sort_by(|a, b| {
        let key = |p: &Pending| p.confidence.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b))
    });
    out
}

/// Finds the kind of `id` among bodies, forums and mechanisms, or explains.
fn locate(dataset: &Dataset, id: &str) -> Result<RecordKind> {
    if id.trim().is_empty() {
        return Err(Error::Usage(
            "an empty id; expected the id of a body, forum or mechanism (`coopgraph review DATASET` lists the drafted ones)".into(),
        ));
    }
    let index = IdIndex::new(dataset);
    match index.get(id) {
        Some((kind @ (RecordKind::Body | RecordKind::Forum | RecordKind::Mechanism), _)) => {
            Ok(kind)
        }
        Some((kind, _)) => Err(Error::Input(format!(
            "'{id}' is a {}; review edits bodies, forums and mechanisms",
            kind.noun()
        ))),
        None => {
            let ids: Vec<&str> = [RecordKind::Body, RecordKind::Forum, RecordKind::Mechanism]
                .into_iter()
                .flat_map(|k| index.ids_of(k))
                .collect();
            Err(Error::Input(format!(
                "unknown element '{id}'{}; expected the id of a body, forum or mechanism (`coopgraph review DATASET` lists the drafted ones)",
                did_you_mean(&closest(id, ids))
            )))
        }
    }
}

/// Marks `id` reviewed.
pub fn accept(dataset: &mut Dataset, id: &str) -> Result<()> {
    match locate(dataset, id)? {
        RecordKind::Body => dataset
            .bodies
            .iter_mut()
            .filter(|b| b.id == id)
            .for_each(|b| b.status = None),
        RecordKind::Forum => dataset
            .forums
            .iter_mut()
            .filter(|f| f.id == id)
            .for_each(|f| f.status = None),
        _ => dataset
            .mechanisms
            .iter_mut()
            .filter(|m| m.id == id)
            .for_each(|m| m.status = None),
    }
    Ok(())
}

/// Marks every element still draft reviewed; returns how many.
pub fn accept_all(dataset: &mut Dataset) -> usize {
    let mut count = 0;
    let mut clear = |status: &mut Option<Status>| {
        if status.take().is_some() {
            count += 1;
        }
    };
    dataset.bodies.iter_mut().for_each(|b| clear(&mut b.status));
    dataset.forums.iter_mut().for_each(|f| clear(&mut f.status));
    dataset
        .mechanisms
        .iter_mut()
        .for_each(|m| clear(&mut m.status));
    count
}

/// Removes `id` and every reference to it (participations, memberships, via links, parents).
pub fn drop(dataset: &mut Dataset, id: &str) -> Result<()> {
    match locate(dataset, id)? {
        RecordKind::Body => {
            dataset.bodies.retain(|b| b.id != id);
            for b in &mut dataset.bodies {
                if b.parent.as_deref() == Some(id) {
                    b.parent = None;
                }
            }
            for m in &mut dataset.mechanisms {
                m.participants.retain(|p| p.body != id);
            }
            for f in &mut dataset.forums {
                f.members.retain(|x| x != id);
            }
        }
        RecordKind::Forum => {
            dataset.forums.retain(|f| f.id != id);
            for f in &mut dataset.forums {
                if f.parent.as_deref() == Some(id) {
                    f.parent = None;
                }
            }
            for m in &mut dataset.mechanisms {
                m.via.retain(|v| v != id);
            }
        }
        _ => dataset.mechanisms.retain(|m| m.id != id),
    }
    Ok(())
}

/// Sets one field of an element (`name`, `short`, `kind`, `group`, `parent`, `area`,
/// `frequency`, `level`, `note`, and a mechanism's `via`: forum ids separated by `;`); an empty
/// value clears an optional field.
pub fn set(dataset: &mut Dataset, id: &str, field: &str, value: &str) -> Result<()> {
    let kind = locate(dataset, id)?;
    let optional = || Some(value.to_string()).filter(|v| !v.is_empty());
    let unknown = |fields: &[&str]| {
        Error::Input(format!(
            "cannot set '{field}' of {} '{id}'{}; expected one of {}",
            kind.noun(),
            did_you_mean(&closest(field, fields.iter().copied())),
            fields.join(", ")
        ))
    };
    match kind {
        RecordKind::Body => {
            let Some(b) = dataset.bodies.iter_mut().find(|b| b.id == id) else {
                return Ok(());
            };
            match field {
                "name" => b.name = value.to_string(),
                "short" => b.short = optional(),
                "kind" => b.kind = value.to_string(),
                "group" => b.group = value.to_string(),
                "parent" => b.parent = optional(),
                "note" => b.note = optional(),
                _ => {
                    return Err(unknown(&[
                        "name", "short", "kind", "group", "parent", "note",
                    ]))
                }
            }
        }
        RecordKind::Forum => {
            let Some(f) = dataset.forums.iter_mut().find(|f| f.id == id) else {
                return Ok(());
            };
            match field {
                "name" => f.name = value.to_string(),
                "short" => f.short = optional(),
                "kind" => f.kind = value.to_string(),
                "parent" => f.parent = optional(),
                "note" => f.note = optional(),
                _ => return Err(unknown(&["name", "short", "kind", "parent", "note"])),
            }
        }
        _ => {
            let Some(m) = dataset.mechanisms.iter_mut().find(|m| m.id == id) else {
                return Ok(());
            };
            match field {
                "name" => m.name = value.to_string(),
                "kind" => m.kind = value.to_string(),
                "area" => m.area = optional(),
                "frequency" => m.frequency = optional(),
                "level" => m.level = optional(),
                "note" => m.note = optional(),
                "via" => {
                    m.via = value
                        .split(';')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                _ => {
                    return Err(unknown(&[
                        "name",
                        "kind",
                        "area",
                        "via",
                        "frequency",
                        "level",
                        "note",
                    ]))
                }
            }
        }
    }
    Ok(())
}

/// Adds `body` to mechanism `mechanism` with `role` (or changes its role).
pub fn add_participant(
    dataset: &mut Dataset,
    mechanism: &str,
    body: &str,
    role: Role,
) -> Result<()> {
    expect(dataset, mechanism, RecordKind::Mechanism)?;
    expect(dataset, body, RecordKind::Body)?;
    if let Some(m) = dataset.mechanisms.iter_mut().find(|m| m.id == mechanism) {
        match m.participants.iter_mut().find(|p| p.body == body) {
            Some(p) => p.role = role,
            None => m.participants.push(Participant {
                body: body.to_string(),
                role,
            }),
        }
    }
    Ok(())
}

/// Removes `body` from mechanism `mechanism`.
pub fn remove_participant(dataset: &mut Dataset, mechanism: &str, body: &str) -> Result<()> {
    expect(dataset, mechanism, RecordKind::Mechanism)?;
    if let Some(m) = dataset.mechanisms.iter_mut().find(|m| m.id == mechanism) {
        let before = m.participants.len();
        m.participants.retain(|p| p.body != body);
        if m.participants.len() == before {
            return Err(Error::Input(format!(
                "body '{body}' does not take part in mechanism '{mechanism}'"
            )));
        }
    }
    Ok(())
}

/// Merges element `from` into `into` (same kind): `into` gains `from`'s citations, names
/// (as aliases, for bodies and forums) and ties; every reference to `from` points to `into`.
pub fn merge_into(dataset: &mut Dataset, from: &str, into: &str) -> Result<()> {
    let kind = locate(dataset, from)?;
    expect(dataset, into, kind)?;
    if from == into {
        return Err(Error::Input(format!("cannot merge '{from}' into itself")));
    }
    match kind {
        RecordKind::Body => merge_body(dataset, from, into),
        RecordKind::Forum => merge_forum(dataset, from, into),
        _ => merge_mechanism(dataset, from, into),
    }
    dataset.sort_citations();
    Ok(())
}

/// Body `from` into body `into`: its names become aliases, its seats, children and memberships
/// move over.
fn merge_body(dataset: &mut Dataset, from: &str, into: &str) {
    let Some(gone) = dataset.bodies.iter().find(|b| b.id == from).cloned() else {
        return;
    };
    if let Some(target) = dataset.bodies.iter_mut().find(|b| b.id == into) {
        for name in std::iter::once(gone.name)
            .chain(gone.short)
            .chain(gone.aliases)
        {
            if name != target.name
                && target.short.as_deref() != Some(&name)
                && !target.aliases.contains(&name)
            {
                target.aliases.push(name);
            }
        }
        add_citations(&mut target.sources, gone.sources);
    }
    for m in &mut dataset.mechanisms {
        let had_target = m.participants.iter().any(|p| p.body == into);
        if had_target {
            m.participants.retain(|p| p.body != from);
        } else {
            m.participants
                .iter_mut()
                .filter(|p| p.body == from)
                .for_each(|p| p.body = into.to_string());
        }
    }
    for b in &mut dataset.bodies {
        if b.parent.as_deref() == Some(from) {
            b.parent = Some(into.to_string());
        }
    }
    for f in &mut dataset.forums {
        f.members
            .iter_mut()
            .filter(|x| *x == from)
            .for_each(|x| *x = into.to_string());
        f.members.dedup();
    }
    dataset.bodies.retain(|b| b.id != from);
}

/// Forum `from` into forum `into`: mechanisms held through it are held through `into`.
fn merge_forum(dataset: &mut Dataset, from: &str, into: &str) {
    let Some(gone) = dataset.forums.iter().find(|f| f.id == from).cloned() else {
        return;
    };
    if let Some(target) = dataset.forums.iter_mut().find(|f| f.id == into) {
        add_citations(&mut target.sources, gone.sources);
    }
    for m in &mut dataset.mechanisms {
        if m.via.iter().any(|v| v == into) {
            m.via.retain(|v| v != from);
        } else {
            m.via
                .iter_mut()
                .filter(|v| *v == from)
                .for_each(|v| *v = into.to_string());
        }
    }
    dataset.forums.retain(|f| f.id != from);
}

/// Mechanism `from` into mechanism `into`: its participants and forums join `into`'s.
fn merge_mechanism(dataset: &mut Dataset, from: &str, into: &str) {
    let Some(gone) = dataset.mechanisms.iter().find(|m| m.id == from).cloned() else {
        return;
    };
    if let Some(target) = dataset.mechanisms.iter_mut().find(|m| m.id == into) {
        add_citations(&mut target.sources, gone.sources);
        for p in gone.participants {
            if !target.participants.iter().any(|q| q.body == p.body) {
                target.participants.push(p);
            }
        }
        for v in gone.via {
            if !target.via.contains(&v) {
                target.via.push(v);
            }
        }
    }
    dataset.mechanisms.retain(|m| m.id != from);
}

fn expect(dataset: &Dataset, id: &str, kind: RecordKind) -> Result<()> {
    let found = locate(dataset, id)?;
    if found == kind {
        Ok(())
    } else {
        Err(Error::Input(format!(
            "'{id}' is a {}, expected a {}",
            found.noun(),
            kind.noun()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::json::parse;

    fn sample() -> Dataset {
        parse(
            r#"{"schema": "coopgraph/2", "groups": [{"id": "g", "name": "G"}],
              "bodies": [{"id": "navy", "name": "Navy", "kind": "military", "group": "g", "status": "draft", "note": "n"},
                         {"id": "navy-2", "name": "The Navy", "kind": "military", "group": "g", "status": "draft", "note": "n"},
                         {"id": "army", "name": "Army", "kind": "military", "group": "g"}],
              "mechanisms": [{"id": "ex", "name": "Exercise", "kind": "exercise", "status": "draft", "note": "n",
                              "participants": [{"body": "navy-2"}, {"body": "army"}]}]}"#,
            "t.json",
        )
        .expect("sample")
    }

    #[test]
    fn edits_accept_drop_merge_and_explain_unknown_ids() {
        let mut d = sample();
        assert_eq!(pending(&d).len(), 3);
        merge_into(&mut d, "navy-2", "navy").expect("merge");
        assert_eq!(d.mechanisms[0].participants[0].body, "navy");
        assert!(d.bodies[0].aliases.contains(&"The Navy".to_string()));
        add_participant(&mut d, "ex", "army", Role::Host).expect("role");
        assert_eq!(d.mechanisms[0].participants[1].role, Role::Host);
        drop(&mut d, "army").expect("drop");
        assert_eq!(d.mechanisms[0].participants.len(), 1);
        set(&mut d, "ex", "frequency", "annual").expect("set");
        assert_eq!(d.mechanisms[0].frequency.as_deref(), Some("annual"));
        let err = set(&mut d, "ex", "frequncy", "x")
            .expect_err("field")
            .to_string();
        assert!(err.contains("did you mean 'frequency'"), "{err}");
        let err = accept(&mut d, "nav").expect_err("id").to_string();
        assert!(err.contains("did you mean 'navy'"), "{err}");
        assert_eq!(accept_all(&mut d), 2);
        assert!(pending(&d).is_empty());
    }
}
