//! `draft`: a cooperation document (text, Markdown, HTML or PDF) to a draft dataset whose every
//! element is marked `"status": "draft"` with a note saying which rule proposed it, and whose
//! every mechanism cites the verbatim sentence that states it.
//!
//! The steps: read the text ([`read`]); read its outline (the same reader `validate` uses for
//! ref checks, [`crate::model::outline`]); find the parties (`--group`, else the countries the
//! title and opening name); for each item, propose mechanisms ([`extract`]): named channels,
//! list items naming a channel, channels the text creates, officials who meet; find the bodies
//! each sentence names through the gazetteer ([`gazetteer`]), office titles, acronym definitions
//! and organisation-like phrases; link the forums named beside them. Deterministic: the same
//! input gives the same bytes.

pub mod assemble;
pub mod channels;
pub mod dedupe;
pub mod extract;
pub mod gazetteer;
pub mod measure;
pub mod mentions;
pub mod merge;
pub mod names;
pub mod orgs;
pub mod parties;
pub mod read;
pub mod review;
pub mod score;
pub mod sentences;
pub mod units;
pub mod verbal;

use crate::error::Result;
use crate::model::dates::Date;
use crate::model::document::{normalize_whitespace, SourceText};
use crate::model::{Dataset, Source, SourceRef};
use crate::query::resolve::normalise;
use extract::{BodySpec, Extractor, Proposal};
use gazetteer::Gazetteer;
use indexmap::IndexSet;
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
    let (kind, mut text) = read::read_document(path)?;
    // An HTML page's <title> often is the only place that names the parties ("Japan and
    // India"), and the text reader drops it: it becomes the text's first line.
    if kind == read::DocumentKind::Html {
        // Read again under the same input rule (a regular file, within the size cap).
        let raw = crate::fsio::read_input(path, "document").ok();
        if let Some(title) = raw.and_then(|raw| html_title(&raw)) {
            if !text.trim_start().starts_with(&title) {
                text = format!("{title}\n\n{text}");
            }
        }
    }
    let gazetteer = Gazetteer::load(&options.gazetteers)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    draft_text(&text, &stem, &gazetteer, options)
}

/// The text of an HTML page's `<title>` element, whitespace folded and the common entities
/// decoded; `None` when it has none or it is empty.
fn html_title(raw: &[u8]) -> Option<String> {
    let page = String::from_utf8_lossy(raw);
    let lower = page.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = normalize_whitespace(&page[start..end])
        .replace("&amp;", "&")
        .replace("&ndash;", "–")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&quot;", "\"");
    let title = title.trim().to_string();
    (!title.is_empty() && !title.contains('<')).then_some(title)
}

/// Drafts a dataset from `text` (named `stem` for ids and the source file), stage by stage:
/// read → sentences (the outline's units) → mentions → parties → mechanisms and their
/// participants → the bodies acting anywhere → merge and de-duplicate → score → dataset.
pub fn draft_text(
    text: &str,
    stem: &str,
    gazetteer: &Gazetteer,
    options: &Options,
) -> Result<Drafted> {
    let source_id = slug(stem);
    let source = SourceText::new(text);
    let matcher = Matcher::new(gazetteer);
    let units = units::units(source.items());
    let document_title = title(text, stem);
    let document_date = date(text, stem);
    let parties = parties::find(
        source.text(),
        &title_region(&source, &document_title),
        gazetteer,
        &matcher,
        &options.groups,
        document_date,
    )?;
    let opening: String = source.text().chars().take(600).collect();
    let extractor = Extractor::new(gazetteer, &matcher, &parties.groups).with_own_forums(&opening);
    let proposals = dedupe::mechanisms(mechanisms(&extractor, &units, source.text()));
    let actors = actors(&extractor, &units, source.text(), &source_id);
    let mut dataset = assemble::Assembly::new(gazetteer, &source_id, &parties.groups)
        .build(&source, proposals, actors);
    dataset.title = Some(format!("Draft: {document_title}"));
    dataset.description = Some(format!(
        "Drafted by `coopgraph draft` from {stem} (parties: {}); every element is a proposal to review (`coopgraph review`).",
        parties.how
    ));
    dataset.sources.insert(
        0,
        Source {
            id: source_id.clone(),
            title: document_title,
            date: document_date.map(|d| d.to_string()),
            file: Some(format!("sources/{source_id}.txt")),
            url: None,
        },
    );
    Ok(Drafted {
        dataset,
        text: text.to_string(),
        source_id,
    })
}

/// The title and whatever comes before the outline's first item (≤ 400 bytes): where the
/// parties are named first.
fn title_region(source: &SourceText, title: &str) -> String {
    let mut end = source.items().first().map_or(0, |i| i.start).min(400);
    while !source.text().is_char_boundary(end) {
        end -= 1;
    }
    format!("{title}\n{}", &source.text()[..end])
}

/// Stage: the mechanisms each unit states, with the unit's area.
fn mechanisms(
    extractor: &Extractor,
    units: &[units::Unit],
    normalized: &str,
) -> Vec<(Option<usize>, Proposal)> {
    let mut proposals = Vec::new();
    for unit in units {
        let text = &normalized[unit.start..unit.end];
        for proposal in extractor.item(text, &unit.reference, unit.list) {
            proposals.push((unit.area, proposal));
        }
    }
    proposals
}

/// Stage: every body the text names, with the first sentence that names it (the bodies that
/// act in the text, whether or not a mechanism holds them).
fn actors(
    extractor: &Extractor,
    units: &[units::Unit],
    normalized: &str,
    source_id: &str,
) -> Vec<(BodySpec, SourceRef)> {
    let mut out: Vec<(BodySpec, SourceRef)> = Vec::new();
    let mut seen: IndexSet<(String, String)> = IndexSet::new();
    for unit in units {
        let body = extract::strip_marker(&normalized[unit.start..unit.end]);
        for (start, end) in sentences::sentences(body) {
            let sentence = &body[start..end];
            for spec in extractor.actors(sentence) {
                if seen.insert((spec.group.clone(), normalise(&spec.name))) {
                    let citation = SourceRef {
                        doc: source_id.to_string(),
                        reference: unit.reference.clone(),
                        quote: sentence.to_string(),
                    };
                    out.push((spec, citation));
                }
            }
        }
    }
    out
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
    fn html_titles_are_read() {
        assert_eq!(
            html_title(b"<html><head><TITLE> Japan &amp; India\n Statement</TITLE></head>")
                .as_deref(),
            Some("Japan & India Statement")
        );
        assert_eq!(html_title(b"<html><title></title></html>"), None);
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
