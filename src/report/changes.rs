//! The report's "What changed" section, for a dataset of several dated sources: the first source
//! against the last, then each source against the one before, every added or dropped mechanism
//! with its sentence. Computed by [`crate::diff`], the same comparison `coopgraph diff` prints.

use crate::diff::matching::ElementKind;
use crate::diff::{source_pairs, Diff, Element, Settings};
use crate::model::timeline::dated_sources;
use crate::model::Dataset;
use crate::present::diff::{estimated, summary};
use crate::render::scene::{ColourBy, Diagram};
use crate::render::style::Theme;
use crate::text::escape::markdown;
use crate::text::numbers::group_digits;

/// Ties listed by name in one comparison (the count says how many there are).
const SHOWN_TIES: usize = 8;

/// Moves per measure listed in the first-to-last comparison.
const SHOWN_MOVES: usize = 3;

/// The dated sources in time order, as `(id, "title (date)")`; a source cited twice is once.
fn steps(dataset: &Dataset) -> Vec<(String, String)> {
    dated_sources(dataset)
        .into_iter()
        .map(|(date, id)| {
            let title = dataset
                .sources
                .iter()
                .find(|s| s.id == id)
                .map_or(id.as_str(), |s| s.title.as_str());
            let label = format!("{} ({date})", markdown(title));
            (id, label)
        })
        .collect()
}

/// The first-to-last comparison and each step's, when the dataset has more than one dated
/// source: `((from label, to label, diff) first to last, [same per step])`.
pub type Comparisons = ((String, String, Diff), Vec<(String, String, Diff)>);

/// Every comparison the section shows, or `None` for a dataset of fewer than two dated sources.
pub fn comparisons(dataset: &Dataset) -> Option<Comparisons> {
    let steps = steps(dataset);
    if steps.len() < 2 {
        return None;
    }
    // The first-to-last comparison, then each step; two sources are one step, the same
    // comparison, listed once.
    let mut pairs = vec![(0, steps.len() - 1)];
    if steps.len() > 2 {
        pairs.extend((1..steps.len()).map(|i| (i - 1, i)));
    }
    let ids: Vec<(&str, &str)> = pairs
        .iter()
        .map(|&(a, b)| (steps[a].0.as_str(), steps[b].0.as_str()))
        .collect();
    // Every id comes from the dataset, so the comparison cannot fail.
    let diffs = source_pairs(dataset, &ids, &Settings::listing(SHOWN_TIES)).ok()?;
    let mut labelled = pairs
        .iter()
        .zip(diffs)
        .map(|(&(a, b), diff)| (steps[a].1.clone(), steps[b].1.clone(), diff));
    let whole = labelled.next()?;
    let each: Vec<_> = labelled.collect();
    let each = if each.is_empty() {
        vec![whole.clone()]
    } else {
        each
    };
    Some((whole, each))
}

/// The diff diagram, `diagrams/changes`: ties between bodies from the first dated source to the
/// last (none for a dataset of fewer than two).
pub(super) fn diagram(dataset: &Dataset) -> Option<super::BundleDiagram> {
    let steps = dated_sources(dataset);
    let (first, last) = (steps.first()?, steps.last()?);
    (steps.len() > 1).then(|| super::BundleDiagram {
        name: "changes".into(),
        view: Diagram::Changes(first.1.clone(), last.1.clone()),
        theme: Theme::Light,
        colour_by: ColourBy::Group,
    })
}

/// An element as a list item: kind, name, and the first clause that names it.
fn item(verb: &str, e: &Element) -> String {
    let clause = e.clauses.first().map_or(String::new(), |c| {
        format!(
            ": “{}” ({} §{})",
            markdown(&c.quote),
            markdown(&c.source),
            markdown(&c.reference)
        )
    });
    format!(
        "- {verb} {} **{}**{clause}\n",
        e.kind.as_str(),
        markdown(&e.name)
    )
}

/// The names of `elements` with their kinds, up to [`SHOWN_NAMES`], the rest counted.
fn names(elements: &[Element]) -> String {
    let named: Vec<String> = elements
        .iter()
        .map(|e| format!("{} ({})", markdown(&e.name), e.kind.as_str()))
        .collect();
    counted_list(&named)
}

/// Most names one line of the section gives before counting the rest: the lines are read on a
/// slide, and `coopgraph diff` lists everything.
const SHOWN_NAMES: usize = 8;

/// The line that starts the section's steps (each source against the one before).
pub const STEP_BY_STEP: &str = "Step by step:";

/// The heading under which the section quotes the sentence behind each change: the note reads
/// it, and the deck puts it in the speaker notes rather than on the slide.
pub const SENTENCES_HEADING: &str = "### The sentence behind each change";

/// The "What changed" section as Markdown, or nothing for a dataset of one dated source: the
/// summary, one line per kind of change, the steps, then the sentence behind each change.
pub fn section(dataset: &Dataset) -> String {
    let Some(((from, to, whole), each)) = comparisons(dataset) else {
        return String::new();
    };
    let mut md = String::from("## What changed\n\n");
    md.push_str(&format!(
        "The dataset cites {} dated sources. From the first, {from}, to the last, {to}: {}. diagrams/changes.svg draws the ties between bodies gained (in colour), lost (dashed) and unchanged (faint); `coopgraph diff` lists every change.\n\n",
        each.len() + 1,
        summary(&whole)
    ));
    md.push_str(&by_kind("New", &whole.added));
    md.push_str(&by_kind("Dropped", &whole.removed));
    md.push_str(&ties(&whole));
    md.push_str(&moves(&whole));
    md.push_str(&format!("\n{STEP_BY_STEP}\n\n"));
    for (rank, (from, to, diff)) in each.iter().enumerate() {
        let mut line = format!("{}. {from} → {to}: {}", rank + 1, summary(diff));
        if !diff.added.is_empty() {
            line.push_str(&format!("; new: {}", names(&diff.added)));
        }
        if !diff.removed.is_empty() {
            line.push_str(&format!("; dropped: {}", names(&diff.removed)));
        }
        md.push_str(&line);
        md.push_str(".\n");
    }
    md.push_str(&format!("\n{SENTENCES_HEADING}\n\n"));
    for e in &whole.added {
        md.push_str(&item("New", e));
    }
    for e in &whole.removed {
        md.push_str(&item("Dropped", e));
    }
    md.push('\n');
    md
}

/// One line per kind ("- New mechanisms (15): A, B … and 7 more"), bodies first.
fn by_kind(verb: &str, elements: &[Element]) -> String {
    let mut lines = String::new();
    for (kind, plural) in [
        (ElementKind::Body, "bodies"),
        (ElementKind::Forum, "forums"),
        (ElementKind::Mechanism, "mechanisms"),
    ] {
        let of_kind: Vec<String> = elements
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| markdown(&e.name))
            .collect();
        let noun = if of_kind.len() == 1 {
            kind.as_str()
        } else {
            plural
        };
        if !of_kind.is_empty() {
            lines.push_str(&format!(
                "- {verb} {noun} ({}): {}\n",
                of_kind.len(),
                counted_list(&of_kind)
            ));
        }
    }
    lines
}

/// Up to [`SHOWN_NAMES`] items joined, the rest counted.
fn counted_list(items: &[String]) -> String {
    let shown = items[..items.len().min(SHOWN_NAMES)].join(", ");
    match items.len().saturating_sub(SHOWN_NAMES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The ties between bodies gained and lost, a line each.
fn ties(whole: &Diff) -> String {
    let mut lines = String::new();
    for (verb, ties, total) in [
        ("Ties gained", &whole.ties.gained, whole.ties.gained_total),
        ("Ties lost", &whole.ties.lost, whole.ties.lost_total),
    ] {
        if total == 0 {
            continue;
        }
        let shown: Vec<String> = ties
            .iter()
            .take(SHOWN_TIES)
            .map(|t| {
                format!(
                    "{} — {} (through {})",
                    markdown(&t.names[0]),
                    markdown(&t.names[1]),
                    markdown(&t.mechanisms.join(", "))
                )
            })
            .collect();
        let more = total.saturating_sub(shown.len() as u64);
        lines.push_str(&format!(
            "- {verb} ({}): {}{}\n",
            group_digits(total),
            shown.join("; "),
            if more > 0 {
                format!("; and {} more", group_digits(more))
            } else {
                String::new()
            }
        ));
    }
    lines
}

/// The biggest moves in betweenness and brokerage, a line per measure.
fn moves(whole: &Diff) -> String {
    let mut lines = String::new();
    for measure in ["betweenness", "brokerage"] {
        let moves: Vec<String> = whole
            .centrality
            .iter()
            .filter(|m| m.measure == measure)
            .take(SHOWN_MOVES)
            .map(|m| format!("{} {:+.4}", markdown(&m.name), m.change))
            .collect();
        let how = match estimated(whole) {
            Some(how) if measure == "betweenness" => format!(" ({how})"),
            _ => String::new(),
        };
        if !moves.is_empty() {
            lines.push_str(&format!(
                "- Biggest moves in {measure}{how}: {}\n",
                moves.join(", ")
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_series_gets_the_section_and_one_document_does_not() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let quad = crate::ingest::json::read(&root.join("data/quad-2021-2023.json")).expect("quad");
        let text = section(&quad);
        assert!(text.starts_with("## What changed\n\n"), "{text}");
        assert!(
            text.contains("The dataset cites 3 dated sources."),
            "{text}"
        );
        assert!(
            text.contains("- Dropped mechanism **Quad Vaccine Experts Group**: “We launched the Quad Vaccine Experts Group"),
            "{text}"
        );
        assert!(
            text.contains("- New mechanism **Quad Investors Network (QUIN)**"),
            "{text}"
        );
        // The summary lines come before the quotes, a line per kind, long lists counted.
        let (summary, quotes) = text.split_once(SENTENCES_HEADING).expect("quotes heading");
        assert!(summary.contains("- New bodies (8): "), "{summary}");
        assert!(
            summary.contains("- Dropped mechanisms (4): Quad Vaccine Experts Group, "),
            "{summary}"
        );
        assert!(summary.contains(" and 7 more\n"), "{summary}");
        assert!(
            !summary.contains('“'),
            "no quote above the sentences: {summary}"
        );
        assert_eq!(quotes.matches("\n- ").count(), 29, "{quotes}");
        assert_eq!(
            text.matches("\n1. ").count() + text.matches("\n2. ").count(),
            2
        );
        let plan =
            crate::ingest::json::read(&root.join("data/japan-india-2009.json")).expect("plan");
        assert_eq!(section(&plan), "");
    }
}
