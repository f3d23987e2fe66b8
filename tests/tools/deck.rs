//! The briefing deck read back by the programs its users open it with: python-pptx (titles,
//! tables, notes and diagram groups against briefing.md, the report's JSON export and
//! Graphviz's reading of the bundle's DOT), LibreOffice (the PDF, also of a deck on another
//! template) and Poppler (the PDF's text holds every finding; no text off the page or over
//! other text). Bad templates are refused with exit 2 and nothing written.

use crate::common::{root, run, run_on};
use crate::need::Tool;
use crate::Check;
use coopgraph::report::deck::briefing::section;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "deck::the_bundled_deck_agrees_with_the_briefing_and_reads_in_libreoffice",
            needs: &[
                Tool::Graphviz,
                Tool::PythonPptx,
                Tool::LibreOffice,
                Tool::Pdftotext,
            ],
            run: bundled,
        },
        Check {
            name: "deck::the_quad_deck_agrees_with_the_briefing",
            needs: &[
                Tool::Graphviz,
                Tool::PythonPptx,
                Tool::LibreOffice,
                Tool::Pdftotext,
            ],
            run: quad,
        },
        Check {
            name: "deck::a_generated_deck_agrees_with_the_briefing",
            needs: &[
                Tool::Graphviz,
                Tool::PythonPptx,
                Tool::LibreOffice,
                Tool::Pdftotext,
            ],
            run: generated,
        },
        Check {
            name: "deck::a_deck_on_another_template_uses_its_layouts_and_converts",
            needs: &[
                Tool::Graphviz,
                Tool::PythonPptx,
                Tool::LibreOffice,
                Tool::Pdftotext,
            ],
            run: templated,
        },
        Check {
            name: "deck::hostile_names_give_a_deck_that_opens",
            needs: &[
                Tool::Graphviz,
                Tool::PythonPptx,
                Tool::LibreOffice,
                Tool::Pdftotext,
            ],
            run: hostile,
        },
        Check {
            name: "deck::a_bad_template_is_refused_and_nothing_is_written",
            needs: &[],
            run: bad_templates,
        },
    ]
}

/// Reads a deck with python-pptx: per slide its layout, title, tables, other texts (with the
/// smallest font size on the slide, diagrams' node, tie and legend texts included), notes and
/// diagram groups (node shape texts).
const READER: &str = r#"
import json, sys
from pptx import Presentation
from pptx.util import Pt
from pptx.enum.shapes import MSO_SHAPE_TYPE
deck = Presentation(sys.argv[1])
def run_sizes(shape):
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [size for s in shape.shapes for size in run_sizes(s)]
    if not shape.has_text_frame:
        return []
    return [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs if run.font.size and run.text.strip()]
slides = []
for slide in deck.slides:
    tables, texts, groups, sizes = [], [], [], []
    for shape in slide.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            nodes = [s.text_frame.text for s in shape.shapes if s.name.startswith("node ") and s.has_text_frame and s.text_frame.text]
            groups.append({"name": shape.name, "nodes": nodes, "shapes": len(shape.shapes)})
            sizes += run_sizes(shape)
        elif shape.has_table:
            rows = [[c.text for c in r.cells] for r in shape.table.rows]
            tables.append(rows)
            for r in shape.table.rows:
                for c in r.cells:
                    for p in c.text_frame.paragraphs:
                        sizes += [run.font.size.pt for run in p.runs if run.font.size]
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
            for p in shape.text_frame.paragraphs:
                sizes += [run.font.size.pt for run in p.runs if run.font.size]
    slides.append({
        "layout": slide.slide_layout.name,
        "title": slide.shapes.title.text if slide.shapes.title is not None else None,
        "tables": tables, "texts": texts, "groups": groups,
        "smallest": min(sizes) if sizes else None,
        "notes": slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "",
    })
print(json.dumps({"width": deck.slide_width, "height": deck.slide_height, "slides": slides}))
"#;

fn read_deck(pptx: &Path) -> Value {
    let output = Command::new("python3")
        .args(["-c", READER])
        .arg(pptx)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python-pptx cannot read {}: {}",
        pptx.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("reader's JSON")
}

fn report(data: &Path, out: &Path, extra: &[&str]) -> String {
    let out_text = out.to_string_lossy().into_owned();
    let mut args = vec!["report", "--out", out_text.as_str()];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_on(data, &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("briefing.pptx").is_file(), "{stdout}");
    assert!(out.join("briefing.pdf").is_file(), "{stdout}");
    stdout
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success());
    squeeze(&String::from_utf8_lossy(&output.stdout))
}

fn slides(deck: &Value) -> &Vec<Value> {
    deck["slides"].as_array().expect("slides")
}

fn titled<'a>(deck: &'a Value, title: &str) -> Vec<&'a Value> {
    slides(deck)
        .iter()
        .filter(|s| {
            s["title"]
                .as_str()
                .is_some_and(|t| t == title || t.starts_with(&format!("{title} (")))
        })
        .collect()
}

/// The labels of a view as Graphviz reads them from the bundle's DOT file.
fn dot_labels(dot: &Path) -> Vec<String> {
    let output = Command::new("dot")
        .args(["-Tjson"])
        .arg(dot)
        .output()
        .expect("dot runs");
    assert!(output.status.success(), "{}", dot.display());
    let layout: Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut labels: Vec<String> = layout["objects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| o.get("pos").is_some())
        .filter_map(|o| o["label"].as_str())
        .map(|l| l.replace("\\n", "\n").trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    labels.sort();
    labels
}

/// Everything the deck must agree on with the bundle it is part of.
fn agrees(out: &Path, route_titles: &[&str]) {
    let deck = read_deck(&out.join("briefing.pptx"));
    let briefing = std::fs::read_to_string(out.join("briefing.md")).expect("briefing");
    let export: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("exports/network.json")).expect("export"),
    )
    .expect("json");
    let pdf = pdf_text(&out.join("briefing.pdf"));
    let all = slides(&deck);
    // 16:9, and every slide has a title and notes.
    assert_eq!(
        deck["width"].as_i64().unwrap_or(0) * 9,
        deck["height"].as_i64().unwrap_or(0) * 16
    );
    for s in all {
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()), "{s}");
        assert!(s["notes"].as_str().is_some_and(|n| !n.is_empty()), "{s}");
    }
    // The slides the issue lists, in order.
    let mut expected = vec![
        "The network at a glance",
        "Organisation chart",
        "Most central bodies",
        "Brokers between the countries",
    ];
    expected.extend_from_slice(route_titles);
    expected.extend(["Redundant channels", "Single points of failure", "Sources"]);
    let titles: Vec<&str> = all.iter().filter_map(|s| s["title"].as_str()).collect();
    let mut at = 0;
    for want in &expected {
        let found = titles[at..].iter().position(|t| {
            t == want || t.starts_with(&format!("{want} (")) || t.starts_with(&format!("{want}: "))
        });
        let found =
            found.unwrap_or_else(|| panic!("no slide \"{want}\" after slide {at}: {titles:?}"));
        at += found;
    }
    // Content text is at least 14 pt.
    for s in &all[1..] {
        if let Some(smallest) = s["smallest"].as_f64() {
            assert!(smallest >= 14.0, "{} has text at {smallest} pt", s["title"]);
        }
    }
    // The central bodies' table: the briefing's ranking, the export's betweenness.
    let ranked = section(&briefing, "Most central bodies");
    let ranked: Vec<&String> = ranked
        .iter()
        .filter(|l| l.contains(": betweenness "))
        .collect();
    let rows: Vec<&Value> = titled(&deck, "Most central bodies")
        .iter()
        .flat_map(|s| s["tables"][0].as_array().into_iter().flatten().skip(1))
        .collect();
    assert_eq!(rows.len(), ranked.len(), "{rows:?}");
    for (row, line) in rows.iter().zip(&ranked) {
        let body = row[1].as_str().expect("body");
        let score = row[3].as_str().expect("score");
        assert!(line.starts_with(&format!("{body} (")), "{line} / {body}");
        assert!(
            line.contains(&format!("betweenness {score}")),
            "{line} / {score}"
        );
        let node = export["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["label"].as_str() == Some(body))
            .unwrap_or_else(|| panic!("{body} not in the export"));
        let exported = node["betweenness"].as_f64().expect("betweenness");
        assert_eq!(format!("{exported:.4}"), score[..6], "{body}");
        assert!(
            pdf.contains(body) && pdf.contains(&score[..6]),
            "{body} {score}"
        );
    }
    // The brokers' table: the briefing's sentences' names and counts.
    let brokers = section(&briefing, "Brokers between the countries");
    let broker_rows: Vec<&Value> = titled(&deck, "Brokers between the countries")
        .iter()
        .flat_map(|s| s["tables"][0].as_array().into_iter().flatten().skip(1))
        .collect();
    if brokers.iter().any(|l| l.contains("stands between")) {
        assert_eq!(broker_rows.len(), brokers.len());
        for (row, line) in broker_rows.iter().zip(&brokers) {
            let (body, times) = (row[0].as_str().expect("body"), row[2].as_str().expect("n"));
            assert!(line.starts_with(&format!("{body} (")), "{line}");
            assert!(line.contains(&format!("countries {times} times")), "{line}");
        }
    }
    // Every sentence of these sections is on a slide (and in the PDF) and in its notes.
    for (heading, title) in [
        ("The network", "The network at a glance"),
        ("Redundant channels", "Redundant channels"),
        ("Single points of failure", "Single points of failure"),
        ("Channels per area and level", "Channels per area and level"),
        ("Bodies in several forums", "Bodies in several forums"),
        ("What changed", "What changed"),
    ] {
        let sentences = section(&briefing, heading);
        let on = titled(&deck, title);
        let shown: String = on
            .iter()
            .flat_map(|s| s["texts"].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n");
        let notes = on
            .first()
            .map(|s| s["notes"].as_str().unwrap_or(""))
            .unwrap_or("");
        for sentence in sentences.iter().filter(|s| s.chars().count() < 700) {
            assert!(
                shown.contains(sentence.as_str()),
                "{title}: not shown: {sentence}"
            );
            assert!(
                notes.contains(sentence.as_str()),
                "{title}: not in notes: {sentence}"
            );
            // pdftotext joins a word LibreOffice broke at a hyphen ("joint-" "statement")
            // without it: compare without hyphens.
            let unhyphenated = |text: &str| squeeze(text).replace('-', "");
            assert!(
                unhyphenated(&pdf).contains(&unhyphenated(sentence)),
                "not in the PDF: {sentence}"
            );
        }
    }
    // Each diagram is a group whose node texts are the view's labels.
    for (title, name) in [
        ("The network at a glance", "network-deck"),
        ("Organisation chart", "org-deck"),
    ] {
        let slide = all
            .iter()
            .find(|s| s["title"].as_str().is_some_and(|t| t.starts_with(title)))
            .unwrap_or_else(|| panic!("no slide {title}"));
        let group = &slide["groups"][0];
        assert_eq!(
            group["name"].as_str(),
            Some(format!("Diagram {name}").as_str())
        );
        let mut nodes: Vec<String> = group["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        nodes.sort();
        assert_eq!(
            nodes,
            dot_labels(&out.join(format!("diagrams/{name}.dot"))),
            "{name}"
        );
    }
    readable(&out.join("briefing.pdf"), all.len());
}

/// The PDF has one page per slide; on every page no word leaves the page and no two words
/// overlap by more than 10 % of the smaller (pdftotext's word boxes).
fn readable(pdf: &Path, slides: usize) {
    let output = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let pages: Vec<&str> = html.split("<page ").skip(1).collect();
    assert_eq!(pages.len(), slides, "one page per slide");
    let number = |tag: &str, key: &str| -> f64 {
        tag.split(&format!("{key}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    for (i, page) in pages.iter().enumerate() {
        let (w, h) = (number(page, "width"), number(page, "height"));
        let words: Vec<(f64, f64, f64, f64, &str)> = page
            .split("<word ")
            .skip(1)
            .map(|word| {
                let text = word
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                // pdftotext's boxes span the font's whole ascent and descent (1.3–1.5 em for
                // Noto), which lines set at 90–100 % share: the middle 70 % is the ink.
                let (top, bottom) = (number(word, "yMin"), number(word, "yMax"));
                let margin = (bottom - top) * 0.15;
                (
                    number(word, "xMin"),
                    top + margin,
                    number(word, "xMax"),
                    bottom - margin,
                    text,
                )
            })
            .collect();
        for wd in &words {
            assert!(
                wd.0 >= -0.5 && wd.1 >= -0.5 && wd.2 <= w + 0.5 && wd.3 <= h + 0.5,
                "page {}: '{}' is off the slide",
                i + 1,
                wd.4
            );
        }
        for (a, first) in words.iter().enumerate() {
            for second in &words[a + 1..] {
                let dx = first.2.min(second.2) - first.0.max(second.0);
                let dy = first.3.min(second.3) - first.1.max(second.1);
                if dx <= 0.0 || dy <= 0.0 {
                    continue;
                }
                let smaller = ((first.2 - first.0) * (first.3 - first.1))
                    .min((second.2 - second.0) * (second.3 - second.1));
                assert!(
                    dx * dy <= 0.1 * smaller,
                    "page {}: '{}' and '{}' overlap",
                    i + 1,
                    first.4,
                    second.4
                );
            }
        }
    }
}

fn bundled() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    report(
        &root().join("data/japan-india-2009.json"),
        &out,
        &["--route", "MLIT,India"],
    );
    agrees(&out, &["Route: JSDF → India", "Route: MLIT → India"]);
    // The route slide has the clause of every hop, as `coopgraph path` gives it.
    let deck = read_deck(&out.join("briefing.pptx"));
    let route = titled(&deck, "Route: MLIT → India")[0];
    let (code, path, stderr) = run(&["path", "MLIT", "India", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let path: Value = serde_json::from_str(&path).expect("json");
    let best = &path["paths"][0]["hops"];
    let rows = route["tables"][0].as_array().expect("table");
    assert_eq!(rows.len() - 1, best.as_array().map_or(0, Vec::len));
    for (row, hop) in rows[1..].iter().zip(best.as_array().into_iter().flatten()) {
        assert_eq!(row[3].as_str(), hop["source"]["ref"].as_str(), "{row}");
    }
    // The same report writes the same deck and PDF.
    let again = temp.path().join("again");
    report(
        &root().join("data/japan-india-2009.json"),
        &again,
        &["--route", "MLIT,India"],
    );
    for file in ["briefing.pptx", "briefing.pdf"] {
        assert!(
            std::fs::read(out.join(file)).expect("first")
                == std::fs::read(again.join(file)).expect("second"),
            "{file} differs between two runs"
        );
    }
}

fn quad() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    report(&root().join("data/quad-2021-2023.json"), &out, &[]);
    agrees(&out, &[]);
    let deck = read_deck(&out.join("briefing.pptx"));
    assert!(
        !titled(&deck, "What changed").is_empty(),
        "dated sources: a What changed slide"
    );
}

fn generated() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("generated.json");
    let (code, _, stderr) = run(&[
        "generate",
        "--bodies",
        "120",
        "--mechanisms",
        "60",
        "-o",
        &data.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let out = temp.path().join("out");
    report(&data, &out, &[]);
    agrees(&out, &[]);
}

fn python_pptx_template() -> PathBuf {
    let output = Command::new("python3")
        .args([
            "-c",
            "import pptx, os; print(os.path.join(os.path.dirname(pptx.__file__), 'templates', 'default.pptx'))",
        ])
        .output()
        .expect("python3 runs");
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// python-pptx's own default template (4:3, Office theme, no notes master): the deck takes its
/// layouts and size, gains a notes master, and LibreOffice converts it.
fn templated() {
    let template = python_pptx_template();
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    report(
        &root().join("data/japan-india-2009.json"),
        &out,
        &[
            "--route",
            "MLIT,India",
            "--template",
            &template.to_string_lossy(),
        ],
    );
    let deck = read_deck(&out.join("briefing.pptx"));
    assert_eq!(
        deck["width"].as_i64(),
        Some(9_144_000),
        "the template's 4:3 size"
    );
    let all = slides(&deck);
    assert_eq!(all[0]["layout"].as_str(), Some("Title Slide"));
    assert!(all
        .iter()
        .any(|s| s["layout"].as_str() == Some("Title and Content")));
    assert!(!titled(&deck, "Route: MLIT → India").is_empty());
    for s in all {
        assert!(s["notes"].as_str().is_some_and(|n| !n.is_empty()), "{s}");
    }
    readable(&out.join("briefing.pdf"), all.len());
}

fn hostile() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("out");
    report(&crate::common::fixture("hostile/names.json"), &out, &[]);
    let deck = read_deck(&out.join("briefing.pptx"));
    for s in slides(&deck) {
        let title = s["title"].as_str().unwrap_or("");
        assert!(
            title.chars().count() <= 200,
            "a title of {} characters",
            title.chars().count()
        );
        let all = s.to_string();
        assert!(
            !all.contains('\u{202e}'),
            "a bidi override reached a slide: {title}"
        );
    }
    let pdf = pdf_text(&out.join("briefing.pdf"));
    assert!(pdf.contains("Most central bodies"), "{pdf}");
}

/// A template that is not a zip, is encrypted, or has no title-and-content layout: exit 2, a
/// message naming the file and the fault, and no bundle folder.
fn bad_templates() {
    let temp = tempfile::tempdir().expect("temp");
    let not_zip = temp.path().join("notes.pptx");
    std::fs::write(&not_zip, "just text").expect("write");
    let encrypted = temp.path().join("locked.pptx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 512]);
    std::fs::write(&encrypted, ole).expect("write");
    let no_layout = temp.path().join("bare.pptx");
    std::fs::write(&no_layout, without_content_layouts()).expect("write");
    for (file, said) in [
        (&not_zip, "not a zip archive"),
        (&encrypted, "password"),
        (&no_layout, "content placeholder"),
    ] {
        let out = temp.path().join("out");
        let (code, _, stderr) = run_on(
            &root().join("data/japan-india-2009.json"),
            &[
                "report",
                "--out",
                &out.to_string_lossy(),
                "--template",
                &file.to_string_lossy(),
            ],
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        assert!(stderr.contains(&file.display().to_string()), "{stderr}");
        assert!(!out.exists(), "a refused template left {}", out.display());
    }
    let (code, _, stderr) = run(&[
        "report",
        "--out",
        &temp.path().join("o").to_string_lossy(),
        "--route",
        "MLIT",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("comma"), "{stderr}");
}

/// coopgraph's own template with every body placeholder turned into a date placeholder.
fn without_content_layouts() -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = coopgraph::report::deck::template::default_bytes();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).expect("read");
        let data = data
            .replace("<p:ph idx=\"1\"/>", "<p:ph type=\"dt\" idx=\"10\"/>")
            .replace(
                "<p:ph type=\"subTitle\" idx=\"1\"/>",
                "<p:ph type=\"dt\" idx=\"10\"/>",
            );
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(data.as_bytes()).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}
