//! Hierarchy roll-up (`--collapse DEPTH`): bodies deeper than DEPTH in their organisation are
//! merged into their ancestor at that depth ("MLIT with its bureaus and agencies"), so that
//! every analysis, query and diagram can look at the organisation from higher up.
//!
//! Depth counts from the country: a body without a parent is at depth 1, its sub-bodies at 2,
//! and so on; `DEPTH = 0` merges each group (country) into one body. The transform is
//! dataset-to-dataset: mechanisms keep their ids, names and sources and list the merged bodies
//! instead of the originals (each once, with the strongest role); forum member lists likewise.
//! A merged body keeps its id and names and takes the names of what it absorbed as aliases, so
//! `path JCG India --collapse 1` still finds the Japan Coast Guard (inside MLIT).

use crate::model::{Body, Dataset, Role};
use std::collections::{BTreeMap, HashMap};

/// A rolled-up dataset and what was merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    /// The dataset with deep bodies merged into their ancestors.
    pub dataset: Dataset,
    /// The depth rolled up to.
    pub depth: usize,
    /// Each body that absorbed others (by its id in the rolled-up dataset), with the ids of the
    /// bodies it absorbed, in dataset order.
    pub merged: BTreeMap<String, Vec<String>>,
}

impl Rollup {
    /// Number of bodies merged away.
    pub fn merged_count(&self) -> usize {
        self.merged.values().map(Vec::len).sum()
    }
}

/// Depth of every body: 1 for a body without a parent, parent's depth + 1 below it. A parent
/// cycle (which validation refuses) is cut where it closes.
///
/// Complexity: O(B) without cycles (each depth is its parent's plus one, remembered).
pub fn depths(dataset: &Dataset) -> HashMap<String, usize> {
    let parent = parents(dataset);
    let chains = Chains::of(&parent, dataset);
    dataset
        .bodies
        .iter()
        .map(|b| (b.id.clone(), chains.depth(&b.id)))
        .collect()
}

/// Each body's parent, by id.
fn parents(dataset: &Dataset) -> HashMap<&str, &str> {
    dataset
        .bodies
        .iter()
        .filter_map(|b| b.parent.as_deref().map(|p| (b.id.as_str(), p)))
        .collect()
}

/// Depths of the parent chains, remembered so that a chain h deep costs O(h) in all, not O(h²)
/// per body; where the parent links close a cycle, each body's own walk decides instead.
struct Chains<'a> {
    parent: &'a HashMap<&'a str, &'a str>,
    /// Depth of every body, when no parent link closes a cycle.
    depth: Option<HashMap<&'a str, usize>>,
}

impl<'a> Chains<'a> {
    /// The chains of `parent` over the bodies of `dataset`.
    fn of(parent: &'a HashMap<&'a str, &'a str>, dataset: &'a Dataset) -> Chains<'a> {
        let mut depth: HashMap<&'a str, usize> = HashMap::with_capacity(dataset.bodies.len());
        let mut path: Vec<&'a str> = Vec::new();
        for body in &dataset.bodies {
            // Walk up to a body whose depth is known (or a root), then fill in on the way down.
            let mut current = body.id.as_str();
            path.clear();
            let mut base = 0;
            loop {
                if let Some(&known) = depth.get(current) {
                    base = known;
                    break;
                }
                path.push(current);
                if path.len() > parent.len() + 1 {
                    // Longer than there are links: a cycle; fall back to walking per body.
                    return Chains {
                        parent,
                        depth: None,
                    };
                }
                match parent.get(current) {
                    Some(&up) => current = up,
                    None => break,
                }
            }
            for (i, id) in path.iter().rev().enumerate() {
                depth.insert(id, base + i + 1);
            }
        }
        Chains {
            parent,
            depth: Some(depth),
        }
    }

    /// The depth of `id` (its chain's length).
    fn depth(&self, id: &'a str) -> usize {
        match &self.depth {
            Some(depth) => depth.get(id).copied().unwrap_or(1),
            None => ancestry(self.parent, id).len(),
        }
    }

    /// For every body of `dataset`, its ancestor at `depth` (1 = its root), or the body itself
    /// when it is not deeper. Without cycles each body takes its parent's answer (parents first,
    /// by depth), so a chain h deep costs O(h), not O(h²).
    fn ancestors_at(&self, dataset: &'a Dataset, depth: usize) -> HashMap<&'a str, &'a str> {
        let Some(depths) = &self.depth else {
            return dataset
                .bodies
                .iter()
                .map(|b| {
                    let chain = ancestry(self.parent, &b.id);
                    let at = if chain.len() > depth {
                        chain[chain.len() - depth]
                    } else {
                        b.id.as_str()
                    };
                    (b.id.as_str(), at)
                })
                .collect();
        };
        let mut by_depth: Vec<&'a str> = dataset.bodies.iter().map(|b| b.id.as_str()).collect();
        by_depth.sort_by_key(|id| depths.get(id).copied().unwrap_or(1));
        let mut target: HashMap<&'a str, &'a str> = HashMap::with_capacity(by_depth.len());
        for id in by_depth {
            let own_depth = depths.get(id).copied().unwrap_or(1);
            let at = match self.parent.get(id) {
                Some(up) if own_depth > depth => target.get(up).copied().unwrap_or(id),
                _ => id,
            };
            target.insert(id, at);
        }
        target
    }
}

/// The chain from `id` up to its root: `[id, parent, grandparent, …, root]`.
fn ancestry<'a>(parent: &HashMap<&'a str, &'a str>, id: &'a str) -> Vec<&'a str> {
    let mut chain = vec![id];
    let mut on_chain: std::collections::HashSet<&str> = std::collections::HashSet::from([id]);
    let mut current = id;
    while let Some(&up) = parent.get(current) {
        if !on_chain.insert(up) {
            break;
        }
        chain.push(up);
        current = up;
    }
    chain
}

/// Strength of a role when two merged participants of one mechanism become one.
fn rank(role: Role) -> u8 {
    match role {
        Role::Lead => 3,
        Role::Host => 2,
        Role::Participant => 1,
        Role::Observer => 0,
    }
}

/// The body each group's bodies merge into at depth 0: the group's government (a body of kind
/// `government` without a parent) when it has exactly one, else a new body named after the
/// group, with the group's id (or `GROUP-all` when that id is taken).
fn country_bodies(dataset: &Dataset) -> BTreeMap<String, Body> {
    let taken: std::collections::HashSet<&str> = dataset
        .bodies
        .iter()
        .map(|b| b.id.as_str())
        .chain(dataset.mechanisms.iter().map(|m| m.id.as_str()))
        .chain(dataset.forums.iter().map(|f| f.id.as_str()))
        .collect();
    let mut out = BTreeMap::new();
    for group in &dataset.groups {
        let governments: Vec<&Body> = dataset
            .bodies
            .iter()
            .filter(|b| b.group == group.id && b.parent.is_none() && b.kind == "government")
            .collect();
        let id = match governments.as_slice() {
            [only] => only.id.clone(),
            _ if !taken.contains(group.id.as_str()) => group.id.clone(),
            _ => format!("{}-all", group.id),
        };
        out.insert(
            group.id.clone(),
            Body {
                id,
                name: group.name.clone(),
                short: Some(group.name.clone()),
                aliases: Vec::new(),
                kind: "government".to_string(),
                group: group.id.clone(),
                parent: None,
                note: None,
                sources: Vec::new(),
                status: None,
                rule: None,
                confidence: None,
            },
        );
    }
    out
}

/// Rolls `dataset` up to `depth` (see the module documentation).
///
/// Complexity: O(B·(h − depth) + P) for B bodies of hierarchy height h and P participations.
pub fn collapse(dataset: &Dataset, depth: usize) -> Rollup {
    let parent = parents(dataset);
    let chains = Chains::of(&parent, dataset);
    let countries = country_bodies(dataset);
    // Where each body goes: itself, or its ancestor at `depth`, or its country's body.
    let ancestors = chains.ancestors_at(dataset, depth.max(1));
    let mut target: HashMap<&str, String> = HashMap::new();
    for body in &dataset.bodies {
        let goes_to = if depth == 0 {
            countries
                .get(&body.group)
                .map_or(body.id.clone(), |c| c.id.clone())
        } else {
            ancestors
                .get(body.id.as_str())
                .map_or(body.id.clone(), |at| at.to_string())
        };
        target.insert(body.id.as_str(), goes_to);
    }
    let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut kept: Vec<Body> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    if depth == 0 {
        // Dataset order of the groups, so the countries keep their order in every output.
        for country in dataset.groups.iter().filter_map(|g| countries.get(&g.id)) {
            if dataset.bodies.iter().any(|b| b.group == country.group) {
                position.insert(country.id.clone(), kept.len());
                kept.push(country.clone());
            }
        }
    }
    for body in &dataset.bodies {
        let goes_to = &target[body.id.as_str()];
        if *goes_to == body.id && depth > 0 {
            position.insert(body.id.clone(), kept.len());
            kept.push(body.clone());
        }
    }
    let mut known_names: HashMap<usize, std::collections::HashSet<String>> = HashMap::new();
    for body in &dataset.bodies {
        let goes_to = &target[body.id.as_str()];
        if *goes_to == body.id && depth > 0 {
            continue;
        }
        let Some(&at) = position.get(goes_to) else {
            continue;
        };
        // At depth 0 a country's government stands for the country: it is renamed, not merged.
        if *goes_to != body.id {
            merged
                .entry(goes_to.clone())
                .or_default()
                .push(body.id.clone());
        }
        // The absorbed body's names become aliases of the one it is merged into (a set of the
        // names it has, so that absorbing a long chain stays linear).
        let into = &mut kept[at];
        let names = known_names.entry(at).or_insert_with(|| {
            std::iter::once(&into.id)
                .chain(into.short.iter())
                .chain(std::iter::once(&into.name))
                .chain(into.aliases.iter())
                .cloned()
                .collect()
        });
        for name in std::iter::once(&body.id)
            .chain(body.short.iter())
            .chain(std::iter::once(&body.name))
            .chain(body.aliases.iter())
        {
            if names.insert(name.clone()) {
                into.aliases.push(name.clone());
            }
        }
    }
    note_merged(&mut kept, &position, &merged, dataset);
    let mut rolled = dataset.clone();
    rolled.bodies = kept;
    remap_ties(&mut rolled, &target);
    Rollup {
        dataset: rolled,
        depth,
        merged,
    }
}

/// Notes on each kept body which bodies it absorbed ("rolled up: includes …").
fn note_merged(
    kept: &mut [Body],
    position: &HashMap<String, usize>,
    merged: &BTreeMap<String, Vec<String>>,
    dataset: &Dataset,
) {
    let body_of: HashMap<&str, &Body> = dataset.bodies.iter().map(|b| (b.id.as_str(), b)).collect();
    for (id, absorbed) in merged {
        if let Some(&at) = position.get(id) {
            let names: Vec<&str> = absorbed
                .iter()
                .filter_map(|a| body_of.get(a.as_str()))
                .map(|b| b.label())
                .collect();
            let note = format!("rolled up: includes {}", names.join(", "));
            let body = &mut kept[at];
            body.note = Some(match &body.note {
                Some(old) => format!("{old}; {note}"),
                None => note,
            });
        }
    }
}

/// Points every participation and forum membership of `rolled` at the body it went to
/// (`target`), each body once per mechanism (its strongest role) and per forum.
fn remap_ties(rolled: &mut Dataset, target: &HashMap<&str, String>) {
    let map = |id: &str| target.get(id).cloned().unwrap_or_else(|| id.to_string());
    for mechanism in &mut rolled.mechanisms {
        // Each merged body once, with its strongest role; indexed so a giant mechanism stays
        // linear.
        let mut seen: Vec<crate::model::Participant> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        for p in &mechanism.participants {
            let body = map(&p.body);
            match slot.get(&body) {
                Some(&i) if rank(p.role) > rank(seen[i].role) => seen[i].role = p.role,
                Some(_) => {}
                None => {
                    slot.insert(body.clone(), seen.len());
                    seen.push(crate::model::Participant { body, role: p.role });
                }
            }
        }
        mechanism.participants = seen;
    }
    for forum in &mut rolled.forums {
        let mut members: Vec<String> = Vec::new();
        let mut listed: std::collections::HashSet<String> = std::collections::HashSet::new();
        for m in &forum.members {
            let id = map(m);
            if listed.insert(id.clone()) {
                members.push(id);
            }
        }
        forum.members = members;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{validate, Severity};

    fn bundled() -> Dataset {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        crate::ingest::json::read(&path).expect("bundled dataset")
    }

    #[test]
    fn depth_one_merges_bureaus_and_agencies_into_their_ministry() {
        let dataset = bundled();
        let rolled = collapse(&dataset, 1);
        let ids: Vec<&str> = rolled
            .dataset
            .bodies
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert!(ids.contains(&"mlit") && !ids.contains(&"jcg") && !ids.contains(&"icharm"));
        let mlit = &rolled.merged["mlit"];
        for absorbed in ["mlit-railway", "jcg", "nilim", "pwri", "icharm"] {
            assert!(mlit.contains(&absorbed.to_string()), "{absorbed} in MLIT");
        }
        let body = rolled
            .dataset
            .bodies
            .iter()
            .find(|b| b.id == "mlit")
            .expect("mlit");
        assert!(body.aliases.contains(&"JCG".to_string()));
        // Every body now has depth 1; every participant exists; nothing listed twice.
        assert!(depths(&rolled.dataset).values().all(|&d| d == 1));
        let report = validate(
            &rolled.dataset,
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        );
        let errors: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            rolled.merged_count() + rolled.dataset.bodies.len(),
            dataset.bodies.len()
        );
    }

    #[test]
    fn a_merged_participant_keeps_the_strongest_role_once() {
        let dataset = bundled();
        let rolled = collapse(&dataset, 1);
        for mechanism in &rolled.dataset.mechanisms {
            let mut bodies: Vec<&str> = mechanism
                .participants
                .iter()
                .map(|p| p.body.as_str())
                .collect();
            bodies.sort();
            let before = bodies.len();
            bodies.dedup();
            assert_eq!(before, bodies.len(), "{}", mechanism.id);
        }
        // The coast guards' exercises now tie MLIT (for JCG) and MOD India (for ICG).
        let coast = rolled
            .dataset
            .mechanisms
            .iter()
            .find(|m| {
                m.participants.iter().any(|p| p.body == "mlit")
                    && m.area.as_deref() == Some("coast-guard")
            })
            .expect("a coast guard mechanism");
        assert!(coast.participants.iter().any(|p| p.body == "mod-india"));
    }

    #[test]
    fn depth_zero_is_one_body_per_country() {
        let rolled = collapse(&bundled(), 0);
        let ids: Vec<&str> = rolled
            .dataset
            .bodies
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(ids, vec!["gov-japan", "gov-india"]);
        assert_eq!(rolled.dataset.bodies[0].label(), "Japan");
        let tied = rolled
            .dataset
            .mechanisms
            .iter()
            .filter(|m| m.participants.len() == 2)
            .count();
        assert!(tied > 40, "{tied} mechanisms tie the two countries");
    }

    #[test]
    fn invariants_hold_on_generated_hierarchies() {
        for seed in 1..12 {
            let mut dataset = crate::generate::generate(&crate::generate::Spec {
                bodies: 80,
                mechanisms: 30,
                groups: 3,
                forums: 2,
                mean_participants: 4.0,
                seed,
            });
            crate::generate::layer_hierarchy(&mut dataset, 4, seed);
            for depth in 0..5 {
                let rolled = collapse(&dataset, depth);
                let ids: std::collections::HashSet<&str> = rolled
                    .dataset
                    .bodies
                    .iter()
                    .map(|b| b.id.as_str())
                    .collect();
                // Every participant is a body of the rolled-up dataset, listed once.
                for m in &rolled.dataset.mechanisms {
                    let mut seen = std::collections::HashSet::new();
                    for p in &m.participants {
                        assert!(ids.contains(p.body.as_str()), "seed {seed} depth {depth}");
                        assert!(seen.insert(p.body.as_str()), "seed {seed} depth {depth}");
                    }
                }
                assert_eq!(rolled.dataset.mechanisms.len(), dataset.mechanisms.len());
                // Nothing is deeper than asked; depth 0 leaves one body per group.
                let deepest = depths(&rolled.dataset).values().copied().max().unwrap_or(0);
                assert!(
                    deepest <= depth.max(1),
                    "seed {seed} depth {depth}: {deepest}"
                );
                if depth == 0 {
                    assert_eq!(rolled.dataset.bodies.len(), 3);
                }
                assert_eq!(
                    rolled.dataset.bodies.len() + rolled.merged_count(),
                    dataset.bodies.len(),
                    "seed {seed} depth {depth}"
                );
            }
        }
    }

    #[test]
    fn a_depth_beyond_the_hierarchy_changes_nothing() {
        let dataset = bundled();
        let rolled = collapse(&dataset, 9);
        assert_eq!(rolled.dataset, dataset);
        assert!(rolled.merged.is_empty());
    }
}
