//! "Did you mean" suggestions for names that are close to a known one.

/// Up to three candidates closest to `wanted`, best first, among those close enough to be a typo.
///
/// Closeness is normalised Damerau–Levenshtein similarity on lower-cased text; a candidate that
/// contains `wanted` (or is contained by it) also counts, so "mofa" suggests "mofa-japan".
pub fn closest<'a, I>(wanted: &str, candidates: I) -> Vec<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let mut score = strsim::normalized_damerau_levenshtein(&wanted_lower, &lower);
            if !wanted_lower.is_empty()
                && (lower.contains(&wanted_lower) || wanted_lower.contains(&lower))
            {
                score = score.max(0.75);
            }
            (score >= 0.6).then_some((score, candidate))
        })
        .collect();
    // Best score first; ties by name so suggestions are deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, name)| name.to_string())
        .collect()
}

/// "Did you mean" for one whole run over a file: at most [`Suggestions::COMPARISONS`] candidate
/// comparisons in all. Every bad reference compared with every name is quadratic — 50,000
/// unknown bodies against 5,000 names took 147 s — so once the budget is spent, later problems
/// come without suggestions (the first ones, which an error message shows, keep theirs).
#[derive(Debug, Clone)]
pub struct Suggestions {
    left: usize,
}

impl Default for Suggestions {
    fn default() -> Suggestions {
        Suggestions::with_comparisons(Suggestions::COMPARISONS)
    }
}

impl Suggestions {
    /// Candidate comparisons allowed per run.
    pub const COMPARISONS: usize = 2_000_000;

    /// A budget of `comparisons` candidate comparisons.
    pub fn with_comparisons(comparisons: usize) -> Suggestions {
        Suggestions { left: comparisons }
    }

    /// [`closest`] among `candidates` (only gathered while the budget lasts), or nothing once
    /// comparing with them all would overspend it.
    pub fn closest<'a, I>(&mut self, wanted: &str, candidates: impl FnOnce() -> I) -> Vec<String>
    where
        I: IntoIterator<Item = &'a str>,
    {
        if self.left == 0 {
            return Vec::new();
        }
        let candidates: Vec<&str> = candidates().into_iter().collect();
        if candidates.len() > self.left {
            self.left = 0;
            return Vec::new();
        }
        self.left -= candidates.len();
        closest(wanted, candidates)
    }
}

/// Formats suggestions as a trailing clause: `; did you mean 'a' or 'b'?`, or nothing.
pub fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean '{one}'?"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("'{s}'")).collect();
            let (last, rest) = quoted
                .split_last()
                .map(|(l, r)| (l.clone(), r.to_vec()))
                .unwrap_or_default();
            format!("; did you mean {} or {last}?", rest.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_stops_suggesting_once_its_budget_is_spent() {
        let names: Vec<String> = (0..1000).map(|i| format!("body-{i}")).collect();
        let mut budget = Suggestions::with_comparisons(5500);
        let mut suggested = 0;
        for i in 0..30 {
            let wanted = format!("body-{i}x");
            if !budget
                .closest(&wanted, || names.iter().map(String::as_str))
                .is_empty()
            {
                suggested += 1;
            }
        }
        assert_eq!(
            suggested, 5,
            "five rounds of 1,000 comparisons fit in 5,500"
        );
    }

    #[test]
    fn suggests_close_ids_best_first() {
        let found = closest("mofa-japn", ["mofa-japan", "mod-japan", "mea-india"]);
        assert_eq!(found.first().map(String::as_str), Some("mofa-japan"));
    }

    #[test]
    fn substring_counts_as_close() {
        assert_eq!(closest("mlit", ["mlit-japan", "isro"]), vec!["mlit-japan"]);
    }

    #[test]
    fn nothing_close_gives_nothing() {
        assert!(closest("zzzz", ["mofa-japan"]).is_empty());
        assert_eq!(did_you_mean(&[]), "");
    }

    #[test]
    fn phrases_alternatives() {
        let list = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(did_you_mean(&list), "; did you mean 'a', 'b' or 'c'?");
    }
}
