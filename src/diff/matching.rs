//! Which element of one dataset is which element of the other: by id, then by name or alias.
//!
//! Names are compared through [`crate::query::resolve::normalise`], the folding `path` and `ego`
//! use (case, accents, punctuation, spacing), so "Ministry of Défence" and "ministry of defence"
//! are one body. A name match is one-to-one: each element of either side is matched at most once,
//! the first candidate in dataset order winning, so the result is deterministic.

use crate::model::Dataset;
use crate::query::resolve::normalise;
use std::collections::{HashMap, HashSet};

/// The kind of a dataset element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ElementKind {
    /// A body (ministry, agency …).
    Body,
    /// A forum.
    Forum,
    /// A mechanism.
    Mechanism,
}

impl ElementKind {
    /// The kind's name in tables and files.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Body => "body",
            ElementKind::Forum => "forum",
            ElementKind::Mechanism => "mechanism",
        }
    }
}

/// One element's identity for matching: kind, id, and every name it answers to (normalised).
struct Named {
    kind: ElementKind,
    id: String,
    names: HashSet<String>,
}

/// Every body, forum and mechanism of `dataset` with its normalised names, in dataset order.
fn named(dataset: &Dataset) -> Vec<Named> {
    let names = |all: Vec<&String>| -> HashSet<String> {
        all.into_iter()
            .map(|n| normalise(n))
            .filter(|n| !n.is_empty())
            .collect()
    };
    let bodies = dataset.bodies.iter().map(|b| Named {
        kind: ElementKind::Body,
        id: b.id.clone(),
        names: names(
            std::iter::once(&b.name)
                .chain(&b.short)
                .chain(&b.aliases)
                .collect(),
        ),
    });
    let forums = dataset.forums.iter().map(|f| Named {
        kind: ElementKind::Forum,
        id: f.id.clone(),
        names: names(
            std::iter::once(&f.name)
                .chain(&f.short)
                .chain(&f.aliases)
                .collect(),
        ),
    });
    let mechanisms = dataset.mechanisms.iter().map(|m| Named {
        kind: ElementKind::Mechanism,
        id: m.id.clone(),
        names: names(vec![&m.name]),
    });
    bodies.chain(forums).chain(mechanisms).collect()
}

/// The pairing of two datasets' elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// `(kind, id in the first, id in the second)`, in the first dataset's order.
    pub pairs: Vec<(ElementKind, String, String)>,
    /// Second dataset's id → first dataset's id, for every matched element.
    to_first: HashMap<String, String>,
    /// The first dataset's ids of every matched element.
    matched_first: HashSet<String>,
}

impl Matching {
    /// The id under which an element of the second dataset is compared: its match's id in the
    /// first dataset, or its own when it has none.
    pub fn canonical<'a>(&'a self, second_id: &'a str) -> &'a str {
        self.to_first
            .get(second_id)
            .map(String::as_str)
            .unwrap_or(second_id)
    }

    /// True when the element of the first dataset with `id` has a match.
    pub fn has_first(&self, id: &str) -> bool {
        self.matched_first.contains(id)
    }

    /// True when the element of the second dataset with `id` has a match.
    pub fn has_second(&self, id: &str) -> bool {
        self.to_first.contains_key(id)
    }
}

/// The second side's elements that may still match by name, by kind and normalised name, each
/// list in dataset order with a cursor past the elements already taken: a name match is then a
/// lookup per name instead of a scan of the whole second side (100,000 elements on each side
/// with a third unmatched took 20 s that way).
struct NameIndex<'a> {
    lists: HashMap<(ElementKind, &'a str), (usize, Vec<usize>)>,
}

impl<'a> NameIndex<'a> {
    /// Indexes `right`, leaving out elements whose kind and id `left_ids` holds: those are
    /// matched by id or not at all.
    fn new(right: &'a [Named], left_ids: &HashSet<(ElementKind, &str)>) -> NameIndex<'a> {
        let mut lists: HashMap<(ElementKind, &str), (usize, Vec<usize>)> = HashMap::new();
        for (i, candidate) in right.iter().enumerate() {
            if left_ids.contains(&(candidate.kind, candidate.id.as_str())) {
                continue;
            }
            for name in &candidate.names {
                lists
                    .entry((candidate.kind, name.as_str()))
                    .or_default()
                    .1
                    .push(i);
            }
        }
        NameIndex { lists }
    }

    /// The first element in dataset order, of `element`'s kind, sharing one of its names and
    /// not yet `taken`. Cursors only move forward: an element once taken stays taken.
    fn first_free(&mut self, element: &'a Named, taken: &HashSet<usize>) -> Option<usize> {
        let mut best: Option<usize> = None;
        for name in &element.names {
            let Some((cursor, list)) = self.lists.get_mut(&(element.kind, name.as_str())) else {
                continue;
            };
            while list.get(*cursor).is_some_and(|i| taken.contains(i)) {
                *cursor += 1;
            }
            if let Some(&i) = list.get(*cursor) {
                best = Some(best.map_or(i, |b| b.min(i)));
            }
        }
        best
    }
}

/// Matches the elements of `first` and `second`: same kind and id first, then same kind and a
/// shared name, short name or alias among those left.
pub fn match_elements(first: &Dataset, second: &Dataset) -> Matching {
    let left = named(first);
    let right = named(second);
    let mut taken: HashSet<usize> = HashSet::new();
    let mut pairs = Vec::new();
    let by_id: HashMap<(ElementKind, &str), usize> = right
        .iter()
        .enumerate()
        .map(|(i, n)| ((n.kind, n.id.as_str()), i))
        .collect();
    let left_ids: HashSet<(ElementKind, &str)> =
        left.iter().map(|n| (n.kind, n.id.as_str())).collect();
    let mut unmatched = Vec::new();
    for element in &left {
        match by_id.get(&(element.kind, element.id.as_str())) {
            Some(&i) => {
                taken.insert(i);
                pairs.push((element.kind, element.id.clone(), right[i].id.clone()));
            }
            None => unmatched.push(element),
        }
    }
    let mut by_name = NameIndex::new(&right, &left_ids);
    for element in unmatched {
        if let Some(i) = by_name.first_free(element, &taken) {
            taken.insert(i);
            pairs.push((element.kind, element.id.clone(), right[i].id.clone()));
        }
    }
    // Keep the first dataset's order whatever the pass that matched.
    let order: HashMap<(ElementKind, &str), usize> = left
        .iter()
        .enumerate()
        .map(|(i, n)| ((n.kind, n.id.as_str()), i))
        .collect();
    pairs.sort_by_key(|(kind, id, _)| order.get(&(*kind, id.as_str())).copied());
    let to_first = pairs
        .iter()
        .map(|(_, first, second)| (second.clone(), first.clone()))
        .collect();
    let matched_first = pairs.iter().map(|(_, first, _)| first.clone()).collect();
    Matching {
        pairs,
        to_first,
        matched_first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Body;

    fn body(id: &str, name: &str, aliases: &[&str]) -> Body {
        Body {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Body::default()
        }
    }

    #[test]
    fn matches_by_id_then_by_a_shared_name_one_to_one() {
        let mut first = Dataset::empty();
        first.bodies = vec![
            body("mofa", "Ministry of Foreign Affairs", &[]),
            body("mod", "Ministry of Défence", &[]),
            body("gone", "Gone Agency", &[]),
        ];
        let mut second = Dataset::empty();
        second.bodies = vec![
            body("mofa", "Foreign Ministry", &[]),
            body("defence", "MINISTRY OF DEFENCE", &[]),
            body("other", "Ministry of defence", &[]),
            body("new", "New Agency", &["Gone agency (old name)"]),
        ];
        let matching = match_elements(&first, &second);
        let pairs: Vec<(&str, &str)> = matching
            .pairs
            .iter()
            .map(|(_, a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(pairs, vec![("mofa", "mofa"), ("mod", "defence")]);
        assert_eq!(matching.canonical("defence"), "mod");
        assert_eq!(matching.canonical("other"), "other");
        assert!(matching.has_first("mod") && !matching.has_first("gone"));
        assert!(matching.has_second("defence") && !matching.has_second("new"));
    }

    /// The name pass as first written: a scan of the whole second side per unmatched element.
    fn scanned(first: &Dataset, second: &Dataset) -> Vec<(String, String)> {
        let (left, right) = (named(first), named(second));
        let left_ids: HashSet<(ElementKind, &str)> =
            left.iter().map(|n| (n.kind, n.id.as_str())).collect();
        let right_ids: HashSet<(ElementKind, &str)> =
            right.iter().map(|n| (n.kind, n.id.as_str())).collect();
        let mut taken: HashSet<usize> = right
            .iter()
            .enumerate()
            .filter(|(_, n)| left_ids.contains(&(n.kind, n.id.as_str())))
            .map(|(i, _)| i)
            .collect();
        let mut pairs: Vec<(String, String)> = left
            .iter()
            .filter(|n| right_ids.contains(&(n.kind, n.id.as_str())))
            .map(|n| (n.id.clone(), n.id.clone()))
            .collect();
        for element in left
            .iter()
            .filter(|n| !right_ids.contains(&(n.kind, n.id.as_str())))
        {
            let found = right.iter().enumerate().find(|(i, c)| {
                !taken.contains(i)
                    && c.kind == element.kind
                    && !left_ids.contains(&(c.kind, c.id.as_str()))
                    && !c.names.is_disjoint(&element.names)
            });
            if let Some((i, c)) = found {
                taken.insert(i);
                pairs.push((element.id.clone(), c.id.clone()));
            }
        }
        pairs.sort();
        pairs
    }

    proptest::proptest! {
        #[test]
        fn the_name_index_matches_as_a_scan_of_the_second_side_would(
            firsts in proptest::collection::vec((0u8..12, 0u8..4, 0u8..4), 0..14),
            seconds in proptest::collection::vec((0u8..12, 0u8..4, 0u8..4), 0..14),
        ) {
            // Few ids and names, so that ids collide, names are shared and candidates are taken.
            let side = |items: &[(u8, u8, u8)]| {
                let mut dataset = Dataset::empty();
                let mut seen = HashSet::new();
                for &(id, name, alias) in items {
                    if seen.insert(id) {
                        let (name, alias) = (format!("Name {name}"), format!("name {alias}!"));
                        dataset.bodies.push(body(&format!("b{id}"), &name, &[&alias]));
                    }
                }
                dataset
            };
            let (first, second) = (side(&firsts), side(&seconds));
            let mut indexed: Vec<(String, String)> = match_elements(&first, &second)
                .pairs
                .into_iter()
                .map(|(_, a, b)| (a, b))
                .collect();
            indexed.sort();
            proptest::prop_assert_eq!(indexed, scanned(&first, &second));
        }
    }
}
