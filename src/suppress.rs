//! Inline suppressions: findings inside a suppression comment's scope are dropped; a
//! suppression that drops nothing is itself reported, so stale comments do not pile up.

use crate::checks::{builtin_doc, RuleDoc};
use crate::config::filter::Selector;
use crate::finding::{Applicability, Category, Finding, Severity};
use crate::formats::Suppression;
use std::borrow::Cow;

/// Rule code of the warning for a suppression that suppresses nothing.
pub const UNUSED: &str = "glosa/unused-suppression";

/// The rule's documentation, listed with the others.
pub fn rule() -> RuleDoc {
    let mut doc = builtin_doc(
        UNUSED,
        Category::Style,
        Severity::Warning,
        Applicability::DisplayOnly,
        "suppression comment that suppresses nothing",
        "A `glosa-ignore` comment, or a `glosa off` … `glosa on` region, that no finding falls \
         under. It was probably left behind after the text was fixed, or names the wrong rule \
         code; remove it or correct the code.",
        &["<!-- glosa-ignore es/track-as-sector -->\nUn texto sin problemas."],
        &["<!-- glosa-ignore es/track-as-sector -->\nLa pista de los coches eléctricos crece en el mercado."],
    );
    doc.origin = None;
    // Its examples are Markdown, checked by the CLI tests rather than with the plain-text rules.
    doc.source = "built-in (inline suppressions)".into();
    doc
}

/// Drops the suppressed findings and adds a warning for each unused suppression.
pub fn apply(sups: &[Suppression], findings: &mut Vec<Finding>) {
    if sups.is_empty() {
        return;
    }
    let selectors: Vec<Vec<Selector>> = sups
        .iter()
        .map(|s| s.codes.iter().map(|c| Selector::parse(c)).collect())
        .collect();
    let mut used = vec![false; sups.len()];
    findings.retain(|f| {
        let mut keep = true;
        for (i, s) in sups.iter().enumerate() {
            let inside = f.start >= s.scope.start && f.start < s.scope.end;
            let named = selectors[i].is_empty()
                || selectors[i].iter().any(|x| x.matches(&f.rule, f.category));
            if inside && named {
                used[i] = true;
                keep = false;
            }
        }
        keep
    });
    let before = findings.len();
    for (s, _) in sups.iter().zip(&used).filter(|(_, u)| !**u) {
        findings.push(Finding {
            rule: Cow::Borrowed(UNUSED),
            severity: Severity::Warning,
            category: Category::Style,
            start: s.at,
            end: s.at_end,
            message: Cow::Borrowed("this suppression comment suppresses nothing"),
            suggestions: Vec::new(),
            reason: None,
            fix: None,
        });
    }
    if findings.len() != before {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{suppressions_from_comments, Span};

    fn f(rule: &'static str, start: usize) -> Finding {
        Finding {
            rule: Cow::Borrowed(rule),
            severity: Severity::Warning,
            category: Category::Terminology,
            start,
            end: start + 1,
            message: Cow::Borrowed("m"),
            suggestions: vec![],
            reason: None,
            fix: None,
        }
    }

    #[test]
    fn scoped_and_named_suppressions() {
        let sups = vec![
            Suppression {
                at: 0,
                at_end: 5,
                scope: Span { start: 6, end: 20 },
                codes: vec!["es/a".into()],
            },
            Suppression {
                at: 30,
                at_end: 35,
                scope: Span { start: 36, end: 50 },
                codes: vec![],
            },
        ];
        let mut v = vec![f("es/a", 7), f("es/b", 8), f("es/a", 25)];
        apply(&sups, &mut v);
        let got: Vec<(&str, usize)> = v.iter().map(|x| (&*x.rule, x.start)).collect();
        assert_eq!(got, vec![("es/b", 8), ("es/a", 25), (UNUSED, 30)]);
    }

    #[test]
    fn off_on_regions_from_comments() {
        let t = "a\n<!-- glosa off -->\nb\n<!-- glosa on -->\nc\n<!-- glosa-ignore -->\nd\n";
        let find = |s: &str| t.find(s).expect("in text");
        let comments: Vec<(std::ops::Range<usize>, &str)> = [
            "<!-- glosa off -->",
            "<!-- glosa on -->",
            "<!-- glosa-ignore -->",
        ]
        .iter()
        .map(|c| (find(c)..find(c) + c.len(), &c[4..c.len() - 3]))
        .collect();
        let sups = suppressions_from_comments(t, &comments);
        assert_eq!(sups.len(), 2);
        assert_eq!(&t[sups[0].scope.start..sups[0].scope.end], "\nb\n");
        assert_eq!(&t[sups[1].scope.start..sups[1].scope.end], "d");
    }
}
