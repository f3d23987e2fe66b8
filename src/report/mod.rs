//! The main job: `report` writes the briefing bundle — findings, tables, diagrams, exports and an
//! interactive index — into a temporary folder beside the target, then renames it into place,
//! so an interrupted run never leaves half a bundle (the folder rules are `crate::fsio::bundle`'s).

pub mod analyses;
pub mod changes;
pub mod deck;
pub mod deck_views;
pub mod findings;
pub mod pictures;
pub mod sampled;

use crate::analysis::centrality::Measure;
use crate::analysis::overlap::{memberships, ranked_pairs, OverlapOf};
use crate::error::Result;
use crate::export::ExportFormat;
use crate::fsio::bundle::{self, Build, Manifest, Picture};
use crate::model::lookup::Labels;
use crate::model::Dataset;
use crate::present::brokerage::BrokerageView;
use crate::present::overlap::{ChannelsView, PairStream};
use crate::present::structure::StructureView;
use crate::present::{write_csv, Presentable, Table};
use crate::progress::Progress;
use crate::render::graphviz;
use crate::render::page::data::PageView;
use crate::render::scene::{ColourBy, Diagram, Limit, SceneOptions};
use crate::render::style::Theme;
use crate::render::{draw, draw_pictures, DiagramFormat, DrawOptions};
use crate::text::escape::html;
use analyses::{Analyses, Network};
use pictures::{dot_hash, files_of, EarlierPictures};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    /// Diagrams Graphviz did not draw whose pictures were kept from the earlier bundle, drawn
    /// from the same DOT.
    pub kept: Vec<String>,
    /// Stale build folders of interrupted reports removed before this one.
    pub swept: Vec<PathBuf>,
    /// False when Graphviz is not installed (as opposed to installed and failing).
    pub graphviz_found: bool,
    /// Why `briefing.pdf` was not written (LibreOffice missing or failing), if it was not.
    pub no_pdf: Option<String>,
    /// Areas with mechanisms but no diagram of their own (beyond [`AREA_DIAGRAMS`]): the page
    /// lists them.
    pub areas_not_drawn: usize,
}

/// A diagram's DOT hash (before Graphviz measures it), the DOT written, the dataset id of each
/// drawn node, and its SVG and PNG — or why Graphviz did not draw them.
type Rendered = (
    String,
    String,
    Vec<String>,
    std::result::Result<(Vec<u8>, Vec<u8>), String>,
);

/// Longest the report spends on one diagram, Graphviz's runs and coopgraph's own layout
/// together.
const REPORT_DRAWING_SECONDS: u64 = 300;

/// A diagram's place among the index's tabs (rank) and its tab title.
type Tab = (usize, String);

/// One diagram of the bundle.
struct BundleDiagram {
    name: String,
    view: Diagram,
    theme: Theme,
    colour_by: ColourBy,
}

impl BundleDiagram {
    /// Ego and path examples show only their part: the rest of the network, faded, would fill
    /// the page with grey.
    fn only(&self) -> bool {
        matches!(self.view, Diagram::Ego(..) | Diagram::Path(..))
    }
}

/// The diagram name of area `id`: its slug, cut to 80 characters (an id may be longer than a
/// file name can be) and made unique among `taken` (`Q.1` and `q 1` share a slug).
fn area_name(id: &str, taken: &[BundleDiagram]) -> String {
    let slug: String = Diagram::Area(id.to_string())
        .slug()
        .trim_start_matches("area-")
        .chars()
        .take(80)
        .collect();
    let base = format!("area-{}", slug.trim_end_matches('-'));
    let mut name = base.clone();
    let mut next = 2;
    while taken.iter().any(|d| d.name == name) {
        name = format!("{base}-{next}");
        next += 1;
    }
    name
}

fn diagrams(dataset: &Dataset, network: &Network) -> Vec<BundleDiagram> {
    let mut list = vec![
        BundleDiagram {
            name: "network".into(),
            view: Diagram::Network,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        BundleDiagram {
            name: "bodies".into(),
            view: Diagram::Bodies,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        BundleDiagram {
            name: "mechanisms".into(),
            view: Diagram::Mechanisms,
            theme: Theme::Light,
            colour_by: ColourBy::Area,
        },
        BundleDiagram {
            name: "org".into(),
            view: Diagram::Org,
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        },
        BundleDiagram {
            name: "org-slide".into(),
            view: Diagram::Org,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
        BundleDiagram {
            name: "network-slide".into(),
            view: Diagram::Network,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
        BundleDiagram {
            name: "bodies-slide".into(),
            view: Diagram::Bodies,
            theme: Theme::Slide,
            colour_by: ColourBy::Group,
        },
    ];
    // One ego and one path example, chosen from the data: the ego network of the most central
    // body, and the routes from the first group's most central body to the second group.
    if let Some(top) = network.central_bodies().next() {
        list.push(BundleDiagram {
            name: "ego".into(),
            view: Diagram::Ego(top.id.clone(), 1),
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        });
    }
    if let [first, second, ..] = dataset.groups.as_slice() {
        let start = network
            .central_bodies()
            .find(|s| s.group.as_deref() == Some(first.id.as_str()));
        if let Some(start) = start {
            list.push(BundleDiagram {
                name: "path".into(),
                view: Diagram::Path(start.id.clone(), second.id.clone()),
                theme: Theme::Light,
                colour_by: ColourBy::Group,
            });
        }
    }
    let (drawn, _) = areas_drawn(dataset);
    for area in drawn {
        list.push(BundleDiagram {
            name: area_name(&area.id, &list),
            view: Diagram::Area(area.id.clone()),
            theme: Theme::Light,
            colour_by: ColourBy::Group,
        });
    }
    list.extend(changes::diagram(dataset));
    list
}

/// The most per-area diagrams a report draws: the areas with most mechanisms. Each area is a
/// tab of the page and a diagram laid out several ways; a 4 MB document of 43 sections took
/// 43 of them (over half the report's Graphviz time) and a row of tabs no reader scans. The
/// bundled plan has nine areas.
pub const AREA_DIAGRAMS: usize = 12;

/// An area with its number of mechanisms.
pub type AreaCount<'a> = (&'a crate::model::Area, usize);

/// The areas with mechanisms, split into those the report draws (at most [`AREA_DIAGRAMS`],
/// those with most mechanisms, the first in the document on a tie; in the document's order) and
/// the rest (most mechanisms first), which the page lists instead.
pub fn areas_drawn(dataset: &Dataset) -> (Vec<&crate::model::Area>, Vec<AreaCount<'_>>) {
    let mut counts = std::collections::HashMap::new();
    for mechanism in &dataset.mechanisms {
        if let Some(area) = &mechanism.area {
            *counts.entry(area.as_str()).or_insert(0usize) += 1;
        }
    }
    let mut with: Vec<(usize, AreaCount)> = dataset
        .areas
        .iter()
        .enumerate()
        .filter_map(|(at, a)| counts.get(a.id.as_str()).map(|&n| (at, (a, n))))
        .collect();
    // Most mechanisms first; the document's order on a tie (the sort is stable).
    with.sort_by_key(|(_, (_, n))| std::cmp::Reverse(*n));
    let rest = with.split_off(with.len().min(AREA_DIAGRAMS));
    with.sort_by_key(|(at, _)| *at);
    let drawn = with.into_iter().map(|(_, (a, _))| a).collect();
    (
        drawn,
        rest.into_iter().map(|(_, counted)| counted).collect(),
    )
}

/// Views of more nodes than this are cut to their most central part. Measured: Graphviz's dot
/// takes ~2 s at 400 nodes and ~28 s at 2,000, and each diagram of a whole view runs it up to
/// seven times per roll-up level to choose its layout; up to 300 nodes (150 bodies in a
/// three-level hierarchy) the roll-up still yields readable pictures (tests/tools/readability.rs).
/// A view under it that still fails the measures is cut too (`render::draw`).
pub const VIEW_LIMIT: usize = 300;

/// Views of more lines than this are cut too, however few their nodes. Measured: the
/// mechanisms view of a generated 700-body dataset has 300 nodes but 14,095 lines, on which one
/// run of dot had not finished after 90 s; the bundled dataset's views have at most 142.
pub const VIEW_EDGE_LIMIT: usize = 600;

/// The cut applied to views above [`VIEW_LIMIT`] nodes, ranking by betweenness on the network.
fn limit(network: &Network) -> Limit {
    let rank = network
        .ranked
        .result
        .scores
        .iter()
        .map(|s| (s.id.clone(), s.betweenness.unwrap_or(0.0)))
        .collect();
    Limit {
        above: VIEW_LIMIT,
        above_edges: VIEW_EDGE_LIMIT,
        bodies: 60,
        carriers: 50,
        ties: 200,
        rank: Arc::new(rank),
        governments: true,
        cut_to_read: true,
    }
}

/// The smallest dataset (bodies) [`first_share`]'s starts were measured on.
const CALIBRATED_FROM: usize = 700;

/// The share of the report's [`Limit`] a cut diagram starts from. Every cut view is fitted
/// (`render::draw` cuts a view that fails the measures smaller, each size costing 3–5 Graphviz
/// runs); these starts are where the fitting ended on generated datasets of 700, 1,300, 7,000 and
/// 70,000 bodies, so that the report does not lay out sizes that are known to fail: the network
/// and org chart passed with 36 of 60 bodies on all four (the network with 60 at 70,000), the org
/// chart's slide with 12 or 21. On the 10,000-node dataset this took the report from 120 to
/// 94 Graphviz runs (23.9 s CPU against 64.8 s).
///
/// Below [`CALIBRATED_FROM`] bodies the fitting starts from the whole limit, as it was measured
/// from there up: a small dense dataset cut for its lines may well pass with 60 bodies.
fn first_share(dataset: &Dataset, d: &BundleDiagram) -> f64 {
    if dataset.bodies.len() < CALIBRATED_FROM {
        return 1.0;
    }
    match (&d.view, d.theme) {
        (Diagram::Org, Theme::Slide) => 0.35,
        (Diagram::Org | Diagram::Network, Theme::Light) => 0.6,
        _ => 1.0,
    }
}

/// How the report draws a diagram: nodes sized by degree, cut by `limit`, within the report's
/// time budget for one diagram.
fn draw_options(
    theme: Theme,
    colour_by: ColourBy,
    only: bool,
    limit: Limit,
    network: &Network,
) -> DrawOptions {
    DrawOptions {
        scene: SceneOptions {
            size_by: Measure::Degree,
            colour_by,
            top: None,
            only,
            limit: Some(limit),
            links: Some(network.links.clone()),
            body_degrees: Some(network.body_degrees.clone()),
        },
        theme,
        engine: None,
        // The whole drawing of one diagram, its measuring included: half of it at most goes to
        // measuring candidate layouts, so a dense diagram Graphviz takes a minute a run over
        // is still drawn.
        timeout: Duration::from_secs(REPORT_DRAWING_SECONDS),
        collapse: None,
    }
}

/// Draws one diagram of the bundle: its DOT hash, the DOT to write and, when Graphviz is ready
/// and succeeds, the SVG and PNG.
fn draw_diagram(
    dataset: &Dataset,
    d: &BundleDiagram,
    limit: &Limit,
    network: &Network,
    graphviz: &Result<std::path::PathBuf>,
) -> Result<Rendered> {
    let options = draw_options(
        d.theme,
        d.colour_by,
        d.only(),
        limit.shrunk(first_share(dataset, d)),
        network,
    );
    // The hash is of the DOT as built from the data, before Graphviz measures and lays it out:
    // an earlier picture is matched against it when Graphviz cannot draw this one; the node ids
    // come from the scene, not from Graphviz, so a kept picture gets them too.
    let unmeasured = || draw(dataset, &d.view, DiagramFormat::Dot, &options).map_err(|(e, _)| e);
    if let Err(missing) = graphviz {
        let plain = unmeasured()?;
        return Ok((
            dot_hash(&plain.dot),
            plain.dot,
            plain.node_ids,
            Err(missing.to_string()),
        ));
    }
    match draw_pictures(dataset, &d.view, &options) {
        Ok(drawing) => {
            let png = drawing.png.unwrap_or_default();
            let hash = dot_hash(&drawing.unmeasured);
            Ok((
                hash,
                drawing.dot,
                drawing.node_ids,
                Ok((drawing.bytes, png)),
            ))
        }
        // Graphviz failed on this diagram: keep its DOT and say why in the summary.
        Err((error, Some(dot))) => {
            let plain = unmeasured()?;
            Ok((
                dot_hash(&plain.dot),
                dot,
                plain.node_ids,
                Err(error.to_string()),
            ))
        }
        Err((error, None)) => Err(error),
    }
}

fn write(build: &Build, relative: &str, bytes: &[u8], files: &mut Vec<String>) -> Result<()> {
    build.write(relative, bytes)?;
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
    report_with(
        dataset,
        data,
        out,
        progress,
        &crate::report::deck::bundle::Options::default(),
    )
}

/// [`report`] with the deck's route questions and template.
pub fn report_with(
    dataset: &Dataset,
    data: &Path,
    out: &Path,
    progress: &Progress,
    deck: &crate::report::deck::bundle::Options,
) -> Result<Summary> {
    let destination = bundle::check(out)?;
    let earlier = EarlierPictures::of(&destination.path, &destination.earlier);
    let build = Build::start(destination)?;
    let mut files = Vec::new();
    let labels = Labels::new(dataset);

    let network = Network::compute(dataset, progress);
    let graphviz_ready = graphviz::binary();
    let graphviz_found = graphviz_ready.is_ok();
    let template = deck.template();
    // Drawing reads only the network's centrality and links: the diagrams (Graphviz's work, in
    // processes of their own) and the deck's cuts start now, while this thread computes the
    // other analyses and writes the briefing, the tables, the exports and the deck (whose PDF
    // is LibreOffice's work), so neither core waits for the other's stage to end. On a
    // 10,000-participant mechanism the other analyses take 3 s of one core.
    let (drawn, written) = std::thread::scope(|scope| {
        let diagrams = scope.spawn(|| {
            progress.stage("drawing diagrams with Graphviz");
            let mut files = Vec::new();
            draw_diagrams(
                &build,
                dataset,
                &network,
                &earlier,
                &graphviz_ready,
                &mut files,
            )
            .map(|drawn| (drawn, files))
        });
        let deck_views = scope.spawn(|| {
            deck_views::fit_all(&deck_views::Inputs {
                dataset,
                network: &network,
                template: &template,
                graphviz: graphviz_found,
                earlier: &earlier,
            })
        });
        let fitted = || {
            deck_views
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        let inputs = RestInputs {
            build: &build,
            dataset,
            data,
            labels: &labels,
            progress,
            deck,
            earlier: &earlier,
        };
        let written = write_the_rest(&inputs, network.clone(), fitted);
        let drawn = diagrams
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (drawn, written)
    });
    let (mut drawn, diagram_files) = drawn?;
    let Written {
        analyses,
        briefing,
        tables,
        deck: (deck_pictures, no_pdf),
        files: rest_files,
    } = written?;
    files.extend(diagram_files);
    files.extend(rest_files);
    drawn.pictures.extend(deck_pictures);
    progress.stage("writing the index");
    files.push("index.html".into());
    files.sort();
    let index = index_page(
        dataset,
        &briefing,
        &analyses,
        &tables.brokerage,
        &tables.channels,
        drawn.views,
        &files,
    )?;
    build.write("index.html", index.as_bytes())?;

    progress.stage("moving the bundle into place");
    let swept = build.swept().to_vec();
    build.finish(&Manifest {
        format: bundle::FORMAT.into(),
        files: files.clone(),
        sha256: Default::default(),
        pictures: drawn.pictures,
    })?;
    Ok(Summary {
        folder: out.to_path_buf(),
        files,
        dot_only: drawn.dot_only,
        kept: drawn.kept,
        swept,
        graphviz_found: drawn.graphviz_found,
        no_pdf,
        areas_not_drawn: areas_drawn(dataset).1.len(),
    })
}

/// What [`write_the_rest`] works with.
struct RestInputs<'a> {
    build: &'a Build,
    dataset: &'a Dataset,
    data: &'a Path,
    labels: &'a Labels<'a>,
    progress: &'a Progress,
    deck: &'a crate::report::deck::bundle::Options,
    earlier: &'a EarlierPictures,
}

/// What [`write_the_rest`] wrote, and what the index needs of it.
struct Written<'a> {
    analyses: Analyses,
    briefing: String,
    tables: IndexTables<'a>,
    deck: DeckWritten,
    files: Vec<String>,
}

/// Everything of the bundle but the diagrams and the index: the analyses beside `network`,
/// the briefing, the tables and exports, and the deck (from the cuts `fitted` gives), whose
/// slides are written and converted to PDF while the tables and exports are written.
fn write_the_rest<'a>(
    inputs: &RestInputs<'a>,
    network: Network,
    fitted: impl FnOnce() -> std::result::Result<Vec<deck_views::Fitted>, deck::DeckError>,
) -> Result<Written<'a>> {
    let RestInputs {
        build,
        dataset,
        progress,
        ..
    } = *inputs;
    let mut files = Vec::new();
    let analyses = Analyses::complete(dataset, network, progress);
    progress.stage("writing the briefing");
    let findings = findings::findings_of(dataset, &analyses);
    // A dataset of several dated sources adds "What changed" (empty for one document).
    let briefing = findings::briefing(dataset, &findings) + &changes::section(dataset);
    write(build, "briefing.md", briefing.as_bytes(), &mut files)?;
    let fitted = fitted()?;
    let (tables, deck) = std::thread::scope(|scope| -> Result<_> {
        let deck = scope.spawn(|| {
            progress.stage("writing the deck");
            let briefed = Briefed {
                dataset,
                briefing: &briefing,
                findings: &findings,
                analyses: &analyses,
            };
            let mut files = Vec::new();
            write_deck(
                build,
                briefed,
                inputs.deck,
                fitted,
                inputs.earlier,
                &mut files,
            )
            .map(|d| (d, files))
        });
        let tables = write_tables(
            build,
            dataset,
            &analyses,
            inputs.labels,
            progress,
            &mut files,
        )?;
        progress.stage("writing exports");
        write_exports(build, dataset, inputs.data, &analyses, &mut files)?;
        let (deck, deck_files) = deck
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        files.extend(deck_files);
        Ok((tables, deck))
    })?;
    Ok(Written {
        analyses,
        briefing,
        tables,
        deck,
        files,
    })
}

/// The tables the index shows as well as writes.
struct IndexTables<'a> {
    brokerage: BrokerageView<'a>,
    channels: ChannelsView<'a>,
}

/// Writes `tables/`: centralities, overlaps (streamed), redundant channels, structure and
/// brokerage.
fn write_tables<'a>(
    build: &Build,
    dataset: &'a Dataset,
    analyses: &Analyses,
    labels: &Labels<'a>,
    progress: &Progress,
    files: &mut Vec<String>,
) -> Result<IndexTables<'a>> {
    progress.stage("writing tables");
    for (relative, table) in [
        (
            "tables/centrality-network.csv",
            analyses.network.ranked.csv_table(),
        ),
        ("tables/centrality-bodies.csv", analyses.bodies.csv_table()),
    ] {
        write(build, relative, &csv_bytes(&table)?, files)?;
    }
    progress.stage("writing tables: overlaps");
    for (name, of) in [
        ("bodies", OverlapOf::Bodies),
        ("mechanisms", OverlapOf::Mechanisms),
        ("forums", OverlapOf::Forums),
    ] {
        // Streamed: 7,000 bodies share 741,000 pairs, too many to hold as text.
        let members = memberships(dataset, of);
        let view = PairStream {
            of: "pairs",
            pairs: ranked_pairs(&members, 1, crate::analysis::overlap::TABLE_PAIRS),
            members: &members,
            labels: labels.clone(),
        };
        let relative = format!("tables/overlap-{name}.csv");
        build.write_with(&relative, |out| view.write_csv(out))?;
        files.push(relative);
    }
    let channels = ChannelsView {
        channels: analyses.channels.clone(),
        threshold: 1.0,
        labels: labels.clone(),
    };
    write(
        build,
        "tables/redundant-channels.csv",
        &csv_bytes(&channels.csv_table())?,
        files,
    )?;
    progress.stage("writing tables: structure and brokerage");
    let structure = StructureView {
        structure: analyses.structure.clone(),
        labels: labels.clone(),
    };
    write(
        build,
        "tables/structure.csv",
        &csv_bytes(&structure.csv_table())?,
        files,
    )?;
    let brokerage = BrokerageView {
        brokers: analyses.brokers.clone(),
        labels: labels.clone(),
    };
    write(
        build,
        "tables/brokerage.csv",
        &csv_bytes(&brokerage.csv_table())?,
        files,
    )?;
    Ok(IndexTables {
        brokerage,
        channels,
    })
}

/// Writes `exports/`: GraphML, GEXF, node-link JSON, Cypher and the CSV folder.
fn write_exports(
    build: &Build,
    dataset: &Dataset,
    data: &Path,
    analyses: &Analyses,
    files: &mut Vec<String>,
) -> Result<()> {
    let exports = build.make_dirs("exports")?;
    let export_graph =
        crate::export::model::export_graph_with(dataset, &analyses.network.ranked.result.scores);
    for (format, name) in [
        (ExportFormat::Graphml, "network.graphml"),
        (ExportFormat::Gexf, "network.gexf"),
        (ExportFormat::Json, "network.json"),
        (ExportFormat::Cypher, "network.cypher"),
    ] {
        crate::export::write_graph(dataset, data, &export_graph, format, &exports.join(name))?;
        files.push(format!("exports/{name}"));
    }
    let csv = exports.join("csv");
    let folder = build.folder();
    for path in crate::export::write_graph(dataset, data, &export_graph, ExportFormat::Csv, &csv)? {
        if let Ok(relative) = path.strip_prefix(folder) {
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    // The CSV folder's list of what coopgraph wrote, so an export into it later keeps edits.
    files.push(format!("exports/csv/{}", crate::fsio::owned::MARKER));
    // The export records (100,000 nodes' are hundreds of megabytes) are freed here, before
    // the diagrams and the page.
    Ok(())
}

/// What drawing the diagrams gave the rest of the bundle.
struct DrawnAll {
    /// Diagrams written as DOT only, with why.
    dot_only: Vec<(String, String)>,
    /// Diagrams whose pictures were kept from the earlier bundle.
    kept: Vec<String>,
    /// Each drawn diagram's DOT hash and files.
    pictures: std::collections::BTreeMap<String, Picture>,
    /// The index's tabs.
    views: Vec<(usize, PageView)>,
    /// Graphviz is installed.
    graphviz_found: bool,
}

/// Draws every diagram of the bundle (in parallel) and writes its DOT, SVG and PNG; a diagram
/// Graphviz did not draw keeps the earlier bundle's pictures drawn from the same DOT.
fn draw_diagrams(
    build: &Build,
    dataset: &Dataset,
    network: &Network,
    earlier: &EarlierPictures,
    graphviz_ready: &Result<PathBuf>,
    files: &mut Vec<String>,
) -> Result<DrawnAll> {
    let list = diagrams(dataset, network);
    let limit = limit(network);
    let draw_all = || -> Vec<(String, Option<Tab>, Result<Rendered>)> {
        list.par_iter()
            .map(|d| {
                (
                    d.name.clone(),
                    tab(dataset, d),
                    draw_diagram(dataset, d, &limit, network, graphviz_ready),
                )
            })
            .collect()
    };
    // A pool of their own: in rayon's shared pool the diagrams' queue held up the analyses
    // and the deck's cuts (their parallel loops wait behind it) until every diagram was drawn.
    let drawn = match rayon::ThreadPoolBuilder::new().build() {
        Ok(pool) => pool.install(draw_all),
        Err(_) => draw_all(),
    };
    let mut all = DrawnAll {
        dot_only: Vec::new(),
        kept: Vec::new(),
        pictures: std::collections::BTreeMap::new(),
        views: Vec::new(),
        graphviz_found: graphviz_ready.is_ok(),
    };
    for (name, tab, result) in drawn {
        let (hash, dot, node_ids, rendered) = match result {
            Ok(done) => done,
            // The ego and path examples are extras: a dataset without a route simply has none.
            Err(_) if name == "ego" || name == "path" => continue,
            Err(error) => return Err(error),
        };
        // Not drawn now, but drawn earlier from the same DOT: keep that picture (and the DOT
        // Graphviz measured for it), so a run without Graphviz changes nothing.
        let (dot, rendered) = match rendered {
            Ok((svg, png)) => (dot.into_bytes(), Ok((svg, png))),
            Err(reason) => match earlier.keep(&name, &hash) {
                Some([dot, svg, png]) => {
                    all.kept.push(name.clone());
                    (dot, Ok((svg, png)))
                }
                None => (dot.into_bytes(), Err(reason)),
            },
        };
        let [dot_file, svg_file, png_file] = files_of(&name);
        write(build, &dot_file, &dot, files)?;
        let (svg, png) = match rendered {
            Ok(pictures) => pictures,
            Err(reason) => {
                all.dot_only.push((name, reason));
                continue;
            }
        };
        if let Some((rank, title)) = tab {
            all.views.push((
                rank,
                PageView {
                    title,
                    svg: String::from_utf8_lossy(&svg).into_owned(),
                    node_ids,
                },
            ));
        }
        write(build, &svg_file, &svg, files)?;
        write(build, &png_file, &png, files)?;
        let picture = Picture {
            dot_sha256: hash,
            files: vec![dot_file, svg_file, png_file],
        };
        all.pictures.insert(name, picture);
    }
    Ok(all)
}

/// What the deck is made from: the dataset, the briefing and what it was computed from.
struct Briefed<'a> {
    dataset: &'a Dataset,
    briefing: &'a str,
    findings: &'a findings::Findings,
    analyses: &'a Analyses,
}

/// The deck's diagrams as the marker records them, and why there is no PDF (if there is none).
type DeckWritten = (Vec<(String, Picture)>, Option<String>);

/// Writes `briefing.pptx`, `briefing.pdf` and the deck's diagrams (`fitted`: their DOT and
/// layout, recorded with the pictures so a run without Graphviz keeps them); returns those
/// records and why there is no PDF, if there is none.
fn write_deck(
    build: &Build,
    briefed: Briefed,
    options: &crate::report::deck::bundle::Options,
    fitted: Vec<deck_views::Fitted>,
    earlier: &EarlierPictures,
    files: &mut Vec<String>,
) -> Result<DeckWritten> {
    let mut laid_out = Vec::new();
    for f in &fitted {
        let [dot_file, layout_file] = pictures::laid_out_files(f.name);
        write(build, &dot_file, &f.dot, files)?;
        write(build, &layout_file, &f.layout, files)?;
        let picture = Picture {
            dot_sha256: f.hash.clone(),
            files: vec![dot_file, layout_file],
        };
        laid_out.push((f.name.to_string(), picture));
    }
    let previous = earlier
        .file("briefing.pptx")
        .zip(earlier.file("briefing.pdf"));
    let written = crate::report::deck::bundle::write(
        briefed.dataset,
        briefed.briefing,
        briefed.findings,
        briefed.analyses,
        options,
        deck_views::by_slide(&fitted),
        previous,
    )?;
    write(build, "briefing.pptx", &written.pptx, files)?;
    match written.pdf {
        Ok(pdf) => {
            write(build, "briefing.pdf", &pdf, files)?;
            Ok((laid_out, None))
        }
        Err(reason) => Ok((laid_out, Some(reason))),
    }
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
            None if line.starts_with("### ") => {
                out.push_str(&format!("<h3>{}</h3>\n", inline(&line[4..])))
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

/// Where a diagram goes among the index's tabs (its rank and title), if it is one of the main
/// views: the network (the slide layout: compact, every body's name readable, the mechanisms as
/// dots that name themselves on hover and click), the organisation, then each area.
fn tab(dataset: &Dataset, diagram: &BundleDiagram) -> Option<Tab> {
    match (&diagram.view, diagram.theme) {
        (Diagram::Network, Theme::Slide) => Some((0, "Network".to_string())),
        (Diagram::Org, Theme::Light) => Some((1, "Organisation".to_string())),
        (Diagram::Area(id), Theme::Light) => {
            let (i, area) = dataset
                .areas
                .iter()
                .enumerate()
                .find(|(_, a)| &a.id == id)?;
            let title = match &area.section {
                Some(section) => format!("{section} {}", area.name),
                None => area.name.clone(),
            };
            Some((2 + i, title))
        }
        _ => None,
    }
}

/// The areas beyond [`AREA_DIAGRAMS`], as a table saying why they have no tab and how to draw
/// one; empty when every area has its diagram.
fn areas_not_drawn_html(dataset: &Dataset) -> String {
    let (drawn, rest) = areas_drawn(dataset);
    if rest.is_empty() {
        return String::new();
    }
    let table = Table {
        title: format!(
            "Areas without a diagram ({} of {})",
            rest.len(),
            drawn.len() + rest.len()
        ),
        columns: vec!["Area".into(), "Mechanisms".into(), "Draw it with".into()],
        rows: rest
            .iter()
            .map(|(area, count)| {
                let name = match &area.section {
                    Some(section) => format!("{section} {}", area.name),
                    None => area.name.clone(),
                };
                vec![
                    name,
                    count.to_string(),
                    format!("coopgraph render area:{}", area.id),
                ]
            })
            .collect(),
    };
    format!(
        "<p>The bundle draws the {} areas with most mechanisms; the other {} are listed here, most mechanisms first.</p>\n{}",
        drawn.len(),
        rest.len(),
        table_html(&table, rest.len())
    )
}

/// The links to the slides, where the bundle has them.
fn deck_links(files: &[String]) -> String {
    let links: Vec<&str> = [
        (
            "briefing.pptx",
            "<a href=\"briefing.pptx\">the slides (PowerPoint; diagrams as editable shapes)</a>",
        ),
        (
            "briefing.pdf",
            "<a href=\"briefing.pdf\">the same slides as PDF</a>",
        ),
    ]
    .into_iter()
    .filter(|(file, _)| files.iter().any(|f| f == file))
    .map(|(_, link)| link)
    .collect();
    if links.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"deck\">Briefing deck: {}.</p>\n",
        links.join(" · ")
    )
}

fn index_page(
    dataset: &Dataset,
    briefing: &str,
    analyses: &Analyses,
    brokers: &BrokerageView,
    channels: &ChannelsView,
    mut views: Vec<(usize, PageView)>,
    files: &[String],
) -> Result<String> {
    let ranked = &analyses.network.ranked;
    let mut extra = String::from("<section class=\"report\">\n");
    extra.push_str(&deck_links(files));
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
    extra.push_str(&areas_not_drawn_html(dataset));
    extra.push_str("<h2>Files in this bundle</h2>\n<ul>\n");
    // Hidden files are coopgraph's own bookkeeping, not something to read.
    let shown = files.iter().filter(|file| {
        !file
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with('.'))
    });
    for file in shown {
        extra.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>\n", html(file)));
    }
    extra.push_str("</ul>\n</section>\n");
    if views.is_empty() {
        extra.insert_str(0, "<p class=\"report\">The interactive diagram needs Graphviz: install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz) and run coopgraph report again. The DOT sources are in diagrams/.</p>\n");
    }
    views.sort_by_key(|(rank, _)| *rank);
    let views: Vec<PageView> = views.into_iter().map(|(_, view)| view).collect();
    let title = match &dataset.title {
        Some(title) => title.clone(),
        None => "Who cooperates with whom, through what".to_string(),
    };
    Ok(crate::render::page::page_with_scores(
        &title,
        dataset,
        &views,
        &extra,
        Some(&ranked.result.scores),
        Some(&analyses.network.links),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled plan with its mechanisms dealt over `areas` areas, area `k` holding the
    /// mechanisms whose position leaves remainder `k`.
    fn with_areas(areas: usize) -> Dataset {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/japan-india-2009.json");
        let mut dataset = crate::ingest::json::read(&path).expect("bundled dataset");
        let template = dataset.areas[0].clone();
        dataset.areas = (0..areas)
            .map(|k| crate::model::Area {
                id: format!("x{k}"),
                name: format!("Area <{k}>"),
                section: Some(k.to_string()),
                ..template.clone()
            })
            .collect();
        for (at, mechanism) in dataset.mechanisms.iter_mut().enumerate() {
            mechanism.area = Some(format!("x{}", at % areas));
        }
        dataset
    }

    #[test]
    fn a_report_draws_the_areas_with_most_mechanisms_and_lists_the_rest() {
        // 49 mechanisms over 20 areas: the first nine hold three each, the other eleven two.
        let dataset = with_areas(20);
        let (drawn, rest) = areas_drawn(&dataset);
        assert_eq!(drawn.len(), AREA_DIAGRAMS);
        let ids: Vec<&str> = drawn.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            ["x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11"],
            "the nine of three mechanisms, then the first of two, in the document's order"
        );
        let listed: Vec<(&str, usize)> = rest.iter().map(|(a, n)| (a.id.as_str(), *n)).collect();
        assert_eq!(listed.len(), 8);
        assert_eq!(listed[0], ("x12", 2));
        let html = areas_not_drawn_html(&dataset);
        assert!(html.contains("Areas without a diagram (8 of 20)"), "{html}");
        assert!(
            html.contains("draws the 12 areas with most mechanisms"),
            "{html}"
        );
        assert!(
            html.contains(
                "<td>12 Area &lt;12&gt;</td><td>2</td><td>coopgraph render area:x12</td>"
            ),
            "{html}"
        );
        // The bundle's diagrams: one per drawn area, none for the rest.
        let network = Network::compute(&dataset, &Progress::hidden());
        let areas: Vec<String> = diagrams(&dataset, &network)
            .into_iter()
            .filter_map(|d| match d.view {
                Diagram::Area(id) => Some(id),
                _ => None,
            })
            .collect();
        assert_eq!(areas, ids);
    }

    #[test]
    fn a_document_of_few_areas_draws_each_and_lists_none() {
        let dataset = with_areas(9);
        let (drawn, rest) = areas_drawn(&dataset);
        assert_eq!((drawn.len(), rest.len()), (9, 0));
        assert_eq!(areas_not_drawn_html(&dataset), "");
    }
}
