//! `render`: a view as DOT, SVG, PNG or HTML.

use crate::cli::RenderArgs;
use crate::error::{Error, Result};
use crate::fsio::{write_atomic, write_new, NewFile};
use crate::progress::Progress;
use crate::render::scene::{Diagram, Limit, SceneOptions, RENDER_WHOLE_LINES, RENDER_WHOLE_NODES};
use crate::render::{draw, DiagramFormat, DrawOptions};
use crate::text::numbers::group_digits;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Runs `render` on the dataset at `data`.
pub fn run(data: &Path, args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let view = Diagram::parse(&args.view)?;
    let format = format_of(args)?;
    if args.timeout == 0 {
        return Err(Error::Usage(
            "--timeout 0 would stop every layout at once: give at least 1 (seconds; default 120)"
                .into(),
        ));
    }
    let target: Option<PathBuf> = match &args.output {
        Some(_) => crate::cli::output_file(args.output.as_ref()).cloned(),
        None => Some(PathBuf::from(format!(
            "{}.{}",
            view.slug(),
            format.extension()
        ))),
    };
    if target.is_none() && format == DiagramFormat::Png {
        return Err(Error::Usage(
            "PNG is binary: give a file with -o FILE.png".into(),
        ));
    }
    let loaded = super::load(data, &args.scope, err)?;
    let progress = Progress::start(&format!("drawing {}", args.view));
    let options = draw_options(args);
    let drawing = match draw(&loaded.dataset, &view, format, &options) {
        Ok(drawing) => drawing,
        Err((error, Some(dot))) => {
            // Graphviz is missing or failed: the DOT source is still worth having.
            let dot_path = match &target {
                Some(path) => path.with_extension("dot"),
                None => PathBuf::from(format!("{}.dot", view.slug())),
            };
            // A file the user did not name: written only if nothing (or the same DOT) is there.
            let saved = match write_new(&dot_path, dot.as_bytes())? {
                NewFile::Written | NewFile::Same => format!(
                    "the DOT source was written to {} (render it later with: dot -Tsvg {} -o {})",
                    dot_path.display(),
                    dot_path.display(),
                    dot_path.with_extension(format.extension()).display()
                ),
                NewFile::Exists => format!(
                    "the DOT source was not saved: {} already exists and was left as it is (get the DOT with --format dot -o FILE)",
                    dot_path.display()
                ),
            };
            return Err(match error {
                Error::GraphvizMissing(message) => {
                    Error::GraphvizMissing(format!("{message}\n{saved}"))
                }
                Error::Runtime(message) => Error::Runtime(format!("{message}\n{saved}")),
                other => other,
            });
        }
        Err((error, None)) => return Err(error),
    };
    drop(progress);
    if drawing.limited && options.scene.top.is_none() {
        writeln!(
            err,
            "note: the view is too large to lay out readably (more than {} nodes or {} lines): drew its most central part, as the picture's subtitle says (--top N to choose how many bodies)",
            group_digits(RENDER_WHOLE_NODES),
            group_digits(RENDER_WHOLE_LINES)
        )
        .map_err(Error::Output)?;
    }
    if let (None, Some(depth)) = (args.collapse.collapse, drawing.collapse) {
        writeln!(
            err,
            "note: too crowded to read at full depth; hierarchy rolled up to depth {depth} (--collapse N to choose)"
        )
        .map_err(Error::Output)?;
    }
    let written = match target {
        None => out.write_all(&drawing.bytes).map_err(Error::Output),
        Some(path) => {
            write_atomic(&path, &drawing.bytes)?;
            writeln!(
                err,
                "wrote {} ({} nodes{})",
                path.display(),
                drawing.nodes,
                if format == DiagramFormat::Dot {
                    String::new()
                } else {
                    format!(", laid out by {}", drawing.engine.as_str())
                }
            )
            .map_err(Error::Output)
        }
    };
    written?;
    if args.check {
        check(&drawing, args.theme.into(), options.timeout, err)?;
    }
    Ok(())
}

/// The format asked for: `--format`, else the one `-o FILE`'s extension names, else SVG. A
/// `--format` that contradicts the file's extension is refused: `-o org.png --format svg` would
/// write SVG text into a file every viewer opens as a broken PNG.
fn format_of(args: &RenderArgs) -> Result<DiagramFormat> {
    let extension = args
        .output
        .as_deref()
        .and_then(|path| path.extension())
        .map(|extension| extension.to_string_lossy());
    let named = extension.as_deref().and_then(DiagramFormat::from_extension);
    match (args.format.map(DiagramFormat::from), named) {
        (Some(asked), Some(named)) if asked != named => Err(Error::Usage(format!(
            "--format {} but -o {} names a .{} file ({}): drop --format, or give -o a .{} name",
            asked.extension(),
            args.output.as_deref().unwrap_or(Path::new("")).display(),
            extension.as_deref().unwrap_or_default(),
            named.extension().to_uppercase(),
            asked.extension()
        ))),
        (Some(asked), _) => Ok(asked),
        (None, named) => Ok(named.unwrap_or(DiagramFormat::Svg)),
    }
}

/// How to draw, as the flags of `render` ask. Without `--top`, a view larger than a layout can
/// take readably is cut as the report cuts it ([`Limit::for_render`]).
fn draw_options(args: &RenderArgs) -> DrawOptions {
    DrawOptions {
        scene: SceneOptions {
            size_by: args.size_by.into(),
            colour_by: args.colour_by.into(),
            top: args.top,
            only: args.only,
            limit: args.top.is_none().then(Limit::for_render),
            links: None,
            body_degrees: None,
        },
        theme: args.theme.into(),
        engine: args.engine.map(Into::into),
        timeout: Duration::from_secs(args.timeout),
        collapse: args.collapse.collapse,
    }
}

/// Prints the three readability figures of `drawing` (measuring it now if the drawing was not
/// measured on the way) and fails when one of them does.
fn check(
    drawing: &crate::render::Drawing,
    theme: crate::render::style::Theme,
    timeout: Duration,
    err: &mut dyn Write,
) -> Result<()> {
    use crate::render::graphviz::readability::{
        self, bounds, MIN_TEXT_PX, OVERLAP_SHARE, SCREEN_WIDTH,
    };
    let measured = match &drawing.readability {
        Some(r) => r.clone(),
        None => readability::measure(&crate::render::graphviz::run(
            &drawing.dot,
            drawing.engine,
            crate::render::graphviz::Output::Json,
            timeout,
        )?)?,
    };
    let verdict = |ok: bool| if ok { "ok" } else { "FAILS" };
    // Labels come from the dataset: no control characters reach the terminal.
    let clean = |t: &str| t.chars().filter(|c| !c.is_control()).collect::<String>();
    let b = bounds(theme);
    let mut text = format!(
        "readability ({} theme, laid out by {}):\n",
        theme.as_str(),
        drawing.engine.as_str()
    );
    text.push_str(&format!(
        "  overlapping labels: {} pair(s) of {} labels (a pair counts when it shares more than {:.0} % of the smaller box)  {}\n",
        measured.overlaps.len(),
        measured.labels,
        OVERLAP_SHARE * 100.0,
        verdict(measured.overlaps.is_empty())
    ));
    for (a, b) in measured.overlaps.iter().take(5) {
        text.push_str(&format!("    \"{}\" and \"{}\"\n", clean(a), clean(b)));
    }
    text.push_str(&format!(
        "  aspect ratio (width:height): {:.2}:1, {:.0} × {:.0} pt (allowed {:.2}:1 to {:.2}:1)  {}\n",
        measured.aspect(),
        measured.width,
        measured.height,
        b.min,
        b.max,
        verdict(measured.aspect_ok(theme))
    ));
    text.push_str(&format!(
        "  smallest text at {SCREEN_WIDTH:.0} px wide: {:.1} px (\"{}\"; at least {MIN_TEXT_PX:.0})  {}\n",
        measured.smallest_px,
        clean(&measured.smallest_text),
        verdict(measured.legible())
    ));
    err.write_all(text.as_bytes()).map_err(Error::Output)?;
    if measured.passes(theme) {
        Ok(())
    } else {
        Err(Error::Runtime(
            "the drawing fails a readability measure (see above); try --collapse N, --top N or another --theme".into(),
        ))
    }
}
