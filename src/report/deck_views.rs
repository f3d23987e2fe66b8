//! The deck's own cuts of the network and the org chart. A whole view fitted to a slide cannot
//! be read: the bundled network's hundred nodes came out with 4.5–6 pt labels. The deck shows
//! the most central bodies and what ties them instead, as many as let every label reach 14 pt
//! once Graphviz's layout is fitted to the slide, and its slide names the whole view's file.
//! Each size tried is drawn, laid out and measured; the first that reads is kept, and its DOT
//! and layout are written beside the pictures, so a run without Graphviz reuses them.

use super::analyses::Network;
use super::deck::bundle::SlideDiagrams;
use super::deck::{briefing, diagram, slide, DeckError, SlideDiagram, Template};
use super::pictures::{dot_hash, EarlierPictures};
use crate::model::Dataset;
use crate::render::graphviz::{self, Output};
use crate::render::scene::{ColourBy, Diagram, Limit};
use crate::render::style::Theme;
use crate::render::{draw, DiagramFormat};
use crate::text::numbers::group_digits;
use rayon::prelude::*;
use std::collections::HashSet;

/// Bodies the deck's diagrams are tried with, most first.
const BODIES_TRIED: [usize; 12] = [30, 24, 20, 16, 13, 10, 8, 6, 5, 4, 3, 2];

/// The smallest text a room reads on a slide: the floor of the deck's own text too.
pub const LEAST_POINTS: f64 = 14.0;

/// One of the deck's diagrams.
struct DeckView {
    /// Its name in the bundle ("network-deck").
    name: &'static str,
    /// The view it cuts.
    view: Diagram,
    /// The bundle diagram of the whole view ("network").
    whole: &'static str,
    /// Its legend shows the three kinds of node.
    kinds: bool,
    /// Its slide has text beside it (else it has the slide to itself).
    beside_text: bool,
}

/// A deck diagram fitted to its slide, with the files that record it.
pub struct Fitted {
    /// Its name in the bundle ("network-deck").
    pub name: &'static str,
    /// The slide's diagram.
    pub slide: SlideDiagram,
    /// The hash of the DOT as built from the data (what a later run without Graphviz matches).
    pub hash: String,
    /// The DOT Graphviz laid out.
    pub dot: Vec<u8>,
    /// Graphviz's JSON layout of it.
    pub layout: Vec<u8>,
}

/// One size drawn and laid out.
struct Candidate {
    hash: String,
    dot: Vec<u8>,
    node_ids: Vec<String>,
    layout: Vec<u8>,
}

/// What the report hands the fitting.
pub struct Inputs<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// The network's centrality (which ranks the bodies) and its links.
    pub network: &'a Network,
    /// The template the slides are laid out on.
    pub template: &'a Template,
    /// Graphviz is installed.
    pub graphviz: bool,
    /// The earlier bundle (its layouts, used without Graphviz).
    pub earlier: &'a EarlierPictures,
}

/// The network and org chart cut and laid out for the deck (a view is missing where it could
/// not be laid out: no Graphviz and no earlier layout of the same DOT).
pub fn fit_all(inputs: &Inputs) -> Result<Vec<Fitted>, DeckError> {
    let views = [
        DeckView {
            name: "network-deck",
            view: Diagram::Network,
            whole: "network",
            kinds: true,
            beside_text: true,
        },
        DeckView {
            name: "org-deck",
            view: Diagram::Org,
            whole: "org",
            kinds: false,
            beside_text: false,
        },
    ];
    // The report's own cut, for its ranking of the bodies (betweenness on the network).
    let ranked = super::limit(inputs.network);
    let fitted: Vec<Result<Option<Fitted>, DeckError>> = views
        .par_iter()
        .map(|v| {
            let area = slide::diagram_area(inputs.template, v.beside_text);
            fit(inputs, v, area, &ranked)
        })
        .collect();
    fitted.into_iter().filter_map(Result::transpose).collect()
}

/// The deck's diagrams by slide.
pub fn by_slide(fitted: &[Fitted]) -> SlideDiagrams {
    let of = |name: &str| {
        fitted
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.slide.clone())
    };
    SlideDiagrams {
        network: of("network-deck"),
        org: of("org-deck"),
    }
}

/// The largest size of `v` whose text reaches [`LEAST_POINTS`] in `area` (or the smallest size
/// tried, when none does); without Graphviz, the size the earlier bundle laid out.
fn fit(
    inputs: &Inputs,
    v: &DeckView,
    area: super::deck::Rect,
    ranked: &Limit,
) -> Result<Option<Fitted>, DeckError> {
    let measure = |at: usize| -> Result<Option<Measured>, DeckError> {
        let Some(candidate) = candidate(inputs, v, ranked, BODIES_TRIED[at]) else {
            return Ok(None);
        };
        let legend = briefing::legend(inputs.dataset, &candidate.node_ids, v.kinds);
        let laid_out = diagram::from_json(v.name, &candidate.layout, legend)?;
        // An empty view (every body cut) reads, but says nothing.
        let points = if laid_out.nodes.is_empty() {
            0.0
        } else {
            diagram::smallest_text(&laid_out, area)
        };
        Ok(Some(Measured {
            candidate,
            laid_out,
            points,
        }))
    };
    let chosen = if inputs.graphviz {
        search(measure)?
    } else {
        // Only the size the earlier bundle chose has a layout to reuse.
        let mut found = None;
        for at in 0..BODIES_TRIED.len() {
            if let Some(m) = measure(at)? {
                found = Some(m);
                break;
            }
        }
        found
    };
    Ok(chosen.map(|m| Fitted {
        name: v.name,
        slide: slide_diagram(inputs.dataset, v, &m.candidate.node_ids, m.laid_out),
        hash: m.candidate.hash,
        dot: m.candidate.dot,
        layout: m.candidate.layout,
    }))
}

/// One size laid out and measured.
struct Measured {
    candidate: Candidate,
    laid_out: diagram::Diagram,
    /// Its smallest text on the slide, in points.
    points: f64,
}

impl Measured {
    fn reads(&self) -> bool {
        self.points >= LEAST_POINTS
    }
}

/// The largest size of [`BODIES_TRIED`] that reads (a view's text shrinks as it grows): from
/// a size that does not read, straight to the size expected to, then by bisection between the
/// largest size known not to read and the smallest that reads or comes out empty (cut to
/// nothing); the smallest non-empty size measured when none reads.
fn search(
    measure: impl Fn(usize) -> Result<Option<Measured>, DeckError>,
) -> Result<Option<Measured>, DeckError> {
    // Sizes at indices up to `too_big` do not read; from `too_small` on they are empty.
    let mut too_big: Option<usize> = None;
    let mut too_small = BODIES_TRIED.len();
    let mut reads: Option<(usize, Measured)> = None;
    let mut smallest: Option<Measured> = None;
    let mut at = 0;
    loop {
        let mut expected = at + 1;
        match measure(at)? {
            Some(m) if m.laid_out.nodes.is_empty() => too_small = too_small.min(at),
            Some(m) if m.reads() => reads = Some((at, m)),
            Some(m) => {
                expected = expected.max(expected_to_read(BODIES_TRIED[at], m.points));
                too_big = Some(at);
                smallest = Some(m);
            }
            None => too_big = Some(at),
        }
        let first_open = too_big.map_or(0, |b| b + 1);
        let last_open = match &reads {
            Some((r, _)) => *r,
            None => too_small,
        };
        if first_open >= last_open {
            break;
        }
        at = if reads.is_none() && expected < too_small {
            expected.max(first_open)
        } else {
            (first_open + last_open - 1) / 2
        };
    }
    Ok(reads.map(|(_, m)| m).or(smallest))
}

/// The index of the largest size expected to read, from a size of `bodies` whose smallest text
/// came out at `points`: text shrinks with the layout's width, about the square root of what it
/// holds.
fn expected_to_read(bodies: usize, points: f64) -> usize {
    let expected = bodies as f64 * (points / LEAST_POINTS).powi(2);
    BODIES_TRIED
        .iter()
        .position(|&b| b as f64 <= expected)
        .unwrap_or(BODIES_TRIED.len() - 1)
}

/// `v` cut to its `bodies` most central bodies (as `ranked` ranks them), drawn and laid out by
/// Graphviz, or (without Graphviz) the earlier bundle's layout of the same DOT.
fn candidate(inputs: &Inputs, v: &DeckView, ranked: &Limit, bodies: usize) -> Option<Candidate> {
    let limit = Limit {
        above: 0,
        above_edges: 0,
        bodies,
        carriers: bodies,
        ties: bodies * 3,
        // The org chart without its governments' column: on a slide the colour already says
        // whose body it is.
        governments: false,
        cut_to_read: true,
        ..ranked.clone()
    };
    let mut options =
        super::draw_options(Theme::Slide, ColourBy::Group, false, limit, inputs.network);
    // The DOT is built as asked, without the picture's roll-ups: an org chart nested thousands
    // deep must be rolled up here, or Graphviz runs out of memory laying it out.
    if matches!(v.view, Diagram::Org) {
        options.collapse = crate::render::draw::org_nesting_cap(inputs.dataset);
    }
    // The DOT as built, not as `draw` fits it to a picture: the picture's measures would roll
    // the hierarchy up or cut the view further, while here the cut is this search's to make.
    let plain = draw(inputs.dataset, &v.view, DiagramFormat::Dot, &options).ok()?;
    let hash = dot_hash(&plain.dot);
    let (dot, layout) = if inputs.graphviz {
        let dot = narrower(&plain.dot, v);
        let layout = graphviz::run(&dot, plain.engine, Output::Json, options.timeout).ok()?;
        (dot.into_bytes(), layout)
    } else {
        let [dot, layout] = inputs.earlier.keep_laid_out(v.name, &hash)?;
        (dot, layout)
    };
    Some(Candidate {
        hash,
        dot,
        node_ids: plain.node_ids,
        layout,
    })
}

/// The gap between the org chart's columns on a slide: a quarter of an inch instead of the
/// pictures' 0.6 in. Its six gaps took a quarter of the width of a cut chart, and width is what
/// a left-to-right chart runs out of on a 16:9 slide.
const SLIDE_RANKSEP: &str = "ranksep=\"0.25\"";

/// The DOT of `v` with the org chart's columns closer together (see [`SLIDE_RANKSEP`]).
fn narrower(dot: &str, v: &DeckView) -> String {
    match v.view {
        Diagram::Org => dot.replacen("ranksep=\"0.6\"", SLIDE_RANKSEP, 1),
        _ => dot.to_string(),
    }
}

/// The slide's diagram with what of the whole view it shows, in short and as a sentence that
/// names the whole view's file.
fn slide_diagram(
    dataset: &Dataset,
    v: &DeckView,
    node_ids: &[String],
    laid_out: diagram::Diagram,
) -> SlideDiagram {
    let shown: HashSet<&str> = node_ids.iter().map(String::as_str).collect();
    let bodies = dataset
        .bodies
        .iter()
        .filter(|b| shown.contains(b.id.as_str()))
        .count();
    let carriers = dataset
        .mechanisms
        .iter()
        .map(|m| m.id.as_str())
        .chain(dataset.forums.iter().map(|f| f.id.as_str()))
        .filter(|id| shown.contains(id))
        .count();
    let total = dataset.bodies.len();
    let what = match v.view {
        _ if bodies >= total => format!("all {} bodies", group_digits(total)),
        // The org chart adds the bodies above the most central ones.
        Diagram::Org => format!(
            "{} of the {} bodies",
            group_digits(bodies),
            group_digits(total)
        ),
        _ => format!(
            "the {} most central of the {} bodies",
            group_digits(bodies),
            group_digits(total)
        ),
    };
    let whole = format!("diagrams/{}.svg", v.whole);
    let said = match v.view {
        Diagram::Network if bodies >= total => format!(
            "Shown: {what} and the mechanisms and forums that tie them; the whole network is also {whole}."
        ),
        Diagram::Network if carriers == 1 => format!(
            "Shown: {what} and the mechanism or forum that ties them; the whole network is {whole}."
        ),
        Diagram::Network => format!(
            "Shown: {what} and the {} mechanisms and forums that tie them; the whole network is {whole}.",
            group_digits(carriers)
        ),
        _ if bodies >= total => format!(
            "Shown: {what}, each under its parent; the whole chart is also {whole}."
        ),
        _ => format!(
            "Shown: {what}, the most central and the bodies above them, each under its parent; the whole chart is {whole}."
        ),
    };
    SlideDiagram {
        diagram: laid_out,
        shown: what,
        said,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A measured size of `bodies` whose smallest text is `points` (no nodes when `points` is
    /// 0); its hash names the size.
    fn measured(bodies: usize, points: f64) -> Measured {
        let node = diagram::Node {
            name: "n0".into(),
            label: vec!["MOFA".into()],
            tooltip: String::new(),
            at: (0.0, 0.0),
            size: (10.0, 10.0),
            shape: diagram::Shape::Box,
            fill: diagram::Colour::Theme("bg1"),
            text: diagram::Colour::Theme("tx1"),
            font: 14.0,
        };
        Measured {
            candidate: Candidate {
                hash: bodies.to_string(),
                dot: Vec::new(),
                node_ids: Vec::new(),
                layout: Vec::new(),
            },
            laid_out: diagram::Diagram {
                name: "network-deck".into(),
                clusters: Vec::new(),
                ties: Vec::new(),
                nodes: if points > 0.0 { vec![node] } else { Vec::new() },
                legend: Vec::new(),
            },
            points,
        }
    }

    /// Runs the search on a view whose text at `bodies` is `points(bodies)`; returns the size
    /// chosen and the sizes measured.
    fn searched(points: impl Fn(usize) -> f64) -> (Option<usize>, Vec<usize>) {
        let tried = RefCell::new(Vec::new());
        let chosen = search(|at| {
            tried.borrow_mut().push(BODIES_TRIED[at]);
            let bodies = BODIES_TRIED[at];
            Ok(Some(measured(bodies, points(bodies))))
        })
        .expect("search");
        let size = chosen.and_then(|m| m.candidate.hash.parse().ok());
        (size, tried.into_inner())
    }

    #[test]
    fn the_largest_size_that_reads_is_chosen_in_few_layouts() {
        // Text shrinks as the square root of the bodies shown: 14 pt at 13 bodies.
        let (size, tried) = searched(|b| 14.0 * (13.0 / b as f64).sqrt());
        assert_eq!(size, Some(13));
        assert!(tried.len() <= 4, "{tried:?}");
        // A view that reads whole is laid out once.
        let (size, tried) = searched(|_| 20.0);
        assert_eq!((size, tried), (Some(30), vec![30]));
    }

    #[test]
    fn a_wrong_guess_is_corrected_by_bisection() {
        // Text falls much faster than the square-root guess: only 5 bodies read.
        let (size, _) = searched(|b| if b <= 5 { 15.0 } else { 13.9 });
        assert_eq!(size, Some(5));
    }

    #[test]
    fn an_empty_cut_is_never_chosen() {
        // Below 4 bodies the cut keeps nothing; nothing reads: the smallest non-empty size.
        let (size, _) = searched(|b| if b < 4 { 0.0 } else { 10.0 });
        assert_eq!(size, Some(4));
        // Reads from 6 down, empty below 4.
        let (size, _) = searched(|b| match b {
            0..=3 => 0.0,
            4..=6 => 16.0,
            _ => 8.0,
        });
        assert_eq!(size, Some(6));
    }

    #[test]
    fn the_org_chart_columns_come_closer_on_a_slide() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        let dataset = crate::ingest::json::read(&path).expect("bundled dataset");
        let options = crate::render::DrawOptions {
            scene: crate::render::scene::SceneOptions::default(),
            theme: Theme::Slide,
            engine: None,
            timeout: std::time::Duration::from_secs(60),
            collapse: None,
        };
        let dot = draw(&dataset, &Diagram::Org, DiagramFormat::Dot, &options)
            .expect("org DOT")
            .dot;
        let view = DeckView {
            name: "org-deck",
            view: Diagram::Org,
            whole: "org",
            kinds: false,
            beside_text: false,
        };
        let narrow = narrower(&dot, &view);
        assert!(
            narrow.contains(SLIDE_RANKSEP),
            "the DOT's ranksep changed form"
        );
        assert_eq!(narrow.len(), dot.len() + 1);
    }
}
