//! Synthetic datasets for benchmarks: heavy-tailed membership, a few forums, a parent hierarchy.

use crate::model::{Area, Body, Dataset, Forum, Group, Mechanism, Participant, Role};
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
    let mut last_of_group: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for b in 0..spec.bodies {
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
        dataset.bodies.push(Body {
            id: format!("b{b}"),
            name: format!("Body {b}"),
            short: None,
            aliases: Vec::new(),
            kind: ["ministry", "agency", "military", "research"][b % 4].to_string(),
            group: format!("g{group}"),
            parent,
            sources: Vec::new(),
            status: None,
            note: None,
        });
    }
    dataset.forums = (0..spec.forums)
        .map(|f| Forum {
            id: format!("f{f}"),
            name: format!("Forum {f}"),
            short: None,
            aliases: Vec::new(),
            kind: "regional-forum".to_string(),
            members: Vec::new(),
            parent: None,
            sources: Vec::new(),
            status: None,
            note: None,
        })
        .collect();
    // Pareto(shape 2) has mean 2·x_min; scale x_min to reach the requested mean.
    let minimum = (spec.mean_participants / 2.0).max(1.0);
    let cap = (spec.bodies / 10).max(2);
    let mut pool: Vec<u32> = (0..spec.bodies as u32).collect();
    let mut chosen = std::collections::HashSet::new();
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
        dataset.mechanisms.push(Mechanism {
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
            note: None,
        });
    }
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::{validate, Severity};

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
}
