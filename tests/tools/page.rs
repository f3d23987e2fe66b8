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
use coopgraph::cli::{FormatChoice, PathArgs};
use coopgraph::cmd::path::run_loaded;
use coopgraph::ingest::json::load;
use coopgraph::model::Dataset;
use coopgraph::query::resolve::{Resolver, Target};
use rayon::prelude::*;
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
            name: "page::defaults_are_the_cli_defaults",
            needs: &[],
            run: defaults_are_the_cli_defaults,
        },
        Check {
            name: "page::committed_index_answers_mlit_to_india",
            needs: &[Tool::Chromium],
            run: committed_index_answers_mlit_to_india,
        },
        Check {
            name: "page::keyboard_reaches_every_control_and_enter_asks",
            needs: &[Tool::Chromium, Tool::Python],
            run: keyboard_reaches_every_control_and_enter_asks,
        },
        Check {
            name: "page::tabs_zoom_pan_and_focus",
            needs: &[Tool::Chromium, Tool::Python],
            run: tabs_zoom_pan_and_focus,
        },
        Check {
            name: "page::legend_filters_by_country_area_and_kind",
            needs: &[Tool::Chromium, Tool::Python],
            run: legend_filters_by_country_area_and_kind,
        },
        Check {
            name: "page::timeline_steps_count_as_the_cli_as_of",
            needs: &[Tool::Graphviz, Tool::Chromium],
            run: timeline_steps_count_as_the_cli_as_of,
        },
        Check {
            name: "page::timeline_keys_deep_links_and_print",
            needs: &[Tool::Graphviz, Tool::Chromium, Tool::Python],
            run: timeline_keys_deep_links_and_print,
        },
        Check {
            name: "page::one_source_page_has_no_timeline",
            needs: &[],
            run: one_source_page_has_no_timeline,
        },
        Check {
            name: "page::a_large_dataset_page_stays_under_3_mb_and_says_what_it_holds",
            needs: &[Tool::Chromium],
            run: large_dataset_page,
        },
        Check {
            name: "page::prints_view_legend_and_answer_on_one_landscape_page",
            needs: &[Tool::Chromium, Tool::Python],
            run: prints_on_one_landscape_page,
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
    result_of(chromium, page, &hash, "selftest-result")
}

/// Loads `page#hash` and returns the JSON the page wrote into `<pre id="ID">`.
fn result_of(chromium: &str, page: &Path, hash: &str, id: &str) -> Value {
    let (dom, log) = browse(chromium, page, hash);
    assert!(!log.contains("Uncaught"), "console error:\n{log}");
    let start = dom
        .find(&format!("<pre id=\"{id}\""))
        .and_then(|i| dom[i..].find('>').map(|j| i + j + 1))
        .unwrap_or_else(|| panic!("no {id} in {page:?}\n{log}"));
    let end = start + dom[start..].find("</pre>").expect("end of result");
    serde_json::from_str(&dom[start..end].replace("&nbsp;", "\u{a0}")).expect("result is JSON")
}

/// One path question: from, to, max hops, hierarchy, limit, bodies to avoid.
type Question = (String, String, usize, bool, usize, Vec<String>);

/// What the CLI answers: its JSON, summary and path lines (from its table), or its error.
fn cli_answer(dataset: &Dataset, q: &Question) -> Value {
    let args = |format| PathArgs {
        from: q.0.clone(),
        to: q.1.clone(),
        max_hops: q.2,
        limit: q.4,
        hierarchy: q.3,
        no_hierarchy: !q.3,
        avoid: q.5.clone(),
        max_paths: coopgraph::query::paths::ENUMERATION_CAP,
        max_seconds: coopgraph::query::paths::TIME_CAP.as_secs_f64(),
        common: coopgraph::cli::CollapsedFormatArgs {
            format,
            collapse: coopgraph::cli::CollapseArgs { collapse: None },
            scope: Default::default(),
        },
    };
    let mut out = Vec::new();
    if let Err(error) = run_loaded(dataset, &args(FormatChoice::Json), &mut out) {
        return json!({ "error": error.to_string() });
    }
    let mut table = Vec::new();
    run_loaded(dataset, &args(FormatChoice::Table), &mut table).expect("table as well as JSON");
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
    // The CLI side is the slow one (a debug build): ask it on every core.
    let cli_answers: Vec<Value> = questions
        .par_iter()
        .map(|q| cli_answer(dataset, q))
        .collect();
    for ((q, answer), cli) in questions.iter().zip(answers).zip(cli_answers) {
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
                    questions.push((a.id.clone(), b.id.clone(), hops, hierarchy, limit, vec![]));
                }
            }
            for g in &dataset.groups {
                questions.push((a.id.clone(), g.id.clone(), hops, hierarchy, limit, vec![]));
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
        "queries": extra.iter().map(|q| json!([q.0, q.1, q.2, q.3, q.4, q.5])).collect::<Vec<_>>(),
        "names": names,
    });
    let started = std::time::Instant::now();
    let answers = page_answers(&page, &spec);
    let browsed = started.elapsed();
    compare_names(&dataset, &names, &answers, ambiguity);
    let result = compare_answers(&dataset, &questions, &answers);
    eprintln!(
        "{}: {} questions, {} names; page {:.1} s, CLI side {:.1} s",
        data.display(),
        questions.len(),
        names.len(),
        browsed.as_secs_f64(),
        (started.elapsed() - browsed).as_secs_f64()
    );
    result
}

fn question(from: &str, to: &str, hops: usize, hierarchy: bool, limit: usize) -> Question {
    (from.into(), to.into(), hops, hierarchy, limit, Vec::new())
}

/// The same, avoiding `avoid`.
fn avoiding(from: &str, to: &str, avoid: &[&str]) -> Question {
    let mut q = question(from, to, 3, true, 20);
    q.5 = avoid.iter().map(|a| a.to_string()).collect();
    q
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
        avoiding("MLIT", "India", &["JCG"]),
        avoiding("MLIT", "India", &["PWRI", "MLIT Railway Bureau"]),
        avoiding(
            "MOFA",
            "MEA",
            &["Japan (government)", "Shipping Policy Forum"],
        ),
        avoiding("JCG", "India", &["MLIT"]),
        avoiding("MLIT", "India", &["xyzzy"]),
        avoiding("MLIT", "India", &["MOD"]),
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
    let data = fixture("render/hostile.json");
    let (with_paths, _) = differential(&data, &extra, false);
    assert!(with_paths > 5, "{with_paths} questions had paths");
    // The answer names the hostile bodies and mechanisms as text; nothing in them runs.
    let temp = tempfile::tempdir().expect("temp");
    let page = render_page(&data, temp.path());
    let chromium = need::chromium().expect("Chromium");
    for hash in [
        "route=North%20MOD,South",
        "search=script",
        "select=defence-dialogue",
    ] {
        let (dom, log) = browse(chromium, &page, hash);
        assert!(
            dom.contains("data-ready=\"yes\""),
            "{hash}: script ran\n{log}"
        );
        assert!(
            !dom.contains("data-pwned=\"yes\""),
            "{hash}: a hostile name ran a script"
        );
    }
    let (dom, _) = browse(chromium, &page, "route=North%20MOD,South");
    let lines = routes(&dom);
    assert!(
        lines.iter().any(|l| l.contains("—[</script><script>")),
        "the hostile mechanism is named as text: {lines:?}"
    );
    assert!(dom.contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute"));
}

/// The page's default max hops and limit are `coopgraph path`'s.
fn defaults_are_the_cli_defaults() {
    use clap::Parser;
    let cli = coopgraph::cli::Cli::try_parse_from(["coopgraph", "path", "a", "b"]).expect("parses");
    let coopgraph::cli::Command::Path(args) = cli.command else {
        panic!("a path command");
    };
    assert_eq!(
        args.max_hops,
        coopgraph::render::page::data::DEFAULT_MAX_HOPS
    );
    assert_eq!(args.limit, coopgraph::render::page::data::DEFAULT_LIMIT);
    assert!(
        !args.no_hierarchy,
        "hierarchy steps on by default, as on the page"
    );
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
    assert!(
        !on_nodes(&dom).iter().any(|id| id == "mofa"),
        "MOFA is not on these paths"
    );
    // An ambiguous name: the CLI's message, and its candidates one click away.
    let (dom, _) = browse(chromium, &index, "route=MOD,India");
    assert!(
        dom.contains("'MOD' is ambiguous: it names"),
        "CLI's message"
    );
    let candidates = dom
        .split("class=\"candidates\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .unwrap_or_default();
    assert!(
        candidates.contains("MOD Japan") && candidates.contains("MOD India"),
        "candidates offered: {candidates}"
    );
    // A search draws its hits strongly.
    let (dom, _) = browse(chromium, &index, "search=navy");
    let on = on_nodes(&dom);
    assert!(
        on.iter().any(|id| id == "indian-navy") && on.iter().any(|id| id == "navy-staff-talks"),
        "search hits drawn: {on:?}"
    );
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

/// Runs `steps` (see `page_driver.py`) on `page#hash` with real input events; returns what the
/// `eval` and `pdf` steps gave.
fn drive(page: &Path, hash: &str, steps: &Value) -> Vec<Value> {
    let chromium = need::chromium().expect("Chromium");
    let output = std::process::Command::new("python3")
        .arg(root().join("tests/tools/page_driver.py"))
        .arg(chromium)
        .arg(format!("file://{}#{hash}", page.display()))
        .arg(steps.to_string())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "driver failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("driver prints JSON")
}

fn index() -> PathBuf {
    root().join("out/index.html")
}

/// What has the keyboard focus, as a short name.
const ACTIVE: &str = "(function(){var e=document.activeElement;var d=e.getAttribute('data-group')||e.getAttribute('data-area')||e.getAttribute('data-kind');return e.id||(d!==null?e.tagName+':'+d:e.tagName+':'+(e.getAttribute('aria-label')||e.textContent.trim().slice(0,20)));})()";

fn keyboard_reaches_every_control_and_enter_asks() {
    let mut steps = Vec::new();
    for _ in 0..45 {
        steps.push(json!({ "key": "Tab" }));
        steps.push(json!({ "eval": ACTIVE }));
    }
    // Every control has a name a screen reader can say.
    steps.push(json!({ "eval": "Array.from(document.querySelectorAll('input,button,select')).filter(function(e){return !(e.labels&&e.labels.length)&&!e.getAttribute('aria-label')&&!e.textContent.trim();}).map(function(e){return e.outerHTML;})" }));
    // Type both ends and press Enter.
    steps.extend([
        json!({ "click": "#from" }),
        json!({ "text": "MLIT" }),
        json!({ "key": "Tab" }),
        json!({ "text": "India" }),
        json!({ "key": "Enter" }),
        json!({ "eval": "document.querySelectorAll('#routes li').length" }),
        json!({ "eval": "window.location.hash" }),
        json!({ "eval": "document.querySelectorAll('.view.focus').length > 0" }),
        json!({ "key": "Escape" }),
        json!({ "eval": "document.querySelectorAll('.view.focus, g.on').length" }),
    ]);
    let out = drive(&index(), "", &Value::Array(steps));
    let visited: Vec<&str> = out[..45].iter().filter_map(Value::as_str).collect();
    for control in [
        "tab-0",
        "zoom-in",
        "zoom-out",
        "zoom-fit",
        "zoom-focus",
        "clear-focus",
        "view-0",
        "INPUT:1",
        "INPUT:0",
        "INPUT:forum",
        "from",
        "to",
        "hierarchy",
        "hops",
        "limit",
        "avoid",
        "route",
        "search",
    ] {
        assert!(
            visited.contains(&control),
            "Tab never reaches {control}: {visited:?}"
        );
    }
    let position = |name: &str| visited.iter().position(|v| *v == name);
    assert!(position("from") < position("to") && position("to") < position("route"));
    assert_eq!(out[45], json!([]), "controls without a label");
    assert_eq!(out[46], json!(8), "Enter runs the query: eight paths");
    assert_eq!(
        out[47],
        json!("#route=MLIT,India"),
        "the URL follows the inputs"
    );
    assert_eq!(out[48], json!(true), "the answer is drawn");
    assert_eq!(out[49], json!(0), "Escape clears the focus");
}

const VIEWBOX: &str =
    "document.querySelector('.view.active svg').getAttribute('viewBox').split(' ').map(Number)";

fn tabs_zoom_pan_and_focus() {
    let steps = json!([
        { "eval": VIEWBOX },
        { "wheel": ".view.active", "dy": -600 },
        { "eval": VIEWBOX },
        { "drag": ".view.active", "dx": 120, "dy": 60 },
        { "eval": VIEWBOX },
        { "click": "#zoom-fit" },
        { "eval": VIEWBOX },
        { "click": "#zoom-in" },
        { "eval": VIEWBOX },
        { "key": "0" },
        { "click": "#tab-0" },
        { "key": "ArrowRight" },
        { "eval": "[document.activeElement.id, document.querySelector('.view.active').id, window.location.hash]" },
        // A click on a body: it and its ties drawn strongly on every view, the rest dimmed.
        { "click": "#tab-0" },
        { "click": "#view-0 g.node[data-node=\"mlit\"]" },
        { "eval": "document.querySelector('#panel h2').textContent" },
        { "eval": "Array.from(document.querySelectorAll('.view')).map(function(v){return v.classList.contains('focus') ? v.querySelectorAll('g.node.on').length : -1;})" },
        { "eval": "Array.from(document.querySelectorAll('#view-0 g.node.on')).map(function(g){return g.getAttribute('data-node');})" },
        { "eval": "getComputedStyle(document.querySelector('#view-0 g.node:not(.on)')).opacity" },
        { "click": "#zoom-focus" },
        { "eval": VIEWBOX },
        { "key": "Escape" },
        { "eval": "document.querySelectorAll('g.on').length" },
    ]);
    let out = drive(&index(), "", &steps);
    let number = |v: &Value, i: usize| v[i].as_f64().expect("number");
    let home = &out[0];
    assert!(
        number(&out[1], 2) < number(home, 2) * 0.9,
        "the wheel zooms in: {home} → {}",
        out[1]
    );
    assert!(
        (number(&out[2], 0) - number(&out[1], 0)).abs() > 1.0,
        "a drag pans: {} → {}",
        out[1],
        out[2]
    );
    assert_eq!(out[3], *home, "Fit shows the whole view");
    assert!(number(&out[4], 2) < number(home, 2), "+ zooms in");
    assert_eq!(
        out[5],
        json!(["tab-1", "view-1", "#view=1"]),
        "arrow keys move between tabs"
    );
    assert_eq!(
        out[6],
        json!("Ministry of Land, Infrastructure, Transport and Tourism")
    );
    let counts = out[7].as_array().expect("per view");
    assert!(
        counts.len() >= 3,
        "network, organisation and areas: {counts:?}"
    );
    assert!(
        counts.iter().all(|c| c.as_i64().unwrap_or(-1) >= 0),
        "every view in focus: {counts:?}"
    );
    assert!(
        counts[..2].iter().all(|c| c.as_i64().unwrap_or(0) >= 5),
        "MLIT and its ties drawn on the network and the organisation: {counts:?}"
    );
    let on: Vec<&str> = out[8]
        .as_array()
        .expect("ids")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for id in ["mlit", "mha", "jcg", "ministry-of-shipping"] {
        assert!(on.contains(&id), "{id} in MLIT's ego network: {on:?}");
    }
    assert!(
        number(
            &json!([out[9].as_str().and_then(|s| s.parse::<f64>().ok())]),
            0
        ) < 0.5,
        "the rest is dimmed: opacity {}",
        out[9]
    );
    assert!(
        number(&out[10], 2) < number(home, 2),
        "zoom to focus narrows the view"
    );
    assert_eq!(out[11], json!(0), "Escape clears");
}

/// The ids of the visible nodes of view 0, by kind.
const VISIBLE: &str = "Array.from(document.querySelectorAll('#view-0 g.node:not(.off)')).map(function(g){return g.getAttribute('data-node');})";

fn legend_filters_by_country_area_and_kind() {
    let dataset = load(&root().join("data/japan-india-2009.json"))
        .expect("loads")
        .dataset;
    let steps = json!([
        { "eval": VISIBLE },
        { "click": "#legend input[data-group=\"1\"]" },
        { "eval": VISIBLE },
        { "click": "#legend input[data-group=\"1\"]" },
        { "click": "#legend fieldset:nth-of-type(2) button[aria-label=\"Show none areas\"]" },
        { "click": "#legend input[data-area=\"4\"]" },
        { "eval": VISIBLE },
        { "click": "#legend fieldset:nth-of-type(2) button[aria-label=\"Show all areas\"]" },
        { "click": "#legend input[data-kind=\"mechanism\"]" },
        { "eval": VISIBLE },
    ]);
    let out = drive(&index(), "", &steps);
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("ids")
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    let everything = ids(&out[0]);
    let body = |id: &str| dataset.bodies.iter().find(|b| b.id == id);
    let mechanism = |id: &str| dataset.mechanisms.iter().find(|m| m.id == id);
    // India hidden: no Indian body left, Japanese bodies still there.
    let without_india = ids(&out[1]);
    assert!(without_india.len() < everything.len());
    assert!(without_india
        .iter()
        .all(|id| body(id).is_none_or(|b| b.group != "india")));
    assert!(without_india
        .iter()
        .any(|id| body(id).is_some_and(|b| b.group == "japan")));
    // One area: its mechanisms and the bodies taking part in them, nothing else.
    let area = &dataset.areas[4].id;
    let one_area = ids(&out[2]);
    let in_area: Vec<&coopgraph::model::Mechanism> = dataset
        .mechanisms
        .iter()
        .filter(|m| m.area.as_ref() == Some(area))
        .collect();
    assert!(!one_area.is_empty());
    for id in &one_area {
        match (body(id), mechanism(id)) {
            (Some(_), _) => assert!(
                in_area
                    .iter()
                    .any(|m| m.participants.iter().any(|p| &p.body == id)),
                "{id} takes part in area {area}"
            ),
            (_, Some(m)) => assert_eq!(m.area.as_ref(), Some(area)),
            _ => {}
        }
    }
    // Mechanisms hidden by kind.
    let no_mechanisms = ids(&out[3]);
    assert!(no_mechanisms.iter().all(|id| mechanism(id).is_none()));
    assert!(no_mechanisms.iter().any(|id| body(id).is_some()));
}

fn prints_on_one_landscape_page() {
    let shown = "function(s){return Array.from(document.querySelectorAll(s)).some(function(e){return e.getClientRects().length>0;});}";
    let out = drive(
        &index(),
        "route=MLIT,India",
        &json!([
            { "pdf": true },
            { "media": "print" },
            { "eval": format!("(function(){{var shown={shown};return ['.view.active svg','#legend','#routes li','table.reached','#route-form','section.report','#tabs [aria-selected=false]','#toolbar'].map(shown);}})()") },
        ]),
    );
    assert_eq!(out[0], json!(1), "one page");
    assert_eq!(
        out[1],
        json!([true, true, true, true, false, false, false, false]),
        "the view, its legend and the answer print; the controls and the report do not"
    );
}

/// Runs the CLI on `data` with `args`, which must succeed; its stdout.
fn cli_run(data: &Path, args: &[&str]) -> Vec<u8> {
    let output = coopgraph()
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Runs the CLI on `data` with `args`; its stdout, which must be JSON.
fn cli_json(data: &Path, args: &[&str]) -> Value {
    let out = cli_run(data, args);
    serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out)))
}

/// `stats --format json`'s bodies, mechanisms and forums, with `extra` arguments.
fn cli_counts(data: &Path, extra: &[&str]) -> Vec<u64> {
    let stats = cli_json(data, &[&["stats", "--format", "json"], extra].concat());
    ["body", "mechanism", "forum"]
        .iter()
        .map(|key| {
            stats["nodes"]
                .as_array()
                .and_then(|rows| rows.iter().find(|r| r["key"] == *key))
                .and_then(|r| r["count"].as_u64())
                .unwrap_or(0)
        })
        .collect()
}

/// The ids of the bodies, mechanisms and forums `export --format json` writes, with `extra`
/// arguments, sorted.
fn cli_ids(data: &Path, extra: &[&str], dir: &Path) -> Vec<String> {
    let file = dir.join("export.json");
    let out = file.to_str().expect("UTF-8 path");
    cli_run(
        data,
        &[&["export", "--format", "json", "-o", out], extra].concat(),
    );
    let text = std::fs::read_to_string(&file).expect("export written");
    let graph: Value = serde_json::from_str(&text).expect("JSON");
    let mut ids: Vec<String> = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| ["body", "mechanism", "forum"].contains(&n["kind"].as_str().unwrap_or("")))
        .filter_map(|n| n["id"].as_str().map(String::from))
        .collect();
    ids.sort();
    ids
}

/// The ids `coopgraph diff --from A --to B --format json` lists as added and as removed.
fn cli_diff(data: &Path, from: &str, to: &str) -> (Vec<String>, Vec<String>) {
    let diff = cli_json(
        data,
        &["diff", "--from", from, "--to", to, "--format", "json"],
    );
    let ids = |key: &str| -> Vec<String> {
        let mut ids: Vec<String> = diff[key]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|e| e["id"].as_str().map(String::from))
            .collect();
        ids.sort();
        ids
    };
    assert!(
        diff["changed"].as_array().is_some_and(|c| c.is_empty()),
        "no element renamed between {from} and {to}, so ids match as diff matches"
    );
    (ids("added"), ids("removed"))
}

/// For every step of the timeline slider, on the Quad statements and a hand-made dated fixture
/// (a return after a gap, two sources of one day, a parent named only through its child, an
/// undated source): the page's counts equal `stats --as-of DATE`, the nodes it shows equal
/// what `export --as-of DATE` writes, the drawn nodes left visible are exactly the drawn ones
/// among them, and "+a −b" lists what `diff --from PREVIOUS --to SOURCE` adds and removes.
fn timeline_steps_count_as_the_cli_as_of() {
    let chromium = need::chromium().expect("Chromium");
    let cases = [
        (root().join("data/quad-2021-2023.json"), 4),
        (fixture("timeline/dated.json"), 5),
    ];
    for (data, steps) in cases {
        let temp = tempfile::tempdir().expect("temp");
        let page = render_page(&data, temp.path());
        let result = result_of(chromium, &page, "asof-selftest", "timeline-result");
        let result = result.as_array().expect("one entry per step");
        assert_eq!(result.len(), steps, "{data:?}: the dates and \"all\"");
        let dataset = load(&data).expect("loads").dataset;
        let all_drawn: Vec<String> = strings(&result[steps - 1]["drawn"]);
        assert!(!all_drawn.is_empty(), "the diagram's nodes are found");
        let mut previous_sources: Vec<String> = Vec::new();
        for entry in result {
            let step = entry["step"].as_str().expect("step");
            let extra: Vec<&str> = if step == "all" {
                Vec::new()
            } else {
                vec!["--as-of", step]
            };
            let counts: Vec<u64> = entry["counts"]
                .as_array()
                .expect("counts")
                .iter()
                .filter_map(Value::as_u64)
                .collect();
            assert_eq!(counts, cli_counts(&data, &extra), "{data:?} at {step}");
            let shown = strings(&entry["shown"]);
            assert_eq!(
                shown,
                cli_ids(&data, &extra, temp.path()),
                "{data:?} at {step}"
            );
            let expected_drawn: Vec<String> = all_drawn
                .iter()
                .filter(|id| shown.contains(id))
                .cloned()
                .collect();
            assert_eq!(
                strings(&entry["drawn"]),
                expected_drawn,
                "{data:?} at {step}: exactly the drawn nodes shown stay visible"
            );
            assert!(
                entry["note"].as_str().is_some_and(
                    |n| n.contains(&format!("{} bodies, {} mechanisms", counts[0], counts[1]))
                ),
                "{entry}"
            );
            // The sources of this step: those dated exactly `step`.
            let sources: Vec<String> = dataset
                .sources
                .iter()
                .filter(|s| s.date.as_deref() == Some(step))
                .map(|s| s.id.clone())
                .collect();
            if let ([from], [to]) = (previous_sources.as_slice(), sources.as_slice()) {
                let (added, removed) = cli_diff(&data, from, to);
                assert_eq!(strings(&entry["added"]), added, "{data:?} at {step}");
                assert_eq!(strings(&entry["dropped"]), removed, "{data:?} at {step}");
            }
            previous_sources = sources;
        }
    }
}

/// The strings of a JSON list.
fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .filter_map(|x| x.as_str().map(String::from))
        .collect()
}

/// A dataset of one source gets no timeline: no data for it and no script.
fn one_source_page_has_no_timeline() {
    let dataset = load(&root().join("data/japan-india-2009.json"))
        .expect("loads")
        .dataset;
    let page = coopgraph::render::page::page_with("t", &dataset, &[], "");
    assert!(!page.contains("\"time\":"), "no timeline data");
    assert!(!page.contains("id = 'asof'"), "no timeline script");
    let quad = load(&root().join("data/quad-2021-2023.json"))
        .expect("loads")
        .dataset;
    let page = coopgraph::render::page::page_with("t", &quad, &[], "");
    assert!(page.contains("\"time\":") && page.contains("range.id = 'asof'"));
}

/// The slider with real key presses: a deep link by source id opens its step, arrow keys move
/// step by step and the address follows, a year reaches its last step, an unknown date says so,
/// and the printed page shows the chosen step's line and diagram.
fn timeline_keys_deep_links_and_print() {
    let temp = tempfile::tempdir().expect("temp");
    let page = render_page(&root().join("data/quad-2021-2023.json"), temp.path());
    const NOTE: &str = "document.getElementById('asof-note').textContent";
    const STATE: &str = "[document.getElementById('asof').value, window.location.hash, document.querySelectorAll('g.node.later').length, document.querySelectorAll('g.node.fresh').length, document.querySelectorAll('g.node.faded').length]";
    let steps = json!([
        { "eval": NOTE },
        { "eval": STATE },
        { "eval": "document.getElementById('asof').focus(), document.activeElement.id" },
        { "key": "ArrowRight" },
        { "eval": NOTE },
        { "eval": STATE },
        { "key": "ArrowRight" },
        { "eval": STATE },
        { "key": "ArrowLeft" },
        { "key": "ArrowLeft" },
        { "key": "ArrowLeft" },
        { "eval": STATE },
        { "click": "#from" },
        { "text": "government-of-japan" },
        { "key": "Tab" },
        { "text": "government-of-india" },
        { "key": "Enter" },
        { "eval": "window.location.hash" },
        { "media": "print" },
        { "eval": "[getComputedStyle(document.getElementById('asof-note')).display, getComputedStyle(document.getElementById('asof')).display, Array.from(document.querySelectorAll('#timeline .asof-steps li')).filter(function (li) { return getComputedStyle(li).display !== 'none'; }).map(function (li) { return li.textContent; }), document.querySelectorAll('g.node.later').length > 0]" },
    ]);
    let out = drive(
        &page,
        "asof=quad-2022-05-24-leaders-joint-statement",
        &steps,
    );
    assert_eq!(
        out[0],
        json!("As of 2022-05-24 (Quad Joint Leaders’ Statement): 12 bodies, 21 mechanisms, 4 forums; +19 −5 since the previous source (2021-09-24).")
    );
    // 57 nodes: 20 not yet named in 2022.
    assert_eq!(out[1][0], json!("1"));
    assert_eq!(out[1][2], json!(20), "{}", out[1]);
    assert!(out[1][3].as_u64().unwrap_or(0) > 0, "new in 2022: outlined");
    assert!(out[1][4].as_u64().unwrap_or(0) > 0, "2021 only: faded");
    assert_eq!(out[2], json!("asof"));
    assert!(
        out[3]
            .as_str()
            .is_some_and(|n| n.starts_with("As of 2023-05-20")),
        "{}",
        out[3]
    );
    assert_eq!(
        out[4].as_array().expect("state")[0..3],
        [json!("2"), json!("#asof=2023-05-20"), json!(0)]
    );
    assert_eq!(
        out[5].as_array().expect("state")[0..4],
        [json!("3"), json!(""), json!(0), json!(0)],
        "all"
    );
    assert_eq!(
        out[6].as_array().expect("state")[0..2],
        [json!("0"), json!("#asof=2021-09-24")]
    );
    assert_eq!(
        out[7],
        json!("#route=government-of-japan,government-of-india&asof=2021-09-24"),
        "the route finder's address keeps the step"
    );
    let printed = &out[8];
    assert_eq!(printed[0], json!("block"), "the step's line is printed");
    assert_eq!(printed[1], json!("none"), "the slider itself is not");
    assert_eq!(
        printed[2],
        json!(["2021-09-24 · Joint Statement from Quad Leaders"]),
        "only the chosen step's label"
    );
    assert_eq!(printed[3], json!(true), "the diagram as of the step");

    let chromium = need::chromium().expect("Chromium");
    let note = |hash: &str| -> String {
        let (dom, log) = browse(chromium, &page, hash);
        assert!(!log.contains("Uncaught"), "console error:\n{log}");
        let start = dom.find("<output id=\"asof-note\"").expect("the note");
        let text = &dom[start..];
        let text = &text[text.find('>').expect("tag") + 1..text.find("</output>").expect("end")];
        unescape(text)
    };
    assert!(
        note("asof=2022").starts_with("As of 2022-05-24 "),
        "a year: its last step"
    );
    assert!(note("asof=2023-05-20").starts_with("As of 2023-05-20 "));
    assert!(note("asof=all").starts_with("All sources: 20 bodies, 32 mechanisms"));
    assert_eq!(
        note("asof=1999"),
        "No source is dated by “1999”; showing all sources."
    );
}

/// A dataset of 42,000 nodes: the page holds the nodes its view draws, stays under 3 MB, says
/// what it holds, and its route finder points to `coopgraph path` instead of answering from
/// part of the network (a route through a body it does not hold would be missing).
fn large_dataset_page() {
    use coopgraph::analysis::centrality::{compute, Measure, Options};
    use coopgraph::graph::{build_graph, BuildOptions, GraphKind};
    use coopgraph::render::page::data::{PageView, PAGE_BUDGET};
    let dataset = coopgraph::generate::generate(&coopgraph::generate::Spec {
        bodies: 30_000,
        mechanisms: 12_000,
        groups: 3,
        forums: 10,
        mean_participants: 6.0,
        seed: 14,
    });
    // A view of 40 bodies and 20 mechanisms, drawn as Graphviz names its nodes (`nK`, titled).
    let node_ids: Vec<String> = (dataset.bodies.iter().take(40).map(|b| b.id.clone()))
        .chain(dataset.mechanisms.iter().take(20).map(|m| m.id.clone()))
        .collect();
    let nodes: String = (0..node_ids.len())
        .map(|k| {
            format!(
                "<g id=\"node{}\" class=\"node\"><title>n{k}</title><ellipse cx=\"{}\" cy=\"{}\" rx=\"4\" ry=\"4\"/></g>",
                k + 1,
                10 * (k % 10) + 5,
                10 * (k / 10) + 5
            )
        })
        .collect();
    let view = PageView {
        title: "Network".into(),
        svg: format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100pt\" height=\"60pt\" viewBox=\"0 0 100 60\"><g id=\"graph0\" class=\"graph\">{nodes}</g></svg>"
        ),
        node_ids,
    };
    // Degree only: the page reads what it is given, and betweenness at this size is slow in a
    // debug build.
    let network = build_graph(&dataset, GraphKind::Network, BuildOptions::default());
    let scores = compute(&network, &[Measure::Degree], &Options::default()).scores;
    let html = coopgraph::render::page::page_with_scores(
        "Large",
        &dataset,
        std::slice::from_ref(&view),
        "",
        Some(&scores),
        None,
    );
    assert!(html.len() < 3_000_000, "the page is {} bytes", html.len());
    assert!(html.len() < PAGE_BUDGET + 200_000);
    assert!(
        html.contains("\"held\":{\"nodes\":"),
        "the data says it is part"
    );
    let temp = tempfile::tempdir().expect("temp");
    let page = temp.path().join("large.html");
    std::fs::write(&page, &html).expect("page written");
    // Two bodies the view draws, and one it does not.
    let drawn: Vec<&String> = view
        .node_ids
        .iter()
        .filter(|id| id.starts_with('b'))
        .collect();
    let outside = dataset
        .bodies
        .iter()
        .find(|b| !view.node_ids.contains(&b.id))
        .expect("a body outside the view");
    let questions = [
        question(drawn[0], drawn[1], 2, true, 20),
        question(drawn[0], &outside.id, 2, true, 20),
        question(drawn[0], &dataset.groups[1].id, 2, false, 20),
    ];
    let spec = json!({ "queries": questions
        .iter()
        .map(|q| json!([q.0, q.1, q.2, q.3, q.4]))
        .collect::<Vec<_>>() });
    let total = dataset.bodies.len() + dataset.mechanisms.len() + dataset.forums.len();
    let answers = page_answers(&page, &spec);
    let answers = answers["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), questions.len());
    for (q, answer) in questions.iter().zip(answers) {
        // The CLI answers from the whole network; the page, holding part of it, must not
        // answer differently: it declines and names the command that answers.
        assert!(
            cli_answer(&dataset, q).get("json").is_some(),
            "{q:?}: the CLI answers"
        );
        let error = answer["result"]["error"].as_str().unwrap_or_else(|| {
            panic!("{q:?}: the page answered from part of the network: {answer}")
        });
        assert!(error.contains("coopgraph path"), "{error}");
        assert!(
            error.contains(&format!("of {},{:03}", total / 1000, total % 1000)),
            "{error}"
        );
    }
}
