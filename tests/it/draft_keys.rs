//! `draft` against the analyst keys of `tests/draft-keys/`: the keys are well-formed and quote
//! their texts verbatim, the scorer matches as its header says (tiny examples that fail if it
//! does not), and `draft` keeps at least today's medians on the ten development documents. The
//! floors are the figures measured before the extractor was tuned; raise them as it improves.
//! The table: `cargo bench --bench draft_keys`.

#[path = "../draft-keys/score.rs"]
mod score;

use crate::common::root;
use score::{
    dice, fold, overlap, Country, Draft, DraftBody, DraftMechanism, Key, KeyBody, KeyMechanism,
    Named,
};
use std::path::PathBuf;

fn keys_folder() -> PathBuf {
    root().join("tests/draft-keys")
}

/// At or just under the medians measured on 2026-12-08 after the seventh round
/// (`cargo bench --bench draft_keys`: 0.92, 0.79 (0.785), 0.92 (0.917), 0.96): body recall,
/// mechanism recall, precision, participant F1 (the precision floor rose from 0.89). Mechanism recall is 0.785,
/// not 0.795, because the gazetteer now knows three bodies (NASA Johnson Space Center, the
/// Vietnam National Mine Action Center, the U.S. Mission to ASEAN) that were drafted as
/// mechanisms named after them and matched key channels of their sentences only loosely.
const FLOORS: [f64; 4] = [0.91, 0.78, 0.91, 0.95];

#[test]
fn every_dev_document_has_a_well_formed_key() {
    let keys = score::keys_in(&keys_folder()).expect("keys load");
    let sources = keys_folder().join("sources");
    let mut documents: Vec<String> = std::fs::read_dir(&sources)
        .expect("sources")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    documents.sort();
    let keyed: Vec<String> = keys.iter().map(|(_, k)| k.document.clone()).collect();
    assert_eq!(keyed, documents, "one key per source text, named after it");
    for (path, key) in &keys {
        let text = std::fs::read_to_string(sources.join(&key.document)).expect("source");
        let problems = key.problems(&text);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        let stem = path.file_stem().expect("stem").to_string_lossy();
        assert_eq!(format!("{stem}.txt"), key.document, "{}", path.display());
    }
}

#[test]
fn draft_keeps_its_medians_on_the_dev_documents() {
    let sources = keys_folder().join("sources");
    let scores: Vec<score::Score> = score::keys_in(&keys_folder())
        .expect("keys load")
        .iter()
        .map(|(_, key)| score::run(key, &sources.join(&key.document)))
        .collect();
    let table = score::table(&scores);
    eprintln!("{table}");
    let medians = score::medians(&scores);
    eprintln!("medians: {medians:?}");
    let labels = [
        "body recall",
        "mechanism recall",
        "precision",
        "participant F1",
    ];
    for ((label, median), floor) in labels.iter().zip(medians).zip(FLOORS) {
        assert!(
            median >= floor,
            "median {label} {median:.3} fell below {floor}\n{table}"
        );
    }
    // Every development document names its parties: none may be refused.
    let refused: Vec<(&str, &str)> = scores
        .iter()
        .filter_map(|s| s.refused.as_deref().map(|why| (s.document.as_str(), why)))
        .collect();
    assert!(refused.is_empty(), "refused: {refused:#?}");
}

// The matcher on tiny examples.

fn country(id: &str, name: &str, aliases: &[&str]) -> Country {
    Country {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

fn key_body(id: &str, name: &str, aliases: &[&str], country: &str) -> KeyBody {
    KeyBody {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        country: country.into(),
        kind: "agency".into(),
        optional: false,
    }
}

fn key_mechanism(id: &str, name: &str, sentence: &str, participants: &[&str]) -> KeyMechanism {
    KeyMechanism {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        kind: "dialogue".into(),
        sentence: sentence.into(),
        other_sentences: Vec::new(),
        participants: participants.iter().map(|p| p.to_string()).collect(),
        optional: false,
    }
}

fn drafted_body(name: &str, short: Option<&str>, group: &str) -> DraftBody {
    DraftBody {
        names: std::iter::once(name)
            .chain(short)
            .map(str::to_string)
            .collect(),
        group: vec![group.into()],
    }
}

fn drafted_mechanism(name: &str, quote: &str, participants: &[usize]) -> DraftMechanism {
    DraftMechanism {
        name: name.into(),
        quotes: vec![quote.into()],
        participants: participants.to_vec(),
    }
}

const SENTENCE: &str = "Launching a public-private dialogue on telecommunications and regulations.";
/// The tiny document: a heading and the sentence in one paragraph, another paragraph after.
const TEXT: &str = "Telecommunications. Launching a public-private dialogue on telecommunications and regulations.\n\nAn unrelated sentence here.\n";

/// A U.S.–India key: NASA and the Department of Defence, a telecom dialogue between NASA and
/// India, PGII and a telecom programme as forums.
fn tiny_key() -> Key {
    Key {
        document: "tiny.txt".into(),
        parties: vec![
            country("united-states", "United States", &["U.S.", "US"]),
            country("india", "India", &["Indian"]),
        ],
        third_countries: Vec::new(),
        bodies: vec![
            key_body(
                "nasa",
                "National Aeronautics and Space Administration",
                &["NASA"],
                "united-states",
            ),
            key_body("dod", "Department of Defence", &[], "united-states"),
        ],
        mechanisms: vec![key_mechanism(
            "telecom",
            "public-private dialogue on telecommunications",
            SENTENCE,
            &["nasa", "india"],
        )],
        forums: vec![
            Named {
                name: "Partnership for Global Infrastructure and Investment".into(),
                aliases: vec!["PGII".into()],
            },
            Named {
                name: "Telecommunications Dialogue Programme".into(),
                aliases: Vec::new(),
            },
        ],
    }
}

#[test]
fn folding_drops_case_dots_possessives_the_and_uk_spelling() {
    assert_eq!(
        fold("The U.S. Department of Defence’s"),
        "us department of defense"
    );
    assert_eq!(fold("Organisation & Centre"), "organization and center");
    assert_eq!(fold("India's EXIM"), "india exim");
}

#[test]
fn bodies_match_by_acronym_or_without_the_country_word_once_each() {
    let key = tiny_key();
    let draft = Draft {
        bodies: vec![
            drafted_body("NASA", None, "united-states"),
            drafted_body(
                "National Aeronautics and Space Administration",
                Some("NASA"),
                "united-states",
            ),
            drafted_body("U.S. Department of Defense", None, "united-states"),
            drafted_body("Department of Energy", None, "united-states"),
            drafted_body("Department of Defence", None, "india"),
        ],
        mechanisms: Vec::new(),
    };
    let s = score::score(&key, &draft, TEXT);
    assert_eq!((s.bodies_found, s.bodies_keyed), (2, 2));
    // The second NASA is a duplicate, the Department of Energy is not in the text, India's
    // Department of Defence is not the United States': noise.
    assert_eq!((s.right, s.drafted), (2, 5), "{:?}", s.noise);
}

#[test]
fn a_body_standing_for_a_party_is_neither_found_nor_noise() {
    let key = tiny_key();
    let draft = Draft {
        bodies: vec![drafted_body("Government of India", None, "india")],
        mechanisms: Vec::new(),
    };
    let s = score::score(&key, &draft, TEXT);
    assert_eq!((s.bodies_found, s.drafted), (0, 0));
}

#[test]
fn mechanisms_match_by_overlapping_quote_and_similar_name_not_by_quote_alone() {
    let key = tiny_key();
    let fragment = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism("Launching a new", SENTENCE, &[])],
    };
    assert_eq!(score::score(&key, &fragment, TEXT).mechanisms_found, 0);
    let named = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism("Public-private dialogue", SENTENCE, &[])],
    };
    assert_eq!(score::score(&key, &named, TEXT).mechanisms_found, 1);
    let elsewhere = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism(
            "Public-private dialogue",
            "An unrelated sentence here.",
            &[],
        )],
    };
    assert_eq!(score::score(&key, &elsewhere, TEXT).mechanisms_found, 0);
    // A heading in the sentence's paragraph states the same channel.
    let heading = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism(
            "Telecommunications dialogue",
            "Telecommunications.",
            &[],
        )],
    };
    assert_eq!(score::score(&key, &heading, TEXT).mechanisms_found, 1);
    let by_name = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism(
            "Public-Private Dialogue on Telecommunications (PPDT)",
            "Another sentence.",
            &[],
        )],
    };
    assert_eq!(score::score(&key, &by_name, TEXT).mechanisms_found, 1);
}

#[test]
fn a_forum_drafted_as_a_mechanism_is_right_but_not_found() {
    let key = tiny_key();
    let draft = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism("PGII", "Working through the PGII.", &[])],
    };
    let s = score::score(&key, &draft, TEXT);
    assert_eq!(
        (s.mechanisms_found, s.right, s.forums, s.drafted),
        (0, 1, 1, 1)
    );
    // A forum named near a mechanism's sentence, with a similar name, stays the forum.
    let near = Draft {
        bodies: Vec::new(),
        mechanisms: vec![drafted_mechanism(
            "Telecommunications Dialogue Programme",
            SENTENCE,
            &[],
        )],
    };
    let s = score::score(&key, &near, TEXT);
    assert_eq!((s.mechanisms_found, s.right, s.forums), (0, 1, 1));
}

#[test]
fn participants_map_to_key_bodies_or_their_country() {
    let key = tiny_key();
    let bodies = vec![
        drafted_body("NASA", None, "united-states"),
        drafted_body("Government of India", None, "india"),
        drafted_body("Department of Defense", None, "united-states"),
    ];
    let right = Draft {
        bodies: bodies.clone(),
        mechanisms: vec![drafted_mechanism(
            "Public-private dialogue",
            SENTENCE,
            &[0, 1],
        )],
    };
    assert!((score::score(&key, &right, TEXT).participant_f1() - 1.0).abs() < 1e-9);
    // The Department of Defense is a key body, but not of this mechanism: a wrong participant.
    let wrong = Draft {
        bodies,
        mechanisms: vec![drafted_mechanism(
            "Public-private dialogue",
            SENTENCE,
            &[2, 1],
        )],
    };
    let s = score::score(&key, &wrong, TEXT);
    assert_eq!(
        (
            s.participants_right,
            s.participants_drafted,
            s.participants_keyed
        ),
        (1, 2, 2)
    );
}

#[test]
fn overlap_needs_a_run_of_eight_words_or_the_whole_shorter_text() {
    let words = |s: &str| fold(s).split(' ').map(str::to_string).collect::<Vec<_>>();
    let sentence = words("one two three four five six seven eight nine");
    assert!(overlap(
        &words("zero one two three four five six seven eight"),
        &sentence
    ));
    assert!(!overlap(
        &words("one two three four five six seven zero"),
        &sentence
    ));
    assert!(overlap(&words("three four"), &sentence));
    assert!(dice("Quad Senior Cyber Group", "Senior Cyber Group") > 0.8);
    assert!(dice("Within the next year", "Commercial Lunar Payload Services") < 0.5);
    assert_eq!(dice("Dialogue", "climate finance dialogue"), 0.0);
    assert!(dice("Fulbright program", "Fulbright") > 0.5);
}

/// The key folders of the tree: `tests/draft-keys*/` with a `sources/` folder (the development
/// keys and every held-out set, present and to come), sorted.
fn key_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(root().join("tests"))
        .expect("tests folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("draft-keys"))
                && p.join("sources").is_dir()
        })
        .map(|p| p.join("sources"))
        .collect();
    folders.sort();
    folders
}

/// The command, not just the library: every keyed document of every key folder
/// (`tests/draft-keys*/sources`) drafts into a file that exists and passes validation (a
/// grouping's members that are not groups of the draft once made it refuse to write ASEAN).
#[test]
fn every_keyed_document_drafts_into_a_valid_file() {
    let dir = tempfile::tempdir().expect("temp");
    let folders = key_folders();
    assert!(
        folders.len() >= 4,
        "the development keys and three held-out sets at least: {folders:?}"
    );
    for folder in folders {
        let mut texts: Vec<PathBuf> = std::fs::read_dir(&folder)
            .expect("sources")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        texts.sort();
        assert!(!texts.is_empty(), "{}: no texts", folder.display());
        for text in texts {
            let stem = text
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let out = dir.path().join(format!("{stem}.json"));
            let (code, _, stderr) = crate::common::run(&[
                "draft",
                &text.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
            ]);
            assert_eq!(code, 0, "{stem}: {stderr}");
            assert!(out.is_file(), "{stem}: nothing written");
        }
    }
}
