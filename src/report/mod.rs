//! The main job: `report` writes the briefing bundle — findings, tables, diagrams, exports and an
//! interactive index — into a temporary folder beside the target, then renames it into place,
//! so an interrupted run never leaves half a bundle.

pub mod findings;

use crate::analysis::brokerage;
use crate::analysis::centrality::{compute, Measure, Options};
use crate::analysis::overlap::{channels, memberships, pairs, OverlapOf};
use crate::analysis::structure;
use crate::error::{Error, Result};
use crate::export::ExportFormat;
use crate::graph::{build_graph, BuildOptions, GraphKind};
use crate::model::Dataset;
use crate::present::brokerage::BrokerageView;
use crate::present::centrality::Ranked;
use crate::present::labels::Labels;
use crate::present::overlap::{ChannelsView, PairsView};
use crate::present::structure::StructureView;
use crate::present::{write_csv, Presentable, Table};
use crate::progress::Progress;
use crate::render::graphviz::{self, Output};
use crate::render::scene::{ColourBy, SceneOptions, View};
use crate::render::style::Theme;
use crate::render::{draw, DiagramFormat, DrawOptions};
use crate::text::escape::html;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a report run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The bundle's folder.
    pub folder: PathBuf,
    /// Files written, relative to the folder, sorted.
    pub files: Vec<String>,
    /// Diagrams written as DOT only (Graphviz missing or failed), with the reason.
    pub dot_only: Vec<(String, String)>,
    /// False when Graphviz is not installed (as opposed to installed and failing).
    pub graphviz_found: bool,
}

/// A diagram's DOT source and, when Graphviz ran, its SVG and PNG, or why there are none.
type Rendered = (String, std::result::Result<(Vec<u8>, Vec<u8>), String>);

/// One diagram of the bundle.
struct Diagram {
    name: String,
    view: View,
    theme: Theme,
    colour_by: ColourBy,
}

impl Diagram {
    /// Ego and path examples show only their part: the rest of the network, faded, would fill
    /// the page with grey.
    fn only(&self) -> bool {
        matches!(self.view, View::Ego(..) | View::Path(..))
    }
}

fn diagrams(dataset: &Dataset) -> Vec<Diagram> {
    let mut list = vec![
        Diagram {
            name: "network".into(),
            view: View::Network,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        Diagram {
            name: "bodies".into(),
            view: View::Bodies,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        Diagram {
            name: "mechanisms".into(),
            view: View::Mechanisms,
            theme: Theme::Light,
            colour_by: ColourBy::Area,
        },
        Diagram {
            name: "org".into(),
            view: View::Org,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        Diagram {
            name: "org-slide".into(),
            view: View::Org,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
        Diagram {
            name: "network-slide".into(),
            view: View::Network,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
        Diagram {
            name: "bodies-slide".into(),
            view: View::Bodies,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
    ];
    // One ego and one path example, chosen from the data: the ego network of the most central
    // body, and the routes from the first group's most central body to the second group.
    let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let mut ranked: Vec<_> = compute(&network, &[Measure::Betweenness], &Options::default())
        .scores
        .into_iter()
        .filter(|s| s.kind == crate::graph::NodeKind::Body)
        .collect();
    ranked.sort_by(|a, b| {
        b.betweenness
            .unwrap_or(0.0)
            .total_cmp(&a.betweenness.unwrap_or(0.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    if let Some(top) = ranked.first() {
        list.push(Diagram {
            name: "ego".into(),
            view: View::Ego(top.id.clone(), 1),
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        });
    }
    if let [first, second, ..] = dataset.groups.as_slice() {
        let start = ranked
            .iter()
            .find(|s| s.group.as_deref() == Some(first.id.as_str()));
        if let Some(start) = start {
            list.push(Diagram {
                name: "path".into(),
                view: View::Path(start.id.clone(), second.id.clone()),
                theme: Theme::Light,
                colour_by: ColourBy::Group,
            });
        }
    }
    for area in &dataset.areas {
        if dataset
            .mechanisms
            .iter()
            .any(|m| m.area.as_deref() == Some(area.id.as_str()))
        {
            list.push(Diagram {
                name: format!(
                    "area-{}",
                    View::Area(area.id.clone())
                        .slug()
                        .trim_start_matches("area-")
                ),
                view: View::Area(area.id.clone()),
                theme: Theme::Light,
                colour_by: ColourBy::Group,
            });
        }
    }
    list
}

fn write(folder: &Path, relative: &str, bytes: &[u8], files: &mut Vec<String>) -> Result<()> {
    let path = folder.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    files.push(relative.to_string());
    Ok(())
}

fn csv_bytes(table: &Table) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_csv(&mut bytes, table)?;
    Ok(bytes)
}

/// Writes the bundle for `dataset` (loaded from `data`) into `out`.
pub fn report(dataset: &Dataset, data: &Path, out: &Path, progress: &Progress) -> Result<Summary> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let temp = tempfile::Builder::new()
        .prefix(".coopgraph-report-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let folder = temp.path().to_path_buf();
    let mut files = Vec::new();
    let labels = Labels::new(dataset);

    progress.stage("analysing");
    let findings = findings::findings(dataset);
    let briefing = findings::briefing(dataset, &findings);
    write(&folder, "briefing.md", briefing.as_bytes(), &mut files)?;

    progress.stage("writing tables");
    let network = build_graph(dataset, GraphKind::Network, BuildOptions::default());
    let centrality = compute(&network, &Measure::ALL, &Options::default());
    let ranked = Ranked::new(centrality, Measure::Betweenness, None);
    write(
        &folder,
        "tables/centrality-network.csv",
        &csv_bytes(&ranked.csv_table())?,
        &mut files,
    )?;
    let bodies = build_graph(dataset, GraphKind::Bodies, BuildOptions::default());
    let bodies_ranked = Ranked::new(
        compute(&bodies, &Measure::ALL, &Options::default()),
        Measure::Betweenness,
        None,
    );
    write(
        &folder,
        "tables/centrality-bodies.csv",
        &csv_bytes(&bodies_ranked.csv_table())?,
        &mut files,
    )?;
    for (name, of) in [
        ("bodies", OverlapOf::Bodies),
        ("mechanisms", OverlapOf::Mechanisms),
        ("forums", OverlapOf::Forums),
    ] {
        let view = PairsView {
            of: "pairs",
            pairs: pairs(&memberships(dataset, of), 1, None),
            labels: labels.clone(),
        };
        write(
            &folder,
            &format!("tables/overlap-{name}.csv"),
            &csv_bytes(&view.csv_table())?,
            &mut files,
        )?;
    }
    let channel_view = ChannelsView {
        channels: channels(dataset, 1.0),
        threshold: 1.0,
        labels: labels.clone(),
    };
    write(
        &folder,
        "tables/redundant-channels.csv",
        &csv_bytes(&channel_view.csv_table())?,
        &mut files,
    )?;
    let structure_view = StructureView {
        structure: structure::analyse(dataset, BuildOptions::default(), 42),
        labels: labels.clone(),
    };
    write(
        &folder,
        "tables/structure.csv",
        &csv_bytes(&structure_view.csv_table())?,
        &mut files,
    )?;
    let brokerage_view = BrokerageView {
        brokers: brokerage::analyse(dataset, BuildOptions::default()),
        labels: labels.clone(),
    };
    write(
        &folder,
        "tables/brokerage.csv",
        &csv_bytes(&brokerage_view.csv_table())?,
        &mut files,
    )?;

    progress.stage("writing exports");
    let exports = folder.join("exports");
    std::fs::create_dir_all(&exports).map_err(|e| Error::io(&exports, e))?;
    for (format, name) in [
        (ExportFormat::Graphml, "network.graphml"),
        (ExportFormat::Gexf, "network.gexf"),
        (ExportFormat::Json, "network.json"),
        (ExportFormat::Cypher, "network.cypher"),
    ] {
        crate::export::write(dataset, data, format, &exports.join(name))?;
        files.push(format!("exports/{name}"));
    }
    for path in crate::export::write(dataset, data, ExportFormat::Csv, &exports.join("csv"))? {
        if let Ok(relative) = path.strip_prefix(&folder) {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }

    progress.stage("drawing diagrams with Graphviz");
    let graphviz_ready = graphviz::binary();
    let list = diagrams(dataset);
    let drawn: Vec<(String, Result<Rendered>)> = list
        .par_iter()
        .map(|d| {
            let options = DrawOptions {
                scene: SceneOptions {
                    size_by: Measure::Degree,
                    colour_by: d.colour_by,
                    top: None,
                    only: d.only(),
                },
                theme: d.theme,
                engine: None,
                timeout: Duration::from_secs(120),
                collapse: None,
            };
            let result = match &graphviz_ready {
                Err(missing) => draw(dataset, &d.view, DiagramFormat::Dot, &options)
                    .map(|drawing| (drawing.dot, Err(missing.to_string())))
                    .map_err(|(e, _)| e),
                Ok(_) => match draw(dataset, &d.view, DiagramFormat::Svg, &options) {
                    Ok(drawing) => {
                        let png = graphviz::run(
                            &drawing.dot,
                            drawing.engine,
                            Output::Png(d.theme.palette().page.map(|(_, dpi)| dpi)),
                            options.timeout,
                        );
                        match png {
                            Ok(png) => Ok((drawing.dot, Ok((drawing.bytes, png)))),
                            Err(e) => Ok((drawing.dot, Err(e.to_string()))),
                        }
                    }
                    // Graphviz failed on this diagram: keep its DOT and say why in the summary.
                    Err((error, Some(dot))) => Ok((dot, Err(error.to_string()))),
                    Err((error, None)) => Err(error),
                },
            };
            (d.name.clone(), result)
        })
        .collect();
    let mut dot_only = Vec::new();
    let mut network_svg = None;
    for (name, result) in drawn {
        let (dot, rendered) = match result {
            Ok(done) => done,
            // The ego and path examples are extras: a dataset without a route simply has none.
            Err(_) if name == "ego" || name == "path" => continue,
            Err(error) => return Err(error),
        };
        write(
            &folder,
            &format!("diagrams/{name}.dot"),
            dot.as_bytes(),
            &mut files,
        )?;
        match rendered {
            Ok((svg, png)) => {
                // The index shows the slide layout: compact, every body's name readable, the
                // mechanisms as dots that name themselves on hover and click.
                if name == "network-slide" {
                    network_svg = Some(String::from_utf8_lossy(&svg).into_owned());
                }
                write(&folder, &format!("diagrams/{name}.svg"), &svg, &mut files)?;
                write(&folder, &format!("diagrams/{name}.png"), &png, &mut files)?;
            }
            Err(reason) => dot_only.push((name, reason)),
        }
    }

    progress.stage("writing the index");
    files.push("index.html".into());
    files.sort();
    let index = index_page(
        dataset,
        &briefing,
        &ranked,
        &brokerage_view,
        &channel_view,
        network_svg.as_deref(),
        &files,
    )?;
    write(&folder, "index.html", index.as_bytes(), &mut Vec::new())?;

    progress.stage("moving the bundle into place");
    let kept = temp.keep();
    replace_folder(&kept, out)?;
    Ok(Summary {
        folder: out.to_path_buf(),
        files,
        dot_only,
        graphviz_found: graphviz_ready.is_ok(),
    })
}

/// Swaps `fresh` into `target`: the old bundle is moved aside first and removed last, so at no
/// moment is `target` half written.
fn replace_folder(fresh: &Path, target: &Path) -> Result<()> {
    if target.exists() {
        let aside = target.with_file_name(format!(
            ".{}-old-{}",
            target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        std::fs::rename(target, &aside).map_err(|e| Error::io(target, e))?;
        if let Err(e) = std::fs::rename(fresh, target) {
            let _ = std::fs::rename(&aside, target);
            return Err(Error::io(target, e));
        }
        std::fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
    } else {
        std::fs::rename(fresh, target).map_err(|e| Error::io(target, e))?;
    }
    Ok(())
}

/// Our own limited Markdown (headings, lists, numbered lists, paragraphs, **bold**, *italic*)
/// to HTML, escaping every line first.
fn markdown_to_html(markdown: &str) -> String {
    let inline = |text: &str| {
        let escaped = html(text);
        let mut out = String::new();
        let mut bold = false;
        let mut italic = false;
        let mut chars = escaped.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '*' && chars.peek() == Some(&'*') {
                chars.next();
                out.push_str(if bold { "</strong>" } else { "<strong>" });
                bold = !bold;
            } else if c == '*' {
                out.push_str(if italic { "</em>" } else { "<em>" });
                italic = !italic;
            } else {
                out.push(c);
            }
        }
        out
    };
    let mut out = String::new();
    let mut list: Option<&str> = None;
    for line in markdown.lines() {
        let numbered = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let (kind, content) = if let Some(rest) = line.strip_prefix("- ") {
            (Some("ul"), rest)
        } else if let Some((_, rest)) = numbered {
            (Some("ol"), rest)
        } else {
            (None, line)
        };
        if list.is_some() && list != kind {
            out.push_str(&format!("</{}>\n", list.unwrap_or("ul")));
            list = None;
        }
        match kind {
            Some(tag) => {
                if list.is_none() {
                    out.push_str(&format!("<{tag}>\n"));
                    list = Some(tag);
                }
                out.push_str(&format!("<li>{}</li>\n", inline(content)));
            }
            None if line.starts_with("## ") => {
                out.push_str(&format!("<h2>{}</h2>\n", inline(&line[3..])))
            }
            None if line.starts_with("# ") => {
                out.push_str(&format!("<h1>{}</h1>\n", inline(&line[2..])))
            }
            None if line.trim().is_empty() => {}
            None => out.push_str(&format!("<p>{}</p>\n", inline(line))),
        }
    }
    if let Some(tag) = list {
        out.push_str(&format!("</{tag}>\n"));
    }
    out
}

fn table_html(table: &Table, limit: usize) -> String {
    let mut out = format!(
        "<h2>{}</h2>\n<table class=\"sortable\"><thead><tr>",
        html(&table.title)
    );
    for column in &table.columns {
        out.push_str(&format!("<th>{}</th>", html(column)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in table.rows.iter().take(limit) {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", html(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

fn index_page(
    dataset: &Dataset,
    briefing: &str,
    ranked: &Ranked,
    brokers: &BrokerageView,
    channels: &ChannelsView,
    network_svg: Option<&str>,
    files: &[String],
) -> Result<String> {
    let mut extra = String::from("<section class=\"report\">\n");
    extra.push_str(&markdown_to_html(briefing));
    let mut centrality = ranked.tables().remove(0);
    centrality.title = "Centrality on the network (top 25; click a header to sort)".into();
    extra.push_str(&table_html(&centrality, 25));
    if let Some(table) = brokers.tables().into_iter().next() {
        extra.push_str(&table_html(&table, 25));
    }
    if let Some(table) = channels.tables().into_iter().next() {
        extra.push_str(&table_html(&table, 25));
    }
    extra.push_str("<h2>Files in this bundle</h2>\n<ul>\n");
    for file in files {
        extra.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>\n", html(file)));
    }
    extra.push_str("</ul>\n</section>\n");
    let options = SceneOptions {
        size_by: Measure::Degree,
        colour_by: ColourBy::Group,
        top: None,
        only: false,
    };
    let scene = crate::render::scene::scene(dataset, &View::Network, &options)?;
    let svg = match network_svg {
        Some(svg) => svg.to_string(),
        None => "<p>The interactive diagram needs Graphviz: install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) and run coopgraph report again. The DOT sources are in diagrams/.</p>".to_string(),
    };
    Ok(crate::render::html::page_with(
        &scene, dataset, &svg, &extra,
    ))
}
