//! Dictionary examples as tests: every bad example must be flagged by its entry, every good
//! example by nothing. Used by the test suite on the embedded glossaries and by
//! `glosa test-dict` on a user's own dictionary.

use crate::linter::Linter;

/// One example that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Rule code of the entry the example belongs to.
    pub rule: String,
    /// The example sentence.
    pub example: String,
    /// What went wrong, in one line.
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {:?}", self.rule, self.problem, self.example)
    }
}

/// Runs the examples of the entries whose id satisfies `select` (all when it says yes to all).
/// Returns the failures and the number of examples checked.
pub fn run(linter: &Linter, select: impl Fn(&str) -> bool) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in linter.glossary().entries.iter().filter(|e| select(&e.id)) {
        for bad in &e.examples.bad {
            checked += 1;
            let found = linter.check(bad);
            if !found.iter().any(|f| f.rule == e.id) {
                let got: Vec<String> = found
                    .iter()
                    .map(|f| format!("{} «{}»", f.rule, &bad[f.start..f.end]))
                    .collect();
                let problem = if got.is_empty() {
                    "bad example not flagged".to_string()
                } else {
                    format!("bad example not flagged (found: {})", got.join(", "))
                };
                failures.push(ExampleFailure {
                    rule: e.id.clone(),
                    example: bad.clone(),
                    problem,
                });
            }
        }
        for good in &e.examples.good {
            checked += 1;
            for f in linter.check(good) {
                failures.push(ExampleFailure {
                    rule: e.id.clone(),
                    example: good.clone(),
                    problem: format!(
                        "good example flagged by {} at «{}»",
                        f.rule,
                        &good[f.start..f.end]
                    ),
                });
            }
        }
    }
    (failures, checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linter::UserDict;

    #[test]
    fn a_wrong_example_is_reported() {
        let text = r#"{"language": "es", "entries": [{"id": "es/x-test", "concept": "x-test",
            "patterns": ["pista:n"], "fixes": [{"text": "sector", "gender": "m"}],
            "origin": {"lang": "zh"}, "category": "terminology", "severity": "warning",
            "fix_safety": "unsafe", "message": "m", "explanation": "e",
            "examples": {"bad": ["Una pista nueva.", "Nada que ver."], "good": ["Otra pista."]}}]}"#;
        let user = [UserDict {
            path: "x.json".into(),
            text: text.into(),
        }];
        let linter = Linter::new("es", &user).expect("valid dictionary");
        let (fails, checked) = run(&linter, |id| id == "es/x-test");
        assert_eq!(checked, 3);
        assert_eq!(fails.len(), 2, "{fails:?}");
        assert!(fails[0].problem.contains("not flagged"));
        assert!(fails[1]
            .problem
            .contains("good example flagged by es/x-test"));
    }
}
