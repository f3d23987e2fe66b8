//! Ego networks: the bodies around a node, depth by depth, with what ties each one in.

use super::links::Links;
use serde::Serialize;
use std::collections::HashSet;

/// One body of an ego network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbour {
    /// Steps from the centre.
    pub depth: usize,
    /// Body id.
    pub body: String,
    /// Its group.
    pub group: String,
    /// The ties that bring it in: (body one step nearer, carrier indices into `Links::carriers`).
    #[serde(skip)]
    pub ties: Vec<(usize, Vec<usize>)>,
    /// The same, serialisable: bodies one step nearer.
    pub through: Vec<String>,
    /// Carrier ids (mechanisms, forums; "part-of" for hierarchy steps), sorted, no repeats.
    pub via: Vec<String>,
}

/// Bodies within `depth` steps of `centre` (body positions), nearest first, then by id.
///
/// Complexity: O(k log k) per body reached, k the summed size of its carriers.
pub fn ego(links: &Links, centre: &[usize], depth: usize) -> Vec<Neighbour> {
    let mut seen: HashSet<usize> = centre.iter().copied().collect();
    let mut frontier: Vec<usize> = centre.to_vec();
    let mut result = Vec::new();
    for level in 1..=depth {
        let mut next: Vec<Neighbour> = Vec::new();
        let mut added: HashSet<usize> = HashSet::new();
        let mut ties_of: std::collections::BTreeMap<usize, Vec<(usize, Vec<usize>)>> =
            Default::default();
        for &v in &frontier {
            for (w, carriers) in links.ties(v) {
                if seen.contains(&w) {
                    continue;
                }
                added.insert(w);
                ties_of.entry(w).or_default().push((v, carriers));
            }
        }
        for (w, ties) in ties_of {
            let mut via: Vec<String> = ties
                .iter()
                .flat_map(|(_, cs)| cs.iter())
                .map(|&c| {
                    links.carriers()[c]
                        .id
                        .clone()
                        .unwrap_or_else(|| "part-of".to_string())
                })
                .collect();
            via.sort();
            via.dedup();
            next.push(Neighbour {
                depth: level,
                body: links.bodies()[w].clone(),
                group: links.groups()[w].clone(),
                through: ties
                    .iter()
                    .map(|(v, _)| links.bodies()[*v].clone())
                    .collect(),
                via,
                ties,
            });
        }
        next.sort_by(|a, b| a.body.cmp(&b.body));
        seen.extend(added.iter().copied());
        frontier = next
            .iter()
            .filter_map(|n| links.position(&n.body))
            .collect();
        result.extend(next);
        if frontier.is_empty() {
            break;
        }
    }
    result
}
