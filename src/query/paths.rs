//! "Which bodies link X to Y": every short route between two bodies (or groups), with the
//! mechanism, forum or hierarchy step behind every hop and the clause that states it.
//!
//! A path never takes two hops through the same mechanism or forum: its participants are all
//! tied to each other, so such a path is a detour around a direct tie.

use super::links::{CarrierKind, Citation, Links};
use serde::Serialize;
use std::collections::HashSet;
use std::rc::Rc;
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
/// exponential in `max_hops` in the worst case, which the budget bounds; O(memberships) for
/// the distances.
pub fn find_within(links: &Links, query: &Query, budget: Budget) -> Answer {
    find_keeping(links, query, budget, LISTED_ITEMS)
}

/// [`find_within`], keeping at most `listed_items` neighbour entries between steps.
fn find_keeping(links: &Links, query: &Query, budget: Budget, listed_items: usize) -> Answer {
    let started = Instant::now();
    let sides = Sides::new(links, query);
    let mut search = Search::new(links, query, &sides, budget, started);
    search.neighbours.room = listed_items;
    let (stopped, complete_up_to) = search.by_length();
    let stopped = stopped.map(|reason| Stopped {
        reason,
        complete_up_to,
        budget,
    });
    answer(links, query, &sides, &search.found, stopped)
}

/// The two ends of a path question by body position, and each body's distance to the
/// destination.
struct Sides {
    /// Where paths start.
    starts: Vec<usize>,
    /// Membership flags (the search tests them at every step): the destination's bodies, the
    /// start's, and those to avoid.
    targets: Vec<bool>,
    from_set: Vec<bool>,
    avoid: Vec<bool>,
    /// Fewest hops from each body to the destination, around the avoided bodies.
    to_target: Vec<usize>,
}

impl Sides {
    fn new(links: &Links, query: &Query) -> Sides {
        let positions = |ids: &[String]| -> Vec<usize> {
            ids.iter().filter_map(|id| links.position(id)).collect()
        };
        let flags = |ids: &[String]| {
            let mut flag = vec![false; links.bodies().len()];
            for p in positions(ids) {
                flag[p] = true;
            }
            flag
        };
        let avoid = flags(&query.avoid);
        let to_target = links.hops_from(&positions(&query.to), |v| avoid[v]);
        Sides {
            starts: positions(&query.from),
            targets: flags(&query.to),
            from_set: flags(&query.from),
            avoid,
            to_target,
        }
    }
}

/// A step of the iterative depth-first search: the body, its neighbours, the place reached
/// in them, and the mechanisms and forums of the hop that reached it.
type Frame = (usize, Rc<[u32]>, usize, Vec<u32>);

/// A depth-first search for paths, length by length, within a budget.
struct Search<'a> {
    links: &'a Links,
    query: &'a Query,
    sides: &'a Sides,
    budget: Budget,
    started: Instant,
    on_path: Vec<bool>,
    /// Each body's neighbours, listed when the search first steps out of it: a search that
    /// prunes by `to_target` reads a small part of the network.
    neighbours: Neighbours<'a>,
    /// The paths found, as body positions.
    found: Vec<Vec<usize>>,
    steps: u64,
}

impl<'a> Search<'a> {
    fn new(
        links: &'a Links,
        query: &'a Query,
        sides: &'a Sides,
        budget: Budget,
        started: Instant,
    ) -> Search<'a> {
        Search {
            links,
            query,
            sides,
            budget,
            started,
            on_path: vec![false; links.bodies().len()],
            neighbours: Neighbours::new(links),
            found: Vec::new(),
            steps: 0,
        }
    }

    /// Lists every path of 1 hop, then of 2 hops …; returns why the search stopped early (if
    /// it did) and the length up to which every path is listed.
    fn by_length(&mut self) -> (Option<StopReason>, usize) {
        let mut complete_up_to = 0;
        for length in 1..=self.query.max_hops {
            // Whether this length cut some path short: if none was, every simple path has been
            // listed and longer lengths find nothing new (`--max-hops 1000000` ends at once).
            let mut cut = false;
            let sides = self.sides;
            for &start in &sides.starts {
                if let Err(reason) = self.walk_from(start, length, &mut cut) {
                    return (Some(reason), complete_up_to);
                }
            }
            complete_up_to = length;
            if !cut {
                return (None, self.query.max_hops);
            }
        }
        (None, complete_up_to)
    }

    /// Lists the paths of exactly `length` hops out of `start`; sets `cut` when a step shows a
    /// longer path that this length cuts short.
    fn walk_from(&mut self, start: usize, length: usize, cut: &mut bool) -> Result<(), StopReason> {
        let (links, sides) = (self.links, self.sides);
        let to_target = &sides.to_target;
        if sides.avoid[start] || sides.targets[start] || to_target[start] > length {
            *cut |= to_target[start] != usize::MAX && to_target[start] > length;
            return Ok(());
        }
        let mut path = vec![start];
        self.on_path[start] = true;
        let mut stack: Vec<Frame> = vec![(start, self.neighbours.of(start), 0, Vec::new())];
        while let Some((v, listed, next, last_hop)) = stack.last_mut() {
            self.steps += 1;
            if self.steps.is_multiple_of(4096) && self.started.elapsed() >= self.budget.max_time {
                return Err(StopReason::TimeCap);
            }
            let v = *v;
            let Some(w) = listed.get(*next).map(|&w| w as usize) else {
                stack.pop();
                if let Some(last) = path.pop() {
                    self.on_path[last] = false;
                }
                continue;
            };
            *next += 1;
            // Hops of the path once it steps to `w`.
            let hops = path.len();
            if self.on_path[w] || sides.avoid[w] || (self.query.from_is_group && sides.from_set[w])
            {
                continue;
            }
            let arrives = sides.targets[w] && hops == length;
            let extends = !sides.targets[w] && hops < length && to_target[w] <= length - hops;
            let cuts = !sides.targets[w] && !extends && !*cut && to_target[w] != usize::MAX;
            // Shorter paths to a target were listed at their own length, and a step that
            // neither arrives, extends nor shows a cut changes nothing: only the others
            // need the detour test.
            if !(arrives || extends || cuts) || detour(links, last_hop, w) {
                continue;
            }
            if arrives {
                let mut complete = path.clone();
                complete.push(w);
                self.found.push(complete);
                if self.found.len() >= self.budget.max_paths {
                    return Err(StopReason::PathCap);
                }
            } else if extends {
                let hop: Vec<u32> = links
                    .between(v, w)
                    .into_iter()
                    .filter(|&c| links.carriers()[c].kind != CarrierKind::PartOf)
                    .map(|c| c as u32)
                    .collect();
                path.push(w);
                self.on_path[w] = true;
                let onward = self.neighbours.onward(w, &hop);
                stack.push((w, onward, 0, hop));
            } else {
                *cut = true;
            }
        }
        self.on_path[start] = false;
        Ok(())
    }
}

/// The answer from the paths `found`: ranked, the first `query.limit` written out, with the
/// bodies on them and the destination's bodies reached.
fn answer(
    links: &Links,
    query: &Query,
    sides: &Sides,
    found: &[Vec<usize>],
    stopped: Option<Stopped>,
) -> Answer {
    // Paths are ranked and counted from their body positions; only the `limit` shown are
    // written out (200,000 three-hop paths written out took 200 MB at 10,000 nodes).
    let citations = citation_ids(links);
    let rank: Vec<(usize, usize)> = found
        .iter()
        .map(|p| (p.len() - 1, sources(links, &citations, p)))
        .collect();
    let name = |v: &usize| links.bodies()[*v].as_str();
    let mut order: Vec<usize> = (0..found.len()).collect();
    // Stable, as the list it replaces: equal paths keep the order they were found in.
    order.sort_by(|&a, &b| {
        rank[a]
            .0
            .cmp(&rank[b].0)
            .then_with(|| rank[b].1.cmp(&rank[a].1))
            .then_with(|| found[a].iter().map(name).cmp(found[b].iter().map(name)))
    });
    let reached = reached(links, found, &order);
    let total = found.len();
    let paths: Vec<Path> = order
        .iter()
        .take(query.limit)
        .map(|&i| describe(links, &found[i], rank[i].1))
        .collect();
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
        shortest(links, &sides.starts, &sides.targets, &sides.avoid)
    } else {
        None
    };
    Answer {
        paths,
        bodies,
        reached,
        found: total,
        truncated: stopped.is_some(),
        stopped,
        shortest_beyond_limit,
    }
}

/// True when stepping on to `next` would continue inside a mechanism or forum of the last hop
/// (`last_hop`: its carriers other than hierarchy steps): all its participants are tied to each
/// other, so the direct tie is already a shorter path.
fn detour(links: &Links, last_hop: &[u32], next: usize) -> bool {
    let following = links.carriers_of(next);
    last_hop.iter().any(|c| following.binary_search(c).is_ok())
}

/// Most neighbour entries kept between steps (4 bytes each): every body of a mechanism of
/// 10,000 has 9,999 neighbours, and keeping each list once listed took 400 MB.
const LISTED_ITEMS: usize = 4_000_000;

/// Neighbour lists of the bodies a search has stepped out of, listed on first use and kept
/// while they fit in [`LISTED_ITEMS`]; beyond that a list is made again at each step out of
/// its body (and held only while the search is there).
struct Neighbours<'a> {
    links: &'a Links,
    listed: Vec<Option<Rc<[u32]>>>,
    /// Entries kept so far, and most kept.
    items: usize,
    room: usize,
}

impl<'a> Neighbours<'a> {
    fn new(links: &'a Links) -> Neighbours<'a> {
        Neighbours {
            links,
            listed: vec![None; links.bodies().len()],
            items: 0,
            room: LISTED_ITEMS,
        }
    }

    /// The neighbours of `v` a path that reached it through the carriers `hop` may step on to,
    /// ascending, with perhaps some it may not (the search tests each step for a detour): where
    /// most of `v`'s ties run through `hop`, only the members of its other carriers. Every
    /// neighbour left out shares a carrier with `hop`, so the steps the search takes, and their
    /// order, are the same as through [`Neighbours::of`]. Measured: a path query through a
    /// mechanism of 10,000 participants stepped through each of them from 6,500 bodies
    /// reached by it, 66 million steps that were all detours (1.8 s).
    fn onward(&mut self, v: usize, hop: &[u32]) -> Rc<[u32]> {
        let carriers = self.links.carriers_of(v);
        let size = |c: &&u32| self.links.members(**c as usize).len();
        let all: usize = carriers.iter().map(|c| size(&c)).sum();
        let other = || carriers.iter().filter(|c| hop.binary_search(c).is_err());
        let rest: usize = other().map(|c| size(&c)).sum();
        // Listing the other carriers' members costs about what the full list does unless
        // `hop` holds most of them; the full list is kept between steps, this one is not.
        if rest * 4 >= all {
            return self.of(v);
        }
        let mut list: Vec<u32> = other()
            .flat_map(|&c| self.links.members(c as usize))
            .copied()
            .filter(|&w| w as usize != v)
            .collect();
        list.sort_unstable();
        list.dedup();
        list.into()
    }

    /// The neighbours of `v`, ascending.
    fn of(&mut self, v: usize) -> Rc<[u32]> {
        if let Some(list) = &self.listed[v] {
            return Rc::clone(list);
        }
        let list: Rc<[u32]> = self.links.neighbours(v).into();
        if self.items + list.len() <= self.room {
            self.items += list.len();
            self.listed[v] = Some(Rc::clone(&list));
        }
        list
    }
}

/// A number per distinct document clause among the carriers (`None`: no clause).
fn citation_ids(links: &Links) -> Vec<Option<u32>> {
    let mut ids: std::collections::HashMap<&Citation, u32> = Default::default();
    links
        .carriers()
        .iter()
        .map(|c| {
            let next = ids.len() as u32;
            c.source.as_ref().map(|s| *ids.entry(s).or_insert(next))
        })
        .collect()
}

/// The distinct document clauses backing the hops of the path `nodes` (all carriers counted).
fn sources(links: &Links, citations: &[Option<u32>], nodes: &[usize]) -> usize {
    let mut ids: Vec<u32> = nodes
        .windows(2)
        .flat_map(|pair| links.between(pair[0], pair[1]))
        .filter_map(|c| citations[c])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// The carriers of the tie `a`–`b`, main one first: a mechanism before a forum before a
/// hierarchy step, then dataset order.
fn ranked_carriers(links: &Links, a: usize, b: usize) -> Vec<usize> {
    let mut carriers = links.between(a, b);
    carriers.sort_by_key(|&c| (links.carriers()[c].kind, c));
    carriers
}

/// What carries a hop through `carrier`.
fn via(links: &Links, carrier: usize) -> Via {
    let main = &links.carriers()[carrier];
    Via {
        id: main.id.clone(),
        name: main.name.clone(),
        kind: main.kind,
    }
}

/// The path through the bodies `nodes`, written out; `sources` its distinct clauses.
fn describe(links: &Links, nodes: &[usize], sources: usize) -> Path {
    let hops: Vec<Hop> = nodes
        .windows(2)
        .map(|pair| {
            let carriers = ranked_carriers(links, pair[0], pair[1]);
            Hop {
                from: links.bodies()[pair[0]].clone(),
                to: links.bodies()[pair[1]].clone(),
                via: via(links, carriers[0]),
                source: links.carriers()[carriers[0]].source.clone(),
                also: carriers[1..]
                    .iter()
                    .map(|&c| {
                        links.carriers()[c]
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
        sources,
        hops,
    }
}

/// The destination bodies reached by the paths `found` (taken in `order`, best first), with
/// the main carriers of the last hop of their shortest paths.
fn reached(links: &Links, found: &[Vec<usize>], order: &[usize]) -> Vec<Reached> {
    /// A body reached: its fewest hops, paths, and last-hop carriers in order of first use.
    struct Entry {
        body: usize,
        hops: usize,
        paths: usize,
        carriers: Vec<usize>,
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry_of: std::collections::HashMap<usize, usize> = Default::default();
    for &i in order {
        let path = &found[i];
        let [.., a, b] = path[..] else {
            continue;
        };
        let length = path.len() - 1;
        let main = || ranked_carriers(links, a, b)[0];
        match entry_of.get(&b) {
            Some(&e) => {
                let entry = &mut entries[e];
                entry.paths += 1;
                if length == entry.hops {
                    let carrier = main();
                    if !entry.carriers.contains(&carrier) {
                        entry.carriers.push(carrier);
                    }
                }
            }
            None => {
                entry_of.insert(b, entries.len());
                entries.push(Entry {
                    body: b,
                    hops: length,
                    paths: 1,
                    carriers: vec![main()],
                });
            }
        }
    }
    let mut result: Vec<Reached> = entries
        .into_iter()
        .map(|entry| {
            // Two hierarchy steps into the same body read the same ("part of X"): one channel.
            let mut channels: Vec<Via> = Vec::new();
            for c in entry.carriers {
                let via = via(links, c);
                if !channels.contains(&via) {
                    channels.push(via);
                }
            }
            Reached {
                body: links.bodies()[entry.body].clone(),
                hops: entry.hops,
                paths: entry.paths,
                channels,
            }
        })
        .collect();
    result.sort_by(|a, b| a.hops.cmp(&b.hops).then_with(|| a.body.cmp(&b.body)));
    result
}

/// Fewest hops from any start to any target that is not a start itself, if connected at all.
/// A path from a group never comes back into it; a breadth-first search needs no rule for that,
/// since every start is at distance 0 already.
fn shortest(links: &Links, starts: &[usize], targets: &[bool], avoid: &[bool]) -> Option<usize> {
    let distance = links.hops_from(starts, |v| avoid[v]);
    distance
        .iter()
        .zip(targets)
        .filter(|&(&d, &target)| target && d != 0 && d != usize::MAX)
        .map(|(&d, _)| d)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{add_giant_mechanism, generate, Spec};

    #[test]
    fn lists_made_again_at_each_step_give_the_answer_of_kept_ones() {
        let mut dataset = generate(&Spec {
            bodies: 150,
            mechanisms: 60,
            groups: 3,
            forums: 3,
            mean_participants: 3.0,
            seed: 3,
        });
        add_giant_mechanism(&mut dataset, 40);
        let links = Links::new(&dataset, true);
        let budget = Budget {
            max_paths: 5_000,
            max_time: Duration::from_secs(600),
        };
        for (from, to) in [("b0", "b39"), ("b3", "b140"), ("b100", "b120")] {
            let query = Query {
                from: vec![from.into()],
                to: vec![to.into()],
                from_is_group: false,
                max_hops: 4,
                limit: 50,
                avoid: Vec::new(),
            };
            let kept = find_keeping(&links, &query, budget, usize::MAX);
            assert!(kept.found > 1, "{from} → {to}: {} paths", kept.found);
            assert_eq!(find_keeping(&links, &query, budget, 0), kept);
            assert_eq!(find_keeping(&links, &query, budget, 300), kept);
        }
    }

    #[test]
    fn the_onward_list_leaves_out_only_detours_and_keeps_the_order() {
        let mut dataset = generate(&Spec {
            bodies: 120,
            mechanisms: 50,
            groups: 3,
            forums: 3,
            mean_participants: 3.0,
            seed: 5,
        });
        add_giant_mechanism(&mut dataset, 100);
        let links = Links::new(&dataset, true);
        let mut neighbours = Neighbours::new(&links);
        let mut shorter = 0;
        for v in 0..links.bodies().len() {
            let all = neighbours.of(v);
            for &u in all.iter() {
                let hop: Vec<u32> = links
                    .between(u as usize, v)
                    .into_iter()
                    .filter(|&c| links.carriers()[c].kind != CarrierKind::PartOf)
                    .map(|c| c as u32)
                    .collect();
                let onward = neighbours.onward(v, &hop);
                let taken: Vec<u32> = all
                    .iter()
                    .copied()
                    .filter(|&w| !detour(&links, &hop, w as usize))
                    .collect();
                let kept: Vec<u32> = onward
                    .iter()
                    .copied()
                    .filter(|&w| !detour(&links, &hop, w as usize))
                    .collect();
                assert_eq!(kept, taken, "body {v} reached from {u}");
                assert!(onward.windows(2).all(|p| p[0] < p[1]));
                assert!(onward.iter().all(|w| all.binary_search(w).is_ok()));
                shorter += usize::from(onward.len() < all.len());
            }
        }
        assert!(
            shorter > 0,
            "the giant mechanism's detours were never left out"
        );
    }
}
