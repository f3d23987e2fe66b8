//! Laying a scene out: the engine chosen by size and theme, and for dot the number of columns
//! chosen by measuring candidates with Graphviz; for a slide, the padding that brings the
//! drawing to 16:9. What comes out is the DOT to render and its measured readability.

use super::readability::{self, Readability};
use super::runner::{self, Deadline, Engine, Output};
use super::{columns, dot};
use crate::model::Dataset;
use crate::render::scene::{Scene, SceneNode};
use crate::render::style::Theme;
use rayon::prelude::*;

/// The aspect ratio the column layouts aim at before measuring: landscape A4.
const TARGET_ASPECT: f64 = 1.414;

/// What a layout is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Ask {
    /// The theme.
    pub theme: Theme,
    /// The layout engine; chosen by size and theme when `None`.
    pub engine: Option<Engine>,
    /// When the whole drawing must be done: each Graphviz run gets what is left of it.
    pub deadline: Deadline,
    /// The drawing is rendered (not only written as DOT): columns are chosen by measuring, and
    /// a slide is padded to 16:9.
    pub render: bool,
}

/// A scene laid out.
#[derive(Debug, Clone)]
pub struct Laid {
    /// The DOT to render.
    pub dot: String,
    /// The DOT as built before Graphviz measured its layout (the estimated columns, no padding).
    pub unmeasured: String,
    /// The engine used.
    pub engine: Engine,
    /// The readability of what is rendered, when it was measured.
    pub readability: Option<Readability>,
    /// The SVG of `dot`, when the run that measured it drew it too.
    pub svg: Option<Vec<u8>>,
}

/// Lays `scene` out as `ask` says.
pub fn lay_out(scene: &Scene, dataset: &Dataset, ask: Ask) -> Laid {
    let engine = ask.engine.unwrap_or_else(|| engine_for(scene, ask.theme));
    let mut layout = dot::Layout {
        clusters: engine == Engine::Dot,
        pad: None,
        page: true,
        columns: 0,
        root_columns: 1,
        engine: Some(engine),
    };
    let group_order = group_order(dataset);
    if layout.clusters {
        layout.columns = if scene.nested {
            columns::estimate_tie_columns(scene, &group_order, 1)
        } else {
            columns::estimate(scene, ask.theme.palette().node_font, TARGET_ASPECT)
        };
    }
    let unmeasured = dot::print(dot::graph(scene, dataset, ask.theme, layout));
    let mut readability = None;
    let mut measured_dot = None;
    let mut natural_svg = None;
    if layout.clusters && ask.render {
        let candidates = candidates(scene, &group_order, layout.columns);
        if let Some(chosen) = choose_columns(scene, dataset, ask, engine, layout, &candidates) {
            layout.columns = chosen.columns;
            layout.root_columns = chosen.root_columns;
            readability = Some(chosen.measured);
            measured_dot = Some(chosen.dot);
            natural_svg = chosen.svg;
        }
    }
    if ask.theme.palette().page.is_some() && ask.render {
        // The chosen candidate was drawn as SVG by the run that measured it: its viewBox is
        // the natural drawing's, padded here without laying it out again.
        layout.pad = match natural_svg {
            Some(svg) => sixteen_nine_pad(&String::from_utf8_lossy(&svg)),
            None => slide_pad(scene, dataset, ask, engine, layout),
        };
    }
    let dot_text = dot::print(dot::graph(scene, dataset, ask.theme, layout));
    let mut svg = None;
    let measured_as_written = measured_dot.as_deref() == Some(dot_text.as_str());
    if ask.render && (readability.is_some() || layout.pad.is_some()) && !measured_as_written {
        // The figures of what is written (the slide's padding changes them): a cut view that
        // fails them is cut further. The same layout draws the SVG, which a drawing that
        // passes needs anyway. (A page without padding or a fixed size is written as its
        // candidate was measured: nothing to lay out again.)
        let both = runner::run_all_within(
            &dot_text,
            engine,
            &[Output::Json, Output::Svg],
            &ask.deadline.for_measuring(),
        )
        .ok();
        readability = both
            .as_ref()
            .and_then(|both| readability::measure(&both[0]).ok());
        svg = both.and_then(|mut both| both.pop());
    }
    Laid {
        dot: dot_text,
        unmeasured,
        engine,
        readability,
        svg,
    }
}

/// The candidate layout [`choose_columns`] keeps: its columns, its DOT and its figures, and
/// for a slide its SVG (the natural drawing the 16:9 padding is computed from).
struct Chosen {
    columns: usize,
    root_columns: usize,
    dot: String,
    measured: Readability,
    svg: Option<Vec<u8>>,
}

/// A candidate as measured: its figures and, when asked for, its SVG from the same run.
type Measured = (Readability, Option<Vec<u8>>);

/// The engine for a scene when none is asked for. Slides get sfdp's compact force layout
/// (measured on the bundled network: 17.9 × 16.9 in against neato's 20.1 × 24.5 in), which
/// reads larger on a 16:9 page than the long columns of dot's layers; documents get dot's
/// clusters by country. The org chart is dot's: its trees are ranks.
fn engine_for(scene: &Scene, theme: Theme) -> Engine {
    if scene.nested {
        Engine::Dot
    } else if theme == Theme::Slide {
        Engine::Sfdp
    } else {
        Engine::for_size(scene.nodes.len())
    }
}

/// A node's group's place among the dataset's groups (the order of their colours); nodes
/// without a group last.
fn group_order(dataset: &Dataset) -> impl Fn(&SceneNode) -> usize + '_ {
    |n: &SceneNode| {
        n.group
            .as_ref()
            .and_then(|g| dataset.groups.iter().position(|x| &x.id == g))
            .unwrap_or(usize::MAX / 2)
    }
}

/// The (columns, root columns) to measure around the `estimate`.
/// A view cut to its most central part is drawn on a large dataset, where every Graphviz run
/// counts: it measures three candidates, wider than the estimate (measured on the 10k
/// dataset's cut views: the estimate alone came out portrait, 0.27-0.48:1), instead of six or
/// seven. A cut org chart also deals its top-level bodies over one to three columns (each with
/// the tie columns its height calls for): one column of them ran 0.32:1 on the 10k dataset.
fn candidates(
    scene: &Scene,
    group_order: &dyn Fn(&SceneNode) -> usize,
    estimate: usize,
) -> Vec<(usize, usize)> {
    if deals_top_level(scene) {
        let ties = |roots| columns::estimate_tie_columns(scene, group_order, roots);
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
    }
}

/// An org chart that deals its top-level bodies over one to three columns: a cut one, or one of
/// more than [`MANY_TOP_LEVEL`] of them.
fn deals_top_level(scene: &Scene) -> bool {
    scene.nested && (scene.limited || top_level(scene) > MANY_TOP_LEVEL)
}

/// Top-level bodies above which an org chart deals them over several columns, as a cut one does:
/// `render org --top 60` on a 10,000-participant mechanism is 60 top-level bodies, one column of
/// them 0.33:1.
const MANY_TOP_LEVEL: usize = 20;

/// The bodies of an org chart whose container is not drawn (its roots).
fn top_level(scene: &Scene) -> usize {
    let drawn: std::collections::HashSet<&str> =
        scene.nodes.iter().map(|n| n.id.as_str()).collect();
    scene
        .nodes
        .iter()
        .filter(|n| n.kind == crate::graph::NodeKind::Body)
        .filter(|n| n.container.as_deref().is_none_or(|c| !drawn.contains(c)))
        .count()
}

/// A fixed 16:9 page: measure the natural drawing first, then pad it to 16:9 so that scaling
/// to the page neither distorts nor leaves it off-centre. (Graphviz 2.43 ignores ratio=fill for
/// neato.) `None` when Graphviz cannot run.
fn slide_pad(
    scene: &Scene,
    dataset: &Dataset,
    ask: Ask,
    engine: Engine,
    layout: dot::Layout,
) -> Option<(f64, f64)> {
    let natural = dot::print(dot::graph(
        scene,
        dataset,
        ask.theme,
        dot::Layout {
            page: false,
            ..layout
        },
    ));
    let svg =
        runner::run_within(&natural, engine, Output::Svg, &ask.deadline.for_measuring()).ok()?;
    sixteen_nine_pad(&String::from_utf8_lossy(&svg))
}

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

/// Lays the scene out with each candidate number of columns (and of the org chart's root
/// columns) and keeps the best by measure: among the layouts that pass all three measures (for
/// slides, before padding to 16:9: the document bounds), the one whose smallest text is
/// largest on a landscape page; when none passes, the one with the fewest failures. A cut
/// slide is judged by its text once padded to 16:9 instead: a portrait drawing passes the
/// document bounds but shrinks to a third on a slide. An org chart dealing its top-level bodies
/// over columns, not on a slide, stops at the first candidate that passes. `None` when
/// Graphviz cannot run.
fn choose_columns(
    scene: &Scene,
    dataset: &Dataset,
    ask: Ask,
    engine: Engine,
    layout: dot::Layout,
    candidates: &[(usize, usize)],
) -> Option<Chosen> {
    let bounds_theme = match ask.theme {
        Theme::Slide => Theme::Light,
        other => other,
    };
    let on_slide = scene.limited && ask.theme == Theme::Slide;
    let score = |r: &Readability| {
        if on_slide {
            readability::slide_px(r)
        } else {
            r.printed_points()
        }
    };
    // Not on a slide: there the first that passes can be a narrow column in a wide page
    // (measured on the 5,000-deep chain: 979 pt wide where the best used 2,055).
    let first_that_passes = deals_top_level(scene) && ask.theme != Theme::Slide;
    let texts: Vec<String> = candidates
        .iter()
        .map(|&(columns, root_columns)| {
            dot::print(dot::graph(
                scene,
                dataset,
                ask.theme,
                dot::Layout {
                    columns,
                    root_columns,
                    page: false,
                    ..layout
                },
            ))
        })
        .collect();
    // Column counts past what a view can use give the same DOT (on the 4 MB document's areas
    // up to four of seven did): each text is measured once. A repeat cannot be better than
    // its first, which is kept.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<usize> = (0..texts.len())
        .filter(|&at| seen.insert(texts[at].as_str()))
        .collect();
    // A slide is padded to 16:9 from its natural drawing's SVG: each candidate's run draws it
    // too (about a tenth of a run's time), so the one chosen is not laid out again for it.
    let outputs: &[Output] = if ask.theme.palette().page.is_some() {
        &[Output::Json, Output::Svg]
    } else {
        &[Output::Json]
    };
    let measure = |at: usize| -> Option<Measured> {
        let mut drawn =
            runner::run_all_within(&texts[at], engine, outputs, &ask.deadline.for_measuring())
                .ok()?
                .into_iter();
        let measured = readability::measure(&drawn.next()?).ok()?;
        Some((measured, drawn.next()))
    };
    // Measured side by side, where every candidate is measured anyway: on a core left idle
    // by the other diagrams, a view's seven candidates are the report's longest wait.
    let measured: Vec<Option<Measured>> = if first_that_passes {
        Vec::new()
    } else {
        unique
            .par_iter()
            .map(|&at| {
                // Out of time: the best measured so far (or the estimate) is drawn.
                if ask.deadline.for_measuring().passed() {
                    return None;
                }
                measure(at)
            })
            .collect()
    };
    let mut best: Option<(Chosen, usize)> = None;
    for (n, &at) in unique.iter().enumerate() {
        let measured = if first_that_passes {
            // Out of time: the best measured so far (or the estimate) is drawn.
            if ask.deadline.for_measuring().passed() {
                break;
            }
            measure(at)
        } else {
            measured[n].clone()
        };
        let Some((measured, svg)) = measured else {
            continue;
        };
        let failures = if on_slide {
            usize::from(!measured.overlaps.is_empty())
                + usize::from(readability::slide_px(&measured) < readability::MIN_TEXT_PX)
        } else {
            usize::from(!measured.overlaps.is_empty())
                + usize::from(!measured.aspect_ok(bounds_theme))
                + usize::from(!measured.legible())
        };
        let better = match &best {
            None => true,
            Some((b, f)) => {
                failures < *f || (failures == *f && score(&measured) > score(&b.measured))
            }
        };
        if better {
            let (columns, root_columns) = candidates[at];
            let chosen = Chosen {
                columns,
                root_columns,
                dot: texts[at].clone(),
                measured,
                svg,
            };
            best = Some((chosen, failures));
        }
        // An org chart dealing its top-level bodies over columns (not on a slide) keeps the
        // first candidate that passes every measure: each further column of them costs
        // Graphviz more (on the 10,000-participant mechanism the cut chart's four took 0.2,
        // 0.6, 2.4 and 3.0 s, and the second, which passed, was kept all the same). The
        // choice depends on the measures only, never on time. Other views measure every
        // candidate for the largest text.
        if failures == 0 && first_that_passes {
            break;
        }
    }
    best.map(|(chosen, _)| chosen)
}
