//! Drawing a diagram: its scene built, rolled up or cut smaller until it reads (by the
//! measures of [`readability`]), laid out and rendered by Graphviz, and for HTML wrapped in the
//! interactive page.

use super::graphviz::layout::{self, Ask};
use super::graphviz::readability;
use super::graphviz::runner::Deadline;
use super::graphviz::{self as gv, Engine, Output};
use super::scene::{self, Diagram};
use super::{page, style};
use crate::error::{Error, Result};
use crate::graph::collapse::{self, Rollup};
use crate::model::Dataset;
use std::time::Duration;

/// A drawing, or the error with the DOT source when Graphviz failed on it.
type Drawn = std::result::Result<Drawing, (Error, Option<String>)>;

/// The file formats a diagram can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramFormat {
    /// Graphviz DOT source.
    Dot,
    /// SVG (needs Graphviz).
    Svg,
    /// PNG (needs Graphviz).
    Png,
    /// A self-contained interactive page (needs Graphviz).
    Html,
}

impl DiagramFormat {
    /// The format a file name's extension names (`dot`, `gv`, `svg`, `png`, `html`, `htm`), if any.
    pub fn from_extension(extension: &str) -> Option<DiagramFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "dot" | "gv" => Some(DiagramFormat::Dot),
            "svg" => Some(DiagramFormat::Svg),
            "png" => Some(DiagramFormat::Png),
            "html" | "htm" => Some(DiagramFormat::Html),
            _ => None,
        }
    }

    /// The file extension this format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            DiagramFormat::Dot => "dot",
            DiagramFormat::Svg => "svg",
            DiagramFormat::Png => "png",
            DiagramFormat::Html => "html",
        }
    }
}

/// How to draw.
#[derive(Debug, Clone)]
pub struct DrawOptions {
    /// What the scene holds and how nodes are sized and coloured.
    pub scene: scene::SceneOptions,
    /// The theme.
    pub theme: style::Theme,
    /// The layout engine; chosen by size when `None`.
    pub engine: Option<Engine>,
    /// Longest the drawing may take in all: Graphviz's runs and coopgraph's own layout work.
    pub timeout: Duration,
    /// Roll the hierarchy up to this depth first (`--collapse`); `None` draws every body, except
    /// that an org chart, network or bodies view too crowded to pass the readability measures
    /// is rolled up as far as needed (and says so in its subtitle).
    pub collapse: Option<usize>,
}

/// A drawn view: its DOT source and, for SVG/PNG/HTML, the rendered bytes.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// The PNG of the same layout as the SVG in `bytes`, when [`draw_pictures`] asked for both.
    pub png: Option<Vec<u8>>,
    /// The DOT source.
    pub dot: String,
    /// The DOT as built from the data at the asked depth of roll-up, before Graphviz measured
    /// its layout: the same text the DOT format writes.
    pub unmeasured: String,
    /// The rendered file (DOT itself for the DOT format).
    pub bytes: Vec<u8>,
    /// The engine used.
    pub engine: Engine,
    /// Number of nodes drawn.
    pub nodes: usize,
    /// The dataset id of each drawn node: node `nK` of the DOT and SVG is `node_ids[K]`.
    pub node_ids: Vec<String>,
    /// The depth the hierarchy was rolled up to, if it was.
    pub collapse: Option<usize>,
    /// The readability of the layout, when it was measured (SVG, PNG and HTML with dot).
    pub readability: Option<readability::Readability>,
    /// Cut to its most central part (the subtitle says so).
    pub limited: bool,
}

/// Builds the DOT of `diagram`; for SVG, PNG and HTML also runs Graphviz. On a Graphviz failure
/// the error comes with the DOT source so the caller can still write it.
pub fn draw(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    options: &DrawOptions,
) -> Drawn {
    draw_as(dataset, diagram, format, false, options)
}

/// [`draw`] as SVG (in `bytes`) and PNG (in `png`) of one layout: the pictures of a bundle.
pub fn draw_pictures(dataset: &Dataset, diagram: &Diagram, options: &DrawOptions) -> Drawn {
    draw_as(dataset, diagram, DiagramFormat::Svg, true, options)
}

/// Draws `diagram` in `format` (and as PNG too when `png`): the layouts are tried and measured
/// first, and only the one chosen is rendered.
fn draw_as(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    png: bool,
    options: &DrawOptions,
) -> Drawn {
    let deadline = Deadline::after(options.timeout);
    let first = draw_rolled_up(dataset, diagram, format, options, &deadline)?;
    let chosen = match (&options.scene.limit, &first.drawing.readability) {
        (Some(limit), Some(measured))
            if !measured.passes(options.theme) && (limit.cut_to_read || first.drawing.limited) =>
        {
            fit(dataset, diagram, format, options, limit, first, &deadline)?
        }
        _ => first,
    };
    render(dataset, chosen, format, png, options.theme, &deadline)
}

/// A drawing laid out and measured but not yet rendered: what rendering it needs besides its
/// DOT (the scene and the rolled-up dataset, for the HTML page) and the SVG, when the run that
/// measured it drew that too.
struct Attempt {
    drawing: Drawing,
    scene: scene::Scene,
    rollup: Option<Rollup>,
    svg: Option<Vec<u8>>,
}

/// Renders the chosen `attempt` in `format` (and as PNG too when `png`), in one Graphviz run
/// where the outputs allow: the tried layouts that were not chosen are never rendered.
fn render(
    dataset: &Dataset,
    attempt: Attempt,
    format: DiagramFormat,
    png: bool,
    theme: style::Theme,
    deadline: &Deadline,
) -> Drawn {
    let Attempt {
        mut drawing,
        scene,
        rollup,
        svg,
    } = attempt;
    let png_output = Output::Png(theme.palette().page.map(|(_, dpi)| dpi));
    let wants_svg = matches!(format, DiagramFormat::Svg | DiagramFormat::Html);
    let wants_png = png || format == DiagramFormat::Png;
    if format == DiagramFormat::Dot {
        drawing.bytes = drawing.dot.clone().into_bytes();
        return Ok(drawing);
    }
    let mut outputs = Vec::new();
    if wants_svg && svg.is_none() {
        outputs.push(Output::Svg);
    }
    if wants_png {
        outputs.push(png_output);
    }
    let mut rendered = gv::runner::run_all_within(&drawing.dot, drawing.engine, &outputs, deadline)
        .map_err(|e| (e, Some(drawing.dot.clone())))?
        .into_iter();
    let svg = match svg {
        Some(svg) => Some(svg),
        None if wants_svg => rendered.next(),
        None => None,
    };
    let png_bytes = if wants_png { rendered.next() } else { None };
    drawing.bytes = match format {
        DiagramFormat::Png => png_bytes.clone().unwrap_or_default(),
        DiagramFormat::Html => {
            let dataset = rollup.as_ref().map_or(dataset, |r| &r.dataset);
            let svg = svg.unwrap_or_default();
            page::page(&scene, dataset, &String::from_utf8_lossy(&svg)).into_bytes()
        }
        _ => svg.unwrap_or_default(),
    };
    drawing.png = if png { png_bytes } else { None };
    Ok(drawing)
}

/// The shares of a [`scene::Limit`] (of its bodies, carriers and ties) a view that fails the
/// measures is cut to in turn, largest first, until it passes. Measured on the 10,000-node
/// dataset: the org chart of the 60 most central bodies with 200 ties came out 0.32:1 and its
/// slide had 3.3 px text; its slide first passes with the 12 most central (a fifth).
const CUT_SHARES: [f64; 4] = [1.0, 0.6, 0.35, 0.2];

/// The failures of a measured drawing against `theme`: overlapping labels, aspect, legibility.
fn failures(drawing: &Drawing, theme: style::Theme) -> usize {
    drawing.readability.as_ref().map_or(3, |r| {
        usize::from(!r.overlaps.is_empty())
            + usize::from(!r.aspect_ok(theme))
            + usize::from(!r.legible())
    })
}

/// Draws `diagram` as a cut of `limit`, smaller and smaller (and for a view without nested trees
/// also laid out by sfdp, whose force layout stays compact where dot's columns of a dense cut
/// run tall) until a drawing passes the measures; else the drawing with the fewest failures,
/// the largest first. `first` is the drawing as asked (whole or cut by `limit` itself), which
/// fails; the DOT as first built stays the one hashed (`unmeasured`).
fn fit(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    options: &DrawOptions,
    limit: &scene::Limit,
    first: Attempt,
    deadline: &Deadline,
) -> Attempted {
    let engines: &[Option<Engine>] = if options.engine.is_some() || matches!(diagram, Diagram::Org)
    {
        &[None]
    } else {
        &[None, Some(Engine::Sfdp)]
    };
    // Smaller cuts keep the roll-up the first drawing needed (an org chart nested too deep).
    let collapse = first.drawing.collapse;
    let mut best = first;
    for share in CUT_SHARES {
        for &engine in engines {
            if share == 1.0 && engine.is_none() && best.drawing.limited {
                continue; // that is the first drawing
            }
            if deadline.for_measuring().passed() {
                return Ok(best);
            }
            let attempt = DrawOptions {
                scene: scene::SceneOptions {
                    limit: Some(limit.scaled(share)),
                    ..options.scene.clone()
                },
                engine: engine.or(options.engine),
                ..options.clone()
            };
            let mut tried = draw_once(dataset, diagram, format, &attempt, collapse, deadline)?;
            tried
                .drawing
                .unmeasured
                .clone_from(&best.drawing.unmeasured);
            if failures(&tried.drawing, options.theme) == 0 {
                return Ok(tried);
            }
            if failures(&tried.drawing, options.theme) < failures(&best.drawing, options.theme) {
                best = tried;
            }
        }
    }
    Ok(best)
}

/// Deepest nesting of boxes inside boxes an org chart can show and stay legible: each level
/// widens the chart by about 90 pt. Measured on a generated parent chain (`generate
/// --hierarchy-chain 250`, `render org --collapse D --check`): nested 10 deep, the smallest
/// text is 10.1 px at 1920 px wide; 20 deep, 6.7 px, under the 9 px minimum (and Graphviz
/// took 9 s; 40 deep, 54 s).
const MOST_NESTED: usize = 12;

/// The depth an org chart of `dataset` must be rolled up to before Graphviz can lay it out:
/// [`MOST_NESTED`] where the hierarchy is deeper, else none.
pub fn org_nesting_cap(dataset: &Dataset) -> Option<usize> {
    let deepest = collapse::depths(dataset).into_values().max().unwrap_or(0);
    (deepest > MOST_NESTED).then_some(MOST_NESTED)
}

/// Draws `diagram` as asked; a whole organisation that fails the measures is rolled up, to
/// the least roll-up of [`rollup_attempts`] whose drawing is not crowded (or the last).
///
/// Each depth tried costs a Graphviz run per candidate layout (seven for a network), and a
/// roll-up that merges a few bodies leaves the drawing about as crowded: the 4 MB document's
/// network was measured at five depths, the first four crowded and nearly the same size. So
/// after the first drawing fails, the depth to measure next is predicted from the size of each
/// depth's scene ([`predicted_first_fit`]); the search then walks up from there while the
/// drawings are crowded, and down while the one less rolled up is not. Where crowding falls as
/// the roll-up deepens (it takes bodies away), it ends on the same depth as trying every depth
/// in turn, measuring two or three of them.
fn draw_rolled_up(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    options: &DrawOptions,
    deadline: &Deadline,
) -> Attempted {
    let attempts = rollup_attempts(dataset, diagram, format, options);
    let first = draw_once(dataset, diagram, format, options, attempts[0], deadline)?;
    if attempts.len() == 1 || !crowded(&first, options.theme) {
        return Ok(first);
    }
    let scenes = attempts
        .iter()
        .map(|&collapse| built(dataset, diagram, options, collapse))
        .collect::<Result<Vec<_>>>()
        .map_err(|e| (e, None))?;
    let sizes: Vec<(usize, usize)> = scenes
        .iter()
        .map(|b| (b.scene.nodes.len(), b.scene.edges.len()))
        .collect();
    let measured = first.drawing.readability.as_ref();
    let start = predicted_first_fit(measured.map(|r| crowding(r, options.theme)), &sizes);
    let unmeasured = first.drawing.unmeasured.clone();
    let mut tried: Vec<Option<Attempt>> = attempts.iter().map(|_| None).collect();
    tried[0] = Some(first);
    let mut scenes: Vec<Option<Built>> = scenes.into_iter().map(Some).collect();
    // Whether depth `at` fits, laid out unless it was; `None` when out of time (what was
    // drawn stands: crowded, but drawn and said so).
    let fits = |at: usize| -> Option<bool> {
        if tried[at].is_none() {
            let built = scenes[at].take()?;
            if deadline.for_measuring().passed() {
                return None;
            }
            let mut attempt = lay(built, dataset, format, options, attempts[at], deadline);
            attempt.drawing.unmeasured.clone_from(&unmeasured);
            tried[at] = Some(attempt);
        }
        tried[at].as_ref().map(|a| !crowded(a, options.theme))
    };
    walk(start, attempts.len() - 1, fits);
    Ok(chosen_depth(tried, options.theme))
}

/// The search of [`draw_rolled_up`] over depths 1 to `last`, from `start`: up while the depth
/// measured is crowded (the last is drawn however crowded), then down while the one less
/// rolled up fits too. `fits` measures a depth (once) and says whether it fits; `None` stops
/// the search (out of time). Where the depths that fit are all those from some depth on, the
/// least rolled up of them is measured, and the one below it.
fn walk(start: usize, last: usize, mut fits: impl FnMut(usize) -> Option<bool>) {
    let mut at = start;
    loop {
        match fits(at) {
            None => return,
            Some(true) => break,
            // A crowded last depth has no less crowded one below it.
            Some(false) if at >= last => return,
            Some(false) => at += 1,
        }
    }
    while at > 1 && fits(at - 1) == Some(true) {
        at -= 1;
    }
}

/// The drawing [`draw_rolled_up`] keeps of those it measured: the least rolled up that is not
/// crowded (the last depth counts as such), else the most rolled up (out of time).
fn chosen_depth(tried: Vec<Option<Attempt>>, theme: style::Theme) -> Attempt {
    let last = tried.len() - 1;
    let mut measured: Vec<(usize, Attempt)> = tried
        .into_iter()
        .enumerate()
        .filter_map(|(at, a)| a.map(|a| (at, a)))
        .collect();
    let fitting = measured
        .iter()
        .position(|(at, a)| *at == last || !crowded(a, theme));
    let keep = fitting.unwrap_or(measured.len() - 1);
    measured.swap_remove(keep).1
}

/// Crowding is what a roll-up cures: overlapping or illegible labels, or a drawing too tall for
/// the page. A small drawing too wide for its title keeps every body.
fn crowded(attempt: &Attempt, theme: style::Theme) -> bool {
    attempt.drawing.readability.as_ref().is_some_and(|r| {
        !r.overlaps.is_empty() || !r.legible() || r.aspect() < readability::bounds(theme).min
    })
}

/// How far (as a linear factor) a measured drawing is from fitting: 1 where its text, with its
/// columns rearranged at the same area to the narrowest aspect the theme allows, would be just
/// legible. Drawing at width W and aspect a, its smallest text is p px; rearranged to aspect m
/// its width becomes W·√(m/a), so its text p·√(a/m).
fn crowding(measured: &readability::Readability, theme: style::Theme) -> f64 {
    let aspect = measured.aspect().max(f64::MIN_POSITIVE);
    let narrowest = readability::bounds(theme).min;
    readability::MIN_TEXT_PX / measured.smallest_px.max(f64::MIN_POSITIVE)
        * (narrowest / aspect).sqrt()
}

/// The [`crowding`] below which a depth is predicted to fit. Under 1: a view tries a few
/// column counts, not every aspect, so a drawing just at 1 fails. Measured on the 4 MB
/// document's network: crowding 1.005 at full depth, and still crowded with 2 % and 20 % of the
/// nodes rolled up (the lines, which the roll-up hardly reduced, take the room).
const PREDICTED_FIT: f64 = 0.85;

/// The depth (index into the roll-up attempts, 1 or more) predicted to be the first to fit,
/// from the first drawing's [`crowding`] and each depth's scene size: a layout's area grows
/// with its nodes and with its lines (the network of the 4 MB document: 234 nodes and 366
/// lines, then 188 and 356 rolled up, the same area), so a depth's crowding is the first's
/// times the square root of the larger of the two ratios, and it is predicted to fit below
/// [`PREDICTED_FIT`]. The last depth when none is predicted to fit; the next depth when the
/// first drawing was not measured.
fn predicted_first_fit(first: Option<f64>, sizes: &[(usize, usize)]) -> usize {
    let Some(base) = first else {
        return 1;
    };
    let (nodes, edges) = sizes[0];
    let ratio = |(n, e): (usize, usize)| {
        (n as f64 / nodes.max(1) as f64).max(e as f64 / edges.max(1) as f64)
    };
    (1..sizes.len())
        .find(|&at| base * ratio(sizes[at]).sqrt() <= PREDICTED_FIT)
        .unwrap_or(sizes.len() - 1)
}

/// The depths to draw `diagram` at, in turn: as asked, then for a view of the whole
/// organisation (org chart, network, bodies) that fails the measures, rolled up further and
/// further down to one body per country. Each roll-up takes away at least a quarter of the
/// levels or of the bodies the one before showed: one level at a time cost a Graphviz run per
/// level, thousands on a deep chain of parents. An org chart nested deeper than [`MOST_NESTED`] cannot be legible, so
/// it is not drawn at that depth at all.
fn rollup_attempts(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    options: &DrawOptions,
) -> Vec<Option<usize>> {
    let whole = matches!(diagram, Diagram::Org | Diagram::Network | Diagram::Bodies);
    // A view cut to its most central part (by a limit or `--top`) is already small: rolling it
    // up too would only multiply the Graphviz runs on a large dataset (`render org --top 60`
    // on a 5,000-deep chain: a dot run per level tried, 14.5 s).
    let limited = options.scene.top.is_some()
        || options
            .scene
            .limit
            .as_ref()
            .is_some_and(|l| dataset.bodies.len() > l.above);
    if options.collapse.is_some() || !whole || format == DiagramFormat::Dot {
        return vec![options.collapse];
    }
    let depths = collapse::depths(dataset);
    let deepest = depths.values().copied().max().unwrap_or(0);
    let nested_too_deep = matches!(diagram, Diagram::Org) && deepest > MOST_NESTED;
    if limited {
        // A cut org chart still nests its bodies under all their ancestors: thousands of
        // boxes deep on a long chain of parents, which Graphviz cannot lay out (out of memory
        // after 90 s at depth 5,000); see [`org_nesting_cap`].
        return vec![nested_too_deep.then_some(MOST_NESTED)];
    }
    // Bodies shown when rolled up to depth d: those at depth d or above.
    let mut shown = Vec::new();
    for depth in depths.into_values() {
        if shown.len() <= depth {
            shown.resize(depth + 1, 0usize);
        }
        shown[depth] += 1;
    }
    for d in 1..shown.len() {
        shown[d] += shown[d - 1];
    }
    let mut attempts = Vec::new();
    if !nested_too_deep {
        attempts.push(None);
    }
    let start = if nested_too_deep {
        MOST_NESTED + 1
    } else {
        deepest
    };
    let (mut nesting, mut showing) = (start, shown.get(start).copied().unwrap_or(0));
    for depth in (0..start).rev() {
        let fewer_levels = depth * 4 <= nesting * 3;
        let fewer_bodies = shown[depth] * 4 <= showing * 3;
        if depth == 0 || fewer_levels || fewer_bodies {
            attempts.push(Some(depth));
            (nesting, showing) = (depth, shown[depth]);
        }
    }
    if attempts.is_empty() {
        attempts.push(None);
    }
    attempts
}

/// The subtitle note of a roll-up.
fn rollup_note(rollup: &Rollup) -> String {
    let level = match rollup.depth {
        0 => "one box per country".to_string(),
        1 => "sub-bodies merged into their top-level body".to_string(),
        d => format!("bodies below level {d} merged into their ancestor at level {d}"),
    };
    format!(
        "Hierarchy rolled up ({level}; {} bodies merged)",
        rollup.merged_count()
    )
}

/// An attempt laid out and measured, or the error with the DOT source when Graphviz failed.
type Attempted = std::result::Result<Attempt, (Error, Option<String>)>;

/// A scene built at one depth of roll-up, with the rolled-up dataset it was built from.
struct Built {
    scene: scene::Scene,
    rollup: Option<Rollup>,
}

/// Builds the scene of `diagram`, with the hierarchy rolled up to `collapse` when asked.
fn built(
    dataset: &Dataset,
    diagram: &Diagram,
    options: &DrawOptions,
    collapse: Option<usize>,
) -> Result<Built> {
    let rollup = collapse.map(|depth| collapse::collapse(dataset, depth));
    let mut scene = match &rollup {
        // The degrees the caller computed are the whole dataset's, not the rolled-up one's.
        Some(rollup) => scene::scene(
            &rollup.dataset,
            diagram,
            &scene::SceneOptions {
                body_degrees: None,
                ..options.scene.clone()
            },
        )?,
        None => scene::scene(dataset, diagram, &options.scene)?,
    };
    if let Some(rollup) = &rollup {
        let note = rollup_note(rollup);
        scene.subtitle = if scene.subtitle.is_empty() {
            note
        } else {
            format!("{} · {note}", scene.subtitle)
        };
    }
    Ok(Built { scene, rollup })
}

/// Lays a built scene out (measured, not rendered).
fn lay(
    built: Built,
    dataset: &Dataset,
    format: DiagramFormat,
    options: &DrawOptions,
    collapse: Option<usize>,
    deadline: &Deadline,
) -> Attempt {
    let Built { scene, rollup } = built;
    let rolled = rollup.as_ref().map_or(dataset, |r| &r.dataset);
    let ask = Ask {
        theme: options.theme,
        engine: options.engine,
        deadline: *deadline,
        render: format != DiagramFormat::Dot,
    };
    let laid = layout::lay_out(&scene, rolled, ask);
    let drawing = Drawing {
        png: None,
        unmeasured: laid.unmeasured,
        dot: laid.dot,
        bytes: Vec::new(),
        engine: laid.engine,
        nodes: scene.nodes.len(),
        node_ids: scene.nodes.iter().map(|n| n.id.clone()).collect(),
        collapse,
        readability: laid.readability,
        limited: scene.limited,
    };
    Attempt {
        drawing,
        scene,
        rollup,
        svg: laid.svg,
    }
}

/// Lays `diagram` out once (measured, not rendered), with the hierarchy rolled up to
/// `collapse` when asked.
fn draw_once(
    dataset: &Dataset,
    diagram: &Diagram,
    format: DiagramFormat,
    options: &DrawOptions,
    collapse: Option<usize>,
    deadline: &Deadline,
) -> Attempted {
    let built = built(dataset, diagram, options, collapse).map_err(|e| (e, None))?;
    Ok(lay(built, dataset, format, options, collapse, deadline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::SceneOptions;

    /// The bundled dataset with a chain of `depth` bodies under MOFA, each the parent of the next.
    fn with_chain(depth: usize) -> Dataset {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        let mut dataset = crate::ingest::json::read(&path).expect("bundled dataset");
        let template = dataset.bodies[0].clone();
        let mut parent = template.id.clone();
        for level in 0..depth {
            let mut body = template.clone();
            body.id = format!("chain{level}");
            body.name = format!("Chain body {level}");
            body.short = None;
            body.aliases.clear();
            body.parent = Some(parent);
            parent = body.id.clone();
            dataset.bodies.push(body);
        }
        dataset
    }

    #[test]
    fn an_org_chart_nested_too_deep_has_a_cap_and_a_shallow_one_none() {
        assert_eq!(org_nesting_cap(&with_chain(40)), Some(MOST_NESTED));
        assert_eq!(org_nesting_cap(&with_chain(5)), None);
    }

    fn options() -> DrawOptions {
        DrawOptions {
            scene: SceneOptions::default(),
            theme: style::Theme::Light,
            engine: None,
            timeout: Duration::from_secs(120),
            collapse: None,
        }
    }

    #[test]
    fn a_deep_chain_is_rolled_up_in_a_few_steps_never_nested_past_the_legible() {
        let dataset = with_chain(3000);
        let org = rollup_attempts(&dataset, &Diagram::Org, DiagramFormat::Svg, &options());
        assert!(
            !org.contains(&None),
            "nested 3,000 deep: not drawn as asked"
        );
        assert!(org.iter().flatten().all(|&d| d <= MOST_NESTED), "{org:?}");
        assert_eq!(org.last(), Some(&Some(0)), "down to one body per country");
        assert!(org.len() <= 12, "{org:?}");
        let network = rollup_attempts(&dataset, &Diagram::Network, DiagramFormat::Svg, &options());
        assert_eq!(
            network.first(),
            Some(&None),
            "the network is drawn as asked first"
        );
        // Each roll-up takes a quarter of the levels or of the bodies away: logarithmic in depth.
        assert!(network.len() <= 30, "{} attempts", network.len());
    }

    #[test]
    fn crowding_is_how_far_the_text_is_from_legible_at_the_narrowest_aspect() {
        let measured = |width: f64, height: f64, smallest_px: f64| readability::Readability {
            width,
            height,
            labels: 1,
            overlaps: Vec::new(),
            smallest_px,
            smallest_text: String::new(),
        };
        // 1:2 with 9 px text: just legible at the narrowest document aspect.
        let just = crowding(&measured(1000.0, 2000.0, 9.0), style::Theme::Light);
        assert!((just - 1.0).abs() < 1e-12, "{just}");
        // 500 × 4000 pt with 4.5 px text (its font 1.17 pt): rearranged to 1000 × 2000 pt, the
        // same area at 1:2, the text is 2.25 px, a quarter of the 9 px needed.
        let tall = crowding(&measured(500.0, 4000.0, 4.5), style::Theme::Light);
        assert!((tall - 4.0).abs() < 1e-12, "{tall}");
    }

    #[test]
    fn the_first_depth_predicted_to_fit_follows_the_larger_of_the_size_ratios() {
        // The 4 MB document's network: nodes and lines at full depth and three roll-ups.
        let sizes = [(234, 366), (233, 366), (188, 356), (60, 115)];
        assert_eq!(
            predicted_first_fit(Some(1.31), &sizes),
            3,
            "none fits: the last"
        );
        // 0.80 × √(233/234) = 0.798 ≤ 0.85.
        assert_eq!(predicted_first_fit(Some(0.80), &sizes), 1);
        // 0.87 × √(356/366) = 0.858 > 0.85; 0.87 × √(115/366) = 0.488.
        assert_eq!(predicted_first_fit(Some(0.87), &sizes), 3);
        assert_eq!(
            predicted_first_fit(None, &sizes),
            1,
            "not measured: in turn"
        );
    }

    /// The depth a scan of every depth in turn keeps: the first that fits, else the last.
    fn in_turn(fitting: &[bool]) -> usize {
        (1..fitting.len())
            .find(|&at| fitting[at])
            .unwrap_or(fitting.len() - 1)
    }

    #[test]
    fn the_walk_ends_where_trying_every_depth_in_turn_ends_and_measures_fewer() {
        // Every way the depths 1..=last can fit from some depth on, from every start.
        for last in 1..8 {
            for first_fit in 1..=last + 1 {
                let fitting: Vec<bool> = (0..=last).map(|at| at >= first_fit).collect();
                for start in 1..=last {
                    let mut measured = vec![false; last + 1];
                    // (Asked twice, a depth is measured once: the caller keeps it.)
                    walk(start, last, |at| {
                        measured[at] = true;
                        Some(fitting[at])
                    });
                    let kept = (1..=last)
                        .find(|&at| measured[at] && fitting[at])
                        .unwrap_or(last);
                    assert_eq!(kept, in_turn(&fitting), "{fitting:?} from {start}");
                    assert!(measured[kept], "{fitting:?} from {start}");
                    let count = measured.iter().filter(|&&m| m).count();
                    let apart = start.abs_diff(kept);
                    assert!(
                        count <= apart + 2,
                        "{count} measured: {fitting:?} from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn out_of_time_the_walk_stops() {
        let mut calls = 0;
        walk(1, 5, |_| {
            calls += 1;
            None
        });
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_shallow_organisation_tries_every_level_and_dot_output_is_never_rolled_up() {
        let dataset = with_chain(0);
        let attempts = rollup_attempts(&dataset, &Diagram::Org, DiagramFormat::Svg, &options());
        let deepest = collapse::depths(&dataset)
            .into_values()
            .max()
            .expect("bodies");
        assert_eq!(attempts[0], None);
        assert_eq!(attempts.last(), Some(&Some(0)));
        assert!(attempts.len() <= deepest + 1, "{attempts:?}");
        let dot = rollup_attempts(&dataset, &Diagram::Org, DiagramFormat::Dot, &options());
        assert_eq!(dot, vec![None]);
    }
}
