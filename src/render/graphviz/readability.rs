//! Readability of a drawing, measured on the layout Graphviz computed (its `-Tjson` output):
//! (a) text labels that overlap, (b) the aspect ratio of the page, (c) the smallest text once the
//! drawing is scaled to 1920 px wide. The tests, `render --check` and the layout search all use
//! these figures, so what is checked is what is chosen.

use crate::error::{Error, Result};
use crate::render::style::Theme;
use serde_json::Value;

/// The width the legibility figure scales a drawing to, in pixels.
pub const SCREEN_WIDTH: f64 = 1920.0;

/// The smallest text size (pixels at [`SCREEN_WIDTH`]) that counts as legible.
pub const MIN_TEXT_PX: f64 = 9.0;

/// Two labels overlap when they share more than this share of the smaller one's box.
pub const OVERLAP_SHARE: f64 = 0.10;

/// One piece of text as Graphviz placed it, in points (y upwards).
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The text.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Bottom edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub y1: f64,
    /// Font size in points.
    pub size: f64,
}

impl TextBox {
    fn area(&self) -> f64 {
        (self.x1 - self.x0).max(0.0) * (self.y1 - self.y0).max(0.0)
    }

    /// The area this box shares with `other`.
    fn shared(&self, other: &TextBox) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

/// The three figures of a drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Page width in points, padding included.
    pub width: f64,
    /// Page height in points, padding included.
    pub height: f64,
    /// Number of text labels.
    pub labels: usize,
    /// Pairs of labels sharing more than [`OVERLAP_SHARE`] of the smaller box.
    pub overlaps: Vec<(String, String)>,
    /// The smallest text, in pixels, when the page is scaled to [`SCREEN_WIDTH`] wide.
    pub smallest_px: f64,
    /// Which text that is.
    pub smallest_text: String,
}

/// The aspect ratios (width / height) a theme's pages may have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AspectBounds {
    /// Narrowest allowed.
    pub min: f64,
    /// Widest allowed.
    pub max: f64,
}

/// The aspect bounds of `theme`: 1:2 to 3:1 for documents, 16:9 (±1 %) for slides.
pub fn bounds(theme: Theme) -> AspectBounds {
    match theme {
        Theme::Slide => AspectBounds {
            min: 16.0 / 9.0 * 0.99,
            max: 16.0 / 9.0 * 1.01,
        },
        Theme::Light | Theme::Dark => AspectBounds { min: 0.5, max: 3.0 },
    }
}

impl Readability {
    /// Width over height.
    pub fn aspect(&self) -> f64 {
        if self.height > 0.0 {
            self.width / self.height
        } else {
            0.0
        }
    }

    /// True when the aspect ratio is within `theme`'s bounds.
    pub fn aspect_ok(&self, theme: Theme) -> bool {
        let b = bounds(theme);
        (b.min..=b.max).contains(&self.aspect())
    }

    /// True when every text is at least [`MIN_TEXT_PX`] at [`SCREEN_WIDTH`].
    pub fn legible(&self) -> bool {
        self.smallest_px >= MIN_TEXT_PX
    }

    /// True when all three measures pass.
    pub fn passes(&self, theme: Theme) -> bool {
        self.overlaps.is_empty() && self.aspect_ok(theme) && self.legible()
    }

    /// The smallest text, in points, once the page is fitted onto a landscape A4 page (297 ×
    /// 210 mm): what a reader of the printed page gets. Larger is better; the layout search
    /// maximises it.
    pub fn printed_points(&self) -> f64 {
        if self.width <= 0.0 || self.height <= 0.0 {
            return 0.0;
        }
        let (page_w, page_h) = (297.0 / 25.4 * 72.0, 210.0 / 25.4 * 72.0);
        let scale = (page_w / self.width).min(page_h / self.height);
        let smallest_pt = self.smallest_px * self.width / SCREEN_WIDTH;
        smallest_pt * scale
    }
}

/// The smallest text (pixels at [`SCREEN_WIDTH`]) a drawing measured at its natural size will
/// have once padded to a 16:9 slide: a drawing narrower than 16:9 is widened by padding, which
/// shrinks its text by as much.
pub fn slide_px(natural: &Readability) -> f64 {
    let padded = natural.width.max(natural.height * 16.0 / 9.0);
    if padded > 0.0 {
        natural.smallest_px * natural.width / padded
    } else {
        0.0
    }
}

/// Measures a drawing from Graphviz's `-Tjson` output.
pub fn measure(json: &[u8]) -> Result<Readability> {
    let root: Value = serde_json::from_slice(json)
        .map_err(|e| Error::Runtime(format!("Graphviz wrote JSON that does not parse: {e}")))?;
    let bb = numbers(root.get("bb").and_then(Value::as_str).unwrap_or(""));
    let [x0, y0, x1, y1] = bb.as_slice() else {
        return Err(Error::Runtime(
            "Graphviz's JSON has no bounding box (bb)".into(),
        ));
    };
    let pad = numbers(root.get("pad").and_then(Value::as_str).unwrap_or("0.0555"));
    let (pad_x, pad_y) = match pad.as_slice() {
        [x, y, ..] => (*x, *y),
        [both] => (*both, *both),
        [] => (0.0555, 0.0555),
    };
    let width = (x1 - x0) + 2.0 * pad_x * 72.0;
    let height = (y1 - y0) + 2.0 * pad_y * 72.0;
    let mut boxes = Vec::new();
    collect(&root, &mut boxes);
    for list in ["objects", "edges"] {
        for item in root
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(item, &mut boxes);
        }
    }
    let overlaps = overlapping(&boxes);
    let scale = if width > 0.0 {
        SCREEN_WIDTH / width
    } else {
        0.0
    };
    let smallest = boxes.iter().min_by(|a, b| a.size.total_cmp(&b.size));
    Ok(Readability {
        width,
        height,
        labels: boxes.len(),
        overlaps,
        smallest_px: smallest.map_or(f64::INFINITY, |b| b.size * scale),
        smallest_text: smallest.map(|b| b.text.clone()).unwrap_or_default(),
    })
}

fn numbers(text: &str) -> Vec<f64> {
    text.split([',', ' '])
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

/// The text boxes of one object's drawing operations (`_ldraw_`, `_hldraw_`, …): each `T` op
/// with the font size of the last `F` op before it. The box runs from the descent (a fifth of
/// the size below the baseline) to the ascent (four fifths above), over the width Graphviz
/// computed.
fn collect(object: &Value, boxes: &mut Vec<TextBox>) {
    let Some(map) = object.as_object() else {
        return;
    };
    for (key, ops) in map {
        if !(key.starts_with('_') && key.ends_with("draw_")) {
            continue;
        }
        let mut size = 14.0;
        for op in ops.as_array().into_iter().flatten() {
            match op.get("op").and_then(Value::as_str) {
                Some("F") => size = op.get("size").and_then(Value::as_f64).unwrap_or(size),
                Some("T") => {
                    let text = op.get("text").and_then(Value::as_str).unwrap_or("");
                    if text.trim().is_empty() {
                        continue;
                    }
                    let point = op.get("pt").and_then(Value::as_array);
                    let coordinate =
                        |i: usize| point.and_then(|p| p.get(i)).and_then(Value::as_f64);
                    let (Some(x), Some(y)) = (coordinate(0), coordinate(1)) else {
                        continue;
                    };
                    let width = op.get("width").and_then(Value::as_f64).unwrap_or(0.0);
                    let x0 = match op.get("align").and_then(Value::as_str) {
                        Some("l") => x,
                        Some("r") => x - width,
                        _ => x - width / 2.0,
                    };
                    boxes.push(TextBox {
                        text: text.to_string(),
                        x0,
                        y0: y - 0.2 * size,
                        x1: x0 + width,
                        y1: y + 0.8 * size,
                        size,
                    });
                }
                _ => {}
            }
        }
    }
}

/// Pairs of boxes sharing more than [`OVERLAP_SHARE`] of the smaller box, by a sweep along x.
fn overlapping(boxes: &[TextBox]) -> Vec<(String, String)> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].x0.total_cmp(&boxes[b].x0));
    let mut found = Vec::new();
    for (i, &a) in order.iter().enumerate() {
        for &b in &order[i + 1..] {
            if boxes[b].x0 >= boxes[a].x1 {
                break;
            }
            let smaller = boxes[a].area().min(boxes[b].area());
            if smaller > 0.0 && boxes[a].shared(&boxes[b]) > OVERLAP_SHARE * smaller {
                found.push((boxes[a].text.clone(), boxes[b].text.clone()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(x: f64, y: f64, width: f64, size: f64, label: &str) -> String {
        format!(
            r#"{{"op":"F","size":{size},"face":"x"}},{{"op":"T","pt":[{x},{y}],"align":"c","width":{width},"text":"{label}"}}"#
        )
    }

    fn drawing(bb: &str, pad: &str, nodes: &[String]) -> Vec<u8> {
        let objects: Vec<String> = nodes
            .iter()
            .map(|ops| format!(r#"{{"_ldraw_":[{ops}]}}"#))
            .collect();
        format!(
            r#"{{"bb":"{bb}","pad":"{pad}","objects":[{}],"edges":[]}}"#,
            objects.join(",")
        )
        .into_bytes()
    }

    #[test]
    fn counts_pairs_sharing_more_than_a_tenth_of_the_smaller_box() {
        // Two 100 × 10 pt boxes: shifted by 50 pt they share half; by 95 pt, 5 %.
        let json = drawing(
            "0,0,1000,500",
            "0",
            &[
                text(100.0, 100.0, 100.0, 10.0, "a"),
                text(150.0, 100.0, 100.0, 10.0, "b"),
                text(500.0, 100.0, 100.0, 10.0, "c"),
                text(595.0, 100.0, 100.0, 10.0, "d"),
            ],
        );
        let r = measure(&json).expect("measures");
        assert_eq!(r.labels, 4);
        assert_eq!(r.overlaps, vec![("a".to_string(), "b".to_string())]);
    }

    #[test]
    fn aspect_includes_the_padding_and_legibility_scales_to_1920() {
        // 1000 × 500 pt plus 0.5 in (36 pt) each side: 1072 × 572.
        let json = drawing(
            "0,0,1000,500",
            "0.5",
            &[text(100.0, 100.0, 50.0, 10.0, "a")],
        );
        let r = measure(&json).expect("measures");
        assert!((r.aspect() - 1072.0 / 572.0).abs() < 1e-9);
        assert!((r.smallest_px - 10.0 * 1920.0 / 1072.0).abs() < 1e-9);
        assert!(r.passes(Theme::Light));
        assert!(!r.aspect_ok(Theme::Slide));
        // A page 20 times as wide makes the same text illegible.
        let wide = drawing(
            "0,0,20000,10000",
            "0",
            &[text(100.0, 100.0, 50.0, 10.0, "a")],
        );
        assert!(!measure(&wide).expect("measures").legible());
    }

    #[test]
    fn bad_json_is_a_runtime_error() {
        assert!(measure(b"not json").is_err());
        assert!(measure(b"{}").is_err());
    }
}
