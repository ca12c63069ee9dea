//! `--format sarif` is valid SARIF 2.1.0: checked against the OASIS schema (a copy in
//! tests/fixtures, see tests/fixtures/README.md) and read back for its content.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

fn schema() -> Value {
    let text = include_str!("fixtures/sarif-schema-2.1.0.json");
    serde_json::from_str(text).expect("schema parses")
}

#[test]
fn sarif_output_follows_the_schema_and_carries_findings_rules_and_fixes() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a b.txt"),
        "Los jugadores del mercado compiten en la pista de los coches eléctricos.\n\
         Llegó el el lunes.\n",
    )
    .expect("write");
    fs::write(dir.path().join("bad.txt"), b"caf\xe9\n").expect("write");
    let out = Command::cargo_bin("glosa")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "a b.txt", "bad.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a non-UTF-8 file is an error");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &doc["runs"][0];
    let results = run["results"].as_array().expect("results");
    let ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec![
            "es/players-as-companies",
            "es/track-as-sector",
            "mt/doubled-word"
        ]
    );
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(rules[i]["shortDescription"]["text"].as_str().is_some());
    }
    let loc = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "a%20b.txt");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 39);
    assert_eq!(loc["region"]["snippet"]["text"], "la pista");
    let fix = &results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(fix["insertedContent"]["text"], "el sector");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn schema_check_is_not_vacuous() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"results": [{"level": "loud"}]}]});
    assert!(!validator.is_valid(&bad));
}
