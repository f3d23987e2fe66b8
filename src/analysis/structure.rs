//! Structure: connected components, cut points and bridges (with what each would cut off), and
//! k-core numbers.

use crate::graph::clique_union::CliqueUnion;
use crate::graph::csr::Csr;
use crate::graph::CoopGraph;
use serde::Serialize;

/// The connected components of the nodes below `real` in `csr`, where the nodes from `real` on
/// are hubs that join them (see [`CliqueUnion::star_expansion`]): largest first, members
/// sorted, hubs left out.
pub fn components_among(csr: &Csr, real: usize) -> Vec<Vec<u32>> {
    let mut found: Vec<Vec<u32>> = components(csr)
        .into_iter()
        .map(|mut c| {
            c.retain(|&v| (v as usize) < real);
            c
        })
        .filter(|c| !c.is_empty())
        .collect();
    found.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    found
}

/// The connected components of `csr`, largest first (ties by smallest member), members sorted.
///
/// Complexity: O(n + m).
pub fn components(csr: &Csr) -> Vec<Vec<u32>> {
    let n = csr.node_count();
    let mut seen = vec![false; n];
    let mut result = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut members = vec![start as u32];
        let mut head = 0;
        while head < members.len() {
            let v = members[head] as usize;
            head += 1;
            for &w in csr.neighbors(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    members.push(w);
                }
            }
        }
        members.sort_unstable();
        result.push(members);
    }
    result.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    result
}

/// A node whose removal splits its component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CutPoint {
    /// The node.
    pub node: u32,
    /// The nodes that would be separated from the largest remaining piece (all of them when
    /// every piece is a single node), sorted.
    pub cut_off: Vec<u32>,
    /// Into how many pieces its component falls (the node itself excluded).
    pub pieces: usize,
}

/// An edge whose removal splits its component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bridge {
    /// One end (the smaller id).
    pub a: u32,
    /// The other end.
    pub b: u32,
    /// The nodes of the smaller side, sorted.
    pub cut_off: Vec<u32>,
}

/// Cut points (articulation points) and bridges, each with what it would cut off.
///
/// One iterative depth-first search (Hopcroft–Tarjan low-points). Subtrees are contiguous runs
/// of the preorder, so a separated piece is a range and only pieces that are cut off (not the
/// largest) are listed. Complexity: O(n + m) plus the size of the lists reported.
pub fn cut_points_and_bridges(csr: &Csr) -> (Vec<CutPoint>, Vec<Bridge>) {
    cut_points_and_bridges_among(csr, csr.node_count())
}

/// [`cut_points_and_bridges`] of the nodes below `real`, the nodes from `real` on being hubs
/// that join them ([`CliqueUnion::star_expansion`]): hubs are never reported, pieces are
/// weighed and listed by their real nodes, and only ties between two real nodes are bridges.
pub fn cut_points_and_bridges_among(csr: &Csr, real: usize) -> (Vec<CutPoint>, Vec<Bridge>) {
    let n = csr.node_count();
    const UNSEEN: u32 = u32::MAX;
    let mut preorder = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut size = vec![1u32; n];
    let mut by_preorder: Vec<u32> = Vec::with_capacity(n);
    let mut cut_points = Vec::new();
    let mut bridges = Vec::new();
    for root in 0..n {
        if preorder[root] != UNSEEN {
            continue;
        }
        let component = by_preorder.len() as u32;
        // Per node (in order of completion): the preorder ranges of its separated subtrees.
        let mut separated: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        let mut slot_of: std::collections::HashMap<u32, usize> = Default::default();
        let mut tree_bridges: Vec<(u32, u32, (u32, u32))> = Vec::new();
        // (node, parent, next neighbour index)
        let mut stack: Vec<(u32, u32, usize)> = vec![(root as u32, u32::MAX, 0)];
        preorder[root] = component;
        low[root] = component;
        by_preorder.push(root as u32);
        while let Some(&mut (v, parent, ref mut next)) = stack.last_mut() {
            let neighbours = csr.neighbors(v as usize);
            if *next < neighbours.len() {
                let w = neighbours[*next];
                *next += 1;
                if preorder[w as usize] == UNSEEN {
                    preorder[w as usize] = by_preorder.len() as u32;
                    low[w as usize] = preorder[w as usize];
                    by_preorder.push(w);
                    stack.push((w, v, 0));
                } else if w != parent {
                    low[v as usize] = low[v as usize].min(preorder[w as usize]);
                }
                continue;
            }
            stack.pop();
            if parent == u32::MAX {
                continue;
            }
            let (p, c) = (parent as usize, v as usize);
            low[p] = low[p].min(low[c]);
            size[p] += size[c];
            let range = (preorder[c], preorder[c] + size[c]);
            if low[c] >= preorder[p] {
                let slot = *slot_of.entry(parent).or_insert_with(|| {
                    separated.push((parent, Vec::new()));
                    separated.len() - 1
                });
                separated[slot].1.push(range);
            }
            if low[c] > preorder[p] {
                tree_bridges.push((parent, v, range));
            }
        }
        let end = by_preorder.len() as u32;
        // Real nodes before each preorder position of the component: pieces weigh what they
        // hold of them.
        let mut real_before: Vec<u32> = Vec::with_capacity((end - component) as usize + 1);
        real_before.push(0);
        for &v in &by_preorder[component as usize..] {
            let last = real_before[real_before.len() - 1];
            real_before.push(last + u32::from((v as usize) < real));
        }
        let count = |s: u32, e: u32| {
            real_before[(e - component) as usize] - real_before[(s - component) as usize]
        };
        let component_size = count(component, end);
        let members = |ranges: &[(u32, u32)]| -> Vec<u32> {
            let mut list: Vec<u32> = ranges
                .iter()
                .flat_map(|&(s, e)| by_preorder[s as usize..e as usize].iter().copied())
                .filter(|&v| (v as usize) < real)
                .collect();
            list.sort_unstable();
            list
        };
        for (node, ranges) in separated.into_iter().filter(|(v, _)| (*v as usize) < real) {
            // Pieces as preorder ranges; the part above a non-root node is what is left of the
            // component once the node and its separated subtrees are gone.
            let mut pieces: Vec<Vec<(u32, u32)>> = ranges.iter().map(|&r| vec![r]).collect();
            let below: u32 = ranges.iter().map(|&(s, e)| count(s, e)).sum();
            if node as usize != root && component_size - 1 - below > 0 {
                let mut holes: Vec<(u32, u32)> = ranges.clone();
                holes.push((preorder[node as usize], preorder[node as usize] + 1));
                holes.sort_unstable();
                let mut gaps = Vec::new();
                let mut cursor = component;
                for (s, e) in holes {
                    if cursor < s {
                        gaps.push((cursor, s));
                    }
                    cursor = cursor.max(e);
                }
                if cursor < end {
                    gaps.push((cursor, end));
                }
                pieces.push(gaps);
            }
            if pieces.len() < 2 {
                continue; // a root with one subtree is not a cut point
            }
            let piece_size = |p: &Vec<(u32, u32)>| p.iter().map(|&(s, e)| count(s, e)).sum::<u32>();
            let piece_min = |p: &Vec<(u32, u32)>| {
                p.iter()
                    .flat_map(|&(s, e)| by_preorder[s as usize..e as usize].iter().copied())
                    .filter(|&v| (v as usize) < real)
                    .min()
                    .unwrap_or(u32::MAX)
            };
            // Keep the largest piece (ties: the one holding the smallest id); cut off the rest.
            let largest = (0..pieces.len())
                .max_by(|&a, &b| {
                    piece_size(&pieces[a])
                        .cmp(&piece_size(&pieces[b]))
                        .then_with(|| piece_min(&pieces[b]).cmp(&piece_min(&pieces[a])))
                })
                .unwrap_or(0);
            let piece_count = pieces.len();
            // When even the largest piece is a lone node, nothing holds together: all are cut off.
            let keep_largest = piece_size(&pieces[largest]) > 1;
            let cut: Vec<(u32, u32)> = pieces
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !keep_largest || *i != largest)
                .flat_map(|(_, p)| p)
                .collect();
            cut_points.push(CutPoint {
                node,
                cut_off: members(&cut),
                pieces: piece_count,
            });
        }
        for (parent, child, (start, stop)) in tree_bridges {
            if parent as usize >= real || child as usize >= real {
                continue;
            }
            let cut = if count(start, stop) * 2 <= component_size {
                vec![(start, stop)]
            } else {
                vec![(component, start), (stop, end)]
            };
            bridges.push(Bridge {
                a: parent.min(child),
                b: parent.max(child),
                cut_off: members(&cut),
            });
        }
    }
    bridges.sort_by_key(|b| (b.a, b.b));
    cut_points.sort_by(|x, y| {
        y.cut_off
            .len()
            .cmp(&x.cut_off.len())
            .then_with(|| x.node.cmp(&y.node))
    });
    (cut_points, bridges)
}

/// k-core number of every node: the largest k such that the node belongs to a subgraph where
/// every node has at least k neighbours (Batagelj & Zaversnik 2003). Complexity: O(n + m).
pub fn core_numbers(csr: &Csr) -> Vec<u32> {
    let degree = (0..csr.node_count()).map(|v| csr.degree(v)).collect();
    peel(degree, |v, out| {
        out.clear();
        out.extend_from_slice(csr.neighbors(v));
    })
}

/// [`core_numbers`] of a graph given by its cliques, read without its pairs: O(n + Σ k)
/// memory, O(Σ k²) time over cliques of k nodes (the degrees without listing neighbours: the
/// peeling reads each list once).
pub fn core_numbers_of_union(union: &CliqueUnion) -> Vec<u32> {
    let mut scratch = union.scratch();
    let degree = (0..union.node_count())
        .map(|v| union.tie_summary(v, &mut scratch).0)
        .collect();
    peel(degree, |v, out| {
        out.clear();
        out.extend(union.neighbours(v, &mut scratch).iter().map(|&(w, _)| w));
    })
}

/// Batagelj–Zaversnik peeling of the nodes of degrees `degree`, whose neighbour lists
/// `fill(v, out)` writes.
fn peel(mut degree: Vec<usize>, mut fill: impl FnMut(usize, &mut Vec<u32>)) -> Vec<u32> {
    let n = degree.len();
    let mut list: Vec<u32> = Vec::new();
    let max_degree = degree.iter().copied().max().unwrap_or(0);
    let mut bin = vec![0usize; max_degree + 1];
    for &d in &degree {
        bin[d] += 1;
    }
    let mut start = 0;
    for count in bin.iter_mut() {
        let c = *count;
        *count = start;
        start += c;
    }
    let mut position = vec![0usize; n];
    let mut order = vec![0usize; n];
    for v in 0..n {
        position[v] = bin[degree[v]];
        order[position[v]] = v;
        bin[degree[v]] += 1;
    }
    for d in (1..=max_degree).rev() {
        bin[d] = bin[d - 1];
    }
    if max_degree > 0 || n > 0 {
        bin[0] = 0;
    }
    for i in 0..n {
        let v = order[i];
        fill(v, &mut list);
        for &u in &list {
            let u = u as usize;
            if degree[u] > degree[v] {
                let du = degree[u];
                let pu = position[u];
                let pw = bin[du];
                let w = order[pw];
                if u != w {
                    position[u] = pw;
                    order[pu] = w;
                    position[w] = pu;
                    order[pw] = u;
                }
                bin[du] += 1;
                degree[u] -= 1;
            }
        }
    }
    degree.into_iter().map(|d| d as u32).collect()
}

/// Ids of the nodes at `positions` in `graph`.
pub fn ids(graph: &CoopGraph, positions: &[u32]) -> Vec<String> {
    positions
        .iter()
        .map(|&p| {
            graph.graph[petgraph::graph::NodeIndex::new(p as usize)]
                .id
                .clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(n: usize, edges: &[(u32, u32)]) -> Csr {
        let weighted: Vec<(u32, u32, f64)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        Csr::from_edges(n, &weighted)
    }

    #[test]
    fn cut_point_reports_the_smaller_pieces() {
        // Triangle 0-1-2, with 2 holding a tail 2-3-4 and a leaf 2-5; 6 isolated.
        let g = csr(7, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 5)]);
        let (cuts, bridges) = cut_points_and_bridges(&g);
        assert_eq!(cuts.len(), 2);
        assert_eq!(cuts[0].node, 2);
        // Pieces {0,1}, {3,4}, {5}: the largest kept is {0,1} (tie with {3,4}, smaller id).
        assert_eq!(cuts[0].cut_off, vec![3, 4, 5]);
        assert_eq!(cuts[0].pieces, 3);
        assert_eq!(cuts[1].node, 3);
        assert_eq!(cuts[1].cut_off, vec![4]);
        let pairs: Vec<(u32, u32, Vec<u32>)> =
            bridges.into_iter().map(|b| (b.a, b.b, b.cut_off)).collect();
        assert_eq!(
            pairs,
            vec![(2, 3, vec![3, 4]), (2, 5, vec![5]), (3, 4, vec![4])]
        );
    }

    #[test]
    fn the_component_count_is_that_of_the_whole_analysis() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        let dataset = crate::ingest::json::read(&path).expect("bundled dataset");
        for hierarchy in [false, true] {
            let options = crate::graph::BuildOptions { hierarchy };
            assert_eq!(
                body_component_count(&dataset, options),
                analyse(&dataset, options, 1).body_components.len()
            );
        }
    }

    #[test]
    fn components_largest_first() {
        let g = csr(6, &[(0, 1), (2, 3), (3, 4)]);
        assert_eq!(components(&g), vec![vec![2, 3, 4], vec![0, 1], vec![5]]);
    }

    /// Random cliques over a few nodes (some of two, some larger, some overlapping).
    fn random_cliques() -> impl proptest::strategy::Strategy<Value = (usize, Vec<Vec<u32>>)> {
        use proptest::prelude::*;
        (2usize..14).prop_flat_map(|n| {
            let clique = proptest::collection::btree_set(0..n as u32, 1..6)
                .prop_map(|set| set.into_iter().collect::<Vec<u32>>());
            (Just(n), proptest::collection::vec(clique, 0..8))
        })
    }

    proptest::proptest! {
        /// Read through its cliques, the bodies graph gives what its materialised pairs give.
        #[test]
        fn clique_aware_structure_equals_the_projection((n, cliques) in random_cliques()) {
            let union = CliqueUnion::new(n, cliques);
            let pairs = union.to_csr();
            let stars = union.star_expansion();
            proptest::prop_assert_eq!(components_among(&stars, n), components(&pairs));
            proptest::prop_assert_eq!(
                cut_points_and_bridges_among(&stars, n),
                cut_points_and_bridges(&pairs)
            );
            proptest::prop_assert_eq!(core_numbers_of_union(&union), core_numbers(&pairs));
            let by_cliques = crate::analysis::community::louvain_of_union(&union, 7);
            let by_pairs = crate::analysis::community::louvain(&pairs, 7);
            proptest::prop_assert_eq!(by_cliques.community, by_pairs.community);
            proptest::prop_assert!((by_cliques.modularity - by_pairs.modularity).abs() < 1e-12);
        }
    }

    #[test]
    fn core_numbers_of_a_clique_with_a_tail() {
        let g = csr(6, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4)]);
        assert_eq!(core_numbers(&g), vec![3, 3, 3, 3, 1, 0]);
    }
}

/// The structure of a dataset's network, by id, ready to present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Structure {
    /// Connected components of the two-mode network (ids of every node), largest first.
    pub network_components: Vec<Vec<String>>,
    /// Connected components of the bodies graph, largest first.
    pub body_components: Vec<Vec<String>>,
    /// Bodies whose loss would split the bodies graph, with the bodies cut off.
    pub body_cut_points: Vec<CutOff>,
    /// Mechanisms and forums whose loss would split the network, with the bodies cut off.
    pub mechanism_cut_points: Vec<CutOff>,
    /// Ties of the bodies graph whose loss would split it, with what carries them.
    pub bridges: Vec<BridgeOff>,
    /// k-core number of every body in the bodies graph.
    pub core_numbers: Vec<(String, u32)>,
    /// Louvain communities of the bodies graph (weighted), largest first.
    pub communities: Vec<Vec<String>>,
    /// Modularity of those communities.
    pub modularity: f64,
    /// Seed of the Louvain run.
    pub seed: u64,
}

/// A cut point by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CutOff {
    /// The body, mechanism or forum.
    pub id: String,
    /// The bodies that would lose their connection to the largest remaining part.
    pub cut_off: Vec<String>,
}

/// A bridge by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BridgeOff {
    /// One body.
    pub a: String,
    /// The other body.
    pub b: String,
    /// The mechanisms and forums that carry the tie.
    pub via: Vec<String>,
    /// The bodies on the smaller side.
    pub cut_off: Vec<String>,
}

/// The number of pieces of `dataset`'s bodies graph (what [`analyse`] lists as its body
/// components), without the rest of the analysis: the report counts them with the hierarchy as
/// ties too, and the whole analysis a second time cost it 0.7 s on a 10,000-participant
/// mechanism.
pub fn body_component_count(
    dataset: &crate::model::Dataset,
    options: crate::graph::BuildOptions,
) -> usize {
    let union = CliqueUnion::bodies(dataset, options);
    components_among(&union.star_expansion(), union.node_count()).len()
}

/// Analyses the structure of `dataset`: components of the network and of the bodies graph, cut
/// points and bridges with what they cut off, k-cores and Louvain communities (seeded).
///
/// The bodies graph is read through its cliques (one per mechanism or forum), never as pairs:
/// memory stays O(n + memberships) even for a mechanism of 10,000 participants.
pub fn analyse(
    dataset: &crate::model::Dataset,
    options: crate::graph::BuildOptions,
    seed: u64,
) -> Structure {
    use super::overlap::{memberships, shared_items, OverlapOf};
    use crate::graph::{build_graph, GraphKind, NodeKind};
    let network = build_graph(dataset, GraphKind::Network, options);
    let network_csr = Csr::from_graph(&network.graph, |_| 1.0);
    let members = memberships(dataset, OverlapOf::Bodies);
    // The bodies graph by its cliques: a mechanism of k participants costs k, not k² / 2.
    let union = CliqueUnion::bodies(dataset, options);
    let stars = union.star_expansion();
    let real = union.node_count();
    let body_ids = |list: &[u32]| -> Vec<String> {
        list.iter()
            .map(|&v| dataset.bodies[v as usize].id.clone())
            .collect()
    };
    let is_body =
        |v: u32| network.graph[petgraph::graph::NodeIndex::new(v as usize)].kind == NodeKind::Body;
    let network_components = components(&network_csr)
        .iter()
        .map(|c| ids(&network, c))
        .collect();
    let body_components = components_among(&stars, real)
        .iter()
        .map(|c| body_ids(c))
        .collect();
    let (cuts, bridges) = cut_points_and_bridges_among(&stars, real);
    let body_cut_points = cuts
        .iter()
        .map(|c| CutOff {
            id: dataset.bodies[c.node as usize].id.clone(),
            cut_off: body_ids(&c.cut_off),
        })
        .collect();
    let (network_cuts, _) = cut_points_and_bridges(&network_csr);
    let mut mechanism_cut_points: Vec<CutOff> = network_cuts
        .iter()
        .filter(|c| !is_body(c.node))
        .map(|c| {
            let cut_bodies: Vec<u32> = c.cut_off.iter().copied().filter(|&v| is_body(v)).collect();
            CutOff {
                id: ids(&network, &[c.node]).remove(0),
                cut_off: ids(&network, &cut_bodies),
            }
        })
        .filter(|c| !c.cut_off.is_empty())
        .collect();
    mechanism_cut_points.sort_by(|x, y| {
        y.cut_off
            .len()
            .cmp(&x.cut_off.len())
            .then_with(|| x.id.cmp(&y.id))
    });
    let bridges = bridges
        .iter()
        .map(|b| {
            let mut via = shared_items(&members, b.a as usize, b.b as usize);
            if via.is_empty() {
                via.push("part-of".to_string());
            }
            via.sort();
            BridgeOff {
                a: dataset.bodies[b.a as usize].id.clone(),
                b: dataset.bodies[b.b as usize].id.clone(),
                via,
                cut_off: body_ids(&b.cut_off),
            }
        })
        .collect();
    let core_numbers = core_numbers_of_union(&union)
        .into_iter()
        .enumerate()
        .map(|(v, k)| (dataset.bodies[v].id.clone(), k))
        .collect();
    let partition = super::community::louvain_of_union(&union, seed);
    let mut grouped: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for (v, &c) in partition.community.iter().enumerate() {
        grouped.entry(c).or_default().push(v as u32);
    }
    let mut communities: Vec<Vec<u32>> = grouped.into_values().collect();
    communities.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    Structure {
        network_components,
        body_components,
        body_cut_points,
        mechanism_cut_points,
        bridges,
        core_numbers,
        communities: communities.iter().map(|c| body_ids(c)).collect(),
        modularity: partition.modularity,
        seed,
    }
}
