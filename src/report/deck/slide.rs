//! One slide as PresentationML: the layout's title and content placeholders filled, a table or
//! diagram under (or beside) the text, and the speaker notes. Text sizes are chosen so the text
//! fits its box (estimated by [`super::fit`]); what cannot fit at 14 pt continues on the next
//! slide ([`paginate`]).

use super::fit;
use super::template::{Layout, Template};
use super::{diagram, Body, Figure, Paragraph, Rect, Slide, EMU_PER_PT};
use crate::text::escape::slide_text;

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

/// Sizes body text may take, largest first; 14 pt is the smallest a room can read.
const TEXT_SIZES: [f64; 4] = [20.0, 18.0, 16.0, 14.0];
/// Table text size.
pub const TABLE_SIZE: f64 = 14.0;
/// Inner margins of a text box (PowerPoint's default: 0.1 in left and right, 0.05 in top and
/// bottom), in points.
const INSET_X: f64 = 7.2;
const INSET_Y: f64 = 3.6;
/// Room a bullet's indent takes (the templates' usual hanging indent), in points.
const BULLET_INDENT: f64 = 24.0;
/// Space before each paragraph, in points.
const PARAGRAPH_GAP: f64 = 6.0;
/// Gap between the text and the figure under it, in points.
const FIGURE_GAP: f64 = 8.0;
/// Share of the content width the text column beside a diagram takes.
const SIDE_COLUMN: f64 = 0.3;
/// Most of the content area text may take above a figure.
const TEXT_SHARE_ABOVE_FIGURE: f64 = 0.4;

/// A slide's XML and its layout part.
#[derive(Debug)]
pub struct Built {
    /// The slide part.
    pub xml: String,
    /// The layout it uses.
    pub layout: String,
}

fn pt(emu: i64) -> f64 {
    emu as f64 / EMU_PER_PT as f64
}

fn emu(points: f64) -> i64 {
    (points * EMU_PER_PT as f64).round() as i64
}

/// Height the paragraphs take at `size` in a box `width` points wide.
fn text_height(text: &[Paragraph], width: f64, size: f64) -> f64 {
    text.iter()
        .map(|p| {
            let room = width - 2.0 * INSET_X - if p.bullet { BULLET_INDENT } else { 0.0 };
            fit::lines(&p.text, room, size) as f64 * fit::line_height(size) + PARAGRAPH_GAP
        })
        .sum::<f64>()
        + 2.0 * INSET_Y
}

/// The layout a slide uses.
fn layout_of<'a>(slide: &Slide, template: &'a Template) -> &'a Layout {
    match &slide.body {
        Body::Cover(_) => &template.cover,
        Body::Content { text, .. } if text.is_empty() => &template.figure,
        Body::Content { .. } => &template.content,
    }
}

/// The content area of a layout: its body placeholder, else the slide under the title.
fn content_area(layout: &Layout, template: &Template) -> Rect {
    if let Some((_, _, rect)) = &layout.body {
        return *rect;
    }
    let title = layout.title.1;
    let top = title.y + title.h + emu(8.0);
    Rect {
        x: title.x,
        y: top,
        w: title.w,
        h: (template.size.1 - top - emu(18.0)).max(emu(72.0)),
    }
}

/// The largest text size at which `text` fits in `height` points, if any.
fn text_size(text: &[Paragraph], width: f64, height: f64) -> Option<f64> {
    TEXT_SIZES
        .into_iter()
        .find(|&size| text_height(text, width, size) <= height)
}

/// The slides with text too long for one slide continued on the next ("(2 of 3)"); the notes
/// stay with the first.
pub fn paginate(slides: &[Slide], template: &Template) -> Vec<Slide> {
    let mut out = Vec::new();
    for slide in slides {
        if let Some(split) = split_table(slide, template) {
            out.extend(split);
            continue;
        }
        let Body::Content { text, figure } = &slide.body else {
            out.push(slide.clone());
            continue;
        };
        let area = content_area(&template.content, template);
        let room = if figure.is_some() {
            pt(area.h) * TEXT_SHARE_ABOVE_FIGURE
        } else {
            pt(area.h)
        };
        let width = pt(area.w);
        if text.is_empty() || text_size(text, width, room).is_some() {
            out.push(slide.clone());
            continue;
        }
        let mut pages: Vec<Vec<Paragraph>> = vec![Vec::new()];
        for p in text {
            let mut candidate = pages.last().cloned().unwrap_or_default();
            candidate.push(p.clone());
            let last = pages.len() - 1;
            if text_height(&candidate, width, 14.0) <= room || pages[last].is_empty() {
                pages[last] = candidate;
            } else {
                pages.push(vec![p.clone()]);
            }
        }
        let count = pages.len();
        for (i, page) in pages.into_iter().enumerate() {
            out.push(Slide {
                title: format!("{} ({} of {count})", slide.title, i + 1),
                body: Body::Content {
                    text: page,
                    figure: if i + 1 == count { figure.clone() } else { None },
                },
                notes: if i == 0 {
                    slide.notes.clone()
                } else {
                    vec![format!("Continued from the slide \"{}\".", slide.title)]
                },
            });
        }
    }
    out
}

/// A text run at `size` points.
fn run(text: &str, size: f64, extra: &str) -> String {
    format!(
        "<a:r><a:rPr lang=\"en-GB\" sz=\"{}\" dirty=\"0\"{extra}/><a:t>{}</a:t></a:r>",
        (size * 100.0).round() as i64,
        slide_text(text)
    )
}

fn xfrm(rect: Rect) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        rect.x,
        rect.y,
        rect.w.max(1),
        rect.h.max(1)
    )
}

/// The title placeholder, its text sized to fit (and shortened if it still would not).
fn title_shape(title: &str, layout: &Layout, cover: bool) -> String {
    let (kind, rect) = &layout.title;
    let sizes: &[f64] = if cover {
        &[36.0, 32.0, 28.0, 24.0]
    } else {
        &[28.0, 26.0, 24.0, 22.0, 20.0]
    };
    let width = pt(rect.w) - 2.0 * INSET_X;
    let height = pt(rect.h) - 2.0 * INSET_Y;
    let fits = |text: &str, size: f64| {
        fit::lines(text, width, size) as f64 * fit::line_height(size) <= height
    };
    let mut text = fit::shorten(title, 200);
    let size = loop {
        if let Some(&size) = sizes.iter().find(|&&s| fits(&text, s)) {
            break size;
        }
        let shorter = text.chars().count() * 3 / 4;
        if shorter < 8 {
            break sizes[sizes.len() - 1];
        }
        text = fit::shorten(&text, shorter);
    };
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"{kind}\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p>{}</a:p></p:txBody></p:sp>",
        run(&text, size, "")
    )
}

/// The content placeholder holding `text` at `size` in `rect`.
fn text_shape(text: &[Paragraph], layout: &Layout, rect: Rect, size: f64) -> String {
    let Some((kind, idx, _)) = &layout.body else {
        return String::new();
    };
    let kind = kind
        .as_ref()
        .map(|k| format!(" type=\"{k}\""))
        .unwrap_or_default();
    let paragraphs: String = text
        .iter()
        .map(|p| {
            let props = if p.bullet {
                "<a:pPr lvl=\"0\"/>".to_string()
            } else {
                "<a:pPr marL=\"0\" indent=\"0\"><a:buNone/></a:pPr>".to_string()
            };
            format!("<a:p>{props}{}</a:p>", run(&p.text, size, ""))
        })
        .collect();
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Content\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph{kind} idx=\"{idx}\"/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody><a:bodyPr><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>",
        xfrm(rect)
    )
}

/// Where a content slide's text (its box and size) and figure go in the content area.
struct Placed {
    text: Option<(Rect, f64)>,
    figure: Rect,
}

/// A diagram needs the height: its text goes in a column beside it. Returns the column and
/// the diagram's area.
fn beside(area: Rect) -> (Rect, Rect) {
    let column = Rect {
        w: (area.w as f64 * SIDE_COLUMN) as i64,
        ..area
    };
    let figure = Rect {
        x: area.x + column.w + emu(FIGURE_GAP),
        w: area.w - column.w - emu(FIGURE_GAP),
        ..area
    };
    (column, figure)
}

/// Where a diagram goes on a slide of `template`: beside its text, or (`beside` false) alone
/// under the title.
pub fn diagram_area(template: &Template, beside_text: bool) -> Rect {
    if beside_text {
        beside(content_area(&template.content, template)).1
    } else {
        content_area(&template.figure, template)
    }
}

fn place(text: &[Paragraph], figure: Option<&Figure>, area: Rect) -> Placed {
    if text.is_empty() {
        return Placed {
            text: None,
            figure: area,
        };
    }
    if matches!(figure, Some(Figure::Diagram(_))) {
        let (column, figure) = beside(area);
        let size = text_size(text, pt(column.w), pt(column.h)).unwrap_or(14.0);
        return Placed {
            text: Some((column, size)),
            figure,
        };
    }
    let room = if figure.is_some() {
        pt(area.h) * TEXT_SHARE_ABOVE_FIGURE
    } else {
        pt(area.h)
    };
    let size = text_size(text, pt(area.w), room).unwrap_or(14.0);
    let used = emu(text_height(text, pt(area.w), size).min(room));
    let rect = Rect {
        h: if figure.is_some() { used } else { area.h },
        ..area
    };
    Placed {
        text: Some((rect, size)),
        figure: Rect {
            y: area.y + used + emu(FIGURE_GAP),
            h: area.h - used - emu(FIGURE_GAP),
            ..area
        },
    }
}

/// How many of `rows` fit under the header in `area`.
fn rows_fitting(columns: &[String], rows: &[Vec<String>], area: Rect) -> usize {
    let widths = column_widths(columns, rows, area.w);
    let mut height = row_height(columns, &widths);
    rows.iter()
        .take_while(|row| {
            height += row_height(row, &widths);
            height <= area.h
        })
        .count()
}

/// A slide whose table does not fit split into slides of the rows that do, the header
/// repeated; the text and notes stay on the first.
fn split_table(slide: &Slide, template: &Template) -> Option<Vec<Slide>> {
    let Body::Content {
        text,
        figure: Some(Figure::Table { columns, rows }),
    } = &slide.body
    else {
        return None;
    };
    let area = content_area(&template.content, template);
    let first = rows_fitting(columns, rows, place(text, slide_figure(slide), area).figure).max(1);
    if first >= rows.len() {
        return None;
    }
    let later = rows_fitting(
        columns,
        &rows[first..],
        content_area(&template.figure, template),
    )
    .max(1);
    let mut chunks = vec![&rows[..first]];
    chunks.extend(rows[first..].chunks(later));
    let count = chunks.len();
    Some(
        chunks
            .into_iter()
            .enumerate()
            .map(|(i, chunk)| Slide {
                title: format!("{} ({} of {count})", slide.title, i + 1),
                body: Body::Content {
                    text: if i == 0 { text.clone() } else { Vec::new() },
                    figure: Some(Figure::Table {
                        columns: columns.clone(),
                        rows: chunk.to_vec(),
                    }),
                },
                notes: if i == 0 {
                    slide.notes.clone()
                } else {
                    vec![format!("Continued from the slide \"{}\".", slide.title)]
                },
            })
            .collect(),
    )
}

fn slide_figure(slide: &Slide) -> Option<&Figure> {
    match &slide.body {
        Body::Content { figure, .. } => figure.as_ref(),
        Body::Cover(_) => None,
    }
}

/// The slide's XML.
pub fn slide_xml(slide: &Slide, template: &Template) -> Built {
    let layout = layout_of(slide, template);
    let mut shapes = String::new();
    match &slide.body {
        Body::Cover(lines) => {
            shapes.push_str(&title_shape(&slide.title, layout, true));
            let text: Vec<Paragraph> = lines.iter().map(Paragraph::plain).collect();
            if let Some((_, _, rect)) = &layout.body {
                let size = text_size(&text, pt(rect.w), pt(rect.h)).unwrap_or(14.0);
                shapes.push_str(&text_shape(&text, layout, *rect, size));
            }
        }
        Body::Content { text, figure } => {
            shapes.push_str(&title_shape(&slide.title, layout, false));
            let placed = place(text, figure.as_ref(), content_area(layout, template));
            if let Some((rect, size)) = placed.text {
                shapes.push_str(&text_shape(text, layout, rect, size));
            }
            let figure_area = placed.figure;
            match figure {
                Some(Figure::Table { columns, rows }) => {
                    shapes.push_str(&table_xml(columns, rows, figure_area))
                }
                Some(Figure::Diagram(d)) => {
                    let mut next = 10;
                    shapes.push_str(&diagram::group_xml(d, figure_area, &mut next));
                }
                None => {}
            }
        }
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    );
    Built {
        xml,
        layout: layout.part.clone(),
    }
}

/// Column widths (EMU) for cells measured at the table size, sharing `total`.
fn column_widths(columns: &[String], rows: &[Vec<String>], total: i64) -> Vec<i64> {
    let cells =
        |c: usize| std::iter::once(&columns[c]).chain(rows.iter().filter_map(move |r| r.get(c)));
    let pad = 2.0 * INSET_X + 4.0;
    // No column narrower than its longest word (a heading must not break mid-word).
    let least: Vec<f64> = (0..columns.len())
        .map(|c| {
            cells(c)
                .flat_map(|text| text.split(' '))
                .map(|word| fit::width(word, TABLE_SIZE) * 1.12 + pad)
                .fold(30.0, f64::max)
                .min(pt(total) * 0.3)
        })
        .collect();
    let wanted: Vec<f64> = (0..columns.len())
        .map(|c| {
            cells(c)
                .map(|text| fit::width(text, TABLE_SIZE) + pad)
                .fold(least[c], f64::max)
                .min(pt(total) * 0.55)
        })
        .collect();
    let spare = (pt(total) - least.iter().sum::<f64>()).max(0.0);
    let extra: Vec<f64> = wanted.iter().zip(&least).map(|(w, l)| w - l).collect();
    let extra_sum: f64 = extra.iter().sum::<f64>().max(1.0);
    let mut widths: Vec<i64> = least
        .iter()
        .zip(&extra)
        .map(|(l, e)| emu(l + spare * e / extra_sum))
        .collect();
    let used: i64 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().max() {
        *widest += total - used;
    }
    widths
}

/// A row's height (EMU): its tallest cell, wrapped in its column.
fn row_height(cells: &[String], widths: &[i64]) -> i64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(text, w)| fit::lines(text, pt(*w) - 2.0 * INSET_X, TABLE_SIZE))
        .max()
        .unwrap_or(1);
    emu(lines as f64 * fit::line_height(TABLE_SIZE) + 2.0 * INSET_Y + 2.0)
}

fn cell(text: &str, header: bool, band: bool) -> String {
    let (fill, colour) = match (header, band) {
        (true, _) => (
            "tx2",
            " b=\"1\"><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill></a:rPr",
        ),
        (false, true) => (
            "bg2",
            "><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:rPr",
        ),
        (false, false) => (
            "bg1",
            "><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill></a:rPr",
        ),
    };
    format!(
        "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-GB\" sz=\"{}\" dirty=\"0\"{colour}><a:t>{}</a:t></a:r></a:p></a:txBody><a:tcPr marL=\"{m}\" marR=\"{m}\" marT=\"{t}\" marB=\"{t}\"><a:solidFill><a:schemeClr val=\"{fill}\"/></a:solidFill></a:tcPr></a:tc>",
        (TABLE_SIZE * 100.0) as i64,
        slide_text(text),
        m = emu(INSET_X),
        t = emu(INSET_Y),
    )
}

/// A table in `area`: rows that do not fit are left out (the builder keeps tables short).
fn table_xml(columns: &[String], rows: &[Vec<String>], area: Rect) -> String {
    let widths = column_widths(columns, rows, area.w);
    let mut height = row_height(columns, &widths);
    let mut body = format!(
        "<a:tr h=\"{height}\">{}</a:tr>",
        columns
            .iter()
            .map(|c| cell(c, true, false))
            .collect::<String>()
    );
    for (i, row) in rows.iter().enumerate() {
        let h = row_height(row, &widths);
        if height + h > area.h {
            break;
        }
        height += h;
        body.push_str(&format!(
            "<a:tr h=\"{h}\">{}</a:tr>",
            row.iter()
                .map(|c| cell(c, false, i % 2 == 1))
                .collect::<String>()
        ));
    }
    let grid: String = widths
        .iter()
        .map(|w| format!("<a:gridCol w=\"{w}\"/>"))
        .collect();
    format!(
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"4\" name=\"Table\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{height}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" bandRow=\"1\"/><a:tblGrid>{grid}</a:tblGrid>{body}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>",
        area.x, area.y, area.w
    )
}

/// The notes page of `slide`: its notes, one paragraph each.
pub fn notes_xml(slide: &Slide) -> String {
    let paragraphs: String = if slide.notes.is_empty() {
        "<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>".to_string()
    } else {
        slide
            .notes
            .iter()
            .map(|note| {
                format!(
                    "<a:p><a:r><a:rPr lang=\"en-GB\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>",
                    slide_text(note)
                )
            })
            .collect()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:notes {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr><p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}
