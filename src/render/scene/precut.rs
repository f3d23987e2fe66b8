//! Cutting a bodies view before it is built: above a [`Limit`], the bodies and org views keep
//! their most central bodies, so their projection is built among those bodies only. Building
//! the whole projection first (741,000 ties with their shared-mechanism lists on 7,000 bodies)
//! and cutting it afterwards made the report's diagrams stage its memory peak (931 MB).
//!
//! The bodies kept, the sizes and the subtitle are exactly those of cutting the whole view
//! ([`super::cut`]'s `limited`): sizes are degrees in the whole projection (counted from its
//! cliques, one per mechanism or forum, never from its pairs: one mechanism of 10,000 bodies is
//! 50 million of them) and the ties among kept bodies are the same with the same
//! shared lists, in the same order.

use super::cut::Cut;
use super::diagram::Diagram;
use super::org::governments;
use super::types::Limit;
use crate::analysis::centrality::two_mode::degree_one_mode;
use crate::analysis::centrality::Measure;
use crate::error::{Error, Result};
use crate::graph::clique_union::CliqueUnion;
use crate::graph::BuildOptions;
use crate::model::lookup::bodies_by_id;
use crate::model::Dataset;
use crate::text::numbers::group_digits;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A bodies view cut before it is built.
#[derive(Debug)]
pub struct Precut {
    /// The dataset with only the kept bodies (mechanisms and forums list only them).
    pub dataset: Dataset,
    /// Each kept body's size value (degree in the whole bodies projection), by id.
    pub values: HashMap<String, f64>,
    /// What was kept of how many, for the subtitle (`None` for `--top`, which says nothing).
    pub(super) cut: Option<Cut>,
}

/// Most ties a bodies view or org chart is built with when nothing cuts it (about 100 bytes
/// each with their shared lists, more as DOT): one mechanism of 10,000 bodies is 50 million.
pub const WHOLE_TIES: usize = 1_000_000;

/// Whether `diagram` is a bodies view (`Some(false)`) or the org chart (`Some(true)`).
fn nested(diagram: &Diagram) -> Option<bool> {
    match diagram {
        Diagram::Bodies => Some(false),
        Diagram::Org => Some(true),
        _ => None,
    }
}

/// Fails before a bodies view or the org chart is built whole with more than [`WHOLE_TIES`]
/// ties (for the org chart, ties across countries: the only ones it draws), saying how to cut
/// it (`top`: `--top` was given, with a measure it cannot cut by before building); a usage
/// error, as the view asked for cannot be drawn.
pub fn check_whole(dataset: &Dataset, diagram: &Diagram, top: bool) -> Result<()> {
    let Some(nested) = nested(diagram) else {
        return Ok(());
    };
    let union = CliqueUnion::bodies(dataset, BuildOptions::default());
    let groups: Vec<&str> = dataset.bodies.iter().map(|b| b.group.as_str()).collect();
    if !ties_exceed(&union, &groups, nested, WHOLE_TIES) {
        return Ok(());
    }
    let (view, ties) = if nested {
        ("the org chart", "ties between countries")
    } else {
        ("the bodies view", "ties")
    };
    let how = if top {
        "--top cuts it only once built, except by degree: add --size-by degree"
    } else {
        "draw the most tied bodies with --top N (for example --top 60)"
    };
    Err(Error::Usage(format!(
        "{view} of all {} bodies has more than {} {ties}, more than any layout can take: {how}",
        group_digits(dataset.bodies.len()),
        group_digits(WHOLE_TIES)
    )))
}

/// A dataset's bodies graph, as its cliques, with each body's degree in it: what cutting a
/// bodies view or the org chart before building it reads. Computing it takes a pass over
/// every clique's members (0.06 s on a 10,000-participant mechanism); a caller drawing several
/// views of one dataset computes it once ([`super::SceneOptions::body_degrees`]).
#[derive(Debug)]
pub struct BodyDegrees {
    union: CliqueUnion,
    /// Distinct neighbours of each body, in dataset order.
    degrees: Vec<usize>,
}

impl BodyDegrees {
    /// The bodies graph of `dataset` and its degrees.
    pub fn of(dataset: &Dataset) -> BodyDegrees {
        let union = CliqueUnion::bodies(dataset, BuildOptions::default());
        let degrees = degrees(&union);
        BodyDegrees { union, degrees }
    }
}

/// A bodies view's or the org chart's bodies graph with each body's degree in it.
struct Degrees {
    /// The org chart (else the bodies view).
    nested: bool,
    graph: Arc<BodyDegrees>,
    /// Each body's size value: its degree centrality.
    value: Vec<f64>,
}

impl Degrees {
    /// The degrees of `diagram`'s bodies (`known` when the caller computed them for
    /// `dataset`), or `None` where it is not a bodies view or the org chart sized by degree.
    fn of(
        dataset: &Dataset,
        diagram: &Diagram,
        size_by: Measure,
        known: Option<&Arc<BodyDegrees>>,
    ) -> Option<Degrees> {
        let nested = nested(diagram)?;
        if size_by != Measure::Degree {
            return None;
        }
        let graph = known
            .cloned()
            .unwrap_or_else(|| Arc::new(BodyDegrees::of(dataset)));
        let n = dataset.bodies.len();
        let value = graph
            .degrees
            .iter()
            .map(|&d| degree_one_mode(d, n))
            .collect();
        Some(Degrees {
            nested,
            graph,
            value,
        })
    }
}

/// The cut `--top` makes of a bodies view or the org chart sized by degree, made before it is
/// built: the `top` bodies of highest degree in the whole projection (then id), as
/// [`super::cut::top`] keeps them from the whole view, less (in the bodies view) those
/// without a tie; `None` for other views and measures.
pub fn top(
    dataset: &Dataset,
    diagram: &Diagram,
    top: usize,
    size_by: Measure,
    known: Option<&Arc<BodyDegrees>>,
) -> Option<Precut> {
    let Degrees {
        nested,
        graph,
        value,
    } = Degrees::of(dataset, diagram, size_by, known)?;
    let degrees = &graph.degrees;
    let value = |v: usize| value[v];
    let mut chosen: Vec<usize> = (0..dataset.bodies.len()).collect();
    chosen.sort_by(|&x, &y| {
        value(y)
            .total_cmp(&value(x))
            .then_with(|| dataset.bodies[x].id.cmp(&dataset.bodies[y].id))
    });
    chosen.truncate(top);
    chosen.retain(|&v| nested || degrees[v] > 0);
    let kept: HashSet<&str> = chosen
        .iter()
        .map(|&v| dataset.bodies[v].id.as_str())
        .collect();
    let values = chosen
        .iter()
        .map(|&v| (dataset.bodies[v].id.clone(), value(v)))
        .collect();
    Some(Precut {
        dataset: only_bodies(dataset, &kept),
        values,
        cut: None,
    })
}

/// The cut of `diagram` by `limit` made before building it, or `None` where the view is not a
/// bodies view sized by degree or is small enough to be drawn whole (at most `limit.above`
/// bodies and `limit.above_edges` ties; for the org chart, ties across countries, the only
/// ones it draws).
pub fn plan(
    dataset: &Dataset,
    diagram: &Diagram,
    limit: &Limit,
    size_by: Measure,
    known: Option<&Arc<BodyDegrees>>,
) -> Option<Precut> {
    let Degrees {
        nested,
        graph,
        value,
    } = Degrees::of(dataset, diagram, size_by, known)?;
    let (union, degrees) = (&graph.union, &graph.degrees);
    let value = |v: usize| value[v];
    let n = dataset.bodies.len();
    // The bodies view draws only the bodies with a tie; the org chart draws every body.
    let mut primary: Vec<usize> = (0..n).filter(|&v| nested || degrees[v] > 0).collect();
    let groups: Vec<&str> = dataset.bodies.iter().map(|b| b.group.as_str()).collect();
    if primary.len() <= limit.above && !ties_exceed(union, &groups, nested, limit.above_edges) {
        return None;
    }
    let total = primary.len();
    let rank = |v: usize| {
        limit
            .rank
            .get(&dataset.bodies[v].id)
            .copied()
            .unwrap_or_else(|| value(v))
    };
    primary.sort_by(|&x, &y| {
        rank(y)
            .total_cmp(&rank(x))
            .then_with(|| dataset.bodies[x].id.cmp(&dataset.bodies[y].id))
    });
    primary.truncate(limit.bodies);
    let mut kept: HashSet<&str> = primary
        .iter()
        .map(|&v| dataset.bodies[v].id.as_str())
        .collect();
    if nested {
        add_bodies_above(dataset, &mut kept, limit.governments);
    }
    let values = dataset
        .bodies
        .iter()
        .enumerate()
        .filter(|(_, b)| kept.contains(b.id.as_str()))
        .map(|(v, b)| (b.id.clone(), value(v)))
        .collect();
    let cut = Cut {
        primary: primary
            .iter()
            .map(|&v| dataset.bodies[v].id.clone())
            .collect(),
        total,
        carriers: None,
        nested,
        bodies: true,
        selected: None,
    };
    Some(Precut {
        dataset: only_bodies(dataset, &kept),
        values,
        cut: Some(cut),
    })
}

/// Each body's degree in the bodies projection (its distinct neighbours), read from the cliques
/// without their pairs.
fn degrees(union: &CliqueUnion) -> Vec<usize> {
    let mut scratch = union.scratch();
    (0..union.node_count())
        .map(|v| union.tie_summary(v, &mut scratch).0)
        .collect()
}

/// Whether the projection has more than `bound` ties (for `nested`, ties between bodies of
/// different groups only: the org chart draws no other), without listing a clique's pairs
/// where one clique alone holds more than `bound`: a clique's drawn pairs are counted from its
/// group sizes, and only when each clique has at most `bound` of them are the ties listed, each
/// once from its lower end, stopping past `bound`. O(Σ k) for a 10,000-member clique.
fn ties_exceed(union: &CliqueUnion, groups: &[&str], nested: bool, bound: usize) -> bool {
    let drawn_pairs = |c: usize| {
        let members = union.members(c);
        let pairs = |k: usize| k * k.saturating_sub(1) / 2;
        if !nested {
            return pairs(members.len());
        }
        let mut by_group: HashMap<&str, usize> = HashMap::new();
        for &w in members {
            *by_group.entry(groups[w as usize]).or_default() += 1;
        }
        pairs(members.len()) - by_group.values().map(|&k| pairs(k)).sum::<usize>()
    };
    let drawn: Vec<usize> = (0..union.clique_count()).map(drawn_pairs).collect();
    if drawn.iter().any(|&pairs| pairs > bound) {
        return true;
    }
    let mut seen = vec![false; union.node_count()];
    let mut found: Vec<u32> = Vec::new();
    let mut ties = 0usize;
    for v in 0..union.node_count() {
        let cliques = union
            .cliques_of(v)
            .iter()
            .filter(|&&c| drawn[c as usize] > 0);
        for &c in cliques {
            for &w in union
                .members(c as usize)
                .iter()
                .filter(|&&w| w as usize > v)
            {
                let same_group = nested && groups[w as usize] == groups[v];
                if same_group || std::mem::replace(&mut seen[w as usize], true) {
                    continue;
                }
                found.push(w);
                ties += 1;
                if ties > bound {
                    return true;
                }
            }
        }
        for w in found.drain(..) {
            seen[w as usize] = false;
        }
    }
    false
}

/// Adds to `kept` every body above a kept one: its parent, or for a top-level body its
/// country's government (as the org chart nests them) when `with_governments`.
fn add_bodies_above<'a>(dataset: &'a Dataset, kept: &mut HashSet<&'a str>, with_governments: bool) {
    let government = governments(dataset);
    let body_of = bodies_by_id(dataset);
    let mut stack: Vec<&str> = kept.iter().copied().collect();
    while let Some(id) = stack.pop() {
        let Some(body) = body_of.get(id) else {
            continue;
        };
        let container = match body.parent.as_deref() {
            Some(parent) => Some(parent),
            None if with_governments => government
                .get(body.group.as_str())
                .copied()
                .filter(|g| *g != id),
            None => None,
        };
        if let Some(above) = container.filter(|c| body_of.contains_key(c)) {
            if kept.insert(above) {
                stack.push(above);
            }
        }
    }
}

/// `dataset` with only the bodies in `kept` (in their order), its mechanisms' participants and
/// forums' members cut to them.
fn only_bodies(dataset: &Dataset, kept: &HashSet<&str>) -> Dataset {
    let mut cut = dataset.clone();
    cut.bodies.retain(|b| kept.contains(b.id.as_str()));
    for mechanism in &mut cut.mechanisms {
        mechanism
            .participants
            .retain(|p| kept.contains(p.body.as_str()));
    }
    for forum in &mut cut.forums {
        forum.members.retain(|m| kept.contains(m.as_str()));
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{add_giant_mechanism, generate, Spec};
    use crate::graph::project::bodies_csr;

    /// A generated dataset with one mechanism of `giant` participants.
    fn with_giant(giant: usize) -> Dataset {
        let mut dataset = generate(&Spec {
            bodies: 120,
            mechanisms: 40,
            groups: 3,
            forums: 2,
            mean_participants: 3.0,
            seed: 7,
        });
        add_giant_mechanism(&mut dataset, giant);
        dataset
    }

    /// The ties of the projection, counted on its pairs.
    fn ties_on_pairs(dataset: &Dataset, nested: bool) -> usize {
        let csr = bodies_csr(dataset, BuildOptions::default());
        let group = |v: usize| dataset.bodies[v].group.as_str();
        (0..csr.node_count())
            .flat_map(|v| csr.neighbors(v).iter().map(move |&w| (v, w as usize)))
            .filter(|&(v, w)| v < w && (!nested || group(v) != group(w)))
            .count()
    }

    #[test]
    fn degrees_and_tie_counts_from_the_cliques_equal_those_of_the_pairs() {
        for giant in [0, 30, 120] {
            let dataset = with_giant(giant);
            let union = CliqueUnion::bodies(&dataset, BuildOptions::default());
            let csr = bodies_csr(&dataset, BuildOptions::default());
            let expected: Vec<usize> = (0..csr.node_count()).map(|v| csr.degree(v)).collect();
            assert_eq!(degrees(&union), expected, "giant {giant}");
            let groups: Vec<&str> = dataset.bodies.iter().map(|b| b.group.as_str()).collect();
            for nested in [false, true] {
                let ties = ties_on_pairs(&dataset, nested);
                assert!(ties > 2, "giant {giant}: {ties} ties");
                for bound in [0, 1, ties / 2, ties - 1, ties, ties + 1, 10 * ties] {
                    assert_eq!(
                        ties_exceed(&union, &groups, nested, bound),
                        ties > bound,
                        "giant {giant}, nested {nested}, bound {bound} of {ties}"
                    );
                }
            }
        }
    }

    #[test]
    fn degrees_passed_in_cut_as_the_ones_computed_here() {
        let dataset = with_giant(120);
        let known = Arc::new(BodyDegrees::of(&dataset));
        let limit = Limit::for_render().scaled(0.2);
        for diagram in [Diagram::Bodies, Diagram::Org] {
            let computed = plan(&dataset, &diagram, &limit, Measure::Degree, None);
            let passed = plan(&dataset, &diagram, &limit, Measure::Degree, Some(&known));
            let (computed, passed) = (computed.expect("cut"), passed.expect("cut"));
            assert_eq!(computed.values, passed.values, "{diagram:?}");
            assert_eq!(computed.dataset, passed.dataset, "{diagram:?}");
            // And the degrees are the projection's, counted on its pairs.
            let csr = bodies_csr(&dataset, BuildOptions::default());
            let expected: Vec<usize> = (0..csr.node_count()).map(|v| csr.degree(v)).collect();
            assert_eq!(known.degrees, expected);
            let with_known =
                top(&dataset, &diagram, 12, Measure::Degree, Some(&known)).expect("top");
            let alone = top(&dataset, &diagram, 12, Measure::Degree, None).expect("top");
            assert_eq!(with_known.values, alone.values, "{diagram:?}");
        }
    }
}
