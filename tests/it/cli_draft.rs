//! `draft` and `review`: the figures on the bundled plan, the Quad statements, documents of other
//! shapes (numbered communiqué, Markdown fact sheet, HTML page, PDF), merging and reviewing.

use crate::common::{fixture, root, run, run_on};
use coopgraph::draft::{draft, measure::compare, Options};
use coopgraph::ingest::json::{load, read};
use coopgraph::model::document::SourceText;
use coopgraph::query::resolve::normalise;
use std::path::Path;

#[test]
fn figures_on_the_bundled_plan() {
    let drafted = draft(
        &root().join("data/sources/japan-india-2009-action-plan.txt"),
        &Options::default(),
    )
    .expect("drafts");
    let curated = load(&root().join("data/japan-india-2009.json")).expect("curated");
    let figures = compare(&drafted.dataset, &curated.dataset);
    assert!(figures.mechanisms_found_share() >= 0.90, "{figures:?}");
    assert!(figures.participant_f1 >= 0.80, "{figures:?}");
    assert!(figures.bodies_found_share() >= 0.90, "{figures:?}");
    // Every citation's quote stands verbatim in the text it was drafted from.
    let text = SourceText::new(&drafted.text);
    let citations = drafted
        .dataset
        .mechanisms
        .iter()
        .flat_map(|m| &m.sources)
        .chain(drafted.dataset.bodies.iter().flat_map(|b| &b.sources))
        .chain(drafted.dataset.forums.iter().flat_map(|f| &f.sources));
    for citation in citations {
        let found = text.find_all(&citation.quote);
        assert!(
            !found.is_empty(),
            "quote not in the text: {}",
            citation.quote
        );
    }
}

/// Drafts `doc` with the binary into a temporary folder; returns the folder and the dataset path.
fn draft_cli(doc: &Path, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let temp = tempfile::tempdir().expect("temp");
    let output = temp.path().join("draft.json");
    let doc_arg = doc.to_string_lossy().into_owned();
    let out_arg = output.to_string_lossy().into_owned();
    let mut args = vec!["draft", doc_arg.as_str(), "-o", out_arg.as_str()];
    args.extend_from_slice(extra);
    let (code, _, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    (temp, output, stderr)
}

#[test]
fn a_quad_statement_drafts_to_a_dataset_that_validates_with_every_mechanism_cited() {
    let doc = root().join("data/sources/quad/quad-2022-05-24-leaders-joint-statement.txt");
    let (_temp, output, stderr) = draft_cli(&doc, &[]);
    assert!(stderr.contains("drafted"), "{stderr}");
    let (code, stdout, _) = run_on(&output, &["validate"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("draft(s) to review; 0 error(s)"),
        "{stdout}"
    );
    let dataset = read(&output).expect("reads");
    assert!(
        dataset.mechanisms.len() >= 10,
        "{}",
        dataset.mechanisms.len()
    );
    let text = SourceText::new(
        &std::fs::read_to_string(
            output
                .parent()
                .expect("folder")
                .join("sources/quad-2022-05-24-leaders-joint-statement.txt"),
        )
        .expect("source text kept beside the dataset"),
    );
    for mechanism in &dataset.mechanisms {
        let citation = mechanism.source().expect("every mechanism cites");
        assert!(
            citation.reference.starts_with("para "),
            "{}",
            citation.reference
        );
        assert!(
            !text.find_all(&citation.quote).is_empty(),
            "{}",
            citation.quote
        );
        assert!(mechanism.is_draft() && mechanism.note.is_some());
    }
    let source = &dataset.sources[0];
    assert_eq!(source.date.as_deref(), Some("2022-05-24"));
    assert_eq!(source.title, "Quad Joint Leaders’ Statement");
    let groups: Vec<&str> = dataset.groups.iter().map(|g| g.id.as_str()).collect();
    for party in ["australia", "india", "japan", "united-states"] {
        assert!(groups.contains(&party), "{groups:?}");
    }
}

#[test]
fn same_input_same_bytes() {
    let doc = root().join("data/sources/quad/quad-2021-09-24-leaders-joint-statement.txt");
    let (_a, first, _) = draft_cli(&doc, &[]);
    let (_b, second, _) = draft_cli(&doc, &[]);
    assert_eq!(
        std::fs::read(first).expect("first"),
        std::fs::read(second).expect("second")
    );
}

#[test]
fn into_reuses_bodies_forums_and_mechanisms_and_cites_each_statement() {
    let quad = root().join("data/sources/quad");
    let (temp, output, _) = draft_cli(
        &quad.join("quad-2021-09-24-leaders-joint-statement.txt"),
        &[],
    );
    let into = output.to_string_lossy().into_owned();
    let second = quad
        .join("quad-2022-05-24-leaders-joint-statement.txt")
        .to_string_lossy()
        .into_owned();
    let (code, _, stderr) = run(&["draft", &second, "--into", &into]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("reused"), "{stderr}");
    let dataset = read(&output).expect("reads");
    assert_eq!(dataset.sources.len(), 2);
    for name in ["Government of Japan", "Australian Government"] {
        let count = dataset.bodies.iter().filter(|b| b.name == name).count();
        assert_eq!(count, 1, "{name} drafted twice");
    }
    let fellowship = dataset
        .mechanisms
        .iter()
        .find(|m| m.name == "Quad Fellowship")
        .expect("the Quad Fellowship");
    let docs: Vec<&str> = fellowship.sources.iter().map(|s| s.doc.as_str()).collect();
    assert_eq!(
        docs,
        [
            "quad-2021-09-24-leaders-joint-statement",
            "quad-2022-05-24-leaders-joint-statement"
        ]
    );
    let (code, stdout, _) = run_on(&output, &["validate"]);
    assert_eq!(code, 0, "{stdout}");
    // Drafting the same document again is refused, and nothing is written.
    let before = std::fs::read(&output).expect("before");
    let (code, _, stderr) = run(&["draft", &second, "--into", &into]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("already in the dataset"), "{stderr}");
    assert_eq!(std::fs::read(&output).expect("after"), before);
    drop(temp);
}

#[test]
fn review_lists_then_accepts_drops_and_renames_by_flag() {
    let doc = fixture("draft/communique.txt");
    let (_temp, output, _) = draft_cli(&doc, &[]);
    let path = output.to_string_lossy().into_owned();
    let (code, listing, _) = run(&["review", &path]);
    assert_eq!(code, 0);
    assert!(listing.contains("mechanism "), "{listing}");
    assert!(
        listing.contains("drafted element(s) to review"),
        "{listing}"
    );
    let dataset = read(&output).expect("reads");
    let first = dataset.mechanisms[0].id.clone();
    let second = dataset.mechanisms[1].id.clone();
    let (code, _, stderr) = run(&[
        "review",
        &path,
        "--rename",
        &format!("{first}=Foreign and Defence Ministerial Consultations (2+2)"),
        "--drop",
        &second,
        "--accept-all",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let reviewed = read(&output).expect("reads");
    assert_eq!(
        reviewed.mechanisms[0].name,
        "Foreign and Defence Ministerial Consultations (2+2)"
    );
    assert!(!reviewed.mechanisms.iter().any(|m| m.id == second));
    assert!(reviewed.mechanisms.iter().all(|m| !m.is_draft()));
    let (code, stdout, _) = run_on(&output, &["validate"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("to review"), "{stdout}");
    // An unknown id is an input error with a suggestion, and nothing is written.
    let before = std::fs::read(&output).expect("before");
    let typo = format!("{}x", &first[..first.len() - 1]);
    let (code, _, stderr) = run(&["review", &path, "--accept", &typo]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert_eq!(std::fs::read(&output).expect("after"), before);
}

#[test]
fn clear_errors_for_bad_input() {
    let (code, _, stderr) = run(&["draft", "no/such/file.txt"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read document 'no/such/file.txt'"),
        "{stderr}"
    );
    let doc = fixture("draft/communique.txt")
        .to_string_lossy()
        .into_owned();
    let (code, _, stderr) = run(&[
        "draft",
        &doc,
        "--group",
        "Japn",
        "-o",
        "/nonexistent/x.json",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean 'Japan'"), "{stderr}");
    let temp = tempfile::tempdir().expect("temp");
    let broken = temp.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.4 not really a pdf").expect("write");
    let (code, _, stderr) = run(&["draft", &broken.to_string_lossy()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot extract the PDF's text"), "{stderr}");
}

/// A hand-made key: mechanisms as (ref, word in the name; "" ref = any) and body names.
#[derive(serde::Deserialize)]
struct Key {
    mechanisms: Vec<(String, String)>,
    bodies: Vec<String>,
}

/// Recall of mechanisms and bodies, and the share of drafted mechanisms that match the key.
fn score(document: &str, key: &str) -> (usize, usize, usize, usize, usize, usize) {
    let drafted = draft(&fixture(document), &Options::default())
        .expect("drafts")
        .dataset;
    let key: Key =
        serde_json::from_str(&std::fs::read_to_string(fixture(key)).expect("key")).expect("json");
    let matches = |m: &coopgraph::model::Mechanism, (reference, word): &(String, String)| {
        (reference.is_empty() || m.source().is_some_and(|s| &s.reference == reference))
            && m.name.to_lowercase().contains(&word.to_lowercase())
    };
    let found = key
        .mechanisms
        .iter()
        .filter(|k| drafted.mechanisms.iter().any(|m| matches(m, k)))
        .count();
    let right = drafted
        .mechanisms
        .iter()
        .filter(|m| key.mechanisms.iter().any(|k| matches(m, k)))
        .count();
    let bodies = key
        .bodies
        .iter()
        .filter(|name| {
            drafted.bodies.iter().any(|b| {
                std::iter::once(&b.name)
                    .chain(&b.short)
                    .chain(&b.aliases)
                    .any(|n| normalise(n) == normalise(name))
            })
        })
        .count();
    eprintln!(
        "{document}: mechanisms {found}/{} found, {right}/{} right; bodies {bodies}/{}",
        key.mechanisms.len(),
        drafted.mechanisms.len(),
        key.bodies.len()
    );
    (
        found,
        key.mechanisms.len(),
        right,
        drafted.mechanisms.len(),
        bodies,
        key.bodies.len(),
    )
}

#[test]
fn documents_of_other_shapes() {
    let mut total = (0, 0, 0, 0, 0, 0);
    for (document, key) in [
        ("draft/communique.txt", "draft/communique.expected.json"),
        ("draft/factsheet.md", "draft/factsheet.expected.json"),
        ("draft/statement.html", "draft/statement.expected.json"),
        ("draft/release.pdf", "draft/release.expected.json"),
    ] {
        let s = score(document, key);
        assert!(s.1 > 0 && s.3 > 0, "{document}: nothing drafted");
        total = (
            total.0 + s.0,
            total.1 + s.1,
            total.2 + s.2,
            total.3 + s.3,
            total.4 + s.4,
            total.5 + s.5,
        );
    }
    let share = |a: usize, b: usize| a as f64 / b as f64;
    eprintln!("all: {total:?}");
    assert!(share(total.0, total.1) >= 0.6, "mechanisms found {total:?}");
    assert!(share(total.2, total.3) >= 0.7, "mechanisms right {total:?}");
    assert!(share(total.4, total.5) >= 0.7, "bodies found {total:?}");
}

#[test]
fn the_outline_gives_refs_of_each_shape() {
    let communique = draft(&fixture("draft/communique.txt"), &Options::default()).expect("txt");
    assert!(communique.dataset.mechanisms.iter().all(|m| m
        .source()
        .is_some_and(|s| s.reference.chars().all(|c| c.is_ascii_digit()))));
    let factsheet = draft(&fixture("draft/factsheet.md"), &Options::default()).expect("md");
    assert!(factsheet.dataset.mechanisms.iter().all(|m| m
        .source()
        .is_some_and(|s| s.reference.starts_with("bullet "))));
    let areas: Vec<&str> = factsheet
        .dataset
        .areas
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(areas, ["Defence", "Space", "Science and health", "People"]);
    let html = draft(&fixture("draft/statement.html"), &Options::default()).expect("html");
    assert!(
        !html.text.contains("tracking") && !html.text.contains('<'),
        "{}",
        html.text
    );
    let pdf = draft(&fixture("draft/release.pdf"), &Options::default()).expect("pdf");
    assert!(
        pdf.text.contains("Japan Aerospace Exploration Agency"),
        "{}",
        pdf.text
    );
}

mod never_panics {
    use coopgraph::draft::{draft_text, gazetteer::Gazetteer, Options};
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static GAZETTEER: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::load(&[]).expect("gazetteer"));

    /// Lines made of words that exercise the rules: countries, bodies, channels, bullets,
    /// numbers, brackets, quotes, dashes and multi-byte letters.
    fn document() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "Japan",
            "India",
            "of",
            "the",
            "and",
            "Ministry",
            "Defence",
            "MOD",
            "(MOD)",
            "Navy",
            "Working",
            "Group",
            "dialogue",
            "exercise",
            "annual",
            "between",
            "led",
            "by",
            "•",
            "1.",
            "(1)",
            "-",
            "Quad",
            "Partnership’s",
            "“Quad",
            "Fellowship”",
            "U.S.",
            "–",
            "é",
            "日本",
            "at",
            "level",
            "Foreign",
            "Minister-level",
            "Coast",
            "Guards",
            ".",
            ",",
            ";",
            "20",
            "May",
            "2023",
            "###",
            "#",
            "Agency",
            "(JAXA)",
            "will",
            "meet",
            "regularly",
        ]);
        let line = prop::collection::vec(words, 0..14).prop_map(|w| w.join(" "));
        let indent = prop::sample::select(vec!["", "  ", "    "]);
        prop::collection::vec((indent, line), 0..24).prop_map(|lines| {
            lines
                .into_iter()
                .map(|(i, l)| format!("{i}{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any text drafts or fails with an error, never a panic; every quote it cites stands
        /// in the text.
        #[test]
        fn drafting_any_text_never_panics(text in document()) {
            let options = Options { groups: vec!["Japan".into(), "India".into()], ..Options::default() };
            if let Ok(drafted) = draft_text(&text, "fuzz", &GAZETTEER, &options) {
                let source = coopgraph::model::document::SourceText::new(&drafted.text);
                for m in &drafted.dataset.mechanisms {
                    for c in &m.sources {
                        prop_assert!(!source.find_all(&c.quote).is_empty(), "{}", c.quote);
                    }
                }
            }
        }
    }
}
