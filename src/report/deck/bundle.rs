//! The deck in the report's bundle: the route questions answered with the resolver and search
//! `coopgraph path` uses, the slides composed around the diagrams the report cut and laid out
//! for them, the `.pptx` written on the template and converted to PDF (the earlier PDF kept when
//! the deck did not change).

use super::{briefing, pdf, template, DeckError, SlideDiagram, Template};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::present::query::PathView;
use crate::query::paths::{find_within, Budget, Query};
use crate::report::analyses::Analyses;
use crate::report::findings::Findings;
use std::borrow::Cow;
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

impl Options {
    /// The template the deck is written on: the organisation's, else coopgraph's own.
    pub fn template(&self) -> Cow<'_, Template> {
        match &self.template {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(template::default_template()),
        }
    }
}

/// The diagrams of the deck's two diagram slides (None: not drawn).
#[derive(Debug, Clone, Default)]
pub struct SlideDiagrams {
    /// The network at a glance.
    pub network: Option<SlideDiagram>,
    /// The organisation chart.
    pub org: Option<SlideDiagram>,
}

/// The deck's files.
#[derive(Debug)]
pub struct Written {
    /// `briefing.pptx`.
    pub pptx: Vec<u8>,
    /// `briefing.pdf`, or why there is none.
    pub pdf: Result<Vec<u8>, String>,
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

/// Writes the deck: slides from the analyses, `.pptx` on the template, PDF via LibreOffice
/// (`earlier` gives the earlier bundle's deck and PDF: kept when the deck is the same).
pub fn write(
    dataset: &Dataset,
    briefing_md: &str,
    findings: &Findings,
    analyses: &Analyses,
    options: &Options,
    diagrams: SlideDiagrams,
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
                &analyses.network.links,
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
                links: &analyses.network.links,
                max_hops: MAX_HOPS,
                hierarchy: true,
                avoided: false,
            }
        })
        .collect();
    let deck = briefing::deck(briefing::Inputs {
        dataset,
        briefing: briefing_md,
        findings,
        routes,
        network: diagrams.network,
        org: diagrams.org,
    });
    let pptx = super::write_pptx(&deck, &options.template())?;
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
    Ok(Written { pptx, pdf })
}
