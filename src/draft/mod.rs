//! `draft`: a cooperation document (text, Markdown, HTML or PDF) to a draft dataset whose every
//! element is marked `"status": "draft"` with a note saying which rule proposed it, and whose
//! every mechanism cites the verbatim sentence that states it.
//!
//! The steps: read the text ([`read`]); read its outline (the same reader `validate` uses for
//! ref checks, [`crate::ingest::outline`]); find the parties (`--group`, else the countries the
//! title and opening name); for each item, propose mechanisms ([`extract`]): named channels,
//! list items naming a channel, channels the text creates, officials who meet; find the bodies
//! each sentence names through the gazetteer ([`gazetteer`]), office titles, acronym definitions
//! and organisation-like phrases; link the forums named beside them. Deterministic: the same
//! input gives the same bytes.

pub mod channels;
pub mod extract;
pub mod gazetteer;
pub mod measure;
pub mod mentions;
pub mod merge;
pub mod names;
pub mod read;
pub mod review;
pub mod sentences;

use crate::error::{Error, Result};
use crate::ingest::document::{normalize_whitespace, Item, ItemKind, SourceText};
use crate::model::dates::Date;
use crate::model::{
    Area, Body, Dataset, Forum, Group, Mechanism, Participant, Source, SourceRef, Status,
};
use crate::query::resolve::normalise;
use extract::{BodySpec, Extractor, Proposal};
use gazetteer::{EntryType, Gazetteer};
use indexmap::{IndexMap, IndexSet};
use mentions::Matcher;
use std::path::{Path, PathBuf};

/// What `draft` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra gazetteer files (after the built-in ones).
    pub gazetteers: Vec<PathBuf>,
    /// The parties (countries), by name or id; found in the document when empty.
    pub groups: Vec<String>,
}

/// A drafted dataset and the text it quotes.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The dataset (one source, file `sources/<id>.txt`).
    pub dataset: Dataset,
    /// The document's text as read: the source file to write beside the dataset.
    pub text: String,
    /// The source id.
    pub source_id: String,
}

/// Drafts a dataset from the document at `path`.
pub fn draft(path: &Path, options: &Options) -> Result<Drafted> {
    let (_, text) = read::read_document(path)?;
    let gazetteer = Gazetteer::load(&options.gazetteers)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    draft_text(&text, &stem, &gazetteer, options)
}

/// Drafts a dataset from `text` (named `stem` for ids and the source file).
pub fn draft_text(
    text: &str,
    stem: &str,
    gazetteer: &Gazetteer,
    options: &Options,
) -> Result<Drafted> {
    let source_id = slug(stem);
    let source = SourceText::new(text);
    let matcher = Matcher::new(gazetteer);
    let parties = parties(&source, gazetteer, &matcher, options)?;
    let opening: String = source.text().chars().take(600).collect();
    let extractor = Extractor::new(gazetteer, &matcher, &parties).with_own_forums(&opening);

    let items = source.items();
    let normalized = source.text();
    let mut areas: IndexMap<usize, Area> = IndexMap::new();
    let mut proposals: Vec<(Option<usize>, Proposal)> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let has_children = items
            .iter()
            .any(|other| other.start >= item.start && other.end <= item.end && other != item);
        let section = enclosing_section(items, index);
        // Headings with items under them are areas; the items are what is drafted.
        let list = match item.kind {
            ItemKind::Section | ItemKind::Subheading if has_children => continue,
            ItemKind::Section if item.reference.starts_with("section ") => continue,
            ItemKind::Section | ItemKind::Paragraph => false,
            ItemKind::Subheading | ItemKind::Entry => true,
        };
        let area = section.filter(|&s| s != index);
        for proposal in extractor.item(&normalized[item.start..item.end], &item.reference, list) {
            proposals.push((area, proposal));
        }
    }
    for (area, _) in &proposals {
        if let Some(s) = area {
            areas
                .entry(*s)
                .or_insert_with(|| area_of(&items[*s], normalized, &source_id));
        }
    }

    let mut dataset = Dataset::empty();
    dataset.title = Some(format!("Draft: {}", title(text, stem)));
    dataset.description = Some(format!(
        "Drafted by `coopgraph draft` from {stem}; every element is a proposal to review (`coopgraph review`)."
    ));
    dataset.sources.push(Source {
        id: source_id.clone(),
        title: title(text, stem),
        date: date(text, stem).map(|d| d.to_string()),
        file: Some(format!("sources/{source_id}.txt")),
        url: None,
    });
    let mut groups: IndexSet<String> = parties.iter().cloned().collect();
    for (_, proposal) in &proposals {
        groups.extend(proposal.participants.iter().map(|(b, _)| b.group.clone()));
    }
    dataset.groups = groups
        .iter()
        .map(|g| Group {
            id: g.clone(),
            name: gazetteer.country(g).map_or(g.clone(), |c| c.name.clone()),
        })
        .collect();
    let mut ids = Ids::default();
    ids.taken.insert(source_id.clone());
    ids.taken.extend(groups.iter().cloned());
    // Areas get an `area-` prefix: a heading often has the name of the mechanism under it.
    let area_ids: IndexMap<usize, String> = areas
        .iter()
        .map(|(index, area)| (*index, ids.claim(&format!("area-{}", area.id))))
        .collect();
    dataset.areas = areas
        .into_iter()
        .map(|(index, mut area)| {
            area.id = area_ids[&index].clone();
            area
        })
        .collect();

    let mut bodies: IndexMap<(String, String), Body> = IndexMap::new();
    let mut forums: IndexMap<usize, Forum> = IndexMap::new();
    let mut mechanisms: IndexMap<String, Mechanism> = IndexMap::new();
    for (area, proposal) in proposals {
        let key = mechanism_key(&proposal);
        if let Some(existing) = mechanisms.get_mut(&key) {
            // Named again later in the same document: the first statement stays the citation;
            // what the later one adds (how often, at what level) is kept, and the note says so.
            for (field, value, label) in [
                (&mut existing.frequency, &proposal.frequency, "frequency"),
                (&mut existing.level, &proposal.level, "level"),
            ] {
                if field.is_none() && value.is_some() {
                    field.clone_from(value);
                    if let Some(note) = &mut existing.note {
                        note.push_str(&format!(
                            " The {label} is stated in {}.",
                            proposal.reference
                        ));
                    }
                }
            }
            continue;
        }
        let citation = SourceRef {
            doc: source_id.clone(),
            reference: proposal.reference.clone(),
            quote: proposal.quote.clone(),
        };
        let mut participants = Vec::new();
        for (spec, role) in &proposal.participants {
            let body = bodies
                .entry((spec.group.clone(), spec.name.clone()))
                .or_insert_with(|| new_body(spec, &mut ids));
            if body.sources.is_empty() && names_in(&proposal.quote, spec) {
                body.sources.push(citation.clone());
            }
            participants.push(Participant {
                body: body.id.clone(),
                role: *role,
            });
        }
        let mut via = Vec::new();
        for &entry in &proposal.forums {
            let forum = forums.entry(entry).or_insert_with(|| {
                let e = &gazetteer.entries[entry];
                Forum {
                    id: ids.claim(&slug(e.short.as_deref().unwrap_or(&e.name))),
                    name: e.name.clone(),
                    short: e.short.clone(),
                    aliases: e.aliases.clone(),
                    kind: e.kind.clone(),
                    members: Vec::new(),
                    parent: None,
                    sources: vec![citation.clone()],
                    status: Some(Status::Draft),
                    note: Some(format!(
                        "Drafted: forum gazetteer name in {} ({}).",
                        citation.reference, source_id
                    )),
                }
            });
            via.push(forum.id.clone());
        }
        let name = match &proposal.acronym {
            Some(acronym) => format!("{} ({acronym})", proposal.name),
            None => proposal.name.clone(),
        };
        mechanisms.insert(
            key,
            Mechanism {
                id: ids.claim(&slug(&proposal.name)),
                name,
                kind: proposal.kind.clone(),
                area: area.map(|a| area_ids[&a].clone()),
                frequency: proposal.frequency.clone(),
                level: proposal.level.clone(),
                participants,
                via,
                sources: vec![citation],
                status: Some(Status::Draft),
                note: Some(proposal.note.clone()),
            },
        );
    }
    // Parents from the gazetteer, where the parent is part of the draft too.
    let by_name: IndexMap<(String, String), String> = bodies
        .values()
        .flat_map(|b| {
            std::iter::once(b.name.clone())
                .chain(b.short.clone())
                .map(move |n| ((b.group.clone(), n), b.id.clone()))
        })
        .collect();
    let specs_parent: IndexMap<String, Option<String>> = gazetteer
        .of(EntryType::Body)
        .map(|e| (format!("{}\u{1}{}", e.group, e.name), e.parent.clone()))
        .collect();
    for body in bodies.values_mut() {
        let parent = specs_parent
            .get(&format!("{}\u{1}{}", body.group, body.name))
            .cloned()
            .flatten();
        if let Some(parent) = parent.and_then(|p| by_name.get(&(body.group.clone(), p)).cloned()) {
            if parent != body.id {
                body.parent = Some(parent);
            }
        }
    }
    let mut forums: Vec<Forum> = forums.into_values().collect();
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
    dataset.bodies = bodies.into_values().collect();
    dataset.forums = forums;
    dataset.mechanisms = mechanisms.into_values().collect();
    Ok(Drafted {
        dataset,
        text: text.to_string(),
        source_id,
    })
}

/// The parties: `--group` names, else the countries the title names when it names two or more
/// ("United States–India …"), else those the title and the opening (the first 600 characters)
/// name, in order of first mention.
fn parties(
    source: &SourceText,
    gazetteer: &Gazetteer,
    matcher: &Matcher,
    options: &Options,
) -> Result<Vec<String>> {
    if !options.groups.is_empty() {
        let mut groups = IndexSet::new();
        for wanted in &options.groups {
            groups.insert(gazetteer.resolve_country(wanted)?);
        }
        return Ok(groups.into_iter().collect());
    }
    let countries = |text: &str| -> IndexSet<String> {
        matcher
            .find(text)
            .into_iter()
            .filter(|m| m.kind == EntryType::Country)
            .filter_map(|m| {
                m.entries
                    .first()
                    .map(|&e| gazetteer.entries[e].group.clone())
            })
            .collect()
    };
    let title_end = source.items().first().map_or(0, |i| i.start);
    let in_title = countries(&source.text()[..title_end.min(400)]);
    if in_title.len() >= 2 {
        return Ok(in_title.into_iter().collect());
    }
    let opening: String = source.text().chars().take(600).collect();
    let groups = countries(&opening);
    if groups.is_empty() {
        return Err(Error::Usage(
            "cannot tell the document's parties: its title and opening name no country of the gazetteer; name them with --group COUNTRY (repeatable)".into(),
        ));
    }
    Ok(groups.into_iter().collect())
}

/// The innermost section (or sub-heading) holding item `index`, or the item itself when it is
/// a section.
fn enclosing_section(items: &[Item], index: usize) -> Option<usize> {
    let item = &items[index];
    items
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == ItemKind::Section && s.start <= item.start && item.end <= s.end)
        .min_by_key(|(_, s)| s.end - s.start)
        .map(|(i, _)| i)
}

fn area_of(item: &Item, normalized: &str, source_id: &str) -> Area {
    let heading = normalized[item.start..item.head_end].trim();
    let heading = extract::strip_marker(heading)
        .trim_start_matches('#')
        .trim();
    Area {
        id: slug(heading),
        name: heading.to_string(),
        source: Some(source_id.to_string()),
        section: Some(item.reference.clone()),
    }
}

/// Mechanisms named twice in one document are one: keyed by acronym, else folded name.
fn mechanism_key(proposal: &Proposal) -> String {
    match &proposal.acronym {
        Some(acronym) => acronym.to_lowercase(),
        None => normalise(&proposal.name),
    }
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

/// Ids unique across the dataset.
#[derive(Default)]
pub struct Ids {
    /// Ids in use.
    pub taken: IndexSet<String>,
}

impl Ids {
    /// `base`, or `base-2`, `base-3` … when taken; records the id.
    pub fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "item" } else { base };
        let mut id = base.to_string();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// A lower-case id from a name: letters and digits, words joined by `-`, at most 48 characters.
pub fn slug(text: &str) -> String {
    let folded = normalise(text);
    let mut id = String::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if id.len() + word.len() > 48 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(word);
    }
    id
}

/// The document's title: the first of its first five lines that has four to 30 words (web
/// pages start with a site section such as "Media Center"), else its first line, else the file
/// name.
fn title(text: &str, stem: &str) -> String {
    let first: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
        .collect();
    first
        .iter()
        .find(|l| (4..=30).contains(&l.split_whitespace().count()))
        .or(first.first())
        .map(|l| normalize_whitespace(l.trim_start_matches('#')))
        .unwrap_or_else(|| stem.to_string())
}

/// The document's date: the first date in its first 15 lines ("20 May 2023", "December 29,
/// 2009", "2023-05-20"), else one in the file name.
fn date(text: &str, stem: &str) -> Option<Date> {
    text.lines()
        .take(15)
        .find_map(date_in)
        .or_else(|| date_in(stem))
}

fn date_in(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(month) = crate::model::dates::MONTHS.iter().position(|m| m == word) {
            let number = |w: Option<&&str>| w.and_then(|w| w.parse::<u32>().ok());
            let (day, year) = match (
                number(words.get(i.wrapping_sub(1))),
                number(words.get(i + 1)),
                number(words.get(i + 2)),
            ) {
                (Some(d), Some(y), _) if d <= 31 && y > 1900 => (d, y),
                (_, Some(d), Some(y)) if d <= 31 && y > 1900 => (d, y),
                _ => continue,
            };
            if let Some(date) = Date::parse(&format!("{year:04}-{:02}-{day:02}", month + 1)) {
                return Some(date);
            }
        }
    }
    // ISO dates, also inside file names ("quad-2021-09-24-leaders").
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        (before_ok && after_ok)
            .then(|| Date::parse(candidate))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_the_text_or_the_file_name() {
        assert_eq!(
            date("Title\n\n20 May 2023, Hiroshima\n", "x")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-05-20")
        );
        assert_eq!(
            date("Plan\nDecember 29, 2009\n", "x")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2009-12-29")
        );
        assert_eq!(
            date("Title\n", "quad-2021-09-24-leaders")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2021-09-24")
        );
        assert_eq!(date("Title\n", "plan"), None);
    }

    #[test]
    fn slugs_are_short_and_plain() {
        assert_eq!(
            slug("Quad Vaccine Experts Group"),
            "quad-vaccine-experts-group"
        );
        assert_eq!(
            slug("Ministry of Land, Infrastructure, Transport & Tourism"),
            "ministry-of-land-infrastructure-transport-tourism"
        );
    }
}
