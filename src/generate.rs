//! Synthetic datasets for benchmarks: heavy-tailed membership, a few forums, a parent hierarchy.

use crate::model::{
    Area, Body, Dataset, Forum, Group, Mechanism, Participant, Role, Source, SourceRef,
};
use rand::{Rng, SeedableRng};

/// Parameters of a synthetic dataset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// Number of bodies.
    pub bodies: usize,
    /// Number of mechanisms.
    pub mechanisms: usize,
    /// Number of groups (countries).
    pub groups: usize,
    /// Number of forums.
    pub forums: usize,
    /// Mean number of participants per mechanism (at least 2).
    pub mean_participants: f64,
    /// Seed of the generator (ChaCha8: the same file on every platform).
    pub seed: u64,
}

/// Peak bytes per body, per mechanism, per participation, per forum and per group while a dataset
/// is generated and serialised, with margin: measured peaks were 398 MB for 1,000,000 bodies
/// (about 400 bytes each) and 193 MB for 100,000 mechanisms with 1.35 million participations.
const BYTES_PER: [(&str, u64); 5] = [
    ("body", 700),
    ("mechanism", 700),
    ("participation", 160),
    ("forum", 500),
    ("group", 200),
];

impl Spec {
    /// Most participants a mechanism gets: a tenth of the bodies (at least 2).
    pub fn largest_mechanism(&self) -> usize {
        (self.bodies / 10).max(2)
    }

    /// Roughly how much memory generating this dataset takes, in bytes.
    pub fn estimated_bytes(&self) -> u128 {
        let participants = self
            .mean_participants
            .min(self.largest_mechanism() as f64)
            .max(2.0);
        let counts = [
            self.bodies as u128,
            self.mechanisms as u128,
            (self.mechanisms as f64 * participants).min(u128::MAX as f64) as u128,
            self.forums as u128,
            self.groups as u128,
        ];
        counts
            .iter()
            .zip(BYTES_PER)
            .map(|(count, (_, bytes))| count.saturating_mul(bytes as u128))
            .fold(0u128, u128::saturating_add)
    }

    /// Checks the sizes before anything is allocated: a dataset that needs more than half of
    /// `available` bytes of memory, or more bodies than ids can number, is refused with a
    /// message saying what fits.
    pub fn check(&self, available: u64) -> Result<(), String> {
        if self.bodies > u32::MAX as usize {
            return Err(format!(
                "--bodies {} is more than {} bodies, the most generate can number",
                self.bodies,
                u32::MAX
            ));
        }
        let needed = self.estimated_bytes();
        let budget = u128::from(available / 2);
        if needed > budget {
            let gib = |bytes: u128| bytes as f64 / (1u64 << 30) as f64;
            return Err(format!(
                "a dataset of {} bodies, {} mechanisms, {} groups and {} forums needs about {:.1} GB of memory; this machine has {:.1} GB available and generate uses at most half of it — ask for fewer (at most about {} bodies and {} mechanisms each on their own)",
                self.bodies,
                self.mechanisms,
                self.groups,
                self.forums,
                gib(needed),
                gib(u128::from(available)),
                budget / u128::from(BYTES_PER[0].1),
                budget / (u128::from(BYTES_PER[1].1) + u128::from(BYTES_PER[2].1) * 14)
            ));
        }
        Ok(())
    }
}

/// Memory available to a new allocation, in bytes: `MemAvailable` of `/proc/meminfo`, or 4 GB
/// where that cannot be read.
pub fn available_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("MemAvailable:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(4 << 30, |kb| kb.saturating_mul(1024))
}

/// Generates a dataset that validates against the schema (mechanisms cite no source, which is a
/// warning only).
///
/// Mechanism sizes follow a Pareto law (shape 2, minimum 2, scaled to the requested mean, capped
/// at a tenth of the bodies) and participants are drawn by preferential attachment (probability
/// proportional to 1 + current degree), so a few bodies sit in many mechanisms, as ministries do.
/// About a fifth of the bodies have a parent in their own group; a tenth of the mechanisms run
/// through a forum.
pub fn generate(spec: &Spec) -> Dataset {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(spec.seed);
    let groups = spec.groups.max(1);
    let mut dataset = Dataset::empty();
    dataset.title = Some(format!(
        "Synthetic: {} bodies, {} mechanisms, {} groups (seed {})",
        spec.bodies, spec.mechanisms, groups, spec.seed
    ));
    dataset.groups = (0..groups)
        .map(|g| Group {
            id: format!("g{g}"),
            name: format!("Group {g}"),
        })
        .collect();
    dataset.areas = (0..5)
        .map(|a| Area {
            id: format!("a{a}"),
            name: format!("Area {a}"),
            source: None,
            section: None,
        })
        .collect();
    dataset.bodies = bodies(spec.bodies, groups, &mut rng);
    dataset.forums = (0..spec.forums).map(forum).collect();
    dataset.mechanisms = mechanisms(spec, &mut rng);
    dataset
}

/// `count` bodies spread evenly over `groups`, about a fifth with a parent in their group.
fn bodies(count: usize, groups: usize, rng: &mut impl Rng) -> Vec<Body> {
    let mut last_of_group: Vec<Vec<usize>> = vec![Vec::new(); groups];
    let mut bodies = Vec::with_capacity(count);
    for b in 0..count {
        let group = rng.random_range(0..groups);
        let parent = if !last_of_group[group].is_empty() && rng.random_bool(0.2) {
            let candidates = &last_of_group[group];
            Some(format!(
                "b{}",
                candidates[rng.random_range(0..candidates.len())]
            ))
        } else {
            None
        };
        last_of_group[group].push(b);
        bodies.push(Body {
            id: format!("b{b}"),
            name: format!("Body {b}"),
            short: None,
            aliases: Vec::new(),
            kind: ["ministry", "agency", "military", "research"][b % 4].to_string(),
            group: format!("g{group}"),
            parent,
            sources: Vec::new(),
            status: None,
            rule: None,
            confidence: None,
            note: None,
        });
    }
    bodies
}

/// Forum number `f`, without listed members.
fn forum(f: usize) -> Forum {
    Forum {
        id: format!("f{f}"),
        name: format!("Forum {f}"),
        short: None,
        aliases: Vec::new(),
        kind: "regional-forum".to_string(),
        members: Vec::new(),
        parent: None,
        sources: Vec::new(),
        status: None,
        rule: None,
        confidence: None,
        note: None,
    }
}

/// The mechanisms of `spec`: Pareto sizes, participants by preferential attachment, a tenth
/// through a forum.
fn mechanisms(spec: &Spec, rng: &mut impl Rng) -> Vec<Mechanism> {
    // Pareto(shape 2) has mean 2·x_min; scale x_min to reach the requested mean.
    let minimum = (spec.mean_participants / 2.0).max(1.0);
    let cap = spec.largest_mechanism();
    let mut pool: Vec<u32> = (0..spec.bodies as u32).collect();
    let mut chosen = std::collections::HashSet::new();
    let mut mechanisms = Vec::with_capacity(spec.mechanisms);
    for m in 0..spec.mechanisms {
        let u: f64 = rng.random_range(f64::EPSILON..1.0);
        let size = ((minimum / u.sqrt()).round() as usize)
            .clamp(2, cap)
            .min(spec.bodies);
        chosen.clear();
        let mut participants = Vec::with_capacity(size);
        let mut attempts = 0;
        while participants.len() < size && attempts < size * 20 {
            attempts += 1;
            let body = pool[rng.random_range(0..pool.len())];
            if chosen.insert(body) {
                participants.push(Participant {
                    body: format!("b{body}"),
                    role: Role::Participant,
                });
            }
        }
        for p in &participants {
            if let Some(index) = p.body.strip_prefix('b').and_then(|n| n.parse().ok()) {
                pool.push(index);
            }
        }
        let via = if spec.forums > 0 && rng.random_bool(0.1) {
            vec![format!("f{}", rng.random_range(0..spec.forums))]
        } else {
            Vec::new()
        };
        mechanisms.push(Mechanism {
            id: format!("m{m}"),
            name: format!("Mechanism {m}"),
            kind: ["dialogue", "exercise", "exchange", "working-group"][m % 4].to_string(),
            area: Some(format!("a{}", m % 5)),
            frequency: None,
            level: None,
            participants,
            via,
            sources: Vec::new(),
            status: None,
            rule: None,
            confidence: None,
            note: None,
        });
    }
    mechanisms
}

/// The deepest hierarchy `generate --hierarchy-depth` builds: real governments are a handful of
/// levels deep.
pub const MAX_HIERARCHY_DEPTH: usize = 1000;

/// Checks `--hierarchy-depth` before anything is allocated: at least 1, at most
/// [`MAX_HIERARCHY_DEPTH`].
pub fn check_depth(depth: usize) -> Result<(), String> {
    if (1..=MAX_HIERARCHY_DEPTH).contains(&depth) {
        return Ok(());
    }
    Err(format!(
        "--hierarchy-depth {depth}: expected 1 to {MAX_HIERARCHY_DEPTH} levels (governments are a handful deep; a deeper hierarchy needs more bodies than any dataset has)"
    ))
}

/// Rebuilds the parent links of a generated dataset as a layered hierarchy `depth` levels deep,
/// as governments are organised: in each group one government (kind `government`, no parent),
/// then ministries (level 1, no parent: they stand under the government), agencies (level 2,
/// under a ministry), units (level 3, under an agency) and sections below. About a fifth of
/// the other bodies are ministries; the rest are spread evenly over the deeper levels. Names
/// and kinds follow the level ("Agency 17"). Participation is left as generated.
pub fn layer_hierarchy(dataset: &mut Dataset, depth: usize, seed: u64) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x0068_6965_7261_7263);
    let depth = depth.clamp(1, MAX_HIERARCHY_DEPTH);
    let names: std::collections::HashMap<String, String> = dataset
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    // Per group, the bodies already placed at each level.
    let mut placed: std::collections::HashMap<String, Vec<Vec<String>>> =
        std::collections::HashMap::new();
    for (n, body) in dataset.bodies.iter_mut().enumerate() {
        let levels = placed
            .entry(body.group.clone())
            .or_insert_with(|| vec![Vec::new()]);
        body.short = None;
        if levels[0].is_empty() {
            body.kind = "government".into();
            body.name = format!(
                "Government of {}",
                names.get(&body.group).cloned().unwrap_or_default()
            );
            body.parent = None;
            levels[0].push(body.id.clone());
            continue;
        }
        let mut level = if depth == 1 || rng.random_bool(0.2) {
            1
        } else {
            rng.random_range(2..=depth)
        };
        // Levels are made as they fill: below the deepest filled one, a body goes one deeper.
        level = level.min(levels.len());
        while level > 1 && levels[level - 1].is_empty() {
            level -= 1;
        }
        if level == levels.len() {
            levels.push(Vec::new());
        }
        body.parent = if level > 1 {
            let above = &levels[level - 1];
            Some(above[rng.random_range(0..above.len())].clone())
        } else {
            None
        };
        let (kind, title) = match level {
            1 => ("ministry", "Ministry"),
            2 => ("agency", "Agency"),
            3 => (["military", "research"][n % 2], "Unit"),
            _ => ("office", "Section"),
        };
        body.kind = kind.into();
        body.name = format!("{title} {n}");
        levels[level].push(body.id.clone());
    }
}

/// Most sources `generate --dated-sources` makes: one a year from 2000, so every date is valid.
pub const MAX_DATED_SOURCES: usize = 100;

/// Chance that a mechanism is cited by each dated source (at least one cites it): between two
/// sources about half the mechanisms are in both and a fifth in each alone.
const CITED_BY_EACH: f64 = 0.7;

/// Makes `dataset` a series in time: `count` sources (`s0`, `s1` …, "Statement N", dated
/// 1 January a year apart from 2000, without a text file) and each mechanism cited by each of
/// them with probability 0.7 (by one at random when none drew it), as yearly statements
/// reaffirm most mechanisms and add or drop some. A mechanism added later (the giant one) is
/// cited by the last source only. `count` is clamped to 1..=[`MAX_DATED_SOURCES`].
pub fn date_sources(dataset: &mut Dataset, count: usize, seed: u64) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x0064_6174_6573);
    let count = count.clamp(1, MAX_DATED_SOURCES);
    dataset.sources = (0..count)
        .map(|i| Source {
            id: format!("s{i}"),
            title: format!("Statement {i}"),
            date: Some(format!("{}-01-01", 2000 + i)),
            file: None,
            url: None,
        })
        .collect();
    for mechanism in &mut dataset.mechanisms {
        let mut citing: Vec<usize> = (0..count)
            .filter(|_| rng.random_bool(CITED_BY_EACH))
            .collect();
        if citing.is_empty() {
            citing.push(rng.random_range(0..count));
        }
        mechanism.sources = citing
            .into_iter()
            .map(|i| citation(&format!("s{i}"), &mechanism.name))
            .collect();
    }
}

/// A generated citation of the mechanism `name` by the source `doc`.
fn citation(doc: &str, name: &str) -> SourceRef {
    SourceRef {
        doc: doc.to_string(),
        reference: "1".into(),
        quote: format!("{name} will meet."),
    }
}

/// Adds one mechanism (`m-giant`) whose participants are the first `participants` bodies: a
/// clique of that size in the bodies graph, the shape that breaks pair-by-pair analyses. In a
/// dataset with sources it is cited by the last one only: it appears in the latest statement.
pub fn add_giant_mechanism(dataset: &mut Dataset, participants: usize) {
    let participants = dataset
        .bodies
        .iter()
        .take(participants)
        .map(|body| Participant {
            body: body.id.clone(),
            role: Role::Participant,
        })
        .collect();
    dataset.mechanisms.push(Mechanism {
        id: "m-giant".into(),
        name: "Giant mechanism".into(),
        kind: "dialogue".into(),
        area: Some("a0".into()),
        frequency: None,
        level: None,
        participants,
        via: Vec::new(),
        sources: (dataset.sources.last())
            .map(|last| citation(&last.id, "Giant mechanism"))
            .into_iter()
            .collect(),
        status: None,
        note: None,
        rule: None,
        confidence: None,
    });
}

/// Hub bodies made by [`heavy_tail`].
pub const HUBS: usize = 10;

/// Reshapes a generated dataset to the heavy tails of a real multi-country dataset: group
/// sizes follow Zipf's law (group g holds a share ∝ 1/(g + 1): with 140 groups the first has
/// about 18 % of the bodies, the last a few), and the first [`HUBS`] bodies become hubs, hub h
/// joining each mechanism with probability 0.075 / (h + 1) (the first about 210 of 2,800
/// mechanisms, as a foreign ministry does). Parent links that would cross groups are dropped.
pub fn heavy_tail(dataset: &mut Dataset, seed: u64) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x0074_6169_6c73);
    let groups = dataset.groups.len().max(1);
    let mut cumulative = Vec::with_capacity(groups);
    let mut total = 0.0;
    for g in 0..groups {
        total += 1.0 / (g + 1) as f64;
        cumulative.push(total);
    }
    for body in &mut dataset.bodies {
        let u = rng.random_range(0.0..total);
        let g = cumulative.partition_point(|&c| c <= u).min(groups - 1);
        body.group = format!("g{g}");
    }
    let group_of: std::collections::HashMap<String, String> = dataset
        .bodies
        .iter()
        .map(|b| (b.id.clone(), b.group.clone()))
        .collect();
    for body in &mut dataset.bodies {
        if body.parent.as_ref().and_then(|p| group_of.get(p)) != Some(&body.group) {
            body.parent = None;
        }
    }
    let hubs: Vec<String> = dataset
        .bodies
        .iter()
        .take(HUBS)
        .map(|b| b.id.clone())
        .collect();
    for mechanism in &mut dataset.mechanisms {
        for (h, hub) in hubs.iter().enumerate() {
            let joins = rng.random_bool(0.075 / (h + 1) as f64);
            if joins && mechanism.participants.iter().all(|p| &p.body != hub) {
                mechanism.participants.push(Participant {
                    body: hub.clone(),
                    role: Role::Participant,
                });
            }
        }
    }
}

/// Makes the first `depth` bodies one chain of parent links, each body the parent of the next,
/// all in the first body's group: a hierarchy `depth` levels deep.
pub fn chain_hierarchy(dataset: &mut Dataset, depth: usize) {
    let Some(group) = dataset.bodies.first().map(|b| b.group.clone()) else {
        return;
    };
    let mut parent: Option<String> = None;
    for body in dataset.bodies.iter_mut().take(depth) {
        body.group = group.clone();
        body.parent = parent.replace(body.id.clone());
    }
    // Bodies outside the chain must not keep a parent that moved to another group.
    let chained: std::collections::HashSet<&str> = dataset.bodies
        [..depth.min(dataset.bodies.len())]
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    let stale: Vec<usize> = dataset.bodies[depth.min(dataset.bodies.len())..]
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.parent.as_deref().is_some_and(|p| chained.contains(p)) && b.group != group
        })
        .map(|(i, _)| i + depth)
        .collect();
    for i in stale {
        dataset.bodies[i].parent = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{validate, Severity};

    #[test]
    fn absurd_sizes_are_refused_before_anything_is_allocated() {
        let spec = |bodies, groups| Spec {
            bodies,
            mechanisms: 10,
            groups,
            forums: 5,
            mean_participants: 14.0,
            seed: 1,
        };
        let eight_gb = 8 << 30;
        assert!(spec(1000, 3).check(eight_gb).is_ok());
        let err = spec(1_000_000_000_000, 3)
            .check(eight_gb)
            .expect_err("bodies");
        assert!(err.contains("more than 4294967295 bodies"), "{err}");
        let err = spec(1000, 1_000_000_000_000)
            .check(eight_gb)
            .expect_err("groups");
        assert!(err.contains("needs about"), "{err}");
        assert!(spec(usize::MAX, usize::MAX).estimated_bytes() > 0);
    }

    #[test]
    fn a_layered_hierarchy_is_as_deep_as_asked() {
        let spec = Spec {
            bodies: 150,
            mechanisms: 60,
            groups: 3,
            forums: 3,
            mean_participants: 4.0,
            seed: 5,
        };
        let mut dataset = generate(&spec);
        layer_hierarchy(&mut dataset, 3, 5);
        let report = validate(&dataset, std::path::Path::new("."));
        assert!(report
            .problems
            .iter()
            .all(|p| p.severity == Severity::Warning));
        let depths = crate::graph::collapse::depths(&dataset);
        assert_eq!(depths.values().max(), Some(&3));
        let governments = dataset
            .bodies
            .iter()
            .filter(|b| b.kind == "government")
            .count();
        assert_eq!(governments, 3);
    }

    /// Fails with the problems when `dataset` has any worse than a warning.
    fn assert_valid(dataset: &Dataset) {
        let report = validate(dataset, std::path::Path::new("."));
        let errors: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.severity != Severity::Warning)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_giant_mechanism_and_a_chain_are_added_as_asked() {
        let spec = Spec {
            bodies: 200,
            mechanisms: 40,
            groups: 4,
            forums: 2,
            mean_participants: 4.0,
            seed: 3,
        };
        let mut dataset = generate(&spec);
        add_giant_mechanism(&mut dataset, 150);
        chain_hierarchy(&mut dataset, 120);
        assert_valid(&dataset);
        let giant = dataset.mechanisms.last().expect("giant");
        assert_eq!(giant.participants.len(), 150);
        let depths = crate::graph::collapse::depths(&dataset);
        assert_eq!(depths.get("b119"), Some(&120));
    }

    #[test]
    fn dated_sources_make_a_series_with_the_giant_in_the_last() {
        let spec = Spec {
            bodies: 300,
            mechanisms: 100,
            groups: 3,
            forums: 2,
            mean_participants: 4.0,
            seed: 4,
        };
        let mut dataset = generate(&spec);
        date_sources(&mut dataset, 3, 4);
        add_giant_mechanism(&mut dataset, 200);
        assert_valid(&dataset);
        let dates: Vec<Option<&str>> = dataset.sources.iter().map(|s| s.date.as_deref()).collect();
        assert_eq!(
            dates,
            [Some("2000-01-01"), Some("2001-01-01"), Some("2002-01-01")]
        );
        let cited_by = |id: &str| {
            let m = dataset.mechanisms.iter().find(|m| m.id == id).expect(id);
            m.sources.iter().map(|c| c.doc.clone()).collect::<Vec<_>>()
        };
        assert_eq!(cited_by("m-giant"), ["s2"]);
        assert!(dataset.mechanisms.iter().all(|m| !m.sources.is_empty()));
        // About 0.7 of the mechanisms per source, and some in one source only.
        let in_first = (0..100).filter(|m| cited_by(&format!("m{m}")).contains(&"s0".to_string()));
        assert!((55..=85).contains(&in_first.count()));
        let alone = (0..100).filter(|m| cited_by(&format!("m{m}")).len() == 1);
        assert!(alone.count() > 5);
        let mut again = generate(&spec);
        date_sources(&mut again, 3, 4);
        add_giant_mechanism(&mut again, 200);
        assert_eq!(dataset, again);
    }

    #[test]
    fn generated_data_validates_and_is_reproducible() {
        let spec = Spec {
            bodies: 300,
            mechanisms: 120,
            groups: 3,
            forums: 4,
            mean_participants: 6.0,
            seed: 7,
        };
        let dataset = generate(&spec);
        let report = validate(&dataset, std::path::Path::new("."));
        assert!(report
            .problems
            .iter()
            .all(|p| p.severity == Severity::Warning));
        assert_eq!(dataset, generate(&spec));
        let participations: usize = dataset
            .mechanisms
            .iter()
            .map(|m| m.participants.len())
            .sum();
        let mean = participations as f64 / 120.0;
        assert!((4.0..9.0).contains(&mean), "mean participants {mean}");
    }

    #[test]
    fn a_heavy_tail_has_big_groups_and_hubs() {
        let spec = Spec {
            bodies: 2000,
            mechanisms: 800,
            groups: 40,
            forums: 5,
            mean_participants: 14.0,
            seed: 2,
        };
        let mut dataset = generate(&spec);
        heavy_tail(&mut dataset, 2);
        assert_valid(&dataset);
        let in_group = |g: &str| dataset.bodies.iter().filter(|b| b.group == g).count();
        assert!(in_group("g0") > 5 * in_group("g39").max(1), "Zipf sizes");
        let hub = dataset
            .mechanisms
            .iter()
            .filter(|m| m.participants.iter().any(|p| p.body == "b0"))
            .count();
        assert!((40..=90).contains(&hub), "the first hub is in {hub} of 800");
    }
}
