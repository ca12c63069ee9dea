//! Doubled words ("el el"), a common slip of machine translation and of editing.

use super::{builtin_doc, Check, RuleDoc, Segment};
use crate::finding::{Applicability, Category, Edit, Finding, Fix, Severity};
use crate::text::scan::Join;

pub struct DoubledWord;

const DOUBLED_WORD: &str = "mt/doubled-word";

/// Reduplications that are correct (emphasis, interjections).
const ALLOWED: [&str; 16] = [
    "no", "sí", "si", "muy", "ya", "casi", "bla", "ja", "je", "jo", "tan", "toc", "pum", "tic",
    "very", "ha",
];

/// Words a language legitimately doubles: pronoun + reflexive (fr "nous nous"), relative +
/// article (de "die die"), English "had had", "that that".
fn allowed_in(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &["nous", "vous", "bien", "très"],
        "de" => &["die", "der", "das", "den", "dem", "des", "sehr"],
        "en" => &["had", "that", "is", "do", "far", "so", "bye", "very"],
        "it" => &["molto", "piano", "pian"],
        "pt" => &["muito", "bem"],
        _ => &[],
    }
}

impl Check for DoubledWord {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            DOUBLED_WORD,
            Category::Fluency,
            Severity::Warning,
            Applicability::Safe,
            "the same word twice in a row",
            "A word is repeated (\"el el mercado\"). Emphatic reduplication (no no, muy muy, \
             casi casi) and numbers are left alone.",
            &["Las ventas de el el mercado crecieron."],
            &["No, no es eso.", "Estaba muy muy cansado."],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let t = seg.tokens;
        for k in 1..t.len() {
            let (a, b) = (&t[k - 1], &t[k]);
            if b.join != Join::Space || a.end - a.start != b.end - b.start {
                continue;
            }
            // One space only: a repeated word across a line break is usually two entries of a
            // list or catalog.
            if &seg.text[a.end..b.start] != " " {
                continue;
            }
            let (aw, bw) = (seg.word(a), seg.word(b));
            // Same spelling, or a capitalized first word at a sentence start ("El el").
            let same = aw == bw || {
                // "El el": the first letter differs in case only.
                let (mut ac, mut bc) = (aw.chars(), bw.chars());
                match (ac.next(), bc.next()) {
                    (Some(x), Some(y)) => {
                        x.is_uppercase()
                            && x.to_lowercase().eq(std::iter::once(y))
                            && ac.as_str() == bc.as_str()
                    }
                    _ => false,
                }
            };
            if !same {
                continue;
            }
            if !aw.chars().all(char::is_alphabetic) || aw.chars().all(char::is_uppercase) {
                continue;
            }
            // Tables and listings ("1 root root 4096"): a number next to the pair.
            let numeric = |t: Option<&crate::text::scan::Token>| {
                t.is_some_and(|t| seg.word(t).chars().all(|c| c.is_ascii_digit()))
            };
            if numeric(k.checked_sub(2).and_then(|i| t.get(i))) || numeric(t.get(k + 1)) {
                continue;
            }
            let lower = aw.to_lowercase();
            if ALLOWED.contains(&lower.as_str()) || allowed_in(seg.lang).contains(&lower.as_str()) {
                continue;
            }
            // A capitalized first word followed by a lowercase one is a sentence start
            // ("Que que ..." is still doubled); two different casings of a name are not.
            if aw.chars().count() == 1 && aw != "a" && aw != "y" && aw != "e" && aw != "o" {
                continue;
            }
            out.push(Finding {
                rule: DOUBLED_WORD.into(),
                severity: Severity::Warning,
                category: Category::Fluency,
                start: a.start,
                end: b.end,
                message: format!("«{aw}» twice in a row").into(),
                suggestions: vec![aw.to_string()],
                reason: None,
                fix: Some(Fix {
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        start: a.end,
                        end: b.end,
                        replacement: String::new(),
                    }],
                }),
            });
        }
    }
}
