//! Path and ego answers as text a briefer can read, CSV or JSON.

use super::{Presentable, Table};
use crate::model::lookup::Labels;
use crate::query::ego::Neighbour;
use crate::query::links::{CarrierKind, Links};
use crate::query::paths::{Answer, Hop, Via};
use serde::Serialize;

/// A path answer with what is needed to show it.
#[derive(Debug)]
pub struct PathView<'a> {
    /// What the user asked for, as resolved ("MLIT", "India").
    pub from: String,
    /// The destination as asked.
    pub to: String,
    /// The answer.
    pub answer: Answer,
    /// Display names.
    pub labels: &'a Labels<'a>,
    /// The links (for sources and groups).
    pub links: &'a Links,
    /// The hop limit used.
    pub max_hops: usize,
    /// Whether steps between a body and its parent counted as hops.
    pub hierarchy: bool,
    /// Whether some bodies were avoided.
    pub avoided: bool,
}

#[derive(Serialize)]
struct PathJson<'a> {
    from: &'a str,
    to: &'a str,
    paths: &'a [crate::query::paths::Path],
    bodies: &'a [String],
    reached: &'a [crate::query::paths::Reached],
    found: usize,
    truncated: bool,
    stopped: Option<crate::query::paths::Stopped>,
    shortest_beyond_limit: Option<usize>,
}

impl Serialize for PathView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PathJson {
            from: &self.from,
            to: &self.to,
            paths: &self.answer.paths,
            bodies: &self.answer.bodies,
            reached: &self.answer.reached,
            found: self.answer.found,
            truncated: self.answer.truncated,
            stopped: self.answer.stopped,
            shortest_beyond_limit: self.answer.shortest_beyond_limit,
        }
        .serialize(serializer)
    }
}

impl PathView<'_> {
    fn group_of(&self, body: &str) -> &str {
        self.links
            .position(body)
            .map(|p| self.labels.of(&self.links.groups()[p]))
            .unwrap_or("")
    }

    /// "Ministry of Shipping (India)"; no suffix when the name already says the group.
    fn body(&self, id: &str) -> String {
        let label = self.labels.of(id);
        let group = self.group_of(id);
        if group.is_empty() || label.to_lowercase().contains(&group.to_lowercase()) {
            label.to_string()
        } else {
            format!("{label} ({group})")
        }
    }

    /// "Shipping Policy Forum · 5.1".
    fn via(&self, via: &Via, source: Option<&crate::query::links::Citation>) -> String {
        match (via.kind, source) {
            (CarrierKind::PartOf, _) => via.name.clone(),
            (_, Some(source)) => format!("{} · {}", via.name, source.reference),
            (_, None) => via.name.clone(),
        }
    }

    fn hop_text(&self, hop: &Hop) -> String {
        let more = if hop.also.is_empty() {
            String::new()
        } else {
            format!(" +{} more", hop.also.len())
        };
        format!("—[{}{more}]→", self.via(&hop.via, hop.source.as_ref()))
    }

    /// The path on one line.
    pub fn line(&self, path: &crate::query::paths::Path) -> String {
        let mut text = match path.hops.first() {
            Some(hop) => self.body(&hop.from),
            None => String::new(),
        };
        for hop in &path.hops {
            text.push_str(&format!(" {} {}", self.hop_text(hop), self.body(&hop.to)));
        }
        text
    }

    /// The sentences of the summary.
    pub fn summary(&self) -> String {
        let a = &self.answer;
        if a.found == 0 && a.stopped.is_some() {
            return format!(
                "No route from {} to {} found before the search stopped.{}",
                self.from,
                self.to,
                self.stop_note()
            );
        }
        if a.found == 0 {
            return match a.shortest_beyond_limit {
                Some(k) => format!(
                    "No route from {} to {} within {} hops; the shortest has {k} hops (raise --max-hops).",
                    self.from, self.to, self.max_hops
                ),
                None => {
                    // Suggest only what could join the parts: the flags this search narrowed it by.
                    let hints: Vec<&str> = [
                        (!self.hierarchy).then_some("drop --no-hierarchy"),
                        self.avoided.then_some("drop an --avoid"),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    format!(
                        "No route from {} to {} at any length: they are in separate parts of the network{}.",
                        self.from,
                        self.to,
                        if hints.is_empty() {
                            String::new()
                        } else {
                            format!(" (try: {})", hints.join(", or "))
                        }
                    )
                }
            };
        }
        format!(
            "{} reaches {} {} of {} within {} hops: {} path(s){}{}.",
            self.from,
            a.reached.len(),
            if a.reached.len() == 1 {
                "body"
            } else {
                "bodies"
            },
            self.to,
            self.max_hops,
            a.found,
            if a.found > a.paths.len() {
                format!(", the best {} shown", a.paths.len())
            } else {
                String::new()
            },
            if a.truncated {
                format!(".{}", self.stop_note())
                    .trim_end_matches('.')
                    .to_string()
            } else {
                String::new()
            }
        )
    }

    /// Why the search stopped early and what the list still guarantees.
    fn stop_note(&self) -> String {
        let Some(stopped) = self.answer.stopped else {
            return String::new();
        };
        let why = match stopped.reason {
            crate::query::paths::StopReason::PathCap => {
                format!("after {} paths (--max-paths)", stopped.budget.max_paths)
            }
            crate::query::paths::StopReason::TimeCap => format!(
                "after {} s (--max-seconds)",
                stopped.budget.max_time.as_secs_f64()
            ),
        };
        let complete = match stopped.complete_up_to {
            0 => "no length was searched completely".to_string(),
            k => format!("every path of up to {k} hop(s) is listed, longer ones may be missing"),
        };
        format!(
            " The search stopped early, {why}: {complete}; lower --max-hops or raise the limit."
        )
    }
}

impl Presentable for PathView<'_> {
    fn tables(&self) -> Vec<Table> {
        if self.answer.found == 0 {
            return vec![Table::new(self.summary(), &[])];
        }
        let mut reached = Table::new(self.summary(), &["reached", "hops", "paths", "carried by"]);
        for r in &self.answer.reached {
            let channels: Vec<String> = r
                .channels
                .iter()
                .map(|v| {
                    let source =
                        v.id.as_ref()
                            .and_then(|id| {
                                self.links
                                    .carriers()
                                    .iter()
                                    .find(|c| c.id.as_ref() == Some(id))
                            })
                            .and_then(|c| c.source.as_ref());
                    self.via(v, source)
                })
                .collect();
            reached.push(vec![
                self.body(&r.body),
                r.hops.to_string(),
                r.paths.to_string(),
                channels.join("; "),
            ]);
        }
        let mut paths = Table::new("Paths (fewest hops, then most sources)", &["#", "path"]);
        for (i, path) in self.answer.paths.iter().enumerate() {
            paths.push(vec![(i + 1).to_string(), self.line(path)]);
        }
        if self.answer.paths.is_empty() {
            return vec![reached];
        }
        vec![reached, paths]
    }

    fn csv_table(&self) -> Table {
        let mut table = Table::new(
            "",
            &[
                "path", "length", "sources", "hop", "from", "to", "via_kind", "via_id", "via_name",
                "ref", "also",
            ],
        );
        for (i, path) in self.answer.paths.iter().enumerate() {
            for (j, hop) in path.hops.iter().enumerate() {
                table.push(vec![
                    (i + 1).to_string(),
                    path.length.to_string(),
                    path.sources.to_string(),
                    (j + 1).to_string(),
                    hop.from.clone(),
                    hop.to.clone(),
                    hop.via.kind.as_str().to_string(),
                    hop.via.id.clone().unwrap_or_default(),
                    hop.via.name.clone(),
                    hop.source
                        .as_ref()
                        .map(|s| s.reference.clone())
                        .unwrap_or_default(),
                    hop.also.join(";"),
                ]);
            }
        }
        table
    }
}

/// An ego network with what is needed to show it.
#[derive(Debug)]
pub struct EgoView<'a> {
    /// The centre as asked.
    pub centre: String,
    /// The neighbours.
    pub neighbours: Vec<Neighbour>,
    /// Display names.
    pub labels: &'a Labels<'a>,
    /// The links (for sources).
    pub links: &'a Links,
    /// The depth asked for.
    pub depth: usize,
}

impl Serialize for EgoView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'b> {
            centre: &'b str,
            depth: usize,
            neighbours: &'b [Neighbour],
        }
        Json {
            centre: &self.centre,
            depth: self.depth,
            neighbours: &self.neighbours,
        }
        .serialize(serializer)
    }
}

impl EgoView<'_> {
    fn carriers(&self, n: &Neighbour, readable: bool) -> String {
        let mut seen = Vec::new();
        let mut parts = Vec::new();
        for (_, carriers) in &n.ties {
            for &c in carriers {
                if seen.contains(&c) {
                    continue;
                }
                seen.push(c);
                let carrier = &self.links.carriers()[c];
                parts.push(match (readable, &carrier.source, &carrier.id) {
                    (true, Some(s), _) => format!("{} · {}", carrier.name, s.reference),
                    (true, None, _) => carrier.name.clone(),
                    (false, _, Some(id)) => id.clone(),
                    (false, _, None) => "part-of".to_string(),
                });
            }
        }
        parts.join("; ")
    }
}

impl Presentable for EgoView<'_> {
    fn tables(&self) -> Vec<Table> {
        let mut table = Table::new(
            format!(
                "Ego network of {} (depth {}): {} bodies",
                self.centre,
                self.depth,
                self.neighbours.len()
            ),
            &["depth", "body", "group", "through", "carried by"],
        );
        for n in &self.neighbours {
            let through: Vec<String> = n
                .through
                .iter()
                .map(|t| self.labels.of(t).to_string())
                .collect();
            table.push(vec![
                n.depth.to_string(),
                self.labels.of(&n.body).to_string(),
                self.labels.of(&n.group).to_string(),
                through.join("; "),
                self.carriers(n, true),
            ]);
        }
        vec![table]
    }

    fn csv_table(&self) -> Table {
        let mut table = Table::new("", &["depth", "body", "group", "through", "via", "refs"]);
        for n in &self.neighbours {
            let mut refs: Vec<String> = n
                .ties
                .iter()
                .flat_map(|(_, cs)| cs.iter())
                .filter_map(|&c| self.links.carriers()[c].source.as_ref())
                .map(|s| s.reference.clone())
                .collect();
            refs.sort();
            refs.dedup();
            table.push(vec![
                n.depth.to_string(),
                n.body.clone(),
                n.group.clone(),
                n.through.join(";"),
                self.carriers(n, false),
                refs.join(";"),
            ]);
        }
        table
    }
}
