//! Name resolution: what users type ("MoD Japan", "mlit", "India") → bodies, mechanisms, forums
//! or a whole group.
//!
//! Matching ignores case, accents, punctuation and spacing. Levels, first hit wins: exact id;
//! short name; full name; alias; a name with its country qualifier dropped ("MOD" for "MOD
//! Japan" and "MOD India", which is why "MOD" is ambiguous); then a group id or name ("India"
//! means every body of India). Several hits at one level are an input error listing them.

use crate::error::{Error, Result};
use crate::model::Dataset;
use unicode_normalization::UnicodeNormalization;

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One body, mechanism or forum, by id.
    Node(String),
    /// A group, with the ids of its bodies.
    Group {
        /// The group id.
        id: String,
        /// Its bodies, in dataset order.
        bodies: Vec<String>,
    },
}

impl Target {
    /// The ids this target stands for.
    pub fn ids(&self) -> Vec<String> {
        match self {
            Target::Node(id) => vec![id.clone()],
            Target::Group { bodies, .. } => bodies.clone(),
        }
    }
}

/// Folds case, accents, punctuation and spacing: "Ministry of Défence, Japan" → "ministry of
/// defence japan".
pub fn normalise(text: &str) -> String {
    let folded: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One nameable thing: its id, kind, group and every name it answers to, by level.
struct Entry {
    id: String,
    kind: &'static str,
    group: Option<String>,
    /// Names per level: id, short, name, aliases, names without the country qualifier.
    names: [Vec<String>; 5],
    label: String,
}

/// Resolves names against one dataset.
pub struct Resolver<'a> {
    dataset: &'a Dataset,
    entries: Vec<Entry>,
}

impl<'a> Resolver<'a> {
    /// Indexes every body, mechanism and forum of `dataset`.
    pub fn new(dataset: &'a Dataset) -> Resolver<'a> {
        let qualifiers: Vec<String> = dataset
            .groups
            .iter()
            .flat_map(|g| [normalise(&g.id), normalise(&g.name)])
            .filter(|q| !q.is_empty())
            .collect();
        let unqualified = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .filter_map(|name| strip_qualifier(name, &qualifiers))
                .collect()
        };
        let mut entries = Vec::new();
        for body in &dataset.bodies {
            let short: Vec<String> = body.short.iter().map(|s| normalise(s)).collect();
            let name = vec![normalise(&body.name)];
            let aliases: Vec<String> = body.aliases.iter().map(|a| normalise(a)).collect();
            let all: Vec<String> = short.iter().chain(&name).chain(&aliases).cloned().collect();
            entries.push(Entry {
                id: body.id.clone(),
                kind: "body",
                group: Some(body.group.clone()),
                names: [
                    vec![normalise(&body.id)],
                    short,
                    name,
                    aliases,
                    unqualified(&all),
                ],
                label: body.label().to_string(),
            });
        }
        for forum in &dataset.forums {
            let short: Vec<String> = forum.short.iter().map(|s| normalise(s)).collect();
            let aliases: Vec<String> = forum.aliases.iter().map(|a| normalise(a)).collect();
            entries.push(Entry {
                id: forum.id.clone(),
                kind: "forum",
                group: None,
                names: [
                    vec![normalise(&forum.id)],
                    short,
                    vec![normalise(&forum.name)],
                    aliases,
                    Vec::new(),
                ],
                label: forum.label().to_string(),
            });
        }
        for mechanism in &dataset.mechanisms {
            entries.push(Entry {
                id: mechanism.id.clone(),
                kind: "mechanism",
                group: None,
                names: [
                    vec![normalise(&mechanism.id)],
                    Vec::new(),
                    vec![normalise(&mechanism.name)],
                    Vec::new(),
                    Vec::new(),
                ],
                label: mechanism.name.clone(),
            });
        }
        Resolver { dataset, entries }
    }

    /// Resolves `query` to one node or a group; an unknown or ambiguous name is an input error
    /// that lists the closest names or the candidates with their groups.
    pub fn resolve(&self, query: &str) -> Result<Target> {
        let wanted = normalise(query);
        if wanted.is_empty() {
            return Err(Error::Input(format!(
                "'{query}' is not a name; give an id, a short name, a name or a group"
            )));
        }
        for level in 0..5 {
            let hits: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| e.names[level].contains(&wanted))
                .collect();
            match hits.as_slice() {
                [] => continue,
                [one] => return Ok(Target::Node(one.id.clone())),
                many => {
                    let listed: Vec<String> = many.iter().map(|e| self.describe(e)).collect();
                    return Err(Error::Input(format!(
                        "'{query}' is ambiguous: it names {}; use one of their ids",
                        listed.join(", ")
                    )));
                }
            }
        }
        if let Some(group) = self
            .dataset
            .groups
            .iter()
            .find(|g| normalise(&g.id) == wanted || normalise(&g.name) == wanted)
        {
            return Ok(Target::Group {
                id: group.id.clone(),
                bodies: self
                    .dataset
                    .bodies
                    .iter()
                    .filter(|b| b.group == group.id)
                    .map(|b| b.id.clone())
                    .collect(),
            });
        }
        Err(Error::Input(format!(
            "no body, mechanism, forum or group is called '{query}'{}",
            self.suggestions(&wanted)
        )))
    }

    /// Every body, forum and mechanism (in that order, the order ambiguous names are listed
    /// in) with the normalised names it answers to per level: id, short name, name, aliases,
    /// names without their country. The HTML page resolves names from this index.
    pub fn names(&self) -> impl Iterator<Item = (&str, &[Vec<String>; 5])> {
        self.entries.iter().map(|e| (e.id.as_str(), &e.names))
    }

    fn describe(&self, entry: &Entry) -> String {
        match &entry.group {
            Some(group) => {
                let name = self
                    .dataset
                    .groups
                    .iter()
                    .find(|g| &g.id == group)
                    .map_or(group.as_str(), |g| g.name.as_str());
                format!("'{}' ({}, {} {})", entry.label, entry.id, name, entry.kind)
            }
            None => format!("'{}' ({}, {})", entry.label, entry.id, entry.kind),
        }
    }

    /// "; did you mean …" with up to three closest entries by edit distance over every name.
    fn suggestions(&self, wanted: &str) -> String {
        let mut scored: Vec<(f64, &Entry)> = self
            .entries
            .iter()
            .map(|entry| {
                let best = entry
                    .names
                    .iter()
                    .flatten()
                    .map(|name| {
                        let mut score = strsim::normalized_damerau_levenshtein(wanted, name);
                        if name.starts_with(wanted) || name.split(' ').any(|w| w == wanted) {
                            score = score.max(0.7);
                        }
                        score
                    })
                    .fold(0.0, f64::max);
                (best, entry)
            })
            .filter(|(score, _)| *score >= 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let names: Vec<String> = scored
            .iter()
            .take(3)
            .map(|(_, entry)| self.describe(entry))
            .collect();
        if names.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", names.join(" or "))
        }
    }
}

/// `name` without a leading or trailing country qualifier ("mod japan" → "mod",
/// "ministry of defence of india" → "ministry of defence"), if it has one.
fn strip_qualifier(name: &str, qualifiers: &[String]) -> Option<String> {
    for qualifier in qualifiers {
        for suffix in [format!(" of {qualifier}"), format!(" {qualifier}")] {
            if let Some(stripped) = name.strip_suffix(&suffix) {
                if !stripped.is_empty() {
                    return Some(stripped.to_string());
                }
            }
        }
        if let Some(stripped) = name.strip_prefix(&format!("{qualifier} ")) {
            if !stripped.is_empty() {
                return Some(stripped.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_accents_punctuation_and_spacing() {
        assert_eq!(
            normalise("  Ministry of Défence,  Japan "),
            "ministry of defence japan"
        );
        assert_eq!(normalise("MoD-Japan"), "mod japan");
    }

    #[test]
    fn strips_country_qualifiers() {
        let q = vec!["japan".to_string(), "india".to_string()];
        assert_eq!(strip_qualifier("mod japan", &q).as_deref(), Some("mod"));
        assert_eq!(
            strip_qualifier("ministry of defence of india", &q).as_deref(),
            Some("ministry of defence")
        );
        assert_eq!(strip_qualifier("japan", &q), None);
        assert_eq!(strip_qualifier("mlit", &q), None);
    }
}
