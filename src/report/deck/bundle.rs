//! The deck in the report's bundle: the route questions answered with the resolver and search
//! `coopgraph path` uses, Graphviz's layouts of the slide diagrams read (or kept from the earlier
//! bundle when Graphviz is missing), the slides composed, the `.pptx` written on the template and
//! converted to PDF (the earlier PDF kept when the deck did not change).

use super::{briefing, diagram, pdf, template, DeckError, Figure, Template};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::present::query::PathView;
use crate::query::paths::{find_within, Budget, Query};
use crate::render::graphviz::{self, Engine, Output};
use crate::report::analyses::Analyses;
use crate::report::findings::Findings;
use std::time::Duration;

/// A route question, resolved as `coopgraph path` resolves its FROM and TO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteQuestion {
    /// Start bodies (one, or every body of a group).
    pub from: Vec<String>,
    /// Whether the start is a group.
    pub from_is_group: bool,
    /// The start as named ("MLIT").
    pub from_label: String,
    /// End bodies.
    pub to: Vec<String>,
    /// The end as named ("India").
    pub to_label: String,
}

/// What the report's deck is made with beyond the analyses.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Route questions asked with `--route`, after the report's own example.
    pub routes: Vec<RouteQuestion>,
    /// The organisation's template (`--template`); coopgraph's own without one.
    pub template: Option<Template>,
}

/// A slide diagram as the report drew it.
#[derive(Debug, Clone)]
pub struct DrawnDiagram {
    /// Its name in the bundle ("network-slide").
    pub name: String,
    /// The DOT Graphviz drew it from (as written in the bundle).
    pub dot: Vec<u8>,
    /// Its PNG.
    pub png: Vec<u8>,
    /// Graphviz's layout kept from the earlier bundle (drawn from the same DOT).
    pub earlier_layout: Option<Vec<u8>>,
    /// The dataset id of each drawn node (what the legend's colours are chosen for).
    pub node_ids: Vec<String>,
}

/// The deck's files.
#[derive(Debug)]
pub struct Written {
    /// `briefing.pptx`.
    pub pptx: Vec<u8>,
    /// `briefing.pdf`, or why there is none.
    pub pdf: Result<Vec<u8>, String>,
    /// Graphviz's layout of each slide diagram (`diagrams/NAME.json`).
    pub layouts: Vec<(String, Vec<u8>)>,
}

/// Most hops of a route slide (as `coopgraph path`'s default).
const MAX_HOPS: usize = 3;
/// Most routes a route question lists (as `coopgraph path`'s default).
const ROUTES: usize = 20;
/// Longest LibreOffice may take to convert the deck.
const PDF_TIMEOUT: Duration = Duration::from_secs(120);

/// The report's own route example: from the first group's most central body to the second
/// group (the path diagram's question).
pub fn example(dataset: &Dataset, analyses: &Analyses) -> Option<RouteQuestion> {
    let [first, second, ..] = dataset.groups.as_slice() else {
        return None;
    };
    let start = analyses
        .central_bodies()
        .find(|s| s.group.as_deref() == Some(first.id.as_str()))?;
    let labels = Labels::new(dataset);
    Some(RouteQuestion {
        from: vec![start.id.clone()],
        from_is_group: false,
        from_label: labels.of(&start.id).to_string(),
        to: dataset
            .bodies
            .iter()
            .filter(|b| b.group == second.id)
            .map(|b| b.id.clone())
            .collect(),
        to_label: second.name.clone(),
    })
}

/// Graphviz's JSON layout of a drawn diagram: laid out now, or kept from the earlier bundle.
fn layout_of(d: &DrawnDiagram) -> Option<Vec<u8>> {
    let dot = String::from_utf8_lossy(&d.dot);
    graphviz::run(
        &dot,
        Engine::named_in(&dot),
        Output::Json,
        Duration::from_secs(120),
    )
    .ok()
    .or_else(|| d.earlier_layout.clone())
}

/// Writes the deck: slides from the analyses, `.pptx` on the template, PDF via LibreOffice
/// (`earlier` gives the earlier bundle's deck and PDF: kept when the deck is the same).
pub fn write(
    dataset: &Dataset,
    briefing_md: &str,
    findings: &Findings,
    analyses: &Analyses,
    options: &Options,
    drawn: &[DrawnDiagram],
    earlier: Option<(Vec<u8>, Vec<u8>)>,
) -> Result<Written, DeckError> {
    let labels = Labels::new(dataset);
    let questions: Vec<RouteQuestion> = example(dataset, analyses)
        .into_iter()
        .chain(options.routes.iter().cloned())
        .collect();
    let routes: Vec<PathView> = questions
        .into_iter()
        .map(|q| {
            let answer = find_within(
                &analyses.links,
                &Query {
                    from: q.from,
                    to: q.to,
                    from_is_group: q.from_is_group,
                    max_hops: MAX_HOPS,
                    limit: ROUTES,
                    avoid: Vec::new(),
                },
                Budget::default(),
            );
            PathView {
                from: q.from_label,
                to: q.to_label,
                answer,
                labels: &labels,
                links: &analyses.links,
                max_hops: MAX_HOPS,
                hierarchy: true,
                avoided: false,
            }
        })
        .collect();
    let laid_out: Vec<(String, Option<Vec<u8>>)> = {
        use rayon::prelude::*;
        drawn
            .par_iter()
            .map(|d| (d.name.clone(), layout_of(d)))
            .collect()
    };
    let mut layouts = Vec::new();
    let mut figure_of =
        |name: &str, kinds: bool| -> Result<Option<(Figure, Option<String>)>, DeckError> {
            let Some((d, Some(json))) = drawn
                .iter()
                .zip(&laid_out)
                .find(|(d, _)| d.name == name)
                .map(|(d, (_, json))| (d, json.clone()))
            else {
                return Ok(None);
            };
            let diagram =
                diagram::from_json(name, &json, briefing::legend(dataset, &d.node_ids, kinds))?;
            layouts.push((name.to_string(), json));
            Ok(Some(briefing::figure(diagram, &d.png)))
        };
    let network = figure_of("network-slide", true)?;
    let org = figure_of("org-slide", false)?;
    let deck = briefing::deck(briefing::Inputs {
        dataset,
        briefing: briefing_md,
        findings,
        routes,
        network,
        org,
    });
    let default;
    let template = match &options.template {
        Some(t) => t,
        None => {
            default = template::default_template();
            &default
        }
    };
    let pptx = super::write_pptx(&deck, template)?;
    let pdf = match earlier {
        Some((old_pptx, old_pdf)) if old_pptx == pptx => Ok(old_pdf),
        _ => match pdf::soffice() {
            Some(soffice) => pdf::convert(&soffice, &pptx, PDF_TIMEOUT),
            None => Err(format!(
                "LibreOffice is not installed, so briefing.pdf was not written; {}",
                pdf::INSTALL_HINT
            )),
        },
    };
    Ok(Written { pptx, pdf, layouts })
}
