//! `report`: the briefing bundle.

use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::progress::Progress;
use crate::query::resolve::Resolver;
use crate::report::deck::bundle::{Options, RouteQuestion};
use crate::report::{report_with, AREA_DIAGRAMS};
use crate::text::escape::terminal_message;
use crate::text::numbers::group_digits;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Runs `report` on the dataset at `data`; the closing summary goes to `out`.
pub fn run(data: &Path, args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let progress = Progress::start("loading and validating the dataset");
    let loaded = super::load(data, &args.scope, err)?;
    let deck = deck_options(&loaded.dataset, args)?;
    let summary = report_with(&loaded.dataset, data, &args.out, &progress, &deck)?;
    drop(progress);
    let folder = summary.folder.display();
    let count = |prefix: &str| {
        summary
            .files
            .iter()
            .filter(|f| f.starts_with(prefix))
            .count()
    };
    let mut text = format!(
        "wrote {folder}/ in {:.1} s:\n  {folder}/index.html         the interactive network, findings and tables\n  {folder}/briefing.md        the findings as plain sentences\n  {folder}/tables/            {} CSV tables (centrality, overlaps, channels, structure, brokerage)\n  {folder}/diagrams/          {} files (DOT, SVG, PNG; slide versions 1920×1080)\n  {folder}/exports/           {} files (GraphML, GEXF 1.3, node-link JSON, CSV, Cypher)\n",
        started.elapsed().as_secs_f64(),
        count("tables/"),
        count("diagrams/"),
        count("exports/"),
    );
    text.push_str(&format!(
        "  {folder}/briefing.pptx      the slides (diagrams as editable shapes){}\n",
        if summary.no_pdf.is_none() {
            "; briefing.pdf, the same deck as PDF"
        } else {
            ""
        }
    ));
    if let Some(reason) = &summary.no_pdf {
        text.push_str(&format!("note: {reason}\n"));
    }
    if summary.areas_not_drawn > 0 {
        text.push_str(&format!(
            "note: drew the {AREA_DIAGRAMS} areas with most mechanisms; the other {} are listed in {folder}/index.html (coopgraph render area:ID draws one)\n",
            group_digits(summary.areas_not_drawn)
        ));
    }
    if !summary.kept.is_empty() {
        text.push_str(&format!(
            "kept {} picture(s) of the earlier bundle, drawn from the same DOT: {}\n",
            summary.kept.len(),
            summary.kept.join(", ")
        ));
    }
    if !summary.dot_only.is_empty() {
        let names: Vec<&str> = summary.dot_only.iter().map(|(n, _)| n.as_str()).collect();
        if summary.graphviz_found {
            // Graphviz is here and failed: installing it again would not help; say what it said.
            text.push_str(&format!(
                "note: {} diagram(s) are DOT only ({}); Graphviz failed on them:
",
                names.len(),
                names.join(", ")
            ));
            for (name, reason) in &summary.dot_only {
                // One line per diagram (the whole text is escaped for the terminal below).
                let reason = reason.lines().collect::<Vec<_>>().join(" ");
                text.push_str(&format!(
                    "  Graphviz failed on {folder}/diagrams/{name}.dot: {reason}
"
                ));
            }
        } else {
            text.push_str(&format!(
                "note: could not draw {} diagram(s), written as DOT only ({}): {}
  install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) and run `coopgraph report` again, or render one with: dot -Tsvg {folder}/diagrams/{}.dot -o {}.svg
",
                names.len(),
                summary.dot_only[0].1,
                names.join(", "),
                names[0],
                names[0]
            ));
        }
    }
    for stale in &summary.swept {
        writeln!(
            err,
            "note: removed {}, left by an interrupted report",
            stale.display()
        )
        .map_err(Error::Output)?;
    }
    out.write_all(terminal_message(&text).as_bytes())
        .map_err(Error::Output)
}

/// The deck's route questions (resolved as `coopgraph path` resolves FROM and TO) and template
/// (read under the input rules and checked), before anything is written.
fn deck_options(dataset: &Dataset, args: &ReportArgs) -> Result<Options> {
    let resolver = Resolver::new(dataset);
    let mut routes = Vec::new();
    for question in &args.route {
        routes.push(route(dataset, &resolver, question)?);
    }
    let template = match &args.template {
        Some(path) => {
            let bytes = crate::fsio::input::read_input(path, "template").map_err(Error::Input)?;
            Some(crate::report::deck::template::read(
                &bytes,
                &path.display().to_string(),
            )?)
        }
        None => None,
    };
    Ok(Options { routes, template })
}

/// "FROM,TO" as two ends: split at the comma where both sides name something (a name may hold
/// a comma); the error of the first split otherwise.
fn route(dataset: &Dataset, resolver: &Resolver, question: &str) -> Result<RouteQuestion> {
    let splits: Vec<usize> = question.match_indices(',').map(|(i, _)| i).collect();
    if splits.is_empty() {
        return Err(Error::Usage(format!(
            "--route '{question}' needs two ends separated by a comma, as in --route MLIT,India"
        )));
    }
    let mut first_error = None;
    for at in splits {
        let (from, to) = (question[..at].trim(), question[at + 1..].trim());
        let ends = super::path::bodies_of(dataset, resolver, from)
            .and_then(|f| super::path::bodies_of(dataset, resolver, to).map(|t| (f, t)));
        match ends {
            Ok(((from, from_is_group, from_label), (to, _, to_label))) => {
                if from.iter().any(|f| to.contains(f)) {
                    return Err(Error::Usage(format!(
                        "--route '{question}': {from_label} and {to_label} overlap; a route needs two different ends"
                    )));
                }
                return Ok(RouteQuestion {
                    from,
                    from_is_group,
                    from_label,
                    to,
                    to_label,
                });
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Error::Usage(format!("--route '{question}' names no route"))))
}
