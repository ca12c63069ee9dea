//! Applying fixes: the edits of safe (and, when asked, unsafe) fixes, without overlaps, repeated
//! until the text stops changing; and writing the result back atomically.

pub mod agreement;
pub mod write;

use crate::finding::{Applicability, Finding};
use crate::Linter;

/// How many check-and-fix rounds before giving up (a fix that keeps producing new findings is
/// a bug in a dictionary entry).
pub const MAX_ROUNDS: usize = 8;

/// Whether a fix of this applicability is applied.
pub fn wanted(a: Applicability, unsafe_fixes: bool) -> bool {
    match a {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// Applies the wanted fixes of `findings` to `text`. A fix whose edits overlap an edit already
/// taken is left for the next round. Returns the new text and the number of fixes applied.
pub fn apply(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        if !wanted(fix.applicability, unsafe_fixes) || fix.edits.is_empty() {
            continue;
        }
        let ok = fix.edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
                && taken.iter().all(|&(s, x, _)| {
                    // Disjoint ranges; two insertions at one point would be ambiguous.
                    (e.end <= s || x <= e.start) && !(e.start == e.end && s == x && s == e.start)
                })
        });
        if !ok {
            continue;
        }
        for e in &fix.edits {
            taken.push((e.start, e.end, e.replacement.as_str()));
        }
        applied += 1;
    }
    if applied == 0 {
        return (text.to_string(), 0);
    }
    taken.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for (s, e, r) in taken {
        out.push_str(&text[pos..s]);
        out.push_str(r);
        pos = e;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// The result of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// False when the text still changed after [`MAX_ROUNDS`] rounds.
    pub converged: bool,
}

/// Checks and fixes `text` until nothing changes (at most [`MAX_ROUNDS`] rounds).
pub fn fix_text(linter: &Linter, text: &str, unsafe_fixes: bool) -> Fixed {
    fix_text_as(linter, text, crate::formats::Format::Plain, unsafe_fixes)
}

/// [`fix_text`] for a text of the given format.
pub fn fix_text_as(
    linter: &Linter,
    text: &str,
    format: crate::formats::Format,
    unsafe_fixes: bool,
) -> Fixed {
    fix_text_with(text, unsafe_fixes, &|t| linter.check_format(t, format))
}

/// Fixes `text` with the findings `check` reports for each round's text (a file's whole
/// pipeline: format, checks, suppressions, configuration filters).
pub fn fix_text_with(
    text: &str,
    unsafe_fixes: bool,
    check: &dyn Fn(&str) -> Vec<crate::finding::Finding>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let findings = check(&current);
        let (next, n) = apply(&current, &findings, unsafe_fixes);
        if n == 0 || next == current {
            return Fixed {
                text: current,
                applied,
                converged: true,
            };
        }
        applied += n;
        current = next;
    }
    let still = apply(&current, &check(&current), unsafe_fixes).1 == 0;
    Fixed {
        text: current,
        applied,
        converged: still,
    }
}

/// A unified diff of `old` → `new` for `path` (empty when they are equal).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.trim_start_matches('/');
    let mut diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    if !diff.ends_with('\n') {
        diff.push('\n');
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Edit, Fix, Severity};

    fn finding(start: usize, end: usize, rep: &str, a: Applicability) -> Finding {
        Finding {
            rule: "t/x".into(),
            severity: Severity::Warning,
            category: Category::Fluency,
            start,
            end,
            message: "m".into(),
            suggestions: vec![rep.into()],
            reason: None,
            fix: Some(Fix {
                applicability: a,
                edits: vec![Edit {
                    start,
                    end,
                    replacement: rep.into(),
                }],
            }),
        }
    }

    #[test]
    fn applies_safe_and_skips_unsafe_and_overlaps() {
        let text = "uno dos tres";
        let fs = [
            finding(0, 3, "UNO", Applicability::Safe),
            finding(2, 5, "X", Applicability::Safe),
            finding(8, 12, "TRES", Applicability::Unsafe),
        ];
        assert_eq!(apply(text, &fs, false), ("UNO dos tres".into(), 1));
        assert_eq!(apply(text, &fs, true), ("UNO dos TRES".into(), 2));
    }

    #[test]
    fn never_splits_a_character() {
        let text = "año";
        let fs = [finding(1, 2, "n", Applicability::Safe)];
        assert_eq!(apply(text, &fs, false), ("año".into(), 0));
    }
}
