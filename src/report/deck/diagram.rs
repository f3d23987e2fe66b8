//! A diagram as PowerPoint shapes, at the positions Graphviz laid out (its `-Tjson` output of the
//! same DOT the SVG and PNG are drawn from): nodes as shapes holding their labels, ties as
//! freeform lines along Graphviz's splines, clusters as boxes, the legend as shapes — one group
//! per diagram. Colours of the groups and kinds (the Okabe–Ito palette of the pictures) become
//! the theme's accent colours, so a template recolours them and a user can recolour a country.

use super::{fit, DeckError, Rect, EMU_PER_PT};
use crate::render::style::OKABE_ITO;
use crate::text::escape::slide_text;
use serde_json::Value;

/// A colour: one of the theme's, or fixed.
#[derive(Debug, Clone, PartialEq)]
pub enum Colour {
    /// A theme colour ("accent1", "tx1", "bg1").
    Theme(&'static str),
    /// A fixed colour, "RRGGBB".
    Rgb(String),
}

/// The theme colour standing for a colour of the pictures' palette.
pub fn colour_of(hex: &str) -> Colour {
    let hex = hex.trim_start_matches('#').to_ascii_uppercase();
    const ACCENTS: [&str; 6] = [
        "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    ];
    if let Some(i) = OKABE_ITO
        .iter()
        .take(6)
        .position(|c| c.trim_start_matches('#') == hex)
    {
        return Colour::Theme(ACCENTS[i]);
    }
    match hex.as_str() {
        "FFFFFF" => Colour::Theme("bg1"),
        "111111" | "222222" | "000000" => Colour::Theme("tx1"),
        _ if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) => Colour::Rgb(hex),
        _ => Colour::Theme("tx1"),
    }
}

fn fill_xml(colour: &Colour) -> String {
    match colour {
        Colour::Theme(name) => format!("<a:solidFill><a:schemeClr val=\"{name}\"/></a:solidFill>"),
        Colour::Rgb(hex) => format!("<a:solidFill><a:srgbClr val=\"{hex}\"/></a:solidFill>"),
    }
}

/// A node's outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A box.
    Box,
    /// A box with rounded corners.
    Rounded,
    /// An ellipse or circle (mechanisms).
    Ellipse,
    /// A hexagon (forums).
    Hexagon,
}

impl Shape {
    fn preset(self) -> &'static str {
        match self {
            Shape::Box => "rect",
            Shape::Rounded => "roundRect",
            Shape::Ellipse => "ellipse",
            Shape::Hexagon => "hexagon",
        }
    }
}

/// A node as Graphviz placed it (points, y up, centre).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Graphviz's node name ("n0").
    pub name: String,
    /// Its label (lines).
    pub label: Vec<String>,
    /// Its tooltip (the full name and kind), kept as the shape's description.
    pub tooltip: String,
    /// Centre.
    pub at: (f64, f64),
    /// Width and height.
    pub size: (f64, f64),
    /// Outline.
    pub shape: Shape,
    /// Fill.
    pub fill: Colour,
    /// Text colour.
    pub text: Colour,
    /// Font size (points, in the layout's scale).
    pub font: f64,
}

/// A tie: Graphviz's spline (a start point, then three points per cubic Bézier segment).
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// The nodes it joins (Graphviz names).
    pub ends: (String, String),
    /// The spline's points.
    pub points: Vec<(f64, f64)>,
    /// Line width (points).
    pub width: f64,
    /// Dashed (an implied tie).
    pub dashed: bool,
    /// Its label and where Graphviz put it, with the font size.
    pub label: Option<(String, (f64, f64), f64)>,
}

/// A cluster box (the org chart's governments).
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Its label and where Graphviz put it.
    pub label: Option<(String, (f64, f64))>,
    /// Corners (x0, y0, x1, y1).
    pub bounds: (f64, f64, f64, f64),
}

/// One legend entry: a swatch of a colour and shape, and what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// The swatch's shape.
    pub shape: Shape,
    /// The swatch's colour.
    pub colour: Colour,
    /// What it stands for.
    pub text: String,
}

/// A laid-out diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// Its name in the bundle ("network-deck").
    pub name: String,
    /// Clusters, drawn first.
    pub clusters: Vec<Cluster>,
    /// Ties, drawn under the nodes.
    pub ties: Vec<Tie>,
    /// Nodes.
    pub nodes: Vec<Node>,
    /// The legend.
    pub legend: Vec<LegendItem>,
}

fn number(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// A node or edge Graphviz lays out but does not draw (`style=invis`).
fn invisible(v: &Value) -> bool {
    text(v, "style").is_some_and(|s| s.contains("invis"))
}

fn point(s: &str) -> Option<(f64, f64)> {
    let (x, y) = s.split_once(',')?;
    Some((
        x.trim().parse().ok()?,
        y.trim().trim_end_matches('!').parse().ok()?,
    ))
}

/// A DOT label's lines: `\n`, `\l` and `\r` end lines; an HTML-like label loses its tags.
pub fn label_lines(label: &str, name: &str) -> Vec<String> {
    if label.starts_with('<') && label.ends_with('>') {
        let mut plain = String::new();
        let mut in_tag = false;
        for c in label.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        return vec![decode_html(&plain)];
    }
    let mut lines = vec![String::new()];
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        match (c, escaped) {
            ('\\', Some('n' | 'l' | 'r')) => lines.push(String::new()),
            ('\\', Some('N')) => lines.last_mut().into_iter().for_each(|l| l.push_str(name)),
            ('\\', Some(other)) => lines.last_mut().into_iter().for_each(|l| l.push(other)),
            ('\\', None) => {}
            (c, _) => lines.last_mut().into_iter().for_each(|l| l.push(c)),
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn decode_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Reads Graphviz's `-Tjson` layout of diagram `name`.
pub fn from_json(name: &str, json: &[u8], legend: Vec<LegendItem>) -> Result<Diagram, DeckError> {
    let bad = |problem: String| DeckError::Layout {
        name: name.to_string(),
        problem,
    };
    let root: Value = serde_json::from_slice(json).map_err(|e| bad(e.to_string()))?;
    let (names, nodes, clusters) = nodes_and_clusters(&root);
    let ties = ties(&root, &names);
    Ok(Diagram {
        name: name.to_string(),
        clusters,
        ties,
        nodes,
        legend,
    })
}

/// The layout's objects: every Graphviz name (by index, as edges refer to them), the drawn
/// nodes and the cluster boxes.
fn nodes_and_clusters(root: &Value) -> (Vec<String>, Vec<Node>, Vec<Cluster>) {
    let mut nodes = Vec::new();
    let mut clusters = Vec::new();
    let mut names = Vec::new();
    for o in root
        .get("objects")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let gv_name = text(o, "name").unwrap_or_default();
        names.push(gv_name.clone());
        // The org chart's column anchors and their chain are layout scaffolding, not drawing.
        if invisible(o) {
            continue;
        }
        if let Some(at) = o.get("pos").and_then(Value::as_str).and_then(point) {
            let shape = match text(o, "shape").as_deref() {
                Some("ellipse" | "circle" | "point" | "oval" | "doublecircle") => Shape::Ellipse,
                Some("hexagon" | "polygon" | "octagon") => Shape::Hexagon,
                _ if text(o, "style").is_some_and(|s| s.contains("rounded")) => Shape::Rounded,
                _ => Shape::Box,
            };
            let width = number(o, "width").unwrap_or(0.5) * 72.0;
            let height = number(o, "height").unwrap_or(0.3) * 72.0;
            nodes.push(Node {
                label: label_lines(&text(o, "label").unwrap_or_default(), &gv_name),
                tooltip: text(o, "tooltip").unwrap_or_default(),
                name: gv_name,
                at,
                size: (width, height),
                shape,
                fill: colour_of(&text(o, "fillcolor").unwrap_or_else(|| "#FFFFFF".into())),
                text: colour_of(&text(o, "fontcolor").unwrap_or_else(|| "#111111".into())),
                font: number(o, "fontsize").unwrap_or(14.0),
            });
        } else if gv_name.starts_with("cluster") {
            let bounds = text(o, "bb").and_then(|bb| {
                let v: Vec<f64> = bb.split(',').filter_map(|x| x.parse().ok()).collect();
                (v.len() == 4).then(|| (v[0], v[1], v[2], v[3]))
            });
            if let Some(bounds) = bounds {
                let label = text(o, "label")
                    .zip(o.get("lp").and_then(Value::as_str).and_then(point))
                    .map(|(l, at)| (label_lines(&l, &gv_name).join(" "), at));
                clusters.push(Cluster { label, bounds });
            }
        }
    }
    (names, nodes, clusters)
}

/// The layout's drawn edges, their ends by Graphviz name.
fn ties(root: &Value, names: &[String]) -> Vec<Tie> {
    let mut ties = Vec::new();
    for e in root
        .get("edges")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let end = |key: &str| {
            e.get(key)
                .and_then(Value::as_u64)
                .and_then(|i| names.get(i as usize).cloned())
                .unwrap_or_default()
        };
        if invisible(e) {
            continue;
        }
        let points: Vec<(f64, f64)> = text(e, "pos")
            .unwrap_or_default()
            .split_whitespace()
            .filter(|t| !t.starts_with("e,") && !t.starts_with("s,"))
            .filter_map(point)
            .collect();
        if points.len() < 2 {
            continue;
        }
        let label = text(e, "label")
            .filter(|l| !l.is_empty())
            .zip(e.get("lp").and_then(Value::as_str).and_then(point))
            .map(|(l, at)| {
                (
                    label_lines(&l, "").join(" "),
                    at,
                    number(e, "fontsize").unwrap_or(14.0),
                )
            });
        ties.push(Tie {
            ends: (end("tail"), end("head")),
            points,
            width: number(e, "penwidth").unwrap_or(1.0),
            dashed: text(e, "style").is_some_and(|s| s.contains("dash")),
            label,
        });
    }
    ties
}

/// The smallest box holding every node, tie and cluster (points, y up).
fn bounds(d: &Diagram) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut add = |x: f64, y: f64| {
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    };
    for n in &d.nodes {
        add(n.at.0 - n.size.0 / 2.0, n.at.1 - n.size.1 / 2.0);
        add(n.at.0 + n.size.0 / 2.0, n.at.1 + n.size.1 / 2.0);
    }
    for t in &d.ties {
        t.points.iter().for_each(|p| add(p.0, p.1));
    }
    for c in &d.clusters {
        add(c.bounds.0, c.bounds.1);
        add(c.bounds.2, c.bounds.3);
    }
    if b.0 > b.2 {
        return (0.0, 0.0, 1.0, 1.0);
    }
    b
}

/// Where the layout lands on the slide: EMU per layout point and the slide position of a point.
struct Frame {
    scale: f64,
    left: f64,
    top: f64,
    x0: f64,
    y1: f64,
}

impl Frame {
    fn place(&self, (x, y): (f64, f64)) -> (i64, i64) {
        (
            (self.left + (x - self.x0) * self.scale).round() as i64,
            (self.top + (self.y1 - y) * self.scale).round() as i64,
        )
    }

    /// Points on the slide per layout point.
    fn points(&self) -> f64 {
        self.scale / EMU_PER_PT as f64
    }
}

/// Height of the legend strip under a diagram (points).
const LEGEND_HEIGHT: f64 = 26.0;
/// Legend text size.
const LEGEND_SIZE: f64 = 14.0;

/// How far the layout is scaled to fit `area` (slide points per layout point) — the deck's
/// node text is the layout's font size times this.
pub fn scale_in(d: &Diagram, area: Rect) -> f64 {
    frame(d, area).points()
}

/// The size of the smallest text of the diagram (node and tie labels) once fitted into `area`,
/// in slide points; infinite when nothing is labelled.
pub fn smallest_text(d: &Diagram, area: Rect) -> f64 {
    let node_fonts = d
        .nodes
        .iter()
        .filter(|n| n.label.iter().any(|line| !line.is_empty()))
        .map(|n| n.font);
    let tie_fonts = d.ties.iter().filter_map(|t| t.label.as_ref()).map(|l| l.2);
    let smallest = node_fonts.chain(tie_fonts).fold(f64::INFINITY, f64::min);
    smallest * scale_in(d, area)
}

fn frame(d: &Diagram, area: Rect) -> Frame {
    let (x0, y0, x1, y1) = bounds(d);
    let legend = if d.legend.is_empty() {
        0.0
    } else {
        LEGEND_HEIGHT * EMU_PER_PT as f64
    };
    let (w, h) = (area.w as f64, area.h as f64 - legend);
    let scale = (w / (x1 - x0).max(1.0)).min(h / (y1 - y0).max(1.0));
    Frame {
        scale,
        left: area.x as f64 + (w - (x1 - x0) * scale) / 2.0,
        top: area.y as f64 + (h - (y1 - y0) * scale) / 2.0,
        x0,
        y1,
    }
}

fn sz(points: f64) -> i64 {
    ((points * 2.0).round() / 2.0 * 100.0).max(100.0) as i64
}

fn sp(
    id: u32,
    name: &str,
    descr: &str,
    rect: (i64, i64, i64, i64),
    [geometry, fill, line]: [&str; 3],
    body: &str,
) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{}\" descr=\"{}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>{geometry}{fill}{line}</p:spPr>{body}</p:sp>",
        slide_text(name),
        slide_text(&fit::shorten(descr, 300)),
        rect.0,
        rect.1,
        rect.2.max(1),
        rect.3.max(1)
    )
}

fn preset(name: &str) -> String {
    format!("<a:prstGeom prst=\"{name}\"><a:avLst/></a:prstGeom>")
}

fn text_body(lines: &[String], size: f64, colour: &Colour) -> String {
    let paragraphs: String = lines
        .iter()
        .map(|line| {
            format!(
                "<a:p><a:pPr algn=\"ctr\"/><a:r><a:rPr lang=\"en-GB\" sz=\"{}\" dirty=\"0\">{}</a:rPr><a:t>{}</a:t></a:r></a:p>",
                sz(size),
                fill_xml(colour),
                slide_text(line)
            )
        })
        .collect();
    format!("<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"ctr\"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody>")
}

/// Grey lines in the theme's text colour, lightened.
const TIE_COLOUR: &str =
    "<a:solidFill><a:schemeClr val=\"tx1\"><a:lumMod val=\"50000\"/><a:lumOff val=\"50000\"/></a:schemeClr></a:solidFill>";

fn tie_xml(t: &Tie, f: &Frame, id: u32) -> String {
    let placed: Vec<(i64, i64)> = t.points.iter().map(|p| f.place(*p)).collect();
    let (min_x, min_y) = placed
        .iter()
        .fold((i64::MAX, i64::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
    let (max_x, max_y) = placed
        .iter()
        .fold((i64::MIN, i64::MIN), |m, p| (m.0.max(p.0), m.1.max(p.1)));
    let (w, h) = ((max_x - min_x).max(1), (max_y - min_y).max(1));
    let pt = |p: &(i64, i64)| format!("<a:pt x=\"{}\" y=\"{}\"/>", p.0 - min_x, p.1 - min_y);
    let mut path = format!("<a:moveTo>{}</a:moveTo>", pt(&placed[0]));
    let rest = &placed[1..];
    if rest.len().is_multiple_of(3) {
        for c in rest.chunks(3) {
            path.push_str(&format!(
                "<a:cubicBezTo>{}{}{}</a:cubicBezTo>",
                pt(&c[0]),
                pt(&c[1]),
                pt(&c[2])
            ));
        }
    } else {
        for p in rest {
            path.push_str(&format!("<a:lnTo>{}</a:lnTo>", pt(p)));
        }
    }
    let geometry = format!(
        "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l=\"0\" t=\"0\" r=\"r\" b=\"b\"/><a:pathLst><a:path w=\"{w}\" h=\"{h}\" fill=\"none\">{path}</a:path></a:pathLst></a:custGeom><a:noFill/>"
    );
    let width = (t.width * f.scale).max(9525.0).round() as i64;
    let dash = if t.dashed {
        "<a:prstDash val=\"dash\"/>"
    } else {
        ""
    };
    let line = format!("<a:ln w=\"{width}\">{TIE_COLOUR}{dash}</a:ln>");
    sp(
        id,
        &format!("tie {} – {}", t.ends.0, t.ends.1),
        "",
        (min_x, min_y, w, h),
        [&geometry, "", &line],
        "",
    )
}

fn label_xml(text: &str, at: (f64, f64), font: f64, f: &Frame, id: u32, name: &str) -> String {
    let size = font * f.points();
    let w = fit::width(text, size) + 4.0;
    let h = fit::line_height(size);
    let (x, y) = f.place(at);
    let (we, he) = (
        (w * EMU_PER_PT as f64) as i64,
        (h * EMU_PER_PT as f64) as i64,
    );
    sp(
        id,
        name,
        "",
        (x - we / 2, y - he / 2, we, he),
        [&preset("rect"), "<a:noFill/>", "<a:ln><a:noFill/></a:ln>"],
        &text_body(&[text.to_string()], size, &Colour::Theme("tx1")),
    )
}

fn legend_xml(d: &Diagram, area: Rect, next: &mut u32) -> String {
    let y = area.y + area.h - (LEGEND_HEIGHT * EMU_PER_PT as f64) as i64;
    let swatch = (14.0 * EMU_PER_PT as f64) as i64;
    let mut x = area.x;
    let mut shapes = String::new();
    for item in &d.legend {
        let text_w = ((fit::width(&item.text, LEGEND_SIZE) + 8.0) * EMU_PER_PT as f64) as i64;
        if x + swatch + text_w > area.x + area.w {
            break;
        }
        *next += 1;
        shapes.push_str(&sp(
            *next,
            &format!("legend swatch {}", item.text),
            "",
            (
                x,
                y + (LEGEND_HEIGHT * EMU_PER_PT as f64) as i64 / 2 - swatch / 2,
                swatch,
                swatch,
            ),
            [
                &preset(item.shape.preset()),
                &fill_xml(&item.colour),
                "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:ln>",
            ],
            "",
        ));
        *next += 1;
        let body = format!(
            "<p:txBody><a:bodyPr wrap=\"none\" lIns=\"45720\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"ctr\"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-GB\" sz=\"{}\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p></p:txBody>",
            sz(LEGEND_SIZE),
            slide_text(&item.text)
        );
        shapes.push_str(&sp(
            *next,
            &format!("legend {}", item.text),
            "",
            (
                x + swatch,
                y,
                text_w,
                (LEGEND_HEIGHT * EMU_PER_PT as f64) as i64,
            ),
            [&preset("rect"), "<a:noFill/>", "<a:ln><a:noFill/></a:ln>"],
            &body,
        ));
        x += swatch + text_w + (12.0 * EMU_PER_PT as f64) as i64;
    }
    if shapes.is_empty() {
        return String::new();
    }
    *next += 1;
    let ext = format!(
        "<a:off x=\"{}\" y=\"{y}\"/><a:ext cx=\"{}\" cy=\"{}\"/>",
        area.x,
        (x - area.x).max(1),
        (LEGEND_HEIGHT * EMU_PER_PT as f64) as i64
    );
    format!(
        "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"{}\" name=\"Legend\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>{ext}{}</a:xfrm></p:grpSpPr>{shapes}</p:grpSp>",
        *next,
        ext.replace("a:off", "a:chOff").replace("a:ext", "a:chExt")
    )
}

/// The diagram as one group of shapes filling `area`; shape ids start after `next`.
pub fn group_xml(d: &Diagram, area: Rect, next: &mut u32) -> String {
    let f = frame(d, area);
    let mut shapes = String::new();
    for c in &d.clusters {
        let (x, y) = f.place((c.bounds.0, c.bounds.3));
        let (x1, y1) = f.place((c.bounds.2, c.bounds.1));
        *next += 1;
        shapes.push_str(&sp(
            *next,
            "cluster",
            "",
            (x, y, x1 - x, y1 - y),
            [&preset("rect"), "<a:solidFill><a:schemeClr val=\"bg2\"/></a:solidFill>", "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"tx1\"><a:lumMod val=\"40000\"/><a:lumOff val=\"60000\"/></a:schemeClr></a:solidFill></a:ln>"],
            "",
        ));
        if let Some((label, at)) = &c.label {
            *next += 1;
            shapes.push_str(&label_xml(label, *at, 14.0, &f, *next, "cluster label"));
        }
    }
    for t in &d.ties {
        *next += 1;
        shapes.push_str(&tie_xml(t, &f, *next));
    }
    for t in &d.ties {
        if let Some((label, at, font)) = &t.label {
            *next += 1;
            shapes.push_str(&label_xml(label, *at, *font, &f, *next, "tie label"));
        }
    }
    for n in &d.nodes {
        let (x, y) = f.place((n.at.0 - n.size.0 / 2.0, n.at.1 + n.size.1 / 2.0));
        let (w, h) = ((n.size.0 * f.scale) as i64, (n.size.1 * f.scale) as i64);
        let body = if n.label.iter().all(String::is_empty) {
            String::new()
        } else {
            text_body(&n.label, n.font * f.points(), &n.text)
        };
        *next += 1;
        shapes.push_str(&sp(
            *next,
            &format!("node {}", n.name),
            &n.tooltip,
            (x, y, w, h),
            [
                &preset(n.shape.preset()),
                &fill_xml(&n.fill),
                "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:ln>",
            ],
            &body,
        ));
    }
    shapes.push_str(&legend_xml(d, area, next));
    *next += 1;
    let xfrm = format!(
        "<a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/>",
        area.x, area.y, area.w, area.h
    );
    format!(
        "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"{}\" name=\"Diagram {}\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>{xfrm}{}</a:xfrm></p:grpSpPr>{shapes}</p:grpSp>",
        *next,
        slide_text(&d.name),
        xfrm.replace("a:off", "a:chOff").replace("a:ext", "a:chExt")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYOUT: &str = r##"{"bb":"0,0,200,100","objects":[
      {"_gvid":0,"name":"n0","pos":"50,50","width":"1","height":"0.5","label":"MLIT\\nJapan","shape":"box","style":"filled,rounded","fillcolor":"#D55E00","fontcolor":"#FFFFFF","fontsize":"16","tooltip":"Ministry & <co>"},
      {"_gvid":1,"name":"n1","pos":"150,50","width":"0.3","height":"0.3","label":"","shape":"circle","fillcolor":"#E69F00"}],
      "edges":[{"tail":0,"head":1,"pos":"86,50 100,50 120,50 139,50","penwidth":"2"}]}"##;

    #[test]
    fn a_layout_becomes_a_group_of_named_shapes() {
        let d = from_json("t", LAYOUT.as_bytes(), vec![]).expect("layout");
        assert_eq!(d.nodes.len(), 2);
        assert_eq!(d.nodes[0].label, ["MLIT", "Japan"]);
        assert_eq!(d.nodes[0].fill, Colour::Theme("accent1"));
        assert_eq!(d.nodes[0].shape, Shape::Rounded);
        assert_eq!(d.nodes[1].shape, Shape::Ellipse);
        assert_eq!(d.ties[0].ends, ("n0".into(), "n1".into()));
        let area = Rect {
            x: 0,
            y: 0,
            w: 9_144_000,
            h: 4_572_000,
        };
        let mut next = 1;
        let xml = group_xml(&d, area, &mut next);
        assert!(xml.starts_with("<p:grpSp>"));
        assert!(xml.contains("name=\"node n0\" descr=\"Ministry &amp; &lt;co&gt;\""));
        assert!(xml.contains("<a:cubicBezTo>"));
        assert_eq!(xml.matches("<p:sp>").count(), 3);
        // The group parses as XML.
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn labels_lose_dot_escapes_and_html() {
        assert_eq!(label_lines("a\\nb\\l", "x"), ["a", "b"]);
        assert_eq!(label_lines("\\N", "n3"), ["n3"]);
        assert_eq!(label_lines("<<B>x &amp; y</B>>", "n"), ["x & y"]);
    }
}
