//! "Which bodies link X to Y": every short route between two bodies (or groups), with the
//! mechanism, forum or hierarchy step behind every hop and the clause that states it.
//!
//! A path never takes two hops through the same mechanism or forum: its participants are all
//! tied to each other, so such a path is a detour around a direct tie.

use super::links::{CarrierKind, Citation, Links};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::time::{Duration, Instant};

/// Most paths enumerated before the search stops (and says so), by default.
pub const ENUMERATION_CAP: usize = 200_000;

/// Longest the enumeration runs before it stops (and says so), by default.
pub const TIME_CAP: Duration = Duration::from_secs(10);

/// How much work a path search may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Most paths enumerated.
    pub max_paths: usize,
    /// Longest time spent enumerating.
    pub max_time: Duration,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_paths: ENUMERATION_CAP,
            max_time: TIME_CAP,
        }
    }
}

/// Why a search stopped before listing every path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StopReason {
    /// It found [`Budget::max_paths`] paths.
    PathCap,
    /// It ran for [`Budget::max_time`].
    TimeCap,
}

/// A search that stopped early: why, and up to which length its list is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stopped {
    /// Why it stopped.
    pub reason: StopReason,
    /// Every path of at most this many hops was listed (0: none is certain).
    pub complete_up_to: usize,
    /// The budget it ran under.
    #[serde(skip)]
    pub budget: Budget,
}

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
    /// True when the search stopped before listing every path (see `stopped`).
    pub truncated: bool,
    /// Why and where the search stopped early, if it did.
    pub stopped: Option<Stopped>,
    /// Fewest hops between the two sides at any length, when no path fits `max_hops`
    /// (`None`: not connected at all, or paths were found).
    pub shortest_beyond_limit: Option<usize>,
}

/// Finds every simple path of at most `query.max_hops` hops from `query.from` to `query.to`,
/// within the default [`Budget`].
pub fn find(links: &Links, query: &Query) -> Answer {
    find_within(links, query, Budget::default())
}

/// Finds every simple path of at most `query.max_hops` hops from `query.from` to `query.to`,
/// stopping when `budget` runs out.
///
/// Paths are listed by length — all 1-hop paths, then all 2-hop paths … — so a search that
/// stops early still has every path up to some length ([`Stopped::complete_up_to`]). A search
/// never steps to a body from which the destination is further than the hops left (distances
/// from one breadth-first search back from the destination), so it does not wander through
/// the parts of the network that cannot lead there, and stops lengthening once a length cut
/// no path short (every simple path is then listed, whatever `max_hops` asks).
///
/// Complexity: proportional to the number of paths listed (times `max_hops`) in practice;
/// exponential in `max_hops` in the worst case, which the budget bounds; O(n + m) for the
/// distances.
pub fn find_within(links: &Links, query: &Query, budget: Budget) -> Answer {
    let started = Instant::now();
    let positions =
        |ids: &[String]| -> Vec<usize> { ids.iter().filter_map(|id| links.position(id)).collect() };
    let starts = positions(&query.from);
    let targets: HashSet<usize> = positions(&query.to).into_iter().collect();
    let from_set: HashSet<usize> = starts.iter().copied().collect();
    let avoid: HashSet<usize> = positions(&query.avoid).into_iter().collect();
    let neighbours: Vec<Vec<usize>> = links
        .adjacency
        .iter()
        .map(|next| next.keys().copied().collect())
        .collect();
    let to_target = distances_to(&neighbours, &targets, &avoid);
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut stopped = None;
    let mut complete_up_to = 0;
    let mut steps: u64 = 0;
    'lengths: for length in 1..=query.max_hops {
        // Whether this length cut some path short: if none was, every simple path has been
        // listed and longer lengths find nothing new (`--max-hops 1000000` ends at once).
        let mut cut = false;
        for &start in &starts {
            if avoid.contains(&start) || targets.contains(&start) || to_target[start] > length {
                cut |= to_target[start] != usize::MAX && to_target[start] > length;
                continue;
            }
            let mut path = vec![start];
            let mut on_path: HashSet<usize> = HashSet::from([start]);
            // Iterative DFS: (node, position in its neighbour list).
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some((v, next)) = stack.last_mut() {
                steps += 1;
                if steps.is_multiple_of(4096) && started.elapsed() >= budget.max_time {
                    stopped = Some(StopReason::TimeCap);
                    break 'lengths;
                }
                let Some(&w) = neighbours[*v].get(*next) else {
                    stack.pop();
                    if let Some(last) = path.pop() {
                        on_path.remove(&last);
                    }
                    continue;
                };
                *next += 1;
                // Hops of the path once it steps to `w`.
                let hops = path.len();
                if on_path.contains(&w)
                    || avoid.contains(&w)
                    || (query.from_is_group && from_set.contains(&w))
                    || detour(links, &path, w)
                {
                    continue;
                }
                if targets.contains(&w) {
                    // Shorter paths to a target were listed at their own length.
                    if hops == length {
                        let mut complete = path.clone();
                        complete.push(w);
                        found.push(complete);
                        if found.len() >= budget.max_paths {
                            stopped = Some(StopReason::PathCap);
                            break 'lengths;
                        }
                    }
                    continue;
                }
                if hops < length && to_target[w] <= length - hops {
                    path.push(w);
                    on_path.insert(w);
                    stack.push((w, 0));
                } else if to_target[w] != usize::MAX {
                    cut = true;
                }
            }
        }
        complete_up_to = length;
        if !cut {
            complete_up_to = query.max_hops;
            break;
        }
    }
    let truncated = stopped.is_some();
    let stopped = stopped.map(|reason| Stopped {
        reason,
        complete_up_to,
        budget,
    });
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
        stopped,
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

/// Hops from every body to the nearest target, not passing through avoided bodies (`usize::MAX`
/// where none is reachable): a lower bound on what any path from there still needs.
fn distances_to(
    neighbours: &[Vec<usize>],
    targets: &HashSet<usize>,
    avoid: &HashSet<usize>,
) -> Vec<usize> {
    let mut distance = vec![usize::MAX; neighbours.len()];
    let mut queue = VecDeque::new();
    let mut sorted: Vec<usize> = targets.iter().copied().collect();
    sorted.sort_unstable();
    for t in sorted {
        if !avoid.contains(&t) {
            distance[t] = 0;
            queue.push_back(t);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &w in &neighbours[v] {
            if distance[w] == usize::MAX && !avoid.contains(&w) {
                distance[w] = distance[v] + 1;
                queue.push_back(w);
            }
        }
    }
    distance
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
