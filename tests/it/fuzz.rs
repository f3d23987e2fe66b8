//! Fuzzing: random names full of hostile characters put into a valid dataset, then every
//! writer run and its output read back by its real reader (DOT, HTML, XML, Markdown, CSV, JSON,
//! Cypher, terminal tables); and structure-aware mutations of the fixtures and arbitrary text
//! through the JSON and source-text loaders. 0 panics, 0 malformed outputs.
//!
//! CI runs a few thousand cases in all (measured: see docs/performance.md); `PROPTEST_CASES=100000
//! cargo test --test it fuzz::` runs that many per property.

use crate::common::fixture;
use crate::common::readers::{
    assert_terminal_clean, csv_records, cypher_kept, markdown_text, xml_kept, xml_values,
};
use crate::hostile::cypher_literals;
use coopgraph::export::model::export_graph;
use coopgraph::export::{formats, xml};
use coopgraph::ingest::json::{parse, read};
use coopgraph::model::document::SourceText;
use coopgraph::model::validate::validate;
use coopgraph::model::Dataset;
use coopgraph::present::{write_csv, write_text, Presentable};
use coopgraph::render::scene::{scene, Diagram, SceneOptions};
use coopgraph::render::{draw, page, DiagramFormat, DrawOptions};
use coopgraph::report::findings::{briefing, findings};
use coopgraph::text::escape::csv_cell_unescape;
use proptest::prelude::*;
use std::path::Path;
use std::time::Duration;

/// Cases per property: `default` unless `PROPTEST_CASES` asks for more (or fewer).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Pieces hostile names are made of: terminal controls, bidi overrides, what XML forbids,
/// markup of every output format, and ordinary text.
const HOSTILE: &[&str] = &[
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{7}",
    "\u{9b}2J",
    "\u{7f}",
    "\u{202e}",
    "\u{202a}",
    "\u{2066}",
    "\u{2069}",
    "\u{2028}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{b}",
    "\u{c}",
    "\u{0}",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "<script>document.body.setAttribute('data-pwned','yes')</script>",
    "<img src=x onerror=alert(1)>",
    "</script>",
    "<!--",
    "]]>",
    "&amp;",
    "&#0;",
    "&",
    "[x](javascript:alert(1))",
    "![i](x)",
    "<http://x>",
    "**",
    "__",
    "`",
    "```",
    "~~",
    "|",
    "# ",
    "1. ",
    "- ",
    "> ",
    "===",
    "\\",
    "\"",
    "'",
    "=cmd|' /C calc'!A0",
    "+1",
    "@x",
    "-2",
    "\\N",
    "\\G",
    "{",
    "}",
    "[",
    "]",
    ";",
    "//",
    "/*",
    "MLIT",
    "日本国",
    "é",
    "👍",
    " ",
];

/// A name made of hostile pieces and arbitrary characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 1..8).prop_map(|pieces| pieces.concat())
}

/// The minimal fixture with every text field (not the ids, which name references) replaced
/// by hostile text.
fn hostile_dataset() -> impl Strategy<Value = Dataset> {
    prop::collection::vec(hostile_text(), 24).prop_map(|texts| {
        let mut dataset = read(&fixture("valid/minimal.json")).expect("fixture");
        let mut next = texts.into_iter().cycle();
        let mut text = move || next.next().unwrap_or_default();
        dataset.title = Some(text());
        dataset.description = Some(text());
        for source in &mut dataset.sources {
            source.title = text();
            source.date = Some(text());
        }
        for group in &mut dataset.groups {
            group.name = text();
        }
        for area in &mut dataset.areas {
            area.name = text();
        }
        for body in &mut dataset.bodies {
            body.name = text();
            body.short = Some(text());
            body.aliases = vec![text()];
            body.kind = text();
            body.note = Some(text());
        }
        for forum in &mut dataset.forums {
            forum.name = text();
            forum.kind = text();
        }
        for mechanism in &mut dataset.mechanisms {
            mechanism.name = text();
            mechanism.kind = text();
            mechanism.frequency = Some(text());
            mechanism.level = Some(text());
            mechanism.note = Some(text());
        }
        dataset
    })
}

/// Runs every writer on `dataset` and reads each output back.
fn every_writer_reads_back(dataset: &Dataset) {
    let graph = export_graph(dataset);
    // GraphML and GEXF: well-formed XML 1.0 that gives every name back.
    for (format, bytes) in [
        ("graphml", xml::graphml(&graph).expect("graphml")),
        ("gexf", xml::gexf(&graph).expect("gexf")),
    ] {
        let values = xml_values(std::str::from_utf8(&bytes).expect("utf-8"), format);
        for body in &dataset.bodies {
            assert!(
                values.contains(&xml_kept(&body.name)),
                "{format}: {:?}",
                body.name
            );
        }
    }
    // Node-link JSON: exactly.
    let json: serde_json::Value =
        serde_json::from_slice(&formats::node_link(&graph).expect("json")).expect("JSON");
    for body in &dataset.bodies {
        assert!(
            json["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .any(|n| n["name"] == body.name.as_str()),
            "JSON: {:?}",
            body.name
        );
    }
    // CSV: every record as wide as the header; no formula; names back after unguarding.
    let (nodes, edges) = formats::csv_tables(&graph).expect("csv");
    let records = csv_records(&nodes, "nodes.csv");
    csv_records(&edges, "edges.csv");
    for body in &dataset.bodies {
        assert!(
            records
                .iter()
                .flatten()
                .any(|c| csv_cell_unescape(c) == body.name),
            "CSV: {:?}",
            body.name
        );
    }
    for cell in records.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '@', '-']) || cell.parse::<f64>().is_ok(),
            "CSV formula: {cell:?}"
        );
    }
    // Cypher: one statement per line, every literal closed, every name inside one.
    let script = formats::cypher(&graph);
    let mut literals = Vec::new();
    for line in script.lines().filter(|l| !l.starts_with("//")) {
        assert!(line.ends_with(';'), "statement per line: {line}");
        literals.extend(cypher_literals(line));
    }
    for body in &dataset.bodies {
        assert!(
            literals.contains(&cypher_kept(&body.name)),
            "Cypher: {:?}",
            body.name
        );
    }
    // DOT: parses, and holds nothing that Graphviz would copy into the SVG as invalid XML.
    let options = DrawOptions {
        scene: SceneOptions::default(),
        theme: Default::default(),
        engine: None,
        timeout: Duration::from_secs(10),
        collapse: None,
    };
    for view in [
        Diagram::Network,
        Diagram::Org,
        Diagram::Ego("mod-north".into(), 1),
    ] {
        let drawing = draw(dataset, &view, DiagramFormat::Dot, &options)
            .unwrap_or_else(|(err, _)| panic!("{view:?}: {err}"));
        graphviz_rust::parse(&drawing.dot)
            .unwrap_or_else(|err| panic!("{view:?}: DOT does not parse: {err}\n{}", drawing.dot));
        if let Some(at) = drawing.dot.find(|c| {
            coopgraph::text::escape::xml_forbidden(c)
                || (c.is_control() && !matches!(c, '\n' | '\t'))
        }) {
            let around: String = drawing.dot[at.saturating_sub(60)..]
                .chars()
                .take(90)
                .collect();
            panic!("{view:?}: DOT carries a character SVG forbids: {around:?}");
        }
    }
    // HTML: the dataset adds no element of its own (compared with the page of a plain dataset).
    let page_scene = scene(dataset, &Diagram::Network, &options.scene).expect("scene");
    let page = page::page(&page_scene, dataset, "<svg></svg>");
    for tag in ["<script", "<img", "<iframe", "<a ", "</script"] {
        assert_eq!(
            page.matches(tag).count(),
            plain_page().matches(tag).count(),
            "the page gained {tag}"
        );
    }
    // Markdown: no raw HTML, no link, no image.
    markdown_text(&briefing(dataset, &findings(dataset)), "briefing.md");
    // Terminal tables: nothing a terminal would act on; their CSV parses.
    let stats = coopgraph::analysis::stats::stats(dataset);
    let mut text = Vec::new();
    write_text(&mut text, &stats.tables()).expect("table");
    assert_terminal_clean(&String::from_utf8(text).expect("utf-8"), "stats table");
    let mut csv = Vec::new();
    write_csv(&mut csv, &stats.csv_table()).expect("csv");
    csv_records(&csv, "stats csv");
}

/// The HTML view of the plain minimal fixture (with the same stand-in SVG).
fn plain_page() -> String {
    let dataset = read(&fixture("valid/minimal.json")).expect("fixture");
    let options = SceneOptions::default();
    page::page(
        &scene(&dataset, &Diagram::Network, &options).expect("scene"),
        &dataset,
        "<svg></svg>",
    )
}

/// Structure-aware mutations of a fixture's text: cut a span, repeat a span, or put a hostile
/// piece in at some place (inside a string, between tokens, anywhere).
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Repeat(usize, usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Cut(at, len)),
        (any::<usize>(), 0usize..200).prop_map(|(at, len)| Mutation::Repeat(at, len)),
        (
            any::<usize>(),
            prop_oneof![
                prop::sample::select(HOSTILE).prop_map(str::to_string),
                Just("\\ud800".to_string()),
                Just("\\u0000".to_string()),
                Just("\\u001b".to_string()),
                Just("\"".to_string()),
                Just("{".to_string()),
                Just("]".to_string()),
                Just(",".to_string()),
                Just("null".to_string()),
                Just("1e999".to_string()),
            ]
        )
            .prop_map(|(at, text)| Mutation::Insert(at, text)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Cut(at, n) => {
                let start = at % len;
                let end = (start + n).min(bytes.len());
                bytes.drain(start.min(bytes.len())..end);
            }
            Mutation::Repeat(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let span = bytes[start..end].to_vec();
                bytes.splice(end..end, span);
            }
            Mutation::Insert(at, piece) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, piece.bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

const FIXTURES: &[&str] = &[
    "valid/minimal.json",
    "render/hostile.json",
    "render/japanese.json",
    "hostile/names.json",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(400), ..ProptestConfig::default() })]

    #[test]
    fn hostile_names_through_every_writer(dataset in hostile_dataset()) {
        every_writer_reads_back(&dataset);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1500), ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_load_or_fail_cleanly(
        which in 0..FIXTURES.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let path = fixture(FIXTURES[which]);
        let text = apply(&std::fs::read_to_string(&path).expect("fixture"), &mutations);
        match parse(&text, "fuzz.json") {
            Ok(dataset) => {
                let report = validate(&dataset, path.parent().unwrap_or(Path::new(".")));
                // Whatever loads without errors is written out and read back too.
                if report.error_count() == 0 && !dataset.bodies.is_empty() {
                    every_writer_reads_back_if_referenced(&dataset);
                }
            }
            Err(err) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("fuzz.json"), "{}", message);
                prop_assert_eq!(err.exit_code(), 2);
            }
        }
    }

    #[test]
    fn source_texts_never_panic(
        text in prop_oneof![
            "\\PC{0,300}",
            prop::collection::vec(prop::sample::select(&[
                "1. ", "2.", "(1)", "  • ", "\n", "\r\n", "\t", "a", "Section ", "3.(1).2", "\u{feff}",
                "\u{0}", "\u{202e}", " ", "•", "-", "—", "\u{3000}", "１．",
            ][..]), 0..80).prop_map(|v| v.concat()),
        ],
        quote in "\\PC{0,40}",
    ) {
        let source = SourceText::new(&text);
        let _ = source.items();
        let _ = source.find_all(&quote);
        let _ = source.partial_match(&quote);
        // A quote taken from the text itself is found.
        let normalised = source.text().to_string();
        if let Some(piece) = normalised.split_whitespace().next() {
            prop_assert!(!source.find_all(piece).is_empty(), "{:?} in {:?}", piece, normalised);
        }
    }
}

/// The CSV tables `export --format csv` writes for the hostile fixture (name, bytes).
fn exported_tables() -> Vec<(String, Vec<u8>)> {
    let temp = tempfile::tempdir().expect("temp");
    let data = fixture("hostile/names.json");
    let dataset = read(&data).expect("fixture");
    let written = coopgraph::export::write(
        &dataset,
        &data,
        coopgraph::export::ExportFormat::Csv,
        temp.path(),
    )
    .expect("export");
    written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .filter(|p| p.parent() == Some(temp.path()))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(p).expect("table"))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    #[test]
    fn mutated_csv_tables_import_or_fail_cleanly(
        table in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let tables = exported_tables();
        let temp = tempfile::tempdir().expect("temp");
        let chosen = table.index(tables.len());
        for (i, (name, bytes)) in tables.iter().enumerate() {
            let bytes = if i == chosen {
                apply(&String::from_utf8_lossy(bytes), &mutations).into_bytes()
            } else {
                bytes.clone()
            };
            std::fs::write(temp.path().join(name), bytes).expect("write");
        }
        if let Err(err) = coopgraph::ingest::csv::import_dir(temp.path(), temp.path()) {
            prop_assert_eq!(err.exit_code(), 2, "{}", err);
        }
    }
}

/// [`every_writer_reads_back`] for a mutated fixture: only when the ego view's body exists.
fn every_writer_reads_back_if_referenced(dataset: &Dataset) {
    if dataset.bodies.iter().any(|b| b.id == "mod-north") {
        every_writer_reads_back(dataset);
    }
}

/// Pieces of documents `draft` reads: markup nesting, DOCTYPE subsets, PDF stream keywords and
/// filters, and text.
const DOCUMENT: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "<!DOCTYPE html [",
    "]>",
    "<!-- ",
    " -->",
    "<script>",
    "%PDF-1.4\n",
    "1 0 obj << /Filter /FlateDecode >> stream\n",
    "/Filter [/A85 /LZW] ",
    "endstream endobj\n",
    "~>",
    "z",
    "Japan and India will hold an annual dialogue.",
    "\u{0}",
    "\u{202e}",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    /// Issue 20: any document, under any extension, is read or refused as an input error — no
    /// panic, no hang.
    #[test]
    fn draft_reads_any_document_or_fails_cleanly(
        pieces in prop::collection::vec(prop::sample::select(DOCUMENT), 0..200),
        extension in prop::sample::select(&["txt", "html", "pdf", "md", "bin"][..]),
    ) {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join(format!("doc.{extension}"));
        std::fs::write(&path, pieces.concat()).expect("write");
        if let Err(err) = coopgraph::draft::read::read_document(&path) {
            prop_assert_eq!(err.exit_code(), 2, "{}", err);
        }
    }

    /// Issue 20: any `review` flag value either edits the dataset into one that validates, or is
    /// refused (exit 2) with the file unchanged.
    #[test]
    fn review_flags_never_write_an_invalid_dataset(
        values in prop::collection::vec(
            prop::collection::vec(prop::sample::select(&[
                "mod-north", "navy-north", "regional", "defence-dialogue", "defence", "north",
                "atlantis", ".", "=", "{", "}", ":", "name", "parent", "group", "via", "area",
                "short", "lead", "X",
            ][..]), 1..7).prop_map(|v| v.concat()),
            1..4,
        ),
        flag in 0..5usize,
    ) {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::create_dir(dir.path().join("sources")).expect("mkdir");
        std::fs::copy(fixture("valid/sources/mini.txt"), dir.path().join("sources/mini.txt"))
            .expect("copy");
        let data = dir.path().join("data.json");
        std::fs::copy(fixture("valid/minimal.json"), &data).expect("copy");
        let before = std::fs::read(&data).expect("read");
        let mut args = coopgraph::cli::ReviewArgs {
            dataset: data.clone(),
            output: None,
            accept: Vec::new(),
            accept_all: false,
            drop: Vec::new(),
            rename: Vec::new(),
            set: Vec::new(),
            add_participant: Vec::new(),
            remove_participant: Vec::new(),
            merge: Vec::new(),
            interactive: false,
        };
        let list = match flag {
            0 => &mut args.set,
            1 => &mut args.rename,
            2 => &mut args.merge,
            3 => &mut args.add_participant,
            _ => &mut args.remove_participant,
        };
        *list = values;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        match coopgraph::cmd::review::run(&args, &mut out, &mut err) {
            Ok(()) => {
                let written = read(&data).expect("the written dataset parses");
                let report = validate(&written, dir.path());
                prop_assert_eq!(report.error_count(), 0, "{:?}", report.problems);
            }
            Err(error) => {
                prop_assert_eq!(error.exit_code(), 2, "{}", error);
                prop_assert_eq!(std::fs::read(&data).expect("read"), before);
            }
        }
    }
}
