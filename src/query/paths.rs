//! "Which bodies link X to Y": every short route between two bodies (or groups), with the
//! mechanism, forum or hierarchy step behind every hop and the clause that states it.
//!
//! A path never takes two hops through the same mechanism or forum: its participants are all
//! tied to each other, so such a path is a detour around a direct tie.

use super::links::{CarrierKind, Citation, Links};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet, VecDeque};

/// Most paths enumerated before the search stops (and says so).
pub const ENUMERATION_CAP: usize = 200_000;

/// A path question.
#[derive(Debug, Clone)]
pub struct Query {
    /// Start bodies (one, or every body of a group).
    pub from: Vec<String>,
    /// End bodies; a path ends at the first of them it reaches.
    pub to: Vec<String>,
    /// Whether `from` is a group: paths then leave it at once and do not come back.
    pub from_is_group: bool,
    /// Most hops a path may have.
    pub max_hops: usize,
    /// Most paths returned.
    pub limit: usize,
    /// Bodies no path may pass through.
    pub avoid: Vec<String>,
}

/// What carries one hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Via {
    /// Mechanism or forum id; null for a hierarchy step.
    pub id: Option<String>,
    /// Display name.
    pub name: String,
    /// mechanism, forum or part-of.
    pub kind: CarrierKind,
}

/// One step from a body to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// Body id.
    pub from: String,
    /// Body id.
    pub to: String,
    /// The main carrier: a mechanism before a forum before a hierarchy step, then dataset order.
    pub via: Via,
    /// The clause of the main carrier (null where there is none).
    pub source: Option<Citation>,
    /// The other carriers of the same tie (ids; "part-of" for a hierarchy step).
    pub also: Vec<String>,
}

/// One route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    /// Number of hops.
    pub length: usize,
    /// The hops, in order.
    pub hops: Vec<Hop>,
    /// Distinct document clauses backing the hops (all carriers counted).
    pub sources: usize,
}

/// A body of the destination that some path reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reached {
    /// Body id.
    pub body: String,
    /// Fewest hops to it.
    pub hops: usize,
    /// Number of paths ending there.
    pub paths: usize,
    /// The carriers of the last tie of its shortest paths (ids or "part-of").
    pub channels: Vec<Via>,
}

/// The answer to a path question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The paths, best first (fewest hops, then most sources, then ids), at most `limit`.
    pub paths: Vec<Path>,
    /// Bodies on the returned paths, endpoints excluded, in order of first appearance.
    pub bodies: Vec<String>,
    /// Destination bodies reached, nearest first.
    pub reached: Vec<Reached>,
    /// Paths found in all (before `limit`).
    pub found: usize,
    /// True when the search stopped at [`ENUMERATION_CAP`] paths.
    pub truncated: bool,
    /// Fewest hops between the two sides at any length, when no path fits `max_hops`
    /// (`None`: not connected at all, or paths were found).
    pub shortest_beyond_limit: Option<usize>,
}

/// Finds every simple path of at most `query.max_hops` hops from `query.from` to `query.to`.
///
/// Complexity: exponential in `max_hops` in the worst case (every simple path is listed), capped
/// at [`ENUMERATION_CAP`] paths; O(n + m) for the shortest-distance fallback.
pub fn find(links: &Links, query: &Query) -> Answer {
    let positions =
        |ids: &[String]| -> Vec<usize> { ids.iter().filter_map(|id| links.position(id)).collect() };
    let starts = positions(&query.from);
    let targets: HashSet<usize> = positions(&query.to).into_iter().collect();
    let from_set: HashSet<usize> = starts.iter().copied().collect();
    let avoid: HashSet<usize> = positions(&query.avoid).into_iter().collect();
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut truncated = false;
    for &start in &starts {
        if avoid.contains(&start) || targets.contains(&start) {
            continue;
        }
        let mut path = vec![start];
        let mut on_path: HashSet<usize> = HashSet::from([start]);
        // Iterative DFS: (node, neighbour iterator position).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some((v, next)) = stack.last_mut() {
            let neighbours: Vec<usize> = links.adjacency[*v].keys().copied().collect();
            if *next >= neighbours.len() || path.len() > query.max_hops {
                stack.pop();
                if let Some(last) = path.pop() {
                    on_path.remove(&last);
                }
                continue;
            }
            let w = neighbours[*next];
            *next += 1;
            if on_path.contains(&w)
                || avoid.contains(&w)
                || (query.from_is_group && from_set.contains(&w))
                || detour(links, &path, w)
            {
                continue;
            }
            if targets.contains(&w) {
                let mut complete = path.clone();
                complete.push(w);
                found.push(complete);
                if found.len() >= ENUMERATION_CAP {
                    truncated = true;
                    break;
                }
                continue;
            }
            if path.len() < query.max_hops {
                path.push(w);
                on_path.insert(w);
                stack.push((w, 0));
            }
        }
        if truncated {
            break;
        }
    }
    let mut paths: Vec<Path> = found.iter().map(|p| describe(links, p)).collect();
    paths.sort_by(|a, b| {
        a.length
            .cmp(&b.length)
            .then_with(|| b.sources.cmp(&a.sources))
            .then_with(|| route(a).cmp(&route(b)))
    });
    let reached = reached(&paths);
    let total = paths.len();
    paths.truncate(query.limit);
    let mut bodies = Vec::new();
    let mut seen = HashSet::new();
    for path in &paths {
        for hop in path.hops.iter().skip(1) {
            if seen.insert(hop.from.clone()) {
                bodies.push(hop.from.clone());
            }
        }
    }
    let shortest_beyond_limit = if total == 0 {
        shortest(links, &starts, &targets, &avoid, query.from_is_group)
    } else {
        None
    };
    Answer {
        paths,
        bodies,
        reached,
        found: total,
        truncated,
        shortest_beyond_limit,
    }
}

/// True when stepping on to `next` would continue inside the mechanism or forum of the last
/// hop: all its participants are tied to each other, so the direct tie is already a shorter path.
fn detour(links: &Links, path: &[usize], next: usize) -> bool {
    let [.., before, last] = path else {
        return false;
    };
    let (Some(previous), Some(following)) = (
        links.adjacency[*before].get(last),
        links.adjacency[*last].get(&next),
    ) else {
        return false;
    };
    previous
        .iter()
        .any(|c| following.contains(c) && links.carriers[*c].kind != CarrierKind::PartOf)
}

fn route(path: &Path) -> Vec<&str> {
    let mut ids: Vec<&str> = path.hops.iter().map(|h| h.from.as_str()).collect();
    if let Some(last) = path.hops.last() {
        ids.push(&last.to);
    }
    ids
}

fn describe(links: &Links, nodes: &[usize]) -> Path {
    let mut citations: BTreeSet<&Citation> = BTreeSet::new();
    let hops: Vec<Hop> = nodes
        .windows(2)
        .map(|pair| {
            let mut carriers = links.adjacency[pair[0]]
                .get(&pair[1])
                .cloned()
                .unwrap_or_default();
            carriers.sort_by_key(|&c| (links.carriers[c].kind, c));
            for &c in &carriers {
                if let Some(source) = &links.carriers[c].source {
                    citations.insert(source);
                }
            }
            let main = &links.carriers[carriers[0]];
            Hop {
                from: links.bodies[pair[0]].clone(),
                to: links.bodies[pair[1]].clone(),
                via: Via {
                    id: main.id.clone(),
                    name: main.name.clone(),
                    kind: main.kind,
                },
                source: main.source.clone(),
                also: carriers[1..]
                    .iter()
                    .map(|&c| {
                        links.carriers[c]
                            .id
                            .clone()
                            .unwrap_or_else(|| "part-of".to_string())
                    })
                    .collect(),
            }
        })
        .collect();
    Path {
        length: hops.len(),
        sources: citations.len(),
        hops,
    }
}

/// The destination bodies reached, with the carriers of the last hop of their shortest paths.
fn reached(paths: &[Path]) -> Vec<Reached> {
    let mut result: Vec<Reached> = Vec::new();
    for path in paths {
        let Some(last) = path.hops.last() else {
            continue;
        };
        match result.iter_mut().find(|r| r.body == last.to) {
            Some(entry) => {
                entry.paths += 1;
                if path.length == entry.hops && !entry.channels.contains(&last.via) {
                    entry.channels.push(last.via.clone());
                }
            }
            None => result.push(Reached {
                body: last.to.clone(),
                hops: path.length,
                paths: 1,
                channels: vec![last.via.clone()],
            }),
        }
    }
    result.sort_by(|a, b| a.hops.cmp(&b.hops).then_with(|| a.body.cmp(&b.body)));
    result
}

/// Fewest hops from any start to any target (BFS), if connected at all.
fn shortest(
    links: &Links,
    starts: &[usize],
    targets: &HashSet<usize>,
    avoid: &HashSet<usize>,
    from_is_group: bool,
) -> Option<usize> {
    let from_set: HashSet<usize> = starts.iter().copied().collect();
    let mut distance = vec![usize::MAX; links.bodies.len()];
    let mut queue = VecDeque::new();
    for &s in starts {
        if !avoid.contains(&s) {
            distance[s] = 0;
            queue.push_back(s);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &w in links.adjacency[v].keys() {
            if distance[w] != usize::MAX || avoid.contains(&w) {
                continue;
            }
            if from_is_group && from_set.contains(&w) {
                continue;
            }
            distance[w] = distance[v] + 1;
            if targets.contains(&w) {
                return Some(distance[w]);
            }
            queue.push_back(w);
        }
    }
    None
}
