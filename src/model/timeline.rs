//! When each element appears: the dated sources that cite it, from the first to the last.
//!
//! A mechanism appears in the sources its citations name. A body or forum appears in the sources
//! that cite it directly and in those of the mechanisms it takes part in (a body) or that run
//! through it (a forum): a document that names a dialogue between two ministries is where those
//! ministries appear, even when the dataset cites no clause for the ministries themselves.
//! Sources without a valid date are left out (`validate` warns about them).

use super::dates::Date;
use super::{Dataset, SourceRef};
use indexmap::{IndexMap, IndexSet};
use serde::Serialize;

/// The dated sources an element appears in, earliest first (ties broken by source id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Appearance {
    /// `(date, source id)` pairs, sorted.
    pub sources: Vec<(Date, String)>,
}

impl Appearance {
    /// The first appearance, if any dated source names the element.
    pub fn first(&self) -> Option<&(Date, String)> {
        self.sources.first()
    }

    /// The last appearance.
    pub fn last(&self) -> Option<&(Date, String)> {
        self.sources.last()
    }

    /// True when the element had appeared by `date` (its first appearance is not later).
    pub fn by(&self, date: Date) -> bool {
        self.first().is_some_and(|(first, _)| *first <= date)
    }
}

/// Every body, forum and mechanism id with the documents it appears in (dated or not), in
/// dataset order (bodies, forums, mechanisms): its own citations, and for a body or forum those of
/// the mechanisms it takes part in or that run through it.
pub fn documents(dataset: &Dataset) -> IndexMap<String, IndexSet<String>> {
    let docs = |citations: &'_ [SourceRef]| -> IndexSet<String> {
        citations.iter().map(|c| c.doc.clone()).collect()
    };
    let mut by_element: IndexMap<String, IndexSet<String>> = IndexMap::new();
    for body in &dataset.bodies {
        by_element.insert(body.id.clone(), docs(&body.sources));
    }
    for forum in &dataset.forums {
        by_element.insert(forum.id.clone(), docs(&forum.sources));
    }
    for mechanism in &dataset.mechanisms {
        let own = docs(&mechanism.sources);
        for id in mechanism
            .participants
            .iter()
            .map(|p| &p.body)
            .chain(&mechanism.via)
        {
            if let Some(set) = by_element.get_mut(id) {
                set.extend(own.iter().cloned());
            }
        }
        by_element.insert(mechanism.id.clone(), own);
    }
    by_element
}

/// The dated sources of `dataset`, by id (sources without a valid date are left out).
pub fn source_dates(dataset: &Dataset) -> IndexMap<&str, Date> {
    dataset
        .sources
        .iter()
        .filter_map(|s| Some((s.id.as_str(), Date::parse(s.date.as_deref()?)?)))
        .collect()
}

/// The dated sources in time order (ties broken by id): the steps of the dataset's timeline.
pub fn dated_sources(dataset: &Dataset) -> Vec<(Date, String)> {
    let mut steps: Vec<(Date, String)> = source_dates(dataset)
        .into_iter()
        .map(|(id, date)| (date, id.to_string()))
        .collect();
    steps.sort();
    steps
}

/// Every body, forum and mechanism id with its appearance, in dataset order (bodies, forums,
/// mechanisms). Elements no dated source names get an empty appearance.
pub fn appearances(dataset: &Dataset) -> IndexMap<String, Appearance> {
    let dates = source_dates(dataset);
    documents(dataset)
        .into_iter()
        .map(|(id, docs)| {
            let mut sources: Vec<(Date, String)> = docs
                .into_iter()
                .filter_map(|doc| Some((*dates.get(doc.as_str())?, doc)))
                .collect();
            sources.sort();
            (id, Appearance { sources })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, Mechanism, Participant, Source};

    fn source(id: &str, date: Option<&str>) -> Source {
        Source {
            id: id.into(),
            title: id.into(),
            date: date.map(Into::into),
            file: None,
            url: None,
        }
    }

    fn cite(doc: &str) -> SourceRef {
        SourceRef {
            doc: doc.into(),
            reference: "1".into(),
            quote: "q".into(),
        }
    }

    #[test]
    fn first_and_last_come_from_the_dated_citations_and_reach_participants() {
        let mut dataset = Dataset::empty();
        dataset.sources = vec![
            source("s2023", Some("2023-05-20")),
            source("s2021", Some("2021-09-24")),
            source("undated", None),
        ];
        dataset.bodies = vec![
            Body {
                id: "a".into(),
                sources: vec![cite("s2023")],
                ..Body::default()
            },
            Body {
                id: "b".into(),
                ..Body::default()
            },
        ];
        dataset.mechanisms = vec![Mechanism {
            id: "m".into(),
            participants: vec![Participant {
                body: "b".into(),
                role: Default::default(),
            }],
            sources: vec![cite("s2023"), cite("s2021"), cite("undated")],
            ..Mechanism::default()
        }];
        let found = appearances(&dataset);
        let m = &found["m"];
        assert_eq!(m.first().map(|f| f.1.as_str()), Some("s2021"));
        assert_eq!(m.last().map(|f| f.1.as_str()), Some("s2023"));
        assert_eq!(m.sources.len(), 2, "the undated source is left out");
        assert_eq!(
            found["b"], found["m"],
            "a participant appears where its mechanism does"
        );
        assert_eq!(found["a"].sources.len(), 1);
        let cut = Date::parse("2022").expect("date");
        assert!(m.by(cut) && !found["a"].by(cut));
    }
}
