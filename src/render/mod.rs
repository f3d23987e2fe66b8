//! Rendering: diagrams as DOT (graphviz-rust), SVG/PNG through Graphviz, and an interactive
//! HTML view. User text is quoted by `crate::text::escape`.

pub mod dot;
pub mod graphviz;
pub mod html;
pub mod page_data;
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
}

/// A drawn view: its DOT source and, for SVG/PNG/HTML, the rendered bytes.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// The DOT source.
    pub dot: String,
    /// The rendered file (DOT itself for the DOT format).
    pub bytes: Vec<u8>,
    /// The engine used.
    pub engine: graphviz::Engine,
    /// Number of nodes drawn.
    pub nodes: usize,
    /// The dataset id of each drawn node: node `nK` of the DOT and SVG is `node_ids[K]`.
    pub node_ids: Vec<String>,
}

/// Builds the DOT of `view`; for SVG, PNG and HTML also runs Graphviz. On a Graphviz failure
/// the error comes with the DOT source so the caller can still write it.
pub fn draw(
    dataset: &Dataset,
    view: &scene::View,
    format: DiagramFormat,
    options: &DrawOptions,
) -> std::result::Result<Drawing, (crate::error::Error, Option<String>)> {
    let built: Result<scene::Scene> = scene::scene(dataset, view, &options.scene);
    let scene = built.map_err(|e| (e, None))?;
    // Slides get sfdp's compact force layout (measured on the bundled network: 17.9 × 16.9 in
    // against neato's 20.1 × 24.5 in), which reads larger on a 16:9 page than the long columns
    // of dot's layers; documents get dot's clusters by country.
    let engine = options.engine.unwrap_or_else(|| {
        if options.theme == style::Theme::Slide {
            graphviz::Engine::Sfdp
        } else {
            graphviz::Engine::for_size(scene.nodes.len())
        }
    });
    let mut layout = dot::Layout {
        clusters: engine == graphviz::Engine::Dot,
        pad: None,
        page: true,
    };
    if options.theme.palette().page.is_some() && format != DiagramFormat::Dot {
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
        dot: dot_text,
        bytes,
        engine,
        nodes: scene.nodes.len(),
        node_ids: scene.nodes.iter().map(|n| n.id.clone()).collect(),
    })
}
