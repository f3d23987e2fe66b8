//! The bundled dataset: complete, valid, every quote verified in its source.

use crate::common::{root, run};
use coopgraph::ingest::json::{base_dir, load};
use coopgraph::model::validate::validate;

#[test]
fn bundled_dataset_validates_strictly_with_every_quote_verified() {
    let (code, stdout, stderr) = run(&["validate", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}");
    let path = root().join("data/japan-india-2009.json");
    let loaded = load(&path).expect("bundled dataset loads");
    let report = validate(&loaded.dataset, &base_dir(&path));
    assert_eq!(report.quotes.len(), loaded.dataset.mechanisms.len());
}

#[test]
fn bundled_dataset_covers_the_whole_action_plan() {
    let path = root().join("data/japan-india-2009.json");
    let dataset = load(&path).expect("loads").dataset;
    assert!(
        dataset.mechanisms.len() >= 45,
        "{}",
        dataset.mechanisms.len()
    );
    assert!(dataset.bodies.len() >= 40, "{}", dataset.bodies.len());
    // Every section 1-9 of the plan has at least one mechanism, with its ref in that section.
    for section in 1..=9 {
        let prefix = format!("{section}.");
        assert!(
            dataset
                .mechanisms
                .iter()
                .any(|m| m.source().is_some_and(|s| s.reference.starts_with(&prefix))),
            "no mechanism from section {section}"
        );
    }
    // Every parent link to a body from outside the text carries a note saying so.
    for body in dataset.bodies.iter().filter(|b| b.parent.is_some()) {
        assert!(body.note.is_some(), "{} has a parent but no note", body.id);
    }
    // The web-page debris is not part of the dataset.
    let text = std::fs::read_to_string(&path).expect("read");
    for debris in ["Media Center", "Write a Comment", "Verification Code"] {
        assert!(!text.contains(debris), "dataset contains '{debris}'");
    }
}

#[test]
fn the_bundled_source_text_is_the_shared_one() {
    // The shared copy sits beside the repository on developer machines and in CI.
    let shared = root().join("../shared/sources/japan-india-2009-action-plan.txt");
    let Ok(expected) = std::fs::read(&shared) else {
        eprintln!("SKIP: ../shared/sources is not beside this checkout");
        return;
    };
    let bundled = std::fs::read(root().join("data/sources/japan-india-2009-action-plan.txt"))
        .expect("bundled source");
    assert_eq!(bundled, expected);
}
