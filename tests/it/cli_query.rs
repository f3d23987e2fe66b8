//! `path` and `ego` on the bundled dataset: answers checked by hand against the Action Plan.

use crate::common::run;
use coopgraph::ingest::json::read;
use coopgraph::query::links::Links;
use coopgraph::query::paths::{find, Query};
use proptest::prelude::*;

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = run(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

/// The routes as "a>b>c" strings.
fn routes(answer: &serde_json::Value) -> Vec<String> {
    answer["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .map(|p| {
            let hops = p["hops"].as_array().expect("hops");
            let mut ids = vec![hops[0]["from"].as_str().expect("from").to_string()];
            ids.extend(
                hops.iter()
                    .map(|h| h["to"].as_str().expect("to").to_string()),
            );
            ids.join(">")
        })
        .collect()
}

#[test]
fn mlit_to_india_golden() {
    let (code, stdout, _) = run(&["path", "MLIT", "India"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("path_mlit_india", stdout);
    let answer = json(&["path", "MLIT", "India"]);
    // Why each route is right (Action Plan, 29 Dec 2009):
    // 8.1 "Tsunami Disaster Map of India between MLIT of Japan and Ministry of Home Affairs";
    // 5.1 "Shipping Policy Forum ... between MLIT of Japan and Ministry of Shipping of India,
    //     with participation from the private sector";
    // 4.1 the two Coast Guards (the JCG sits under MLIT: outside knowledge, noted);
    // 5.2 "Railway authorities of MLIT of Japan and Ministry of Railways of India";
    // 8.4 NILIM and PWRI (both under MLIT) with NIDM of India;
    // 8.3 ICHARM (hosted by PWRI) workshops, for Indian trainees.
    assert_eq!(
        routes(&answer),
        vec![
            "mlit>mha",
            "mlit>ministry-of-shipping",
            "mlit>private-sector-india",
            "mlit>jcg>icg",
            "mlit>mlit-railway>ministry-of-railways",
            "mlit>nilim>nidm",
            "mlit>pwri>nidm",
            "mlit>pwri>icharm>gov-india",
        ]
    );
    let first = &answer["paths"][0]["hops"][0];
    assert_eq!(first["via"]["id"], "tsunami-disaster-map");
    assert_eq!(first["source"]["ref"], "8.1");
    let hierarchy = &answer["paths"][3]["hops"][0];
    assert_eq!(hierarchy["via"]["kind"], "part-of");
    assert!(hierarchy["via"]["id"].is_null());
    assert!(hierarchy["source"].is_null());
    assert_eq!(answer["bodies"][0], "jcg");
}

#[test]
fn without_the_hierarchy_only_mlit_s_own_ties_remain() {
    let answer = json(&["path", "MLIT", "India", "--no-hierarchy"]);
    assert_eq!(
        routes(&answer),
        vec![
            "mlit>mha",
            "mlit>ministry-of-shipping",
            "mlit>private-sector-india"
        ]
    );
}

#[test]
fn max_hops_and_avoid_bound_the_routes() {
    let answer = json(&["path", "MLIT", "India", "--max-hops", "1"]);
    assert!(answer["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .all(|p| p["length"] == 1));
    let answer = json(&["path", "MLIT", "India", "--avoid", "PWRI", "--avoid", "jcg"]);
    let found = routes(&answer);
    assert!(
        found
            .iter()
            .all(|r| !r.contains("pwri") && !r.contains("jcg")),
        "{found:?}"
    );
    assert!(found.contains(&"mlit>nilim>nidm".to_string()));
}

#[test]
fn no_route_is_said_plainly_with_the_shortest_length() {
    let (code, stdout, _) = run(&["path", "MLIT", "MOD India", "--max-hops", "2"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        "No route from MLIT to MOD India within 2 hops; the shortest has 3 hops (raise --max-hops)."
    );
    let (code, stdout, _) = run(&["path", "MLIT", "MOD India", "--no-hierarchy"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("at any length"), "{stdout}");
}

#[test]
fn names_resolve_loosely_and_ambiguity_is_an_input_error() {
    for name in [
        "MoD Japan",
        "Ministry of Defence of Japan",
        "mod-japan",
        "  moD   jApan ",
    ] {
        let (code, stdout, stderr) = run(&["ego", name]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            stdout.starts_with("Ego network of MOD Japan"),
            "{name}: {stdout}"
        );
    }
    let (code, _, stderr) = run(&["path", "MOD", "India"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'MOD' is ambiguous: it names 'MOD Japan' (mod-japan, Japan body), 'MOD India' (mod-india, India body)"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["path", "MLIT", "Japan"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a path needs two different ends"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["path", "mlti", "India"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean 'MLIT' (mlit, Japan body)"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["path", "Shipping Policy Forum", "India"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("try `coopgraph ego shipping-policy-forum`"),
        "{stderr}"
    );
}

#[test]
fn ego_lists_depths_with_their_clauses() {
    let answer = json(&["ego", "JCG", "--depth", "2", "--hierarchy"]);
    let neighbours = answer["neighbours"].as_array().expect("neighbours");
    let at = |depth: u64| -> Vec<&str> {
        neighbours
            .iter()
            .filter(|n| n["depth"] == depth)
            .map(|n| n["body"].as_str().expect("body"))
            .collect()
    };
    // 4.1: the two Coast Guards; the JCG sits under MLIT.
    assert_eq!(at(1), vec!["icg", "mlit"]);
    assert!(at(2).contains(&"ministry-of-shipping") && at(2).contains(&"mod-india"));
    let (code, stdout, _) = run(&["ego", "Shipping Policy Forum", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("1,ministry-of-shipping,india,,shipping-policy-forum,5.1"),
        "{stdout}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every hop of every path is a tie of the graph, and no path visits a body twice.
    #[test]
    fn every_hop_is_an_edge_and_paths_are_simple(
        from in 0usize..53, to in 0usize..53, hops in 1usize..4, hierarchy in any::<bool>(),
    ) {
        let dataset = read(&crate::common::root().join("data/japan-india-2009.json")).expect("dataset");
        let links = Links::new(&dataset, hierarchy);
        let answer = find(&links, &Query {
            from: vec![dataset.bodies[from].id.clone()],
            to: vec![dataset.bodies[to].id.clone()],
            from_is_group: false,
            max_hops: hops,
            limit: 1000,
            avoid: Vec::new(),
        });
        for path in &answer.paths {
            prop_assert!(path.length <= hops);
            let mut visited = std::collections::HashSet::new();
            prop_assert!(visited.insert(path.hops[0].from.clone()));
            for hop in &path.hops {
                let a = links.position(&hop.from).expect("from");
                let b = links.position(&hop.to).expect("to");
                prop_assert!(!links.between(a, b).is_empty(), "{} – {} is not a tie", hop.from, hop.to);
                prop_assert!(visited.insert(hop.to.clone()), "{} visited twice", hop.to);
            }
        }
    }
}

#[test]
fn collapse_rolls_the_hierarchy_up_for_path_centrality_and_overlap() {
    // The Japan Coast Guard is inside MLIT at depth 1: a path from it starts at MLIT, and MLIT
    // now reaches the Indian Coast Guard's ministry directly.
    let (code, stdout, stderr) = run(&[
        "path",
        "JCG",
        "India",
        "--collapse",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("hierarchy rolled up to depth 1"),
        "{stderr}"
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let found = routes(&answer);
    assert!(found.iter().all(|r| r.starts_with("mlit>")), "{found:?}");
    assert!(found.contains(&"mlit>mod-india".to_string()), "{found:?}");
    // Centrality: merged bodies have no row of their own.
    let (code, stdout, _) = run(&[
        "centrality",
        "--graph",
        "bodies",
        "--collapse",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("mlit,") && !stdout.contains("\njcg,"),
        "{stdout}"
    );
    // Depth 0: one body per country, and every tie between them is one pair.
    let (code, stdout, _) = run(&["overlap", "--collapse", "0", "--format", "csv"]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{stdout}");
    assert!(rows[0].contains("gov-japan") && rows[0].contains("gov-india"));
}
