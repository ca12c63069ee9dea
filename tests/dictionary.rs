//! Dictionary examples are tests: every entry's bad examples must be flagged by that entry, and
//! its good examples must produce no finding at all. The data rules (unique ids, fixes, examples,
//! language prefixes) are checked on every embedded file.

use glosa::dictionary::{embedded_files, parse_file, Glossary};
use glosa::Linter;

fn languages() -> Vec<String> {
    Glossary::embedded_languages()
}

#[test]
fn every_embedded_file_is_valid() {
    let mut errors = Vec::new();
    for (path, text) in embedded_files() {
        let lang = path.split('/').next().unwrap();
        if let Err(e) = parse_file(path, text, Some(lang)) {
            errors.push(e.to_string());
        }
    }
    assert!(
        errors.is_empty(),
        "invalid dictionaries:\n{}",
        errors.join("\n")
    );
}

#[test]
fn ids_are_unique_per_language() {
    for lang in languages() {
        Glossary::embedded(&lang).unwrap_or_else(|e| panic!("{lang}: {e}"));
    }
}

#[test]
fn examples_are_flagged_and_legitimate_uses_are_not() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for lang in languages() {
        let linter = Linter::new(&lang, &[]).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let (f, n) = glosa::dictionary::examples::run(&linter, |_| true);
        failures.extend(f.iter().map(|f| f.to_string()));
        checked += n;
    }
    assert!(checked > 1000, "only {checked} examples");
    assert!(
        failures.is_empty(),
        "{} of {checked} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn built_in_rules_have_examples_that_hold() {
    let linter = Linter::new("es", &[]).unwrap();
    let mut failures = Vec::new();
    for r in linter.rules().iter().filter(|r| r.source == "built-in") {
        assert!(
            !r.bad.is_empty() && !r.good.is_empty(),
            "{} lacks examples",
            r.code
        );
        for bad in &r.bad {
            if !linter.check(bad).iter().any(|f| f.rule == r.code) {
                failures.push(format!("{}: not flagged: {bad:?}", r.code));
            }
        }
        for good in &r.good {
            for f in linter.check(good) {
                failures.push(format!(
                    "{}: good example flagged by {}: {good:?}",
                    r.code, f.rule
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_embedded_file_follows_the_json_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut errors = Vec::new();
    for (path, text) in embedded_files() {
        let doc: serde_json::Value = serde_json::from_str(text).unwrap();
        for e in validator.iter_errors(&doc) {
            errors.push(format!("{path}: {} at {}", e, e.instance_path));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({"language": "es", "entries": [{"id": "es/x", "concept": "x",
        "patterns": ["x"], "origin": {"lang": "en"}, "category": "nonsense", "severity": "warning",
        "fix_safety": "safe", "message": "m", "explanation": "e",
        "examples": {"bad": ["x"], "good": ["y"]}}]});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn noun_fixes_carry_their_gender() {
    // Agreement needs it: "la pista" → "el sector" only works when "sector" is known masculine.
    let mut missing = Vec::new();
    // Determiner agreement of fixes is Spanish only (other languages' gender-changing fixes are
    // unsafe or display-only), so only Spanish needs the gender of every noun fix.
    for lang in languages().into_iter().filter(|l| l == "es") {
        let g = Glossary::embedded(&lang).unwrap();
        for e in &g.entries {
            let noun = e.pos == Some(glosa::dictionary::Pos::Noun) || e.gender.is_some();
            for f in e.fixes.iter().filter(|f| noun && f.gender.is_none()) {
                missing.push(format!("{}: fix {:?}", e.id, f.text));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "noun fixes without gender:\n{}",
        missing.join("\n")
    );
}

#[test]
fn gender_changing_fixes_outside_spanish_are_not_safe() {
    // Outside Spanish glosa does not retarget the article ("le joueur" → "l'entreprise"), so a
    // fix of another gender than the wrong word must be reviewed.
    let mut bad = Vec::new();
    for lang in languages().into_iter().filter(|l| l != "es") {
        let g = Glossary::embedded(&lang).unwrap();
        for e in &g.entries {
            let (Some(wrong), true) = (e.gender, e.fix_safety == glosa::Applicability::Safe) else {
                continue;
            };
            // --fix applies the first fix.
            if let Some(f) = e
                .fixes
                .first()
                .filter(|f| f.gender.is_some_and(|g| g != wrong))
            {
                bad.push(format!("{}: safe fix {:?} changes gender", e.id, f.text));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
