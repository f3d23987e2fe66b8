//! The dataset model of the `coopgraph/2` schema: bodies, mechanisms, forums and what they cite.
//!
//! Plain serde structs; this module knows nothing of graphs or output. Field order here is the
//! order written back to JSON, so a loaded and re-saved dataset keeps its layout.
//!
//! `coopgraph/2` lets a mechanism, a body or a forum cite several dated sources (`sources[]`);
//! `coopgraph/1` files, whose mechanisms cite one `source`, load unchanged (see [`Mechanism`]).

pub mod dates;
pub mod document;
pub mod lookup;
pub mod outline;
pub mod tables;
pub mod timeline;
pub mod validate;
pub mod view;

use serde::{Deserialize, Serialize};

/// The schema tag written to every dataset file.
pub const SCHEMA: &str = "coopgraph/2";

/// Every schema tag coopgraph reads: the current one and the versions before it.
pub const SCHEMAS_READ: [&str; 2] = ["coopgraph/1", SCHEMA];

/// A whole dataset: the documents it cites and the network they describe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Schema tag; must be [`SCHEMA`].
    pub schema: String,
    /// Human title of the dataset, used in diagram titles and reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Free-text description: scope, curation rules, judgement calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The documents mechanisms cite.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Countries and other partitions of bodies ("multilateral").
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Policy areas, usually the cited document's headings.
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Ministries, agencies, forces, institutes and other actors.
    #[serde(default)]
    pub bodies: Vec<Body>,
    /// Multilateral settings mechanisms run through (summits, regional forums, UN bodies).
    #[serde(default)]
    pub forums: Vec<Forum>,
    /// Dialogues, talks, exercises, exchanges: the ties between bodies.
    #[serde(default)]
    pub mechanisms: Vec<Mechanism>,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id.
    pub id: String,
    /// Full title of the document.
    pub title: String,
    /// Date of the document (free text, ISO 8601 recommended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Path of the document's text, relative to the dataset file; quotes are checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where the document is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A partition of bodies: a country or "multilateral".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A policy area, usually one heading of the cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Unique id.
    pub id: String,
    /// Display name (the heading's text).
    pub name: String,
    /// The source whose heading this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The heading's number in that source ("5").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// An actor: ministry, agency, armed service, institute, office or private party.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Unique id.
    pub id: String,
    /// Full official name.
    pub name: String,
    /// Short name as commonly written ("MLIT").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Other names: as the document writes them and as people commonly write them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free-text kind (government, ministry, agency, military, research, private …).
    pub kind: String,
    /// The group (country) this body belongs to.
    pub group: String,
    /// The body this one sits under, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The clauses that name this body, one per citing document (dates its appearances).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// `draft` while a person has not reviewed what `coopgraph draft` proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For a drafted element: the rule of `coopgraph draft` that proposed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For a drafted element: how sure the rule is, from 0 (a guess) to 1 (certain);
    /// `review` lists the least certain first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Where knowledge comes from outside the cited documents, say so here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A multilateral setting: summit, regional forum, agreement, initiative or UN body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    /// Unique id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name ("ARF").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Other names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free-text kind (summit, regional-forum, agreement, initiative, un-body …).
    pub kind: String,
    /// Member bodies or groups, where the dataset records them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The forum this one is part of (the Security Council is part of the UN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The clauses that name this forum, one per citing document (dates its appearances).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// `draft` while a person has not reviewed what `coopgraph draft` proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For a drafted element: the rule of `coopgraph draft` that proposed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For a drafted element: how sure the rule is, from 0 (a guess) to 1 (certain);
    /// `review` lists the least certain first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Where knowledge comes from outside the cited documents, say so here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A cooperation mechanism: the tie between the bodies that take part in it.
///
/// Read through a private mirror of its fields, so that the `coopgraph/1` form — one `source` object — is
/// accepted and becomes a one-element `sources` list; it is always written as `sources`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MechanismFields")]
pub struct Mechanism {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-text kind (dialogue, consultation, talks, exercise, exchange, working-group …).
    pub kind: String,
    /// The policy area this mechanism belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// How often it meets (annual, twice-yearly, once-a-year, regular, when-possible …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// The level of the officials who meet ("Foreign Minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The bodies that take part, with their roles.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Forums this mechanism runs through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// The clauses that state this mechanism, one per citing document, first cited first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// `draft` while a person has not reviewed what `coopgraph draft` proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For a drafted element: the rule of `coopgraph draft` that proposed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For a drafted element: how sure the rule is, from 0 (a guess) to 1 (certain);
    /// `review` lists the least certain first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// Curation remarks: what is implied rather than written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A mechanism as written in a file of either schema version: `source` (coopgraph/1, one
/// citation) or `sources` (coopgraph/2, a list), never both.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MechanismFields {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    area: Option<String>,
    #[serde(default)]
    frequency: Option<String>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    participants: Vec<Participant>,
    #[serde(default)]
    via: Vec<String>,
    #[serde(default)]
    source: Option<SourceRef>,
    #[serde(default)]
    sources: Option<Vec<SourceRef>>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    note: Option<String>,
}

impl TryFrom<MechanismFields> for Mechanism {
    type Error = String;

    /// Folds the coopgraph/1 `source` into `sources`; refuses a mechanism that has both.
    fn try_from(fields: MechanismFields) -> Result<Mechanism, String> {
        let sources = match (fields.source, fields.sources) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "mechanism '{}' has both `source` and `sources`; expected `sources` (a list of citations; `source` is the coopgraph/1 spelling of a single one)",
                    fields.id
                ))
            }
            (Some(one), None) => vec![one],
            (None, list) => list.unwrap_or_default(),
        };
        Ok(Mechanism {
            id: fields.id,
            name: fields.name,
            kind: fields.kind,
            area: fields.area,
            frequency: fields.frequency,
            level: fields.level,
            participants: fields.participants,
            via: fields.via,
            sources,
            status: fields.status,
            rule: fields.rule,
            confidence: fields.confidence,
            note: fields.note,
        })
    }
}

/// Where an element stands in curation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Proposed by `coopgraph draft`, not yet reviewed by a person (an absent status means
    /// curated).
    Draft,
}

/// One body's part in a mechanism.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The body's id.
    pub body: String,
    /// Its role.
    #[serde(default)]
    pub role: Role,
}

/// What a participant does in a mechanism.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum Role {
    /// Leads ("led by").
    Lead,
    /// Takes part (the default).
    #[default]
    Participant,
    /// Attends as an observer.
    Observer,
    /// Hosts.
    Host,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 4] = [Role::Lead, Role::Participant, Role::Observer, Role::Host];

    /// The role's schema name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Participant => "participant",
            Role::Observer => "observer",
            Role::Host => "host",
        }
    }

    /// Parses a schema name (case-insensitive); `None` for anything else.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl TryFrom<String> for Role {
    type Error = String;

    /// Parses a role name, explaining the choices (and the closest one) when it is unknown.
    fn try_from(text: String) -> Result<Role, String> {
        Role::parse(&text).ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            format!(
                "unknown role '{text}'{}; expected one of {}",
                crate::suggest::did_you_mean(&crate::suggest::closest(
                    &text,
                    names.iter().copied()
                )),
                names.join(", ")
            )
        })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A citation: document, section/item, verbatim quote (of a mechanism, a body or a forum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The source id.
    pub doc: String,
    /// Section/item reference within the document ("3.(1).2").
    #[serde(rename = "ref")]
    pub reference: String,
    /// Text that appears verbatim (whitespace-normalised) in the source.
    pub quote: String,
}

impl Dataset {
    /// An empty dataset with the current schema tag.
    pub fn empty() -> Dataset {
        Dataset {
            schema: SCHEMA.to_string(),
            title: None,
            description: None,
            sources: Vec::new(),
            groups: Vec::new(),
            areas: Vec::new(),
            bodies: Vec::new(),
            forums: Vec::new(),
            mechanisms: Vec::new(),
        }
    }
}

impl Dataset {
    /// Orders every element's citations as the dataset lists its sources (oldest document first
    /// when sources are listed by date), so that the first citation is the first appearance.
    pub fn sort_citations(&mut self) {
        let order: std::collections::HashMap<String, usize> = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let key = |c: &SourceRef| order.get(&c.doc).copied().unwrap_or(usize::MAX);
        for b in &mut self.bodies {
            b.sources.sort_by_key(key);
        }
        for f in &mut self.forums {
            f.sources.sort_by_key(key);
        }
        for m in &mut self.mechanisms {
            m.sources.sort_by_key(key);
        }
    }

    /// Every citation in the dataset: of bodies, forums and mechanisms.
    pub fn citations(&self) -> impl Iterator<Item = &SourceRef> {
        let bodies = self.bodies.iter().flat_map(|b| &b.sources);
        let forums = self.forums.iter().flat_map(|f| &f.sources);
        let mechanisms = self.mechanisms.iter().flat_map(|m| &m.sources);
        bodies.chain(forums).chain(mechanisms)
    }
}

impl Body {
    /// The short name when there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// True while the body awaits review.
    pub fn is_draft(&self) -> bool {
        self.status == Some(Status::Draft)
    }
}

impl Forum {
    /// The short name when there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// True while the forum awaits review.
    pub fn is_draft(&self) -> bool {
        self.status == Some(Status::Draft)
    }
}

impl Mechanism {
    /// The first citation: the clause that states the mechanism in the first document citing it.
    pub fn source(&self) -> Option<&SourceRef> {
        self.sources.first()
    }

    /// True while the mechanism awaits review.
    pub fn is_draft(&self) -> bool {
        self.status == Some(Status::Draft)
    }
}
