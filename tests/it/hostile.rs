//! The hostile-names fixture (control characters, bidi overrides, U+FFFE/U+FFFF, vertical tab,
//! HTML, Markdown, CSV formulas, Cypher quotes, very long names) through every command and every
//! export format; each output is read back by its real reader. The readers that are programs
//! (NetworkX, Python's csv, Graphviz, Chromium, graphqlite) run in `tests/tools/hostile.rs`.

use crate::common::readers::{
    assert_terminal_clean, csv_records, cypher_kept, markdown_text, xml_kept, xml_values,
};
use crate::common::{fixture, run_on};
use coopgraph::ingest::json::read;
use coopgraph::model::Dataset;
use coopgraph::text::escape::{csv_cell_unescape, xml_forbidden};
use std::path::{Path, PathBuf};

/// The fixture every test here runs on.
pub fn hostile() -> PathBuf {
    fixture("hostile/names.json")
}

fn dataset() -> Dataset {
    read(&hostile()).expect("the hostile fixture is a valid dataset")
}

/// Every command that prints a result, with its arguments.
pub const QUERIES: &[&[&str]] = &[
    &["validate"],
    &["stats"],
    &["centrality"],
    &["centrality", "--graph", "bodies"],
    &["centrality", "--graph", "mechanisms"],
    &["overlap"],
    &["overlap", "--of", "mechanisms"],
    &["overlap", "--of", "forums"],
    &["overlap", "--of", "channels"],
    &["structure"],
    &["brokerage"],
    &["path", "mod-north", "South"],
    &["path", "navy\u{202e}-south", "o'brien\"x"],
    &["ego", "mod-north"],
    &["ego", "regional", "--depth", "2"],
];

fn succeed(data: &Path, args: &[&str]) -> (String, String) {
    let (code, stdout, stderr) = run_on(data, args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    (stdout, stderr)
}

#[test]
fn every_command_prints_no_raw_control_character() {
    for args in QUERIES {
        let (stdout, stderr) = succeed(&hostile(), args);
        assert_terminal_clean(&stdout, &format!("{args:?} (stdout)"));
        assert_terminal_clean(&stderr, &format!("{args:?} (stderr)"));
    }
    // The escaped form is shown, so the reader sees what the name holds.
    let (stats, _) = succeed(&hostile(), &["stats"]);
    assert!(
        stats.contains("North \\u{1b}[31mRED\\u{1b}[0m \\u{1b}]0;pwned\\u{7}"),
        "{stats}"
    );
}

#[test]
fn error_messages_show_control_characters_visibly() {
    let (code, stdout, stderr) = run_on(&hostile(), &["path", "mod-north", "\u{1b}]0;pwned\u{7}x"]);
    assert_eq!(code, 2, "{stderr}");
    assert_terminal_clean(&stdout, "unknown name (stdout)");
    assert_terminal_clean(&stderr, "unknown name (stderr)");
    assert!(stderr.contains("\\u{1b}]0;pwned\\u{7}x"), "{stderr}");
    // An invalid dataset whose problems quote hostile ids: `validate` lists them, any other
    // command refuses with the list.
    let temp = tempfile::tempdir().expect("temp");
    let broken = temp.path().join("broken.json");
    let text = std::fs::read_to_string(hostile()).expect("fixture");
    let text = text
        .replace(
            "\"body\": \"navy-north\"",
            "\"body\": \"navy\\u001b[2J\\u202e-north\"",
        )
        .replace(
            "../sources/mini.txt",
            &fixture("sources/mini.txt").to_string_lossy(),
        );
    std::fs::write(&broken, text).expect("write");
    for args in [
        &["validate"][..],
        &["validate", "--strict"],
        &["stats"],
        &["export", "--format", "json"],
    ] {
        let (code, stdout, stderr) = run_on(&broken, args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_terminal_clean(&stdout, &format!("{args:?} (stdout)"));
        assert_terminal_clean(&stderr, &format!("{args:?} (stderr)"));
        assert!(
            format!("{stdout}{stderr}").contains("navy\\u{1b}[2J\\u{202e}-north"),
            "{args:?}: {stdout}{stderr}"
        );
    }
    // A lone surrogate is refused with the place, not passed on to the writers.
    let surrogate = temp.path().join("surrogate.json");
    let text = std::fs::read_to_string(hostile()).expect("fixture");
    std::fs::write(
        &surrogate,
        text.replace("\"North Navy", "\"\\ud800North Navy")
            .replace("\"name\": \"=cmd", "\"name\": \"\\ud800=cmd"),
    )
    .expect("write");
    let (code, _, stderr) = run_on(&surrogate, &["stats"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("surrogate.json:") && stderr.contains("surrogate"),
        "{stderr}"
    );
}

#[test]
fn csv_and_json_output_of_every_command_parses_back() {
    let north = dataset().groups[0].name.clone();
    for args in QUERIES {
        let mut csv = args.to_vec();
        csv.extend(["--format", "csv"]);
        let (stdout, _) = succeed(&hostile(), &csv);
        let records = csv_records(stdout.as_bytes(), &format!("{csv:?}"));
        assert!(!records.is_empty(), "{csv:?}: no header");
        let mut json = args.to_vec();
        json.extend(["--format", "json"]);
        let (stdout, _) = succeed(&hostile(), &json);
        // JSON writes what a terminal would act on as `\u` escapes: safe to print as it is.
        assert_terminal_clean(&stdout, &format!("{json:?}"));
        serde_json::from_str::<serde_json::Value>(&stdout)
            .unwrap_or_else(|err| panic!("{json:?} is not JSON: {err}\n{stdout}"));
    }
    // JSON keeps names exactly (its escaping is lossless).
    let (stdout, _) = succeed(&hostile(), &["stats", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert!(value
        .to_string()
        .contains(&serde_json::to_string(&north).expect("ser")));
}

#[test]
fn graphml_and_gexf_are_well_formed_and_keep_every_name() {
    let dataset = dataset();
    for format in ["graphml", "gexf"] {
        let (xml, _) = succeed(&hostile(), &["export", "--format", format]);
        let values = xml_values(&xml, format);
        for body in &dataset.bodies {
            let want = xml_kept(&body.name);
            assert!(values.contains(&want), "{format}: {want:?} not read back");
            if let Some(note) = &body.note {
                let want = xml_kept(note);
                assert!(
                    values.contains(&want),
                    "{format}: note {want:?} not read back"
                );
            }
        }
        for mechanism in &dataset.mechanisms {
            assert!(values.contains(&xml_kept(&mechanism.name)), "{format}");
        }
    }
}

#[test]
fn node_link_json_keeps_every_name_exactly() {
    let dataset = dataset();
    let (json, _) = succeed(&hostile(), &["export", "--format", "json"]);
    assert_terminal_clean(&json, "node-link JSON");
    let value: serde_json::Value = serde_json::from_str(&json).expect("node-link JSON");
    let names: Vec<&str> = value["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    for body in &dataset.bodies {
        assert!(names.contains(&body.name.as_str()), "{:?}", body.name);
    }
}

#[test]
fn csv_export_reads_back_and_imports_to_the_same_dataset() {
    let dataset = dataset();
    let temp = tempfile::tempdir().expect("temp");
    let folder = temp.path().join("csv");
    let folder_text = folder.to_string_lossy().into_owned();
    succeed(
        &hostile(),
        &["export", "--format", "csv", "-o", &folder_text],
    );
    let nodes = std::fs::read(folder.join("nodes.csv")).expect("nodes.csv");
    let records = csv_records(&nodes, "nodes.csv");
    let cells: Vec<&str> = records
        .iter()
        .flatten()
        .map(|c| csv_cell_unescape(c))
        .collect();
    for body in &dataset.bodies {
        assert!(cells.contains(&body.name.as_str()), "{:?}", body.name);
    }
    // No cell a spreadsheet would run as a formula.
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '@']) || cell.parse::<f64>().is_ok(),
                "formula cell {cell:?}"
            );
        }
    }
    let back = temp.path().join("back.json");
    let (code, _, stderr) =
        crate::common::run(&["import", "csv", &folder_text, "-o", &back.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert_terminal_clean(&stderr, "import csv (stderr)");
    let imported = read(&back).expect("imported");
    let fields = |d: &Dataset| {
        d.bodies
            .iter()
            .map(|b| {
                (
                    b.id.clone(),
                    b.name.clone(),
                    b.short.clone(),
                    b.aliases.clone(),
                    b.note.clone(),
                    b.kind.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(&imported), fields(&dataset));
    let mechanisms = |d: &Dataset| {
        d.mechanisms
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    m.name.clone(),
                    m.frequency.clone(),
                    m.level.clone(),
                    m.note.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(mechanisms(&imported), mechanisms(&dataset));
}

/// The string literals of one Cypher statement, unescaped; panics on an unterminated literal.
pub fn cypher_literals(statement: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = statement.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut literal = String::new();
        loop {
            match chars.next() {
                Some('\\') => match chars.next() {
                    Some('n') => literal.push('\n'),
                    Some('r') => literal.push('\r'),
                    Some('t') => literal.push('\t'),
                    Some(other) => literal.push(other),
                    None => panic!("dangling escape in {statement}"),
                },
                Some('\'') => break,
                Some('\n') => panic!("raw line break in a literal: {statement}"),
                Some(other) => literal.push(other),
                None => panic!("unterminated literal in {statement}"),
            }
        }
        literals.push(literal);
    }
    literals
}

#[test]
fn cypher_statements_keep_names_inside_their_literals() {
    let dataset = dataset();
    let (script, _) = succeed(&hostile(), &["export", "--format", "cypher"]);
    let mut literals = Vec::new();
    for line in script.lines().filter(|l| !l.starts_with("//")) {
        assert!(line.ends_with(';'), "one statement per line: {line}");
        literals.extend(cypher_literals(line));
    }
    for body in &dataset.bodies {
        let want = cypher_kept(&body.name);
        assert!(literals.contains(&want), "{want:?}");
    }
}

#[test]
fn dot_of_every_view_parses_and_holds_nothing_svg_forbids() {
    for view in [
        "network",
        "bodies",
        "mechanisms",
        "org",
        "area:defence",
        "area:disaster",
        "ego:mod-north",
        "ego:o'brien\"x:2",
        "path:mod-north:navy\u{202e}-south",
    ] {
        let (dot, _) = succeed(&hostile(), &["render", view, "--format", "dot", "-o", "-"]);
        graphviz_rust::parse(&dot)
            .unwrap_or_else(|err| panic!("{view}: DOT does not parse: {err}"));
        if let Some(c) = dot
            .chars()
            .find(|&c| xml_forbidden(c) || (c.is_control() && c != '\n'))
        {
            panic!("{view}: DOT carries U+{:04X} into the SVG", c as u32);
        }
    }
}

#[test]
fn briefing_reads_as_text_in_a_commonmark_parser() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("bundle");
    let (stdout, stderr) = succeed(&hostile(), &["report", "--out", &out.to_string_lossy()]);
    assert_terminal_clean(&stdout, "report (stdout)");
    assert_terminal_clean(&stderr, "report (stderr)");
    let briefing = std::fs::read_to_string(out.join("briefing.md")).expect("briefing.md");
    let text = markdown_text(&briefing, "briefing.md");
    let dataset = dataset();
    // The names show as written (line breaks as spaces, controls visibly).
    assert!(text.contains(&dataset.mechanisms[0].name), "{text}");
    assert!(
        text.contains("[click](javascript:alert(1)) **bold** | a | b | `code`"),
        "{text}"
    );
    assert!(text.contains("<img src=x onerror="), "{text}");
    assert!(text.contains("\\u{1b}[31mRED"), "{text}");
    for table in std::fs::read_dir(out.join("tables")).expect("tables") {
        let path = table.expect("entry").path();
        csv_records(
            &std::fs::read(&path).expect("table"),
            &path.display().to_string(),
        );
    }
}
