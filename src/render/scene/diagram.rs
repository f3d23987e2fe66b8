//! The diagrams a dataset can be drawn as — `network`, `bodies`, `mechanisms`, `org`, `area:ID`,
//! `ego:NODE[:DEPTH]`, `path:FROM:TO`, `changes:SOURCE:SOURCE` — and their titles.

use crate::error::{Error, Result};
use crate::graph::GraphKind;
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::query::resolve::{Resolver, Target};

/// A diagram of the dataset to draw (a "view" on the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagram {
    /// The two-mode network.
    Network,
    /// The bodies projection.
    Bodies,
    /// The mechanisms projection.
    Mechanisms,
    /// The organisation: hierarchy as nested boxes, cooperation ties between them.
    Org,
    /// The mechanisms of one area with their participants.
    Area(String),
    /// The network around a node.
    Ego(String, usize),
    /// The routes between two bodies or groups.
    Path(String, String),
    /// Ties between bodies from one source to another: gained in colour, lost dashed,
    /// unchanged faint.
    Changes(String, String),
}

impl Diagram {
    /// Parses `network`, `bodies`, `mechanisms`, `org`, `area:ID`, `ego:NODE[:DEPTH]`,
    /// `path:FROM:TO`.
    pub fn parse(text: &str) -> Result<Diagram> {
        let usage = || {
            Error::Usage(format!(
                "unknown view '{text}'; expected network, bodies, mechanisms, org, area:ID, ego:NODE[:DEPTH], path:FROM:TO or changes:SOURCE:SOURCE"
            ))
        };
        let parts: Vec<&str> = text.splitn(3, ':').collect();
        match parts.as_slice() {
            ["network"] => Ok(Diagram::Network),
            ["bodies"] => Ok(Diagram::Bodies),
            ["mechanisms"] => Ok(Diagram::Mechanisms),
            ["org"] => Ok(Diagram::Org),
            ["area", id] if !id.is_empty() => Ok(Diagram::Area(text[5..].to_string())),
            ["ego", node] if !node.is_empty() => Ok(Diagram::Ego(node.to_string(), 1)),
            ["ego", node, depth] => match depth.parse::<usize>() {
                Ok(d) if d >= 1 => Ok(Diagram::Ego(node.to_string(), d)),
                _ => Err(Error::Usage(format!(
                    "'{depth}' in '{text}' is not a depth; expected ego:NODE:N with N ≥ 1"
                ))),
            },
            ["path", from, to] if !from.is_empty() && !to.is_empty() => {
                Ok(Diagram::Path(from.to_string(), to.to_string()))
            }
            ["changes", from, to] if !from.is_empty() && !to.is_empty() => {
                Ok(Diagram::Changes(from.to_string(), to.to_string()))
            }
            _ => Err(usage()),
        }
    }

    /// A file-name-safe name of the view ("ego-mlit-2").
    pub fn slug(&self) -> String {
        let raw = match self {
            Diagram::Network => "network".to_string(),
            Diagram::Bodies => "bodies".to_string(),
            Diagram::Mechanisms => "mechanisms".to_string(),
            Diagram::Org => "org".to_string(),
            Diagram::Area(id) => format!("area-{id}"),
            Diagram::Ego(node, depth) => format!("ego-{node}-{depth}"),
            Diagram::Path(from, to) => format!("path-{from}-{to}"),
            Diagram::Changes(from, to) => format!("changes-{from}-{to}"),
        };
        crate::query::resolve::normalise(&raw).replace(' ', "-")
    }

    /// The graph the diagram is drawn from.
    pub fn graph_kind(&self) -> GraphKind {
        match self {
            Diagram::Bodies | Diagram::Org | Diagram::Changes(..) => GraphKind::Bodies,
            Diagram::Mechanisms => GraphKind::Mechanisms,
            _ => GraphKind::Network,
        }
    }

    /// The title drawn above the diagram.
    pub fn title(&self, dataset: &Dataset) -> String {
        let area_name = |id: &str| {
            dataset
                .areas
                .iter()
                .find(|a| a.id == id || a.section.as_deref() == Some(id))
                .map_or(id.to_string(), |a| match &a.section {
                    Some(s) => format!("{s} {}", a.name),
                    None => a.name.clone(),
                })
        };
        match self {
            Diagram::Network => "Who cooperates with whom, through what".into(),
            Diagram::Bodies => "Bodies tied by shared mechanisms".into(),
            Diagram::Mechanisms => "Mechanisms sharing participants".into(),
            Diagram::Org => "The organisations and their cooperation ties".into(),
            Diagram::Area(id) => format!("Area: {}", area_name(id)),
            Diagram::Ego(node, depth) => format!("Around {} (depth {depth})", named(dataset, node)),
            Diagram::Path(from, to) => format!(
                "Routes from {} to {}",
                named(dataset, from),
                named(dataset, to)
            ),
            Diagram::Changes(from, to) => {
                let dated = |id: &str| {
                    dataset
                        .sources
                        .iter()
                        .find(|s| s.id == id)
                        .and_then(|s| s.date.clone())
                        .unwrap_or_else(|| id.to_string())
                };
                format!("Ties between bodies, {} → {}", dated(from), dated(to))
            }
        }
    }
}

/// The display name of what `name` resolves to: "MLIT" for "mlit", and for a body merged by a
/// roll-up the body it is in ("JCG" names MLIT at `--collapse 1`).
fn named(dataset: &Dataset, name: &str) -> String {
    let labels = Labels::new(dataset);
    match Resolver::new(dataset).resolve(name) {
        Ok(Target::Node(id) | Target::Group { id, .. }) => labels.of(&id).to_string(),
        Err(_) => labels.of(name).to_string(),
    }
}
