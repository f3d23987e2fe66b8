//! The changes view's lines: ties between bodies from one source to another, gained (in the
//! highlight colour), lost (dashed) and unchanged (faint), as `coopgraph diff` counts them.
//!
//! The view is planned before it is built, as a bodies view is (see [`super::precut`]): the
//! bodies it draws are chosen from the two sources' member lists and the bodies' sizes, and the
//! lines are listed among those bodies only. A mechanism of 10,000 bodies new in the later
//! source is 50 million gained ties, of which a drawing keeps a few hundred; the bodies, lines,
//! sizes and subtitle are those of listing every tie and cutting afterwards.

use super::cut::Cut;
use super::precut::{Precut, WHOLE_TIES};
use super::types::{index_of, Limit, SceneEdge, SceneNode, SceneOptions};
use crate::analysis::centrality::{compute_bodies, Measure, Options};
use crate::diff::{body_ties_among, count_body_ties};
use crate::error::{Error, Result};
use crate::graph::{BuildOptions, EdgeKind};
use crate::model::lookup::Labels;
use crate::model::view::{apply, View};
use crate::model::Dataset;
use crate::text::numbers::group_digits;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The bodies the changes view from source `from` to `to` draws, with their sizes and, where
/// `options` cut it, what it kept of how many: the bodies either source names or ties (those
/// `--top` keeps, with `top`), cut to `options.limit` where they or their lines exceed it.
pub fn plan(dataset: &Dataset, from: &str, to: &str, options: &SceneOptions) -> Result<Precut> {
    let before = apply(dataset, &View::of_source(from))?;
    let after = apply(dataset, &View::of_source(to))?;
    let value = sizes(dataset, options.size_by);
    let mut candidates = named_or_tied(dataset, &before, &after);
    if let Some(top) = options.top {
        let chosen = largest(dataset, &value, top);
        candidates.retain(|v| chosen.contains(v));
    }
    let ids = |list: &[usize]| -> HashSet<&str> {
        list.iter()
            .map(|&v| dataset.bodies[v].id.as_str())
            .collect()
    };
    let lines_past = |list: &[usize], bound: usize| {
        let kept = ids(list);
        let among = |id: &str| kept.contains(id);
        count_body_ties(&[&before, &after], &among, bound as u64) > bound as u64
    };
    let mut cut = None;
    match &options.limit {
        Some(limit)
            if candidates.len() > limit.above || lines_past(&candidates, limit.above_edges) =>
        {
            let total = candidates.len();
            candidates = most_central(dataset, &value, candidates, limit);
            cut = Some(Cut {
                primary: ids(&candidates).into_iter().map(str::to_string).collect(),
                total,
                carriers: None,
                nested: false,
                bodies: total > 0,
                selected: None,
            });
        }
        Some(_) => {}
        None if lines_past(&candidates, WHOLE_TIES) => {
            return Err(Error::Usage(format!(
                "the changes view of {} bodies has more than {} ties, more than any layout can take: draw the most tied bodies with --top N (for example --top 60)",
                group_digits(candidates.len()),
                group_digits(WHOLE_TIES)
            )))
        }
        None => {}
    }
    let bodies = candidates
        .iter()
        .map(|&v| dataset.bodies[v].clone())
        .collect();
    let values = candidates
        .iter()
        .map(|&v| (dataset.bodies[v].id.clone(), value[v]))
        .collect();
    Ok(Precut {
        // Only the bodies: the view's lines are the sources' ties, listed by `edges`.
        dataset: Dataset {
            bodies,
            ..Dataset::empty()
        },
        values,
        cut,
    })
}

/// Each body's size value (in dataset order): `size_by` on the whole bodies graph, read from
/// the mechanisms' member lists.
fn sizes(dataset: &Dataset, size_by: Measure) -> Vec<f64> {
    compute_bodies(
        dataset,
        BuildOptions::default(),
        &[size_by],
        &Options::default(),
    )
    .scores
    .iter()
    .map(|s| s.get(size_by).unwrap_or(0.0))
    .collect()
}

/// The positions of the bodies either side names or ties to another body of the dataset, in
/// dataset order.
fn named_or_tied(dataset: &Dataset, before: &Dataset, after: &Dataset) -> Vec<usize> {
    let position: HashMap<&str, usize> = (0..dataset.bodies.len())
        .map(|v| (dataset.bodies[v].id.as_str(), v))
        .collect();
    let mut drawn: HashSet<usize> = HashSet::new();
    for side in [before, after] {
        drawn.extend(
            side.bodies
                .iter()
                .filter_map(|b| position.get(b.id.as_str())),
        );
        for mechanism in &side.mechanisms {
            let members: HashSet<usize> = mechanism
                .participants
                .iter()
                .filter_map(|p| position.get(p.body.as_str()).copied())
                .collect();
            if members.len() > 1 {
                drawn.extend(members);
            }
        }
    }
    let mut drawn: Vec<usize> = drawn.into_iter().collect();
    drawn.sort_unstable();
    drawn
}

/// The `top` bodies of the dataset largest by `value` (then by id), as `--top` keeps them.
fn largest(dataset: &Dataset, value: &[f64], top: usize) -> HashSet<usize> {
    let mut order: Vec<usize> = (0..dataset.bodies.len()).collect();
    order.sort_by(|&x, &y| {
        value[y]
            .total_cmp(&value[x])
            .then_with(|| dataset.bodies[x].id.cmp(&dataset.bodies[y].id))
    });
    order.into_iter().take(top).collect()
}

/// The `limit.bodies` most central of `candidates` (by the limit's rank, else the size value,
/// then id), as [`super::cut`] keeps them from the whole view.
fn most_central(
    dataset: &Dataset,
    value: &[f64],
    mut candidates: Vec<usize>,
    limit: &Limit,
) -> Vec<usize> {
    let rank = |v: usize| {
        let id = &dataset.bodies[v].id;
        limit.rank.get(id).copied().unwrap_or(value[v])
    };
    candidates.sort_by(|&x, &y| {
        rank(y)
            .total_cmp(&rank(x))
            .then_with(|| dataset.bodies[x].id.cmp(&dataset.bodies[y].id))
    });
    candidates.truncate(limit.bodies);
    candidates.sort_unstable();
    candidates
}

/// The bodies to keep (those named by either source) and the lines between them, for the
/// bodies-graph `nodes` of `dataset` ([`plan`]'s bodies): only the ties among `nodes` are
/// listed.
pub fn edges(
    dataset: &Dataset,
    nodes: &[SceneNode],
    from: &str,
    to: &str,
) -> Result<(HashSet<usize>, Vec<SceneEdge>)> {
    let before = apply(dataset, &View::of_source(from))?;
    let after = apply(dataset, &View::of_source(to))?;
    let index = index_of(nodes);
    let drawn = |id: &str| index.contains_key(id);
    let (old, new) = (
        body_ties_among(&before, &drawn),
        body_ties_among(&after, &drawn),
    );
    let names = Labels::new(dataset);
    let mut keep: HashSet<usize> = before
        .bodies
        .iter()
        .chain(&after.bodies)
        .filter_map(|b| index.get(b.id.as_str()).copied())
        .collect();
    let mut all: BTreeMap<&(String, String), (&[String], &str)> = BTreeMap::new();
    for (pair, through) in &old {
        let state = if new.contains_key(pair) {
            "unchanged"
        } else {
            "lost"
        };
        all.insert(pair, (through, state));
    }
    for (pair, through) in &new {
        all.entry(pair).or_insert((through, "gained"));
    }
    let mut lines = Vec::new();
    for ((a, b), (through, state)) in all {
        let (Some(&ia), Some(&ib)) = (index.get(a.as_str()), index.get(b.as_str())) else {
            continue;
        };
        keep.extend([ia, ib]);
        let through: Vec<&str> = through
            .iter()
            .map(|id| names.name(id).unwrap_or(id))
            .collect();
        lines.push(SceneEdge {
            a: ia,
            b: ib,
            kind: EdgeKind::Shared,
            weight: 1.0,
            label: None,
            tooltip: format!("{state}: {}", through.join("; ")),
            faded: state == "unchanged",
            highlighted: state == "gained",
            dashed: state == "lost",
            shared: Vec::new(),
        });
    }
    Ok((keep, lines))
}

#[cfg(test)]
mod tests {
    use super::super::types::restrict;
    use super::super::{cut, nodes_and_edges, scale_sizes, scene, size_values, Diagram};
    use super::*;
    use crate::generate::{add_giant_mechanism, date_sources, generate, Spec};
    use crate::graph::{build_graph, GraphKind};
    use std::sync::Arc;

    /// A generated series of three sources, the last with a mechanism of `giant` bodies.
    fn series(bodies: usize, giant: usize) -> Dataset {
        let mut dataset = generate(&Spec {
            bodies,
            mechanisms: bodies / 3,
            groups: 3,
            forums: 2,
            mean_participants: 3.0,
            seed: 11,
        });
        date_sources(&mut dataset, 3, 11);
        add_giant_mechanism(&mut dataset, giant);
        dataset
    }

    /// The changes view as it was drawn before it was planned: every body of the whole bodies
    /// graph, every tie of both sources listed, then cut. Its nodes, its edges and the
    /// subtitle's note.
    fn listed_then_cut(
        dataset: &Dataset,
        from: &str,
        to: &str,
        options: &SceneOptions,
    ) -> (Vec<SceneNode>, Vec<SceneEdge>, Option<String>) {
        let graph = build_graph(dataset, GraphKind::Bodies, BuildOptions::default());
        let values = size_values(&graph, None, options.size_by);
        let (nodes, _) = nodes_and_edges(dataset, &graph, &values);
        let (mut keep, lines) = edges(dataset, &nodes, from, to).expect("lines");
        if let Some(top) = options.top {
            let kept = cut::top(&nodes, &lines, top, GraphKind::Bodies);
            keep.retain(|i| kept.contains(i));
        }
        let (mut nodes, mut lines) = restrict(nodes, lines, &keep);
        let note = cut::to_limit(&mut nodes, &mut lines, options.limit.as_ref(), None, false);
        scale_sizes(&mut nodes);
        (nodes, lines, note)
    }

    fn limit(above: usize, above_edges: usize, rank: HashMap<String, f64>) -> Limit {
        Limit {
            above,
            above_edges,
            bodies: 25,
            carriers: 10,
            ties: 60,
            rank: Arc::new(rank),
            governments: true,
            cut_to_read: true,
        }
    }

    #[test]
    fn the_planned_view_is_the_one_listing_every_tie_then_cutting_draws() {
        let dataset = series(400, 90);
        let rank: HashMap<String, f64> = (0..dataset.bodies.len())
            .map(|v| (dataset.bodies[v].id.clone(), ((v * 37) % 101) as f64))
            .filter(|(id, _)| id.len() % 2 == 0)
            .collect();
        let cases = [
            SceneOptions::default(),
            SceneOptions {
                top: Some(30),
                ..SceneOptions::default()
            },
            SceneOptions {
                limit: Some(limit(300, 600, HashMap::new())),
                ..SceneOptions::default()
            },
            SceneOptions {
                limit: Some(limit(10_000, 600, rank)),
                size_by: Measure::Betweenness,
                ..SceneOptions::default()
            },
            // Small enough to be drawn whole: no cut.
            SceneOptions {
                limit: Some(limit(10_000, 1_000_000, HashMap::new())),
                ..SceneOptions::default()
            },
            SceneOptions {
                limit: Some(limit(0, 0, HashMap::new()).scaled(0.5)),
                ..SceneOptions::default()
            },
        ];
        for (from, to) in [("s0", "s2"), ("s1", "s2"), ("s0", "s1")] {
            let diagram = Diagram::Changes(from.into(), to.into());
            for options in &cases {
                let planned = scene(&dataset, &diagram, options).expect("scene");
                let (nodes, lines, note) = listed_then_cut(&dataset, from, to, options);
                let context = format!("{from} → {to}, {:?} {:?}", options.top, options.limit);
                assert!(!lines.is_empty(), "{context}");
                assert_eq!(planned.nodes, nodes, "{context}");
                assert_eq!(planned.edges, lines, "{context}");
                assert_eq!(planned.limited, note.is_some(), "{context}");
                if let Some(note) = note {
                    assert!(planned.subtitle.ends_with(&note), "{context}: {note}");
                }
            }
        }
    }

    #[test]
    fn a_giant_new_mechanism_is_drawn_from_its_members_not_its_pairs() {
        // 3,000 bodies new together in the last source: 4.5 million gained ties.
        let dataset = series(3_000, 3_000);
        let diagram = Diagram::Changes("s0".into(), "s2".into());
        let cut = SceneOptions {
            limit: Some(Limit::for_render()),
            ..SceneOptions::default()
        };
        let drawn = scene(&dataset, &diagram, &cut).expect("scene");
        assert!(drawn.limited);
        assert!(drawn.nodes.len() <= 60, "{}", drawn.nodes.len());
        assert!(drawn.edges.iter().any(|e| e.highlighted));
        assert!(
            drawn.subtitle.contains("most central of 3,000 bodies"),
            "{}",
            drawn.subtitle
        );
        let refused = scene(&dataset, &diagram, &SceneOptions::default()).expect_err("too many");
        assert!(refused.to_string().contains("--top N"), "{refused}");
    }
}
