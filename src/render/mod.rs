//! Rendering: diagrams as DOT (graphviz-rust), SVG/PNG through Graphviz, and an interactive
//! HTML view. User text is quoted by `crate::text::escape`.

pub mod changes;
pub mod columns;
pub mod dot;
pub mod graphviz;
pub mod html;
pub mod measure;
pub mod page_data;
pub mod precut;
pub mod scene;
pub mod style;

use crate::error::Result;
use crate::model::Dataset;
use std::time::Duration;

/// Padding (inches) that turns a drawing of the SVG's viewBox size into 16:9, plus a margin.
fn sixteen_nine_pad(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + 9;
    let end = start + svg[start..].find('"')?;
    let numbers: Vec<f64> = svg[start..end]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let (width, height) = (*numbers.get(2)?, *numbers.get(3)?);
    let margin = 0.3;
    let x = ((height * 16.0 / 9.0 - width) / 2.0 / 72.0).max(0.0) + margin;
    let y = ((width * 9.0 / 16.0 - height) / 2.0 / 72.0).max(0.0) + margin;
    Some((x, y))
}

/// The file formats a diagram can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    /// The file extension.
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
    pub engine: Option<graphviz::Engine>,
    /// Longest Graphviz may run.
    pub timeout: Duration,
    /// Roll the hierarchy up to this depth first (`--collapse`); `None` draws every body, except
    /// that an org chart, network or bodies view too crowded to pass the readability measures
    /// is rolled up as far as needed (and says so in its subtitle).
    pub collapse: Option<usize>,
}

/// A drawn view: its DOT source and, for SVG/PNG/HTML, the rendered bytes.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// The DOT source.
    pub dot: String,
    /// The DOT as built from the data at the asked depth of roll-up, before Graphviz measured
    /// its layout: the same text the DOT format writes.
    pub unmeasured: String,
    /// The rendered file (DOT itself for the DOT format).
    pub bytes: Vec<u8>,
    /// The engine used.
    pub engine: graphviz::Engine,
    /// Number of nodes drawn.
    pub nodes: usize,
    /// The dataset id of each drawn node: node `nK` of the DOT and SVG is `node_ids[K]`.
    pub node_ids: Vec<String>,
    /// The depth the hierarchy was rolled up to, if it was.
    pub collapse: Option<usize>,
    /// The readability of the layout, when it was measured (SVG, PNG and HTML with dot).
    pub readability: Option<measure::Readability>,
    /// Cut to its most central part (the subtitle says so).
    pub limited: bool,
}

/// The aspect ratio the column layouts aim at before measuring: landscape A4.
const TARGET_ASPECT: f64 = 1.414;

/// Builds the DOT of `view`; for SVG, PNG and HTML also runs Graphviz. On a Graphviz failure
/// the error comes with the DOT source so the caller can still write it.
pub fn draw(
    dataset: &Dataset,
    view: &scene::View,
    format: DiagramFormat,
    options: &DrawOptions,
) -> std::result::Result<Drawing, (crate::error::Error, Option<String>)> {
    let first = draw_rolled_up(dataset, view, format, options)?;
    match (&options.scene.limit, &first.readability) {
        (Some(limit), Some(measured)) if !measured.passes(options.theme) => {
            fit(dataset, view, format, options, limit, first)
        }
        _ => Ok(first),
    }
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

/// Draws `view` as a cut of `limit`, smaller and smaller (and for a view without nested trees
/// also laid out by sfdp, whose force layout stays compact where dot's columns of a dense cut
/// run tall) until a drawing passes the measures; else the drawing with the fewest failures,
/// the largest first. `first` is the drawing as asked (whole or cut by `limit` itself), which
/// fails; the DOT as first built stays the one hashed (`unmeasured`).
fn fit(
    dataset: &Dataset,
    view: &scene::View,
    format: DiagramFormat,
    options: &DrawOptions,
    limit: &scene::Limit,
    first: Drawing,
) -> std::result::Result<Drawing, (crate::error::Error, Option<String>)> {
    let engines: &[Option<graphviz::Engine>] =
        if options.engine.is_some() || matches!(view, scene::View::Org) {
            &[None]
        } else {
            &[None, Some(graphviz::Engine::Sfdp)]
        };
    let mut best = first;
    for share in CUT_SHARES {
        for &engine in engines {
            if share == 1.0 && engine.is_none() && best.limited {
                continue; // that is the first drawing
            }
            let attempt = DrawOptions {
                scene: scene::SceneOptions {
                    limit: Some(limit.scaled(share)),
                    ..options.scene.clone()
                },
                engine: engine.or(options.engine),
                ..options.clone()
            };
            let mut drawing = draw_once(dataset, view, format, &attempt, None)?;
            drawing.unmeasured.clone_from(&best.unmeasured);
            if failures(&drawing, options.theme) == 0 {
                return Ok(drawing);
            }
            if failures(&drawing, options.theme) < failures(&best, options.theme) {
                best = drawing;
            }
        }
    }
    Ok(best)
}

/// Draws `view` as asked; a whole organisation that fails the measures is rolled up.
fn draw_rolled_up(
    dataset: &Dataset,
    view: &scene::View,
    format: DiagramFormat,
    options: &DrawOptions,
) -> std::result::Result<Drawing, (crate::error::Error, Option<String>)> {
    // A view of the whole organisation (org chart, network, bodies) that fails the measures is
    // rolled up one level at a time, down to one body per country, until it passes.
    let mut attempts = vec![options.collapse];
    let whole = matches!(
        view,
        scene::View::Org | scene::View::Network | scene::View::Bodies
    );
    // A view cut to its most central part is already small: rolling it up too would only
    // multiply the Graphviz runs on a large dataset.
    let limited = options
        .scene
        .limit
        .as_ref()
        .is_some_and(|l| dataset.bodies.len() > l.above);
    if options.collapse.is_none() && whole && format != DiagramFormat::Dot && !limited {
        let deepest = crate::graph::collapse::depths(dataset)
            .values()
            .copied()
            .max()
            .unwrap_or(0);
        attempts.extend((0..deepest).rev().map(Some));
    }
    let last = attempts.len() - 1;
    let mut unmeasured = None;
    for (n, collapse) in attempts.into_iter().enumerate() {
        let mut drawing = draw_once(dataset, view, format, options, collapse)?;
        let first = unmeasured.get_or_insert_with(|| drawing.unmeasured.clone());
        drawing.unmeasured.clone_from(first);
        // Crowding is what a roll-up cures: overlapping or illegible labels, or a drawing too
        // tall for the page. A small drawing too wide for its title keeps every body.
        let crowded = drawing.readability.as_ref().is_some_and(|r| {
            !r.overlaps.is_empty()
                || !r.legible()
                || r.aspect() < measure::bounds(options.theme).min
        });
        if !crowded || n == last {
            return Ok(drawing);
        }
    }
    unreachable!("the last attempt returns")
}

/// The subtitle note of a roll-up.
fn rollup_note(rollup: &crate::graph::collapse::Rollup) -> String {
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

fn draw_once(
    dataset: &Dataset,
    view: &scene::View,
    format: DiagramFormat,
    options: &DrawOptions,
    collapse: Option<usize>,
) -> std::result::Result<Drawing, (crate::error::Error, Option<String>)> {
    let rollup = collapse.map(|depth| crate::graph::collapse::collapse(dataset, depth));
    let dataset = rollup.as_ref().map_or(dataset, |r| &r.dataset);
    let built: Result<scene::Scene> = scene::scene(dataset, view, &options.scene);
    let mut scene = built.map_err(|e| (e, None))?;
    if let Some(rollup) = &rollup {
        let note = rollup_note(rollup);
        scene.subtitle = if scene.subtitle.is_empty() {
            note
        } else {
            format!("{} · {note}", scene.subtitle)
        };
    }
    // Slides get sfdp's compact force layout (measured on the bundled network: 17.9 × 16.9 in
    // against neato's 20.1 × 24.5 in), which reads larger on a 16:9 page than the long columns
    // of dot's layers; documents get dot's clusters by country. The org chart is dot's: its
    // trees are ranks.
    let engine = options.engine.unwrap_or_else(|| {
        if scene.nested {
            graphviz::Engine::Dot
        } else if options.theme == style::Theme::Slide {
            graphviz::Engine::Sfdp
        } else {
            graphviz::Engine::for_size(scene.nodes.len())
        }
    });
    let mut layout = dot::Layout {
        clusters: engine == graphviz::Engine::Dot,
        pad: None,
        page: true,
        columns: 0,
        root_columns: 1,
        engine: Some(engine),
    };
    let mut readability = None;
    let render = format != DiagramFormat::Dot;
    let colours_order = |n: &scene::SceneNode| {
        n.group
            .as_ref()
            .and_then(|g| dataset.groups.iter().position(|x| &x.id == g))
            .unwrap_or(usize::MAX / 2)
    };
    if layout.clusters {
        let palette = options.theme.palette();
        let estimate = if scene.nested {
            columns::estimate_tie_columns(&scene, &colours_order, 1)
        } else {
            columns::estimate(&scene, palette.node_font, TARGET_ASPECT)
        };
        layout.columns = estimate;
    }
    let unmeasured = dot::print(dot::graph(&scene, dataset, options.theme, layout));
    if layout.clusters {
        let estimate = layout.columns;
        // A view cut to its most central part is drawn on a large dataset, where every
        // Graphviz run counts: it measures three candidates, wider than the estimate (measured
        // on the 10k dataset's cut views: the estimate alone came out portrait, 0.27-0.48:1),
        // instead of six or seven.
        // A cut org chart also deals its top-level bodies over one to three columns (each
        // with the tie columns its height calls for): one column of them ran 0.32:1 on the
        // 10k dataset.
        if render {
            let candidates: Vec<(usize, usize)> = if scene.limited && scene.nested {
                let ties = |roots| columns::estimate_tie_columns(&scene, &colours_order, roots);
                vec![(ties(1), 1), (ties(2), 2), (ties(3), 3), (ties(3) + 2, 3)]
            } else if scene.limited {
                vec![(estimate, 1), (estimate + 2, 1), (estimate + 4, 1)]
            } else if scene.nested {
                (estimate.saturating_sub(1).max(1)..=estimate + 3)
                    .map(|c| (c, 1))
                    .collect()
            } else {
                std::iter::once(0)
                    .chain(estimate.saturating_sub(2).max(1)..=estimate + 3)
                    .map(|c| (c, 1))
                    .collect()
            };
            if let Some(((columns, roots), measured)) =
                choose_columns(&scene, dataset, options, engine, layout, &candidates)
            {
                layout.columns = columns;
                layout.root_columns = roots;
                readability = Some(measured);
            }
        }
    }
    if options.theme.palette().page.is_some() && render {
        // A fixed 16:9 page: measure the natural drawing first, then pad it to 16:9 so that
        // scaling to the page neither distorts nor leaves it off-centre. (Graphviz 2.43 ignores
        // ratio=fill for neato.)
        let natural = dot::print(dot::graph(
            &scene,
            dataset,
            options.theme,
            dot::Layout {
                page: false,
                ..layout
            },
        ));
        if let Ok(svg) = graphviz::run(&natural, engine, graphviz::Output::Svg, options.timeout) {
            layout.pad = sixteen_nine_pad(&String::from_utf8_lossy(&svg));
        }
    }
    let dot_text = dot::print(dot::graph(&scene, dataset, options.theme, layout));
    if render && (readability.is_some() || layout.pad.is_some()) {
        // The figures of what is written (the slide's padding changes them): a cut view that
        // fails them is cut further.
        readability = graphviz::run(&dot_text, engine, graphviz::Output::Json, options.timeout)
            .ok()
            .and_then(|json| measure::measure(&json).ok());
    }
    let rendered = |output| {
        graphviz::run(&dot_text, engine, output, options.timeout)
            .map_err(|e| (e, Some(dot_text.clone())))
    };
    let bytes = match format {
        DiagramFormat::Dot => dot_text.clone().into_bytes(),
        DiagramFormat::Svg => rendered(graphviz::Output::Svg)?,
        DiagramFormat::Png => rendered(graphviz::Output::Png(
            options.theme.palette().page.map(|(_, dpi)| dpi),
        ))?,
        DiagramFormat::Html => {
            let svg = rendered(graphviz::Output::Svg)?;
            html::page(&scene, dataset, &String::from_utf8_lossy(&svg)).into_bytes()
        }
    };
    Ok(Drawing {
        unmeasured,
        dot: dot_text,
        bytes,
        engine,
        nodes: scene.nodes.len(),
        node_ids: scene.nodes.iter().map(|n| n.id.clone()).collect(),
        collapse,
        readability,
        limited: scene.limited,
    })
}

/// Lays the scene out with each candidate number of columns (and of the org chart's root
/// columns) and keeps the best by measure: among the layouts that pass all three measures (for
/// slides, before padding to 16:9: the document bounds), the one whose smallest text is
/// largest on a landscape page; when none passes, the one with the fewest failures. A cut
/// slide is judged by its text once padded to 16:9 instead: a portrait drawing passes the
/// document bounds but shrinks to a third on a slide. `None` when Graphviz cannot run.
fn choose_columns(
    scene: &scene::Scene,
    dataset: &Dataset,
    options: &DrawOptions,
    engine: graphviz::Engine,
    layout: dot::Layout,
    candidates: &[(usize, usize)],
) -> Option<((usize, usize), measure::Readability)> {
    let bounds_theme = match options.theme {
        style::Theme::Slide => style::Theme::Light,
        other => other,
    };
    let on_slide = scene.limited && options.theme == style::Theme::Slide;
    let score = |r: &measure::Readability| {
        if on_slide {
            measure::slide_px(r)
        } else {
            r.printed_points()
        }
    };
    let mut best: Option<((usize, usize), usize, measure::Readability)> = None;
    for &(columns, root_columns) in candidates {
        let text = dot::print(dot::graph(
            scene,
            dataset,
            options.theme,
            dot::Layout {
                columns,
                root_columns,
                page: false,
                ..layout
            },
        ));
        let Ok(json) = graphviz::run(&text, engine, graphviz::Output::Json, options.timeout) else {
            continue;
        };
        let Ok(measured) = measure::measure(&json) else {
            continue;
        };
        let failures = if on_slide {
            usize::from(!measured.overlaps.is_empty())
                + usize::from(measure::slide_px(&measured) < measure::MIN_TEXT_PX)
        } else {
            usize::from(!measured.overlaps.is_empty())
                + usize::from(!measured.aspect_ok(bounds_theme))
                + usize::from(!measured.legible())
        };
        let better = match &best {
            None => true,
            Some((_, f, b)) => failures < *f || (failures == *f && score(&measured) > score(b)),
        };
        if better {
            best = Some(((columns, root_columns), failures, measured));
        }
    }
    best.map(|(chosen, _, measured)| (chosen, measured))
}
