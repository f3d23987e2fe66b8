//! The command line: one closed enum of commands and their flags (clap derive).

use crate::analysis::centrality::{Measure, Sampling, DEFAULT_SEED};
use crate::export::ExportFormat;
use crate::graph::GraphKind;
use crate::present::Format;
use crate::render::graphviz::Engine;
use crate::render::scene::ColourBy;
use crate::render::style::Theme;
use crate::render::DiagramFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The bundled dataset, used when `--data` is not given.
pub const DEFAULT_DATA: &str = "data/japan-india-2009.json";

/// coopgraph: who cooperates with whom, through what — networks from government cooperation
/// documents, with every tie traceable to the sentence it came from.
#[derive(Debug, Parser)]
#[command(name = "coopgraph", version, about, long_about = None)]
pub struct Cli {
    /// The dataset file (JSON, schema coopgraph/2; coopgraph/1 is read too).
    #[arg(long, global = true, value_name = "FILE", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// What input files are accepted.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Limits on input files, for every command.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Largest input file read (dataset, source text, CSV table), such as 512MB or 2GB.
    #[arg(long, global = true, value_name = "SIZE", default_value = "256MB",
          value_parser = crate::fsio::input::parse_size)]
    pub max_input_size: u64,
    /// Also accept source texts inside DIR (repeatable); by default a source must lie inside
    /// the dataset's folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub allow_source_root: Vec<PathBuf>,
    /// Accept source paths anywhere: absolute paths, `..` and links leading out of the folder.
    #[arg(long, global = true)]
    pub allow_outside_sources: bool,
}

impl InputArgs {
    /// The input policy these flags ask for.
    pub fn policy(&self) -> crate::fsio::input::InputPolicy {
        crate::fsio::input::InputPolicy {
            max_bytes: self.max_input_size,
            source_roots: self.allow_source_root.clone(),
            outside_sources: self.allow_outside_sources,
        }
    }
}

/// A count that must be at least 1 (`--top 0` would print nothing and look like a bug).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("0 would show nothing; expected a whole number of at least 1".into()),
        Ok(count) => Ok(count),
        Err(_) => Err("expected a whole number of at least 1".into()),
    }
}

/// Parses the command line as [`Parser::parse`] does, except that a usage error is shown with
/// its control characters escaped: clap quotes what was typed as it is, so an argument holding
/// escape sequences would otherwise drive the terminal. Help and version print as usual.
pub fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if error.use_stderr() => {
            // `StyledStr`'s Display drops clap's own styling; what is left is plain text.
            let text = error.render().to_string();
            eprint!("{}", crate::text::escape::terminal_message(&text));
            std::process::exit(error.exit_code());
        }
        Err(error) => error.exit(),
    }
}

/// The file an `-o` flag names, or `None` for standard output: no `-o`, or `-o -` (as every
/// command reads it, so `-o -` never creates a file named `-`).
pub fn output_file(output: Option<&PathBuf>) -> Option<&PathBuf> {
    output.filter(|path| path.as_os_str() != "-")
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: write the briefing bundle (findings, tables, diagrams, exports, index.html).
    Report(ReportArgs),
    /// Check the dataset: references, ids, parent cycles, sources and verbatim quotes.
    Validate(ValidateArgs),
    /// Count nodes and ties by kind, group, area and frequency.
    Stats(FormatArgs),
    /// Build a dataset from other formats.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the dataset in another format.
    Export(ExportArgs),
    /// Who is central: degree, betweenness, closeness, harmonic, eigenvector, PageRank.
    Centrality(CentralityArgs),
    /// Which bodies, mechanisms or forums share the most; which channels are redundant.
    Overlap(OverlapArgs),
    /// Components, single points of failure (cut points, bridges), k-cores, communities.
    Structure(StructureArgs),
    /// Who brokers between groups: Gould–Fernandez roles, Burt's constraint and effective size.
    Brokerage(BrokerageArgs),
    /// Write a synthetic dataset (for benchmarks).
    Generate(GenerateArgs),
    /// Which bodies link FROM to TO: every short route, with the mechanism and clause of each hop.
    Path(PathArgs),
    /// The bodies around a node, depth by depth, with what ties each one in.
    Ego(EgoArgs),
    /// Draw a view as DOT, SVG, PNG or an interactive HTML page.
    Render(RenderArgs),
    /// What changed between two datasets (A B) or two sources of one (--from S --to S): elements
    /// added, removed and changed, ties gained and lost, centrality moves, each with its clause.
    Diff(DiffArgs),
    /// Draft a dataset from a cooperation document (text, Markdown, HTML, PDF): every tie cites
    /// its sentence, every element is marked draft for review.
    Draft(DraftArgs),
    /// Review drafted elements: list them with their quotes; accept, correct or drop them.
    Review(ReviewArgs),
}

/// Flags of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier dataset file (with B; without them, --from and --to compare two sources of
    /// the --data dataset).
    #[arg(value_name = "A", requires = "second", conflicts_with_all = ["from", "to"])]
    pub first: Option<PathBuf>,
    /// The later dataset file.
    #[arg(value_name = "B")]
    pub second: Option<PathBuf>,
    /// The earlier source (its id in the --data dataset).
    #[arg(long, value_name = "SOURCE", requires = "to")]
    pub from: Option<String>,
    /// The later source.
    #[arg(long, value_name = "SOURCE", requires = "from")]
    pub to: Option<String>,
    /// Ties between bodies listed each way, gained and lost (all are counted, with the
    /// mechanisms that carry them).
    #[arg(long, value_name = "N", default_value_t = crate::diff::TIE_LIMIT)]
    pub max_ties: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatChoice::Table)]
    pub format: FormatChoice,
    /// Exact or sampled betweenness for the moves in centrality.
    #[command(flatten)]
    pub sampling: SamplingArgs,
    /// Which part of each dataset in time (applied to both A and B).
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Flags of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// network | bodies | mechanisms | org | area:ID | ego:NODE[:DEPTH] | path:FROM:TO | changes:FROM:TO (two dated sources)
    pub view: String,
    /// Output format [default: the extension of -o FILE (.dot, .gv, .svg, .png, .html, .htm), else svg].
    #[arg(long, value_enum)]
    pub format: Option<DiagramFormatChoice>,
    /// Output file ("-" for standard output; default: VIEW.FORMAT in the current folder).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Look: light, dark, or slide (16:9, 1920×1080, large type).
    #[arg(long, value_enum, default_value_t = ThemeChoice::Light)]
    pub theme: ThemeChoice,
    /// The centrality that sets node size.
    #[arg(long, value_enum, default_value_t = MeasureChoice::Degree)]
    pub size_by: MeasureChoice,
    /// What fill colours show.
    #[arg(long = "color-by", value_enum, default_value_t = ColourChoice::Group)]
    pub colour_by: ColourChoice,
    /// Keep only the N largest bodies (by --size-by) and what ties them.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub top: Option<usize>,
    /// Graphviz layout engine (default: dot for small graphs, sfdp for large).
    #[arg(long, value_enum)]
    pub engine: Option<EngineChoice>,
    /// In ego and path views, drop what is outside the selection instead of fading it.
    #[arg(long)]
    pub only: bool,
    /// Longest the drawing may take in all (every Graphviz run and coopgraph's own layout work), in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout: u64,
    /// Roll the hierarchy up first.
    #[command(flatten)]
    pub collapse: CollapseArgs,
    /// Print the drawing's readability (overlapping labels, aspect ratio, smallest text at
    /// 1920 px wide) on standard error; exit 1 when a measure fails.
    #[arg(long)]
    pub check: bool,
    /// Which part of the dataset in time.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// The shared `--as-of DATE` and `--only-source ID` flags: which part of the dataset in time.
#[derive(Debug, Clone, Default, Args)]
pub struct ScopeArgs {
    /// Keep what had appeared by DATE (YYYY, YYYY-MM or YYYY-MM-DD; `2022` means by the end of
    /// 2022): the sources dated up to then and what they cite.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<crate::model::dates::Date>,
    /// Keep what one source (document) names, by its id.
    #[arg(long, value_name = "ID")]
    pub only_source: Option<String>,
}

impl ScopeArgs {
    /// The part of the dataset these flags keep.
    pub fn view(&self) -> crate::model::view::View {
        crate::model::view::View {
            as_of: self.as_of,
            only_source: self.only_source.clone(),
        }
    }
}

/// Reads a `--as-of` date, explaining the accepted forms when it is not one.
fn parse_date(text: &str) -> Result<crate::model::dates::Date, String> {
    crate::model::dates::Date::parse(text).ok_or_else(|| {
        format!("'{text}' is not a calendar date; expected YYYY, YYYY-MM or YYYY-MM-DD (2022, 2022-05, 2022-05-24)")
    })
}

/// The shared `--collapse DEPTH` flag: the hierarchy roll-up.
#[derive(Debug, Args)]
pub struct CollapseArgs {
    /// Merge bodies deeper than DEPTH in their hierarchy into their ancestor at that depth
    /// (1: each top-level body with its bureaus and agencies; 0: one body per country).
    #[arg(long, value_name = "DEPTH")]
    pub collapse: Option<usize>,
}

/// Flags of `path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Start: a body (id, short name, name or alias) or a group ("Japan").
    pub from: String,
    /// Destination: a body or a group; a path ends at the first body of a group it reaches.
    pub to: String,
    /// Most hops (mechanisms, forums or hierarchy steps) a path may have.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub max_hops: usize,
    /// Most paths shown.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Count a step between a body and its parent as a hop (the default).
    #[arg(long, overrides_with = "no_hierarchy")]
    pub hierarchy: bool,
    /// Only cooperation ties, no hierarchy steps.
    #[arg(long, overrides_with = "hierarchy")]
    pub no_hierarchy: bool,
    /// A body no path may pass through (repeatable).
    #[arg(long, value_name = "NODE")]
    pub avoid: Vec<String>,
    /// Stop listing after N paths (and say so).
    #[arg(long, value_name = "N", default_value_t = crate::query::paths::ENUMERATION_CAP)]
    pub max_paths: usize,
    /// Stop listing after SECS seconds (and say so).
    #[arg(long, value_name = "SECS", default_value_t = crate::query::paths::TIME_CAP.as_secs_f64())]
    pub max_seconds: f64,
    /// Output format, roll-up and which part of the dataset in time.
    #[command(flatten)]
    pub common: CollapsedFormatArgs,
}

/// Flags of `ego`.
#[derive(Debug, Args)]
pub struct EgoArgs {
    /// The centre: a body, mechanism, forum or group.
    pub node: String,
    /// How many steps out.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub depth: usize,
    /// Count a step between a body and its parent as a tie.
    #[arg(long)]
    pub hierarchy: bool,
    /// Output format and which part of the dataset in time.
    #[command(flatten)]
    pub common: FormatArgs,
}

/// Flags of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of bodies.
    #[arg(long, value_name = "N")]
    pub bodies: usize,
    /// Number of mechanisms.
    #[arg(long, value_name = "M")]
    pub mechanisms: usize,
    /// Number of groups.
    #[arg(long, value_name = "G", default_value_t = 3)]
    pub groups: usize,
    /// Number of forums.
    #[arg(long, value_name = "F", default_value_t = 5)]
    pub forums: usize,
    /// Mean number of participants per mechanism.
    #[arg(long, value_name = "K", default_value_t = 14.0)]
    pub mean_participants: f64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Organise each group as a government over ministries, agencies and units, this many
    /// levels deep (instead of a few random parent links).
    #[arg(long, value_name = "D")]
    pub hierarchy_depth: Option<usize>,
    /// Add one mechanism joining the first N bodies (a giant clique in the bodies graph).
    #[arg(long, value_name = "N")]
    pub giant_mechanism: Option<usize>,
    /// Make the first D bodies one parent chain D levels deep (each the parent of the next).
    #[arg(long, value_name = "D")]
    pub hierarchy_chain: Option<usize>,
    /// Heavy tails as in real multi-country data: group sizes by Zipf's law and ten hub bodies
    /// in up to 7.5% of the mechanisms each.
    #[arg(long)]
    pub heavy_tail: bool,
    /// A series in time: N sources dated a year apart (s0 from 2000-01-01), each citing each
    /// mechanism with probability 0.7; with --giant-mechanism, the giant one is cited by the
    /// last source only (it appears in the latest statement).
    #[arg(long, value_name = "N")]
    pub dated_sources: Option<usize>,
    /// Where to write the dataset ("-" for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Flags of `structure`.
#[derive(Debug, Args)]
pub struct StructureArgs {
    /// Add part-of edges between bodies and their parents.
    #[arg(long)]
    pub hierarchy: bool,
    /// Seed of the Louvain community search.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output format and which part of the dataset in time.
    #[command(flatten)]
    pub common: FormatArgs,
}

/// Flags of `brokerage`.
#[derive(Debug, Args)]
pub struct BrokerageArgs {
    /// Add part-of edges between bodies and their parents.
    #[arg(long)]
    pub hierarchy: bool,
    /// Show only the first N rows.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub top: Option<usize>,
    /// Output format and which part of the dataset in time.
    #[command(flatten)]
    pub common: FormatArgs,
}

/// What `overlap` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OverlapTarget {
    /// Pairs of bodies by shared mechanisms and forums.
    Bodies,
    /// Pairs of mechanisms by shared participants.
    Mechanisms,
    /// Pairs of forums by the bodies tied to both.
    Forums,
    /// Redundant channels: groups of mechanisms with the same (or similar) participants.
    Channels,
}

/// Flags of `overlap`.
#[derive(Debug, Args)]
pub struct OverlapArgs {
    /// What to compare.
    #[arg(long, value_enum, default_value_t = OverlapTarget::Bodies)]
    pub of: OverlapTarget,
    /// Keep pairs sharing at least N items.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_shared: usize,
    /// Show only the first N rows.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub top: Option<usize>,
    /// With --of channels: group mechanisms whose participant sets have at least this Jaccard
    /// similarity (1 = identical participants).
    #[arg(long, value_name = "J", default_value_t = 1.0)]
    pub jaccard: f64,
    /// Output format, roll-up and which part of the dataset in time.
    #[command(flatten)]
    pub common: CollapsedFormatArgs,
}

/// Which graph to analyse, and whether the organisation hierarchy is part of it.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The graph: the two-mode network, or the bodies or mechanisms projection.
    #[arg(long, value_enum, default_value_t = GraphChoice::Network)]
    pub graph: GraphChoice,
    /// Add part-of edges between bodies (and forums) and their parents.
    #[arg(long)]
    pub hierarchy: bool,
}

/// Flags of `centrality`.
#[derive(Debug, Args)]
pub struct CentralityArgs {
    /// The graph to analyse.
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Measures to compute (repeatable; all when absent).
    #[arg(long = "measure", value_enum, value_name = "M")]
    pub measures: Vec<MeasureChoice>,
    /// Rank by this measure (default: betweenness if computed, else the first measure).
    #[arg(long, value_enum)]
    pub sort: Option<MeasureChoice>,
    /// Show only the first N rows.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub top: Option<usize>,
    /// Show only nodes of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<NodeKindArg>,
    /// Estimate betweenness, closeness and harmonic from K seeded random sources (large graphs).
    #[arg(long, value_name = "K")]
    pub approx: Option<usize>,
    /// Seed of the --approx sample.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output format, roll-up and which part of the dataset in time.
    #[command(flatten)]
    pub common: CollapsedFormatArgs,
}

/// A node kind, as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NodeKindArg {
    /// Bodies.
    Body,
    /// Mechanisms.
    Mechanism,
    /// Forums.
    Forum,
}

impl NodeKindArg {
    /// The graph's node kind.
    pub fn kind(self) -> crate::graph::NodeKind {
        match self {
            NodeKindArg::Body => crate::graph::NodeKind::Body,
            NodeKindArg::Mechanism => crate::graph::NodeKind::Mechanism,
            NodeKindArg::Forum => crate::graph::NodeKind::Forum,
        }
    }
}

/// Flags of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The bundle's folder: a new folder, an empty one, or an earlier bundle (replaced whole
    /// when the run succeeds); any other folder is refused.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// A route question for the deck, as `coopgraph path FROM TO` takes it ("MLIT,India"): one
    /// slide with the best route and the clause of every hop. Repeatable.
    #[arg(long, value_name = "FROM,TO")]
    pub route: Vec<String>,
    /// The organisation's PowerPoint template (.pptx or .potx) for briefing.pptx: its slide
    /// master, layouts, fonts and colours. Without it, coopgraph's own.
    #[arg(long, value_name = "FILE.pptx")]
    pub template: Option<PathBuf>,
    /// Which part of the dataset in time.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Flags of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Output format of the problem list.
    #[arg(long, value_enum, default_value_t = FormatChoice::Table)]
    pub format: FormatChoice,
}

/// The shared `--format` flag, with the time scope.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatChoice::Table)]
    pub format: FormatChoice,
    /// Which part of the dataset in time.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// The shared `--format` flag, with the roll-up and the time scope.
#[derive(Debug, Args)]
pub struct CollapsedFormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatChoice::Table)]
    pub format: FormatChoice,
    /// Roll the hierarchy up first.
    #[command(flatten)]
    pub collapse: CollapseArgs,
    /// Which part of the dataset in time.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// Importers.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read bodies.csv, mechanisms.csv, participants.csv (and optional forums.csv, groups.csv,
    /// areas.csv, sources.csv, dataset.csv) from DIR and write a dataset.
    Csv(ImportCsvArgs),
}

/// Flags of `import csv`.
#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The folder holding the CSV tables.
    pub dir: PathBuf,
    /// Where to write the dataset JSON (standard output when absent or "-").
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Flags of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportChoice,
    /// The output file (a folder for csv); standard output when absent or "-" (not for csv).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Exact or sampled betweenness.
    #[command(flatten)]
    pub sampling: SamplingArgs,
    /// Which part of the dataset in time.
    #[command(flatten)]
    pub scope: ScopeArgs,
}

/// How betweenness is computed on a large network (`export`, `diff`).
#[derive(Debug, Args)]
pub struct SamplingArgs {
    /// Estimate betweenness from K seeded random sources (default: exact up to 20,000 nodes,
    /// 2,000 sources above, as the report does).
    #[arg(long, value_name = "K", value_parser = at_least_one, conflicts_with = "exact")]
    pub approx: Option<usize>,
    /// Compute betweenness exactly however large the network (minutes at 100,000 nodes).
    #[arg(long)]
    pub exact: bool,
    /// Seed of the sampled sources.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
}

impl SamplingArgs {
    /// The choice the flags make.
    pub fn sampling(&self) -> Sampling {
        match (self.approx, self.exact) {
            (Some(k), _) => Sampling::Sources(k),
            (None, true) => Sampling::Exact,
            (None, false) => Sampling::Default,
        }
    }
}

/// Flags of `draft`.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The document: .txt, .md, .html or .pdf.
    pub doc: PathBuf,
    /// Where to write the dataset (default: the --into dataset, else DOC's name with .json in
    /// the current folder); the document's text goes to `sources/` beside it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Merge into this dataset, reusing its bodies, forums and mechanisms.
    #[arg(long, value_name = "DATASET")]
    pub into: Option<PathBuf>,
    /// An extra gazetteer file (CSV, see data/gazetteer/README.md); repeatable.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// A party to the document (country name or id); repeatable. Default: the countries the
    /// title and opening name.
    #[arg(long, value_name = "NAME")]
    pub group: Vec<String>,
}

/// Flags of `review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The dataset to review.
    pub dataset: PathBuf,
    /// Where to write the reviewed dataset (default: DATASET itself).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Accept a drafted element as it is (repeatable).
    #[arg(long, value_name = "ID")]
    pub accept: Vec<String>,
    /// Accept every drafted element not dropped or changed otherwise.
    #[arg(long)]
    pub accept_all: bool,
    /// Drop an element: a body leaves every mechanism and forum, a forum every mechanism.
    #[arg(long, value_name = "ID")]
    pub drop: Vec<String>,
    /// Rename an element: ID=NAME (repeatable).
    #[arg(long, value_name = "ID=NAME")]
    pub rename: Vec<String>,
    /// Set a field: ID.FIELD=VALUE, FIELD one of name, short, kind, group, parent, area,
    /// frequency, level, note, via (forum ids separated by `;`); an empty VALUE clears an
    /// optional field.
    #[arg(long, value_name = "ID.FIELD=VALUE")]
    pub set: Vec<String>,
    /// Add a participant: MECHANISM=BODY or MECHANISM=BODY:ROLE.
    #[arg(long, value_name = "MECH=BODY[:ROLE]")]
    pub add_participant: Vec<String>,
    /// Remove a participant: MECHANISM=BODY.
    #[arg(long, value_name = "MECH=BODY")]
    pub remove_participant: Vec<String>,
    /// Merge element FROM into INTO (same kind): INTO gains FROM's citations, ties and names.
    #[arg(long, value_name = "FROM=INTO")]
    pub merge: Vec<String>,
    /// Ask about each drafted element on standard input (the default when it is a terminal and
    /// no other action is given).
    #[arg(long)]
    pub interactive: bool,
}

/// The graph an analysis runs on, as the command line names it (the library's [`GraphKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphChoice {
    /// The two-mode network of bodies, mechanisms and forums.
    Network,
    /// Bodies linked when they share a mechanism or forum; weight = number shared.
    Bodies,
    /// Mechanisms linked when they share a participant; weight = number of shared bodies.
    Mechanisms,
}

impl From<GraphChoice> for GraphKind {
    fn from(choice: GraphChoice) -> GraphKind {
        match choice {
            GraphChoice::Network => GraphKind::Network,
            GraphChoice::Bodies => GraphKind::Bodies,
            GraphChoice::Mechanisms => GraphKind::Mechanisms,
        }
    }
}

/// A centrality measure, as the command line names it (the library's [`Measure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MeasureChoice {
    /// Share of possible ties a node has (and, on projections, strength: the weighted degree).
    Degree,
    /// Share of shortest paths between other nodes that pass through the node.
    Betweenness,
    /// Inverse mean distance to the nodes reached, scaled by the share reached.
    Closeness,
    /// Sum of inverse distances to all other nodes.
    Harmonic,
    /// Principal eigenvector of A + I: ties to well-tied nodes count more.
    Eigenvector,
    /// PageRank with damping 0.85.
    Pagerank,
}

impl From<MeasureChoice> for Measure {
    fn from(choice: MeasureChoice) -> Measure {
        match choice {
            MeasureChoice::Degree => Measure::Degree,
            MeasureChoice::Betweenness => Measure::Betweenness,
            MeasureChoice::Closeness => Measure::Closeness,
            MeasureChoice::Harmonic => Measure::Harmonic,
            MeasureChoice::Eigenvector => Measure::Eigenvector,
            MeasureChoice::Pagerank => Measure::Pagerank,
        }
    }
}

/// How a command prints its result, as the command line names it (the library's [`Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatChoice {
    /// Aligned columns for reading in a terminal.
    Table,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// JSON, for scripts.
    Json,
}

impl From<FormatChoice> for Format {
    fn from(choice: FormatChoice) -> Format {
        match choice {
            FormatChoice::Table => Format::Table,
            FormatChoice::Csv => Format::Csv,
            FormatChoice::Json => Format::Json,
        }
    }
}

/// An export format, as the command line names it (the library's [`ExportFormat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportChoice {
    /// GraphML with typed attributes (Gephi, yEd, NetworkX).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// Node-link JSON (NetworkX, D3).
    Json,
    /// A folder: nodes.csv and edges.csv, plus the spreadsheet tables `import csv` reads.
    Csv,
    /// A Cypher script for Neo4j (idempotent MERGE statements).
    Cypher,
}

impl From<ExportChoice> for ExportFormat {
    fn from(choice: ExportChoice) -> ExportFormat {
        match choice {
            ExportChoice::Graphml => ExportFormat::Graphml,
            ExportChoice::Gexf => ExportFormat::Gexf,
            ExportChoice::Json => ExportFormat::Json,
            ExportChoice::Csv => ExportFormat::Csv,
            ExportChoice::Cypher => ExportFormat::Cypher,
        }
    }
}

/// A diagram's file format, as the command line names it (the library's [`DiagramFormat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagramFormatChoice {
    /// Graphviz DOT source.
    Dot,
    /// SVG (needs Graphviz).
    Svg,
    /// PNG (needs Graphviz).
    Png,
    /// A self-contained interactive page (needs Graphviz).
    Html,
}

impl From<DiagramFormatChoice> for DiagramFormat {
    fn from(choice: DiagramFormatChoice) -> DiagramFormat {
        match choice {
            DiagramFormatChoice::Dot => DiagramFormat::Dot,
            DiagramFormatChoice::Svg => DiagramFormat::Svg,
            DiagramFormatChoice::Png => DiagramFormat::Png,
            DiagramFormatChoice::Html => DiagramFormat::Html,
        }
    }
}

/// What fill colours show, as the command line names it (the library's [`ColourBy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourChoice {
    /// Bodies by group (country).
    Group,
    /// Mechanisms by area.
    Area,
    /// Every node by kind.
    Kind,
}

impl From<ColourChoice> for ColourBy {
    fn from(choice: ColourChoice) -> ColourBy {
        match choice {
            ColourChoice::Group => ColourBy::Group,
            ColourChoice::Area => ColourBy::Area,
            ColourChoice::Kind => ColourBy::Kind,
        }
    }
}

/// A diagram's look, as the command line names it (the library's [`Theme`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeChoice {
    /// Dark text on white, for documents.
    Light,
    /// Light text on a dark background.
    Dark,
    /// 16:9 at 1920×1080, large type, for slides.
    Slide,
}

impl From<ThemeChoice> for Theme {
    fn from(choice: ThemeChoice) -> Theme {
        match choice {
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::Dark => Theme::Dark,
            ThemeChoice::Slide => Theme::Slide,
        }
    }
}

/// A Graphviz layout engine, as the command line names it (the library's [`Engine`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineChoice {
    /// Layered layout; the clearest for small graphs.
    Dot,
    /// Spring model; deterministic.
    Neato,
    /// Force-directed; its output changes from run to run even when seeded.
    Fdp,
    /// Multiscale force-directed; fast on large graphs.
    Sfdp,
}

impl From<EngineChoice> for Engine {
    fn from(choice: EngineChoice) -> Engine {
        match choice {
            EngineChoice::Dot => Engine::Dot,
            EngineChoice::Neato => Engine::Neato,
            EngineChoice::Fdp => Engine::Fdp,
            EngineChoice::Sfdp => Engine::Sfdp,
        }
    }
}
