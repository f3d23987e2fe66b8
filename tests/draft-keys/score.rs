//! Scores `coopgraph draft` against the analyst keys of this folder (`*.json`, written by the
//! rules of `KEY-GUIDE.md`). Shared by the test `tests/it/draft_keys.rs` and the table printer
//! `benches/draft_keys.rs`. Its own matching, independent of the library's, so that a change to
//! the extractor cannot move the yardstick.
//!
//! Shared by two binaries that each use part of it, hence `allow(dead_code)`.
//!
//! Matching, precisely:
//! - **Folding** (every name, quote and sentence): accents dropped, lower case, possessive `'s`
//!   dropped, dots dropped (`U.S.` → `us`), every other non-alphanumeric character a space, the
//!   word "the" dropped, UK spellings as US ones (defence, centre, programme, labour,
//!   -isation …). A name `A (B)` answers to `A (B)`, `A` and `B`.
//! - **Country-stripped form**: a folded name without its leading country words, those of the
//!   key's parties and third countries ("U.S. Department of Commerce" → "department of commerce",
//!   "U.S.-India Commercial Dialogue" → "commercial dialogue").
//! - **Bodies**: a drafted body matches a key body when one of its names (name, short name,
//!   aliases) equals one of the key body's (name, aliases) after folding, or their
//!   country-stripped forms are equal and either have two words or more or the drafted body's
//!   group is the key body's country; and never, for a key body of one of the key's countries,
//!   when the drafted body is in another group (Japan's Ministry of Defense is not Vietnam's).
//!   A drafted body that stands for a whole party (named "Government of X", "X Government" or X)
//!   is the party itself: it counts neither as a body found nor as noise,
//!   and as a participant it is the country.
//! - **Mechanisms**: a drafted mechanism matches a key mechanism by name (as for bodies, names
//!   against name and aliases), or when its quote overlaps one of the key's sentences (they share
//!   a run of min(8, length of the shorter) consecutive folded words, or lie in one paragraph, a
//!   line of the text: a list item's heading and its sentences) and its name is similar
//!   (Dice coefficient ≥ 0.5 over content words, the drafted name without its parenthesised
//!   acronym against the key's name or any alias, sharing at least two words or all of a one-word
//!   key name), unless its name is a key forum's.
//! - **One to one**: candidate pairs are taken best first (name match before overlap, then by
//!   similarity, a required key element before an optional one, then key order and draft order);
//!   each key element and each drafted element is used once. A second drafted copy of one key
//!   element is noise.
//! - **Forums and kinds**: a drafted body or mechanism left unmatched that has a name of a key
//!   forum is right (neither found nor noise); so is a drafted body that has the name of a key
//!   mechanism (a council, centre or network drafted as a body: the line between the two is the
//!   analyst's call). Drafted forums are not scored.
//! - **Recall** counts required key elements only; **precision** is (drafted bodies and
//!   mechanisms that match a key element, optional ones included, or a key forum) / (drafted
//!   bodies and mechanisms, party stand-ins left out).
//! - **Participant F1**: over matched mechanism pairs, a drafted participant is the key body it
//!   matched when that body is among the key participants, else its country when that country is
//!   among them, else itself (a wrong participant); sets per pair, micro-averaged over the
//!   document.

#![allow(dead_code)]

use coopgraph::model::Dataset;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One document's answer key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// The source file name.
    pub document: String,
    /// The countries or groupings the document is between.
    pub parties: Vec<Country>,
    /// Countries that take part in a mechanism without being parties.
    #[serde(default)]
    pub third_countries: Vec<Country>,
    /// The organisations that act in the text.
    pub bodies: Vec<KeyBody>,
    /// The cooperation channels the text states.
    pub mechanisms: Vec<KeyMechanism>,
    /// Forums and outside programmes the text only refers to.
    pub forums: Vec<Named>,
}

/// A party or third country.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// The gazetteer id (`united-states`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Other names and adjectives.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A body of the key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyBody {
    /// Id used by mechanisms' participants.
    pub id: String,
    /// Fullest name the text gives.
    pub name: String,
    /// Acronyms and other forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The country id (or `international`).
    pub country: String,
    /// Ministry, agency, military, company …
    pub kind: String,
    /// Left out of recall; right when drafted.
    #[serde(default)]
    pub optional: bool,
}

/// A mechanism of the key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMechanism {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Dialogue, working group, agreement …
    pub kind: String,
    /// The verbatim sentence that states it.
    pub sentence: String,
    /// Further verbatim sentences naming it.
    #[serde(default)]
    pub other_sentences: Vec<String>,
    /// Body ids or country ids.
    pub participants: Vec<String>,
    /// Left out of recall; right when drafted.
    #[serde(default)]
    pub optional: bool,
}

/// A forum: a name and its aliases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// Name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Key {
    /// Reads a key file.
    pub fn load(path: &Path) -> Result<Key, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parties and third countries.
    pub fn countries(&self) -> impl Iterator<Item = &Country> {
        self.parties.iter().chain(&self.third_countries)
    }

    /// Problems that make the key unusable: sentences not verbatim in `text`, unknown
    /// participants, repeated ids.
    pub fn problems(&self, text: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let countries: HashSet<&str> = self.countries().map(|c| c.id.as_str()).collect();
        let bodies: HashSet<&str> = self.bodies.iter().map(|b| b.id.as_str()).collect();
        let mut seen = HashSet::new();
        for id in self
            .bodies
            .iter()
            .map(|b| &b.id)
            .chain(self.mechanisms.iter().map(|m| &m.id))
        {
            if !seen.insert(id.as_str()) || countries.contains(id.as_str()) {
                problems.push(format!("id `{id}` is used twice"));
            }
        }
        for m in &self.mechanisms {
            for sentence in std::iter::once(&m.sentence).chain(&m.other_sentences) {
                if !text.contains(sentence.as_str()) {
                    problems.push(format!("mechanism `{}`: not verbatim: {sentence}", m.id));
                }
            }
            for p in &m.participants {
                if !countries.contains(p.as_str()) && !bodies.contains(p.as_str()) {
                    problems.push(format!("mechanism `{}`: unknown participant `{p}`", m.id));
                }
            }
            if m.participants.is_empty() {
                problems.push(format!("mechanism `{}`: no participants", m.id));
            }
        }
        problems
    }
}

/// What was drafted, reduced to what the scorer reads.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Drafted bodies.
    pub bodies: Vec<DraftBody>,
    /// Drafted mechanisms.
    pub mechanisms: Vec<DraftMechanism>,
}

/// A drafted body.
#[derive(Debug, Clone)]
pub struct DraftBody {
    /// Name, short name and aliases.
    pub names: Vec<String>,
    /// Group id and group name.
    pub group: Vec<String>,
}

/// A drafted mechanism.
#[derive(Debug, Clone)]
pub struct DraftMechanism {
    /// Name.
    pub name: String,
    /// The quotes of its citations.
    pub quotes: Vec<String>,
    /// Indexes into [`Draft::bodies`].
    pub participants: Vec<usize>,
}

impl Draft {
    /// Reads a drafted dataset.
    pub fn from_dataset(dataset: &Dataset) -> Draft {
        let group_name: HashMap<&str, &str> = dataset
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.name.as_str()))
            .collect();
        let index: HashMap<&str, usize> = dataset
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let bodies = dataset
            .bodies
            .iter()
            .map(|b| DraftBody {
                names: std::iter::once(b.name.clone())
                    .chain(b.short.clone())
                    .chain(b.aliases.iter().cloned())
                    .collect(),
                group: std::iter::once(b.group.clone())
                    .chain(group_name.get(b.group.as_str()).map(|n| n.to_string()))
                    .collect(),
            })
            .collect();
        let mechanisms = dataset
            .mechanisms
            .iter()
            .map(|m| DraftMechanism {
                name: m.name.clone(),
                quotes: m.sources.iter().map(|s| s.quote.clone()).collect(),
                participants: m
                    .participants
                    .iter()
                    .filter_map(|p| index.get(p.body.as_str()).copied())
                    .collect(),
            })
            .collect();
        Draft { bodies, mechanisms }
    }
}

/// One document's score.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// The document's file name.
    pub document: String,
    /// Why `draft` refused the document, if it did.
    pub refused: Option<String>,
    /// Required key bodies drafted.
    pub bodies_found: usize,
    /// Required key bodies.
    pub bodies_keyed: usize,
    /// Required key mechanisms drafted.
    pub mechanisms_found: usize,
    /// Required key mechanisms.
    pub mechanisms_keyed: usize,
    /// Drafted bodies and mechanisms scored (party stand-ins left out).
    pub drafted: usize,
    /// Of those, how many match a key element or forum.
    pub right: usize,
    /// Of the right ones, how many only as a forum or as an element of the other kind.
    pub forums: usize,
    /// Participants drafted over matched mechanisms.
    pub participants_drafted: usize,
    /// Key participants over matched mechanisms.
    pub participants_keyed: usize,
    /// Participants in both.
    pub participants_right: usize,
    /// Names of required key bodies not drafted.
    pub missed_bodies: Vec<String>,
    /// Names of required key mechanisms not drafted.
    pub missed_mechanisms: Vec<String>,
    /// Drafted names that match nothing.
    pub noise: Vec<String>,
    /// Drafted name → the key element or forum it matched.
    pub matched: Vec<(String, String)>,
}

impl Score {
    /// Share of required key bodies drafted.
    pub fn body_recall(&self) -> f64 {
        share(self.bodies_found, self.bodies_keyed)
    }

    /// Share of required key mechanisms drafted.
    pub fn mechanism_recall(&self) -> f64 {
        share(self.mechanisms_found, self.mechanisms_keyed)
    }

    /// Share of drafted bodies and mechanisms that are right.
    pub fn precision(&self) -> f64 {
        share(self.right, self.drafted)
    }

    /// Participant F1 over matched mechanisms.
    pub fn participant_f1(&self) -> f64 {
        let p = share(self.participants_right, self.participants_drafted);
        let r = share(self.participants_right, self.participants_keyed);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `part / whole`, 0 when `whole` is 0 (nothing drafted, or no mechanism matched, earns no
/// credit).
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores `draft` of the document `text` against `key`.
pub fn score(key: &Key, draft: &Draft, text: &str) -> Score {
    let folder = Folder::new(key);
    let stand_ins: Vec<bool> = draft
        .bodies
        .iter()
        .map(|b| folder.stands_for_party(b))
        .collect();
    let body_pairs = match_bodies(key, draft, &folder, &stand_ins);
    let forum_names: Vec<HashSet<String>> = key
        .forums
        .iter()
        .map(|f| folder.names(std::iter::once(&f.name).chain(&f.aliases)))
        .collect();
    let is_forum =
        |names: &HashSet<String>| forum_names.iter().any(|f| folder.same(names, f, false));
    let mechanism_pairs = match_mechanisms(key, draft, &folder, &Paragraphs::new(text), &is_forum);
    let mechanism_names: Vec<HashSet<String>> = key
        .mechanisms
        .iter()
        .map(|m| folder.names(std::iter::once(&m.name).chain(&m.aliases)))
        .collect();
    let is_mechanism =
        |names: &HashSet<String>| mechanism_names.iter().any(|m| folder.same(names, m, false));

    let mut s = Score {
        document: key.document.clone(),
        ..Score::default()
    };
    (s.bodies_found, s.bodies_keyed, s.missed_bodies) = recall(
        key.bodies.iter().map(|b| (b.optional, &b.name)),
        &body_pairs,
    );
    (s.mechanisms_found, s.mechanisms_keyed, s.missed_mechanisms) = recall(
        key.mechanisms.iter().map(|m| (m.optional, &m.name)),
        &mechanism_pairs,
    );
    for (d, body) in draft.bodies.iter().enumerate() {
        if stand_ins[d] {
            continue;
        }
        s.drafted += 1;
        let names = folder.names(&body.names);
        if let Some(&(_, k)) = body_pairs.iter().find(|&&(dd, _)| dd == d) {
            s.right += 1;
            s.matched
                .push((body.names[0].clone(), key.bodies[k].name.clone()));
        } else if is_forum(&names) || is_mechanism(&names) {
            s.right += 1;
            s.forums += 1;
            s.matched
                .push((body.names[0].clone(), "(a forum or mechanism)".into()));
        } else {
            s.noise.push(format!("body: {}", body.names[0]));
        }
    }
    for (d, m) in draft.mechanisms.iter().enumerate() {
        s.drafted += 1;
        if let Some(&(_, k)) = mechanism_pairs.iter().find(|&&(dd, _)| dd == d) {
            s.right += 1;
            s.matched
                .push((m.name.clone(), key.mechanisms[k].name.clone()));
        } else if is_forum(&folder.names([&m.name])) {
            s.right += 1;
            s.forums += 1;
            s.matched.push((m.name.clone(), "(a forum)".into()));
        } else {
            s.noise.push(format!("mechanism: {}", m.name));
        }
    }
    participants(key, draft, &folder, &body_pairs, &mechanism_pairs, &mut s);
    s
}

/// Of the required key elements (`(optional, name)` in key order), how many `pairs` reach, how
/// many there are, and the names of those missed.
fn recall<'a>(
    elements: impl Iterator<Item = (bool, &'a String)>,
    pairs: &[(usize, usize)],
) -> (usize, usize, Vec<String>) {
    let (mut found, mut keyed, mut missed) = (0, 0, Vec::new());
    for (k, (optional, name)) in elements.enumerate() {
        if optional {
            continue;
        }
        keyed += 1;
        if pairs.iter().any(|&(_, kk)| kk == k) {
            found += 1;
        } else {
            missed.push(name.clone());
        }
    }
    (found, keyed, missed)
}

/// Drafted body index → key body index, one to one.
fn match_bodies(
    key: &Key,
    draft: &Draft,
    folder: &Folder,
    stand_ins: &[bool],
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (d, body) in draft.bodies.iter().enumerate() {
        if stand_ins[d] {
            continue;
        }
        let names = folder.names(&body.names);
        let country = folder.country_of(&body.group);
        for (k, kb) in key.bodies.iter().enumerate() {
            let same_country = country.as_deref() == Some(kb.country.as_str());
            if !same_country && folder.is_country(&kb.country) {
                continue;
            }
            let key_names = folder.names(std::iter::once(&kb.name).chain(&kb.aliases));
            if folder.same(&names, &key_names, same_country) {
                let rank = if same_country { 2.0 } else { 1.0 };
                candidates.push(Candidate {
                    score: rank,
                    optional: kb.optional,
                    key: k,
                    drafted: d,
                });
            }
        }
    }
    assign(candidates)
}

/// Drafted mechanism index → key mechanism index, one to one.
fn match_mechanisms(
    key: &Key,
    draft: &Draft,
    folder: &Folder,
    text: &Paragraphs,
    is_forum: &dyn Fn(&HashSet<String>) -> bool,
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    let keyed: Vec<(HashSet<String>, Vec<Passage>, Vec<&String>)> = key
        .mechanisms
        .iter()
        .map(|m| {
            let names: Vec<&String> = std::iter::once(&m.name).chain(&m.aliases).collect();
            let sentences = std::iter::once(&m.sentence)
                .chain(&m.other_sentences)
                .map(|s| text.passage(s))
                .collect();
            (folder.names(names.iter().copied()), sentences, names)
        })
        .collect();
    for (d, m) in draft.mechanisms.iter().enumerate() {
        let names = folder.names([&m.name]);
        // A forum's name near a mechanism's sentence is the forum, not that mechanism.
        let forum = is_forum(&names);
        let quotes: Vec<Passage> = m.quotes.iter().map(|q| text.passage(q)).collect();
        for (k, (key_names, sentences, raw_names)) in keyed.iter().enumerate() {
            let optional = key.mechanisms[k].optional;
            let similarity = raw_names
                .iter()
                .map(|n| dice(&unbracketed(&m.name), n))
                .fold(0.0, f64::max);
            let score = if folder.same(&names, key_names, false) {
                2.0 + similarity
            } else if !forum
                && similarity >= 0.5
                && quotes.iter().any(|q| sentences.iter().any(|s| q.near(s)))
            {
                similarity
            } else {
                continue;
            };
            candidates.push(Candidate {
                score,
                optional,
                key: k,
                drafted: d,
            });
        }
    }
    assign(candidates)
}

/// A possible pairing of a drafted element with a key element.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f64,
    optional: bool,
    key: usize,
    drafted: usize,
}

/// Takes candidate pairs best first, each side once: `(drafted, key)` pairs.
fn assign(mut candidates: Vec<Candidate>) -> Vec<(usize, usize)> {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.optional.cmp(&b.optional))
            .then(a.key.cmp(&b.key))
            .then(a.drafted.cmp(&b.drafted))
    });
    let (mut keys, mut drafted) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for c in candidates {
        if !keys.contains(&c.key) && !drafted.contains(&c.drafted) {
            keys.insert(c.key);
            drafted.insert(c.drafted);
            pairs.push((c.drafted, c.key));
        }
    }
    pairs
}

/// Adds the participant counts of the matched mechanism pairs to `s`.
fn participants(
    key: &Key,
    draft: &Draft,
    folder: &Folder,
    body_pairs: &[(usize, usize)],
    mechanism_pairs: &[(usize, usize)],
    s: &mut Score,
) {
    let body_of: HashMap<usize, usize> = body_pairs.iter().copied().collect();
    for &(d, k) in mechanism_pairs {
        let truth: HashSet<&str> = key.mechanisms[k]
            .participants
            .iter()
            .map(String::as_str)
            .collect();
        let mut drafted: HashSet<String> = HashSet::new();
        for &p in &draft.mechanisms[d].participants {
            let body = body_of.get(&p).map(|&kb| key.bodies[kb].id.as_str());
            let country = folder.country_of(&draft.bodies[p].group);
            let as_key = match (body, country.as_deref()) {
                (Some(b), _) if truth.contains(b) => b.to_string(),
                (_, Some(c)) if truth.contains(c) => c.to_string(),
                (Some(b), _) => b.to_string(),
                _ => format!("drafted #{p}"),
            };
            drafted.insert(as_key);
        }
        s.participants_drafted += drafted.len();
        s.participants_keyed += truth.len();
        s.participants_right += drafted
            .iter()
            .filter(|p| truth.contains(p.as_str()))
            .count();
    }
}

/// Folds names for one key: knows its countries' words.
pub struct Folder {
    /// Folded country forms (name, aliases, id with spaces) → country id.
    countries: Vec<(Vec<String>, String)>,
}

impl Folder {
    /// A folder for the countries of `key`.
    pub fn new(key: &Key) -> Folder {
        let mut countries: Vec<(Vec<String>, String)> = key
            .countries()
            .flat_map(|c| {
                std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .map(|n| fold(n))
                    .chain(std::iter::once(fold(&c.id)))
                    .filter(|f| !f.is_empty())
                    .map(|f| (f.split(' ').map(str::to_string).collect(), c.id.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        // Longest forms first, so "united states of america" is stripped before "united states".
        countries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        Folder { countries }
    }

    /// Every folded form of `names`: each name, without and with its parenthesised parts.
    pub fn names<'a>(&self, names: impl IntoIterator<Item = &'a String>) -> HashSet<String> {
        names
            .into_iter()
            .flat_map(|n| forms(n))
            .filter(|f| !f.is_empty())
            .collect()
    }

    /// True when two sets of folded names share a name, or a country-stripped name (of two words
    /// or more unless `same_country`).
    pub fn same(&self, a: &HashSet<String>, b: &HashSet<String>, same_country: bool) -> bool {
        if !a.is_disjoint(b) {
            return true;
        }
        let stripped = |set: &HashSet<String>| -> HashSet<String> {
            set.iter()
                .map(|n| self.strip(n))
                .filter(|n| !n.is_empty() && (same_country || n.contains(' ')))
                .collect()
        };
        !stripped(a).is_disjoint(&stripped(b))
    }

    /// `name` without its leading country words (at least one word is left).
    fn strip(&self, name: &str) -> String {
        let mut words: Vec<&str> = name.split(' ').collect();
        while let Some((form, _)) = self.countries.iter().find(|(form, _)| {
            words.len() > form.len() && words.iter().zip(form.iter()).all(|(w, f)| w == f)
        }) {
            words.drain(..form.len());
        }
        words.join(" ")
    }

    /// True when `id` is one of the key's parties or third countries.
    pub fn is_country(&self, id: &str) -> bool {
        self.countries.iter().any(|(_, c)| c == id)
    }

    /// The key country a drafted group (id or name) is, if any.
    pub fn country_of(&self, group: &[String]) -> Option<String> {
        group.iter().find_map(|g| {
            let folded: Vec<String> = fold(g).split(' ').map(str::to_string).collect();
            self.countries
                .iter()
                .find(|(form, _)| *form == folded)
                .map(|(_, id)| id.clone())
        })
    }

    /// True when a drafted body stands for a whole party: named "Government of X",
    /// "X Government" or X.
    pub fn stands_for_party(&self, body: &DraftBody) -> bool {
        body.names.iter().any(|n| {
            let folded = fold(n);
            let rest = folded
                .strip_prefix("government of ")
                .or_else(|| folded.strip_suffix(" government"))
                .unwrap_or(&folded);
            let rest: Vec<String> = rest.split(' ').map(str::to_string).collect();
            self.countries.iter().any(|(form, _)| *form == rest)
        })
    }
}

/// `name` without its parenthesised parts.
fn unbracketed(name: &str) -> String {
    let mut depth = 0usize;
    name.chars()
        .filter(|&c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' if depth > 0 => {
                depth -= 1;
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// The folded forms of one name: the whole, the name without parenthesised parts, and each part.
fn forms(name: &str) -> Vec<String> {
    let mut all = vec![fold(name), fold(&unbracketed(name))];
    let parts = name
        .split('(')
        .skip(1)
        .filter_map(|part| part.split(')').next());
    all.extend(parts.map(fold));
    all.dedup();
    all
}

/// Folds text for comparison: see the module's header.
pub fn fold(text: &str) -> String {
    let lowered: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let unpossessed = lowered.replace("\u{2019}s ", " ").replace("'s ", " ");
    let unpossessed = unpossessed
        .strip_suffix("\u{2019}s")
        .or_else(|| unpossessed.strip_suffix("'s"))
        .unwrap_or(&unpossessed);
    let spaced: String = unpossessed
        .chars()
        .filter(|&c| c != '.' && c != '\u{2019}' && c != '\'')
        .map(|c| if c == '&' { '+' } else { c })
        .map(|c| {
            if c.is_alphanumeric() || c == '+' {
                c
            } else {
                ' '
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .map(|w| if w == "+" { "and" } else { w })
        .filter(|w| *w != "the")
        .map(us_spelling)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The US spelling of a folded word.
fn us_spelling(word: &str) -> String {
    const TABLE: [(&str, &str); 12] = [
        ("defence", "defense"),
        ("centre", "center"),
        ("centres", "centers"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("labour", "labor"),
        ("favour", "favor"),
        ("harbour", "harbor"),
        ("licence", "license"),
        ("catalogue", "catalog"),
        ("travelled", "traveled"),
        ("counselling", "counseling"),
    ];
    if let Some((_, us)) = TABLE.iter().find(|(uk, _)| *uk == word) {
        return (*us).to_string();
    }
    for (uk, us) in [("isation", "ization"), ("isations", "izations")] {
        if let Some(stem) = word.strip_suffix(uk) {
            return format!("{stem}{us}");
        }
    }
    word.to_string()
}

/// The folded words of a text.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The document's paragraphs (its non-empty lines), folded.
pub struct Paragraphs(Vec<String>);

/// A quote or sentence: its folded words and the paragraphs it lies in.
pub struct Passage {
    words: Vec<String>,
    paragraphs: HashSet<usize>,
}

impl Paragraphs {
    /// The paragraphs of `text`.
    pub fn new(text: &str) -> Paragraphs {
        Paragraphs(
            text.lines()
                .map(|l| format!(" {} ", fold(l)))
                .filter(|l| l.trim() != "")
                .collect(),
        )
    }

    /// `text` as a passage: the paragraphs holding its first or its last eight words.
    pub fn passage(&self, text: &str) -> Passage {
        let words = words(text);
        let n = 8.min(words.len());
        let probes = [words[..n].join(" "), words[words.len() - n..].join(" ")];
        let paragraphs = self
            .0
            .iter()
            .enumerate()
            .filter(|(_, p)| n > 0 && probes.iter().any(|probe| p.contains(&format!(" {probe} "))))
            .map(|(i, _)| i)
            .collect();
        Passage { words, paragraphs }
    }
}

impl Passage {
    /// True when the passages overlap or lie in one paragraph.
    pub fn near(&self, other: &Passage) -> bool {
        overlap(&self.words, &other.words) || !self.paragraphs.is_disjoint(&other.paragraphs)
    }
}

/// True when `a` and `b` share a run of min(8, shorter length) consecutive words.
pub fn overlap(a: &[String], b: &[String]) -> bool {
    let n = 8.min(a.len()).min(b.len());
    if n == 0 {
        return false;
    }
    let grams: HashSet<&[String]> = a.windows(n).collect();
    b.windows(n).any(|w| grams.contains(w))
}

/// Dice coefficient of the content words of a drafted name and a key name;
/// 0 when they share fewer than two words (fewer than all the words of `key` when it has one),
/// so that a generic "Dialogue" is not a "dialogue on climate finance".
pub fn dice(drafted: &str, key: &str) -> f64 {
    const STOP: [&str; 16] = [
        "of", "and", "for", "on", "in", "to", "a", "an", "with", "between", "by", "at", "new",
        "its", "our", "their",
    ];
    let content = |s: &str| -> HashSet<String> {
        words(s)
            .into_iter()
            .filter(|w| !STOP.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (content(drafted), content(key));
    let shared = a.intersection(&b).count();
    if a.is_empty() || shared < b.len().min(2) {
        return 0.0;
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The keys folder, its sources folder, and every key in it (sorted by file name).
pub fn keys_in(folder: &Path) -> Result<Vec<(PathBuf, Key)>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Key::load(&p).map(|k| (p, k)))
        .collect()
}

/// Drafts `document` with no options and scores it against `key`; a refusal scores zero.
pub fn run(key: &Key, document: &Path) -> Score {
    match coopgraph::draft::draft(document, &coopgraph::draft::Options::default()) {
        Ok(drafted) => score(key, &Draft::from_dataset(&drafted.dataset), &drafted.text),
        Err(error) => {
            let mut s = score(key, &Draft::default(), "");
            s.refused = Some(error.to_string());
            s.drafted = 0;
            s.right = 0;
            s
        }
    }
}

/// The median of `values` (mean of the middle two for an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The medians of body recall, mechanism recall, precision and participant F1 (a refused
/// document counts 0 for each). A document whose key requires no body (or no mechanism) has no
/// recall to give, not a recall of 0: it is left out of that median.
pub fn medians(scores: &[Score]) -> [f64; 4] {
    let of = |f: fn(&Score) -> f64, defined: fn(&Score) -> bool| {
        median(
            scores
                .iter()
                .filter(|s| s.refused.is_some() || defined(s))
                .map(|s| if s.refused.is_some() { 0.0 } else { f(s) })
                .collect(),
        )
    };
    [
        of(Score::body_recall, |s| s.bodies_keyed > 0),
        of(Score::mechanism_recall, |s| s.mechanisms_keyed > 0),
        of(Score::precision, |s| s.drafted > 0),
        of(Score::participant_f1, |_| true),
    ]
}

/// "found/keyed = share", or "0/0 (none keyed)" where there is nothing to find.
fn found_of(found: usize, keyed: usize, share: f64) -> String {
    if keyed == 0 {
        "0/0 (none keyed)".to_string()
    } else {
        format!("{found}/{keyed} = {share:.2}")
    }
}

/// The Markdown table of `scores` with a median row.
pub fn table(scores: &[Score]) -> String {
    let mut out = String::from(
        "| document | bodies found | mechanisms found | precision | participant F1 |\n|---|---|---|---|---|\n",
    );
    for s in scores {
        let stem = s.document.trim_end_matches(".txt");
        if let Some(why) = &s.refused {
            let why: String = why.chars().take(80).filter(|&c| c != '|').collect();
            out.push_str(&format!(
                "| {stem} | 0/{} | 0/{} | refused ({why}) | – |\n",
                s.bodies_keyed, s.mechanisms_keyed
            ));
            continue;
        }
        out.push_str(&format!(
            "| {stem} | {} | {} | {}/{} = {:.2} | {:.2} ({}/{} drafted, {} keyed) |\n",
            found_of(s.bodies_found, s.bodies_keyed, s.body_recall()),
            found_of(s.mechanisms_found, s.mechanisms_keyed, s.mechanism_recall()),
            s.right,
            s.drafted,
            s.precision(),
            s.participant_f1(),
            s.participants_right,
            s.participants_drafted,
            s.participants_keyed,
        ));
    }
    let [b, m, p, f] = medians(scores);
    out.push_str(&format!(
        "| **median** | {b:.2} | {m:.2} | {p:.2} | {f:.2} |\n"
    ));
    out
}
