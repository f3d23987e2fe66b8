//! The dataset model of the `coopgraph/1` schema: bodies, mechanisms, forums and what they cite.
//!
//! Plain serde structs; this module knows nothing of graphs or output. Field order here is the
//! order written back to JSON, so a loaded and re-saved dataset keeps its layout.

pub mod lookup;
pub mod validate;

use serde::{Deserialize, Serialize};

/// The schema tag every dataset file must carry.
pub const SCHEMA: &str = "coopgraph/1";

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Where knowledge comes from outside the cited documents, say so here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A multilateral setting: summit, regional forum, agreement, initiative or UN body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Where knowledge comes from outside the cited documents, say so here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A cooperation mechanism: the tie between the bodies that take part in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// The clause of the document that states this mechanism.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// Curation remarks: what is implied rather than written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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

/// The citation of a mechanism: document, section/item, verbatim quote.
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

impl Body {
    /// The short name when there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

impl Forum {
    /// The short name when there is one, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}
