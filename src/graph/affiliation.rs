//! Two-mode memberships (entities holding items: bodies in mechanisms, mechanisms with
//! participants) and the pairs of entities that share items, found row by row without holding
//! the projection in memory.

use super::csr::Csr;

/// Entities and the items they hold, both ways round.
#[derive(Debug, Clone)]
pub struct Affiliation<'a> {
    /// For each entity, the sorted positions of its items.
    sets: &'a [Vec<u32>],
    /// For each item, the entities holding it, ascending.
    holders: Vec<Vec<u32>>,
}

impl<'a> Affiliation<'a> {
    /// The affiliation of entities with item sets `sets` (each sorted, without repeats) over
    /// `items` items.
    pub fn new(sets: &'a [Vec<u32>], items: usize) -> Affiliation<'a> {
        let mut holders: Vec<Vec<u32>> = vec![Vec::new(); items];
        for (entity, set) in sets.iter().enumerate() {
            for &item in set {
                holders[item as usize].push(entity as u32);
            }
        }
        Affiliation { sets, holders }
    }

    /// Number of entities.
    pub fn entities(&self) -> usize {
        self.sets.len()
    }

    /// The entities holding each item, ascending.
    pub fn holders(&self) -> &[Vec<u32>] {
        &self.holders
    }

    /// Calls `visit(a, b, shared)` for every pair a < b of entities sharing at least one item,
    /// in order of (a, b), with the positions of the shared items, ascending.
    ///
    /// Row by row: for entity a, the (b, item) incidences with b > a are gathered and sorted, so
    /// memory is O(the largest row) besides the caller's. Complexity: O(Σ k²) over items with k
    /// holders, plus sorting each row.
    pub fn for_each_pair(&self, mut visit: impl FnMut(u32, u32, &[u32])) {
        let mut row: Vec<u64> = Vec::new();
        let mut shared: Vec<u32> = Vec::new();
        for (a, set) in self.sets.iter().enumerate() {
            row.clear();
            for &item in set {
                let holders = &self.holders[item as usize];
                // Holders are ascending: skip those at or before a.
                let start = holders.partition_point(|&b| b as usize <= a);
                row.extend(
                    holders[start..]
                        .iter()
                        .map(|&b| (u64::from(b) << 32) | u64::from(item)),
                );
            }
            row.sort_unstable();
            let mut start = 0;
            while start < row.len() {
                let b = (row[start] >> 32) as u32;
                let mut end = start;
                shared.clear();
                while end < row.len() && (row[end] >> 32) as u32 == b {
                    shared.push(row[end] as u32);
                    end += 1;
                }
                visit(a as u32, b, &shared);
                start = end;
            }
        }
    }

    /// Calls `visit(a, b, count)` for every pair a < b of entities sharing at least one item,
    /// with how many they share, in order of a (b in no set order).
    ///
    /// A dense counter per row instead of sorted incidences: O(Σ k²) over items with k holders,
    /// O(1) each, for the measures that need only the counts.
    pub fn for_each_pair_count(&self, mut visit: impl FnMut(u32, u32, usize)) {
        let mut count = vec![0u32; self.entities()];
        let mut touched: Vec<u32> = Vec::new();
        for (a, set) in self.sets.iter().enumerate() {
            for &item in set {
                let holders = &self.holders[item as usize];
                let start = holders.partition_point(|&b| b as usize <= a);
                for &b in &holders[start..] {
                    if count[b as usize] == 0 {
                        touched.push(b);
                    }
                    count[b as usize] += 1;
                }
            }
            for &b in &touched {
                visit(a as u32, b, count[b as usize] as usize);
                count[b as usize] = 0;
            }
            touched.clear();
        }
    }

    /// The weighted co-membership graph (the projection) as a CSR, without materialising the
    /// shared-item lists: weight = number of shared items. Memory O(n + pairs).
    pub fn projection_csr(&self) -> Csr {
        let mut edges: Vec<(u32, u32, f64)> = Vec::new();
        self.for_each_pair(|a, b, shared| edges.push((a, b, shared.len() as f64)));
        Csr::from_edges(self.entities(), &edges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_come_in_order_with_their_shared_items() {
        // Entities 0..4; items x=0 {0,1,2}, y=1 {0,1}, z=2 {2,3}.
        let sets = vec![vec![0, 1], vec![0, 1], vec![0, 2], vec![2], vec![]];
        let affiliation = Affiliation::new(&sets, 3);
        let mut seen = Vec::new();
        affiliation.for_each_pair(|a, b, shared| seen.push((a, b, shared.to_vec())));
        assert_eq!(
            seen,
            vec![
                (0, 1, vec![0, 1]),
                (0, 2, vec![0]),
                (1, 2, vec![0]),
                (2, 3, vec![2]),
            ]
        );
        let mut counted = Vec::new();
        affiliation.for_each_pair_count(|a, b, count| counted.push((a, b, count)));
        counted.sort_unstable();
        let expected: Vec<(u32, u32, usize)> =
            seen.iter().map(|(a, b, s)| (*a, *b, s.len())).collect();
        assert_eq!(counted, expected);
        let csr = affiliation.projection_csr();
        assert_eq!(csr.neighbors(0), &[1, 2]);
        assert_eq!(csr.weights(0), &[2.0, 1.0]);
        assert_eq!(csr.degree(4), 0);
    }
}
