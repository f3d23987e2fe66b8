//! Views of a dataset in time: what had appeared by a date (`--as-of`), what one document names
//! (`--only-source`). Built on [`super::timeline`], so every command, `diff`, the report and the
//! exports date elements the same way.

use super::dates::Date;
use super::timeline::{documents, source_dates};
use super::{Area, Dataset, Mechanism, SourceRef};
use crate::error::{Error, Result};
use std::collections::{BTreeSet, HashSet};

/// Which part of a dataset to keep; the default keeps all of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Keep what had appeared by the end of this date's period (`2022` means by 2022-12-31).
    pub as_of: Option<Date>,
    /// Keep what this source names.
    pub only_source: Option<String>,
}

impl View {
    /// True when the view keeps the whole dataset.
    pub fn is_whole(&self) -> bool {
        self.as_of.is_none() && self.only_source.is_none()
    }

    /// The view of one source.
    pub fn of_source(id: &str) -> View {
        View {
            as_of: None,
            only_source: Some(id.to_string()),
        }
    }
}

impl std::fmt::Display for View {
    /// The view as the flags that ask for it ("as of 2022, only source X").
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if let Some(date) = self.as_of {
            parts.push(format!("as of {date}"));
        }
        if let Some(id) = &self.only_source {
            parts.push(format!("only source {id}"));
        }
        if parts.is_empty() {
            parts.push("the whole dataset".to_string());
        }
        f.write_str(&parts.join(", "))
    }
}

/// The part of `dataset` that `view` keeps: the sources it allows, every mechanism citing one
/// of them, the bodies and forums appearing in them (with the parents they sit under, so the
/// hierarchy stays whole), each element citing only the kept sources. Fails on an unknown
/// source id, or on `as_of` when no source of the dataset has a date.
pub fn apply(dataset: &Dataset, view: &View) -> Result<Dataset> {
    if view.is_whole() {
        return Ok(dataset.clone());
    }
    let kept_sources = kept_sources(dataset, view)?;
    let documents = documents(dataset);
    let appears = |id: &str| {
        documents
            .get(id)
            .is_some_and(|docs| docs.iter().any(|d| kept_sources.contains(d.as_str())))
    };
    let bodies = appearing_with_ancestors(
        dataset
            .bodies
            .iter()
            .map(|b| (b.id.as_str(), b.parent.as_deref())),
        &appears,
    );
    let forums = appearing_with_ancestors(
        dataset
            .forums
            .iter()
            .map(|f| (f.id.as_str(), f.parent.as_deref())),
        &appears,
    );
    let cited = |citations: &[SourceRef]| -> Vec<SourceRef> {
        citations
            .iter()
            .filter(|c| kept_sources.contains(c.doc.as_str()))
            .cloned()
            .collect()
    };
    let mut kept = Dataset {
        sources: dataset
            .sources
            .iter()
            .filter(|s| kept_sources.contains(s.id.as_str()))
            .cloned()
            .collect(),
        bodies: Vec::new(),
        forums: Vec::new(),
        mechanisms: Vec::new(),
        areas: Vec::new(),
        ..dataset.clone()
    };
    for body in dataset
        .bodies
        .iter()
        .filter(|b| bodies.contains(b.id.as_str()))
    {
        let mut body = body.clone();
        body.sources = cited(&body.sources);
        kept.bodies.push(body);
    }
    let body_ids: HashSet<&str> = dataset.bodies.iter().map(|b| b.id.as_str()).collect();
    for forum in dataset
        .forums
        .iter()
        .filter(|f| forums.contains(f.id.as_str()))
    {
        let mut forum = forum.clone();
        forum.sources = cited(&forum.sources);
        // Members may be groups, which stay; a body member stays while the body does.
        forum
            .members
            .retain(|m| !body_ids.contains(m.as_str()) || bodies.contains(m.as_str()));
        kept.forums.push(forum);
    }
    for mechanism in dataset.mechanisms.iter().filter(|m| appears(&m.id)) {
        let mut mechanism = mechanism.clone();
        mechanism.sources = cited(&mechanism.sources);
        kept.mechanisms.push(mechanism);
    }
    kept.areas = kept_areas(dataset, &kept.mechanisms, &kept_sources);
    Ok(kept)
}

/// The elements that appear in a kept source, with the parents they sit under (`items`: each
/// id and its parent).
fn appearing_with_ancestors<'a>(
    items: impl Iterator<Item = (&'a str, Option<&'a str>)> + Clone,
    appears: &dyn Fn(&str) -> bool,
) -> HashSet<&'a str> {
    let mut kept: HashSet<&str> = items
        .clone()
        .filter(|(id, _)| appears(id))
        .map(|(id, _)| id)
        .collect();
    add_ancestors(&mut kept, items);
    kept
}

/// The areas of the kept `mechanisms`.
fn kept_areas(
    dataset: &Dataset,
    mechanisms: &[Mechanism],
    kept_sources: &HashSet<&str>,
) -> Vec<Area> {
    let areas: HashSet<&str> = mechanisms
        .iter()
        .filter_map(|m| m.area.as_deref())
        .collect();
    // An area keeps its heading's name; the heading's place is dropped with its source (a
    // mechanism first cited in 2021 may sit under a heading of the 2023 statement).
    dataset
        .areas
        .iter()
        .filter(|a| areas.contains(a.id.as_str()))
        .map(|area| {
            let mut area = area.clone();
            if !area
                .source
                .as_deref()
                .is_some_and(|s| kept_sources.contains(s))
            {
                area.source = None;
                area.section = None;
            }
            area
        })
        .collect()
}

/// When each element is present, source by source: the dates of the dated sources whose
/// `--only-source` view holds it (so a parent is present wherever a body under it is, as
/// `--as-of` keeps it). The dates, in time order, are the steps of the dataset's timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    /// The distinct source dates, earliest first.
    pub steps: Vec<Date>,
    /// Body, forum and mechanism id → the step dates it is present at.
    pub of: std::collections::HashMap<String, BTreeSet<Date>>,
}

impl Presence {
    /// Presence in `dataset`; its sources without a valid date are left out.
    pub fn of(dataset: &Dataset) -> Presence {
        let mut presence = Presence::default();
        for (id, date) in source_dates(dataset) {
            // The id exists, so the view cannot fail.
            let Ok(kept) = apply(dataset, &View::of_source(id)) else {
                continue;
            };
            let ids = kept
                .bodies
                .iter()
                .map(|b| &b.id)
                .chain(kept.forums.iter().map(|f| &f.id))
                .chain(kept.mechanisms.iter().map(|m| &m.id));
            for element in ids {
                presence.of.entry(element.clone()).or_default().insert(date);
            }
            presence.steps.push(date);
        }
        presence.steps.sort();
        presence.steps.dedup();
        presence
    }

    /// True when the dataset is a series in time: more than one distinct source date.
    pub fn is_series(&self) -> bool {
        self.steps.len() > 1
    }

    /// The dates `id` is present at (none for an unknown id).
    pub fn dates(&self, id: &str) -> BTreeSet<Date> {
        self.of.get(id).cloned().unwrap_or_default()
    }

    /// The spells of a set of step dates: each run of consecutive steps, from its first step's
    /// date to the day before the next step (the one it is absent from), or to the last step's
    /// date when it lasts to the end. Gephi's timeline shows an element during its spells.
    pub fn spells(&self, dates: &BTreeSet<Date>) -> Vec<(Date, Date)> {
        let mut spells = Vec::new();
        let mut start: Option<Date> = None;
        for (i, step) in self.steps.iter().enumerate() {
            match (dates.contains(step), start) {
                (true, None) => start = Some(*step),
                (false, Some(from)) => {
                    spells.push((from, step.day_before().max(from)));
                    start = None;
                }
                _ => {}
            }
            if i + 1 == self.steps.len() {
                if let Some(from) = start {
                    spells.push((from, *step));
                }
            }
        }
        spells
    }
}

/// The ids of the sources `view` allows.
fn kept_sources<'a>(dataset: &'a Dataset, view: &View) -> Result<HashSet<&'a str>> {
    let mut kept: HashSet<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
    if let Some(only) = &view.only_source {
        if !kept.contains(only.as_str()) {
            let ids: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::Input(format!(
                "--only-source '{only}': the dataset has no such source{}; expected one of: {}",
                crate::suggest::did_you_mean(&crate::suggest::closest(only, ids.iter().copied())),
                ids.join(", ")
            )));
        }
        kept.retain(|id| id == only);
    }
    if let Some(as_of) = view.as_of {
        let dates = source_dates(dataset);
        if dates.is_empty() {
            return Err(Error::Input(format!(
                "--as-of {as_of}: no source of this dataset has a date; expected sources with a `date` (YYYY-MM-DD)"
            )));
        }
        let cut = as_of.end_of_period();
        kept.retain(|id| dates.get(id).is_some_and(|date| *date <= cut));
    }
    Ok(kept)
}

/// Adds to `kept` every parent above the ids it holds (`parents`: id → parent).
fn add_ancestors<'a>(
    kept: &mut HashSet<&'a str>,
    parents: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) {
    let parent_of: std::collections::HashMap<&str, &str> = parents
        .filter_map(|(id, parent)| Some((id, parent?)))
        .collect();
    let start: Vec<&str> = kept.iter().copied().collect();
    for id in start {
        let mut at = id;
        // Bounded by the number of parents, so a cycle (refused by validate) cannot loop.
        for _ in 0..parent_of.len() {
            match parent_of.get(at) {
                Some(parent) if kept.insert(parent) => at = parent,
                _ => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const QUAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/quad-2021-2023.json");
    const S2021: &str = "quad-2021-09-24-leaders-joint-statement";
    const S2023: &str = "quad-2023-05-20-leaders-joint-statement";

    fn quad() -> Dataset {
        crate::ingest::json::read(Path::new(QUAD)).expect("the Quad dataset")
    }

    fn still_valid(dataset: &Dataset) {
        let base = crate::ingest::json::base_dir(Path::new(QUAD));
        let report = crate::model::validate::validate(dataset, &base);
        assert!(!report.fails(false), "{:?}", report.problems);
    }

    #[test]
    fn as_of_keeps_what_had_appeared_by_the_end_of_the_period() {
        let dataset = quad();
        let view = |date: &str| View {
            as_of: Date::parse(date),
            only_source: None,
        };
        let by_2021 = apply(&dataset, &view("2021")).expect("view");
        still_valid(&by_2021);
        assert_eq!(by_2021.sources.len(), 1);
        let expected: Vec<&str> = dataset
            .mechanisms
            .iter()
            .filter(|m| m.sources.iter().any(|c| c.doc == S2021))
            .map(|m| m.id.as_str())
            .collect();
        let got: Vec<&str> = by_2021.mechanisms.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(got, expected);
        assert_eq!(got.len(), 9, "4 + 4 + 1 mechanisms cite the 2021 statement");
        assert!(
            by_2021.citations().all(|c| c.doc == S2021),
            "only the 2021 clauses are cited"
        );
        // The day before the 2022 statement, and the day of it.
        assert_eq!(
            apply(&dataset, &view("2022-05-23"))
                .expect("view")
                .sources
                .len(),
            1
        );
        assert_eq!(
            apply(&dataset, &view("2022-05"))
                .expect("view")
                .sources
                .len(),
            2
        );
        assert_eq!(apply(&dataset, &view("2023")).expect("view"), dataset);
        assert!(apply(&dataset, &view("2020"))
            .expect("view")
            .mechanisms
            .is_empty());
    }

    #[test]
    fn only_source_keeps_what_one_document_names_with_the_parents_above() {
        let dataset = quad();
        let only = apply(&dataset, &View::of_source(S2023)).expect("view");
        still_valid(&only);
        assert_eq!(
            only.mechanisms.len(),
            20,
            "11 + 4 + 4 + 1 mechanisms cite 2023"
        );
        for body in &only.bodies {
            if let Some(parent) = &body.parent {
                assert!(only.bodies.iter().any(|b| &b.id == parent), "{parent}");
            }
        }
    }

    #[test]
    fn presence_runs_source_by_source_and_gives_spells() {
        let dataset = quad();
        let presence = Presence::of(&dataset);
        let steps: Vec<String> = presence.steps.iter().map(Date::to_string).collect();
        assert_eq!(steps, ["2021-09-24", "2022-05-24", "2023-05-20"]);
        assert!(presence.is_series());
        let spells = |id: &str| -> Vec<(String, String)> {
            presence
                .spells(&presence.dates(id))
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        // Named in 2021 only: from the 2021 statement to the day before the 2022 one.
        assert_eq!(
            spells("quad-vaccine-experts-group"),
            [s("2021-09-24", "2022-05-23")]
        );
        // Named in 2023 only: the last step.
        assert_eq!(
            spells("quad-investors-network"),
            [s("2023-05-20", "2023-05-20")]
        );
        // A government takes part in all three.
        assert_eq!(
            spells("government-of-japan"),
            [s("2021-09-24", "2023-05-20")]
        );
        // Absent in the middle: two spells.
        let gap: BTreeSet<Date> = [presence.steps[0], presence.steps[2]].into();
        assert_eq!(presence.spells(&gap).len(), 2);
    }

    #[test]
    fn unknown_source_and_undated_dataset_are_input_errors() {
        let dataset = quad();
        let error = apply(
            &dataset,
            &View::of_source("quad-2023-05-20-leaders-joint-statment"),
        )
        .expect_err("unknown");
        let text = error.to_string();
        assert!(text.contains("did you mean"), "{text}");
        assert!(text.contains(S2023), "{text}");
        let mut undated = dataset;
        for source in &mut undated.sources {
            source.date = None;
        }
        let view = View {
            as_of: Date::parse("2022"),
            only_source: None,
        };
        assert!(apply(&undated, &view)
            .expect_err("undated")
            .to_string()
            .contains("no source of this dataset has a date"));
    }
}
