//! Property tests: no input, however broken, makes the loader or the importer panic.

use coopgraph::ingest::csv::import_dir;
use coopgraph::ingest::json::parse;
use coopgraph::model::validate::validate;
use proptest::prelude::*;
use std::path::Path;

/// Arbitrary JSON values, biased towards the dataset's field names so that deep paths are hit.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        "[a-z0-9 ./-]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            Just("schema".to_string()),
            Just("bodies".to_string()),
            Just("mechanisms".to_string()),
            Just("participants".to_string()),
            Just("id".to_string()),
            Just("parent".to_string()),
            Just("source".to_string()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key, inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::fuzz::cases(256), ..ProptestConfig::default() })]

    #[test]
    fn loader_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(dataset) = parse(&text, "fuzz.json") {
            let _ = validate(&dataset, Path::new("."));
        }
    }

    #[test]
    fn loader_never_panics_on_json_values(value in json_value()) {
        let text = value.to_string();
        if let Ok(dataset) = parse(&text, "fuzz.json") {
            let _ = validate(&dataset, Path::new("."));
        }
    }

    #[test]
    fn a_near_valid_dataset_never_panics(
        parents in prop::collection::vec(prop::option::of(0usize..6), 6),
        participants in prop::collection::vec(0usize..8, 0..10),
    ) {
        // Random parent links (cycles included) and participants (unknown ids included).
        let bodies: Vec<serde_json::Value> = parents.iter().enumerate().map(|(i, parent)| {
            let mut body = serde_json::json!({"id": format!("b{i}"), "name": "B", "kind": "k", "group": "g"});
            if let Some(p) = parent {
                body["parent"] = serde_json::json!(format!("b{p}"));
            }
            body
        }).collect();
        let participants: Vec<serde_json::Value> = participants.iter()
            .map(|p| serde_json::json!({"body": format!("b{p}")})).collect();
        let value = serde_json::json!({
            "schema": "coopgraph/1",
            "groups": [{"id": "g", "name": "G"}],
            "bodies": bodies,
            "mechanisms": [{"id": "m", "name": "M", "kind": "dialogue", "participants": participants}],
        });
        let dataset = parse(&value.to_string(), "fuzz.json").expect("well-formed");
        let _ = validate(&dataset, Path::new("."));
    }

    #[test]
    fn csv_importer_never_panics(
        bodies in prop::collection::vec(any::<u8>(), 0..256),
        mechanisms in "[a-z,;\"\n ]{0,80}",
        participants in "(body,mechanism,role\n)?[a-z,\n ]{0,60}",
    ) {
        let temp = tempfile::tempdir().expect("temp");
        std::fs::write(temp.path().join("bodies.csv"), &bodies).expect("write");
        std::fs::write(temp.path().join("mechanisms.csv"), mechanisms).expect("write");
        std::fs::write(temp.path().join("participants.csv"), participants).expect("write");
        let _ = import_dir(temp.path(), temp.path());
    }
}
