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
    let plain = &analyses.structure;
    Findings {
        bodies_by_group: bodies_by_group(dataset),
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
        central: most_central(dataset, analyses),
        centrality_notes: analyses.network.ranked.result.notes.clone(),
        brokers: top_brokers(analyses),
        channels: analyses.channels.clone(),
        body_cut_points: plain.body_cut_points.clone(),
        mechanism_cut_points: plain.mechanism_cut_points.clone(),
        components: (
            plain.body_components.len(),
            analyses.components_with_hierarchy,
        ),
        per_area: mechanisms_per_area(dataset),
        per_level: mechanisms_per_level(dataset),
        multi_forum: bodies_in_several_forums(dataset),
    }
}

/// The five most central bodies, each with the mechanisms it takes part in.
fn most_central(dataset: &Dataset, analyses: &Analyses) -> Vec<Central> {
    analyses
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
                interval: analyses.network.intervals.as_ref().map(|h| h[v]),
                mechanisms: through.len(),
                through,
            }
        })
        .collect()
}

/// The five bodies that stand most often between bodies of different groups.
fn top_brokers(analyses: &Analyses) -> Vec<Between> {
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
    brokers
}

/// Mechanisms per area, labelled with the area's section, in document order.
fn mechanisms_per_area(dataset: &Dataset) -> Vec<(String, usize)> {
    let mut per_area: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &dataset.mechanisms {
        if let Some(area) = &m.area {
            *per_area.entry(area).or_default() += 1;
        }
    }
    dataset
        .areas
        .iter()
        .map(|a| {
            let label = match &a.section {
                Some(s) => format!("{s} {}", a.name),
                None => a.name.clone(),
            };
            (label, per_area.get(a.id.as_str()).copied().unwrap_or(0))
        })
        .collect()
}

/// Mechanisms per stated level, most first.
fn mechanisms_per_level(dataset: &Dataset) -> Vec<(String, usize)> {
    let mut levels: BTreeMap<String, usize> = BTreeMap::new();
    for m in &dataset.mechanisms {
        if let Some(level) = &m.level {
            *levels.entry(level.clone()).or_default() += 1;
        }
    }
    let mut per_level: Vec<(String, usize)> = levels.into_iter().collect();
    per_level.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    per_level
}

/// Bodies tied to two or more forums, as members or through a mechanism held within one.
fn bodies_in_several_forums(dataset: &Dataset) -> Vec<(String, Vec<String>)> {
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
    dataset
        .bodies
        .iter()
        .filter_map(|b| {
            let forums = forums_of.get(b.id.as_str())?;
            (forums.len() >= 2)
                .then(|| (b.id.clone(), forums.iter().map(|f| f.to_string()).collect()))
        })
        .collect()
}

/// Bodies per group, in the dataset's order of groups.
fn bodies_by_group(dataset: &Dataset) -> Vec<(String, usize)> {
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &dataset.bodies {
        *per_group.entry(b.group.as_str()).or_default() += 1;
    }
    dataset
        .groups
        .iter()
        .map(|g| {
            let n = per_group.get(g.id.as_str()).copied().unwrap_or(0);
            (g.name.clone(), n)
        })
        .collect()
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 mechanism", "2 mechanisms": a count with its noun in the right number.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Longest list a sentence of the briefing names in full; longer ones name this many and count
/// the rest, so the note reads in two minutes at any size (the tables list everything).
const MOST_NAMED: usize = 8;

/// Most groups the opening sentence names: past a handful, a reader stops reading, so the
/// largest are named and the rest counted.
const MOST_GROUPS_NAMED: usize = 5;

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

/// How the briefing names the dataset's things: escaped for Markdown, long lists cut.
struct Namer<'a> {
    labels: Labels<'a>,
}

impl Namer<'_> {
    /// A node's label, escaped.
    fn name(&self, id: &str) -> String {
        markdown(self.labels.of(id))
    }

    /// The name of a body's group, escaped.
    fn group_of(&self, id: &str) -> String {
        self.labels
            .group(id)
            .map(|g| markdown(self.labels.of(g)))
            .unwrap_or_default()
    }

    /// Up to [`MOST_NAMED`] names in a list, the rest counted.
    fn names(&self, ids: &[String]) -> String {
        let named: Vec<String> = ids.iter().take(MOST_NAMED).map(|i| self.name(i)).collect();
        match ids.len().checked_sub(MOST_NAMED).filter(|&more| more > 0) {
            Some(more) => format!("{} and {} more", named.join(", "), count(more)),
            None => list(&named),
        }
    }
}

/// The briefing note as Markdown. Every piece of dataset text goes through
/// [`markdown`], so a name shows as written and can neither run HTML nor reformat the note.
pub fn briefing(dataset: &Dataset, f: &Findings) -> String {
    let namer = Namer {
        labels: Labels::new(dataset),
    };
    let mut md = String::new();
    heading(&mut md, dataset);
    network(&mut md, f);
    central(&mut md, &namer, f);
    brokers(&mut md, &namer, f);
    redundant(&mut md, &namer, f);
    failures(&mut md, &namer, f);
    areas_and_levels(&mut md, f);
    forums(&mut md, &namer, f);
    sources(&mut md, &namer, f);
    md
}

/// The title and the source document.
fn heading(md: &mut String, dataset: &Dataset) {
    let title = markdown(dataset.title.as_deref().unwrap_or("Cooperation network"));
    md.push_str(&format!("# Briefing: {title}\n\n"));
    if let Some(source) = dataset.sources.first() {
        md.push_str(&format!(
            "Source: *{}*{}. Every number below is computed by coopgraph from the dataset; every tie cites its clause.\n\n",
            markdown(&source.title),
            source.date.as_ref().map(|d| format!(" ({})", markdown(d))).unwrap_or_default()
        ));
    }
}

/// "28 of Japan and 25 of India"; past [`MOST_GROUPS_NAMED`] groups, the largest named and
/// the rest counted ("… and 6,674 more in 135 other groups").
fn groups_in_words(by_group: &[(String, usize)]) -> String {
    let in_words = |(g, n): &(String, usize)| format!("{} of {}", count(*n), markdown(g));
    // One more than the handful would read "and 40 in 1 other group": name it instead.
    if by_group.len() <= MOST_GROUPS_NAMED + 1 {
        return list(&by_group.iter().map(in_words).collect::<Vec<_>>());
    }
    let mut largest: Vec<&(String, usize)> = by_group.iter().collect();
    largest.sort_by_key(|g| std::cmp::Reverse(g.1));
    let (named, rest) = largest.split_at(MOST_GROUPS_NAMED);
    let named: Vec<String> = named.iter().map(|g| in_words(g)).collect();
    format!(
        "largest: {}; {} more in {} other groups",
        list(&named),
        count(rest.iter().map(|(_, n)| n).sum::<usize>()),
        count(rest.len())
    )
}

/// "The network": the counts in words and how many pieces the bodies fall into.
fn network(md: &mut String, f: &Findings) {
    let total: usize = f.bodies_by_group.iter().map(|(_, n)| n).sum();
    let sourced = match f.sourced {
        0 => "none of them".to_string(),
        n => format!("{} of them", count(n)),
    };
    md.push_str("## The network\n\n");
    md.push_str(&format!(
        "The plan ties {} ({}) through {}, {sourced} citing their clause, with {}. ",
        counted(total, "body", "bodies"),
        groups_in_words(&f.bodies_by_group),
        counted(f.mechanisms, "mechanism", "mechanisms"),
        counted(f.forums, "multilateral forum", "multilateral forums"),
    ));
    md.push_str(&match f.components {
        (0 | 1, _) => "Cooperation alone ties all the bodies into one connected network.\n\n".to_string(),
        (apart, 1) => format!(
            "Cooperation alone splits the bodies into {} separate groups; counting each body's place in its own government's hierarchy, they form one.\n\n",
            count(apart)
        ),
        (apart, with_hierarchy) => format!(
            "Cooperation alone splits the bodies into {} separate groups; counting each body's place in its own government's hierarchy, {} remain.\n\n",
            count(apart),
            count(with_hierarchy)
        ),
    });
}

/// "Most central bodies": the ranking and the mechanisms behind each.
fn central(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("## Most central bodies\n\n");
    md.push_str("Ranked by two-mode betweenness on the network of bodies, mechanisms and forums (how often a body lies on the shortest routes between others):\n\n");
    for note in &f.centrality_notes {
        md.push_str(&format!("*Estimated:* {}.\n\n", markdown(note)));
    }
    for (rank, c) in f.central.iter().enumerate() {
        let shown: Vec<String> = c.through.iter().take(4).map(|t| markdown(t)).collect();
        let more = c.through.len().saturating_sub(4);
        md.push_str(&format!(
            "{}. **{}** ({}): betweenness {:.4}{}; takes part in {}: {}.\n",
            rank + 1,
            namer.name(&c.id),
            namer.group_of(&c.id),
            c.betweenness,
            c.interval
                .map(|h| format!(" (±{h:.4})"))
                .unwrap_or_default(),
            counted(c.mechanisms, "mechanism", "mechanisms"),
            if more > 0 {
                format!("{} and {} more", shown.join(", "), count(more))
            } else {
                list(&shown)
            },
        ));
    }
}

/// "Brokers between the countries".
fn brokers(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("\n## Brokers between the countries\n\n");
    if f.brokers.is_empty() {
        md.push_str("No body links bodies of different countries that are not tied directly.\n\n");
        return;
    }
    for b in &f.brokers {
        md.push_str(&format!(
            "- **{}** ({}) stands between bodies of different countries {} times (Gould–Fernandez gatekeeper, representative and liaison roles){}.\n",
            namer.name(&b.id),
            namer.group_of(&b.id),
            count(b.across),
            b.constraint.map(constraint).unwrap_or_default()
        ));
    }
    md.push('\n');
}

/// "Redundant channels": sets of mechanisms with exactly the same participants.
fn redundant(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("## Redundant channels\n\n");
    if f.channels.is_empty() {
        md.push_str("No two mechanisms tie exactly the same bodies.\n\n");
        return;
    }
    for c in f.channels.iter().take(MOST_LISTED) {
        // A "channel" of one body is several mechanisms it alone takes part in: nothing is
        // tied, so the sentence says so rather than "tie exactly B".
        let sentence = match c.bodies.as_slice() {
            [only] => format!(
                "- {} separate mechanisms have {} as their only participant: {}.\n",
                count(c.mechanisms.len()),
                namer.name(only),
                namer.names(&c.mechanisms)
            ),
            _ => format!(
                "- {} separate mechanisms tie exactly {}: {}.\n",
                count(c.mechanisms.len()),
                namer.names(&c.bodies),
                namer.names(&c.mechanisms)
            ),
        };
        md.push_str(&sentence);
    }
    if f.channels.len() > MOST_LISTED {
        md.push_str(&format!(
            "- … and {} more sets of mechanisms tying exactly the same bodies (tables/redundant-channels.csv lists them all).\n",
            count(f.channels.len() - MOST_LISTED)
        ));
    }
    md.push('\n');
}

/// "Single points of failure": bodies and mechanisms whose loss cuts bodies off.
fn failures(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("## Single points of failure\n\n");
    for p in f.body_cut_points.iter().take(5) {
        md.push_str(&format!(
            "- If **{}** dropped out, {} would lose {} tie to the rest.\n",
            namer.name(&p.id),
            namer.names(&p.cut_off),
            if p.cut_off.len() == 1 { "its" } else { "their" }
        ));
    }
    for p in f.mechanism_cut_points.iter().take(5) {
        md.push_str(&format!(
            "- Without the mechanism **{}**, {} would be cut off.\n",
            namer.name(&p.id),
            namer.names(&p.cut_off)
        ));
    }
    if f.body_cut_points.is_empty() && f.mechanism_cut_points.is_empty() {
        md.push_str("No single body or mechanism holds the network together.\n");
    }
}

/// "Channels per area and level".
fn areas_and_levels(md: &mut String, f: &Findings) {
    md.push_str("\n## Channels per area and level\n\n");
    for (area, n) in &f.per_area {
        md.push_str(&format!(
            "- {}: {}.\n",
            markdown(area),
            counted(*n, "mechanism", "mechanisms")
        ));
    }
    if !f.per_level.is_empty() {
        let stated: usize = f.per_level.iter().map(|(_, n)| n).sum();
        let levels: Vec<String> = f
            .per_level
            .iter()
            .map(|(l, n)| format!("{} ({})", markdown(l), count(*n)))
            .collect();
        md.push_str(&format!(
            "\n{} {} the level of the officials who meet: {}.\n",
            counted(stated, "mechanism", "mechanisms"),
            if stated == 1 { "states" } else { "state" },
            list(&levels)
        ));
    }
}

/// "Bodies in several forums": past a screenful, the bodies in most forums and a count.
fn forums(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("\n## Bodies in several forums\n\n");
    if f.multi_forum.is_empty() {
        md.push_str("No body is tied to more than one forum.\n");
    }
    let mut multi: Vec<&(String, Vec<String>)> = f.multi_forum.iter().collect();
    if multi.len() > MOST_LISTED {
        multi.sort_by_key(|(_, forums)| std::cmp::Reverse(forums.len()));
    }
    for (body, forums) in multi.iter().take(MOST_LISTED) {
        md.push_str(&format!(
            "- **{}** is tied to {} forums: {}.\n",
            namer.name(body),
            forums.len(),
            namer.names(forums)
        ));
    }
    if multi.len() > MOST_LISTED {
        md.push_str(&format!(
            "- … and {} more bodies tied to two or more forums.\n",
            count(multi.len() - MOST_LISTED)
        ));
    }
}

/// "Sources": whether every mechanism cites its clause.
fn sources(md: &mut String, namer: &Namer, f: &Findings) {
    md.push_str("\n## Sources\n\n");
    if f.unsourced.is_empty() {
        md.push_str(&format!("All {} mechanisms cite a clause of the source, and every quote was found verbatim in the source text.\n", count(f.mechanisms)));
    } else {
        md.push_str(&format!(
            "{} {} no source: {}.\n",
            counted(f.unsourced.len(), "mechanism", "mechanisms"),
            if f.unsourced.len() == 1 {
                "cites"
            } else {
                "cite"
            },
            namer.names(&f.unsourced)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::Findings;

    #[test]
    fn a_handful_of_groups_is_named_and_the_rest_counted() {
        let few = vec![("Japan".to_string(), 28), ("India".to_string(), 25)];
        assert_eq!(super::groups_in_words(&few), "28 of Japan and 25 of India");
        let many: Vec<(String, usize)> =
            (0..140).map(|g| (format!("C{g:03}"), 10 + g % 7)).collect();
        let words = super::groups_in_words(&many);
        assert_eq!(
            words.matches(" of C").count(),
            super::MOST_GROUPS_NAMED,
            "{words}"
        );
        assert!(
            words.starts_with("largest: 16 of C006, 16 of C013"),
            "{words}"
        );
        let rest: usize = many.iter().map(|(_, n)| n).sum::<usize>() - 5 * 16;
        assert!(
            words.ends_with(&format!(
                "; {} more in 135 other groups",
                super::count(rest)
            )),
            "{words}"
        );
        // Six groups are all named: "and 40 in 1 other group" would say less than the name.
        let six: Vec<(String, usize)> = (0..6).map(|g| (format!("G{g}"), 1)).collect();
        assert!(!super::groups_in_words(&six).contains("other"));
    }

    #[test]
    fn counts_of_one_read_in_the_singular() {
        assert_eq!(super::counted(1, "body", "bodies"), "1 body");
        assert_eq!(super::counted(1_000, "body", "bodies"), "1,000 bodies");
        let mut md = String::new();
        let findings = Findings {
            bodies_by_group: vec![("Only".to_string(), 1)],
            mechanisms: 1,
            forums: 1,
            sourced: 0,
            unsourced: vec![],
            central: vec![],
            centrality_notes: vec![],
            brokers: vec![],
            channels: vec![],
            body_cut_points: vec![],
            mechanism_cut_points: vec![],
            components: (1, 1),
            per_area: vec![],
            per_level: vec![],
            multi_forum: vec![],
        };
        super::network(&mut md, &findings);
        assert!(md.contains("ties 1 body (1 of Only) through 1 mechanism, none of them citing their clause, with 1 multilateral forum."), "{md}");
        assert!(md.contains("into one connected network"), "{md}");
        assert!(!md.contains("1 separate groups"), "{md}");
    }

    #[test]
    fn a_tiny_constraint_is_not_shown_as_zero() {
        assert_eq!(super::constraint(0.0012), "; Burt's constraint below 0.01");
        assert_eq!(super::constraint(0.55), "; Burt's constraint 0.55");
    }
}
