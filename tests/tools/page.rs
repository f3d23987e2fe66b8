//! The interactive page against the CLI, in headless Chromium: its route finder must give the
//! same answer as `coopgraph path` for every ordered pair of bodies and every body → group pair
//! (bundled dataset, a generated dataset with a hierarchy, the hostile-names fixture), and
//! resolve names as the CLI does; plus its deep links, focus and filters.
//!
//! One browser load per dataset: the page's `#selftest=SPEC` mode asks every question and
//! writes the answers as JSON into the page. The CLI side calls `cmd::path::run_loaded`, the
//! function `coopgraph path` runs once the file is read (spawning the binary for 6,000
//! questions would take minutes on a shared machine); `binary_and_library_agree` ties the two.

use crate::common::{coopgraph, fixture, root};
use crate::need::{self, Tool};
use crate::render::browse;
use crate::Check;
use coopgraph::cli::PathArgs;
use coopgraph::cmd::path::run_loaded;
use coopgraph::ingest::json::load;
use coopgraph::model::Dataset;
use coopgraph::present::Format;
use coopgraph::query::resolve::{Resolver, Target};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The checks of this file.
pub fn checks() -> Vec<Check> {
    vec![
        Check {
            name: "page::route_finder_answers_as_the_cli_on_the_bundled_dataset",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: bundled_dataset_differential,
        },
        Check {
            name: "page::route_finder_answers_as_the_cli_on_a_generated_hierarchy",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: generated_dataset_differential,
        },
        Check {
            name: "page::route_finder_answers_as_the_cli_on_hostile_names",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: hostile_dataset_differential,
        },
        Check {
            name: "page::binary_and_library_agree",
            needs: &[],
            run: binary_and_library_agree,
        },
        Check {
            name: "page::committed_index_answers_mlit_to_india",
            needs: &[Tool::Chromium],
            run: committed_index_answers_mlit_to_india,
        },
    ]
}

/// Renders `render network --format html` of `data` into `dir`.
fn render_page(data: &Path, dir: &Path) -> PathBuf {
    let page = dir.join("page.html");
    let output = coopgraph()
        .arg("--data")
        .arg(data)
        .args(["render", "network", "--format", "html", "-o"])
        .arg(&page)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    page
}

/// Percent-encodes everything but unreserved characters, for a URL fragment.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Loads `page` with `#selftest=spec` and returns what the page wrote.
fn page_answers(page: &Path, spec: &Value) -> Value {
    let chromium = need::chromium().expect("Chromium");
    let hash = format!("selftest={}", encode(&spec.to_string()));
    assert!(
        hash.len() < 120_000,
        "the question list fits in one argument"
    );
    let (dom, log) = browse(chromium, page, &hash);
    assert!(!log.contains("Uncaught"), "console error:\n{log}");
    let start = dom
        .find("<pre id=\"selftest-result\"")
        .and_then(|i| dom[i..].find('>').map(|j| i + j + 1))
        .unwrap_or_else(|| panic!("no self-test result in the page\n{log}"));
    let end = start + dom[start..].find("</pre>").expect("end of result");
    serde_json::from_str(&dom[start..end].replace("&nbsp;", "\u{a0}")).expect("result is JSON")
}

/// One path question: from, to, max hops, hierarchy, limit.
type Question = (String, String, usize, bool, usize);

/// What the CLI answers: its JSON, summary and path lines (from its table), or its error.
fn cli_answer(dataset: &Dataset, q: &Question) -> Value {
    let args = |format| PathArgs {
        from: q.0.clone(),
        to: q.1.clone(),
        max_hops: q.2,
        limit: q.4,
        hierarchy: q.3,
        no_hierarchy: !q.3,
        avoid: Vec::new(),
        format,
    };
    let mut out = Vec::new();
    if let Err(error) = run_loaded(dataset, &args(Format::Json), &mut out) {
        return json!({ "error": error.to_string() });
    }
    let mut table = Vec::new();
    run_loaded(dataset, &args(Format::Table), &mut table).expect("table as well as JSON");
    json!({
        "json": serde_json::from_slice::<Value>(&out).expect("CLI JSON"),
        "table": String::from_utf8_lossy(&table),
    })
}

/// Requires the page's answer to every question to be the CLI's; returns how many questions had
/// paths and how many of those used a hierarchy step.
fn compare_answers(dataset: &Dataset, questions: &[Question], page: &Value) -> (usize, usize) {
    let answers = page["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), questions.len(), "one answer per question");
    let (mut with_paths, mut with_steps) = (0, 0);
    for (q, answer) in questions.iter().zip(answers) {
        let asked = &answer["query"];
        assert_eq!(
            (
                asked[0].as_str(),
                asked[1].as_str(),
                asked[2].as_u64(),
                asked[3].as_bool()
            ),
            (
                Some(q.0.as_str()),
                Some(q.1.as_str()),
                Some(q.2 as u64),
                Some(q.3)
            ),
            "questions in the same order"
        );
        let page = &answer["result"];
        let cli = cli_answer(dataset, q);
        if let Some(error) = cli.get("error") {
            assert_eq!(
                &page["error"], error,
                "{q:?}: the CLI refuses, the page must too"
            );
            continue;
        }
        assert!(page.get("error").is_none(), "{q:?}: page error {page}");
        assert_eq!(
            page["json"], cli["json"],
            "{q:?}: the page's answer differs"
        );
        let table = cli["table"].as_str().expect("table");
        let summary = page["summary"].as_str().expect("summary");
        assert!(table.contains(summary), "{q:?}: summary {summary}\n{table}");
        for line in page["lines"].as_array().expect("lines") {
            let line = line.as_str().expect("line");
            assert!(table.contains(line), "{q:?}: path line {line}\n{table}");
        }
        let paths = cli["json"]["paths"].as_array().expect("paths");
        if !paths.is_empty() {
            with_paths += 1;
            if paths
                .iter()
                .flat_map(|p| p["hops"].as_array().into_iter().flatten())
                .any(|h| h["via"]["kind"] == "part-of")
            {
                with_steps += 1;
            }
        }
    }
    (with_paths, with_steps)
}

/// Every ordered pair of bodies and every body → group pair, with and without the hierarchy,
/// in the order the page's `pairs` mode asks them.
fn all_pairs(dataset: &Dataset, hops: usize, limit: usize) -> Vec<Question> {
    let mut questions = Vec::new();
    for hierarchy in [true, false] {
        for a in &dataset.bodies {
            for b in &dataset.bodies {
                if a.id != b.id {
                    questions.push((a.id.clone(), b.id.clone(), hops, hierarchy, limit));
                }
            }
            for g in &dataset.groups {
                questions.push((a.id.clone(), g.id.clone(), hops, hierarchy, limit));
            }
        }
    }
    questions
}

/// Names to resolve: every id, label, name and alias as written, shouted and misspelt, group
/// names, mechanism and forum names, and inputs that are ambiguous, unknown or empty.
fn names_to_try(dataset: &Dataset) -> Vec<String> {
    let mut names: Vec<String> = vec![
        "".into(),
        "   ".into(),
        "xyzzy".into(),
        "MOD".into(),
        "MoD Japan".into(),
        "Ministry of Défence, Japan".into(),
        "ＭＬＩＴ".into(),
        "İndia".into(),
        "navy".into(),
        "coast guard".into(),
        "Mnistry of Railways".into(),
    ];
    let mut add = |text: &str| {
        names.push(text.to_string());
        names.push(text.to_uppercase());
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > 3 {
            // A typo: one character dropped from the middle.
            let mut typo = chars.clone();
            typo.remove(chars.len() / 2);
            names.push(typo.into_iter().collect());
        }
    };
    for body in &dataset.bodies {
        add(&body.id);
        add(body.label());
        add(&body.name);
        for alias in &body.aliases {
            add(alias);
        }
    }
    for group in &dataset.groups {
        add(&group.name);
        add(&group.id);
    }
    for mechanism in dataset.mechanisms.iter().take(12) {
        add(&mechanism.name);
    }
    for forum in &dataset.forums {
        add(forum.label());
    }
    names
}

fn compare_names(dataset: &Dataset, names: &[String], page: &Value, ambiguity: bool) {
    let resolver = Resolver::new(dataset);
    let answers = page["names"].as_array().expect("names");
    assert_eq!(answers.len(), names.len());
    let (mut ambiguous, mut unknown) = (0, 0);
    for (name, answer) in names.iter().zip(answers) {
        let cli = match resolver.resolve(name) {
            Ok(Target::Node(id)) => json!({ "node": id }),
            Ok(Target::Group { id, bodies }) => json!({ "group": id, "bodies": bodies }),
            Err(error) => {
                let message = error.to_string();
                ambiguous += usize::from(message.contains("is ambiguous"));
                unknown += usize::from(message.contains("did you mean"));
                json!({ "error": message })
            }
        };
        assert_eq!(answer["input"].as_str(), Some(name.as_str()));
        assert_eq!(answer["result"], cli, "resolving {name:?}");
    }
    assert!(
        !ambiguity || ambiguous > 0,
        "the list holds ambiguous names"
    );
    assert!(unknown > 0, "the list holds unknown names with suggestions");
}

/// Runs the whole differential on the dataset at `data`; returns (questions with paths, of
/// which through a hierarchy step).
fn differential(data: &Path, extra: &[Question], ambiguity: bool) -> (usize, usize) {
    let dataset = load(data).expect("dataset loads").dataset;
    let temp = tempfile::tempdir().expect("temp");
    let page = render_page(data, temp.path());
    let (hops, limit) = (3, 20);
    let mut questions = all_pairs(&dataset, hops, limit);
    questions.extend_from_slice(extra);
    let names = names_to_try(&dataset);
    let spec = json!({
        "pairs": { "hops": hops, "limit": limit, "hierarchy": [true, false] },
        "queries": extra.iter().map(|q| json!([q.0, q.1, q.2, q.3, q.4])).collect::<Vec<_>>(),
        "names": names,
    });
    let answers = page_answers(&page, &spec);
    compare_names(&dataset, &names, &answers, ambiguity);
    compare_answers(&dataset, &questions, &answers)
}

fn question(from: &str, to: &str, hops: usize, hierarchy: bool, limit: usize) -> Question {
    (from.into(), to.into(), hops, hierarchy, limit)
}

fn bundled_dataset_differential() {
    let extra = [
        question("MLIT", "India", 3, true, 20),
        question("MLIT", "India", 3, false, 20),
        question("MLIT", "India", 4, true, 20),
        question("mlit", "india", 2, true, 3),
        question("JCG", "Indian Navy", 3, true, 20),
        question("MoD Japan", "MOD India", 4, true, 50),
        question("Japan", "India", 1, true, 20),
        question("Japan", "Ministry of Railways", 2, true, 20),
        question("MOD", "India", 3, true, 20),
        question("Shipping Policy Forum", "India", 3, true, 20),
        question("MLIT", "Japan", 3, true, 20),
        question("xyzzy", "India", 3, true, 20),
        question("MLIT", "Mnistry of Railways", 3, true, 20),
        question("Cabinet Secretariat", "Indian Army", 1, false, 20),
    ];
    let data = root().join("data/japan-india-2009.json");
    let (with_paths, with_steps) = differential(&data, &extra, true);
    assert!(with_paths > 1000, "{with_paths} questions had paths");
    assert!(with_steps > 100, "{with_steps} used a hierarchy step");
}

fn generated_dataset_differential() {
    let temp = tempfile::tempdir().expect("temp");
    let data = temp.path().join("generated.json");
    let output = coopgraph()
        .args([
            "generate",
            "--bodies",
            "45",
            "--mechanisms",
            "30",
            "--groups",
            "3",
            "--forums",
            "3",
            "--mean-participants",
            "3",
            "--seed",
            "7",
            "-o",
        ])
        .arg(&data)
        .output()
        .expect("generate runs");
    assert!(output.status.success());
    let dataset = load(&data).expect("generated dataset loads").dataset;
    let parents = dataset.bodies.iter().filter(|b| b.parent.is_some()).count();
    assert!(
        parents >= 5,
        "the generated dataset has a hierarchy ({parents} parents)"
    );
    let extra = [
        question("b0", "Group 1", 4, true, 10),
        question("Group 0", "Group 2", 2, true, 20),
    ];
    let (with_paths, with_steps) = differential(&data, &extra, false);
    assert!(with_paths > 500, "{with_paths} questions had paths");
    assert!(with_steps > 50, "{with_steps} used a hierarchy step");
}

fn hostile_dataset_differential() {
    let extra = [
        question("North MOD", "South", 3, true, 20),
        question("<script>", "South", 3, true, 20),
    ];
    let (with_paths, _) = differential(&fixture("render/hostile.json"), &extra, false);
    assert!(with_paths > 5, "{with_paths} questions had paths");
}

/// The library function the differential calls is what the binary prints.
fn binary_and_library_agree() {
    let data = root().join("data/japan-india-2009.json");
    let dataset = load(&data).expect("loads").dataset;
    for (from, to, extra) in [
        ("MLIT", "India", vec![]),
        ("JCG", "Indian Navy", vec!["--no-hierarchy"]),
        ("MOD", "India", vec![]),
    ] {
        let output = coopgraph()
            .args(["path", from, to, "--format", "json"])
            .args(&extra)
            .output()
            .expect("runs");
        let question = question(from, to, 3, extra.is_empty(), 20);
        let library = cli_answer(&dataset, &question);
        match library.get("error") {
            Some(error) => {
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(
                    stderr.contains(error.as_str().expect("text")),
                    "{stderr} / {error}"
                );
            }
            None => {
                let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON");
                assert_eq!(printed, library["json"]);
            }
        }
    }
}

/// The headline question on the committed out/index.html: eight paths, in the CLI's order, each
/// hop with its clause, drawn with the rest dimmed.
fn committed_index_answers_mlit_to_india() {
    let chromium = need::chromium().expect("Chromium");
    let index = root().join("out/index.html");
    let (dom, log) = browse(chromium, &index, "route=MLIT,India");
    assert!(dom.contains("data-ready=\"yes\""), "script ran\n{log}");
    assert!(!log.contains("Uncaught"), "console error:\n{log}");
    let dataset = load(&root().join("data/japan-india-2009.json"))
        .expect("loads")
        .dataset;
    let cli = cli_answer(&dataset, &question("MLIT", "India", 3, true, 20));
    let lines: Vec<String> = routes(&dom);
    assert_eq!(lines.len(), 8, "eight paths: {lines:#?}");
    let table = cli["table"].as_str().expect("table");
    let cli_lines: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("Paths"))
        .skip(3)
        .map(|l| l.split_once("  ").map_or(l, |(_, rest)| rest).trim())
        .collect();
    assert_eq!(lines, cli_lines, "same paths in the same order");
    assert!(dom.contains("value=\"MLIT\"") && dom.contains("value=\"India\""));
    assert!(dom.contains("MLIT reaches 7 bodies of India within 3 hops: 8 path(s)."));
    assert!(dom.contains("Consultation between railway authorities · 5.2"));
    // Drawn strongly, the rest dimmed.
    assert!(
        dom.contains("class=\"view active focus\""),
        "the view is in focus mode"
    );
    for body in ["mlit", "mha", "ministry-of-railways", "mlit-railway"] {
        assert!(
            on_nodes(&dom).iter().any(|id| id == body),
            "{body} drawn strongly"
        );
    }
}

/// The `data-line` of every item of `ol#routes`.
pub fn routes(dom: &str) -> Vec<String> {
    let Some(start) = dom.find("<ol id=\"routes\"") else {
        return Vec::new();
    };
    let end = start + dom[start..].find("</ol>").unwrap_or(0);
    dom[start..end]
        .split("data-line=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(unescape)
        .collect()
}

/// Dataset ids of the nodes drawn strongly (`g.node.on`).
pub fn on_nodes(dom: &str) -> Vec<String> {
    dom.split("<g ")
        .filter_map(|g| {
            let tag = g.split('>').next()?;
            let class = tag.split("class=\"").nth(1)?.split('"').next()?;
            let classes: Vec<&str> = class.split(' ').collect();
            if !classes.contains(&"node") || !classes.contains(&"on") {
                return None;
            }
            let id = tag.split("data-node=\"").nth(1)?.split('"').next()?;
            Some(unescape(id))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}
