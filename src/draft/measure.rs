//! How close a draft comes to a curated dataset of the same document.
//!
//! Matching, precisely:
//! - **Mechanisms** pair by the ref their first citation gives (the item of the document). Where
//!   several curated and drafted mechanisms share a ref, they pair one to one, the pair with the
//!   most words in common between their quotes first (ties: dataset order). A curated mechanism
//!   is *found* when it is paired; a drafted one is *right* when it is paired.
//! - **Bodies** match when they are in the same group and share a folded name: id, name, short
//!   name or alias of the one equal to one of the other's (case, accents, punctuation ignored).
//! - **Participant sets**: over all paired mechanisms, a drafted participant is a true positive
//!   when it matches a curated participant of the paired mechanism; precision, recall and F1 are
//!   computed over all of them together (micro-averaged).
//! - **Bodies that take part**: curated bodies that take part in at least one mechanism, found
//!   when some drafted body matches them.

use crate::model::Dataset;
use crate::query::resolve::normalise;
use indexmap::{IndexMap, IndexSet};
use serde::Serialize;

/// The figures of one comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Curated mechanisms.
    pub curated_mechanisms: usize,
    /// Drafted mechanisms.
    pub drafted_mechanisms: usize,
    /// Curated mechanisms paired with a drafted one of the same ref.
    pub mechanisms_found: usize,
    /// Participant-set precision over the pairs.
    pub participant_precision: f64,
    /// Participant-set recall over the pairs.
    pub participant_recall: f64,
    /// Participant-set F1 over the pairs.
    pub participant_f1: f64,
    /// Curated bodies that take part in a mechanism.
    pub participating_bodies: usize,
    /// Of those, how many the draft has.
    pub participating_bodies_found: usize,
    /// Curated mechanisms whose ref no drafted mechanism has: `(id, ref)`.
    pub missed: Vec<(String, String)>,
}

impl Figures {
    /// Share of curated mechanisms found with the right ref.
    pub fn mechanisms_found_share(&self) -> f64 {
        share(self.mechanisms_found, self.curated_mechanisms)
    }

    /// Share of drafted mechanisms that pair with a curated one.
    pub fn precision(&self) -> f64 {
        share(self.mechanisms_found, self.drafted_mechanisms)
    }

    /// Share of participating curated bodies found.
    pub fn bodies_found_share(&self) -> f64 {
        share(self.participating_bodies_found, self.participating_bodies)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Compares `drafted` with `curated` (both of the same document).
pub fn compare(drafted: &Dataset, curated: &Dataset) -> Figures {
    let matches = body_matches(drafted, curated);
    let (pairs, missed) = pair_mechanisms(drafted, curated);
    let (precision, recall, f1) = participant_scores(drafted, curated, &matches, &pairs);
    let participating: IndexSet<&str> = curated
        .mechanisms
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.body.as_str()))
        .collect();
    let drafted_match: IndexSet<&str> = matches.values().flatten().copied().collect();
    Figures {
        curated_mechanisms: curated.mechanisms.len(),
        drafted_mechanisms: drafted.mechanisms.len(),
        mechanisms_found: pairs.len(),
        participant_precision: precision,
        participant_recall: recall,
        participant_f1: f1,
        participating_bodies: participating.len(),
        participating_bodies_found: participating
            .iter()
            .filter(|b| drafted_match.contains(*b))
            .count(),
        missed,
    }
}

/// Drafted body id → the curated body ids it matches.
fn body_matches<'a>(
    drafted: &'a Dataset,
    curated: &'a Dataset,
) -> IndexMap<&'a str, IndexSet<&'a str>> {
    let curated_keys: Vec<(&str, &str, IndexSet<String>)> = curated
        .bodies
        .iter()
        .map(|b| {
            (
                b.id.as_str(),
                b.group.as_str(),
                names(&b.id, &b.name, &b.short, &b.aliases),
            )
        })
        .collect();
    drafted
        .bodies
        .iter()
        .map(|b| {
            let keys = names(&b.id, &b.name, &b.short, &b.aliases);
            let found: IndexSet<&str> = curated_keys
                .iter()
                .filter(|(_, group, other)| *group == b.group && !keys.is_disjoint(other))
                .map(|(id, _, _)| *id)
                .collect();
            (b.id.as_str(), found)
        })
        .collect()
}

/// Curated and drafted mechanisms paired one to one within each ref (indices), and the
/// curated ones left unpaired as `(id, ref)`.
#[allow(clippy::type_complexity)]
fn pair_mechanisms(
    drafted: &Dataset,
    curated: &Dataset,
) -> (Vec<(usize, usize)>, Vec<(String, String)>) {
    let mut by_ref: IndexMap<String, (Vec<usize>, Vec<usize>)> = IndexMap::new();
    for (i, m) in curated.mechanisms.iter().enumerate() {
        if let Some(s) = m.source() {
            by_ref.entry(s.reference.clone()).or_default().0.push(i);
        }
    }
    for (i, m) in drafted.mechanisms.iter().enumerate() {
        if let Some(s) = m.source() {
            by_ref.entry(s.reference.clone()).or_default().1.push(i);
        }
    }
    let mut pairs = Vec::new();
    let mut missed = Vec::new();
    for (reference, (cur, dra)) in &by_ref {
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for &c in cur {
            for &d in dra {
                let overlap = words(quote(curated, c))
                    .intersection(&words(quote(drafted, d)))
                    .count();
                candidates.push((overlap, c, d));
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (mut used_c, mut used_d) = (IndexSet::new(), IndexSet::new());
        for (_, c, d) in candidates {
            if !used_c.contains(&c) && !used_d.contains(&d) {
                used_c.insert(c);
                used_d.insert(d);
                pairs.push((c, d));
            }
        }
        for &c in cur {
            if !used_c.contains(&c) {
                missed.push((curated.mechanisms[c].id.clone(), reference.clone()));
            }
        }
    }
    (pairs, missed)
}

/// Micro-averaged participant precision, recall and F1 over the paired mechanisms.
fn participant_scores(
    drafted: &Dataset,
    curated: &Dataset,
    matches: &IndexMap<&str, IndexSet<&str>>,
    pairs: &[(usize, usize)],
) -> (f64, f64, f64) {
    let (mut tp, mut drafted_n, mut curated_n) = (0usize, 0usize, 0usize);
    for &(c, d) in pairs {
        let truth: IndexSet<&str> = curated.mechanisms[c]
            .participants
            .iter()
            .map(|p| p.body.as_str())
            .collect();
        let mut hit: IndexSet<&str> = IndexSet::new();
        for p in &drafted.mechanisms[d].participants {
            drafted_n += 1;
            if let Some(found) = matches.get(p.body.as_str()) {
                if let Some(t) = found
                    .iter()
                    .find(|t| truth.contains(*t) && !hit.contains(*t))
                {
                    hit.insert(t);
                    tp += 1;
                }
            }
        }
        curated_n += truth.len();
    }
    let precision = share(tp, drafted_n);
    let recall = share(tp, curated_n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

fn names(id: &str, name: &str, short: &Option<String>, aliases: &[String]) -> IndexSet<String> {
    std::iter::once(id)
        .chain(std::iter::once(name))
        .chain(short.as_deref())
        .chain(aliases.iter().map(String::as_str))
        .map(normalise)
        .filter(|n| !n.is_empty())
        .collect()
}

fn quote(dataset: &Dataset, index: usize) -> &str {
    dataset.mechanisms[index]
        .source()
        .map_or("", |s| s.quote.as_str())
}

fn words(text: &str) -> IndexSet<String> {
    normalise(text).split(' ').map(str::to_string).collect()
}
