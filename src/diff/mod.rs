//! What changed between two datasets, or between two sources of one dataset: elements added,
//! removed and changed, ties between bodies gained and lost, the biggest moves in centrality and
//! brokerage — each line with the clauses that make the difference. Plain data; `present::diff`
//! writes it out.

pub mod matching;
pub mod moves;

use crate::analysis::centrality::{Sampling, DEFAULT_SEED};
use crate::error::{Error, Result};
use crate::model::view::{apply, View};
use crate::model::{Body, Dataset, Forum, Mechanism, SourceRef};
use matching::{match_elements, ElementKind, Matching};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A cited clause: the source, its date, the section and the verbatim sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Clause {
    /// Source id.
    pub source: String,
    /// The source's date, as the dataset writes it.
    pub date: Option<String>,
    /// Section or item within the source.
    pub reference: String,
    /// The verbatim sentence.
    pub quote: String,
}

/// An element present on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Element {
    /// Body, forum or mechanism.
    pub kind: ElementKind,
    /// Its id (on the side it is on).
    pub id: String,
    /// Its display name.
    pub name: String,
    /// The clauses that name it on that side (for a body or forum cited by no clause of its
    /// own, those of the mechanisms it takes part in or that run through it).
    pub clauses: Vec<Clause>,
}

/// One field's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum FieldChange {
    /// A single value (name, level, frequency …) changed; `None` is absent.
    Value {
        /// The field's name in the dataset schema.
        field: &'static str,
        /// Before.
        before: Option<String>,
        /// After.
        after: Option<String>,
    },
    /// Members of a list (participants, forums, members) came or went, by id.
    Members {
        /// The field's name in the dataset schema.
        field: &'static str,
        /// Ids on the second side only.
        gained: Vec<String>,
        /// Ids on the first side only.
        lost: Vec<String>,
    },
}

/// An element on both sides whose fields differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Body, forum or mechanism.
    pub kind: ElementKind,
    /// Its id on the first side.
    pub id: String,
    /// Its id on the second side (differs when matched by name).
    pub to_id: String,
    /// Its display name on the second side.
    pub name: String,
    /// What differs.
    pub fields: Vec<FieldChange>,
    /// The clauses of both sides (first side first).
    pub clauses: Vec<Clause>,
}

/// A tie between two bodies: they take part in a common mechanism.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    /// The two body ids (on the side the tie is on), ordered by the first side's ids.
    pub bodies: [String; 2],
    /// Their display names.
    pub names: [String; 2],
    /// The mechanisms that tie them on that side.
    pub mechanisms: Vec<String>,
    /// Those mechanisms' clauses.
    pub clauses: Vec<Clause>,
}

/// Ties between bodies gained and lost: the first ones listed in full, all of them counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ties {
    /// On the second side only: the first [`compare`]'s `limit` of them, in id order.
    pub gained: Vec<Tie>,
    /// On the first side only: the first `limit` of them, in id order.
    pub lost: Vec<Tie>,
    /// How many ties the second side has that the first lacks (more than `gained` holds when
    /// the list is cut).
    pub gained_total: u64,
    /// How many ties the first side has that the second lacks.
    pub lost_total: u64,
    /// The second side's mechanisms that carry gained ties, with how many each carries, most
    /// first: what a cut list still says in full.
    pub gained_through: Vec<Carrier>,
    /// The first side's mechanisms that carry lost ties, most first.
    pub lost_through: Vec<Carrier>,
}

/// A mechanism and how many of the gained (or lost) ties it carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carrier {
    /// The mechanism's id on its side.
    pub mechanism: String,
    /// Its name.
    pub name: String,
    /// The ties it carries (a tie carried by two mechanisms counts for both).
    pub ties: u64,
}

/// Ties listed per direction unless the caller asks otherwise: enough to read, few enough that a
/// new mechanism of 10,000 members (50 million ties) is counted rather than written out.
pub const TIE_LIMIT: usize = 1000;

/// Everything that differs between two sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// What the first side is ("quad-2021-… (2021-09-24)", a dataset's title).
    pub from: String,
    /// What the second side is.
    pub to: String,
    /// Elements on the second side only.
    pub added: Vec<Element>,
    /// Elements on the first side only.
    pub removed: Vec<Element>,
    /// Elements on both sides that differ.
    pub changed: Vec<Change>,
    /// Ties between bodies gained and lost.
    pub ties: Ties,
    /// The biggest moves in betweenness and brokerage, largest first.
    pub centrality: Vec<moves::Move>,
    /// The sources the moves' betweenness was estimated from, on each side alike; absent when
    /// it was computed exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betweenness_sources: Option<usize>,
}

/// What a comparison lists and how it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Ties listed each way (all are counted).
    pub max_ties: usize,
    /// Exact or sampled betweenness for the moves.
    pub sampling: Sampling,
    /// Seed of the sampled sources.
    pub seed: u64,
}

impl Settings {
    /// At most `max_ties` ties listed each way; betweenness as the report computes it.
    pub fn listing(max_ties: usize) -> Settings {
        Settings {
            max_ties,
            sampling: Sampling::Default,
            seed: DEFAULT_SEED,
        }
    }
}

impl Diff {
    /// True when the two sides do not differ.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.ties.gained_total == 0
            && self.ties.lost_total == 0
            && self.centrality.is_empty()
    }
}

/// Compares two datasets: `from` and `to` say what each side is; `settings` say how many ties
/// are listed each way (all are counted) and how betweenness is computed.
pub fn compare(
    first: &Dataset,
    second: &Dataset,
    from: &str,
    to: &str,
    settings: &Settings,
) -> Diff {
    let options = moves::plan(&[first, second], settings.sampling, settings.seed);
    let (before, after) = rayon::join(
        || moves::measure(first, &options),
        || moves::measure(second, &options),
    );
    let sides = [
        Measured {
            dataset: first,
            label: from.to_string(),
            values: before,
        },
        Measured {
            dataset: second,
            label: to.to_string(),
            values: after,
        },
    ];
    compare_measured(&sides[0], &sides[1], settings.max_ties, options.approx)
}

/// A side of a comparison, measured: the dataset, what it is, and its centrality values.
struct Measured<'a> {
    dataset: &'a Dataset,
    label: String,
    values: moves::Measured,
}

/// Compares two measured sides, listing at most `limit` ties each way; `sources` is the
/// betweenness sample both were measured with (`None`: exact).
fn compare_measured(
    first: &Measured,
    second: &Measured,
    limit: usize,
    sources: Option<usize>,
) -> Diff {
    let matching = match_elements(first.dataset, second.dataset);
    let left = Side::new(first.dataset);
    let right = Side::new(second.dataset);
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for kind in [
        ElementKind::Body,
        ElementKind::Forum,
        ElementKind::Mechanism,
    ] {
        removed.extend(
            left.ids(kind)
                .filter(|id| !matching.has_first(id))
                .map(|id| left.element(kind, id)),
        );
        added.extend(
            right
                .ids(kind)
                .filter(|id| !matching.has_second(id))
                .map(|id| right.element(kind, id)),
        );
    }
    let changed = matching
        .pairs
        .iter()
        .filter_map(|(kind, a, b)| change(&left, &right, &matching, *kind, a, b))
        .collect();
    Diff {
        from: first.label.clone(),
        to: second.label.clone(),
        added,
        removed,
        changed,
        ties: ties(&left, &right, &matching, limit),
        centrality: moves::biggest(&first.values, &second.values, &matching, moves::LIMIT),
        betweenness_sources: sources,
    }
}

/// Compares what source `from` names with what source `to` names, in one dataset.
pub fn between_sources(
    dataset: &Dataset,
    from: &str,
    to: &str,
    settings: &Settings,
) -> Result<Diff> {
    let mut diffs = source_pairs(dataset, &[(from, to)], settings)?;
    Ok(diffs.remove(0))
}

/// Compares each pair `(from, to)` of source ids of `dataset`, in order. Each source is cut out
/// and measured once however many pairs name it: a series of n dated sources compared first
/// to last and step by step measures n sides, not 2n.
pub fn source_pairs(
    dataset: &Dataset,
    pairs: &[(&str, &str)],
    settings: &Settings,
) -> Result<Vec<Diff>> {
    let mut sources: Vec<(&str, &str)> = Vec::new();
    let mut number = |id, flag| match sources.iter().position(|(known, _)| *known == id) {
        Some(at) => at,
        None => {
            sources.push((id, flag));
            sources.len() - 1
        }
    };
    let numbered: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(from, to)| (number(from, "--from"), number(to, "--to")))
        .collect();
    let cut = sources
        .iter()
        .map(|&(id, flag)| cut_source(dataset, id, flag))
        .collect::<Result<Vec<_>>>()?;
    let datasets: Vec<&Dataset> = cut.iter().map(|(kept, _)| kept).collect();
    let options = moves::plan(&datasets, settings.sampling, settings.seed);
    let measured: Vec<Measured> = cut
        .par_iter()
        .map(|(kept, label)| Measured {
            dataset: kept,
            label: label.clone(),
            values: moves::measure(kept, &options),
        })
        .collect();
    Ok(numbered
        .iter()
        .map(|&(a, b)| {
            compare_measured(
                &measured[a],
                &measured[b],
                settings.max_ties,
                options.approx,
            )
        })
        .collect())
}

/// What source `id` of `dataset` names, as a dataset, and its label ("id (date)"); an unknown
/// id is an input error that names `flag`.
fn cut_source(dataset: &Dataset, id: &str, flag: &str) -> Result<(Dataset, String)> {
    let kept = apply(dataset, &View::of_source(id))
        .map_err(|e| Error::Input(e.to_string().replace("--only-source", flag)))?;
    let label = match dataset.sources.iter().find(|s| s.id == id) {
        Some(source) => match &source.date {
            Some(date) => format!("{id} ({date})"),
            None => id.to_string(),
        },
        None => id.to_string(),
    };
    Ok((kept, label))
}

/// Every pair of bodies kept by `among` taking part in a common mechanism of `dataset` (ids in
/// order), with the ids of those mechanisms: the ties `diff` compares, between the bodies a
/// caller draws. Only the kept bodies' pairs are listed: a mechanism of 10,000 bodies is 50
/// million pairs, of which a drawing keeps a few hundred.
pub fn body_ties_among(
    dataset: &Dataset,
    among: &dyn Fn(&str) -> bool,
) -> BTreeMap<(String, String), Vec<String>> {
    let side = Side::new(dataset);
    let numbered = Numbered::new(&[side.cliques_among(among)]);
    one_sided(numbered.ids.len(), &numbered.cliques[0], &[], usize::MAX)
        .listed
        .into_iter()
        .map(|(a, b, found)| {
            let pair = (numbered.ids[a].clone(), numbered.ids[b].clone());
            let ids = found
                .into_iter()
                .map(|i| dataset.mechanisms[i].id.clone())
                .collect();
            (pair, ids)
        })
        .collect()
}

/// How many distinct ties (pairs of bodies sharing a mechanism) the `sides` hold together
/// between the bodies `among` keeps, counted no further than past `bound`: the answer is
/// `bound + 1` when there are more. O(Σ k) memory; the time stays near linear however large a
/// mechanism is, as one of more than `bound + 1` members ends the count at its first member.
pub fn count_body_ties(sides: &[&Dataset], among: &dyn Fn(&str) -> bool, bound: u64) -> u64 {
    let cliques: Vec<Vec<String>> = sides
        .iter()
        .flat_map(|d| Side::new(d).cliques_among(among))
        .collect();
    let numbered = Numbered::new(&[cliques]);
    let n = numbered.ids.len();
    let cliques = &numbered.cliques[0];
    let of = memberships(n, cliques);
    let mut seen = vec![usize::MAX; n];
    let mut ties = 0u64;
    for (a, cliques_of_a) in of.iter().enumerate() {
        for &c in cliques_of_a {
            for &b in above(&cliques[c], a) {
                if std::mem::replace(&mut seen[b as usize], a) != a {
                    ties += 1;
                    if ties > bound {
                        return ties;
                    }
                }
            }
        }
    }
    ties
}

/// The members of an ascending `clique` numbered above `a`.
fn above(clique: &[u32], a: usize) -> &[u32] {
    &clique[clique.partition_point(|&b| b as usize <= a)..]
}

/// The bodies of several sides' mechanisms numbered together, in the order of their ids, and
/// each side's mechanisms as lists of those numbers.
struct Numbered {
    /// The ids, in order: number `k` is `ids[k]`.
    ids: Vec<String>,
    /// Per side, per mechanism (in dataset order): its bodies' numbers, ascending, once each.
    cliques: Vec<Vec<Vec<u32>>>,
}

impl Numbered {
    fn new(sides: &[Vec<Vec<String>>]) -> Numbered {
        let mut ids: Vec<String> = sides.iter().flatten().flatten().cloned().collect();
        ids.sort_unstable();
        ids.dedup();
        let number: HashMap<&str, u32> = (0..).zip(&ids).map(|(k, id)| (id.as_str(), k)).collect();
        let cliques = sides
            .iter()
            .map(|side| {
                side.iter()
                    .map(|members| {
                        let mut list: Vec<u32> =
                            members.iter().map(|id| number[id.as_str()]).collect();
                        list.sort_unstable();
                        list.dedup();
                        list
                    })
                    .collect()
            })
            .collect();
        Numbered { ids, cliques }
    }
}

/// For each of `n` nodes, the cliques holding it, ascending.
fn memberships(n: usize, cliques: &[Vec<u32>]) -> Vec<Vec<usize>> {
    let mut of = vec![Vec::new(); n];
    for (c, members) in cliques.iter().enumerate() {
        for &v in members {
            of[v as usize].push(c);
        }
    }
    of
}

/// What one side has that the other lacks: pairs (a < b) tied through some clique of `these`
/// and through none of `others`.
struct OneSided {
    /// The first of them (at most the limit), in order, each with the cliques of `these` that
    /// hold it (ascending).
    listed: Vec<(usize, usize, Vec<usize>)>,
    /// How many there are.
    total: u64,
    /// Per clique of `these`, how many of them it holds.
    per_clique: Vec<u64>,
}

/// The pairs tied through `these` and not through `others`: the first `limit` listed, all
/// counted. Read from the cliques' member lists, never from all their pairs: per node, the
/// members of its cliques on both sides (a mechanism of 10,000 bodies is 50 million pairs, but
/// 10,000 members per member), and a pair past the limit costs a count, not an allocation: a
/// clique's count grows as its members are read, and only the listed pairs are sorted and
/// given their cliques.
fn one_sided(n: usize, these: &[Vec<u32>], others: &[Vec<u32>], limit: usize) -> OneSided {
    let of_these = memberships(n, these);
    let of_others = memberships(n, others);
    // Stamped with the node being read: no clearing between nodes.
    let (mut tied_otherwise, mut seen) = (vec![usize::MAX; n], vec![usize::MAX; n]);
    let mut found = OneSided {
        listed: Vec::new(),
        total: 0,
        per_clique: vec![0; these.len()],
    };
    let (mut partners, mut shared) = (Vec::new(), Vec::new());
    for a in 0..n {
        for &c in &of_others[a] {
            for &b in above(&others[c], a) {
                tied_otherwise[b as usize] = a;
            }
        }
        let listing = found.listed.len() < limit;
        partners.clear();
        for &c in &of_these[a] {
            for &b in above(&these[c], a) {
                let b = b as usize;
                if tied_otherwise[b] == a {
                    continue;
                }
                // Each clique holding both counts the pair once, here, from its lower end.
                found.per_clique[c] += 1;
                if std::mem::replace(&mut seen[b], a) != a {
                    found.total += 1;
                    if listing {
                        partners.push(b);
                    }
                }
            }
        }
        partners.sort_unstable();
        for &b in partners.iter().take(limit - found.listed.len().min(limit)) {
            sorted_common(&of_these[a], &of_these[b], &mut shared);
            found.listed.push((a, b, shared.clone()));
        }
    }
    found
}

/// The values in both ascending lists, ascending, into `common` (emptied first).
fn sorted_common(x: &[usize], y: &[usize], common: &mut Vec<usize>) {
    common.clear();
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common.push(x[i]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// One side of the comparison, indexed (a repeated id keeps its first definition).
struct Side<'a> {
    dataset: &'a Dataset,
    dates: HashMap<&'a str, Option<&'a str>>,
    bodies: HashMap<&'a str, &'a Body>,
    forums: HashMap<&'a str, &'a Forum>,
    mechanisms: HashMap<&'a str, &'a Mechanism>,
    /// The mechanisms each body takes part in and each forum carries, in dataset order.
    carried_by: HashMap<&'a str, Vec<usize>>,
}

/// Each item by its id, the first of a repeated id.
fn by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
    let mut map = HashMap::new();
    for item in items {
        map.entry(id(item)).or_insert(item);
    }
    map
}

impl<'a> Side<'a> {
    fn new(dataset: &'a Dataset) -> Side<'a> {
        let dates = dataset
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.date.as_deref()))
            .collect();
        let mut carried_by: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, m) in dataset.mechanisms.iter().enumerate() {
            let ends = m.participants.iter().map(|p| p.body.as_str());
            for id in ends.chain(m.via.iter().map(String::as_str)) {
                let list = carried_by.entry(id).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Side {
            dataset,
            dates,
            bodies: by_id(&dataset.bodies, |b| b.id.as_str()),
            forums: by_id(&dataset.forums, |f| f.id.as_str()),
            mechanisms: by_id(&dataset.mechanisms, |m| m.id.as_str()),
            carried_by,
        }
    }

    /// Ids of every element of `kind`, in dataset order.
    fn ids(&self, kind: ElementKind) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        let d = self.dataset;
        match kind {
            ElementKind::Body => Box::new(d.bodies.iter().map(|b| b.id.as_str())),
            ElementKind::Forum => Box::new(d.forums.iter().map(|f| f.id.as_str())),
            ElementKind::Mechanism => Box::new(d.mechanisms.iter().map(|m| m.id.as_str())),
        }
    }

    fn clause(&self, citation: &SourceRef) -> Clause {
        Clause {
            source: citation.doc.clone(),
            date: self
                .dates
                .get(citation.doc.as_str())
                .copied()
                .flatten()
                .map(str::to_string),
            reference: citation.reference.clone(),
            quote: citation.quote.clone(),
        }
    }

    fn clauses<'b>(&self, citations: impl IntoIterator<Item = &'b SourceRef>) -> Vec<Clause> {
        let mut seen = BTreeSet::new();
        citations
            .into_iter()
            .map(|c| self.clause(c))
            .filter(|c| seen.insert(c.clone()))
            .collect()
    }

    /// The element's display name and the clauses that name it (see [`Element::clauses`]).
    fn element(&self, kind: ElementKind, id: &str) -> Element {
        let d = self.dataset;
        let (name, own) = match kind {
            ElementKind::Body => (self.bodies.get(id)).map(|b| (b.label().to_string(), &b.sources)),
            ElementKind::Forum => {
                (self.forums.get(id)).map(|f| (f.label().to_string(), &f.sources))
            }
            ElementKind::Mechanism => {
                (self.mechanisms.get(id)).map(|m| (m.name.clone(), &m.sources))
            }
        }
        .unwrap_or_else(|| (id.to_string(), &EMPTY));
        let clauses = if own.is_empty() && kind != ElementKind::Mechanism {
            let carriers = self.carried_by.get(id).map_or(&[][..], Vec::as_slice);
            self.clauses(carriers.iter().flat_map(|&i| &d.mechanisms[i].sources))
        } else {
            self.clauses(own)
        };
        Element {
            kind,
            id: id.to_string(),
            name,
            clauses,
        }
    }

    /// Each mechanism's bodies (in dataset order), by their canonical ids.
    fn cliques(&self, canonical: &dyn Fn(&str) -> String) -> Vec<Vec<String>> {
        self.dataset
            .mechanisms
            .iter()
            .map(|m| m.participants.iter().map(|p| canonical(&p.body)).collect())
            .collect()
    }

    /// Each mechanism's bodies that `among` keeps (in dataset order).
    fn cliques_among(&self, among: &dyn Fn(&str) -> bool) -> Vec<Vec<String>> {
        self.dataset
            .mechanisms
            .iter()
            .map(|m| {
                let kept = m.participants.iter().filter(|p| among(&p.body));
                kept.map(|p| p.body.clone()).collect()
            })
            .collect()
    }

    /// The tie between `pair` (canonical ids) as this side writes it.
    fn tie(
        &self,
        pair: &(String, String),
        mechanisms: &[usize],
        own_id: &dyn Fn(&str) -> String,
    ) -> Tie {
        let d = self.dataset;
        let name = |id: &str| {
            self.bodies
                .get(id)
                .map_or(id.to_string(), |b| b.label().to_string())
        };
        let (a, b) = (own_id(&pair.0), own_id(&pair.1));
        Tie {
            names: [name(&a), name(&b)],
            bodies: [a, b],
            mechanisms: mechanisms
                .iter()
                .map(|&i| d.mechanisms[i].id.clone())
                .collect(),
            clauses: self.clauses(mechanisms.iter().flat_map(|&i| &d.mechanisms[i].sources)),
        }
    }

    /// The mechanisms holding some of the counted ties (`per_mechanism`, in dataset order),
    /// most ties first, then in dataset order.
    fn carriers(&self, per_mechanism: &[u64]) -> Vec<Carrier> {
        let mut carrying: Vec<(usize, u64)> = (0..)
            .zip(per_mechanism.iter().copied())
            .filter(|&(_, ties)| ties > 0)
            .collect();
        carrying.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        carrying
            .into_iter()
            .map(|(i, ties)| {
                let m = &self.dataset.mechanisms[i];
                Carrier {
                    mechanism: m.id.clone(),
                    name: m.name.clone(),
                    ties,
                }
            })
            .collect()
    }
}

static EMPTY: Vec<SourceRef> = Vec::new();

/// The ties on one side only, the first `limit` each way written with that side's ids and
/// clauses, all of them counted.
fn ties(left: &Side, right: &Side, matching: &Matching, limit: usize) -> Ties {
    let second_of: HashMap<&str, &str> = matching
        .pairs
        .iter()
        .map(|(_, a, b)| (a.as_str(), b.as_str()))
        .collect();
    let numbered = Numbered::new(&[
        left.cliques(&|id| id.to_string()),
        right.cliques(&|id| matching.canonical(id).to_string()),
    ]);
    let n = numbered.ids.len();
    let (l, r) = (&numbered.cliques[0], &numbered.cliques[1]);
    let first_id = |id: &str| id.to_string();
    let second_id = |id: &str| second_of.get(id).copied().unwrap_or(id).to_string();
    let written = |side: &Side, found: &OneSided, own: &dyn Fn(&str) -> String| {
        found
            .listed
            .iter()
            .map(|(a, b, through)| {
                let pair = (numbered.ids[*a].clone(), numbered.ids[*b].clone());
                side.tie(&pair, through, own)
            })
            .collect()
    };
    let (gained, lost) = (one_sided(n, r, l, limit), one_sided(n, l, r, limit));
    Ties {
        gained: written(right, &gained, &second_id),
        lost: written(left, &lost, &first_id),
        gained_total: gained.total,
        lost_total: lost.total,
        gained_through: right.carriers(&gained.per_clique),
        lost_through: left.carriers(&lost.per_clique),
    }
}

/// A body's or forum's name, short name, kind and parent.
type Shared<'a> = (
    &'a String,
    Option<&'a String>,
    &'a String,
    Option<&'a String>,
);

/// A field's change of value, if it changed.
fn value_change(
    field: &'static str,
    before: Option<&String>,
    after: Option<&String>,
) -> Option<FieldChange> {
    (before != after).then(|| FieldChange::Value {
        field,
        before: before.cloned(),
        after: after.cloned(),
    })
}

/// A list field's gains and losses, if any: lists compare by canonical id, so a body matched
/// by name is not "lost and gained".
fn member_change(
    matching: &Matching,
    field: &'static str,
    before: Vec<&String>,
    after: Vec<&String>,
) -> Option<FieldChange> {
    let before: BTreeSet<&str> = before.into_iter().map(String::as_str).collect();
    let after: BTreeMap<&str, &str> = after
        .into_iter()
        .map(|id| (matching.canonical(id), id.as_str()))
        .collect();
    let gained: Vec<String> = after
        .iter()
        .filter(|(canonical, _)| !before.contains(*canonical))
        .map(|(_, id)| id.to_string())
        .collect();
    let lost: Vec<String> = before
        .iter()
        .filter(|id| !after.contains_key(*id))
        .map(|id| id.to_string())
        .collect();
    (!gained.is_empty() || !lost.is_empty()).then_some(FieldChange::Members {
        field,
        gained,
        lost,
    })
}

/// The changes of the fields bodies and forums share: id, name, short name, kind, parent
/// (compared by the parent's canonical id).
fn named_changes(
    matching: &Matching,
    id_change: &Option<FieldChange>,
    x: Shared,
    y: Shared,
) -> Vec<Option<FieldChange>> {
    let parent_y = y.3.map(|p| matching.canonical(p).to_string());
    vec![
        id_change.clone(),
        value_change("name", Some(x.0), Some(y.0)),
        value_change("short", x.1, y.1),
        value_change("kind", Some(x.2), Some(y.2)),
        value_change("parent", x.3, parent_y.as_ref()),
    ]
}

/// How the matched element (`a` first, `b` second) differs, if it does.
fn change(
    left: &Side,
    right: &Side,
    matching: &Matching,
    kind: ElementKind,
    a: &str,
    b: &str,
) -> Option<Change> {
    let value = value_change;
    let members = |field, before, after| member_change(matching, field, before, after);
    let id_change = value("id", Some(&a.to_string()), Some(&b.to_string()));
    let named = |x, y| named_changes(matching, &id_change, x, y);
    let fields: Vec<Option<FieldChange>> = match kind {
        ElementKind::Body => {
            let (x, y) = (*left.bodies.get(a)?, *right.bodies.get(b)?);
            let mut fields = named(
                (&x.name, x.short.as_ref(), &x.kind, x.parent.as_ref()),
                (&y.name, y.short.as_ref(), &y.kind, y.parent.as_ref()),
            );
            fields.push(value("group", Some(&x.group), Some(&y.group)));
            fields
        }
        ElementKind::Forum => {
            let (x, y) = (*left.forums.get(a)?, *right.forums.get(b)?);
            let mut fields = named(
                (&x.name, x.short.as_ref(), &x.kind, x.parent.as_ref()),
                (&y.name, y.short.as_ref(), &y.kind, y.parent.as_ref()),
            );
            fields.push(members(
                "members",
                x.members.iter().collect(),
                y.members.iter().collect(),
            ));
            fields
        }
        ElementKind::Mechanism => {
            let (x, y) = (*left.mechanisms.get(a)?, *right.mechanisms.get(b)?);
            vec![
                id_change,
                value("name", Some(&x.name), Some(&y.name)),
                value("kind", Some(&x.kind), Some(&y.kind)),
                value("level", x.level.as_ref(), y.level.as_ref()),
                value("frequency", x.frequency.as_ref(), y.frequency.as_ref()),
                members(
                    "participants",
                    x.participants.iter().map(|p| &p.body).collect(),
                    y.participants.iter().map(|p| &p.body).collect(),
                ),
                members("via", x.via.iter().collect(), y.via.iter().collect()),
            ]
        }
    };
    let fields: Vec<FieldChange> = fields.into_iter().flatten().collect();
    if fields.is_empty() {
        return None;
    }
    // Both sides' clauses, before first: what the element was, then what it became.
    let before = left.element(kind, a);
    let after = right.element(kind, b);
    let clauses = [before.clauses, after.clauses].concat();
    let name = after.name;
    let mut seen = BTreeSet::new();
    Some(Change {
        kind,
        id: a.to_string(),
        to_id: b.to_string(),
        name,
        fields,
        clauses: clauses
            .into_iter()
            .filter(|c| seen.insert(c.clone()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The pairs of `these` not in `others`, pair by pair: the definition `one_sided` must meet.
    fn by_pairs(these: &[Vec<u32>], others: &[Vec<u32>]) -> Vec<(usize, usize, Vec<usize>)> {
        let pairs_of = |cliques: &[Vec<u32>]| -> BTreeSet<(usize, usize)> {
            let mut pairs = BTreeSet::new();
            for members in cliques {
                for &a in members {
                    for &b in members {
                        if a < b {
                            pairs.insert((a as usize, b as usize));
                        }
                    }
                }
            }
            pairs
        };
        let other = pairs_of(others);
        pairs_of(these)
            .into_iter()
            .filter(|pair| !other.contains(pair))
            .map(|(a, b)| {
                let holding = (0..these.len())
                    .filter(|&c| these[c].contains(&(a as u32)) && these[c].contains(&(b as u32)))
                    .collect();
                (a, b, holding)
            })
            .collect()
    }

    fn sample() -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let these = vec![vec![0, 1, 2, 3], vec![2, 3, 4], vec![5, 6], vec![0, 6]];
        let others = vec![vec![0, 1], vec![2, 3, 4, 5]];
        (these, others)
    }

    #[test]
    fn one_sided_lists_and_counts_what_the_pairs_say() {
        let (these, others) = sample();
        let expected = by_pairs(&these, &others);
        let found = one_sided(7, &these, &others, usize::MAX);
        assert_eq!(found.listed, expected);
        assert_eq!(found.total, expected.len() as u64);
        for (c, &count) in found.per_clique.iter().enumerate() {
            let holding = expected.iter().filter(|(_, _, h)| h.contains(&c)).count();
            assert_eq!(count, holding as u64, "clique {c}");
        }
    }

    #[test]
    fn a_cut_list_keeps_the_first_pairs_and_every_count() {
        let (these, others) = sample();
        let whole = one_sided(7, &these, &others, usize::MAX);
        for limit in [0, 1, 3] {
            let cut = one_sided(7, &these, &others, limit);
            assert_eq!(cut.listed, whole.listed[..limit].to_vec(), "limit {limit}");
            assert_eq!(cut.total, whole.total);
            assert_eq!(cut.per_clique, whole.per_clique);
        }
    }

    /// A generated series of two sources, the second with a mechanism of 40 bodies.
    fn series() -> Dataset {
        let mut dataset = crate::generate::generate(&crate::generate::Spec {
            bodies: 120,
            mechanisms: 50,
            groups: 3,
            forums: 2,
            mean_participants: 4.0,
            seed: 9,
        });
        crate::generate::date_sources(&mut dataset, 2, 9);
        crate::generate::add_giant_mechanism(&mut dataset, 40);
        dataset
    }

    /// The ties of `dataset` among the bodies `among` keeps, pair by pair.
    fn pairs_among(
        dataset: &Dataset,
        among: &dyn Fn(&str) -> bool,
    ) -> BTreeMap<(String, String), Vec<String>> {
        let mut ties: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for m in &dataset.mechanisms {
            for x in m.participants.iter().filter(|p| among(&p.body)) {
                for y in m.participants.iter().filter(|p| among(&p.body)) {
                    if x.body < y.body {
                        let through = ties.entry((x.body.clone(), y.body.clone())).or_default();
                        if through.last() != Some(&m.id) {
                            through.push(m.id.clone());
                        }
                    }
                }
            }
        }
        ties
    }

    #[test]
    fn ties_among_some_bodies_are_listed_and_counted_as_the_pairs_say() {
        let dataset = series();
        let before = apply(&dataset, &View::of_source("s0")).expect("s0");
        let after = apply(&dataset, &View::of_source("s1")).expect("s1");
        let even: BTreeSet<&str> = dataset
            .bodies
            .iter()
            .step_by(2)
            .map(|b| b.id.as_str())
            .collect();
        let (everyone, some) = (|_: &str| true, |id: &str| even.contains(id));
        let filters: [&dyn Fn(&str) -> bool; 2] = [&everyone, &some];
        for among in filters {
            let (old, new) = (pairs_among(&before, among), pairs_among(&after, among));
            assert_eq!(body_ties_among(&before, among), old);
            assert_eq!(body_ties_among(&after, among), new);
            let union: BTreeSet<&(String, String)> = old.keys().chain(new.keys()).collect();
            let total = union.len() as u64;
            // The giant's ties among them: 20 of its 40 bodies are even.
            assert!(total > 20 * 19 / 2, "{total}");
            assert_eq!(count_body_ties(&[&before, &after], among, u64::MAX), total);
            for bound in [0, 1, 10, total - 1] {
                assert_eq!(count_body_ties(&[&before, &after], among, bound), bound + 1);
            }
            assert_eq!(count_body_ties(&[&before, &after], among, total), total);
        }
    }

    #[test]
    fn a_new_clique_of_3000_members_is_counted_not_listed() {
        let clique: Vec<u32> = (0..3000).collect();
        let found = one_sided(3000, &[clique], &[], 5);
        assert_eq!(found.total, 3000 * 2999 / 2);
        assert_eq!(found.per_clique, vec![3000 * 2999 / 2]);
        assert_eq!(found.listed.len(), 5);
        assert_eq!(found.listed[0], (0, 1, vec![0]));
    }
}
