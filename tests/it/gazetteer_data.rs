//! The built-in gazetteer's data (data/gazetteer/*.csv): every file is built in, no row is
//! silently replaced by another, the countries of issue #21 have their core structure, the
//! groupings name their members, and a generic official name ("Ministry of Foreign Affairs")
//! is never held by one country alone while another country's body bears it too.

use coopgraph::draft::gazetteer::{parse, Entry, EntryType, Gazetteer};
use coopgraph::draft::mentions::spellings;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The fifteen countries and the EU that issue #21 asks the gazetteer to cover.
const COUNTRIES: [&str; 16] = [
    "united-states",
    "japan",
    "india",
    "australia",
    "korea",
    "philippines",
    "indonesia",
    "vietnam",
    "singapore",
    "malaysia",
    "thailand",
    "new-zealand",
    "united-kingdom",
    "france",
    "canada",
    "european-union",
];

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer")
}

/// Every CSV file of the folder, parsed on its own, with its file name.
fn files() -> Vec<(String, Vec<Entry>)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("data/gazetteer")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("UTF-8 file");
        let entries = parse(&text, &name).unwrap_or_else(|err| panic!("{name}: {err}"));
        out.push((name, entries));
    }
    out
}

fn built_in() -> Gazetteer {
    Gazetteer::load(&[]).expect("the built-in gazetteer loads")
}

#[test]
fn every_file_of_the_folder_is_built_in_and_no_row_replaces_another() {
    let gazetteer = built_in();
    let loaded: BTreeSet<String> = gazetteer
        .entries
        .iter()
        .map(|e| e.origin.0.trim_start_matches("data/gazetteer/").to_string())
        .collect();
    let mut seen: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut rows = 0;
    for (file, entries) in files() {
        assert!(
            loaded.contains(&file),
            "{file} is in data/gazetteer but not built in (src/draft/gazetteer.rs BUILT_IN)"
        );
        for entry in entries {
            rows += 1;
            let key = (
                format!("{:?}", entry.kind_of_entry),
                entry.group.clone(),
                entry.name.to_lowercase(),
            );
            let place = format!("{file} line {}", entry.origin.1);
            if let Some(first) = seen.insert(key, place.clone()) {
                panic!(
                    "{place} has the type, group and name of {first}: the loader keeps only the later row"
                );
            }
        }
    }
    // The embassies the loader makes from the capitals (bodies whose origin is the host's
    // row of countries.csv, which holds no body row) are not rows of a file.
    let made = gazetteer
        .of(EntryType::Body)
        .filter(|e| e.origin.0.ends_with("countries.csv"))
        .count();
    assert!(made > 0, "the capitals make embassies");
    assert_eq!(
        gazetteer.entries.len() - made,
        rows,
        "every row is loaded once"
    );
}

#[test]
fn the_countries_of_the_issue_have_their_core_government_structure() {
    let gazetteer = built_in();
    let mut missing = Vec::new();
    for group in COUNTRIES {
        let mut wanted = vec![
            "government",
            "foreign-ministry",
            "defence-ministry",
            "navy",
            "coast-guard",
            "space-agency",
            "science-ministry",
            "finance-ministry",
            "trade-ministry",
            "health-ministry",
            "cyber",
        ];
        if group != "european-union" {
            wanted.extend(["army", "air-force", "police", "interior-ministry"]);
        }
        for function in wanted {
            if gazetteer.body_with(group, function).is_none() {
                missing.push(format!("{group}: {function}"));
            }
        }
        // Aid or development finance: an agency, a development bank or an export-credit body
        // (Singapore has none: its technical assistance is a programme of its foreign ministry).
        if group != "singapore"
            && !["development-agency", "development-finance", "export-credit"]
                .iter()
                .any(|f| gazetteer.body_with(group, f).is_some())
        {
            missing.push(format!("{group}: development or export finance"));
        }
        let regulators = gazetteer
            .of(EntryType::Body)
            .filter(|b| b.group == group && (b.kind == "regulator" || b.kind == "agency"))
            .count();
        if regulators < 8 {
            missing.push(format!(
                "{group}: only {regulators} agencies and regulators"
            ));
        }
    }
    assert!(missing.is_empty(), "missing: {missing:#?}");
}

#[test]
fn the_ministries_of_countries_with_their_own_language_carry_its_name() {
    let gazetteer = built_in();
    let own_language = [
        "japan",
        "korea",
        "thailand",
        "vietnam",
        "indonesia",
        "malaysia",
        "france",
        "european-union",
        "brunei",
        "cambodia",
        "laos",
        "myanmar",
        "timor-leste",
    ];
    let missing: Vec<String> = gazetteer
        .of(EntryType::Body)
        .filter(|b| own_language.contains(&b.group.as_str()))
        .filter(|b| b.kind == "ministry" && b.native.is_none())
        .map(|b| format!("{} ({})", b.name, b.group))
        .collect();
    assert!(missing.is_empty(), "no native name: {missing:#?}");
}

#[test]
fn every_asean_and_pacific_islands_forum_member_has_its_government_and_foreign_ministry() {
    // Fact sheets with ASEAN or the Pacific Islands Forum name the members' governments and
    // foreign ministries; a member without them loses its seat in a mechanism.
    let gazetteer = built_in();
    let mut missing = Vec::new();
    for forum in ["ASEAN", "PIF"] {
        let grouping = gazetteer
            .of(EntryType::Forum)
            .find(|f| f.short.as_deref() == Some(forum))
            .unwrap_or_else(|| panic!("no forum {forum}"));
        // French Polynesia and New Caledonia are territories of France: France's bodies act.
        for member in grouping
            .members
            .iter()
            .filter(|m| !["french-polynesia", "new-caledonia"].contains(&m.as_str()))
        {
            // Niue's foreign office: no source read for its name (data/gazetteer/README.md).
            let functions: &[&str] = if member == "niue" {
                &["government"]
            } else {
                &["government", "foreign-ministry"]
            };
            for &function in functions {
                if gazetteer.body_with(member, function).is_none() {
                    missing.push(format!("{forum} member {member}: {function}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "missing: {missing:#?}");
}

#[test]
fn groupings_name_their_members() {
    let gazetteer = built_in();
    let expected: [(&str, usize); 11] = [
        ("Quad", 4),
        ("AUKUS", 3),
        ("ASEAN", 10),
        ("G7", 8),
        ("G20", 20),
        ("IPEF", 14),
        ("FVEY", 5),
        ("TSD", 3),
        ("EAS", 18),
        ("ADMM-Plus", 18),
        ("MUSP", 6),
    ];
    for (short, at_least) in expected {
        let forum = gazetteer
            .of(EntryType::Forum)
            .find(|f| f.short.as_deref() == Some(short))
            .unwrap_or_else(|| panic!("no forum {short}"));
        assert!(
            forum.members.len() >= at_least,
            "{short} names {} members: {:?}",
            forum.members.len(),
            forum.members
        );
    }
}

/// A name folded the way the matcher compares several-word names: every British/American
/// spelling, ASCII case ignored.
fn folded(name: &str) -> BTreeSet<String> {
    spellings(name)
        .into_iter()
        .map(|s| s.to_lowercase().replace('’', "'"))
        .collect()
}

#[test]
fn a_generic_official_name_is_shared_by_every_body_that_bears_it() {
    // "Ministry of Foreign Affairs of Singapore" is called "Ministry of Foreign Affairs" at
    // home. When only Japan's row answered to the bare name, "Singapore's Ministry of Foreign
    // Affairs" was read as Japan's: a name a mention can only give to one body is never
    // settled by the country written next to it.
    let gazetteer = built_in();
    let bodies: Vec<&Entry> = gazetteer.of(EntryType::Body).collect();
    let mut holders: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for body in &bodies {
        for name in body.names().filter(|n| n.contains(' ')) {
            for form in folded(name) {
                holders.entry(form).or_default().insert(body.group.as_str());
            }
        }
    }
    let mut unshared = Vec::new();
    for body in &bodies {
        let Some(country) = gazetteer.country(&body.group) else {
            continue;
        };
        let country_names: Vec<&str> = country.names().collect();
        for name in body.names() {
            let bare = country_names.iter().find_map(|c| {
                name.strip_suffix(&format!(" of the {c}"))
                    .or_else(|| name.strip_suffix(&format!(" of {c}")))
            });
            let Some(bare) = bare else { continue };
            let others: BTreeSet<&str> = folded(bare)
                .iter()
                .filter_map(|f| holders.get(f))
                .flatten()
                .copied()
                .filter(|g| *g != body.group)
                .collect();
            let own = folded(bare).iter().any(|f| {
                holders
                    .get(f)
                    .is_some_and(|g| g.contains(body.group.as_str()))
            });
            if !others.is_empty() && !own {
                unshared.push(format!(
                    "{} ({}): '{bare}' is also a name of a body of {others:?}",
                    body.name, body.group
                ));
            }
        }
    }
    assert!(unshared.is_empty(), "{unshared:#?}");
}

#[test]
fn no_body_answers_to_an_ordinary_word_or_phrase() {
    // Names of one word match case-sensitively and names of several words ignoring case, in
    // any document: a body named by an ordinary word would be found in every text.
    let ordinary = [
        "Navy",
        "Army",
        "Air Force",
        "Coast Guard",
        "Government",
        "Ministry",
        "Department",
        "Agency",
        "Police",
        "Customs",
        "Parliament",
        "Cabinet",
        "Embassy",
        "Military",
        "Cyber Centre",
        "Strategic Command",
        "Space Agency",
        "Defence Ministry",
        "Foreign Ministry",
    ];
    let gazetteer = built_in();
    let mut found = Vec::new();
    for body in gazetteer.of(EntryType::Body) {
        for name in body.names() {
            if ordinary
                .iter()
                .any(|o| folded(o).contains(&name.to_lowercase()))
            {
                found.push(format!("{} ({}): '{name}'", body.name, body.group));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
