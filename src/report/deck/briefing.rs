//! The briefing deck's slides, composed from what the report computed: the briefing's own
//! sentences (so slide, note and PDF say exactly what `briefing.md` says), the findings for the
//! tables, the route answers and Graphviz's layouts. Nothing here computes a number.

use super::{diagram, fit, Body, Deck, Figure, Paragraph, Slide, SlideDiagram};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::present::query::PathView;
use crate::render::style::{GroupColours, OTHER_GROUPS};
use crate::report::changes::STEP_BY_STEP;
use crate::report::findings::Findings;
use crate::text::numbers::group_digits;
use std::collections::BTreeSet;

/// Longest paragraph a slide shows (a sentence naming 10,000-character names is cut; the
/// speaker notes and briefing.md keep it whole).
const MOST_ON_SLIDE: usize = 700;
/// Longest name in a table cell.
const MOST_IN_CELL: usize = 120;
/// The speaker notes where the dataset cites nothing, so a briefer is not left with a blank.
const NO_SOURCES: &str =
    "The dataset cites no source document: its ties carry no clause or quote to read out.";

/// Most quotes the notes of one slide carry.
const MOST_QUOTES: usize = 40;

/// What the deck is made from.
pub struct Inputs<'a> {
    /// The dataset (names, sources, quotes).
    pub dataset: &'a Dataset,
    /// The briefing as Markdown (with "What changed" when there is one).
    pub briefing: &'a str,
    /// The findings the briefing states.
    pub findings: &'a Findings,
    /// The route questions, answered: the report's example first.
    pub routes: Vec<PathView<'a>>,
    /// The network's most central part laid out for its slide (None: Graphviz drew nothing).
    pub network: Option<SlideDiagram>,
    /// The organisation chart's, likewise.
    pub org: Option<SlideDiagram>,
}

/// Markdown inline text as plain text: escapes resolved, emphasis markers dropped.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            c => out.push(c),
        }
    }
    out
}

/// The lines of the briefing's section `heading` above its first sub-heading (list markers
/// removed, as plain text): what a slide shows.
pub fn section(markdown: &str, heading: &str) -> Vec<String> {
    section_parts(markdown, heading).0
}

/// The lines under the sub-headings (`### …`) of the briefing's section `heading`: the detail a
/// slide leaves to its speaker notes.
pub fn details(markdown: &str, heading: &str) -> Vec<String> {
    section_parts(markdown, heading).1
}

/// The lines of section `heading`, split at its first sub-heading.
fn section_parts(markdown: &str, heading: &str) -> (Vec<String>, Vec<String>) {
    let (mut lines, mut detail) = (Vec::new(), Vec::new());
    let mut inside = false;
    let mut below_subheading = false;
    for line in markdown.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            inside = title == heading;
            below_subheading = false;
            continue;
        }
        if !inside || line.trim().is_empty() {
            continue;
        }
        if line.starts_with("### ") {
            below_subheading = true;
            continue;
        }
        let item = line.strip_prefix("- ").unwrap_or_else(|| {
            line.split_once(". ")
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map_or(line, |(_, rest)| rest)
        });
        if below_subheading {
            detail.push(plain(item));
        } else {
            lines.push(plain(item));
        }
    }
    (lines, detail)
}

fn bullets(lines: &[String]) -> Vec<Paragraph> {
    lines
        .iter()
        .map(|l| Paragraph::bullet(fit::shorten(l, MOST_ON_SLIDE)))
        .collect()
}

fn content(title: &str, text: Vec<Paragraph>, figure: Option<Figure>, notes: Vec<String>) -> Slide {
    Slide {
        title: title.to_string(),
        body: Body::Content { text, figure },
        notes,
    }
}

/// "Name (clause): “quote”" for each mechanism, as notes.
fn quotes<'a>(dataset: &Dataset, ids: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| dataset.mechanisms.iter().find(|m| &m.id == id))
        .filter_map(|m| {
            m.source()
                .map(|s| format!("{} ({} {}): “{}”", m.name, s.doc, s.reference, s.quote))
        })
        .take(MOST_QUOTES)
        .collect()
}

fn group_of(labels: &Labels, id: &str) -> String {
    labels
        .group(id)
        .map(|g| labels.of(g).to_string())
        .unwrap_or_default()
}

/// The title slide: the document, its date, the sources.
fn cover(dataset: &Dataset) -> Slide {
    let mut lines: Vec<String> = dataset
        .sources
        .iter()
        .take(3)
        .map(|s| match &s.date {
            Some(date) => format!("{} ({date})", fit::shorten(&s.title, 200)),
            None => fit::shorten(&s.title, 200),
        })
        .collect();
    if dataset.sources.len() > 3 {
        lines.push(format!("… and {} more sources", dataset.sources.len() - 3));
    }
    lines.push(
        "Every number is computed by coopgraph from the dataset; every tie cites its clause."
            .into(),
    );
    Slide {
        title: dataset
            .title
            .clone()
            .unwrap_or_else(|| "Cooperation network".into()),
        body: Body::Cover(lines),
        notes: dataset
            .sources
            .iter()
            .map(|s| {
                format!(
                    "Source {}: {}{}{}",
                    s.id,
                    s.title,
                    s.date
                        .as_ref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default(),
                    s.url.as_ref().map(|u| format!(", {u}")).unwrap_or_default()
                )
            })
            .chain(dataset.sources.is_empty().then(|| NO_SOURCES.to_string()))
            .collect(),
    }
}

/// A diagram slide: its text (when `lead` has some) beside the diagram, which says what of the
/// whole view it shows — in the text, else in the title; the same in the notes. Without a
/// diagram, the slide says where the DOT source is.
fn diagram_slide(
    title: &str,
    lead: Vec<Paragraph>,
    figure: Option<SlideDiagram>,
    name: &str,
    notes: Vec<String>,
) -> Slide {
    let mut text = lead;
    let mut notes = notes;
    let Some(figure) = figure else {
        text.push(Paragraph::plain(format!(
            "Graphviz did not draw this view here; its DOT source is diagrams/{name}.dot (install Graphviz and run coopgraph report again)."
        )));
        return content(title, text, None, notes);
    };
    notes.push(figure.said.clone());
    let title = if text.is_empty() {
        format!("{title}: {}", figure.shown)
    } else {
        text.push(Paragraph::plain(figure.said));
        title.to_string()
    };
    content(&title, text, Some(Figure::Diagram(figure.diagram)), notes)
}

fn central(inputs: &Inputs, labels: &Labels) -> Slide {
    let f = inputs.findings;
    let lines = section(inputs.briefing, "Most central bodies");
    let (lead, ranked): (Vec<&String>, Vec<&String>) = lines
        .iter()
        .partition(|l| l.starts_with("Ranked by") || l.starts_with("Estimated:"));
    let rows = f
        .central
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let through: Vec<String> = c
                .through
                .iter()
                .take(2)
                .map(|t| fit::shorten(t, 60))
                .collect();
            let more = c.through.len().saturating_sub(2);
            vec![
                (i + 1).to_string(),
                fit::shorten(labels.of(&c.id), MOST_IN_CELL),
                fit::shorten(&group_of(labels, &c.id), 40),
                match c.interval {
                    Some(h) => format!("{:.4} (±{h:.4})", c.betweenness),
                    None => format!("{:.4}", c.betweenness),
                },
                format!(
                    "{}: {}{}",
                    c.mechanisms,
                    through.join("; "),
                    if more > 0 {
                        format!("; and {more} more")
                    } else {
                        String::new()
                    }
                ),
            ]
        })
        .collect();
    let mut notes: Vec<String> = ranked.iter().map(|l| l.to_string()).collect();
    for c in &f.central {
        let ids: Vec<String> = inputs
            .dataset
            .mechanisms
            .iter()
            .filter(|m| m.participants.iter().any(|p| p.body == c.id))
            .map(|m| m.id.clone())
            .collect();
        notes.extend(quotes(inputs.dataset, &ids).into_iter().take(8));
    }
    content(
        "Most central bodies",
        lead.iter()
            .map(|l| Paragraph::plain(fit::shorten(l, MOST_ON_SLIDE)))
            .collect(),
        Some(Figure::Table {
            columns: [
                "#",
                "Body",
                "Country",
                "Betweenness",
                "Mechanisms that make it so",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }),
        notes,
    )
}

fn brokers(inputs: &Inputs, labels: &Labels) -> Slide {
    let f = inputs.findings;
    let lines = section(inputs.briefing, "Brokers between the countries");
    if f.brokers.is_empty() {
        return content(
            "Brokers between the countries",
            bullets(&lines),
            None,
            lines.clone(),
        );
    }
    let rows = f
        .brokers
        .iter()
        .map(|b| {
            vec![
                fit::shorten(labels.of(&b.id), MOST_IN_CELL),
                fit::shorten(&group_of(labels, &b.id), 40),
                crate::text::numbers::group_digits(b.across as usize),
                match b.constraint {
                    Some(c) if c < 0.005 => "below 0.01".to_string(),
                    Some(c) => format!("{c:.2}"),
                    None => "–".to_string(),
                },
            ]
        })
        .collect();
    content(
        "Brokers between the countries",
        vec![Paragraph::plain(
            "How often each body stands between bodies of different countries (Gould–Fernandez gatekeeper, representative and liaison roles); a low Burt's constraint means many ties that do not go through one another.",
        )],
        Some(Figure::Table {
            columns: ["Body", "Country", "Times between countries", "Burt's constraint"]
                .map(String::from)
                .to_vec(),
            rows,
        }),
        lines,
    )
}

/// The route's answer in a briefer's words: how far the one reaches the other. `coopgraph path`'s
/// summary speaks to a command-line user (path counts, flags to raise); it goes to the notes.
fn route_sentence(view: &PathView) -> String {
    let a = &view.answer;
    let hops = |n: usize| format!("{n} {}", if n == 1 { "hop" } else { "hops" });
    if a.found > 0 {
        let bodies = a.reached.len();
        return format!(
            "{} reaches {} {} of {} within {}.",
            view.from,
            group_digits(bodies),
            if bodies == 1 { "body" } else { "bodies" },
            view.to,
            hops(view.max_hops)
        );
    }
    match a.shortest_beyond_limit {
        Some(k) => format!(
            "No route from {} to {} within {}: the shortest takes {}.",
            view.from,
            view.to,
            hops(view.max_hops),
            hops(k)
        ),
        None if a.stopped.is_some() => format!(
            "No route from {} to {} was found before the search stopped.",
            view.from, view.to
        ),
        None => format!(
            "No route from {} to {}: they are in separate parts of the network.",
            view.from, view.to
        ),
    }
}

/// One route question: its answer in a sentence and the best route hop by hop, each with the
/// mechanism and clause that carries it.
fn route(view: &PathView, dataset: &Dataset) -> Slide {
    let labels = view.labels;
    let title = format!(
        "Route: {} → {}",
        fit::shorten(&view.from, 50),
        fit::shorten(&view.to, 50)
    );
    let mut text = vec![Paragraph::plain(fit::shorten(
        &route_sentence(view),
        MOST_ON_SLIDE,
    ))];
    // The notes keep `coopgraph path`'s own summary: how many routes, where the search
    // stopped, and which flag to change to see more.
    let mut notes = vec![route_sentence(view), view.summary()];
    let Some(best) = view.answer.paths.first() else {
        return content(&title, text, None, notes);
    };
    if view.answer.paths.len() > 1 {
        text.push(Paragraph::plain(format!(
            "The best route, of {} shown by coopgraph path (fewest hops, then most clauses):",
            group_digits(view.answer.paths.len())
        )));
    }
    let rows = best
        .hops
        .iter()
        .enumerate()
        .map(|(i, hop)| {
            let more = if hop.also.is_empty() {
                String::new()
            } else {
                format!(" (+{} more)", hop.also.len())
            };
            vec![
                (i + 1).to_string(),
                fit::shorten(labels.of(&hop.from), 60),
                format!("{}{more}", fit::shorten(&hop.via.name, 90)),
                hop.source
                    .as_ref()
                    .map(|s| s.reference.clone())
                    .unwrap_or_else(|| "–".into()),
                fit::shorten(labels.of(&hop.to), 60),
            ]
        })
        .collect();
    for (i, path) in view.answer.paths.iter().enumerate().take(5) {
        notes.push(format!("Route {}: {}", i + 1, view.line(path)));
    }
    let ids: Vec<String> = best.hops.iter().filter_map(|h| h.via.id.clone()).collect();
    notes.extend(quotes(dataset, &ids));
    content(
        &title,
        text,
        Some(Figure::Table {
            columns: ["Hop", "From", "Through", "Clause", "To"]
                .map(String::from)
                .to_vec(),
            rows,
        }),
        notes,
    )
}

fn sources(inputs: &Inputs) -> Slide {
    let dataset = inputs.dataset;
    let mut text = bullets(&section(inputs.briefing, "Sources"));
    for s in dataset.sources.iter().take(4) {
        let cited: BTreeSet<&str> = dataset
            .mechanisms
            .iter()
            .flat_map(|m| m.sources.iter())
            .filter(|r| r.doc == s.id)
            .map(|r| r.reference.as_str())
            .collect();
        let listed: Vec<&str> = cited.iter().copied().take(30).collect();
        let more = cited.len().saturating_sub(listed.len());
        text.push(Paragraph::bullet(fit::shorten(
            &format!(
                "{}{}: clauses {}{}",
                s.title,
                s.date
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                listed.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
            MOST_ON_SLIDE,
        )));
    }
    if dataset.sources.len() > 4 {
        text.push(Paragraph::bullet(format!(
            "… and {} more sources (the speaker notes list them all).",
            dataset.sources.len() - 4
        )));
    }
    let mut notes: Vec<String> = dataset
        .mechanisms
        .iter()
        .filter_map(|m| {
            m.source()
                .map(|s| format!("{} {} — {}: “{}”", s.doc, s.reference, m.name, s.quote))
        })
        .take(200)
        .collect();
    if notes.is_empty() {
        notes.push(NO_SOURCES.into());
    }
    content("Sources", text, None, notes)
}

/// The deck of the briefing.
pub fn deck(inputs: Inputs) -> Deck {
    let dataset = inputs.dataset;
    let labels = Labels::new(dataset);
    let f = inputs.findings;
    let briefing = inputs.briefing;
    let mut slides = vec![cover(dataset)];
    let network = section(briefing, "The network");
    let mut network_notes = network.clone();
    network_notes.extend(section(briefing, "Channels per area and level"));
    slides.push(diagram_slide(
        "The network at a glance",
        network
            .iter()
            .map(|l| Paragraph::plain(fit::shorten(l, MOST_ON_SLIDE)))
            .collect(),
        inputs.network.clone(),
        "network",
        network_notes,
    ));
    slides.push(diagram_slide(
        "Organisation chart",
        Vec::new(),
        inputs.org.clone(),
        "org",
        vec!["Each government's bodies in their hierarchy; lines between bodies are the cooperation mechanisms that tie them, labelled with how many and in which area.".into()],
    ));
    slides.push(central(&inputs, &labels));
    slides.push(brokers(&inputs, &labels));
    for view in &inputs.routes {
        slides.push(route(view, dataset));
    }
    let channels = section(briefing, "Redundant channels");
    let mut channel_notes = channels.clone();
    channel_notes.extend(quotes(
        dataset,
        f.channels.iter().flat_map(|c| c.mechanisms.iter()),
    ));
    slides.push(content(
        "Redundant channels",
        bullets(&channels),
        None,
        channel_notes,
    ));
    let failures = section(briefing, "Single points of failure");
    let mut failure_notes = failures.clone();
    failure_notes.extend(quotes(
        dataset,
        f.mechanism_cut_points.iter().map(|p| &p.id),
    ));
    slides.push(content(
        "Single points of failure",
        bullets(&failures),
        None,
        failure_notes,
    ));
    let areas = section(briefing, "Channels per area and level");
    slides.push(content(
        "Channels per area and level",
        bullets(&areas),
        None,
        areas.clone(),
    ));
    let forums = section(briefing, "Bodies in several forums");
    slides.push(content(
        "Bodies in several forums",
        bullets(&forums),
        None,
        forums.clone(),
    ));
    let changed = section(briefing, "What changed");
    if !changed.is_empty() {
        let mut notes = changed.clone();
        notes.extend(details(briefing, "What changed"));
        // The first source against the last on one slide, each step on the next: a heading
        // line ending a slide with nothing under it reads as a mistake.
        let steps_at = changed.iter().position(|l| l == STEP_BY_STEP);
        let (whole, steps) = changed.split_at(steps_at.unwrap_or(changed.len()));
        slides.push(content("What changed", bullets(whole), None, notes));
        if let Some((heading, each)) = steps.split_first() {
            let mut text = vec![Paragraph::plain(heading.clone())];
            text.extend(bullets(each));
            slides.push(content(
                "What changed (step by step)",
                text,
                None,
                steps.to_vec(),
            ));
        }
    }
    slides.push(sources(&inputs));
    Deck {
        title: format!(
            "Briefing: {}",
            dataset.title.as_deref().unwrap_or("Cooperation network")
        ),
        slides,
    }
}

/// The legend of a diagram coloured by group: each group's colour (as the theme's accent), the
/// grey the groups past the palette share with their count, and for the network the shapes of
/// the three kinds.
pub fn legend(dataset: &Dataset, shown: &[String], kinds: bool) -> Vec<diagram::LegendItem> {
    let mut items = Vec::new();
    if kinds {
        for (shape, text) in [
            (diagram::Shape::Rounded, "body"),
            (diagram::Shape::Ellipse, "mechanism"),
            (diagram::Shape::Hexagon, "forum"),
        ] {
            items.push(diagram::LegendItem {
                shape,
                colour: diagram::Colour::Theme("bg1"),
                text: text.into(),
            });
        }
    }
    let colours = GroupColours::for_view(dataset, shown.iter().map(String::as_str));
    let shown: BTreeSet<&str> = shown.iter().map(String::as_str).collect();
    let in_view: BTreeSet<&str> = dataset
        .bodies
        .iter()
        .filter(|b| shown.contains(b.id.as_str()))
        .map(|b| b.group.as_str())
        .collect();
    for (i, group) in dataset.groups.iter().enumerate() {
        // Past the palette, a group the view does not show is not in its legend either.
        if colours.own(i) && (colours.others == 0 || in_view.contains(group.id.as_str())) {
            items.push(diagram::LegendItem {
                shape: diagram::Shape::Box,
                colour: diagram::colour_of(colours.of(i)),
                text: fit::shorten(&group.name, 40),
            });
        }
    }
    if colours.others > 0 {
        items.push(diagram::LegendItem {
            shape: diagram::Shape::Box,
            colour: diagram::colour_of(OTHER_GROUPS),
            text: format!("{} other groups", group_digits(colours.others)),
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lines_become_plain_sentences() {
        assert_eq!(plain(r"**MOFA \*x\*** \\u{202e}"), r"MOFA *x* \u{202e}");
        let md = "# T\n\n## Brokers\n\n- **A** stands.\n- B.\n\n## Next\n\n1. C.\n";
        assert_eq!(section(md, "Brokers"), ["A stands.", "B."]);
        assert_eq!(section(md, "Next"), ["C."]);
    }
}
