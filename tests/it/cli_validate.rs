//! `validate`: one broken fixture per rule, each with its message, place and exit code.

use crate::common::{fixture, run, run_on};

/// (fixture, location, message part) for every error rule.
const CASES: &[(&str, &str, &str)] = &[
    (
        "unknown-body.json",
        "mechanisms[0].participants[1].body",
        "unknown body 'mod-soth'; did you mean 'mod-south'",
    ),
    (
        "duplicate-id.json",
        "mechanisms[1].id",
        "id 'navy-north' is already used by bodies[2]",
    ),
    (
        "parent-cycle.json",
        "bodies[0].parent",
        "parent links form a cycle: mod-north → navy-north → mod-north",
    ),
    (
        "unknown-area.json",
        "mechanisms[0].area",
        "unknown area 'defense'; did you mean 'defence'?",
    ),
    (
        "unknown-group.json",
        "bodies[4].group",
        "unknown group 'nrth'; did you mean 'north'?",
    ),
    (
        "unknown-source.json",
        "mechanisms[2].source.doc",
        "unknown source 'plna'; did you mean 'plan'?",
    ),
    (
        "missing-source-file.json",
        "sources[0].file",
        "cannot read source text",
    ),
    (
        "quote-not-found.json",
        "mechanisms[1].source.quote",
        "quote of mechanism 'naval-exercise' is not in source 'plan' (compared verbatim, whitespace-normalised); the text matches up to \"Naval exercise\" (line 7)",
    ),
    (
        "unknown-forum.json",
        "mechanisms[2].via[0]",
        "unknown forum 'regonal'; did you mean 'regional'?",
    ),
    (
        "forum-as-participant.json",
        "mechanisms[2].participants[2].body",
        "'regional' is a forum, expected a body",
    ),
    (
        "duplicate-participant.json",
        "mechanisms[1].participants[2].body",
        "body 'navy-north' is listed twice",
    ),
    (
        "unknown-parent.json",
        "bodies[3].parent",
        "unknown body 'mod-sout'; did you mean 'mod-south'",
    ),
    (
        "unknown-member.json",
        "forums[0].members[2]",
        "unknown body or group 'sout'; did you mean 'south'",
    ),
    (
        "wrong-schema.json",
        "schema",
        "unsupported schema 'coopgraph/9', expected \"coopgraph/2\" (coopgraph reads \"coopgraph/1\" and \"coopgraph/2\")",
    ),
    (
        "empty-quote.json",
        "mechanisms[0].source.quote",
        "the quote is empty",
    ),
];

#[test]
fn every_rule_reports_its_place_and_exits_2() {
    for (file, location, message) in CASES {
        let path = fixture(&format!("invalid/{file}"));
        let (code, stdout, stderr) = run_on(&path, &["validate"]);
        assert_eq!(code, 2, "{file}: exit code\n{stdout}\n{stderr}");
        let expected = format!("error: {location}: {message}");
        assert!(
            stdout.contains(&expected),
            "{file}: expected `{expected}` in\n{stdout}"
        );
        assert!(
            stdout.contains("1 error(s)"),
            "{file}: one error only\n{stdout}"
        );
        assert!(stderr.contains("is not valid"), "{file}: {stderr}");
    }
}

#[test]
fn other_commands_refuse_an_invalid_dataset_with_the_problems() {
    let path = fixture("invalid/unknown-body.json");
    let (code, stdout, stderr) = run_on(&path, &["stats"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown body 'mod-soth'"), "{stderr}");
    assert!(stderr.contains("is not a valid dataset"), "{stderr}");
}

#[test]
fn json_syntax_errors_name_file_line_column_and_path() {
    let path = fixture("invalid/syntax-error.json");
    let (code, _, stderr) = run_on(&path, &["validate"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("syntax-error.json:4:29: bodies[0]: expected `,` or `}`"),
        "{stderr}"
    );
    let path = fixture("invalid/wrong-type.json");
    let (code, _, stderr) = run_on(&path, &["validate"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "wrong-type.json:98:19: mechanisms[0].participants[0].role: invalid type: integer `1`, expected a string"
        ),
        "{stderr}"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let path = fixture("invalid/warnings-only.json");
    let (code, stdout, _) = run_on(&path, &["validate"]);
    assert_eq!(code, 0, "{stdout}");
    for expected in [
        "warning: mechanisms[1].source: mechanism 'naval-exercise' cites no source",
        "warning: bodies[5]: body 'lonely' takes part in no mechanism",
        "warning: mechanisms[2].source.ref: ref '1.3' of mechanism 'satellite-sharing', but its quote stands in item 2.1 (line 11)",
        "0 error(s), 3 warning(s)",
    ] {
        assert!(stdout.contains(expected), "expected `{expected}` in\n{stdout}");
    }
    let (code, stdout, _) = run_on(&path, &["validate", "--strict"]);
    assert_eq!(code, 2);
    assert!(stdout.contains("3 error(s), 0 warning(s)"), "{stdout}");
}

#[test]
fn problems_as_json_and_csv() {
    let path = fixture("invalid/unknown-area.json");
    let (code, stdout, _) = run_on(&path, &["validate", "--format", "json"]);
    assert_eq!(code, 2);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(value["errors"], 1);
    assert_eq!(value["problems"][0]["location"], "mechanisms[0].area");
    assert_eq!(value["problems"][0]["severity"], "error");
    let (_, stdout, _) = run_on(&path, &["validate", "--format", "csv"]);
    assert!(
        stdout.starts_with("severity,location,message\nerror,mechanisms[0].area,"),
        "{stdout}"
    );
}

#[test]
fn missing_dataset_file_is_an_input_error() {
    let (code, _, stderr) = run(&["--data", "no/such.json", "validate"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read dataset 'no/such.json'"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, stderr) = run(&["stats", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
    let (code, _, _) = run(&["no-such-command"]);
    assert_eq!(code, 2);
}

#[test]
fn the_minimal_fixture_is_clean() {
    let (code, stdout, _) = run_on(&fixture("valid/minimal.json"), &["validate", "--strict"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("3 quotes verified; 0 error(s), 0 warning(s)"),
        "{stdout}"
    );
}
