//! The briefing's findings: every number computed from the analyses, then written as plain
//! sentences (Markdown).

use super::analyses::Analyses;
use crate::analysis::overlap::Channel;
use crate::analysis::structure;
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::progress::Progress;
use crate::text::escape::markdown;
use crate::text::numbers::group_digits as count;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A body ranked by centrality, with the mechanisms that make it so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Central {
    /// Body id.
    pub id: String,
    /// Two-mode betweenness.
    pub betweenness: f64,
    /// Half the width of its 95% interval, where betweenness is sampled.
    pub interval: Option<f64>,
    /// Number of mechanisms it takes part in.
    pub mechanisms: usize,
    /// Those mechanisms as "name (ref)".
    pub through: Vec<String>,
}

/// A body brokering between groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Between {
    /// Body id.
    pub id: String,
    /// Gatekeeper + representative + liaison counts (paths between different groups).
    pub across: u64,
    /// Burt's constraint.
    pub constraint: Option<f64>,
}

/// Everything the briefing says, as numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Findings {
    /// Bodies per group (name, count).
    pub bodies_by_group: Vec<(String, usize)>,
    /// Number of mechanisms.
    pub mechanisms: usize,
    /// Number of forums.
    pub forums: usize,
    /// Number of mechanisms citing a source.
    pub sourced: usize,
    /// Mechanisms citing nothing (ids).
    pub unsourced: Vec<String>,
    /// The five most central bodies (two-mode betweenness).
    pub central: Vec<Central>,
    /// How the network's centralities were estimated, when not exactly (sampled sources and
    /// their error bound; measures left out).
    pub centrality_notes: Vec<String>,
    /// The bodies that broker most between groups.
    pub brokers: Vec<Between>,
    /// Redundant channels (mechanisms with the same participants).
    pub channels: Vec<Channel>,
    /// Bodies whose loss cuts bodies off.
    pub body_cut_points: Vec<structure::CutOff>,
    /// Mechanisms and forums whose loss cuts bodies off.
    pub mechanism_cut_points: Vec<structure::CutOff>,
    /// Pieces of the bodies graph without and with the hierarchy.
    pub components: (usize, usize),
    /// Mechanisms per area (label, count), in document order.
    pub per_area: Vec<(String, usize)>,
    /// Mechanisms per stated level (level, count), most first.
    pub per_level: Vec<(String, usize)>,
    /// Bodies tied to two or more forums (id, forum ids).
    pub multi_forum: Vec<(String, Vec<String>)>,
}

/// Computes the findings of `dataset` (every analysis from scratch; the report computes them
/// once and calls [`findings_of`]).
pub fn findings(dataset: &Dataset) -> Findings {
    findings_of(dataset, &Analyses::compute(dataset, &Progress::hidden()))
}

/// The findings of `dataset`, read from its computed analyses.
pub fn findings_of(dataset: &Dataset, analyses: &Analyses) -> Findings {
    let central = analyses
        .central_bodies_at()
        .take(5)
        .map(|(v, s)| {
            let through: Vec<String> = dataset
                .mechanisms
                .iter()
                .filter(|m| m.participants.iter().any(|p| p.body == s.id))
                .map(|m| match m.source() {
                    Some(src) => format!("{} ({})", m.name, src.reference),
                    None => m.name.clone(),
                })
                .collect();
            Central {
                id: s.id.clone(),
                betweenness: s.betweenness.unwrap_or(0.0),
                interval: analyses.network_intervals.as_ref().map(|h| h[v]),
                mechanisms: through.len(),
                through,
            }
        })
        .collect();
    let mut brokers: Vec<Between> = analyses
        .brokers
        .iter()
        .map(|b| Between {
            across: b.roles.gatekeeper + b.roles.representative + b.roles.liaison,
            id: b.id.clone(),
            constraint: b.constraint,
        })
        .filter(|b| b.across > 0)
        .collect();
    brokers.sort_by(|a, b| b.across.cmp(&a.across).then_with(|| a.id.cmp(&b.id)));
    brokers.truncate(5);
    let plain = &analyses.structure;
    let per_area = dataset
        .areas
        .iter()
        .map(|a| {
            let label = match &a.section {
                Some(s) => format!("{s} {}", a.name),
                None => a.name.clone(),
            };
            let n = dataset
                .mechanisms
                .iter()
                .filter(|m| m.area.as_deref() == Some(a.id.as_str()))
                .count();
            (label, n)
        })
        .collect();
    let mut levels: BTreeMap<String, usize> = BTreeMap::new();
    for m in &dataset.mechanisms {
        if let Some(level) = &m.level {
            *levels.entry(level.clone()).or_default() += 1;
        }
    }
    let mut per_level: Vec<(String, usize)> = levels.into_iter().collect();
    per_level.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut forums_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for forum in &dataset.forums {
        for member in &forum.members {
            forums_of
                .entry(member.as_str())
                .or_default()
                .insert(&forum.id);
        }
    }
    for m in &dataset.mechanisms {
        for forum in &m.via {
            for p in &m.participants {
                forums_of.entry(p.body.as_str()).or_default().insert(forum);
            }
        }
    }
    let multi_forum = dataset
        .bodies
        .iter()
        .filter_map(|b| {
            let forums = forums_of.get(b.id.as_str())?;
            (forums.len() >= 2)
                .then(|| (b.id.clone(), forums.iter().map(|f| f.to_string()).collect()))
        })
        .collect();
    let bodies_by_group = dataset
        .groups
        .iter()
        .map(|g| {
            (
                g.name.clone(),
                dataset.bodies.iter().filter(|b| b.group == g.id).count(),
            )
        })
        .collect();
    Findings {
        bodies_by_group,
        mechanisms: dataset.mechanisms.len(),
        forums: dataset.forums.len(),
        sourced: dataset
            .mechanisms
            .iter()
            .filter(|m| m.source().is_some())
            .count(),
        unsourced: dataset
            .mechanisms
            .iter()
            .filter(|m| m.source().is_none())
            .map(|m| m.id.clone())
            .collect(),
        central,
        centrality_notes: analyses.network.result.notes.clone(),
        brokers,
        channels: analyses.channels.clone(),
        body_cut_points: plain.body_cut_points.clone(),
        mechanism_cut_points: plain.mechanism_cut_points.clone(),
        components: (
            plain.body_components.len(),
            analyses.components_with_hierarchy,
        ),
        per_area,
        per_level,
        multi_forum,
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Longest list a sentence of the briefing names in full; longer ones name this many and count
/// the rest, so the note reads in two minutes at any size (the tables list everything).
const MOST_NAMED: usize = 8;

/// Burt's constraint as the briefing states it: two decimals, and "below 0.01" where two
/// decimals would round a hub's tiny constraint to a meaningless 0.00.
fn constraint(c: f64) -> String {
    if c < 0.005 {
        "; Burt's constraint below 0.01".to_string()
    } else {
        format!("; Burt's constraint {c:.2}")
    }
}

/// Most items a section of the briefing lists; the rest are counted.
const MOST_LISTED: usize = 10;

/// The briefing note as Markdown. Every piece of dataset text goes through
/// [`markdown`], so a name shows as written and can neither run HTML nor reformat the note.
pub fn briefing(dataset: &Dataset, f: &Findings) -> String {
    let labels = Labels::new(dataset);
    let name = |id: &str| markdown(labels.of(id));
    let group_of = |id: &str| {
        dataset
            .bodies
            .iter()
            .find(|b| b.id == id)
            .map(|b| markdown(labels.of(&b.group)))
            .unwrap_or_default()
    };
    let names = |ids: &[String]| {
        let named: Vec<String> = ids.iter().take(MOST_NAMED).map(|i| name(i)).collect();
        match ids.len().checked_sub(MOST_NAMED).filter(|&more| more > 0) {
            Some(more) => format!("{} and {} more", named.join(", "), count(more)),
            None => list(&named),
        }
    };
    let mut md = String::new();
    let title = markdown(dataset.title.as_deref().unwrap_or("Cooperation network"));
    md.push_str(&format!("# Briefing: {title}\n\n"));
    if let Some(source) = dataset.sources.first() {
        md.push_str(&format!(
            "Source: *{}*{}. Every number below is computed by coopgraph from the dataset; every tie cites its clause.\n\n",
            markdown(&source.title),
            source.date.as_ref().map(|d| format!(" ({})", markdown(d))).unwrap_or_default()
        ));
    }
    let total: usize = f.bodies_by_group.iter().map(|(_, n)| n).sum();
    let groups: Vec<String> = f
        .bodies_by_group
        .iter()
        .map(|(g, n)| format!("{} of {}", count(*n), markdown(g)))
        .collect();
    md.push_str("## The network\n\n");
    md.push_str(&format!(
        "The plan ties {} bodies ({}) through {} mechanisms, {} of them citing their clause, with {} multilateral forums. ",
        count(total),
        list(&groups),
        count(f.mechanisms),
        count(f.sourced),
        count(f.forums)
    ));
    md.push_str(&format!(
        "Cooperation alone splits the bodies into {} separate groups; counting each body's place in its own government's hierarchy, {} remain.\n\n",
        count(f.components.0),
        count(f.components.1)
    ));
    md.push_str("## Most central bodies\n\n");
    md.push_str("Ranked by two-mode betweenness on the network of bodies, mechanisms and forums (how often a body lies on the shortest routes between others):\n\n");
    for note in &f.centrality_notes {
        md.push_str(&format!("*Estimated:* {}.\n\n", markdown(note)));
    }
    for (rank, c) in f.central.iter().enumerate() {
        let shown: Vec<String> = c.through.iter().take(4).map(|t| markdown(t)).collect();
        let more = c.through.len().saturating_sub(4);
        md.push_str(&format!(
            "{}. **{}** ({}): betweenness {:.4}{}; takes part in {} mechanism{}: {}{}.\n",
            rank + 1,
            name(&c.id),
            group_of(&c.id),
            c.betweenness,
            c.interval
                .map(|h| format!(" (±{h:.4})"))
                .unwrap_or_default(),
            count(c.mechanisms),
            if c.mechanisms == 1 { "" } else { "s" },
            if more > 0 {
                format!("{} and {} more", shown.join(", "), count(more))
            } else {
                list(&shown)
            },
            String::new()
        ));
    }
    md.push_str("\n## Brokers between the countries\n\n");
    if f.brokers.is_empty() {
        md.push_str("No body links bodies of different countries that are not tied directly.\n\n");
    } else {
        for b in &f.brokers {
            md.push_str(&format!(
                "- **{}** ({}) stands between bodies of different countries {} times (Gould–Fernandez gatekeeper, representative and liaison roles){}.\n",
                name(&b.id),
                group_of(&b.id),
                count(b.across),
                b.constraint.map(constraint).unwrap_or_default()
            ));
        }
        md.push('\n');
    }
    md.push_str("## Redundant channels\n\n");
    let redundant: Vec<&Channel> = f.channels.iter().collect();
    if redundant.is_empty() {
        md.push_str("No two mechanisms tie exactly the same bodies.\n\n");
    } else {
        for c in redundant.iter().take(MOST_LISTED) {
            md.push_str(&format!(
                "- {} separate mechanisms tie exactly {}: {}.\n",
                c.mechanisms.len(),
                names(&c.bodies),
                names(&c.mechanisms)
            ));
        }
        if redundant.len() > MOST_LISTED {
            md.push_str(&format!(
                "- … and {} more sets of mechanisms tying exactly the same bodies (tables/redundant-channels.csv lists them all).\n",
                count(redundant.len() - MOST_LISTED)
            ));
        }
        md.push('\n');
    }
    md.push_str("## Single points of failure\n\n");
    for p in f.body_cut_points.iter().take(5) {
        md.push_str(&format!(
            "- If **{}** dropped out, {} would lose {} tie to the rest.\n",
            name(&p.id),
            names(&p.cut_off),
            if p.cut_off.len() == 1 { "its" } else { "their" }
        ));
    }
    for p in f.mechanism_cut_points.iter().take(5) {
        md.push_str(&format!(
            "- Without the mechanism **{}**, {} would be cut off.\n",
            name(&p.id),
            names(&p.cut_off)
        ));
    }
    if f.body_cut_points.is_empty() && f.mechanism_cut_points.is_empty() {
        md.push_str("No single body or mechanism holds the network together.\n");
    }
    md.push_str("\n## Channels per area and level\n\n");
    for (area, n) in &f.per_area {
        md.push_str(&format!(
            "- {}: {} mechanism{}.\n",
            markdown(area),
            count(*n),
            if *n == 1 { "" } else { "s" }
        ));
    }
    if !f.per_level.is_empty() {
        md.push_str(&format!(
            "\n{} mechanisms state the level of the officials who meet: {}.\n",
            count(f.per_level.iter().map(|(_, n)| n).sum::<usize>()),
            list(
                &f.per_level
                    .iter()
                    .map(|(l, n)| format!("{} ({})", markdown(l), count(*n)))
                    .collect::<Vec<_>>()
            )
        ));
    }
    md.push_str("\n## Bodies in several forums\n\n");
    if f.multi_forum.is_empty() {
        md.push_str("No body is tied to more than one forum.\n");
    }
    // Past a screenful, the bodies in most forums, and a count of the rest.
    let mut multi: Vec<&(String, Vec<String>)> = f.multi_forum.iter().collect();
    if multi.len() > MOST_LISTED {
        multi.sort_by_key(|(_, forums)| std::cmp::Reverse(forums.len()));
    }
    for (body, forums) in multi.iter().take(MOST_LISTED) {
        md.push_str(&format!(
            "- **{}** is tied to {} forums: {}.\n",
            name(body),
            forums.len(),
            names(forums)
        ));
    }
    if multi.len() > MOST_LISTED {
        md.push_str(&format!(
            "- … and {} more bodies tied to two or more forums.\n",
            count(multi.len() - MOST_LISTED)
        ));
    }
    md.push_str("\n## Sources\n\n");
    if f.unsourced.is_empty() {
        md.push_str(&format!("All {} mechanisms cite a clause of the source, and every quote was found verbatim in the source text.\n", count(f.mechanisms)));
    } else {
        md.push_str(&format!(
            "{} mechanisms cite no source: {}.\n",
            count(f.unsourced.len()),
            names(&f.unsourced)
        ));
    }
    md
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tiny_constraint_is_not_shown_as_zero() {
        assert_eq!(super::constraint(0.0012), "; Burt's constraint below 0.01");
        assert_eq!(super::constraint(0.55), "; Burt's constraint 0.55");
    }
}
